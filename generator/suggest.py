"""Knowledge-file entries for the names the build recognised but no file lists (`generator suggest-entities`).

Each entry goes to the file that holds the entities of its guessed type, ready for review in a pull request: a
reviewer fixes the type, checks the aliases (the other forms the corpus was found to use, each with why) and writes
the description (left empty on purpose, so that `generator check` keeps warning until someone has). Merges the
build was unsure of ("Doue" may be "Désiré Doué" or "Georges Doue") are listed as comments under the entry, for the
reviewer to confirm by adding the alias.
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
    forms = _forms(corpus)
    why = {m.name: m.reason for m in corpus.merges}
    maybe: dict[str, list[str]] = {}
    for proposal in corpus.proposals:
        maybe.setdefault(_group_of(proposal.name, forms), []).append(f"{proposal.name}: {proposal.reason}")
    by_file: dict[str, list[str]] = {}
    for name in corpus.unreviewed:
        if len(name.articles) < min_articles:
            continue
        target = _file_for(name.type, corpus, entities_dir)
        aliases = [f for f in forms.get(name.name, ()) if f != name.name]
        by_file.setdefault(target, []).append(_entry(name, aliases, why, maybe.get(name.name, [])))
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


def _forms(corpus: Corpus) -> dict[str, list[str]]:
    """{name a group takes: the forms its articles wrote, most used first}."""
    counts: dict[str, Counter[str]] = {}
    for annotated in corpus.articles:
        for candidate in annotated.candidates:
            counts.setdefault(candidate.canonical, Counter())[candidate.name] += 1
    return {name: [f for f, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))] for name, c in counts.items()}


def _group_of(form: str, forms: dict[str, list[str]]) -> str:
    return next((name for name, written in forms.items() if form in written), form)


def _entry(name: UnreviewedName, aliases: list[str], why: dict[str, str], maybe: list[str]) -> str:
    articles = ", ".join(name.articles[:3]) + (" …" if len(name.articles) > 3 else "")
    lines = [f"  - name: {_scalar(name.name)}\n"]
    if aliases:
        lines.append(f"    aliases: [{', '.join(_scalar(a) for a in aliases)}]\n")
        lines += [f"    # {alias}: {why[alias]}\n" for alias in aliases if alias in why]
    lines += [f"    # unsure, not merged: {line}\n" for line in maybe]
    if " " not in name.name:
        lines.append("    case_sensitive: true  # one word: never match it written in lower case\n")
    evidence = f"type deduced from: {', '.join(name.cues)}" if name.cues else "type guessed, check it"
    lines.append(f"    description: \"\"  # TODO: describe it ({evidence}; seen in {articles})\n")
    return "".join(lines)


def _scalar(text: str) -> str:
    """A YAML scalar, quoted only when the name needs it."""
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1000).strip()
    return dumped.removesuffix("\n...").removesuffix("...").strip()


def _file_for(kind: str, corpus: Corpus, entities_dir: str) -> str:
    """The file that already holds most entities of this type, or the conventional one."""
    files = Counter(e.source for e in corpus.knowledge.entities if e.type == kind and e.source)
    if files:
        return min(files.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return f"{entities_dir.rstrip('/')}/{FILE_NAMES.get(kind, FILE_NAMES['organisation'])}"
