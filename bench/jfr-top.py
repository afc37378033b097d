#!/usr/bin/env python3
"""Top CPU hot spots and allocation sources of a JFR recording, as percentages.

    bench/jfr-top.py recording.jfr [--top 15] [--thread-filter REGEX]

Reads `jfr print` output (the JDK's own tool, so no parser of the binary format here) and aggregates:
  - jdk.ExecutionSample: by top frame (self time), by the first io.tributary frame on the stack (where our
    code spends or causes the time), inclusive per io.tributary method, and by thread name;
  - jdk.ObjectAllocationSample: by allocated class and by the first io.tributary frame, weighted by the
    sample's `weight` (bytes the sample stands for).
Percentages are of the samples (or allocation weight) that pass the thread filter.
"""
import argparse
import collections
import re
import subprocess
import sys

FRAME = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")
THREAD = re.compile(r'^\s+(?:sampledThread|eventThread) = "(.*)" \(')
WEIGHT = re.compile(r"^\s+weight = ([\d.,]+) ?(bytes|kB|MB|GB)")
OBJECT_CLASS = re.compile(r"^\s+objectClass = (\S+)")
UNITS = {"bytes": 1, "kB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}


def events(path, name, depth):
    out = subprocess.run(["jfr", "print", "--stack-depth", str(depth), "--events", name, path],
                         check=True, capture_output=True, text=True).stdout
    event = None
    for line in out.splitlines():
        if line.startswith(name + " {"):
            event = {"frames": [], "thread": "?", "weight": 1, "class": "?"}
        elif line == "}" and event is not None:
            yield event
            event = None
        elif event is not None:
            if m := FRAME.match(line):
                event["frames"].append(m.group(1))
            elif m := THREAD.match(line):
                event["thread"] = m.group(1)
            elif m := WEIGHT.match(line):
                event["weight"] = float(m.group(1).replace(",", "")) * UNITS[m.group(2)]
            elif m := OBJECT_CLASS.match(line):
                event["class"] = m.group(1)


def first_own(frames):
    return next((f for f in frames if f.startswith("io.tributary.")), "(no io.tributary frame)")


def table(title, counter, total, top):
    print(f"\n{title}")
    for key, value in counter.most_common(top):
        print(f"  {100.0 * value / total:5.1f}%  {key}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("recording")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--thread-filter", default=".*", help="regex on thread names, e.g. 'epoll|request'")
    parser.add_argument("--stack-depth", type=int, default=40)
    args = parser.parse_args()
    keep = re.compile(args.thread_filter)

    cpu = [e for e in events(args.recording, "jdk.ExecutionSample", args.stack_depth) if keep.search(e["thread"])]
    if cpu:
        n = len(cpu)
        print(f"jdk.ExecutionSample: {n} samples")
        table("CPU by top frame (self):", collections.Counter(e["frames"][0] for e in cpu if e["frames"]), n, args.top)
        table("CPU by first io.tributary frame:", collections.Counter(first_own(e["frames"]) for e in cpu), n, args.top)
        inclusive = collections.Counter()
        for e in cpu:
            inclusive.update({f for f in e["frames"] if f.startswith("io.tributary.")})
        table("CPU inclusive (samples with the io.tributary method anywhere on the stack):", inclusive, n, args.top)
        table("CPU by thread:", collections.Counter(re.sub(r"\d+", "N", e["thread"]) for e in cpu), n, args.top)

    alloc = [e for e in events(args.recording, "jdk.ObjectAllocationSample", args.stack_depth)
             if keep.search(e["thread"])]
    if alloc:
        total = sum(e["weight"] for e in alloc)
        by_class, by_site, by_frame = collections.Counter(), collections.Counter(), collections.Counter()
        for e in alloc:
            by_class[e["class"]] += e["weight"]
            by_site[first_own(e["frames"])] += e["weight"]
            by_frame[e["frames"][0] if e["frames"] else "?"] += e["weight"]
        print(f"\njdk.ObjectAllocationSample: {len(alloc)} samples, {total / 2 ** 20:.0f} MiB weight")
        table("Allocation by class:", by_class, total, args.top)
        table("Allocation by allocating frame:", by_frame, total, args.top)
        table("Allocation by first io.tributary frame:", by_site, total, args.top)
    if not cpu and not alloc:
        sys.exit("no samples in " + args.recording)


if __name__ == "__main__":
    main()
