#!/usr/bin/python3
"""Ruled tables on scans: `sohoa tables --json` beside the naive OCR baseline, same run.

  python3 bench/tables/lattice_eval.py --set DIR [--sohoa build/sohoa] [--layouts scan_png,scan_pdf,born_pdf] [-v]

DIR is a set made by the evalkit's make_scans.py (cases.json + truth files, kept outside
git). Cells are scored with the evalkit's own scorer (score_tables.score_doc: every leaf
cell of body, total and percent rows, blank cells included). The evalkit must be present
(EVALKIT, default /work/shared/evalkit); this is a benchmark, not a test.

Baseline: PDFs rasterised with `pdftoppm -r 300 -gray`, images used as they are;
`tesseract IMG - -l vie --psm 4`; each line split on whitespace; a line starting with
"STT" starts a new table; a line whose trailing tokens are numbers is a row (leading row
number dropped, the rest is the unit; "Tổng cộng" / "Tỷ lệ" lines are the total and
percent rows).

Prints per layout: cells right for sohoa and the baseline, pages below the baseline,
seconds per page for sohoa and for tesseract's own full-page pass (OMP_THREAD_LIMIT=1,
one job at a time unless --jobs).
"""
import argparse
import concurrent.futures as cf
import json
import os
import re
import subprocess
import sys
import tempfile
import time

EVALKIT = os.environ.get("EVALKIT", "/work/shared/evalkit")
sys.path.insert(0, EVALKIT)
import score_tables  # noqa: E402

NUM = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?%?$|^-?\d+(,\d+)?%?$")


def parse_num(tok):
    t = tok.strip("|[]{}()*")
    if t in ("-", "—"):
        return None
    if not NUM.match(t):
        return "x"
    t = t.rstrip("%")
    if "," in t:
        return float(t.replace(".", "").replace(",", "."))
    return int(t.replace(".", ""))


def baseline_tables(text):
    tables, cur = [], None
    for line in text.splitlines():
        toks = [t for t in line.split() if t.strip("|[]{}")]
        if not toks:
            continue
        if score_tables.norm(toks[0]) == "stt":
            cur = {"rows": [], "total": None, "percent": None}
            tables.append(cur)
            continue
        vals = []
        while toks and (parse_num(toks[-1]) != "x" or toks[-1] in ("-", "—")):
            vals.insert(0, parse_num(toks.pop()))
        if not vals or cur is None:
            continue
        if toks and re.fullmatch(r"\d+\.?", toks[0]):
            toks = toks[1:]
        unit = " ".join(toks)
        n = score_tables.norm(unit)
        if n.startswith("tong cong"):
            cur["total"] = {"values": vals}
        elif n.startswith("ty le"):
            cur["percent"] = {"values": vals}
        elif n:
            cur["rows"].append({"unit": unit, "values": vals})
    return {"tables": tables}


def run_baseline(path):
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    with tempfile.TemporaryDirectory() as td:
        if path.lower().endswith(".pdf"):
            subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", path, os.path.join(td, "b")], check=True,
                           capture_output=True)
            imgs = sorted((os.path.join(td, f) for f in os.listdir(td)),
                          key=lambda f: int(re.search(r"-(\d+)\.png$", f).group(1)))
        else:
            imgs = [path]
        texts, secs = [], 0.0
        for im in imgs:
            t0 = time.time()
            r = subprocess.run(["tesseract", im, "-", "-l", "vie", "--psm", "4"], capture_output=True, text=True,
                               env=env)
            secs += time.time() - t0
            texts.append(r.stdout)
    return baseline_tables("\n".join(texts)), secs, len(imgs)


def run_sohoa(sohoa, path, timeout):
    t0 = time.time()
    r = subprocess.run([sohoa, "tables", path, "--json"], capture_output=True, timeout=timeout)
    secs = time.time() - t0
    if r.returncode != 0:
        return None, secs, r.stderr.decode("utf-8", "replace")[-300:]
    data = json.loads(r.stdout)
    tabs = [t for d in data["documents"] for t in d.get("tables") or []]
    return {"tables": tabs}, secs, None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", required=True)
    ap.add_argument("--sohoa", default=os.environ.get("SOHOA", "build/sohoa"))
    ap.add_argument("--layouts", default="scan_png,scan_pdf,born_pdf")
    ap.add_argument("--only", default="", help="regex on the input name")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--no-sohoa", action="store_true", help="baseline only")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    sohoa = os.path.abspath(a.sohoa)
    cases = json.load(open(os.path.join(a.set, "cases.json"), encoding="utf-8"))["cases"]
    layouts = a.layouts.split(",")
    cases = [c for c in cases if c["layout"] in layouts and re.search(a.only, c["input"])]

    def work(c):
        inp = os.path.join(a.set, c["input"])
        truth = json.load(open(os.path.join(a.set, c["truth"]), encoding="utf-8"))
        pred, s_secs, err = (None, 0.0, "not run") if a.no_sohoa else run_sohoa(sohoa, inp, a.timeout)
        m, n, det = score_tables.score_doc(truth, pred) if pred else (0, sum(map(score_tables.count_cells, truth["tables"])), [])
        res = {"case": c["input"], "layout": c["layout"], "cells": n, "sohoa": m, "sohoa_s": s_secs, "err": err,
               "detail": det}
        if not a.no_baseline:
            bpred, b_secs, pages = run_baseline(inp)
            bm, _, _ = score_tables.score_doc(truth, bpred)
            res.update(baseline=bm, tess_s=b_secs, pages=pages)
        return res

    with cf.ThreadPoolExecutor(max(1, a.jobs)) as ex:
        results = list(ex.map(work, cases))
    agg = {}
    for r in results:
        for key in (r["layout"], "all"):
            g = agg.setdefault(key, dict(files=0, cells=0, sohoa=0, baseline=0, below=0, sohoa_s=0.0, tess_s=0.0,
                                         pages=0))
            g["files"] += 1
            g["cells"] += r["cells"]
            g["sohoa"] += r["sohoa"]
            g["sohoa_s"] += r["sohoa_s"]
            if "baseline" in r:
                g["baseline"] += r["baseline"]
                g["below"] += r["sohoa"] < r["baseline"]
                g["tess_s"] += r["tess_s"]
                g["pages"] += r["pages"]
        if a.verbose:
            b = f"  baseline {r['baseline']:4d}  sohoa {r['sohoa_s']:6.1f}s tess {r['tess_s']:6.1f}s" if "baseline" in r else ""
            print(f"{r['case']:<18} {r['sohoa']:4d}/{r['cells']:<4d}{b}  {r['err'] or ''}"
                  f" {' '.join(f'{t}:{m}/{n}' for t, m, n in r['detail'])}")
    print(f"{'layout':<10} {'files':>5} {'cells':>6} {'sohoa':>7} {'baseline':>8} {'below':>5} {'sohoa s/file':>12} {'tess s/file':>11}")
    for k, g in sorted(agg.items()):
        acc = lambda x: x / g["cells"] if g["cells"] else 0
        print(f"{k:<10} {g['files']:5d} {g['cells']:6d} {acc(g['sohoa']):7.4f} {acc(g['baseline']):8.4f} {g['below']:5d}"
              f" {g['sohoa_s'] / g['files']:12.2f} {g['tess_s'] / max(1, g['files']):11.2f}")


if __name__ == "__main__":
    main()
