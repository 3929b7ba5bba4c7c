#!/usr/bin/env python3
"""make-account-archive.py - a synthetic Twitter/X archive, laid out and zipped as Twitter ships it.

USAGE
    python3 make-account-archive.py OUT_DIR [--tweets N] [--media-mb M] [--seed S]

Writes OUT_DIR/archive/ (Your archive.html, data/manifest.js, data/tweets.js, data/account.js, data/like.js,
data/direct-messages.js, data/tweets_media/) and OUT_DIR/archive.zip (deflate, the folder's contents at the top
level). Tweets are pretty-printed as Twitter writes them, with made-up text drawn from a fixed vocabulary (so
they compress like real text) and reply ids; media is random bytes (stored as real archives' JPEGs compress
hardly at all). Nothing comes from a real archive. Same arguments, same bytes.
"""
import argparse, json, os, random, zipfile

WORDS = ("the a reply graph thread post archive manifest long short data tweet account export read write "
         "swift parse byte line element zip folder note media like follow share today tomorrow because while "
         "about with from into over under great small large quick slow first last next new old good bad "
         "engineering design system cache layer network server client query index build test bench").split()

def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--tweets", type=int, default=100000)
    p.add_argument("--media-mb", type=int, default=0)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rnd = random.Random(a.seed)
    root = os.path.join(a.out, "archive")
    data = os.path.join(root, "data")
    os.makedirs(os.path.join(data, "tweets_media"), exist_ok=True)
    with open(os.path.join(root, "Your archive.html"), "w") as f:
        f.write("<html><body>Your archive</body></html>\n")
    base = 1500000000000000000
    with open(os.path.join(data, "tweets.js"), "w") as f:
        f.write("window.YTD.tweets.part0 = [\n")
        for k in range(a.tweets):
            tid = base + k * 4194304 * 1000 + rnd.randrange(4194304)
            words = [rnd.choice(WORDS) for _ in range(rnd.randrange(5, 40))]
            if rnd.random() < 0.3:
                words.insert(0, "@user%d" % rnd.randrange(5000))
            if rnd.random() < 0.5:   # links and numbers: real text compresses less than a small vocabulary
                words.append("https://t.co/" + "".join(rnd.choice("abcdefghijkLMNOPQRS0123456789") for _ in range(10)))
            if rnd.random() < 0.3:
                words.insert(rnd.randrange(len(words)), str(rnd.randrange(100000)))
            tweet = {
                "edit_info": {"initial": {"editTweetIds": [str(tid)], "editableUntil": "2023-01-01T00:00:00.000Z",
                                          "editsRemaining": "5", "isEditEligible": True}},
                "retweeted": False, "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
                "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
                "display_text_range": ["0", "140"], "favorite_count": str(rnd.randrange(100)),
                "id_str": str(tid), "truncated": False, "retweet_count": str(rnd.randrange(20)),
                "id": str(tid), "created_at": "Wed Jan 22 22:20:%02d +0000 2020" % rnd.randrange(60),
                "favorited": False, "full_text": " ".join(words), "lang": "en",
            }
            if k > 0 and rnd.random() < 0.4:
                parent = str(base + (k - 1) * 4194304 * 1000)
                tweet["in_reply_to_status_id_str"] = parent
                tweet["in_reply_to_status_id"] = parent
            body = json.dumps({"tweet": tweet}, indent=2, ensure_ascii=False)
            f.write("  " + body.replace("\n", "\n  ") + (",\n" if k + 1 < a.tweets else "\n"))
        f.write("]")
    with open(os.path.join(data, "account.js"), "w") as f:
        f.write('window.YTD.account.part0 = [ { "account" : { "email" : "someone@example.com", "username" : '
                '"synthetic_owner", "accountId" : "1", "accountDisplayName" : "Synthetic Owner" } } ]')
    with open(os.path.join(data, "like.js"), "w") as f:
        f.write('window.YTD.like.part0 = [ { "like" : { "tweetId" : "1", "fullText" : "not ours" } } ]')
    with open(os.path.join(data, "direct-messages.js"), "w") as f:
        f.write('window.YTD.direct_messages.part0 = [ ]')
    manifest = {
        "userInfo": {"accountId": "1", "userName": "synthetic_owner", "displayName": "Synthetic Owner"},
        "archiveInfo": {"sizeBytes": "0", "generationDate": "2023-01-01T00:00:00.000Z", "isPartialArchive": False},
        "dataTypes": {
            "account": {"files": [{"fileName": "data/account.js", "globalName": "YTD.account.part0", "count": "1"}]},
            "directMessages": {"files": [{"fileName": "data/direct-messages.js", "globalName": "YTD.direct_messages.part0", "count": "0"}]},
            "like": {"files": [{"fileName": "data/like.js", "globalName": "YTD.like.part0", "count": "1"}]},
            "tweets": {"files": [{"fileName": "data/tweets.js", "globalName": "YTD.tweets.part0", "count": str(a.tweets)}],
                       "mediaDirectory": "data/tweets_media"},
        },
    }
    with open(os.path.join(data, "manifest.js"), "w") as f:
        f.write("window.__THAR_CONFIG = " + json.dumps(manifest, indent=2))
    for k in range(a.media_mb):
        with open(os.path.join(data, "tweets_media", "%d-media.jpg" % k), "wb") as f:
            f.write(rnd.randbytes(1 << 20))
    with zipfile.ZipFile(os.path.join(a.out, "archive.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for folder, _, files in sorted(os.walk(root)):
            for name in sorted(files):
                path = os.path.join(folder, name)
                kind = zipfile.ZIP_STORED if name.endswith(".jpg") else zipfile.ZIP_DEFLATED
                z.write(path, os.path.relpath(path, root), compress_type=kind)

if __name__ == "__main__":
    main()
