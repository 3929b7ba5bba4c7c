window.YTD.tweets.part1 = [ {
  "tweet" : {
    "retweeted" : false,
    "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
    "entities" : {
      "hashtags" : [],
      "symbols" : [],
      "user_mentions" : [],
      "urls" : []
    },
    "display_text_range" : [
      "0",
      "31"
    ],
    "favorite_count" : "0",
    "id_str" : "1366176359117750279",
    "truncated" : false,
    "retweet_count" : "0",
    "id" : "1366176359117750279",
    "created_at" : "Mon Mar 01 00:00:01 +0000 2021",
    "favorited" : false,
    "full_text" : "Part one of the export #archive",
    "lang" : "en",
    "edit_info" : {
      "initial" : {
        "editTweetIds" : [
          "1366176359117750279"
        ],
        "editableUntil" : "2021-02-01T08:30:00.000Z",
        "editsRemaining" : "5",
        "isEditEligible" : true
      }
    }
  }
} , {
  "tweet" : {
    "retweeted" : false,
    "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
    "entities" : {
      "hashtags" : [],
      "symbols" : [],
      "user_mentions" : [],
      "urls" : []
    },
    "display_text_range" : [
      "0",
      "20"
    ],
    "favorite_count" : "42",
    "id_str" : "1220108963148726273",
    "truncated" : false,
    "retweet_count" : "4",
    "id" : "1220108963148726273",
    "created_at" : "Wed Jan 22 22:20:20 +0000 2020",
    "favorited" : false,
    "full_text" : "Hello, world 👋 &lt;3",
    "lang" : "en",
    "edit_info" : {
      "initial" : {
        "editTweetIds" : [
          "1220108963148726273"
        ],
        "editableUntil" : "2021-02-01T08:30:00.000Z",
        "editsRemaining" : "5",
        "isEditEligible" : true
      }
    }
  }
} ]
