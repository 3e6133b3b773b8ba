#!/usr/bin/env python3
"""Score `sohoa tables --json` on a scans3 set beside a naive peer, in the same run.

peer: PDFs -> `pdftoppm -r 300 -gray`; every page image -> `tesseract IMG - -l vie --psm 4`
      (OMP_THREAD_LIMIT=1); each text line split on whitespace (ruling bars | [ ] stuck to a
      token stripped): a leading STT (1-2 digits or a
      roman numeral) dropped, the words before the first number are the label (the line above
      when a line has numbers only: a wrapped unit name), the numeric tokens are the values,
      left to right = the truth's columns left to right.
sohoa: body rows (unit), `total` and `percent` objects; its columns are given to truth columns
      by header path (similarity of the diacritic-free leaf >= 0.75 and of the whole path
      >= 0.55, one-to-one, best first); leftover columns by position when the table has exactly
      as many columns as the truth.
rows (both): each truth row to at most one output row, greedily by label similarity (difflib
      ratio of diacritic-free lower-case labels, "ủy ban nhân dân" = "ubnd", a leading "- "
      dropped; or 0.95 x the ratio against the truth's start of the same length when the output
      is >= 6 characters and >= 40% of it); >= 0.75 needed. A total/percent object of sohoa
      matches the truth's total/percent row directly.
cells: recall = numeric truth cells (body, total, percent rows) read right / all of them;
      precision = right / numeric cells the tool put out (every table, every row, matched or
      not; the peer: every numeric token on a labelled line). "12.746" = 12746, "98,5%" = 98.5.
      Blank truth cells and "-" are counted apart (right when the output is empty / a dash or 0).

usage: score.py --set DIR [--sohoa PATH] [--out FILE.json] [--only REGEX] [--no-peer] [--no-sohoa] [--keep DIR]
"""
import argparse
import difflib
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict

NUMRE = re.compile(r"^\(?[+-]?\d[\d.,]*%?\)?[.,;:]?$")


def fold(s):
    s = unicodedata.normalize("NFC", s or "").lower()
    s = s.replace("ủy ban nhân dân", "ubnd").replace("uỷ ban nhân dân", "ubnd")
    s = s.replace("đ", "d")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")
    s = re.sub(r"[^a-z0-9%' ]+", " ", s)
    return " ".join(s.split())


def sim(truth_label, out_label):
    a, b = fold(truth_label), fold(out_label)
    if not a or not b:
        return 0.0
    r = difflib.SequenceMatcher(None, a, b).ratio()
    if len(b) >= 6 and len(b) >= 0.4 * len(a) and len(b) < len(a):
        r = max(r, 0.95 * difflib.SequenceMatcher(None, a[:len(b)], b).ratio())
    return r


def num(v):
    """Printed or output value -> float, '-' -> '-', blank -> None, unreadable -> 'X'."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "X"
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).strip().rstrip(".,;:").strip("()").replace(" ", "")
    if s == "":
        return None
    if s in ("-", "–", "—"):
        return "-"
    s = s.rstrip("%")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", s):
        return float(re.sub(r"[.,]", "", s))
    if re.fullmatch(r"\d+([.,]\d+)?", s):
        return float(s.replace(",", "."))
    return "X"


def same(truth_v, out_v):
    t, o = num(truth_v), num(out_v)
    if t is None:
        return o is None
    if t == "-":
        return o in ("-", None, 0.0)
    return isinstance(o, float) and abs(o - t) < 1e-6


def match_rows(truth_rows, cands):
    pairs = []
    for i, tr in enumerate(truth_rows):
        for j, c in enumerate(cands):
            if c["kind"] in ("total", "percent") and c["kind"] == tr["kind"]:
                s = 1.0
            else:
                s = sim(tr["label"], c["label"])
            if s >= 0.75:
                pairs.append((s, i, j))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    m, used = {}, set()
    for s, i, j in pairs:
        if i not in m and j not in used:
            m[i] = j; used.add(j)
    return m


def map_columns(out_cols, truth_cols):
    pairs = []
    for k, oc in enumerate(out_cols):
        hp = [h for h in (oc.get("header") or []) if h]
        if not hp:
            continue
        for j, tc in enumerate(truth_cols):
            leaf = difflib.SequenceMatcher(None, fold(hp[-1]), fold(tc[-1])).ratio()
            whole = difflib.SequenceMatcher(None, fold(" ".join(hp)), fold(" ".join(tc))).ratio()
            if leaf >= 0.75 and whole >= 0.55:
                pairs.append((leaf + whole, k, j))
    pairs.sort(key=lambda x: -x[0])
    m, used = {}, set()
    for s, k, j in pairs:
        if k not in m and j not in used:
            m[k] = j; used.add(j)
    if len(out_cols) == len(truth_cols):
        for k in range(len(out_cols)):
            if k not in m and k not in used:
                m[k] = k; used.add(k)
    return m


def sohoa_cands(js, truth_cols):
    cands, ntab, structs = [], 0, []
    for d in js.get("documents", []):
        for t in d.get("tables", []):
            ntab += 1
            structs.append(t.get("structure"))
            cm = map_columns(t.get("columns", []), truth_cols)

            def add(label, values, kind):
                vals, nout = {}, 0
                for k, v in enumerate(values or []):
                    if isinstance(num(v), float):
                        nout += 1
                    if k in cm:
                        vals[cm[k]] = v
                cands.append({"label": label or "", "vals": vals, "kind": kind, "nout": nout})
            for r in t.get("rows", []):
                add(r.get("unit") or "", r.get("values"), "body")
            if t.get("total"):
                add(t["total"].get("label") or "Tổng cộng", t["total"].get("values"), "total")
            if t.get("percent"):
                add(t["percent"].get("label") or "Tỷ lệ %", t["percent"].get("values"), "percent")
    return cands, ntab, structs


ROMAN = re.compile(r"^[IVX]{1,4}[.)]?$")


def peer_cands(text):
    cands, prev = [], ""
    for line in text.splitlines():
        toks = [t.strip("|[]{}") for t in line.split()]
        toks = [t for t in toks if t]
        if not toks:
            continue
        if len(toks) > 1 and (re.fullmatch(r"\d{1,2}[.)]?", toks[0]) or ROMAN.match(toks[0])) and not NUMRE.match(toks[1]):
            toks = toks[1:]
        k = 0
        while k < len(toks) and not NUMRE.match(toks[k]) and toks[k] not in ("-", "–"):
            k += 1
        label = " ".join(toks[:k])
        vals = [v for v in toks[k:] if NUMRE.match(v) or v in ("-", "–")]
        if not vals:
            prev = label
            continue
        if not label:
            # numbers only: a leading STT then values; label from the line above
            if len(vals) > 1 and re.fullmatch(r"\d{1,2}", vals[0]):
                vals = vals[1:]
            label = prev
        if label:
            cands.append({"label": label, "vals": dict(enumerate(vals)), "kind": "?",
                          "nout": sum(isinstance(num(v), float) for v in vals)})
        prev = ""
    return cands


def run_sohoa(sohoa, path, timeout):
    t0 = time.time()
    try:
        p = subprocess.run([sohoa, "tables", "--json", "--quiet", path], capture_output=True, text=True, timeout=timeout)
        out, rc, err = p.stdout, p.returncode, p.stderr[-300:]
    except subprocess.TimeoutExpired:
        out, rc, err = "", "timeout", ""
    dt = time.time() - t0
    try:
        js = json.loads(out) if out.strip() else {}
    except json.JSONDecodeError:
        js = {}
    return js, dt, rc, err


def run_peer(path, truth, timeout):
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    t0 = time.time()
    texts = []
    with tempfile.TemporaryDirectory() as tmp:
        imgs = [path]
        if path.lower().endswith(".pdf"):
            subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", path, os.path.join(tmp, "p")], check=True, timeout=timeout)
            imgs = sorted(glob.glob(os.path.join(tmp, "p*.png")))
        for im in imgs:
            p = subprocess.run(["tesseract", im, "-", "-l", "vie", "--psm", "4"], capture_output=True, text=True,
                               timeout=timeout, env=env)
            texts.append(p.stdout)
    return "\n".join(texts), time.time() - t0


def score_file(truth, cands):
    res = defaultdict(int)
    rows = truth["rows"]
    m = match_rows(rows, cands)
    per_kind = defaultdict(lambda: [0, 0])
    for i, r in enumerate(rows):
        c = cands[m[i]] if i in m else None
        res["rows"] += 1
        res["rows_found"] += c is not None
        for j, v in enumerate(r["values"]):
            tv = num(v)
            ov = c["vals"].get(j) if c else None
            if isinstance(tv, float):
                res["num"] += 1
                ok = c is not None and same(v, ov)
                res["num_right"] += ok
                per_kind[r["kind"]][0] += ok; per_kind[r["kind"]][1] += 1
            else:
                res["blank"] += 1
                res["blank_right"] += c is not None and same(v, ov)
    res["out_cells"] = sum(c["nout"] for c in cands)
    for k, (a, b) in per_kind.items():
        res[f"num_right_{k}"] = a; res[f"num_{k}"] = b
    return dict(res)


def pct(a, b):
    return f"{100.0 * a / b:5.1f}%" if b else "   - "


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", required=True)
    ap.add_argument("--sohoa", default="/work/main/build/sohoa")
    ap.add_argument("--out")
    ap.add_argument("--only")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--no-sohoa", action="store_true")
    ap.add_argument("--timeout", type=int, default=400)
    ap.add_argument("--keep", help="directory to keep sohoa's JSON and the peer's text per file")
    a = ap.parse_args()
    files = sorted(f for f in glob.glob(os.path.join(a.set, "*.json")) if not f.endswith("manifest.json"))
    if a.only:
        files = [f for f in files if re.search(a.only, f)]
    results = []
    for jf in files:
        truth = json.load(open(jf))
        path = os.path.join(a.set, truth["file"])
        rec = {"file": truth["file"], "kind": truth["kind"], "engine": truth["engine"], "report": truth["report"],
               "format": truth["format"], "pages": truth["pages"], "rules": truth["style"]["rules"],
               "two_page_table": truth["two_page_table"], "shape": truth["shape"]}
        if not a.no_sohoa:
            js, dt, rc, err = run_sohoa(a.sohoa, path, a.timeout)
            cands, ntab, structs = sohoa_cands(js, truth["columns"])
            rec["sohoa"] = score_file(truth, cands)
            if a.keep:
                os.makedirs(a.keep, exist_ok=True)
                json.dump(js, open(os.path.join(a.keep, truth["file"] + ".sohoa.json"), "w"), ensure_ascii=False, indent=1)
            rec["sohoa"].update({"seconds": round(dt, 2), "tables": ntab, "structure": structs, "exit": rc})
        if not a.no_peer:
            text, dt = run_peer(path, truth, a.timeout)
            rec["peer"] = score_file(truth, peer_cands(text))
            if a.keep:
                os.makedirs(a.keep, exist_ok=True)
                open(os.path.join(a.keep, truth["file"] + ".peer.txt"), "w").write(text)
            rec["peer"]["seconds"] = round(dt, 2)
        results.append(rec)
        line = f"{truth['file']:48s}"
        for who in ("sohoa", "peer"):
            if who in rec:
                r = rec[who]
                line += f"  {who} {r.get('num_right', 0):4d}/{r.get('num', 0):4d} {pct(r.get('num_right', 0), r.get('num', 0))} {r['seconds']:6.1f}s"
                if who == "sohoa":
                    line += f" t={r['tables']} {','.join(str(s) for s in r['structure'])}"
        print(line, flush=True)

    def agg(key):
        groups = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
        for rec in results:
            g = rec[key] if key != "all" else "all"
            for who in ("sohoa", "peer"):
                if who in rec:
                    d = groups[str(g)][who]
                    for k, v in rec[who].items():
                        if isinstance(v, (int, float)) and not isinstance(v, bool):
                            d[k] += v
                    d["pages"] += rec["pages"]
                    d["files"] += 1
        return groups

    lines, summary = [], {}
    for key in ("all", "kind", "engine", "report", "format", "rules", "two_page_table", "shape"):
        g = agg(key)
        summary[key] = {}
        lines.append(f"\n== by {key} ==  (recall = numeric cells right / truth; precision = right / put out; s/page)")
        lines.append(f"{'':16s} {'files':>5s} {'cells':>6s} | {'sohoa rec':>9s} {'prec':>6s} {'s/pg':>5s} | {'peer rec':>9s} {'prec':>6s} {'s/pg':>5s}")
        for name in sorted(g):
            row = {}
            s = g[name].get("sohoa", {}); p = g[name].get("peer", {})
            any_ = s or p
            ln = f"{name:16s} {int(any_['files']):5d} {int(any_.get('num', 0)):6d} |"
            for who, d in (("sohoa", s), ("peer", p)):
                if d:
                    rec_ = d["num_right"] / d["num"] if d.get("num") else None
                    prec = d["num_right"] / d["out_cells"] if d.get("out_cells") else None
                    spp = d["seconds"] / d["pages"]
                    row[who] = {"recall": rec_, "precision": prec, "num_right": int(d["num_right"]), "num": int(d["num"]),
                                "out_cells": int(d.get("out_cells", 0)), "seconds_per_page": round(spp, 2),
                                "rows_found": int(d["rows_found"]), "rows": int(d["rows"]),
                                "blank_right": int(d.get("blank_right", 0)), "blank": int(d.get("blank", 0)),
                                "files": int(d["files"]), "pages": int(d["pages"])}
                    for rk in ("body", "total", "percent"):
                        if d.get(f"num_{rk}"):
                            row[who][f"recall_{rk}"] = d[f"num_right_{rk}"] / d[f"num_{rk}"]
                    ln += f" {pct(d['num_right'], d['num']):>9s} {pct(d['num_right'], d.get('out_cells', 0)):>6s} {spp:5.1f} |"
                else:
                    ln += f" {'':>9s} {'':>6s} {'':>5s} |"
            summary[key][name] = row
            lines.append(ln)
    # row kinds and blanks, overall
    tot = agg("all")["all"]
    lines.append("\n== by row kind (recall) and blank/dash cells ==")
    for who in ("sohoa", "peer"):
        d = tot.get(who)
        if d:
            lines.append(f"{who:6s} body {pct(d.get('num_right_body', 0), d.get('num_body', 0))}  total {pct(d.get('num_right_total', 0), d.get('num_total', 0))}"
                         f"  percent {pct(d.get('num_right_percent', 0), d.get('num_percent', 0))}  rows found {pct(d['rows_found'], d['rows'])}"
                         f"  blank/dash right {pct(d.get('blank_right', 0), d.get('blank', 0))}")
    if not a.no_sohoa:
        none = [r["file"] for r in results if r["sohoa"]["tables"] == 0]
        lines.append(f"\nsohoa found no table in {len(none)} file(s): {' '.join(none)}")
        if not a.no_peer:
            below = [r["file"] for r in results if r["sohoa"].get("num_right", 0) < r["peer"].get("num_right", 0)]
            lines.append(f"sohoa below the peer on {len(below)} of {len(results)} file(s): {' '.join(below)}")
    txt = "\n".join(lines)
    print(txt)
    out = a.out or os.path.join(os.path.dirname(os.path.abspath(a.set.rstrip("/"))), f"score_{os.path.basename(a.set.rstrip('/'))}.json")
    json.dump({"set": a.set, "sohoa": a.sohoa, "summary": summary, "files": results}, open(out, "w"), ensure_ascii=False, indent=1)
    open(out[:-5] + ".txt", "w").write(txt + "\n")
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
