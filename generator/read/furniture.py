"""Page furniture: what a scraper brings along that is not the article.

Each rule is a named pattern for one kind of furniture, written for the kind and not for one site: comment
counters, "read also" teasers (and the unrelated headline after a bare label), author blocks and bylines,
share and subscribe prompts, captions and credits, tracking code, date and weather headers, promotions,
embedded posts, breadcrumbs. A rule only matches a whole short line, so removing furniture never costs an
article sentence; whatever is removed is returned with its reason, for the export and the build log.

Some furniture carries metadata ("Source : https://…", "Par Jeanne Martin", "author avatar / MondeTech.fr"):
those rules also return what they learnt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..model import Dropped
from .lines import Line, word_count

_I = re.IGNORECASE
URL = re.compile(r"https?://[^\s<>\"')\]]+", _I)


@dataclass(frozen=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]
    max_words: int = 12
    # Furniture that announces the next line: a bare "À lire aussi" is followed by an unrelated headline.
    takes_next: Callable[[Line], bool] | None = None
    # What the matched line tells about the article: returns {"outlet": ..., "author": ...}
    learn: Callable[[re.Match[str], Line | None], dict[str, str]] | None = None


@dataclass
class Cleaned:
    lines: list[Line]
    dropped: list[Dropped] = field(default_factory=list)
    learnt: dict[str, str] = field(default_factory=dict)


def _is_headline(line: Line) -> bool:
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
    if match.group("outlet"):
        learnt["outlet"] = match.group("outlet").strip()
    return learnt


def _learn_dateline(match: re.Match[str], _next: Line | None) -> dict[str, str]:
    return {"dateline": match.group(0)}


# Labels that may carry the teaser headline on the same line ("Article à lire Pourquoi le Serengeti…") …
_READ_ALSO = (
    r"articles?\s+(?:à|a)\s+lire|(?:à|a)\s+lire\s+(?:aussi|également|egalement|ensuite)|lire\s+aussi"
    r"|voir\s+aussi|sur\s+le\s+même\s+sujet|(?:read|see)\s+(?:also|more)"
)
# … and labels that are furniture only when they stand alone ("Related" may start an article sentence).
_READ_ALSO_LABEL = (
    _READ_ALSO + r"|dans\s+la\s+même\s+rubrique|nos\s+articles|related(?:\s+(?:articles?|stories|reading))?"
    r"|more\s+from\s+\S+|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?|à\s+la\s+une|trending"
)
_WEEKDAYS = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday"

RULES: tuple[Rule, ...] = (
    Rule("comment counter", re.compile(
        r"^(?:\d+\s+)?(?:comments?|commentaires?|réactions?|responses?)\s*(?:\(\d+\)|:\s*\d+)?$"
        r"|^(?:laisser|ajouter|écrire|leave|add|post)\s+(?:un|a)\s+(?:commentaire|comment)$"
        r"|^(?:voir|afficher|view|show)\s+(?:les\s+|all\s+)?(?:\d+\s+)?(?:commentaires|comments)$", _I)),
    Rule("read-also teaser", re.compile(rf"^(?:{_READ_ALSO_LABEL})\s*[:»>\-–—]?\s*$", _I), takes_next=_is_headline),
    Rule("read-also teaser", re.compile(rf"^(?:{_READ_ALSO})\s*[:»>\-–—]?\s+[^.!?]+[.!?]?\s*$", _I), max_words=30),
    Rule("author block", re.compile(r"^(?:author\s+avatar|avatar|photo\s+de\s+l['’]auteur|author\s+(?:image|photo))$", _I),
         takes_next=_is_name_or_site, learn=_learn_author_block),
    Rule("byline", re.compile(
        r"^(?i:par|by|written\s+by|écrit\s+par|propos\s+recueillis\s+par)\s+"
        r"(?P<name>[A-ZÀ-Ý][\w'’.-]+(?:\s+(?:de\s+|van\s+|von\s+)?[A-ZÀ-Ý][\w'’.-]+){0,3})"
        r"(?:\s*(?:,|\||-|–|—|pour|for)\s*(?P<outlet>[^,|]{2,40}?))?\s*$"), max_words=10, learn=_learn_byline),
    Rule("source line", re.compile(r"^(?:source|sources|lien|link|via|original)\s*:\s*(?P<value>\S.*)$", _I),
         max_words=15, learn=_learn_source),
    Rule("share prompt", re.compile(
        r"^(?:partager|partagez|share|tweet|tweeter|imprimer|print|envoyer\s+par\s+e-?mail|copier\s+le\s+lien|copy\s+link)"
        r"(?:\s+(?:sur|on|cet\s+article|this(?:\s+article)?|via))?(?:\s*[:|,]?\s*(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|reddit)\b[\s,|]*)*$"
        r"|^(?:facebook|twitter|linkedin|whatsapp|e-?mail)(?:\s*[|,·]\s*(?:facebook|twitter|x|linkedin|whatsapp|e-?mail))+$", _I)),
    Rule("subscribe prompt", re.compile(
        r"^(?:abonnez-vous|inscrivez-vous|s['’]abonner|subscribe|sign\s+up|suivez-nous|follow\s+us|recevez\s+notre|"
        r"get\s+our|newsletter|rejoignez-nous|join\s+our|déjà\s+abonné|already\s+a\s+subscriber)\b.*$", _I), max_words=20),
    Rule("photo caption or credit", re.compile(
        r"^(?:photo|photos|crédits?(?:\s+photo)?|credits?|image|illustration|légende|caption)\s*(?::|©|/)\s*\S.*$"
        r"|^.*(?:/\s*(?:AFP|Reuters|AP|Getty\s+Images|Shutterstock|Unsplash))\s*\.?$"
        r"|^(?:©|\(c\))\s*\S.*$", _I), max_words=25),
    Rule("tracking code", re.compile(
        r"googletag|gtag\(|dataLayer|_gaq|fbq\(|adsbygoogle|window\._|__tcfapi|utm_(?:source|medium|campaign)=", _I),
        max_words=60),
    Rule("date header", re.compile(
        rf"^(?:(?:publié|mis\s+à\s+jour|actualisé|published|updated|posted)\s+(?:le\s+|on\s+)?)?(?:(?:{_WEEKDAYS}),?\s+)?"
        r"(?:\d{1,2}(?:er)?\s+[A-Za-zéû]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})"
        r"(?:\s*(?:à|at|,|-)?\s*\d{1,2}\s*[h:]\s*\d{0,2}(?:\s*(?:am|pm))?)?\s*$", _I),
        max_words=12, learn=_learn_dateline),
    Rule("weather header", re.compile(r"^(?:.*\s)?-?\d{1,2}\s*°\s*[CF]?(?:\s.*)?$", _I), max_words=8),
    Rule("promotion", re.compile(
        r"^(?:publicité|advertisement|advertising|sponsorisé|sponsored|contenu\s+sponsorisé|sponsored\s+content|annonce|ad)$"
        r"|^.*(?:code\s+promo|promo\s+code|essai\s+gratuit|free\s+trial|offre\s+spéciale|special\s+offer|"
        r"-\d{1,2}\s?%\s+(?:sur|on|off)).*$", _I), max_words=20),
    Rule("embedded post", re.compile(
        r"pic\.twitter\.com/|^—\s*.+\(@\w+\)\s+\w+\s+\d{1,2},\s+\d{4}$|^(?:voir|view)\s+(?:cette\s+publication|this\s+post)"
        r"\s+(?:sur|on)\s+instagram|^a\s+post\s+shared\s+by\b|^une\s+publication\s+partagée\s+par\b", _I), max_words=40),
    Rule("breadcrumb", re.compile(r"^(?:accueil|home)\s*(?:[>›»/|]\s*[^>›»/|]+){1,5}$", _I)),
)


def remove_furniture(lines: list[Line]) -> Cleaned:
    """Drop furniture lines; return what is left, what was dropped and why, and what the furniture said."""
    out = Cleaned(lines=[])
    skip_next = False
    for index, line in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        if line.kind in ("heading", "list_item"):  # an explicit structure from Markdown or HTML is content
            out.lines.append(line)
            continue
        rule, match = _match(line)
        if rule is None:
            out.lines.append(line)
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        taken = following if (following is not None and rule.takes_next and rule.takes_next(following)) else None
        if rule.learn:
            for key, value in rule.learn(match, taken).items():
                out.learnt.setdefault(key, value)
        out.dropped.append(Dropped(text=line.text, reason=rule.reason))
        if taken is not None:
            out.dropped.append(Dropped(text=taken.text, reason=f"{rule.reason} (following line)"))
            skip_next = True
    return out


def _match(line: Line) -> tuple[Rule | None, re.Match[str] | None]:
    words = word_count(line.text)
    for rule in RULES:
        if words > rule.max_words:
            continue
        match = rule.pattern.search(line.text)
        if match:
            return rule, match
    return None, None
