#!/usr/bin/env python3
# Random local search over walking-controller parameters with retrogait-walk-probe
# (developer tool). usage: search_gains.py SEED SPEED GAIT ITERATIONS  (run from the repo root,
# after building build/bin/retrogait-walk-probe). Prints each improvement and its parameters.
import os
import random, subprocess, sys
random.seed(int(sys.argv[1]) if len(sys.argv)>1 else 1)
speed = sys.argv[2] if len(sys.argv)>2 else "1.0"
gait = sys.argv[3] if len(sys.argv)>3 else "1"
base = "simbicon 1 double_support_fraction 0 height_kp 0 height_kd 0 stance_knee_kp 300 stance_knee_kd 35 swing_knee_kp 300 swing_knee_kd 35 ankle_kp 300 ankle_kd 10 swing_hip_rot_kp 200 swing_hip_rot_kd 8 lumbar_kp 3000".split()
space = {"simbicon_cd":(0.0,1.5),"simbicon_cv":(0.0,0.8),"simbicon_hip0":(0.2,0.7),"simbicon_hip1":(-0.3,0.2),"simbicon_knee0":(-1.3,-0.6),
 "simbicon_state0_s":(0.2,0.4),"stance_ankle_kp":(50,500),"swing_hip_kp":(300,1200),"swing_hip_kd":(30,130),"pelvis_kp":(500,2000),"pelvis_kd":(50,150),
 "min_swing_fraction":(0.3,0.6),"stance_knee_rad":(-0.2,-0.02),"full_load_fraction":(0.1,0.5),"position_gain":(0.0,1.0)}
best=None
def run_one(params, seed):
    args=[os.path.join(os.path.dirname(__file__), "..", "..", "build", "bin", "retrogait-walk-probe"),speed,gait,"20","0","0"]+base+[str(x) for kv in params.items() for x in kv]+["seed",str(seed)]
    out=subprocess.run(args,capture_output=True,text=True).stdout
    t=float(out.split(" at ")[1].split(" s")[0]) if " at " in out else 0
    return t,out.strip()
def run(params):
    # robustness: the worst of three seeds (initial posture noise)
    results=[run_one(params,seed) for seed in (1,2,3)]
    return min(results)
cur={k:(a+b)/2 for k,(a,b) in space.items()}
cur.update({"simbicon_cd":0.5,"simbicon_cv":0.2,"simbicon_hip0":0.5,"simbicon_hip1":-0.1,"simbicon_knee0":-1.1,"simbicon_state0_s":0.3,"stance_ankle_kp":300,"swing_hip_kp":1000,"swing_hip_kd":100,"pelvis_kp":1000,"pelvis_kd":100,"min_swing_fraction":0.4,"stance_knee_rad":-0.1,"full_load_fraction":0.35,"position_gain":0.5})
bt,bo=run(cur); best=dict(cur)
print("start",bt,bo,flush=True)
for it in range(int(sys.argv[4]) if len(sys.argv)>4 else 60):
    cand=dict(best)
    for k in random.sample(list(space),4):
        a,b=space[k]; cand[k]=min(b,max(a,cand[k]+random.gauss(0,0.25*(b-a))))
    t,o=run(cand)
    if t>bt:
        bt,best=t,cand; print(it,t,o,flush=True); print(" ".join(f"{k} {v:.3f}" for k,v in best.items()),flush=True)
    if bt>=20: break
