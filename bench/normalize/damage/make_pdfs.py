#!/usr/bin/env python3
"""Real PDFs with displaced marks, and what pdftotext makes of them (kind 1, real).

  make_pdfs.py --src dev|aside --seed N --set DIR [--docs 8]

Some PDF producers draw a marked letter as a base glyph plus mark glyphs, and attach
the letter's text to a glyph drawn above the baseline while the base glyph carries no
text. This script builds that structure with headless Chromium: every letter the chosen
"font model" cannot draw whole (gen_damage.detaches) is shown in place as a picture of
its glyph (so the page looks right), and its text is white and raised by a fraction of
an em, so the text layer has the word with a gap and the letter above the line. Each document is printed to PDF; the PDF goes to
DIR/displaced_pdf/ and pdftotext's three views of it (default, -layout, -raw) go to
DIR/displaced_pdftotext/. All are added to DIR/manifest.json with the clean lines as
truth. For the PDF a line is a control when none of its letters was raised; for a
pdftotext file, when the clean line already appears in that output.

Needs chromium, poppler-utils, imagemagick and fonts-liberation / fonts-dejavu (Debian).
"""
import argparse
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_damage  # noqa: E402

FONTS = ["Liberation Serif", "Liberation Sans", "DejaVu Sans", "DejaVu Serif"]
# descender of each family as a share of the em (hhea), to put a glyph picture on the baseline
DESCENT = {"Liberation Serif": 0.216, "Liberation Sans": 0.212, "DejaVu Sans": 0.236,
           "DejaVu Serif": 0.236}


def glyph_picture(ch, font, work, cache):
    """A PNG of ch drawn in font (ImageMagick), so the page shows the letter in place
    without putting it in the text layer."""
    key = (ch, font)
    if key not in cache:
        path = subprocess.run(["fc-match", "-f", "%{file}", font], capture_output=True,
                              check=True).stdout.decode()
        name = f"g{len(cache):04d}.png"
        subprocess.run(["convert", "-background", "none", "-fill", "black", "-font", path,
                        "-pointsize", "200", "label:" + ch, os.path.join(work, name)],
                       check=True, capture_output=True)
        h = subprocess.run(["identify", "-format", "%h", os.path.join(work, name)],
                           capture_output=True, check=True).stdout.decode()
        cache[key] = (name, int(h) / 200.0)
    return cache[key]


def page_html(lines, font, size_pt, raise_em, model, rng, dot_below, work, cache):
    """The letters the font model cannot draw whole are shown as pictures in place, and
    their text is white, raised (or lowered) off the baseline, where the text layer gets it."""
    body = []
    raised = []
    for line in lines:
        parts = []
        n = 0
        for ch in line:
            if ch.isalpha() and gen_damage.detaches(ch, model):
                # with dot_below, a letter with a dot below carries its text on the dot,
                # drawn under the baseline
                low = dot_below and "\u0323" in unicodedata.normalize("NFD", ch)
                img, h = glyph_picture(ch, font, work, cache)
                parts.append(f'<span class="w"><img src="{img}" style="height:{h:.3f}em">'
                             f'<span class="{"d" if low else "m"}">{html.escape(ch)}</span></span>')
                n += 1
            else:
                parts.append(html.escape(ch))
        raised.append(n)
        body.append(f"<p>{''.join(parts)}</p>")
    css = (f'@page {{ size: A3 landscape; margin: 15mm }}'
           f'body {{ font-family: "{font}"; font-size: {size_pt}pt; margin: 0 }}'
           f'p {{ margin: 0 0 {rng.choice([4, 6, 9])}pt 0; white-space: pre }}'
           f'.w {{ position: relative }}'
           f'.w img {{ vertical-align: -{DESCENT[font]}em }}'
           f'.m, .d {{ position: absolute; left: 0; color: #fff }}'
           f'.m {{ top: -{raise_em}em }}'
           f'.d {{ top: {raise_em - 0.05:.2f}em }}')
    doc = ('<!DOCTYPE html><html><head><meta charset="utf-8"><style>' + css +
           '</style></head><body>\n' + "\n".join(body) + '\n</body></html>\n')
    return doc, raised


def print_pdf(html_path, pdf_path):
    cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
           f"--print-to-pdf={pdf_path}", "file://" + html_path]
    subprocess.run(cmd, capture_output=True, timeout=180, check=True)
    if not os.path.exists(pdf_path):
        raise RuntimeError(f"{html_path}: chromium wrote no PDF")


def pdftotext(pdf, mode):
    cmd = ["pdftotext", "-enc", "UTF-8"] + ([mode] if mode else []) + [pdf, "-"]
    return subprocess.run(cmd, capture_output=True, check=True).stdout.decode("utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", choices=["dev", "aside"], required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--set", required=True, help="a set made by gen_damage.py (manifest is extended)")
    ap.add_argument("--docs", type=int, default=8)
    args = ap.parse_args()
    rng = random.Random(args.seed * 1000 + 4)
    lines = gen_damage.load_source(args.src)
    # lines up to 150 characters fit one A3 landscape line at these sizes
    lines = [(l, o) for l, o in lines if len(l) <= 150]
    start = rng.randrange(len(lines))
    lines = lines[start:] + lines[:start]
    man_path = os.path.join(args.set, "manifest.json")
    with open(man_path, encoding="utf-8") as f:
        man = json.load(f)
    man["files"] = [f for f in man["files"] if f["kind"] not in ("displaced_pdf",)
                    and f["variant"].get("source") is None]
    work = tempfile.mkdtemp(prefix="damage_pdf_")
    cache = {}
    pos = 0
    try:
        for n in range(1, args.docs + 1):
            k = rng.randint(14, 24)
            doc = lines[pos:pos + k]
            pos += k
            font = FONTS[(n - 1) % len(FONTS)]
            size = rng.choice([10, 11, 12, 13])
            raise_em = rng.choice([0.5, 0.6, 0.7, 0.9])
            model = "F1" if rng.random() < 0.65 else "F2"
            dot_below = rng.random() < 0.5
            page, raised = page_html([l for l, _ in doc], font, size, raise_em, model, rng,
                                     dot_below, work, cache)
            hp = os.path.join(work, f"doc_{n:02d}.html")
            with open(hp, "w", encoding="utf-8") as f:
                f.write(page)
            rel = f"displaced_pdf/doc_{n:02d}.pdf"
            pdf = os.path.join(args.set, rel)
            os.makedirs(os.path.dirname(pdf), exist_ok=True)
            print_pdf(hp, pdf)
            variant = {"font": font, "size_pt": size, "raise_em": raise_em, "model": model,
                       "dot_below": dot_below}
            units = [{"truth": l, "control": r == 0, "origin": o, "tags": ["raised"] if r else ["clean"]}
                     for (l, o), r in zip(doc, raised)]
            man["files"].append({"path": rel, "kind": "displaced_pdf", "variant": variant,
                                 "units": units})
            for mode in ("", "-layout", "-raw"):
                text = pdftotext(pdf, mode)
                name = f"displaced_pdftotext/doc_{n:02d}.{mode.lstrip('-') or 'default'}.txt"
                gen_damage.write_text(os.path.join(args.set, name), text)
                present = {re.sub(r"\s+", " ", l).strip() for l in re.split(r"[\n\f]", text)}
                u2 = [dict(u, control=u["truth"] in present,
                           tags=u["tags"] + ["present" if u["truth"] in present else "damaged"])
                      for u in units]
                man["files"].append({"path": name, "kind": "displaced",
                                     "variant": dict(variant, source="pdftotext " + (mode or "default"),
                                                     narrow_gap=None),
                                     "units": u2})
            print(f"{rel}: {font} {size}pt raise {raise_em} {model} dot_below={dot_below}, "
                  f"{len(doc)} lines", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for f in man["files"]:
        if f["kind"] in ("displaced_pdf",) or f["variant"].get("source"):
            tp = os.path.join(args.set, "truth", f["path"] + ".truth")
            gen_damage.write_text(tp, "".join(u["truth"] + "\n" for u in f["units"]))
            f["truth_path"] = os.path.relpath(tp, args.set)
    with open(man_path, "w", encoding="utf-8") as f:
        f.write(json.dumps(man, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
