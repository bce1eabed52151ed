#!/usr/bin/env python3
"""RetroGait comparison report: DIR/report.html from the files of `retrogait compare`.

Usage: make_report.py DIR [--out FILE]

Reads DIR/summary.json, DIR/{forward,backward}/gait_cycle.csv and
DIR/{forward,backward}/muscle_recruitment.csv, and writes one self-contained HTML page
(figures embedded as base64 PNG, made with matplotlib): the conditions, a table of the key
numbers side by side with the backward-to-forward ratios, the gait-reversal correlations
(backward hip and knee curves played backwards against the forward ones) with their figure,
and figures with forward and backward walking overlaid over the normalised gait cycle
(mean +/- SD over strides).
Needs Python 3 with numpy and matplotlib (Debian: python3-matplotlib).
"""
import argparse
import base64
import csv
import html
import io
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

GAITS = ("forward", "backward")
COLOURS = {"forward": "#1f77b4", "backward": "#d62728"}
LABELS = {"forward": "forward", "backward": "backward"}


# ---------------------------------------------------------------------------- data
def read_csv_columns(path):
    """CSV with a header line -> {column: numpy array} (empty cells -> NaN). None if absent."""
    if not os.path.exists(path):
        return None
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        return None
    header, body = rows[0], rows[1:]
    out = {}
    for i, name in enumerate(header):
        vals = []
        for r in body:
            cell = r[i] if i < len(r) else ""
            try:
                vals.append(float(cell) if cell != "" else math.nan)
            except ValueError:
                vals.append(cell)
        out[name] = np.array(vals, dtype=float) if all(isinstance(v, float) for v in vals) else vals
    return out


def read_rows(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def value(summary, key):
    cur = summary
    for part in key.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def fmt(v, digits=3):
    if v is None:
        return "&ndash;"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, (int, float)):
        if isinstance(v, float) and not math.isfinite(v):
            return "&ndash;"
        if isinstance(v, int):
            return str(v)
        return f"{v:.{digits}g}" if abs(v) < 1e4 else f"{v:.0f}"
    return html.escape(str(v))


# ---------------------------------------------------------------------------- figures
def figure_to_img(fig, alt):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'


def has_curve(cycles, name):
    return any(c is not None and f"{name}_mean" in c and len(c[f"{name}_mean"]) > 0 and
               np.isfinite(c[f"{name}_mean"]).any() for c in cycles.values())


def curve_panels(cycles, summaries, panels, title, ylabel_note=""):
    """panels: list of (signal, panel title, y label). Returns an <img> or None."""
    panels = [p for p in panels if has_curve(cycles, p[0])]
    if not panels:
        return None
    n = len(panels)
    cols = min(n, 3)
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(4.6 * cols, 3.3 * rows), squeeze=False)
    for ax, (sig, ptitle, ylabel) in zip(axes.flat, panels):
        for g in GAITS:
            c = cycles.get(g)
            if c is None or f"{sig}_mean" not in c or len(c[f"{sig}_mean"]) == 0:
                continue
            x = c["cycle_percent"]
            m = c[f"{sig}_mean"]
            sd = c[f"{sig}_sd"]
            ax.plot(x, m, color=COLOURS[g], lw=1.8, label=LABELS[g])
            ax.fill_between(x, m - sd, m + sd, color=COLOURS[g], alpha=0.18, lw=0)
            stance = value(summaries.get(g, {}), "stance_percent")
            if isinstance(stance, (int, float)):
                ax.axvline(stance, color=COLOURS[g], ls=":", lw=1)
        ax.axhline(0, color="0.6", lw=0.6)
        ax.set_title(ptitle, fontsize=10)
        ax.set_xlim(0, 100)
        ax.set_xlabel("gait cycle (%)")
        ax.set_ylabel(ylabel)
        ax.grid(alpha=0.25)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    axes.flat[0].legend(fontsize=8, frameon=False)
    fig.suptitle(title + (" " + ylabel_note if ylabel_note else ""), fontsize=12)
    fig.tight_layout()
    return figure_to_img(fig, title)


def muscle_names(cycles):
    names = []
    for c in cycles.values():
        if c is None:
            continue
        for k in c:
            if k.endswith("_activation_mean"):
                m = k[: -len("_activation_mean")]
                if m not in names:
                    names.append(m)
    return names


def heat_maps(cycles):
    muscles = [m for m in muscle_names(cycles) if has_curve(cycles, m + "_activation")]
    if not muscles:
        return None
    mats = {}
    vmax = 0.0
    for g in GAITS:
        c = cycles.get(g)
        if c is None or len(c.get("cycle_percent", [])) == 0:
            continue
        mat = np.array([c.get(f"{m}_activation_mean", np.full(len(c["cycle_percent"]), np.nan)) for m in muscles])
        mats[g] = mat
        if np.isfinite(mat).any():
            vmax = max(vmax, float(np.nanmax(mat)))
    if not mats:
        return None
    fig, axes = plt.subplots(1, len(mats), figsize=(6.2 * len(mats), 0.32 * len(muscles) + 1.6), squeeze=False)
    im = None
    for ax, (g, mat) in zip(axes.flat, mats.items()):
        im = ax.imshow(mat, aspect="auto", origin="upper", extent=(0, 100, len(muscles), 0),
                       vmin=0, vmax=vmax if vmax > 0 else 1, cmap="viridis", interpolation="nearest")
        ax.set_yticks(np.arange(len(muscles)) + 0.5)
        ax.set_yticklabels(muscles, fontsize=8)
        ax.set_xlabel("gait cycle (%)")
        ax.set_title(f"{LABELS[g]} walking", color=COLOURS[g])
    fig.colorbar(im, ax=list(axes.flat), label="activation (mean over strides, both legs)")
    return figure_to_img(fig, "muscle activation heat map")


def work_bars(summaries):
    joints = ["hip", "knee", "ankle", "lumbar"]
    data = {}
    for g in GAITS:
        s = summaries.get(g, {})
        pos = [value(s, f"positive_work_j_per_kg_per_stride.{j}") for j in joints]
        neg = [value(s, f"negative_work_j_per_kg_per_stride.{j}") for j in joints]
        data[g] = ([p if isinstance(p, (int, float)) else np.nan for p in pos],
                   [q if isinstance(q, (int, float)) else np.nan for q in neg])
    if all(np.all(np.isnan(data[g][0])) for g in data):
        return None
    fig, ax = plt.subplots(figsize=(7.5, 3.8))
    x = np.arange(len(joints))
    w = 0.38
    for i, g in enumerate(GAITS):
        pos, neg = data[g]
        off = (i - 0.5) * w
        ax.bar(x + off, pos, w, color=COLOURS[g], label=f"{LABELS[g]}: positive")
        ax.bar(x + off, neg, w, color=COLOURS[g], alpha=0.45, hatch="//", label=f"{LABELS[g]}: negative")
    ax.axhline(0, color="k", lw=0.8)
    ax.set_xticks(x)
    ax.set_xticklabels(joints)
    ax.set_ylabel("work per stride (J/kg)")
    ax.set_title("Joint work per stride (sum over the joint's degrees of freedom)")
    ax.legend(fontsize=8, frameon=False, ncol=2)
    ax.grid(axis="y", alpha=0.25)
    return figure_to_img(fig, "joint work per stride")


def energy_figure(cycles, summaries):
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), gridspec_kw={"width_ratios": [2, 1]})
    any_curve = False
    ax = axes[0]
    for g in GAITS:
        c = cycles.get(g)
        if c is None or "metabolic_power_w_per_kg_mean" not in c or len(c["cycle_percent"]) == 0:
            continue
        any_curve = True
        m, sd = c["metabolic_power_w_per_kg_mean"], c["metabolic_power_w_per_kg_sd"]
        ax.plot(c["cycle_percent"], m, color=COLOURS[g], lw=1.8, label=LABELS[g])
        ax.fill_between(c["cycle_percent"], m - sd, m + sd, color=COLOURS[g], alpha=0.18, lw=0)
    ax.set_xlim(0, 100)
    ax.set_xlabel("gait cycle (%)")
    ax.set_ylabel("metabolic power (W/kg)")
    ax.set_title("Whole-body metabolic power over the cycle")
    ax.grid(alpha=0.25)
    if any_curve:
        ax.legend(fontsize=8, frameon=False)
    else:
        ax.text(0.5, 0.5, "no complete stride", ha="center", va="center", transform=ax.transAxes)
    ax = axes[1]
    keys = [("metabolic_power_w_per_kg", "W/kg"), ("cost_of_transport_j_per_kg_per_m", "J/(kg·m)")]
    any_bar = False
    for i, g in enumerate(GAITS):
        vals = [value(summaries.get(g, {}), k) for k, _ in keys]
        vals = [v if isinstance(v, (int, float)) else np.nan for v in vals]
        any_bar = any_bar or not all(np.isnan(vals))
        ax.bar(np.arange(2) + (i - 0.5) * 0.38, vals, 0.38, color=COLOURS[g], label=LABELS[g])
    ax.set_xticks(np.arange(2))
    ax.set_xticklabels(["metabolic power\n(W/kg)", "cost of transport\n(J/(kg·m))"], fontsize=8)
    ax.set_title("Mean over strides")
    ax.grid(axis="y", alpha=0.25)
    if not any_curve and not any_bar:
        plt.close(fig)
        return None
    fig.tight_layout()
    return figure_to_img(fig, "metabolic power")


REVERSAL_JOINTS = (("hip_flexion", "hip_flexion_deg", "hip flexion (+) / extension"),
                   ("knee_flexion", "knee_flexion_deg", "knee flexion"))


def reversed_and_shifted(b, shift_percent):
    """The backward curve played backwards and shifted as gait_reversal does it (engine/analysis/
    gait_reversal.cpp): over the n = len(b) - 1 samples of one period (the last sample, 100 %, is
    the cycle's end), y[k] = b[(s - k) mod n] with s = shift_percent * n / 100; y[n] = y[0]."""
    n = len(b) - 1
    s = int(round(shift_percent * n / 100.0))
    y = np.array([b[(s - k) % n] for k in range(n)], dtype=float)
    return np.append(y, y[0])


def reversal_table(summary):
    rev = summary.get("gait_reversal")
    if not isinstance(rev, dict):
        return None
    out = ['<table class="keys"><tr><th>joint angle</th><th>correlation, backward reversed in time</th>'
           '<th>best shift (% cycle)</th><th>correlation, backward not reversed</th><th>best shift (% cycle)</th></tr>']
    for joint, _, label in REVERSAL_JOINTS:
        j = rev.get(joint) or {}
        out.append(f"<tr><td>{html.escape(label)}</td><td>{fmt(j.get('correlation_reversed'))}</td>"
                   f"<td>{fmt(j.get('shift_percent'))}</td><td>{fmt(j.get('correlation_unreversed'))}</td>"
                   f"<td>{fmt(j.get('shift_percent_unreversed'))}</td></tr>")
    out.append("</table>")
    if rev.get("missing_reason"):
        out.append(f"<p class='note'>Not computed: {html.escape(str(rev['missing_reason']))}.</p>")
    return "\n".join(out)


def reversal_figure(cycles, summary):
    """Forward mean curves with the backward mean curves played backwards and shifted onto them."""
    rev = summary.get("gait_reversal") or {}
    fw, bw = cycles.get("forward"), cycles.get("backward")
    panels = []
    for joint, sig, label in REVERSAL_JOINTS:
        shift = (rev.get(joint) or {}).get("shift_percent")
        col = f"{sig}_mean"
        if (isinstance(shift, (int, float)) and fw is not None and bw is not None and col in fw and col in bw
                and len(fw[col]) == len(bw[col]) and len(fw[col]) > 3):
            panels.append((joint, sig, label, shift))
    if not panels:
        return None
    fig, axes = plt.subplots(1, len(panels), figsize=(4.8 * len(panels), 3.4), squeeze=False)
    for ax, (joint, sig, label, shift) in zip(axes.flat, panels):
        x = fw["cycle_percent"]
        ax.plot(x, fw[f"{sig}_mean"], color=COLOURS["forward"], lw=1.8, label="forward")
        ax.plot(x, reversed_and_shifted(bw[f"{sig}_mean"], shift), color=COLOURS["backward"], lw=1.8,
                label=f"backward, reversed, shifted {shift:.0f} %")
        ax.plot(x, bw[f"{sig}_mean"], color=COLOURS["backward"], lw=0.9, ls=":", alpha=0.7, label="backward as recorded")
        r = (rev.get(joint) or {}).get("correlation_reversed")
        ax.set_title(f"{label}: r = {fmt(r)}", fontsize=10)
        ax.set_xlim(0, 100)
        ax.set_xlabel("forward gait cycle (%)")
        ax.set_ylabel("deg")
        ax.grid(alpha=0.25)
    axes.flat[0].legend(fontsize=8, frameon=False)
    fig.suptitle("Backward walking played backwards in time, aligned on forward walking (means over strides)", fontsize=12)
    fig.tight_layout()
    return figure_to_img(fig, "backward gait reversed in time against forward gait")


# ---------------------------------------------------------------------------- page
KEY_ROWS = [
    ("Gait", [("strides", "strides analysed", ""), ("cadence_steps_per_min", "cadence", "steps/min"),
              ("stride_length_m", "stride length", "m"), ("walking_speed_m_per_s", "walking speed (measured)", "m/s"),
              ("stance_percent", "stance", "% cycle"), ("double_support_percent", "double support", "% cycle")]),
    ("Ground reaction force", [("grf_bw_lowpass.peak1", "vertical GRF, first peak (as a force plate shows it)", "BW"),
                               ("grf_bw_lowpass.trough", "vertical GRF, trough (as a force plate shows it)", "BW"),
                               ("grf_bw_lowpass.peak2", "vertical GRF, second peak (as a force plate shows it)", "BW"),
                               ("grf_bw.peak1", "vertical GRF, first peak (recorded samples)", "BW"),
                               ("grf_bw.trough", "vertical GRF, trough (recorded samples)", "BW"),
                               ("grf_bw.peak2", "vertical GRF, second peak (recorded samples)", "BW")]),
    ("Kinematics", [("joint_rom_deg.hip", "hip range of motion", "deg"), ("joint_rom_deg.knee", "knee range of motion", "deg"),
                    ("joint_rom_deg.ankle", "ankle range of motion", "deg"),
                    ("peak_knee_flexion_deg", "peak knee flexion", "deg")]),
    ("Joint moments", [("peak_moment_nm_per_kg.hip_extension", "peak hip extension moment", "N·m/kg"),
                       ("peak_moment_nm_per_kg.hip_flexion", "peak hip flexion moment", "N·m/kg"),
                       ("peak_moment_nm_per_kg.knee_extension", "peak knee extension moment", "N·m/kg"),
                       ("peak_moment_nm_per_kg.knee_flexion", "peak knee flexion moment", "N·m/kg"),
                       ("peak_moment_nm_per_kg.ankle_plantarflexion", "peak ankle plantarflexion moment", "N·m/kg")]),
    ("Joint work per stride", [(f"{s}_work_j_per_kg_per_stride.{j}", f"{j} {s} work", "J/kg")
                               for j in ("hip", "knee", "ankle", "lumbar") for s in ("positive", "negative")]),
    ("Joint contact forces (peak)", [(f"peak_joint_contact_force_bw_lowpass.{j}", f"{j} (over sample intervals, low-passed)", "BW")
                                     for j in ("hip", "knee", "ankle", "patellofemoral", "lumbar")] +
                                    [(f"peak_joint_contact_force_bw.{j}", f"{j} (recorded samples)", "BW")
                                     for j in ("hip", "knee", "ankle", "patellofemoral", "lumbar")]),
    ("Energy", [("metabolic_power_w_per_kg", "metabolic power", "W/kg"),
                ("cost_of_transport_j_per_kg_per_m", "cost of transport", "J/(kg·m)"),
                ("reserve_moment_ratio", "reserve moment ratio (RMS reserve / RMS net moment)", ""),
                ("torque_shortfall_ratio", "torque shortfall (RMS desired − applied / RMS desired)", "")]),
    ("Stability", [("margin_of_stability_m.anterior", "margin of stability, anterior", "m"),
                   ("margin_of_stability_m.posterior", "margin of stability, posterior", "m"),
                   ("margin_of_stability_m.medial_lateral", "margin of stability, medio-lateral", "m"),
                   ("min_foot_clearance_m", "minimum foot clearance", "m")]),
]


def key_table(summary):
    fw, bw = summary.get("forward", {}), summary.get("backward", {})
    ratios = summary.get("ratio_backward_to_forward", {})
    out = ['<table class="keys"><tr><th>quantity</th><th>unit</th><th>forward</th><th>backward</th>'
           '<th>backward / forward</th></tr>']
    for group, rows in KEY_ROWS:
        out.append(f'<tr class="group"><td colspan="5">{html.escape(group)}</td></tr>')
        for key, label, unit in rows:
            r = ratios.get(key)
            out.append(f"<tr><td>{html.escape(label)}</td><td>{html.escape(unit)}</td><td>{fmt(value(fw, key))}</td>"
                       f"<td>{fmt(value(bw, key))}</td><td>{fmt(r)}</td></tr>")
    muscles = sorted(set(list((fw.get("mean_activation") or {}).keys()) + list((bw.get("mean_activation") or {}).keys())))
    if muscles:
        out.append('<tr class="group"><td colspan="5">Mean activation over the cycle (both legs)</td></tr>')
        for m in muscles:
            key = f"mean_activation.{m}"
            out.append(f"<tr><td>{html.escape(m)}</td><td></td><td>{fmt(value(fw, key))}</td><td>{fmt(value(bw, key))}</td>"
                       f"<td>{fmt(ratios.get(key))}</td></tr>")
    out.append("</table>")
    return "\n".join(out)


def conditions_table(summary):
    c = summary.get("conditions", {})
    fw, bw = summary.get("forward", {}), summary.get("backward", {})
    rows = [("scene", c.get("scene", fw.get("scene"))), ("scene file", c.get("scene_file")),
            ("model", c.get("model", fw.get("model"))), ("body mass (kg)", c.get("body_mass_kg", fw.get("body_mass_kg"))),
            ("height (m)", c.get("height_m", fw.get("height_m"))),
            ("speed relative to the surface (m/s)", c.get("speed_m_per_s", fw.get("speed_m_per_s"))),
            ("incline (% grade, uphill in the direction of travel)", c.get("incline_percent", fw.get("incline_percent"))),
            ("strides requested / warm-up strides discarded", f'{c.get("strides_requested", "?")} / {c.get("warmup_strides", "?")}'),
            ("seed", c.get("seed", fw.get("seed"))), ("controller", fw.get("controller")), ("actuation", fw.get("actuation"))]
    out = ['<table class="cond">']
    for k, v in rows:
        out.append(f"<tr><th>{html.escape(k)}</th><td>{fmt(v)}</td></tr>")
    out.append("</table>")
    out.append('<table class="keys"><tr><th>run</th><th>status</th><th>simulated (s)</th><th>strides analysed</th>'
               '<th>fell</th><th>end reason</th></tr>')
    for g, s in (("forward", fw), ("backward", bw)):
        out.append(f'<tr><td style="color:{COLOURS[g]}">{g}</td><td>{fmt(s.get("status"))}</td><td>{fmt(s.get("sim_time_s"))}</td>'
                   f'<td>{fmt(s.get("strides"))}</td><td>{fmt(s.get("fell"))}</td><td>{fmt(s.get("end_reason"))}</td></tr>')
    out.append("</table>")
    return "\n".join(out)


CSS = """
body { font-family: sans-serif; max-width: 1200px; margin: 1.5em auto; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: .6em 0; font-size: .92em; }
th, td { border: 1px solid #ddd; padding: .25em .6em; text-align: left; }
table.keys td:nth-child(n+3) { text-align: right; font-variant-numeric: tabular-nums; }
tr.group td { background: #f2f2f2; font-weight: bold; }
img { max-width: 100%; display: block; margin: .6em 0 1.2em 0; }
.note { color: #555; font-size: .9em; }
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", help="the folder written by 'retrogait compare'")
    ap.add_argument("--out", help="output HTML file (default: DIR/report.html)")
    args = ap.parse_args()
    with open(os.path.join(args.dir, "summary.json")) as f:
        summary = json.load(f)
    summaries = {g: summary.get(g, {}) for g in GAITS}
    cycles = {g: read_csv_columns(os.path.join(args.dir, g, "gait_cycle.csv")) for g in GAITS}

    sections = []
    sections.append("<h2>Conditions</h2>" + conditions_table(summary))
    sections.append("<h2>Key numbers</h2><p class='note'>Means over the analysed strides of both legs (after the "
                    "warm-up). Ratios are backward / forward; &ndash; where a value is missing (no complete stride, "
                    "or no muscle forces recorded).</p>" + key_table(summary))
    rev_table = reversal_table(summary)
    if rev_table:
        rev_fig = reversal_figure(cycles, summary) or ""
        sections.append("<h2>Backward walking as forward walking played backwards</h2><p class='note'>Pearson correlation "
                        "between the forward mean curve (both legs) and the backward mean curve played backwards in "
                        "time, at the circular phase shift that maximises it (the two gaits' cycles start at their own "
                        "initial contacts, heel first forward and toe first backward); the same without the reversal for "
                        "contrast. Issue 4 asks for a reversed correlation of at least 0.85 at the same speed. A shift "
                        "s means forward phase &phi; is compared with backward phase (s &minus; &phi;) mod 100 %, so s is "
                        "where the backward initial contact lands on the forward cycle.</p>" + rev_table + rev_fig)
    no_curves = all(c is None or len(c.get("cycle_percent", [])) == 0 for c in cycles.values())
    figs = []
    if no_curves:
        figs.append("<p class='note'>Neither run completed a stride after the warm-up, so there are no gait-cycle "
                    "curves.</p>")
    note = "(mean ± SD over strides; dotted lines: toe-off)"
    figs.append(curve_panels(cycles, summaries, [
        ("hip_flexion_deg", "hip flexion (+) / extension", "deg"),
        ("hip_adduction_deg", "hip adduction (+) / abduction", "deg"),
        ("knee_flexion_deg", "knee flexion", "deg"),
        ("ankle_angle_deg", "ankle dorsiflexion (+) / plantarflexion", "deg"),
        ("lumbar_extension_deg", "lumbar extension (+) / flexion", "deg")], "Joint angles", note))
    figs.append(curve_panels(cycles, summaries, [
        ("hip_flexion_moment_nm_per_kg", "hip: flexion (+) / extension moment", "N·m/kg"),
        ("hip_adduction_moment_nm_per_kg", "hip: adduction (+) / abduction moment", "N·m/kg"),
        ("knee_angle_moment_nm_per_kg", "knee: extension (+) / flexion moment", "N·m/kg"),
        ("ankle_angle_moment_nm_per_kg", "ankle: dorsiflexion (+) / plantarflexion moment", "N·m/kg"),
        ("lumbar_extension_moment_nm_per_kg", "lumbar: extension (+) / flexion moment", "N·m/kg")],
        "Net joint moments (inverse dynamics)", note))
    figs.append(curve_panels(cycles, summaries, [
        ("hip_power_w_per_kg", "hip", "W/kg"), ("knee_power_w_per_kg", "knee", "W/kg"),
        ("ankle_power_w_per_kg", "ankle", "W/kg"), ("lumbar_power_w_per_kg", "lumbar", "W/kg")],
        "Joint powers (generation +, absorption −)", note))
    figs.append(curve_panels(cycles, summaries, [
        ("grf_anterior_bw", "anterior (+, facing direction)", "BW"), ("grf_vertical_bw", "vertical (normal to the surface)", "BW"),
        ("grf_vertical_lowpass_bw", f"vertical, low-passed at {fmt(summaries['forward'].get('grf_lowpass_hz'))} Hz", "BW"),
        ("grf_lateral_bw", "lateral (+)", "BW")], "Ground reaction force of the stride's foot", note))
    figs.append(curve_panels(cycles, summaries, [
        ("hip_contact_lowpass_bw", "hip", "BW"), ("knee_contact_lowpass_bw", "knee (tibiofemoral)", "BW"),
        ("ankle_contact_lowpass_bw", "ankle", "BW"), ("patellofemoral_contact_lowpass_bw", "patellofemoral", "BW"),
        ("lumbar_compression_lowpass_bw", "L5/S1 compression", "BW")],
        f"Joint contact forces (over sample intervals, low-passed at {fmt(summaries['forward'].get('grf_lowpass_hz'))} Hz)", note))
    figs.append(heat_maps(cycles))
    figs.append(work_bars(summaries))
    figs.append(energy_figure(cycles, summaries))
    sections.append("<h2>Figures</h2>" + "\n".join(f for f in figs if f))

    models = summaries["forward"].get("joint_contact_model") or {}
    idc = summaries["forward"].get("inverse_dynamics_check") or {}
    notes = ["<h2>Methods</h2><ul class='note'>",
             "<li>Gait events: initial contact and toe-off of each foot from the force normal to the surface "
             "(20 N on, 10 N off); a stride runs from one initial contact of a foot to its next; curves are "
             "normalised to 0–100 % of the stride and pooled over both legs.</li>",
             "<li>Net joint moments: Newton–Euler inverse dynamics from the recorded motion and ground reaction "
             "forces; joint power = moment × angular velocity summed over the joint's degrees of freedom; work = "
             "integral of its positive and negative parts.</li>"]
    if idc:
        idnote = str(idc.get("note", ""))
        idnote = idnote[:1].upper() + idnote[1:]
        notes.append(f"<li>Inverse-dynamics check (forward run): RMS difference from the applied joint torques "
                     f"{fmt(idc.get('rms_difference_from_applied_torques_nm'))} N·m against an RMS applied torque of "
                     f"{fmt(idc.get('rms_applied_torque_nm'))} N·m ({html.escape(str(idc.get('differencing', '')))}). "
                     f"{html.escape(idnote)}.</li>")
    if models:
        notes.append("<li>Joint contact forces: " + html.escape(str(models.get("method", ""))) + "; crossings "
                     + html.escape(str(models.get("muscle_crossings", ""))) + "; line of action "
                     + html.escape(str(models.get("line_of_action", ""))) + "; patellofemoral: "
                     + html.escape(str(models.get("patellofemoral", ""))) + ".</li>")
    notes.append("<li>Ground reaction force: as recorded (the contact force of the sampled physics step) and, as "
                 "force-plate signals are processed, low-passed (second-order Butterworth run forward and backward, "
                 f"cut-off {fmt(summaries['forward'].get('grf_lowpass_hz'))} Hz): the peaks of both are in summary.json "
                 "(grf_bw, grf_bw_lowpass). Rigid feet make impacts and solver chatter the recorded samples keep. "
                 "The low-passed force is the feet's force averaged over each sample interval, so an impact counts with "
                 "its impulse; joint contact forces are computed the same way (inverse dynamics over each interval), "
                 "and their low-passed peaks do not move when the time step is halved, unlike the sampled ones.</li>")
    notes.append("<li>Margin of stability: Hof, Gazendam &amp; Sinke 2005, at each initial contact, with the "
                 "centre-of-mass velocity relative to the surface under the feet; minimum foot clearance of the "
                 "leading part of the swing foot (toe forward, heel backward).</li>")
    notes.append("<li>Metabolic power: the muscle model's energy rate (whole body, including the basal rate); "
                 "cost of transport = metabolic power / measured walking speed.</li></ul>")
    sections.append("\n".join(notes))

    page = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
            "<title>RetroGait: forward vs backward walking</title>", f"<style>{CSS}</style></head><body>",
            "<h1>RetroGait: forward vs backward walking</h1>",
            "<p class='note'>Generated by tools/report/make_report.py from the files in this folder "
            "(forward/, backward/, summary.json).</p>"] + sections + ["</body></html>"]
    out = args.out or os.path.join(args.dir, "report.html")
    with open(out, "w") as f:
        f.write("\n".join(page))
    print(f"report: wrote {out}")


if __name__ == "__main__":
    sys.exit(main())
