"""Layout engines: LibreOffice from python-docx, Chromium from HTML, and direct PIL drawing."""
import html as H
import os
import subprocess
import tempfile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from content import header_grid

FONT_FILES = {
    "Times New Roman": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "Arial": "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "DejaVu Sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaVu Serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "DejaVu Sans Condensed": "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
    "Liberation Mono": "/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf",
}
BOLD = {
    "Times New Roman": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
    "Arial": "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    "DejaVu Sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "DejaVu Serif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "DejaVu Sans Condensed": "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",
    "Liberation Mono": "/usr/share/fonts/truetype/liberation2/LiberationMono-Bold.ttf",
}


def body_rows(t):
    out = [(str(i + 1), r["label"], r["values"], "body") for i, r in enumerate(t["rows"])]
    out.append(("", t["total"]["label"], t["total"]["values"], "total"))
    if t["percent"]:
        out.append(("", t["percent"]["label"], t["percent"]["values"], "percent"))
    return out


# ---------------------------------------------------------------- DOCX / LibreOffice
def _border(el_parent, tag, edges):
    b = OxmlElement(tag)
    for edge, (val, sz) in edges.items():
        e = OxmlElement("w:" + edge)
        e.set(qn("w:val"), val)
        e.set(qn("w:sz"), str(sz))
        e.set(qn("w:space"), "0")
        e.set(qn("w:color"), "000000")
        b.append(e)
    el_parent.append(b)


def _cell_text(cell, text, st, bold=False, align="center", size=None):
    cell.text = ""
    lines = text.split("\n")
    p = cell.paragraphs[0]
    p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
                   "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    pf = p.paragraph_format
    pf.space_before = Pt(1)
    pf.space_after = Pt(1)
    for i, ln in enumerate(lines):
        r = p.add_run(ln)
        r.bold = bold
        r.font.size = Pt(size or st["size"])
        r.font.name = st["font"]
        rpr = r._element.get_or_add_rPr()
        rf = rpr.find(qn("w:rFonts"))
        for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rf.set(qn(a), st["font"])
        if i < len(lines) - 1:
            r.add_break()
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def render_docx(t, st, out_pdf):
    doc = Document()
    sec = doc.sections[0]
    if st["landscape"]:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    else:
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    for m in ("left_margin", "right_margin"):
        setattr(sec, m, Cm(st["margin_cm"]))
    sec.top_margin = Cm(1.8)
    sec.bottom_margin = Cm(1.6)
    usable = (29.7 if st["landscape"] else 21.0) - 2 * st["margin_cm"]
    for text, bold, sz in [(t["pl"], True, st["size"] + 1), (t["title"], True, st["size"] + 1),
                           (t["period"], False, st["size"])]:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(text)
        r.bold = bold
        r.font.size = Pt(sz)
        r.font.name = st["font"]
        r._element.get_or_add_rPr().find(qn("w:rFonts")).set(qn("w:hAnsi"), st["font"])
    depth, hcells = header_grid(t["headers"])
    nval = len(t["headers"])
    ncol = nval + 2
    rows = body_rows(t)
    table = doc.add_table(rows=depth + len(rows), cols=ncol)
    table.autofit = False
    tblPr = table._tbl.tblPr
    rules = st["rules"]
    S = st["rule_sz"]
    if rules == "grid":
        edges = {e: ("single", S) for e in ("top", "left", "bottom", "right", "insideH", "insideV")}
    elif rules == "dotted":
        edges = {e: ("dotted", S) for e in ("top", "left", "bottom", "right", "insideH", "insideV")}
    elif rules == "hrules":
        edges = {"top": ("single", S), "bottom": ("single", S), "insideH": ("single", S),
                 "left": ("nil", 0), "right": ("nil", 0), "insideV": ("nil", 0)}
    else:  # none / booktabs: cell borders set below
        edges = {e: ("nil", 0) for e in ("top", "left", "bottom", "right", "insideH", "insideV")}
    _border(tblPr, "w:tblBorders", edges)
    label_w = st["label_cm"]
    stt_w = 1.0
    vw = (usable - label_w - stt_w) / nval
    widths = [stt_w, label_w] + [vw] * nval
    for j, col in enumerate(table.columns):
        col.width = Cm(widths[j])
    for r in table.rows:
        for j, c in enumerate(r.cells):
            c.width = Cm(widths[j])
    for r in table.rows:  # a row never splits over a page break
        cs = OxmlElement("w:cantSplit")
        cs.set(qn("w:val"), "true")
        r._tr.get_or_add_trPr().append(cs)
    for i in range(depth):
        trPr = table.rows[i]._tr.get_or_add_trPr()
        h = OxmlElement("w:tblHeader")
        h.set(qn("w:val"), "true")
        trPr.append(h)
    # header
    a = table.cell(0, 0).merge(table.cell(depth - 1, 0)) if depth > 1 else table.cell(0, 0)
    _cell_text(a, "STT", st, bold=True)
    a = table.cell(0, 1).merge(table.cell(depth - 1, 1)) if depth > 1 else table.cell(0, 1)
    _cell_text(a, t["unit_header"], st, bold=True)
    for lvl, c0, c1, sd, text in hcells:
        a = table.cell(lvl, c0 + 2)
        b = table.cell(lvl + sd - 1, c1 + 2)
        m = a.merge(b) if (a._tc is not b._tc) else a
        _cell_text(m, text, st, bold=True, size=st["size"] - (1 if len(text) > 18 else 0))
    for i, (stt, label, vals, kind) in enumerate(rows):
        r = depth + i
        bold = kind != "body"
        _cell_text(table.cell(r, 0), stt, st)
        lab = label
        if kind != "body" and st.get("merge_total") and stt == "":
            m = table.cell(r, 0).merge(table.cell(r, 1))
            _cell_text(m, lab, st, bold=True)
        else:
            _cell_text(table.cell(r, 1), lab, st, bold=bold, align="left" if kind == "body" else "center")
        for j, v in enumerate(vals):
            _cell_text(table.cell(r, j + 2), v, st, bold=bold, align=st["num_align"])
    if rules == "booktabs":
        # rules only above and below the header and below the table
        for j in range(ncol):
            for r, edge in ((0, "top"), (depth - 1, "bottom"), (depth + len(rows) - 1, "bottom")):
                tcPr = table.cell(r, j)._tc.get_or_add_tcPr()
                _border(tcPr, "w:tcBorders", {edge: ("single", S + 4)})
    with tempfile.TemporaryDirectory() as td:
        src = os.path.join(td, "t.docx")
        doc.save(src)
        subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + td + "/prof",
                        "--convert-to", "pdf", "--outdir", td, src],
                       check=True, capture_output=True, timeout=180)
        os.replace(os.path.join(td, "t.pdf"), out_pdf)
        os.replace(src, out_pdf[:-4] + ".docx")


# ---------------------------------------------------------------- HTML / Chromium
def render_html(t, st, out_pdf):
    depth, hcells = header_grid(t["headers"])
    rows = body_rows(t)
    R = st["rules"]
    css = ["@page { size: A4 %s; margin: 16mm %dmm 14mm %dmm; }" % (
        "landscape" if st["landscape"] else "portrait", st["margin_cm"] * 10, st["margin_cm"] * 10),
        "body { font-family: '%s'; font-size: %dpt; }" % (st["font"], st["size"]),
        "h3,h4,p.c { text-align:center; margin: 2pt; }",
        "table { border-collapse: collapse; width: 100%; }",
        "thead { display: table-header-group; } tr { page-break-inside: avoid; }",
        "td, th { padding: 2pt 3pt; vertical-align: middle; }",
        "th { font-weight: bold; text-align: center; }",
        "td.n { text-align: %s; } td.l { text-align: left; width: %.1fcm; }" % (st["num_align"], st["label_cm"]),
        "tr.t td { font-weight: bold; }"]
    w = "%.1fpt" % (st["rule_sz"] / 8.0 + 0.2)
    if R == "vrules":  # frame + column rules + header rules, no rules between body rows
        css += ["table { border: %s solid #000; }" % w,
                "td, th { border-left: %s solid #000; border-right: %s solid #000; }" % (w, w),
                "th { border: %s solid #000; }" % w, "tr.t td { border-top: %s solid #000; }" % w]
    elif R == "hrules":
        css += ["tr { border-bottom: %s solid #000; } table { border-top: %s solid #000; }" % (w, w)]
    elif R == "hdotted":
        css += ["th { border: %s solid #000; } table { border: %s solid #000; }" % (w, w),
                "td { border-bottom: %s dotted #000; border-left: %s solid #000; }" % (w, w)]
    elif R == "dotted":
        css += ["td, th { border: %s dotted #000; }" % w]
    elif R == "booktabs":
        css += ["thead { border-top: 1.5pt solid #000; border-bottom: 1pt solid #000; }",
                "table { border-bottom: 1.5pt solid #000; }"]
    elif R == "grid":
        css += ["td, th { border: %s solid #000; }" % w]
    h = ["<!DOCTYPE html><html><head><meta charset='utf-8'><style>", "\n".join(css), "</style></head><body>",
         "<h4>%s</h4><h3>%s</h3><p class=c><i>%s</i></p>" % (H.escape(t["pl"]), H.escape(t["title"]), H.escape(t["period"])),
         "<table><thead>"]
    for lvl in range(depth):
        h.append("<tr>")
        if lvl == 0:
            h.append("<th rowspan=%d>STT</th><th rowspan=%d>%s</th>" % (depth, depth, H.escape(t["unit_header"])))
        for l, c0, c1, sd, text in hcells:
            if l == lvl:
                h.append("<th colspan=%d rowspan=%d>%s</th>" % (c1 - c0 + 1, sd, H.escape(text)))
        h.append("</tr>")
    h.append("</thead><tbody>")
    for stt, label, vals, kind in rows:
        cls = " class=t" if kind != "body" else ""
        h.append("<tr%s><td class=n style='text-align:center'>%s</td><td class=l>%s</td>%s</tr>" % (
            cls, stt, H.escape(label), "".join("<td class=n>%s</td>" % H.escape(v) for v in vals)))
    h.append("</tbody></table></body></html>")
    with tempfile.TemporaryDirectory() as td:
        src = os.path.join(td, "t.html")
        open(src, "w", encoding="utf-8").write("\n".join(h))
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        "--user-data-dir=" + td + "/prof", "--print-to-pdf=" + out_pdf, "file://" + src],
                       check=True, capture_output=True, timeout=180)
        os.replace(src, out_pdf[:-4] + ".html")


# ---------------------------------------------------------------- PIL drawing (own code)
def _wrap(draw, text, font, width):
    words = text.split()
    lines, cur = [], ""
    for w in words:
        c = (cur + " " + w).strip()
        if draw.textlength(c, font=font) <= width or not cur:
            cur = c
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


def render_pil(t, st, dpi):
    """Draw the table page directly at dpi. Returns (PIL image, truth rows on page = all)."""
    from PIL import Image, ImageDraw, ImageFont
    W, Hh = (29.7, 21.0) if st["landscape"] else (21.0, 29.7)
    px = lambda cm: int(round(cm / 2.54 * dpi))
    img = Image.new("L", (px(W), px(Hh)), 255)
    d = ImageDraw.Draw(img)
    fs = int(round(st["size"] / 72.0 * dpi))
    f = ImageFont.truetype(FONT_FILES[st["font"]], fs)
    fb = ImageFont.truetype(BOLD[st["font"]], fs)
    fh = ImageFont.truetype(BOLD[st["font"]], max(8, fs - 2))
    x0, x1 = px(st["margin_cm"]), px(W - st["margin_cm"])
    y = px(1.6)
    for text, font in [(t["pl"], fb), (t["title"], fb), (t["period"], f)]:
        tw = d.textlength(text, font=font)
        d.text(((x0 + x1 - tw) / 2, y), text, font=font, fill=0)
        y += int(fs * 1.5)
    y += fs // 2
    depth, hcells = header_grid(t["headers"])
    nval = len(t["headers"])
    label_w = px(st["label_cm"])
    stt_w = px(1.0)
    vw = (x1 - x0 - label_w - stt_w) / nval
    xs = [x0, x0 + stt_w, x0 + stt_w + label_w] + [x0 + stt_w + label_w + vw * (k + 1) for k in range(nval)]
    xs = [int(round(v)) for v in xs]
    lw = max(1, int(round(st["rule_sz"] / 8.0 / 72 * dpi)))
    pad = max(2, fs // 4)
    lh = int(fs * 1.25)
    # header level heights from wrapped text
    lvl_h = [0] * depth
    wrapped = []
    for lvl, c0, c1, sd, text in hcells:
        lines = _wrap(d, text, fh, xs[c1 + 3] - xs[c0 + 2] - 2 * pad)
        wrapped.append(lines)
        need = len(lines) * lh + 2 * pad
        if sd == 1:
            lvl_h[lvl] = max(lvl_h[lvl], need)
    lvl_h = [max(h, lh + 2 * pad) for h in lvl_h]
    ys = [y]
    for h in lvl_h:
        ys.append(ys[-1] + h)
    rules = st["rules"]

    def hline(xa, xb, yy, dotted=False):
        if dotted:
            step = max(4, lw * 4)
            for xx in range(xa, xb, step):
                d.rectangle([xx, yy, min(xb, xx + step // 2), yy + lw - 1], fill=0)
        else:
            d.rectangle([xa, yy, xb, yy + lw - 1], fill=0)

    def vline(x, ya, yb, dotted=False):
        if dotted:
            step = max(4, lw * 4)
            for yy in range(ya, yb, step):
                d.rectangle([x, yy, x + lw - 1, min(yb, yy + step // 2)], fill=0)
        else:
            d.rectangle([x, ya, x + lw - 1, yb], fill=0)

    def ctext(lines, font, xa, xb, ya, yb, align="center"):
        th = len(lines) * lh
        yy = ya + (yb - ya - th) / 2
        for ln in lines:
            tw = d.textlength(ln, font=font)
            if align == "center":
                xx = (xa + xb - tw) / 2
            elif align == "right":
                xx = xb - pad - tw
            else:
                xx = xa + pad
            d.text((xx, yy), ln, font=font, fill=0)
            yy += lh

    grid = rules in ("grid", "dotted")
    dot = rules == "dotted"
    # header
    ctext(["STT"], fh, xs[0], xs[1], ys[0], ys[-1])
    ctext(_wrap(d, t["unit_header"], fh, label_w - 2 * pad), fh, xs[1], xs[2], ys[0], ys[-1])
    for (lvl, c0, c1, sd, text), lines in zip(hcells, wrapped):
        xa, xb = xs[c0 + 2], xs[c1 + 3]
        ya, yb = ys[lvl], ys[lvl + sd]
        ctext(lines, fh, xa, xb, ya, yb)
        if grid:
            hline(xa, xb, ya, dot)
            vline(xa, ya, yb, dot)
    if grid:
        hline(xs[0], xs[2], ys[0], dot)
        vline(xs[0], ys[0], ys[-1], dot)
        vline(xs[1], ys[0], ys[-1], dot)
        vline(xs[-1], ys[0], ys[-1], dot)
    hline(xs[0], xs[-1], ys[-1], dot)
    if rules in ("hrules", "booktabs"):
        hline(xs[0], xs[-1], ys[0])
    yy = ys[-1]
    rows = body_rows(t)
    row_ys = []
    for stt, label, vals, kind in rows:
        font = fb if kind != "body" else f
        lines = _wrap(d, label, font, label_w - 2 * pad)
        h = max(1, len(lines)) * lh + 2 * pad
        ctext([stt] if stt else [], f, xs[0], xs[1], yy, yy + h)
        ctext(lines, font, xs[1], xs[2], yy, yy + h, "left" if kind == "body" else "center")
        for j, v in enumerate(vals):
            if v:
                ctext([v], font, xs[j + 2], xs[j + 3], yy, yy + h, st["num_align"])
        if grid:
            for x in xs:
                vline(x, yy, yy + h, dot)
        row_ys.append((yy, yy + h))
        yy += h
        if grid or rules == "hrules":
            hline(xs[0], xs[-1], yy, dot)
    if rules == "booktabs":
        hline(xs[0], xs[-1], yy)
    if yy > img.size[1] - px(1.0):
        raise ValueError("table does not fit")
    return img
