"""Topics and entities: the knowledge contributors edit through pull requests, loaded and validated.

    docs/topics/<id>.md          one topic per file: front matter (title, description, aliases, keywords,
                                 exclude, related) and a Markdown body, the human introduction of its page
    knowledge/entities/*.yml     entities, one file per type: canonical name, aliases, description, wikidata

Every problem names the file and the line, so that a reviewer can fix it from the message alone.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from .annotate.text import fold
from .model import Entity, Knowledge, Problem, Topic
from .paths import RESERVED
from .yaml_errors import yaml_error

ENTITY_TYPES = ("organisation", "person", "product", "place", "event")
TOPIC_KEYS = {"title", "description", "aliases", "keywords", "exclude", "related", "figures", "tags"}
RESERVED_PAGE_NAMES = RESERVED  # entities/index.md and entities/review.md are listing pages
ENTITY_KEYS = {"id", "name", "aliases", "description", "wikidata", "parent", "case_sensitive", "type"}


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers, for every mapping, the line it starts on (key "__line__")."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_knowledge(topics_dir: Path, entities_dir: Path, root: Path) -> Knowledge:
    problems: list[Problem] = []
    topics = [t for t in (_load_topic(p, root, problems) for p in topic_files(topics_dir)) if t]
    entities: list[Entity] = []
    for path in entity_files(entities_dir):
        entities.extend(_load_entities(path, root, problems))
    topics = _check_topics(topics, problems)
    _check_entities(entities, problems)
    _check_collisions(topics, entities, problems)
    return Knowledge(topics=tuple(topics), entities=tuple(entities), problems=tuple(problems))


def topic_files(topics_dir: Path) -> list[Path]:
    return sorted(p for p in topics_dir.glob("*.md") if p.name != "index.md") if topics_dir.is_dir() else []


def entity_files(entities_dir: Path) -> list[Path]:
    return sorted(entities_dir.glob("*.yml")) + sorted(entities_dir.glob("*.yaml")) if entities_dir.is_dir() else []


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


# --- topics -----------------------------------------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, line where the body starts); front matter is "" when the file has none."""
    match = re.match(r"^---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|$)", text, re.DOTALL)
    if not match:
        return "", text, 1
    return match.group(1) or "", text[match.end():], match.group(0).count("\n") + 1


def _load_topic(path: Path, root: Path, problems: list[Problem]) -> Topic | None:
    source = _relative(path, root)
    front, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
    if not front:
        problems.append(Problem(source, "a topic file starts with YAML front matter between --- lines", 1))
        return None
    try:
        data = yaml.load(front, Loader=_LineLoader) or {}
    except yaml.YAMLError as error:
        what, line = yaml_error(error, first_line=2)  # the front matter starts after the opening "---"
        problems.append(Problem(source, f"broken front matter: {what}", line))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(source, "front matter must be key: value pairs", 2))
        return None
    line_of = _key_lines(front, offset=1)
    for key in sorted(set(data) - TOPIC_KEYS - {"__line__"}):
        problems.append(Problem(source, f"unknown key {key!r} (expected one of {', '.join(sorted(TOPIC_KEYS))})",
                                line_of.get(key), "warning"))
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem(source, "missing 'title'", 2))
        return None
    description = data.get("description")
    if not isinstance(description, str) or not description.strip():
        problems.append(Problem(source, "missing 'description'", 2, "warning"))
        description = ""
    words = {}
    for key in ("aliases", "keywords", "exclude", "related", "figures"):
        words[key] = _string_list(data.get(key), key, source, line_of.get(key), problems)
    if not words["aliases"] and not words["keywords"]:
        problems.append(Problem(source, "no 'aliases' or 'keywords': the topic can never match", 2))
    return Topic(
        id=path.stem,
        title=title.strip(),
        description=description.strip(),
        aliases=tuple(dict.fromkeys(words["aliases"])),
        keywords=tuple(k for k in dict.fromkeys(words["keywords"]) if k not in words["aliases"]),
        intro=body.strip(),
        source=source,
        exclude=tuple(words["exclude"]),
        related=tuple(words["related"]),
        figure_units=tuple(words["figures"]),
        key_lines=tuple(sorted(line_of.items())),
    )


def _key_lines(front: str, offset: int) -> dict[str, int]:
    """Line of each top-level key in the front matter (the file line: +1 for the opening ---)."""
    lines = {}
    for number, raw in enumerate(front.split("\n"), start=1):
        if match := re.match(r"^([A-Za-z_][\w-]*)\s*:", raw):
            lines.setdefault(match.group(1), number + offset)
    return lines


def _string_list(value: Any, key: str, source: str, line: int | None, problems: list[Problem]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, dict):  # {fr: [...], en: [...]}: languages are a convenience for contributors
        value = [item for part in value.values() if isinstance(part, list) for item in part]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        problems.append(Problem(source, f"'{key}' must be a list of words or phrases", line))
        return []
    return [str(v).strip() for v in value if str(v).strip()]


def _check_topics(topics: list[Topic], problems: list[Problem]) -> list[Topic]:
    """Report related topics that do not exist, and leave them out so that the pages still build."""
    ids = {t.id for t in topics}
    for topic in topics:
        for other in topic.related:
            if other not in ids:
                problems.append(Problem(topic.source, f"related topic {other!r} does not exist (known: {', '.join(sorted(ids))})",
                                        topic.line_of("related")))
    return [replace(t, related=tuple(r for r in t.related if r in ids)) for t in topics]


def _check_collisions(topics: list[Topic], entities: list[Entity], problems: list[Problem]) -> None:
    """An entity alias that is also a topic's alias or keyword: every mention of the entity would also count as
    evidence for the topic. Sometimes intended ("Llama Consortium"), so a warning."""
    words: dict[str, tuple[Topic, str]] = {}
    for topic in topics:
        for key, phrases in (("aliases", topic.aliases), ("keywords", topic.keywords)):
            for phrase in phrases:
                words.setdefault(fold(phrase).casefold(), (topic, key))
    for entity in entities:
        reported = set()
        for alias in entity.aliases:
            if (found := words.get(fold(alias).casefold())) and found[0].id not in reported:
                reported.add(found[0].id)  # one message per entity and topic
                topic, key = found
                where = f"{topic.source}:{topic.line_of(key)}" if topic.line_of(key) else topic.source
                problems.append(Problem(entity.source, f"alias {alias!r} of {entity.name} is also in the {key} of topic "
                                                       f"{topic.id!r} ({where}): its mentions count for both", entity.line, "warning"))


# --- entities ---------------------------------------------------------------------------------------------------


def _load_entities(path: Path, root: Path, problems: list[Problem]) -> list[Entity]:
    source = _relative(path, root)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as error:
        what, line = yaml_error(error, first_line=1)
        problems.append(Problem(source, f"broken YAML: {what}", line))
        return []
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        problems.append(Problem(source, "expected 'type: <type>' and 'entities: [...]'", 1))
        return []
    file_type = data.get("type")
    entities = []
    for item in data["entities"]:
        line = item.get("__line__") if isinstance(item, dict) else None
        if not isinstance(item, dict):
            problems.append(Problem(source, "each entity is a mapping with at least 'name'", line))
            continue
        for key in sorted(set(item) - ENTITY_KEYS - {"__line__"}):
            problems.append(Problem(source, f"unknown key {key!r} in entity", line, "warning"))
        name = item.get("name")
        kind = item.get("type", file_type)
        if not isinstance(name, str) or not name.strip():
            problems.append(Problem(source, "entity without 'name'", line))
            continue
        if kind not in ENTITY_TYPES:
            problems.append(Problem(source, f"{name}: type {kind!r} is not one of {', '.join(ENTITY_TYPES)}", line))
            continue
        description = item.get("description")
        if not isinstance(description, str) or not description.strip():
            problems.append(Problem(source, f"{name}: missing 'description'", line, "warning"))
            description = ""
        aliases = _string_list(item.get("aliases"), "aliases", source, line, problems)
        entities.append(Entity(
            id=str(item.get("id") or slugify(name)),
            name=name.strip(),
            type=kind,
            aliases=tuple(dict.fromkeys([name.strip(), *aliases])),
            description=description.strip(),
            source=source,
            line=line or 1,
            wikidata=item.get("wikidata"),
            parent=item.get("parent"),
            case_sensitive=bool(item.get("case_sensitive", False)),
        ))
    return entities


def _check_entities(entities: list[Entity], problems: list[Problem]) -> None:
    by_id: dict[str, Entity] = {}
    by_alias: dict[str, Entity] = {}
    for entity in entities:
        if entity.id in RESERVED_PAGE_NAMES:
            problems.append(Problem(entity.source, f"entity id {entity.id!r} is the name of a listing page; "
                                                   f"give the entity another `id:`", entity.line))
        if entity.id in by_id:
            first = by_id[entity.id]
            problems.append(Problem(entity.source, f"entity id {entity.id!r} is already used at {first.source}:{first.line}",
                                    entity.line))
        by_id.setdefault(entity.id, entity)
        for alias in entity.aliases:
            key = alias.casefold()
            owner = by_alias.get(key)
            if owner is not None and owner.id != entity.id:
                problems.append(Problem(entity.source, f"alias {alias!r} of {entity.name} is also an alias of "
                                                       f"{owner.name} ({owner.source}:{owner.line})", entity.line))
            by_alias.setdefault(key, entity)
    for entity in entities:
        if entity.parent and entity.parent not in by_id:
            problems.append(Problem(entity.source, f"{entity.name}: parent {entity.parent!r} is not a known entity id",
                                    entity.line))
