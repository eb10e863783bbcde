#!/usr/bin/env bash
# Side-by-side benchmark of redis-server and Cinnabar with redis-benchmark.
#
# Starts both servers on free ports (--save "" --appendonly no), warms Cinnabar's JIT with one
# unmeasured round, then runs redis-benchmark against them in alternation (Redis, Cinnabar,
# Redis, Cinnabar, ...) for every test and pipeline depth, and reports per side the median over
# the rounds of ops/sec, p50 and p99 latency and server CPU time per operation (utime+stime of
# the whole server process, all threads, from /proc/<pid>/stat), with the Cinnabar/Redis ratios.
# Absolute numbers depend on the machine; the ratios from one run are what to compare.
#
# Usage: bench/compare.sh [options] [-- redis-benchmark options]
#   -t, --tests LIST       redis-benchmark tests, comma separated (default: ping, which runs
#                          PING_INLINE and PING_MBULK). Each test runs in its own invocation so
#                          that CPU time is attributed to it.
#   -P, --pipeline LIST    pipeline depths, comma separated (default: 1,16)
#   -c, --clients N        parallel connections (default: 50)
#   -n, --requests N|auto  requests per run; auto (default) sizes every run so that the faster
#                          server needs about --seconds, from a short calibration run
#   -s, --seconds S        target duration of one run for -n auto (default: 3)
#   -r, --rounds N         measured rounds (default: 3)
#   -w, --warmup N         unmeasured warm-up rounds against Cinnabar (default: 1)
#       --pin | --no-pin   pin the servers to one CPU and redis-benchmark to another with taskset
#                          (default: --no-pin; see docs/BENCHMARKS.md, "Pinning")
#       --server-cpu N     CPU for the servers when pinning (default: the last CPU)
#       --client-cpu N     CPU for redis-benchmark when pinning (default: 0)
#       --markdown         also print markdown tables for docs/BENCHMARKS.md
#       --out DIR          keep raw results (raw.tsv), summary and server logs in DIR
#       --redis-server P   redis-server binary (default: redis-server on PATH)
#       --only-cinnabar    skip Redis (no ratios); --only-redis skips Cinnabar
#   -h, --help             this text
# Everything after "--" is passed to redis-benchmark as is (e.g. -- -d 64 -r 100000).
# Cinnabar runs through bin/cinnabar-server (which builds the jar when missing or stale);
# extra JVM options go in CINNABAR_JAVA_OPTS, e.g. CINNABAR_JAVA_OPTS="-XX:+UseG1GC".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TESTS="ping"
PIPELINES="1,16"
CLIENTS=50
REQUESTS=auto
SECONDS_PER_RUN=3
ROUNDS=3
WARMUP=1
PIN=0
SERVER_CPU=""
CLIENT_CPU=0
MARKDOWN=0
OUT=""
REDIS_SERVER="$(command -v redis-server || true)"
RUN_REDIS=1
RUN_CINNABAR=1
EXTRA=()

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { echo "compare.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    -t|--tests) TESTS="$2"; shift 2 ;;
    -P|--pipeline) PIPELINES="$2"; shift 2 ;;
    -c|--clients) CLIENTS="$2"; shift 2 ;;
    -n|--requests) REQUESTS="$2"; shift 2 ;;
    -s|--seconds) SECONDS_PER_RUN="$2"; shift 2 ;;
    -r|--rounds) ROUNDS="$2"; shift 2 ;;
    -w|--warmup) WARMUP="$2"; shift 2 ;;
    --pin) PIN=1; shift ;;
    --no-pin) PIN=0; shift ;;
    --server-cpu) SERVER_CPU="$2"; shift 2 ;;
    --client-cpu) CLIENT_CPU="$2"; shift 2 ;;
    --markdown) MARKDOWN=1; shift ;;
    --out) OUT="$2"; shift 2 ;;
    --redis-server) REDIS_SERVER="$2"; shift 2 ;;
    --only-cinnabar) RUN_REDIS=0; shift ;;
    --only-redis) RUN_CINNABAR=0; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; EXTRA=("$@"); break ;;
    *) die "unknown option '$1' (redis-benchmark options go after --; see --help)" ;;
  esac
done

for tool in redis-benchmark redis-cli python3 timeout; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed (apt-get install -y redis-tools python3 coreutils)"
done
[ "$RUN_REDIS" = 0 ] || [ -x "$REDIS_SERVER" ] || die "redis-server not found (apt-get install -y redis-server, or --redis-server PATH)"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive number"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "--warmup must be a number"
[[ "$REQUESTS" == auto || "$REQUESTS" =~ ^[1-9][0-9]*$ ]] || die "--requests must be a number or auto"

NCPU="$(nproc)"
PIN_SERVER=()
PIN_CLIENT=()
if [ "$PIN" = 1 ]; then
  command -v taskset >/dev/null 2>&1 || die "--pin needs taskset (util-linux)"
  [ "$NCPU" -ge 2 ] || die "--pin needs at least 2 CPUs"
  [ -n "$SERVER_CPU" ] || SERVER_CPU=$((NCPU - 1))
  [ "$SERVER_CPU" != "$CLIENT_CPU" ] || die "--server-cpu and --client-cpu must differ"
  PIN_SERVER=(taskset -c "$SERVER_CPU")
  PIN_CLIENT=(taskset -c "$CLIENT_CPU")
fi

# Tests -> one redis-benchmark test name per invocation (so CPU time is per test).
expand_tests() {
  local t
  for t in ${1//,/ }; do
    t="${t,,}"
    case "$t" in
      ping) echo ping_inline; echo ping_mbulk ;;
      lrange) echo lrange_100; echo lrange_300; echo lrange_500; echo lrange_600 ;;
      *) echo "$t" ;;
    esac
  done
}
mapfile -t TEST_LIST < <(expand_tests "$TESTS")
IFS=',' read -r -a DEPTHS <<< "$PIPELINES"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cinnabar-compare.XXXXXX")"
REDIS_PID=""
CINNABAR_PID=""

stop_server() {
  local pid="$1" i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  stop_server "$REDIS_PID"
  stop_server "$CINNABAR_PID"
  if [ -n "$OUT" ]; then
    mkdir -p "$OUT"
    cp -f "$WORK"/*.log "$WORK"/*.txt "$WORK"/raw.tsv "$OUT"/ 2>/dev/null || true
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_ready <pid> <port> <seconds>: waits until the server answers PING.
wait_ready() {
  local pid="$1" port="$2" limit="$3" i
  for i in $(seq 1 $((limit * 10))); do
    kill -0 "$pid" 2>/dev/null || return 1
    if [ "$(timeout 2 redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ]; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

CLK_TCK="$(getconf CLK_TCK)"
# cpu_ticks <pid>: utime+stime of the process, all threads (fields 14 and 15 of /proc/pid/stat).
cpu_ticks() {
  local stat
  stat="$(cat "/proc/$1/stat")"
  stat="${stat##*) }"
  set -- $stat
  echo $(( ${12} + ${13} ))
}

# run_bench <side> <pid> <port> <depth> <test> <requests>: runs redis-benchmark once and prints
# "test rps p50 p99 cpu_us_per_op" (CPU of the server process over the run).
run_bench() {
  local side="$1" pid="$2" port="$3" depth="$4" test="$5" n="$6"
  local before after out row
  before="$(cpu_ticks "$pid")"
  # redis-benchmark retries forever when the server is gone: the timeout bounds a run.
  out="$(timeout $((60 + 30 * SECONDS_PER_RUN)) "${PIN_CLIENT[@]}" redis-benchmark -h 127.0.0.1 -p "$port" \
        -c "$CLIENTS" -n "$n" -P "$depth" -t "$test" --csv "${EXTRA[@]}" 2>"$WORK/bench-stderr.log")" || {
    echo "compare.sh: redis-benchmark failed against $side (test $test, pipeline $depth):" >&2
    tail -n 5 "$WORK/bench-stderr.log" >&2
    return 1
  }
  after="$(cpu_ticks "$pid")" || { echo "compare.sh: $side exited during the run" >&2; return 1; }
  python3 - "$out" "$before" "$after" "$CLK_TCK" <<'EOF'
import csv, io, sys
out, before, after, tck = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rows = [r for r in csv.reader(io.StringIO(out)) if r and r[0] != "test"]
if not rows:
    sys.exit("no CSV result from redis-benchmark:\n" + out)
r = rows[-1]
name, rps, p50, p99 = r[0], float(r[1]), float(r[4]), float(r[6])
print(f"{name.replace(' ', '_')}\t{rps:.2f}\t{p50:.3f}\t{p99:.3f}\t{(after - before) / tck * 1e6:.0f}")
EOF
}

start_redis() {
  local port
  port="$(free_port)"
  mkdir -p "$WORK/redis"
  "${PIN_SERVER[@]}" "$REDIS_SERVER" --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
      --dir "$WORK/redis" --daemonize no >"$WORK/redis.log" 2>&1 &
  REDIS_PID=$!
  REDIS_PORT="$port"
  wait_ready "$REDIS_PID" "$port" 20 || { tail -n 20 "$WORK/redis.log" >&2; die "redis-server did not start"; }
}

start_cinnabar() {
  local port
  port="$(free_port)"
  mkdir -p "$WORK/cinnabar"
  "${PIN_SERVER[@]}" "$ROOT/bin/cinnabar-server" --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
      --dir "$WORK/cinnabar" >"$WORK/cinnabar.log" 2>&1 &
  CINNABAR_PID=$!
  CINNABAR_PORT="$port"
  # The first start may build the jar.
  wait_ready "$CINNABAR_PID" "$port" 600 || { tail -n 20 "$WORK/cinnabar.log" >&2; die "Cinnabar did not start"; }
}

[ "$RUN_REDIS" = 0 ] || start_redis
[ "$RUN_CINNABAR" = 0 ] || start_cinnabar

SIDES=()
[ "$RUN_REDIS" = 0 ] || SIDES+=(redis)
[ "$RUN_CINNABAR" = 0 ] || SIDES+=(cinnabar)
side_pid() { if [ "$1" = redis ]; then echo "$REDIS_PID"; else echo "$CINNABAR_PID"; fi; }
side_port() { if [ "$1" = redis ]; then echo "$REDIS_PORT"; else echo "$CINNABAR_PORT"; fi; }

JAVA_DESC=""
if [ "$RUN_CINNABAR" = 1 ]; then
  JAVA_DESC="$(tr '\0' ' ' < "/proc/$CINNABAR_PID/cmdline" | sed 's/ -jar .*//')"
fi
{
  echo "# machine: $NCPU CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  [ "$RUN_REDIS" = 0 ] || echo "# redis: $("$REDIS_SERVER" --version)"
  [ "$RUN_CINNABAR" = 0 ] || echo "# cinnabar: $JAVA_DESC"
  echo "# tests: ${TEST_LIST[*]}; pipeline: ${DEPTHS[*]}; clients: $CLIENTS; rounds: $ROUNDS; warm-up: $WARMUP;" \
       "pinning: $([ "$PIN" = 1 ] && echo "servers on CPU $SERVER_CPU, redis-benchmark on CPU $CLIENT_CPU" || echo none);" \
       "extra redis-benchmark options: ${EXTRA[*]:-none}"
} | tee "$WORK/header.txt" >&2

# Requests per (depth, test): fixed, or calibrated so the faster side runs about SECONDS_PER_RUN.
declare -A N_FOR
for depth in "${DEPTHS[@]}"; do
  for test in "${TEST_LIST[@]}"; do
    if [ "$REQUESTS" != auto ]; then
      N_FOR["$depth/$test"]="$REQUESTS"
      continue
    fi
    best=0
    for side in "${SIDES[@]}"; do
      line="$(run_bench "$side" "$(side_pid "$side")" "$(side_port "$side")" "$depth" "$test" $((20000 * depth)))"
      rps="$(cut -f2 <<< "$line")"
      best="$(python3 -c "print(max($best, $rps))")"
    done
    # Round to two significant digits; at least 10 requests per client.
    N_FOR["$depth/$test"]="$(python3 -c "
import math
n = max($best * $SECONDS_PER_RUN, 10 * $CLIENTS * $depth)
e = 10 ** (int(math.log10(n)) - 1)
print(int(round(n / e) * e))")"
    echo "calibrated: pipeline $depth $test -> ${N_FOR["$depth/$test"]} requests" >&2
  done
done

if [ "$RUN_CINNABAR" = 1 ] && [ "$WARMUP" -gt 0 ]; then
  for w in $(seq 1 "$WARMUP"); do
    for depth in "${DEPTHS[@]}"; do
      for test in "${TEST_LIST[@]}"; do
        line="$(run_bench cinnabar "$CINNABAR_PID" "$CINNABAR_PORT" "$depth" "$test" "${N_FOR["$depth/$test"]}")"
        echo "warm-up $w: cinnabar pipeline $depth $(cut -f1,2 <<< "$line" | tr '\t' ' ') ops/s" >&2
      done
    done
  done
fi

printf 'round\tside\tpipeline\ttest\trps\tp50_ms\tp99_ms\tcpu_us_per_op\tload1\n' > "$WORK/raw.tsv"
for round in $(seq 1 "$ROUNDS"); do
  for depth in "${DEPTHS[@]}"; do
    for test in "${TEST_LIST[@]}"; do
      n="${N_FOR["$depth/$test"]}"
      for side in "${SIDES[@]}"; do
        load1="$(cut -d' ' -f1 /proc/loadavg)"
        line="$(run_bench "$side" "$(side_pid "$side")" "$(side_port "$side")" "$depth" "$test" "$n")"
        # CPU per op = CPU microseconds of the run / requests.
        IFS=$'\t' read -r name rps p50 p99 cpu_us <<< "$line"
        cpu_per_op="$(python3 -c "print(f'{$cpu_us / $n:.3f}')")"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$side" "$depth" "$name" "$rps" "$p50" "$p99" \
            "$cpu_per_op" "$load1" >> "$WORK/raw.tsv"
        printf 'round %s  %-8s  P=%-3s %-14s %12s ops/s  p50 %6s ms  p99 %6s ms  %7s CPU us/op  (load %s)\n' \
            "$round" "$side" "$depth" "$name" "$rps" "$p50" "$p99" "$cpu_per_op" "$load1" >&2
      done
    done
  done
done

python3 - "$WORK/raw.tsv" "$CLIENTS" "$MARKDOWN" <<'EOF' | tee "$WORK/summary.txt"
import csv, statistics, sys
from collections import defaultdict
path, clients, markdown = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
rows = list(csv.DictReader(open(path), delimiter="\t"))
by = defaultdict(list)
for r in rows:
    by[(int(r["pipeline"]), r["test"], r["side"])].append(r)
depths = sorted({int(r["pipeline"]) for r in rows})
tests = list(dict.fromkeys(r["test"] for r in rows))
sides = set(r["side"] for r in rows)
both = sides == {"redis", "cinnabar"}

def med(key, side, field):
    vals = [float(r[field]) for r in by.get(key + (side,), [])]
    return statistics.median(vals) if vals else float("nan")

def ratio(a, b):
    return a / b if b else float("nan")

def round_ratios(d, t, field):
    """Cinnabar/Redis per round (same round = closest in time), for the spread."""
    red = {r["round"]: float(r[field]) for r in by.get((d, t, "redis"), [])}
    return [float(r[field]) / red[r["round"]] for r in by.get((d, t, "cinnabar"), []) if red.get(r["round"])]

for d in depths:
    print(f"\npipeline {d}, {clients} clients (median of {max(len(v) for v in by.values())} rounds)")
    hdr = f"{'test':<14} {'redis ops/s':>12} {'cinn ops/s':>12} {'ratio':>6} {'(min..max)':>12} | " \
          f"{'p50 R':>6} {'p50 C':>6} | {'p99 R':>6} {'p99 C':>6} {'ratio':>6} | " \
          f"{'CPUus/op R':>10} {'C':>6} {'ratio':>6}"
    print(hdr)
    print("-" * len(hdr))
    for t in tests:
        k = (d, t)
        rr, cr = med(k, "redis", "rps"), med(k, "cinnabar", "rps")
        spread = round_ratios(d, t, "rps")
        sp = f"{min(spread):.2f}..{max(spread):.2f}" if spread else ""
        print(f"{t:<14} {rr:>12.0f} {cr:>12.0f} {ratio(cr, rr):>6.2f} {sp:>12} | "
              f"{med(k,'redis','p50_ms'):>6.3f} {med(k,'cinnabar','p50_ms'):>6.3f} | "
              f"{med(k,'redis','p99_ms'):>6.3f} {med(k,'cinnabar','p99_ms'):>6.3f} "
              f"{ratio(med(k,'cinnabar','p99_ms'), med(k,'redis','p99_ms')):>6.2f} | "
              f"{med(k,'redis','cpu_us_per_op'):>10.2f} {med(k,'cinnabar','cpu_us_per_op'):>6.2f} "
              f"{ratio(med(k,'cinnabar','cpu_us_per_op'), med(k,'redis','cpu_us_per_op')):>6.2f}")

if markdown:
    for d in depths:
        print(f"\n**Pipeline {d}, {clients} clients**\n")
        print("| Test | Redis ops/s | Cinnabar ops/s | Ratio | p50 ms Redis / Cinnabar | p99 ms Redis / Cinnabar | p99 ratio | CPU µs/op Redis / Cinnabar | CPU ratio |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for t in tests:
            k = (d, t)
            rr, cr = med(k, "redis", "rps"), med(k, "cinnabar", "rps")
            p50r, p50c = med(k, "redis", "p50_ms"), med(k, "cinnabar", "p50_ms")
            p99r, p99c = med(k, "redis", "p99_ms"), med(k, "cinnabar", "p99_ms")
            cpr, cpc = med(k, "redis", "cpu_us_per_op"), med(k, "cinnabar", "cpu_us_per_op")
            print(f"| {t} | {rr:,.0f} | {cr:,.0f} | **{ratio(cr, rr):.2f}** | {p50r:.3f} / {p50c:.3f} | "
                  f"{p99r:.3f} / {p99c:.3f} | {ratio(p99c, p99r):.2f} | {cpr:.2f} / {cpc:.2f} | {ratio(cpc, cpr):.2f} |")
EOF
