#!/usr/bin/env python3
"""Adds a row of entries at a new incline to a walking-control file, each entry the file's own
blend of the rows below and above it there (developer tool).

usage: add_incline_row.py CONTROL_IN CONTROL_OUT fwd|bwd INCLINE

The file's inclines are rows of speeds, and a run between two rows blends them linearly (in
speed, then in incline). The new row has an entry at every speed of either neighbouring row,
each holding every parameter the two rows set, at the value the probe prints for that speed and
incline ("print 1", full precision), but for values equal to "common" ones (left out, as
set_entry.py does). Runs at the neighbouring rows are unchanged
bit for bit; runs between them change only by round-off (the blend is piecewise linear with its
breaks at those speeds). One entry of the new row can then be searched alone (search_cma.py
gait:speed@INCLINE) without moving the rows on either side.
env: PROBE (as search_common.probe_path).
"""
import json, subprocess, sys
from search_common import entry_order, probe_path

if len(sys.argv) != 5 or sys.argv[3] not in ("fwd", "bwd"):
    sys.exit(__doc__)
src, dst, gait, incline = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
d = json.load(open(src))
key = "forward" if gait == "fwd" else "backward"
entries = d[key]
inclines = sorted({e.get("incline_percent", 0.0) for e in entries})
if incline in inclines:
    sys.exit(f"{src}: {key} already has a row at {incline:g} %")
below = [i for i in inclines if i < incline]
above = [i for i in inclines if i > incline]
if not below or not above:
    sys.exit(f"{src}: {incline:g} % is not between two of the {key} rows ({', '.join(f'{i:g}' for i in inclines)} %)")
rows = [e for e in entries if e.get("incline_percent", 0.0) in (below[-1], above[0])]
speeds = sorted({e["speed_m_per_s"] for e in rows})
names = set(d.get("common", {})).union(*(set(e) for e in rows)) - {"speed_m_per_s", "incline_percent"}


def blended(speed):
    out = subprocess.run([probe_path(), str(speed), "1" if gait == "fwd" else "0", "1", "0", str(incline),
                          "ctlfile", "1", "print", "1"], env={"RG_CONTROL": src},
                         capture_output=True, text=True, check=True).stdout.split()
    return {out[i]: float(out[i + 1]) for i in range(0, len(out) - 1, 2)}


common = d.get("common", {})
row = []
for s in speeds:
    p = blended(s)
    row.append({"speed_m_per_s": s, "incline_percent": incline,
                **{n: p[n] for n in sorted(names) if n in p and common.get(n) != p[n]}})
d[key] = sorted(entries + row, key=entry_order)
with open(dst, "w") as f:
    json.dump(d, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(f"{dst}: {key} row at {incline:g} %, speeds {', '.join(f'{s:g}' for s in speeds)}")
