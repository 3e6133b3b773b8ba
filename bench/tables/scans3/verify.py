#!/usr/bin/env python3
"""Check a scans3 set without sohoa; prints counts only (safe on the aside set).

For every truth JSON:
  * the file opens and has the truth's page count (PDF: pdfinfo; TIFF: frames; PNG/JPEG: 1);
    an image-only PDF has no text layer;
  * the numbers hold: Tổng cộng = column sums of the body rows (when the file holds the whole
    table), every body row's parts add up (dossier: Tổng số = Kỳ trước + Mới tiếp nhận =
    Đã giải quyết + Đang giải quyết, and each group's Tổng số = its parts; satisfaction: total =
    its four levels), percent cells = share of the first column's total;
  * the source: the .xlsx / .docx / .html written for the table holds each truth row (openpyxl /
    python-docx / the HTML text), and the born-digital PDF printed each row on its page, read
    another way than the generator did (`pdftotext -raw`: the row's non-blank values as
    consecutive tokens of the page);
  * the header words of every column are printed on every page (`pdftotext -raw`), counted as a
    warning only (vertical header text may come out split).
"""
import argparse
import glob
import html as H
import json
import os
import re
import subprocess
import sys
from collections import Counter

from PIL import Image


def num(s):
    s = (s or "").strip().rstrip("%")
    if s in ("", "-"):
        return 0.0
    return float(s.replace(".", "").replace(",", ".")) if "," in s or re.fullmatch(r"\d{1,3}(\.\d{3})+", s) else float(s)


def page_count(path):
    ext = path.rsplit(".", 1)[1].lower()
    if ext == "pdf":
        out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", out).group(1))
    im = Image.open(path)
    n = getattr(im, "n_frames", 1)
    im.load()
    return n


def raw_tokens(pdf, p):
    t = subprocess.run(["pdftotext", "-raw", "-f", str(p), "-l", str(p), pdf, "-"], capture_output=True, text=True).stdout
    return [x for x in t.split() if not re.fullmatch(r"[.…·]+", x)], t


def source_strings(src):
    if src.endswith(".xlsx"):
        from openpyxl import load_workbook
        ws = load_workbook(src).active
        out = []
        for row in ws.iter_rows(values_only=True):
            out.append(["" if v is None else str(v) for v in row])
        return out
    if src.endswith(".docx"):
        from docx import Document
        tb = Document(src).tables[0]
        return [[c.text.strip() for c in r.cells] for r in tb.rows]
    txt = open(src, encoding="utf-8").read()
    out = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", txt, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, re.S)
        out.append([H.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", required=True)
    a = ap.parse_args()
    files = sorted(f for f in glob.glob(os.path.join(a.set, "*.json")) if not f.endswith("manifest.json"))
    c = Counter()
    errors = []
    for jf in files:
        t = json.load(open(jf))
        path = os.path.join(a.set, t["file"])
        c["files"] += 1
        c["pages"] += t["pages"]
        c["cells"] += len(t["cells"])
        c["numeric_cells"] += sum(1 for x in t["cells"] if x["value"] not in ("", "-"))
        c[f"kind_{t['kind']}"] += 1
        c[f"engine_{t['engine']}"] += 1
        c[f"format_{t['format']}"] += 1
        c[f"report_{t['report']}"] += 1
        if not os.path.exists(path):
            errors.append(f"{t['file']}: missing"); continue
        try:
            n = page_count(path)
        except Exception as e:  # noqa: BLE001
            errors.append(f"{t['file']}: does not open ({e})"); continue
        if n != t["pages"]:
            errors.append(f"{t['file']}: {n} pages, truth says {t['pages']}")
        if path.endswith(".pdf"):
            txt = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
            if txt.strip():
                errors.append(f"{t['file']}: PDF has a text layer")
        cols = t["columns"]
        body = [r for r in t["rows"] if r["kind"] == "body"]
        pct_cols = [j for j, col in enumerate(cols) if "%" in col[-1]]
        # row arithmetic
        for r in body:
            v = [num(x) for x in r["values"]]
            if t["report"] == "dossier":
                leaves = [col[-1] for col in cols]
                groups = [col[0] for col in cols]
                def col_of(pred):
                    return [j for j, col in enumerate(cols) if pred(col)]
                tot = col_of(lambda col: col[-1] == "Tổng số" and (len(col) == 1 or "nhận" in col[0] or "tiếp" in col[0].lower()))
                kt = col_of(lambda col: col[-1] in ("Kỳ trước chuyển sang", "Kỳ trước chuyển qua", "Tồn kỳ trước"))
                mt = col_of(lambda col: col[-1] in ("Mới tiếp nhận", "Mới tiếp nhận trong kỳ", "Tiếp nhận mới"))
                if tot and kt and mt and v[tot[0]] != v[kt[0]] + v[mt[0]]:
                    errors.append(f"{t['file']}: {r['label']}: total != carried + new")
                for g in set(groups):
                    members = [j for j, col in enumerate(cols) if len(col) == 2 and col[0] == g]
                    gt = [j for j in members if cols[j][1] == "Tổng số"]
                    parts = [j for j in members if cols[j][1] != "Tổng số"]
                    if gt and parts and abs(v[gt[0]] - sum(v[j] for j in parts)) > 1e-6:
                        errors.append(f"{t['file']}: {r['label']}: {g} total != parts")
                c["row_checks"] += 1
            elif t["report"] == "satisfaction":
                if abs(v[0] - sum(v[1:5])) > 1e-6:
                    errors.append(f"{t['file']}: {r['label']}: satisfaction total != levels")
                c["row_checks"] += 1
        whole = t["source_pages"] == list(range(1, len(t["source_pages"]) + 1)) and not (
            t["two_page_table"] and len(t["source_pages"]) == 1)
        tot_rows = [r for r in t["rows"] if r["kind"] == "total"]
        if whole and tot_rows:
            for j in range(len(cols)):
                if j in pct_cols:
                    continue
                s = sum(num(r["values"][j]) for r in body)
                if abs(s - num(tot_rows[0]["values"][j])) > 1e-6:
                    errors.append(f"{t['file']}: total of column {j} != sum")
            c["total_checks"] += 1
            for r in t["rows"]:
                if r["kind"] == "percent":
                    base = num(tot_rows[0]["values"][0])
                    for j, x in enumerate(r["values"]):
                        if x and j > 0 and j not in pct_cols:
                            want = 100.0 * num(tot_rows[0]["values"][j]) / base
                            dec = len(x.rstrip("%").split(",")[1]) if "," in x else 0
                            if abs(want - num(x)) > 0.5 * 10 ** -dec + 1e-9:
                                errors.append(f"{t['file']}: percent column {j} {x} != {want:.2f}")
                    c["percent_checks"] += 1
        # the source document and its PDF
        srcbase = os.path.join(a.set, "src", t["document"])
        src = next((srcbase + e for e in (".xlsx", ".docx", ".html") if os.path.exists(srcbase + e)), None)
        if not src or not os.path.exists(srcbase + ".pdf"):
            errors.append(f"{t['file']}: source missing"); continue
        srows = source_strings(src)
        for r in t["rows"]:
            want = [x for x in r["values"]]
            hit = any(r["label"] in " ".join(sr) and [x for x in sr if x != ""][-len([w for w in want if w]):] ==
                      [w for w in want if w] for sr in srows) if any(want) else any(r["label"] in " ".join(sr) for sr in srows)
            if not hit:
                errors.append(f"{t['file']}: row not in the source document: {r['label']}")
            c["rows_in_source"] += hit
        for k, sp in enumerate(t["source_pages"]):
            toks, raw = raw_tokens(srcbase + ".pdf", sp)
            for r in t["rows"]:
                if r["page"] != k + 1:
                    continue
                vals = [v for v in r["values"] if v]
                ok = any(toks[i:i + len(vals)] == vals for i in range(len(toks) - len(vals) + 1)) if vals else True
                if not ok:
                    errors.append(f"{t['file']}: row not printed on page {sp}: {r['label']}")
                c["rows_printed"] += ok
            flat = raw.replace("\n", " ")
            for col in cols:
                for w in " ".join(col).split():
                    if w.strip("()%") and w not in flat:
                        c["header_words_not_in_text_layer"] += 1
    for k in sorted(c):
        print(f"{k}: {c[k]}")
    print(f"errors: {len(errors)}")
    for e in errors[:40]:
        # errors name files and labels only, no cell contents
        print("  " + e)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
