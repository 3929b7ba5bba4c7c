window.YTD.tweets.part0 = [ {
  "tweet" : { "id_str" : "1220108963148726273", "full_text" : "ok", "created_at" : "Wed Jan 22 22:20:20 +0000 2020" }
}, {
  "tweet" : { "id_str" : "1220108963148726274"
    "full_text" : "missing comma" }
}, {
  "tweet" : { "full_text" : "no id" }
}, {
  "tweet" : { "id_str" : "1220108963148726275", "full_text" : "bad date", "created_at" : "Someday" }
}, garbage
{ "tweet" : { "id_str" : "1220108963148726276", "full_text" : "a } brace, a \" quote and a { in a string" } }
]
