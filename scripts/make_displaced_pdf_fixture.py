#!/usr/bin/env python3
"""Makes fixtures/pdf_displaced/: a born-digital PDF whose marked letters are drawn
off the baseline, as producers do whose font draws a marked letter apart (issue 30),
with the text it was made from.
  displaced.html  lines written for this fixture; every Vietnamese letter outside
                  Latin-1 (ơ, ư, ở, ệ ...) is put in a span raised by 0.6 em, or
                  lowered by 0.6 em when it has a dot below, so Poppler gives the
                  word without it ("Th" "ng") and the letter as a box over the gap;
                  one line has a spacing acute (U+00B4) drawn over its letter
  displaced.pdf   printed by headless Chromium
  displaced.txt   the text, one line per line
Needs chromium. Usage: scripts/make_displaced_pdf_fixture.py  (from the repository root)
"""
import html, os, subprocess, tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "fixtures", "pdf_displaced")

# Written for this fixture, in the shape of a report.
LINES = ["ỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH",
         "TỔNG HỢP KẾT QUẢ XỬ LÝ ĐƠN",
         "Biểu số: 01/XLD",
         "Sở Tư pháp đã tiếp nhận 1.204 hồ sơ, trong đó trực tuyến 312 hồ sơ.",
         "Người dân vùng sâu chưa quen sử dụng dịch vụ công trực tuyến.",
         "Để thực hiện tốt nhiệm vụ, các cơ quan phối hợp với Ủy ban nhân dân xã.",
         "Sau khi nghe báo cáo và ý kiến của các đại biểu, Chủ tịch kết luận."]
ACUTE_LINE = ("Ca", "c ", "đơn vị")  # "Các đơn vị": the acute drawn apart over the a
DOT_BELOW = set("ẠẶẬẸỆỊỌỘỢỤỰỴạặậẹệịọộợụựỵ")


def detached(c):
    return ord(c) > 0xFF and c not in "Đđ"


def render(line):
    out = []
    for c in line:
        if detached(c):
            shift = "0.6em" if c in DOT_BELOW else "-0.6em"
            out.append('<span style="position:relative;top:%s">%s</span>' % (shift, html.escape(c)))
        else:
            out.append(html.escape(c))
    return "".join(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    body = "".join("<p>%s</p>\n" % render(l) for l in LINES)
    a, b, rest = ACUTE_LINE
    body += ('<p>%s<span style="display:inline-block;width:0;position:relative;left:-0.5em;top:-0.3em">'
             '\u00b4</span>%s%s</p>\n' % (a, b, render(rest)))
    page = ('<!doctype html><meta charset="utf-8"><style>body{font:12pt "DejaVu Serif"}'
            'p{margin:0 0 1.2em 0}</style>\n' + body)
    with open(os.path.join(OUT, "displaced.html"), "w", encoding="utf-8") as f:
        f.write(page)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                        "--no-pdf-header-footer", "--user-data-dir=" + tmp,
                        "--print-to-pdf=" + os.path.join(OUT, "displaced.pdf"),
                        "file://" + os.path.abspath(os.path.join(OUT, "displaced.html"))],
                       check=True, capture_output=True)
    with open(os.path.join(OUT, "displaced.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(LINES + ["Các đơn vị"]) + "\n")


if __name__ == "__main__":
    main()
