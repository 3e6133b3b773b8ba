#!/usr/bin/python3
"""Score `sohoa ingest` + `series` + `findings` on an archive made by bench/archive_b/gen.py.

Usage: score_b.py --dir DIR [--sohoa BIN] [--out FILE.json] [-v]

Step 1 runs bench/archive/score_archive.py on DIR unchanged (the truth is in its format:
series recall, cell faults, narrative, carry-over, duplicates, conflicts, gaps, false errors,
re-ingest) and keeps its archive.  Step 2 reads the same archive again and scores what that
format cannot express:

  total faults      a mis-added "Tổng cộng" cell: detected = a column_total / row_identity
                    finding in the document on that column; located = a finding or its suspect
                    on the total row (row label "Tổng cộng", "Cộng", "Tổng", ...) and that
                    column; right value suggested = suspect's suggestion equals the right sum.
  percent faults    a wrong "Tỷ lệ %" cell: detected = a `percentage` finding in the document;
                    located = on that column; right value suggested (within half a unit of
                    the last decimal written).
  merged units      carry-over findings on a department merged that month (its Kỳ trước is
                    the sum of its predecessors' pending): listed, by severity; not faults.
  lũy kế cells      the year-to-date columns: found = a series row of that (period, unit)
                    with that value under any metric; leaked = such a row under a monthly key
                    (received_new, resolved_total, ...) where the month's own value differs.
  by report kind    series recall (alias units) of month / quarter / half_year / year reports
                    and of the scanned months.
  duplicates        reported, by kind (byte copy, re-export in another format).
  false errors      `error` findings in documents with no planted fault of any kind (also no
                    total/percent fault, not the month after a break, not a merge month, not
                    a conflict, not a copy) - the strict version of step 1's figure.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "archive"))
from archlib import fold  # noqa: E402
from score_archive import UnitMatcher  # noqa: E402  (the same unit matching as step 1)

MONTHLY = ["received_total", "received_carryover", "received_new", "resolved_total", "resolved_early",
           "resolved_ontime", "resolved_late", "pending_total", "pending_ontime", "pending_overdue",
           "returned", "online"]


def is_total(lab):
    f = fold(lab or "")
    return f.startswith(("tong cong", "tong so", "cong", "tong")) or f == "total"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--sohoa", default=os.environ.get("SOHOA", "build/sohoa"))
    ap.add_argument("--out", default=None)
    ap.add_argument("--reuse-db", default=None, help="score the extras of an archive already made by step 1")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    d = os.path.abspath(a.dir)
    sohoa = os.path.abspath(a.sohoa)
    tmp = tempfile.mkdtemp(prefix="score_b_")
    db = a.reuse_db or os.path.join(tmp, "archive.db")
    out = a.out or os.path.join(os.path.dirname(d), "score_b_%s.json" % os.path.basename(d))
    step1 = out.replace(".json", "_step1.json")
    cmd = [sys.executable, os.path.join(HERE, "..", "archive", "score_archive.py"), "--dir", d, "--sohoa", sohoa,
           "--keep-db", db, "--out", step1] + (["-v"] if a.verbose else [])
    if not a.reuse_db:
        print("== step 1: bench/archive/score_archive.py (archive kept in %s)" % db, flush=True)
        subprocess.run(cmd, check=False)
    print("== step 2: archive_b extras", flush=True)
    truth = json.load(open(os.path.join(d, "truth.json"), encoding="utf-8"))

    def run(args):
        return subprocess.run([sohoa] + args, capture_output=True).stdout.decode("utf-8", "replace")
    try:
        series = json.loads(run(["series", "--db", db, "--format", "json"]))
        series = series["series"] if isinstance(series, dict) else series
    except ValueError:
        series = []
    try:
        findings = json.loads(run(["findings", "--db", db, "--format", "json"]))
        findings = findings["findings"] if isinstance(findings, dict) else findings
    except ValueError:
        findings = []
    files = {f["file"]: f for f in truth["files"]}
    prov = {p["name"]: p for p in truth["provinces"]}

    def doc_file(doc):
        if not doc:
            return None
        p = doc if os.path.isabs(doc) else os.path.join(d, doc)
        rel = os.path.relpath(os.path.abspath(p), d)
        if rel in files:
            return rel
        return next((f for f in files if doc.endswith(f)), None)

    matchers = {p: UnitMatcher(prov[p]) for p in prov}

    def unit_of(name, pv):
        return matchers[pv["name"]].match(name, "alias") if name else None

    by_doc = collections.defaultdict(list)
    for x in findings:
        f = doc_file(x.get("document"))
        if f:
            by_doc[f].append(x)
    res = {"dir": d, "sohoa": sohoa}

    def sugg_of(x):
        s = x.get("suspect") or {}
        v = s.get("suggested")
        try:
            return float(v) if v is not None else None
        except (TypeError, ValueError):
            return None

    # total faults
    tf = {"n": 0, "detected": 0, "located": 0, "corrected": 0, "right_value_any_key": 0, "per": []}
    for flt in truth["faults"]["total"]:
        tf["n"] += 1
        fs = [x for x in by_doc.get(flt["file"], []) if x.get("kind") in ("column_total", "row_identity")]
        # detected: a sum finding on that column, or on the total row (whatever key the column got)
        det = any(x.get("column") == flt["column"] or (x.get("suspect") or {}).get("column") == flt["column"]
                  or is_total(x.get("row_label")) or is_total((x.get("suspect") or {}).get("row_label"))
                  or is_total((x.get("suspect") or {}).get("unit"))
                  for x in fs)
        loc = cor = anykey = False
        for x in fs:
            s = x.get("suspect") or {}
            lab = s.get("row_label") or s.get("unit") or (s.get("row") if isinstance(s.get("row"), str) else "")
            if is_total(lab) and s.get("column") == flt["column"]:
                loc = True
                cor = cor or sugg_of(x) == float(flt["right"])
            if is_total(lab) and sugg_of(x) == float(flt["right"]):
                anykey = True
        tf["detected"] += det
        tf["located"] += loc
        tf["corrected"] += cor
        tf["right_value_any_key"] += anykey
        tf["per"].append({"file": flt["file"], "column": flt["column"], "detected": det, "located": loc,
                          "corrected": cor})
    res["total_faults"] = tf
    # percent faults
    pf = {"n": 0, "detected": 0, "located": 0, "corrected": 0, "per": []}
    for flt in truth["faults"]["percent"]:
        pf["n"] += 1
        fs = [x for x in by_doc.get(flt["file"], []) if x.get("kind") == "percentage"]
        det = bool(fs)
        loc = any(x.get("column") == flt["column"] for x in fs)
        cor = False
        for x in fs:
            if x.get("column") != flt["column"]:
                continue
            for v in (sugg_of(x), x.get("expected")):
                try:
                    if v is not None and abs(float(v) - float(flt["right"])) <= 0.051:
                        cor = True
                except (TypeError, ValueError):
                    pass
        pf["detected"] += det
        pf["located"] += loc
        pf["corrected"] += cor
        pf["per"].append({"file": flt["file"], "column": flt["column"], "detected": det, "located": loc,
                          "corrected": cor})
    res["percent_faults"] = pf
    # merged departments
    mg = []
    for m in truth["faults"]["merge"]:
        fl = [f["file"] for f in truth["files"] if f["province"] == m["province"] and f["period"] == m["period"]]
        for f in fl:
            for x in by_doc.get(f, []):
                if x.get("kind") == "carryover" and unit_of(x.get("row_label") or (x.get("suspect") or {}).get("row_label"),
                                                            prov[m["province"]]) in [m["unit"]] + m["predecessors"]:
                    mg.append({"file": f, "unit": m["unit"], "severity": x.get("severity")})
    res["merge_carryover_findings"] = {"n": len(mg), "errors": sum(1 for x in mg if x["severity"] == "error"),
                                       "list": mg}
    # lũy kế
    rows_by = collections.defaultdict(list)
    for r in series:
        if (r.get("marker") or "") == "gap":
            continue
        f = doc_file(r.get("document"))
        if not f:
            continue
        pv = prov[files[f]["province"]]
        u = unit_of(r.get("unit_canonical"), pv) or unit_of(r.get("unit"), pv)
        try:
            v = float(r.get("value"))
        except (TypeError, ValueError):
            continue
        rows_by[(files[f]["province"], r.get("period"), u)].append((r.get("metric"), v, f))
    month_val = {}
    for c in truth["cells"]:
        month_val[(c["province"], c["period"], c["unit"], c["metric"])] = c["value"]
    yt = {"n": 0, "found": 0, "leaked": 0, "keys": collections.Counter()}
    for c in truth["cells_ytd"]:
        yt["n"] += 1
        rs = [(m, v) for m, v, f in rows_by.get((c["province"], c["period"], c["unit"]), []) if v == c["value"]]
        if rs:
            yt["found"] += 1
            for m, v in rs:
                yt["keys"][m] += 1
        if any(m in MONTHLY and month_val.get((c["province"], c["period"], c["unit"], m)) != v for m, v in rs):
            yt["leaked"] += 1
    yt["keys"] = dict(yt["keys"].most_common(6))
    res["ytd_cells"] = yt
    # recall by report kind and scanned
    kinds = collections.defaultdict(lambda: [0, 0])
    seen = set()
    for c in truth["cells"]:
        if c["unit"] == "__total__" or c["table"] != "PL-I" or c["faulty"]:
            continue
        key = (c["province"], c["period"], c["unit"], c["metric"])
        if key in seen:
            continue
        seen.add(key)
        fr = files[c["file"]]
        acc = {float(c["value"])} | ({float(c["alt_value"])} if "alt_value" in c else set())
        ok = any(m == c["metric"] and v in acc for m, v, f in rows_by.get((c["province"], c["period"], c["unit"]), []))
        for k in (fr["kind"], "scanned" if fr.get("scanned") else None, "shape:" + fr["shape"]):
            if k:
                kinds[k][0] += ok
                kinds[k][1] += 1
    res["recall_by_kind"] = {k: {"found": v[0], "of": v[1], "pct": round(100.0 * v[0] / v[1], 1) if v[1] else None}
                             for k, v in sorted(kinds.items())}
    # duplicates by kind
    dk = collections.defaultdict(lambda: [0, 0])
    for flt in truth["faults"]["duplicate"]:
        fs = by_doc.get(flt["file"], []) + by_doc.get(flt["duplicate_of"], [])
        rep = any("dup" in fold(x.get("kind") or "") or os.path.basename(flt["file"]) in (x.get("message") or "")
                  or os.path.basename(flt["duplicate_of"]) in (x.get("message") or "") and x.get("kind") not in
                  ("row_identity", "column_total", "percentage", "narrative", "carryover", "parse") for x in fs)
        dk[flt["kind"]][0] += rep
        dk[flt["kind"]][1] += 1
    res["duplicates_by_kind"] = {k: "%d/%d" % tuple(v) for k, v in dk.items()}
    # strict false errors
    involved = set()
    for t in ("cell", "narrative", "total", "percent", "carryover"):
        for flt in truth["faults"][t]:
            involved.add(flt["file"])
    for flt in truth["faults"]["carryover"]:
        involved.update(f["file"] for f in truth["files"] if f["province"] == flt["province"]
                        and f["period"] == flt["previous_period"])
    for flt in truth["faults"]["conflict"]:
        involved.update(flt["files"])
    for m in truth["faults"]["merge"]:
        involved.update(f["file"] for f in truth["files"] if f["province"] == m["province"] and f["period"] == m["period"])
    for flt in truth["faults"]["cell"]:
        if flt["column"] == "pending_total":
            ms = prov[flt["province"]]["months"]
            if flt["period"] in ms and ms.index(flt["period"]) + 1 < len(ms):
                nxt = ms[ms.index(flt["period"]) + 1]
                involved.update(f["file"] for f in truth["files"] if f["province"] == flt["province"] and f["period"] == nxt)
    clean = [f["file"] for f in truth["files"] if not f["duplicate_of"] and f["file"] not in involved]
    errs = [(f, x) for f in clean for x in by_doc.get(f, []) if x.get("severity") == "error"]
    res["false_errors_strict"] = {"clean_docs": len(clean), "docs_with_error": len({f for f, _ in errs}),
                                  "errors": len(errs),
                                  "by_kind": dict(collections.Counter(x.get("kind") for _, x in errs)),
                                  "examples": [{"file": f, "kind": x.get("kind"), "message": (x.get("message") or "")[:200]}
                                               for f, x in errs[:8]]}
    json.dump(res, open(out, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    P = print
    P("TOTAL FAULTS  detected %d/%d  located (total row + column key) %d  right value %d "
      "(total row named with the right value under any key: %d)"
      % (tf["detected"], tf["n"], tf["located"], tf["corrected"], tf["right_value_any_key"]))
    P("PERCENT       detected %d/%d  located (column) %d  right value %d"
      % (pf["detected"], pf["n"], pf["located"], pf["corrected"]))
    P("MERGED UNITS  carry-over findings on merged departments: %d (%d errors)"
      % (res["merge_carryover_findings"]["n"], res["merge_carryover_findings"]["errors"]))
    P("LŨY KẾ        %d/%d year-to-date cells in the series (keys %s); %d put under a monthly key"
      % (yt["found"], yt["n"], json.dumps(yt["keys"]), yt["leaked"]))
    P("BY KIND       %s" % json.dumps({k: v["pct"] for k, v in res["recall_by_kind"].items()}, ensure_ascii=False))
    P("DUPLICATES    by kind %s" % json.dumps(res["duplicates_by_kind"]))
    fe = res["false_errors_strict"]
    P("FALSE ERRORS (strict)  %d of %d clean documents have an error; %d errors %s"
      % (fe["docs_with_error"], fe["clean_docs"], fe["errors"], json.dumps(fe["by_kind"])))
    if a.verbose:
        for e in fe["examples"]:
            P("   %s" % json.dumps(e, ensure_ascii=False))
    P("written: %s (and %s)" % (out, step1))


if __name__ == "__main__":
    main()
