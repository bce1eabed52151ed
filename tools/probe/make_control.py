#!/usr/bin/env python3
# Writes models/walking_control.json from parameter lines ("name value name value ...") found by
# the searches (developer tool). usage: make_control.py OUT fwd:SPEED:FILE... bwd:SPEED:FILE...
# Each FILE's last line that starts with a parameter name is used.
import json, sys
fixed = {"height_kp": 0, "height_kd": 0, "swing_hip_rot_kp": 200, "swing_hip_rot_kd": 8, "lumbar_kp": 3000}
out = {"format": "retrogait-walking-control-1",
       "about": "Walking-controller parameters per gait and speed (SIMBICON mode, Yin et al. 2007). "
                "Found by random search on survival over seeds and speeds (tools/probe/search_multi.py); "
                "angles in rad, gains in N*m/rad and N*m*s/rad at 75 kg (scaled with body mass), times in s.",
       "common": dict(fixed, mode="simbicon"), "forward": [], "backward": []}
for arg in sys.argv[2:]:
    gait, speed, path = arg.split(":", 2)
    line = [l for l in open(path) if l.startswith("simbicon") or l.startswith("double") or l.startswith("stance")][-1].split()
    entry = {"speed_m_per_s": float(speed)}
    entry.update({line[i]: round(float(line[i + 1]), 4) for i in range(0, len(line) - 1, 2)})
    out["forward" if gait == "fwd" else "backward"].append(entry)
for g in ("forward", "backward"):
    out[g].sort(key=lambda e: e["speed_m_per_s"])
json.dump(out, open(sys.argv[1], "w"), indent=1)
