"""YAML that people write (front matter, knowledge files, mkdocs.yml), read so that no mistake in it is a crash.

    load(text, first_line)   the data, or `YamlProblem(message, line)` with the line of the file a contributor opens

PyYAML's SafeLoader (no tag ever builds an object), and four differences:

    dates        a date that is not one ("2025-02-30") stays the text written, for the caller to report with its
                 line; PyYAML raises a bare ValueError from deep inside the loader
    keys         a key written twice in one mapping is an error at the second; PyYAML keeps the last one silently
    aliases      a document may not expand past MAX_NODES values: a few hundred bytes of nested anchors ("billion
                 laughs") would otherwise be billions of values, and hours of work for whoever reads them
    depth        "[[[[…" nested past Python's recursion limit is an error, not a RecursionError

`with_lines=True` adds to every mapping the file line it starts on, under the key LINE.
"""
from __future__ import annotations

import difflib
import re
from typing import Any, Iterable

import yaml
from yaml.constructor import ConstructorError

LINE = "__line__"
MAX_NODES = 100_000  # far more than any front matter or knowledge file holds; far less than an attack expands to
_MERGE = "tag:yaml.org,2002:merge"


class YamlProblem(Exception):
    """What is wrong with a YAML text, and on which line of its file."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message, self.line = message, line


class _Loader(yaml.SafeLoader):
    with_lines = False
    first_line = 1  # the file line of the text's first line

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node)
            except TypeError:
                raise ConstructorError("while reading a mapping", node.start_mark,
                                       "a key that is a list or a mapping", key_node.start_mark) from None
            if first is not key_node:
                raise ConstructorError("while reading a mapping", node.start_mark,
                                       f"key {key!r} written twice (first on line {first.start_mark.line + self.first_line})",
                                       key_node.start_mark)
        mapping = super().construct_mapping(node, deep=deep)
        if self.with_lines:
            mapping[LINE] = node.start_mark.line + self.first_line
        return mapping

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:  # "2025-02-30": shaped like a date, not one
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                        lambda loader, node: loader.construct_mapping(node, deep=True))


class _LineLoader(_Loader):
    with_lines = True


def load(text: str, first_line: int = 1, with_lines: bool = False) -> Any:
    """The data of a YAML text that starts on line `first_line` of its file (2 for front matter)."""
    loader = (_LineLoader if with_lines else _Loader)(text)
    loader.first_line = first_line
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_size(node, first_line)
        return loader.construct_document(node)
    except yaml.YAMLError as error:
        raise YamlProblem(*yaml_error(error, first_line)) from None
    except RecursionError:
        raise YamlProblem("nested too deeply", first_line) from None
    finally:
        loader.dispose()


def _check_size(root: yaml.Node, first_line: int) -> None:
    """Count the values the document expands to, an alias counting as many as its anchor holds; stop past
    MAX_NODES. Each node is counted once (memoised), so the check is linear in the text, not in its expansion."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if not children_done:
            if id(node) in on_path:
                raise YamlProblem("an alias refers to the value that contains it", node.start_mark.line + first_line)
            on_path.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
            continue
        on_path.discard(id(node))
        sizes[id(node)] = size = 1 + sum(sizes.get(id(child), 1) for child in children)
        if size > MAX_NODES:
            raise YamlProblem(f"aliases expand to more than {MAX_NODES:,} values", node.start_mark.line + first_line)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def yaml_error(error: yaml.YAMLError, first_line: int) -> tuple[str, int]:
    """(what is wrong, file line), for YAML that starts on line `first_line` of its file.

    The parser notices an unclosed bracket only where the text ends; the construct it was reading (its
    "context") starts where the contributor has to look, so that line wins when the parser gives it. A key written
    twice is reported where it is written the second time.
    """
    problem = getattr(error, "problem", None) or ""
    if "written twice" in problem or "a key that is" in problem:
        mark = error.problem_mark
    else:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
    return problem or str(error), (mark.line + first_line if mark is not None else first_line)


def key_lines(text: str, first_line: int = 1) -> dict[str, int]:
    """The file line of each top-level key of a YAML mapping."""
    lines: dict[str, int] = {}
    for number, raw in enumerate(text.split("\n"), start=first_line):
        if match := re.match(r"^([A-Za-z_][\w-]*)\s*:", raw):
            lines.setdefault(match.group(1), number)
    return lines


def unknown_key(key: object, known: Iterable[str]) -> str:
    """What to say of a key the file's format does not have: a typo ("keywrods") names the key it is nearest to,
    so that the fix is in the message; any other key lists those the format knows."""
    known = sorted(known)
    nearest = difflib.get_close_matches(str(key).casefold(), known, n=1, cutoff=0.6)
    if nearest:
        return f"unknown key {str(key)!r}: did you mean {nearest[0]!r}? It is ignored"
    return f"unknown key {str(key)!r}, ignored (the keys are {', '.join(known)})"


def item_key_lines(text: str, item_line: int) -> dict[str, int]:
    """The file line of each key of the list item (a mapping) that starts on `item_line`, from 1: its own keys, at
    the indentation of its first one, until a line indented less or the next item."""
    lines: dict[str, int] = {}
    rows = text.split("\n")
    first = re.match(r"^(\s*-\s+)([A-Za-z_][\w-]*)\s*:", rows[item_line - 1]) if 0 < item_line <= len(rows) else None
    if first is None:
        return lines
    indent = len(first.group(1))
    lines[first.group(2)] = item_line
    for number in range(item_line + 1, len(rows) + 1):
        raw = rows[number - 1]
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        depth = len(raw) - len(raw.lstrip())
        if depth < indent:
            break
        if depth == indent and (match := re.match(r"^\s*([A-Za-z_][\w-]*)\s*:", raw)):
            lines.setdefault(match.group(1), number)
    return lines
