#!/usr/bin/python3
"""Renders the appendix tables of samples 000, 002 and 004 as born-digital
PDFs (grid lines, multi-line header cells, text top-aligned in each cell)
and as 300-dpi grey scans (pdftoppm -r 300 -gray, pages put back into an
image-only PDF), into fixtures/tables/, and a strip of the 000 scan's
second page (rows 5-8 of Phụ lục II, where Tesseract's layout analysis drops
lone digits) as fixtures/tables/lone_digits_300dpi.png for the ingest OCR
test. The tables come from the hand-checked
golden files tests/tables/golden/*.json, so the records read back from the
PDF and the scan must equal the golden ones.

Usage: /usr/bin/python3 scripts/make_table_fixtures.py [--strip-only]
(needs python3-cairo, python3-pil, poppler-utils; --strip-only remakes only
the PNG strip from the existing 000.pdf)
"""
import json
import os
import subprocess
import sys
import tempfile

import cairo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "tests", "tables", "golden")
OUT = os.path.join(ROOT, "fixtures", "tables")
FONT = "DejaVu Sans"
W, H = 842, 595  # A4 landscape, points
SIZE = 7.5
LINE = 9.5


def fmt(v, decimals):
    if v is None:
        return ""
    s = f"{v:,.{decimals}f}"  # 12,746.50
    return s.replace(",", "X").replace(".", ",").replace("X", ".")


def wrap(ctx, text, width):
    words, lines, cur = text.split(), [], ""
    for w in words:
        t = (cur + " " + w).strip()
        if ctx.text_extents(t).x_advance <= width or not cur:
            cur = t
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def draw_table(ctx, t, heading=True, header=True, y=40):
    """Draws table `t` from `y` down; without `heading` no heading, title or
    period (a page the table continues on), without `header` no header row.
    Returns the y below the last row."""
    ctx.select_font_face(FONT, cairo.FONT_SLANT_NORMAL, cairo.FONT_WEIGHT_BOLD)
    ctx.set_font_size(10)
    title = {"PL": "Phụ lục"}.get(t["id"], t["id"].replace("PL-", "PHỤ LỤC "))
    for line in ([title] + wrap(ctx, t["title"], W - 120)) if heading else []:
        e = ctx.text_extents(line)
        ctx.move_to((W - e.x_advance) / 2, y)
        ctx.show_text(line)
        y += 14
    ctx.select_font_face(FONT, cairo.FONT_SLANT_NORMAL, cairo.FONT_WEIGHT_NORMAL)
    if heading and t["period"]["from"]:
        f, to = t["period"]["from"].split("-"), t["period"]["to"].split("-")
        line = f"(TỪ NGÀY {int(f[2])}/{int(f[1])}/{f[0]} ĐẾN {int(to[2])}/{int(to[1])}/{to[0]})"
        e = ctx.text_extents(line)
        ctx.move_to((W - e.x_advance) / 2, y)
        ctx.show_text(line)
        y += 14
    y += 8 if heading else 0
    ctx.set_font_size(SIZE)
    cols = t["columns"]
    n = len(cols)
    x0, stt_w, unit_w = 30, 22, 170
    num_w = (W - 2 * x0 - stt_w - unit_w) / n
    xs = [x0, x0 + stt_w, x0 + stt_w + unit_w] + [x0 + stt_w + unit_w + num_w * (k + 1) for k in range(n)]
    depth = max(len(c["header"]) for c in cols)
    # Lines per header level: the most any cell at that level needs.
    def span(level, k):
        b = k
        while b + 1 < n and cols[b + 1]["header"][: level + 1] == cols[k]["header"][: level + 1] and len(cols[k]["header"]) > level + 1:
            b += 1
        return b
    cells = []  # (level, first, last, text, is_leaf)
    for level in range(depth):
        k = 0
        while k < n:
            h = cols[k]["header"]
            if len(h) > level and (k == 0 or cols[k - 1]["header"][: level + 1] != h[: level + 1]):
                last = span(level, k)
                cells.append((level, k, last, h[level], len(h) == level + 1))
                k = last + 1
            else:
                k += 1
    level_lines = [1] * depth
    for level, a, b, text, leaf in cells:
        need = len(wrap(ctx, text, xs[b + 3] - xs[a + 2] - 4))
        if not leaf:
            level_lines[level] = max(level_lines[level], need)
    for level, a, b, text, leaf in cells:
        if leaf:  # a leaf spans down to the bottom; give the last level room
            need = len(wrap(ctx, text, xs[b + 3] - xs[a + 2] - 4))
            room = sum(level_lines[level:])
            if need > room:
                level_lines[-1] += need - room
    level_y = [y]
    for lv in range(depth):
        level_y.append(level_y[-1] + level_lines[lv] * LINE + 4)
    hb = level_y[-1] if header else y
    ctx.set_line_width(0.5)
    ctx.rectangle(xs[0], y, xs[-1] - xs[0], hb - y)
    ctx.stroke()
    def cell_text(x_l, x_r, top, text, center=True):
        ly = top + LINE
        for line in wrap(ctx, text, x_r - x_l - 4):
            e = ctx.text_extents(line)
            ctx.move_to((x_l + x_r - e.x_advance) / 2 if center else x_l + 2, ly)
            ctx.show_text(line)
            ly += LINE
    for x_l, x_r, label in [(xs[0], xs[1], "STT"), (xs[1], xs[2], "Đơn vị")] if header else []:
        ctx.rectangle(x_l, y, x_r - x_l, hb - y)
        ctx.stroke()
        cell_text(x_l, x_r, y, label)
    for level, a, b, text, leaf in cells if header else []:
        x_l, x_r = xs[a + 2], xs[b + 3]
        bottom = hb if leaf else level_y[level + 1]
        ctx.rectangle(x_l, level_y[level], x_r - x_l, bottom - level_y[level])
        ctx.stroke()
        cell_text(x_l, x_r, level_y[level], text)
    y = hb
    rows = [(r["stt"], r["unit"], r["values"], 0) for r in t["rows"]]
    if t["total"]:
        rows.append(("", t["total"]["label"], t["total"]["values"], 0))
    if t["percent"]:
        rows.append(("", t["percent"]["label"], t["percent"]["values"], 2))
    rh = LINE + 3
    for stt, unit, values, decimals in rows:
        for i in range(len(xs) - 1):
            ctx.rectangle(xs[i], y, xs[i + 1] - xs[i], rh)
        ctx.stroke()
        base = y + rh - 3.5
        e = ctx.text_extents(stt)
        ctx.move_to((xs[0] + xs[1] - e.x_advance) / 2, base)
        ctx.show_text(stt)
        ctx.move_to(xs[1] + 3, base)
        ctx.show_text(unit)
        for k, v in enumerate(values):
            s = fmt(v, decimals)
            e = ctx.text_extents(s)
            ctx.move_to(xs[k + 3] - 3 - e.x_advance, base)
            ctx.show_text(s)
        y += rh
    return y


# Rows 5-8 of Phụ lục II of 000 on its page at 300 dpi: x 200-2300, y 690-900.
STRIP_BOX = (200, 690, 2300, 900)


def make_strip():
    from PIL import Image
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-f", "2", "-l", "2",
                        os.path.join(OUT, "000.pdf"), os.path.join(tmp, "p")], check=True)
        page = [p for p in os.listdir(tmp) if p.endswith(".png")][0]
        img = Image.open(os.path.join(tmp, page)).convert("L")
        out = os.path.join(OUT, "lone_digits_300dpi.png")
        img.crop(STRIP_BOX).save(out, dpi=(300, 300), optimize=True)
        print(out, file=sys.stderr)


def main():
    os.makedirs(OUT, exist_ok=True)
    if "--strip-only" in sys.argv[1:]:
        make_strip()
        return
    for name in ["000", "002", "004"]:
        with open(os.path.join(GOLDEN, name + ".json"), encoding="utf-8") as f:
            golden = json.load(f)
        pdf = os.path.join(OUT, name + ".pdf")
        surface = cairo.PDFSurface(pdf, W, H)
        ctx = cairo.Context(surface)
        for t in golden["tables"]:
            ctx.set_source_rgb(0, 0, 0)
            draw_table(ctx, t)
            ctx.show_page()
        surface.finish()
        # The scan: 300 dpi grey pages, back into an image-only PDF.
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", pdf, os.path.join(tmp, "p")], check=True)
            pages = sorted(p for p in os.listdir(tmp) if p.endswith(".png"))
            scan = os.path.join(OUT, name + "_scan.pdf")
            surface = cairo.PDFSurface(scan, W, H)
            ctx = cairo.Context(surface)
            for p in pages:
                img = cairo.ImageSurface.create_from_png(os.path.join(tmp, p))
                ctx.save()
                ctx.scale(W / img.get_width(), H / img.get_height())
                ctx.set_source_surface(img, 0, 0)
                ctx.paint()
                ctx.restore()
                ctx.show_page()
            surface.finish()
        print(pdf, scan, file=sys.stderr)
    make_strip()


if __name__ == "__main__":
    main()
