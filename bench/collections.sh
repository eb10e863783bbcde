#!/usr/bin/env bash
# The collections benchmark (lists, sets, hashes, sorted sets), side by side with redis-server
# through bench/compare.sh: redis-benchmark's LPUSH, LPOP, RPOP, SADD, SPOP, HSET, ZADD and
# LRANGE_100, plus three commands on sorted sets loaded before the runs:
#   ZRANGEBYSCORE and ZRANGE of 100 members of a 1,000-member set (z1k),
#   ZINCRBY of a random member of a 100,000-member leaderboard (lb).
# Arguments go to compare.sh (e.g. -P 1,16 -r 3 --markdown); keys are drawn from 100,000.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SETUP="$(mktemp)"
trap 'rm -f "$SETUP"' EXIT
python3 - >"$SETUP" <<'PY'
print("ZADD z1k " + " ".join(f"{i} m:{i:04d}" for i in range(1000)))
for start in range(0, 100_000, 1000):
    # redis-benchmark writes __rand_int__ as 12 digits: the members ZINCRBY picks all exist.
    print("ZADD lb " + " ".join(f"{i} m:{i:012d}" for i in range(start, start + 1000)))
PY
exec "$ROOT/bench/compare.sh" --setup "$SETUP" \
  --command zrangebyscore="ZRANGEBYSCORE z1k 400 499" \
  --command zrange="ZRANGE z1k 400 499" \
  --command zincrby="ZINCRBY lb 1 m:__rand_int__" \
  -t lpush,lpop,rpop,sadd,spop,hset,zadd,lrange_100,zrangebyscore,zrange,zincrby "$@" -- -r 100000
