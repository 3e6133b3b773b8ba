#!/usr/bin/python3
"""Check an archive made by gen_archive.py against its own truth, without sohoa:

1. arithmetic of the truth: every document's rows satisfy the identities (except the
   planted faulty cell), totals are the column sums, the carry-over chain holds from
   month to month except at planted breaks and after gaps;
2. rendering: every file is read back with a tiny reader of its own (text decoded from
   UTF-16/TCVN3, .docx through python-docx, .pdf through pdftotext -layout) and the
   numbers of each numbered body row must be the truth's (the stated value at a planted
   fault), in the file's column order.

Usage: verify_truth.py DIR      (exit 1 on any mismatch)
"""
import collections
import html as H
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from archlib import TOTAL_UNIT, _TCVN3

NUM = re.compile(r"^\d{1,3}(?:\.\d{3})+$|^\d+$")
_DEC = {v[0]: k for k, v in _TCVN3.items() if k.islower() or k in "ĂÂÊÔƠƯĐ"}


def decode_tcvn3(b):
    return "".join(_DEC.get(x, chr(x)) for x in b)


def file_text(path, shape):
    raw = open(path, "rb").read()
    if shape == "utf16_txt":
        return raw.decode("utf-16")
    if shape == "tcvn3_txt":
        return decode_tcvn3(raw)
    if shape == "html":
        t = raw.decode("utf-8")
        t = re.sub(r"</t[dh]>", "\t", t)
        t = re.sub(r"</tr>|<br>|</p>", "\n", t)
        return H.unescape(re.sub(r"<[^>]+>", "", t))
    if shape == "docx":
        import docx
        d = docx.Document(path)
        out = []
        for tb in d.tables:
            for r in tb.rows:
                out.append("\t".join(c.text for c in r.cells))
        return "\n".join(out)
    if shape == "pdf":
        return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True).stdout.decode("utf-8")
    return raw.decode("utf-8")


def body_rows(text, nkeys, nrows, start=0):
    """Numbered rows 1..nrows in order from line `start`: their last nkeys numeric
    tokens.  Returns (rows, index of the line after the last row)."""
    out = {}
    want = 1
    lines = text.replace("\r", "").split("\n")
    end = start
    for li in range(start, len(lines)):
        line = lines[li]
        line = line.replace("|", " ").replace("*", " ").replace("\t", " ")
        toks = line.split()
        if not toks or toks[0] != str(want):
            continue
        nums = []
        for t in reversed(toks[1:]):
            if NUM.match(t):
                nums.append(int(t.replace(".", "")))
            else:
                break
        if len(nums) < nkeys:
            continue
        out[want] = list(reversed(nums))[-nkeys:]
        want += 1
        end = li + 1
        if want > nrows:
            break
    return out, end


def main():
    d = sys.argv[1]
    t = json.load(open(os.path.join(d, "truth.json"), encoding="utf-8"))
    bad = []
    cells = collections.defaultdict(dict)     # file -> (unit, metric) -> value
    for c in t["cells"]:
        cells[c["file"]][(c["unit"], c["metric"])] = c["value"]
    stated = {(f["file"], f["unit"], f["column"]): f["stated"] for f in t["faults"]["cell"]}
    files = {f["file"]: f for f in t["files"]}
    alt = {}
    for c in t["cells"]:
        if "alt_value" in c:
            alt[(c["file"], c["unit"], c["metric"])] = c["alt_value"]
    conf_orig = {x["files"][0] for x in t["faults"]["conflict"]}

    def source(f):
        if f["duplicate_of"]:
            return f["duplicate_of"], False
        if f["conflict_with"] and f["file"] not in conf_orig:
            return f["conflict_with"], True
        return f["file"], False
    # 1. arithmetic
    for f in t["files"]:
        src, is_conf_copy = source(f)
        cv = cells[src]
        for u in f["units"]:
            v = {k: cv[(u, k)] for k in f["columns"]}
            if is_conf_copy:
                v = {k: alt.get((src, u, k), v[k]) for k in v}
            if v["received_total"] != v["received_carryover"] + v["received_new"] or \
               v["received_total"] != v["resolved_total"] + v["pending_total"] or \
               v["resolved_total"] != v["resolved_early"] + v["resolved_ontime"] + v["resolved_late"] or \
               v["pending_total"] != v["pending_ontime"] + v["pending_overdue"]:
                bad.append(("identity", f["file"], u))
        for k in f["columns"]:
            if sum(cv[(u, k)] for u in f["units"]) != cv[(TOTAL_UNIT, k)]:
                bad.append(("total", f["file"], k))
    for p in t["provinces"]:
        ms = p["months"]
        monthly = {f["period"]: f for f in t["files"] if f["province"] == p["name"] and f["kind"] == "month"
                   and not f["duplicate_of"] and not (f["conflict_with"] and f["file"] not in
                                                       {x["files"][0] for x in t["faults"]["conflict"]})}
        breaks = {(b["period"], b["unit"]) for b in t["faults"]["carryover"] if b["province"] == p["name"]}
        for i in range(1, len(ms)):
            a, b = monthly.get(ms[i - 1]), monthly.get(ms[i])
            if not a or not b:
                continue
            for u in b["units"]:
                prev = cells[a["file"]].get((u, "pending_total"), 0)
                cur = cells[b["file"]][(u, "received_carryover")]
                if (prev != cur) != ((ms[i], u) in breaks):
                    bad.append(("carryover", b["file"], u, prev, cur))
    # 2. rendering
    nfiles = 0
    for f in t["files"]:
        path = os.path.join(d, f["file"])
        if not os.path.exists(path):
            bad.append(("missing", f["file"]))
            continue
        src, conf_copy = source(f)
        text = file_text(path, f["shape"])
        rows, end = body_rows(text, len(f["columns"]), len(f["units"]))
        nfiles += 1
        if f.get("columns_pl2"):
            rows2, _ = body_rows(text, len(f["columns_pl2"]), len(f["units"]), end)
            for i, u in enumerate(f["units"], 1):
                exp = [cells[src][(u, k)] for k in f["columns_pl2"]]
                if rows2.get(i) != exp:
                    bad.append(("render PL-II", f["file"], f["shape"], i, u, rows2.get(i), exp))
        for i, u in enumerate(f["units"], 1):
            exp = []
            for k in f["columns"]:
                v = stated.get((src, u, k), cells[src][(u, k)])
                if conf_copy:
                    v = alt.get((src, u, k), v)
                exp.append(v)
            if rows.get(i) != exp:
                bad.append(("render", f["file"], f["shape"], i, u, rows.get(i), exp))
    for b in bad[:20]:
        print("MISMATCH", b)
    print("verify: %d files read back, %d mismatches" % (nfiles, len(bad)))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
