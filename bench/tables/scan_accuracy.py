#!/usr/bin/python3
"""Cell accuracy of `sohoa tables` on 300-dpi scans of generated tables.

Each table is one of the golden appendix tables (tests/tables/golden: the
results, satisfaction and late-records shapes) with everything else drawn
at random from a seed: 4-20 rows of department and district names, new
values (lone digits, two- and three-digit numbers, thousands "12.746",
blanks), new percentages, and every header label replaced by a random
synonym of its schema column from dictionaries/schemas. The tables are
drawn like the fixtures (scripts/make_table_fixtures.py: grid, wrapped
header cells), rendered by `pdftoppm -r 300 -gray` into an image-only PDF,
read back by `sohoa tables --json`, and compared cell by cell (keys, row
cells, totals and percentages).

Usage: /usr/bin/python3 bench/tables/scan_accuracy.py [--sohoa build/sohoa]
       [--first-seed N] [--tables N] [--keep DIR]
Prints tables read with the right keys, cells right, and OCR time.
"""
import argparse
import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
spec = importlib.util.spec_from_file_location("fixtures", os.path.join(ROOT, "scripts", "make_table_fixtures.py"))
fixtures = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fixtures)
import cairo  # noqa: E402  (after the fixtures module, which needs it too)

UNITS = [
    "Sở Tư pháp", "Sở Y tế", "Sở Xây dựng", "Sở Nội vụ", "Sở Tài chính", "Công an tỉnh",
    "Sở Công Thương", "Sở Giáo dục và Đào tạo", "Sở Giao thông vận tải", "Sở Kế hoạch và Đầu tư",
    "Sở Khoa học và Công nghệ", "Sở Lao động - Thương binh và Xã hội", "Sở Nông nghiệp và PTNT",
    "Sở Tài nguyên và Môi trường", "Sở Văn hóa, Thể thao và Du lịch", "Sở Thông tin và Truyền thông",
    "Bảo hiểm xã hội tỉnh", "Ban Quản lý các Khu công nghiệp", "Thanh tra tỉnh", "Sở Ngoại vụ",
    "UBND thành phố Sóc Trăng", "UBND thị xã Vĩnh Châu", "UBND thị xã Ngã Năm", "UBND huyện Kế Sách",
    "UBND huyện Long Phú", "UBND huyện Mỹ Tú", "UBND huyện Châu Thành", "UBND huyện Trần Đề",
    "UBND huyện Thạnh Trị", "UBND huyện Cù Lao Dung", "Cục Thuế tỉnh", "Điện lực tỉnh",
]


def load_schemas():
    """key -> (group, synonyms) per schema name."""
    out = {}
    d = os.path.join(ROOT, "dictionaries", "schemas")
    for name in os.listdir(d):
        if not name.endswith(".schema"):
            continue
        cols, schema = {}, None
        for line in open(os.path.join(d, name), encoding="utf-8"):
            line = line.strip()
            if line.startswith("schema "):
                schema = line.split()[1]
            if not (line.startswith("group") or line.startswith("column")):
                continue
            f = [x.strip() for x in line.split("|")]
            cols[f[1]] = (None if f[2] == "-" else f[2], [s.strip() for s in f[4].split(";") if s.strip()])
        out[schema] = cols
    return out


def value(rng):
    r = rng.random()
    if r < 0.05:
        return None
    if r < 0.45:
        return rng.randint(0, 9)
    if r < 0.75:
        return rng.randint(10, 999)
    return rng.randint(1000, 30000)


def make_table(rng, golden_tables, schemas):
    t = json.loads(json.dumps(rng.choice(golden_tables)))
    cols = schemas[t["schema"]]
    # Header labels: one random synonym per schema node (a group is one
    # header cell over its columns), where the path names every node.
    wording = {}
    for c in t["columns"]:
        chain = [c["key"]]
        while cols[chain[-1]][0]:
            chain.append(cols[chain[-1]][0])
        chain.reverse()
        if len(chain) == len(c["header"]):
            c["header"] = [wording.setdefault(k, rng.choice(cols[k][1])) for k in chain]
    n = len(t["columns"])
    names = rng.sample(UNITS, rng.randint(4, min(20, len(UNITS))))
    t["rows"] = [{"stt": str(i + 1), "unit": u, "values": [value(rng) for _ in range(n)]} for i, u in enumerate(names)]
    if t["total"]:
        t["total"]["values"] = [sum(r["values"][k] or 0 for r in t["rows"]) for k in range(n)]
    if t["percent"]:
        t["percent"]["values"] = [round(rng.uniform(0, 100), 2) for _ in range(n)]
    return t


def cells(t):
    out = []
    for r in t["rows"]:
        out += [("row " + r["stt"], k, v) for k, v in enumerate(r["values"])]
    for which in ("total", "percent"):
        if t.get(which):
            out += [(which, k, v) for k, v in enumerate(t[which]["values"])]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sohoa", default=os.path.join(ROOT, "build", "sohoa"))
    ap.add_argument("--first-seed", type=int, default=5_000_000)
    ap.add_argument("--tables", type=int, default=20)
    ap.add_argument("--keep", default="", help="keep the scan, expected and sohoa output JSON in DIR")
    ap.add_argument("--reuse", action="store_true", help="compare the output kept in --keep DIR (no OCR)")
    a = ap.parse_args()
    golden = []
    for s in ("000", "002", "004"):
        golden += json.load(open(os.path.join(ROOT, "tests", "tables", "golden", s + ".json"), encoding="utf-8"))["tables"]
    schemas = load_schemas()
    tables = [make_table(random.Random(a.first_seed + i), golden, schemas) for i in range(a.tables)]
    if a.reuse:
        got_doc = json.load(open(os.path.join(a.keep, "got.json"), encoding="utf-8"))
        compare(tables, got_doc["tables"], got_doc["pages"], got_doc["wall"], got_doc["cpu"])
        return
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "tables.pdf")
        surface = cairo.PDFSurface(pdf, fixtures.W, fixtures.H)
        ctx = cairo.Context(surface)
        for t in tables:
            ctx.set_source_rgb(0, 0, 0)
            fixtures.draw_table(ctx, t)
            ctx.show_page()
        surface.finish()
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", pdf, os.path.join(tmp, "p")], check=True)
        pages = sorted(p for p in os.listdir(tmp) if p.endswith(".png"))
        scan = os.path.join(tmp, "scan.pdf")
        surface = cairo.PDFSurface(scan, fixtures.W, fixtures.H)
        ctx = cairo.Context(surface)
        for p in pages:
            img = cairo.ImageSurface.create_from_png(os.path.join(tmp, p))
            ctx.save()
            ctx.scale(fixtures.W / img.get_width(), fixtures.H / img.get_height())
            ctx.set_source_surface(img, 0, 0)
            ctx.paint()
            ctx.restore()
            ctx.show_page()
        surface.finish()
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            subprocess.run(["cp", scan, os.path.join(a.keep, "scan.pdf")], check=True)
            json.dump({"tables": tables}, open(os.path.join(a.keep, "expected.json"), "w"), ensure_ascii=False, indent=1)
        t0 = time.time()
        r0 = os.times()
        out = subprocess.run([a.sohoa, "tables", "--restore=off", "--json", scan], capture_output=True, text=True)
        r1 = os.times()
        wall = time.time() - t0
    cpu = (r1.children_user - r0.children_user) + (r1.children_system - r0.children_system)
    got = json.loads(out.stdout)["documents"][0]["tables"] if out.stdout else []
    if a.keep:
        json.dump({"tables": got, "pages": len(pages), "wall": wall, "cpu": cpu},
                  open(os.path.join(a.keep, "got.json"), "w"), ensure_ascii=False)
    compare(tables, got, len(pages), wall, cpu)


def compare(tables, got, pages, wall, cpu):
    total = right = keys_ok = 0
    wrong = []
    # Table i is drawn on page i + 1.
    by_page = {}
    for g in got:
        by_page.setdefault(g["page"], g)
    for i, t in enumerate(tables):
        want = cells(t)
        total += len(want)
        g = by_page.get(i + 1)
        if g is None:
            wrong.append(f"table {i}: not found ({len(want)} cells)")
            continue
        if [c["key"] for c in g["columns"]] == [c["key"] for c in t["columns"]]:
            keys_ok += 1
        else:
            wrong.append(f"table {i} ({t['schema']}): keys {[c['key'] for c in g['columns']]}")
        have = {(w, k): v for w, k, v in cells(g)}
        for w, k, v in want:
            if have.get((w, k), "missing") == v:
                right += 1
            else:
                wrong.append(f"table {i} {w} col {k}: want {v} got {have.get((w, k), 'missing')}")
    print(f"{len(tables)} tables ({pages} pages), {len(got)} found, {keys_ok} with the right keys")
    print(f"cells right: {right}/{total} ({100.0 * right / max(1, total):.2f}%)")
    print(f"sohoa tables: {wall:.1f} s wall, {cpu:.1f} s CPU, {cpu / max(1, pages):.2f} s CPU per page "
          f"({os.cpu_count()} cores)")
    for w in wrong[:40]:
        print("  " + w)
    if len(wrong) > 40:
        print(f"  ... {len(wrong) - 40} more")


if __name__ == "__main__":
    main()
