#!/usr/bin/env bash
# Memory per key, side by side: loads the same data set into redis-server and Cinnabar (one
# Cinnabar per --variant, each with extra JVM options) and reports, per server, the process RSS
# growth divided by the number of keys: right after the load, and again after --settle seconds
# of idleness (a JVM gives memory back, or not, on its own schedule; Redis does not move). The
# baseline is the idle server's RSS after the same --settle seconds.
#
# Usage: bench/memory.sh [-w WORKLOAD] [-n KEYS] [-d SIZE] [-s SETTLE] [--variant NAME=OPTS ...]
#   -w strings   KEYS keys (default 1,000,000) of SIZE-byte values (default 64)
#   -w hashes    KEYS hashes (default 100,000) of 10 fields, SIZE-byte values (default 8)
#   -w zsets     KEYS sorted sets (default 100,000) of 10 members with integer scores
#   -w sets      KEYS sets (default 100,000) of 10 string members (listpack-encoded)
#   -w intsets   KEYS sets (default 100,000) of 10 integer members (intset-encoded)
#   -w lists     KEYS lists (default 100,000) of 10 SIZE-byte elements (default 8)
#   -s SETTLE    seconds to wait before the second reading (default 15)
#   --one-key    the same commands, all to one key: the bytes a load costs a server whatever it
#                keeps (buffers, a JVM's young generation and compiled code), divided by KEYS
#   --variant NAME=OPTS  JVM options added to Cinnabar's defaults (repeatable; default: one
#                Cinnabar with the launcher's options)
# The data goes in through `redis-cli --pipe` (pipelined SET/HSET/ZADD), the same bytes to both.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

WORKLOAD=strings; KEYS=""; SIZE=""; SETTLE=15; ONE_KEY=0
NAMES=(); OPTS=()
while [ $# -gt 0 ]; do
  case "$1" in
    -w) WORKLOAD="$2"; shift 2 ;;
    -n) KEYS="$2"; shift 2 ;;
    -d) SIZE="$2"; shift 2 ;;
    -s) SETTLE="$2"; shift 2 ;;
    --one-key) ONE_KEY=1; shift ;;
    --variant) NAMES+=("${2%%=*}"); OPTS+=("${2#*=}"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "memory.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$WORKLOAD" in
  strings) KEYS="${KEYS:-1000000}"; SIZE="${SIZE:-64}" ;;
  hashes) KEYS="${KEYS:-100000}"; SIZE="${SIZE:-8}" ;;
  zsets|sets|intsets) KEYS="${KEYS:-100000}" ;;
  lists) KEYS="${KEYS:-100000}"; SIZE="${SIZE:-8}" ;;
  *) echo "memory.sh: workload is strings, hashes, zsets, sets, intsets or lists" >&2; exit 2 ;;
esac
[ ${#NAMES[@]} -gt 0 ] || { NAMES=(default); OPTS=(""); }
for tool in redis-server redis-cli python3; do
  command -v "$tool" >/dev/null || { echo "memory.sh: $tool is needed (apt-get install -y redis-server redis-tools python3)" >&2; exit 1; }
done

WORK="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() {
  for _ in $(seq 1 600); do
    [ "$(redis-cli -p "$1" ping 2>/dev/null)" = PONG ] && return 0
    sleep 0.1
  done
  echo "memory.sh: server on port $1 did not start" >&2; exit 1
}
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# The load, as RESP, written once: the same bytes for every server.
python3 - "$WORKLOAD" "$KEYS" "${SIZE:-0}" "$ONE_KEY" >"$WORK/load.resp" <<'EOF'
import sys
workload, keys, size, one_key = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"

out = sys.stdout.buffer
def command(*parts):
    b = [b"*%d\r\n" % len(parts)]
    for p in parts:
        p = p if isinstance(p, bytes) else str(p).encode()
        b.append(b"$%d\r\n%s\r\n" % (len(p), p))
    out.write(b"".join(b))
value = b"v" * size
for n in range(keys):
    i = 0 if one_key else n
    if workload == "strings":
        command(b"SET", b"key:%012d" % i, value)
    elif workload == "hashes":
        fields = []
        for f in range(10):
            fields += [b"field%d" % f, (b"%d" % (i * 10 + f)).rjust(size, b"0")[:max(size, 1)]]
        command(b"HSET", b"hash:%09d" % i, *fields)
    elif workload == "zsets":
        members = []
        for m in range(10):
            members += [b"%d" % (i * 10 + m), b"member:%d" % m]
        command(b"ZADD", b"zset:%09d" % i, *members)
    elif workload == "sets":
        command(b"SADD", b"set:%09d" % i, *[b"member:%d" % (i * 10 + m) for m in range(10)])
    elif workload == "intsets":
        command(b"SADD", b"intset:%09d" % i, *[b"%d" % (i * 10 + m) for m in range(10)])
    else:
        command(b"RPUSH", b"list:%09d" % i, *[(b"%d" % (i * 10 + e)).rjust(size, b"0")[:max(size, 1)]
                                                for e in range(10)])
EOF

measure() {  # measure NAME PID PORT
  local name="$1" pid="$2" port="$3" before after settled keys
  # The baseline is read once the idle server has settled too: a JVM's RSS right after start
  # holds start-up garbage that it gives back later, which would otherwise be credited to the data.
  sleep "$SETTLE"
  before="$(rss_kb "$pid")"
  redis-cli -p "$port" --pipe <"$WORK/load.resp" >/dev/null
  keys="$(redis-cli -p "$port" dbsize)"
  # With --one-key the figures are per command sent, not per key kept.
  [ "$ONE_KEY" = 1 ] && keys="$KEYS"
  after="$(rss_kb "$pid")"
  sleep "$SETTLE"
  settled="$(rss_kb "$pid")"
  printf '%-22s keys %9d  RSS %8.1f MB -> %8.1f MB (after %ss: %8.1f MB)  bytes/key %7.1f  settled %7.1f\n' \
    "$name" "$keys" "$(echo "$before/1024" | bc -l)" "$(echo "$after/1024" | bc -l)" "$SETTLE" \
    "$(echo "$settled/1024" | bc -l)" "$(echo "($after-$before)*1024/$keys" | bc -l)" \
    "$(echo "($settled-$before)*1024/$keys" | bc -l)"
  echo "$name $(echo "($after-$before)*1024/$keys" | bc -l) $(echo "($settled-$before)*1024/$keys" | bc -l)" >>"$WORK/results"
}

echo "# workload: $WORKLOAD, $KEYS keys${SIZE:+, $SIZE-byte values}$([ "$ONE_KEY" = 1 ] && echo ', all to one key'); load $(cat /proc/loadavg | cut -d' ' -f1-3)"
echo "# redis: $(redis-server --version | cut -d' ' -f3)"
port="$(free_port)"
redis-server --port "$port" --save "" --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
wait_ready "$port"
measure redis "${PIDS[-1]}" "$port"
redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true

for i in "${!NAMES[@]}"; do
  port="$(free_port)"
  CINNABAR_JAVA_OPTS="${CINNABAR_JAVA_OPTS:-} ${OPTS[$i]}" "$ROOT/bin/cinnabar-server" --port "$port" --save "" \
      --appendonly no >"$WORK/cinnabar-$i.log" 2>&1 &
  PIDS+=($!)
  wait_ready "$port"
  # The launcher execs java, so the PID is the JVM's.
  measure "cinnabar:${NAMES[$i]}" "${PIDS[-1]}" "$port"
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
done

echo
awk 'NR == 1 { r = $2; rs = $3; next }
     { printf "%-22s ratio to Redis: %.2f after load, %.2f settled\n", $1, $2 / r, $3 / rs }' "$WORK/results"
