#!/usr/bin/env python3
"""Spread of the Cinnabar/Redis ratios over several bench/compare.sh runs, to compare how noisy
two ways of measuring are (e.g. with and without --pin).

Usage: bench/spread.py LABEL=DIR[,DIR...] [LABEL=DIR...]
Each DIR is a compare.sh --out directory (it holds raw.tsv). For every pipeline depth, test,
Cinnabar server and metric, prints the per-round ratios' median, range and standard deviation of
their logarithm (in %, ~ relative spread), and the same standard deviation over the run medians.
"""
import csv, math, os, statistics, sys
from collections import defaultdict


def load(dirs):
    per_round = defaultdict(list)
    run_medians = defaultdict(list)
    for d in dirs:
        rows = list(csv.DictReader(open(os.path.join(d, "raw.tsv")), delimiter="\t"))
        by = defaultdict(dict)
        for r in rows:
            by[(int(r["pipeline"]), r["test"], r["round"])][r["side"]] = r
        this_run = defaultdict(list)
        for (p, t, _), sides in by.items():
            if "redis" not in sides:
                continue
            for side, r in sides.items():
                if side == "redis":
                    continue
                for m in ("rps", "p99_ms", "cpu_us_per_op"):
                    base = float(sides["redis"][m])
                    if base > 0:
                        x = float(r[m]) / base
                        per_round[(p, t, side, m)].append(x)
                        this_run[(p, t, side, m)].append(x)
        for k, xs in this_run.items():
            run_medians[k].append(statistics.median(xs))
    return per_round, run_medians


def sd_log(xs):
    return statistics.pstdev([math.log(x) for x in xs]) * 100 if len(xs) > 1 else float("nan")


def main():
    if len(sys.argv) < 2 or any("=" not in a for a in sys.argv[1:]):
        sys.exit(__doc__)
    groups = []
    for a in sys.argv[1:]:
        label, dirs = a.split("=", 1)
        groups.append((label, load([d for d in dirs.split(",") if d])))
    keys = sorted(set().union(*(g[1][0].keys() for g in groups)))
    print(f"{'pipeline test server metric':<44} {'group':<10} {'n':>3} {'median':>7} {'min':>6} {'max':>6} "
          f"{'sd%':>6} | {'runs':>4} {'sd%':>6}")
    for k in keys:
        for label, (per_round, medians) in groups:
            xs = per_round.get(k)
            if not xs:
                continue
            ms = medians[k]
            name = f"{k[0]} {k[1]} {k[2]} {k[3]}"
            print(f"{name:<44} {label:<10} {len(xs):>3} {statistics.median(xs):>7.2f} {min(xs):>6.2f} "
                  f"{max(xs):>6.2f} {sd_log(xs):>6.1f} | {len(ms):>4} {sd_log(ms):>6.1f}")


if __name__ == "__main__":
    main()
