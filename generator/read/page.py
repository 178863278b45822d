"""Text scraped from a whole page: find the article in it, its headline, and what is furniture.

A scraper that saves a page's text brings the menu, the login bar, teasers of other articles, the footer and the
comments along with the article. The named rules of `furniture.py` recognise furniture by its wording; this
module adds what does not depend on any site's wording:

    prose      how much a line reads like article text: jusText's context-free class of the line (its length
               and the share of stop words of the page's language, from jusText's own stoplists), and whether it
               is built as sentences
    region     the article is the stretch of the page where prose outweighs the rest: each line scores its words
               when it reads as prose and a penalty when it does not, and the article is the stretch with the
               highest total (the maximum-sum segment, linear in the page). Comment sections and the publisher's
               "About" sections end it.
    headline   the line before the article that reads as a headline and shares the most words with the first
               paragraphs: not the first line of the page, which is often the login bar or the menu
    runs       a "Related" label and the run of headline-like lines after it
    repeated   a short line that several sources of the corpus share (a site's menu, its footer) is furniture
               wherever it stands; the corpus teaches it, see `repeated_lines`

Every line the article loses is listed with its reason. Text that is only the article (no page around it) comes
out whole: its region is all of it.
"""
from __future__ import annotations

import functools
import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..lang import LANGUAGES, calendar_words, union
from ..model import Dropped
from .furniture import Cleaned, Rule, is_author_bio, is_headline_like, learn, match_rule, trim_credit
from .lines import Line, word_count

# A line that does not read as prose costs this much (a prose line scores its number of words): a menu of
# twenty entries outweighs a short paragraph, an advertisement between two paragraphs does not split them.
PENALTY = 6.0
NAMED_PENALTY = 2.0
# Where to look for the headline: the lines before the article (share buttons and menus may stand between), and the
# first lines of the article's stretch (captions of a photo may come first).
HEADLINE_WINDOW = 40
HEADLINE_INSIDE = 15
MIN_REPEATS = 3  # a line in this many sources is the site's, not the article's
_SENTENCE_END = re.compile(r"[.!?…:]\s*[\"»”’)\]]*\s*$")
_SEPARATED = re.compile(r"\s[|•·∙]\s|\s[|]$|^[|]")  # menu entries on one line ("«» " are French quotes)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class LineInfo:
    line: Line
    rule: Rule | None
    match: re.Match[str] | None
    prose: float  # the line's score when it reads as prose (its words), 0 when it does not
    repeated: bool  # on MIN_REPEATS or more sources of the corpus (`repeated_lines`)
    teaser: bool = False  # a headline after a bare "Related" label
    structure: bool = False  # a subheading, a list item, an attribution: short, but how articles are built
    sandwiched: bool = False  # one of a few short lines between two paragraphs: a table, a code line, a stray
    shared: bool = False  # a repeated line amid repeated prose: the same article on several sites, not a template


def clean_page(lines: list[Line], stoplist: frozenset[str], repeated: frozenset[str] = frozenset()) -> Cleaned:
    """The article of a scraped page: its lines, what was dropped and why, what the furniture said, the headline."""
    lines = list(lines)
    credits = []
    for index, line in enumerate(lines):  # a wire credit glued to a paragraph goes before the rules look at it
        lines[index], credit = trim_credit(line)
        credits.extend([credit] if credit else [])
    classes = justext_classes([line.text for line in lines], stoplist)
    infos = _in_context([_info(line, klass, stoplist, repeated) for line, klass in zip(lines, classes)])
    start, end = article_region(infos)
    out = Cleaned(lines=[], dropped=credits)
    if start > end:  # no prose at all: leave the lines to the named rules
        return _rules_only(infos, out)
    end = _with_closing_sentence(infos, _with_trailing_list(infos, end))
    title_index = headline(infos, start, stoplist)
    if title_index is not None:
        out.title = infos[title_index].line.text
        start = max(start, title_index + 1)  # what stands before the headline (a photo's captions) is not the article
    _learn_from_header(infos, start, end, out)
    author = out.learnt.get("author")
    skip_until = -1
    for index, info in enumerate(infos):
        line = info.line
        if index == title_index:
            continue
        if title_index is not None and title_index < index < start and \
                _is_standfirst(infos, index, start, stoplist, title_index):
            out.lines.append(line)  # the standfirst, between the headline and the article
            continue
        if index == start - 1 and _DATELINE_ALONE.match(line.text):
            out.lines.append(line)  # "NOUAKCHOTT, Mauritania --": the wire's dateline, on a line of its own
            continue
        if index < start or index > end:
            # outside the article; what the header says (dates, bylines) was learnt above, the footer may say more
            if info.rule is not None and index > end:
                learn(out.learnt, info.rule, info.match, infos[index + 1].line if index + 1 < len(infos) else None)
            reason = info.rule.reason if info.rule else ("page header" if index < start else "page footer")
            out.dropped.append(Dropped(line.text, reason))
            continue
        if index <= skip_until:
            out.dropped.append(Dropped(line.text, "read-also teaser (following line)"))
            continue
        if info.rule is not None and info.rule.reason != "counter":
            learn(out.learnt, info.rule, info.match, None)
            out.dropped.append(Dropped(line.text, info.rule.reason))
            if info.rule.takes_next:
                skip_until = _teaser_run_end(infos, index + 1, end)
            continue
        if _template_line(info):
            out.dropped.append(Dropped(line.text, f"repeated on {MIN_REPEATS} or more pages of the corpus"))
            continue
        if index >= end - 2 and is_author_bio(line.text, author):
            out.dropped.append(Dropped(line.text, "author bio"))
            continue
        out.lines.append(line)
    return out


def _is_standfirst(infos: list[LineInfo], index: int, start: int, stoplist: frozenset[str], title_index: int) -> bool:
    """Between the headline and the article: a line of prose, or a second headline that says what the article
    says (a deck); not a byline, a date, a caption credit or a menu."""
    info = infos[index]
    if info.rule is not None or info.teaser:
        return False
    if info.prose:
        return True
    lead = _stems(" ".join(i.line.text for i in infos[start:start + 8] if i.prose and i.rule is None))
    words = _stems(info.line.text)
    if word_count(info.line.text) < 4 or not _headline_shape(info, first_line=False):
        return False
    if len(words & lead) >= 2 and len(words & lead) >= 0.25 * len(words):
        return True
    # right under the headline and over its byline or date: the deck ("More Flights, Fewer Crashes In 2007")
    following = infos[index + 1] if index + 1 < len(infos) else None
    return index == title_index + 1 and following is not None and following.rule is not None and \
        following.rule.reason in _HEADER_RULES


def _rules_only(infos: list[LineInfo], out: Cleaned) -> Cleaned:
    for info in infos:
        if info.rule is not None and info.rule.reason != "counter":
            learn(out.learnt, info.rule, info.match, None)
            out.dropped.append(Dropped(info.line.text, info.rule.reason))
        else:
            out.lines.append(info.line)
    return out


# --- what each line is -------------------------------------------------------------------------------------------


def _info(line: Line, klass: str, stoplist: frozenset[str], repeated: frozenset[str]) -> LineInfo:
    rule, match = match_rule(line)
    return LineInfo(line, rule, match, prose_score(line.text, klass, stoplist), line_key(line.text) in repeated)


def _in_context(infos: list[LineInfo]) -> list[LineInfo]:
    """What a line is also depends on its neighbours: the headlines after a "Related" label are teasers; a short
    line repeated across the corpus between paragraphs that are repeated too belongs to an article that several
    sites published (a wire story), not to a site's template."""
    out = list(infos)
    for index, info in enumerate(infos):
        if _heading_not_counter(infos, index):
            info = out[index] = replace(info, rule=None, match=None, structure=True)
        if info.rule is not None and info.rule.takes_next:
            for teaser in range(index + 1, _teaser_run_end(infos, index + 1, len(infos) - 1) + 1):
                out[teaser] = replace(out[teaser], teaser=True)
        if info.rule is None and not info.prose and _is_structure(infos, index):
            out[index] = replace(out[index], structure=True)
        text = info.line.text
        looks_like_text = word_count(text) >= 5 or not re.search(r"[^\W\d_]", text)  # not a menu entry
        if info.rule is None and not info.prose and looks_like_text and _between_paragraphs(infos, index):
            out[index] = replace(out[index], sandwiched=True)
        if info.repeated and not info.prose:
            around = [i for i in (_nearest_prose(infos, index, -1), _nearest_prose(infos, index, 1)) if i is not None]
            if any(infos[i].repeated for i in around):
                out[index] = replace(out[index], shared=True)
    return out


def _heading_not_counter(infos: list[LineInfo], index: int) -> bool:
    """"Réactions", "Comments" alone, then paragraphs: a heading of the article ("the reactions to the news"), not
    the comment section, which comes with a counter ("12 commentaires") or with comments (short, signed). Likewise
    "About Logitech" then a paragraph: a press release's own last section, which says what the company is, not the
    publisher's page about itself (a link in its footer, with no paragraph after it)."""
    info = infos[index]
    if info.rule is None or info.rule.reason not in ("comment counter", "publisher section") or \
            re.search(r"\d", info.line.text):
        return False
    following = infos[index + 1:index + (3 if info.rule.reason == "comment counter" else 2)]
    return bool(following) and all(i.prose >= 15 and i.rule is None for i in following)


_BULLET_SENTENCE = re.compile(r"^(?:[•·▪◦●■►‣*]|[-–—](?=\s)|\d{1,2}[.)](?=\s))\s*\S+(?:\s+\S+){2,}[.!?;:]$")
_ATTRIBUTION = re.compile(r"^[–—―-]\s*[A-ZÀ-Ý«\"“]")


def _is_structure(infos: list[LineInfo], index: int) -> bool:
    """A line that is short but built like part of an article: a list item written as a sentence, a subheading or a
    line introducing a list (prose or a list follows), an attribution after a quotation."""
    text = infos[index].line.text
    following = infos[index + 1] if index + 1 < len(infos) else None
    previous = infos[index - 1] if index else None
    if _BULLET_SENTENCE.match(text):
        return True
    if _ATTRIBUTION.match(text) and previous is not None and previous.prose:
        return True
    if following is None or word_count(text) > 14 or _SEPARATED.search(text):
        return False
    introduces = following.prose >= 10 or bool(_BULLET_SENTENCE.match(following.line.text))
    return introduces and (text.endswith(":") or not text.endswith((".", ",", ";")))


def _between_paragraphs(infos: list[LineInfo], index: int, reach: int = 3) -> bool:
    """At most `reach` lines that do not read as prose, with a paragraph on each side (no named furniture between):
    part of the article, however they look ("| a | table |", "```")."""
    def paragraph(step: int) -> bool:
        for other in range(index + step, index + step * (reach + 1), step):
            if not 0 <= other < len(infos) or infos[other].rule is not None:
                return False
            if infos[other].prose >= 8:
                return True
        return False
    return paragraph(-1) and paragraph(1)


def _nearest_prose(infos: list[LineInfo], index: int, step: int, reach: int = 3) -> int | None:
    for other in range(index + step, index + step * (reach + 1), step):
        if 0 <= other < len(infos) and infos[other].prose:
            return other
    return None


def prose_score(text: str, klass: str, stoplist: frozenset[str]) -> float:
    """How much a line weighs as article text: its words when it reads as prose, else 0.

    `klass` is jusText's context-free class of the line: whether it is long enough and dense enough in stop words
    to be text ("good", "neargood"). A line jusText finds short or poor still counts when it is built as sentences
    (a one-sentence paragraph of a news story, a lead full of names).
    """
    words = word_count(text)
    if words < 4 or _SEPARATED.search(text):
        return 0.0
    sentence = _SENTENCE_END.search(text) is not None
    if klass == "good":
        return float(words)
    if klass == "neargood":
        return float(words) * (1.0 if sentence else 0.6)
    tokens = _WORD.findall(text.casefold())
    function_words = stoplist | _served_stop_words()  # a sentence in another language than the page's is still one
    stop_share = sum(t in function_words for t in tokens) / max(len(tokens), 1)
    if sentence and words >= 5 and stop_share >= 0.15:
        return float(words) * 0.8
    if sentence and words >= 20:  # a long sentence of names and figures is still a sentence
        return float(words) * 0.5
    return 0.0


@functools.cache
def _served_stop_words() -> frozenset[str]:
    return frozenset().union(*(stoplist(code) for code in LANGUAGES))


def justext_classes(texts: list[str], stoplist: frozenset[str]) -> list[str]:
    """jusText's context-free class of each line ("good", "neargood", "short", "bad"), with its default lengths
    and stop word densities; the lines go to jusText as the paragraphs of a page, and come back one for one."""
    from justext import core

    if not texts:
        return []
    # justext.justext() without its last step, the context-sensitive revision: its classes are not used here, and
    # its search for neighbours takes quadratic time on a page of thousands of short lines.
    paragraphs = core.ParagraphMaker.make_paragraphs(core.preprocessor(core.html_to_dom(as_markup(texts))))
    core.classify_paragraphs(paragraphs, stoplist)
    if len(paragraphs) != len(texts):  # jusText skipped or split a paragraph: judge every line by its shape
        return ["short"] * len(texts)
    return [p.cf_class for p in paragraphs]


@functools.cache
def stoplist(language: str) -> frozenset[str]:
    """jusText's stop words for a language (ISO 639-1 code); English when jusText has no list for it."""
    import justext
    from babel import Locale

    from babel.core import UnknownLocaleError

    try:
        name = Locale.parse(language).get_language_name("en")
    except (ValueError, TypeError, LookupError, UnknownLocaleError):
        name = "English"
    try:
        return frozenset(justext.get_stoplist(name))
    except ValueError:
        return frozenset(justext.get_stoplist("English"))


def line_key(text: str) -> str:
    """What makes two lines the same line: their words, case-folded."""
    return " ".join(_WORD.findall(text.casefold()))


def line_keys(lines: Iterable[str]) -> tuple[str, ...]:
    """The distinct keys of a page's lines, sorted."""
    return tuple(sorted({key for text in lines if (key := line_key(text))}))


def repeated_lines(pages: Iterable[Iterable[str]]) -> frozenset[str]:
    """The lines that at least MIN_REPEATS sources share: a site's menu, footer and teasers. `pages` holds each
    source's distinct line keys (`line_keys`). Deterministic: a count over the corpus, whatever the order of the
    sources. Only whether a line is shared is kept, not by how many: a page's reading then changes only when one of
    its lines crosses the threshold, not each time the archive grows by a page of the same site (every page would be
    read again)."""
    counts: Counter[str] = Counter()
    for keys in pages:
        counts.update(keys)
    return frozenset(key for key, n in counts.items() if n >= MIN_REPEATS)


# --- where the article is ----------------------------------------------------------------------------------------


def article_region(infos: list[LineInfo]) -> tuple[int, int]:
    """(first, last) index of the article: the stretch of lines whose scores sum highest (Kadane's algorithm).

    No stretch crosses a comment section, a comment's signature or the publisher's "About" section. Once an
    article of some length came before, what follows is less likely the article: after a comment section it counts
    a quarter (comments are often longer than the story), after a publisher's section half, and less again after
    each further one. (-1, -2) when no line reads as prose.
    """
    best, best_span = 0.0, (0, -1)
    total, begin = 0.0, 0
    weight, prose_seen = 1.0, 0.0
    for index, info in enumerate(infos):
        if info.rule is not None and info.rule.ends_article:
            total = 0.0
            if prose_seen >= 40:
                weight *= 0.5 if info.rule.reason == "publisher section" else 0.25
            continue
        score = _score(info)
        prose_seen += info.prose
        if total <= 0:
            total, begin = 0.0, index
        total += score * (weight if score > 0 else 1.0)
        if total > best:
            best, best_span = total, (begin, index)
    if best <= 0:
        return -1, -2
    return best_span


_DATELINE_ALONE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{2,40}(?:,\s*[A-ZÀ-Ý][\w.]*(?:\s[A-ZÀ-Ý][\w.]*)?)?\s*(?:\(\w+\))?\s*(?:--|—|–|-)$")
_NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+\S")


def _with_trailing_list(infos: list[LineInfo], end: int) -> int:
    """An ordered list right after the last paragraph (results, a ranking) is the article's, though its items are
    not prose: the article ends after it, and after the line that introduces it."""
    index = end + 1
    if index < len(infos) and infos[index].rule is None and not _NUMBERED.match(infos[index].line.text):
        index += 1  # the list's own title ("Results of the day")
    number = 0
    last = end
    while index < len(infos) and infos[index].rule is None and (match := _NUMBERED.match(infos[index].line.text)):
        if int(match.group(1)) != number + 1:
            break
        number += 1
        last = index
        index += 1
    return last if number >= 3 else end


def _with_closing_sentence(infos: list[LineInfo], end: int) -> int:
    """A last sentence after the last paragraph ("No charges have been laid.", a list of names with few function
    words) may weigh too little as prose but ends the article: a sentence, not a line of the page's furniture."""
    index = end + 1
    if index < len(infos) and infos[index].rule is None and not infos[index].repeated:
        text = infos[index].line.text
        if 3 <= word_count(text) <= 30 and (text[0].isupper() or text[0] in "«\"“(") \
                and text.rstrip("»\"”) ").endswith((".", "!", "?", "…")) \
                and re.search(r"\s[a-zà-ÿ]", text) and not _SEPARATED.search(text):
            return index  # "Résultat : benchmarks contaminés, modèles surévalués, classements faussés."
    return end


def _score(info: LineInfo) -> float:
    if info.rule is not None and info.rule.reason not in ("counter",):
        # Named furniture is removed wherever it stands: it says little about where the article ends (an
        # advertisement or a "read also" sits between two paragraphs), so it costs less than an unknown line.
        return -NAMED_PENALTY
    if info.teaser or info.structure or info.sandwiched:
        return -NAMED_PENALTY
    if _template_line(info):
        return -PENALTY
    return info.prose if info.prose else -PENALTY


def _template_line(info: LineInfo) -> bool:
    """A short line several sources share, and not as part of a shared article: the site's menu or footer. An item
    of an ordered list ("1. Madonna") is the article's, however many pages rank the same names."""
    return info.repeated and not info.prose and not info.shared and not _NUMBERED.match(info.line.text)


def _teaser_run_end(infos: list[LineInfo], first: int, end: int) -> int:
    """After a bare "Related" label: the headlines that follow it. A heading that the article goes on after (some
    forty words of prose follow it) is the article's, not a teaser."""
    index = first
    while index <= end and is_headline_like(infos[index].line) and infos[index].rule is None:
        if index > first and sum(i.prose for i in infos[index + 1:index + 4]) >= 40:
            break
        if any(i.rule is not None and i.rule.reason in _HEADER_RULES for i in infos[index + 1:index + 5]):
            break  # a headline with its byline or date: the article's own
        index += 1
    return index - 1


# --- the headline ------------------------------------------------------------------------------------------------


def headline(infos: list[LineInfo], start: int, stoplist: frozenset[str] = frozenset()) -> int | None:
    """The index of the article's headline: a headline-shaped line before the article that shares words with its
    first paragraphs, best followed by a byline or a date; the first line of a text that is only the article, too.
    Not a teaser of another article, not a caption, not a score or a table row. A headline followed by its byline
    may also stand among the first lines of the article's stretch, after the captions of a photo."""
    def lead_after(index: int) -> set[str]:  # the first paragraphs after a candidate (not the candidate itself)
        first = max(start, index + 1)
        return _stems(" ".join(i.line.text for i in infos[first:first + 8] if i.prose and i.rule is None))

    lead = lead_after(start - 1)

    def overlap(index: int) -> float:
        words = _stems(infos[index].line.text)
        return len(words & (lead if index < start else lead_after(index))) / len(words) if words else 0.0

    def shared(index: int) -> int:
        return len(_stems(infos[index].line.text) & (lead if index < start else lead_after(index)))

    def announces(index: int) -> bool:
        """A byline or a date follows, or a standfirst (a paragraph that says what the article says)."""
        if any(i.rule is not None and i.rule.reason in _HEADER_RULES for i in infos[index + 1:index + 4]):
            return True
        if index + 1 < len(infos) and _NAME_IN_CAPITALS.fullmatch(infos[index + 1].line.text):
            return True  # "RANDY SPORTAK": a byline without "By"
        following = infos[index + 1] if index + 1 < start else None
        return following is not None and following.prose >= 10 and len(_stems(following.line.text) & lead) >= 3

    candidates: list[tuple[int, int]] = []  # (index, lines between it and the article)
    first = infos[start].line.text
    after = _nearest_prose(infos, start, 1, reach=6)  # past its byline, date and reading time
    if after is not None and infos[start].prose < infos[after].prose and (
            first.endswith(("?", "!")) or word_count(first) <= 20):
        candidates.append((start, 0))  # a headline built as a sentence ("Can Meta's bet survive?") opens the region
    for index in range(start + 1, min(start + HEADLINE_INSIDE, len(infos) - 1)):
        if not infos[index].prose and infos[index].rule is None and announces(index):
            candidates.append((index, 0))
    seen = 0
    for index in range(start - 1, -1, -1):
        if infos[index].rule is not None:
            continue
        seen += 1
        if seen > HEADLINE_WINDOW:
            break
        candidates.append((index, seen))
    best: tuple[float, int] | None = None
    for index, distance in candidates:
        info = infos[index]
        if info.teaser or not _headline_shape(info, first_line=index == 0):
            continue
        share = overlap(index)
        score = share - 0.012 * distance + (0.15 if 4 <= word_count(info.line.text) <= 25 else 0.0)
        if word_count(info.line.text) <= 3 and not _written_as_a_headline(info.line.text):
            score -= 0.5  # "Champions League", "Football News": a label in Title Case, the subject of the page
        if index >= start and not info.line.text.endswith(("?", "!")) and not announces(index):
            score -= 0.2  # a short first paragraph may read like a headline; one before the article is likelier
        if announces(index):
            score += 0.3
        if index == 0 and _only_the_article(infos, start):
            score += 0.3  # a text that is only the article: its first line is the title
        # far from the article, one word in common is chance ("Buy Photos"): a headline shares more, or is near
        plausible = (share >= 0.25 and (shared(index) >= 2 or distance <= 3 or announces(index))) or \
            (distance <= 2 and announces(index) and _written_as_a_headline(info.line.text))  # "Red-hot frontrunners"
        if (plausible or (index == 0 and _only_the_article(infos, start))) and (best is None or score > best[0]):
            best = (score, index)
    if best is None:
        return None
    # A headline and its standfirst read alike, and the headline comes first.
    chosen = best[1]
    above = []
    for index in range(chosen - 1, max(-1, chosen - 3), -1):
        if infos[index].rule is not None:
            break  # a menu or a breadcrumb between: what is above is the page's, not a headline over a standfirst
        above.append(index)
    for index in above:
        info = infos[index]
        if info.teaser or not _headline_shape(info, first_line=index == 0) or \
                not _written_as_a_headline(info.line.text):
            continue
        if word_count(infos[chosen].line.text) <= word_count(info.line.text):
            continue  # a standfirst says more than its headline; two lines alike and as short are a teaser and a title
        enough = overlap(index) >= 0.34 and word_count(info.line.text) >= 3
        shorter = index == chosen - 1 and overlap(index) >= 0.25 and \
            len(_stems(info.line.text)) < len(_stems(infos[chosen].line.text))
        if enough or shorter:
            return _nearest_copy(infos, index, start)
    return _nearest_copy(infos, chosen, start)


def _nearest_copy(infos: list[LineInfo], chosen: int, start: int) -> int:
    """The headline written twice (the page's title at the top, the article's heading above it): the copy next to
    the article is the article's; the other is the page's header."""
    key = line_key(infos[chosen].line.text)
    copies = [i for i in range(chosen, start) if line_key(infos[i].line.text) == key and infos[i].rule is None]
    return copies[-1] if copies else chosen


_HEADER_RULES = ("byline", "date header", "comment signature")
_SCORE = re.compile(r"[A-ZÀ-Ý][\w .'’-]{1,40}?\s\d{1,3}\s*[-–,]?\s+[A-ZÀ-Ý][\w .'’-]{1,40}?\s\d{1,3}")
_NAME_IN_CAPITALS = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý'’.-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’.-]+){1,2}")
_PHOTO_CREDIT = re.compile(r"(?:/|\(|—|–|-)\s*(?:AAP|AP|AFP|Reuters|Getty(?: Images)?|EPA|PA|Bloomberg|Shutterstock|"
                           r"Photo|Picture|Image|Crédit|Credit)\b[^()]*\)?\s*$|\b(?:Photo|Picture|Crédit photo|Credit)\s*:",
                           re.IGNORECASE)


def _only_the_article(infos: list[LineInfo], start: int) -> bool:
    """The text is the article alone, its first line the title: nothing but that line stands before the article, or
    a line the page's furniture could not be (not a menu, not a masthead in Title Case over a menu)."""
    if start <= 1:
        return True
    between = infos[1:start]
    return start == 2 and all(i.rule is None and not _SEPARATED.search(i.line.text) for i in between) and \
        _written_as_a_headline(infos[0].line.text)


def _written_as_a_headline(text: str) -> bool:
    """A headline that shares no word with the article may still be one, written in sentence case ("Red-hot
    frontrunners"); a section's name ("Actu Justice"), a masthead ("Sports Business Insider") or a byline ("Par la
    rédaction") is not."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    if len(words) < 2 or words[0].casefold() in union("BYLINE_WORDS"):
        return False
    return not all(w[0].isupper() for w in words[1:] if w.casefold() not in union("FUNCTION_WORDS"))


def _headline_shape(info: LineInfo, first_line: bool) -> bool:
    text = info.line.text
    words = word_count(text)
    if not 2 <= words <= 30 or len(text) > 220 or _SEPARATED.search(text):
        return False
    if text.endswith((".", ",", ";", ":", "…")) or info.repeated:
        return False
    numbers = len(re.findall(r"\d+", text))
    if numbers >= 3 and numbers >= 0.3 * words:  # "Derby County (0) 0 Wigan Athletic (0) 1": a score, a table row
        return False
    if _SCORE.fullmatch(text):  # "Paris Saint-Germain 3 Real Madrid 1"
        return False
    if not first_line and text[0].islower():
        return False
    if _PHOTO_CREDIT.search(text):
        return False  # "Star turn ... Kasey Chambers at the festival / AAP": a photo's caption
    # "Meta teams up with rivals? Not quite": a headline may hold two short sentences, a paragraph does not
    return len(re.findall(r"[.!?]\s+\S", text)) <= 1


def _stems(text: str) -> set[str]:
    """The content words of a text (not its function words, nor the days and months of a date), cut to five
    letters: "player" meets "players", "child" meets "children"."""
    return {w[:5] for w in re.findall(r"[^\W\d_]+", text.casefold()) if len(w) > 3 and w not in _function_words()}


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(union("FUNCTION_WORDS")) | calendar_words()


# --- what the header says ----------------------------------------------------------------------------------------


def _learn_from_header(infos: list[LineInfo], start: int, end: int, out: Cleaned) -> None:
    """Bylines, datelines and author lines around the headline and at the top of the article. A lone name next to
    a date line ("Ben Carter" / "Jun 13, 2025") is the author."""
    for index in range(0, min(end + 1, start + 4)):
        info = infos[index]
        if info.rule is not None and info.rule.learn:
            learn(out.learnt, info.rule, info.match, None)
    if "author" in out.learnt:
        return
    for index in range(max(0, start - HEADLINE_WINDOW), start):
        text = infos[index].line.text
        near_date = any(infos[j].rule is not None and infos[j].rule.reason == "date header"
                        for j in (index - 1, index + 1) if 0 <= j < len(infos))
        if near_date and re.fullmatch(r"[A-ZÀ-Ý][\w'’.-]+(?:\s+[A-ZÀ-Ý][\w'’.-]+){1,2}", text):
            out.learnt["author"] = text
            return


def as_markup(lines: list[str]) -> bytes:
    """Lines as HTML paragraphs, for tools that read markup (jusText)."""
    return ("<html><body>" + "".join(f"<p>{html.escape(t)}</p>" for t in lines) + "</body></html>").encode("utf-8")
