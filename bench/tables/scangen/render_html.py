"""Lay a table out as HTML and print it to PDF with headless Chromium."""
import html
import os
import subprocess
import tempfile

from tabledata import cell_text, depth

FONTS_HTML = {
    "Times New Roman": "'Times New Roman', 'Liberation Serif', serif",
    "Arial": "Arial, 'Liberation Sans', sans-serif",
    "DejaVu Sans": "'DejaVu Sans', sans-serif",
    "DejaVu Serif": "'DejaVu Serif', serif",
    "Liberation Sans Narrow": "'Liberation Sans Narrow', sans-serif",
}


def header_grid(table):
    """Rows of header cells: (label, colspan, rowspan)."""
    D = depth(table["header"])
    grid = [[] for _ in range(D)]
    grid[0].append(("STT", 1, D))
    grid[0].append((table["unit_head"], 1, D))

    def width(n):
        return sum(width(c) for c in n["children"]) if "children" in n else 1

    def walk(nodes, lvl):
        for n in nodes:
            if "children" in n:
                grid[lvl].append((n["label"], width(n), 1))
                walk(n["children"], lvl + 1)
            else:
                grid[lvl].append((n["label"], 1, D - lvl))
    walk(table["header"], 0)
    return grid


def col_numbers(table):
    """The '(1) (2) (3)=(4)+(5)' line some reports put under the header."""
    n = len(table["columns"]) + 2
    return ["(%d)" % (i + 1) for i in range(n)]


def build_html(table, st):
    esc = html.escape
    D = depth(table["header"])
    ncols = len(table["columns"])
    bw = st["border_pt"]
    pad = st["pad_px"]
    css = f"""
@page {{ size: A4 {st['orientation']}; margin: {st['margin_mm']}mm {st['margin_mm']}mm {st['margin_mm']}mm {st['margin_mm'] + 5}mm; }}
body {{ font-family: {FONTS_HTML[st['font']]}; font-size: {st['font_pt']}pt; margin: 0; color: #000; }}
.c {{ text-align: center; margin: 0 0 {st['title_gap_pt']}pt 0; }}
.pl {{ font-weight: bold; font-size: {st['font_pt'] + 1}pt; }}
.tt {{ font-weight: bold; }}
.it {{ font-style: italic; }}
table {{ border-collapse: collapse; width: {st['table_width_pct']}%; margin: 6pt auto 0 auto; }}
td, th {{ border: {bw}pt solid #000; padding: {pad}px {pad + 1}px; vertical-align: middle; }}
th {{ font-weight: bold; text-align: center; }}
thead {{ display: table-header-group; }}
tr {{ page-break-inside: avoid; break-inside: avoid; }}
td.n {{ text-align: {st['num_align']}; white-space: nowrap; }}
td.s {{ text-align: center; }}
td.u {{ text-align: left; }}
col.u {{ width: {st['unit_col_pct']}%; }}
col.s {{ width: 4%; }}
tr.tot td {{ font-weight: bold; }}
tr.pct td {{ font-style: italic; }}
.note {{ font-style: italic; font-size: {max(8, st['font_pt'] - 1)}pt; margin-top: 6pt; }}
"""
    out = ["<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><style>", css,
           "</style></head><body>"]
    out.append(f"<p class='c pl'>{esc(table['pl_label'])}</p>")
    out.append(f"<p class='c tt'>{esc(table['title'])}</p>")
    out.append(f"<p class='c it'>{esc(table['period_line'])}</p>")
    if table["attach_line"]:
        out.append(f"<p class='c it'>{esc(table['attach_line'])}</p>")
    out.append("<table><colgroup><col class='s'><col class='u'>" + "<col>" * ncols + "</colgroup><thead>")
    for row in header_grid(table):
        out.append("<tr>" + "".join(
            f"<th colspan='{cs}' rowspan='{rs}'>{esc(lbl)}</th>" for lbl, cs, rs in row) + "</tr>")
    if st["col_numbers"]:
        out.append("<tr>" + "".join(f"<th class='it'>{x}</th>" for x in col_numbers(table)) + "</tr>")
    out.append("</thead><tbody>")
    for r in table["rows"]:
        out.append("<tr><td class='s'>%s</td><td class='u'>%s</td>%s</tr>" % (
            esc(r["stt"]), esc(r["unit"]),
            "".join(f"<td class='n'>{cell_text(table, v)}</td>" for v in r["values"])))
    n = len(table["rows"])
    tot = table["total"]
    stt = str(n + 1) if table["stt_total"] else ""
    if st["total_merged"] and not stt:
        first = f"<td colspan='2' class='s'>{esc(tot['label'])}</td>"
    else:
        first = f"<td class='s'>{stt}</td><td class='u'>{esc(tot['label'])}</td>"
    out.append("<tr class='tot'>" + first + "".join(
        f"<td class='n'>{cell_text(table, v)}</td>" for v in tot["values"]) + "</tr>")
    if table["percent"]:
        p = table["percent"]
        stt = str(n + 2) if table["stt_total"] else ""
        if st["total_merged"] and not stt:
            first = f"<td colspan='2' class='s'>{esc(p['label'])}</td>"
        else:
            first = f"<td class='s'>{stt}</td><td class='u'>{esc(p['label'])}</td>"
        out.append("<tr class='pct'>" + first + "".join(
            f"<td class='n'>{cell_text(table, v, True)}</td>" for v in p["values"]) + "</tr>")
    out.append("</tbody></table>")
    if table["footnote"]:
        out.append(f"<p class='note'>{esc(table['footnote'])}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def render_pdf(table, st, pdf_path, keep_src=None):
    doc = build_html(table, st)
    with tempfile.TemporaryDirectory(prefix="scangen_chr_") as td:
        src = os.path.join(td, "t.html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(doc)
        if keep_src:
            with open(keep_src, "w", encoding="utf-8") as f:
                f.write(doc)
        cmd = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
               "--no-pdf-header-footer", "--print-to-pdf-no-header",
               "--user-data-dir=" + os.path.join(td, "prof"),
               "--print-to-pdf=" + os.path.abspath(pdf_path), "file://" + src]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=120)
    if not os.path.exists(pdf_path):
        raise RuntimeError("chromium produced no PDF")
