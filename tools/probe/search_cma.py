#!/usr/bin/env python3
"""CMA-ES over entries of a walking-control file (developer tool), scored like search_entries.py
by probe runs that interpolate the file as retrogait does.

usage: search_cma.py RNG_SEED GENERATIONS CONTROL_IN CONTROL_OUT ENTRIES CONDITION...
  ENTRIES    fwd:1.25,bwd:1.0@5 (gait:speed[@incline]) - the entries the search may change
  CONDITION  "SPEED[@INCLINE] GAIT T [name value ...]" (GAIT 1 forward, 0 backward)
The search variables are the parameters of the search space (search_common.space, RANGES) that
each entry (or the file's "common") sets, scaled to [0, 1] over their ranges. The evolution
strategy is the (mu/mu_w, lambda)-CMA-ES with rank-one and rank-mu covariance updates and
cumulative step-size adaptation, as in Hansen (2016), "The CMA evolution strategy: a tutorial",
arXiv:1604.00772. Each generation's candidates run in parallel; the best file seen so far is
written to CONTROL_OUT after each improvement.
env: PROBE, SEEDS (default 1,2), JOBS (default 2), RANGES, CADENCE, POSITION (as search_entries.py),
     LATERAL (m/s: discount runs whose sideways speed spreads from step to step, search_common),
     POP (lambda, default 4 + 3 ln n), SIGMA (initial step in range units, default 0.08),
     KEYS (comma-separated parameter names: search only these; default every parameter of the space).
"""
import json, math, os, sys
import numpy as np
from search_common import space, find_entry, scorer_from_env

if len(sys.argv) < 7:
    sys.exit(__doc__)
rng = np.random.default_rng(int(sys.argv[1]))
gens, src, dst = int(sys.argv[2]), sys.argv[3], sys.argv[4]
entries = [e.split(":") for e in sys.argv[5].split(",")]
conditions = [c.split() for c in sys.argv[6:]]
scorer = scorer_from_env(conditions)

base = json.load(open(src))
common = base.get("common", {})
# the search variables: (gait, where, name) with a value in the entry or in "common"
only = set(filter(None, os.environ.get("KEYS", "").split(","))) or set(space)
if only - set(space):
    sys.exit(f"KEYS: {', '.join(sorted(only - set(space)))} not in the search space (add with RANGES=name:lo:hi)")
keys = [(g, w, k) for g, w in entries for k in sorted(space)
        if k in only and find_entry(base, g, w, src).get(k, common.get(k)) is not None]
if not keys:
    sys.exit("no search variables: none of the parameters searched is set by those entries or by \"common\"")
lo = np.array([space[k][0] for _, _, k in keys])
hi = np.array([space[k][1] for _, _, k in keys])


def to_file(x):
    d = json.loads(json.dumps(base))
    v = lo + np.clip(x, 0, 1) * (hi - lo)
    for (g, w, k), val in zip(keys, v):
        find_entry(d, g, w, src)[k] = round(float(val), 4)  # as the control file keeps it
    return d


x0 = np.array([(find_entry(base, g, w, src).get(k, common.get(k)) - space[k][0]) / (space[k][1] - space[k][0])
               for g, w, k in keys]).clip(0, 1)
n = len(keys)
lam = int(os.environ.get("POP", 4 + int(3 * math.log(n))))
mu = lam // 2
w = np.log(mu + 0.5) - np.log(np.arange(1, mu + 1))
w /= w.sum()
mueff = 1 / np.sum(w ** 2)
cc = (4 + mueff / n) / (n + 4 + 2 * mueff / n)
cs = (mueff + 2) / (n + mueff + 5)
c1 = 2 / ((n + 1.3) ** 2 + mueff)
cmu = min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((n + 2) ** 2 + mueff))
damps = 1 + 2 * max(0, math.sqrt((mueff - 1) / (n + 1)) - 1) + cs
chin = math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n))
mean, sigma = x0.copy(), float(os.environ.get("SIGMA", "0.08"))
C, pc, ps = np.eye(n), np.zeros(n), np.zeros(n)

best_s, best_ts = scorer.score_many([base])[0]
print(f"start {best_s:.3f} {best_ts}  ({n} variables, population {lam})", flush=True)
for gen in range(gens):
    vals, B = np.linalg.eigh(C)
    D = np.sqrt(np.maximum(vals, 1e-20))
    z = rng.standard_normal((lam, n))
    y = z @ np.diag(D) @ B.T
    xs = mean + sigma * y
    results = scorer.score_many([to_file(x) for x in xs])
    order = sorted(range(lam), key=lambda i: -results[i][0])
    s, ts = results[order[0]]
    if s > best_s:
        best_s, best_ts = s, ts
        json.dump(to_file(xs[order[0]]), open(dst, "w"), indent=1)
    print(f"gen {gen} best {s:.3f} {ts} mean score {np.mean([r[0] for r in results]):.3f} sigma {sigma:.3f}"
          f"  best ever {best_s:.3f}", flush=True)
    ysel = y[order[:mu]]
    yw = w @ ysel
    mean = mean + sigma * yw
    invsqrtC = B @ np.diag(1 / D) @ B.T
    ps = (1 - cs) * ps + math.sqrt(cs * (2 - cs) * mueff) * (invsqrtC @ yw)
    hsig = np.linalg.norm(ps) / math.sqrt(1 - (1 - cs) ** (2 * (gen + 1))) / chin < 1.4 + 2 / (n + 1)
    pc = (1 - cc) * pc + hsig * math.sqrt(cc * (2 - cc) * mueff) * yw
    C = ((1 - c1 - cmu) * C + c1 * (np.outer(pc, pc) + (1 - hsig) * cc * (2 - cc) * C)
         + cmu * (ysel.T * w) @ ysel)
    sigma *= math.exp((cs / damps) * (np.linalg.norm(ps) / chin - 1))
