#!/usr/bin/env python3
"""Writes a model whose feet have toes (developer tool; docs/walking-dev.md, "A foot with toes").

usage: toe_foot.py OUT_DIR [STIFFNESS_NM_PER_RAD] [DAMPING_NMS_PER_RAD] [MTP_M]

OUT_DIR/model.json  models/adult_walker.json with each foot split at the metatarsal heads: the
                    foot's box ends MTP_M ahead of the ankle (default 0.13 m, OpenSim Gait2392's
                    MTP joint, Delp et al. 1990) and a toe segment on a revolute MTP joint reaches
                    to the old toe tip. The toe carries 14.8 % of the foot's mass (Gait2392: toes
                    0.2166 kg of a 1.467 kg foot); the MTP joint has a passive spring and damper
                    (default 20 N·m/rad, 0.5 N·m·s/rad: about 10 N·m at 30 degrees of toe
                    extension, within the 6-14 N·m toe flexors' maximum of Goldmann &
                    Brueggemann 2012, J Anat 221:187) and no actuator.
OUT_DIR/walking_control.json  models/walking_control.json with the entries of
                    docs/toe_foot_entries.json (searched again on the toe model, K = 20 N·m/rad,
                    C = 0.5 N·m·s/rad) in place of its own; the model's control file.
Then: retrogait run --scene scenes/treadmill.json --model OUT_DIR/model.json --speed 1.25
"""
import json, os
from search_common import ROOT, args_or_usage, write_variant

argv = args_or_usage(__doc__)
out = argv[0]
k = float(argv[1]) if len(argv) > 1 else 20.0
c = float(argv[2]) if len(argv) > 2 else 0.5
mtp = float(argv[3]) if len(argv) > 3 else 0.13
os.makedirs(out, exist_ok=True)
model = json.load(open(os.path.join(ROOT, "models", "adult_walker.json")))
toe_share = 0.2166 / (1.25 + 0.2166)
new_segments, new_joints = [], []
for seg in model["segments"]:
    if seg["name"] not in ("foot_r", "foot_l"):
        continue
    side = seg["name"][-1]
    box = seg["shapes"][0]
    heel, tip = box["centre_m"][0] - box["size_m"][0] / 2, box["centre_m"][0] + box["size_m"][0] / 2
    sole = box["centre_m"][1] - box["size_m"][1] / 2
    box["size_m"][0] = round(mtp - heel, 6)
    box["centre_m"][0] = round((mtp + heel) / 2, 6)
    part = seg["parts"][0]
    toe_mass = part["mass_fraction"] * toe_share
    part["mass_fraction"] = round(part["mass_fraction"] - toe_mass, 6)
    h = 0.03  # toe box height, m; its sole on the foot's
    length = round(tip - mtp, 6)
    new_segments.append({"name": "toes_" + side,
                         "parts": [{"name": "toes", "mass_fraction": round(toe_mass, 6), "length_m": length,
                                    "com_fraction": 0.5, "gyration_fractions": [0.289, 0.289, 0.289],
                                    "start_m": [0, 0, 0], "axis": [1, 0, 0]}],
                         "shapes": [{"type": "box", "size_m": [length, h, box["size_m"][2]],
                                     "centre_m": [round(length / 2, 6), 0, 0]}]})
    new_joints.append({"name": "mtp_" + side, "type": "revolute", "parent": seg["name"], "child": "toes_" + side,
                       "location_m": [mtp, round(sole + h / 2, 6), 0],
                       "coordinates": [{"name": "mtp_angle_" + side, "axis": [0, 0, 1], "range_deg": [-20, 60],
                                        "passive_stiffness_nm_per_rad": k, "passive_damping_nms_per_rad": c}]})
model["segments"] += new_segments
model["joints"] += new_joints
write_variant(out, model, "toe_foot_entries.json")
print(f"wrote {out}/model.json, walking_control.json")
