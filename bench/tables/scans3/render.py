"""Lay out one table with a real engine and print it to PDF.

calc      openpyxl .xlsx -> LibreOffice Calc (soffice --convert-to pdf): cell borders, printed
          gridlines or no lines; shaded header, bold totals, wrapped unit names, real integer
          cells or text cells, fit to page width, header rows repeated (print titles)
writer    python-docx .docx -> LibreOffice Writer: grey-filled header cells, double outer border,
          thick rule over the total row, vertical (bottom-to-top) leaf header text
chromium  HTML -> headless Chromium --print-to-pdf: zebra rows (background, no rules), dotted
          leaders after the unit name, light grey hairlines, indented sub-units
"""
import html as H
import os
import subprocess
import tempfile

SOFFICE_PROFILE = "file:///tmp/scans3_lo_profile"


def header_cells(columns, ncol_pre):
    """(row, col, rowspan, colspan, text) of the header, columns after ncol_pre leading columns."""
    D = max(len(c) for c in columns)
    cells = []
    for l in range(D):
        j = 0
        while j < len(columns):
            p = columns[j]
            if l >= len(p):
                j += 1
                continue
            if l == len(p) - 1:
                cells.append((l, ncol_pre + j, D - l, 1, p[l]))
                j += 1
                continue
            k = j
            while k + 1 < len(columns) and len(columns[k + 1]) > l + 1 and columns[k + 1][:l + 1] == p[:l + 1]:
                k += 1
            cells.append((l, ncol_pre + j, 1, k - j + 1, p[l]))
            j = k + 1
    return D, cells


def run(cmd, timeout=180):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {r.stderr[-800:]}")
    return r.stdout


def soffice_pdf(src, outdir):
    run(["soffice", f"-env:UserInstallation={SOFFICE_PROFILE}", "--headless", "--convert-to", "pdf",
         "--outdir", outdir, src], timeout=240)
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + ".pdf")
    if not os.path.exists(pdf):
        raise RuntimeError("soffice wrote no pdf for " + src)
    return pdf


# ---------------------------------------------------------------- Chromium (HTML)
def render_html(t, st, base):
    cols = t["columns"]
    D, hc = header_cells(cols, 2)
    ncols = 2 + len(cols)
    css_rules = {
        "zebra": "table{border-collapse:collapse} td,th{border:none} thead th{border-bottom:1.5px solid #000;"
                 "background:#d0d0d0} tbody tr:nth-child(even) td{background:%s}" % st["zebra_bg"],
        "zebra_frame": "table{border-collapse:collapse;border:1.2px solid #000} td,th{border:none}"
                       " thead th{background:#e8e8e8;border:0.8px solid #000} tbody tr:nth-child(odd) td{background:%s}"
                       % st["zebra_bg"],
        "leaders": "table{border-collapse:collapse} td,th{border:none} thead{border-top:1.5px solid #000;"
                   "border-bottom:1px solid #000} tbody tr:last-child td{border-bottom:1.5px solid #000}"
                   " td.u{overflow:hidden;white-space:nowrap} td.u span:after{content:'"
                   + " ." * 120 + "'}",
        "hairline": "table{border-collapse:collapse} td,th{border:0.5px solid #888}",
    }[st["rules"]]
    talign = st["num_align"]
    css = f"""@page {{ size: A4 {st['orient']}; margin: {st['margin_mm']}mm; }}
body {{ font-family: '{st['font']}'; font-size: {st['size']}pt; }}
h3,h4,p {{ text-align:center; margin: 2px 0; }}
table {{ width: 100%; margin-top: 8px; }}
thead {{ display: table-header-group; }}
tr {{ page-break-inside: avoid; }}
th {{ font-weight: bold; padding: 3px 2px; vertical-align: middle; }}
td {{ padding: {st['pad']}px 4px; }}
td.n {{ text-align: {talign}; }}
td.u {{ width: {st['unit_w']}%; }}
td.s {{ text-align: center; width: 4%; }}
tr.total td {{ font-weight: bold; }}
tr.group td {{ font-weight: bold; font-style: italic; }}
td.ind {{ padding-left: 1.6em; }}
{css_rules}
"""
    out = [f"<html><head><meta charset='utf-8'><style>{css}</style></head><body>"]
    out.append(f"<h4>{H.escape(st['pl'])}</h4><h3>{H.escape(t['title'])}</h3><p><i>{H.escape(st['period'])}</i></p>")
    out.append("<table><thead>")
    for l in range(D):
        out.append("<tr>")
        if l == 0:
            out.append(f"<th rowspan='{D}'>STT</th><th rowspan='{D}'>{H.escape(t['unit_header'])}</th>")
        for (r, c, rs, cs, txt) in hc:
            if r == l:
                out.append(f"<th rowspan='{rs}' colspan='{cs}'>{H.escape(txt)}</th>")
        out.append("</tr>")
    out.append("</thead><tbody>")
    for row in t["rows"]:
        cls = row["kind"]
        if row["kind"] == "group":
            out.append(f"<tr class='group'><td class='s'></td><td colspan='{ncols - 1}'>{H.escape(row['label'])}</td></tr>")
            continue
        ucls = "u" + (" ind" if row["indent"] else "")
        lab = H.escape(row["label"])
        if st["rules"] == "leaders" and row["kind"] == "body":
            lab = f"<span>{lab}</span>"
        if row["kind"] in ("total", "percent") and st["merge_total"]:
            first = f"<td colspan='2' style='text-align:center'>{lab}</td>"
        else:
            first = f"<td class='s'>{H.escape(row['stt'])}</td><td class='{ucls}'>{lab}</td>"
        vals = "".join(f"<td class='n'>{H.escape(v)}</td>" for v in row["values"])
        out.append(f"<tr class='{cls}'>{first}{vals}</tr>")
    out.append("</tbody></table>")
    out.append(f"<p style='text-align:right;margin-top:10px'><i>{H.escape(st['footer'])}</i></p></body></html>")
    src = base + ".html"
    open(src, "w", encoding="utf-8").write("".join(out))
    pdf = base + ".pdf"
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", "file://" + os.path.abspath(src)], timeout=180)
    return src, pdf


# ---------------------------------------------------------------- Writer (DOCX)
def render_docx(t, st, base):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    sec = doc.sections[0]
    if st["orient"] == "landscape":
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(297), Mm(210)
    else:
        sec.page_width, sec.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Mm(st["margin_mm"]))
    stl = doc.styles["Normal"]
    stl.font.name = st["font"]
    stl.font.size = Pt(st["size"])
    stl.element.rPr.rFonts.set(qn("w:eastAsia"), st["font"])
    stl.paragraph_format.space_after = Pt(0)
    for txt, bold in ((st["pl"], True), (t["title"], True), (st["period"], False)):
        p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(txt); r.bold = bold; r.italic = not bold
    cols = t["columns"]
    D, hc = header_cells(cols, 2)
    ncols = 2 + len(cols)
    body = t["rows"]
    tbl = doc.add_table(rows=D + len(body), cols=ncols)
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl.autofit = False
    avail = (297 if st["orient"] == "landscape" else 210) - 2 * st["margin_mm"]
    w_stt, w_unit = 10, avail * st["unit_w"] / 100.0
    w_num = (avail - w_stt - w_unit) / len(cols)
    widths = [w_stt, w_unit] + [w_num] * len(cols)
    for j, gc in enumerate(tbl._tbl.tblGrid.findall(qn("w:gridCol"))):
        gc.set(qn("w:w"), str(int(widths[j] / 25.4 * 1440)))
    lay = OxmlElement("w:tblLayout"); lay.set(qn("w:type"), "fixed"); tbl._tbl.tblPr.append(lay)
    for row in tbl.rows:
        for j, c in enumerate(row.cells):
            c.width = Mm(widths[j])

    def border_xml(el_name, spec):
        b = OxmlElement(el_name)
        for side, (val, sz) in spec.items():
            e = OxmlElement("w:" + side)
            e.set(qn("w:val"), val); e.set(qn("w:sz"), str(sz)); e.set(qn("w:space"), "0"); e.set(qn("w:color"), "000000")
            b.append(e)
        return b

    outer = ("double", 6) if st["rules"] in ("double_outer", "double_shaded") else ("single", 8)
    inner = ("single", 4)
    tblPr = tbl._tbl.tblPr
    tblPr.append(border_xml("w:tblBorders", {"top": outer, "left": outer, "bottom": outer, "right": outer,
                                             "insideH": inner, "insideV": inner}))

    def set_text(cell, txt, bold=False, align="center", vertical=False, shade=None, top=None):
        cell.text = ""
        p = cell.paragraphs[0]
        p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                       "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
        r = p.add_run(txt); r.bold = bold
        tcPr = cell._tc.get_or_add_tcPr()
        if vertical:
            td = OxmlElement("w:textDirection"); td.set(qn("w:val"), "btLr"); tcPr.append(td)
        if shade:
            sh = OxmlElement("w:shd"); sh.set(qn("w:val"), "clear"); sh.set(qn("w:color"), "auto"); sh.set(qn("w:fill"), shade)
            tcPr.append(sh)
        if top:
            tcPr.append(border_xml("w:tcBorders", {"top": top}))
        va = OxmlElement("w:vAlign"); va.set(qn("w:val"), "center"); tcPr.append(va)

    shade = st.get("shade")
    # header
    for l in range(D):
        tr = tbl.rows[l]._tr
        trPr = tr.get_or_add_trPr()
        h = OxmlElement("w:tblHeader"); h.set(qn("w:val"), "true"); trPr.append(h)
    merged = []
    set_text(tbl.cell(0, 0), "STT", True, shade=shade)
    set_text(tbl.cell(0, 1), t["unit_header"], True, shade=shade)
    merged += [(0, 0, D, 1), (0, 1, D, 1)]
    vert_rows = st.get("vertical_leaves", False)
    for (r, c, rs, cs, txt) in hc:
        vertical = vert_rows and rs == 1 and cs == 1 and r == D - 1 and D > 1 and len(txt) > 6
        set_text(tbl.cell(r, c), txt, True, vertical=vertical, shade=shade)
        merged.append((r, c, rs, cs))
    if vert_rows and D > 1:
        tbl.rows[D - 1].height = Mm(22)
    for (r, c, rs, cs) in merged:
        if rs > 1 or cs > 1:
            a = tbl.cell(r, c); b = tbl.cell(r + rs - 1, c + cs - 1)
            txt = a.text
            m = a.merge(b)
            # merge concatenates paragraphs: keep the first only
            for p in m.paragraphs[1:]:
                p._element.getparent().remove(p._element)
    thick = ("single", 18)
    for i, row in enumerate(body):
        ri = D + i
        trPr = tbl.rows[ri]._tr.get_or_add_trPr()
        cs_ = OxmlElement("w:cantSplit"); cs_.set(qn("w:val"), "true"); trPr.append(cs_)
        bold = row["kind"] in ("total", "group")
        top = thick if (row["kind"] == "total" and st.get("thick_total")) else None
        if row["kind"] == "group":
            set_text(tbl.cell(ri, 0), "", top=top)
            set_text(tbl.cell(ri, 1), row["label"], True, align="left", top=top)
            for j in range(len(cols)):
                set_text(tbl.cell(ri, 2 + j), "", top=top)
            continue
        lab = ("    " if row["indent"] and not row["label"].startswith("-") else "") + row["label"]
        set_text(tbl.cell(ri, 0), row["stt"], bold, top=top)
        set_text(tbl.cell(ri, 1), lab, bold, align="center" if row["kind"] != "body" else "left", top=top)
        for j, v in enumerate(row["values"]):
            set_text(tbl.cell(ri, 2 + j), v, bold, align=st["num_align"], top=top)
    p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    r = p.add_run(st["footer"]); r.italic = True
    src = base + ".docx"
    doc.save(src)
    return src, soffice_pdf(src, os.path.dirname(base))


# ---------------------------------------------------------------- Calc (XLSX)
def render_xlsx(t, st, base):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    wb = Workbook()
    ws = wb.active
    ws.title = "PL"
    cols = t["columns"]
    D, hc = header_cells(cols, 2)
    ncols = 2 + len(cols)
    fn = st["font"]; sz = st["size"]
    F = lambda bold=False, italic=False: Font(name=fn, size=sz, bold=bold, italic=italic)
    thin = Side(style="thin", color="000000"); med = Side(style="medium", color="000000")
    lines = st["rules"]
    for i, (txt, bold) in enumerate(((st["pl"], True), (t["title"], True), (st["period"], False))):
        ws.cell(row=i + 1, column=1, value=txt).font = F(bold, not bold)
        ws.cell(row=i + 1, column=1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=i + 1, start_column=1, end_row=i + 1, end_column=ncols)
    h0 = 5
    fill = PatternFill("solid", fgColor=st["shade"]) if st.get("shade") else None
    hdr = [(0, 0, D, 1, "STT"), (0, 1, D, 1, t["unit_header"])] + hc
    for (r, c, rs, cs, txt) in hdr:
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                cell = ws.cell(row=h0 + rr, column=cc + 1)
                if fill:
                    cell.fill = fill
                if lines == "borders":
                    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
                elif lines == "outline":
                    cell.border = Border(top=med if rr == 0 else None, bottom=med if rr == D - 1 else None,
                                         left=med if cc == 0 else None, right=med if cc == ncols - 1 else None)
        cell = ws.cell(row=h0 + r, column=c + 1, value=txt)
        cell.font = F(True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if rs > 1 or cs > 1:
            ws.merge_cells(start_row=h0 + r, start_column=c + 1, end_row=h0 + r + rs - 1, end_column=c + cs)
    r0 = h0 + D
    nbody = len(t["rows"])
    for i, row in enumerate(t["rows"]):
        rr = r0 + i
        bold = row["kind"] in ("total", "group")
        vals = [row["stt"], row["label"]] + (row["values"] if row["kind"] != "group" else [""] * len(cols))
        for j, v in enumerate(vals):
            val = v
            if j >= 2 and st["int_cells"] and v and v.isdigit():
                val = int(v)
            if j == 0 and v.isdigit():
                val = int(v)
            cell = ws.cell(row=rr, column=j + 1, value=val if val != "" else None)
            cell.font = F(bold)
            if j == 1:
                ind = 2 if (row["indent"] and not row["label"].startswith("-")) else 0
                cell.alignment = Alignment(horizontal="left" if row["kind"] in ("body", "group") else "center",
                                           vertical="center", wrap_text=True, indent=ind)
            else:
                cell.alignment = Alignment(horizontal="center" if j == 0 else st["num_align"], vertical="center")
            if j >= 2 and st["int_cells"] and isinstance(val, int):
                cell.number_format = "0"
            if lines == "borders":
                top = med if (row["kind"] == "total" and st.get("thick_total")) else thin
                cell.border = Border(left=thin, right=thin, top=top, bottom=thin)
            elif lines == "outline":
                cell.border = Border(left=med if j == 0 else None, right=med if j == ncols - 1 else None,
                                     bottom=med if i == nbody - 1 else None,
                                     top=thin if row["kind"] == "total" else None)
    ws.cell(row=r0 + nbody + 1, column=2, value=st["footer"]).font = F(False, True)
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = st["unit_chars"]
    for j in range(len(cols)):
        ws.column_dimensions[get_column_letter(3 + j)].width = st["num_chars"]
    for l in range(D):
        ws.row_dimensions[h0 + l].height = st["hdr_height"]
    ws.page_setup.orientation = st["orient"]
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.gridLines = lines == "gridlines"
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{h0}:{h0 + D - 1}"
    m = st["margin_mm"] / 25.4
    ws.page_margins.left = ws.page_margins.right = m
    ws.page_margins.top = ws.page_margins.bottom = m
    src = base + ".xlsx"
    wb.save(src)
    return src, soffice_pdf(src, os.path.dirname(base))


def render(engine, t, st, base):
    return {"chromium": render_html, "writer": render_docx, "calc": render_xlsx}[engine](t, st, base)
