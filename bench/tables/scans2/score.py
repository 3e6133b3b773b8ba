#!/usr/bin/python3
"""Score `sohoa tables --json` on a scans2 set, beside a naive peer in the same run
(pdftoppm -r 300 for PDFs + `tesseract -l vie --psm 4` + whitespace split of each line).

Matching rule (the same for both tools):
 rows    - every truth row (body, Tổng cộng, Tỷ lệ %) is matched one-to-one, greedily by
           decreasing score, to an output row; score = similarity of the diacritic-free, lower-case
           labels ("ủy ban nhân dân" = "ubnd"), or 0.95 x the similarity of an output label to the
           same-length start of the truth label when the output label is at least 40% (and 6
           characters) of it (a wrapped name read as its first line); a match needs score >= 0.8.
           sohoa's `total` and `percent` objects are rows with their labels.
 columns - sohoa: an output column is the truth column whose header path it matches (leaf
           similarity >= 0.8 and whole-path similarity >= 0.6, one-to-one, best first); columns left
           over take the truth column of the same position when the table has exactly as many value
           columns as the truth. Peer: values are the numeric tokens of the line after the label,
           left to right = truth columns left to right.
 cells   - right when the value equals the printed one (Vietnamese "1.234" = 1234, "45,67" = 45.67);
           a blank truth cell is right when the output is null/empty, a "-" cell when null, "-" or 0.
 Headline = numeric cells (printed figures); blank/"-" cells are reported apart."""
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


def norm(s):
    s = unicodedata.normalize("NFD", s or "").replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9%]+", " ", s).strip()
    s = s.replace("uy ban nhan dan", "ubnd")
    return s


def label_score(out, truth):
    a, b = norm(out), norm(truth)
    if not a or not b:
        return 0.0
    r = difflib.SequenceMatcher(None, a, b).ratio()
    if len(a) >= 6 and len(a) >= 0.4 * len(b) and len(a) < len(b):
        r = max(r, 0.95 * difflib.SequenceMatcher(None, a, b[:len(a)]).ratio())
    return r


NUM = re.compile(r"^\(?-?[0-9][0-9.,]*%?\)?$")


def parse_vn(s):
    """Printed Vietnamese number -> float; '' -> None; '-' -> '-'."""
    if s is None:
        return None
    if isinstance(s, (int, float)):
        return float(s)
    s = str(s).strip().strip("()%*")
    if s == "":
        return None
    if s in ("-", "–", "—"):
        return "-"
    if re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+", s):
        return float(s.replace(".", ""))
    if re.fullmatch(r"[0-9.]*,[0-9]+", s):
        return float(s.replace(".", "").replace(",", "."))
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?", s):
        return float(s)
    return "?" + s


def cell_right(truth, out):
    t = parse_vn(truth)
    o = parse_vn(out) if not isinstance(out, (int, float)) or isinstance(out, bool) else float(out)
    if t is None:
        return o is None
    if t == "-":
        return o is None or o == "-" or o == 0.0
    return isinstance(o, float) and abs(o - t) < 1e-6


def match_rows(truth_rows, cands):
    pairs = []
    for i, tr in enumerate(truth_rows):
        for j, c in enumerate(cands):
            s = label_score(c["label"], tr["label"])
            if s >= 0.8:
                pairs.append((s, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    ti, cj, m = set(), set(), {}
    for s, i, j in pairs:
        if i in ti or j in cj:
            continue
        ti.add(i); cj.add(j); m[i] = j
    return m


def map_columns(out_cols, truth_cols):
    """out column index -> truth column index."""
    tp = [" / ".join(norm(h) for h in p) for p in truth_cols]
    tl = [norm(p[-1]) for p in truth_cols]
    pairs = []
    for k, oc in enumerate(out_cols):
        hdr = oc.get("header") or []
        if isinstance(hdr, str):
            hdr = [hdr]
        if not hdr:
            continue
        op = " / ".join(norm(h) for h in hdr)
        ol = norm(hdr[-1])
        for j in range(len(truth_cols)):
            ls = difflib.SequenceMatcher(None, ol, tl[j]).ratio()
            ps = difflib.SequenceMatcher(None, op, tp[j]).ratio()
            if ls >= 0.8 and ps >= 0.6:
                pairs.append((ps + 0.01 * ls, k, j))
    pairs.sort(key=lambda p: (-p[0], p[1]))
    m, used = {}, set()
    for s, k, j in pairs:
        if k in m or j in used:
            continue
        m[k] = j; used.add(j)
    if len(out_cols) == len(truth_cols):
        for k in range(len(out_cols)):
            if k not in m and k not in used:
                m[k] = k; used.add(k)
    return m


def sohoa_cands(js, truth_cols):
    docs = js.get("documents") or [js]
    cands, ntables, structures = [], 0, []
    for d in docs:
        for t in d.get("tables", []):
            ntables += 1
            structures.append(t.get("structure"))
            cm = map_columns(t.get("columns", []), truth_cols)
            def add(label, values, kind):
                vals = {}
                for k, v in enumerate(values or []):
                    if k in cm:
                        vals[cm[k]] = v
                cands.append({"label": label or "", "vals": vals, "kind": kind})
            for r in t.get("rows", []):
                add(r.get("unit") or r.get("label") or "", r.get("values"), "body")
            if t.get("total"):
                add(t["total"].get("label") or "Tổng cộng", t["total"].get("values"), "total")
            if t.get("percent"):
                add(t["percent"].get("label") or "Tỷ lệ %", t["percent"].get("values"), "percent")
    return cands, ntables, structures


def peer_cands(text):
    cands = []
    for line in text.splitlines():
        toks = line.split()
        if not toks:
            continue
        if len(toks) > 1 and re.fullmatch(r"\d{1,2}\.?", toks[0]) and not NUM.match(toks[1]) and toks[1] != "-":
            toks = toks[1:]
        k = 0
        while k < len(toks) and not (NUM.match(toks[k]) or toks[k] in ("-", "–")):
            k += 1
        label = " ".join(toks[:k])
        vals = [v for v in toks[k:] if NUM.match(v) or v in ("-", "–")]
        if label and vals:
            cands.append({"label": label, "vals": dict(enumerate(vals)), "kind": "?"})
    return cands


def score_file(truth, cands):
    rows = truth["rows"]
    m = match_rows(rows, cands)
    res = defaultdict(lambda: [0, 0])
    for i, r in enumerate(rows):
        c = cands[m[i]] if i in m else None
        for j, v in enumerate(r["values"]):
            numeric = isinstance(parse_vn(v), float)
            key = ("num" if numeric else "empty")
            ok = c is not None and j in c["vals"] and cell_right(v, c["vals"][j])
            res[key][1] += 1
            res[key][0] += ok
            if numeric:
                res["num_" + r["kind"]][1] += 1
                res["num_" + r["kind"]][0] += ok
        res["rows"][1] += 1
        res["rows"][0] += i in m
    return {k: list(v) for k, v in res.items()}


def run_sohoa(sohoa, path, timeout):
    t0 = time.time()
    try:
        p = subprocess.run([sohoa, "tables", "--json", "--quiet", path], capture_output=True, text=True, timeout=timeout)
        dt = time.time() - t0
        try:
            js = json.loads(p.stdout) if p.stdout.strip() else {}
        except json.JSONDecodeError:
            js = {}
        return js, dt, p.returncode, p.stderr[-2000:]
    except subprocess.TimeoutExpired:
        return {}, time.time() - t0, "timeout", ""


def run_peer(path, timeout):
    t0 = time.time()
    texts = []
    with tempfile.TemporaryDirectory() as td:
        imgs = [path]
        if path.lower().endswith(".pdf"):
            subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", path, td + "/p"], check=True)
            imgs = sorted(glob.glob(td + "/p*.png"))
        for im in imgs:
            try:
                p = subprocess.run(["tesseract", im, "-", "-l", "vie", "--psm", "4"], capture_output=True, text=True,
                                   timeout=timeout, env=dict(os.environ, OMP_THREAD_LIMIT="1"))
                texts.append(p.stdout)
            except subprocess.TimeoutExpired:
                pass
    return "\n".join(texts), time.time() - t0


def pct(a):
    return "%5.1f%%" % (100.0 * a[0] / a[1]) if a[1] else "   -  "


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", required=True)
    ap.add_argument("--sohoa", default="/work/main/build/sohoa")
    ap.add_argument("--out", default=None)
    ap.add_argument("--only", default=None)
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--no-sohoa", action="store_true")
    ap.add_argument("--timeout", type=int, default=300)
    a = ap.parse_args()
    files = sorted(f for f in glob.glob(os.path.join(a.set, "*.json")) if not f.endswith("manifest.json"))
    if a.only:
        files = [f for f in files if re.search(a.only, f)]
    results = []
    for jf in files:
        truth = json.load(open(jf))
        path = jf[:-5]
        r = {"file": truth["file"], "engine": truth["engine"], "kind": truth["kind"], "rules": truth["rules"],
             "format": truth["format"], "dpi": truth["dpi"], "pages": truth["pages"], "two_page": truth["two_page"],
             "shape": truth["shape"]}
        if not a.no_sohoa:
            js, dt, rc, err = run_sohoa(a.sohoa, path, a.timeout)
            cands, nt, structs = sohoa_cands(js, truth["columns"])
            r["sohoa"] = score_file(truth, cands)
            r["sohoa_sec"] = round(dt, 2)
            r["sohoa_rc"] = rc
            r["sohoa_tables"] = nt
            r["sohoa_structure"] = structs
        if not a.no_peer:
            text, dt = run_peer(path, a.timeout)
            r["peer"] = score_file(truth, peer_cands(text))
            r["peer_sec"] = round(dt, 2)
        s, p = r.get("sohoa", {}), r.get("peer", {})
        print("%-44s %-12s sohoa %s (%s) %5.1fs tables %s %s | peer %s %5.1fs" % (
            r["file"], r["kind"], pct(s.get("num", [0, 0])), "%d/%d" % tuple(s.get("num", [0, 0])), r.get("sohoa_sec", 0),
            r.get("sohoa_tables", "-"), ",".join(str(x) for x in r.get("sohoa_structure", [])),
            pct(p.get("num", [0, 0])), r.get("peer_sec", 0)), flush=True)
        results.append(r)
    # aggregates
    lines = []
    def agg(by):
        groups = defaultdict(lambda: {"s": [0, 0], "p": [0, 0], "se": [0, 0], "pe": [0, 0], "files": 0, "pages": 0,
                                      "ssec": 0.0, "psec": 0.0})
        for r in results:
            keys = by(r)
            for k in (keys if isinstance(keys, list) else [keys]):
                g = groups[k]
                g["files"] += 1; g["pages"] += r["pages"]
                for tool, tk, ek in (("sohoa", "s", "se"), ("peer", "p", "pe")):
                    if tool in r:
                        for z in (0, 1):
                            g[tk][z] += r[tool].get("num", [0, 0])[z]
                            g[ek][z] += r[tool].get("empty", [0, 0])[z]
                g["ssec"] += r.get("sohoa_sec", 0); g["psec"] += r.get("peer_sec", 0)
        return groups
    out = {"set": a.set, "sohoa": a.sohoa, "files": results, "by": {}}
    for name, by in [("all", lambda r: "all"), ("kind", lambda r: r["kind"]), ("engine", lambda r: r["engine"]),
                     ("rules", lambda r: r["rules"]), ("format", lambda r: r["format"]),
                     ("dpi", lambda r: str(r["dpi"])), ("two_page", lambda r: "two_page" if r["two_page"] else "one_page"),
                     ("shape", lambda r: r["shape"])]:
        g = agg(by)
        lines.append("\n== by %s ==  (numeric cells right: sohoa | peer;  blank/'-' cells: sohoa | peer;  s/page)" % name)
        lines.append("%-14s %5s %5s %8s %17s %8s %17s %8s %8s %7s %7s" % ("", "files", "pages", "sohoa", "", "peer", "", "s-empty", "p-empty", "sohoa", "peer"))
        for k in sorted(g):
            v = g[k]
            lines.append("%-14s %5d %5d %8s %17s %8s %17s %8s %8s %6.1fs %6.1fs" % (
                k, v["files"], v["pages"], pct(v["s"]), "(%d/%d)" % tuple(v["s"]), pct(v["p"]), "(%d/%d)" % tuple(v["p"]),
                pct(v["se"]), pct(v["pe"]), v["ssec"] / max(1, v["pages"]), v["psec"] / max(1, v["pages"])))
            out["by"].setdefault(name, {})[k] = v
    rk = defaultdict(lambda: {"s": [0, 0], "p": [0, 0]})
    for r in results:
        for kk in ("num_body", "num_total", "num_percent", "rows"):
            for tool, tk in (("sohoa", "s"), ("peer", "p")):
                if tool in r and kk in r[tool]:
                    rk[kk][tk][0] += r[tool][kk][0]; rk[kk][tk][1] += r[tool][kk][1]
    lines.append("\n== by row kind (numeric cells; rows = truth rows matched) ==")
    for kk, v in rk.items():
        lines.append("%-14s sohoa %s (%d/%d)  peer %s (%d/%d)" % (kk, pct(v["s"]), *v["s"], pct(v["p"]), *v["p"]))
    out["by"]["row_kind"] = rk
    below = [r["file"] for r in results if "sohoa" in r and "peer" in r and
             r["sohoa"].get("num", [0, 1])[0] < r["peer"].get("num", [0, 1])[0]]
    none = [r["file"] for r in results if "sohoa" in r and r.get("sohoa_tables", 0) == 0]
    lines.append("\nsohoa below the peer on %d files: %s" % (len(below), " ".join(below)))
    lines.append("sohoa found no table on %d files: %s" % (len(none), " ".join(none)))
    txt = "\n".join(lines)
    print(txt)
    base = a.out or os.path.join(os.path.dirname(os.path.abspath(a.set.rstrip("/"))), "score_%s" % os.path.basename(a.set.rstrip("/")))
    json.dump(out, open(base + ".json", "w"), ensure_ascii=False, indent=1)
    open(base + ".txt", "w").write(txt + "\n")


if __name__ == "__main__":
    main()
