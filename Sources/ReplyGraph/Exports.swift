// `import ReplyGraph` brings the tweet model and readers along.
@_exported import TweetArchive
