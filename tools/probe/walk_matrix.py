#!/usr/bin/env python3
"""The walking matrix of issue 4: `retrogait run` at every gait x speed x incline, and a
Markdown table of what happened (developer tool; minutes of CPU).

usage: walk_matrix.py [--duration S] [--jobs N] [--retrogait PATH] [--out DIR]
       [--model FILE] [--scene FILE] [--forward 0.6,1.0,1.25,1.5] [--backward 0.6,1.0,1.25] [--inclines 0,5,10]
       [--seeds 1,2,3] [--strength VAS=0.5]
With --seeds each condition runs once per seed (`retrogait run --seed S`); its row counts the
seeds it walked on and gives the earliest fall, and the gait figures are the first seed's.
"""
import argparse, os
from concurrent.futures import ThreadPoolExecutor
from search_common import ROOT, check_batch_options, int_list, run_command, run_summary

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("--duration", type=float, default=120.0, help="simulated seconds per run (default 120)")
ap.add_argument("--jobs", type=int, default=2, help="runs at once (default 2)")
ap.add_argument("--retrogait", default=os.path.join(ROOT, "build", "bin", "retrogait"), help="the CLI binary")
ap.add_argument("--out", default="/tmp/walk_matrix", help="output directory (one sub-directory per run)")
ap.add_argument("--forward", default="0.6,1.0,1.25,1.5", help="forward belt speeds, m/s")
ap.add_argument("--backward", default="0.6,1.0,1.25", help="backward belt speeds, m/s")
ap.add_argument("--inclines", default="0,5,10", help="inclines, percent")
ap.add_argument("--model", default=None, help="model file (default: retrogait's, models/adult_walker.json)")
ap.add_argument("--scene", default=None, help="scene file (default scenes/treadmill.json; e.g. scenes/treadmill_fast.json)")
ap.add_argument("--strength", default=None, help="muscle strength factors passed to retrogait, e.g. VAS=0.5 (default: the model's)")
ap.add_argument("--seeds", type=int_list, default=[None],
                help="comma-separated seeds, each condition run once per seed (default: retrogait's seed)")
a = ap.parse_args()
check_batch_options(ap, a)

runs = [(g, float(v), float(i)) for g, speeds in (("forward", a.forward), ("backward", a.backward))
        for v in filter(None, speeds.split(",")) for i in a.inclines.split(",")]


def run_seed(g, v, inc, seed):
    out = os.path.join(a.out, f"{g}_{v:g}_{inc:g}" + ("" if seed is None else f"_seed{seed}"))
    cmd = run_command(a.retrogait, g, v, inc, a.duration, out, a.model, seed, a.scene, strength=a.strength)
    return run_summary(cmd, out)


def result(summaries):
    """The row's result: the single run's outcome, or with several seeds how many walked and the earliest fall."""
    errors = [s["error"] for s in summaries if "error" in s]
    if errors:
        return "error: " + errors[0]
    falls = [s["fall_time_s"] for s in summaries if s.get("fell")]
    if len(summaries) == 1:
        return f"fell at {falls[0]:.1f} s" if falls else f"walked {a.duration:g} s"
    walked = f"walked {a.duration:g} s on {len(summaries) - len(falls)} of {len(summaries)} seeds"
    return walked + (f", earliest fall {min(falls):.1f} s" if falls else "")


def fmt(x, nd):
    return "" if x is None else f"{x:.{nd}f}"


print(f"| gait | speed (m/s) | incline (%) | result | cadence (steps/min) | stride (m) | reserve ratio | shortfall ratio |")
print("|---|---|---|---|---|---|---|---|")
with ThreadPoolExecutor(a.jobs) as pool:
    futures = [[pool.submit(run_seed, *case, seed) for seed in a.seeds] for case in runs]  # every run queued at once
    for (g, v, inc), fs in zip(runs, futures):
        summaries = [f.result() for f in fs]
        s = summaries[0]
        print(f"| {g} | {v:g} | {inc:g} | {result(summaries)} | {fmt(s.get('cadence_steps_per_min'), 0)} | "
              f"{fmt(s.get('stride_length_m'), 2)} | {fmt(s.get('reserve_moment_ratio'), 3)} | "
              f"{fmt(s.get('torque_shortfall_ratio'), 2)} |", flush=True)
