#!/usr/bin/env python3
# Random local search over walking-controller parameters, scored on several conditions at once
# (developer tool). usage: search_multi.py RNG_SEED GAIT ITERATIONS SPEEDS(comma) [start-params-file]
# Score = sum over speeds x seeds (SEEDS, default 1,2) x inclines (INCLINES, default 0) of the
# survival time (capped at T).
import os, random, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
from search_common import space, apply_ranges, probe_path, probe_outcome
random.seed(int(sys.argv[1]))
gait = sys.argv[2]
iters = int(sys.argv[3])
speeds = sys.argv[4].split(",")
T = float(os.environ.get("T", "20"))
inclines = os.environ.get("INCLINES", "0").split(",")
jobs = int(os.environ.get("JOBS", "1"))
seeds = [int(x) for x in os.environ.get("SEEDS", "1,2").split(",")]
probe = probe_path()
# PUSHES="T:FX:FZ,..." adds conditions with a 0.2 s push on the pelvis (N, forward and right) at T s;
# "-" in the list is the condition without a push.
pushes = [p.split(":") if p != "-" else None for p in os.environ.get("PUSHES", "-").split(",")]
fixed = "simbicon 1 height_kp 0 height_kd 0 swing_hip_rot_kp 200 swing_hip_rot_kd 8 lumbar_kp 3000".split()
muscles = os.environ.get("MUSCLES", "0") == "1"
# VARS="name,..." searches only these parameters (the others stay at the start point).
# RANGES="name:lo:hi,..." narrows or widens parameter ranges (e.g. to human-like joint angles).
apply_ranges(os.environ.get("RANGES", ""))
only = [v for v in os.environ.get("VARS", "").split(",") if v]
def parse(text):
    toks = text.split(); return {toks[i]: float(toks[i + 1]) for i in range(0, len(toks) - 1, 2)}
cur = {"simbicon_knee1": -0.05, "simbicon_ankle0": 0.6, "simbicon_ankle1": 0.15, "double_support_fraction": 0.0,
       "stance_knee_kp": 300, "stance_knee_kd": 35, "swing_knee_kp": 300, "swing_knee_kd": 35, "ankle_kp": 300, "ankle_kd": 10,
       "pushoff_ankle_rad": -0.35, "torque_filter_hz": 60, "stance_ankle_kd": 3}
if len(sys.argv) > 5:
    lines = [l for l in open(sys.argv[5]) if l.startswith(("simbicon", "double", "stance"))]
    cur.update({k: v for k, v in parse(lines[-1]).items() if k in space})
cur.update(parse(os.environ.get("START", "")))  # START="name value ..." overrides the start point
for k, (lo, hi) in space.items():
    if k in cur: cur[k] = min(hi, max(lo, cur[k]))
def run_one(args):
    params, speed, seed, inc, push = args
    a = [probe, speed, gait, str(T), "0", inc] + fixed + [str(x) for kv in params.items() for x in kv] + ["seed", str(seed)]
    if push: a += ["push_at", push[0], "push_fx", push[1], "push_fz", push[2]]
    if muscles: a += ["muscles", "1"]
    out = subprocess.run(a, capture_output=True, text=True).stdout
    t, rr = probe_outcome(out)
    return t, 0.0 if rr is None else rr
pool = ThreadPoolExecutor(jobs)
def score(params):
    conds = [(params, s, seed, inc, p) for s in speeds for seed in seeds for inc in inclines for p in pushes]
    res = list(pool.map(run_one, conds))
    # survival, discounted by the reserves' share when muscles drive the walker
    ts = [round(t, 2) if not muscles else (round(t, 2), round(rr, 3)) for t, rr in res]
    return sum(min(t, T) * (1 - min(rr, 1.0) if muscles else 1) for t, rr in res), ts
bs, bts = score(cur); best = dict(cur)
print("start", bs, bts, flush=True)
for it in range(iters):
    cand = dict(best)
    keys = only or list(space)
    for k in random.sample(keys, min(len(keys), random.choice([1, 2, 3, 4]))):
        a, b = space[k]; cand[k] = round(min(b, max(a, cand[k] + random.gauss(0, 0.2 * (b - a)))), 4)  # as the control file keeps it
    s, ts = score(cand)
    if s > bs:
        bs, bts, best = s, ts, cand
        print(it, round(bs, 2), ts, flush=True)
        print(" ".join(f"{k} {v:.4f}" for k, v in best.items()), flush=True)
    if not muscles and bs >= T * len(ts) - 1e-9: break
