"""What a change does to the site: the corpus a git revision builds against the one the working tree builds.

    python -m generator diff origin/main [--out report.md]

For each topic and entity, the articles and passages gained and lost, as Markdown to post on a pull request:
a reviewer sees what one new alias does to the whole corpus before merging it. Topics and entities added or
removed are listed too, and so are articles.
"""
from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import Project, build_corpus
from .model import Corpus, Passage
from .render import escape_md

EXCERPT = 160


@dataclass(frozen=True)
class Change:
    """How the passages filed under one topic or entity changed."""

    kind: str  # "topic" | "entity"
    id: str
    name: str
    status: str  # "added" | "removed" | "changed"
    gained: tuple[Passage, ...]
    lost: tuple[Passage, ...]
    articles_gained: tuple[str, ...]
    articles_lost: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    ref: str
    changes: tuple[Change, ...]
    articles_added: tuple[str, ...]
    articles_removed: tuple[str, ...]
    titles: dict[str, str]  # article id -> title, from either side


def corpus_at(ref: str, project: Project) -> Corpus:
    """The corpus the project's files at git revision `ref` build (sources, knowledge, templates alike)."""
    archive = subprocess.run(["git", "archive", "--format=tar", ref], cwd=project.root, capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"git archive {ref}: {archive.stderr.decode(errors='replace').strip()}")
    with tempfile.TemporaryDirectory(prefix="generator-diff-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter=_safe_members)
        then = Project.from_mkdocs_yml(Path(folder), sources=project.sources)
        return build_corpus(then)


def _safe_members(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo | None:
    """Regular files and safe links only: a link out of the tree (an absolute .venv, say) is skipped."""
    try:
        return tarfile.data_filter(member, path)
    except tarfile.FilterError:
        return None


def compare(before: Corpus, after: Corpus, ref: str) -> Report:
    changes = []
    for kind, names_before, names_after, passages_before, passages_after in (
        ("topic", {t.id: t.title for t in before.knowledge.topics}, {t.id: t.title for t in after.knowledge.topics},
         before.topic_passages, after.topic_passages),
        ("entity", {e.id: e.name for e in before.knowledge.entities}, {e.id: e.name for e in after.knowledge.entities},
         before.entity_passages, after.entity_passages),
    ):
        for item_id in sorted(names_before.keys() | names_after.keys()):
            old = {_key(p): p for p in passages_before.get(item_id, ())}
            new = {_key(p): p for p in passages_after.get(item_id, ())}
            position = {k: p.position for k, p in (*old.items(), *new.items())}
            status = "added" if item_id not in names_before else "removed" if item_id not in names_after else "changed"
            if status == "changed" and old.keys() == new.keys():
                continue
            old_articles = {k[0] for k in old}
            new_articles = {k[0] for k in new}
            changes.append(Change(
                kind=kind, id=item_id, name=names_after.get(item_id) or names_before[item_id], status=status,
                gained=tuple(new[k] for k in sorted(new.keys() - old.keys(), key=lambda k: (k[0], position[k]))),
                lost=tuple(old[k] for k in sorted(old.keys() - new.keys(), key=lambda k: (k[0], position[k]))),
                articles_gained=tuple(sorted(new_articles - old_articles)),
                articles_lost=tuple(sorted(old_articles - new_articles)),
            ))
    ids_before = {a.id for a in before.articles}
    ids_after = {a.id for a in after.articles}
    titles = {a.id: a.article.title for a in (*before.articles, *after.articles)}
    return Report(ref=ref, changes=tuple(changes), articles_added=tuple(sorted(ids_after - ids_before)),
                  articles_removed=tuple(sorted(ids_before - ids_after)), titles=titles)


def _key(passage: Passage) -> tuple[str, str]:
    return passage.article_id, passage.block_id


def to_markdown(report: Report) -> str:
    out = [f"## What this change does to the site (compared with `{report.ref}`)", ""]
    if not report.changes and not report.articles_added and not report.articles_removed:
        return "\n".join([*out, "No topic, entity or article changes: every page lists the same passages.", ""])
    gained = sum(len(c.gained) for c in report.changes)
    lost = sum(len(c.lost) for c in report.changes)
    out += [f"{len(report.changes)} topics or entities change: **+{gained}** passages, **−{lost}** passages.", ""]
    if report.articles_added or report.articles_removed:
        out += [f"- Articles added: {len(report.articles_added)}, removed: {len(report.articles_removed)}"]
        out += [f"  - added: {_title(report, a)}" for a in report.articles_added]
        out += [f"  - removed: {_title(report, a)}" for a in report.articles_removed]
        out.append("")
    for change in report.changes:
        label = {"added": " (new)", "removed": " (removed)", "changed": ""}[change.status]
        out += [f"### {'Topic' if change.kind == 'topic' else 'Entity'} {escape_md(change.name)} (`{change.id}`){label}", ""]
        out.append(f"+{len(change.gained)} / −{len(change.lost)} passages; "
                   f"articles +{len(change.articles_gained)} / −{len(change.articles_lost)}")
        out.append("")
        for sign, passages in (("+", change.gained), ("−", change.lost)):
            for passage in passages:
                evidence = f" _(evidence: {escape_md(', '.join(passage.evidence))})_" if passage.evidence else ""
                out.append(f"- {sign} `{passage.article_id}#{passage.block_id}`: {_excerpt(passage.text)}{evidence}")
        out.append("")
    return "\n".join(out)


def _title(report: Report, article_id: str) -> str:
    return f"{escape_md(report.titles.get(article_id, article_id))} (`{article_id}`)"


def _excerpt(text: str) -> str:
    """The start of a passage as Markdown that shows it as written: a title or a passage is data, and the report is
    a pull request's page (raw HTML or an image there would run or load for every reviewer)."""
    text = " ".join(text.split())
    return escape_md(text if len(text) <= EXCERPT else text[:EXCERPT - 1].rsplit(" ", 1)[0] + "…")
