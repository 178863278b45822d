"""Entity mentions from the knowledge files' names and aliases.

All aliases go into one regular expression, longest first, so that at any position the longest name wins
("Meta Superintelligence Labs" is not "Meta"). Names are matched on folded text (both apostrophes, any dash),
case-insensitively unless the entity is marked case_sensitive, after an elided article (l’, d’) and never
inside a longer word or a hyphenated name ("GPT" is not found in "GPT-4", "Meta" not in "métadonnées").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Block, Entity, Mention
from .text import fold


@dataclass(frozen=True)
class EntityMatcher:
    pattern: re.Pattern[str]
    by_alias: dict[str, tuple[Entity, str]]  # folded, case-folded alias -> (entity, alias as written)

    def find(self, block: Block) -> list[Mention]:
        folded = fold(block.text)
        mentions = []
        for match in self.pattern.finditer(folded):
            found = match.group(0)
            entity, written = self.by_alias[found.casefold()]
            if entity.case_sensitive and found not in (fold(written), fold(written).upper()):
                continue
            mentions.append(Mention(entity.id, block.id, match.start(), match.end(), block.text[match.start():match.end()]))
        return mentions


def entity_matcher(entities: tuple[Entity, ...]) -> EntityMatcher:
    by_alias: dict[str, tuple[Entity, str]] = {}
    for entity in entities:
        for alias in entity.aliases:
            by_alias.setdefault(fold(alias).casefold(), (entity, alias))
    alternatives = sorted(by_alias, key=lambda a: (-len(a), a))
    body = "|".join(re.escape(a) for a in alternatives) or r"(?!x)x"
    # Not inside a word; not glued to a hyphenated continuation ("GPT" in "GPT-4"); an elision before is fine.
    pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w]|-\w)", re.IGNORECASE)
    return EntityMatcher(pattern=pattern, by_alias=by_alias)


def implied_mentions(blocks: tuple[Block, ...], mentions: list[Mention], entities: dict[str, Entity]) -> list[Mention]:
    """Short forms an article uses once it has named an entity in full: a person's surname ("Wang" after "Alexandr
    Wang"), the first word of an organisation's name ("Scale" after "Scale AI"). Only after the full name, only as
    a capitalised word that no other mention covers."""
    first_seen: dict[str, tuple[int, int]] = {}
    position = {b.id: i for i, b in enumerate(blocks)}
    for m in mentions:
        first_seen.setdefault(m.entity_id, (position.get(m.block_id, 0), m.start))
    shorts: dict[str, str] = {}
    for entity_id in first_seen:
        entity = entities[entity_id]
        words = entity.name.split()
        if len(words) < 2 or entity.case_sensitive:
            continue
        short = words[-1] if entity.type == "person" else words[0] if entity.type == "organisation" else None
        if short and len(short) > 2 and short[0].isupper() and short.casefold() not in {a.casefold() for a in entity.aliases}:
            shorts.setdefault(short, entity_id)
    for entity in entities.values():  # a short form that is itself a listed name is that entity, not a short form
        for alias in entity.aliases:
            shorts.pop(alias, None)
    if not shorts:
        return []
    covered = {(m.block_id, i) for m in mentions for i in range(m.start, m.end)}
    pattern = re.compile(r"(?<![\w'’-])(" + "|".join(re.escape(s) for s in sorted(shorts, key=len, reverse=True)) +
                         r")(?:['’]s)?(?![\w-])")
    found = []
    for block in blocks:
        for match in pattern.finditer(block.text):
            entity_id = shorts[match.group(1)]
            if (position[block.id], match.start()) <= first_seen[entity_id] or (block.id, match.start()) in covered:
                continue
            found.append(Mention(entity_id, block.id, match.start(), match.start() + len(match.group(1)), match.group(1)))
    return found
