#!/usr/bin/python3
"""Score `sohoa tables PHOTO --json` on a photos set, beside a naive OCR peer baseline.

  /usr/bin/python3 score.py --set /work/dev-data/photos/dev --sohoa /work/main/build/sohoa [--jobs 2]

Metric (cells right): the share of truth cells of the body rows and the total row that
hold a number (blank cells are not counted) whose value was recovered under the right row
and the right column.  The percent row is reported apart ("pct"), not in the main figure.
  row:    predicted rows are matched one-to-one to truth rows by unit name (lower-cased,
          diacritics and punctuation removed, difflib ratio >= 0.7, or a prefix of the
          truth name when a wrapped name was cut), as scangen's scorer does; the total
          row is matched to a predicted "total" (or a row labelled Tổng cộng / Cộng /
          Tổng số), the best candidate counts.
  column: the canonical key when the truth column has one and the prediction gives it;
          else the predicted column whose header path matches the truth's (normalised,
          ratio >= 0.85); else the same position (values[j] <-> truth column j) when the
          prediction has no canonical keys or as many columns as the truth.
  value:  numerically equal ("12.746", "15,75" and numbers all parsed).
  tables: each truth table is scored against every predicted table alone and against all
          of them pooled; the best counts (two tables on one page are two truth tables).
Baseline (same run, same matcher): `tesseract PHOTO - -l vie --psm 4` on the photo as it
is; each text line split on whitespace, its trailing run of numbers taken as the values
left to right, a leading STT dropped, the rest the unit name (scangen's peer).

Reports cells right per damage kind (a photo counts under every kind it has), per primary
kind (single kinds, "combo" for combinations), per engine, dpi band, table shape and
orientation, for sohoa and the baseline; one line per photo; the photos where sohoa
returned no table or no cell, and whether it said so (non-zero exit code, a finding in
its JSON, or nothing: silent); the photos below the baseline; seconds per photo for sohoa
(wall) and for the tesseract pass of the baseline (OMP_THREAD_LIMIT=1).
Writes JSON (--out, default <set>/../score_<setname>.json) and the text summary beside it.
"""
import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "scangen_score", os.path.join(os.path.dirname(HERE), "scangen", "score.py"))
ss = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ss)

norm_name, sim, same, parse_num = ss.norm_name, ss.sim, ss.same, ss.parse_num
CANONICAL = ss.CANONICAL_KEYS
TOTAL_LABELS = ss.TOTAL_LABELS
PCT_LABELS = {"ty le", "ty le %", "ty le phan tram"}


# ------------------------------------------------------------------ predictions

def pred_tables_sohoa(js):
    """-> list of {keys, headers, rows: [(unit, values)], totals: [values], pcts: [values]}"""
    out = []
    js = js or {}
    tables = list(js.get("tables") or [])
    for d in js.get("documents") or []:
        if isinstance(d, dict):
            tables += d.get("tables") or []
    for t in tables:
        cols = t.get("columns") or []
        keys = [c.get("key") if isinstance(c, dict) else None for c in cols]
        heads = [" / ".join(c.get("header") or []) if isinstance(c, dict) else "" for c in cols]
        rows, totals, pcts = [], [], []
        for r in t.get("rows") or []:
            unit = r.get("unit") or ""
            vals = r.get("values") or []
            nu = norm_name(unit)
            if nu in TOTAL_LABELS:
                totals.append(vals)
            elif nu in PCT_LABELS:
                pcts.append(vals)
            else:
                rows.append((unit, vals))
        for name, acc in (("total", totals), ("percent", pcts)):
            line = t.get(name)
            if isinstance(line, dict) and line.get("values"):
                acc.append(line["values"])
        out.append({"keys": keys, "headers": [norm_name(h) for h in heads], "rows": rows,
                    "totals": totals, "pcts": pcts})
    return out


def baseline_parse(text, ncols):
    rows, totals, pcts = [], [], []
    for line in text.splitlines():
        toks = [t.strip("|[]{}") for t in line.split()]
        toks = [t for t in toks if t]
        nums = []
        while toks:
            if parse_num(toks[-1]) is None:
                break
            nums.insert(0, toks.pop())
        if not nums:
            continue
        if toks and re.fullmatch(r"\d+\.?", toks[0]):
            toks = toks[1:]
        unit = " ".join(toks)
        nu = norm_name(unit)
        if not nu:
            continue
        if len(nums) > ncols:
            nums = nums[-ncols:]
        if nu in TOTAL_LABELS:
            totals.append(nums)
        elif nu in PCT_LABELS:
            pcts.append(nums)
        else:
            rows.append((unit, nums))
    return [{"keys": None, "headers": None, "rows": rows, "totals": totals, "pcts": pcts}]


# ------------------------------------------------------------------ matching

def column_map(truth_cols, pred):
    """truth column j -> index into the predicted values (or None)."""
    keys = pred["keys"] or []
    heads = pred["headers"] or []
    canon = sum(1 for k in keys if k in CANONICAL) >= max(1, (len(keys) + 1) // 2) if keys else False
    out = []
    for j, c in enumerate(truth_cols):
        k = c["key"]
        if k in CANONICAL and k in keys:
            out.append(keys.index(k))
            continue
        th = norm_name(" / ".join(c["header"]))
        best, bi = 0.0, None
        for i, h in enumerate(heads):
            r = sim(th, h) if h else 0.0
            if r > best:
                best, bi = r, i
        if bi is not None and best >= 0.85:
            out.append(bi)
        elif not canon or len(keys) == len(truth_cols):
            out.append(j)
        else:
            out.append(None)
    return out


def _val(vals, i):
    return vals[i] if i is not None and i < len(vals) else None


def score_table(t, preds):
    """Cells right of one truth table against a list of predicted tables taken as one pool."""
    cols = t["columns"]
    prow = []
    for p in preds:
        cm = column_map(cols, p)
        for u, v in p["rows"]:
            prow.append((norm_name(u), cm, v))
    pairs = []
    for i, r in enumerate(t["rows"]):
        nu = norm_name(r["unit"])
        for k, (pu, _, _) in enumerate(prow):
            s = sim(nu, pu)
            if s >= 0.7:
                pairs.append((s, i, k))
    pairs.sort(reverse=True)
    match, used = {}, set()
    for s, i, k in pairs:
        if i in match or k in used:
            continue
        match[i] = k
        used.add(k)
    res = {"cells": 0, "correct": 0, "rows": len(t["rows"]), "rows_matched": len(match),
           "pct_cells": 0, "pct_correct": 0}
    for i, r in enumerate(t["rows"]):
        cells = [(j, v) for j, v in enumerate(r["values"]) if v is not None]
        res["cells"] += len(cells)
        if i in match:
            _, cm, pv = prow[match[i]]
            res["correct"] += sum(1 for j, v in cells if same(_val(pv, cm[j]), v))
    for name, field, ck, nk in (("total", "totals", "correct", "cells"),
                                ("percent", "pcts", "pct_correct", "pct_cells")):
        line = t.get(name)
        if not line:
            continue
        cells = [(j, v) for j, v in enumerate(line["values"]) if v is not None]
        res[nk] += len(cells)
        best = 0
        for p in preds:
            cm = column_map(cols, p)
            for pv in p[field]:
                best = max(best, sum(1 for j, v in cells if same(_val(pv, cm[j]), v)))
        res[ck] += best
    return res


def score_photo(truth, preds):
    tot = {"cells": 0, "correct": 0, "rows": 0, "rows_matched": 0, "pct_cells": 0, "pct_correct": 0}
    for t in truth["tables"]:
        cands = [[p] for p in preds] + ([preds] if len(preds) > 1 else [])
        best = None
        for c in cands or [[]]:
            r = score_table(t, c)
            if best is None or (r["correct"], r["pct_correct"]) > (best["correct"], best["pct_correct"]):
                best = r
        for k in tot:
            tot[k] += best[k]
    return tot


# ------------------------------------------------------------------ runners

def run_sohoa(sohoa, path, timeout):
    t0 = time.time()
    try:
        r = subprocess.run([sohoa, "tables", path, "--json"], capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"rc": None, "seconds": time.time() - t0, "json": None, "stderr": "timeout"}
    dt = time.time() - t0
    js = None
    try:
        js = json.loads(r.stdout) if r.stdout.strip() else None
    except json.JSONDecodeError:
        js = None
    return {"rc": r.returncode, "seconds": dt, "json": js, "stderr": r.stderr.strip()[-400:]}


def findings_of(js):
    out = list((js or {}).get("findings") or [])
    for d in (js or {}).get("documents") or []:
        if isinstance(d, dict):
            out += d.get("findings") or []
            if d.get("error"):
                out.append({"kind": "error", "message": str(d["error"])})
    if (js or {}).get("error"):
        out.append({"kind": "error", "message": str(js["error"])})
    return out


def run_baseline(path, ncols):
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    t0 = time.time()
    r = subprocess.run(["tesseract", path, "-", "-l", "vie", "--psm", "4"], capture_output=True,
                       text=True, env=env)
    return baseline_parse(r.stdout, ncols), time.time() - t0, r.stdout


def score_one(args):
    setdir, entry, opt = args
    path = os.path.join(setdir, entry["file"])
    with open(path + ".json", encoding="utf-8") as f:
        truth = json.load(f)
    ncols = max((len(t["columns"]) for t in truth["tables"]), default=0)
    res = {"file": entry["file"], "kinds": entry["kinds"], "primary": entry["primary"],
           "engine": entry["engine"], "dpi": entry["dpi"], "shape": entry["shape"],
           "orientation": entry["orientation"], "font": entry.get("font"),
           "marks": entry.get("marks") or [], "tables_on_page": entry.get("tables", 1)}
    if not opt.no_sohoa:
        s = run_sohoa(opt.sohoa, path, opt.timeout)
        preds = pred_tables_sohoa(s["json"]) if s["rc"] == 0 or s["json"] else []
        sc = score_photo(truth, preds)
        fnd = findings_of(s["json"])
        n_rows = sum(len(p["rows"]) for p in preds)
        res["sohoa"] = dict(sc, seconds=round(s["seconds"], 2), rc=s["rc"],
                            tables=len(preds), rows_out=n_rows,
                            empty=(len(preds) == 0 or n_rows == 0),
                            findings=len(fnd),
                            finding_kinds=sorted({str(x.get("kind")) for x in fnd}),
                            finding_sample=[str(x.get("message", ""))[:160] for x in fnd[:3]],
                            stderr=s["stderr"][-200:] if s["rc"] not in (0,) else "")
    if not opt.no_baseline:
        preds, dt, text = run_baseline(path, ncols)
        res["baseline"] = dict(score_photo(truth, preds), seconds=round(dt, 2))
        if opt.keep_text:
            res["baseline"]["text"] = text
    return res


# ------------------------------------------------------------------ report

def dpi_band(d):
    return "150-170" if d < 170 else ("170-200" if d < 200 else "200-230")


def group(results, keyf):
    g = {}
    for r in results:
        ks = keyf(r)
        for k in (ks if isinstance(ks, list) else [ks]):
            d = g.setdefault(k, {"photos": 0, "cells": 0, "sohoa": 0, "baseline": 0, "pct_cells": 0,
                                 "sohoa_pct": 0, "baseline_pct": 0, "sohoa_s": 0.0, "tess_s": 0.0,
                                 "sohoa_empty": 0})
            d["photos"] += 1
            ref = r.get("sohoa") or r.get("baseline")
            d["cells"] += ref["cells"]
            d["pct_cells"] += ref["pct_cells"]
            if "sohoa" in r:
                d["sohoa"] += r["sohoa"]["correct"]
                d["sohoa_pct"] += r["sohoa"]["pct_correct"]
                d["sohoa_s"] += r["sohoa"]["seconds"]
                d["sohoa_empty"] += int(r["sohoa"]["empty"])
            if "baseline" in r:
                d["baseline"] += r["baseline"]["correct"]
                d["baseline_pct"] += r["baseline"]["pct_correct"]
                d["tess_s"] += r["baseline"]["seconds"]
    for d in g.values():
        n = d["cells"] or 1
        d["sohoa_acc"] = d["sohoa"] / n
        d["baseline_acc"] = d["baseline"] / n
        d["sohoa_s_per_photo"] = d["sohoa_s"] / d["photos"]
        d["tess_s_per_photo"] = d["tess_s"] / d["photos"]
    return g


def fmt_group(title, g, hs, hb):
    lines = ["", "== by %s" % title,
             "%-16s %6s %6s %8s %8s %8s %8s %8s %5s" % ("", "photos", "cells", "sohoa", "baseline",
                                                        "s pct", "b pct", "s/photo", "t/ph")]
    for k in sorted(g, key=str):
        d = g[k]
        pc = d["pct_cells"]
        lines.append("%-16s %6d %6d %8s %8s %8s %8s %8s %5s" % (
            str(k)[:16], d["photos"], d["cells"],
            "%.1f%%" % (100 * d["sohoa_acc"]) if hs else "-",
            "%.1f%%" % (100 * d["baseline_acc"]) if hb else "-",
            "%.1f%%" % (100 * d["sohoa_pct"] / pc) if hs and pc else "-",
            "%.1f%%" % (100 * d["baseline_pct"] / pc) if hb and pc else "-",
            "%.1fs" % d["sohoa_s_per_photo"] if hs else "-",
            "%.1fs" % d["tess_s_per_photo"] if hb else "-"))
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", required=True, help="set directory (with manifest.json)")
    ap.add_argument("--sohoa", default=os.environ.get("SOHOA", "/work/main/build/sohoa"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", help="JSON output (the text summary is written beside it as .txt)")
    ap.add_argument("--only", help="regex on the photo file name")
    ap.add_argument("--no-sohoa", action="store_true")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--keep-text", action="store_true", help="keep the baseline OCR text in the JSON")
    opt = ap.parse_args()
    if not opt.no_sohoa and not os.access(opt.sohoa, os.X_OK):
        sys.exit("score.py: %s: not an executable sohoa binary" % opt.sohoa)
    with open(os.path.join(opt.set, "manifest.json"), encoding="utf-8") as f:
        man = json.load(f)
    tasks = [(opt.set, e, opt) for e in man["files"]
             if not opt.only or re.search(opt.only, e["file"])]
    t0 = time.time()
    results = []
    with ThreadPoolExecutor(max(1, opt.jobs)) as ex:
        for i, r in enumerate(ex.map(score_one, tasks)):
            results.append(r)
            s, b = r.get("sohoa"), r.get("baseline")
            print("[%d/%d] %-44s sohoa %s  base %s" % (
                i + 1, len(tasks), r["file"],
                "%d/%d" % (s["correct"], s["cells"]) + (" EMPTY" if s["empty"] else "") if s else "-",
                "%d/%d" % (b["correct"], b["cells"]) if b else "-"), file=sys.stderr, flush=True)
    hs, hb = not opt.no_sohoa, not opt.no_baseline
    lines = ["photos table scores  set: %s  (%d photos)" % (opt.set, len(results)),
             "sohoa: %s%s" % (opt.sohoa, "" if hs else " (not run)"),
             "cells right = numeric body+total cells recovered under the right row and column / "
             "truth cells; pct = the Tỷ lệ %% row apart; s/photo = sohoa wall seconds, "
             "t/ph = the baseline's tesseract seconds (--jobs %d)" % opt.jobs]
    groups = {}
    for title, kf in [("all", lambda r: "all"), ("damage kind (photo in every kind it has)",
                                                 lambda r: r["kinds"]),
                      ("primary kind", lambda r: r["primary"]), ("engine", lambda r: r["engine"]),
                      ("dpi over the page", lambda r: dpi_band(r["dpi"])),
                      ("table shape", lambda r: r["shape"]),
                      ("orientation", lambda r: r["orientation"]),
                      ("tables on page", lambda r: r["tables_on_page"]),
                      ("marks", lambda r: "+".join(r["marks"]) or "none")]:
        g = group(results, kf)
        groups[title] = g
        lines += fmt_group(title, g, hs, hb)
    lines += ["", "== per photo", "%-44s %-26s %5s %12s %12s %6s %6s  %s" % (
        "file", "kinds", "dpi", "sohoa", "baseline", "s sec", "t sec", "sohoa said")]
    for r in results:
        s, b = r.get("sohoa"), r.get("baseline")
        n = (s or b)["cells"] or 1
        said = ""
        if s:
            said = "rc=%s tables=%d rows=%d findings=%d%s" % (
                s["rc"], s["tables"], s["rows_out"], s["findings"],
                " (" + ",".join(s["finding_kinds"]) + ")" if s["finding_kinds"] else "")
        lines.append("%-44s %-26s %5.0f %12s %12s %6s %6s  %s" % (
            r["file"][:44], "+".join(r["kinds"])[:26], r["dpi"],
            "%d/%d %3.0f%%" % (s["correct"], s["cells"], 100 * s["correct"] / n) if s else "-",
            "%d/%d %3.0f%%" % (b["correct"], b["cells"], 100 * b["correct"] / n) if b else "-",
            "%.1f" % s["seconds"] if s else "-", "%.1f" % b["seconds"] if b else "-", said))
    summary = {}
    if hs:
        empty = [r for r in results if r["sohoa"]["empty"]]
        by_exit = [r for r in empty if r["sohoa"]["rc"] not in (0, None) or r["sohoa"]["rc"] is None]
        by_find = [r for r in empty if r not in by_exit and r["sohoa"]["findings"]]
        silent = [r for r in empty if r not in by_exit and r not in by_find]
        zero = [r for r in results if not r["sohoa"]["empty"] and r["sohoa"]["correct"] == 0]
        summary.update(empty=len(empty), empty_nonzero_exit=len(by_exit),
                       empty_with_finding=len(by_find), empty_silent=len(silent),
                       nonempty_but_zero_cells=len(zero))
        lines += ["", "== sohoa returned no table/row on %d of %d photos: %d with a non-zero exit, "
                  "%d with a finding (exit 0), %d silent; %d more returned rows but no cell right"
                  % (len(empty), len(results), len(by_exit), len(by_find), len(silent), len(zero))]
        for r in empty:
            s = r["sohoa"]
            lines.append("  %-44s rc=%s findings=%d %s %s" % (
                r["file"], s["rc"], s["findings"], "; ".join(s["finding_sample"])[:120],
                s["stderr"][:120]))
    if hs and hb:
        worse = [r for r in results if r["sohoa"]["correct"] < r["baseline"]["correct"]]
        summary["below_baseline"] = len(worse)
        lines += ["", "== photos where sohoa < baseline: %d" % len(worse)]
        for r in worse:
            n = r["sohoa"]["cells"] or 1
            lines.append("  %-44s %-26s sohoa %.3f  base %.3f" % (
                r["file"], "+".join(r["kinds"]), r["sohoa"]["correct"] / n, r["baseline"]["correct"] / n))
    d = groups["all"].get("all")
    lines.append("")
    lines.append("scored %d photos in %.0fs" % (len(results), time.time() - t0))
    if d:
        lines.append("CELLS RIGHT  sohoa %s  baseline %s   seconds/photo sohoa %s  tesseract %s" % (
            "%.1f%%" % (100 * d["sohoa_acc"]) if hs else "-",
            "%.1f%%" % (100 * d["baseline_acc"]) if hb else "-",
            "%.1f" % d["sohoa_s_per_photo"] if hs else "-",
            "%.1f" % d["tess_s_per_photo"] if hb else "-"))
    text = "\n".join(lines)
    print(text)
    out = opt.out or os.path.join(os.path.dirname(os.path.abspath(opt.set.rstrip("/"))),
                                  "score_%s.json" % os.path.basename(opt.set.rstrip("/")))
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"set": opt.set, "sohoa": opt.sohoa if hs else None, "summary": summary,
                   "groups": {k: {str(kk): vv for kk, vv in v.items()} for k, v in groups.items()},
                   "photos": results}, f, ensure_ascii=False, indent=1)
    with open(out[:-5] + ".txt" if out.endswith(".json") else out + ".txt", "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print("wrote", out, file=sys.stderr)


if __name__ == "__main__":
    main()
