#!/usr/bin/env bash
# Score the reader on third-party labelled pages (../shared/external), beside trafilatura and jusText.
#
#     bash benchmarks/score_external.sh [WORK_DIR]
#
# The datasets are read where they are (never copied into the project: L3S-GN1 is for research use only); the
# sources, exports and per-page details go to WORK_DIR (default /tmp/press-site-external). The baselines run in a
# virtual environment of their own, as ../shared/tools/baseline_extract.py asks.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(cd ../shared && pwd)
work=${1:-/tmp/press-site-external}
py=.venv/bin/python
mkdir -p "$work"
[ -x "$work/base-venv/bin/python" ] || { python3 -m venv "$work/base-venv" && "$work/base-venv/bin/pip" install -q trafilatura justext lxml_html_clean; }
for set in aeb traf l3s; do
  [ -d "$work/src-$set" ] || python3 "$shared/tools/score_external.py" convert "$set" --out "$work/src-$set"
done
[ -d "$work/src-l3s-txt" ] || python3 "$shared/tools/score_external.py" convert l3s --as txt --out "$work/src-l3s-txt"
for set in aeb traf l3s l3s-txt; do
  $py -m generator --sources "$work/src-$set" export --out "$work/project-$set.json" > "$work/project-$set.log" 2>&1
done
for set in aeb traf l3s; do
  [ -f "$work/trafilatura-$set.json" ] || "$work/base-venv/bin/python" "$shared/tools/baseline_extract.py" --tool trafilatura --sources "$work/src-$set" --out "$work/trafilatura-$set.json"
done
for set in aeb traf l3s l3s-txt; do
  [ -f "$work/justext-$set.json" ] || "$work/base-venv/bin/python" "$shared/tools/baseline_extract.py" --tool justext --sources "$work/src-$set" --out "$work/justext-$set.json"
done
score() { python3 "$shared/tools/score_external.py" score "$@"; }
score aeb --export project="$work/project-aeb.json" --export trafilatura="$work/trafilatura-aeb.json" --export justext="$work/justext-aeb.json" --details "$work/aeb.json"
score traf --export project="$work/project-traf.json" --export trafilatura="$work/trafilatura-traf.json" --export justext="$work/justext-traf.json" --details "$work/traf.json"
score l3s --export project="$work/project-l3s.json" --export trafilatura="$work/trafilatura-l3s.json" --export justext="$work/justext-l3s.json" --details "$work/l3s-html.json"
score l3s --lines --export project="$work/project-l3s-txt.json" --export justext="$work/justext-l3s-txt.json" --details "$work/l3s-txt.json"
