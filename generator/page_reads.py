"""Pages a build need not render again: what each generated page read of the corpus when it was last rendered.

A page's text is a function of its template (and the templates it imports), the values it is rendered with, the
settings, the generator's code, and what the template reads of the corpus: `corpus.article(id)`,
`corpus.entity_articles.get(id)`, `id in corpus.entities_with_pages`… While a page renders, the corpus it sees
(`Reads.corpus`) notes every such read. At the next build, each page's reads are asked again of the new corpus: when
every answer has the digest it had (and the page's template, values and settings are those of last time), the page
would be rendered into the same text, so it is not rendered, and its staged file is kept as it is. Publishing ten
articles into an archive of ten thousand renders the pages that read something that changed, not the others.

Over-approximate by design, never under: a page that shows a related article's title read the whole article, and is
rendered again when any of that article changes; a page that iterates a whole index (the home page, the listings)
is rendered again when any of it changes. A read that cannot be asked again (a call with keyword or unhashable
arguments) makes the page one that is always rendered. The record (`page-reads.pickle`, beside the staged pages) also
holds the size and time of each staged file: a file changed since (a build stopped halfway) is rendered again.

Asking ten thousand pages' reads again means digesting the whole corpus (every article and passage, once). When the
corpus is the last build's (`snapshot.py`: the same sources and knowledge, a topic's text or a template edited), the
record's digests of the answers are taken as they are (`Known`), but for what the kept corpus takes from this build.
"""
from __future__ import annotations

import hashlib
import itertools
import operator
import pickle
import sys
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from .beside import wait_written
from .cache import add_folder, code_version, no_collection, package_versions, write_whole
from .model import AnnotatedArticle, Corpus, Knowledge, Passage
from .snapshot import THIS_BUILDS

RECORD = "page-reads.pickle"
_VERSION = 9  # of the record's format
# The libraries whose output the pages print (dates, numbers, YAML, slugs, escaping): another version may print
# another text from the same reads.
_LIBRARIES = ("jinja2", "markupsafe", "babel", "pyyaml", "python-slugify")
_MISSING = object()
_FAILED = b"read-failed\x00\x00\x00\x00\x00"  # the digest of a read that cannot be answered: never a recorded one
# Digests hash the values' repr, not their pickle: an article read from the cache shares its strings between its
# fields otherwise than one just computed, and pickles into other bytes; its repr is the same.

# ("attribute" | "call" | "field" | "item" | "in" | "whole", names from the corpus, argument): `corpus.months` is
# ("attribute", ("months",), None), `corpus.article(x).article.title` ("field", ("article",), ((x,), ("article", "title")))
Read = tuple


def settings_key(templates: Path, *settings: str) -> bytes:
    """What every page depends on besides its own values and reads: the generator's code, the libraries it prints
    with, the Python that runs it, every template file, the site's settings."""
    digest = hashlib.sha256()
    for part in (code_version(), sys.version, package_versions(*_LIBRARIES), *settings):
        digest.update(part.encode("utf-8") + b"\x00")
    add_folder(digest, templates)
    return digest.digest()


def as_kept(read: Read) -> bool:
    """Whether the read asks a part of the corpus that the kept corpus holds as it was (`snapshot.py`): a kept corpus
    answers it as the build that made it did."""
    return read[1][0] not in THIS_BUILDS


class Digests:
    """Digests of values and of the answers of reads, for one corpus (one build): each computed once.

    `known` holds the last build's digests of reads and of articles (by id), when this build's corpus is the one the
    last build had (the kept corpus, `snapshot.py`, with this build's topics): those answers are the same, and a
    topic's introduction edited costs no digest of ten thousand articles."""

    def __init__(self, corpus: Corpus, known: "Known | None" = None):
        self.corpus = corpus
        self._answers: dict[Read, bytes] = dict(known.answers) if known else {}
        self._known_articles: dict[str, bytes] = known.articles if known else {}  # article id -> digest
        self._held: dict[int, tuple[Any, bytes]] = {}  # id() -> the object, held, and its digest
        self._reads_held: dict[int, tuple[Read, bytes]] = {}  # id() -> the read, held, and its answer's digest
        self._texts: dict[int, tuple[str, bytes]] = {}  # id() -> a passage's text, held, and its digest

    def of_read(self, read: Read) -> bytes:
        # A read is a tuple of tuples, which Python hashes anew at each look-up: the record's reads are one tuple
        # each, shared by every page that makes it (`PageReads.rendered`), so they are looked up by identity first
        # (a million reads of ten thousand pages, a hundred thousand distinct ones).
        held = self._reads_held.get(id(read))
        if held is not None:
            return held[1]
        digest = self._answers.get(read)
        if digest is None:
            try:
                digest = self.of(answer(self.corpus, read))
            except Exception:  # noqa: BLE001 (a read the new corpus cannot answer: the page is rendered again)
                digest = _FAILED
            self._answers[read] = digest
        self._reads_held[id(read)] = (read, digest)
        return digest

    def of_each(self, *values: Any) -> bytes:
        return _hash(b"".join(self.of(value) for value in values))

    def of_held(self, value: Any) -> bytes:
        """`of`, once per object: the values pages of one item share (an entity's passages by article, on each of
        its pages). The object is held until the build ends, so that its id is never another's."""
        held = self._held.get(id(value))
        if held is None:
            if isinstance(value, AnnotatedArticle) and self._of_corpus(value):
                digest = self._known_articles.get(value.id) or self._of_article(value)
            elif isinstance(value, Passage):
                digest = self._of_passage(value)
            elif isinstance(value, _ONCE):
                digest = _hash(repr(value))
            else:
                digest = self.of(value)
            held = self._held[id(value)] = (value, digest)
        return held[1]

    def _of_article(self, article: AnnotatedArticle) -> bytes:
        """The digest of one of the corpus's articles: what its annotation was made from (`Corpus.made_from`: equal
        for equal annotations), and what `resolve` rewrote of it, rather than its repr: 1.1 s instead of 2.3 s for
        the 11,800 articles of an archive, each of which a publish digests (the home page and the listings read
        them all, before the pages split across two processes)."""
        made_from = self.corpus.made_from.get(article.id)
        if made_from is None:
            return _hash(repr(article))
        return _hash("article", made_from, repr((article.mentions, article.quotes, article.candidates)))

    def _of_passage(self, passage: Passage) -> bytes:
        """The digest of a passage: of its text, once per text, and of the rest. A passage is a block of its article,
        and the corpus's passages of one block share its text (an entity's passage, a topic's, another entity's):
        an archive's 235,000 passages hold 75,000 texts of some 300 characters, each digested once."""
        text = self._texts.get(id(passage.text))
        if text is None:
            text = self._texts[id(passage.text)] = (passage.text, _hash(passage.text))
        return _hash("passage", text[1], repr(_passage_rest(passage)))

    def _of_corpus(self, article: AnnotatedArticle) -> bool:
        """Whether the article is the corpus's own (not a copy with some field replaced)."""
        try:
            return self.corpus.article(article.id) is article
        except KeyError:
            return False

    def add_known(self, answers: dict[Read, bytes], articles: dict[str, bytes]) -> None:
        """Digests of this corpus that another process made (`PageReads.add_part`)."""
        for read, digest in answers.items():
            self._answers.setdefault(read, digest)
        self._known_articles.update(articles)

    def known(self, corpus_key: bytes) -> "Known":
        """What the next build may take as known, if its corpus is the same (`corpus_key`)."""
        answers: dict[Read, bytes] = {}
        this_builds: dict[Read, bytes] = {}
        for read, digest in self._answers.items():
            if digest != _FAILED:
                (answers if as_kept(read) else this_builds)[read] = digest
        articles = dict(self._known_articles)
        articles.update((a.id, held[1]) for a in self.corpus.articles if (held := self._held.get(id(a))) is not None)
        return Known(corpus_key, answers, articles, this_builds)

    def of(self, value: Any) -> bytes:
        """A digest of a value made of frozen dataclasses, tuples, lists, dicts, strings and numbers. A value with
        no stable text (an object whose repr holds its address) gets a digest that never repeats: safe, not fast."""
        if isinstance(value, _ONCE):  # the values pages read most, and in many ways: each once per build
            return self.of_held(value)
        if _is_passages(value):
            return _of_passages(value)
        if type(value) is dict and value and all(_is_passages(run) for run in value.values()):
            # An entity's passages in each article of one of its pages (`Corpus.entity_passages_in`): one run
            runs = list(value.values())
            return _hash("passages by key", repr(list(value)), repr(list(map(len, runs))),
                         _of_passages(tuple(itertools.chain.from_iterable(runs))))
        if isinstance(value, (tuple, list)) and any(_holds_once(item) for item in value):
            return _hash(type(value).__name__, b"".join(self.of(item) for item in value))
        if isinstance(value, dict) and any(_holds_once(item) for item in value.values()):
            return _hash("dict", b"".join(self.of(key) + self.of(item) for key, item in value.items()))
        if isinstance(value, (set, frozenset)):  # printed in an order that changes from one run to the next
            return _hash("set", b"".join(sorted(self.of(item) for item in value)))
        if value is _MISSING:
            return _hash("missing")
        return _hash(repr(value))


# Digested once per object, however many reads and values hold them: an article (its page, the home page, the
# listings, its feeds), a passage read on its own (runs of them, as reads answer them, go whole: `_of_passages`).
_ONCE = (AnnotatedArticle, Passage)


_passage_rest = operator.attrgetter(*(f.name for f in fields(Passage) if f.name != "text"))


def _is_passages(value: Any) -> bool:
    return type(value) is tuple and bool(value) and all(type(item) is Passage for item in value)


def _of_passages(passages: tuple[Passage, ...]) -> bytes:
    """The digest of a run of passages (an entity's, read whole by its files of quotes and figures; those of each
    article on one of its pages), made in C: their texts joined, with their lengths, and the rest of their fields
    printed as one text. An entity of ten thousand articles has some forty thousand passages; digested one by one
    (`Digests._of_passage`, for a passage read on its own), they cost 0.8 s at each publish; so, 0.3 s."""
    texts = [passage.text for passage in passages]
    return _hash("passages", repr(list(map(_passage_rest, passages))), repr(list(map(len, texts))), "".join(texts))


def _holds_once(value: Any) -> bool:
    return isinstance(value, _ONCE) or (isinstance(value, (tuple, list)) and bool(value) and isinstance(value[0], _ONCE))


def _hash(*parts: str | bytes) -> bytes:
    """A digest (16 bytes) of the parts, each with its length. Digests of many values go as one part, joined: each is
    16 bytes long, so that the join is unambiguous, and a page's eighty reads cost one update, not eighty."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.digest()


def answer(corpus: Corpus, read: Read) -> Any:
    """What `read` gives on `corpus`: the same answer a template got, asked again."""
    kind, names, argument = read
    target: Any = corpus
    for name in names:
        target = getattr(target, name)
    if kind in ("attribute", "whole"):
        return target
    if kind == "call":
        return target(*argument)
    if kind == "field":
        args, attributes = argument
        value = target(*args)
        for name in attributes:
            value = getattr(value, name)
        return value
    if kind == "item":
        return target.get(argument, _MISSING)
    if kind == "in":
        return argument in target
    raise ValueError(f"unknown read {kind!r}")


@dataclass(frozen=True)
class Known:
    """The digests a build made of its corpus's reads and articles, and the key of that corpus (`snapshot.py`)."""

    corpus_key: bytes
    answers: dict[Read, bytes]
    articles: dict[str, bytes]
    this_builds: dict[Read, bytes] = field(default_factory=dict)  # of the reads of what each build takes anew


@dataclass(frozen=True)
class FromCorpus:
    """A value a page is given that the renderer took from the corpus: the answer of `read`, shaped by `given` (plain
    values). Its digest is theirs, not its text's: the read is one of the page's, known when the corpus is kept."""

    value: Any
    read: Read
    given: Any = None


@dataclass
class Reads:
    """What one page read of the corpus while it rendered: `corpus` is the corpus as its template sees it."""

    corpus: Any
    reads: dict[Read, None] = field(default_factory=dict)  # in the order of first reading
    traceable: bool = True


def reading(corpus: Corpus) -> Reads:
    reads = Reads(corpus=None)
    reads.corpus = _Seen(corpus, (), reads)
    return reads


class _Seen:
    """The corpus, or an object of it (its knowledge), as a template sees it: attributes and calls are noted."""

    __slots__ = ("_value", "_names", "_reads")

    def __init__(self, value: Any, names: tuple[str, ...], reads: Reads):
        self._value, self._names, self._reads = value, names, reads

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._value, name)
        names = self._names + (name,)
        if isinstance(value, (dict, set, frozenset)):
            return _SeenCollection(value, names, self._reads)
        if isinstance(value, Knowledge):
            return _Seen(value, names, self._reads)
        if callable(value):
            return _SeenCall(value, names, self._reads)
        self._reads.reads["attribute", names, None] = None
        return value


class _SeenCall:
    __slots__ = ("_function", "_names", "_reads")

    def __init__(self, function: Any, names: tuple[str, ...], reads: Reads):
        self._function, self._names, self._reads = function, names, reads

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        result = self._function(*args, **kwargs)
        if kwargs or not _hashable(args):  # cannot be asked again as it was: the page is always rendered
            self._reads.traceable = False
            return result
        if _is_record(result):  # an article, a topic, an entity: what the page reads of it, field by field
            return _SeenRecord(result, self._names, args, (), self._reads)
        self._reads.reads["call", self._names, args] = None
        return result


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _is_record(value: Any) -> bool:
    return is_dataclass(value) and not isinstance(value, type)


class _SeenRecord:
    """A frozen dataclass a call of the corpus returned (`corpus.article(id)`, `corpus.knowledge.topic(id)`), as a
    template sees it: each field it reads is noted on its own, so that a page that shows an article's title is not
    rendered again when the article's text changes. Whatever sees it whole (printing it, comparing it, a method of
    it) notes the whole."""

    __slots__ = ("_value", "_names", "_args", "_attributes", "_reads")

    def __init__(self, value: Any, names: tuple[str, ...], args: tuple, attributes: tuple[str, ...], reads: Reads):
        self._value, self._names, self._args, self._attributes, self._reads = value, names, args, attributes, reads

    def _whole(self) -> Any:
        self._reads.reads["field", self._names, (self._args, self._attributes)] = None
        return self._value

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._value, name)
        if callable(value):  # a method (`entity_counts`, `line_of`): it may read any field
            self._whole()
            return value
        attributes = self._attributes + (name,)
        if _is_record(value):
            return _SeenRecord(value, self._names, self._args, attributes, self._reads)
        self._reads.reads["field", self._names, (self._args, attributes)] = None
        return value

    @property
    def __class__(self) -> type:  # isinstance() sees the value's type
        return type(self._value)

    def __str__(self) -> str:
        return str(self._whole())

    def __repr__(self) -> str:
        return repr(self._whole())

    def __eq__(self, other: object) -> bool:
        return self._whole() == (other._whole() if type(other) is _SeenRecord else other)

    def __hash__(self) -> int:
        return hash(self._whole())

    def __bool__(self) -> bool:
        return bool(self._whole())


class _SeenCollection:
    """A dict or a set of the corpus: a look-up notes its key; anything that sees all of it notes the whole."""

    __slots__ = ("_value", "_names", "_reads")

    def __init__(self, value: Any, names: tuple[str, ...], reads: Reads):
        self._value, self._names, self._reads = value, names, reads

    def _whole(self) -> Any:
        self._reads.reads["whole", self._names, None] = None
        return self._value

    def get(self, key: Any, default: Any = None) -> Any:
        self._reads.reads["item", self._names, key] = None
        return self._value.get(key, default)

    def __getitem__(self, key: Any) -> Any:
        self._reads.reads["item", self._names, key] = None
        return self._value[key]

    def __contains__(self, key: Any) -> bool:
        self._reads.reads["in", self._names, key] = None
        return key in self._value

    def __iter__(self) -> Iterator:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def __bool__(self) -> bool:
        return bool(self._whole())

    def __getattr__(self, name: str) -> Any:  # items(), keys(), values(), union()…: all of it
        return getattr(self._whole(), name)


@dataclass(frozen=True)
class _Page:
    digest: bytes  # of the page's template, values and the answers of its reads
    reads: tuple[Read, ...]
    size: int  # of its staged file, when it was written or found the same
    mtime_ns: int


@dataclass(frozen=True)
class _Shares:
    """Files made of articles' shares one after the other (`PageReads.held_shares`): how many shares, the digest of
    what they were made from, and the files' paths."""

    count: int
    digest: bytes
    paths: tuple[str, ...]


class PageReads:
    """The record of a build's pages, for the next build (`load`, `keeps`, `rendered`, `save`), and of the files
    made beside them from plain values (a topic's feeds: `keeps_files`, `made_files`; the files of quotes and figures,
    made of their articles' shares of rows one after the other: `held_shares`, `made_of_shares`)."""

    def __init__(self, corpus: Corpus, settings: bytes, folder: Path, last: dict[str, _Page],
                 last_groups: dict[str, tuple[bytes, tuple[str, ...]]], known: Known | None = None,
                 corpus_key: bytes = b"", last_rows: dict[str, tuple[Any, Any]] | None = None,
                 last_units: dict[str, tuple[str, ...]] | None = None, last_shares: dict[str, _Shares] | None = None):
        self.digests = Digests(corpus, known)
        # The last build's groups of pages (`Renderer.units`), by key: the paths each gave. When this build's corpus
        # is the last one's (`known`), a group whose pages read nothing else that changed is not made again
        # (`keeps_unit`): a topic's introduction edited does not walk ten thousand articles' groups.
        self.same_corpus = known is not None
        self.last_this_builds = known.this_builds if known is not None else {}
        self.last_units = last_units or {}
        self.now_units: dict[str, tuple[str, ...]] = {}
        self._group_of_file = {path: key for key, (_digest, files) in last_groups.items() for path in files}
        self.corpus_key = corpus_key  # of this build's corpus (`snapshot.inputs_key`); empty: not known
        self.settings = settings
        self.folder = folder  # the staged pages
        self.last, self.last_groups = last, last_groups
        self.now: dict[str, tuple[bytes, tuple[Read, ...]]] = {}  # pages and files made by this build
        self.now_groups: dict[str, tuple[bytes, tuple[str, ...]]] = {}
        self.kept: set[str] = set()
        self.kept_groups: set[str] = set()
        self._group_digests: dict[str, bytes] = {}  # of the files made under a key from their inputs, this build
        self._canonical: dict[Read, Read] = {}
        # What an article gives the files made from many (its rows of quotes and figures: `article_rows`), by its
        # id: the inputs it was made from, and what it gave.
        self.last_rows = last_rows or {}
        self.now_rows: dict[str, tuple[Any, Any]] = {}
        self.made_rows: set[str] = set()  # the articles whose rows this build made (not the last build's)
        # Files made of articles' shares one after the other (the rows of quotes and figures of an item's articles),
        # by key: how many shares the last build's hold, and which (`held_shares`, `made_of_shares`).
        self.last_shares = last_shares or {}
        self.now_shares: dict[str, _Shares] = {}

    @classmethod
    def load(cls, record: Path, corpus: Corpus, settings: bytes, folder: Path, corpus_key: bytes = b"") -> "PageReads":
        """The last build's record, if it was made with the same settings and code (else an empty one); its digests
        of the corpus too, if its corpus had the same key (`snapshot.inputs_key`: the same sources and knowledge)."""
        last, groups, known, rows, units, shares = {}, {}, None, {}, {}, {}
        wait_written(record)  # the last build's, if a copy of this process is writing it
        try:
            with no_collection():
                version, recorded_settings, *recorded = pickle.loads(record.read_bytes())
            if version == _VERSION and recorded_settings == settings:
                last, groups, recorded_known, rows, units, shares = recorded
                known = recorded_known if corpus_key and recorded_known.corpus_key == corpus_key else None
        except Exception:  # noqa: BLE001 (no record, or one this code cannot read: every page is rendered)
            pass
        return cls(corpus, settings, folder, last, groups, known, corpus_key, rows, units, shares)

    def page_digest(self, template: str, path: str, context: dict[str, Any], reads: Iterator[Read]) -> bytes:
        values = (_hash("from corpus", repr(value.read), repr(value.given)) if isinstance(value, FromCorpus)
                  else self.digests.of_held(value) if isinstance(value, (dict, list, tuple)) else self.digests.of(value)
                  for _name, value in sorted(context.items()))
        return _hash(self.settings, template, path, *sorted(context), b"".join(values),
                     b"".join(self.digests.of_read(read) for read in reads))

    def _staged_as_recorded(self, path: str, page: _Page) -> bool:
        try:
            stat = (self.folder / path).stat()
        except OSError:
            return False
        return (stat.st_size, stat.st_mtime_ns) == (page.size, page.mtime_ns)

    def _all_staged_as_recorded(self, paths: tuple[str, ...]) -> bool:
        """Whether each of these files the last build recorded is staged as it left it."""
        return all(path in self.last and self._staged_as_recorded(path, self.last[path]) for path in paths)

    def keeps(self, template: str, path: str, context: dict[str, Any]) -> bool:
        """Whether the page's staged file is the text this build would render."""
        page = self.last.get(path)
        if page is None or not self._staged_as_recorded(path, page):
            return False
        if self.page_digest(template, path, context, iter(page.reads)) != page.digest:
            return False
        self.kept.add(path)
        return True

    def keeps_unit(self, key: str) -> tuple[str, ...] | None:
        """The paths of a group of pages and files (`Renderer.units`) as the last build left them, when this build's
        corpus is the last one's and each of them is staged as recorded and read nothing that this build takes anew
        (`snapshot.THIS_BUILDS`: the topics' presentation, the problems) that answers otherwise now: the group would
        be made into the same text, so it is not made (nor are the values its pages are given). None: make it."""
        paths = self.last_units.get(key) if self.same_corpus else None
        if paths is None:
            return None
        for path in paths:
            page = self.last.get(path)
            if page is None or not self._staged_as_recorded(path, page):
                return None
            for read in page.reads:
                if not as_kept(read) and self.last_this_builds.get(read) != self.digests.of_read(read):
                    return None
        self.kept.update(paths)
        self.kept_groups.update(self._group_of_file[path] for path in paths if path in self._group_of_file)
        self.now_units[key] = paths
        return paths

    def made_unit(self, key: str, paths: tuple[str, ...]) -> None:
        self.now_units[key] = paths

    def rendered(self, template: str, path: str, context: dict[str, Any], reads: Reads) -> None:
        """Note the page just rendered, with what it read (a `FromCorpus` value it was given counts as read)."""
        if reads.traceable:
            # Pages read the same things (an article's title, a topic's page): one tuple for each read, so that the
            # record holds it once (the pickle refers to it again), a tenth of its size.
            noted = tuple(self._canonical.setdefault(read, read) for read in reads.reads)
            self.now[path] = (self.page_digest(template, path, context, iter(noted)), noted)

    def _group_digest(self, key: str, inputs: tuple) -> bytes:
        digest = self._group_digests.get(key)
        if digest is None:  # asked by `keeps_files`, then by `made_files` when they were not kept: made once
            digest = self._group_digests[key] = _hash(self.settings, key, self.digests.of_each(*inputs))
        return digest

    def keeps_files(self, key: str, *inputs: Any) -> tuple[str, ...] | None:
        """The files made under `key` from `inputs` (values, not reads), if the last build made them from equal
        inputs and they are staged as it left them."""
        group = self.last_groups.get(key)
        if group is None or group[0] != self._group_digest(key, inputs):
            return None
        paths = group[1]
        if not self._all_staged_as_recorded(paths):
            return None
        self.kept.update(paths)
        self.kept_groups.add(key)
        return paths

    def made_files(self, key: str, files: dict[str, str], *inputs: Any) -> None:
        digest = self._group_digest(key, inputs)
        self.now_groups[key] = (digest, tuple(files))
        self.now.update({path: (digest, ()) for path in files})

    def article_rows(self, article_id: str, inputs: Any, make: Callable[[], Any]) -> Any:
        """What an article gives the files made from many articles (its rows of quotes and figures: `render`), as
        the last build made it when its `inputs` (plain values) are equal; else `make()`'s."""
        last = self.last_rows.get(article_id)
        if last is not None and last[0] == inputs:
            made = last[1]
        else:
            made = make()
            self.made_rows.add(article_id)
        self.now_rows[article_id] = (inputs, made)
        return made

    def share_digest(self, article: AnnotatedArticle, *values: Any) -> bytes:
        """The digest of what one article's share of files made of shares is made from (`held_shares`): the article
        and plain values."""
        return _hash(self.digests.of_held(article), repr(values))

    def held_shares(self, key: str, share_digests: list[bytes]) -> _Shares | None:
        """Of files made of articles' shares one after the other (`share_digests`: of what each is made from, in the
        files' order): the files the last build made under `key`, when they hold the first of these shares and are
        staged as it left them; None when they hold others (one changed, removed, or added before the last of them)."""
        held = self.last_shares.get(key)
        if (held is None or held.count > len(share_digests)
                or _hash(b"".join(share_digests[:held.count])) != held.digest
                or not self._all_staged_as_recorded(held.paths)):
            return None
        return held

    def made_of_shares(self, key: str, share_digests: list[bytes], files: dict[str, str | None]) -> None:
        """The files made under `key` of these shares (None: a file staged as it is)."""
        made = self.now_shares[key] = _Shares(len(share_digests), _hash(b"".join(share_digests)), tuple(files))
        for path, text in files.items():
            if text is None:
                self.kept.add(path)
            else:
                self.now[path] = (made.digest, ())

    def part(self) -> tuple:
        """What this record learnt of the pages it was asked about, for the record they belong to (`add_part`): the
        pages of a share of the site, rendered by another process (`generator.stage_in_two`). Of the articles' rows,
        those it made (the record has the others, as the last build made them: `save` takes them from there)."""
        known = self.digests.known(self.corpus_key)
        rows = {key: self.now_rows[key] for key in self.made_rows}
        return (self.now, self.now_groups, self.kept, self.kept_groups, {**known.answers, **known.this_builds},
                known.articles, rows, self.now_units, self.now_shares)

    def add_part(self, part: tuple) -> None:
        now, now_groups, kept, kept_groups, answers, articles, rows, units, shares = part
        self.now_rows.update(rows)
        self.now_units.update(units)
        self.now_shares.update(shares)
        for path, (digest, reads) in now.items():
            self.now[path] = (digest, tuple(self._canonical.setdefault(read, read) for read in reads))
        self.now_groups.update(now_groups)
        self.kept.update(kept)
        self.kept_groups.update(kept_groups)
        self.digests.add_known(answers, articles)

    def save(self, record: Path) -> None:
        """The record of the pages as they are now staged (called once they all are)."""
        pages: dict[str, _Page] = {}
        for path in sorted(self.kept | set(self.now)):
            try:
                stat = (self.folder / path).stat()
            except OSError:
                continue
            if path in self.now:
                digest, noted = self.now[path]
                pages[path] = _Page(digest, noted, stat.st_size, stat.st_mtime_ns)
            else:
                pages[path] = self.last[path]
        groups = {key: self.last_groups[key] for key in sorted(self.kept_groups)}
        groups.update(self.now_groups)
        try:
            known = self.digests.known(self.corpus_key) if self.corpus_key else Known(b"", {}, {})
            # Each article's rows as this build asked for them, or as the last build made them (those of the
            # corpus's articles).
            articles = {a.id for a in self.digests.corpus.articles}
            rows = {article_id: made for article_id, made in self.last_rows.items()
                    if article_id not in self.now_rows and article_id in articles}
            rows.update(self.now_rows)
            # The groups made or kept whose every path is in the record.
            units = {key: paths for key, paths in sorted(self.now_units.items()) if all(p in pages for p in paths)}
            # The files of shares made, or kept in a group kept whole (which makes none: they are the last build's);
            # those of no file are not carried (an item gone would stay in the record).
            shares = {key: held for key, held in self.last_shares.items()
                      if held.paths and all(p in self.kept for p in held.paths)}
            shares.update(self.now_shares)
            shares = {key: held for key, held in sorted(shares.items()) if all(p in pages for p in held.paths)}
            write_whole(record, pickle.dumps((_VERSION, self.settings, pages, groups, known, rows, units, shares),
                                             protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a record that cannot be written: the next build renders every page


__all__ = ["PageReads", "Reads", "FromCorpus", "reading", "settings_key", "answer", "RECORD"]
