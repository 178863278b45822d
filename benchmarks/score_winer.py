"""Names and quotes scored on French news labelled by others, beside the bare named entity model.

    python benchmarks/score_winer.py [--work DIR] [--failures N]

Reads ../shared/external/winer-fr-dev where it is (never copied into the project): exports the project's
annotations of its 300 articles, runs the bare spaCy model the project uses on the same texts
(../shared/tools/baseline_spacy_ner.py), and scores both with ../shared/tools/score_annotation.py against the
third-party name labels. Then scores the project's quotes against benchmarks/labels/winer-fr-dev-quotes.json:
quotes and speakers of 80 of those articles, labelled by this project by hand (offsets into the sources; the
texts are rebuilt from them in the work folder). Those quote labels are tests, not evidence: the project wrote
them. Everything written goes to the work folder (default /tmp/press-site-winer).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
WINER = SHARED / "external" / "winer-fr-dev"
QUOTES = ROOT / "benchmarks" / "labels" / "winer-fr-dev-quotes.json"


def quote_labels(work: Path) -> Path:
    """The quote labels in the shape score_annotation.py reads, texts cut from the sources by their offsets."""
    labelled = json.loads(QUOTES.read_text(encoding="utf-8"))["files"]
    files = {}
    for name, rows in labelled.items():
        text = (WINER / "sources" / name).read_text(encoding="utf-8")
        quotes = []
        for row in rows:
            quoted = text[row["at"][0]:row["at"][1]]
            quotes.append({"text": quoted, "speaker": row["speaker"], "kind": row["kind"],
                           "words": len(re.findall(r"\w+", quoted))})
        files[name] = {"quotes": quotes}
    folder = work / "quote-labels"
    folder.mkdir(parents=True, exist_ok=True)
    link = folder / "sources"
    if not link.exists():
        link.symlink_to(WINER / "sources")
    path = folder / "labels.json"
    path.write_text(json.dumps({"set": "winer-fr-dev-quotes", "language": "fr", "labelled": ["quotes"],
                                "files": files}, ensure_ascii=False), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/press-site-winer"))
    parser.add_argument("--failures", type=int, default=0)
    args = parser.parse_args()
    if not WINER.is_dir():
        print(f"{WINER} not found: this benchmark reads the shared labelled data beside the checkout", file=sys.stderr)
        return 2
    args.work.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    export, baseline = args.work / "project.json", args.work / "spacy.json"
    subprocess.run([python, "-m", "generator", "--sources", str(WINER / "sources"), "export", "--out", str(export)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if not baseline.exists():
        subprocess.run([python, str(SHARED / "tools" / "baseline_spacy_ner.py"), "--sources", str(WINER / "sources"),
                        "--lang", "fr", "--out", str(baseline)], check=True, stdout=subprocess.DEVNULL)
    score = [python, str(SHARED / "tools" / "score_annotation.py")]
    subprocess.run(score + [str(WINER / "labels.json"), "--export", f"project={export}", "--export",
                            f"spacy={baseline}", "--knowledge", str(ROOT / "knowledge" / "entities"),
                            "--failures", str(args.failures)], check=True)
    subprocess.run(score + [str(quote_labels(args.work)), "--export", f"project={export}",
                            "--failures", str(args.failures)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
