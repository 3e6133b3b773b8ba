#!/usr/bin/python3
"""A naive peer with sohoa's ingest/series/findings command line, for context only.

What a clerk with a regex would do: read .txt/.md as UTF-8 (nothing else), take the period
from the first "tháng M năm Y" / "quý N năm Y", take every line that starts with a row
number and ends in at least ten numbers as a PL-I row in the usual column order
(received_total, received_carryover, received_new, resolved_total, resolved_early,
resolved_ontime, resolved_late, pending_total, pending_ontime, pending_overdue[, returned,
online]), check the row identities, and skip files it has seen (by SHA-256).
No unit canonicalisation, no carry-over, no narrative, no header reading.

  naive_peer.py ingest DIR --db F ; naive_peer.py series --db F --format csv|json ;
  naive_peer.py findings --db F --format json
"""
import csv
import hashlib
import json
import os
import re
import sqlite3
import sys

KEYS = ["received_total", "received_carryover", "received_new", "resolved_total", "resolved_early",
        "resolved_ontime", "resolved_late", "pending_total", "pending_ontime", "pending_overdue",
        "returned", "online"]
NUM = re.compile(r"^\d{1,3}(?:\.\d{3})+$|^\d+$")
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def opt(args, name, default=None):
    for i, a in enumerate(args):
        if a == name and i + 1 < len(args):
            return args[i + 1]
        if a.startswith(name + "="):
            return a.split("=", 1)[1]
    return default


def db_open(path):
    con = sqlite3.connect(path)
    con.execute("create table if not exists docs(sha text primary key, path text, period text, body text)")
    con.execute("create table if not exists cells(doc text, period text, body text, unit text, metric text, value real)")
    con.execute("create table if not exists findings(doc text, period text, kind text, severity text, row_label text, "
                "col text, stated real, expected real, message text)")
    return con


def parse(text):
    m = re.search(r"quý\s+(IV|III|II|I|\d)\s+năm\s+(\d{4})", text, re.I)
    mm = re.search(r"tháng\s+(\d{1,2})\s*(?:năm\s+|/)(\d{4})", text, re.I)
    period = None
    if mm and (not m or mm.start() < m.start()):
        period = "%s-%02d" % (mm.group(2), int(mm.group(1)))
    elif m:
        q = m.group(1).upper()
        period = "%s-Q%d" % (m.group(2), ROMAN.get(q) or int(q))
    b = re.search(r"UBND TỈNH ([^\t\n]+?)(?:\s{2,}|\t|\n|$)", text)
    body = ("Trung tâm PVHCC tỉnh " + b.group(1).strip().title()) if b else ""
    rows = []
    for line in text.split("\n"):
        toks = line.replace("|", " ").replace("*", " ").split()
        if len(toks) < 12 or not toks[0].isdigit():
            continue
        nums = []
        for t in reversed(toks):
            if NUM.match(t):
                nums.append(int(t.replace(".", "")))
            else:
                break
        nums.reverse()
        name = " ".join(toks[1:len(toks) - len(nums)])
        if len(nums) < 10 or not name:
            continue
        rows.append((name, nums[:12]))
    return period, body, rows


def ingest(args):
    db = opt(args, "--db", "sohoa.db")
    paths = [a for a in args if not a.startswith("--") and a != db]
    con = db_open(db)
    n = stored = 0
    for top in paths:
        for root, dirs, fs in os.walk(top):
            dirs.sort()
            for f in sorted(fs):
                if not f.lower().endswith((".txt", ".md")):
                    continue
                p = os.path.abspath(os.path.join(root, f))
                raw = open(p, "rb").read()
                sha = hashlib.sha256(raw).hexdigest()
                n += 1
                if con.execute("select 1 from docs where sha=?", (sha,)).fetchone():
                    continue
                try:
                    text = raw.decode("utf-8").replace("\r", "")
                except UnicodeDecodeError:
                    continue
                period, body, rows = parse(text)
                con.execute("insert into docs values(?,?,?,?)", (sha, p, period, body))
                stored += 1
                if not period:
                    continue
                for name, nums in rows:
                    if name.lower().startswith(("tổng", "tỷ lệ")):
                        continue
                    for k, v in zip(KEYS, nums):
                        con.execute("insert into cells values(?,?,?,?,?,?)", (p, period, body, name, k, v))
                    v = dict(zip(KEYS, nums))
                    if v["resolved_total"] != v["resolved_early"] + v["resolved_ontime"] + v["resolved_late"]:
                        con.execute("insert into findings values(?,?,?,?,?,?,?,?,?)",
                                    (p, period, "row_identity", "error", name, "resolved_total", v["resolved_total"],
                                     v["resolved_early"] + v["resolved_ontime"] + v["resolved_late"], "sum"))
                    if v["received_total"] != v["resolved_total"] + v["pending_total"]:
                        con.execute("insert into findings values(?,?,?,?,?,?,?,?,?)",
                                    (p, period, "row_identity", "error", name, "received_total", v["received_total"],
                                     v["resolved_total"] + v["pending_total"], "sum"))
    con.commit()
    print("naive ingest: %d files: %d stored" % (n, stored))
    return 0


def series(args):
    con = db_open(opt(args, "--db", "sohoa.db"))
    rows = [{"period": p, "body": b, "unit": u, "unit_canonical": u, "metric": m, "value": v, "marker": "",
             "finding": False, "document": d}
            for d, p, b, u, m, v in con.execute("select * from cells order by body, unit, metric, period")]
    if opt(args, "--format", "csv") == "json":
        print(json.dumps({"series": rows}, ensure_ascii=False))
    else:
        w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0].keys()) if rows else ["period"])
        w.writeheader()
        w.writerows(rows)
    return 0


def findings(args):
    con = db_open(opt(args, "--db", "sohoa.db"))
    out = [{"document": d, "period": p, "kind": k, "severity": s, "row_label": r, "column": c, "stated": st,
            "expected": ex, "message": msg} for d, p, k, s, r, c, st, ex, msg in con.execute("select * from findings")]
    print(json.dumps({"findings": out}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    cmd, rest = sys.argv[1], sys.argv[2:]
    sys.exit({"ingest": ingest, "series": series, "findings": findings}[cmd](rest))
