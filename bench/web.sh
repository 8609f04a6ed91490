#!/usr/bin/env bash
# Page-view throughput and latency on a generated 10,000-page workspace, warm, on loopback.
# Uses wrk (Debian package `wrk`), bounded: each run lasts DURATION seconds. Usage:
#   bench/web.sh [PAGES] [DURATION]
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
duration=${2:-10}
command -v wrk >/dev/null || { echo "install wrk: apt-get install wrk" >&2; exit 1; }
tmp=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
cleanup() { [ -n "${pid:-}" ] && kill -INT "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

go build -o "$tmp/leefwereld" ./cmd/leefwereld
go run ./bench/genworkspace -n "$pages" -out "$tmp/src" >/dev/null
"$tmp/leefwereld" init --data "$tmp/data" >/dev/null
"$tmp/leefwereld" import --data "$tmp/data" "$tmp/src" >/dev/null
# Everything is private: a lezer of the generated team signs in once, through the login page,
# and wrk sends the session cookie (a session lasts 30 idle minutes, far longer than a run).
pw="bench-wachtwoord-$RANDOM$RANDOM"
echo "$pw" | "$tmp/leefwereld" user add bench --team team-bench --data "$tmp/data" >/dev/null
"$tmp/leefwereld" serve --data "$tmp/data" --addr "127.0.0.1:$port" > "$tmp/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
jar="$tmp/cookies"
token=$(curl -fs -c "$jar" "http://127.0.0.1:$port/inloggen" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$token" --data-urlencode "naam=bench" \
  --data-urlencode "wachtwoord=$pw" "http://127.0.0.1:$port/inloggen"
session=$(awk '$6 == "lw_sessie" {print $7}' "$jar")
[ -n "$session" ] || { echo "login failed" >&2; exit 1; }

for path in /portraits/portret-00042 /themes/schaamte /cases/casus-00042 /; do
  curl -fs -H "Cookie: lw_sessie=$session" "http://127.0.0.1:$port$path" >/dev/null   # warm
  echo "== GET $path (${duration}s, 2 threads, 16 connections)"
  wrk -t2 -c16 -d"${duration}s" --latency -H "Cookie: lw_sessie=$session" "http://127.0.0.1:$port$path" | grep -E "Requests/sec|^ +(50|99)%"
done
echo "server RSS: $(ps -o rss= -p "$pid" | awk '{printf "%.0f MiB", $1/1024}')"
