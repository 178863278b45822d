"""Renderer independence: the tree `python -m generator build --out DIR` writes builds with Zensical (which reads
mkdocs.yml but runs no MkDocs plugin), with the same pages as `mkdocs build` of the project, and search works on
it once `python -m generator search-index` has indexed it (the step the plugin does after `mkdocs build`)."""
from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(importlib.util.find_spec("zensical") is None, reason="zensical is not installed")


def pages(site) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}


def test_zensical_builds_the_generated_tree_with_the_same_pages(tmp_path, built_site):
    assert subprocess.run([sys.executable, "-m", "generator", "build", "--out", str(tmp_path / "tree")], cwd=ROOT,
                          capture_output=True).returncode == 0
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^docs_dir: .*$", "docs_dir: tree", config)  # the project's mkdocs.yml, docs_dir -> DIR
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    result = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", "mkdocs.yml"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    built = pages(tmp_path / "site")
    assert len(built) == len(pages(built_site)) >= 5 + 4 + 15
    assert built == pages(built_site)
    indexed = subprocess.run([sys.executable, "-m", "generator", "search-index", str(tmp_path / "site")], cwd=ROOT,
                             capture_output=True, text=True)
    assert indexed.returncode == 0, indexed.stderr
    entry = json.loads((tmp_path / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    reference = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["fr"]["page_count"] == reference["languages"]["fr"]["page_count"]
