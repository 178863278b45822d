"""Publishing a day's articles into an archive changes the pages that show them, not the archive (issue 22).

An incremental build converts again only the pages whose text changed: an article page that changes although the
new article is not on it is work for nothing, and noise in a pull request's diff of the site.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from generator.link import NEIGHBOURS, related_articles
from generator.model import AnnotatedArticle, Article, Entity, Knowledge, Mention


def _annotated(article_id: str, published: str | None, *entity_ids: str) -> AnnotatedArticle:
    article = Article(id=article_id, source=f"sources/{article_id}.txt", title=article_id, language="fr", blocks=(),
                      published=published)
    return AnnotatedArticle(article=article, mentions=tuple(Mention(e, "b1", 0, 1, e) for e in entity_ids))


def test_a_new_article_does_not_push_last_years_coverage_out_of_an_old_articles_related_list():
    """Ten articles of early January 2020 share only Odense with one of them: six are listed, the nearest in time
    among those that weigh the most (Odense counted as of the later of the two: eight articles by 7 January, a step
    up from six on the coarse scale, weigh less than six). An article of 2026 that names Odense too is as close by what it shares, and far in time: it stays off the old
    article's list (its id, first in alphabetical order, used to win the tie), so the old page does not change."""
    names = ["odense", *(f"elsewhere-{n}" for n in range(20))]
    knowledge = Knowledge(topics=(), entities=tuple(Entity(n, n, "place", (), "", "knowledge/places.yml", 1) for n in names))
    january = [_annotated(f"odense-{day:02d}", f"2020-01-{day:02d}", "odense") for day in range(1, 11)]
    others = [_annotated(f"other-{n:02d}", "2021-06-01", f"elsewhere-{n % 20}") for n in range(58)]
    archive = (_annotated("old", "2020-01-05", "odense"), *january, *others)
    new = _annotated("a-new-one", "2026-05-31", "odense")
    listed_before = [r.article_id for r in related_articles(archive, knowledge)["old"]]
    listed_after = [r.article_id for r in related_articles((*archive, new), knowledge)["old"]]
    assert listed_before[:6] == ["odense-05", "odense-04", "odense-06", "odense-03", "odense-02", "odense-01"]
    assert listed_after == listed_before


def test_an_entity_many_articles_name_relates_each_to_its_own_news_cycle():
    """Sixty articles of three hundred name Vitinha, one every five days. Each is related through him to those of
    its own weeks (he related none of them: more than fifty articles named him; day-115's 24th article about him
    is a step up on the coarse scale, and weighs less), and one more article about him
    changes the lists of the latest ones only (those it is among the nearest of)."""
    names = ["vitinha", *(f"elsewhere-{n}" for n in range(40))]
    knowledge = Knowledge(topics=(), entities=tuple(Entity(n, n, "person", (), "", "knowledge/people.yml", 1) for n in names))
    first = dt.date(2020, 1, 1)

    def dated(n: int) -> str:
        return (first + dt.timedelta(days=n)).isoformat()

    archive = tuple(_annotated(f"day-{n:03d}", dated(n), "vitinha" if n % 5 == 0 else f"elsewhere-{n % 40}")
                    for n in range(300))
    about_him = [a.id for a in archive if a.id.endswith(("0", "5"))]
    before = related_articles(archive, knowledge)
    assert [r.article_id for r in before["day-100"]][:6] == ["day-095", "day-105", "day-090", "day-110", "day-085",
                                                            "day-080"]
    after = related_articles((*archive, _annotated("day-300", dated(300), "vitinha")), knowledge)
    changed = [i for i in about_him if after[i] != before[i]]
    assert changed and set(changed) <= set(about_him[-(NEIGHBOURS // 2):])


def test_related_lists_hold_still_while_the_archive_grows_around_them():
    """One article shares a rare name with P, and two names that sixteen articles have with Q. Which of P and Q is
    closer used to depend on the size of the corpus (weights were an IDF over it): sixty-four articles put P first,
    a hundred and twenty-eight Q, so unrelated articles rewrote the page. Weights now count against a fixed scale."""
    names = ["rare", "common-1", "common-2", *(f"filler-{n}" for n in range(64))]
    knowledge = Knowledge(topics=(), entities=tuple(Entity(n, n, "place", (), "", "knowledge/places.yml", 1) for n in names))
    core = (_annotated("a-x", None, "rare", "common-1", "common-2"), _annotated("p", None, "rare"),
            _annotated("a-q", None, "common-1", "common-2"),
            *(_annotated(f"one-{n:02d}", None, "common-1") for n in range(14)),
            *(_annotated(f"two-{n:02d}", None, "common-2") for n in range(14)))

    def order(size: int) -> list[str]:
        fillers = tuple(_annotated(f"f-{n:03d}", None, f"filler-{n % 64}") for n in range(size - len(core)))
        return [r.article_id for r in related_articles((*core, *fillers), knowledge)["a-x"]][:2]

    assert order(64) == order(128) == ["a-q", "p"]


def test_a_name_growing_a_step_does_not_reorder_the_old_articles_that_share_it():
    """An article of January 2020 shares Hamar with P (two days apart) and Skien with Q (three days): they weigh
    the same, so P comes first. Eleven articles name Hamar, ten Skien; a twelfth about Hamar, in 2026, is far from the
    old article among Hamar's and is not related to it. Hamar's weight used to count its articles over the whole
    corpus, on a coarse scale: twelve is a step up from eleven, Hamar weighed less everywhere, Q went first, and
    every page that lists an article through Hamar was rewritten. Counted as of the later of two articles, what they
    share weighs what it did."""
    names = ["hamar", "skien", *(f"elsewhere-{n}" for n in range(100))]
    knowledge = Knowledge(topics=(), entities=tuple(Entity(n, n, "place", (), "", "knowledge/places.yml", 1) for n in names))
    archive = (_annotated("a", "2020-01-10", "hamar", "skien"), _annotated("p", "2020-01-12", "hamar"),
               _annotated("q", "2020-01-07", "skien"),
               *(_annotated(f"hamar-{n}", f"2021-03-{n + 1:02d}", "hamar") for n in range(9)),
               *(_annotated(f"skien-{n}", f"2021-05-{n + 1:02d}", "skien") for n in range(8)),
               *(_annotated(f"other-{n:03d}", "2022-01-01", f"elsewhere-{n}") for n in range(100)))
    before = [r.article_id for r in related_articles(archive, knowledge)["a"]]
    after = [r.article_id for r in related_articles((*archive, _annotated("new", "2026-01-01", "hamar")), knowledge)["a"]]
    assert before[:2] == ["p", "q"]
    assert after == before


def test_an_archive_growing_past_a_round_size_leaves_its_lists_as_they_were():
    """A thousand articles, 260 of them about Hamar (more than a quarter: it relates nothing), the others about
    places of two articles each. Thirty more articles, about places of their own, take the archive past 1,024: Hamar
    is still in more than a quarter (260 of 1,030), and no list changes. A quarter counted on a coarse scale (192 up
    to 1,023 articles, 256 from 1,024, Hamar's 260 counted as 256) took Hamar in at 1,024: every one of its articles'
    lists changed at once."""
    names = ["hamar", *(f"elsewhere-{n}" for n in range(830))]
    knowledge = Knowledge(topics=(), entities=tuple(Entity(n, n, "place", (), "", "knowledge/places.yml", 1) for n in names))
    first = dt.date(2020, 1, 1)
    archive = tuple(_annotated(f"a-{n:04d}", (first + dt.timedelta(days=n // 4)).isoformat(),
                               "hamar" if n % 50 < 13 else f"elsewhere-{n % 370}") for n in range(1000))
    new = tuple(_annotated(f"b-{n:02d}", "2026-01-01", f"elsewhere-{800 + n}") for n in range(30))
    before = related_articles(archive, knowledge)
    after = related_articles((*archive, *new), knowledge)
    assert before["a-0100"] == () and before["a-0013"] and [i for i in before if after[i] != before[i]] == []


def _noting_process(folder, related):
    """`related_articles`, noting which process ran it."""
    import os
    from pathlib import Path

    def find(*args, **kwargs):
        (Path(folder) / str(os.getpid())).write_text("", encoding="utf-8")
        return related(*args, **kwargs)

    return find


def test_the_related_articles_of_an_archive_are_found_on_a_second_core_and_are_the_same(tmp_path, monkeypatch):
    """`link(..., beside=True)`: the related articles come from a copy of the process (a fork), while it makes the
    other indexes; the corpus is the one linking in one process gives."""
    import os

    import pytest

    import importlib

    from generator.export import dumps
    from generator.resolve import Resolution

    if not hasattr(os, "fork"):
        pytest.skip("no fork here: the related articles are found in this process")
    linking = importlib.import_module("generator.link")  # the module: the package's `link` is its function
    from generator.model import Block

    names = ("odense", "vitinha", "porto")
    rare = tuple(f"club-{n}" for n in range(10))  # each named by four articles: what relates them
    knowledge = Knowledge(topics=(), entities=tuple(Entity(e, e.title(), "organisation", (e.title(),), "", "k.yml", 1)
                                                   for e in names + rare))
    archive = []
    for n in range(40):
        found = _annotated(f"day-{n}", (dt.date(2025, 1, 1) + dt.timedelta(days=n)).isoformat(), names[n % 3],
                           rare[n // 4])
        article = dataclasses.replace(found.article, blocks=(Block("b1", "paragraph", "Odense, Vitinha, Porto"),))
        archive.append(dataclasses.replace(found, article=article))
    archive = tuple(archive)
    resolution = Resolution(articles=archive, knowledge=knowledge, unreviewed=())
    monkeypatch.setattr(linking, "related_articles", _noting_process(tmp_path, linking.related_articles))
    beside = linking.link(resolution, beside=True)
    here = linking.link(resolution)
    processes = sorted(int(p.name) for p in tmp_path.iterdir())
    assert len(processes) == 2 and os.getpid() in processes  # one copy, then this process
    assert dumps(beside) == dumps(here) and any(beside.related_articles.values())


def test_the_related_articles_are_found_beside_while_the_passages_are_made(tmp_path, monkeypatch):
    """The related articles need each article's entities only: the copy that finds them starts before this process
    makes the passages and the other indexes (at ten thousand articles, 2.6 s beside some 3 s here), not after the
    passages. Decided by order: making the passages waits until the copy has begun, for a minute at most."""
    import importlib
    import os
    import time

    import pytest

    from generator.model import Block
    from generator.resolve import Resolution

    if not hasattr(os, "fork"):
        pytest.skip("no fork here: the related articles are found in this process")
    linking = importlib.import_module("generator.link")
    knowledge = Knowledge(topics=(), entities=tuple(Entity(f"club-{n}", f"Club {n}", "organisation", (), "", "k.yml", 1)
                                                   for n in range(4)))
    archive = tuple(_annotated(f"day-{n}", f"2025-01-{n + 1:02d}", f"club-{n // 2}") for n in range(8))  # two each
    archive = tuple(dataclasses.replace(a, article=dataclasses.replace(a.article, blocks=(
        Block("b1", "paragraph", "Club"),))) for a in archive)
    monkeypatch.setattr(linking, "related_articles", _noting_process(tmp_path, linking.related_articles))
    passages, began_first = linking._passages, []

    def waiting(*args):
        deadline = time.monotonic() + 60
        while not any(tmp_path.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.05)
        began_first.append(any(tmp_path.iterdir()))
        return passages(*args)

    monkeypatch.setattr(linking, "_passages", waiting)
    corpus = linking.link(Resolution(articles=archive, knowledge=knowledge, unreviewed=()), beside=True)
    assert began_first == [True] and [p.name for p in tmp_path.iterdir()] != [str(os.getpid())]
    assert [r.article_id for r in corpus.related_articles["day-0"]] == ["day-1"]
    assert corpus.entity_articles["club-0"] == ("day-1", "day-0") and len(corpus.entity_passages["club-0"]) == 2
