"""Summarises an abab.sh run: per benchmark (+params), the median, min and max of the per-round
JMH scores on each side, and median(after) / median(before), as a markdown table.

Usage: abab_summary.py OUTDIR      (reads OUTDIR/before-<r>.json and OUTDIR/after-<r>.json)

Also prints, when both are present, the same-run ratio TrainingStepBenchmark.chainrule /
handWritten per round (the hand-written step shares core's kernels and the machine's load, so
this ratio is steadier than absolute times on a busy machine).
"""
import glob
import json
import os
import re
import statistics
import sys


def load(outdir, side):
    """{round: {key: (score, unit)}} for one side."""
    rounds = {}
    for path in glob.glob(os.path.join(outdir, side + "-*.json")):
        m = re.fullmatch(re.escape(side) + r"-(\d+)\.json", os.path.basename(path))
        if not m:
            continue
        with open(path) as f:
            text = f.read().strip()
        if not text:
            continue  # a run that failed before writing results
        scores = {}
        for r in json.loads(text):
            name = ".".join(r["benchmark"].rsplit(".", 2)[-2:])
            params = ",".join(f"{k}={v}" for k, v in sorted((r.get("params") or {}).items()))
            pm = r["primaryMetric"]
            scores[(name, params)] = (pm["score"], pm["scoreUnit"])
        rounds[int(m.group(1))] = scores
    return rounds


def fmt(v):
    if v >= 100:
        return f"{v:.1f}"
    if v >= 10:
        return f"{v:.2f}"
    return f"{v:.3f}"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: abab_summary.py OUTDIR")
    outdir = sys.argv[1]
    sides = {s: load(outdir, s) for s in ("before", "after")}
    if not sides["before"] or not sides["after"]:
        sys.exit(f"no before-*.json / after-*.json results in {outdir}")
    keys = sorted({k for s in sides.values() for rnd in s.values() for k in rnd})
    print(f"rounds: before {len(sides['before'])}, after {len(sides['after'])}"
          " (median / min / max of the per-round JMH scores)\n")
    print("| benchmark | params | unit | before median | before min | before max "
          "| after median | after min | after max | after / before |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for key in keys:
        cells = []
        medians = {}
        unit = ""
        for side in ("before", "after"):
            vals = [rnd[key][0] for rnd in sides[side].values() if key in rnd]
            units = {rnd[key][1] for rnd in sides[side].values() if key in rnd}
            if len(units) > 1:
                sys.exit(f"{key}: mixed units {units}")
            unit = unit or next(iter(units), "")
            if vals:
                medians[side] = statistics.median(vals)
                cells += [fmt(medians[side]), fmt(min(vals)), fmt(max(vals))]
            else:
                cells += ["-", "-", "-"]
        ratio = (f"{medians['after'] / medians['before']:.3f}"
                 if "before" in medians and "after" in medians else "-")
        name, params = key
        print(f"| {name} | {params or '-'} | {unit} | " + " | ".join(cells) + f" | {ratio} |")

    # Same-run yardstick: Chainrule's step over the hand-written step, round by round.
    nets = sorted({p for (n, p) in keys if n == "TrainingStepBenchmark.chainrule"}
                  & {p for (n, p) in keys if n == "TrainingStepBenchmark.handWritten"})
    if nets:
        print("\nsame-run ratio TrainingStepBenchmark.chainrule / handWritten"
              " (per round; median [min, max])\n")
        print("| params | before | after | after / before |")
        print("|---|---|---|---|")
        for p in nets:
            row, med = [], {}
            for side in ("before", "after"):
                rs = [rnd[("TrainingStepBenchmark.chainrule", p)][0]
                      / rnd[("TrainingStepBenchmark.handWritten", p)][0]
                      for rnd in sides[side].values()
                      if ("TrainingStepBenchmark.chainrule", p) in rnd
                      and ("TrainingStepBenchmark.handWritten", p) in rnd]
                if rs:
                    med[side] = statistics.median(rs)
                    row.append(f"{med[side]:.3f} [{min(rs):.3f}, {max(rs):.3f}]")
                else:
                    row.append("-")
            ratio = f"{med['after'] / med['before']:.3f}" if len(med) == 2 else "-"
            print(f"| {p} | {row[0]} | {row[1]} | {ratio} |")


if __name__ == "__main__":
    main()
