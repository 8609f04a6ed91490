#!/usr/bin/env bash
# Times `leefwereld import` of a generated workspace (default 10,000 pages) into a fresh
# workspace, RUNS times, and prints each run and the median. Also times `leefwereld check` on
# the result. Usage: bench/import.sh [PAGES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
runs=${2:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/leefwereld" ./cmd/leefwereld
go run ./bench/genworkspace -n "$pages" -out "$tmp/src"
echo "generated $(find "$tmp/src" -name '*.md' | wc -l) pages, $(du -sh "$tmp/src" | cut -f1)"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
seconds() { local s=$(date +%s.%N); "$@" >/dev/null; awk -v a="$s" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f\n", b - a }'; }

imports=()
for i in $(seq "$runs"); do
  rm -rf "$tmp/data"
  "$tmp/leefwereld" init --data "$tmp/data" >/dev/null
  t=$(seconds "$tmp/leefwereld" import --data "$tmp/data" "$tmp/src")
  echo "import run $i: ${t}s"
  imports+=("$t")
done
echo "import median: $(printf '%s\n' "${imports[@]}" | median)s for $pages pages"

checks=()
for i in $(seq "$runs"); do
  t=$(seconds "$tmp/leefwereld" check --data "$tmp/data")
  checks+=("$t")
done
echo "check median: $(printf '%s\n' "${checks[@]}" | median)s"
echo "repository size: $(du -sh "$tmp/data/repo.git" | cut -f1)"
