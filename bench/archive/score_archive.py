#!/usr/bin/python3
"""Score `sohoa ingest` + `series` + `findings` on an archive made by gen_archive.py.

Usage: score_archive.py --dir DIR [--sohoa BIN] [--out FILE.json] [--keep-db F] [-v]

Runs:  sohoa ingest DIR --db tmp.db ; sohoa series --db tmp.db --format csv|json ;
       sohoa findings --db tmp.db --format json ; sohoa ingest DIR --db tmp.db (again).
Rows of the series and findings are tied to a province through their `document`
(path -> the truth's file list), not through `body`.

Metrics (all against DIR/truth.json):
  series recall      truth appendix cells of the units (faultless cells, duplicates and
                     conflicts counted once; a cell that differs between two conflicting
                     documents accepts either value) found as a series row with the same
                     province, period, metric key and value.  Unit matched three ways:
                       strict  - unit_canonical (or unit) equals the canonical name, NFC, case-folded
                       fuzzy   - the same after dropping marks/punctuation ("&" = "và"),
                                 or a difflib ratio >= 0.90 on that folded form
                       alias   - fuzzy match to the canonical name OR any spelling the clerks used
                     Also per shape of the source file, and for the "Tổng cộng" rows apart.
  wrong values       series rows whose (province, period, unit[fuzzy], metric) exists in the
                     truth but whose value differs (faulty cells excluded).
  carry-over recall  planted breaks with a `carryover` finding on that unit in the document
                     of that period or of the previous one.  False carry-over findings:
                     on any other (province, period, unit), except where a planted cell fault
                     on pending_total of the previous month explains it.  Severity `info`
                     carry-over findings ("not checked: no report for the period before")
                     are notes, counted apart (info_notes), not false findings.
  cell faults        detected: a row_identity/column_total finding in the document; row
                     located: its suspect (or a row_identity finding) names that unit; cell
                     located: a finding or its suspect names that unit (fuzzy) and column key;
                     right value suggested: the suspect names the unit and suggests the right
                     value (with right key: and names the column key).  Errors off the cell:
                     error findings that name neither that unit nor that column.
  narrative          detected: a `narrative` finding in the document; located: its column
                     is the metric.
  duplicates         reported: a finding on either copy whose kind says duplicate, or that
                     names the other file, or (not being a content check: parse, row_identity,
                     column_total, percentage, narrative, carryover) says so in its message;
                     double-counted:
                     the period has a (unit, metric) with more than one series row.
  conflicts          reported: as duplicates, with conflict / mâu thuẫn / khác nhau / differ.
  gaps               a series row marked `gap` for that period whose document or body points
                     to the province (or that names no province at all: "any").
  false errors       severity=error findings in documents that carry no planted fault of any
                     kind (and are neither in a conflict nor the month before a break).
  mapped recall      diagnostic: as alias recall, but a document's metric name that is not
                     the right key (column_3, a slug of the header) is first mapped to the
                     truth key that >= 80% of its values agree with.
  re-ingest          second ingest: row counts of every table of the archive unchanged and
                     the series identical.
"""
import argparse
import collections
import csv
import difflib
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from archlib import TOTAL_UNIT, fold, strict


def run(cmd, timeout=3600):
    t = subprocess.run(cmd, capture_output=True, timeout=timeout)
    return t.returncode, t.stdout.decode("utf-8", "replace"), t.stderr.decode("utf-8", "replace")


def table_counts(db):
    if not os.path.exists(db):
        return {}
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    out = {}
    for (name,) in con.execute("select name from sqlite_master where type='table'"):
        try:
            out[name] = con.execute('select count(*) from "%s"' % name).fetchone()[0]
        except sqlite3.Error:
            pass
    con.close()
    return out


def ratio(a, b):
    return 0.0 if not a and not b else difflib.SequenceMatcher(None, a, b).ratio()


class UnitMatcher:
    """Per province: which canonical unit a written name stands for."""

    def __init__(self, prov):
        self.canon = prov["units"]
        self.variants = prov["variants"]
        self.cache = {}

    def match(self, name, mode):
        key = (name, mode)
        if key in self.cache:
            return self.cache[key]
        res = None
        if name:
            if mode == "strict":
                for c in self.canon:
                    if strict(c) == strict(name):
                        res = c
            else:
                f = fold(name)
                cands = []
                for c in self.canon:
                    forms = [c] + (self.variants.get(c, []) if mode == "alias" else [])
                    best = max(1.0 if fold(x) == f else ratio(fold(x), f) for x in forms)
                    cands.append((best, c))
                cands.sort(reverse=True)
                if cands and cands[0][0] >= 0.90 and (len(cands) == 1 or cands[1][0] < cands[0][0]):
                    res = cands[0][1]
        self.cache[key] = res
        return res


def is_total_label(name):
    f = fold(name)
    return f.startswith(("tong cong", "tong so", "cong", "toan tinh", "tong")) or f == "total"


def pct(a, b):
    return round(100.0 * a / b, 2) if b else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--sohoa", default=os.environ.get("SOHOA", "build/sohoa"))
    ap.add_argument("--out", default=None, help="JSON result (default DIR/../score_<name>.json)")
    ap.add_argument("--keep-db", default=None)
    ap.add_argument("--reuse-db", action="store_true", help="score an existing --keep-db without ingesting")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    d = os.path.abspath(a.dir)
    truth = json.load(open(os.path.join(d, "truth.json"), encoding="utf-8"))
    sohoa = os.path.abspath(a.sohoa)
    tmp = tempfile.mkdtemp(prefix="score_archive_")
    db = a.keep_db or os.path.join(tmp, "archive.db")
    res = {"dir": d, "sohoa": sohoa, "notes": []}
    if not a.reuse_db:
        if os.path.exists(db):
            os.remove(db)
        rc, out, err = run([sohoa, "ingest", d, "--db", db])
        res["ingest"] = {"rc": rc, "summary": out.strip().splitlines()[-1:] if out.strip() else [],
                         "stderr_tail": err.strip().splitlines()[-3:]}
    counts1 = table_counts(db)
    rc, scsv, err = run([sohoa, "series", "--db", db, "--format", "csv"])
    res["series_csv_rc"] = rc
    rc, sjson, err = run([sohoa, "series", "--db", db, "--format", "json"])
    res["series_json_rc"] = rc
    rc, fjson, err = run([sohoa, "findings", "--db", db, "--format", "json"])
    res["findings_rc"] = rc
    try:
        series = json.loads(sjson)
        series = series["series"] if isinstance(series, dict) else series
    except ValueError:
        series = list(csv.DictReader(io.StringIO(scsv)))
        res["notes"].append("series json unreadable; csv used")
    csv_rows = list(csv.DictReader(io.StringIO(scsv)))
    if len(csv_rows) != len(series):
        res["notes"].append("series csv has %d rows, json %d" % (len(csv_rows), len(series)))
    try:
        findings = json.loads(fjson)
        findings = findings["findings"] if isinstance(findings, dict) else findings
    except ValueError:
        findings = []
        res["notes"].append("findings json unreadable")

    # ---- truth indexes
    provs = {p["name"]: p for p in truth["provinces"]}
    match = {p: UnitMatcher(provs[p]) for p in provs}
    files = {f["file"]: f for f in truth["files"]}
    group = {}          # file -> original file (duplicates point to the original)
    for f in truth["files"]:
        group[f["file"]] = f["duplicate_of"] or f["file"]

    def doc_file(doc):
        if not doc:
            return None
        p = os.path.abspath(doc) if os.path.isabs(doc) else os.path.abspath(os.path.join(d, doc))
        rel = os.path.relpath(p, d)
        if rel in files:
            return rel
        for f in files:                     # tolerate a path stored differently
            if doc.endswith(f):
                return f
        return None

    def prov_of_row(r):
        f = doc_file(r.get("document"))
        if f:
            return files[f]["province"]
        body = fold(r.get("body") or "")
        for p in provs:
            if fold(p) in body:
                return p
        return None

    # ---- series
    idx = collections.defaultdict(list)     # (prov, period, metric) -> rows
    gap_rows = []
    unplaced = 0
    docs_with_rows = set()
    for r in series:
        if (r.get("marker") or "") == "gap":
            gap_rows.append(r)
            continue
        p = prov_of_row(r)
        if p is None:
            unplaced += 1
            continue
        f = doc_file(r.get("document"))
        if f:
            docs_with_rows.add(group[f])
        try:
            v = float(r.get("value"))
        except (TypeError, ValueError):
            v = None
        idx[(p, r.get("period"), r.get("metric"))].append(
            {"unit": r.get("unit") or "", "canon": r.get("unit_canonical") or "", "value": v,
             "doc": f, "finding": r.get("finding")})
    res["series_rows"] = len(series)
    res["series_rows_unplaced"] = unplaced
    res["series_gap_rows"] = len(gap_rows)
    bodies = collections.Counter(r.get("body") for r in series if (r.get("marker") or "") != "gap")
    res["series_bodies"] = dict(bodies.most_common(10))

    def row_unit(row, prov, mode):
        return match[prov].match(row["canon"], mode) or match[prov].match(row["unit"], mode)

    # truth cells, one per (prov, period, unit, metric)
    cells = {}
    for c in truth["cells"]:
        key = (c["province"], c["period"], c["unit"], c["metric"])
        if key in cells:
            continue
        cells[key] = c
    shape_of = {f["file"]: f["shape"] for f in truth["files"]}
    modes = ["strict", "fuzzy", "alias"]
    rec = {m: [0, 0] for m in modes}
    rec_pl2 = [0, 0]
    rec_any = [0, 0]       # diagnostic: the value is there for that unit under any metric key
    rec_tot = [0, 0]
    by_prov = collections.defaultdict(lambda: [0, 0])
    by_kind = collections.defaultdict(lambda: [0, 0])
    # diagnostic: map each metric name of a document to the truth key its values agree
    # with (>= 80% of the units), so that values read right under an unknown key count
    truth_val = {}
    for (p, per, u, m), c in cells.items():
        truth_val[(c["file"], u, m)] = c["value"]
    src_of = {}
    for f in truth["files"]:
        if f["duplicate_of"]:
            src_of[f["file"]] = f["duplicate_of"]
        elif f["conflict_with"] and f["file"] not in {x["files"][0] for x in truth["faults"]["conflict"]}:
            src_of[f["file"]] = f["conflict_with"]
        else:
            src_of[f["file"]] = f["file"]
    doc_metric_rows = collections.defaultdict(list)
    for (p, per, m), rows in idx.items():
        for r in rows:
            if r["doc"]:
                doc_metric_rows[(r["doc"], m)].append((row_unit(r, p, "alias"), r["value"]))
    mapped = {}
    for (doc, m), rows in doc_metric_rows.items():
        src = src_of.get(doc, doc)
        best = (0.0, "")
        for k in files[doc]["columns"] + files[doc].get("columns_pl2", []):
            us = [(u, v) for u, v in rows if u and (src, u, k) in truth_val]
            if len(us) >= 3:
                agree = sum(1 for u, v in us if v == float(truth_val[(src, u, k)])) / len(us)
                best = max(best, (agree, k))
        if best[0] >= 0.8:
            mapped[(doc, m)] = best[1]
    idx_mapped = collections.defaultdict(list)
    for (p, per, m), rows in idx.items():
        for r in rows:
            k = mapped.get((r["doc"], m))
            if k:
                idx_mapped[(p, per, k)].append(r)
    by_shape = collections.defaultdict(lambda: {m: [0, 0] for m in modes})
    by_metric = collections.defaultdict(lambda: [0, 0])
    wrong = 0
    faulty = {"stated": 0, "right": 0, "missing": 0, "flagged": 0, "n": 0}
    for key, c in cells.items():
        prov, period, unit, metric = key
        rows = idx.get((prov, period, metric), [])
        accept = {float(c["value"])}
        if "alt_value" in c:
            accept.add(float(c["alt_value"]))
        if unit == TOTAL_UNIT:
            rec_tot[1] += 1
            if any(is_total_label(r["canon"] or r["unit"]) and r["value"] in accept for r in rows):
                rec_tot[0] += 1
            continue
        if c.get("table") == "PL-II":
            rec_pl2[1] += 1
            rec_pl2[0] += any(row_unit(r, prov, "alias") == unit and r["value"] in accept for r in rows)
            continue
        if c["faulty"]:
            faulty["n"] += 1
            hit = [r for r in rows if row_unit(r, prov, "alias") == unit]
            fault = next((f for f in truth["faults"]["cell"] if f["file"] == c["file"] and f["unit"] == unit
                          and f["column"] == metric), None)
            if not hit:
                faulty["missing"] += 1
            elif any(r["value"] == float(c["value"]) for r in hit):
                faulty["right"] += 1
            elif fault and any(r["value"] == float(fault["stated"]) for r in hit):
                faulty["stated"] += 1
            if any(r["finding"] in (True, "true", "1", 1) for r in hit):
                faulty["flagged"] += 1
            continue
        sh = shape_of[c["file"]]
        for m in modes:
            ok = any(row_unit(r, prov, m) == unit and r["value"] in accept for r in rows)
            rec[m][1] += 1
            rec[m][0] += ok
            by_shape[sh][m][1] += 1
            by_shape[sh][m][0] += ok
            if m == "alias":
                by_metric[metric][1] += 1
                by_metric[metric][0] += ok
                by_prov[prov][1] += 1
                by_prov[prov][0] += ok
                kind = "quarter" if "Q" in period else "month"
                by_kind[kind][1] += 1
                by_kind[kind][0] += ok
                rec_any[1] += 1
                rec_any[0] += ok or any(row_unit(r, prov, m) == unit and r["value"] in accept
                                        for r in idx_mapped.get((prov, period, metric), []))
                if not ok and any(row_unit(r, prov, m) == unit for r in rows):
                    wrong += 1
    res["series_recall"] = {m: {"found": rec[m][0], "of": rec[m][1], "pct": pct(*rec[m])} for m in modes}
    res["series_recall_any_metric_alias"] = {"found": rec_any[0], "of": rec_any[1], "pct": pct(*rec_any)}
    res["series_recall_by_province_alias"] = {k: pct(*v) for k, v in sorted(by_prov.items())}
    res["series_recall_by_period_kind_alias"] = {k: pct(*v) for k, v in sorted(by_kind.items())}
    res["series_recall_pl2_alias"] = {"found": rec_pl2[0], "of": rec_pl2[1], "pct": pct(*rec_pl2)}
    res["series_recall_total_rows"] = {"found": rec_tot[0], "of": rec_tot[1], "pct": pct(*rec_tot)}
    res["series_recall_by_shape"] = {s: {m: pct(*v[m]) for m in modes} | {"cells": v["alias"][1]}
                                     for s, v in sorted(by_shape.items())}
    res["series_recall_by_metric_alias"] = {k: pct(*v) for k, v in sorted(by_metric.items())}
    res["series_wrong_value_cells"] = wrong
    res["faulty_cells_in_series"] = faulty
    res["truth_files_with_series_rows"] = {"files": len(docs_with_rows),
                                           "of": len({group[f] for f in files})}
    # series rows that no truth cell explains (unit or period or metric unknown)
    known = collections.defaultdict(set)
    for (prov, period, unit, metric) in cells:
        known[(prov, period, metric)].add(unit)
    extra = 0
    for (prov, period, metric), rows in idx.items():
        for r in rows:
            u = row_unit(r, prov, "alias")
            if u is None or u not in known.get((prov, period, metric), ()):
                if not is_total_label(r["canon"] or r["unit"]) or (prov, period, metric) not in known:
                    extra += 1
    res["series_rows_unexplained"] = extra

    # ---- findings
    by_doc = collections.defaultdict(list)
    unplaced_f = 0
    for fd in findings:
        f = doc_file(fd.get("document"))
        if f is None:
            unplaced_f += 1
            continue
        by_doc[group[f]].append(fd)
    res["findings_total"] = len(findings)
    res["findings_unplaced"] = unplaced_f
    res["findings_by_kind"] = dict(collections.Counter("%s/%s" % (x.get("kind"), x.get("severity"))
                                                       for x in findings))
    file_by_pp = collections.defaultdict(list)   # (prov, period) -> original files
    for f in truth["files"]:
        if not f["duplicate_of"]:
            file_by_pp[(f["province"], f["period"])].append(f["file"])

    def label_of(fd, which="row"):
        """Unit named by a finding (row_label) or by its suspect (row index or name)."""
        f = doc_file(fd.get("document"))
        if which == "row":
            lab = fd.get("row_label") or (fd.get("row") if isinstance(fd.get("row"), str) else "")
            idxv = fd.get("row") if isinstance(fd.get("row"), int) else None
        else:
            s = fd.get("suspect") or {}
            lab = s.get("row_label") or (s.get("row") if isinstance(s.get("row"), str) else "")
            idxv = s.get("row") if isinstance(s.get("row"), int) else None
        prov = files[f]["province"] if f else None
        if lab and prov:
            u = match[prov].match(lab, "alias")
            if u:
                return u
        if idxv is not None and f and 0 <= idxv < len(files[f]["units"]):
            return files[f]["units"][idxv]
        return None

    # cell faults
    cf = {"n": 0, "detected": 0, "detected_error": 0, "located_row": 0, "located": 0,
          "corrected_value": 0, "corrected": 0, "errors_off_cell": 0}
    per_fault = []
    for flt in truth["faults"]["cell"]:
        cf["n"] += 1
        fs = [x for x in by_doc.get(flt["file"], []) if x.get("kind") in ("row_identity", "column_total")]
        det = bool(fs)
        loc_row = loc = cor_v = cor = False
        for x in fs:
            s = x.get("suspect") or {}
            su = label_of(x, "suspect")
            right_sugg = s.get("suggested") is not None and float(s["suggested"]) == flt["right"]
            if su == flt["unit"]:
                loc_row = True
                cor_v = cor_v or right_sugg
                if s.get("column") == flt["column"]:
                    loc = True
                    cor = cor or right_sugg
            if label_of(x, "row") == flt["unit"]:
                loc_row = loc_row or x.get("kind") == "row_identity"
                if x.get("column") == flt["column"]:
                    loc = True
        # errors in this document that point neither at the faulty row nor at its column
        off = [x for x in by_doc.get(flt["file"], []) if x.get("severity") == "error"
               and x.get("kind") in ("row_identity", "column_total", "percentage")
               and label_of(x, "row") != flt["unit"] and x.get("column") != flt["column"]
               and label_of(x, "suspect") != flt["unit"]]
        cf["errors_off_cell"] += len(off)
        cf["detected"] += det
        cf["detected_error"] += any(x.get("severity") == "error" for x in fs)
        cf["located_row"] += loc_row
        cf["located"] += loc
        cf["corrected_value"] += cor_v
        cf["corrected"] += cor
        per_fault.append({"file": flt["file"], "unit": flt["unit"], "column": flt["column"],
                          "detected": det, "located_row": loc_row, "located": loc,
                          "corrected_value": cor_v, "corrected": cor})
    res["cell_faults"] = cf

    # narrative
    nf = {"n": 0, "detected": 0, "located": 0}
    for flt in truth["faults"]["narrative"]:
        nf["n"] += 1
        fs = [x for x in by_doc.get(flt["file"], []) if x.get("kind") == "narrative"]
        nf["detected"] += bool(fs)
        nf["located"] += any(x.get("column") == flt["metric"] for x in fs)
    res["narrative_faults"] = nf

    # carry-over
    co_find = []
    co_notes = 0
    for doc, fs in by_doc.items():
        for x in fs:
            if x.get("kind") == "carryover":
                # "carry-over not checked: no report for the period before" is a note
                # (severity info) the issue asks for, not a claim of a break.
                if x.get("severity") == "info":
                    co_notes += 1
                    continue
                co_find.append((doc, x))
    planted = {}
    for flt in truth["faults"]["carryover"]:
        planted[(flt["province"], flt["period"], flt["unit"])] = flt
    explained = set()
    for flt in truth["faults"]["cell"]:
        if flt["column"] in ("pending_total", "received_carryover"):
            explained.add((flt["province"], flt["period"], flt["unit"]))
    months = {p: provs[p]["months"] for p in provs}

    def next_month(prov, period):
        ms = months[prov]
        return ms[ms.index(period) + 1] if period in ms and ms.index(period) + 1 < len(ms) else None

    hit_keys = set()
    false_co = []
    for doc, x in co_find:
        fr = files[doc]
        prov = fr["province"]
        u = label_of(x, "row")
        per = x.get("period") or fr["period"]
        if u is None:
            lab = x.get("row_label") or ""
            if is_total_label(lab):
                # the total row follows a unit's break (or a faulty pending_total before it)
                if any(k[0] == prov and k[1] in (fr["period"], next_month(prov, fr["period"])) for k in planted) or \
                   any(f["province"] == prov and f["column"] == "pending_total" and
                       (f["period"] == fr["period"] or next_month(prov, f["period"]) == fr["period"])
                       for f in truth["faults"]["cell"]):
                    continue
            false_co.append({"doc": doc, "row": lab, "why": "unit not recognised"})
            continue
        k1 = (prov, fr["period"], u)
        nxt = next_month(prov, fr["period"])
        k2 = (prov, nxt, u) if nxt else None
        if k1 in planted:
            hit_keys.add(k1)
        elif k2 in planted:
            hit_keys.add(k2)
        elif k1 in explained or (k2 and k2 in explained):
            pass
        elif any(fl["file"] == doc and fl["unit"] == u and fl["column"] == "pending_total"
                 for fl in truth["faults"]["cell"]):
            pass
        else:
            prevf = [f for f in truth["faults"]["cell"] if f["province"] == prov and f["unit"] == u
                     and f["column"] == "pending_total" and next_month(prov, f["period"]) == fr["period"]]
            if not prevf:
                # was the truth's previous month read at all?  (a .docx/.html month that
                # was not ingested makes the archive compare with an older month)
                ms = months[prov]
                prevp = ms[ms.index(fr["period"]) - 1] if fr["period"] in ms and ms.index(fr["period"]) > 0 else None
                prev_read = any(f in docs_with_rows for f in file_by_pp.get((prov, prevp), []))
                false_co.append({"doc": doc, "row": u, "period": fr["period"], "severity": x.get("severity"),
                                 "previous_month_read": prev_read,
                                 "previous_month_gap": (prov, prevp) in {(g["province"], g["period"])
                                                                         for g in truth["faults"]["gap"]}})
    res["carryover"] = {"n": len(planted), "detected": len(hit_keys), "info_notes": co_notes,
                        "false_findings": len(false_co),
                        "false_after_unread_or_gap": sum(1 for x in false_co if not x.get("previous_month_read", True)),
                        "false_examples": false_co[:5]}

    # duplicates, conflicts
    ing_summary = " ".join(res.get("ingest", {}).get("summary", []))

    content_kinds = {"parse", "row_identity", "column_total", "percentage", "narrative", "carryover"}

    def says(x, words, other):
        """A finding reports the pair: its kind says so, or a finding of a kind other than
        the content checks says so in its message, or it names the other file."""
        kind = fold(x.get("kind") or "")
        if any(w in kind for w in words):
            return True
        msg = x.get("message") or ""
        if os.path.basename(other) in msg:
            return True
        return (x.get("kind") not in content_kinds) and any(w in fold(msg) for w in words)
    dup = {"n": 0, "reported": 0, "copy_kind": 0, "copy_no_rows": 0, "double_counted": 0}
    for flt in truth["faults"]["duplicate"]:
        dup["n"] += 1
        fs = [x for x in findings if doc_file(x.get("document")) in (flt["file"], flt["duplicate_of"])]
        rep = any(says(x, ["duplicate", "trung lap", "ban sao", "same content", "already"],
                       flt["duplicate_of"] if doc_file(x.get("document")) == flt["file"] else flt["file"])
                  for x in fs)
        dup["reported"] += rep
        if flt["kind"] == "copy":
            dup["copy_kind"] += 1
        # double counting: more than one row for one (unit, metric) of that period
        prov, period = flt["province"], flt["period"]
        docs_seen = set()
        dbl = False
        for (p, per, m), rows in idx.items():
            if p == prov and per == period:
                cnt = collections.Counter(row_unit(r, prov, "alias") for r in rows)
                if any(n > 1 for u, n in cnt.items() if u):
                    dbl = True
                docs_seen |= {r["doc"] for r in rows}
        dup["double_counted"] += dbl
    res["duplicates"] = dup
    con = {"n": 0, "reported": 0}
    for flt in truth["faults"]["conflict"]:
        con["n"] += 1
        fs = [x for x in findings if doc_file(x.get("document")) in flt["files"]]
        con["reported"] += any(says(x, ["conflict", "mau thuan", "khac nhau", "differ", "contradict"],
                                    flt["files"][1] if doc_file(x.get("document")) == flt["files"][0] else flt["files"][0])
                               for x in fs)
    res["conflicts"] = con
    # gaps
    gp = {"n": 0, "reported": 0, "reported_any_body": 0}
    gap_periods = collections.defaultdict(set)
    for r in gap_rows:
        p = prov_of_row(r)
        gap_periods[p].add(r.get("period"))
    truth_gaps = {(g["province"], g["period"]) for g in truth["faults"]["gap"]}
    for g in truth["faults"]["gap"]:
        gp["n"] += 1
        gp["reported"] += g["period"] in gap_periods.get(g["province"], set())
        gp["reported_any_body"] += g["period"] in set().union(*gap_periods.values()) if gap_periods else 0
    false_gaps = 0
    for p, pers in gap_periods.items():
        for per in pers:
            if p is None:
                if not any(per == tp for (_, tp) in truth_gaps):
                    false_gaps += 1
            elif (p, per) not in truth_gaps:
                false_gaps += 1
    gp["false_gap_periods"] = false_gaps
    res["gaps"] = gp

    # false errors on faultless documents
    involved = set()
    for flt in truth["faults"]["carryover"]:
        prev = [f for f in file_by_pp.get((flt["province"], flt["previous_period"]), [])]
        involved.update(prev)
        involved.add(flt["file"])
    for flt in truth["faults"]["conflict"]:
        involved.update(flt["files"])
    for t in ("cell", "narrative"):
        for flt in truth["faults"][t]:
            involved.add(flt["file"])
    for flt in truth["faults"]["cell"]:      # a wrong pending_total breaks the next month's carry-over
        if flt["column"] == "pending_total":
            nm = next_month(flt["province"], flt["period"])
            involved.update(file_by_pp.get((flt["province"], nm), []))
    clean_docs = [f["file"] for f in truth["files"] if not f["duplicate_of"] and f["file"] not in involved]
    ingested_clean = [f for f in clean_docs if f in docs_with_rows or by_doc.get(f)]
    fe_docs = [f for f in clean_docs if any(x.get("severity") == "error" for x in by_doc.get(f, []))]
    res["false_errors"] = {"clean_docs": len(clean_docs), "clean_docs_ingested": len(ingested_clean),
                           "clean_docs_with_error": len(fe_docs),
                           "errors_on_clean_docs": sum(1 for f in clean_docs for x in by_doc.get(f, [])
                                                       if x.get("severity") == "error"),
                           "by_kind": dict(collections.Counter(x.get("kind") for f in clean_docs
                                                               for x in by_doc.get(f, [])
                                                               if x.get("severity") == "error")),
                           "examples": fe_docs[:5]}
    # errors in faulty docs that name neither the planted cell nor its row/column
    # ---- re-ingest
    if not a.reuse_db:
        h1 = hashlib.sha256(scsv.encode()).hexdigest()
        rc2, out2, err2 = run([sohoa, "ingest", d, "--db", db])
        counts2 = table_counts(db)
        rc, scsv2, _ = run([sohoa, "series", "--db", db, "--format", "csv"])
        changed = {t: [counts1.get(t), counts2.get(t)] for t in set(counts1) | set(counts2)
                   if counts1.get(t) != counts2.get(t)}
        same = hashlib.sha256(scsv2.encode()).hexdigest() == h1
        # a log of runs may grow by one row per run; everything else must stay as it was
        data_changed = {t: v for t, v in changed.items() if "run" not in t.lower() and "log" not in t.lower()}
        res["reingest"] = {"rc": rc2, "summary": out2.strip().splitlines()[-1:],
                           "tables_changed": changed, "data_tables_changed": data_changed,
                           "series_identical": same, "ok": not changed and same,
                           "ok_data": not data_changed and same}
    res["per_cell_fault"] = per_fault
    out = a.out or os.path.join(os.path.dirname(d), "score_%s.json" % os.path.basename(d))
    with open(out, "w", encoding="utf-8") as f:
        json.dump(res, f, ensure_ascii=False, indent=1)
    summary(res, truth, a.verbose)
    print("written: %s" % out)


def summary(r, truth, verbose):
    P = print
    st = truth.get("stats", {})
    P("archive: %s  (%d provinces, %d files, %d cells)" % (r["dir"], len(truth["provinces"]),
                                                            st.get("files", 0), st.get("cells", 0)))
    if "ingest" in r:
        P("ingest rc=%s  %s" % (r["ingest"]["rc"], " ".join(r["ingest"]["summary"])))
    P("files with series rows: %d of %d; series rows %d (unplaced %d, gap rows %d, unexplained %d)"
      % (r["truth_files_with_series_rows"]["files"], r["truth_files_with_series_rows"]["of"], r["series_rows"],
         r["series_rows_unplaced"], r["series_gap_rows"], r["series_rows_unexplained"]))
    P("series bodies: %s" % json.dumps(r["series_bodies"], ensure_ascii=False))
    sr = r["series_recall"]
    P("SERIES RECALL (PL-I units)  strict %s%%  fuzzy %s%%  alias %s%%  (of %d cells); wrong values %d"
      % (sr["strict"]["pct"], sr["fuzzy"]["pct"], sr["alias"]["pct"], sr["alias"]["of"],
         r["series_wrong_value_cells"]))
    P("   PL-II units (alias) %s%% of %d;  total rows (PL-I and PL-II) %s%% of %d"
      % (r["series_recall_pl2_alias"]["pct"], r["series_recall_pl2_alias"]["of"],
         r["series_recall_total_rows"]["pct"], r["series_recall_total_rows"]["of"]))
    P("   values read right, metric key mapped by agreement (alias units): %s%%;  by kind %s;  by province %s"
      % (r["series_recall_any_metric_alias"]["pct"], json.dumps(r["series_recall_by_period_kind_alias"]),
         json.dumps(r["series_recall_by_province_alias"], ensure_ascii=False)))
    for s, v in r["series_recall_by_shape"].items():
        P("   %-10s strict %6s  fuzzy %6s  alias %6s  (%d cells)" % (s, v["strict"], v["fuzzy"], v["alias"], v["cells"]))
    if verbose:
        P("   by metric (alias): %s" % json.dumps(r["series_recall_by_metric_alias"]))
    P("faulty cells in series: %s" % json.dumps(r["faulty_cells_in_series"]))
    c = r["cell_faults"]
    P("CELL FAULTS   detected %d/%d (as error %d)  row located %d  cell located (unit+key) %d  "
      "right value suggested %d (with right key %d);  errors off the cell %d"
      % (c["detected"], c["n"], c["detected_error"], c["located_row"], c["located"], c["corrected_value"],
         c["corrected"], c["errors_off_cell"]))
    n = r["narrative_faults"]
    P("NARRATIVE     detected %d/%d  located %d" % (n["detected"], n["n"], n["located"]))
    co = r["carryover"]
    P("CARRY-OVER    detected %d/%d  false findings %d (%d after a month not read or missing); %d info notes"
      % (co["detected"], co["n"], co["false_findings"], co["false_after_unread_or_gap"], co.get("info_notes", 0)))
    du = r["duplicates"]
    P("DUPLICATES    reported %d/%d  double-counted in series %d" % (du["reported"], du["n"], du["double_counted"]))
    cf = r["conflicts"]
    P("CONFLICTS     reported %d/%d" % (cf["reported"], cf["n"]))
    g = r["gaps"]
    P("GAPS          reported %d/%d (any body %d)  false gap periods %d"
      % (g["reported"], g["n"], g["reported_any_body"], g["false_gap_periods"]))
    fe = r["false_errors"]
    P("FALSE ERRORS  %d of %d clean documents (%d ingested) have an error; %d errors %s"
      % (fe["clean_docs_with_error"], fe["clean_docs"], fe["clean_docs_ingested"], fe["errors_on_clean_docs"],
         json.dumps(fe["by_kind"])))
    if "reingest" in r:
        ri = r["reingest"]
        P("RE-INGEST     %s (data %s)  rc=%s  changed=%s  %s" % ("ok" if ri["ok"] else "CHANGED",
                                                    "ok" if ri["ok_data"] else "CHANGED", ri["rc"],
                                                    json.dumps(ri["tables_changed"]), " ".join(ri["summary"])))
    for note in r["notes"]:
        P("note: " + note)


if __name__ == "__main__":
    main()
