#!/usr/bin/python3
"""Draws a 300-dpi grey page image of an appendix table WITHOUT a grid of
rules, fixtures/tables/aligned_hrules_300dpi.png, with its truth in
fixtures/tables/aligned_hrules_300dpi.json, for the alignment reader's
end-to-end test (tests/tables/tables_scan_e2e_test.cc):

  - three horizontal rules only (above and below the header, below the
    table; "booktabs"), no vertical rule anywhere;
  - a two-level header whose cells are centred vertically (the group label
    starts above the STT line);
  - numbers left-aligned in the first three columns, centred in the last
    two, vertically centred in rows whose unit names wrap over two lines;
  - one blank cell, a Tổng cộng row (column sums).

Values are random (fixed seed) with the results identities kept
(received = carryover + new = resolved + pending). Drawn with PIL by this
script (DejaVu Sans), not taken from any evaluation set.

Usage: /usr/bin/python3 scripts/make_aligned_table_fixture.py
(needs python3-pil, fonts-dejavu-core)
"""
import json
import os
import random

from PIL import Image, ImageDraw, ImageFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fixtures", "tables")
NAME = "aligned_hrules_300dpi"
FONTS = "/usr/share/fonts/truetype/dejavu/"
DPI = 300
PT = DPI / 72.0
W, H = 2480, 2300  # pixels: A4 width at 300 dpi, a short page
SIZE = 11 * PT
LINE = 14 * PT

UNITS = ["Sở Tài chính", "Ủy ban nhân dân huyện Ba Vì", "Sở Giao thông vận tải", "Sở Y tế",
         "UBND thị xã Sơn Tây", "Ban Quản lý các Khu công nghiệp", "Sở Tư pháp", "UBND huyện Đan Phượng"]
KEYS = ["received_total", "received_carryover", "received_new", "resolved_total", "pending_total"]


def fmt(v):
    if v is None:
        return ""
    return f"{v:,}".replace(",", ".")


class Pen:
    """Text and rules on a grey page; y of text is its baseline."""

    def __init__(self):
        self.img = Image.new("L", (W, H), 255)
        self.draw = ImageDraw.Draw(self.img)
        self.regular = ImageFont.truetype(FONTS + "DejaVuSans.ttf", round(SIZE))
        self.bold = ImageFont.truetype(FONTS + "DejaVuSans-Bold.ttf", round(SIZE))
        self.font = self.regular

    def width(self, s):
        return self.draw.textlength(s, font=self.font)

    def text(self, s, x, baseline, align="left", width=0):
        adv = self.width(s)
        if align == "center":
            x += (width - adv) / 2
        elif align == "right":
            x += width - adv
        self.draw.text((x, baseline), s, font=self.font, fill=0, anchor="ls")

    def hline(self, x0, x1, y, thick):
        self.draw.rectangle([x0, y, x1, y + thick - 1], fill=0)


def wrap(pen, text, width):
    words, lines, cur = text.split(), [], ""
    for w in words:
        t = (cur + " " + w).strip()
        if pen.width(t) <= width or not cur:
            cur = t
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def main():
    rng = random.Random(1517)
    rows = []
    for i, unit in enumerate(UNITS):
        carry, new = rng.randint(0, 60), rng.randint(5, 2400)
        received = carry + new
        resolved = rng.randint(received // 2, received)
        rows.append({"stt": str(i + 1), "unit": unit,
                     "values": [received, carry, new, resolved, received - resolved]})
    rows[3]["values"][1] = None  # a blank cell (carry-over not stated)
    rows[3]["values"][0] = rows[3]["values"][2]
    rows[3]["values"][4] = rows[3]["values"][0] - rows[3]["values"][3]
    total = [sum(r["values"][k] or 0 for r in rows) for k in range(5)]

    pen = Pen()
    pen.font = pen.bold
    pen.text("PHỤ LỤC I", 0, 200, "center", W)
    pen.text("KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", 0, 200 + LINE * 1.3, "center", W)
    pen.font = pen.regular
    pen.text("(Từ ngày 01/4/2023 đến ngày 30/6/2023)", 0, 200 + LINE * 2.6, "center", W)

    # Columns (pixels): STT, unit, five numbers.
    xs = [220, 380, 900, 1160, 1420, 1680, 1960, 2260]
    pad = 0.4 * LINE
    top = 200 + LINE * 4
    rule = 4
    pen.hline(xs[0], xs[-1], top, rule)
    # Header: three lines high; the group over columns 2-4, its children
    # below; the other cells centred vertically over the whole header.
    pen.font = pen.bold
    h_top = top + pad
    h_height = 3 * LINE + 2 * pad

    def cell(label, x0, x1, y_top, height):
        lines = wrap(pen, label, x1 - x0 - 2 * pad)
        y = y_top + (height - len(lines) * LINE) / 2 + 0.78 * LINE
        for line in lines:
            pen.text(line, x0, y, "center", x1 - x0)
            y += LINE

    cell("STT", xs[0], xs[1], h_top, h_height)
    cell("Đơn vị", xs[1], xs[2], h_top, h_height)
    cell("Số hồ sơ nhận giải quyết", xs[2], xs[5], h_top, LINE + pad)
    for k, label in enumerate(["Tổng số", "Kỳ trước", "Mới tiếp nhận"]):
        cell(label, xs[2 + k], xs[3 + k], h_top + LINE + 2 * pad, h_height - LINE - 2 * pad)
    cell("Đã giải quyết", xs[5], xs[6], h_top, h_height)
    cell("Đang giải quyết", xs[6], xs[7], h_top, h_height)
    y = h_top + h_height + pad
    pen.hline(xs[0], xs[-1], y, rule)
    y += rule

    def body_row(stt, label, values, bold=False):
        nonlocal y
        pen.font = pen.bold if bold else pen.regular
        lines = wrap(pen, label, xs[2] - xs[1] - 2 * pad)
        height = len(lines) * LINE + 2 * pad
        base = y + pad + 0.78 * LINE
        for n, line in enumerate(lines):
            pen.text(line, xs[1] + pad, base + n * LINE)
        centre = y + (height - LINE) / 2 + 0.78 * LINE
        if stt:
            pen.text(stt, xs[0], centre, "center", xs[1] - xs[0])
        for k, v in enumerate(values):
            if k < 3:
                pen.text(fmt(v), xs[2 + k] + pad, centre)
            else:
                pen.text(fmt(v), xs[2 + k], centre, "center", xs[3 + k] - xs[2 + k])
        y += height

    for r in rows:
        body_row(r["stt"], r["unit"], r["values"])
    body_row("", "Tổng cộng", total, bold=True)
    pen.hline(xs[0], xs[-1], y, rule)

    os.makedirs(OUT, exist_ok=True)
    png = os.path.join(OUT, NAME + ".png")
    pen.img.save(png, dpi=(DPI, DPI), optimize=True)
    truth = {"keys": KEYS, "rows": rows, "total": total}
    with open(os.path.join(OUT, NAME + ".json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(png)


if __name__ == "__main__":
    main()
