#!/usr/bin/env python3
"""Random local search over entries of a walking-control file, scored by runs that use the file
as retrogait does (interpolating between entries as the speed changes), e.g. a direction switch
or the speeds between two entries (developer tool).

usage: search_entries.py RNG_SEED ITERATIONS CONTROL_IN CONTROL_OUT ENTRIES CONDITION...
  ENTRIES    fwd:0.4,bwd:0.85 (gait:speed[@incline]) - the entries the search may change
  CONDITION  probe arguments "SPEED GAIT T [name value ...]", e.g. "1.0 1 16 switch_at 4"
             (GAIT 1 forward, 0 backward); each runs with every seed in SEEDS (default 1,2)
Score: the sum of survival times as fractions of each condition's T, discounted by the reserve
share. The best file so far is written to CONTROL_OUT after each improvement.
env: PROBE (retrogait-walk-probe), SEEDS, JOBS (parallel runs, default 2), RANGES (as search_multi),
     VARS="name,..." (only these parameters change; default: the whole space).
"""
import json, os, random, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor
from search_common import space, apply_ranges, probe_path, probe_outcome

if len(sys.argv) < 7:
    sys.exit(__doc__)
random.seed(int(sys.argv[1]))
iters, src, dst = int(sys.argv[2]), sys.argv[3], sys.argv[4]
entries = [e.split(":") for e in sys.argv[5].split(",")]
conditions = [c.split() for c in sys.argv[6:]]
seeds = os.environ.get("SEEDS", "1,2").split(",")
probe = probe_path()
apply_ranges(os.environ.get("RANGES", ""))
pool = ThreadPoolExecutor(int(os.environ.get("JOBS", "2")))
only = [v for v in os.environ.get("VARS", "").split(",") if v]

def find(d, gait, where):
    speed, _, inc = where.partition("@")
    for e in d["forward" if gait == "fwd" else "backward"]:
        if abs(e["speed_m_per_s"] - float(speed)) < 1e-9 and abs(e.get("incline_percent", 0) - float(inc or 0)) < 1e-9:
            return e
    sys.exit(f"no entry {gait}:{where} in {src}")

def run(path, cond, seed):
    speed, gait, T = cond[:3]
    args = [probe, speed, gait, T, "0", "0", "ctlfile", "1", "muscles", "1", "seed", seed] + cond[3:]
    out = subprocess.run(args, capture_output=True, text=True, env=dict(os.environ, RG_CONTROL=path)).stdout
    t, rr = probe_outcome(out)
    return min(t, float(T)) / float(T), 1.0 if rr is None else rr

def score(d):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(d, f)
    res = list(pool.map(lambda a: run(f.name, *a), [(c, s) for c in conditions for s in seeds]))
    os.unlink(f.name)
    return sum(t * (1 - min(rr, 1.0)) for t, rr in res), [round(t, 2) for t, _ in res]

common = json.load(open(src)).get("common", {})
best = json.load(open(src))
bs, bts = score(best)
print("start", round(bs, 3), bts, flush=True)
for it in range(iters):
    cand = json.loads(json.dumps(best))
    gait, where = random.choice(entries)
    e = find(cand, gait, where)
    keys = only or list(space)
    for k in random.sample(keys, min(len(keys), random.choice([1, 2, 3]))):
        lo, hi = space[k]
        cur = e.get(k, common.get(k))
        if cur is None:
            continue  # a parameter the entry does not set: left at its default
        e[k] = round(min(hi, max(lo, cur + random.gauss(0, 0.1 * (hi - lo)))), 4)
    s, ts = score(cand)
    if s > bs:
        bs, bts, best = s, ts, cand
        print(it, round(bs, 3), ts, gait, where, flush=True)
        json.dump(best, open(dst, "w"), indent=1)
