window.YTD.tweet.part0 = [ {
  "retweeted" : false,
  "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
  "entities" : {
    "hashtags" : [],
    "symbols" : [],
    "user_mentions" : [],
    "urls" : [],
    "media" : [
      {
        "id_str" : "1",
        "type" : "photo",
        "media_url" : "https://pbs.twimg.com/a.jpg"
      }
    ]
  },
  "display_text_range" : [
    "0",
    "49"
  ],
  "favorite_count" : "12",
  "id_str" : "1102435025548214273",
  "truncated" : false,
  "retweet_count" : "3",
  "id" : "1102435025548214273",
  "created_at" : "Mon Mar 04 05:06:07 +0000 2019",
  "favorited" : false,
  "full_text" : "Shipping the new cache layer today &amp; tomorrow",
  "lang" : "en"
} , {
  "retweeted" : false,
  "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
  "entities" : {
    "hashtags" : [],
    "symbols" : [],
    "user_mentions" : [
      {
        "name" : "Carol",
        "screen_name" : "carol",
        "indices" : [
          "0",
          "6"
        ],
        "id_str" : "5402612",
        "id" : "5402612"
      }
    ],
    "urls" : []
  },
  "display_text_range" : [
    "0",
    "42"
  ],
  "favorite_count" : "0",
  "id_str" : "1102871371576246274",
  "truncated" : false,
  "retweet_count" : "0",
  "id" : "1102871371576246274",
  "created_at" : "Tue Mar 05 10:00:00 +0000 2019",
  "favorited" : false,
  "full_text" : "@carol Agreed, it depends on the workload.",
  "lang" : "en",
  "in_reply_to_status_id_str" : "1102856272081846276",
  "in_reply_to_status_id" : "1102856272081846276",
  "in_reply_to_user_id_str" : "5402612",
  "in_reply_to_user_id" : "5402612",
  "in_reply_to_screen_name" : "carol"
} , {
  "retweeted" : false,
  "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
  "entities" : {
    "hashtags" : [],
    "symbols" : [],
    "user_mentions" : [
      {
        "name" : "Dave",
        "screen_name" : "dave",
        "indices" : [
          "3",
          "8"
        ],
        "id_str" : "99887766",
        "id" : "99887766"
      }
    ],
    "urls" : []
  },
  "display_text_range" : [
    "0",
    "38"
  ],
  "favorite_count" : "0",
  "id_str" : "1103248858936246275",
  "truncated" : false,
  "retweet_count" : "7",
  "id" : "1103248858936246275",
  "created_at" : "Wed Mar 06 11:00:00 +0000 2019",
  "favorited" : false,
  "full_text" : "RT @dave: Big news from the team today",
  "lang" : "en"
} ]
