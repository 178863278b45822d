"""Names nobody has listed yet: a new executive, a start-up, a data-centre project.

The knowledge files are the authority; this finds the proper names they miss. Two sources, the model first:

    model   the named entities of a statistical model (`ner.py`), in every block, the title and headings included:
            where it saw a name, its reading of where the name starts and ends stands (it reads the context; the
            rules see capitals), cleaned of what a name does not start or end with: a determiner ("la France", but
            "Le Figaro" keeps it), a title or a role ("Premier ministre Nawaz Sharif"), the end of a role before a
            person ("président de la République François Hollande"), a nationality ("l'Espagnole Caroline Routier"),
            a descriptive noun ("télescope Kepler"; not "rue de Rivoli", whose generic belongs to the name), a verb
            ("Meta espère")
    rules   runs of capitalised words ("Alexandr Wang", "Bank of America", "D.A. Davidson") where the model saw
            nothing, with more evidence asked of them: a word that is no common word of the language, or a shape
            that says what the name is ("Blue Owl Capital"); a run that holds a model's name and goes on with such
            words is that name in full ("Jeff Landry" where the model read "Jeff")

A French institution's name capitalises only its first word: "l'État islamique", "les Nations unies" take their
adjectives. A name that holds a listed name and more ("Radio France", "Tour de France 2016") is that longer name.

What is not a name, from the language's own lexicon (`lang/lexicon.py`) and word lists (`lang/`): a nationality
("Français", "European"), a capitalised common noun ("République", "Conseil"), a common abbreviation ("CDI", "PIB"),
a unit ("GWh"), a role alone ("Premier ministre"), a capital at a sentence start ("Lancée en 2023, …"). In a heading
or a headline in Title Case, only names the body also writes capitalised, countries and runs of proper nouns stay.

The type comes from the cues ("la start-up X", "X, directrice de", "à X"), then the model's vote, then a name it is
listed with ("Amazon and Cerebras"), then the name's shape ("… Labs"); without any it is "organisation", and the
review page says it was a guess. A surname alone is the person named in full in the same article ("Droege" after
"Jason Droege"); across articles, `resolve` decides.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Generic, Iterable, TypeVar

from ..lang import alternation, calendar_words, union
from ..lang.lexicon import is_common_word, is_demonym, is_territory
from ..model import Block, Candidate, Mention
from .ner import NamedSpan
from .text import fold

_UPPER = "A-ZÀ-ÖØ-Þ"
# A capitalised word ("Odense", "OpenAI", "AT&T", "Ray-Ban"), initials ("D.A."), a possessive ("Scale's").
_WORD = rf"(?:(?:[{_UPPER}]\.){{2,}}|[{_UPPER}][\w&'’.-]*[\w&]|[{_UPPER}])"
# Between the words of a name: a connector ("Bank of America", "Banque de France", "Quotidien de l'Économie").
_JOIN = r"(?:\s+(?:(?:de|d['’])\s+(?:la\s+|l['’])?|(?:du|des|of|for|the|&|la|le|van|von|der|al)\s+)|\s+)"
_VERSION = r"(?:\s+\d{1,2}(?:\.\d{1,2})?(?![.,]?\d)(?!\s*(?:%|pour|per|milliards?|millions?|billions?|md|mds|bn)\b))?"
RUN = re.compile(rf"(?<![\w'’-]){_WORD}(?:{_JOIN}{_WORD})*{_VERSION}(?![\w-])")
_POSSESSIVE = re.compile(r"['’]s$")
_ELIDED = re.compile(r"^(?:L|D|Qu|Lorsqu|Puisqu|Jusqu|S|N|C)['’](.+)$")


@functools.cache
def _words(name: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in union(name))


def _connectors() -> frozenset[str]:
    return _words("NAME_CONNECTORS") | {"&"}


@functools.cache
def _role_words() -> frozenset[str]:
    """Words of a title or a role before a name ("Governor", "Chief Financial Officer", "PDG")."""
    return _words("ROLES") | _words("HONORIFICS") | _words("ROLE_MODIFIERS") | {h.rstrip(".") for h in _words("HONORIFICS")}


@functools.cache
def _titles() -> frozenset[str]:
    return _words("ROLES") | {h.rstrip(".") for h in _words("HONORIFICS")}


@functools.cache
def _cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(type, words just before the name), on folded lower-case text: "la start-up X", "PDG de X", "à X"."""
    roles = alternation(union("ROLES") + union("HONORIFICS"))
    organisation_nouns = alternation(union("ORGANISATION_NOUNS"))
    organisation_after = alternation(union("ORGANISATION_AFTER"))
    places = alternation(union("PLACE_PREPOSITIONS"))
    products = alternation(union("PRODUCT_NOUNS"))
    speech = alternation(union("SPEECH_FORMS"))
    place_nouns = alternation(union("PLACE_NOUNS"))
    return (
        ("organisation", re.compile(rf"(?:{roles})\s+(?:de\s+la|de\s+l'|de|d'|du|of\s+the|of|at)\s*$")),
        ("person", re.compile(rf"(?:\b(?:{roles})\.?|dirigée? par|led by)\s*,?\s*(?:(?:de\s+|d')\S+\s+)?$")),
        ("speaker", re.compile(rf"\b(?:{speech})\s*$")),
        ("organisation", re.compile(rf"\b(?:{organisation_nouns})(?:\s+[\w-]+)?\s*$|\b(?:{organisation_after})\s*$")),
        ("place", re.compile(rf"(?:^|\s)(?:{places})\s*$|\b(?:{place_nouns})\s*$")),
        ("product", re.compile(rf"\b(?:{products})s?(?:\s+[\w-]+)?\s*[,:]?\s*$")),
    )


@functools.cache
def _cues_after() -> tuple[tuple[str, re.Pattern[str]], ...]:
    roles = alternation(union("ROLES"))
    speech = alternation(union("SPEECH_FORMS"))
    organisation_nouns = alternation(union("ORGANISATION_NOUNS"))
    place_nouns = alternation(union("PLACE_NOUNS"))
    products = alternation(union("PRODUCT_NOUNS"))
    return (
        ("person", re.compile(rf"^\s*,\s*(?:le |la |l'|the |its |son |sa |un |une |a |an )?(?:[\w'-]+ ){{0,3}}(?:{roles})\b")),
        ("speaker", re.compile(rf"^(?:,?\s+(?:a|avait|has|had)\s+(?:{speech})\b|\s+(?:{speech})\b)")),
        ("product", re.compile(rf"^\s*,\s*(?:(?:devenue?|became|now)\s+(?:l'|le |la |the |un |une |a |an )?|un |une |a |an )"
                               rf"(?:[\w-]+ )?(?:{products})\b")),
        ("place", re.compile(r"^\s+(?:data\s+cent(?:er|re)s?|campus|site|plant|factory|usine|centre\s+de\s+données)\b")),
        ("organisation", re.compile(rf"^\s*(?:,\s*(?:la |le |l'|une |un |the |a |an |its )?(?:[\w-]+ ){{0,2}}"
                                    rf"(?:{organisation_nouns})\b|\s+(?:inc|corp|ltd|sa|sas|gmbh|llc|plc)\b)")),
        ("place", re.compile(rf"^\s*,\s*(?:un |une |le |la |the |a |an |its )?(?:[\w-]+ ){{0,2}}(?:{place_nouns})\b")),
        ("event", re.compile(r"^\s+(?:conference|conférence|summit|sommet|event|événement|salon|festival)\b")),
    )


_SHAPES = (  # the name's last word says what it is
    ("organisation", re.compile(r"\b(?:Inc\.?|Corp\.?|Corporation|Ltd|LLC|SA|SAS|GmbH|Labs?|Group|Groupe|Capital|"
                                r"Ventures|Partners|Technologies|Systems|Bank|Banque|Foundation|Fondation|Institute|"
                                r"Institut|University|Université|Research|Robotics|Motors|Holdings|Studios?|"
                                r"Networks|Energy|Cloud|Computing|Semiconductor|Agency|Agence|Commission|Initiative|"
                                r"Council|Conseil|Jury|Association|Alliance)$|^(?:Université|University|Banque|Bank)\b")),
    ("product", re.compile(r"\b(?:API|App|Display|Band|Glasses|Pro|Max|Ultra|Mini|Phone|Pad|OS|Bot|Chat)$")),
    ("place", re.compile(r"\b(?:Parish|County|City|Valley|Province|Region|State|Island|Islands|Bay|Beach|Springs|"
                         r"Heights|Ridge)$")),
    ("event", re.compile(r"\b(?:Con|Conference|Conférence|Summit|Sommet|Forum|Expo|Festival|Week|Day|Salon)$|"
                         r"^(?:Sommet|Salon|Conférence|Forum)\b")),
)
_COORDINATION = re.compile(r"\s*(?:,|et|and|ou|or|&)\s*|\s*,\s*(?:et|and)\s+")
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*[A-ZÀ-Ý]|,?\s*(?:et|and|ou|or)\b|\s*&)")
_COORDINATION_MAX = 16  # characters: ", and " with room to spare; a longer gap is not a list

Word = tuple[str, int]  # a word of a run and its offset in the block
Item = TypeVar("Item")


class _Spans(Generic[Item]):
    """Things of a block that cover a stretch of it (names: the model's, the knowledge files'), asked which overlap
    another stretch by bisection on where they start: a block may hold thousands of names, and going through all of
    them for each name made it quadratic."""

    def __init__(self, items: Iterable[Item], span=lambda item: item):
        placed = sorted(((*span(item), index, item) for index, item in enumerate(items)), key=lambda p: p[:3])
        self._starts = [start for start, _end, _index, _item in placed]
        self._ends = [end for _start, end, _index, _item in placed]
        self._items = [item for _start, _end, _index, item in placed]
        self._reach = list(accumulate(self._ends, max))  # the furthest end of the spans up to each

    def overlapping(self, start: int, end: int) -> list[Item]:
        """Those that overlap [start, end), in the order they start: from the last that starts before `end`, back as
        long as one so far reaches past `start` (names are short: a few)."""
        found, index = [], bisect.bisect_left(self._starts, end) - 1
        while index >= 0 and self._reach[index] > start:
            if self._ends[index] > start:
                found.append(self._items[index])
            index -= 1
        return found[::-1]

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self._starts, end)
        return before > 0 and self._reach[before - 1] > start


@dataclass
class _Found:
    block: Block
    start: int
    end: int
    name: str
    initial: bool  # at the start of a sentence
    model_type: str | None = None  # what the model calls it
    cue_type: str | None = None  # what a rule cue says (a title before a person's name)
    cue: str = ""


def _is_plain_word(word: str, at_end: bool = False) -> bool:
    """A capitalised word that does not make a name by itself; at the end of a name, "AI" or "Labs" does."""
    folded = word.casefold().rstrip(".")
    return folded in _words("FUNCTION_WORDS") or folded in calendar_words() or \
        (not at_end and folded in _words("COMMON_CAPITALISED"))


def _trim(words: list[Word]) -> tuple[list[Word], str | None]:
    """Function words and calendar words neither start nor end a name ("Selon Alexandr Wang" -> "Alexandr Wang"); an
    elided article is not part of it ("L'équipe Meta" -> "Meta"); a possessive neither ("Scale's" -> "Scale"); nor
    a title or a role before it ("Governor Jeff Landry" -> "Jeff Landry", a person). Also returns the role."""
    if words and (elided := _ELIDED.match(words[0][0])):
        rest = elided.group(1)
        words = ([(rest, words[0][1] + len(words[0][0]) - len(rest))] if rest[:1].isupper() else []) + words[1:]
    words = [(_POSSESSIVE.sub("", w), at) if _POSSESSIVE.search(w) else (w, at) for w, at in words]
    role = None
    lead = 0  # a title before the name: role words, at least one of them a role and not only a qualifier
    while lead < len(words) and words[lead][0].casefold().rstrip(".") in _role_words():
        lead += 1
    if 0 < lead < len(words) and any(w.casefold().rstrip(".") in _titles() for w, _ in words[:lead]):
        role, words = " ".join(w for w, _ in words[:lead]), words[lead:]
    first, last = 0, len(words)  # cut once: a run of thousands of capitalised words cut a word at a time is quadratic
    while first < last and (_is_plain_word(words[first][0]) or words[first][0].casefold() in _connectors()):
        first += 1
    while last > first and (_is_plain_word(words[last - 1][0], at_end=True)
                            or words[last - 1][0].casefold() in _connectors()):
        last -= 1
    words = words[first:last]
    if words and all(w.casefold().rstrip(".") in _role_words() for w, _ in words):
        return [], role  # "Financial Officer": a role without a name
    return words, role


def _names_in_run(words: list[Word], known: set[int], sentence_start: bool) -> list[tuple[list[Word], str | None]]:
    """The unlisted names in a run of capitalised words, given the offsets that known names cover, each with the role
    that preceded it.

    A run that a known name starts and capitalised words continue is a longer, unlisted name ("Google DeepMind"
    when only Google is listed), unless the known name is a possessive ("Meta's Hyperion"); otherwise the known
    names and the words between them split the run ("Amazon and Nvidia" gives "Nvidia").
    """
    possessive = {at for w, at in words if _POSSESSIVE.search(w)}
    words, role = _trim(words)
    if len(words) > 2 and words[1][0] in _connectors() and sentence_start:
        words = words[2:]  # "Porte-parole de Meta, …": a sentence's first word before "de" is a common noun
    covered = [any(i in known for i in range(at, at + len(w))) for w, at in words]
    if not any(covered):
        return [(words, role)] if words else []
    if all(covered):
        return []
    if covered[0] and len(words) > 1 and not covered[1] and words[1][0] not in _connectors() \
            and not any(words[0][1] <= p < words[0][1] + len(words[0][0]) + 2 for p in possessive):
        return [(words, None)]
    pieces, piece = [], []
    for word, is_known in zip(words, covered):
        if is_known or word[0] in _connectors():
            pieces.append(piece)
            piece = []
        else:
            piece.append(word)
    return [(trimmed, r) for trimmed, r in (_trim(p) for p in [*pieces, piece]) if trimmed]


def _starts_sentence(text: str, at: int) -> bool:
    """Whether a sentence (or a parenthesis, or a quotation) starts at `at`: only the few characters before it
    are looked at, because this runs for every capitalised word."""
    i = at
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == 0 or text[i - 1] in "\n(«“":
        return True
    return i < at and text[i - 1] in ".!?:;»”\""


_WORD_RUN = re.compile(r"(?<![\w'’-])[\w-]+(?![\w-])")


class _TextWords:
    """The words of an article's text (`_WORD_RUN`), found once: whether a name is also written in lower case is asked
    of every one-word name, and searching the whole text for each made a long article take quadratic time."""

    def __init__(self, text: str):
        self.text = text
        self.words = frozenset(_WORD_RUN.findall(text))
        self._starts: dict[str, list[int]] | None = None  # word -> where it is, found when first needed

    def written_lower_case(self, word: str) -> bool:
        """"consortium" in the text makes "Consortium" a common noun written at a sentence start or for emphasis.
        A name of several pieces ("AT&T", "D.A.") is looked for where the text has its first piece as a word."""
        lower = word.lower()
        if _WORD_RUN.fullmatch(word):
            return lower in self.words
        first = re.match(r"[\w-]+", lower)
        if first is None:
            return re.search(rf"(?<![\w'’-]){re.escape(lower)}(?![\w-])", self.text) is not None
        if first.group(0) not in self.words:
            return False
        if self._starts is None:
            self._starts = {}
            for match in _WORD_RUN.finditer(self.text):
                self._starts.setdefault(match.group(0), []).append(match.start())
        after = len(lower)
        return any(self.text.startswith(lower, at) and not re.match(r"[\w-]", self.text[at + after:at + after + 1])
                   for at in self._starts[first.group(0)])


def is_person_name(text: str) -> bool:
    """Two to four capitalised words, no connector: how a person's name is written ("Alexandr Wang")."""
    words = text.split()
    return 2 <= len(words) <= 4 and RUN.fullmatch(fold(text)) is not None and not any(
        w.casefold() in _connectors() or _is_plain_word(w) for w in words)


def _type_of(name: str, before: str, after: str) -> tuple[str | None, str]:
    """(type, the cue that says so); (None, "") when nothing does."""
    before_lower, after_lower = fold(before).casefold(), fold(after).casefold()
    person_shaped = is_person_name(name)
    for kind, cue in _cues_after():
        if (match := cue.search(after_lower)) and (kind != "speaker" or person_shaped):
            if kind == "person" and re.match(r"\s+[A-ZÀ-Ý]", after[match.end():]):
                continue  # "San Diego, the chief executive Jane Doe": the role is Jane Doe's
            return ("person" if kind == "speaker" else kind), match.group(0).strip(" ,")
    for kind, shape in _SHAPES:
        if shape.search(name):
            return kind, name.split()[-1]
    for kind, cue in _cues():  # a speech verb says a person spoke only of a name written like a person's
        if (match := cue.search(before_lower)) and (kind != "speaker" or person_shaped):
            if kind == "product" and re.search(r"[A-ZÀ-Ý]\w*[\s,:]*$", before[match.start():]):
                continue  # "le réseau social X, Jordan Bardella": the word after the noun is a name, not a qualifier
            return ("person" if kind == "speaker" else kind), match.group(0).strip(" ,:")
    return None, ""


def find_candidates(blocks: tuple[Block, ...], known: list[Mention], known_types: dict[str, str],
                    first_names: frozenset[str] = frozenset(), named: tuple[NamedSpan, ...] = (),
                    language: str = "fr") -> list[Candidate]:
    """Proper names of an article that no knowledge file lists, with a type and the cue behind it.

    `known` are the mentions of listed entities and `known_types` their types: a name listed with them
    ("Amazon and Cerebras") is of the same type. `first_names` are the first names of the people listed:
    "Daniel Gross" is a person when another Daniel is. `named` are the model's named entities.

    The model's names come first: where the model saw a name, its reading of where the name starts and ends is kept
    (it reads the context; the rules see capitals), cleaned of what a name does not start with ("la France",
    "Premier ministre Nawaz Sharif", "l'Espagnole Caroline Routier"). The rules add the names the model missed,
    with more evidence asked of them.
    """
    taken: dict[str, set[int]] = {}  # block id -> offsets covered by known names
    known_spans: dict[str, list[tuple[int, int]]] = {}
    typed_before: dict[str, list[tuple[int, str, str]]] = {}  # block id -> (end, type, cue) of typed names, by end
    for mention in known:
        taken.setdefault(mention.block_id, set()).update(range(mention.start, mention.end))
        known_spans.setdefault(mention.block_id, []).append((mention.start, mention.end))
        if known_types.get(mention.entity_id):
            typed_before.setdefault(mention.block_id, []).append((mention.end, known_types[mention.entity_id],
                                                                  f"avec {mention.text}"))
    for typed in typed_before.values():
        typed.sort()
    model_in: dict[str, list[NamedSpan]] = {}
    for span in named:
        model_in.setdefault(span.block_id, []).append(span)
    found = _longest(_from_model(blocks, known_spans, model_in, language) + _from_rules(blocks, taken, model_in, language))
    midsentence = Counter(f.name for f in found if not f.initial)
    counts = Counter(f.name for f in found)
    words_of_text = _TextWords("\n".join(block.text for block in blocks))
    common_noun = {name: words_of_text.written_lower_case(name) for name in {f.name for f in found} if " " not in name}
    kept: list[Candidate] = []
    for f in sorted(found, key=lambda f: (f.block.id, f.start)):
        name = f.name
        if _defines_an_abbreviation(f):
            continue  # "modèles de langage (LLM)", "la réalité virtuelle (RV)": an abbreviation, not a name
        if len(name) < 2 or name.isdigit() or common_noun.get(name) or _not_a_name(name, f.model_type, language):
            continue  # "le consortium" also written: a common noun; "GW": a unit; "Français": a nationality
        if f.initial and midsentence[name] == 0 and " " not in name and (
                f.model_type is None or (f.model_type == MISC and is_common_word(name, language, ("noun", "adj", "adv")))):
            continue  # "Lancée en 2023, …", "Imaginons …": only a capital because a sentence starts there
        kind, cue = (f.cue_type, f.cue) if f.cue_type else _type_of(name, f.block.text[max(0, f.start - 40):f.start],
                                                                       f.block.text[f.end:f.end + 40])
        if kind is None and is_person_name(name) and name.split()[0] in first_names:
            kind, cue = "person", f"prénom {name.split()[0]}"
        if kind is None:  # "deux modèles, Scout et Maverick", "Amazon and Cerebras": listed together, same type
            kind, cue = _listed_with(f, typed_before.get(f.block.id, []))
        if kind is None and f.model_type and f.model_type != MISC:
            kind, cue = f.model_type, ""  # the model's vote: a guess, but a better one than none
        if " " not in name and kind is None and counts[name] < 2 and f.model_type is None:
            continue  # one capitalised word, once, without a cue: too weak to suggest
        kept.append(Candidate(name=name, type=kind or "", block_id=f.block.id, start=f.start, end=f.end, cue=cue,
                              model_type=f.model_type or ""))
        if kind and cue:
            bisect.insort(typed_before.setdefault(f.block.id, []), (f.end, kind, cue))
    return _one_type_per_name(_surnames_in_full(kept))


def _longest(found: list[_Found]) -> list[_Found]:
    """A name inside a longer one found at the same place is part of it ("Jeff" in "Jeff Landry"). In the order of
    where they start (the longer first at one place), a name is inside a longer one when one before it reaches as
    far: one pass over the names of a block, not one for each name."""
    inside: set[tuple[str, int, int]] = set()
    by_block: dict[str, set[tuple[int, int]]] = {}
    for f in found:
        by_block.setdefault(f.block.id, set()).add((f.start, f.end))
    for block_id, spans in by_block.items():
        reach = -1  # the furthest end of the names before
        for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
            if reach >= end:
                inside.add((block_id, start, end))
            reach = max(reach, end)
    return [f for f in found if (f.block.id, f.start, f.end) not in inside]


MISC = "misc"  # the model's vote for a name of no type it knows (`ner.TYPES`)


def _not_a_name(name: str, model_type: str | None, language: str) -> bool:
    """A unit ("GW"), a common abbreviation ("CDI", "PIB"), a nationality ("Français", "European"), or a word the
    language uses as a common noun or adjective that only the model's "other name" vote, or no vote, calls a name
    ("Internet", "Triathlon"); a run of words none of which is a name ("Premier ministre")."""
    folded = name.casefold()
    if folded in _words("UNITS") or folded in _words("COMMON_ABBREVIATIONS"):
        return True
    words = name.split()
    if len(words) == 1:
        if is_demonym(name, language) or _is_plain_word(name):
            return True  # "Français"; "République", "Commission": capitalised common nouns
        if model_type is None and is_common_word(name, language, ("noun", "adj", "adv")):
            return True
    elif words[0] not in ("Le", "La", "Les", "L'", "The") and all(
            _is_plain_word(w) or w.casefold() in _role_words() or w.casefold() in _connectors() for w in words):
        return True  # "Premier ministre"; but "Le Monde" is a newspaper
    return False


def _listed_with(f: _Found, typed_before: list[tuple[int, str, str]]) -> tuple[str | None, str]:
    """The type of the nearest typed name that ends just before `f` with only a comma or a conjunction between
    them. Only the names that end within a few characters are looked at (bisect), so a paragraph with thousands
    of names costs no more per name than a short one."""
    text = f.block.text
    at = bisect.bisect_right(typed_before, (f.start, "\uffff"))  # the first that ends after f starts
    while at > 0:
        at -= 1
        end_at, kind, cue = typed_before[at]
        if end_at < f.start - _COORDINATION_MAX:
            break
        between = text[end_at:f.start]
        if _COORDINATION.fullmatch(between) and (between.strip() != "," or _LIST_GOES_ON.match(text, f.end)):
            return kind, cue  # "Amazon, Cerebras et Groq"; but "Hélène Marchetti, Aubrac's chief executive" is not a list
    return None, ""


def _from_rules(blocks: tuple[Block, ...], taken: dict[str, set[int]], model_in: dict[str, list[NamedSpan]],
                language: str) -> list[_Found]:
    """Runs of capitalised words where the model saw no name: the names it missed ("Kyutai Labs" with its cue)."""
    found: list[_Found] = []
    for block in blocks:
        if block.kind == "heading" and not _sentence_case(block.text):
            continue  # a heading in Title Case capitalises every word: only the model reads it
        text = fold(block.text)
        seen_by_model = _Spans(model_in.get(block.id, ()), lambda s: (s.start, s.end))
        for match in RUN.finditer(text):
            words = [(w.group(0), match.start() + w.start()) for w in re.finditer(r"\S+", match.group(0))]
            sentence_start = _starts_sentence(text, match.start())
            found_in_run = [found_name for segment in _at_possessives(words)
                            for found_name in _names_in_run(segment, taken.get(block.id, set()),
                                                            sentence_start and segment[0] == words[0])]
            for name_words, role in found_in_run:
                longer = _longer_than_the_model(block, text, name_words, role, seen_by_model, language)
                if longer is not None:
                    found.append(longer)  # "Governor Jeff Landry": the model read "Jeff"
                    continue
                for piece, piece_role in _outside_model_names(name_words, role, seen_by_model):
                    start, end = piece[0][1], piece[-1][1] + len(piece[-1][0])
                    if len(piece) == 1:
                        end = _with_adjectives(text, end, piece[0][0], language)
                    if seen_by_model.overlaps(start, end):
                        continue
                    if not _has_name_word(piece, language) and not (len(piece) > 1 and _shaped(piece)):
                        continue  # "Conseil", "Vers 17", "Nations Unies": common words ("Blue Owl Capital" is a firm)
                    found.append(_Found(block, start, end, block.text[start:end], _starts_sentence(text, start), None,
                                        "person" if piece_role else None, piece_role or ""))
    return found


_ADJECTIVE_AFTER = re.compile(r"\s+([a-zà-ÿ][a-zà-ÿ-]{3,})")


def _with_adjectives(text: str, end: int, last_word: str, language: str) -> int:
    """Where a one-word name ends once the adjectives after it are counted: in French an institution's name
    capitalises only its first word ("l'État islamique", "les Nations unies", "la Banque mondiale", "le Conseil
    constitutionnel"), so a capitalised common noun followed by adjectives is a name that goes on. A place or a
    proper name is not extended ("la France entière"), nor by a word that may be a verb ("la Seine continue")."""
    if language != "fr" or not last_word[:1].isupper() or not is_common_word(last_word, language, ("noun",)):
        return end
    for _ in range(2):
        after = _ADJECTIVE_AFTER.match(text, end)
        if after is None:
            break
        word = after.group(1)
        if word in _words("NOT_NAME_ADJECTIVES") or word in _words("FUNCTION_WORDS") or \
                not is_common_word(word, language, ("adj",)) or is_common_word(word, language, ("verb", "noun")):
            break  # "la Seine continue", "la Banque centrale" (but not "l'Europe entière")
        end = after.end()
    return end


def _at_possessives(words: list[Word]) -> list[list[Word]]:
    """A run cut after each possessive: "Aubrac's SoftBank" is two names (but "Meta's Hyperion" is kept whole where
    Meta is listed, `_names_in_run` says so)."""
    segments, current = [], []
    for word in words:
        current.append(word)
        if _POSSESSIVE.search(word[0]) and word is not words[-1]:
            segments.append(current)
            current = []
    return segments + ([current] if current else [])


def _longer_than_the_model(block: Block, text: str, words: list[Word], role: str | None, spans: _Spans[NamedSpan],
                           language: str) -> _Found | None:
    """A run that holds one of the model's names and goes on with capitalised words that are no common word of the
    language is that name in full ("Jeff Landry" where the model read "Jeff"); not a nationality or an institution
    before it ("Norvégien Kristian Blummenfelt", "Santé Simon Harris")."""
    start, end = words[0][1], words[-1][1] + len(words[-1][0])
    overlapping = spans.overlapping(start, end)
    if len(overlapping) != 1 or not (start <= overlapping[0].start and overlapping[0].end <= end) \
            or (overlapping[0].start, overlapping[0].end) == (start, end):
        return None
    span = overlapping[0]
    extra = [w for w, at in words if at + len(w) <= span.start or at >= span.end]
    if not extra or any(not w[:1].isupper() or is_common_word(w, language) or is_demonym(w) or _is_plain_word(w)
                        or w.casefold() in _connectors() for w in extra):
        return None
    return _Found(block, start, end, block.text[start:end], _starts_sentence(text, start), span.type,
                  "person" if role and span.type == "person" else None, role or "")


def _outside_model_names(words: list[Word], role: str | None, model: _Spans[NamedSpan]
                         ) -> list[tuple[list[Word], str | None]]:
    """The parts of a run that no name of the model covers: where the model read a name, its reading stands, and
    the rest of the run may hold another name it missed ("Pacific Investment Management Co and Blue Owl Capital")."""
    if not any(model.overlaps(at, at + len(word)) for word, at in words):
        return [(words, role)]
    pieces, piece = [], []
    for word in words:
        if model.overlaps(word[1], word[1] + len(word[0])):
            pieces.append(piece)
            piece = []
        else:
            piece.append(word)
    return [(trimmed, r) for trimmed, r in (_trim(p) for p in [*pieces, piece]) if trimmed]


def _shaped(words: list[Word]) -> bool:
    """The name's shape says what it is ("… Capital", "… Labs", "Université …")."""
    name = " ".join(w for w, _ in words)
    return any(shape.search(name) for _kind, shape in _SHAPES)


def _has_name_word(words: list[Word], language: str) -> bool:
    """Some word of a run is not a common word of the language: it may be a name ("Kyutai Labs", "Odense")."""
    return any(not is_common_word(w.strip(".'’"), language) and not w[:1].isdigit() and not _is_plain_word(w)
               and w.casefold() not in _connectors() for w, _ in words)


def _sentence_case(text: str) -> bool:
    """A line written as a sentence ("Meta recrute à Paris"), not in Title Case ("Une Nouvelle Ère pour la
    Monétisation de l'IA", "Meta Hires In Paris") nor in capitals: most of its words after the first, function words
    and elided articles aside, are not capitalised."""
    words = [re.sub(r"^(?:[LlDd]|[Qq]u)['’]", "", w) for w in re.findall(r"[^\W\d_][\w'’-]*", text)[1:]]
    content = [w for w in words if len(w) > 1 and w.casefold() not in _words("FUNCTION_WORDS")]
    return not content or sum(w[0].isupper() for w in content) < 0.8 * len(content)


def _defines_an_abbreviation(f: _Found) -> bool:
    """"modèles de langage (LLM)", "la réalité virtuelle (RV)": an abbreviation of common nouns, not a name. One of a
    name ("Rassemblement national (RN)") is a name: `find_abbreviations` pairs it with what it stands for."""
    text = f.block.text
    if not (f.name.isupper() and f.start > 0 and text[f.start - 1] == "(" and text[f.end:f.end + 1] == ")"):
        return False
    expansion = _expansion_before(text, f.start - 1, f.name)
    word_end = _end_before_spaces(text, f.start - 1)
    return (expansion is None or not expansion[:1].isupper()) \
        and re.fullmatch(r"[a-zà-ÿ]", text[word_end - 1:word_end]) is not None


def _end_before_spaces(text: str, at: int) -> int:
    """Where the text before `at` ends, the spaces before `at` left out: what is written before a parenthesis is
    looked at there, not by searching all the text before it (a block of thousands of parentheses was quadratic)."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at


_ABBREVIATION = re.compile(r"\(\s*([A-ZÀ-Ý][A-Z0-9À-Ý&.]{1,9}[a-z]?)\s*\)")
_EXPANSION = re.compile(r"\(\s*([^()]{3,80}?)\s*\)")
_NOT_INITIAL = {"de", "du", "des", "d", "la", "le", "les", "l", "of", "the", "and", "et", "for", "pour", "en", "à", "a"}


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w.casefold() not in _NOT_INITIAL).upper()


def _expansion_before(text: str, paren: int, short: str) -> str | None:
    """The words before a parenthesis whose initials spell the abbreviation in it, as written: "Rassemblement national
    (RN)", "Organisation mondiale de la santé (OMS)"; None when no run of words does."""
    letters = re.sub(r"[^A-Z0-9À-Ý]", "", short.upper())
    window_start = max(0, paren - 160)
    words = [(m.group(1), window_start + m.start(1)) for m in
             re.finditer(r"(?:[LlDd]['’])?([\w-]+)", text[window_start:paren])]
    for count in range(len(letters), min(len(words), len(letters) * 2 + 3) + 1):
        chosen = words[-count:]
        if chosen[0][0].casefold() not in _NOT_INITIAL and _initials([w for w, _ in chosen]) == letters:
            return text[chosen[0][1]:paren].strip()
    return None


def find_abbreviations(blocks: tuple[Block, ...]) -> list[tuple[str, str]]:
    """(abbreviation, name) pairs an article defines, in either order: "Rassemblement national (RN)", "le PNF
    (parquet national financier)", "World Health Organization (WHO)". The name must be written as one (a capital):
    "la réalité virtuelle (RV)" defines no name."""
    pairs: dict[tuple[str, str], None] = {}
    for block in blocks:
        text = fold(block.text)
        for match in _ABBREVIATION.finditer(text):
            expansion = _expansion_before(text, match.start(), match.group(1))
            if expansion and expansion[:1].isupper():
                pairs[(match.group(1), expansion)] = None
        for match in _EXPANSION.finditer(text):  # an abbreviation of 2 to 10 characters just before the parenthesis
            word_end = _end_before_spaces(text, match.start())
            before = re.search(r"([A-ZÀ-Ý][A-Z0-9À-Ý&]{1,9})\s*$", text[max(0, word_end - 10):match.start()])
            inside = re.findall(r"[\w-]+", re.sub(r"\b[LlDd]['’]", "", match.group(1)))
            if before and inside and _initials(inside) == re.sub(r"[^A-Z0-9À-Ý]", "", before.group(1)):
                pairs[(before.group(1), match.group(1))] = None
    return list(pairs)


_PARTICLES = {"de", "du", "d'", "van", "von", "di", "da", "del", "le"}  # "de Gaulle", "van Vleuten"
_DETERMINERS = {"le", "la", "les", "l'", "the"}


def _clean_model_span(words: list[Word], kind: str, sentence_start: bool, language: str, after_role: bool = False
                      ) -> tuple[list[Word], str | None, str | None]:
    """A name the model found, without what does not belong to it: an elided article or a determiner ("l'OMS", "la
    France"; but "La Ciotat", "Le Figaro" keep theirs, capitalised inside a sentence), a possessive, a title or a role
    ("Premier ministre Nawaz Sharif"), the institution a role names before a person ("président de la République
    François Hollande" -> "François Hollande"), a nationality ("l'Espagnole Caroline Routier"). Returns the words,
    the role and the nationality taken off."""
    if words and (elided := re.match(r"^(?:[LlDd]|[Qq]u)['’](.+)$", words[0][0])):
        rest = elided.group(1)
        words = [(rest, words[0][1] + len(words[0][0]) - len(rest))] + words[1:]
    words = [(_POSSESSIVE.sub("", w), at) if _POSSESSIVE.search(w) else (w, at) for w, at in words]
    role = None
    lead = 0
    while lead < len(words) and words[lead][0].casefold().rstrip(".") in _role_words():
        lead += 1
    if 0 < lead < len(words) and any(w.casefold().rstrip(".") in _titles() for w, _ in words[:lead]):
        role, words = " ".join(w for w, _ in words[:lead]), words[lead:]
        if elided := re.match(r"^(?:[LlDd]|[Qq]u)['’](.+)$", words[0][0]):  # "Ministre d'État"
            words = [(elided.group(1), words[0][1] + len(words[0][0]) - len(elided.group(1)))] + words[1:]
    particle = kind == "person" and len(words) == 2 and words[0][0].casefold() in _PARTICLES \
        and words[1][0][:1].isupper()  # "de Gaulle", "De Gendt"
    kept_determiner = (len(words) > 1 and not sentence_start and words[0][0] in ("Le", "La", "Les", "L'", "The")
                       and words[1][0][:1].isupper())
    while words and not particle and not kept_determiner and (
            _is_plain_word(words[0][0], at_end=True) or words[0][0].casefold() in _connectors()):
        words = words[1:]
    while words and (words[-1][0] in _words("FUNCTION_WORDS") or words[-1][0] in _connectors()
                     or (kind != "person" and _is_plain_word(words[-1][0], at_end=True))
                     or (words[-1][0].islower() and is_common_word(words[-1][0], language, ("verb",))
                         and not is_common_word(words[-1][0], language, ("adj",)))):
        words = words[:-1]  # "Meta espère": a verb ends no name; but "Theresa May" ends with a month
    if words and words[0][0][:1].islower() and words[0][0] not in _words("NAME_GENERICS"):
        while words and not words[0][0][:1].isupper():  # "télescope spatial Kepler" -> "Kepler"
            words = words[1:]
    demonym = None
    if len(words) > 2 and is_person_name(" ".join(w for w, _ in words[1:])):
        if is_demonym(words[0][0]):
            demonym, words = words[0][0], words[1:]
        elif kind == "person" and after_role:
            words = words[1:]  # "président de la République François Hollande": the end of a role
    if words and all(w.casefold().rstrip(".") in _role_words() for w, _ in words):
        return [], role, demonym
    return words, role, demonym


def _from_model(blocks: tuple[Block, ...], known: dict[str, list[tuple[int, int]]],
                model_in: dict[str, list[NamedSpan]], language: str) -> list[_Found]:
    """The model's names, cleaned of what a name does not start or end with (an article, a title or a role, a
    nationality before a person's name), never a row of a table. A name that holds a known name and more ("Tour de
    France 2016", "Radio France", "Europe 1") is a longer name, as the entity matcher prefers the longest; over
    anything else known, the knowledge files stand."""
    by_id = {b.id: b for b in blocks}
    body = _CapitalisedWords("\n".join(b.text for b in blocks if b.kind != "heading"))
    found: list[_Found] = []
    for block_id, spans in model_in.items():
        block = by_id.get(block_id)
        if block is None:
            continue
        text = fold(block.text)
        title_case = block.kind == "heading" and not _sentence_case(block.text)
        known_here = _Spans(known.get(block_id, ()))
        for span in spans:
            inside = known_here.overlapping(span.start, span.end)
            if inside and (title_case or not _holds_a_known_name(text, span, inside)):
                continue
            if title_case and not _name_in_title_case(span.text, body, language):
                continue
            if re.search(r"[^\w\s'’.&-]", span.text):
                continue  # "Groupe · Investissements 2025": a row of a table, not a name
            for piece_start, piece_end in _pieces(text, span.start, span.end):
                found += _model_name(block, text, piece_start, piece_end, span.type, language)
    return found


def _name_in_title_case(name: str, body: _CapitalisedWords, language: str) -> bool:
    """In a heading or a headline that capitalises every word ("Meta Redéfinit l'IA : Vers une Superintelligence
    Fermée", "JAPAN GET LUCKY WIN"), capitals say nothing: the model's name is kept when the body writes it
    capitalised too, when it is a country's name, or when none of its words is a common word of the language."""
    if body.writes_capitalised(name):
        return True
    if is_territory(name):
        return True
    words = re.findall(r"[\w'’.-]+", name)
    return all(w.casefold() in _connectors() or (not is_common_word(w, language) and not _is_plain_word(w))
               for w in words)


def _written_capitalised(name: str, text: str) -> bool:
    """Whether `text` writes `name`, in any case, as words of their own starting with a capital."""
    return any(match.group(0)[:1].isupper()
               for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE))


class _CapitalisedWords:
    """Where a text writes words with a capital, by the words without their case, found once: whether the body writes
    a name capitalised is asked of each name the model finds in a heading in Title Case, and searching the whole body
    for each made an article of thousands of such headings quadratic."""

    RUNS = 4  # words of a name that say where it may be written: "Le Retour De Bazu Luzu" is looked for where the
    # body writes "Le Retour De Bazu", not everywhere a sentence starts with "Le"

    def __init__(self, text: str):
        self.text = text
        # Case-insensitive matching is case folding but for "İ" and "ı" (folded here as "i") and the combining
        # ypogegrammeni, which matches an iota without being a letter: a text or a name with one is searched whole.
        self._whole = "\u0345" in text
        self._words: list[tuple[int, int]] | None = None  # where each word starts and ends, found when first asked
        self._at: dict[int, dict[str, list[int]]] = {}  # n -> n words without their case -> where written capitalised

    def writes_capitalised(self, name: str) -> bool:
        """What `_written_capitalised` says, looked for only where the text writes the name's first words (as many as
        `RUNS`) with a capital."""
        words = [word.end() for word in re.finditer(r"\w+", name)][:self.RUNS]
        if not words or not re.match(r"\w", name) or self._whole or "\u0345" in name:
            return _written_capitalised(name, self.text)
        pattern = None
        for at in self._capitalised(len(words)).get(_caseless(name[:words[-1]]), ()):
            pattern = pattern or re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
            if pattern.match(self.text, at):
                # written across itself ("Aa Aa" in "aa Aa Aa"), which of the two a search finds depends on those before
                if any(pattern.match(self.text, before) for before in range(max(0, at - len(name) + 1), at)):
                    return _written_capitalised(name, self.text)
                return True
        return False

    def _capitalised(self, count: int) -> dict[str, list[int]]:
        """`count` words from each word written with a capital, without their case -> where."""
        if count not in self._at:
            if self._words is None:
                self._words = [word.span() for word in re.finditer(r"\w+", self.text)]
            found = self._at[count] = {}
            for index in range(len(self._words) - count + 1):
                start = self._words[index][0]
                if self.text[start].isupper():
                    found.setdefault(_caseless(self.text[start:self._words[index + count - 1][1]]), []).append(start)
        return self._at[count]


def _caseless(word: str) -> str:
    return word.replace("İ", "i").replace("ı", "i").casefold()


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A name the model read across a spaced dash is two ("Ukraine - Pologne", "Terre - Soleil"), and so is one across
    a possessive ("Aubrac's SoftBank")."""
    pieces, at = [], start
    for dash in re.finditer(r"\s[-–—]\s|['’]s\s(?=[A-ZÀ-Ý])", text[start:end]):
        pieces.append((at, start + dash.start()))
        at = start + dash.end()
    return pieces + [(at, end)]


_ROLE_OF = re.compile(r"\b(?:" + alternation(union("ROLES")) + r")\s+(?:de\s+la|du|de\s+l'|des|of\s+the|of)\s*$")


def _model_name(block: Block, text: str, start: int, end: int, kind: str, language: str) -> list[_Found]:
    """One of the model's names, cleaned (`_clean_model_span`); none when nothing of a name is left."""
    words = [(w.group(0), start + w.start()) for w in re.finditer(r"\S+", text[start:end])]
    after_role = _ROLE_OF.search(text[max(0, start - 40):start].casefold()) is not None
    words, role, demonym = _clean_model_span(words, kind, _starts_sentence(text, start), language, after_role)
    if not words or not any(c.isupper() for w, _ in words for c in w):
        return []  # "frontière turquo-syrienne", "internet": no capital, no name
    start, end = words[0][1], words[-1][1] + len(words[-1][0])
    if len(words) == 1:
        end = _with_adjectives(text, end, words[0][0], language)
    person = kind == "person" or ((role or demonym) and is_person_name(block.text[start:end]))
    return [_Found(block, start, end, block.text[start:end], _starts_sentence(text, start),
                   "person" if demonym and person else kind, "person" if (role or demonym) and person else None,
                   role or "")]


def _holds_a_known_name(text: str, span: NamedSpan, inside: list[tuple[int, int]]) -> bool:
    """The model's name holds one known name and more than an article or a possessive: a capitalised word or a
    number ("Radio France", "Tour de France 2016"), not "la France" or "Meta's Hyperion"."""
    if len(inside) != 1 or inside[0][0] < span.start or inside[0][1] > span.end:
        return False
    start, end = inside[0]
    if re.match(r"['’]s\b", text[end:end + 2]):
        return False
    rest = [w for w in re.findall(r"[\w'’-]+", text[span.start:start] + " " + text[end:span.end])
            if not _is_plain_word(w, at_end=True) and w.casefold() not in _connectors()]
    return any(w[:1].isupper() or w[:1].isdigit() for w in rest)


def _surnames_in_full(candidates: list[Candidate]) -> list[Candidate]:
    """A surname or a first name alone is the person the article names in full ("Droege" after "Jason Droege",
    "Joëlle" after "Joëlle Pineau")."""
    full: dict[str, str] = {}
    for c in candidates:
        if " " in c.name and (c.type == "person" or is_person_name(c.name)):
            full.setdefault(c.name.split()[-1], c.name)
    for c in candidates:
        if " " in c.name and c.type == "person":
            full.setdefault(c.name.split()[0], c.name)
    return [replace(c, name=full[c.name], type="person") if " " not in c.name and c.name in full else c
            for c in candidates]


def _one_type_per_name(candidates: list[Candidate]) -> list[Candidate]:
    """A name has one type in an article: the one its cues give most often, then the model's."""
    votes: dict[str, Counter[str]] = {}
    for c in candidates:
        votes.setdefault(c.name, Counter())
        if c.type:
            votes[c.name][c.type] += 3 if c.cue else 1  # a cue says what the name is; the model guesses
    typed = {name: most_common_type(vote) for name, vote in votes.items()}
    return [replace(c, type=typed[c.name]) for c in candidates]


def most_common_type(vote: Counter[str]) -> str:
    """The type most cues gave (ties: alphabetical, for determinism); "organisation" when none did."""
    return min(vote.items(), key=lambda kv: (-kv[1], kv[0]))[0] if vote else "organisation"
