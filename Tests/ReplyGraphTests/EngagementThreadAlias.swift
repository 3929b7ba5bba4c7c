// Foundation also declares `Thread`; this file imports only ReplyGraph so the alias names the thread model.
import ReplyGraph

typealias PromotionThread = Thread
