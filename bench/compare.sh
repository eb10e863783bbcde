#!/usr/bin/env bash
# Side-by-side benchmark of redis-server and Cinnabar with redis-benchmark.
#
# Starts redis-server and Cinnabar on free ports (--save "" --appendonly no), warms Cinnabar's
# JIT with an unmeasured round, then runs redis-benchmark against them in alternation (Redis,
# Cinnabar, Redis, Cinnabar, ...) for every test and pipeline depth, and reports per server the
# median over the rounds of ops/sec, p50 and p99 latency and server CPU time per operation
# (utime+stime of the whole server process, all threads, from /proc/<pid>/stat), with the
# Cinnabar/Redis ratios. Absolute numbers depend on the machine and its load; the ratios from
# one run are what to compare.
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
#       --variant NAME=OPTS  run one Cinnabar per variant, each with OPTS appended to the JVM
#                          options (repeatable); all variants alternate with Redis in every round.
#                          The launcher already selects G1, so another collector needs e.g.
#                          --variant zgc="-XX:-UseG1GC -XX:+UseZGC". Without --variant one
#                          Cinnabar runs with $CINNABAR_JAVA_OPTS.
#       --command NAME=ARGS  a test of its own: redis-benchmark runs the command ARGS (e.g.
#                          --command zincrby="ZINCRBY lb 1 m:__rand_int__"); add NAME to -t
#                          to run it (repeatable)
#       --setup FILE       redis-cli commands (one per line) run against every server after it
#                          starts, e.g. to load the data set a --command reads
#       --tree NAME=DIR    run variant NAME from another checkout (DIR/bin/cinnabar-server, e.g. a
#                          worktree with a change to try); adds the variant if --variant did not
#       --pin | --no-pin   pin the servers to one CPU and redis-benchmark to another with taskset
#                          (default: --no-pin; see docs/BENCHMARKS.md, "Pinning")
#       --server-cpu N     CPU for the servers when pinning (default: the last CPU)
#       --client-cpu N     CPU for redis-benchmark when pinning (default: 0)
#       --markdown         also print markdown tables for docs/BENCHMARKS.md
#       --out DIR          keep raw results (raw.tsv), summary and server logs in DIR
#       --syscalls         after the measured rounds, one more run per server and test under
#                          `perf stat` (syscall tracepoints): system calls per operation
#       --alloc            after the measured rounds, one more run per Cinnabar and test, reading
#                          the event-loop thread's allocated bytes (jcmd Thread.print -e) before
#                          and after: heap bytes allocated per operation
#       --jfr FILE         record Cinnabar with JFR (settings=profile) into FILE (FILE-NAME.jfr
#                          per variant) and print bench/jfr-summary.py's digest at the end; JFR
#                          costs a few percent, so keep such runs apart from published numbers
#       --redis-server P   redis-server binary (default: redis-server on PATH)
#       --only-cinnabar    skip Redis (no ratios); --only-redis skips Cinnabar
#   -h, --help             this text
# Everything after "--" is passed to redis-benchmark as is (e.g. -- -d 64 -r 100000).
# Cinnabar runs through bin/cinnabar-server, which builds the jar when it is missing or stale.
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
SYSCALLS=0
ALLOC=0
JFR_FILE=""
VARIANT_NAMES=()
VARIANT_OPTS=()
declare -A VARIANT_TREE
declare -A CUSTOM
SETUP_FILE=""
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
    --variant)
      [[ "$2" == *=* ]] || die "--variant wants NAME=OPTS"
      # One server per name: a second --variant (or a --tree given first) with the same name sets
      # the options of that one rather than starting a server the clean-up would not know about.
      found=""
      for i in "${!VARIANT_NAMES[@]}"; do
        if [ "${VARIANT_NAMES[$i]}" = "${2%%=*}" ]; then VARIANT_OPTS[$i]="${2#*=}"; found=1; fi
      done
      [ -n "$found" ] || { VARIANT_NAMES+=("${2%%=*}"); VARIANT_OPTS+=("${2#*=}"); }
      shift 2 ;;
    --command)
      [[ "$2" == *=* ]] || die "--command wants NAME=ARGS"
      CUSTOM["${2%%=*}"]="${2#*=}"; shift 2 ;;
    --setup) SETUP_FILE="$2"; [ -r "$2" ] || die "--setup: cannot read $2"; shift 2 ;;
    --tree)
      [[ "$2" == *=* ]] || die "--tree wants NAME=DIR"
      [ -x "${2#*=}/bin/cinnabar-server" ] || die "--tree: ${2#*=}/bin/cinnabar-server not found"
      VARIANT_TREE["${2%%=*}"]="$(cd "${2#*=}" && pwd)"
      if ! printf '%s\n' "${VARIANT_NAMES[@]}" | grep -qx -- "${2%%=*}"; then
        VARIANT_NAMES+=("${2%%=*}"); VARIANT_OPTS+=("")
      fi
      shift 2 ;;
    --pin) PIN=1; shift ;;
    --no-pin) PIN=0; shift ;;
    --server-cpu) SERVER_CPU="$2"; shift 2 ;;
    --client-cpu) CLIENT_CPU="$2"; shift 2 ;;
    --markdown) MARKDOWN=1; shift ;;
    --out) OUT="$2"; shift 2 ;;
    --syscalls) SYSCALLS=1; shift ;;
    --alloc) ALLOC=1; shift ;;
    --jfr) JFR_FILE="$(realpath -m "$2")"; shift 2 ;;
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
[[ "$CLIENTS" =~ ^[1-9][0-9]*$ ]] || die "--clients must be a positive number"
[[ "$REQUESTS" == auto || "$REQUESTS" =~ ^[1-9][0-9]*$ ]] || die "--requests must be a number or auto"
if [ "$SYSCALLS" = 1 ]; then
  command -v perf >/dev/null 2>&1 || die "--syscalls needs perf (apt-get install -y linux-perf)"
  perf stat -e raw_syscalls:sys_enter -- true >/dev/null 2>&1 \
    || die "--syscalls: perf cannot count syscall tracepoints here (needs root or perf_event_paranoid <= 1)"
fi

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

# The servers: "redis", then "cinnabar" or one "cinnabar:NAME" per variant.
SIDES=()
declare -A PID PORT OPTS JFR_OF TREE
[ "$RUN_REDIS" = 0 ] || SIDES+=(redis)
if [ "$RUN_CINNABAR" = 1 ]; then
  if [ ${#VARIANT_NAMES[@]} -eq 0 ]; then
    SIDES+=(cinnabar)
    OPTS[cinnabar]=""
    TREE[cinnabar]="$ROOT"
    JFR_OF[cinnabar]="$JFR_FILE"
  else
    for i in "${!VARIANT_NAMES[@]}"; do
      side="cinnabar:${VARIANT_NAMES[$i]}"
      [[ "${VARIANT_NAMES[$i]}" =~ ^[A-Za-z0-9_.+-]+$ ]] || die "variant name '${VARIANT_NAMES[$i]}': letters, digits, _.+- only"
      SIDES+=("$side")
      OPTS[$side]="${VARIANT_OPTS[$i]}"
      TREE[$side]="${VARIANT_TREE[${VARIANT_NAMES[$i]}]:-$ROOT}"
      JFR_OF[$side]="${JFR_FILE:+${JFR_FILE%.jfr}-${VARIANT_NAMES[$i]}.jfr}"
    done
  fi
fi
[ ${#SIDES[@]} -gt 0 ] || die "nothing to run"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/cinnabar-compare.XXXXXX")"

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
  local rc=$? side
  for side in "${SIDES[@]}"; do
    stop_server "${PID[$side]:-}"
  done
  if [ "$rc" = 0 ] && [ -n "$JFR_FILE" ]; then
    for side in "${SIDES[@]}"; do
      if [ -n "${JFR_OF[$side]:-}" ] && [ -s "${JFR_OF[$side]}" ]; then
        echo -e "\nJFR recording of $side: ${JFR_OF[$side]}"
        python3 "$ROOT/bench/jfr-summary.py" "${JFR_OF[$side]}" || true
      fi
    done | tee "$WORK/jfr-summary.txt"
  fi
  if [ -n "$OUT" ]; then
    mkdir -p "$OUT"
    cp -f "$WORK"/*.log "$WORK"/*.txt "$WORK"/*.tsv "$OUT"/ 2>/dev/null || true
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
  stat="$(cat "/proc/$1/stat")" || return 1
  stat="${stat##*) }"
  # shellcheck disable=SC2086
  set -- $stat
  echo $(( ${12} + ${13} ))
}

# run_bench <side> <depth> <test> <requests>: runs redis-benchmark once against that server and
# prints "test rps p50_ms p99_ms cpu_us_per_op" (CPU of the server process over the run).
run_bench() {
  local side="$1" depth="$2" test="$3" n="$4"
  local pid="${PID[$side]}" port="${PORT[$side]}" before after out
  before="$(cpu_ticks "$pid")" || { echo "compare.sh: $side is not running" >&2; return 1; }
  # redis-benchmark retries forever when the server is gone: the timeout bounds a run.
  local what=(-t "$test")
  if [ -n "${CUSTOM[$test]:-}" ]; then
    # shellcheck disable=SC2206
    what=(${CUSTOM[$test]})
  fi
  out="$(timeout $((60 + 30 * SECONDS_PER_RUN)) "${PIN_CLIENT[@]}" redis-benchmark -h 127.0.0.1 -p "$port" \
        -c "$CLIENTS" -n "$n" -P "$depth" --csv "${EXTRA[@]}" "${what[@]}" 2>"$WORK/bench-stderr.log")" || {
    echo "compare.sh: redis-benchmark failed against $side (test $test, pipeline $depth):" >&2
    tail -n 5 "$WORK/bench-stderr.log" >&2
    return 1
  }
  after="$(cpu_ticks "$pid")" || { echo "compare.sh: $side exited during the run" >&2; return 1; }
  python3 - "$out" "$before" "$after" "$CLK_TCK" "$n" "${CUSTOM[$test]:+$test}" <<'EOF'
import csv, io, sys
out, before, after, tck, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rows = [r for r in csv.reader(io.StringIO(out)) if r and r[0] != "test"]
if not rows:
    sys.exit("no CSV result from redis-benchmark:\n" + out)
r = rows[-1]
name, rps, p50, p99 = r[0], float(r[1]), float(r[4]), float(r[6])
if len(sys.argv) > 6 and sys.argv[6]:
    name = sys.argv[6].upper()  # a --command: its name, not the command text
cpu_us_per_op = (after - before) / tck * 1e6 / n
print(f"{name.replace(' ', '_')}\t{rps:.2f}\t{p50:.3f}\t{p99:.3f}\t{cpu_us_per_op:.3f}")
EOF
}

# start_server <side>: starts it on a free port and waits until it answers.
start_server() {
  local side="$1" port dir log jfr_opts=""
  port="$(free_port)"
  dir="$WORK/${side//:/-}"
  log="$dir.log"
  mkdir -p "$dir"
  if [ "$side" = redis ]; then
    "${PIN_SERVER[@]}" "$REDIS_SERVER" --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
        --dir "$dir" --daemonize no >"$log" 2>&1 &
  else
    if [ -n "${JFR_OF[$side]:-}" ]; then
      rm -f "${JFR_OF[$side]}"
      jfr_opts="-XX:StartFlightRecording=filename=${JFR_OF[$side]},settings=profile,dumponexit=true"
    fi
    CINNABAR_JAVA_OPTS="${CINNABAR_JAVA_OPTS:-} ${OPTS[$side]} $jfr_opts" \
        "${PIN_SERVER[@]}" "${TREE[$side]}/bin/cinnabar-server" --port "$port" --bind 127.0.0.1 --save "" \
        --appendonly no --dir "$dir" >"$log" 2>&1 &
  fi
  PID[$side]=$!
  PORT[$side]="$port"
  # The first Cinnabar start may build the jar.
  wait_ready "${PID[$side]}" "$port" 600 || { tail -n 20 "$log" >&2; die "$side did not start"; }
  if [ -n "$SETUP_FILE" ]; then
    redis-cli -h 127.0.0.1 -p "$port" <"$SETUP_FILE" >/dev/null || die "--setup failed against $side"
  fi
}

for side in "${SIDES[@]}"; do
  start_server "$side"
done

{
  echo "# machine: $NCPU CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  for side in "${SIDES[@]}"; do
    if [ "$side" = redis ]; then
      echo "# redis: $("$REDIS_SERVER" --version)"
    else
      echo "# $side: $(tr '\0' ' ' < "/proc/${PID[$side]}/cmdline" | sed 's/ -Dcinnabar.executable=.*//')" \
           "(tree ${TREE[$side]}, $(git -C "${TREE[$side]}" describe --always --dirty 2>/dev/null || echo 'not git'))"
    fi
  done
  echo "# tests: ${TEST_LIST[*]}; pipeline: ${DEPTHS[*]}; clients: $CLIENTS; rounds: $ROUNDS; warm-up: $WARMUP;" \
       "pinning: $([ "$PIN" = 1 ] && echo "servers on CPU $SERVER_CPU, redis-benchmark on CPU $CLIENT_CPU" || echo none);" \
       "extra redis-benchmark options: ${EXTRA[*]:-none}"
} | tee "$WORK/header.txt" >&2

# Requests per (depth, test): fixed, or calibrated so the fastest server runs about SECONDS_PER_RUN.
declare -A N_FOR
for depth in "${DEPTHS[@]}"; do
  for test in "${TEST_LIST[@]}"; do
    if [ "$REQUESTS" != auto ]; then
      N_FOR["$depth/$test"]="$REQUESTS"
      continue
    fi
    best=0
    for side in "${SIDES[@]}"; do
      line="$(run_bench "$side" "$depth" "$test" $((20000 * depth)))"
      best="$(python3 -c "print(max($best, $(cut -f2 <<< "$line")))")"
    done
    # Two significant digits; at least 10 requests per client.
    N_FOR["$depth/$test"]="$(python3 -c "
import math
n = max($best * $SECONDS_PER_RUN, 10 * $CLIENTS * $depth)
e = 10 ** (int(math.log10(n)) - 1)
print(int(round(n / e) * e))")"
    echo "calibrated: pipeline $depth $test -> ${N_FOR["$depth/$test"]} requests" >&2
  done
done

if [ "$WARMUP" -gt 0 ]; then
  for w in $(seq 1 "$WARMUP"); do
    for depth in "${DEPTHS[@]}"; do
      for test in "${TEST_LIST[@]}"; do
        for side in "${SIDES[@]}"; do
          [ "$side" != redis ] || continue
          line="$(run_bench "$side" "$depth" "$test" "${N_FOR["$depth/$test"]}")"
          echo "warm-up $w: $side pipeline $depth $(cut -f1,2 <<< "$line" | tr '\t' ' ') ops/s" >&2
        done
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
        line="$(run_bench "$side" "$depth" "$test" "$n")"
        IFS=$'\t' read -r name rps p50 p99 cpu_per_op <<< "$line"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$side" "$depth" "$name" "$rps" "$p50" "$p99" \
            "$cpu_per_op" "$load1" >> "$WORK/raw.tsv"
        printf 'round %s  %-16s P=%-3s %-14s %12s ops/s  p50 %6s ms  p99 %7s ms  %7s CPU us/op  (load %s)\n' \
            "$round" "$side" "$depth" "$name" "$rps" "$p50" "$p99" "$cpu_per_op" "$load1" >&2
      done
    done
  done
done

# syscall_events: the syscall tracepoints this kernel has, among those servers use per request.
syscall_events() {
  local want="read|readv|recvfrom|recvmsg|write|writev|sendto|sendmsg|epoll_wait|epoll_pwait|epoll_pwait2|futex"
  echo "raw_syscalls:sys_enter$(perf list 'syscalls:sys_enter_*' 2>/dev/null \
      | grep -oE "syscalls:sys_enter_($want)\b" | sort -u | sed 's/^/,/' | tr -d '\n')"
}

# event_loop_allocated <pid>: bytes allocated so far by Cinnabar's event-loop thread.
event_loop_allocated() {
  local jcmd
  jcmd="$(dirname "$(readlink -f "/proc/$1/exe")")/jcmd"
  "$jcmd" "$1" Thread.print -e 2>/dev/null | python3 -c '
import re, sys
units = {"": 1, "B": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
for line in sys.stdin:
    if line.startswith("\"cinnabar-main\""):
        m = re.search(r"allocated=(\d+)([BKMG]?)", line)
        if m:
            print(int(m.group(1)) * units[m.group(2)])
            break
'
}

if [ "$SYSCALLS" = 1 ] || [ "$ALLOC" = 1 ]; then
  [ "$SYSCALLS" = 0 ] || EVENTS="$(syscall_events)"
  printf 'side\tpipeline\ttest\trequests\tevent\tcount\n' > "$WORK/diagnostics.tsv"
  for depth in "${DEPTHS[@]}"; do
    for test in "${TEST_LIST[@]}"; do
      n="${N_FOR["$depth/$test"]}"
      for side in "${SIDES[@]}"; do
        if [ "$SYSCALLS" = 0 ] && [ "$side" = redis ]; then
          continue
        fi
        if [ "$SYSCALLS" = 1 ]; then
          perf stat -x, -e "$EVENTS" -p "${PID[$side]}" -o "$WORK/perf.txt" &
          perf_pid=$!
          sleep 0.5
        fi
        alloc_before=""
        if [ "$ALLOC" = 1 ] && [ "$side" != redis ]; then
          alloc_before="$(event_loop_allocated "${PID[$side]}")"
        fi
        line="$(run_bench "$side" "$depth" "$test" "$n")"
        name="$(cut -f1 <<< "$line")"
        if [ -n "$alloc_before" ]; then
          alloc_after="$(event_loop_allocated "${PID[$side]}")"
          [ -z "$alloc_after" ] || printf '%s\t%s\t%s\t%s\tallocated_bytes\t%s\n' "$side" "$depth" "$name" "$n" \
              "$((alloc_after - alloc_before))" >> "$WORK/diagnostics.tsv"
        fi
        if [ "$SYSCALLS" = 1 ]; then
          kill -INT "$perf_pid"
          wait "$perf_pid" || true
          awk -F, -v s="$side" -v d="$depth" -v t="$name" -v n="$n" \
              '/sys_enter/ { printf "%s\t%s\t%s\t%s\t%s\t%s\n", s, d, t, n, $3, $1 }' "$WORK/perf.txt" \
              >> "$WORK/diagnostics.tsv"
        fi
      done
    done
  done
fi

python3 - "$WORK/raw.tsv" "$CLIENTS" "$MARKDOWN" "$WORK/diagnostics.tsv" <<'EOF' | tee "$WORK/summary.txt"
import csv, os, statistics, sys
from collections import defaultdict
path, clients, markdown, sys_path = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4]
rows = list(csv.DictReader(open(path), delimiter="\t"))
by = defaultdict(list)
for r in rows:
    by[(int(r["pipeline"]), r["test"], r["side"])].append(r)
depths = sorted({int(r["pipeline"]) for r in rows})
tests = list(dict.fromkeys(r["test"] for r in rows))
sides = list(dict.fromkeys(r["side"] for r in rows))
others = [s for s in sides if s != "redis"] or ["redis"]
rounds = max(len(v) for v in by.values())

def med(d, t, side, field):
    vals = [float(r[field]) for r in by.get((d, t, side), [])]
    return statistics.median(vals) if vals else float("nan")

def ratio(a, b):
    return a / b if b and a == a and b == b else float("nan")

def round_ratios(d, t, side, field):
    """side/Redis per round (runs of the same round are adjacent in time), for the spread."""
    red = {r["round"]: float(r[field]) for r in by.get((d, t, "redis"), [])}
    return [float(r[field]) / red[r["round"]] for r in by.get((d, t, side), []) if red.get(r["round"])]

label_width = max(14, max(len(t) for t in tests) + (max(len(s) for s in others) + 1 if len(others) > 1 else 0))
for d in depths:
    print(f"\npipeline {d}, {clients} clients (median of {rounds} rounds; ratios are Cinnabar/Redis)")
    hdr = (f"{'test':<{label_width}} {'redis ops/s':>12} {'cinn ops/s':>12} {'ratio':>6} {'(min..max)':>12} | "
           f"{'p50 R':>6} {'p50 C':>6} | {'p99 R':>6} {'p99 C':>7} {'ratio':>6} | "
           f"{'CPU us/op R':>11} {'C':>6} {'ratio':>6}")
    print(hdr)
    print("-" * len(hdr))
    for t in tests:
        for s in others:
            label = t if len(others) == 1 else f"{t} {s.split(':', 1)[-1]}"
            rr, cr = med(d, t, "redis", "rps"), med(d, t, s, "rps")
            spread = round_ratios(d, t, s, "rps")
            sp = f"{min(spread):.2f}..{max(spread):.2f}" if spread else ""
            print(f"{label:<{label_width}} {rr:>12.0f} {cr:>12.0f} {ratio(cr, rr):>6.2f} {sp:>12} | "
                  f"{med(d,t,'redis','p50_ms'):>6.3f} {med(d,t,s,'p50_ms'):>6.3f} | "
                  f"{med(d,t,'redis','p99_ms'):>6.3f} {med(d,t,s,'p99_ms'):>7.3f} "
                  f"{ratio(med(d,t,s,'p99_ms'), med(d,t,'redis','p99_ms')):>6.2f} | "
                  f"{med(d,t,'redis','cpu_us_per_op'):>11.2f} {med(d,t,s,'cpu_us_per_op'):>6.2f} "
                  f"{ratio(med(d,t,s,'cpu_us_per_op'), med(d,t,'redis','cpu_us_per_op')):>6.2f}")

if os.path.exists(sys_path):
    groups = {"read": ("read", "readv", "recvfrom", "recvmsg"), "write": ("write", "writev", "sendto", "sendmsg"),
              "epoll": ("epoll_wait", "epoll_pwait", "epoll_pwait2"), "futex": ("futex",)}
    counts = defaultdict(float)
    reqs, alloc = {}, {}
    for r in csv.DictReader(open(sys_path), delimiter="\t"):
        key = (int(r["pipeline"]), r["test"], r["side"])
        ev = r["event"].split(":")[-1]
        try:
            c = float(r["count"])
        except ValueError:
            continue
        if ev == "allocated_bytes":
            alloc[key] = c / int(r["requests"])
            continue
        reqs[key] = int(r["requests"])
        if ev == "sys_enter":
            counts[key + ("all",)] += c
        for g, names in groups.items():
            if ev in tuple("sys_enter_" + x for x in names):
                counts[key + (g,)] += c
    if reqs:
        print("\nsystem calls per operation (one extra run per server under perf stat; whole server process)")
        print(f"{'pipeline':>8} {'test':<14} {'server':<16} {'all':>7} {'read':>7} {'write':>7} {'epoll':>7} {'futex':>7}")
        for key in sorted(reqs):
            n = reqs[key]
            print(f"{key[0]:>8} {key[1]:<14} {key[2]:<16} " + " ".join(f"{counts[key + (g,)] / n:>7.3f}"
                  for g in ("all", "read", "write", "epoll", "futex")))
    if alloc:
        print("\nheap allocation per operation of Cinnabar's event-loop thread (one extra run; jcmd Thread.print -e)")
        print(f"{'pipeline':>8} {'test':<14} {'server':<16} {'bytes/op':>9}")
        for key in sorted(alloc):
            print(f"{key[0]:>8} {key[1]:<14} {key[2]:<16} {alloc[key]:>9.1f}")

if markdown:
    for d in depths:
        print(f"\n**Pipeline {d}, {clients} clients** (median of {rounds} rounds)\n")
        first = "| Test | Cinnabar " if len(others) > 1 else "| Test "
        print(first + "| Redis ops/s | Cinnabar ops/s | Ratio | p50 ms Redis / Cinnabar | p99 ms Redis / Cinnabar "
              "| p99 ratio | CPU µs/op Redis / Cinnabar | CPU ratio |")
        print("|---" + ("|---" if len(others) > 1 else "") + "|---:|---:|---:|---:|---:|---:|---:|---:|")
        for t in tests:
            for s in others:
                rr, cr = med(d, t, "redis", "rps"), med(d, t, s, "rps")
                p50r, p50c = med(d, t, "redis", "p50_ms"), med(d, t, s, "p50_ms")
                p99r, p99c = med(d, t, "redis", "p99_ms"), med(d, t, s, "p99_ms")
                cpr, cpc = med(d, t, "redis", "cpu_us_per_op"), med(d, t, s, "cpu_us_per_op")
                lead = f"| {t} | {s.split(':', 1)[-1]} " if len(others) > 1 else f"| {t} "
                print(lead + f"| {rr:,.0f} | {cr:,.0f} | **{ratio(cr, rr):.2f}** | {p50r:.3f} / {p50c:.3f} | "
                      f"{p99r:.3f} / {p99c:.3f} | {ratio(p99c, p99r):.2f} | {cpr:.2f} / {cpc:.2f} | "
                      f"{ratio(cpc, cpr):.2f} |")
EOF
