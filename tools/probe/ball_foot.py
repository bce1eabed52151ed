#!/usr/bin/env python3
"""Writes the files of the session-10 ball-of-foot experiment (developer tool; docs/walking-dev.md,
"A foot that ends at the ball").

usage: ball_foot.py OUT_DIR [FRONT_M]

OUT_DIR/model.json    models/adult_walker.json with each foot's box ending FRONT_M ahead of the
                      ankle (default 0.13 m: the metatarsal heads, OpenSim Gait2392's MTP joint,
                      Delp et al. 1990) instead of at the toe tip; its control file is:
OUT_DIR/walking_control.json  models/walking_control.json with the entries of
                      docs/ball_foot_entries.json (searched again on that foot) in place of its own;
OUT_DIR/treadmill_1.25.json   scenes/treadmill.json starting at 1.25 m/s without the ramp (the
                      forward entries not yet in docs/ball_foot_entries.json are tuned to the long foot and fall on it).
Then: retrogait run --scene OUT_DIR/treadmill_1.25.json --model OUT_DIR/model.json --speed 1.25
"""
import json, os
from search_common import ROOT, args_or_usage, write_variant

argv = args_or_usage(__doc__)
out = argv[0]
front = float(argv[1]) if len(argv) > 1 else 0.13
os.makedirs(out, exist_ok=True)

model = json.load(open(os.path.join(ROOT, "models", "adult_walker.json")))
for seg in model["segments"]:
    if seg["name"] in ("foot_r", "foot_l"):
        box = seg["shapes"][0]
        heel = box["centre_m"][0] - box["size_m"][0] / 2  # the heel edge stays where it is
        box["size_m"][0] = round(front - heel, 6)
        box["centre_m"][0] = round((front + heel) / 2, 6)
write_variant(out, model, "ball_foot_entries.json")

scene = json.load(open(os.path.join(ROOT, "scenes", "treadmill.json")))
scene["name"] = "Treadmill, level, 1.25 m/s from the start (ball-of-foot experiment)"
scene["walker"].update(start_speed_m_per_s=1.25, start_ramp_s=0)
json.dump(scene, open(os.path.join(out, "treadmill_1.25.json"), "w"), indent=1)
print(f"wrote {out}/model.json, walking_control.json, treadmill_1.25.json")
