"""Quotes and who said them.

Two shapes: a block quote with an attribution line (recovered by the reader: "– Mark Zuckerberg, PDG de Meta"),
and a quotation inside a paragraph with a speech verb: « … », a déclaré X / X a déclaré : « … » /
"…," said X / X said: "…". A speaker written as a description ("le géant de la technologie",
"l’entreprise") is the organisation the article mentions most.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable

from ..model import Block, Entity, Mention, Quote
from .text import fold

_VERBS_FR = (r"déclaré|affirmé|expliqué|indiqué|précisé|souligné|ajouté|estimé|assuré|annoncé|confié|martelé|"
             r"reconnu|insisté|rappelé|prévenu|averti|répondu|écrit|lancé|résumé|promis|commenté")
_VERBS_EN = r"said|says|added|wrote|explained|stated|told\s+\w+|noted|announced|argued|warned|insisted|promised"
_OPEN, _CLOSE = "«“\"", "»”\""
# A quotation: found first, then the speech verb is looked for just after it or just before it. Looking
# around each quotation (rather than matching "who + verb" from every position) keeps this linear.
QUOTED = re.compile(rf"[{_OPEN}]\s*(?P<text>[^{_CLOSE}{_OPEN}]{{25,}}?)\s*[{_CLOSE}]")
_WHO = r"(?P<who>[^.,;:!?«»“”\"]{2,80}?)"
AFTER = (  # « … », a déclaré X.   "…," said X.   "…" X said.
    re.compile(rf"^,?\s*(?:a|avait|ont|a-t-il|a-t-elle)?\s*(?:{_VERBS_FR})(?:-t-(?:il|elle))?\s+{_WHO}(?=[.,;:!?]|$)"),
    re.compile(rf"^,?\s*(?:{_VERBS_EN})\s+{_WHO}(?=[.,;:!?]|$)"),
    re.compile(rf"^,?\s*{_WHO}\s+(?:{_VERBS_EN})(?=[.,;:!?]|$)"),
)
BEFORE = (  # X a déclaré : « … »   X said: "…"
    re.compile(rf"(?:^|[.;!?]\s+){_WHO}\s+(?:a|avait|ont)\s+(?:{_VERBS_FR})\s*:\s*$"),
    re.compile(rf"(?:^|[.;!?]\s+){_WHO}\s+(?:{_VERBS_EN}|{_VERBS_FR})\s*:\s*$"),
)
_AROUND = 120
_DESCRIPTION = re.compile(r"^(?:le|la|l['’]|les|the|its|son|sa)\s*(?:géant|groupe|entreprise|société|firme|"
                          r"compagnie|company|firm|group|giant|maison mère|américain)", re.I)
_ROLE_SPLIT = re.compile(r"\s*,\s*")


def find_quotes(blocks: tuple[Block, ...], mentions: list[Mention], entities: dict[str, Entity],
                names_in: Callable[[str], list[str]]) -> list[Quote]:
    """`names_in(text)` gives the ids of the entities named in a text (the entity matcher)."""
    main_organisation = _main_organisation(mentions, entities)
    quotes = []
    for block in blocks:
        if block.kind == "quote":
            speaker = _ROLE_SPLIT.split(block.speaker)[0] if block.speaker else None
            quotes.append(_quote(block.text, speaker, block, entities, names_in, main_organisation))
            continue
        for quoted in QUOTED.finditer(block.text):
            text = quoted.group("text").strip()
            if len(text.split()) < 6:  # « ouverte », « arme ultime »: scare quotes, not speech
                continue
            after = block.text[quoted.end():quoted.end() + _AROUND]
            before = block.text[max(0, quoted.start() - _AROUND):quoted.start()]
            who = next((m.group("who") for p in AFTER if (m := p.search(after))), None) or \
                next((m.group("who") for p in BEFORE if (m := p.search(before))), None)
            if who:
                quotes.append(_quote(text, who.strip(), block, entities, names_in, main_organisation))
    return quotes


def _quote(text: str, who: str | None, block: Block, entities: dict[str, Entity],
           names_in: Callable[[str], list[str]], main_organisation: str | None) -> Quote:
    speaker, entity_id = who, None
    if who:
        named = names_in(who)
        if named:
            entity_id = named[0]
            if entities[entity_id].type == "person" or fold(who).casefold() in _aliases(entities[entity_id]):
                speaker = entities[entity_id].name
        elif _DESCRIPTION.match(who) and main_organisation:
            speaker, entity_id = entities[main_organisation].name, main_organisation
    return Quote(text=text, speaker=speaker, block_id=block.id, speaker_entity=entity_id)


def _aliases(entity: Entity) -> set[str]:
    return {fold(a).casefold() for a in entity.aliases}


def _main_organisation(mentions: list[Mention], entities: dict[str, Entity]) -> str | None:
    counts = Counter(m.entity_id for m in mentions if entities[m.entity_id].type == "organisation")
    return counts.most_common(1)[0][0] if counts else None
