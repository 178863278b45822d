"""Page furniture: what a scraper brings along that is not the article, recognised line by line.

Each rule is a named pattern for one kind of furniture, built from the vocabulary of `generator.lang` (French
and English) and written for the kind, not for one site: comment counters, "read also" teasers, bylines and
author blocks, share, subscribe and login prompts, reading times, captions and credits, tracking code, date
headers, cookie notices, disclaimers, tags, promotions, embedded posts, breadcrumbs. A rule only matches a whole
short line, so a rule never costs an article sentence; whatever is removed is returned with its reason, for the
export and the build log.

These rules are the named half of furniture removal. For text scraped from a whole page, `page.py` adds the
signals that do not depend on any wording (where the article is on the page, how much a line reads like prose,
what the corpus repeats); for Markdown and HTML, whose format already delimits the article, the rules run alone.

Some furniture carries metadata ("Source : https://…", "Par Jeanne Martin", "Publié le 3 mars 2025"): those
rules also say what they learnt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..lang import alternation, day_names, month_numbers, union
from ..model import Dropped
from .lines import Line, word_count

_I = re.IGNORECASE
URL = re.compile(r"https?://[^\s<>\"')\]]+", _I)
SEPARATORS = r"[|•·∙/>›»\-–—,:]"


def _words(name: str) -> str:
    return alternation(union(name))


@dataclass(frozen=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]
    max_words: int = 12
    # Furniture that announces the next lines: a bare "À lire aussi" is followed by unrelated headlines.
    takes_next: Callable[[Line], bool] | None = None
    # What the matched line tells about the article: returns {"outlet": ..., "author": ..., "dateline": ...}
    learn: Callable[[re.Match[str], Line | None], dict[str, str]] | None = None
    # The article is over: what follows is comments or the publisher's boilerplate
    ends_article: bool = False
    # A last look at the match, for what a regular expression says badly
    accept: Callable[[re.Match[str]], bool] | None = None


@dataclass
class Cleaned:
    lines: list[Line]
    dropped: list[Dropped] = field(default_factory=list)
    learnt: dict[str, str] = field(default_factory=dict)
    title: str | None = None  # the headline, when the page analysis found one


def is_headline_like(line: Line) -> bool:
    """A teaser headline: short, one sentence, not ending like a sentence of the article."""
    return word_count(line.text) <= 20 and not line.text.endswith((".", ":", ";", ","))


def _is_name_or_site(line: Line) -> bool:
    return word_count(line.text) <= 5 and not line.text.endswith((".", ":", "?", "!"))


def _learn_source(match: re.Match[str], _next: Line | None) -> dict[str, str]:
    value = match.group("value").strip()
    url = URL.search(value)
    return {"source_url": url.group(0).rstrip(".,;")} if url else {"outlet": value.rstrip(".")}


def _learn_author_block(_match: re.Match[str], following: Line | None) -> dict[str, str]:
    if following is None:
        return {}
    name = following.text
    # "MondeTech.fr" is a site, "Jeanne Martin" a person.
    return {"outlet": name} if re.search(r"\.[a-z]{2,6}$", name, _I) else {"author": name}


def _learn_byline(match: re.Match[str], _next: Line | None) -> dict[str, str]:
    learnt = {"author": match.group("name").strip()}
    if match.groupdict().get("outlet"):
        learnt["outlet"] = match.group("outlet").strip()
    return learnt


def _few_more_words(match: re.Match[str]) -> bool:
    """After a date: a byline, a reading time, "Updated ago"; not the rest of a sentence."""
    rest = match.group("rest").strip(" |·,–-")
    return len(re.findall(r"\w+", rest)) <= 5 and not rest.endswith((".", "!", "?", ":", ";"))


def _learn_dateline(match: re.Match[str], _next: Line | None) -> dict[str, str]:
    return {"dateline": match.group(0)}


_NAME = r"[A-ZÀ-Ý][\w'’.-]+(?:\s+(?:de\s+|van\s+|von\s+|le\s+|la\s+)?[A-ZÀ-Ý][\w'’.-]+){0,3}"
_RELATED = _words("RELATED_LABELS")
_COMMENTS = _words("COMMENT_LABELS")
_SHARE = _words("SHARE_WORDS")
_SUBSCRIBE = _words("SUBSCRIBE_WORDS")
_ACCOUNT = _words("ACCOUNT_WORDS")
_NAVIGATION = _words("NAVIGATION_WORDS")
_COOKIES = _words("COOKIE_WORDS")
_DISCLAIMERS = _words("DISCLAIMERS")
_CAPTION = _words("CAPTION_WORDS")
_ADS = _words("AD_WORDS")
_READING = _words("READING_TIME")
_DATE_LABELS = _words("DATE_LABELS")
_BYLINE = _words("BYLINE_WORDS")
_BIO_VERBS = _words("AUTHOR_BIO_VERBS")
_BIO_NOUNS = _words("AUTHOR_BIO_NOUNS")
_SECTIONS = _words("SECTION_WORDS")
_SECTION_NAMES = _words("SECTION_NAMES")
_FUNCTION_WORDS = frozenset(w.casefold() for w in union("FUNCTION_WORDS"))  # "The big picture" is a heading
_WEEKDAYS = alternation(day_names())
_MONTHS = alternation(month_numbers())
_MONTH = r"[^\W\d_]{3,10}\.?"
DATE = (r"(?:\d{1,2}(?:er|st|nd|rd|th)?\s+" + _MONTH + r",?\s+\d{4}|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
        r"|\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}-\d{2}-\d{2})")
TIME = r"(?:\s*(?:à|at|,|-|–)?\s*\d{1,2}\s*(?:[h:.]\s*\d{0,2}|\s*h\s*\d{0,2})(?:\s*(?:am|pm))?(?:\s*(?-i:[A-Z]{2,4}|GMT[+-]?\d*))?)?"
# A list of menu entries, share buttons or account links on one line: "Se connecter | S'abonner".
_ONLY = lambda words: re.compile(rf"^(?:(?:{words})\s*{SEPARATORS}?\s*)+$", _I)  # noqa: E731

RULES: tuple[Rule, ...] = (
    # "Posted by: Travis on December 29, 2007 01:59 PM", "Jean-Pierre B. 15 avril 2025 à 9 h 14": the signature of
    # a comment, or of a blog post, after which the comments come.
    Rule("comment signature", re.compile(
        rf"^(?:(?:posted|submitted|written|commented|publié|posté)\s+(?:by|par)\s*:?\s+.{{1,60}}?\s+(?:on|at|le|à)\s+"
        rf"(?:(?:{_WEEKDAYS})\.?,?\s+)?{DATE}.*"
        rf"|(?!(?:{_DATE_LABELS}|{_WEEKDAYS}|{_MONTHS})\b)(?-i:[A-ZÀ-Ý][\w'’.-]*(?:\s+[A-ZÀ-Ý][\w'’.-]*){{0,2}})"
        rf"\s*,?\s+(?:le\s+)?{DATE}{TIME}"
        rf"|.{{1,40}}\s(?:says|said|a\s+dit|wrote|écrit)\s*:)$", _I), max_words=24, ends_article=True),
    Rule("comment tools", re.compile(
        r"\b(?:report\s+(?:this\s+)?(?:comment|abuse|post)|recommend\s+this\s+comment|signaler\s+(?:un\s+|ce\s+)?"
        r"(?:abus|commentaire|contenu)|comments?\s+(?:have|are)\s+(?:now\s+)?(?:been\s+)?closed|commentaires?\s+(?:sont\s+)?fermés)\b",
        _I), max_words=14, ends_article=True),
    Rule("comment counter", re.compile(
        rf"^(?:\d+\s+)?(?:{_COMMENTS})\s*(?:\(\d+\)|:\s*\d+|\d+|\([^()]{{0,40}}\))?\.?$", _I), ends_article=True),
    Rule("read-also teaser", re.compile(rf"^(?:{_RELATED})\s*[:»>\-–—]?\s*$", _I), takes_next=is_headline_like),
    Rule("read-also teaser", re.compile(
        rf"^(?:{_words('RELATED_LABELS')})\s*[:»>\-–—]\s*[^.!?]+[.!?]?\s*$|"
        rf"^(?:à\s+lire\s+aussi|lire\s+aussi|read\s+(?:also|more)|see\s+also|voir\s+aussi|article\s+à\s+lire|go\s+deeper)"
        r"\s+[^.!?]+[.!?]?\s*$", _I), max_words=30),
    Rule("author block", re.compile(r"^(?:author\s+avatar|avatar|photo\s+de\s+l['’]auteur|author\s+(?:image|photo))$", _I),
         takes_next=_is_name_or_site, learn=_learn_author_block),
    Rule("byline", re.compile(
        rf"^(?i:{_BYLINE})\s+(?P<name>{_NAME}(?:\s+(?i:and|et)\s+{_NAME})?)"
        rf"(?:\s+(?i:at|à|au|in)\s+(?:the\s+|le\s+|la\s+|l['’])?[A-ZÀ-Ý][^,|]{{1,40}}?)?"  # "… at the Allianz Arena"
        rf"(?:\s*(?:,|\||-|–|—|(?i:pour|for|in))\s*(?P<outlet>[^,|]{{2,40}}?))?(?:\s*\|.*)?\s*$"), max_words=14,
         learn=_learn_byline),
    Rule("source line", re.compile(r"^(?:source|sources|lien|link|via|original)\s*:\s*(?P<value>\S.*)$", _I),
         max_words=15, learn=_learn_source),
    Rule("share prompt", re.compile(
        rf"^(?:{_SHARE})(?:\s+(?:sur|on|cet\s+article|this(?:\s+article)?|via|-le))?\s*!?"
        r"(?:\s*[:|,·∙]?\s*(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|reddit|bluesky|threads)\b[\s,|·∙]*)*$"
        r"|^(?:facebook|twitter|linkedin|whatsapp|e-?mail|x)(?:\s*[|,·∙]\s*(?:facebook|twitter|x|linkedin|whatsapp|e-?mail))+$"
        r"|^.{0,40}\b(?:partagez-le|share\s+it|share\s+this\s+(?:article|story))\s*!?$"
        r"|^(?:share|partager)\s+(?:on|sur)\s+\w+(?:\s+(?:share|partager)\s+(?:on|sur)\s+\w+)*(?:\s+e-?mail)?$", _I)),
    Rule("login prompt", _ONLY(_ACCOUNT + "|" + _SUBSCRIBE), max_words=10),
    Rule("subscribe prompt", re.compile(
        rf"^(?:{_SUBSCRIBE})\b.*$|^.*\b(?:subscribe\s+(?:for\s+free|now|today|to\s+(?:our|the))|"
        rf"thanks\s+for\s+reading|abonnez-vous|s['’]abonner|je\s+m['’]abonne)\b.*$", _I), max_words=20),
    Rule("navigation", _ONLY(_NAVIGATION), max_words=8),
    Rule("reading time", re.compile(
        rf"^(?:{_READING})\s*:?\s*\d+\s*(?:min(?:utes?)?|mn)\.?$|^\d+\s*(?:min(?:utes?)?|mn)\.?\s*(?:{_READING}|read|de\s+lecture)?\.?$",
        _I), max_words=8),
    Rule("cookie notice", re.compile(
        rf"\bcookies?\b.*\b(?:utilis|accept|use|consent|navigation|expérience|experience|traceurs)|^(?:{_COOKIES})$", _I),
        max_words=45),
    # "© Le Quotidien de l'Industrie 2025 – Tous droits réservés": the page's own copyright names its outlet
    Rule("copyright", re.compile(
        r"^(?:©|\(c\)|copyright\b)\s*(?:\d{4}\s*(?:-\s*\d{4})?\s*)?(?P<outlet>[^\d©|–—-]{3,50}?)\s*(?:\d{4}\b.*|[–—|-].*|[.,]\s.*|\.?)$",
        _I), max_words=20, learn=lambda match, _next: {"outlet": match.group("outlet").strip(" ,.")},
         accept=lambda match: re.search(r"\d{4}|rights|droits", match.string, _I) is not None),  # "© AFP": a credit
    # A disclaimer is a line of its own; a wire credit at the end of a paragraph is trimmed, see `trim_credit`.
    Rule("disclaimer", re.compile(rf"(?:{_DISCLAIMERS})", _I), max_words=45,
         accept=lambda m: m.start() <= 40 or len(m.string.split()) <= 25),
    Rule("paywall notice", re.compile(rf"(?:{_words('PAYWALL')})", _I), max_words=30),
    Rule("tags line", re.compile(
        r"^(?:tags?|mots[- ]clés|mots[- ]clefs|sujets|thèmes|topics|filed\s+under|catégories?|categories?|"
        r"rubriques?|suggested\s+topics)\s*:.*$", _I), max_words=25),
    Rule("photo caption or credit", re.compile(
        rf"^(?:{_CAPTION})\s*(?::|©|/)\s*\S.*$"
        r"|^.*(?:/\s*(?:AFP|Reuters|AP|Getty\s+Images|Shutterstock|Unsplash|Keystone))\s*\.?$"
        r"|^(?:©|\(c\)|copyright\b)\s*\S.*$|^.*©\s*\d{4}.*$"
        r"|^.{3,200}\((?:AAP|AFP|AP|Reuters|Getty(?:\s+Images)?|EPA|PA|Bloomberg|Keystone|Sipa|Belga|Xinhua)(?:\s*/[^)]*)?\)$"
        r"|^.{0,250}\((?:photo|picture|image|crédit(?:\s+photo)?|credit|photographie|illustration|bild|foto|imagen|"
        r"immagine)\s*:[^()]{2,120}\)\s*\.?$",
        _I),  # "… pictured at the startup's offices (Photo: Jeff Chiu/AP, File)"
         max_words=40),
    Rule("tracking code", re.compile(
        r"googletag|gtag\(|dataLayer|_gaq|fbq\(|adsbygoogle|window\._|__tcfapi|utm_(?:source|medium|campaign)=", _I),
        max_words=60),
    # A date, perhaps a time, a label ("Publié le", "Updated") and a few words more ("by admin", "| 3 min"), but
    # not a sentence: "Le 3 mars 2025, Meta a annoncé un accord." ends like one and stays.
    Rule("date header", re.compile(
        rf"^(?:(?:{_DATE_LABELS})\s*:?\s+)?(?:{TIME.strip('?')}\s*,?\s*)?(?:(?:{_WEEKDAYS})\.?,?\s+)?{DATE}{TIME}"
        rf"(?:\s*(?:\||,|-|–)?\s*(?:(?:{_DATE_LABELS})\s*:?\s+)?(?:(?:{_WEEKDAYS})\.?,?\s+)?{DATE}{TIME})?(?P<rest>.*)$", _I),
        max_words=22, learn=_learn_dateline, accept=_few_more_words),
    # "Updated 3 hours ago", "il y a 2 heures", "1 day ago": when the page was shown, not a date of the article
    Rule("date header", re.compile(
        rf"^(?:(?:{_DATE_LABELS})\s*:?\s*)?(?:il\s+y\s+a\s+\d+\s*(?:min(?:utes?)?|h|heures?|jours?|semaines?|mois)"
        r"|\d+\s*(?:min(?:ute)?s?|h|hrs?|hours?|days?|weeks?|months?)\s+ago|yesterday|hier|today|aujourd['’]hui)\.?$", _I),
        max_words=8),
    Rule("weather header", re.compile(r"^(?:.*\s)?-?\d{1,2}\s*°\s*[CF]?(?:\s.*)?$", _I), max_words=8),
    Rule("promotion", re.compile(
        rf"^(?:{_ADS})$"
        r"|^.*(?:code\s+promo|promo\s+code|essai\s+gratuit|free\s+trial|offre\s+spéciale|special\s+offer|"
        r"-\d{1,2}\s?%\s+(?:sur|on|off)).*$", _I), max_words=20),
    # What an image leaves in a scrape: its alt text ("meta glasses img", "Cover Image", "Featured image")
    Rule("image alt text", re.compile(
        r"^(?:[\w'’&.-]+\s+){0,5}(?:img|image|images|photo|picture|thumbnail|illustration|vignette|visuel)$"
        r"|^(?:cover|featured|hero|header|lead)\s+(?:image|photo|picture)\b.*$", _I), max_words=7,
         accept=lambda match: not any(w.casefold() in _FUNCTION_WORDS for w in match.group(0).split()[:-1])),
    # "Read Fortune's full story here.", "Continue reading on …", "Lire l'article complet sur …"
    Rule("read-also teaser", re.compile(
        r"^(?:read|continue\s+reading|lire|voir)\s+(?:[\w'’.-]+\s+){0,3}?(?:(?:full|whole|entire)\s+(?:story|article|report|"
        r"interview)|the\s+rest(?:\s+of\s+(?:the|this)\s+(?:story|article))?|l['’]article\s+(?:complet|en\s+entier)|"
        r"la\s+suite|l['’]intégralité)\b.*$|^continue\s+reading\b.*$", _I), max_words=14),
    # a course, a webinar, a newsletter to sign up for
    Rule("promotion", re.compile(
        r"^(?:join|take|enrol+|start|book|sign\s+up\s+for|register\s+(?:now\s+)?for|get|rejoignez|suivez|"
        r"inscrivez-vous\s+à|découvrez)\s+(?:our|the|a|this|notre|nos|la|le|les|cette|ce)?\s*(?:free\s+|gratuite?\s+|"
        r"new\s+|nouvelle?\s+)?(?:online\s+|en\s+ligne\s+)?(?:course|courses|class|bootcamp|webinar|masterclass|"
        r"workshop|formation|formations|cours|atelier|newsletter|infolettre)\b.*$", _I), max_words=30),
    # the address of a post on a social network, alone on its line
    Rule("embedded post", re.compile(
        r"^(?:https?://)?(?:www\.|mobile\.)?(?:twitter\.com|x\.com|t\.co|instagram\.com|facebook\.com|fb\.watch|"
        r"tiktok\.com|youtube\.com|youtu\.be|linkedin\.com|threads\.net|bsky\.app|mastodon\.\w+)/\S*$", _I),
        max_words=2),
    Rule("embedded post", re.compile(
        r"pic\.twitter\.com/|^—\s*.+\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}$|^(?:voir|view)\s+(?:cette\s+publication|this\s+post)"
        r"\s+(?:sur|on)\s+instagram|^a\s+post\s+shared\s+by\b|^une\s+publication\s+partagée\s+par\b|^@\w+$", _I),
        max_words=40),
    Rule("breadcrumb", re.compile(
        r"^[>›»]?\s*(?:accueil|home|find|index|start|une)\s*(?:(?:[>›»/|:]|\s-\s)\s*[^>›»/|:]+){1,6}$"
        r"|^[^>›|«»]{1,40}(?:\s[>›]\s[^>›|«»]{1,40}){1,6}$", _I), max_words=25),  # "Industrie › Batteries"
    Rule("section label", re.compile(rf"^(?:{_SECTIONS})\s*[:|]?$", _I), max_words=3),
    # "Politics & Economics", "World - Wire", "Économie · Entreprises": only the names of a newspaper's sections
    Rule("section label", re.compile(
        rf"^(?:(?:{_SECTION_NAMES}|{_SECTIONS})(?:\s*(?:&|and|et|-|–|·|/|\||,)\s*|\s+))*(?:{_SECTION_NAMES}|{_SECTIONS})$", _I),
         max_words=5),
    Rule("publisher section", re.compile(r"^(?i:about|à\s+propos\s+de)\s+[A-ZÀ-Ý][\w&.'’ -]{1,60}$|^SOURCE\s+[A-Z][\w .&-]+$"),
         max_words=7, ends_article=True),
    Rule("counter", re.compile(r"^\d{1,6}$"), max_words=1),
)

AUTHOR_BIO = re.compile(
    rf"^(?P<name>{_NAME})\s+(?:{_BIO_VERBS})\s+(?:(?:un|une|le|la|l['’]|a|an|the|notre|our)\s+)?(?:[\w-]+\s+){{0,3}}(?:{_BIO_NOUNS})\b",
    re.IGNORECASE)


# "… to attack a militia leader. (Editing by Sami Aboudi)": the agency's credit, glued to the last paragraph.
_CREDIT = re.compile(r"\s*\((?:(?:additional\s+)?reporting|writing|editing|compiled|avec|par|édité)\s+(?:by|par)\b[^()]*\)\s*$", _I)


def trim_credit(line: Line) -> tuple[Line, Dropped | None]:
    """The line without a wire credit at its end, and the credit as dropped furniture."""
    match = _CREDIT.search(line.text)
    if not match or match.start() == 0:
        return line, None
    return line.with_text(line.text[:match.start()].rstrip()), Dropped(match.group(0).strip(), "wire credit")


def match_rule(line: Line) -> tuple[Rule | None, re.Match[str] | None]:
    words = word_count(line.text)
    for rule in RULES:
        if words > rule.max_words:
            continue
        match = rule.pattern.search(line.text)
        if match and (rule.accept is None or rule.accept(match)):
            return rule, match
    return None, None


def is_author_bio(text: str, author: str | None) -> bool:
    """"Claire Vasseur est journaliste au service Tech…", "Jane Smith is a senior reporter…": about the author,
    not the story. The name must be the byline's when the byline is known."""
    match = AUTHOR_BIO.match(text)
    if not match or word_count(text) > 60:
        return False
    return author is None or match.group("name").split()[-1].casefold() in author.casefold()


def remove_furniture(lines: list[Line]) -> Cleaned:
    """Drop furniture lines; return what is left, what was dropped and why, and what the furniture said.

    For formats that delimit the article themselves (Markdown, HTML): named rules only."""
    out = Cleaned(lines=[])
    skip_next = False
    for index, line in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        if line.kind in ("heading", "list_item"):  # an explicit structure from Markdown or HTML is content
            out.lines.append(line)
            continue
        line, credit = trim_credit(line)
        out.dropped.extend([credit] if credit else [])
        rule, match = match_rule(line)
        if rule is None or rule.reason == "counter":
            out.lines.append(line)
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        taken = following if (following is not None and rule.takes_next and rule.takes_next(following)) else None
        learn(out.learnt, rule, match, taken)
        out.dropped.append(Dropped(text=line.text, reason=rule.reason))
        if taken is not None:
            out.dropped.append(Dropped(text=taken.text, reason=f"{rule.reason} (following line)"))
            skip_next = True
    return out


def learn(learnt: dict[str, str], rule: Rule, match: re.Match[str], following: Line | None) -> None:
    if rule.learn:
        for key, value in rule.learn(match, following).items():
            learnt.setdefault(key, value)
