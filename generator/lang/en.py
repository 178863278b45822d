"""English: the words the rules are built from. Data only; the regular expressions live with the rules.

Lower-case unless the case matters; multi-word entries are written with single spaces.
"""

CODE = "en"

FUNCTION_WORDS = """
the a an and as at but by for from he her his if in into it its of on or our she so than that their them
then there these they this those to we what when where which while who why with you your yet also after
before because during however meanwhile since though although still now today yesterday tomorrow here
not no yes all any each every many most some such both either neither other another one two three
i me my mine us is are was were be been being has have had do does did will would can could should may might
nobody everybody everyone someone somebody anyone anybody nothing something
mr mrs ms dr sir
""".split()

COMMON_CAPITALISED = """
ai web internet update breaking exclusive ceo cto cfo coo chief executive officer director founder co-founder
head senior vice former president chairman chairwoman governor mayor senator minister secretary analysis
opinion news tech technology business markets politics sport sports culture lifestyle video watch live home
menu search
""".split()

# Abbreviations of common nouns, never the name of something a reader follows.
COMMON_ABBREVIATIONS = """
gdp vat ngo dna rna utc gmt ceo cfo cto coo ipo etf gps usb pdf sms ai faq hq diy ev evs suv pc llm llms gpu gpus
cpu cpus ssd ram tv atm agi asi
""".split()

NAME_GENERICS: list[str] = []  # English capitalises the generic of a name ("Oxford Street")
NOT_NAME_ADJECTIVES: list[str] = []  # French names take adjectives after them; English ones before

NAME_CONNECTORS = "of for the & and van von der al de".split()

ELISIONS: list[str] = []

ROLES = """
ceo cfo cto coo chief executive officer chairman chairwoman chair president founder co-founder cofounder head
director analyst researcher scientist minister engineer spokesperson spokesman spokeswoman governor mayor
senator lawyer attorney professor economist partner manager executive vice vp secretary representative
strategist investor adviser advisor consultant commissioner official editor reporter correspondent juror
general colonel captain lieutenant admiral sergeant prosecutor judge justice bishop cardinal pope coach
manager player defender striker forward midfielder goalkeeper winger referee unionist activist witness
investigator
""".split()
HONORIFICS = "mr. mrs. ms. dr. prof. sir mr mrs ms dr".split()
# Words that qualify a role: "Chief Financial Officer", "Executive Vice President".
ROLE_MODIFIERS = """
financial technology technical operating executive strategy marketing information product communications general
deputy senior junior acting interim principal managing associate assistant global chief
""".split()

# Speech verbs: base form -> the forms used in reported speech.
SPEECH_VERBS = {
    "say": "says said", "tell": "tells told", "write": "writes wrote written", "add": "adds added",
    "explain": "explains explained", "state": "states stated", "note": "notes noted",
    "announce": "announces announced", "argue": "argues argued", "warn": "warns warned",
    "insist": "insists insisted", "promise": "promises promised", "claim": "claims claimed",
    "observe": "observes observed", "repeat": "repeats repeated", "recall": "recalls recalled",
    "acknowledge": "acknowledges acknowledged", "admit": "admits admitted", "answer": "answers answered",
    "reply": "replies replied", "respond": "responds responded", "continue": "continues continued",
    "conclude": "concludes concluded", "suggest": "suggests suggested", "stress": "stresses stressed",
    "emphasize": "emphasizes emphasized", "emphasise": "emphasises emphasised", "tweet": "tweets tweeted",
    "post": "posts posted", "predict": "predicts predicted", "concede": "concedes conceded",
    "confirm": "confirms confirmed", "comment": "comments commented", "declare": "declares declared",
    "assert": "asserts asserted", "maintain": "maintains maintained", "believe": "believes believed",
    "think": "thinks thought", "ask": "asks asked", "joke": "jokes joked", "quip": "quips quipped",
    "recount": "recounts recounted", "describe": "describes described", "caution": "cautions cautioned",
    "complain": "complains complained", "boast": "boasts boasted",
}
AUXILIARIES = "has have had will would 'd".split()
SUBJECT_PRONOUNS = {"he": "he", "she": "she", "they": "they"}
OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}
ACCORDING_TO = ["according to", "in the words of"]
# Words before quotation marks that hold a title or a name, not speech: "the film "…"", "titled "…"".
TITLE_CUES = """
film films movie book books novel album song songs show series episode exhibition documentary column report
hashtag slogan motto operation programme program plan bill act titled entitled called named dubbed nicknamed
""".split() + ["known as", "under the name"]
DESCRIBED_SPEAKERS = ["spokesperson", "spokesman", "spokeswoman", "analyst", "executive", "official", "source",
                      "person", "people", "insider", "manager", "investor", "employee", "engineer", "expert",
                      "representative", "lawyer", "adviser", "advisor"]
ORGANISATION_DESCRIPTIONS = ["company", "firm", "group", "giant", "social media giant", "tech giant", "parent",
                             "daily", "newspaper", "paper", "magazine", "agency", "broadcaster", "network", "outlet",
                             "club", "union", "party", "ministry", "government", "organisation", "organization",
                             "carmaker", "automaker", "manufacturer", "maker"]
ARTICLES = "a an the its their his her".split()

ORGANISATION_NOUNS = """
startup start-up company firm group fund bank lab laboratory utility operator provider insurer maker
manufacturer chipmaker carmaker automaker publisher agency university school institute foundation nonprofit
regulator authority ministry department commission newspaper magazine outlet network broadcaster union
association coalition rival competitor investor partner customer client subsidiary unicorn retailer
""".split()
ORGANISATION_AFTER = "at joined acquired acquire acquires bought".split()
PLACE_PREPOSITIONS = ["in", "near", "at", "city of", "state of", "town of", "county of", "parish of"]
PLACE_NOUNS = """
city town village county parish state province country capital campus site center centre plant port region
district neighborhood
""".split()
PRODUCT_NOUNS = """
model app application assistant chatbot software version chip glasses headset platform project tool service
robot system processor wristband watch phone smartphone api
""".split()

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "a": 1, "an": 1,
}
APPROXIMATE_NUMBERS = {"dozen": 12, "dozens": 12, "score": 20, "hundreds": 100, "thousands": 1000}
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "trillions": 1e12, "tn": 1e12,
    "t": 1e12,
}
NUMBER_JOINERS = ["and", "to", "or", "-"]
DECIMAL_SEPARATOR = "."
TIME_UNITS = """
year years yr yrs month months day days hour hours hr hrs minute minutes min mins second seconds week weeks
century centuries decade decades quarter quarters am pm january february march april may june july august
september october november december
""".split()
NOT_COUNTED = "of-to per out".split()

UNITS = {
    "parameters": "parameters", "params": "parameters", "data centers": "data centres", "data centres": "data centres",
    "data center": "data centres", "datacenters": "data centres", "gpus": "chips", "chips": "chips",
    "accelerators": "chips", "graphics processors": "chips", "employees": "employees", "staff": "employees",
    "workers": "employees", "researchers": "researchers", "engineers": "engineers", "users": "users",
    "subscribers": "users", "downloads": "downloads", "countries": "countries", "tokens": "tokens",
    "megawatts": "MW", "mw": "MW", "gigawatts": "GW", "gigawatt": "GW", "gw": "GW", "jobs": "jobs",
    "experts": "experts", "times": "times",
    "gwh": "GWh", "gigawatt-hours": "GWh", "gigawatt hours": "GWh", "gigawatt-hour": "GWh", "mwh": "MWh",
    "megawatt-hours": "MWh", "megawatt hours": "MWh", "kwh": "kWh", "kilowatt-hours": "kWh", "twh": "TWh",
    "terawatt-hours": "TWh", "kw": "kW", "kilowatts": "kW", "tonnes": "t", "tons": "t", "metric tons": "t",
    "kilometres": "km", "kilometers": "km", "km": "km", "miles": "mi", "kg": "kg", "kilograms": "kg",
    "hectares": "ha", "acres": "acres", "square metres": "m²", "square meters": "m²", "litres": "l", "liters": "l",
}
CURRENCY_WORDS = {
    "USD": ["dollars", "dollar", "us dollars", "usd"],
    "EUR": ["euros", "euro", "eur"],
    "GBP": ["pounds", "pound", "pounds sterling", "gbp"],
    "CNY": ["yuan", "renminbi", "cny", "rmb"],
    "CHF": ["swiss francs", "chf"],
    "CAD": ["canadian dollars", "cad"],
}

RELATED_LABELS = [
    "related", "related articles", "related stories", "related content", "related reading", "related coverage",
    "read more", "read also", "see also", "more from", "you may also like", "you might also like",
    "recommended", "recommended for you", "trending", "trending now", "most read", "most popular", "most viewed",
    "most shared", "top stories", "latest", "latest news", "latest headlines", "more stories", "more on this story",
    "more on this topic", "explore more on these topics", "suggested topics", "also in", "also on", "editor's picks",
    "popular", "up next", "what to read next", "read next", "don't miss", "news tracker", "related press releases",
    "sponsored stories", "around the web", "from our partners", "go deeper", "more coverage",
]
COMMENT_LABELS = [
    "comments", "comment", "add a comment", "leave a comment", "post a comment", "view comments", "show comments",
    "discussion about this post", "join the discussion", "join the conversation", "reply", "report abuse",
    "comments are closed", "comments are closed for this article", "you must be logged in to post a comment",
    "reader comments", "your comment", "restacks", "responses",
]
SHARE_WORDS = ["save for later", "bookmark", "save this article", "follow", "follow this topic",
               "share", "share this", "share this article", "tweet", "print", "email", "email this",
               "copy link", "save", "save article", "reuse this content", "print this article",
               "email this article", "listen", "listen to this article", "gift this article", "digg this"]
SUBSCRIBE_WORDS = ["subscribe", "sign up", "follow us", "get our", "newsletter", "join our",
                   "already a subscriber", "subscribe for free", "support us", "become a member", "start writing",
                   "get the app", "download the app", "free trial", "special offer"]
ACCOUNT_WORDS = ["sign in", "log in", "login", "log out", "my account", "create an account", "register",
                 "sign out", "e-edition"]
NAVIGATION_WORDS = ["menu", "search", "home", "skip to main content", "skip to content", "skip navigation",
                    "back to top", "close", "next", "previous", "more", "watch live", "live", "video", "audio"]
READING_TIME = ["min read", "minute read", "minutes read", "reading time", "read time"]
COOKIE_WORDS = ["cookies", "accept", "accept all", "reject all", "manage preferences", "cookie settings",
                "manage cookies", "i agree", "agree"]
DATE_LABELS = ["published", "published on", "updated", "updated on", "posted", "posted on", "last updated",
               "first published", "modified", "on"]
BYLINE_WORDS = ["by", "written by", "words by", "reporting by", "with"]
AUTHOR_BIO_VERBS = ["is", "was", "has been"]
AUTHOR_BIO_NOUNS = ["reporter", "journalist", "correspondent", "writer", "editor", "columnist", "contributor",
                    "researcher", "professor", "author", "analyst", "producer", "staff writer", "senior writer",
                    "freelance"]
DISCLAIMERS = [
    "views expressed", "do not necessarily reflect", "does not constitute", "not investment advice",
    "for informational purposes", "all rights reserved", "terms of service", "terms of use", "privacy policy",
    "cookie policy", "powered by", "our standards", "trust principles", "we may earn a commission",
    "affiliate link", "affiliate links", "this article was", "this story was", "originally appeared",
    "originally published", "editing by", "reporting by", "additional reporting by", "media contact",
    "for more information, visit", "forward-looking statements",
]
SECTION_WORDS = ["analysis", "opinion", "exclusive", "explainer", "interview", "review", "feature", "live",
                 "breaking", "breaking news", "commentary", "editorial", "podcast", "video", "key points"]
SECTION_NAMES = """
news world politics economics economy business markets finance money industry industries companies tech technology
science health sport sports culture arts entertainment lifestyle travel opinion opinions national international
local us uk europe asia africa americas middle east environment climate energy autos motoring property jobs careers
education media wire archive archives more latest top stories home front page
""".split()
CAPTION_WORDS = ["photo", "photos", "image", "picture", "credit", "credits", "photograph", "illustration",
                 "caption", "file photo", "video"]
PAYWALL = ["to read this article in full", "to continue reading", "subscribe to continue", "subscribers only",
           "premium article", "premium content", "registered article", "you must be registered", "your account has been",
           "already have an account", "create a free account", "this article is for subscribers", "you have reached your",
           "free articles remaining", "the full article contains"]
AD_WORDS = ["advertisement", "advertising", "sponsored", "sponsored content", "ad", "paid content",
            "partner content", "promoted"]
