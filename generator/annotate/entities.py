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
