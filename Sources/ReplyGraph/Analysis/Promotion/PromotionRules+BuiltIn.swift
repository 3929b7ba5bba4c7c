extension PromotionRules {
    /// The built-in rules in the rules-file format (the same loader reads them, so the format stays tested).
    static let builtInJSON = #"""
        {
          "mode": "replace",
          "categories": {
            "newsletter": {
              "phrases": [
                "subscribe here", "subscribe now", "you can subscribe"
              ],
              "patterns": [
                "subscrib* ..6 newsletter*", "newsletter* ..10 subscrib*|sign",
                "you might like my|our|the ..4 newsletter", "my|our|bytebytego ..3 newsletter", "newsletter ..4 ( <url>",
                "newsletter :|( <url>", "sign up ..6 newsletter",
                "join ..8 newsletter|subscribers|readers|community ..6 subscribe", "writing the|my|our ..3 newsletter",
                {"text": "youtube|video|videos|channel ..4 subscribe here|now", "weight": -1}
              ],
              "domains": [
                "substack.com"
              ],
              "exclude": [
                "watch and subscribe", "subscribe to receive updates"
              ]
            },
            "video": {
              "phrases": [
                "watch and subscribe", "in this video", "in this short video", "tomorrow's video", "make more videos",
                "full video", "in this youtube video", "watch our youtube video", "videos made by us"
              ],
              "patterns": [
                "subscrib* ..6 youtube|channel", "our|my ..3 youtube|video|videos|channel", "youtube|yt ..2 : <url>",
                "( video|youtube|yt",
                "videos should we make", "you might like ..8 video|videos|youtube",
                "we|i just ..2 published|released|posted|uploaded|made ..4 video",
                "video ..6 is ready|is out|is live|finally ready",
                "youtube|video|videos|channel ..4 subscribe here|now"
              ],
              "domains": [
                "youtube.com", "youtu.be"
              ]
            },
            "book": {
              "phrases": [
                "link to the book", "table of contents", "author copies", "translation of my book",
                "make a living by writing", "author of a popular", "get the book", "buy the book", "buy my book",
                "order the book", "when the book is live", "when the book is available"
              ],
              "patterns": [
                "my|our|new ..2 book|books ..8 available|released|launch*", "is|are now available ..6 book|books|amazon",
                "signed ..3 book|books|copies", "book|books ..3 giveaway", "giveaway ..6 book|books",
                "copies of ..6 book|books", "our|my books ..2 have|has ..3 reviews", "our|my book ..2 ranked",
                "book launch", "digital version ..6 book|volume|interview|sd|sdi", "new book", "our book",
                "book|books|volume|interview|guide|) ..2 will|is|are be|now available|live|out",
                "book|books|version|volume|interview|guide ..10 is|are available now",
                "book|books ..1 is|are available at|here|on|:", "my|our ..4 book|books ..4 translat*"
              ],
              "exclude": [
                "glad ..6 book", "liked my book", "like my book", "not available", "no e book", "no ebook"
              ]
            },
            "course_or_product": {
              "phrases": [
                "the pdf", "pdf version", "big pdf", "learning challenge", "premium plan", "lifetime access", "enroll",
                "enrol", "% discount", "passes to the online course", "at checkout"
              ],
              "patterns": [
                "subscriptions to ..3 bytebytego", "% off", "our|my ..5 course", "discount code", "coupon",
                "passes to ..3 course", "course : <url>"
              ]
            },
            "follow_retweet": {
              "phrases": [
                "follow me", "consider following", "retweet the first tweet", "like retweet the first", "like and rt",
                "like and retweet", "retweet to enter", "rt to enter", "follow him", "follow her", "follow us"
              ],
              "patterns": [
                "appreciate a|your ..4 retweet|rt|like|reply", "follow & retweet|rt", "follow ..2 @*"
              ]
            },
            "next_week_preview": {
              "patterns": [
                "next week ..3 cover|discuss|talk|explore|share"
              ]
            }
          }
        }
        """#
}
