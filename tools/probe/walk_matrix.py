#!/usr/bin/env python3
"""The walking matrix of issue 4: `retrogait run` at every gait x speed x incline, and a
Markdown table of what happened (developer tool; minutes of CPU).

usage: walk_matrix.py [--duration S] [--jobs N] [--retrogait PATH] [--out DIR]
       [--model FILE] [--forward 0.6,1.0,1.25,1.5] [--backward 0.6,1.0,1.25] [--inclines 0,5,10]
"""
import argparse, json, os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, "..", ".."))
ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--duration", type=float, default=120.0, help="simulated seconds per run (default 120)")
ap.add_argument("--jobs", type=int, default=2, help="runs at once (default 2)")
ap.add_argument("--retrogait", default=os.path.join(root, "build", "bin", "retrogait"), help="the CLI binary")
ap.add_argument("--out", default="/tmp/walk_matrix", help="output directory (one sub-directory per run)")
ap.add_argument("--forward", default="0.6,1.0,1.25,1.5", help="forward belt speeds, m/s")
ap.add_argument("--backward", default="0.6,1.0,1.25", help="backward belt speeds, m/s")
ap.add_argument("--inclines", default="0,5,10", help="inclines, percent")
ap.add_argument("--model", default=None, help="model file (default: retrogait's, models/adult_walker.json)")
a = ap.parse_args()

runs = [(g, float(v), float(i)) for g, speeds in (("forward", a.forward), ("backward", a.backward))
        for v in filter(None, speeds.split(",")) for i in a.inclines.split(",")]


def run(case):
    g, v, inc = case
    out = os.path.join(a.out, f"{g}_{v:g}_{inc:g}")
    cmd = [a.retrogait, "run", "--scene", os.path.join(root, "scenes", "treadmill.json"), "--gait", g,
           "--speed", str(v), "--incline", str(inc), "--duration", str(a.duration), "--out", out] + (["--model", a.model] if a.model else [])
    p = subprocess.run(cmd, capture_output=True, text=True)
    try:
        return case, json.load(open(os.path.join(out, "summary.json")))
    except OSError:
        return case, {"error": p.stderr.strip().splitlines()[-1] if p.stderr.strip() else f"exit {p.returncode}"}


def fmt(x, nd):
    return "" if x is None else f"{x:.{nd}f}"


print(f"| gait | speed (m/s) | incline (%) | result | cadence (steps/min) | stride (m) | reserve ratio | shortfall ratio |")
print("|---|---|---|---|---|---|---|---|")
with ThreadPoolExecutor(a.jobs) as pool:
    for (g, v, inc), s in pool.map(run, runs):
        if "error" in s:
            res = "error: " + s["error"]
        else:
            res = f"fell at {s['fall_time_s']:.1f} s" if s.get("fell") else f"walked {a.duration:g} s"
        print(f"| {g} | {v:g} | {inc:g} | {res} | {fmt(s.get('cadence_steps_per_min'), 0)} | "
              f"{fmt(s.get('stride_length_m'), 2)} | {fmt(s.get('reserve_moment_ratio'), 3)} | "
              f"{fmt(s.get('torque_shortfall_ratio'), 2)} |", flush=True)
