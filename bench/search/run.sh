#!/usr/bin/env bash
# Search benchmark on a generated workspace (default 10,000 pages): full index build, catch-up
# after one save, index size, query latency (median, p99) of the query types through the real
# server's HTTP API on loopback (`leefwereld serve`), the server's RSS, and `git grep -c` for
# the same words on the same bare repository.
# Bounded: REQUESTS per query type spread over ROUNDS rounds, at most 60 s per type.
# Usage: bench/search/run.sh [PAGES] [REQUESTS] [ROUNDS]
# QUERIES=one-word,phrase limits the query types (bench/search/main.go lists them).
set -euo pipefail
cd "$(dirname "$0")/../.."
pages=${1:-10000}
requests=${2:-2000}
rounds=${3:-5}
tmp=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
cleanup() { [ -n "${pid:-}" ] && kill -INT "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

go build -o "$tmp/leefwereld" ./cmd/leefwereld
go build -o "$tmp/searchbench" ./bench/search
go run ./bench/genworkspace -n "$pages" -out "$tmp/src" >/dev/null
"$tmp/leefwereld" init --data "$tmp/data" >/dev/null
"$tmp/leefwereld" import --data "$tmp/data" "$tmp/src" >/dev/null
echo "workspace: $(find "$tmp/src" -name '*.md' | wc -l) generated pages + the starter library"

seconds() { local s=$(date +%s.%N); "$@" >/dev/null; awk -v a="$s" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f\n", b - a }'; }
echo "full index build (leefwereld reindex): $(seconds "$tmp/leefwereld" reindex --data "$tmp/data")s"
echo "index size on disk: $(du -sh "$tmp/data/index.bleve" | cut -f1) (repository: $(du -sh "$tmp/data/repo.git" | cut -f1))"
"$tmp/searchbench" catchup -data "$tmp/data" -n 20 2>/dev/null

"$tmp/leefwereld" serve --data "$tmp/data" --addr "127.0.0.1:$port" > "$tmp/serve.log" 2>&1 &
pid=$!
echo "== latency through HTTP on loopback, one request at a time ($requests per type in $rounds rounds)"
"$tmp/searchbench" load -url "http://127.0.0.1:$port" -n "$requests" -rounds "$rounds" -max 60s -queries "${QUERIES:-}" | tee "$tmp/load.txt"
echo "server RSS: $(ps -o rss= -p "$pid" | awk '{printf "%.0f MiB", $1/1024}')"

echo "== git grep -c on the same bare repository (median of 5 runs)"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
gg() { # pathspec, git grep args…
  local path=$1; shift
  for _ in 1 2 3 4 5; do seconds git --git-dir "$tmp/data/repo.git" grep -c "$@" HEAD -- "$path"; done | median
}
report() { # name, pathspec, git grep args…
  local name=$1; shift
  local q; q=$(awk -v n="$name" '$1 == n {print $5}' "$tmp/load.txt")
  [ -n "$q" ] || return 0
  local t; t=$(gg "$@")
  awk -v n="$name" -v t="$t" -v q="$q" 'BEGIN { printf "%-10s git grep %7.1f ms   search median %6.2f ms   ratio %5.0fx\n", n, t*1000, q, (t*1000)/q }'
}
report one-word . -i -e ruzie
report three-word . -i --all-match -e vissen -e met -e opa
report phrase . -i -e "vaak te laat"
report faceted portraits/ -i -e ruzie   # git grep cannot read front matter: the folder stands in for the filter
