"""The linked corpus of the last build, kept whole: a build whose inputs give the same corpus skips the stages.

Reading, annotating, resolving and linking ten thousand articles costs some 15 s even when every article comes
from the cache (40,000 entries read back, names resolved and articles linked again), where a topic's introduction
or a template was all that changed. So the last build's `Corpus` is kept in one file, `corpus.pickle` beside the
cache, under the hash of everything it was made from:

    the generator's code and the Python that ran it; the size limit for a source; every source's path (from the
    project's folder), where it leads and its bytes; the entities (knowledge files); what articles are matched on in the topic files
    (`matching_fields`); the named entity models' versions

A topic's title, description and introduction are not in it: the corpus takes the topics of this build as they
are (`corpus_for`), as do the problems of the knowledge files and of the hand-written pages, found again each time.
Anything else that changed is a different hash: the stages run, as without the file, and their corpus replaces it.
Like the cache, the file is safe to delete and never changes the output (tests/test_snapshot.py builds both).
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from .annotate.ner import MODELS
from .annotate.topics import matching_fields
from .beside import wait_written, write_beside
from .cache import code_version, no_collection, package_versions, write_whole
from .model import Corpus, Knowledge, Problem
from .read import SourceFile

log = logging.getLogger("generator.snapshot")

FILE = "corpus.pickle"
# The corpus's fields that `corpus_for` takes from this build: everything else answers as in the build that made it.
THIS_BUILDS = ("knowledge", "problems")


@dataclass(frozen=True)
class Snapshot:
    """The corpus of a build, and the problems its sources gave (the rest are found again each build)."""

    corpus: Corpus
    source_problems: tuple[Problem, ...]


def inputs_key(sources: list[SourceFile], max_source_mb: float, knowledge: Knowledge) -> bytes:
    """The hash of everything the corpus is made from but the topics' presentation (see the module's text);
    `sources`: the sources as this build read them (`read.list_sources`)."""
    digest = hashlib.sha256()
    models = package_versions(*sorted(set(MODELS.values())))
    for part in (code_version(), sys.version, repr(max_source_mb), models):
        digest.update(part.encode("utf-8") + b"\x00")
    digest.update(repr((knowledge.entities, matching_fields(knowledge.topics))).encode("utf-8") + b"\x00")
    for source in sources:
        # Paths from the project's folder, as the corpus names them: a project moved or cloned elsewhere keeps it.
        names = (source.name, source.leads_to, str(source.size), source.skipped)
        digest.update("\x00".join(names).encode("utf-8", "surrogateescape") + b"\x00")
        digest.update(source.digest or hashlib.sha256(b"").digest())
    return digest.digest()


def kept(folder: Path) -> bool:
    """Whether a build kept its corpus in `folder` (whatever it was made from)."""
    return (folder / FILE).is_file()


def load(folder: Path, key: bytes) -> Snapshot | None:
    """The kept snapshot, if it was made from inputs with this hash."""
    path = folder / FILE
    wait_written(path)
    try:
        with path.open("rb") as file:
            if file.read(len(key)) != key:
                return None
            with no_collection():
                snapshot = pickle.load(file)
    except Exception:  # noqa: BLE001 (no file, or one this code cannot read: the stages run)
        return None
    return snapshot if isinstance(snapshot, Snapshot) else None


def save(folder: Path, key: bytes, snapshot: Snapshot, beside: bool = False) -> None:
    """The snapshot kept in `folder`. `beside`: written by a copy of this process (`beside.write_beside`), so that
    the build goes on meanwhile (pickling ten thousand articles takes some 3 s, on another core); `load` and the
    end of a build wait for it."""
    if beside:
        write_beside(folder / FILE, lambda: _write(folder, key, snapshot))
    else:
        wait_written(folder / FILE)  # one writer of the file at a time
        _write(folder, key, snapshot)


def _write(folder: Path, key: bytes, snapshot: Snapshot) -> None:
    try:
        # A name of its own beside the file: two writers (a build, the copy of another) never share one.
        write_whole(folder / FILE, key + pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL),
                    temporary=f"{FILE}.{os.getpid()}.tmp")
    except OSError as error:  # a read-only cache: the next build runs the stages
        log.info("corpus not kept for the next build (%s)", error)


def corpus_for(snapshot: Snapshot, knowledge: Knowledge, page_problems: tuple[Problem, ...]) -> Corpus:
    """The kept corpus with this build's topics (their titles, descriptions, introductions) and problems."""
    corpus = snapshot.corpus
    return replace(corpus, knowledge=replace(corpus.knowledge, topics=knowledge.topics, problems=knowledge.problems),
                   problems=knowledge.problems + snapshot.source_problems + page_problems)


__all__ = ["Snapshot", "inputs_key", "kept", "load", "save", "corpus_for", "FILE", "THIS_BUILDS"]
