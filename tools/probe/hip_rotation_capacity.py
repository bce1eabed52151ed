#!/usr/bin/env python3
"""Hip rotation moment arms and capacity of an OpenSim lower-limb model at the neutral pose
(developer tool; what the lumped rotators HER and HIR of models/adult_walker.json leave out, see
docs/walking-dev.md, "Session 17: the hip rotators' sourced capacity").

usage: hip_rotation_capacity.py MODEL.osim [FORCE_SCALE]

MODEL.osim   an OpenSim 4 model whose right hip is a CustomJoint "hip_r" (flexion, adduction,
             rotation) between "pelvis" and "femur_r", e.g. OpenSim's gait2392
             (Models/Gait2392_Simbody/gait2392_thelen2003muscle.osim in opensim-org/opensim-models:
             the muscle paths of Delp et al. 1990, IEEE TBME 37:757);
FORCE_SCALE  multiplies each muscle's max_isometric_force (default 1; gait2392's forces are
             Delp et al. 1990's times 1.5, so 0.6667 gives Delp's).

For every right-leg muscle that starts on the pelvis, the moment arm about hip_rotation_r is
r = -dL/dq at q = 0 (all coordinates at zero), from the path segment that crosses the hip: the
last pelvis point to the next point, on the femur (or on the tibia, with the knee at zero). The
points beyond it turn with the femur, so the rest of the path keeps its length. Wrapping surfaces
are ignored (gait2392's hip muscles have none); conditional points count when their range holds
zero. Positive r rotates the hip internally (OpenSim's sign). Prints each muscle's Fmax, r and
Fmax*r, and the sums over the muscles that rotate each way: the isometric capacity if every one
of them pulled with its Fmax at once.
"""
import math
import sys
import xml.etree.ElementTree as ET
from search_common import args_or_usage

# The tibia's origin in the femur frame at knee angle zero, read from gait2392's knee_r splines
# (translation1 and translation2 at 0 rad, Yamaguchi & Zajac 1989's planar knee).
TIBIA_IN_FEMUR = (-0.0041, -0.396, 0.0)


def fail(message):
    print(f"hip_rotation_capacity.py: {message}", file=sys.stderr)
    sys.exit(2)


def vec(text):
    return [float(v) for v in text.split()]


def hip_centre(root):
    for joint in root.iter("CustomJoint"):
        if joint.get("name") == "hip_r":
            for frame in joint.iter("PhysicalOffsetFrame"):
                if frame.find("socket_parent").text.endswith("pelvis"):
                    return vec(frame.find("translation").text)
    fail("no CustomJoint 'hip_r' with a pelvis offset frame")


def crossing(muscle):
    """(pelvis point, distal point in the femur frame) of the path segment that crosses the hip."""
    points = []
    for p in muscle.find("GeometryPath").find("PathPointSet").find("objects"):
        if p.find("location") is None:
            continue  # a moving point (the knee's): never the one that crosses the hip
        if p.tag == "ConditionalPathPoint":
            lo, hi = vec(p.find("range").text)
            if not lo <= 0.0 <= hi:
                continue
        points.append((p.find("socket_parent_frame").text.split("/")[-1], vec(p.find("location").text)))
    if not points or points[0][0] != "pelvis":
        return None
    k = next((i for i, (body, _) in enumerate(points) if body != "pelvis"), None)
    if k is None:
        return None
    body, loc = points[k]
    if body == "femur_r":
        return points[k - 1][1], loc
    if body == "tibia_r":
        return points[k - 1][1], [a + b for a, b in zip(TIBIA_IN_FEMUR, loc)]
    return None


def moment_arm(hip, proximal, distal):
    def length(q):  # the femur turned by q about the pelvis's y axis through the hip centre
        c, s = math.cos(q), math.sin(q)
        x, y, z = distal
        p = (hip[0] + c * x + s * z, hip[1] + y, hip[2] - s * x + c * z)
        return math.dist(p, proximal)
    h = 1e-5
    return -(length(h) - length(-h)) / (2 * h)


def main():
    argv = args_or_usage(__doc__)
    try:
        scale = float(argv[1]) if len(argv) > 1 else 1.0
        if not scale > 0:
            raise ValueError
    except ValueError:
        fail(f"FORCE_SCALE must be a number > 0, not '{argv[1]}'")
    try:
        root = ET.parse(argv[0]).getroot()
    except (OSError, ET.ParseError) as e:
        fail(f"cannot read {argv[0]} as an OpenSim model: {e}")
    hip = hip_centre(root)
    rows = []
    for m in root.iter():
        name = m.get("name") or ""
        if not m.tag.endswith("Muscle") or not name.endswith("_r") or m.find("GeometryPath") is None:
            continue
        seg = crossing(m)
        if seg:
            rows.append((name, scale * float(m.find("max_isometric_force").text), moment_arm(hip, *seg)))
    print("| muscle | Fmax (N) | rotation moment arm (mm, + internal) | Fmax x r (N m) |")
    print("|---|---|---|---|")
    for name, f, r in sorted(rows, key=lambda row: row[2]):
        print(f"| {name} | {f:.0f} | {1000 * r:+.1f} | {f * r:+.1f} |")
    internal = [f * r for _, f, r in rows if f * r >= 0.05]  # those that round to 0.0 N m left out
    external = [-f * r for _, f, r in rows if f * r <= -0.05]
    print(f"\ninternal rotation: {sum(internal):.1f} N m from {len(internal)} muscles; "
          f"external rotation: {sum(external):.1f} N m from {len(external)} muscles")


if __name__ == "__main__":
    main()
