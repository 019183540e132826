#!/bin/bash
# Resident memory of one server on the demo paper (docs/performance.md):
#   scripts/measure-memory.sh LABEL            fresh data dir: first start, which seeds the demo (50 stories, images)
#   DIR=/tmp/x scripts/measure-memory.sh LABEL an existing data dir: a restart, no seeding
# Prints VmRSS and process.memoryUsage() (MB) once the seed is done, and again after
# the lists and all 50 story pages were asked for. MALLOC_ARENA_MAX and EXTRA (node flags) pass through.
set -e
cd "$(dirname "$0")/.."
D=${DIR:-$(mktemp -d /tmp/dateline-mem-XXXX)}
PORT=$((20000 + RANDOM % 20000))
DATELINE_DATA_DIR=$D PORT=$PORT LOG_LEVEL=warn WORKERS=1 MEMPROBE_OUT=$D/mem.jsonl \
  node --import ./scripts/memprobe.mjs $EXTRA --heapsnapshot-signal=SIGUSR2 bin/dateline.mjs ${BUILD:---build} serve > "$D/out.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for i in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.5; done
# The server is $PID itself: a node child of it is the first-start seed (dateline seed-demo), gone once the seed is done.
NPID=$PID
rss() { awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$1/status; }
for i in $(seq 1 240); do [ -n "$DIR" ] && break; grep -q "seeded\|seeding demo content failed" "$D/out.log" && break; sleep 0.5; done
kill -WINCH $NPID; sleep 0.3
echo "$1 after start (and first-start seed): $(rss $NPID) $(tail -1 "$D/mem.jsonl")"
for u in / /section/city /section/world /section/business /section/sport /tag/council '/search?q=bridge' /feed.xml /sitemap.xml; do curl -s -o /dev/null "http://127.0.0.1:$PORT$u"; done
for id in $(seq 1 50); do curl -sL -o /dev/null "http://127.0.0.1:$PORT/news/$id"; done
sleep 1
kill -WINCH $NPID; sleep 0.3
echo "$1 after the lists and 50 story pages: $(rss $NPID) $(tail -1 "$D/mem.jsonl")"
echo "data dir: $D"
