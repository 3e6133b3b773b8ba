#!/usr/bin/python3
"""scangen: printed-and-scanned appendix tables with truth.

  /usr/bin/python3 gen.py --seed 101 --out /work/dev-data/scangen/dev  [--docs 12] [--jobs 2]

Document i (0-based) is built from seed S+i.  Each document is one appendix table laid out
by headless Chromium (HTML) or LibreOffice (DOCX made with python-docx), alternating.
Outputs under OUT:
  born/<doc>.pdf            born-digital PDF with a text layer
  scan/<doc>_v<k>_<kind>_p<n>.png|.jpg   degraded page images (one per page)
  scanpdf/<doc>_v<k>_<kind>.pdf          image-only PDF of one degraded variant
  src/<doc>.html|.docx      the layout source
  every output file has a sibling <name>.json with the truth (contract "tables" schema),
  and OUT/manifest.json lists all files with engine, kind, dpi, pages and the operations.
Page-image truth holds only the rows printed on that page (the header repeats).
"""
import argparse
import json
import multiprocessing as mp
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import degrade as dg  # noqa: E402
from tabledata import cell_text, layout_widths, make_table, truth_table  # noqa: E402
import render_html  # noqa: E402

try:
    import render_docx  # noqa: E402
except Exception:  # pragma: no cover
    render_docx = None

ENGINES = ["chromium", "libreoffice"]


# ------------------------------------------------------------------ style

def choose_style(rng, table, engine, long_doc=False):
    ncols = len(table["columns"])
    wide = ncols >= 9
    orient = "landscape" if (wide and rng.random() < 0.8) or (not wide and rng.random() < 0.2) \
        else "portrait"
    font = rng.choice(["Times New Roman", "Times New Roman", "Arial", "DejaVu Sans",
                       "DejaVu Serif", "Liberation Sans Narrow"])
    hi = 13 if (orient == "landscape" or ncols <= 7) else 11
    if font.startswith("DejaVu") and ncols >= 12 and orient == "portrait":
        hi = 10
    font_pt = rng.randint(9, hi)
    if rng.random() < 0.5:
        font_pt += 0.5 if font_pt < hi else 0
    if long_doc:
        orient = "portrait" if ncols <= 10 else orient
        font_pt = max(font_pt, min(hi, 12))
    st = {
        "engine": engine,
        "orientation": orient,
        "font": font,
        "font_pt": font_pt,
        "num_align": rng.choice(["center", "center", "right", "left"]),
        "border_pt": rng.choice([0.5, 0.75, 1.0, 1.0, 1.25, 1.5]),
        "unit_col_pct": rng.randint(18, 34),
        "pad_px": rng.randint(4, 8) if long_doc else rng.randint(1, 6),
        "margin_mm": rng.randint(10, 20),
        "title_gap_pt": rng.randint(0, 6),
        "col_numbers": rng.random() < 0.15,
        "total_merged": rng.random() < 0.4,
        "table_width_pct": rng.choice([100, 100, 96]),
    }
    return st


def fit_font(table, st):
    """Lower font_pt until every column's minimum width (estimated) fits the page width."""
    while st["font_pt"] > 7 and layout_widths(table, st) is None:
        st["font_pt"] -= 0.5
        st["fit_shrunk"] = st.get("fit_shrunk", 0) + 1
    return st


# ------------------------------------------------------------------ pages

def pdf_pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 1


def _ns(s):
    return re.sub(r"\s+", "", s)


def _ascii(s):
    # pdftotext may move combining marks / fallback-font letters out of the word; the ASCII
    # skeleton of a name survives in order
    return re.sub(r"[^A-Za-z0-9]", "", s)


def page_map(pdf, table):
    """Which page each body row, the total and the percent row were printed on."""
    n = pdf_pages(pdf)
    texts = []
    for p in range(1, n + 1):
        t = subprocess.run(["pdftotext", "-raw", "-f", str(p), "-l", str(p), pdf, "-"],
                           capture_output=True, text=True).stdout
        texts.append(_ns(t))
    atexts = [_ascii(t) for t in texts]
    warn = []

    def find(keys, start):
        for key in keys:
            for p in range(start, n):
                if key and key in texts[p]:
                    return p
        for key in keys:
            a = _ascii(key)
            if len(a) < 4:
                continue
            for p in range(start, n):
                if a in atexts[p]:
                    return p
        return None

    rows_p = []
    cur = 0
    for r in table["rows"]:
        p = find([_ns(r["stt"] + r["unit"]), _ns(r["unit"])], cur)
        if p is None:
            warn.append("row not located: " + r["unit"])
            p = cur
        rows_p.append(p)
        cur = p
    v0 = table["total"]["values"][0]
    p = find([_ns(table["total"]["label"]) + cell_text(table, v0)], cur)
    if p is None:
        warn.append("total not located")
        p = n - 1
    tot_p = p
    pct_p = None
    if table["percent"]:
        p = find([_ns(table["percent"]["label"]) + cell_text(table, table["percent"]["values"][0], True)],
                 tot_p)
        pct_p = p if p is not None else tot_p
    return n, rows_p, tot_p, pct_p, warn


def overflows(pdf):
    """True when table text runs past the table's rightmost vertical rule (a clipped table)."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
    pages = out.split("<page ")[1:]
    with tempfile.TemporaryDirectory(prefix="scangen_o_") as td:
        imgs = rasterise(pdf, 100, td)
    for txt, img in zip(pages, imgs):
        hor, ver = dg.rule_masks(img, 100, thr=235)
        ys, xs = np.nonzero(ver)
        if len(xs) == 0:
            continue
        x_right = xs.max()
        hy = np.nonzero(hor)[0]
        y0, y1 = (hy.min(), hy.max()) if len(hy) else (ys.min(), ys.max())
        for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', txt):
            x0w, y0w, x1w, y1w = (float(g) * 100 / 72 for g in m.groups())
            if y0w > y0 and y1w < y1 and x1w > x_right - 1:
                return True
    return False


def rasterise(pdf, dpi, tmpdir):
    prefix = os.path.join(tmpdir, "r%d" % dpi)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", pdf, prefix], check=True)
    files = sorted(f for f in os.listdir(tmpdir) if f.startswith("r%d-" % dpi))
    files.sort(key=lambda f: int(re.search(r"-(\d+)\.png$", f).group(1)))
    return [np.asarray(Image.open(os.path.join(tmpdir, f)).convert("L")) for f in files]


# ------------------------------------------------------------------ degradations

def degrade_page(img, kind, rng, dpi, table):
    """Returns (array, mode, ops, ext, jpeg_quality)."""
    ops = []
    ext, q = "png", None
    if kind in ("stamp", "signature"):
        img = dg.stamp(img, rng, dpi, ops, table["province"]) if kind == "stamp" \
            else dg.signature(img, rng, dpi, ops)
        if rng.random() < 0.3:   # both marks on some pages
            img = dg.signature(img, rng, dpi, ops) if kind == "stamp" \
                else dg.stamp(img, rng, dpi, ops, table["province"])
    if kind == "faint_rules":
        img = dg.faint_rules(img, rng, dpi, ops)
    # a little skew on most scans, a lot for 'rotate'
    if kind == "rotate":
        a = rng.uniform(0.2, 3.0) * rng.choice([-1, 1])
        img = dg.rotate(img, a)
        ops.append({"op": "rotate", "deg": round(a, 2)})
    elif kind not in ("clean", "lowdpi") and rng.random() < 0.5:
        a = rng.uniform(0.1, 0.8) * rng.choice([-1, 1])
        img = dg.rotate(img, a)
        ops.append({"op": "rotate", "deg": round(a, 2)})
    if kind == "blur":
        s = rng.uniform(0.8, 2.2) * dpi / 300
        img = dg.blur(img, s)
        ops.append({"op": "blur", "sigma": round(s, 2)})
    if kind == "lighting":
        img = dg.lighting(img, rng, ops)
    if kind == "photocopy":
        img = dg.photocopy(img, rng, dpi, ops)
    if kind == "noise_gauss":
        s = rng.uniform(10, 35)
        img = dg.noise_gauss(img, rng, s)
        ops.append({"op": "gauss_noise", "sigma": round(s, 1)})
    if kind == "noise_sp":
        a = rng.uniform(0.003, 0.03)
        img = dg.noise_sp(img, rng, a)
        ops.append({"op": "salt_pepper", "amount": round(a, 4)})
    if kind == "fax":
        img = dg.fax(img, rng, dpi, ops)
        return img, "1", ops, "png", None
    if kind == "jpeg":
        if rng.random() < 0.5:
            s = rng.uniform(0.4, 0.9)
            img = dg.blur(img, s)
            ops.append({"op": "blur", "sigma": round(s, 2)})
        q = rng.randint(15, 60)
        ops.append({"op": "jpeg", "quality": q})
        ext = "jpg"
    if kind == "lighting" and rng.random() < 0.4:
        q = rng.randint(40, 75)
        ops.append({"op": "jpeg", "quality": q})
        ext = "jpg"
    mode = "RGB" if img.ndim == 3 else "L"
    return img, mode, ops, ext, q


def kind_dpi(kind, rng):
    if kind == "lowdpi":
        return 150
    if kind == "fax":
        return 200
    if kind == "clean":
        return rng.choice([200, 300, 300, 400])
    return rng.choice([150, 200, 200, 300, 300, 300, 400])


def save_image(arr, mode, path, dpi, quality):
    im = Image.fromarray(arr)
    if mode == "1":
        im = im.convert("1")
    if path.endswith(".jpg"):
        im.save(path, "JPEG", quality=quality, dpi=(dpi, dpi))
    else:
        im.save(path, dpi=(dpi, dpi), optimize=False)


# ------------------------------------------------------------------ one document

def write_truth(path, doc_name, tables):
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"document": doc_name, "tables": tables}, f, ensure_ascii=False, indent=1)


def build_doc(job):
    seed, idx, engine, kinds, out, pdf_variant = job
    rng = random.Random(seed)
    long_doc = rng.random() < 0.3          # aim for a table split over two pages
    table = make_table(rng, n_rows=rng.randint(19, 25) if long_doc else None)
    st = fit_font(table, choose_style(rng, table, engine, long_doc))
    name = "s%d_%s" % (seed, "chr" if engine == "chromium" else "lo")
    entries = []
    t0 = time.time()
    born = os.path.join(out, "born", name + ".pdf")
    for attempt in range(6):
        if engine == "chromium":
            render_html.render_pdf(table, st, born, keep_src=os.path.join(out, "src", name + ".html"))
        else:
            render_docx.render_pdf(table, st, born, keep_src=os.path.join(out, "src", name + ".docx"))
        if not overflows(born) or st["font_pt"] <= 7:
            break
        st["font_pt"] = st["font_pt"] - 1        # table wider than the page: shrink, re-lay
        st["shrunk"] = attempt + 1
    n, rows_p, tot_p, pct_p, warn = page_map(born, table)
    meta = {"doc": name, "seed": seed, "engine": engine, "kind_table": table["kind"],
            "variant": table["variant"], "pages": n, "long_target": long_doc, "style": st,
            "n_rows": len(table["rows"]), "n_cols": len(table["columns"]), "warnings": warn}
    write_truth(born + ".json", name + ".pdf", [truth_table(table, page=1)])
    entries.append(dict(meta, file="born/" + name + ".pdf", set="born", kind="born",
                        dpi=None, ops=[]))

    def page_truth(p):
        rows = [r for r, rp in zip(table["rows"], rows_p) if rp == p]
        return truth_table(table, rows=rows, with_total=(tot_p == p),
                           with_percent=(pct_p == p), page=1)

    with tempfile.TemporaryDirectory(prefix="scangen_r_") as td:
        cache = {}
        for v, kind in enumerate(kinds):
            vr = random.Random(seed * 100 + v)
            dpi = kind_dpi(kind, vr)
            if dpi not in cache:
                cache[dpi] = rasterise(born, dpi, td)
            pages = cache[dpi]
            files = []
            for p, img in enumerate(pages):
                arr, mode, ops, ext, q = degrade_page(img, kind, vr, dpi, table)
                fn = "%s_v%d_%s_p%d.%s" % (name, v, kind, p + 1, ext)
                path = os.path.join(out, "scan", fn)
                save_image(arr, mode, path, dpi, q)
                files.append(path)
                t = page_truth(p)
                write_truth(path + ".json", fn, [t])
                entries.append(dict(meta, file="scan/" + fn, set="scan", kind=kind, dpi=dpi,
                                    ops=ops, page=p + 1, pages_in_file=1,
                                    n_rows_on_page=len(t["rows"])))
            if v == pdf_variant:
                fn = "%s_v%d_%s.pdf" % (name, v, kind)
                path = os.path.join(out, "scanpdf", fn)
                subprocess.run(["img2pdf", "-o", path] + files, check=True)
                write_truth(path + ".json", fn, [truth_table(table, page=1)])
                entries.append(dict(meta, file="scanpdf/" + fn, set="scanpdf", kind=kind,
                                    dpi=dpi, ops=[], pages_in_file=n))
    for e in entries:
        e["gen_seconds_doc"] = round(time.time() - t0, 1)
    return entries


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--docs", type=int, default=12)
    ap.add_argument("--variants", type=int, default=3, help="degraded variants per document")
    ap.add_argument("--engines", default="chromium,libreoffice")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    engines = [e for e in a.engines.split(",") if e]
    if "libreoffice" in engines and render_docx is None:
        sys.exit("render_docx unavailable (python-docx missing?)")
    t0 = time.time()
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    for d in ("born", "scan", "scanpdf", "src"):
        os.makedirs(os.path.join(a.out, d))
    srng = random.Random(a.seed * 7919)
    pool = []
    while len(pool) < a.docs * a.variants:
        ks = list(dg.KINDS)
        srng.shuffle(ks)
        pool += ks
    jobs = []
    for i in range(a.docs):
        kinds = pool[i * a.variants:(i + 1) * a.variants]
        jobs.append((a.seed + i, i, engines[i % len(engines)], kinds, a.out,
                     srng.randrange(a.variants)))
    entries = []
    if a.jobs > 1:
        with mp.Pool(a.jobs) as p:
            for es in p.imap(build_doc, jobs):
                entries += es
                print("%s: %d pages, %d files" % (es[0]["doc"], es[0]["pages"], len(es)), flush=True)
    else:
        for j in jobs:
            es = build_doc(j)
            entries += es
            print("%s: %d pages, %d files" % (es[0]["doc"], es[0]["pages"], len(es)), flush=True)
    man = {"seed": a.seed, "docs": a.docs, "generated_seconds": round(time.time() - t0, 1),
           "files": entries}
    with open(os.path.join(a.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(man, f, ensure_ascii=False, indent=1)
    counts = {}
    for e in entries:
        counts[e["set"]] = counts.get(e["set"], 0) + 1
    print("done in %.0fs: %s" % (time.time() - t0, counts))
    for e in entries:
        for w in e.get("warnings", []) if e["set"] == "born" else []:
            print("warning %s: %s" % (e["doc"], w))


if __name__ == "__main__":
    main()
