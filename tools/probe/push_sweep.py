#!/usr/bin/env python3
"""Push robustness over the gait cycle (developer and research tool; minutes of CPU): 100 N
pushes on the pelvis (`retrogait run --push`) started at evenly spaced times across one window
(by default 1 s, longer than a stride at 1.0 m/s), in each direction, for each gait, and a
Markdown table of how many runs walked on to the end and when the others fell.

A push's outcome depends on where in the step it lands (a sideways push just before the swing
foot lands is caught by that step; one just after must wait a whole step), so a single push time
says little: this tool spreads the push times over the window.

usage: push_sweep.py [--gaits forward,backward] [--speed 1.0] [--incline 0] [--directions
       forward,backward,left,right] [--at 10] [--window 1.0] [--count 10] [--force 100]
       [--push-duration 0.2] [--duration 20] [--seeds 1] [--model FILE] [--scene FILE] [--strength F]
       [--jobs 2] [--retrogait PATH] [--out DIR] [--keep]
"""
import argparse, os
from concurrent.futures import ThreadPoolExecutor
from search_common import ROOT, check_batch_options, int_list, run_command, run_summary

DIRECTIONS = ("forward", "backward", "left", "right")


def name_list(allowed):
    def parse(text):
        names = text.split(",")
        if not all(n in allowed for n in names):
            raise argparse.ArgumentTypeError(f"'{text}': comma-separated names from {', '.join(allowed)} expected")
        return names
    return parse


ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--gaits", type=name_list(("forward", "backward")), default=["forward", "backward"], help="gaits (default forward,backward)")
ap.add_argument("--speed", type=float, default=1.0, help="belt speed, m/s (default 1.0)")
ap.add_argument("--incline", type=float, default=0.0, help="incline, percent (default 0)")
ap.add_argument("--directions", type=name_list(DIRECTIONS), default=list(DIRECTIONS), help="push directions (default all four)")
ap.add_argument("--at", type=float, default=10.0, help="first push start, s (default 10)")
ap.add_argument("--window", type=float, default=1.0, help="push starts spread over this many seconds (default 1.0)")
ap.add_argument("--count", type=int, default=10, help="push starts per window (default 10)")
ap.add_argument("--force", type=float, default=100.0, help="push force, N (default 100)")
ap.add_argument("--push-duration", type=float, default=0.2, help="push duration, s (default 0.2)")
ap.add_argument("--duration", type=float, default=20.0, help="simulated seconds per run (default 20)")
ap.add_argument("--seeds", type=int_list, default=[1], help="comma-separated seeds (default 1)")
ap.add_argument("--model", default=None, help="model file (default: retrogait's, models/adult_walker.json)")
ap.add_argument("--scene", default=None, help="scene file (default scenes/treadmill.json; e.g. scenes/treadmill_fast.json)")
ap.add_argument("--strength", default=None, help="muscle strength factors passed to retrogait, e.g. HER=2,HIR=2 (default: the model's)")
ap.add_argument("--jobs", type=int, default=2, help="runs at once (default 2)")
ap.add_argument("--retrogait", default=os.path.join(ROOT, "build", "bin", "retrogait"), help="the CLI binary")
ap.add_argument("--out", default="/tmp/push_sweep", help="output directory (one sub-directory per run, removed after it is read unless --keep)")
ap.add_argument("--keep", action="store_true", help="keep each run's output directory")
a = ap.parse_args()
check_batch_options(ap, a)
if a.count < 1 or a.window < 0 or a.at + a.window >= a.duration:
    ap.error(f"--count must be at least 1 and the pushes (--at {a.at:g} to {a.at + a.window:g} s) must start before --duration {a.duration:g} s")

starts = [round(a.at + a.window * k / a.count, 3) for k in range(a.count)]


def run(gait, direction, start, seed):
    out = os.path.join(a.out, f"{gait}_{direction}_{start:g}_seed{seed}")
    cmd = run_command(a.retrogait, gait, a.speed, a.incline, a.duration, out, a.model, seed, a.scene,
                      extra=["--push", f"{start}:{direction}:{a.force}:{a.push_duration}"], strength=a.strength)
    return run_summary(cmd, out, a.keep)


print(f"{a.force:g} N for {a.push_duration:g} s, starting at {', '.join(f'{t:g}' for t in starts)} s; "
      f"{a.speed:g} m/s, incline {a.incline:g} %, {a.duration:g} s runs, seeds {','.join(map(str, a.seeds))}"
      + (f", strength {a.strength}" if a.strength else "") + "\n")
print("| gait | push | walked on | push starts (s) before a fall | falls (s) |")
print("|---|---|---|---|---|")
cases = [(g, d) for g in a.gaits for d in a.directions]
with ThreadPoolExecutor(a.jobs) as pool:
    futures = [[(t, s, pool.submit(run, g, d, t, s)) for s in a.seeds for t in starts] for g, d in cases]
    for (g, d), fs in zip(cases, futures):
        rows = [(t, s, f.result()) for t, s, f in fs]
        errors = [r["error"] for _, _, r in rows if "error" in r]
        if errors:
            print(f"| {g} | {d} | error: {errors[0]} | | |", flush=True)
            continue
        falls = [(t, s, r["fall_time_s"]) for t, s, r in rows if r.get("fell")]
        starts_text = "; ".join((f"seed {seed}: " if len(a.seeds) > 1 else "") + ", ".join(f"{t:g}" for t, s, _ in falls if s == seed)
                                for seed in a.seeds if any(s == seed for _, s, _ in falls))
        times = f"{min(f for _, _, f in falls):.1f}–{max(f for _, _, f in falls):.1f}" if falls else ""
        print(f"| {g} | {d} | {len(rows) - len(falls)} of {len(rows)} | {starts_text} | {times} |", flush=True)
