#!/usr/bin/env bash
# Pub/sub fan-out throughput, side by side: 1 publisher, N subscribers on one channel,
# fixed-size messages (bench/PubSubBench.java), against redis-server and Cinnabar in
# alternation, reporting the median messages delivered per second of each and the ratio.
#
# Usage: bench/pubsub.sh [-s SUBSCRIBERS] [-m MESSAGES] [-d SIZE] [-p PIPELINE] [-r ROUNDS]
#   defaults: 50 subscribers, 200000 messages, 100-byte payloads, pipeline 64, 3 rounds
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../bin/lib/common.sh
. "$ROOT/bin/lib/common.sh"
find_java25

SUBSCRIBERS=50; MESSAGES=200000; SIZE=100; PIPELINE=64; ROUNDS=3
while getopts "s:m:d:p:r:h" opt; do
  case "$opt" in
    s) SUBSCRIBERS="$OPTARG" ;; m) MESSAGES="$OPTARG" ;; d) SIZE="$OPTARG" ;;
    p) PIPELINE="$OPTARG" ;; r) ROUNDS="$OPTARG" ;;
    h) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; echo "server on $1 did not start" >&2; exit 1; }

REDIS_PORT=$(free_port); CINNABAR_PORT=$(free_port)
WORK=$(mktemp -d)
cleanup() { kill "$REDIS_PID" "$CINNABAR_PID" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
redis-server --port "$REDIS_PORT" --save "" --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
"$ROOT/bin/cinnabar-server" --port "$CINNABAR_PORT" >"$WORK/cinnabar.log" 2>&1 &
CINNABAR_PID=$!
wait_port "$REDIS_PORT"; wait_port "$CINNABAR_PORT"

run() { "$JAVA" "$ROOT/bench/PubSubBench.java" --port "$1" --subscribers "$SUBSCRIBERS" --messages "$MESSAGES" \
          --size "$SIZE" --pipeline "$PIPELINE" | sed -n 's/.*delivered_per_sec=\([0-9]*\).*/\1/p'; }

echo "pub/sub fan-out: $SUBSCRIBERS subscribers, $MESSAGES messages of $SIZE bytes, pipeline $PIPELINE, $ROUNDS rounds"
run "$CINNABAR_PORT" >/dev/null   # warm-up (JIT)
R=(); C=()
for i in $(seq 1 "$ROUNDS"); do
  r=$(run "$REDIS_PORT"); c=$(run "$CINNABAR_PORT")
  echo "  round $i: redis $r/s, cinnabar $c/s"
  R+=("$r"); C+=("$c")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
MR=$(median "${R[@]}"); MC=$(median "${C[@]}")
echo "median delivered messages/s: redis $MR, cinnabar $MC, ratio $(awk -v c="$MC" -v r="$MR" 'BEGIN {printf "%.2f", c/r}')"
