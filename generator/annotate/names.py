"""Names nobody has listed yet: a new executive, a start-up, a data-centre project.

The knowledge files are the authority; this finds the proper names they miss, so that a maintainer can review
them (the site's review page) and turn them into entries (`python -m generator suggest-entities`).

A name is a run of capitalised words ("Alexandr Wang", "Bank of America", "Hyperion"), read in paragraphs,
list items and quotes (headings and titles are left out: English headings capitalise every word). The calls
are kept cheap and conservative, because a wrong suggestion costs a reviewer's time:

- a run that overlaps a known name is skipped (that name is already linked);
- function words, months and days do not start or end a name; a sentence's first word is only a name when
  the run goes on, or when the article writes the same word capitalised mid-sentence too;
- a single word needs either a cue that says what it is ("la start-up Mistral", "Sam Altman, directeur
  général", "à Odense") or a second capitalised occurrence in the article;
- the type comes from the same cues, then from the name's shape ("… Labs", "… Inc."); without one it is
  "organisation", the most frequent kind in business news, and the review page says it was a guess.

A statistical NER model (spaCy's fr_core_news_sm) was measured as too noisy to be the authority and about
2,200 words per second per core; these rules read the seeds' unknown names with the precision that
`tests/test_annotate.py` measures, at the speed of one regular expression per block.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import replace

from babel.dates import get_day_names, get_month_names

from ..model import Block, Candidate, Mention
from .text import fold

_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = rf"(?:[{_UPPER}][\w&'.-]*[\w&]|[{_UPPER}])"  # Odense, OpenAI, AT&T, xAI is handled below
_JOIN = r"(?:\s+(?:de|du|des|of|for|the|&|la|le|van|von|der|al)){0,1}\s+"
_VERSION = r"(?:\s+\d{1,2}(?:\.\d{1,2})?(?![.,]?\d)(?!\s*(?:%|pour|per|milliards?|millions?|billions?|md|mds|bn)\b))?"
RUN = re.compile(rf"(?<![\w'’-]){_WORD}(?:{_JOIN}{_WORD})*{_VERSION}(?![\w-])")

_FUNCTION_WORDS = frozenset("""
a à au aux ce ces cet cette dans de des du elle elles en et il ils je la le les leur leurs lui mais ne nous on
ou où par pas pour qu que qui sa se selon ses si son sur un une vous y ainsi alors après avant aussi autre
cela celui chaque comme comment depuis donc dont encore entre face grâce hier lors même moins notamment outre
parmi pendant plus puis quand sans sous tandis tous tout toute toutes très voici voilà enfin désormais déjà
pourtant cependant néanmoins toutefois car lorsque puisque quoique parce afin tant
the a an and as at but by for from he her his if in into it its of on or our she so than that their them
then there these they this those to we what when where which while who why with you your yet also after
before because during however meanwhile since though although still now today yesterday tomorrow here
not no yes all any each every many most some such both either neither other another one two three
m mme mm mr mrs ms dr
""".split())
_COMMON_CAPITALISED = frozenset("""
internet web ia ai intelligence artificielle europe union gouvernement état etat président premier ministre
commission chapitre partie article photo vidéo video source lire aussi update mise jour breaking exclusive
exclusif ceo pdg cto cfo coo directeur directrice fondateur cofondateur chief executive officer director
founder co-founder head senior vice former général générale
""".split())
# What an organisation is called in a sentence: "la start-up X", "X, the local utility".
_ORGANISATION_NOUNS = (r"start-?up|startup|jeune pousse|société|entreprise|groupe|firme|fonds|banque|laboratoire|"
                       r"cabinet|compagnie|company|firm|group|fund|bank|lab|laboratory|utility|operator|opérateur|"
                       r"fournisseur|provider|insurer|assureur|éditeur|maker|fabricant")
_CUES = (  # (type, words just before the name) and (type, words just after it), on folded lower-case text
    ("organisation", re.compile(r"(?:pdg|ceo|patron|patronne|directeur|directrice|président|présidente|fondateur|"
                                r"fondatrice|cofondateur|head|chief executive|founder|co-founder)\s+"
                                r"(?:de|d'|du|of|at)\s*$")),
    ("person", re.compile(r"(?:\bm\.|\bmme|\bmr\.?|\bms\.?|\bdr\.?|pdg|ceo|directeur|directrice|fondateur|"
                          r"fondatrice|cofondateur|cofondatrice|président|présidente|patron|patronne|chercheur|"
                          r"chercheuse|scientifique|analyste|ministre|ingénieur|founder|co-founder|chief|"
                          r"executive|president|researcher|scientist|analyst|minister|engineer|head|"
                          r"vice-président|vp|dirigée? par|led by)\s*(?:de\s+\S+\s+)?$|"
                          r"(?:said|says|wrote|told|a déclaré|a affirmé|a expliqué|a estimé|a ajouté|a précisé|"
                          r"a indiqué)\s*$")),
    ("organisation", re.compile(rf"(?:{_ORGANISATION_NOUNS}|labo|rival|concurrent|investisseur|investor|chez|at|"
                                r"rejoint|joined|racheté|acquired|acquire|rachète)\s*$")),
    ("place", re.compile(r"(?:\bà|\bau|\bvers|\bprès de|\bnear|\bin|\bville de|\bcity of|\bétat de|\bstate of|"
                         r"\brégion de|\bcampus de)\s*$")),
    ("product", re.compile(r"(?:modèle|model|application|app|assistant|chatbot|logiciel|software|version|puce|"
                           r"chip|lunettes|glasses|casque|headset|plateforme|platform|réseau social|projet|"
                           r"project)s?(?:\s+[\w-]+)?\s*[,:]?\s*$")),
)
_CUES_AFTER = (
    ("person", re.compile(r"^\s*(?:,\s*(?:le |la |l'|the |its |son |sa )?(?:pdg|ceo|directeur|directrice|"
                          r"fondateur|fondatrice|cofondateur|président|présidente|patron|chercheur|chercheuse|"
                          r"chief|head|founder|co-founder|president|vice|scientifique|analyste|analyst|"
                          r"responsable|ancien|ancienne|former)|\s+(?:a|avait)\s+(?:déclaré|affirmé|expliqué|"
                          r"indiqué|précisé|estimé|ajouté)|\s+(?:affirme|déclare|explique|estime|assure|annonce|"
                          r"écrit|said|says|told|added|wrote|explained|believes)\b)")),
    ("organisation", re.compile(r"^\s*(?:,\s*(?:la |le |l'|une |un |the |a |an |its )?(?:[\w-]+ ){0,2}"
                                rf"(?:{_ORGANISATION_NOUNS})\b|\s+(?:inc|corp|ltd|sa|sas|gmbh|llc|plc)\b)")),
    ("place", re.compile(r"^\s*,\s*(?:un |une |le |la |the |a |an |its )?(?:[\w-]+ ){0,2}(?:centre|center|"
                         r"campus|site|data cent(?:er|re)|usine|plant|ville|city|town|région|region|state|état)\b")),
)
_SHAPES = (  # the name's last word says what it is
    ("organisation", re.compile(r"\b(?:Inc\.?|Corp\.?|Corporation|Ltd|LLC|SA|SAS|GmbH|Labs?|Group|Groupe|Capital|"
                                r"Ventures|Partners|Technologies|Systems|Bank|Banque|Foundation|Fondation|Institute|"
                                r"Institut|University|Université|Research|Robotics|Motors|Holdings|Studios?|"
                                r"Networks|Energy|Cloud|Computing|Semiconductor|Agency|Agence|Commission)$")),
    ("event", re.compile(r"\b(?:Con|Conference|Conférence|Summit|Sommet|Forum|Expo|Festival|Week|Day|Salon)$|"
                         r"^(?:Sommet|Salon|Conférence|Forum)\b")),
)
_COORDINATION = re.compile(r"\s*(?:,|et|and|ou|or|&)\s*|\s*,\s*(?:et|and)\s+")


@functools.cache
def _calendar_words() -> frozenset[str]:
    words = set()
    for locale in ("fr", "en"):
        for width in ("wide", "abbreviated"):
            words |= {n.casefold().rstrip(".") for n in get_month_names(width, locale=locale).values()}
            words |= {n.casefold().rstrip(".") for n in get_day_names(width, locale=locale).values()}
    return frozenset(words)


def _is_plain_word(word: str, at_end: bool = False) -> bool:
    """A capitalised word that does not make a name by itself; at the end of a name, "AI" or "Labs" does."""
    folded = word.casefold().rstrip(".")
    return folded in _FUNCTION_WORDS or folded in _calendar_words() or (not at_end and folded in _COMMON_CAPITALISED)


_ELIDED = re.compile(r"^(?:L|D|Qu|Lorsqu|Puisqu|Jusqu|S|N|C)'(.+)$")
_CONNECTORS = {"de", "du", "des", "of", "for", "the", "&", "la", "le", "van", "von", "der", "al"}


Word = tuple[str, int]  # a word of a run and its offset in the block


def _trim(words: list[Word]) -> list[Word]:
    """Function words and calendar words neither start nor end a name ("Selon Alexandr Wang" -> "Alexandr Wang");
    an elided article is not part of it ("L'équipe Meta" -> "Meta", "D'Amazon" -> "Amazon")."""
    if words and (elided := _ELIDED.match(words[0][0])):
        rest = elided.group(1)
        words = ([(rest, words[0][1] + len(words[0][0]) - len(rest))] if rest[:1].isupper() else []) + words[1:]
    while words and (_is_plain_word(words[0][0]) or words[0][0].casefold() in _CONNECTORS):
        words = words[1:]
    while words and (_is_plain_word(words[-1][0], at_end=True) or words[-1][0].casefold() in _CONNECTORS):
        words = words[:-1]
    return words


def _names_in_run(words: list[Word], known: set[int], sentence_start: bool) -> list[list[Word]]:
    """The unlisted names in a run of capitalised words, given the offsets that known names cover.

    A run that a known name starts and capitalised words continue is a longer, unlisted name ("Google DeepMind"
    when only Google is listed); otherwise the known names and the words between them split the run
    ("Amazon and Nvidia" gives "Nvidia").
    """
    words = _trim(words)
    if len(words) > 2 and words[1][0] in _CONNECTORS and sentence_start:
        words = words[2:]  # "Porte-parole de Meta, …": a sentence's first word before "de" is a common noun
    covered = [any(i in known for i in range(at, at + len(w))) for w, at in words]
    if not any(covered):
        return [words] if words else []
    if all(covered):
        return []
    if covered[0] and len(words) > 1 and not covered[1] and words[1][0] not in _CONNECTORS:
        return [words]
    pieces, piece = [], []
    for word, is_known in zip(words, covered):
        if is_known or word[0] in _CONNECTORS:
            pieces.append(piece)
            piece = []
        else:
            piece.append(word)
    return [p for p in (_trim(p) for p in [*pieces, piece]) if p]


def _starts_sentence(text: str, at: int) -> bool:
    """Whether a sentence (or a parenthesis, or a quotation) starts at `at`: only the few characters before it
    are looked at, because this runs for every capitalised word."""
    i = at
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == 0 or text[i - 1] in "\n(«“":
        return True
    return i < at and text[i - 1] in ".!?:;»”\""


def _written_lower_case(word: str, text: str) -> bool:
    """"consortium" in the text makes "Consortium" a common noun written at a sentence start or for emphasis."""
    return re.search(rf"(?<![\w'’-]){re.escape(word.lower())}(?![\w-])", text) is not None


def is_person_name(text: str) -> bool:
    """Two to four capitalised words, no connector: how a person's name is written ("Alexandr Wang")."""
    words = text.split()
    return 2 <= len(words) <= 4 and RUN.fullmatch(fold(text)) is not None and not any(
        w.casefold() in _CONNECTORS or _is_plain_word(w) for w in words)


def _type_of(name: str, before: str, after: str) -> tuple[str | None, str]:
    """(type, the cue that says so); (None, "") when nothing does."""
    before_lower, after_lower = fold(before).casefold(), fold(after).casefold()
    for kind, cue in _CUES_AFTER:
        if match := cue.search(after_lower):
            return kind, match.group(0).strip(" ,")
    for kind, shape in _SHAPES:
        if shape.search(name):
            return kind, name.split()[-1]
    for kind, cue in _CUES:
        if match := cue.search(before_lower):
            return kind, match.group(0).strip(" ,:")
    return None, ""


def find_candidates(blocks: tuple[Block, ...], known: list[Mention], known_types: dict[str, str],
                    first_names: frozenset[str] = frozenset()) -> list[Candidate]:
    """Proper names of an article that no knowledge file lists, with a type and the cue behind it.

    `known` are the mentions of listed entities and `known_types` their types: a name listed with them
    ("Amazon and Cerebras") is of the same type. `first_names` are the first names of the people listed:
    "Daniel Gross" is a person when another Daniel is.
    """
    taken: dict[str, set[int]] = {}  # block id -> offsets covered by known names
    known_in: dict[str, list[Mention]] = {}
    for mention in known:
        taken.setdefault(mention.block_id, set()).update(range(mention.start, mention.end))
        known_in.setdefault(mention.block_id, []).append(mention)
    found: list[tuple[Block, int, int, str, bool]] = []  # block, start, end, name, sentence-initial
    midsentence: Counter[str] = Counter()
    for block in blocks:
        if block.kind == "heading":
            continue
        text = fold(block.text)
        for match in RUN.finditer(text):
            words = [(w.group(0), match.start() + w.start()) for w in re.finditer(r"\S+", match.group(0))]
            sentence_start = _starts_sentence(text, match.start())
            for name_words in _names_in_run(words, taken.get(block.id, set()), sentence_start):
                start, end = name_words[0][1], name_words[-1][1] + len(name_words[-1][0])
                name = " ".join(w for w, _ in name_words)
                initial = _starts_sentence(text, start)
                found.append((block, start, end, name, initial))
                if not initial:
                    midsentence[name] += 1
    counts = Counter(name for *_, name, _initial in found)
    surnames = {name.split()[-1] for *_, name, _initial in found if is_person_name(name)}  # "Doe" after "Jane Doe"
    whole_text = "\n".join(block.text for block in blocks)
    common_noun = {name: _written_lower_case(name, whole_text) for *_, name, _initial in found if " " not in name}
    kept: list[Candidate] = []
    for block, start, end, name, initial in found:
        if len(name) < 3 or name.isdigit():
            continue
        if common_noun.get(name):
            continue  # "au Consortium" when the article also writes "le consortium": a common noun
        if initial and midsentence[name] == 0 and " " not in name and name not in surnames:
            continue  # "Lancée en 2023, …": only a capital because a sentence starts there
        kind, cue = _type_of(name, block.text[max(0, start - 40):start], block.text[end:end + 40])
        if kind is None and is_person_name(name) and name.split()[0] in first_names:
            kind, cue = "person", f"prénom {name.split()[0]}"
        if kind is None:  # "deux modèles, Scout et Maverick", "Amazon and Cerebras": listed together, same type
            before = [(c.end, c.type, c.cue) for c in kept if c.block_id == block.id and c.type] + \
                     [(m.end, known_types[m.entity_id], f"avec {m.text}") for m in known_in.get(block.id, ())]
            kind, cue = next(((t, why) for end_at, t, why in sorted(before, reverse=True)
                              if end_at <= start and _COORDINATION.fullmatch(block.text[end_at:start])), (None, ""))
        if " " not in name and kind is None and counts[name] < 2:
            continue  # one capitalised word, once, without a cue: too weak to suggest
        kept.append(Candidate(name=name, type=kind or "", block_id=block.id, start=start, end=end, cue=cue))
    return _one_type_per_name(kept)


def _one_type_per_name(candidates: list[Candidate]) -> list[Candidate]:
    """A name has one type in an article: the one its cues give most often. A person's surname alone
    ("Zuckerberg" after "Mark Zuckerberg") is that person."""
    votes: dict[str, Counter[str]] = {}
    for c in candidates:
        votes.setdefault(c.name, Counter())
        if c.type:
            votes[c.name][c.type] += 1
    surnames = {name.split()[-1] for name, vote in votes.items() if " " in name and most_common_type(vote) == "person"}
    for name in surnames & votes.keys():
        votes[name]["person"] += 1
    typed = {name: most_common_type(vote) for name, vote in votes.items()}
    return [replace(c, type=typed[c.name]) for c in candidates]


def most_common_type(vote: Counter[str]) -> str:
    """The type most cues gave (ties: alphabetical, for determinism); "organisation" when none did."""
    return min(vote.items(), key=lambda kv: (-kv[1], kv[0]))[0] if vote else "organisation"
