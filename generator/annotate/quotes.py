"""Quotes and who said them.

Two shapes. A block quote with an attribution line, recovered by the reader ("– Mark Zuckerberg, PDG de Meta").
And a quotation inside a paragraph, attributed by the words around it, in French or in English:

    « … », a déclaré X / « … », observe X / « … », explique-t-il / « … », a-t-il ajouté      after, either order
    "…," said X / "…," X said / "…," he wrote, "…"                                          split quotes joined
    X a prévenu : « … » / X wrote in a letter: "…"                                          introduced by a colon
    Selon X, « … » / According to X, "…" / Pour X, « … »                                   attributed by a phrase
    X said the decision sent "…"                                                           reported, then quoted

Speech verbs come from `generator.lang` in every tense (`a déclaré`, `avait justifié`, `répète`, `dit`,
`says`, `told`). The speaker is a person named in the attribution (a listed entity or a name the article uses),
whose role is kept apart ("Andrew Feldman" and "CEO and co-founder of Cerebras"); a surname is the person named
in full before ("…," Tapper said); a pronoun (il, elle, he, she, lui) is the subject of the last sentence that names
someone, or the speaker described just before ("Un porte-parole de Meta a assuré …"); a role with a definite
article is the person named last ("le défenseur brésilien"); an indefinite description stays a description ("un
gérant parisien"); "le géant de la technologie", "the daily" is the organisation named last. A quotation of four words or more that no verb attributes is still a quote (most are, in
the press: a source's words the journalist quotes), its speaker read from its sentence (the first person or
organisation named before the verb, a second quotation of a sentence), from the paragraph it continues, or left
unknown; never a place, a phrase or a note. Fewer words in quotation marks are scare quotes; words the text calls
a title ("le film « … »") are a title. An incise inside a quotation («Nous allons, a-t-il dit, surveiller») is taken
out of it and read as its attribution.

Each quotation is found first, then the words next to it are read: linear in the paragraph. What a quotation asks of
the rest of the article (where its sentence starts and ends, who was named last before it, which names its
attribution holds) is found by bisection or in one pass over the attribution, never by reading the paragraph or the
article again: a paragraph of thousands of quotations costs as much per quotation as a short one.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ..lang import alternation, language, union
from ..model import Block, Candidate, Entity, Mention, Quote
from ..lang.lexicon import is_territory
from .names import is_person_name
from .text import fold, strip_accents

MIN_WORDS = 4  # « ouverte », « arme ultime »: fewer words in quotation marks are scare quotes, not speech
# Characters before a quotation where the subject of its sentence is looked for when no verb attributes it: the
# longest such stretch in the labelled articles (Wikinews, the seeds, the tests) is 928. A paragraph of thousands of
# quotations and no full stop is one sentence: read whole before each quotation, it took quadratic time.
SUBJECT_WINDOW = 2_000
_PAIRS = {"«": "»", "“": "”", '"': '"', "„": "“"}
_QUOTED = re.compile(r"«\s*([^«»]+?)\s*»|“([^“”]+?)”|\"([^\"]+?)\"|„([^„“]+?)“")
# A sentence ends: a full stop (not an initial such as "D.A." or "M."), before a capital or a quotation mark.
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\b[MDS]r)(?<!\bMme)[.!?…]\s+(?=[«\"“A-ZÀ-Ý(])")
_CAPITALISED = r"[A-ZÀ-Ý][\w'’.-]*[\w]"
_NAME = re.compile(rf"{_CAPITALISED}(?:\s+(?:(?:de|da|van|von|der|al|bin|le|la|du)\s+)?{_CAPITALISED}){{1,3}}")
_FIRST_WORD = re.compile(r"[A-ZÀ-Ý][\w'’.-]*")  # where the first word of a `_NAME` starting at a capital ends


def _names(phrase: str) -> Iterator[str]:
    """What `_NAME.finditer(phrase)` finds, each word tried once. A name's first word runs from its capital to the
    end of the word, and what must follow is the same for every capital of that word: when no name starts at one
    capital, none starts at the word's later ones, and the search goes on after the word. Trying each capital of a
    word of thousands ("Jean-Pierre-Marie-…", "L'Ab.cAb.c…") read the rest of the word each time: quadratic."""
    at = 0
    while (capital := _FIRST_WORD.search(phrase, at)) is not None:
        if (name := _NAME.match(phrase, capital.start())) is not None:
            yield name.group(0)
            at = name.end()
        else:
            at = capital.end()


@dataclass(frozen=True)
class _SentenceEnds:
    """Where the sentences of a text end (`_SENTENCE_END`), found once per text: each quotation asks where its
    sentence starts and ends, and searching the text again for each made a paragraph of many quotations quadratic.
    A match of `_SENTENCE_END` depends only on its full stop and the characters around it, so the matches found once
    in the whole text are those a search from any position would find."""

    stops: tuple[int, ...]  # the full stop of each end
    starts: tuple[int, ...]  # where the next sentence starts, after the spaces

    @classmethod
    def of(cls, text: str) -> _SentenceEnds:
        found = [match.span() for match in _SENTENCE_END.finditer(text)]
        return cls(tuple(stop for stop, _ in found), tuple(start for _, start in found))

    def next_stop(self, at: int) -> int | None:
        """The first full stop at or after `at`."""
        index = bisect_left(self.stops, at)
        return self.stops[index] if index < len(self.stops) else None

    def sentence_start(self, floor: int, at: int) -> int:
        """Where the sentence around `at` starts (after an end that finishes at or before `at`), `floor` at the
        earliest."""
        index = bisect_right(self.starts, at)
        return self.starts[index - 1] if index > bisect_left(self.stops, floor) else floor


class _Substrings:
    """Which of many strings occur in a text, found in one pass over the text (Aho and Corasick's automaton): asking
    each string in turn (`name in phrase`) costs every string for every phrase, and an article of thousands of
    speakers asks it for each of their quotations."""

    def __init__(self, strings: Iterable[str]):
        self._next: list[dict[str, int]] = [{}]  # state -> character -> state: the strings as a trie
        self._ends: list[str | None] = [None]  # the string that ends at a state
        self._empty = False  # "" is in every text
        for string in strings:
            self._empty |= not string
            state = 0
            for character in string:
                if character not in self._next[state]:
                    self._next[state][character] = len(self._next)
                    self._next.append({})
                    self._ends.append(None)
                state = self._next[state][character]
            self._ends[state] = string
        # where to go on when the next character leads nowhere: the longest end of what was read that the trie holds;
        # and the nearest state down that chain where a string ends (0: none)
        self._fall, self._output = [0] * len(self._next), [0] * len(self._next)
        queue = deque(self._next[0].values())
        while queue:
            state = queue.popleft()
            for character, child in self._next[state].items():
                fall = self._fall[state]
                while fall and character not in self._next[fall]:
                    fall = self._fall[fall]
                fall = self._fall[child] = self._next[fall].get(character, 0)
                self._output[child] = fall if self._ends[fall] else self._output[fall]
                queue.append(child)

    def found_in(self, text: str) -> set[str]:
        found, state = ({""} if self._empty else set()), 0
        for character in text:
            while state and character not in self._next[state]:
                state = self._fall[state]
            state = self._next[state].get(character, 0)
            at = state if self._ends[state] else self._output[state]
            while at:
                found.add(self._ends[at])
                at = self._output[at]
        return found


@dataclass(frozen=True)
class Referent:
    """Someone an article names, in reading order: who a later pronoun may stand for."""

    block: int
    offset: int
    name: str
    entity_id: str | None = None
    kind: str = "person"  # person | organisation | described ("un porte-parole de Meta")


@dataclass(frozen=True)
class Speaker:
    name: str | None
    role: str | None = None
    entity_id: str | None = None


@dataclass(frozen=True)
class _InOrder:
    """Referents in reading order, found by bisection on where they are: (block, offset)."""

    referents: tuple[Referent, ...]
    keys: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, referents: Iterable[Referent]) -> _InOrder:
        referents = tuple(referents)
        return cls(referents, tuple((r.block, r.offset) for r in referents))

    def count_before(self, position: int, offset: int) -> int:
        return bisect_left(self.keys, (position, offset))

    def last_before(self, position: int, offset: int) -> Referent | None:
        count = self.count_before(position, offset)
        return self.referents[count - 1] if count else None


class _Referents:
    """The people and organisations an article names and the speakers it describes, in reading order (`_referents`),
    with what the speakers' rules ask of them (who was named last before a quotation, who opens its sentence, who
    was named in full with this surname) answered without walking the whole list for each quotation."""

    def __init__(self, referents: list[Referent]):
        self.all = _InOrder.of(referents)
        self.people = _InOrder.of(r for r in referents if r.kind == "person")
        self.organisations = _InOrder.of(r for r in referents if r.kind == "organisation")
        # who a pronoun stands for: a person named by a full name (a lone capitalised word may be a firm the model took
        # for a person) or listed, or a speaker described ("un porte-parole de Meta a assuré …")
        self.antecedents = _InOrder.of(r for r in referents if r.kind == "described"
                                       or (r.kind == "person" and (" " in r.name or r.entity_id)))
        self._in_full: dict[str, list[int]] = {}  # a name of two words or more -> where in `people` it is
        self._by_surname: dict[str, set[str]] = {}  # its last word, accents off -> the names
        self._by_last_two: dict[str, set[str]] = {}  # its last two words, accents off -> the names
        for index, referent in enumerate(self.people.referents):
            parts = strip_accents(referent.name).split()
            if len(parts) > 1:
                self._in_full.setdefault(referent.name, []).append(index)
                self._by_surname.setdefault(parts[-1], set()).add(referent.name)
                self._by_last_two.setdefault(" ".join(parts[-2:]), set()).add(referent.name)
        self._last_two = _Substrings(self._by_last_two)

    def last_named_in_full(self, surnames: set[str], phrase: str, position: int, offset: int) -> Referent | None:
        """The last person named in full before (position, offset) whose name ends with one of `surnames`, or whose
        last two words `phrase` holds (both without accents)."""
        names = {name for surname in surnames for name in self._by_surname.get(surname, ())}
        names |= {name for last_two in self._last_two.found_in(phrase) for name in self._by_last_two[last_two]}
        count = self.people.count_before(position, offset)
        latest = max((where[bisect_left(where, count) - 1] for where in (self._in_full[name] for name in names)
                      if where[0] < count), default=None)
        return None if latest is None else self.people.referents[latest]


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    verbs = alternation(union("SPEECH_FORMS"))
    auxiliaries = alternation(union("AUXILIARIES"))
    pronouns = alternation(tuple(union("SUBJECT_PRONOUNS")) + tuple(union("OBJECT_PRONOUNS")))
    described = alternation(union("DESCRIBED_SPEAKERS"))
    according = alternation(union("ACCORDING_TO"))
    function_words = alternation(union("FUNCTION_WORDS"))
    return {
        # the verb, maybe in a compound tense, maybe with its subject inverted: "a-t-il déclaré", "explique-t-elle"
        "verb": re.compile(
            rf"(?<![\w-])(?:(?P<aux>{auxiliaries})(?:-t)?-(?P<inv_aux>il|elle|ils|elles|on)\s+|(?:{auxiliaries})\s+)?"
            rf"(?:(?:d'|l'|l’|d’|lui\s+|leur\s+)?(?:\w+ment\s+|d['’]ailleurs\s+|aussi\s+|également\s+|then\s+|also\s+)?)?"
            rf"(?P<verb>{verbs})(?:(?:-t)?-(?P<inv>il|elle|ils|elles|on))?(?![\w-])", re.IGNORECASE),
        "pronoun": re.compile(rf"^(?:{pronouns})$", re.IGNORECASE),
        # an incise inside a quotation: ", a-t-il dit,", ", insiste-t-elle,", ", dit Jean Dupont,"
        "incise": re.compile(
            rf",\s*(?P<incise>(?:(?:{auxiliaries})-t-(?:il|elle|ils|elles)\s+(?:{verbs})|(?:{verbs})-t?-?(?:il|elle|ils|elles)"
            rf"|(?:{verbs})\s+[A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+){{0,3}}))\s*,", re.IGNORECASE),
        "described": re.compile(
            rf"\b(?:un|une|a|an)\s+(?P<what>(?:[\w’'-]+\s+){{0,2}}?(?:{described})(?:\s+(?:de|d['’]|of|chez|at)\s*[\w’'.-]+"
            rf"|\s+(?!(?:{verbs}|{function_words})\b)[a-zà-ÿ]{{4,}})?)\b", re.IGNORECASE),
        # at the start of the quotation's sentence: "Selon lui, …", "According to analysts at Bernstein, …",
        # "Pour le maire, René Raimondi, …"
        "according": re.compile(
            rf"^\s*(?:{according})\s+(?P<who>[^,;:«»“”\"]{{2,80}}?)(?:,\s*(?P<name>[A-ZÀ-Ý][^,;:«»“”\"]{{2,60}}?))?\s*,",
            re.IGNORECASE),
        # later in the sentence, just before the quotation: "…, tandis que, pour le président de la Commission
        # européenne Jean-Claude Juncker, « … »"
        "according_late": re.compile(
            rf"(?:[,;]|\b(?:tandis que|alors que|mais|et|and|but|while))\s*(?:{according})\s+"
            rf"(?P<who>[^,;:«»“”\"]{{2,80}}?)(?:,\s*(?P<name>[A-ZÀ-Ý][^,;:«»“”\"]{{2,60}}?))?\s*,\s*$",
            re.IGNORECASE),
    }


def find_quotes(blocks: tuple[Block, ...], mentions: list[Mention], entities: dict[str, Entity],
                names_in: Callable[[str], list[str]], candidates: list[Candidate] = (), language_code: str = "fr"
                ) -> list[Quote]:
    """`names_in(text)` gives the ids of the entities named in a text (the entity matcher); `candidates` are the
    unlisted names the article uses, for speakers nobody listed."""
    main_organisation = _main_organisation(mentions, entities)
    referents = _Referents(_referents(blocks, mentions, entities, candidates))
    people = _Substrings({c.name for c in candidates
                          if c.type == "person" or (is_person_name(c.name) and not c.cue and not c.type)})
    # never a speaker: a place ("San Diego"), whatever gave its type
    not_people = {c.name for c in candidates if (c.cue and c.type != "person") or c.type == "place"} | \
        {a for m in mentions if entities[m.entity_id].type == "place" for a in entities[m.entity_id].aliases}
    reader = _Reader(entities, names_in, people, not_people, referents, main_organisation, language_code,
                     texts=tuple(b.text for b in blocks))
    quotes: list[Quote] = []
    for position, block in enumerate(blocks):
        if block.kind == "quote":
            quotes.append(reader.block_quote(block))
        elif block.kind in ("paragraph", "list_item"):
            quotes += reader.paragraph(position, block)
    return quotes


@dataclass
class _Reader:
    entities: dict[str, Entity]
    names_in: Callable[[str], list[str]]
    people: _Substrings  # the names of the people the article names, unlisted
    not_people: set[str]
    referents: _Referents
    main_organisation: str | None
    language_code: str
    last_speaker: Speaker | None = None  # who spoke last in the article, for a paragraph that only quotes
    texts: tuple[str, ...] = ()  # the text of each block, by position
    _sentence_ends: dict[int, _SentenceEnds] = field(default_factory=dict)  # by position, found when first asked

    def sentence_ends(self, position: int) -> _SentenceEnds:
        if position not in self._sentence_ends:
            self._sentence_ends[position] = _SentenceEnds.of(self.texts[position])
        return self._sentence_ends[position]

    def block_quote(self, block: Block) -> Quote:
        speaker = self.speaker(block.speaker or "", 0, 0) if block.speaker else Speaker(None)
        return Quote(text=block.text, speaker=speaker.name, block_id=block.id, speaker_entity=speaker.entity_id,
                     role=speaker.role)

    def paragraph(self, position: int, block: Block) -> list[Quote]:
        text = block.text
        ends = self.sentence_ends(position)
        spans = [(m.start(), m.end(), next(g for g in m.groups() if g is not None).strip()) for m in _QUOTED.finditer(text)]
        quotes: list[Quote] = []
        previous: Speaker | None = None
        index = 0
        while index < len(spans):
            start, end, said = spans[index]
            after_end = spans[index + 1][0] if index + 1 < len(spans) else len(text)
            after = _sentence_rest(text, end, after_end, ends)
            before = _sentence_start(text, spans[index - 1][1] if index else 0, start, ends)
            who = self.attribution(after, before, position, start)
            # a split quote: « …, » poursuit-il, « … »
            if who is not None and index + 1 < len(spans) and after.rstrip().endswith(",") \
                    and spans[index + 1][0] == end + len(after):
                said = f"{said.rstrip(',')} {spans[index + 1][2]}"
                index += 1
            elif who is None and previous is not None and not before.strip() and quotes:
                who = previous  # « … », a-t-il dit. « Et la suite … » : the same speaker goes on
            elif who is None and index == 0 and not text[:start].strip() and self.last_speaker is not None:
                who = self.last_speaker  # a paragraph that only quotes goes on with the last speaker
            elif who is None:
                begin = ends.sentence_start(0, start)
                sentence = text[max(begin, start - SUBJECT_WINDOW):start]
                if previous is not None and index > 0 and spans[index - 1][0] >= begin:
                    who = previous  # a second quotation in the same sentence: the same speaker
                elif sentence.strip():
                    verb = _last(_patterns()["verb"].finditer(sentence))  # the speaker is named before it says
                    limit = start - len(sentence) + verb.start() if verb is not None else start
                    who = self.subject(position, start - len(sentence), limit, sentence)
                elif index == 0:  # the first quotation of the paragraph
                    # "Alonso was honest about it. "We wanted …"": the person the paragraph opens with
                    who = self.subject(position, 0, start, text[:start], people_only=True)
            index += 1
            said, incise = _without_incise(said)  # « Nous allons, a-t-il dit, surveiller … »
            if incise is not None:
                who = self.attribution(incise, "", position, start) or who
            if len(said.split()) < MIN_WORDS or (who is None and _names_a_title(before, said)):
                continue  # « arme ultime »; « Les communs numériques de demain », the film: not speech
            who = who or Speaker(None)  # words quoted from a source the article does not name
            if who.name:
                previous = self.last_speaker = who
            quotes.append(Quote(text=said.strip(" ,"), speaker=who.name, block_id=block.id,
                                speaker_entity=who.entity_id, role=who.role))
        return quotes

    def attribution(self, after: str, before: str, position: int, offset: int) -> Speaker | None:
        """Who the words around a quotation say spoke it."""
        patterns = _patterns()
        clause = after.strip().lstrip(",").strip()
        verb = patterns["verb"].search(clause)
        if verb is not None and verb.start() <= 120:
            if verb.group("inv") or verb.group("inv_aux"):  # « … », explique-t-il
                return self.pronoun(position, offset)
            left = clause[:verb.start()].strip(" ,")
            if left and len(left.split()) <= 12:  # "…," he said / "…," Kenji Watanabe, Toyota's …, said
                found = self.speaker(left, position, offset)
                if found.name:
                    return found
            elif who := _phrase(clause[verb.end():]):  # « … », observe Thomas Girard, analyste chez Kepler Cheuvreux
                found = self.speaker(who, position, offset)
                if found.name:
                    return found
        according = patterns["according"].search(before) or patterns["according_late"].search(before)
        if according:  # Selon lui, « … » / According to analysts at Bernstein, "…" (not "Pour sa part, …")
            who = according.group("who")
            name = according.group("name")
            apposition = name and (_NAME.match(name) or _names_a_role(name))
            found = self.speaker(f"{who}, {name}" if apposition else who, position, offset)
            if found.name:
                return found
        verb = _last(patterns["verb"].finditer(before))
        if verb is not None and not verb.group("inv") and not verb.group("inv_aux"):
            subject = before[:verb.start()].strip(" ,")
            tail = before[verb.end():]
            if subject and (tail.rstrip().endswith(":") or len(tail.split()) <= 12):
                subject = _subject(subject)
                words = subject.split()
                if patterns["pronoun"].match(words[0]) or patterns["pronoun"].match(words[-1]):
                    return self.pronoun(position, offset)  # "Il a terminé … en disant : « … »", "…, il a écrit que"
                found = self.speaker(subject, position, offset)  # X a prévenu : « … » / X said it sent "…"
                if found.name:
                    return found
        return None

    def speaker(self, phrase: str, position: int, offset: int) -> Speaker:
        """The person, description or organisation a phrase names, with the rest as their role; a speaker without a
        name when the phrase names nobody ("in a statement", "that results have not been")."""
        phrase = re.split(r"[«»“”\"]", phrase)[-1]  # the end of another quotation is not the speaker
        phrase = _LEADING.sub("", phrase.strip(" ,.;:"))
        phrase = re.sub(r"['’]s\b", "", phrase)  # "Rikard-Bell's spokesman": the possessive is not the name
        if _patterns()["pronoun"].match(phrase):
            return self.pronoun(position, offset)
        named = [i for i in self.names_in(phrase) if i in self.entities and self.entities[i].type != "place"]
        person = next((i for i in named if self.entities[i].type == "person"), None)
        if person is not None:
            written = next((a for a in sorted(self.entities[person].aliases, key=len, reverse=True)
                            if re.search(re.escape(a), phrase, re.IGNORECASE)), self.entities[person].name)
            return Speaker(self.entities[person].name, _role(phrase, written), person)
        known = min(((" " not in n, phrase.find(n), -len(n), n) for n in self.people.found_in(phrase)),
                    default=(0, 0, 0, None))[3]  # a full name before a one-word one ("Taoiseach … Leo Varadkar")
        if known is None and (by_surname := self.by_surname(phrase, position, offset)) is not None:
            return by_surname  # "Nadal a déclaré", "…," Tapper said: the person named in full before
        name = known or next((n for n in _names(phrase) if _could_be_a_speaker(n) and n not in self.not_people), None)
        if name is not None and (not named or len(name) > len(self.entities[named[0]].name)):
            return Speaker(name, _role(phrase, name), None)
        described = _patterns()["described"].search(" " + phrase)
        if named:  # "Meta said", "Porte-parole de Meta", "a Meta spokesperson said": the organisation speaks
            entity = self.entities[named[0]]
            if entity.type != "organisation":
                return Speaker(None)
            if fold(phrase).casefold() in _aliases(entity):
                return Speaker(entity.name, None, entity.id)
            spokesperson = _clean_role(described.group("what")) if described else _clean_role(phrase)
            return Speaker(spokesperson or entity.name, None, entity.id)
        if _organisation_description(phrase):  # "le quotidien", "the company": the organisation named last
            last = self.referents.organisations.last_before(position, offset)
            if last is not None:
                return Speaker(last.name, None, last.entity_id)
            if self.main_organisation:
                return Speaker(self.entities[self.main_organisation].name, None, self.main_organisation)
        description = re.split(r"\s(?:who|qui|that|dont|which)\s", phrase)[0]
        if _DEFINITE_ROLE.match(description) and _names_a_role(description) \
                and (named_before := self.last_person(position, offset)) is not None:
            return named_before  # "le défenseur brésilien", "l'entraîneur du Real": the person the article is about
        if len(description.split()) <= 6 and _names_a_role(description):
            return Speaker(_clean_role(description) or None)  # "un gérant parisien", "one studio executive"
        return Speaker(None)

    def last_person(self, position: int, offset: int) -> Speaker | None:
        """The person named last, in this paragraph or the one before."""
        last = self.referents.people.last_before(position, offset)
        if last is None or last.block < position - 1:
            return None
        return Speaker(last.name, None, last.entity_id)

    def by_surname(self, phrase: str, position: int, offset: int) -> Speaker | None:
        """A capitalised word of the phrase that ends the name of a person named before ("Nadal" after "Rafael
        Nadal"): that person, the last one named if several share it."""
        words = {strip_accents(w) for w in re.findall(r"[\w’'-]+", phrase) if w[:1].isupper()}
        if not words:
            return None
        # "Erdogan" for "Recep Tayyip Erdoğan"
        referent = self.referents.last_named_in_full(words, strip_accents(phrase), position, offset)
        if referent is None:
            return None
        return Speaker(referent.name, _role(phrase, strip_accents(referent.name).split()[-1]), referent.entity_id)

    def subject(self, position: int, sentence_start: int, offset: int, sentence: str, people_only: bool = False
                ) -> Speaker | None:
        """Who a sentence that quotes without a speech verb is about: the first person or organisation it names
        before the quotation ("L'Élysée a salué « … »", "le pape François « s'associe à la douleur »"), or the
        person a pronoun that starts it stands for ("Il évoque un « … »")."""
        in_order = self.referents.all
        for referent in in_order.referents[in_order.count_before(position, sentence_start):
                                           in_order.count_before(position, offset)]:
            if referent.kind in (("person",) if people_only else ("person", "organisation")):
                return Speaker(referent.name, None, referent.entity_id)
        first = sentence.strip().split(" ", 1)[0] if sentence.strip() else ""
        if first and _patterns()["pronoun"].match(first) and first.casefold() in union("SUBJECT_PRONOUNS"):
            return self.pronoun(position, offset)
        return None

    def pronoun(self, position: int, offset: int) -> Speaker:
        """The last person named (by a full name: a lone capitalised word may be a firm the model took for a person),
        or described as speaking, before a pronoun."""
        antecedents = self.referents.antecedents
        last = antecedents.last_before(position, offset)
        if last is None:
            return Speaker(None)
        if last.block < len(self.texts):  # the subject of that sentence, not the last name in it: "Luis Enrique a
            # salué Kylian Mbappé. « … », a-t-il lancé" (the sentence of a name that starts one is the one before)
            start = self.sentence_ends(last.block).sentence_start(0, last.offset - 1)
            last = antecedents.referents[antecedents.count_before(last.block, start)]
        return Speaker(last.name, None, last.entity_id)


def _referents(blocks: tuple[Block, ...], mentions: list[Mention], entities: dict[str, Entity],
               candidates: list[Candidate]) -> list[Referent]:
    """The people and organisations an article names, and the speakers it describes, in reading order; not the names
    inside quotation marks (« Nelson Mandela », a nickname someone took)."""
    position = {b.id: i for i, b in enumerate(blocks)}
    quoted = {b.id: [m.span() for m in _QUOTED.finditer(b.text)] for b in blocks}  # in order, none inside another

    def outside_quotes(block_id: str, offset: int) -> bool:
        if block_id not in position:
            return False
        before = bisect_left(quoted[block_id], (offset,))  # the quotations that start before `offset`
        return not before or quoted[block_id][before - 1][1] <= offset

    found = [Referent(position[m.block_id], m.start, entities[m.entity_id].name, m.entity_id, entities[m.entity_id].type)
             for m in mentions if outside_quotes(m.block_id, m.start) and not m.in_attribution
             and entities[m.entity_id].type in ("person", "organisation")]
    found += [Referent(position[c.block_id], c.start, c.name, None, "person" if c.type == "person" else c.type)
              for c in candidates if outside_quotes(c.block_id, c.start)
              and (c.type in ("person", "organisation") or (is_person_name(c.name) and not c.cue))]
    described = _patterns()["described"]
    for index, block in enumerate(blocks):
        for match in described.finditer(block.text):  # "un porte-parole de Meta a assuré …"
            found.append(Referent(index, match.start(), _clean_role(match.group("what")), None, "described"))
    return sorted(found, key=lambda r: (r.block, r.offset))


def _sentence_rest(text: str, start: int, stop: int, ends: _SentenceEnds) -> str:
    """The text after a quotation, up to the next quotation or the end of the sentence (`ends` are the text's: a
    sentence may end just past `stop`, its look-ahead reading the next quotation)."""
    end = ends.next_stop(start)
    return text[start: min(end, stop) if end is not None else stop]


def _sentence_start(text: str, floor: int, start: int, ends: _SentenceEnds) -> str:
    """The text before a quotation, from the start of its sentence (or the previous quotation)."""
    return text[ends.sentence_start(floor, start):start]


def _without_incise(said: str) -> tuple[str, str | None]:
    """A quotation with the speaker's incise inside it ("Nous allons, a-t-il dit, surveiller", "Chaque euro,
    insiste-t-il, appartenait"): the words said, and the incise apart."""
    match = _patterns()["incise"].search(said)
    if match is None:
        return said, None
    return said[:match.start()] + " " + said[match.end():].lstrip(), match.group("incise")


def _names_a_title(before: str, said: str) -> bool:
    """The quotation marks hold the title of a work, a name or a slogan, not what someone said: the words before
    say so ("le film « … »", "the report, titled "…""), or it is written in Title Case."""
    cues = alternation(union("TITLE_CUES"))
    if re.search(rf"\b(?:{cues})\s*[,:]?\s*$", before.casefold()):
        return True
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", said) if w.casefold() not in union("FUNCTION_WORDS")]
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def _phrase(text: str) -> str:
    """What follows an inverted speech verb: the speaker and their role, up to where the sentence goes elsewhere
    ("…, a déclaré Satya Nadella, le patron de Microsoft, lors de la conférence")."""
    text = text.strip()
    cut = re.search(r"[;:!?]|(?<![A-Z])\.(?:\s|$)|\s(?:in|dans)\s+(?:a|an|un|une|his|her|son|sa)\s|,\s*(?:lors|dans|en|à|au|devant|après|avant|when|in|at|on|during|after|before|"
                    r"adding|ajoutant|selon|according)\b", text)
    return text[: cut.start()] if cut else text


def _subject(text: str) -> str:
    """The subject before a speech verb: the end of the clause ("La vice-présidente de la Commission, Henna
    Virkkunen," / "In the memo, Mark Zuckerberg")."""
    parts = re.split(r"(?<=\w)[.;]\s+|\b(?:and|et|mais|but|que|that)\s+", text)
    return parts[-1].strip(" ,") or text


def _role(phrase: str, name: str) -> str | None:
    """The speaker's role in an attribution: a title before the name ("Governor Jeff Landry", "l'économiste Anne
    Lefèvre") or an apposition after it ("Andrew Feldman, CEO and co-founder of Cerebras"); not the circumstances
    ("In the memo, …", "… in a memo to staff")."""
    at = re.search(re.escape(name), phrase, re.IGNORECASE)
    if at is None:
        return None
    before, after = phrase[:at.start()], phrase[at.end():]
    parts = [before.strip(" ,")]
    if after.lstrip().startswith(","):
        parts.append(after.strip(" ,"))
    roles = [_clean_role(p) for p in parts if p and _names_a_role(p)]
    return ", ".join(r for r in roles if r) or None


def _could_be_a_speaker(name: str) -> bool:
    """A run of capitalised words that may name someone: not a role ("Chief Financial Officer"), not a phrase that
    starts with a function word ("On Russia"), not a note with a number ("BIEN 10"), not a country."""
    words = name.split()
    return not (_is_role_words(name) or _starts_with_role(name) or is_territory(name)
                or words[0].casefold() in union("FUNCTION_WORDS") or any(c.isdigit() for c in name))


def _starts_with_role(name: str) -> bool:
    """"Porte-parole de Meta", "Chief Executive Mark Zuckerberg": a role before (or instead of) a name."""
    return name.split()[0].casefold().strip(".") in _role_words()


def _names_a_role(text: str) -> bool:
    words = set(re.findall(r"[\w-]+", text.casefold()))
    return bool(words & (_role_words() - frozenset(union("HONORIFICS")))) or bool(words & set(union("DESCRIBED_SPEAKERS")))


# A role with a definite article: someone the article has named ("le défenseur brésilien", "the coach").
_DEFINITE_ROLE = re.compile(r"^(?:le|la|l['’]\s*|the)\s*\w", re.IGNORECASE)
# Words that open a clause before its subject: "and he said", "mais le ministre a ajouté".
_LEADING = re.compile(r"^(?:(?:and|but|also|then|so|et|mais|aussi|puis|alors|ainsi|or)\s+)+", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:(?:le|la|les|un|une|a|an|the|its|son|sa|leur)\s+|l['’]\s*)", re.IGNORECASE)


def _clean_role(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,.;:–—-")
    return _ARTICLE.sub("", text).strip(" ,")


@functools.cache
def _role_words() -> frozenset[str]:
    return frozenset(w for w in union("ROLES") + union("HONORIFICS"))


@functools.cache
def _name_words_that_are_not_names() -> frozenset[str]:
    return _role_words() | frozenset(union("COMMON_CAPITALISED"))


def _is_role_words(name: str) -> bool:
    """"Chief Financial Officer", "Prime Minister": capitalised words that are a role, not a name."""
    return all(w.casefold().strip(".") in _name_words_that_are_not_names() for w in name.split())


def _organisation_description(phrase: str) -> bool:
    nouns = alternation(union("ORGANISATION_DESCRIPTIONS"))
    return re.match(rf"^(?:le|la|l['’]|les|the|its|son|sa)\s*(?:[\w-]+\s+){{0,3}}?(?:{nouns})\b", phrase.strip(),
                    re.IGNORECASE) is not None  # "le quotidien", "the influential US daily"


def _last(matches):
    found = None
    for found in matches:
        pass
    return found


def _aliases(entity: Entity) -> set[str]:
    return {fold(a).casefold() for a in entity.aliases}


def _main_organisation(mentions: list[Mention], entities: dict[str, Entity]) -> str | None:
    counts = Counter(m.entity_id for m in mentions if entities[m.entity_id].type == "organisation")
    return counts.most_common(1)[0][0] if counts else None


__all__ = ["find_quotes", "language"]
