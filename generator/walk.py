"""Files under a folder, listed from its directory entries.

Pathlib's `rglob` makes a path object and asks the system about each file again (`is_file`, `stat`); a walk of
directory entries learns a file's kind from the listing itself. An archive of ten thousand articles has as many
sources, fifteen thousand pages in its site and some twenty thousand files in its search index: each publish lists
them, and the walk takes a fraction of the time. As `rglob("*")`, it does not enter a link to a folder, and lists a
link to a file as a file.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable


def files_under(folder: Path, keep: Callable[[str], bool] = lambda name: True,
                enter: Callable[[str], bool] = lambda path: True) -> list[tuple[str, os.DirEntry]]:
    """The files under `folder` whose names `keep` keeps, by path from it ("articles/x/index.html"), in the order of
    their paths' parts (pathlib's order), each with its directory entry (`entry.stat()` for its size and time).
    `enter`: whether to look in a folder, by its path from `folder` ending with "/" ("pagefind/")."""
    found = []
    folders = [(str(folder), "")]
    while folders:
        here, prefix = folders.pop()
        try:
            with os.scandir(here) as listing:
                entries = list(listing)
        except OSError:  # not a folder, or one that cannot be read: nothing under it
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if enter(f"{prefix}{entry.name}/"):
                    folders.append((entry.path, f"{prefix}{entry.name}/"))
            elif keep(entry.name) and entry.is_file():
                found.append((f"{prefix}{entry.name}", entry))
    return sorted(found, key=lambda item: item[0].split("/"))


__all__ = ["files_under"]
