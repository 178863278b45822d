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

from slugify import slugify

from .active_content import active_content, as_code_block
from .annotate.text import fold
from .model import Entity, Knowledge, Problem, Topic
from .paths import reserved
from . import yaml_input
from .yaml_input import LINE, YamlProblem

ENTITY_TYPES = ("organisation", "person", "product", "place", "event")
TOPIC_KEYS = {"title", "description", "aliases", "keywords", "exclude", "related", "figures", "tags"}
ENTITY_KEYS = {"id", "name", "aliases", "description", "wikidata", "parent", "case_sensitive", "type"}


def load_knowledge(topics_dir: Path, entities_dir: Path, root: Path) -> Knowledge:
    problems: list[Problem] = []
    topics = [t for t in (_load_topic(p, root, problems) for p in topic_files(topics_dir)) if t]
    entities: list[Entity] = []
    for path in entity_files(entities_dir):
        entities.extend(_load_entities(path, root, problems))
    topics = _check_topics(topics, problems)
    entities = _check_entities(entities, problems)
    _check_collisions(topics, entities, problems)
    return Knowledge(topics=tuple(topics), entities=tuple(entities), problems=tuple(problems))


def topic_files(topics_dir: Path) -> list[Path]:
    return sorted(p for p in topics_dir.glob("*.md") if p.name != "index.md") if topics_dir.is_dir() else []


def entity_files(entities_dir: Path) -> list[Path]:
    return sorted(entities_dir.glob("*.yml")) + sorted(entities_dir.glob("*.yaml")) if entities_dir.is_dir() else []


def relative_name(path: Path, root: Path) -> str:
    """How problems name a file: from the project's root, or whole when it is elsewhere."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def _read_text(path: Path, source: str, problems: list[Problem]) -> str | None:
    """A knowledge file's text; None, and a problem with the line of the first bad byte, when it is not UTF-8."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(Problem(source, f"not UTF-8 text (byte 0x{data[error.start]:02x}): save the file as UTF-8",
                                data[:error.start].count(b"\n") + 1))
        return None


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def page_id(wanted: str, what: str, source: str, line: int | None, problems: list[Problem]) -> str | None:
    """The id of a page: a slug ("open-source"), the last part of its address. Anything else ("../x", "a b",
    "javascript:x") is reported and slugified, so that an id is never a path out of the site or a link's scheme;
    None when nothing of it is left, or when it is the name of a listing page ("index", "page-2")."""
    slug = wanted if _SLUG.fullmatch(wanted) else slugify(wanted)
    if not slug:
        problems.append(Problem(source, f"{what} {wanted!r} has no letter or digit to make an address of: "
                                        "give it an `id:`", line))
        return None
    if slug != wanted:
        problems.append(Problem(source, f"{what} {wanted!r} is not a slug (lower-case letters, digits and hyphens): "
                                        f"taken as {slug!r}", line))
    if reserved(slug):
        problems.append(Problem(source, f"{what} {slug!r} is the name of a listing page: choose another", line))
        return None
    return slug


# --- topics -----------------------------------------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, line where the body starts); front matter is "" when the file has none."""
    match = re.match(r"^---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|$)", text, re.DOTALL)
    if not match:
        return "", text, 1
    return match.group(1) or "", text[match.end():], match.group(0).count("\n") + 1


def _load_topic(path: Path, root: Path, problems: list[Problem]) -> Topic | None:
    source = relative_name(path, root)
    text = _read_text(path, source, problems)
    if text is None:
        return None
    front, body, body_line = split_front_matter(text)
    if not front:
        problems.append(Problem(source, "a topic file starts with YAML front matter between --- lines", 1))
        return None
    try:
        data = yaml_input.load(front, first_line=2, with_lines=True) or {}  # after the opening "---"
    except YamlProblem as problem:
        problems.append(Problem(source, f"broken front matter: {problem.message}", problem.line))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(source, "front matter must be key: value pairs", 2))
        return None
    line_of = yaml_input.key_lines(front, first_line=2)
    for key in sorted(set(data) - TOPIC_KEYS - {LINE}, key=str):  # an error: a typo silently loses the key's words
        problems.append(Problem(source, yaml_input.unknown_key(key, TOPIC_KEYS), line_of.get(key)))
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
    topic_id = page_id(path.stem, "file name", source, None, problems)
    if topic_id is None:
        return None
    intro = body.strip()
    if found := active_content(intro):
        first_line = body_line + body[: len(body) - len(body.lstrip())].count("\n")  # the intro's first line
        for what, line in found:
            problems.append(Problem(source, f"the introduction runs code in readers' browsers: {what}; it is shown "
                                            "as text until this is taken out", first_line + line - 1))
        intro = as_code_block(intro)
    return Topic(
        id=topic_id,
        title=title.strip(),
        description=description.strip(),
        aliases=tuple(dict.fromkeys(words["aliases"])),
        keywords=tuple(k for k in dict.fromkeys(words["keywords"]) if k not in words["aliases"]),
        intro=intro,
        source=source,
        exclude=tuple(words["exclude"]),
        related=tuple(words["related"]),
        figure_units=tuple(words["figures"]),
        key_lines=tuple(sorted(line_of.items())),
    )


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
    """Report two files for one topic id and related topics that do not exist; leave them out so that the pages
    still build."""
    by_id: dict[str, Topic] = {}
    for topic in topics:
        if (first := by_id.setdefault(topic.id, topic)) is not topic:
            problems.append(Problem(topic.source, f"topic id {topic.id!r} is already the id of {first.source}"))
    topics = [t for t in topics if by_id[t.id] is t]
    for topic in topics:
        for other in topic.related:
            if other not in by_id:
                problems.append(Problem(topic.source, f"related topic {other!r} does not exist (known: {', '.join(sorted(by_id))})",
                                        topic.line_of("related")))
    return [replace(t, related=tuple(r for r in t.related if r in by_id)) for t in topics]


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
    source = relative_name(path, root)
    text = _read_text(path, source, problems)
    if text is None:
        return []
    try:
        data = yaml_input.load(text, with_lines=True)
    except YamlProblem as problem:
        problems.append(Problem(source, f"broken YAML: {problem.message}", problem.line))
        return []
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        problems.append(Problem(source, "expected 'type: <type>' and 'entities: [...]'", 1))
        return []
    for key in sorted(set(data) - {"type", "entities", LINE}, key=str):
        problems.append(Problem(source, yaml_input.unknown_key(key, ("type", "entities")), data.get(LINE)))
    file_type = data.get("type")
    entities = []
    for item in data["entities"]:
        line = item.get(LINE) if isinstance(item, dict) else None
        if not isinstance(item, dict):
            problems.append(Problem(source, "each entity is a mapping with at least 'name'", line))
            continue
        if unknown := sorted(set(item) - ENTITY_KEYS - {LINE}, key=str):
            item_lines = yaml_input.item_key_lines(text, line) if line else {}
            for key in unknown:
                problems.append(Problem(source, yaml_input.unknown_key(key, ENTITY_KEYS), item_lines.get(key, line)))
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
        given_id = item.get("id")
        if given_id is not None and not isinstance(given_id, (str, int)):
            problems.append(Problem(source, f"{name}: 'id' must be a slug such as {slugify(name)!r}", line))
            continue
        entity_id = page_id(str(given_id), "entity id", source, line, problems) if given_id else \
            page_id(slugify(name) or name, "entity", source, line, problems)
        if entity_id is None:
            continue
        wikidata, parent = item.get("wikidata"), item.get("parent")
        if wikidata is not None and not (isinstance(wikidata, str) and re.fullmatch(r"Q\d+", wikidata)):
            problems.append(Problem(source, f"{name}: 'wikidata' must be an item id such as Q380", line))
            wikidata = None
        if parent is not None and not isinstance(parent, str):
            problems.append(Problem(source, f"{name}: 'parent' must be the id of one entity", line))
            parent = None
        entities.append(Entity(
            id=entity_id,
            name=name.strip(),
            type=kind,
            aliases=tuple(dict.fromkeys([name.strip(), *aliases])),
            description=description.strip(),
            source=source,
            line=line or 1,
            wikidata=wikidata,
            parent=parent,
            case_sensitive=bool(item.get("case_sensitive", False)),
        ))
    return entities


def _check_entities(entities: list[Entity], problems: list[Problem]) -> list[Entity]:
    """Report ids used twice, aliases shared and unknown parents; leave out the second entity of an id and the
    unknown parents, so that the pages still build."""
    by_id: dict[str, Entity] = {}
    by_alias: dict[str, Entity] = {}
    for entity in entities:
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
    return [replace(e, parent=e.parent if e.parent in by_id else None) for e in entities if by_id.get(e.id) is e]
