"""Knowledge-file entries for the names the build recognised but no file lists (`generator suggest-entities`).

Each entry goes to the file that holds the entities of its guessed type, ready for review in a pull request: a
reviewer fixes the type, adds aliases and writes the description (left empty on purpose, so that `generator
check` keeps warning until someone has).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from .model import Corpus, UnreviewedName

FILE_NAMES = {"organisation": "organisations.yml", "person": "people.yml", "product": "products.yml",
              "place": "places.yml", "event": "events.yml"}


def suggestions(corpus: Corpus, entities_dir: str, min_articles: int = 1) -> dict[str, str]:
    """{knowledge file (relative to the project root): YAML lines to append under its `entities:`}."""
    chosen = [n for n in corpus.unreviewed if len(n.articles) >= min_articles]
    surnames = _surnames(chosen)
    by_file: dict[str, list[str]] = {}
    for name in chosen:
        if name.name in surnames.values() and name.type == "person":
            continue  # "Zuckerberg" alone becomes an alias of "Mark Zuckerberg"
        target = _file_for(name.type, corpus, entities_dir)
        by_file.setdefault(target, []).append(_entry(name, surnames.get(name.name)))
    return {path: "".join(entries) for path, entries in sorted(by_file.items())}


def write_suggestions(root: Path, found: dict[str, str]) -> list[Path]:
    written = []
    for relative, entries in found.items():
        path = root / relative
        if not path.exists():
            kind = next(k for k, f in FILE_NAMES.items() if path.name == f)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"type: {kind}\nentities:\n", encoding="utf-8")
        text = path.read_text(encoding="utf-8")
        path.write_text(text + ("" if text.endswith("\n") else "\n") + entries, encoding="utf-8")
        written.append(path)
    return written


def _entry(name: UnreviewedName, surname: str | None) -> str:
    articles = ", ".join(name.articles[:3]) + (" …" if len(name.articles) > 3 else "")
    lines = [f"  - name: {_scalar(name.name)}\n"]
    if surname:
        lines.append(f"    aliases: [{_scalar(surname)}]\n")
    if " " not in name.name:
        lines.append("    case_sensitive: true  # one word: never match it written in lower case\n")
    why = f"type deduced from: {', '.join(name.cues)}" if name.cues else "type guessed, check it"
    lines.append(f"    description: \"\"  # TODO: describe it ({why}; seen in {articles})\n")
    return "".join(lines)


def _scalar(text: str) -> str:
    """A YAML scalar, quoted only when the name needs it."""
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1000).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()


def _surnames(names: list[UnreviewedName]) -> dict[str, str]:
    """{full name: surname} for people whose surname alone is also among the names."""
    single = {n.name for n in names if " " not in n.name}
    return {n.name: n.name.split()[-1] for n in names
            if n.type == "person" and " " in n.name and n.name.split()[-1] in single}


def _file_for(kind: str, corpus: Corpus, entities_dir: str) -> str:
    """The file that already holds most entities of this type, or the conventional one."""
    files = Counter(e.source for e in corpus.knowledge.entities if e.type == kind)
    if files:
        return min(files.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return f"{entities_dir.rstrip('/')}/{FILE_NAMES[kind]}"
