module.exports = [ {
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
      "39"
    ],
    "favorite_count" : "2",
    "id_str" : "1356150290641846274",
    "truncated" : false,
    "retweet_count" : "0",
    "id" : "1356150290641846274",
    "created_at" : "Mon Feb 01 08:00:00 +0000 2021",
    "favorited" : false,
    "full_text" : "@Bob_B @carol Good point. Thread below.",
    "lang" : "en",
    "in_reply_to_status_id_str" : "1356142740894646277",
    "in_reply_to_status_id" : "1356142740894646277",
    "in_reply_to_user_id_str" : "783214",
    "in_reply_to_user_id" : "783214",
    "in_reply_to_screen_name" : "Bob_B",
    "edit_info" : {
      "initial" : {
        "editTweetIds" : [
          "1356150290641846274"
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
      "138"
    ],
    "favorite_count" : "0",
    "id_str" : "1356531552875446275",
    "truncated" : false,
    "retweet_count" : "120",
    "id" : "1356531552875446275",
    "created_at" : "Tue Feb 02 09:15:00 +0000 2021",
    "favorited" : false,
    "full_text" : "RT @erin_dev: A very long retweet whose text the export cut at one hundred and forty characters, as it always does for old-style retweets…",
    "lang" : "en",
    "edit_info" : {
      "initial" : {
        "editTweetIds" : [
          "1356531552875446275"
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
      "urls" : [
        {
          "url" : "https://t.co/ZzZzZzZzZz",
          "expanded_url" : "https://twitter.com/erin_dev/status/1350050094904246278",
          "display_url" : "twitter.com/erin_dev/stat…",
          "indices" : [
            "16",
            "39"
          ]
        }
      ]
    },
    "display_text_range" : [
      "0",
      "39"
    ],
    "favorite_count" : "0",
    "id_str" : "1356935464350646276",
    "truncated" : false,
    "retweet_count" : "0",
    "id" : "1356935464350646276",
    "created_at" : "Wed Feb 03 12:00:00 +0000 2021",
    "favorited" : false,
    "full_text" : "This is the way https://t.co/ZzZzZzZzZz",
    "lang" : "en",
    "quoted_status_id_str" : "1350050094904246278",
    "edit_info" : {
      "initial" : {
        "editTweetIds" : [
          "1356935464350646276"
        ],
        "editableUntil" : "2021-02-01T08:30:00.000Z",
        "editsRemaining" : "5",
        "isEditEligible" : true
      }
    }
  }
} ];
