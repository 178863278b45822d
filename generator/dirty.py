"""`mkdocs build --dirty` made safe for a published site: only the pages whose text changed are converted again,
and the site is the one a clean build gives.

MkDocs converts a page again under --dirty when its source is newer than its output. The plugin rewrites a
generated page only when its text changes (`stage_pages`), so an added article converts its own page and the pages
that list it or link to it, not the ten thousand others. Three things MkDocs leaves to the user, and this module
takes care of:

- what every page shows besides its own text (the settings in mkdocs.yml, the published address, the theme and its
  overrides, the pages of the navigation, the generator's code): when any of it differs from the last build into
  that folder, the folder is emptied first, and the build is a full one, said in the log;
- outputs of pages no longer made (a removed article, an entity no article names any more): removed, found from
  the list of what the last build into that folder wrote (remembered in the cache); without that list (the first
  dirty build, or one after a build that stopped halfway), by looking at every file of the generated sections;
- MkDocs's warning that a dirty build is inaccurate, which `--strict` would fail on: dropped, since both cases
  above are handled.

`mkdocs serve --dirty` builds into a new empty folder at each start, so its first build converts every page; here
that folder leads to the one the last serve built (`keep_serve_site`), and the first start converts only what
changed since, under the same rules.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from pathlib import Path
from typing import Iterable

from .cache import add_folder, code_version, package_versions

# The sections of the site whose pages the generator makes: what is in them and not made by this build is stale.
GENERATED_SECTIONS = ("articles", "topics", "entities")
FINGERPRINTS = "dirty-builds.json"  # in the cache folder: site folder -> what its pages were built with
WRITTEN = "dirty-written"  # in the cache folder, one per site folder: the files its last build wrote in those sections
DIRTY_WARNING = "A 'dirty' build is being performed"


def fingerprint(config_file: Path, settings: dict[str, object], theme_folder: Path | None,
                navigation_pages: Iterable[str]) -> str:
    """A hash of what every page of the site shows besides its own text."""
    digest = hashlib.sha256()
    for part in (config_file.read_bytes(), json.dumps(settings, sort_keys=True, default=str).encode(),
                 code_version().encode(), _versions().encode(), "\n".join(sorted(navigation_pages)).encode()):
        digest.update(hashlib.sha256(part).digest())
    if theme_folder is not None and theme_folder.is_dir():
        add_folder(digest, theme_folder)
    return digest.hexdigest()


def _versions() -> str:
    return package_versions("mkdocs", "mkdocs-material")


def needs_full_build(cache_folder: Path | None, site_dir: Path, current: str) -> str | None:
    """Why the site in `site_dir` cannot be updated page by page (None when it can): no record of how it was built,
    or a record of other settings, theme or code."""
    if cache_folder is None:
        return "no cache folder to remember how the site was built"
    if not site_dir.is_dir() or not any(site_dir.iterdir()):
        return None  # nothing to keep: every page is written anyway
    recorded = _records(cache_folder).get(str(site_dir.resolve()))
    if recorded is None:
        return "no record of the last build into this folder"
    if recorded != current:
        return "the settings, the theme, the navigation or the generator changed since the last build"
    return None


def remember(cache_folder: Path | None, site_dir: Path, current: str, written: Iterable[str] = ()) -> None:
    """Record how the pages of `site_dir` were built, once they all are, and the files this build wrote in its
    generated sections (`written`: every file of the site it wrote, by path in it)."""
    if cache_folder is None:
        return
    records = _records(cache_folder)
    records[str(site_dir.resolve())] = current
    path = cache_folder / FINGERPRINTS
    made = sorted(w for w in written if w.split("/", 1)[0] in GENERATED_SECTIONS)
    try:
        path.write_text(json.dumps(records, indent=1, sort_keys=True), encoding="utf-8")
        _written_list(cache_folder, site_dir).write_text("".join(f"{w}\n" for w in made), encoding="utf-8")
    except OSError:
        pass  # a read-only cache: the next dirty build is a full one


def take_written(cache_folder: Path | None, site_dir: Path) -> set[str] | None:
    """Before a build writes into `site_dir`: the files the last one wrote in its generated sections (`remember`),
    None when not known. The list is removed from the cache as it is read: a build that stops halfway leaves pages
    it would not name, and the build after it looks at every file, until `remember` writes the list again."""
    if cache_folder is None:
        return None
    listed = _written_list(cache_folder, site_dir)
    try:
        written = set(listed.read_text(encoding="utf-8").splitlines())
        listed.unlink()
    except (OSError, ValueError):
        return None
    return written


def _written_list(cache_folder: Path, site_dir: Path) -> Path:
    return cache_folder / f"{WRITTEN}-{site_key(site_dir)}.txt"


def site_key(site_dir: Path) -> str:
    """A site folder's name among the cache's files that belong to one folder (what it wrote, its search parts)."""
    return hashlib.sha256(str(site_dir.resolve()).encode()).hexdigest()[:16]


def _records(cache_folder: Path) -> dict[str, str]:
    try:
        records = json.loads((cache_folder / FINGERPRINTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return records if isinstance(records, dict) else {}


def empty_folder(site_dir: Path) -> None:
    """What MkDocs does before a clean build: the folder's content removed, the folder kept."""
    if not site_dir.is_dir():
        return
    for entry in site_dir.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def remove_stale(site_dir: Path, written: Iterable[str], last_written: set[str] | None = None) -> list[str]:
    """The files of the generated sections that this build did not write (a removed article's page, its entities'
    pages and files), removed; empty folders with them. Returns what was removed, relative to `site_dir`.

    `last_written`: what the last build wrote there (`take_written`), where the stale files can be: those this build
    did not write again are removed, and the site's folders are not read (fourteen thousand of them at 10,000
    articles). None: every file of the generated sections is looked at."""
    kept = set(written)
    if last_written is not None:
        return _remove_listed(site_dir, sorted(last_written - kept))
    removed = []
    for section in GENERATED_SECTIONS:
        top = site_dir / section
        if not top.is_dir():
            continue
        gone: set[str] = set()
        # os.walk, bottom up (a folder after what it holds), not pathlib: ten thousand pages are as many folders
        for folder, folders, files in os.walk(top, topdown=False):
            base = Path(folder).relative_to(site_dir).as_posix()
            left = False
            for name in files:
                if f"{base}/{name}" in kept:
                    left = True
                else:
                    os.unlink(os.path.join(folder, name))
                    removed.append(f"{base}/{name}")
            if folder != str(top) and not left and all(os.path.join(folder, d) in gone for d in folders):
                os.rmdir(folder)
                gone.add(folder)
    return sorted(removed)


def _remove_listed(site_dir: Path, stale: list[str]) -> list[str]:
    """`stale` files removed from `site_dir` (those still there), then the folders they leave empty, up to their
    section's own."""
    removed = []
    for relative in stale:
        path = site_dir / relative
        if relative.split("/", 1)[0] not in GENERATED_SECTIONS or ".." in relative.split("/") or not path.is_file():
            continue
        path.unlink()
        removed.append(relative)
        folder = path.parent
        while folder.parent != site_dir and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return removed


def keep_serve_site(site_dir: Path, kept: Path | None) -> Path | None:
    """Under `mkdocs serve --dirty`: the empty temporary folder MkDocs serves from becomes a link to `kept`, a
    folder of the cache that holds what the last serve built, so that a first start converts only the pages that
    changed since (MkDocs would convert all of them into its new empty folder). Returns the link made, to remove at
    shutdown (MkDocs then has nothing to delete); None when the folder is not MkDocs's empty one or no cache."""
    if kept is None or site_dir.is_symlink() or not site_dir.is_dir() or any(site_dir.iterdir()):
        return None
    try:
        kept.mkdir(parents=True, exist_ok=True)
        site_dir.rmdir()
        site_dir.symlink_to(kept.resolve(), target_is_directory=True)
    except OSError:  # a read-only cache, a system without links: MkDocs's own folder, and a full first build
        site_dir.mkdir(exist_ok=True)
        return None
    return site_dir


def serve_folder_name(site_url: str) -> str:
    """The cache's folder for what `mkdocs serve` builds at this address (pages hold their address)."""
    return hashlib.sha256(site_url.encode()).hexdigest()[:16]


class DropDirtyWarning(logging.Filter):
    """MkDocs's warning that a dirty build gives an inaccurate site: this module makes it accurate."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


def install_warning_filter() -> None:
    build_log = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, DropDirtyWarning) for f in build_log.filters):
        build_log.addFilter(DropDirtyWarning())


