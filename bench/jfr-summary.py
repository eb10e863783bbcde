#!/usr/bin/env python3
"""Summarises a JFR recording of Cinnabar under load: hottest methods (self and including
callees) of the event-loop thread, allocation by class and by allocating frame, GC pauses.

Usage: bench/jfr-summary.py recording.jfr [--thread cinnabar-main] [--top 25] [--jfr PATH]
Needs the JDK's `jfr` tool (found next to $JAVA_HOME/bin/java or on PATH).
"""
import argparse, collections, json, os, shutil, subprocess, sys


def jfr_tool(explicit):
    if explicit:
        return explicit
    home = os.environ.get("JAVA_HOME")
    for cand in ([os.path.join(home, "bin", "jfr")] if home else []) + \
                [p + "/bin/jfr" for p in sorted(__import__("glob").glob("/usr/lib/jvm/*25*"))]:
        if os.access(cand, os.X_OK):
            return cand
    found = shutil.which("jfr")
    if not found:
        sys.exit("jfr tool not found: set JAVA_HOME to a JDK")
    return found


def events(jfr, path, names, depth):
    out = subprocess.run([jfr, "print", "--json", "--stack-depth", str(depth), "--events", ",".join(names), path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def frame_name(f):
    m = f["method"]
    return f'{m["type"]["name"]}.{m["name"]}'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recording")
    ap.add_argument("--thread", default="cinnabar-main")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--jfr")
    ap.add_argument("--callers", action="append", default=[],
                    help="also print the most common call paths (5 frames) into methods containing this text")
    a = ap.parse_args()
    jfr = jfr_tool(a.jfr)

    ex = events(jfr, a.recording, ["jdk.ExecutionSample"], 64)
    threads = collections.Counter()
    self_c, total_c = collections.Counter(), collections.Counter()
    callers = {c: collections.Counter() for c in a.callers}
    n = 0
    for e in ex:
        t = (e["values"].get("sampledThread") or {}).get("javaName") or "?"
        threads[t] += 1
        if a.thread and t != a.thread:
            continue
        frames = (e["values"].get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        n += 1
        self_c[frame_name(frames[0])] += 1
        for name in set(frame_name(f) for f in frames):
            total_c[name] += 1
        for c in a.callers:
            for i, f in enumerate(frames):
                if c in frame_name(f):
                    callers[c][" <- ".join(frame_name(g) for g in frames[i:i + 5])] += 1
                    break
    print(f"== execution samples by thread ({sum(threads.values())} total)")
    for t, c in threads.most_common(10):
        print(f"  {c:6d}  {t}")
    print(f"\n== {a.thread}: hottest methods, self time ({n} samples)")
    for name, c in self_c.most_common(a.top):
        print(f"  {100 * c / max(n, 1):5.1f}%  {name}")
    print(f"\n== {a.thread}: hottest methods including callees")
    for name, c in total_c.most_common(a.top):
        print(f"  {100 * c / max(n, 1):5.1f}%  {name}")

    for c, paths in callers.items():
        print(f"\n== {a.thread}: call paths into {c}")
        for path, k in paths.most_common(8):
            print(f"  {100 * k / max(n, 1):5.1f}%  {path}")

    al = events(jfr, a.recording, ["jdk.ObjectAllocationSample"], 12)
    by_class, by_site = collections.Counter(), collections.Counter()
    total = 0
    for e in al:
        v = e["values"]
        t = (v.get("eventThread") or {}).get("javaName") or "?"
        if a.thread and t != a.thread:
            continue
        w = v.get("weight", 0)
        total += w
        by_class[v["objectClass"]["name"]] += w
        frames = (v.get("stackTrace") or {}).get("frames") or []
        # The first frame outside java.*/jdk.* is usually the one to fix.
        site = next((frame_name(f) + ":" + str(f.get("lineNumber")) for f in frames
                     if not frame_name(f).replace("/", ".").startswith(("java.", "jdk.", "sun."))), "?")
        by_site[site] += w
    print(f"\n== {a.thread}: allocation (sampled weight {total / 1e6:.1f} MB)")
    for name, w in by_class.most_common(a.top):
        print(f"  {100 * w / max(total, 1):5.1f}%  {w / 1e6:9.1f} MB  {name}")
    print(f"\n== {a.thread}: allocation by first non-JDK frame")
    for name, w in by_site.most_common(a.top):
        print(f"  {100 * w / max(total, 1):5.1f}%  {w / 1e6:9.1f} MB  {name}")

    gc = events(jfr, a.recording, ["jdk.GarbageCollection"], 1)
    pauses = [e["values"] for e in gc]
    print(f"\n== GC: {len(pauses)} collections")
    names = collections.Counter(p.get("name") for p in pauses)
    for k, c in names.items():
        print(f"  {c:5d}  {k}")


if __name__ == "__main__":
    main()
