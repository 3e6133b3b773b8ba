#!/usr/bin/env python3
"""Make a scans3 set: appendix tables laid out by LibreOffice Calc / Writer / Chromium, printed to
PDF, checked against the PDF's text layer, rasterised and captured as scans, phone photos, faxes,
marked-up scans or turned pages; one table per file, truth JSON beside each file.

usage: gen.py --seed N --docs N --out DIR
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import capture  # noqa: E402
import content  # noqa: E402
import render  # noqa: E402

KINDS = ["flatbed", "phone", "phone_hard", "fax", "marks", "turned"]
ENGINES = ["calc", "writer", "chromium"]
FORMATS = {"flatbed": ["jpg", "png", "tif", "pdf"], "phone": ["jpg", "jpg", "jpg", "png"],
           "phone_hard": ["jpg", "jpg", "jpg", "png"], "fax": ["tif", "tif", "png", "pdf"],
           "marks": ["jpg", "png", "pdf"], "turned": ["png", "jpg", "tif", "pdf"]}
FONTS = {"chromium": ["Liberation Serif", "Liberation Sans", "DejaVu Sans", "DejaVu Serif"],
         "writer": ["Times New Roman", "Arial", "DejaVu Serif", "Liberation Sans Narrow"],
         "calc": ["Times New Roman", "Arial", "DejaVu Sans", "Liberation Serif"]}


def style(rng, engine, t, two_page):
    ncol = len(t["columns"])
    st = {"orient": "landscape" if (ncol >= 8 and rng.random() < 0.8) or rng.random() < 0.25 else "portrait",
          "font": rng.choice(FONTS[engine]), "size": rng.choice([10, 11, 11, 12, 13]) if ncol < 9 else rng.choice([10, 11, 12]),
          "margin_mm": rng.choice([12, 15, 18, 20]), "num_align": rng.choice(["right", "center", "center"]),
          "pl": rng.choice(["PHỤ LỤC I", "PHỤ LỤC 01", "Phụ lục II", "PHỤ LỤC SỐ 03", "Phụ lục"]),
          "period": content.period(rng),
          "footer": rng.choice(["Nguồn: Hệ thống thông tin giải quyết TTHC tỉnh",
                                "(Số liệu trích xuất từ Cổng dịch vụ công của tỉnh)", "Người lập biểu"]),
          "unit_w": rng.choice([22, 26, 30, 34]), "merge_total": rng.random() < 0.5}
    if two_page:
        st["size"] = max(st["size"], 12)
        st["orient"] = "portrait" if ncol < 9 else "landscape"
    if engine == "chromium":
        st["rules"] = rng.choice(["zebra", "zebra", "zebra_frame", "leaders", "hairline"])
        st["zebra_bg"] = rng.choice(["#e2e2e2", "#dbe6f4", "#ecf3dc", "#f0f0f0"])
        st["pad"] = rng.choice([2, 3, 4, 5])
    elif engine == "writer":
        st["rules"] = rng.choice(["double_outer", "double_shaded", "single"])
        st["shade"] = rng.choice(["D9D9D9", "BFBFBF", "E7E6E6"]) if st["rules"] != "double_outer" or rng.random() < 0.5 else None
        st["thick_total"] = rng.random() < 0.6
        st["vertical_leaves"] = rng.random() < 0.35
    else:
        st["rules"] = rng.choice(["borders", "borders", "gridlines", "none", "outline"])
        st["shade"] = rng.choice(["D9D9D9", "DDEBF7", "FFF2CC", None])
        st["thick_total"] = rng.random() < 0.5
        st["int_cells"] = t["fmt"]["thousands"] == ""
        st["unit_chars"] = rng.choice([22, 28, 34, 40])
        st["num_chars"] = rng.choice([9, 10, 12, 13])
        st["hdr_height"] = rng.choice([30, 36, 45])
    return st


def sh(cmd):
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def pdf_pages(pdf):
    m = re.search(r"Pages:\s+(\d+)", sh(["pdfinfo", pdf]))
    return int(m.group(1))


def norm_tok(s):
    return s.strip().strip("|")


def line_tokens(ln):
    """Tokens of a pdftotext line; dotted leaders (clipped but still in the text layer) dropped."""
    return [norm_tok(x) for x in ln.split() if not re.fullmatch(r"[.…·]+", x)]


LABEL_SKIP = {"ubnd", "sở", "huyện", "thành", "phố", "thị", "xã", "và", "ban", "tỉnh", "-", "ủy", "nhân", "dân"}


def locate_rows(pdf, t, npages):
    """Page of every row from `pdftotext -layout`: a line with the row's non-blank printed values as
    consecutive tokens, and a word of its label (or its STT) within two lines. Returns (pages, errors)."""
    texts = [sh(["pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-"]).splitlines() for p in range(1, npages + 1)]
    toks = [[line_tokens(ln) for ln in tx] for tx in texts]
    pages, errs = [], []
    for row in t["rows"]:
        vals = [v for v in row["values"] if v != ""]
        words = [w for w in re.split(r"[\s,]+", row["label"]) if w and w.lower() not in LABEL_SKIP]
        hits = set()
        for p, lines in enumerate(toks):
            for i, lt in enumerate(lines):
                if vals:
                    ok = any(lt[k:k + len(vals)] == vals for k in range(len(lt) - len(vals) + 1))
                    if not ok:
                        continue
                    near = [w for j in range(max(0, i - 2), min(len(lines), i + 3)) for w in lines[j]]
                    if any(w in near for w in words) or (row["stt"] and row["stt"] in lt[:3]):
                        hits.add(p + 1)
                else:
                    if words and all(w in lt for w in words):
                        hits.add(p + 1)
        if len(hits) == 1:
            pages.append(hits.pop())
        elif not hits:
            pages.append(None); errs.append(f"row not printed: {row['label']} {vals}")
        else:
            # several pages: take the first, but note (same values on two pages = identical rows)
            pages.append(min(hits)); errs.append(f"row on several pages: {row['label']} {sorted(hits)}")
    # headers on every page: each header word appears in the page text
    hdr_missing = 0
    for p, tx in enumerate(texts):
        flat = " ".join(tx)
        for c in t["columns"]:
            for w in " ".join(c).split():
                if w.strip("()%") and w not in flat:
                    hdr_missing += 1
    return pages, errs, hdr_missing, texts


def ink_box(img):
    g = img if img.ndim == 2 else cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    ys, xs = np.where(g < 160)
    h = g.shape[0]
    sel = ys > h * 0.12
    return int(xs[sel].min()), int(ys[sel].min()), int(xs[sel].max()), int(ys[sel].max())


def save_image(img, path, fmt, dpi, rng, kind):
    pil = Image.fromarray(img)
    kw = {}
    if dpi and kind not in ("phone", "phone_hard"):
        kw["dpi"] = (dpi, dpi)
    q = None
    if fmt == "jpg":
        q = int(rng.integers(55, 90)) if kind in ("phone", "phone_hard") else int(rng.integers(60, 92))
        if pil.mode == "1" or (img.ndim == 2 and kind == "fax"):
            pil = pil.convert("L")
        pil.save(path, quality=q, **kw)
    elif fmt == "png":
        if kind == "fax":
            pil = pil.convert("1")
        pil.save(path, **kw)
    elif fmt == "tif":
        if kind == "fax":
            pil.convert("1").save(path, compression="group4", **kw)
        else:
            pil.save(path, compression="tiff_lzw", **kw)
    return q


def write_multi(imgs, path, fmt, dpis, rng, kind, tmp):
    """Several pages in one file: image-only PDF (img2pdf) or multi-page TIFF."""
    if fmt == "pdf":
        parts = []
        q = None
        for k, (im, d) in enumerate(zip(imgs, dpis)):
            if kind == "fax":
                pp = os.path.join(tmp, f"pg{k}.png"); Image.fromarray(im).convert("1").save(pp, dpi=(d, d))
            else:
                pp = os.path.join(tmp, f"pg{k}.jpg"); q = int(rng.integers(65, 92))
                Image.fromarray(im).save(pp, quality=q, dpi=(d, d))
            parts.append(pp)
        subprocess.run(["img2pdf", "-o", path] + parts, check=True, capture_output=True)
        return q
    pils = [Image.fromarray(im) for im in imgs]
    if kind == "fax":
        pils = [p.convert("1") for p in pils]
        pils[0].save(path, save_all=True, append_images=pils[1:], compression="group4", dpi=(dpis[0], dpis[0]))
    else:
        pils[0].save(path, save_all=True, append_images=pils[1:], compression="tiff_lzw", dpi=(dpis[0], dpis[0]))
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--docs", type=int, default=36)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    nrng = np.random.default_rng(a.seed)
    os.makedirs(os.path.join(a.out, "src"), exist_ok=True)
    kinds = [KINDS[i % len(KINDS)] for i in range(a.docs)]
    rnd.shuffle(kinds)
    two = set(rnd.sample(range(a.docs), max(2, a.docs // 9)))
    manifest = []
    for d in range(a.docs):
        engine = ENGINES[d % 3]
        kind = kinds[d]
        report = rnd.choice(["dossier", "dossier", "satisfaction", "online"])
        two_page = d in two
        name = f"s3_{a.seed}_{d:02d}_{engine}_{kind}"
        base = os.path.join(a.out, "src", name)
        nrows = rnd.randint(30, 36) if two_page else rnd.randint(6, 17)
        for attempt in range(4):
            t = content.build(rnd, report, nrows)
            st = style(rnd, engine, t, two_page)
            src, pdf = render.render(engine, t, st, base)
            npg = pdf_pages(pdf)
            if npg > 2 or (npg == 2 and not two_page):
                nrows = max(5, nrows - 4)
                continue
            pages, errs, hdr_missing, _ = locate_rows(pdf, t, npg)
            if errs:
                print(f"{name}: attempt {attempt}: {errs[:3]}", file=sys.stderr)
                continue
            break
        else:
            print(f"{name}: skipped", file=sys.stderr)
            continue
        for row, p in zip(t["rows"], pages):
            row["page"] = p
        # rasterise (colour, 300 dpi)
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["pdftoppm", "-r", "300", "-png", pdf, os.path.join(tmp, "p")], check=True)
            pngs = sorted(f for f in os.listdir(tmp) if f.endswith(".png"))
            imgs, ops, dpis = [], [], []
            for pn in pngs:
                page = np.array(Image.open(os.path.join(tmp, pn)).convert("RGB"))
                if kind == "flatbed":
                    im, p = capture.flatbed(page, 300, nrng)
                elif kind == "phone":
                    im, p = capture.phone(page, 300, nrng, hard=False)
                elif kind == "phone_hard":
                    im, p = capture.phone(page, 300, nrng, hard=True)
                elif kind == "fax":
                    im, p = capture.fax(page, 300, nrng)
                elif kind == "marks":
                    im, p = capture.marks(page, 300, nrng, ink_box(page))
                else:
                    im, p = capture.turned(page, 300, nrng, st["orient"] == "landscape")
                imgs.append(im); ops.append(p); dpis.append(int(p["dpi"]))
            fmt = str(nrng.choice(FORMATS[kind]))
            if len(imgs) > 1 and kind in ("flatbed", "fax", "marks", "turned") and nrng.random() < 0.75:
                fmt = "pdf" if nrng.random() < 0.6 else "tif"
            outs = []
            if len(imgs) == 1 or fmt in ("jpg", "png"):
                for k, im in enumerate(imgs):
                    fn = name + (f"_p{k + 1}" if len(imgs) > 1 else "") + "." + fmt
                    if fmt == "pdf":
                        q = write_multi([im], os.path.join(a.out, fn), "pdf", [dpis[k]], nrng, kind, tmp)
                    else:
                        q = save_image(im, os.path.join(a.out, fn), fmt, dpis[k], nrng, kind)
                    outs.append((fn, [k + 1], q))
            else:
                fn = name + "." + fmt
                q = write_multi(imgs, os.path.join(a.out, fn), fmt, dpis, nrng, kind, tmp)
                outs.append((fn, list(range(1, len(imgs) + 1)), q))
        for fn, pgs, q in outs:
            rows, cells = [], []
            for row in t["rows"]:
                if row["kind"] == "group" or row["page"] not in pgs:
                    continue
                ri = len(rows)
                rows.append({"stt": row["stt"], "label": row["label"], "kind": row["kind"],
                             "page": pgs.index(row["page"]) + 1, "values": row["values"]})
                for j, v in enumerate(row["values"]):
                    cells.append({"row": ri, "label": row["label"], "kind": row["kind"],
                                  "column": t["columns"][j], "col": j, "value": v})
            truth = {"file": fn, "document": name, "engine": engine, "kind": kind, "report": t["report"],
                     "shape": t["shape"], "format": fn.rsplit(".", 1)[1], "pages": len(pgs),
                     "source_pages": pgs, "two_page_table": npg > 1, "jpeg_quality": q,
                     "style": st, "fmt": t["fmt"], "unit_header": t["unit_header"], "title": t["title"],
                     "columns": t["columns"], "grouped": any(r["kind"] == "group" for r in t["rows"]),
                     "rows": rows, "cells": cells,
                     "page_ops": [ops[p - 1] for p in pgs], "header_words_missing_in_pdf": hdr_missing}
            json.dump(truth, open(os.path.join(a.out, fn + ".json"), "w"), ensure_ascii=False, indent=1)
            manifest.append({"file": fn, "engine": engine, "kind": kind, "report": t["report"],
                             "pages": len(pgs), "cells": len(cells)})
            print(f"{fn}: {len(rows)} rows, {len(cells)} cells, {len(pgs)} page(s)", file=sys.stderr)
        # source data beside the PDF: the table as written
        json.dump({"table": {k: v for k, v in t.items()}, "style": st}, open(base + ".table.json", "w"),
                  ensure_ascii=False, indent=1)
    json.dump(manifest, open(os.path.join(a.out, "manifest.json"), "w"), ensure_ascii=False, indent=1)
    print(f"{len(manifest)} files", file=sys.stderr)


if __name__ == "__main__":
    main()
