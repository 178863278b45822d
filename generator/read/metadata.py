"""Metadata inference: outlet, publication date, language, slug.

Front matter and HTML metadata win; otherwise the source address and the furniture speak. Month names come
from babel's locale data rather than a hand-kept table, so any language babel knows parses.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from urllib.parse import urlsplit

from slugify import slugify

from ..lang import month_numbers
from ..paths import reserved

_URL_DATE = (
    re.compile(r"(?<!\d)(20\d{2}|19\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"(?<!\d)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])"),
)
SLUG_MAX = 60


def outlet_from_url(url: str) -> str | None:
    host = urlsplit(url).hostname or ""
    host = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host)
    return host or None


def date_from_url(url: str) -> str | None:
    path = urlsplit(url).path
    for pattern in _URL_DATE:
        for match in pattern.finditer(path):
            found = _date(*match.groups())
            if found:
                return found
    return None


def date_from_text(text: str) -> str | None:
    """A dateline such as "Publié le 3 mars 2025", "22 oct. 2025", "March 3rd, 2025", "Wed 23 Apr 2025",
    "03/04/2025" or "03.04.2025" (day first) or "2025-03-04"; the first date of the text."""
    if match := re.search(r"(\d{4})-(\d{2})-(\d{2})", text):
        return _date(*match.groups())
    if match := re.search(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text):
        return _date(match.group(3), match.group(2), match.group(1))
    months = month_numbers()
    day_first = re.search(r"(\d{1,2})(?:er|st|nd|rd|th)?\s+([^\W\d_]+)\.?,?\s+(\d{4})", text)
    month_first = re.search(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", text)
    found = []
    if day_first and (month := months.get(day_first.group(2).casefold())):
        found.append((day_first.start(), _date(day_first.group(3), str(month), day_first.group(1))))
    if month_first and (month := months.get(month_first.group(1).casefold())):
        found.append((month_first.start(), _date(month_first.group(3), str(month), month_first.group(2))))
    return min(found)[1] if found else None


# "BRUXELLES, 3 juin 2025 (AFP) -", "MENLO PARK, Calif., April 29, 2025 /PRNewswire/ --": a wire dispatch's place
# and date before its first sentence.
_DATELINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,40}(?:,\s*[A-Z][a-z]{1,6}\.)?,\s+(?P<date>[^()/–—-]{6,30}?)\s*(?:\(|/|[-–—])")


# "MUNICH, 30 mai 2026 (AFP) -", "DUNKIRK, France, June 3 (Reuters) -", "PARIS (AP) —": a wire's dateline
_AGENCY_DATELINE = re.compile(
    r"^[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,40}(?:,[^()]{2,40})?\s*\((?P<agency>AFP|Reuters|AP|Associated Press|dpa|Belga|ANSA|"
    r"Anadolu|Xinhua|EFE|Kyodo|Bloomberg|PA|Reuters/AFP)\)\s*[-–—:]")


def agency_of(text: str) -> str | None:
    """The news agency a wire dispatch names in its dateline: who wrote it, when the page says nothing else."""
    match = _AGENCY_DATELINE.match(text)
    return match.group("agency") if match else None


_DATED_TITLE = re.compile(
    r"^(?:(?:date|dated|publié(?:\s+le)?|published(?:\s+on)?|mis\s+à\s+jour(?:\s+le)?|updated(?:\s+on)?)\s*:?\s*)?"
    r"(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})\s*(?:[-–—:|]\s*)?(?P<rest>\S.*)$", re.IGNORECASE)


def title_and_date(title: str) -> tuple[str, str | None]:
    """A title with a date before it, as some scrapers write the first line ("date 2025-12-11 Le français Verkor
    inaugure…"): the title alone, on one line of plain spaces, and the date."""
    title = " ".join(title.split())  # line breaks and non-breaking spaces: one line of plain spaces
    match = _DATED_TITLE.match(title)
    if match and len(match.group("rest").split()) >= 3:
        return match.group("rest"), date_from_text(match.group("date"))
    return title, None


def dateline_of(text: str) -> str | None:
    match = _DATELINE.match(text)
    return date_from_text(match.group("date")) if match else None


def normalise_date(value: object) -> str | None:
    """Front matter dates arrive as date objects or strings in many shapes."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return date_from_text(value.strip())
    return None


def _date(year: str, month: str, day: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


@functools.cache
def _identifier():
    # py3langid loads its model on first use (about a second); one shared instance does it once.
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


_QUOTED = re.compile(r"«[^«»]*»|“[^“”]*”|\"[^\"\n]*\"")


def detect_language(text: str, default: str = "fr") -> str:
    """The language of a text, from its own words: what it quotes (an English quote in a French article) is left
    out when enough is left."""
    unquoted = _QUOTED.sub(" ", text)
    if len(unquoted.split()) >= 15:
        text = unquoted
    sample = text[:600]  # a paragraph tells the language; the model's cost grows with the text
    if len(sample.split()) < 3:
        return default
    language, _probability = _identifier().classify(sample)
    return language


def slug_for(title: str) -> str:
    # An apostrophe separates words ("l’IA" is "l-ia", not "lia").
    slug = slugify(title, max_length=SLUG_MAX, word_boundary=True, replacements=[["’", " "], ["'", " "]]) or "article"
    # An article titled "Index" must not take the address of the articles' listing.
    return f"{slug}-article" if reserved(slug) else slug


def allocate_slugs(wanted: list[tuple[str, str, str]]) -> dict[str, str]:
    """Give each article a unique slug, stable as the corpus grows.

    `wanted` is (source path, wanted slug, published date or ""). When several articles want the same slug,
    the earliest published (then the first by path) keeps it and the others get a suffix derived from their
    own source path, never from a counter: adding an article never changes an older article's URL.
    """
    by_slug: dict[str, list[tuple[str, str]]] = {}
    for source, slug, published in wanted:
        by_slug.setdefault(slug, []).append((published or "9999", source))
    slugs: dict[str, str] = {}
    for slug, claimants in by_slug.items():
        claimants.sort()
        for rank, (_published, source) in enumerate(claimants):
            slugs[source] = slug if rank == 0 else f"{slug}-{hashlib.sha1(source.encode()).hexdigest()[:6]}"
    return slugs
