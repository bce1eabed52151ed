#!/usr/bin/env python3
"""Random local search over entries of a walking-control file, scored by runs that use the file
as retrogait does (interpolating between entries as the speed changes), e.g. a direction switch
or the speeds between two entries (developer tool).

usage: search_entries.py RNG_SEED ITERATIONS CONTROL_IN CONTROL_OUT ENTRIES CONDITION...
  ENTRIES    fwd:0.4,bwd:0.85 (gait:speed[@incline]) - the entries the search may change
  CONDITION  probe arguments "SPEED[@INCLINE] GAIT T [name value ...]", e.g. "1.0 1 16 switch_at 4"
             (GAIT 1 forward, 0 backward; INCLINE in percent); each runs with every seed in SEEDS
             (default 1,2)
Score: the sum of survival times as fractions of each condition's T, discounted by the reserve
share, and, with CADENCE="LO:HI" (steps/min), by exp(-d/20) where d is the cadence's distance from
that range, and with POSITION=P (m) by exp(-e/0.2) where e is how far beyond P from the belt's
centre the run ended. The best file so far is written to CONTROL_OUT after each improvement.
env: PROBE (retrogait-walk-probe), SEEDS, JOBS (parallel runs, default 2), RANGES (as search_multi),
     VARS="name,..." (only these parameters change; default: the whole space), LATERAL (as
     search_common.scorer_from_env).
"""
import json, os, random, sys
from search_common import space, find_entry, scorer_from_env

if len(sys.argv) < 7:
    sys.exit(__doc__)
random.seed(int(sys.argv[1]))
iters, src, dst = int(sys.argv[2]), sys.argv[3], sys.argv[4]
entries = [e.split(":") for e in sys.argv[5].split(",")]
conditions = [c.split() for c in sys.argv[6:]]
scorer = scorer_from_env(conditions)
only = [v for v in os.environ.get("VARS", "").split(",") if v]

common = json.load(open(src)).get("common", {})
best = json.load(open(src))
bs, bts = scorer.score_many([best])[0]
print("start", round(bs, 3), bts, flush=True)
for it in range(iters):
    cand = json.loads(json.dumps(best))
    gait, where = random.choice(entries)
    e = find_entry(cand, gait, where, src)
    keys = only or list(space)
    for k in random.sample(keys, min(len(keys), random.choice([1, 2, 3]))):
        lo, hi = space[k]
        cur = e.get(k, common.get(k))
        if cur is None:
            continue  # a parameter the entry does not set: left at its default
        e[k] = round(min(hi, max(lo, cur + random.gauss(0, 0.1 * (hi - lo)))), 4)
    s, ts = scorer.score_many([cand])[0]
    if s > bs:
        bs, bts, best = s, ts, cand
        print(it, round(bs, 3), ts, gait, where, flush=True)
        json.dump(best, open(dst, "w"), indent=1)
