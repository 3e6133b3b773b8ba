#!/usr/bin/python3
"""photos: simulated phone photos of printed ruled appendix tables, with truth.

  /usr/bin/python3 gen.py --seed 4100 --out /work/dev-data/photos/dev [--photos 24] [--jobs 2]
  /usr/bin/python3 gen.py --seed 7700 --out /work/dev-data/photos/aside --photos 36 --shapes extended

Photo i is built from seed S+i: one appendix page (table content from
../scangen/tabledata.py, one page, 5-16 rows) laid out by headless Chromium (HTML) or by
LibreOffice (python-docx .docx), alternating, printed to PDF, page 1 rasterised at 300 dpi
with pdftoppm, then photographed by photo.simulate (see photo.py for the damage kinds).
Outputs under OUT:
  <name>.jpg            the photo
  <name>.jpg.json       truth: {"document", "tables": [contract-shaped tables, only what
                        the page prints], "cells": [{table, stt, row, column: [header path],
                        key, value (the printed string), kind: body|total|percent}],
                        "damage": [kinds], "photo": {every random parameter, page_quad and
                        table_box in photo pixels, dpi over the page}}
  src/<name>.pdf        the printed page (born-digital PDF; src/<name>.html|.docx beside it)
  manifest.json         one entry per photo (engine, kinds, dpi, style, table shape)
--shapes extended adds what the dev set never has: other column sets (shapes.py), more
fonts (DejaVu Sans/Serif Condensed, Liberation Mono, Liberation Sans Narrow), a second
table on the page, stamps, signatures and pen marks.
"""
import argparse
import importlib.util
import json
import multiprocessing as mp
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
SCANGEN = os.path.join(os.path.dirname(HERE), "scangen")
sys.path.insert(0, HERE)
sys.path.insert(0, SCANGEN)

import degrade as dg  # noqa: E402  (scangen)
import render_html  # noqa: E402  (scangen)
import tabledata  # noqa: E402  (scangen)
from tabledata import cell_text, make_table, truth_table  # noqa: E402

import photo  # noqa: E402
import shapes  # noqa: E402

try:
    import render_docx  # noqa: E402  (scangen)
except Exception:  # pragma: no cover
    render_docx = None

_spec = importlib.util.spec_from_file_location("scangen_gen", os.path.join(SCANGEN, "gen.py"))
sg = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sg)

KINDS = ["perspective", "curl", "shadow", "lowlight", "glare", "crop"]
EXTRA_FONTS = {   # extended shapes only: CSS stack, digit width in em
    "DejaVu Sans Condensed": ("'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif", 0.572),
    "DejaVu Serif Condensed": ("'DejaVu Serif Condensed', 'DejaVu Serif', serif", 0.572),
    "Liberation Mono": ("'Liberation Mono', monospace", 0.6),
}
for _f, (_css, _em) in EXTRA_FONTS.items():
    render_html.FONTS_HTML[_f] = _css
    tabledata.DIGIT_EM[_f] = _em


# ------------------------------------------------------------------ content

def build_table(rng, extended, n_rows):
    t = make_table(rng, n_rows=n_rows)
    if extended and t["kind"] == "pl1" and rng.random() < 0.6:
        t = shapes.SHAPES[rng.choice(sorted(shapes.SHAPES))](t, rng)
    return t


def choose_style(rng, table, engine, extended):
    st = sg.choose_style(rng, table, engine)
    fonts = ["Times New Roman", "Times New Roman", "Arial", "DejaVu Sans"]
    if extended:
        fonts += ["DejaVu Serif", "Liberation Sans Narrow"] + sorted(EXTRA_FONTS)
    st["font"] = rng.choice(fonts)
    # a photographed page is read at 150-230 dpi: print sizes as in the reports (10-13 pt)
    st["font_pt"] = max(st["font_pt"], rng.choice([10, 10.5, 11, 12, 13]))
    return sg.fit_font(table, st)


def second_table_html(doc1, doc2):
    """Append the body of a second HTML document (another table) to the first."""
    body2 = doc2.split("<body>", 1)[1].rsplit("</body>", 1)[0]
    return doc1.replace("</body>", "<div style='height:18pt'></div>" + body2 + "</body>")


def render_two(t1, t2, st, pdf, src_path):
    d = render_html.build_html(t1, st)
    d = second_table_html(d, render_html.build_html(t2, st))
    with tempfile.TemporaryDirectory(prefix="photos_chr_") as td:
        src = os.path.join(td, "t.html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(d)
        shutil.copy(src, src_path)
        cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
               "--no-pdf-header-footer", "--print-to-pdf-no-header",
               "--user-data-dir=" + os.path.join(td, "prof"),
               "--print-to-pdf=" + os.path.abspath(pdf), "file://" + src]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=120)


def rasterise_page1(pdf, td):
    prefix = os.path.join(td, "pg")
    subprocess.run(["pdftoppm", "-r", str(photo.SRC_DPI), "-f", "1", "-l", "1", "-png",
                    "-singlefile", pdf, prefix], check=True)
    return np.asarray(Image.open(prefix + ".png").convert("RGB"))


def table_box(page):
    gray = np.asarray(Image.fromarray(page).convert("L"))
    return dg.table_bbox(gray, photo.SRC_DPI)


def cells_of(t):
    """Every printed cell of a truth table: row label, column header path, value string."""
    out = []
    tab = {"pct_style": t.get("_pct_style", 2)}
    for r in t["rows"]:
        for c, v in zip(t["columns"], r["values"]):
            out.append({"table": t["id"], "stt": r["stt"], "row": r["unit"], "column": c["header"],
                        "key": c["key"], "value": cell_text(tab, v), "kind": "body"})
    for name in ("total", "percent"):
        line = t.get(name)
        if line:
            for c, v in zip(t["columns"], line["values"]):
                out.append({"table": t["id"], "stt": "", "row": line["label"], "column": c["header"],
                            "key": c["key"], "value": cell_text(tab, v, name == "percent"),
                            "kind": name})
    return out


# ------------------------------------------------------------------ one photo

def build_photo(job):
    seed, kinds, engine, out, extended = job
    rng = random.Random(seed)
    t0 = time.time()
    two = extended and rng.random() < 0.25
    if two:
        engine = "chromium"
    marks = extended and rng.random() < 0.4
    name = "ph%d_%s_%s" % (seed, "chr" if engine == "chromium" else "lo", "+".join(kinds))
    pdf = os.path.join(out, "src", name + ".pdf")
    n_rows = rng.randint(4, 7) if two else rng.randint(5, 16)
    for attempt in range(5):
        trng = random.Random(seed * 31 + attempt)
        t1 = build_table(trng, extended, n_rows)
        t2 = build_table(trng, extended, rng.randint(3, 6)) if two else None
        st = choose_style(trng, t1, engine, extended)
        if two:
            st["orientation"] = "portrait" if len(t1["columns"]) <= 9 and len(t2["columns"]) <= 9 \
                else "landscape"
            st = sg.fit_font(t2, sg.fit_font(t1, st))
            render_two(t1, t2, st, pdf, os.path.join(out, "src", name + ".html"))
        elif engine == "chromium":
            render_html.render_pdf(t1, st, pdf, keep_src=os.path.join(out, "src", name + ".html"))
        else:
            render_docx.render_pdf(t1, st, pdf, keep_src=os.path.join(out, "src", name + ".docx"))
        if sg.pdf_pages(pdf) == 1 and not sg.overflows(pdf):
            break
        n_rows = max(3, int(n_rows * 0.7))
    tables = [t for t in (t1, t2) if t]
    warn = []
    truths = []
    for t in tables:
        n, rows_p, tot_p, pct_p, w = sg.page_map(pdf, t)
        warn += w
        rows = [r for r, p in zip(t["rows"], rows_p) if p == 0]
        tt = truth_table(t, rows=rows, with_total=tot_p == 0, with_percent=pct_p == 0, page=1)
        tt["_pct_style"] = t["pct_style"]
        truths.append(tt)
    if two and truths[0]["id"] == truths[1]["id"]:
        truths[1]["id"] += "b"
    with tempfile.TemporaryDirectory(prefix="photos_r_") as td:
        page = rasterise_page1(pdf, td)
    box = table_box(page)
    prng = random.Random(seed * 1009 + 17)
    mark_ops = []
    if marks:
        what = prng.choice(["stamp", "signature", "pen", "stamp+pen"])
        if "stamp" in what:
            page = dg.stamp(page, prng, photo.SRC_DPI, mark_ops, t1["province"])
        if "signature" in what:
            page = dg.signature(page, prng, photo.SRC_DPI, mark_ops)
        if "pen" in what:
            page, op = photo.pen_marks(page, prng, box)
            mark_ops.append(op)
        page = dg.to_rgb(page)
    img, q, rec = photo.simulate(page, kinds, prng, box)
    fn = name + ".jpg"
    Image.fromarray(img).save(os.path.join(out, fn), "JPEG", quality=q)
    cells = [c for t in truths for c in cells_of(t)]
    for t in truths:
        t.pop("_pct_style", None)
    truth = {"document": fn, "tables": truths, "cells": cells, "damage": list(kinds),
             "marks": mark_ops, "photo": rec}
    with open(os.path.join(out, fn + ".json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    shape = "+".join((t.get("variant") or t["kind"]) for t in tables)
    return {"file": fn, "seed": seed, "engine": engine, "kinds": list(kinds),
            "primary": kinds[0] if len(kinds) == 1 else "combo", "dpi": rec["dpi"],
            "jpeg_quality": q, "orientation": st["orientation"], "font": st["font"],
            "font_pt": st["font_pt"], "shape": shape, "tables": len(tables),
            "marks": [m.get("op") for m in mark_ops], "n_cells": len(cells),
            "size": [int(img.shape[1]), int(img.shape[0])], "warnings": warn,
            "gen_seconds": round(time.time() - t0, 1)}


def plan(seed, n):
    """Kinds per photo: each single kind in turn, every fourth photo a combination of 2-3."""
    r = random.Random(seed * 7919)
    out = []
    singles = []
    for i in range(n):
        if i % 4 == 3:
            out.append(r.sample(KINDS, r.choice([2, 2, 3])))
        else:
            if not singles:
                singles = list(KINDS)
                r.shuffle(singles)
            out.append([singles.pop()])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--photos", type=int, default=24)
    ap.add_argument("--shapes", choices=["base", "extended"], default="base")
    ap.add_argument("--engines", default="chromium,libreoffice")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    engines = [e for e in a.engines.split(",") if e]
    if "libreoffice" in engines and render_docx is None:
        sys.exit("render_docx unavailable (python-docx missing?)")
    t0 = time.time()
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    os.makedirs(os.path.join(a.out, "src"))
    jobs = [(a.seed + i, k, engines[i % len(engines)], a.out, a.shapes == "extended")
            for i, k in enumerate(plan(a.seed, a.photos))]
    entries = []
    with mp.Pool(max(1, a.jobs)) as p:
        for e in p.imap(build_photo, jobs):
            entries.append(e)
            print("%s: %d cells, %.0f dpi, %s%s" % (e["file"], e["n_cells"], e["dpi"], e["shape"],
                  "  WARN " + "; ".join(e["warnings"]) if e["warnings"] else ""), flush=True)
    man = {"seed": a.seed, "photos": a.photos, "shapes": a.shapes,
           "generated_seconds": round(time.time() - t0, 1), "files": entries}
    with open(os.path.join(a.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(man, f, ensure_ascii=False, indent=1)
    print("done in %.0fs: %d photos" % (time.time() - t0, len(entries)))


if __name__ == "__main__":
    main()
