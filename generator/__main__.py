"""Command line: the generator without MkDocs.

    python -m generator build --out DIR     the complete docs tree (hand-written + generated Markdown)
    python -m generator export --out FILE   the annotation export (JSON)
    python -m generator check [--verbose]   validate sources and knowledge files; non-zero on errors
    python -m generator evaluate GOLD.yml   score the annotations against reference labels
    python -m generator measure LABELS.yml  furniture, titles, quotes, names, figures against per-page labels
    python -m generator suggest-entities    knowledge-file entries for the names no file lists yet [--write]
    python -m generator diff REF            passages gained and lost per topic and entity since git revision REF
    python -m generator search-index SITE   index a built site for the search box (any MkDocs-compatible build)
"""
from __future__ import annotations

import argparse
import logging
from dataclasses import replace
import sys
from pathlib import Path

from . import Project, SettingsProblem, Site, build, handwritten_page_problems, write_tree
from .executor import ExecutorProblem
from .export import dumps
from .knowledge import load_knowledge
from .read import dropped_summary, read_sources
from .render import TemplateProblem
from .search import PART_PAGES, index_site
from .suggest import suggestions, write_suggestions


def main(argv: list[str] | None = None) -> int:
    try:
        return _run(argv)
    except (TemplateProblem, SettingsProblem, ExecutorProblem) as problem:  # one line, no traceback into the generator
        print(f"error: {problem}", file=sys.stderr)
        return 1


def _run(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (default: current folder)")
    parser.add_argument("--sources", help="folder of source articles (default: sources/)")
    parser.add_argument("--no-cache", action="store_true", help="compute everything; ignore and leave .cache/ alone")
    parser.add_argument("--executor", help="where reading and annotating run: serial, processes[:N], dask://host:port")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="write the docs tree").add_argument("--out", type=Path, required=True)
    commands.add_parser("export", help="write the annotation export").add_argument("--out", type=Path, required=True)
    check = commands.add_parser("check", help="validate sources and knowledge files")
    check.add_argument("--verbose", action="store_true", help="also list the furniture removed from each article")
    scoring = commands.add_parser("evaluate", help="score the annotations against reference labels")
    scoring.add_argument("gold", type=Path, help="a gold file (YAML) of reference labels")
    measuring = commands.add_parser("measure", help="score reading and annotation against per-page labels")
    measuring.add_argument("labels", type=Path, help="a labels file (YAML), as tests/wild/labels.yml")
    measuring.add_argument("--verbose", action="store_true", help="also list every mistake")
    suggest = commands.add_parser("suggest-entities", help="entries for the names no knowledge file lists yet")
    suggest.add_argument("--write", action="store_true", help="append them to the knowledge files, for review")
    suggest.add_argument("--min-articles", type=int, default=1, help="only names seen in at least N articles")
    compare = commands.add_parser("diff", help="what the working tree changes on the site, against a git revision")
    compare.add_argument("ref", help="a git revision: main, origin/main, HEAD~1, a commit")
    compare.add_argument("--out", type=Path, help="write the Markdown report here (default: print it)")
    starting = commands.add_parser("init", help="a new site for one's own corpus: no articles, topics or entities")
    starting.add_argument("folder", type=Path, help="where the new site goes (a new or empty folder)")
    indexing = commands.add_parser("search-index", help="index a built site for the search box (SITE/pagefind/)")
    indexing.add_argument("site", type=Path, help="the built site: mkdocs build's site/, or another tool's output")
    indexing.add_argument("--part-pages", type=_count, default=PART_PAGES, metavar="N",
                          help=f"write the index in parts of N pages, {PART_PAGES} by default: the memory of one part "
                               "while indexing (0: one index; see search.py)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
                        format="%(levelname)s: %(message)s")

    if args.command == "init":
        return _init(args.folder)
    if args.command == "search-index":
        stats = index_site(args.site, part_pages=args.part_pages)
        print(f"search index: {stats.pages} pages, {stats.index_bytes / 1e6:.1f} MB in {args.site / 'pagefind'}")
        return 0
    overrides = {"sources": args.sources, "executor": args.executor}
    project = Project.from_mkdocs_yml(args.root.resolve(), **{k: v for k, v in overrides.items() if v})
    if args.no_cache:
        project = replace(project, cache=False)
    if problems := project.problems():
        raise SettingsProblem("; ".join(problems))
    if args.command == "check":
        return _check(project, args.verbose)
    site = build(project)
    for problem in site.problems:
        print(problem, file=sys.stderr)
    if args.command == "evaluate":
        from .evaluate import evaluate, load_gold

        for line in evaluate(site.corpus, load_gold(args.gold)).lines():
            print(line)
        return 0
    if args.command == "measure":
        from .measure import load_labels, measure

        result = measure(site.corpus, load_labels(args.labels), project.root)
        for line in (result.mistakes if args.verbose else []) + result.lines():
            print(line)
        return 0
    if args.command == "diff":
        from .diff import compare, corpus_at, to_markdown

        report = to_markdown(compare(corpus_at(args.ref, project), site.corpus, args.ref))
        if args.out:
            args.out.write_text(report, encoding="utf-8")
        else:
            print(report)
        return 0
    if args.command == "suggest-entities":
        return _suggest(project, site, args.write, args.min_articles)
    if args.command == "build":
        written = write_tree(project, site, args.out)
        print(f"wrote {len(written)} files to {args.out} ({len(site.corpus.articles)} articles)")
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(dumps(site.corpus), encoding="utf-8")
        print(f"wrote {args.out} ({len(site.corpus.articles)} articles)")
    return 0


def _init(folder: Path) -> int:
    from .init import InitProblem, init_site

    model = Path(__file__).resolve().parent.parent  # the site this generator comes with: a checkout of it
    if not (model / "mkdocs.yml").is_file():
        print(f"error: no site beside the generator ({model}): run init from a checkout of the repository",
              file=sys.stderr)
        return 1
    try:
        written = init_site(folder, model)
    except InitProblem as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    print(f"a new site in {folder} ({len(written)} files): put articles in {folder / 'sources'}, topics in "
          f"{folder / 'docs' / 'topics'}, entities in {folder / 'knowledge' / 'entities'}; then, in {folder}: "
          "mkdocs build (or mkdocs serve)")
    return 0


def _count(text: str) -> int:
    """A whole number of 0 or more, for argparse: "-1" is refused with a message, not read."""
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 0 or more")
    return int(text)


def _suggest(project: Project, site: Site, write: bool, min_articles: int) -> int:
    found = suggestions(site.corpus, project.entities, min_articles)
    if write:
        for path in write_suggestions(project.root, found):
            print(f"added entries to {path.relative_to(project.root)}: review them, describe them, commit")
    else:
        for path, entries in found.items():
            print(f"# {path}, under `entities:`\n{entries}")
    if not found:
        print("no unlisted names: every name the articles use is in the knowledge files")
    return 0


def _check(project: Project, verbose: bool) -> int:
    knowledge = load_knowledge(project.path("topics"), project.path("entities"), project.root)
    read = read_sources(project.path("sources"), project.root, max_source_mb=project.max_source_mb)
    problems = knowledge.problems + read.problems + handwritten_page_problems(project)
    for problem in problems:
        print(problem)
    if verbose:
        for article in read.articles:
            for dropped in article.dropped:
                print(f"{article.source}: dropped ({dropped.reason}): {dropped.text}")
            for repair in article.repairs:
                print(f"{article.source}: {repair}")
    print(dropped_summary(read.articles))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    print(f"checked {len(read.articles) + len(read.problems)} sources, {len(knowledge.topics)} topics, "
          f"{len(knowledge.entities)} entities: {errors} errors, {warnings} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
