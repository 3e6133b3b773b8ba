"""Lay a table out as a Word .docx (python-docx, merged header cells, repeated header rows)
and convert it to PDF with LibreOffice (soffice --headless --convert-to pdf)."""
import os
import shutil
import subprocess
import tempfile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips

from render_html import col_numbers, header_grid
from tabledata import cell_text, col_needs, depth, layout_widths

ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
         "left": WD_ALIGN_PARAGRAPH.LEFT}


def _set_font(run, st, bold=False, italic=False, size=None):
    run.font.name = st["font"]
    run.font.size = Pt(size or st["font_pt"])
    run.bold = bold
    run.italic = italic
    rpr = run._element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = OxmlElement("w:rFonts")
        rpr.insert(0, rf)
    for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rf.set(qn(a), st["font"])


def _para(doc, text, st, bold=False, italic=False, size=None, gap=None):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(st["title_gap_pt"] if gap is None else gap)
    p.paragraph_format.space_before = Pt(0)
    _set_font(p.add_run(text), st, bold, italic, size)
    return p


def _cell_text(cell, text, st, align, bold=False, italic=False):
    cell.text = ""
    p = cell.paragraphs[0]
    p.alignment = align
    pf = p.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    if text:
        _set_font(p.add_run(text), st, bold, italic)
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def _table_props(tbl, st):
    tblPr = tbl._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    sz = str(max(2, int(round(st["border_pt"] * 8))))
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement("w:" + edge)
        e.set(qn("w:val"), "single")
        e.set(qn("w:sz"), sz)
        e.set(qn("w:space"), "0")
        e.set(qn("w:color"), "000000")
        borders.append(e)
    tblPr.append(borders)
    mar = OxmlElement("w:tblCellMar")
    pad = int(st["pad_px"] * 0.75 * 20)
    for edge, v in (("top", pad // 2), ("bottom", pad // 2), ("left", pad + 40), ("right", pad + 40)):
        e = OxmlElement("w:" + edge)
        e.set(qn("w:w"), str(v))
        e.set(qn("w:type"), "dxa")
        mar.append(e)
    tblPr.append(mar)
    lay = OxmlElement("w:tblLayout")
    lay.set(qn("w:type"), "fixed")
    tblPr.append(lay)
    jc = OxmlElement("w:jc")
    jc.set(qn("w:val"), "center")
    tblPr.append(jc)


def _row_flags(row, header=False):
    trPr = row._tr.get_or_add_trPr()
    cs = OxmlElement("w:cantSplit")
    trPr.append(cs)
    if header:
        h = OxmlElement("w:tblHeader")
        trPr.append(h)


def build_docx(table, st, path):
    doc = Document()
    sec = doc.sections[0]
    if st["orientation"] == "landscape":
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
    else:
        sec.orientation = WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = Mm(210), Mm(297)
    m = st["margin_mm"]
    sec.top_margin = sec.bottom_margin = sec.right_margin = Mm(m)
    sec.left_margin = Mm(m + 5)
    normal = doc.styles["Normal"]
    normal.font.name = st["font"]
    normal.font.size = Pt(st["font_pt"])

    _para(doc, table["pl_label"], st, bold=True, size=st["font_pt"] + 1)
    _para(doc, table["title"], st, bold=True)
    _para(doc, table["period_line"], st, italic=True)
    if table["attach_line"]:
        _para(doc, table["attach_line"], st, italic=True)

    D = depth(table["header"])
    ncols = len(table["columns"]) + 2
    nhead = D + (1 if st["col_numbers"] else 0)
    nbody = len(table["rows"]) + 1 + (1 if table["percent"] else 0)
    tbl = doc.add_table(rows=nhead + nbody, cols=ncols)
    _table_props(tbl, st)

    # column widths: every column at least its widest word (see tabledata.layout_widths)
    lw = layout_widths(table, st)
    if lw is None:      # font already at its floor: share the width by need
        page_mm = 297 if st["orientation"] == "landscape" else 210
        avail = (page_mm - 2 * m - 5) * 72 / 25.4
        needs, _ = col_needs(table)
        lw = (avail * 0.05, avail * 0.2, [avail * 0.75 * n / sum(needs) for n in needs])
    widths = [w * 25.4 / 72 for w in [lw[0], lw[1]] + list(lw[2])]
    for i, w in enumerate(widths):
        tbl.columns[i].width = Mm(w)
        for c in tbl.columns[i].cells:
            c.width = Mm(w)

    # header with merged cells
    occ = [[False] * ncols for _ in range(D)]
    placed = []
    for r, row in enumerate(header_grid(table)):
        c = 0
        for label, cs, rs in row:
            while occ[r][c]:
                c += 1
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    occ[rr][cc] = True
            placed.append((label, r, c, cs, rs))
            cell = tbl.cell(r, c)
            if cs > 1 or rs > 1:
                cell = cell.merge(tbl.cell(r + rs - 1, c + cs - 1))
            _cell_text(cell, label, st, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
            c += cs
    if st["col_numbers"]:
        for c, lbl in enumerate(col_numbers(table)):
            _cell_text(tbl.cell(D, c), lbl, st, WD_ALIGN_PARAGRAPH.CENTER, italic=True)
    for r in range(nhead):
        _row_flags(tbl.rows[r], header=True)
    # LibreOffice clips a vertically merged cell taller than its rows: give the header rows
    # enough height for their text (estimated by greedy word wrap)
    heights = [0.0] * D
    pad_pt = st["pad_px"] * 0.75 + 1
    line_pt = st["font_pt"] * 1.25
    cw = st["font_pt"] * 0.62          # average bold letter width, generous
    def lines(text, w_mm):
        w = max(1.0, w_mm * 72 / 25.4 - 2 * (pad_pt + 2)) / cw
        n, cur = 1, 0
        for word in text.split():
            if cur and cur + 1 + len(word) > w:
                n, cur = n + 1, len(word)
            else:
                cur += (1 if cur else 0) + len(word)
        return n
    for label, r, c, cs, rs in sorted(placed, key=lambda x: x[4]):
        need = lines(label, sum(widths[c:c + cs])) * line_pt + 2 * pad_pt
        have = sum(heights[r:r + rs])
        if have < need:
            heights[r + rs - 1] += need - have
    for r in range(D):
        trPr = tbl.rows[r]._tr.get_or_add_trPr()
        h = OxmlElement("w:trHeight")
        h.set(qn("w:val"), str(int(heights[r] * 20)))
        h.set(qn("w:hRule"), "atLeast")
        trPr.append(h)

    al = ALIGN[st["num_align"]]
    r0 = nhead
    for i, row in enumerate(table["rows"]):
        cells = tbl.rows[r0 + i].cells
        _cell_text(cells[0], row["stt"], st, WD_ALIGN_PARAGRAPH.CENTER)
        _cell_text(cells[1], row["unit"], st, WD_ALIGN_PARAGRAPH.LEFT)
        for j, v in enumerate(row["values"]):
            _cell_text(cells[2 + j], cell_text(table, v), st, al)
        _row_flags(tbl.rows[r0 + i])
    n = len(table["rows"])
    extra = [(table["total"], False, n + 1)]
    if table["percent"]:
        extra.append((table["percent"], True, n + 2))
    for k, (line, is_pct, num) in enumerate(extra):
        ri = r0 + n + k
        stt = str(num) if table["stt_total"] else ""
        bold, italic = (not is_pct), is_pct
        cells = tbl.rows[ri].cells
        if st["total_merged"] and not stt:
            mc = cells[0].merge(cells[1])
            _cell_text(mc, line["label"], st, WD_ALIGN_PARAGRAPH.CENTER, bold, italic)
        else:
            _cell_text(cells[0], stt, st, WD_ALIGN_PARAGRAPH.CENTER, bold, italic)
            _cell_text(cells[1], line["label"], st, WD_ALIGN_PARAGRAPH.LEFT, bold, italic)
        cells = tbl.rows[ri].cells
        for j, v in enumerate(line["values"]):
            _cell_text(cells[2 + j], cell_text(table, v, is_pct), st, al, bold, italic)
        _row_flags(tbl.rows[ri])
    if table["footnote"]:
        p = _para(doc, table["footnote"], st, italic=True, size=max(8, st["font_pt"] - 1), gap=0)
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        p.paragraph_format.space_before = Pt(6)
    doc.save(path)


def render_pdf(table, st, pdf_path, keep_src=None):
    with tempfile.TemporaryDirectory(prefix="scangen_lo_") as td:
        src = os.path.join(td, "t.docx")
        build_docx(table, st, src)
        if keep_src:
            shutil.copy(src, keep_src)
        prof = "file://" + os.path.join(td, "profile")
        subprocess.run(["soffice", "-env:UserInstallation=" + prof, "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", td, src], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=240)
        out = os.path.join(td, "t.pdf")
        if not os.path.exists(out):
            raise RuntimeError("soffice produced no PDF")
        shutil.move(out, pdf_path)
