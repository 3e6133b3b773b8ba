#!/usr/bin/python3
"""Renders two generated appendix tables that continue over a page break as
a born-digital PDF, fixtures/tables/split.pdf, with the expected records in
fixtures/tables/split.json (the golden format of tests/tables/golden):

  page 1: PHỤ LỤC I (results columns), its header and rows 1-26, "Trang 1/4";
  page 2: a running head, rows 27-35 WITHOUT the header row, "Tổng cộng",
          "Tỷ lệ %", "Trang 2/4";
  page 3: PHỤ LỤC II (satisfaction columns), header, rows 1-26, "Trang 3/4";
  page 4: a running head, the header row REPEATED, rows 27-35, totals.

Values are random (fixed seed) with the results identities kept; some
"returned" cells are blank. Unit names are the ones of the hand-checked
golden files (so their canonical names are known). Column headers and
titles come from tests/tables/golden/000.json.

Usage: /usr/bin/python3 scripts/make_split_table_fixture.py
(needs python3-cairo; draws with make_table_fixtures.draw_table)
"""
import json
import os
import random
import sys

import cairo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_table_fixtures as mtf  # noqa: E402

FIRST_PAGE_ROWS = 26
RUNNING_HEAD = "Báo cáo số 215/BC-TTHCC ngày 20/9/2021"


def units():
    seen = {}
    for name in ["000", "002", "004"]:
        with open(os.path.join(mtf.GOLDEN, name + ".json"), encoding="utf-8") as f:
            for t in json.load(f)["tables"]:
                for r in t["rows"]:
                    if r["unit_canonical"] and r["unit"] not in seen:
                        seen[r["unit"]] = r["unit_canonical"]
    return list(seen.items())


def results_values(rng):
    carry, new = rng.randint(0, 40), rng.randint(1, 400)
    received = carry + new
    resolved = rng.randint(received // 2, received)
    late = rng.randint(0, resolved // 20)
    early = rng.randint(0, resolved - late)
    pending = received - resolved
    overdue = rng.randint(0, pending // 10)
    returned = None if rng.random() < 0.3 else rng.randint(0, 3)
    return [received, carry, new, resolved, early, resolved - late - early, late, pending,
            pending - overdue, overdue, returned, rng.randint(0, received)]


def satisfaction_values(rng):
    service, attitude = rng.randint(0, 300), rng.randint(0, 300)
    staff, time = rng.randint(0, 3), rng.randint(0, 3)
    return [service, attitude, staff, time, rng.randint(0, 5), service + attitude + staff + time]


def make_table(template, values_of, rng, names):
    rows = [{"stt": str(i + 1), "unit": u, "unit_canonical": c, "values": values_of(rng)}
            for i, (u, c) in enumerate(names)]
    total = [sum(r["values"][k] or 0 for r in rows) for k in range(len(template["columns"]))]
    percent = [round(100.0 * v / total[0], 2) if total[0] else 0 for v in total]
    return {"id": template["id"], "title": template["title"].replace("THÁNG 6 NĂM 2020", "THÁNG 9 NĂM 2021"), "schema": template["schema"], "page": 0,
            "period": {"from": "2021-08-16", "to": "2021-09-15"}, "columns": template["columns"],
            "rows": rows, "total": {"label": "Tổng cộng", "values": total},
            "percent": {"label": "Tỷ lệ %", "values": percent}}


def centred(ctx, text, y, size=8):
    ctx.select_font_face(mtf.FONT, cairo.FONT_SLANT_NORMAL, cairo.FONT_WEIGHT_NORMAL)
    ctx.set_font_size(size)
    e = ctx.text_extents(text)
    ctx.move_to((mtf.W - e.x_advance) / 2, y)
    ctx.show_text(text)


def main():
    with open(os.path.join(mtf.GOLDEN, "000.json"), encoding="utf-8") as f:
        templates = json.load(f)["tables"]
    rng = random.Random(20210920)
    names = units()
    tables = [make_table(templates[0], results_values, rng, names),
              make_table(templates[1], satisfaction_values, rng, names)]
    os.makedirs(mtf.OUT, exist_ok=True)
    pdf = os.path.join(mtf.OUT, "split.pdf")
    surface = cairo.PDFSurface(pdf, mtf.W, mtf.H)
    ctx = cairo.Context(surface)
    page = 0
    for n, t in enumerate(tables):
        t["page"] = page + 1
        first = dict(t, rows=t["rows"][:FIRST_PAGE_ROWS], total=None, percent=None)
        rest = dict(t, rows=t["rows"][FIRST_PAGE_ROWS:])
        ctx.set_source_rgb(0, 0, 0)
        mtf.draw_table(ctx, first)
        page += 1
        centred(ctx, f"Trang {page}/4", mtf.H - 15)
        ctx.show_page()
        centred(ctx, RUNNING_HEAD, 22)
        mtf.draw_table(ctx, rest, heading=False, header=(n == 1), y=34)
        page += 1
        centred(ctx, f"Trang {page}/4", mtf.H - 15)
        ctx.show_page()
    surface.finish()
    with open(os.path.join(mtf.OUT, "split.json"), "w", encoding="utf-8") as f:
        json.dump({"source": "scripts/make_split_table_fixture.py", "tables": tables}, f, ensure_ascii=False,
                  indent=1)
        f.write("\n")
    print(pdf, file=sys.stderr)


if __name__ == "__main__":
    main()
