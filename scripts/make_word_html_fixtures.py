#!/usr/bin/python3
"""Makes the Word and HTML fixtures (fixtures/word/, fixtures/html/) and the
hostile Word/HTML inputs of the broken corpus (fixtures/broken/).

Written without the readers' code: python-docx (Debian python3-docx) writes
the .docx files, LibreOffice makes the .doc and .pdf of one of them, glibc
iconv (TCVN5712-1) encodes TCVN3, and the VNI encoder below follows the
published VNI-Windows layout. Run with /usr/bin/python3 from anywhere;
needs python3-docx and LibreOffice (soffice). The committed files are the
reference: re-run only when a fixture must change, then re-run the tests
(tests/ingest/word_html_e2e_test.cc holds the expected cells).

  fixtures/word/report.docx      Unicode report: two-column heading table, PHỤ LỤC I with
                                 gridSpan + vMerge header cells and wrapped unit names
                                 (a line break, two paragraphs), PHỤ LỤC II
  fixtures/word/report.doc       LibreOffice's Word 97-2003 conversion of report.docx
  fixtures/word/report.pdf       LibreOffice's PDF of report.docx
  fixtures/word/tcvn3.docx       the same report typed in .VnTime, capitals in .VnTimeH
  fixtures/word/vni.docx         the same report typed in VNI-Times
  fixtures/html/report.html      HTML report: PHỤ LỤC I with rowspan/colspan, entities,
                                 nested markup, a script, a nested table in a note cell
  fixtures/html/text_export.txt  plain-text report with an HTML <table> inside
  fixtures/html/cp1258.html      windows-1258 HTML declaring its charset
"""
import io
import random
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

import docx
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORD = os.path.join(ROOT, "fixtures", "word")
HTML = os.path.join(ROOT, "fixtures", "html")
BROKEN = os.path.join(ROOT, "fixtures", "broken")

# --- the report -----------------------------------------------------------------

# (unit, kỳ trước, số mới, trước hạn, đúng hạn, quá hạn (đã giải quyết),
#  quá hạn (đang giải quyết), trả lại, trực tuyến); the rest is derived.
UNITS = [
    ("Sở Tư pháp", 151, 313, 219, 66, 0, 26, 0, 245),
    ("Sở Lao động, Thương binh và Xã hội", 21, 46, 25, 7, 1, 17, 0, 0),
    ("Sở Giao thông Vận tải", 195, 1998, 1046, 121, 0, 0, 0, 1757),
    ("Sở Tài nguyên và Môi trường", 22, 49, 49, 8, 0, 8, 0, 64),
    ("Ban Quản lý các Khu công nghiệp", 3, 53, 43, 0, 0, 0, 2, 30),
    ("Sở Kế hoạch và Đầu tư", 188, 363, 295, 0, 0, 0, 0, 283),
]
# Units whose name is wrapped inside its cell: by a line break / by two paragraphs.
WRAP_BREAK = {"Sở Lao động, Thương binh và Xã hội": ("Sở Lao động, Thương binh", "và Xã hội")}
WRAP_PARAS = {"Sở Tài nguyên và Môi trường": ("Sở Tài nguyên", "và Môi trường")}

SATISFACTION = [  # unit, hài lòng dịch vụ, thái độ, không hài lòng nghiệp vụ, thời gian, góp ý
    ("Sở Tư pháp", 11, 114, 0, 0, 0),
    ("Sở Giao thông Vận tải", 306, 206, 0, 0, 0),
    ("Sở Kế hoạch và Đầu tư", 17, 90, 0, 0, 3),
]


def rows_pl1():
    out = []
    for u, prev, new, early, ontime, late, pend_late, returned, online in UNITS:
        total = prev + new
        resolved = early + ontime + late
        pending = total - resolved
        out.append([u, total, prev, new, resolved, early, ontime, late, pending,
                    pending - pend_late, pend_late, returned, online])
    return out


def totals(rows):
    return [sum(r[k] for r in rows) for k in range(1, len(rows[0]))]


def pct(a, b):
    if b == 0:
        return "0,00"
    # round half up at two decimals, exactly (integers only)
    q = (a * 10000 * 2 + b) // (2 * b)
    return "%d,%02d" % (q // 100, q % 100)


def percents_pl1(t):
    # columns: total prev new resolved early ontime late pending p_ontime p_late returned online
    total, prev, new, resolved, early, ontime, late, pending, p_on, p_late, returned, online = t
    return ["100,00", pct(prev, total), pct(new, total), pct(resolved, total), pct(early, resolved),
            pct(ontime, resolved), pct(late, resolved), pct(pending, total), pct(p_on, pending),
            pct(p_late, pending), pct(returned, total), pct(online, total)]


def num(v):
    s = str(v)
    groups = []
    while len(s) > 3:
        groups.insert(0, s[-3:])
        s = s[:-3]
    groups.insert(0, s)
    return ".".join(groups)


HEAD_LEFT = ["UBND TỈNH LÂM ĐỒNG", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"]
HEAD_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
NUMBER_LINE = ("Số: 125/BC-TTHC", "Lâm Đồng, ngày 30 tháng 11 năm 2022")
TITLE = ["BÁO CÁO", "Kết quả hoạt động của Trung tâm Phục vụ hành chính công tháng 11 năm 2022"]
NARRATIVE = ("Trong tháng 11 năm 2022, Trung tâm đã tiếp nhận {new} hồ sơ mới; "
             "tổng số hồ sơ giải quyết là {total} hồ sơ, đã giải quyết {resolved} hồ sơ.")
PL1_HEADING = "PHỤ LỤC I"
PL1_TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THÁNG 11 NĂM 2022"
PL2_HEADING = "PHỤ LỤC II"
PL2_TITLE = "THỐNG KÊ SỐ HỒ SƠ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG THÁNG 11 NĂM 2022"
# Header cells of PHỤ LỤC I: (row, col, rowspan, colspan, text); 3 rows x 14 columns.
PL1_HEADER = [
    (0, 0, 3, 1, "STT"), (0, 1, 3, 1, "Đơn vị"), (0, 2, 1, 3, "Số hồ sơ nhận giải quyết"),
    (0, 5, 1, 7, "Kết quả giải quyết"), (0, 12, 3, 1, "Hồ sơ bị trả lại"),
    (0, 13, 3, 1, "Hồ sơ nhận qua trực tuyến"),
    (1, 2, 2, 1, "Tổng số"), (1, 3, 1, 2, "Trong đó"), (1, 5, 1, 4, "Số hồ sơ đã giải quyết"),
    (1, 9, 1, 3, "Số hồ sơ đang giải quyết"),
    (2, 3, 1, 1, "Kỳ trước"), (2, 4, 1, 1, "Số mới tiếp nhận"), (2, 5, 1, 1, "Tổng số"),
    (2, 6, 1, 1, "Trước hạn"), (2, 7, 1, 1, "Đúng hạn"), (2, 8, 1, 1, "Quá hạn"),
    (2, 9, 1, 1, "Tổng số"), (2, 10, 1, 1, "Còn hạn"), (2, 11, 1, 1, "Quá hạn"),
]
PL2_HEADER = ["STT", "Tên đơn vị", "Hài lòng với dịch vụ", "Hài lòng về thái độ phục vụ",
              "Không hài lòng về nghiệp vụ nhân viên", "Không hài lòng về thời gian giao dịch",
              "Ý kiến góp ý", "Tổng cộng"]


def rows_pl2():
    return [[u, a, b, c, d, e, a + b + c + d + e] for u, a, b, c, d, e in SATISFACTION]


# --- legacy encodings (independent of dictionaries/encodings) -------------------

def tcvn3_chars(text, strict=True):
    """TCVN3 (ABC) bytes by glibc iconv, each shown as its CP1252 character,
    which is how Word stores text typed in a .VnTime font. None when a
    letter has no .VnTime code (a capital with a tone mark)."""
    raw = subprocess.run(["iconv", "-f", "utf-8", "-t", "TCVN5712-1"], input=text.encode("utf-8"),
                         capture_output=True, check=True).stdout
    for b in raw:
        if b < 0x20 or 0x80 <= b < 0xA1:
            if strict:
                sys.exit("no TCVN3 (.VnTime) byte for a letter of %r" % text)
            return None
    return raw.decode("cp1252")


def tcvn3_runs(text):
    """(text, font) runs for text typed in .VnTime: a word whose capital has
    a tone mark (no .VnTime code) is typed in .VnTimeH, as typists did."""
    runs = []
    for word in text.split(" "):
        if runs:
            runs.append((" ", ".VnTime"))
        enc = tcvn3_chars(word, strict=False)
        if enc is not None:
            runs.append((enc, ".VnTime"))
        else:
            runs.append((tcvn3_chars(word.lower()), ".VnTimeH"))
    merged = []
    for t, f in runs:
        if merged and merged[-1][1] == f:
            merged[-1] = (merged[-1][0] + t, f)
        else:
            merged.append((t, f))
    return merged


def tcvn3_upper_chars(text):
    """Capitals in a .VnTimeH font: the lower-case TCVN3 codes, drawn as capitals."""
    return tcvn3_chars(text.lower())


# VNI-Windows: a base letter, then one byte for its mark(s); ơ ư đ (and
# capitals) are single bytes, i with a tone is a single byte.
VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
VNI_CIRC = {None: "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
VNI_BREVE = {None: "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def vni_chars(text):
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        base, marks = d[0], d[1:]
        upper = base.isupper()
        lower = base.lower()
        tone = next((m for m in marks if m in VNI_TONE), None)
        shape = next((m for m in marks if m in ("\u0302", "\u0306", "\u031b")), None)
        if ch in "đĐ":
            out.append("Ñ" if upper else "ñ")
            continue
        if not marks:
            out.append(ch)
            continue
        if shape == "\u031b":  # horn: ơ ư are one byte, the tone follows
            b = {"o": "ô", "u": "ö"}[lower]
            out.append(b.upper() if upper else b)
            if tone:
                out.append(VNI_TONE[tone].upper() if upper else VNI_TONE[tone])
            continue
        if lower == "i" and not shape:
            m = VNI_I[tone]
            out.append(m.upper() if upper else m)
            continue
        table = VNI_CIRC if shape == "\u0302" else VNI_BREVE if shape == "\u0306" else None
        m = table[tone] if table else VNI_TONE[tone]
        out.append(base)
        out.append(m.upper() if upper else m)
    s = "".join(out)
    s.encode("cp1252")  # every character must stand for a byte
    return s


# --- .docx ----------------------------------------------------------------------

class Style:
    """How text is written: Unicode in Times New Roman, or a legacy font."""

    def __init__(self, kind):
        self.kind = kind

    size = 11

    def run(self, paragraph, text, bold=False, caps=False):
        if self.kind == "unicode":
            r = paragraph.add_run(text)
            r.font.name = "Times New Roman"
        elif self.kind == "tcvn3":
            runs = [(tcvn3_upper_chars(text), ".VnTimeH")] if caps else tcvn3_runs(text)
            for t, f in runs:
                r = paragraph.add_run(t)
                r.font.name = f
                r.font.bold = bold
                r.font.size = Pt(self.size)
            return r
        else:
            r = paragraph.add_run(vni_chars(text))
            r.font.name = "VNI-Times"
        r.font.bold = bold
        r.font.size = Pt(self.size)
        return r


def is_caps(text):
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and any(ord(c) > 0x7F for c in text)


def para(d, style, text, bold=False, center=False):
    p = d.add_paragraph()
    style.run(p, text, bold=bold, caps=is_caps(text))
    if center:
        p.alignment = 1
    return p


def cell_text(cell, style, text, bold=False, center=True):
    """Cell text, centred as reports centre headers and figures."""
    cell.text = ""
    p = cell.paragraphs[0]
    if center:
        p.alignment = 1
    if text in WRAP_BREAK:
        a, b = WRAP_BREAK[text]
        style.run(p, a, bold=bold)
        p.runs[-1].add_break(WD_BREAK.LINE)
        style.run(p, b, bold=bold)
    elif text in WRAP_PARAS:
        a, b = WRAP_PARAS[text]
        style.run(p, a, bold=bold)
        style.run(cell.add_paragraph(), b, bold=bold)
    else:
        style.run(p, text, bold=bold, caps=is_caps(text))


def set_widths(table, widths_cm):
    """Fixed column widths, so that LibreOffice's PDF keeps words whole."""
    table.autofit = False
    for k, col in enumerate(table._tbl.tblGrid.findall(qn("w:gridCol"))):
        col.set(qn("w:w"), str(int(widths_cm[k] * 567)))
    for row in table.rows:
        for k, cell in enumerate(row.cells):
            cell.width = Cm(widths_cm[k])


def make_docx(path, kind):
    style = Style(kind)
    d = docx.Document()
    # A4 landscape: PHỤ LỤC I has 14 columns.
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(1.5))
    normal = d.styles["Normal"]
    normal.font.name = "Times New Roman"
    # Two-column heading in a borderless table, as Word reports lay it out.
    head = d.add_table(rows=2, cols=2)
    cell_text(head.cell(0, 0), style, HEAD_LEFT[0])
    style.run(head.cell(0, 0).add_paragraph(), HEAD_LEFT[1], bold=True, caps=True)
    cell_text(head.cell(0, 1), style, HEAD_RIGHT[0], bold=True)
    style.run(head.cell(0, 1).add_paragraph(), HEAD_RIGHT[1], bold=True)
    cell_text(head.cell(1, 0), style, NUMBER_LINE[0])
    cell_text(head.cell(1, 1), style, NUMBER_LINE[1])
    para(d, style, TITLE[0], bold=True, center=True)
    para(d, style, TITLE[1], bold=True, center=True)
    rows = rows_pl1()
    t = totals(rows)
    para(d, style, NARRATIVE.format(new=num(t[2]), total=num(t[0]), resolved=num(t[3])))
    # PHỤ LỤC I on its own page.
    p = para(d, style, PL1_HEADING, bold=True, center=True)
    p.paragraph_format.page_break_before = True
    para(d, style, PL1_TITLE, bold=True, center=True)
    table = d.add_table(rows=3 + len(rows) + 2, cols=14)
    table.style = "Table Grid"
    style.size = 9
    for r, c, rs, cs, text in PL1_HEADER:
        cell = table.cell(r, c)
        if rs > 1 or cs > 1:
            cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
        cell_text(cell, style, text, bold=True)
    for i, row in enumerate(rows):
        cells = table.rows[3 + i].cells
        cell_text(cells[0], style, str(i + 1))
        cell_text(cells[1], style, row[0], center=False)
        for k, v in enumerate(row[1:]):
            cell_text(cells[2 + k], style, num(v))
    r_total, r_pct = 3 + len(rows), 4 + len(rows)
    for r, label, values in ((r_total, "Tổng cộng", [num(v) for v in t]),
                             (r_pct, "Tỷ lệ %", percents_pl1(t))):
        merged = table.cell(r, 0).merge(table.cell(r, 1))
        cell_text(merged, style, label, bold=True)
        for k, v in enumerate(values):
            cell_text(table.cell(r, 2 + k), style, v, bold=True)
    set_widths(table, [1.0, 5.4] + [1.6] * 12)
    style.size = 11
    para(d, style, "")
    para(d, style, PL2_HEADING, bold=True, center=True)
    para(d, style, PL2_TITLE, bold=True, center=True)
    rows2 = rows_pl2()
    table2 = d.add_table(rows=1 + len(rows2) + 1, cols=8)
    table2.style = "Table Grid"
    style.size = 9
    for k, h in enumerate(PL2_HEADER):
        cell_text(table2.cell(0, k), style, h, bold=True)
    for i, row in enumerate(rows2):
        cells = table2.rows[1 + i].cells
        cell_text(cells[0], style, str(i + 1))
        cell_text(cells[1], style, row[0], center=False)
        for k, v in enumerate(row[1:]):
            cell_text(cells[2 + k], style, num(v))
    t2 = totals(rows2)
    merged = table2.cell(1 + len(rows2), 0).merge(table2.cell(1 + len(rows2), 1))
    cell_text(merged, style, "Tổng cộng", bold=True)
    for k, v in enumerate(t2):
        cell_text(table2.cell(1 + len(rows2), 2 + k), style, num(v), bold=True)
    set_widths(table2, [1.0, 6.0] + [3.0] * 6)
    style.size = 11
    # A page header, read as a note.
    d.sections[0].header.paragraphs[0].text = "Trung tâm Phục vụ hành chính công"
    d.core_properties.author = "sohoa fixtures"
    d.save(path)


def libreoffice(src, fmt, outdir):
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
                        "--convert-to", fmt, "--outdir", outdir, src],
                       check=True, capture_output=True, timeout=300)


# --- HTML -----------------------------------------------------------------------

def html_table_pl1(markup=True):
    rows = rows_pl1()
    t = totals(rows)
    out = ['<table border="1" cellspacing="0">']
    for r in range(3):
        cells = [c for c in PL1_HEADER if c[0] == r]
        tr = "<tr>"
        for _, _, rs, cs, text in cells:
            attrs = (' rowspan="%d"' % rs if rs > 1 else "") + (' colspan="%d"' % cs if cs > 1 else "")
            tr += "<th%s>%s</th>" % (attrs, text)
        out.append(tr + "</tr>")
    for i, row in enumerate(rows):
        name = row[0]
        if markup and name in WRAP_BREAK:
            name = "%s<br>\n%s" % WRAP_BREAK[name]
        elif markup and name in WRAP_PARAS:
            name = "<p>%s</p><p><span>%s</span></p>" % WRAP_PARAS[name]
        name = name.replace("Đầu tư", "&#272;&#7847;u t&#432;") if markup else name
        out.append("<tr><td>%d</td><td>%s</td>%s</tr>" % (
            i + 1, name, "".join("<td>%s</td>" % num(v) for v in row[1:])))
    out.append('<tr><td colspan="2"><b>Tổng cộng</b></td>%s</tr>' %
               "".join("<td><b>%s</b></td>" % num(v) for v in t))
    out.append('<tr><td colspan="2"><i>Tỷ lệ %%</i></td>%s</tr>' %
               "".join("<td><i>%s</i></td>" % v for v in percents_pl1(t)))
    out.append("</table>")
    return "\n".join(out)


def html_report():
    rows = rows_pl1()
    t = totals(rows)
    return """<!DOCTYPE html>
<html lang="vi">
<head><meta charset="utf-8"><title>Báo cáo tháng 11</title>
<style>td { border: 1px solid black; }</style>
<script>document.title = "hacked";</script>
</head>
<body>
<table><tr><td><p>%s</p><p><b>%s</b></p></td><td><p><b>%s</b></p><p>%s</p></td></tr></table>
<p>%s&nbsp;&nbsp;&nbsp;%s</p>
<h3>%s</h3>
<p><b>%s</b></p>
<p>%s</p>
<p>Ghi chú: số liệu lấy từ phần mềm một cửa &amp; cổng dịch vụ công.</p>
<h3 style="page-break-before: always">%s</h3>
<p><b>%s</b></p>
%s
<p>Ghi chú: <table><tr><td>(*)</td><td>số liệu tạm tính</td></tr></table></p>
</body>
</html>
""" % (HEAD_LEFT[0], HEAD_LEFT[1], HEAD_RIGHT[0], HEAD_RIGHT[1], NUMBER_LINE[0], NUMBER_LINE[1],
       TITLE[0], TITLE[1], NARRATIVE.format(new=num(t[2]), total=num(t[0]), resolved=num(t[3])),
       PL1_HEADING, PL1_TITLE, html_table_pl1())


def text_export():
    rows = rows_pl1()
    t = totals(rows)
    return "\n".join([
        HEAD_LEFT[0] + "\t" + HEAD_RIGHT[0],
        HEAD_LEFT[1] + "\t" + HEAD_RIGHT[1],
        "",
        NUMBER_LINE[0] + "\t" + NUMBER_LINE[1],
        "",
        "**" + TITLE[0] + "**",
        TITLE[1],
        "",
        NARRATIVE.format(new=num(t[2]), total=num(t[0]), resolved=num(t[3])),
        "Các chỉ tiêu x < 5 ngày & y > 2 ngày giữ nguyên như văn bản gốc.",
        "",
        "**" + PL1_HEADING + "**  ",
        "**" + PL1_TITLE + "**",
        "",
        html_table_pl1(markup=False),
        "",
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT.",
        "",
    ])


def cp1258_html():
    body = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head>
<body><p>%s</p><p>%s</p>
<table border=1><tr><th>STT</th><th>Tên đơn vị</th><th>Số hồ sơ</th></tr>
<tr><td>1</td><td>Sở Tư pháp</td><td>464</td></tr>
<tr><td>2</td><td>Sở Giao thông Vận tải</td><td>2.193</td></tr></table>
</body></html>
""" % (HEAD_RIGHT[0], "Trung tâm đã tiếp nhận hồ sơ của tổ chức, cá nhân trong tháng.")
    # CP1258 has the letters with a hat, breve or horn as single bytes and
    # writes tone marks as combining characters after them.
    out = []
    for ch in body:
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in d[1:] if m in "\u0300\u0301\u0303\u0309\u0323")
        rest = d[0] + "".join(m for m in d[1:] if m not in tones)
        out.append(unicodedata.normalize("NFC", rest) + tones)
    recomposed = out
    return "".join(recomposed).encode("cp1258")


# --- hostile inputs --------------------------------------------------------------

def minimal_docx(document_xml, extra=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", document_xml)
        for name, data in (extra or []):
            z.writestr(name, data)
    return buf.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def make_broken():
    good = open(os.path.join(WORD, "report.docx"), "rb").read()
    # Cut in the middle: no central directory.
    open(os.path.join(BROKEN, "truncated.docx"), "wb").write(good[:len(good) // 2])
    # A zip bomb: word/document.xml inflates to 20 MB of spaces inside a
    # paragraph (about 1000 times its compressed size).
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(('<?xml version="1.0"?><w:document %s><w:body><w:p><w:r><w:t>' % W).encode())
            chunk = b" " * (1 << 20)
            for _ in range(20):
                f.write(chunk)
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")
    open(os.path.join(BROKEN, "zip_bomb.docx"), "wb").write(buf.getvalue())
    # Billion laughs: entities that would expand to 10^9 "lol"s.
    ents = '<!ENTITY lol "lol">' + "".join(
        '<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10) for i in range(1, 10))
    xml = ('<?xml version="1.0"?><!DOCTYPE lolz [%s]><w:document %s><w:body><w:p><w:r><w:t>&lol9;</w:t>'
           '</w:r></w:p></w:body></w:document>' % (ents, W))
    open(os.path.join(BROKEN, "billion_laughs.docx"), "wb").write(minimal_docx(xml))
    # XXE: an external entity naming a local file.
    xml = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           '<w:document %s><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>' % W)
    open(os.path.join(BROKEN, "xxe.docx"), "wb").write(minimal_docx(xml))
    # Password-protected: an OLE compound file holding EncryptedPackage (what
    # Word writes); built by hand, a 512-byte header and one directory sector.
    open(os.path.join(BROKEN, "encrypted.docx"), "wb").write(fake_encrypted_ole())
    # 1,000 nested <div>s.
    open(os.path.join(BROKEN, "deep_nesting.html"), "w").write(
        "<!DOCTYPE html><html><body>" + "<div>" * 1000 + "x" + "</div>" * 1000 + "</body></html>")
    # Not a zip at all: bytes that pass for 8-bit text (no control codes),
    # and bytes with zeros in them, under the names of zip formats.
    rng = random.Random(21)
    open(os.path.join(BROKEN, "not_zip_text.docx"), "wb").write(
        bytes(rng.randrange(0x80, 0x100) for _ in range(6000)))
    open(os.path.join(BROKEN, "not_zip_binary.odt"), "wb").write(
        bytes(rng.randrange(0, 0x100) for _ in range(6000)))
    # A member path that climbs out of the archive (never used as a path).
    xml = ('<?xml version="1.0"?><w:document %s><w:body><w:p><w:r><w:t>Báo cáo tháng 5</w:t></w:r></w:p>'
           '</w:body></w:document>' % W)
    open(os.path.join(BROKEN, "path_traversal.docx"), "wb").write(
        minimal_docx(xml, [("../../../../tmp/sohoa_evil.txt", "owned")]))


def fake_encrypted_ole():
    sector = 512
    header = bytearray(sector)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    header[0x18:0x1A] = (0x3E).to_bytes(2, "little")  # minor version
    header[0x1A:0x1C] = (3).to_bytes(2, "little")      # major version 3
    header[0x1C:0x1E] = (0xFFFE).to_bytes(2, "little")  # little-endian
    header[0x1E:0x20] = (9).to_bytes(2, "little")      # 512-byte sectors
    header[0x20:0x22] = (6).to_bytes(2, "little")
    header[0x2C:0x30] = (1).to_bytes(4, "little")      # one FAT sector
    header[0x30:0x34] = (1).to_bytes(4, "little")      # directory at sector 1
    header[0x38:0x3C] = (4096).to_bytes(4, "little")
    header[0x3C:0x40] = (0xFFFFFFFE).to_bytes(4, "little")
    header[0x44:0x48] = (0xFFFFFFFE).to_bytes(4, "little")
    header[0x4C:0x50] = (0).to_bytes(4, "little")      # FAT at sector 0
    for i in range(1, 109):
        header[0x4C + 4 * i:0x50 + 4 * i] = (0xFFFFFFFF).to_bytes(4, "little")
    fat = bytearray(b"\xff" * sector)
    fat[0:4] = (0xFFFFFFFD).to_bytes(4, "little")  # FAT sector
    fat[4:8] = (0xFFFFFFFE).to_bytes(4, "little")  # directory: end of chain
    directory = bytearray(sector)

    def entry(i, name, kind):
        e = bytearray(128)
        n = name.encode("utf-16-le") + b"\0\0"
        e[0:len(n)] = n
        e[0x40:0x42] = len(n).to_bytes(2, "little")
        e[0x42] = kind
        e[0x43] = 1
        e[0x44:0x50] = b"\xff" * 12
        directory[128 * i:128 * (i + 1)] = e

    entry(0, "Root Entry", 5)
    entry(1, "EncryptionInfo", 2)
    entry(2, "EncryptedPackage", 2)
    return bytes(header + fat + directory)


def main():
    os.makedirs(WORD, exist_ok=True)
    os.makedirs(HTML, exist_ok=True)
    make_docx(os.path.join(WORD, "report.docx"), "unicode")
    make_docx(os.path.join(WORD, "tcvn3.docx"), "tcvn3")
    make_docx(os.path.join(WORD, "vni.docx"), "vni")
    with tempfile.TemporaryDirectory() as out:
        libreoffice(os.path.join(WORD, "report.docx"), "doc", out)
        libreoffice(os.path.join(WORD, "report.docx"), "pdf", out)
        shutil.copy(os.path.join(out, "report.doc"), os.path.join(WORD, "report.doc"))
        shutil.copy(os.path.join(out, "report.pdf"), os.path.join(WORD, "report.pdf"))
    with open(os.path.join(HTML, "report.html"), "w", encoding="utf-8") as f:
        f.write(html_report())
    with open(os.path.join(HTML, "text_export.txt"), "w", encoding="utf-8") as f:
        f.write(text_export())
    with open(os.path.join(HTML, "cp1258.html"), "wb") as f:
        f.write(cp1258_html())
    make_broken()


if __name__ == "__main__":
    main()
