#!/usr/bin/env python3
"""Puts one parameter set found by a search into a walking-control file (developer tool).

usage: set_entry.py CONTROL_JSON fwd|bwd SPEED[@INCLINE] PARAM_FILE [name=value ...]

PARAM_FILE's last line that starts with a parameter name ("name value name value ...", as
search_multi.py prints it) becomes the entry at that speed and incline (percent, default 0),
replacing an entry already there; name=value pairs are added or override. Values equal to the
file's "common" ones are left out. Entries are kept grouped by incline, speeds increasing.
"""
import json, sys
from search_common import entry_order

if len(sys.argv) < 5:
    sys.exit(__doc__)
path, gait, where, pfile = sys.argv[1:5]
speed, _, incline = where.partition("@")
speed, incline = float(speed), float(incline or 0)
lines = [l for l in open(pfile) if l[:1].isalpha() and not l.startswith(("start", "speed")) and len(l.split()) % 2 == 0]
toks = lines[-1].split()
params = {toks[i]: round(float(toks[i + 1]), 4) for i in range(0, len(toks) - 1, 2)}
for kv in sys.argv[5:]:
    k, v = kv.split("=")
    params[k] = float(v)
d = json.load(open(path))
common = d.get("common", {})
entry = {"speed_m_per_s": speed}
if incline:
    entry["incline_percent"] = incline
entry.update({k: v for k, v in params.items() if common.get(k) != v and k not in ("simbicon", "mode")})
key = "forward" if gait == "fwd" else "backward"
entries = [e for e in d[key] if not (e["speed_m_per_s"] == speed and e.get("incline_percent", 0) == incline)]
entries.append(entry)
entries.sort(key=entry_order)
d[key] = entries
json.dump(d, open(path, "w"), indent=1)
print(f"{key}: {len(entries)} entries; set {speed} m/s at {incline} %")
