#!/usr/bin/python3
"""Verify a scans2 set without sohoa: every file opens with the pages its truth says, PDFs are
image-only, the figures are consistent (Tổng cộng = column sums, Tỷ lệ % = share of the received
total), and for LibreOffice/Chromium documents every truth row is printed on its page of the source
PDF (`pdftotext -layout`, a different reading from the generator's `-raw`): the row's non-blank
values side by side on one line, in order, with its STT or a word of its label on that line or
next to it; every header word printed on each page of the table. Prints counts only."""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import content  # noqa: E402


def num(v):
    if v in ("", "-"):
        return 0.0
    if "," in v:
        return float(v.replace(".", "").replace(",", "."))
    return float(v.replace(".", ""))


def layout_pages(pdf):
    out = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    return [[ln.split() for ln in pg.splitlines()] for pg in out.split("\f")]


def contiguous(toks, seq):
    n = len(seq)
    return any(toks[i:i + n] == seq for i in range(len(toks) - n + 1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", required=True)
    a = ap.parse_args()
    files = sorted(f for f in glob.glob(os.path.join(a.set, "*.json")) if not f.endswith("manifest.json"))
    errors = []
    ncells = defaultdict(int)
    docs = defaultdict(list)
    pages = 0
    for jf in files:
        t = json.load(open(jf))
        path = jf[:-5]
        if not os.path.exists(path):
            errors.append("missing " + path); continue
        if path.endswith(".pdf"):
            info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
            n = int(re.search(r"Pages:\s+(\d+)", info).group(1))
            txt = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
            if txt.strip():
                errors.append("text layer in image-only PDF " + path)
        else:
            im = Image.open(path)
            im.load()
            n = getattr(im, "n_frames", 1)
        if n != t["pages"]:
            errors.append("%s: %d pages, truth says %d" % (path, n, t["pages"]))
        pages += n
        for c in t["cells"]:
            ncells["numeric" if c["value"] not in ("", "-") else "blank/dash"] += 1
            ncells[c["kind"]] += 1
        if len(t["cells"]) != sum(len(r["values"]) for r in t["rows"]) or not t["cells"]:
            errors.append("%s: cells and rows disagree or empty" % path)
        docs[t["document"]].append(t)
    for name, ts in docs.items():
        t0 = ts[0]
        rows = {}
        for t in ts:
            for r in t["rows"]:
                rows[(r["stt"], r["label"], r["kind"])] = r
        body = [r for r in rows.values() if r["kind"] == "body"]
        tot = [r for r in rows.values() if r["kind"] == "total"]
        pct = [r for r in rows.values() if r["kind"] == "percent"]
        ncol = len(t0["columns"])
        if len(tot) != 1:
            errors.append("%s: %d total rows" % (name, len(tot))); continue
        for j in range(ncol):
            s = sum(num(r["values"][j]) for r in body)
            if abs(s - num(tot[0]["values"][j])) > 1e-6:
                errors.append("%s: column %d sums to %g, total row says %s" % (name, j, s, tot[0]["values"][j]))
        keys = content.SHAPES[t0["shape"]]
        kt = [k for _, k in keys].index("total")
        if pct:
            for j in range(ncol):
                v = pct[0]["values"][j]
                if v == "":
                    continue
                want = 100.0 * num(tot[0]["values"][j]) / max(1.0, num(tot[0]["values"][kt]))
                if abs(num(v) - want) > 0.006:
                    errors.append("%s: percent col %d is %s, expected %.2f" % (name, j, v, want))
        if [list(h) for h, _ in keys] != t0["columns"]:
            errors.append("%s: columns differ from the shape" % name)
        if t0["engine"] == "pil":
            if not os.path.exists(os.path.join(a.set, "src", name + ".png")):
                errors.append("%s: clean drawing missing" % name)
            continue
        src = os.path.join(a.set, "src", name + ".pdf")
        lp = layout_pages(src)
        hwords = set(w for p in t0["columns"] for h in p for w in h.split()) | set(t0["unit_header"].split())
        used_pages = sorted(set(r["page"] for r in rows.values()))
        for p in used_pages:
            pw = set(w for ln in lp[p - 1] for w in ln)
            miss = hwords - pw
            if miss:
                errors.append("%s p%d: header words not printed: %s" % (name, p, " ".join(sorted(miss))))
        for r in rows.values():
            lines = lp[r["page"] - 1]
            vals = [v for v in r["values"] if v != ""]
            anchor = set([r["stt"]] if r["stt"] else []) | set(r["label"].split())
            ok = False
            for i, ln in enumerate(lines):
                if vals and contiguous(ln, vals):
                    near = [w for k in range(max(0, i - 3), min(len(lines), i + 4)) for w in lines[k]]
                    if anchor & set(near):
                        ok = True; break
            if not ok:
                errors.append("%s: row %r not printed on page %d as in the truth" % (name, r["label"], r["page"]))
    print("files %d, pages %d, documents %d, cells %d (%s)" % (
        len(files), pages, len(docs), sum(ncells[k] for k in ("numeric", "blank/dash")),
        ", ".join("%s %d" % kv for kv in sorted(ncells.items()))))
    print("errors: %d" % len(errors))
    for e in errors[:40]:
        print("  " + e)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
