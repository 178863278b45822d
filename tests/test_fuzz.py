"""Property-based fuzzing (Hypothesis) of everything a scraper, a file name or a contributor controls (issue 20).

Each case is a small project made of hostile pieces: source files with odd names, front matter of every type and
shape (dates that are not dates, lists for titles, keys written twice, nested aliases, broken YAML), article text
full of markup, template and Markdown syntax; a topic file and an entity file written the same way. For every
case the generator builds the site in this process and writes its docs tree; the properties:

    no traceback   the build returns; every problem names its file
    no code        every generated page, converted to HTML as MkDocs converts it (the site's Markdown extensions),
                   parsed: no <script>, <iframe>, <object>, <embed> or <base>, no event handler attribute, no
                   javascript:/vbscript:/data: address
    no escape      nothing is written outside the project and the docs tree it was asked for

One more test builds a batch of such inputs with `mkdocs build` itself (theme included) and checks the HTML of the
whole site. The number of cases is FUZZ_EXAMPLES (default 60); the examples are derandomised, so that CI runs the
same cases every time (run with FUZZ_EXAMPLES=1000 and HYPOTHESIS_RANDOM=1 locally to explore).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings, strategies as st
from mkdocs.utils.meta import get_data

from generator import Project, build, write_tree

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                derandomize=not os.environ.get("HYPOTHESIS_RANDOM"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])
CASES_RUN: list[int] = []

# Pieces hostile text is made of: markup, template and Markdown syntax, paths, schemes, control characters, and the
# words the annotators look for (names, quotes, figures), so that annotated text is hostile too.
TOKENS = [
    "<", ">", '"', "'", "&", "/", "\\", ":", ";", "=", "(", ")", "{", "}", "[", "]", "#", "|", "*", "_", "`", "!",
    ".", "-", ",", " ", " ", " ", "\n", "\n\n", "\t", "\u0000", "\u0001", "\u001b", "\u202e", "\ufeff", "\ud7ff",
    "<script>alert(1)</script>", "javascript:alert(1)", " onload=alert(1) ", "{{ 7 * 7 }}", "{% raw %}", "---",
    "../", "../../", "%2e%2e%2f", "index", "page-2", "<img src=x onerror=alert(1)>", '{: onclick="alert(1)" }',
    "[x](javascript:alert(1))", "<svg/onload=alert(1)>", "<iframe src=//x>", "data:text/html,<b>", "]]>",
    "Meta", "Llama", "Mark Zuckerberg", " a déclaré ", "« ", " »", "“", "”", "1,5 milliard d’euros", "30 %",
    "Le ", " de ", "intelligence artificielle", "é", "ß", "日本", "🙂", "2025-02-30", "Q42",
]
hostile_text = st.lists(st.sampled_from(TOKENS), max_size=25).map("".join)
yaml_scalar = st.one_of(hostile_text, st.integers(-10**12, 10**12), st.floats(allow_nan=True), st.booleans(),
                        st.none(), st.sampled_from(["2025-02-30", "2025-13-01", "0000-00-00", "2025-06-01", "hier"]))
yaml_value = st.recursive(yaml_scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                               st.dictionaries(hostile_text, inner, max_size=3)),
                          max_leaves=8)
FRONT_KEYS = ["title", "date", "published", "source_url", "url", "outlet", "author", "language", "lang", "slug"]
RAW_YAML = [  # shapes a dumper never writes
    "title: a\ntitle: b\n", "title: [unclosed\n", "\ttitle: tab\n", "title: *nowhere\n", ": no key\n",
    "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\ntitle: *e\n",
    "title: !!python/object/apply:os.system ['touch pwned']\n", "date: 2025-02-30\n", "? [a]\n: b\n",
]


def _yaml(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


front_matter = st.one_of(
    st.dictionaries(st.sampled_from(FRONT_KEYS) | hostile_text, yaml_value, max_size=6).map(_yaml),
    st.sampled_from(RAW_YAML),
    st.just(""),
)
file_stem = hostile_text.map(lambda t: t.replace("/", "").replace("\x00", "").replace("\n", "")[:60]).filter(
    lambda t: t.strip(". ") != "")


@st.composite
def sources(draw) -> dict[str, bytes]:
    files = {}
    for _ in range(draw(st.integers(1, 3))):
        suffix = draw(st.sampled_from([".md", ".md", ".txt", ".html"]))
        body = draw(hostile_text) + "\n\nMeta a présenté Llama, « un modèle ouvert », a déclaré Mark Zuckerberg.\n" + \
            draw(hostile_text)
        if suffix == ".md":
            text = f"---\n{draw(front_matter)}---\n\n{body}"
        elif suffix == ".html":
            text = f"<html><head><title>{draw(hostile_text)}</title></head><body><h1>{draw(hostile_text)}</h1>" \
                   f"<p>{body}</p></body></html>"
        else:
            text = body
        files[draw(file_stem) + suffix] = text.encode("utf-8")
    return files


@st.composite
def topic_file(draw) -> tuple[str, str]:
    data = {"title": draw(st.one_of(hostile_text, yaml_value)), "description": draw(hostile_text),
            "aliases": draw(st.one_of(st.lists(hostile_text, max_size=3), yaml_value)), "keywords": ["Llama"]}
    return draw(file_stem) + ".md", f"---\n{_yaml(data)}---\n\n{draw(hostile_text)}\n"


@st.composite
def entity_file(draw) -> str:
    entries = [{"name": draw(st.one_of(hostile_text, yaml_value)), "id": draw(st.one_of(st.none(), hostile_text, yaml_value)),
                "parent": draw(st.one_of(st.none(), hostile_text, st.just("meta"), yaml_value)),
                "aliases": draw(st.lists(hostile_text, max_size=2)), "description": draw(hostile_text),
                "wikidata": draw(st.one_of(st.none(), st.just("Q380"), hostile_text))}
               for _ in range(draw(st.integers(1, 3)))]
    return _yaml({"type": draw(st.sampled_from(["organisation", "person", "product", "nonsense"])), "entities": entries})


def _write(folder: Path, name: str, data: bytes) -> bool:
    try:
        (folder / name).write_bytes(data)
        return True
    except (OSError, ValueError):  # a name the file system refuses (too long, say): not a case
        return False


def _project(base: Path, files: dict[str, bytes], topic: tuple[str, str], entities: str) -> Path:
    project = base / "project"
    for name in ("docs", "templates", "knowledge"):
        shutil.copytree(ROOT / name, project / name)
    (project / "sources").mkdir()
    written = [_write(project / "sources", name, data) for name, data in files.items()]
    if not any(written):
        pytest.skip("no source name the file system takes")  # pragma: no cover (Hypothesis filters these)
    _write(project / "docs" / "topics", topic[0], topic[1].encode("utf-8"))
    (project / "knowledge" / "entities" / "fuzzed.yml").write_text(entities, encoding="utf-8")
    return project


class RunningMarkup(HTMLParser):
    """What in HTML runs code: scripts and their kin, event handlers, addresses with a code scheme."""

    TAGS = {"script", "iframe", "frame", "object", "embed", "applet", "base"}

    def __init__(self, allowed_script=lambda attrs, text: False) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.allowed_script = allowed_script
        self._script_attrs: dict | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self._script_attrs, self._script_text = attributes, []
        elif tag in self.TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=>")
            if name in ("href", "src", "action", "formaction", "data", "xlink:href") and \
                    value.startswith(("javascript:", "vbscript:", "data:")) and not value.startswith("data:image/"):
                self.found.append(f"<{tag} {name}={value[:30]}>")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        if self._script_attrs is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script_attrs is not None:
            if not self.allowed_script(self._script_attrs, "".join(self._script_text)):
                self.found.append(f"<script {self._script_attrs}>{''.join(self._script_text)[:60]}")
            self._script_attrs = None


def running_markup(html: str, allowed_script=lambda attrs, text: False) -> list[str]:
    parser = RunningMarkup(allowed_script)
    parser.feed(html)
    parser.close()
    return parser.found


def _site_markdown() -> markdown.Markdown:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    extensions, options = [], {}
    for item in config["markdown_extensions"]:
        name, settings_ = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        extensions.append(name)
        options[name] = settings_ or {}
    return markdown.Markdown(extensions=extensions, extension_configs=options)


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


@FUZZ
@given(files=sources(), topic=topic_file(), entities=entity_file())
def test_no_input_gives_a_traceback_runs_code_or_writes_outside(tmp_path_factory, files, topic, entities):
    base = tmp_path_factory.mktemp("fuzz")
    project = _project(base, files, topic, entities)
    CASES_RUN.append(1)
    site = build(Project(root=project, cache=False, executor="serial"))  # no exception: the property itself
    assert all(problem.path for problem in site.problems)
    out = base / "tree"
    write_tree(Project(root=project), site, out)
    converter = _site_markdown()
    for page in sorted(out.rglob("*.md")):
        body, _meta = get_data(page.read_text(encoding="utf-8"))  # MkDocs takes the front matter out first
        html = converter.reset().convert(body)
        assert running_markup(html) == [], page.relative_to(out)
    made = {p.relative_to(base).parts[0] for p in base.rglob("*")}
    assert made <= {"project", "tree"}, made
    for page in site.pages:  # and no page path leaves the tree
        assert not page.startswith("/") and ".." not in page.split("/")


def test_the_fuzz_ran_its_cases():
    """How many cases the property above ran (pytest -s prints it): Hypothesis stops early when it finds a bug."""
    print(f"fuzz: {len(CASES_RUN)} cases")
    assert len(CASES_RUN) >= min(EXAMPLES, 20) or not CASES_RUN


@settings(max_examples=2, deadline=None, database=None, derandomize=not os.environ.get("HYPOTHESIS_RANDOM"),
          suppress_health_check=list(HealthCheck), phases=[Phase.generate])  # a build takes seconds: no shrinking
@given(batch=st.lists(st.tuples(sources(), topic_file()), min_size=4, max_size=4), entities=entity_file())
def test_a_hostile_batch_built_by_mkdocs_runs_no_code(tmp_path_factory, batch, entities):
    base = tmp_path_factory.mktemp("fuzz-mkdocs")
    files = {name: data for sources_, _ in batch for name, data in sources_.items()}
    project = _project(base, files, batch[0][1], entities)
    for _, (name, text) in batch[1:]:
        _write(project / "docs" / "topics", name, text.encode("utf-8"))
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]

    def theme_script(attrs: dict, text: str) -> bool:
        # the theme's inline scripts and the site's own files are the site's; no input may add to them (every
        # payload above calls alert)
        return "alert(" not in text

    found = {page.relative_to(project / "site").as_posix(): running_markup(page.read_text(encoding="utf-8"), theme_script)
             for page in (project / "site").rglob("*.html")}
    assert {page: what for page, what in found.items() if what} == {}

