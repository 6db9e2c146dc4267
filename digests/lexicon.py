"""What customers talk about at a counter, as concepts with the many ways staff write them.

Each concept has a readable label and its cue words and phrases (matched after the same light stemming
as the notes, so "queues", "queuing" and "queue" are one cue). The list is broad on purpose: a theme
the lexicon does not know is still found by the data-driven pass in ``digests.themes``.
"""

from __future__ import annotations

CONCEPTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "queues": ("Queues and waiting", (
        "queue", "queuing", "queueing", "line up", "long line", "in the line", "line for", "lines", "~line",
        "wait", "waited", "waiting", "ages", "took forever", "forever", "slow service", "too slow", "kept waiting",
        "to be served", "get served", "minutes to be served", "mins to be served", "hold up", "held up",
        "backed up", "only one till", "one till open", "two tills", "tills open", "tills on", "more tills",
        "not enough tills", "more checkouts", "checkouts open", "wait time", "waiting time", "stood for",
        "how long", "~rammed", "~packed", "~busy", "~tills", "stood in line", "to get to the till")),
    "self_checkout": ("Self-checkout machines", (
        "self checkout", "self-checkout", "self checkouts", "self service till", "self service tills",
        "self service machine", "self service machines", "self scan", "self scanning", "scan your own",
        "scan and go", "unexpected item", "bagging area", "kiosk", "scanner", "machine kept", "machines keep",
        "approval needed", "assistant needed", "sco", "~machine", "~machines", "~touch screen", "~barcode")),
    "prices": ("Prices and value", (
        "price", "prices", "pricey", "expensive", "overpriced", "cost", "costly", "dear", "rip off", "ripoff",
        "cheaper", "value for money", "price rise", "price increase", "went up", "gone up", "going up",
        "charged", "overcharged", "too much", "afford", "affordable", "pound more", "pence more", "double what",
        "daylight robbery", "cheap", "~discounters")),
    "stock": ("Products out of stock", (
        "out of stock", "sold out", "empty shelf", "empty shelves", "shelf empty", "shelves empty",
        "shelf bare", "bare shelf", "bare shelves", "shelves bare", "ran out", "run out", "running out",
        "none left", "no more", "unavailable", "~stock", "restock", "in stock", "back in", "~shelf", "~shelves",
        "discontinued", "~couldn't get", "~could not get", "can never find", "never have", "never any",
        "gaps on the shelves", "always missing", "~missing", "nothing left")),
    "staff_praise": ("Praise for staff", (
        "helpful", "friendly", "kind", "lovely staff", "polite", "great service", "brilliant service",
        "excellent service", "above and beyond", "extra mile", "went out of her way", "went out of his way",
        "thanked", "thank", "thank you", "thanks to", "praised", "praise", "compliment", "complimented",
        "so nice", "really nice", "pleasant", "made her day", "made his day", "best staff", "patient",
        "grateful", "welcoming", "caring", "attentive", "cheerful", "spot on", "credit to", "well done",
        "appreciated", "~brilliant", "~amazing", "~wonderful", "~fantastic", "~superb", "~lovely", "~great",
        "~helped", "good service", "lovely comment", "lovely feedback", "positive feedback")),
    "staff_rude": ("Rude or unhelpful staff", (
        "rude", "unhelpful", "ignored", "attitude", "dismissive", "unfriendly", "sarcastic",
        "couldn't care less", "not bothered", "brushed off", "snapped", "impolite", "disrespectful")),
    "staffing": ("Not enough staff on the floor", (
        "understaffed", "short staffed", "short-staffed", "not enough staff", "no staff", "no one around",
        "nobody around", "couldn't find anyone", "could not find anyone", "no one to help",
        "nobody to help", "no assistant", "staff shortage")),
    "cleanliness": ("Cleanliness and toilets", (
        "dirty", "filthy", "clean", "cleaner", "mess", "messy", "toilet", "toilets", "bathroom", "loo",
        "spill", "spillage", "smell", "smelly", "stink", "sticky", "litter", "rubbish", "bins",
        "hygiene", "unhygienic")),
    "parking": ("Parking", (
        "parking", "car park", "carpark", "parking space", "~spaces", "~space", "parked", "park on",
        "parking ticket", "parking charges", "parking fine", "pay and display", "disabled bay", "disabled bays",
        "blue badge", "blue badges", "parent and child space", "parent and child spaces", "~barrier")),
    "digital": ("App and website problems", (
        "app", "apps", "website", "online", "log in", "login", "logged out", "logged in", "password", "crash",
        "crashes", "crashed",
        "glitch", "bug", "error message", "web site", "site", "account", "order online",
        "click and collect", "checkout page", "~page", "~update", "notification", "online shop", "online basket",
        "mobile app", "~load", "~spinning", "web page", "~signal", "wifi", "wi fi")),
    "delivery": ("Home delivery", (
        "delivery", "delivered", "deliveries", "courier", "parcel", "driver", "delivery slot", "slot",
        "missing item", "missing items", "substitution", "substitutions", "substituted", "arrived late",
        "turned up late", "never arrived", "didn't arrive", "did not arrive")),
    "returns": ("Returns and refunds", (
        "refund", "refunds", "refunded", "return", "returns", "returned", "receipt", "exchange",
        "money back", "faulty", "broke after", "stopped working", "warranty", "credit note")),
    "hours": ("Opening hours", (
        "opening hours", "opening times", "open until", "open on sunday", "open on sundays", "closing time",
        "closed early", "closes early", "shut early", "sunday hours", "late night opening", "24 hours",
        "open later", "open earlier", "open longer", "what time you close", "what time do you close",
        "what time you open", "what time do you open", "hours")),
    "payments": ("Card payments and tills", (
        "card machine", "card reader", "contactless", "payment", "declined", "card declined", "cash",
        "chip and pin", "apple pay", "google pay", "pay by card", "cash only", "till system",
        "tills down", "till crashed", "terminal")),
    "accessibility": ("Access and mobility", (
        "wheelchair", "ramp", "accessible", "accessibility", "lift", "step", "steps", "pushchair",
        "pram", "buggy", "hearing loop", "mobility", "scooter", "walking stick", "blind", "partially sighted",
        "disabled access", "narrow aisle", "narrow aisles", "reach the top shelf")),
    "loyalty": ("Loyalty points and offers", (
        "loyalty", "points", "rewards", "reward", "voucher", "vouchers", "coupon", "offer", "offers",
        "discount", "promotion", "promo", "deal", "deals", "multibuy", "member price", "membership",
        "club card", "clubcard", "nectar", "stamp card")),
    "freshness": ("Freshness and product quality", (
        "fresh", "freshness", "stale", "mouldy", "moldy", "mould", "out of date", "expired", "use by",
        "best before", "quality", "rotten", "gone off", "bruised", "soggy", "went off", "short date",
        "short dated", "taste", "tasted")),
    "temperature": ("Store temperature and comfort", (
        "cold in", "freezing", "too cold", "too hot", "hot in", "air con", "air conditioning", "heating",
        "draught", "draughty", "stuffy", "temperature", "warm in")),
    "noise": ("Music and noise", (
        "music", "loud", "noise", "noisy", "announcement", "announcements", "tannoy", "quiet hour")),
    "dietary": ("Dietary options", (
        "gluten free", "gluten-free", "vegan", "vegetarian", "dairy free", "dairy-free", "allergen",
        "allergens", "allergy", "allergies", "halal", "kosher", "plant based", "plant-based", "lactose",
        "nut free", "coeliac", "celiac", "free from")),
    "bags": ("Bags and packaging", (
        "bag", "bags", "carrier bag", "plastic", "packaging", "wrapping", "paper bag", "bag for life",
        "recyclable", "recycling")),
    "layout": ("Finding things in store", (
        "couldn't find", "could not find", "can't find", "cannot find", "layout", "moved everything",
        "moved things", "aisle", "aisles", "signs", "signage", "hard to find", "rearranged", "reorganised")),
    "cafe": ("Café and hot food", (
        "coffee", "cafe", "café", "cup of tea", "sandwich", "sandwiches", "hot food", "menu", "breakfast menu",
        "lunch menu", "meal deal", "~bakery", "pastry", "pastries", "croissant")),
    "trolleys": ("Trolleys and baskets", (
        "trolley", "trolleys", "~basket", "~baskets", "coin for the trolley", "trolley coin", "wonky wheel")),
    "community": ("Community and causes", (
        "food bank", "foodbank", "donation", "donations", "donate", "charity", "fundraiser", "fundraising",
        "volunteer", "volunteering", "community", "raffle", "collection point", "local school")),
    "safety": ("Safety and security", (
        "shoplifting", "shoplifter", "security guard", "security", "unsafe", "theft", "stolen", "trip hazard",
        "slipped", "slippery", "wet floor", "fell", "injured")),
}

# Words that say nothing about a topic in a frontline note: who, where, and how it was said.
GENERIC = frozenset("""
customer customers cust custs client guest guests shopper shoppers regular regulars man woman lady gentleman gent
gents guy chap fella lad lass student students pensioner pensioners teen teenager teenagers sed
fyi btw cos coz abt ppl smth pls plz thx tbh imo asap w/ re: nb ps
bloke girl boy person people someone somebody couple family mum dad son daughter kid kids child
children husband wife partner friend elderly older younger old young
said says say saying told tell telling asked ask asking mentioned mention mentions complained complain
complaining complaint complaints commented comment remarked remark noted note notes wanted want
wants wondered wonder thought think thinks felt feel feels seemed seem seems came come comes went go
goes going got get gets getting made make makes mentioned today yesterday week weekend morning
afternoon evening night lunchtime teatime month months year years fortnight again still also really very
quite just bit lot lots much many
little time times day days thing things way one two three four five six first second last next back
store shop branch site counter desk floor here there again always never ever even though although
because since about around over under into onto from with without this that these those they them
their theirs there's it's its what when where which who whom whose why how would could should will
shall might must can cannot may had has have having was were been being are is am be do does did
doing done not no yes our ours we us you your yours he him his she her hers i me my mine an a the and
or but if then than so too of to in on at by for as up down out off per via etc ok okay well
thanks thank please sorry said re told asked name phone email card address account dob
whether any some every all each both either neither other others another such same own only
take takes took taken taking give gives gave given bring brings brought put puts keep keeps kept need
needs needed use used uses using look looks looked looking try tries tried show shows showed shown
new old big small good bad nice high low long short full sure able like likes liked lot lots okay
know knows knew see saw seen hear heard let lets help helps call called find found left right
start started stop stopped work worked working place places set sets point part sort well
chat chats chatted chatting talk talks talked talking joke jokes joked joking wondered wondering
showing shown explained explain mentioning reckons reckoned
""".split())

STOPWORDS = GENERIC
