#!/usr/bin/python3
"""scans2: appendix tables laid out by LibreOffice (python-docx), Chromium (HTML with partial
borders) and own PIL drawing, rasterised with pdftoppm, then damaged like office scanners and
photocopiers. Writes page images (.png/.jpg/.tif) and image-only PDFs with cell truth beside them."""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import content  # noqa: E402
import degrade as D  # noqa: E402
from dpi_meta import set_dpi  # noqa: E402
import render  # noqa: E402

KINDS = ["clean", "rotate", "blur", "noise_jpeg", "lowdpi", "faint_rules", "photocopy2", "photocopy3",
         "punch_holes", "stamp_sig", "upside_down", "landscape90", "fax"]
ENGINES = ["docx", "html", "docx", "pil", "docx", "html", "pil"]


def page_tokens(pdf):
    n = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1))
    pages = []
    for p in range(1, n + 1):
        txt = subprocess.run(["pdftotext", "-raw", "-f", str(p), "-l", str(p), pdf, "-"],
                             capture_output=True, text=True).stdout
        pages.append(txt.split())
    return pages


def find_seq(tokens, seq, nvals=None):
    """Start of the row in the content-ordered tokens: a window holding the row's tokens (a wrapped
    label may continue after the values of its first line), the values contiguous and in order."""
    n = len(seq)
    vals = seq[len(seq) - nvals:] if nvals else []
    for i in range(len(tokens) - n + 1):
        if tokens[i] != seq[0]:
            continue
        w = tokens[i:i + n]
        if sorted(w) != sorted(seq):
            continue
        if not vals or find_exact(w, vals) >= 0:
            return i
    return -1


def find_exact(tokens, seq):
    n = len(seq)
    for i in range(len(tokens) - n + 1):
        if tokens[i:i + n] == seq:
            return i
    return -1


def row_seq(label, vals):
    return label.split() + [v for v in vals if v != ""]


def locate_rows(t, pdf):
    """Page of every printed row, from the PDF's text layer (the row label followed by its non-blank
    values in content order). Rows not found exactly -> None (the document is re-made)."""
    pages = page_tokens(pdf)
    out = []
    for stt, label, vals, kind in render.body_rows(t):
        seq = ([stt] if stt else []) + row_seq(label, vals)
        nv = len([v for v in vals if v != ""])
        found = [p + 1 for p, toks in enumerate(pages) if find_seq(toks, seq, nv) >= 0]
        if len(found) != 1:
            return None, len(pages)
        out.append(found[0])
    return out, len(pages)


def choose_style(rng, engine, shape, two_page):
    ncol = len(content.SHAPES[shape])
    st = {"engine": engine}
    st["landscape"] = (ncol >= 8 and rng.random() < 0.85) or (ncol < 8 and rng.random() < 0.3)
    if two_page:
        st["landscape"] = rng.random() < 0.3
    st["font"] = rng.choice(list(render.FONT_FILES))
    st["size"] = rng.choice([9, 10, 11, 12, 13]) if not two_page else rng.choice([12, 13])
    if not st["landscape"] and ncol >= 8:
        st["size"] = min(st["size"], 10)
    if engine == "docx":
        st["rules"] = rng.choice(["grid", "grid", "grid", "hrules", "none", "dotted", "booktabs"])
    elif engine == "html":
        st["rules"] = rng.choice(["vrules", "hrules", "hdotted", "grid", "booktabs", "none"])
    else:
        st["rules"] = rng.choice(["grid", "grid", "dotted", "hrules", "none"])
    st["rule_sz"] = rng.choice([4, 6, 8, 12])
    st["num_align"] = rng.choice(["center", "center", "right", "left"])
    st["label_cm"] = round(rng.uniform(3.0, 4.2) if rng.random() < 0.5 else rng.uniform(4.5, 6.5), 1)
    st["margin_cm"] = rng.choice([1.5, 2.0, 2.5])
    st["merge_total"] = rng.random() < 0.5
    # numbers must not wrap: shrink the font, the unit column and the margins, then turn the page
    for _ in range(12):
        if value_col_ok(st, ncol):
            break
        if st["size"] > 8:
            st["size"] -= 1
        elif st["label_cm"] > 3.0:
            st["label_cm"] = 3.0
        elif st["margin_cm"] > 1.5:
            st["margin_cm"] = 1.5
        elif not st["landscape"]:
            st["landscape"] = True
    return st


def value_col_ok(st, ncol):
    usable = (29.7 if st["landscape"] else 21.0) - 2 * st["margin_cm"]
    w = (usable - st["label_cm"] - 1.0) / ncol
    need = 7 * 0.6 * st["size"] / 72 * 2.54 + 0.5
    return w >= need


def save_image(arr, path, fmt, rng, ops, q=None):
    if fmt == "jpg":
        q = q or int(rng.integers(70, 93))
        cv2.imwrite(path, arr if arr.ndim == 2 else cv2.cvtColor(arr, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, q])
        ops.append({"op": "jpeg", "quality": q})
    elif fmt == "tif1":
        Image.fromarray(arr).convert("1", dither=Image.NONE).save(path, compression="group4", dpi=(200, 200))
    elif fmt == "tif":
        Image.fromarray(arr).save(path, compression="tiff_lzw")
    else:
        Image.fromarray(arr).save(path)


def damage(gray, kind, rng, dpi, landscape, ops):
    """Returns (uint8 gray or RGB array, forced format or None)."""
    small = lambda: float(rng.uniform(0.2, 0.7) * rng.choice([-1, 1]))
    fmt = None
    img = gray
    if kind == "clean":
        a = small(); img = D.rotate(img, a); ops.append({"op": "rotate", "deg": round(a, 2)})
    elif kind == "rotate":
        a = float(rng.uniform(0.8, 3.0) * rng.choice([-1, 1])); img = D.rotate(img, a)
        ops.append({"op": "rotate", "deg": round(a, 2)})
    elif kind == "blur":
        s = float(rng.uniform(1.0, 1.8) * dpi / 300); img = cv2.GaussianBlur(img, (0, 0), s)
        img = D.gauss_noise(img, rng, 4); a = small(); img = D.rotate(img, a)
        ops += [{"op": "blur", "sigma": round(s, 2)}, {"op": "rotate", "deg": round(a, 2)}]
    elif kind == "noise_jpeg":
        s = float(rng.uniform(10, 25)); img = D.gauss_noise(img, rng, s); a = small(); img = D.rotate(img, a)
        ops += [{"op": "noise", "sigma": round(s, 1)}, {"op": "rotate", "deg": round(a, 2)}]
        fmt = ("jpg", int(rng.integers(15, 46)))
    elif kind == "lowdpi":
        img = cv2.GaussianBlur(img, (0, 0), 0.6); img = D.gauss_noise(img, rng, 5); a = small(); img = D.rotate(img, a)
        ops += [{"op": "blur", "sigma": 0.6}, {"op": "rotate", "deg": round(a, 2)}]
    elif kind == "faint_rules":
        img = D.faint_rules(img, rng, dpi, ops); img = D.gauss_noise(img, rng, 4); a = small(); img = D.rotate(img, a)
        ops.append({"op": "rotate", "deg": round(a, 2)})
    elif kind in ("photocopy2", "photocopy3"):
        img = D.photocopy(img, rng, dpi, 2 if kind == "photocopy2" else 3, ops)
    elif kind == "punch_holes":
        a = small(); img = D.rotate(img, a); ops.append({"op": "rotate", "deg": round(a, 2)})
        img = D.punch_holes(img, rng, dpi, landscape, ops)
        img = D.gauss_noise(img, rng, 3)
    elif kind == "stamp_sig":
        box = D.ink_box(img)
        rgb = cv2.cvtColor(img, cv2.COLOR_GRAY2RGB)
        # paper tint of a colour scanner
        rgb = np.clip(rgb.astype(np.float32) * np.array([1.0, 0.98, 0.94]), 0, 255).astype(np.uint8)
        rgb = D.stamp(rgb, rng, dpi, box, ops)
        a = small(); img = D.rotate(rgb, a); ops.append({"op": "rotate", "deg": round(a, 2)})
    elif kind == "upside_down":
        a = small(); img = D.rotate(img, 180 + a); ops.append({"op": "rotate", "deg": round(180 + a, 2)})
        img = D.gauss_noise(img, rng, 3)
    elif kind == "landscape90":
        q = 90 if rng.random() < 0.5 else -90
        a = small(); img = D.rotate(img, q + a); ops.append({"op": "rotate", "deg": round(q + a, 2)})
        img = D.gauss_noise(img, rng, 3)
    elif kind == "fax":
        a = small(); img = D.rotate(img, a)
        thr = float(rng.uniform(140, 185))
        img = D.gauss_noise(img, rng, 12)
        img = np.where(img < thr, 0, 255).astype(np.uint8)
        if rng.random() < 0.5:  # standard resolution: every other line doubled
            img[1::2] = img[0::2][: img[1::2].shape[0]]
            ops.append({"op": "fax_standard_lines"})
        for _ in range(int(rng.integers(0, 4))):
            y = int(rng.integers(0, img.shape[0]))
            img[y:y + 2, :] = np.where(rng.random(img.shape[1]) < 0.5, 0, img[y:y + 2, :])
        ops += [{"op": "rotate", "deg": round(a, 2)}, {"op": "threshold", "t": round(thr)}]
        fmt = ("tif1", None)
    return img, fmt


def make_doc(idx, seed, out, kind, engine):
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    two_page = engine != "pil" and kind not in ("landscape90",) and rng.random() < 0.3
    for attempt in range(6):
        shape = rng.choice(["two_lvl", "reordered", "flat", "short_ordered"] if two_page else list(content.SHAPES))
        nrows = rng.randint(30, 38) if two_page else rng.randint(5, 15)
        t = content.make_table(rng, shape, nrows)
        st = choose_style(rng, engine, shape, two_page)
        if kind == "landscape90":
            st["landscape"] = True
        name = "d%d_%s_%s" % (seed, engine, kind)
        src = os.path.join(out, "src", name + ".pdf")
        dpi = 150 if kind == "lowdpi" else 200 if kind == "fax" else int(rng.choice([200, 300, 300, 300, 400]))
        if engine == "pil":
            try:
                pil_img = render.render_pil(t, st, dpi)
            except ValueError:
                continue
            pil_img.save(src[:-4] + ".png")
            pages_of_rows, npages = [1] * len(render.body_rows(t)), 1
            rasters = [np.array(pil_img)]
        else:
            (render.render_docx if engine == "docx" else render.render_html)(t, st, src)
            pages_of_rows, npages = locate_rows(t, src)
            if pages_of_rows is None:
                print("  %s: rows not located in the text layer, re-made" % name, file=sys.stderr)
                continue
            if (npages > 1) != two_page or npages > 2:
                continue
            with tempfile.TemporaryDirectory() as td:
                subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", src, td + "/p"], check=True)
                rasters = [np.array(Image.open(os.path.join(td, f)).convert("L")) for f in sorted(os.listdir(td))]
        break
    else:
        raise RuntimeError("doc %d could not be made" % seed)
    # output format
    if kind == "fax":
        fmt = rng.choice(["tif1", "pdf"])
    elif kind == "noise_jpeg":
        fmt = rng.choice(["jpg", "pdf"])
    else:
        fmt = rng.choice(["png", "png", "jpg", "tif", "pdf", "pdf"])
    pages = []
    for p, g in enumerate(rasters):
        ops = []
        img, forced = damage(g, kind, nprng, dpi, st["landscape"], ops)
        pages.append((img, forced, ops))
    files = []
    cols = [list(h) for h in t["headers"]]
    rows = render.body_rows(t)

    def truth_for(page_set):
        cells, trows = [], []
        for (stt, label, vals, rk), pg in zip(rows, pages_of_rows):
            if pg not in page_set:
                continue
            trows.append({"stt": stt, "label": label, "kind": rk, "page": pg, "values": vals})
            for j, v in enumerate(vals):
                cells.append({"row": label, "stt": stt, "kind": rk, "column": cols[j], "col": j, "value": v, "page": pg})
        return trows, cells

    base = {"document": name, "seed": seed, "engine": engine, "kind": kind, "shape": t["shape"],
            "layout": st, "rules": st["rules"], "dpi": dpi, "two_page": npages > 1, "zero": t["zero"],
            "title": t["title"], "pl": t["pl"], "columns": cols, "unit_header": t["unit_header"]}
    if fmt == "pdf":
        with tempfile.TemporaryDirectory() as td:
            imgs = []
            allops = []
            for p, (img, forced, ops) in enumerate(pages):
                ext = "jpg" if (forced and forced[0] == "jpg") or nprng.random() < 0.5 else "png"
                f = os.path.join(td, "p%d.%s" % (p, ext))
                if forced and forced[0] == "tif1":
                    f = os.path.join(td, "p%d.png" % p)
                    Image.fromarray(img).convert("1", dither=Image.NONE).save(f)
                else:
                    save_image(img, f, ext, nprng, ops, forced[1] if forced and forced[0] == "jpg" else None)
                imgs.append(f)
                allops.append(ops)
            path = os.path.join(out, name + ".pdf")
            subprocess.run(["img2pdf", "--imgsize", "%ddpi" % dpi, "-o", path] + imgs, check=True)
        trows, cells = truth_for(set(range(1, npages + 1)))
        files.append(dict(base, file=os.path.basename(path), format="pdf", pages=npages, page_ops=allops, rows=trows, cells=cells))
    else:
        for p, (img, forced, ops) in enumerate(pages):
            f_fmt = forced[0] if forced else fmt
            ext = {"tif1": "tif"}.get(f_fmt, f_fmt)
            path = os.path.join(out, "%s_p%d.%s" % (name, p + 1, ext))
            save_image(img, path, f_fmt, nprng, ops, forced[1] if forced else None)
            set_dpi(path, dpi)
            trows, cells = truth_for({p + 1})
            files.append(dict(base, file=os.path.basename(path), format=ext, pages=1, page_of_doc=p + 1,
                              page_ops=[ops], rows=trows, cells=cells))
    for fr in files:
        json.dump(fr, open(os.path.join(out, fr["file"] + ".json"), "w"), ensure_ascii=False, indent=1)
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--docs", type=int, default=22)
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", type=int, default=None, help="make one document index only")
    a = ap.parse_args()
    os.makedirs(os.path.join(a.out, "src"), exist_ok=True)
    rng = random.Random(a.seed)
    kinds = (KINDS * 10)[: a.docs]
    rng.shuffle(kinds)
    manifest = []
    for i in range(a.docs):
        if a.only is not None and i != a.only:
            continue
        engine = ENGINES[(i + a.seed) % len(ENGINES)]
        seed = a.seed * 100 + i
        fs = make_doc(i, seed, a.out, kinds[i], engine)
        for f in fs:
            manifest.append({k: f[k] for k in ("file", "document", "engine", "kind", "shape", "rules", "dpi", "format",
                                               "pages", "two_page")} | {"cells": len(f["cells"])})
            print("%-45s %-5s %-12s %-9s dpi %d pages %d cells %d" % (f["file"], f["engine"], f["kind"], f["rules"], f["dpi"],
                                                                    f["pages"], len(f["cells"])), flush=True)
    if a.only is None:
        json.dump(manifest, open(os.path.join(a.out, "manifest.json"), "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
