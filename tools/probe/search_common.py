"""Shared by the search tools (developer tools): the walking-controller parameters' search ranges,
the probe's path and the reading of its outcome line; and by the tools that run `retrogait run`
in batches (walk_matrix.py, push_sweep.py): their argument checks and the reading of a run's summary."""
import argparse, concurrent.futures, csv, json, math, os, shutil, subprocess, sys, tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))  # the repository

space = {"simbicon_cd": (0.0, 1.5), "simbicon_cv": (0.0, 0.8), "simbicon_hip0": (-0.8, 0.8), "simbicon_hip1": (-0.5, 0.5),
         "simbicon_knee0": (-1.4, -0.3), "simbicon_knee1": (-0.4, 0.0), "simbicon_ankle0": (-0.3, 0.7), "simbicon_ankle1": (-0.3, 0.5),
         "simbicon_state0_s": (0.15, 0.45), "stance_ankle_kp": (50, 500), "swing_hip_kp": (300, 1500), "swing_hip_kd": (30, 150),
         "pelvis_kp": (300, 2000), "pelvis_kd": (30, 150), "min_swing_fraction": (0.2, 0.7), "stance_knee_rad": (-0.3, 0.0),
         "full_load_fraction": (0.1, 0.5), "position_gain": (0.0, 1.0), "double_support_fraction": (0.0, 0.25),
         "stance_knee_kp": (100, 600), "stance_knee_kd": (10, 60), "swing_knee_kp": (100, 500), "swing_knee_kd": (10, 50),
         "ankle_kp": (50, 400), "ankle_kd": (2, 20), "pushoff_ankle_rad": (-0.5, 0.0),
         "torque_filter_hz": (0, 60), "stance_ankle_kd": (1, 30),
         # lateral balance (pushes): coronal SIMBICON gains, crossover guard, swing-hip adduction loop, pelvis yaw
         "simbicon_cd_lateral": (0.0, 1.5), "simbicon_cv_lateral": (0.0, 0.8), "min_step_width_m": (0.0, 0.15),
         "swing_hip_add_kp": (200, 1500), "swing_hip_add_kd": (10, 150), "yaw_kp": (100, 1000), "yaw_kd": (10, 100)}


def int_list(text):
    """argparse type: comma-separated unsigned integers ("1,2,3")."""
    try:
        values = [int(x) for x in text.split(",")]
    except ValueError:
        values = [-1]
    if any(v < 0 for v in values):
        raise argparse.ArgumentTypeError(f"'{text}': comma-separated unsigned integers expected")
    return values


def check_batch_options(ap, a):
    """Stops through the argparse parser AP (exit 2) unless a.retrogait is an executable file,
    a.jobs is at least 1 and a.strength (when set) is accepted by `retrogait muscles` (the
    options walk_matrix.py and push_sweep.py share)."""
    if not (os.path.isfile(a.retrogait) and os.access(a.retrogait, os.X_OK)):
        ap.error(f"--retrogait {a.retrogait}: not an executable file (build the project first, or name the binary)")
    if a.jobs < 1:
        ap.error(f"--jobs {a.jobs}: at least 1")
    if a.strength:  # checked once by `retrogait muscles`, not in every run
        cmd = [a.retrogait, "muscles", "--strength", a.strength] + (["--model", a.model] if a.model else [])
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            ap.error(p.stderr.strip().splitlines()[-1] if p.stderr.strip() else f"--strength {a.strength}: rejected")


def run_command(retrogait, gait, speed, incline, duration, out, model=None, seed=None, scene=None, extra=(), strength=None):
    """The `retrogait run` command line of one run (scene default scenes/treadmill.json; model,
    seed and strength (the --strength factors, e.g. "HER=2,HIR=2"): retrogait's defaults when
    None); extra options go before --out."""
    cmd = [retrogait, "run", "--scene", scene or os.path.join(ROOT, "scenes", "treadmill.json"), "--gait", gait,
           "--speed", str(speed), "--incline", str(incline), "--duration", str(duration)]
    cmd += (["--model", model] if model else []) + ([] if seed is None else ["--seed", str(seed)])
    cmd += ["--strength", strength] if strength else []
    return cmd + list(extra) + ["--quiet", "--out", out]


def run_summary(cmd, out, keep=True):
    """Runs a `retrogait run ... --out OUT` command line; its summary.json as a dict, or
    {"error": the last line of its error output} when it wrote none. keep=False removes OUT
    afterwards (a 20 s run writes tens of megabytes of time series)."""
    p = subprocess.run(cmd, capture_output=True, text=True)
    try:
        return json.load(open(os.path.join(out, "summary.json")))
    except OSError:
        return {"error": p.stderr.strip().splitlines()[-1] if p.stderr.strip() else f"exit {p.returncode}"}
    finally:
        if not keep:
            shutil.rmtree(out, ignore_errors=True)


def args_or_usage(doc):
    """The command-line arguments of a positional-argument tool: with none, its usage (doc) and exit 1;
    with -h or --help, the usage and exit 0."""
    if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help"):
        print(doc)
        sys.exit(0)
    if len(sys.argv) < 2:
        sys.exit(doc)
    return sys.argv[1:]


def apply_ranges(text):
    """RANGES="name:lo:hi,..." narrows or widens ranges, or adds parameters to the space."""
    for item in filter(None, text.split(",")):
        n, lo, hi = item.split(":")
        space[n] = (float(lo), float(hi))


def probe_path():
    """$PROBE, else the retrogait-walk-probe of the default build."""
    here = os.path.dirname(os.path.abspath(__file__))
    return os.environ.get("PROBE") or os.path.join(here, "..", "..", "build", "bin", "retrogait-walk-probe")


def probe_outcome(out):
    """Survival time (s, 0 when the probe printed no outcome) and reserve ratio (None when not
    printed) from the probe's outcome line ("... at T s (...) ... reserve_ratio R")."""
    t = float(out.split(" at ")[1].split(" s")[0]) if " at " in out else 0.0
    rr = float(out.split("reserve_ratio ")[1].split()[0]) if "reserve_ratio" in out else None
    return t, rr


def lateral_spread(out, t0):
    """The step-to-step spread (m/s) of the walker's sideways speed: the standard deviation of
    |v_z| (the centre of mass's lateral velocity relative to the belt) at the steps the probe's
    verbose output lists after t0 (s). A walker on a limit cycle repeats it every step (about
    0.005 m/s at forward 1.0 m/s level); one that wanders across the belt spreads it (0.05-0.1)."""
    vz = [abs(float(l.split("vrel (")[1].split()[2].rstrip(")"))) for l in out.splitlines()
          if l.startswith("t ") and float(l.split()[1]) > t0 and "vrel (" in l]
    if len(vz) < 2:
        return 0.0
    m = sum(vz) / len(vz)
    return math.sqrt(sum((v - m) ** 2 for v in vz) / len(vz))


def cadence_penalty(cadence, c):
    """exp(-d/20), d the distance (steps/min) of cadence c from the range cadence = (lo, hi); 1
    without a range."""
    return math.exp(-max(cadence[0] - c, c - cadence[1], 0.0) / 20.0) if cadence else 1.0


def entry_order(e):
    """Sort key of a control-file entry in the order the control-file loader requires: grouped by
    incline, speeds increasing."""
    return float(e.get("incline_percent", 0)), e["speed_m_per_s"]


def write_variant(out, model, entries_name):
    """Writes a variant of the default walker into directory OUT: OUT/model.json (MODEL, a model
    dict) and its control file OUT/walking_control.json, which is models/walking_control.json with
    the entries of docs/ENTRIES_NAME (a file with "forward" and "backward" lists, searched again
    for the variant) in place of its own at the same gait, speed and incline, and those it lacks
    added. The trunk's yaw assist is off in every entry (the variants' entries were searched
    without it)."""
    control = json.load(open(os.path.join(ROOT, "models", "walking_control.json")))
    redone = json.load(open(os.path.join(ROOT, "docs", entries_name)))
    # The variants' entries were searched without the trunk's yaw assist (session 18): keep it off.
    control["common"]["trunk_yaw_assist"] = 0
    for gait in ("forward", "backward"):
        for e in control[gait]:
            e.pop("trunk_yaw_assist", None)

    def key(e):
        return e["speed_m_per_s"], e.get("incline_percent", 0)

    for gait in ("forward", "backward"):
        new = {key(e): e for e in redone.get(gait, [])}
        merged = [new.pop(key(e), e) for e in control[gait]] + list(new.values())
        control[gait] = sorted(merged, key=entry_order)
    json.dump(control, open(os.path.join(out, "walking_control.json"), "w"), indent=1)
    model = dict(model, walking_control=os.path.abspath(os.path.join(out, "walking_control.json")))
    json.dump(model, open(os.path.join(out, "model.json"), "w"), indent=1)


def find_entry(d, gait, where, path="control file"):
    """The entry of control-file dict d for gait ("fwd"/"bwd") at where ("SPEED[@INCLINE]")."""
    speed, _, inc = where.partition("@")
    for e in d["forward" if gait == "fwd" else "backward"]:
        if abs(e["speed_m_per_s"] - float(speed)) < 1e-9 and abs(e.get("incline_percent", 0) - float(inc or 0)) < 1e-9:
            return e
    raise SystemExit(f"no entry {gait}:{where} in {path}")


class FileScorer:
    """Scores a control file by probe runs that interpolate it as retrogait does: each condition
    "SPEED[@INCLINE] GAIT T [name value ...]" runs with every seed; a run scores its survival
    time as a fraction of T, discounted by the reserves' share and, with cadence=(lo, hi) in
    steps/min, by exp(-d/20) where d is the cadence's distance from that range, and, with
    position=P (m), by exp(-e/0.2) where e is how far beyond P from the belt's centre the run
    ended (a walker that keeps up only at the back edge of the belt is not what people do); a
    direction switch's run, by exp(-e/0.1) where e is how far its mean surface speed while it
    should stand exceeds 0.1 m/s."""

    def __init__(self, conditions, seeds, jobs, cadence=None, position=None, run_scorer=None, lateral=None):
        self.conditions, self.seeds, self.cadence, self.position = conditions, seeds, cadence, position
        self.lateral = lateral
        self.run_scorer = run_scorer
        self.probe = probe_path()
        self.pool = concurrent.futures.ThreadPoolExecutor(jobs)

    def run(self, path, cond, seed):
        if self.run_scorer:
            return self.run_scorer.run(path, cond, seed)
        speed, gait, T = cond[:3]
        speed, _, incline = speed.partition("@")
        args = [self.probe, speed, gait, T, "1" if self.lateral else "0", incline or "0", "ctlfile", "1", "muscles", "1", "seed", seed] + cond[3:]
        proc = subprocess.run(args, capture_output=True, text=True, env=dict(os.environ, RG_CONTROL=path))
        out = proc.stdout
        if " at " not in out:  # no outcome line: the probe failed (a bad file, an old binary), not the walker
            raise SystemExit(f"{self.probe} printed no outcome: {proc.stderr.strip()[-500:]}")
        t, rr = probe_outcome(out)
        penalty = 1.0
        if self.cadence and " steps " in out and t > 0:
            penalty = cadence_penalty(self.cadence, 60.0 * int(out.split(" steps ")[1].split(",")[0]) / t)
        if self.position is not None and " com (" in out:
            x = float(out.split(" com (")[1].split()[0])
            penalty *= math.exp(-max(abs(x) - self.position, 0.0) / 0.2)
        if self.lateral:
            penalty *= math.exp(-lateral_spread(out, float(T) / 4) / self.lateral)
        if "stop_speed " in out:  # a direction switch: it should stand (|v| < 0.2 m/s in the tests)
            penalty *= math.exp(-max(abs(float(out.split("stop_speed ")[1].split()[0])) - 0.1, 0.0) / 0.1)
        return penalty * min(t, float(T)) / float(T), 1.0 if rr is None else rr

    def score_many(self, files):
        """Scores (sum over runs) and per-run survival fractions of several control dicts at once."""
        paths = []
        for d in files:
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
                json.dump(d, f)
                paths.append(f.name)
        jobs = [(p, c, s) for p in paths for c in self.conditions for s in self.seeds]
        res = list(self.pool.map(lambda a: self.run(*a), jobs))
        for p in paths:
            os.unlink(p)
        k = len(self.conditions) * len(self.seeds)
        out = []
        for i in range(len(files)):
            r = res[i * k:(i + 1) * k]
            out.append((sum(t * (1 - min(rr, 1.0)) for t, rr in r), [round(t, 2) for t, _ in r]))
        return out


def cycle_curves(path):
    """The pooled mean hip and knee flexion curves (deg, one period: the repeated 100 % row left
    out) of a gait_cycle.csv."""
    with open(path) as f:
        rows = list(csv.DictReader(f))[:-1]
    curves = {j: [float(r[j + "_flexion_deg_mean"]) for r in rows] for j in ("hip", "knee")}
    curves["grf"] = [float(r["grf_vertical_lowpass_bw_mean"]) for r in rows] if rows and "grf_vertical_lowpass_bw_mean" in rows[0] else []
    return curves


def timed_grf_peaks(grf):
    """(loading peak, trough, push-off peak) of a mean low-passed vGRF curve over the cycle (BW,
    101 rows from initial contact): the maxima over 5-30 % and 38-60 % of the cycle (Winter's
    peaks sit near 12-15 % and 45-50 %) and the minimum between them; None without a curve."""
    if len(grf) < 100 or any(not math.isfinite(v) for v in grf):
        return None, None, None
    i1 = max(range(5, 31), key=lambda i: grf[i])
    i2 = max(range(38, 61), key=lambda i: grf[i])
    return grf[i1], min(grf[i1:i2 + 1]), grf[i2]


def reversed_correlation(a, b):
    """Pearson correlation of curve a with curve b played backwards, maximised over circular
    shifts (as engine/analysis/gait_reversal.hpp defines it)."""
    n = len(a)
    if len(b) != n or any(not math.isfinite(v) for v in b):
        return -1.0  # no gait cycle (a fall before a complete stride)
    best = -1.0
    for s in range(n):
        y = [b[(s - k) % n] for k in range(n)]
        ma, my = sum(a) / n, sum(y) / n
        sxy = sum((x - ma) * (v - my) for x, v in zip(a, y))
        sxx = sum((x - ma) ** 2 for x in a)
        syy = sum((v - my) ** 2 for v in y)
        if sxx > 0 and syy > 0:
            best = max(best, sxy / math.sqrt(sxx * syy))
    return best


def band_distance(x, lo, hi, scale):
    """How far x lies outside [lo, hi], in units of scale (0 inside; None or NaN: 10)."""
    if x is None or not math.isfinite(x):
        return 10.0
    return max(lo - x, x - hi, 0.0) / scale


# HUMANLIKE: bands around Winter (2009, Biomechanics and Motor Control of Human Movement, 4th ed.)
# for forward walking at 1.2-1.4 m/s (reference/gait.md): (summary key, low, high, scale).
HUMAN_BANDS = [("cadence_steps_per_min", 100, 125, 10), ("stance_percent", 57, 66, 3),
               ("peak_knee_flexion_deg", 50, 68, 5)]
HUMAN_GRF = (1.05, 1.35, 0.3)  # each vGRF peak (BW): Winter's 1.1-1.2, scale
HUMAN_TROUGH = (0.6, 0.9, 0.2)  # the vGRF trough (BW): Winter's 0.7-0.8, scale; a deeper one is
# a foot unloading and reloading in late stance, not the mid-stance valley
HUMAN_KNEE_AT_CONTACT = (15.0, 10.0)  # knee flexion at initial contact at most (deg), scale


class RunScorer:
    """Runs a condition with 'retrogait run' (the control file under test through a copy of the
    model file that names it) and scores survival x (1 - reserve ratio) x penalties:
    with a reference (forward) gait cycle, exp(-d/0.1) per joint, where d is how far the
    reversed-curve correlation falls below `target` for the hip and the knee; with humanlike,
    0.25 + 0.75/(1 + D), D the summed distances (in band scales) of cadence, stance, swing knee,
    the two vGRF peaks, the trough (0.6-0.9 BW and at least 0.2 BW below the lower peak) and the knee flexion
    at initial contact from their human bands."""

    def __init__(self, reference_cycle=None, target=0.9, humanlike=False, model=None, cadence=None):
        here = os.path.dirname(os.path.abspath(__file__))
        self.reference = cycle_curves(reference_cycle) if reference_cycle else None
        self.target, self.humanlike, self.cadence = target, humanlike, cadence
        self.retrogait = os.environ.get("RETROGAIT") or os.path.join(os.path.dirname(probe_path()), "retrogait")
        self.model = json.load(open(model or os.path.join(here, "..", "..", "models", "adult_walker.json")))
        self.scene = os.environ.get("SCENE") or os.path.join(here, "..", "..", "scenes", "treadmill.json")

    def run(self, path, cond, seed):
        speed, gait, T = cond[:3]
        if cond[3:]:
            raise SystemExit(f"REVERSAL and HUMANLIKE runs go through 'retrogait run' with the scene as it is: no probe options ({' '.join(cond[3:])})")
        speed, _, incline = speed.partition("@")
        with tempfile.TemporaryDirectory() as tmp:
            model = dict(self.model, walking_control=os.path.abspath(path))
            model_path = os.path.join(tmp, "model.json")
            json.dump(model, open(model_path, "w"))
            out = os.path.join(tmp, "run")
            subprocess.run(run_command(self.retrogait, "forward" if gait == "1" else "backward", speed, incline or "0",
                                       T, out, model_path, seed, self.scene), capture_output=True)
            try:
                summary = json.load(open(os.path.join(out, "summary.json")))
                curves = cycle_curves(os.path.join(out, "gait_cycle.csv"))
            except (OSError, ValueError, KeyError):
                return 0.0, 1.0
        t = summary["fall_time_s"] if summary["fell"] else float(T)
        rr = summary["reserve_moment_ratio"]
        penalty = 1.0
        if self.reference:
            for j in ("hip", "knee"):
                r = reversed_correlation(self.reference[j], curves[j])
                penalty *= math.exp(-max(self.target - r, 0.0) / 0.1)
        if self.humanlike:
            # distances outside the bands in units of their scales, summed: 1/(1 + sum) keeps a
            # walker far from human gait comparable, and survival first (a quarter of the score
            # is for surviving at all, so that a human-like gait that falls loses to one that walks)
            d = sum(band_distance(summary.get(key), lo, hi, scale) for key, lo, hi, scale in HUMAN_BANDS)
            grf = summary.get("grf_bw_lowpass") or {}
            p1, p2, tr = grf.get("peak1"), grf.get("peak2"), grf.get("trough")
            if self.humanlike == "timed":  # the peaks where people have them (HUMANLIKE=2)
                p1, tr, p2 = timed_grf_peaks(curves["grf"])
            d += band_distance(p1, *HUMAN_GRF) + band_distance(p2, *HUMAN_GRF)
            d += band_distance(tr, 0.0, min(p1, p2) - 0.2, 0.2) + band_distance(tr, *HUMAN_TROUGH) \
                if None not in (p1, p2, tr) else 10.0
            d += band_distance(curves["knee"][0] if curves["knee"] else None, -90.0, *HUMAN_KNEE_AT_CONTACT)
            penalty *= 0.25 + 0.75 / (1.0 + d)
        if summary.get("cadence_steps_per_min") is not None:  # as FileScorer does for probe runs
            penalty *= cadence_penalty(self.cadence, summary["cadence_steps_per_min"])
        return penalty * min(t, float(T)) / float(T), 1.0 if rr is None else rr


def scorer_from_env(conditions):
    """A FileScorer for the conditions, set up from the environment the search tools share:
    SEEDS (default 1,2), JOBS (default 2), CADENCE ("LO:HI"), POSITION (m), REVERSAL (a forward run's
    gait_cycle.csv: score the hip and knee reversal correlation against it, below REVERSAL_TARGET,
    default 0.9; runs go through 'retrogait run', $RETROGAIT or beside the probe), HUMANLIKE=1 (score
    the forward gait's closeness to human walking, as RunScorer does; runs as with REVERSAL; 2: the
    vGRF peaks and trough taken from the mean cycle curve at people's timing, timed_grf_peaks), MODEL (the
    model file those runs use, default models/adult_walker.json), SCENE (their scene file, default
    scenes/treadmill.json), LATERAL (m/s: discount each run by exp(-spread/LATERAL), spread the
    step-to-step spread of its sideways speed after a quarter of its time, lateral_spread);
    RANGES is applied to the search space."""
    apply_ranges(os.environ.get("RANGES", ""))
    cadence = [float(x) for x in os.environ["CADENCE"].split(":")] if os.environ.get("CADENCE") else None
    position = float(os.environ["POSITION"]) if os.environ.get("POSITION") else None
    run_scorer = RunScorer(os.environ.get("REVERSAL"), float(os.environ.get("REVERSAL_TARGET", "0.9")),
                           {"1": True, "2": "timed"}.get(os.environ.get("HUMANLIKE"), False), os.environ.get("MODEL"), cadence) \
        if os.environ.get("REVERSAL") or os.environ.get("HUMANLIKE") in ("1", "2") else None
    return FileScorer(conditions, os.environ.get("SEEDS", "1,2").split(","), int(os.environ.get("JOBS", "2")),
                      cadence, position, run_scorer,
                      float(os.environ["LATERAL"]) if os.environ.get("LATERAL") else None)
