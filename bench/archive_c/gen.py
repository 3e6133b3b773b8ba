#!/usr/bin/python3
"""bench/archive_c generator: one province's Trung tâm Phục vụ hành chính công, 24-36 months
of monthly reports plus quarterly and half-year reports, every file made by a real tool.

Written from README.md, docs/*.md, the seeds and `sohoa --help` only (not pipeline/ or tests/).
Usage: gen.py --seed N --out DIR --province "Lạng Sơn" [--start 2023-01] [--months 30]

Each report: heading block, title, period, a narrative with figures (month, quarter to date,
year to date, same month last year, one district's own figures, the district level total),
PHỤ LỤC I (a row per department, Tổng cộng, Tỷ lệ %) and in some eras PHỤ LỤC II (a row per
district People's Committee).  Formats per era (order shuffled by seed): docx (python-docx),
rtf / odt / doc (LibreOffice from the docx), html_lo (LibreOffice "Save as" HTML), pdf_lo,
pdf_chrome (headless Chromium from hand HTML), txt_plain (`pdftotext`), txt_layout
(`pdftotext -layout`), tsv (.txt with tabs), md (pipe tables, <br> in header cells);
scans (image-only PDF and multi-page TIFF) and one TCVN3 text month.
The truth (DIR/truth.json) is described in README.md.
"""
import argparse, copy, datetime, glob, hashlib, html, io, json, os, random, re, shutil
import subprocess, sys, tempfile

KEYS = ["received_total", "received_carryover", "received_new", "online",
        "resolved_total", "resolved_early", "resolved_ontime", "resolved_late",
        "pending_total", "pending_ontime", "pending_overdue"]
TOTAL = "__total__"

PROV = {
    "Lạng Sơn": {
        "bkt": ("Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn", "BQL Khu KTCK Đồng Đăng - LS"),
        "districts": ["thành phố Lạng Sơn", "huyện Cao Lộc", "huyện Văn Lãng", "huyện Tràng Định",
                      "huyện Bình Gia", "huyện Văn Quan", "huyện Bắc Sơn", "huyện Hữu Lũng",
                      "huyện Chi Lăng", "huyện Lộc Bình", "huyện Đình Lập"],
        "town": "Lạng Sơn"},
    "Cà Mau": {
        "bkt": ("Ban Quản lý Khu kinh tế tỉnh Cà Mau", "BQL KKT tỉnh"),
        "districts": ["thành phố Cà Mau", "huyện U Minh", "huyện Thới Bình", "huyện Trần Văn Thời",
                      "huyện Cái Nước", "huyện Đầm Dơi", "huyện Năm Căn", "huyện Phú Tân",
                      "huyện Ngọc Hiển"],
        "town": "Cà Mau"},
    "Hà Giang": {
        "bkt": ("Ban Quản lý các Khu công nghiệp tỉnh Hà Giang", "BQL các KCN"),
        "districts": ["thành phố Hà Giang", "huyện Bắc Quang", "huyện Quang Bình", "huyện Vị Xuyên",
                      "huyện Bắc Mê", "huyện Hoàng Su Phì", "huyện Xín Mần", "huyện Quản Bạ",
                      "huyện Yên Minh", "huyện Đồng Văn", "huyện Mèo Vạc"],
        "town": "Hà Giang"},
}

# canonical, abbreviation, older/other spelling
DEPTS = [
    ("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "Sở Kế hoạch - Đầu tư"),
    ("Sở Tài chính", "Sở TC", "Sở Tài chính"),
    ("Sở Tư pháp", "Sở TP", "Sở Tư pháp"),
    ("Sở Xây dựng", "Sở XD", "Sở Xây dựng"),
    ("Sở Giao thông vận tải", "Sở GTVT", "Sở Giao thông - Vận tải"),
    ("Sở Tài nguyên và Môi trường", "Sở TN&MT", "Sở Tài nguyên - Môi trường"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", "Sở Nông nghiệp và PTNT"),
    ("Sở Công Thương", "Sở CT", "Sở Công thương"),
    ("Sở Y tế", "Sở YT", "Sở Y tế"),
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "Sở Giáo dục - Đào tạo"),
    ("Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH", "Sở Lao động, Thương binh và Xã hội"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Sở VH,TT&DL", "Sở Văn hoá, Thể thao và Du lịch"),
    ("Sở Nội vụ", "Sở NV", "Sở Nội vụ"),
    ("Công an tỉnh", "CA tỉnh", "Công an tỉnh"),
]
# 2025 reorganisation: merged unit <- predecessors (first one keeps/gets the new name)
MERGES = [("Sở Tài chính", ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"], "Sở TC"),
          ("Sở Nông nghiệp và Môi trường", ["Sở Tài nguyên và Môi trường",
                                            "Sở Nông nghiệp và Phát triển nông thôn"], "Sở NN&MT"),
          ("Sở Xây dựng", ["Sở Giao thông vận tải", "Sở Xây dựng"], "Sở XD")]

# header wordings: group labels and leaves
WORDINGS = [
    dict(recv="Số hồ sơ nhận giải quyết", tot="Tổng số", det="Trong đó", carry="Kỳ trước chuyển sang",
         new="Mới tiếp nhận", onl="Tiếp nhận trực tuyến", res="Số hồ sơ đã giải quyết",
         early="Trả trước hạn", ontime="Trả đúng hạn", late="Trả quá hạn",
         pend="Số hồ sơ đang giải quyết", pon="Trong hạn", pover="Quá hạn"),
    dict(recv="Tiếp nhận", tot="Tổng số", det="Chia ra", carry="Tồn kỳ trước",
         new="Tiếp nhận mới trong kỳ", onl="Trong đó trực tuyến", res="Đã giải quyết",
         early="Trước hạn", ontime="Đúng hạn", late="Quá hạn",
         pend="Đang giải quyết", pon="Chưa đến hạn", pover="Đã quá hạn"),
    dict(recv="Tổng số hồ sơ phải giải quyết", tot="Cộng", det="Trong đó", carry="Từ kỳ trước chuyển qua",
         new="Nhận mới", onl="Nộp trực tuyến", res="Kết quả giải quyết",
         early="Sớm hạn", ontime="Đúng hạn", late="Trễ hạn",
         pend="Chưa giải quyết xong", pon="Còn hạn", pover="Quá hạn"),
]
MONTH_ERAS = ["docx", "rtf", "html_lo", "txt_plain", "pdf_chrome", "tsv", "odt", "md", "pdf_lo",
              "txt_layout", "doc"]


def N(v, sep):
    s = str(int(v))
    if sep and len(s) > 3:
        out = []
        while len(s) > 3:
            out.insert(0, s[-3:]); s = s[:-3]
        out.insert(0, s)
        s = sep.join(out)
    return s


def P(x, nd=2):
    return ("%.*f" % (nd, x)).replace(".", ",")


def pc(a, b):
    return 0.0 if b == 0 else 100.0 * a / b


PCT_DEN = {"received_carryover": "received_total", "received_new": "received_total",
           "online": "received_total", "resolved_total": "received_total",
           "resolved_early": "resolved_total", "resolved_ontime": "resolved_total",
           "resolved_late": "resolved_total", "pending_total": "received_total",
           "pending_ontime": "pending_total", "pending_overdue": "pending_total"}


def percent_row(tot):
    out = {"received_total": 100.0}
    for k, d in PCT_DEN.items():
        out[k] = round(pc(tot[k], tot[d]), 2)
    return out


def ym_add(y, m, k):
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def sh(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, **kw)
    if r.returncode != 0:
        raise RuntimeError("%s: %s" % (cmd, r.stderr.decode()[-500:]))
    return r.stdout


# ---------------------------------------------------------------- numbers
def simulate(rng, units, months, y0, m0, merge_at):
    """Per month and unit the full row; carry = previous pending (chain), merges sum."""
    base = {u: rng.randint(40, 900) for u in units}
    base["Công an tỉnh"] = rng.randint(1500, 3500) if "Công an tỉnh" in base else 0
    pend = {u: int(base[u] * rng.uniform(0.1, 0.35)) for u in units}
    rows = []
    for i in range(months):
        y, m = ym_add(y0, m0, i)
        if merge_at is not None and i == merge_at:
            for new, preds, _ in MERGES:
                s = sum(pend.pop(p) for p in preds if p in pend)
                bs = sum(base.pop(p) for p in preds if p in base)
                pend[new] = s
                base[new] = bs
        season = 0.6 if m in (1, 2) else (1.15 if m in (3, 10, 11) else 1.0)
        r = {}
        for u in pend:
            carry = pend[u]
            new = max(3, int(base[u] * season * rng.uniform(0.8, 1.2)))
            tot = carry + new
            res = int(tot * rng.uniform(0.7, 0.9))
            late = int(res * rng.uniform(0, 0.03))
            early = int((res - late) * rng.uniform(0.4, 0.9))
            ont = res - late - early
            pt = tot - res
            over = int(pt * rng.uniform(0, 0.06))
            onl = int(new * rng.uniform(0.2, 0.7))
            r[u] = dict(received_total=tot, received_carryover=carry, received_new=new, online=onl,
                        resolved_total=res, resolved_early=early, resolved_ontime=ont,
                        resolved_late=late, pending_total=pt, pending_ontime=pt - over,
                        pending_overdue=over)
            pend[u] = pt
        rows.append(((y, m), r))
    return rows


def coltotal(r):
    return {k: sum(v[k] for v in r.values()) for k in KEYS}


def aggregate(months_rows):
    """A quarter/half: carry of the first month, sums of flows, pending of the last."""
    first, last = months_rows[0], months_rows[-1]
    out = {}
    for u in last:
        if u not in first:
            return None
        v = {k: sum(mr[u][k] for mr in months_rows) for k in
             ("received_new", "online", "resolved_total", "resolved_early", "resolved_ontime", "resolved_late")}
        v["received_carryover"] = first[u]["received_carryover"]
        v["received_total"] = v["received_carryover"] + v["received_new"]
        for k in ("pending_total", "pending_ontime", "pending_overdue"):
            v[k] = last[u][k]
        assert v["received_total"] == v["resolved_total"] + v["pending_total"], u
        out[u] = v
    return out


# ---------------------------------------------------------------- header trees
def header_leaves(w, order, online, direct):
    """List of (path tuple, key or None).  order: std | newfirst | pendfirst | partsfirst"""
    recv = [(w["recv"], w["tot"]), ]
    parts_r = [((w["recv"], w["det"], w["carry"]), "received_carryover"),
               ((w["recv"], w["det"], w["new"]), "received_new")]
    if order == "newfirst":
        parts_r.reverse()
    L = [((w["recv"], w["tot"]), "received_total")] + parts_r
    if order == "partsfirst":
        L = parts_r + [((w["recv"], w["tot"]), "received_total")]
    if online:
        L.append(((w["onl"],), "online"))
    if direct:
        L.append((("Tiếp nhận trực tiếp, qua bưu chính",), None))
    res = [((w["res"], w["tot"]), "resolved_total"), ((w["res"], w["early"]), "resolved_early"),
           ((w["res"], w["ontime"]), "resolved_ontime"), ((w["res"], w["late"]), "resolved_late")]
    pen = [((w["pend"], w["tot"]), "pending_total"), ((w["pend"], w["pon"]), "pending_ontime"),
           ((w["pend"], w["pover"]), "pending_overdue")]
    if order == "partsfirst":
        res = res[1:] + res[:1]
        pen = pen[1:] + pen[:1]
    L += (pen + res) if order == "pendfirst" else (res + pen)
    return L


def header_grid(leaves, lead=("STT", "Đơn vị")):
    """Rows of (label, colspan, rowspan) cells; lead columns span all rows."""
    depth = max(len(p) for p, _ in leaves)
    rows = [[] for _ in range(depth)]
    for c in lead:
        rows[0].append((c, 1, depth))
    for lvl in range(depth):
        i = 0
        while i < len(leaves):
            p = leaves[i][0]
            if len(p) <= lvl:
                i += 1; continue
            j = i + 1
            if len(p) > lvl + 1:
                while j < len(leaves) and len(leaves[j][0]) > lvl + 1 and leaves[j][0][:lvl + 1] == p[:lvl + 1]:
                    j += 1
            if lvl > 0 and len(p) > lvl and (i > 0 and leaves[i - 1][0][:lvl] == p[:lvl]) is None:
                pass
            rs = depth - lvl if len(p) == lvl + 1 else 1
            rows[lvl].append((p[lvl], j - i, rs))
            i = j
    return rows, depth


def grid_positions(rows, ncols):
    """(r, c, label, cs, rs) with absolute columns."""
    occ = {}
    out = []
    for r, row in enumerate(rows):
        c = 0
        for (lab, cs, rs) in row:
            while occ.get((r, c)):
                c += 1
            out.append((r, c, lab, cs, rs))
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    occ[(rr, cc)] = True
            c += cs
    return out


# ---------------------------------------------------------------- the document model
def make_model(ctx, rep):
    st = rep["style"]
    sep = st["sep"]
    Nf = lambda v: N(v, sep)
    prov = ctx["province"]
    body_up = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    head = []
    if st["heading"] == 0:
        left = ["UBND TỈNH %s" % prov.upper(), body_up, "", "Số: %d/BC-TTPVHCC" % rep["no"]]
    elif st["heading"] == 1:
        left = ["VĂN PHÒNG UBND TỈNH %s" % prov.upper(), "TRUNG TÂM PHỤC VỤ HCC", "",
                "Số: %d/BC-TTHCC" % rep["no"]]
    else:
        left = ["ỦY BAN NHÂN DÂN TỈNH %s" % prov.upper(), "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH",
                "", "Số: %d/BC-TTPV" % rep["no"]]
    d = rep["date"]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "",
             "%s, ngày %02d tháng %02d năm %d" % (ctx["town"], d[2], d[1], d[0])]
    kind, per = rep["kind"], rep["period"]
    if kind == "month":
        y, m = per
        if st["mfmt"] == 0:
            title = ["BÁO CÁO", "Kết quả giải quyết thủ tục hành chính tháng %d năm %d" % (m, y)]
        else:
            title = ["BÁO CÁO", "Tình hình tiếp nhận, giải quyết hồ sơ TTHC tại Trung tâm tháng %02d/%d" % (m, y)]
        last = (datetime.date(*ym_add(y, m, 1), 1) - datetime.timedelta(days=1)).day
        ptxt = "(Số liệu từ ngày 01/%02d/%d đến ngày %02d/%02d/%d)" % (m, y, last, m, y)
        scope = "Trong tháng"
    elif kind == "quarter":
        y, q = per
        roman = ["I", "II", "III", "IV"][q - 1]
        title = ["BÁO CÁO", "Kết quả giải quyết thủ tục hành chính quý %s năm %d" % (roman, y)]
        m1 = 3 * q - 2
        last = (datetime.date(*ym_add(y, 3 * q, 1), 1) - datetime.timedelta(days=1)).day
        ptxt = "(Số liệu từ ngày 01/%02d/%d đến ngày %02d/%02d/%d)" % (m1, y, last, 3 * q, y)
        scope = "Trong quý %s" % roman
    else:
        y = per[0]
        title = ["BÁO CÁO", "Sơ kết công tác giải quyết thủ tục hành chính 6 tháng đầu năm %d" % y]
        ptxt = "(Số liệu từ ngày 01/01/%d đến ngày 30/06/%d)" % (y, y)
        scope = "Trong 6 tháng đầu năm"
    t = rep["stated_total"]
    nar = rep["narr"]  # stated narrative figures (may carry a planted fault)
    paras = ["I. KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ"]
    if st["narr"] == 0:
        paras.append("%s, Trung tâm tiếp nhận %s hồ sơ, trong đó trực tuyến %s hồ sơ (%s%%); "
                     "số hồ sơ kỳ trước chuyển sang là %s hồ sơ, tổng số hồ sơ phải giải quyết là %s hồ sơ."
                     % (scope, Nf(nar["received_new"]), Nf(nar["online"]),
                        P(pc(nar["online"], nar["received_new"]), 1), Nf(nar["received_carryover"]),
                        Nf(nar["received_total"])))
        paras.append("Đã giải quyết %s hồ sơ, trong đó trước hạn %s hồ sơ, đúng hạn %s hồ sơ, quá hạn %s hồ sơ; "
                     "đang giải quyết %s hồ sơ, trong đó quá hạn %s hồ sơ."
                     % (Nf(nar["resolved_total"]), Nf(nar["resolved_early"]), Nf(nar["resolved_ontime"]),
                        Nf(nar["resolved_late"]), Nf(nar["pending_total"]), Nf(nar["pending_overdue"])))
    else:
        paras.append("1. Tiếp nhận: tổng số hồ sơ tiếp nhận %s hồ sơ (kỳ trước chuyển sang %s, tiếp nhận mới %s, "
                     "trong đó tiếp nhận trực tuyến %s hồ sơ)."
                     % (Nf(nar["received_total"]), Nf(nar["received_carryover"]), Nf(nar["received_new"]),
                        Nf(nar["online"])))
        paras.append("2. Giải quyết: đã giải quyết %s hồ sơ (%s%% giải quyết trước và đúng hạn), "
                     "trả quá hạn %s hồ sơ; còn %s hồ sơ đang giải quyết."
                     % (Nf(nar["resolved_total"]),
                        P(pc(nar["resolved_early"] + nar["resolved_ontime"], nar["resolved_total"]), 1),
                        Nf(nar["resolved_late"]), Nf(nar["pending_total"])))
    # decoys: other scopes
    for dc in rep["decoys"]:
        paras.append(dc["text"].replace("{N}", Nf(dc["value"])).replace("{M}", Nf(dc.get("value2", 0))))
    paras.append("II. NHẬN XÉT, ĐÁNH GIÁ")
    paras.append("Các cơ quan, đơn vị cơ bản thực hiện tốt việc tiếp nhận, giải quyết hồ sơ; một số hồ sơ quá hạn "
                 "do phải lấy ý kiến của các cơ quan liên quan.")
    for note in rep.get("notes", []):
        paras.append(note)
    tables = []
    for tb in rep["tables"]:
        tables.append(tb)
    return dict(left=left, right=right, title=title, ptxt=ptxt, paras=paras, tables=tables,
                sign=["GIÁM ĐỐC", "", "", ctx["director"]])


def table_rows(tb, sep):
    """Body rows as lists of strings (STT, unit, cells...), total row, percent row."""
    out = []
    for i, (ulabel, vals) in enumerate(tb["rows"], 1):
        out.append([str(i), ulabel] + [N(vals["_direct"] if k is None else vals[k], sep) for k in tb["keys"]])
    tdir = sum(v["_direct"] for _, v in tb["rows"]) if None in tb["keys"] else 0
    tot = [tb["total_stt"], tb["total_label"]] + [N(tdir if k is None else tb["total"][k], sep)
                                                 for k in tb["keys"]]
    out.append(tot)
    if tb["pct"] is not None:
        out.append(["", tb["pct_label"]] + [("" if k is None else P(tb["pct"][k], 2)) for k in tb["keys"]])
    return out


def direct_val(vals):
    return vals["received_new"] - vals["online"]


# ---------------------------------------------------------------- renderers
def render_docx(model, st, path):
    import docx
    from docx.shared import Pt, Cm
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    D = docx.Document()
    stl = D.styles["Normal"]; stl.font.name = "Times New Roman"; stl.font.size = Pt(12)
    if st["heading"] != 1:
        t = D.add_table(rows=1, cols=2)
        t.cell(0, 0).text = "\n".join(model["left"])
        t.cell(0, 1).text = "\n".join(model["right"])
    else:
        for l in model["left"] + model["right"]:
            if l:
                D.add_paragraph(l)
    for l in model["title"] + [model["ptxt"]]:
        p = D.add_paragraph(l); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for l in model["paras"]:
        D.add_paragraph(l)
    for l in model["sign"]:
        D.add_paragraph(l).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for tb in model["tables"]:
        sec = D.add_section()
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
        sec.left_margin = sec.right_margin = Cm(1.2)
        D.add_paragraph(tb["id_label"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
        D.add_paragraph(tb["title"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
        D.add_paragraph(tb["ptxt"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
        rows, depth = header_grid(tb["leaves"])
        ncols = 2 + len(tb["leaves"])
        body = table_rows(tb, st["sep"])
        T = D.add_table(rows=depth + len(body), cols=ncols)
        T.style = "Table Grid"
        for (r, c, lab, cs, rs) in grid_positions(rows, ncols):
            cell = T.cell(r, c)
            if cs > 1 or rs > 1:
                cell = cell.merge(T.cell(r + rs - 1, c + cs - 1))
            cell.text = lab
        for i, row in enumerate(body):
            for j, v in enumerate(row):
                T.cell(depth + i, j).text = v
        for row in T.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(9)
    D.save(path)


def render_html(model, st):
    css = ("body{font-family:'Times New Roman',serif;font-size:12pt} table.g{border-collapse:collapse;"
           "font-size:8.5pt} table.g td,table.g th{border:1px solid #000;padding:2px 3px} "
           "td.n{text-align:right} .c{text-align:center} @page{size:A4 landscape;margin:12mm}")
    h = ["<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>%s</title><style>%s</style></head><body>"
         % (html.escape(model["title"][1]), css)]
    h.append("<table style='width:100%'><tr><td class='c'>" + "<br>".join(html.escape(x) for x in model["left"] if x)
             + "</td><td class='c'>" + "<br>".join(html.escape(x) for x in model["right"] if x) + "</td></tr></table>")
    for l in model["title"] + [model["ptxt"]]:
        h.append("<p class='c'><b>%s</b></p>" % html.escape(l))
    for l in model["paras"]:
        h.append("<p>%s</p>" % html.escape(l))
    h.append("<p style='text-align:right'>%s</p>" % "<br>".join(html.escape(x) for x in model["sign"] if x))
    for tb in model["tables"]:
        h.append("<div style='page-break-before:always'></div>")
        h.append("<p class='c'><b>%s</b><br><b>%s</b><br><i>%s</i></p>" % tuple(html.escape(x) for x in
                                                                             (tb["id_label"], tb["title"], tb["ptxt"])))
        rows, depth = header_grid(tb["leaves"])
        h.append("<table class='g'><thead>")
        for row in rows:
            h.append("<tr>" + "".join("<th%s%s>%s</th>" % (" colspan=%d" % cs if cs > 1 else "",
                                                          " rowspan=%d" % rs if rs > 1 else "", html.escape(lab))
                                      for lab, cs, rs in row) + "</tr>")
        h.append("</thead><tbody>")
        for row in table_rows(tb, st["sep"]):
            bold = row[1] == tb["total_label"]
            cells = []
            for j, v in enumerate(row):
                v = html.escape(v)
                if bold:
                    v = "<b>%s</b>" % v
                cells.append("<td%s>%s</td>" % (" class='n'" if j > 1 else "", v))
            h.append("<tr>" + "".join(cells) + "</tr>")
        h.append("</tbody></table>")
    h.append("</body></html>")
    return "\n".join(h)


def text_head(model, st):
    L = []
    if st["heading"] == 2:
        for a, b in zip(model["left"], model["right"]):
            L.append("%-52s%s" % (a, b))
    else:
        for a, b in zip(model["left"], model["right"]):
            L.append(a + ("\t" + b if b else ""))
    L.append("")
    L += model["title"] + [model["ptxt"], ""] + model["paras"] + [""] + [x for x in model["sign"] if x]
    return L


def render_tsv(model, st):
    L = text_head(model, st)
    for tb in model["tables"]:
        L += ["", tb["id_label"], tb["title"], tb["ptxt"]]
        rows, depth = header_grid(tb["leaves"])
        ncols = 2 + len(tb["leaves"])
        grid = [[""] * ncols for _ in range(depth)]
        for (r, c, lab, cs, rs) in grid_positions(rows, ncols):
            grid[r][c] = lab
        L += ["\t".join(g) for g in grid]
        L += ["\t".join(r) for r in table_rows(tb, st["sep"])]
    return "\n".join(L) + "\n"


def render_md(model, st):
    L = ["**%s**" % x for x in model["left"] if x] + [""] + ["*%s*" % x for x in model["right"] if x] + [""]
    L += ["## " + model["title"][0], "### " + model["title"][1], "*%s*" % model["ptxt"], ""]
    for p in model["paras"]:
        L += [("#### " + p) if re.match(r"^[IV]+\. ", p) else p, ""]
    L += ["**%s**" % x for x in model["sign"] if x]
    for tb in model["tables"]:
        L += ["", "## " + tb["id_label"], "**%s**" % tb["title"], "*%s*" % tb["ptxt"], ""]
        hdr = ["STT", "Đơn vị"] + ["<br>".join(p) for p, _ in tb["leaves"]]
        L.append("| " + " | ".join(hdr) + " |")
        L.append("|" + "|".join([":-:", ":--"] + ["--:"] * len(tb["leaves"])) + "|")
        for r in table_rows(tb, st["sep"]):
            if r[1] == tb["total_label"]:
                r = [("**%s**" % x if x else x) for x in r]
            L.append("| " + " | ".join(r) + " |")
    return "\n".join(L) + "\n"


# TCVN3 (ABC, .VnTime): lower-case letters from glibc's TCVN5712-1 table (the bytes >= 0xA1 that
# VN1 and VN3 share); toned capitals take the lower-case code (capitals font).
def tcvn3_table():
    letters = ("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
    tab = {}
    for ch in letters:
        b = subprocess.run(["iconv", "-f", "utf-8", "-t", "TCVN5712-1"], input=ch.encode(),
                           capture_output=True).stdout
        if len(b) != 1 or b[0] < 0xA1:
            raise RuntimeError("TCVN3 table: %r -> %r" % (ch, b))
        tab[ch] = b
    for U, l in zip("ĂÂÊÔƠƯĐ", "ăâêôơưđ"):
        tab[U] = bytes([{"ă": 0xA1, "â": 0xA2, "ê": 0xA3, "ô": 0xA4, "ơ": 0xA5, "ư": 0xA6, "đ": 0xA7}[l]])
    return tab


def tcvn3_encode(text, tab):
    import unicodedata
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 128:
            out += ch.encode()
        elif ch in tab:
            out += tab[ch]
        elif ch.lower() in tab:
            out += tab[ch.lower()]
        else:
            raise ValueError("no TCVN3 code for %r" % ch)
    return bytes(out)


def tcvn3_fold(text):
    """What a TCVN3 file says once decoded: toned capitals come back lower case."""
    import unicodedata
    base = set("ĂÂÊÔƠƯĐ")
    return "".join(c if (ord(c) < 128 or c in base or c == c.lower()) else c.lower()
                   for c in unicodedata.normalize("NFC", text))


def degrade(png_in, out_img, rng):
    import cv2, numpy as np
    im = cv2.imread(png_in, cv2.IMREAD_GRAYSCALE)
    h, w = im.shape
    ang = rng.uniform(-1.0, 1.0)
    M = cv2.getRotationMatrix2D((w / 2, h / 2), ang, 1.0)
    im = cv2.warpAffine(im, M, (w, h), borderValue=235)
    im = cv2.GaussianBlur(im, (3, 3), rng.uniform(0.4, 0.8))
    nrng = np.random.default_rng(rng.randint(0, 10 ** 6))
    im = np.clip(im.astype(np.float32) * 0.93 + 12 + nrng.normal(0, 7, im.shape), 0, 255).astype("uint8")
    cv2.imwrite(out_img, im, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(55, 75)])


# ---------------------------------------------------------------- plan
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--province", default="Lạng Sơn")
    ap.add_argument("--start", default="2023-01")
    ap.add_argument("--months", type=int, default=30)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    prov = a.province
    pinfo = PROV[prov]
    y0, m0 = map(int, a.start.split("-"))
    units = [d[0] for d in DEPTS]
    units.insert(rng.randint(10, 13), pinfo["bkt"][0])
    spell = {d[0]: [d[0], d[1], d[2]] for d in DEPTS}
    spell[pinfo["bkt"][0]] = [pinfo["bkt"][0], pinfo["bkt"][1], pinfo["bkt"][0]]
    for new, _, ab in MERGES:
        spell.setdefault(new, [new, ab, new])
    dists = ["UBND " + d for d in pinfo["districts"]]
    dspell = {u: [u, u.replace("UBND huyện", "Huyện").replace("UBND thành phố", "Thành phố"),
                  u.replace("UBND huyện", "UBND H.").replace("UBND thành phố", "UBND TP")] for u in dists}
    merge_at = None
    for i in range(a.months):
        if ym_add(y0, m0, i) == (2025, 3):
            merge_at = i
    if merge_at is None:
        merge_at = int(a.months * 0.7)
    sim = simulate(rng, units, a.months, y0, m0, merge_at)
    dsim = simulate(random.Random(a.seed + 7), dists, a.months, y0, m0, None)
    # last year's figures (for "cùng kỳ năm trước" sentences)
    lastyear = {}
    for (ym, r) in sim:
        lastyear[ym] = int(coltotal(r)["received_new"] * rng.uniform(0.8, 1.05))

    # eras
    eras = MONTH_ERAS[:]
    rng.shuffle(eras)
    nera = len(eras)
    cuts = [max(k, int(round(k * a.months / nera)) - rng.randint(0, 1)) for k in range(1, nera)]
    era_of = []
    for i in range(a.months):
        era_of.append(sum(1 for c in cuts if c <= i))
    styles = []
    for e in range(nera):
        styles.append(dict(shape=eras[e], heading=rng.randint(0, 2), wording=rng.randint(0, 2),
                           order=rng.choice(["std", "newfirst", "pendfirst", "partsfirst"]),
                           sep=rng.choice([".", ".", "", " "]) if eras[e] in ("tsv", "md", "txt_plain") else rng.choice([".", "."]),
                           online=rng.random() < 0.7, direct=rng.random() < 0.3,
                           pl2=rng.random() < 0.6, spelling=rng.randint(0, 2), narr=rng.randint(0, 1),
                           mfmt=rng.randint(0, 1),
                           total_label=rng.choice(["Tổng cộng", "TỔNG CỘNG", "Cộng"]),
                           numbered_total=rng.random() < 0.3,
                           pct=rng.random() < 0.75, pct_label=rng.choice(["Tỷ lệ %", "Tỷ lệ (%)"])))
        if styles[-1]["sep"] == " " and eras[e] not in ("tsv", "md"):
            styles[-1]["sep"] = "."
    # gaps, scans, tcvn3, duplicate
    gi = sorted(rng.sample([i for i in range(2, a.months - 2) if i not in (merge_at, merge_at + 1)], 2))
    while gi[1] - gi[0] < 3:
        gi = sorted(rng.sample([i for i in range(2, a.months - 2) if i not in (merge_at, merge_at + 1)], 2))
    gaps = set(gi)
    free = [i for i in range(1, a.months) if i not in gaps and i - 1 not in gaps and i != merge_at]
    scan_months = set(rng.sample(free, 2))
    tc_month = rng.choice([i for i in free if i not in scan_months and styles[era_of[i]]["shape"] in ("tsv", "txt_plain", "md")]
                          or [i for i in free if i not in scan_months])
    # faults
    cand = [i for i in free if i not in scan_months and i != tc_month and i + 1 not in gaps]
    rng.shuffle(cand)
    plan = {}
    kinds = ["cell", "cell", "cell", "cell_pl2", "total", "total", "percent", "percent", "narrative", "narrative",
             "narrative", "carryover", "carryover", "carryover"]
    for k in kinds:
        for i in cand:
            if i in plan:
                continue
            if k == "carryover" and (i - 1 in gaps or i - 1 in plan and plan[i - 1] == "carryover" or i == merge_at):
                continue
            if k == "percent" and not styles[era_of[i]]["pct"]:
                continue
            if k == "cell_pl2" and not styles[era_of[i]]["pl2"]:
                continue
            plan[i] = k
            break
    dup_month = rng.choice([i for i in free if i not in plan and i not in scan_months and i != tc_month
                            and styles[era_of[i]]["shape"] in ("docx", "rtf", "odt", "doc", "pdf_lo", "pdf_chrome", "html_lo")])

    reports = []
    no = rng.randint(20, 60)
    for i in range(a.months):
        if i in gaps:
            continue
        ym, r = sim[i]
        dr = dsim[i][1]
        reports.append(dict(kind="month", period=ym, idx=i, rows=r, drows=dr))
    # quarters and half years: from the months (also the gap months: the centre has the data)
    qlist = []
    for i in range(a.months):
        y, m = sim[i][0]
        if m % 3 == 0 and i >= 2 and (i < merge_at or i - 2 >= merge_at):
            qlist.append(i)
    qsel = sorted(rng.sample(qlist, min(4, len(qlist))))
    for i in qsel:
        y, m = sim[i][0]
        agg = aggregate([sim[j][1] for j in range(i - 2, i + 1)])
        dagg = aggregate([dsim[j][1] for j in range(i - 2, i + 1)])
        reports.append(dict(kind="quarter", period=(y, m // 3), idx=i, rows=agg, drows=dagg))
    for i in range(a.months):
        y, m = sim[i][0]
        if m == 6 and i >= 5 and (i < merge_at or i - 5 >= merge_at):
            agg = aggregate([sim[j][1] for j in range(i - 5, i + 1)])
            dagg = aggregate([dsim[j][1] for j in range(i - 5, i + 1)])
            reports.append(dict(kind="half", period=(y,), idx=i, rows=agg, drows=dagg))
    reports.sort(key=lambda r: (r["idx"], {"month": 0, "quarter": 1, "half": 2}[r["kind"]]))

    director = rng.choice(["Hoàng Văn Thắng", "Nông Thị Hạnh", "Lường Văn Quý", "Trần Minh Tuấn"])
    ctx = dict(province=prov, town=pinfo["town"], director=director)
    os.makedirs(a.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="archc_")
    tab = tcvn3_table()
    truth = dict(province=prov, body="Trung tâm Phục vụ hành chính công tỉnh " + prov, seed=a.seed,
                 units=units, districts=dists, merges=[], cells=[], files=[], faults=[], decoys=[],
                 gaps=[], duplicates=[])
    for g in sorted(gaps):
        y, m = sim[g][0]
        truth["gaps"].append("%04d-%02d" % (y, m))
        truth["faults"].append(dict(kind="gap", period="%04d-%02d" % (y, m)))
    if merge_at is not None:
        y, m = sim[merge_at][0]
        for new, preds, _ in MERGES:
            truth["merges"].append(dict(period="%04d-%02d" % (y, m), unit=new, predecessors=preds))

    jobs = []  # (report, model, style, final name)
    qcount = 0
    for rep in reports:
        i = rep["idx"]
        st = dict(styles[era_of[i]])
        kind = rep["kind"]
        if kind != "month":
            qcount += 1
            st["shape"] = ["docx", "pdf_chrome", "md", "pdf_lo", "html_hand", "odt"][(qcount + a.seed) % 6]
            st["pl2"] = True
        if kind == "month" and i in scan_months:
            st["shape"] = ["scan_pdf", "scan_tiff"][sorted(scan_months).index(i) ^ (a.seed & 1)]
        if kind == "month" and i == tc_month:
            st["shape"] = "tcvn3"
        if kind == "month":
            per = "%04d-%02d" % rep["period"]
        elif kind == "quarter":
            per = "%04d-Q%d" % rep["period"]
        else:
            per = "%04d-H1" % rep["period"]
        y = rep["period"][0]
        no += rng.randint(1, 4)
        rep["no"] = no
        ey, em = sim[i][0]
        ny, nm = ym_add(ey, em, 1)
        rep["date"] = (ny, nm, rng.randint(1, 6)) if kind == "month" else (ny, nm, rng.randint(5, 12))
        rep["style"] = st
        rows = rep["rows"]
        w = WORDINGS[st["wording"]]
        leaves = header_leaves(w, st["order"], st["online"], st["direct"])
        keys = [k for _, k in leaves]
        fault = plan.get(i) if kind == "month" else None
        tables = []
        stated_rows = copy.deepcopy(rows)
        # carry-over break: this month's carry for one unit differs from last month's pending;
        # the row stays consistent (received_total and pending move with it)
        finfo = None
        if fault == "carryover":
            u = rng.choice([x for x in rows if x not in [mm[0] for mm in MERGES]])
            prevp = sim[i - 1][1][u]["pending_total"]
            delta = rng.choice([-1, 1]) * rng.randint(3, 40)
            delta = max(delta, -stated_rows[u]["received_carryover"] + 1)
            v = stated_rows[u]
            v["received_carryover"] += delta; v["received_total"] += delta
            v["pending_total"] += delta; v["pending_ontime"] += delta
            # later months unaffected: next month's carry stays sim's pending -> also a break there?
            # no: we keep the next month's carry = the simulated pending, so the stated pending here
            # differs from next month's carry too.  Avoid that: change resolved_early instead.
            v["pending_total"] -= delta; v["pending_ontime"] -= delta
            v["resolved_total"] += delta; v["resolved_early"] += delta
            if v["resolved_early"] < 0:
                raise RuntimeError("negative")
            finfo = dict(kind="carryover", unit=u, column="received_carryover",
                         stated=v["received_carryover"], right=prevp, previous_pending=prevp)
        pct_rows = None
        tot_true = coltotal(stated_rows)
        rep["stated_total"] = tot_true
        tot_stated = dict(tot_true)
        cellfault = None
        if fault in ("cell", "total", "percent"):
            ck = rng.choice([k for k in ("received_new", "resolved_ontime", "resolved_early", "pending_ontime", "online")
                             if k in keys])
            if fault == "cell":
                u = rng.choice(list(rows))
                right = stated_rows[u][ck]
                s = str(right)
                if len(s) >= 2:
                    j = rng.randrange(len(s))
                    nd = str((int(s[j]) + rng.choice([1, 2, 3, 5])) % 10)
                    s2 = s[:j] + nd + s[j + 1:]
                    if s2[0] == "0":
                        s2 = "1" + s2[1:]
                else:
                    s2 = str(int(s) + 10)
                stated = int(s2)
                cellfault = (u, ck, stated)
                finfo = dict(kind="cell", table="PL-I", unit=u, column=ck, stated=stated, right=right)
            elif fault == "total":
                right = tot_true[ck]
                stated = right + rng.choice([-1, 1]) * rng.choice([10, 100, 9, 90, 1000 if right > 3000 else 20])
                tot_stated[ck] = stated
                finfo = dict(kind="total", table="PL-I", unit=TOTAL, column=ck, stated=stated, right=right)
        rowlist = []
        sp = st["spelling"]
        for u in rows:
            vals = dict(stated_rows[u])
            if cellfault and cellfault[0] == u:
                vals[cellfault[1]] = cellfault[2]
            lab = spell.get(u, [u, u, u])[sp] if sp < 2 else spell.get(u, [u, u, u])[rng.choice([0, 1, 2])]
            rowlist.append((lab, vals, u))
        pctv = percent_row(tot_true) if st["pct"] else None
        if fault == "percent":
            pk = rng.choice([k for k in ("resolved_total", "resolved_early", "online", "pending_overdue") if k in keys])
            right = pctv[pk]
            stated = round(right + rng.choice([-1, 1]) * rng.choice([1.0, 2.5, 10.0, 0.9]), 2)
            pctv = dict(pctv); pctv[pk] = stated
            finfo = dict(kind="percent", table="PL-I", unit=TOTAL, column=pk, stated=stated, right=right)
        per_label = {"month": "tháng %d năm %d" % rep["period"][::-1] if kind == "month" else "",
                     "quarter": "quý %d năm %d" % rep["period"][::-1] if kind == "quarter" else "",
                     "half": "6 tháng đầu năm %d" % y}[kind]
        ptxt_t = {"month": "(Kèm theo Báo cáo số %d/BC-TTPVHCC ngày %02d/%02d/%d)" % (no, rep["date"][2], rep["date"][1], rep["date"][0])}
        tb1 = dict(id_label="PHỤ LỤC I" if st["pl2"] else "PHỤ LỤC",
                   title="KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH CỦA CÁC SỞ, BAN, NGÀNH %s" % per_label.upper(),
                   ptxt=ptxt_t.get("month", "(Kèm theo Báo cáo số %d ngày %02d/%02d/%d)" % (no, rep["date"][2], rep["date"][1], rep["date"][0])),
                   leaves=leaves, keys=keys, rows=[(l, v) for l, v, _ in rowlist],
                   units=[u for _, _, u in rowlist],
                   total=tot_stated, total_label=st["total_label"],
                   total_stt="" if not st["numbered_total"] else str(len(rowlist) + 1),
                   pct=pctv, pct_label=st["pct_label"])
        # the unmapped "direct" column: a real value new - online
        for l, v, u in rowlist:
            v["_direct"] = direct_val(stated_rows[u])
        tables.append(tb1)
        drows = rep["drows"]
        dfault = None
        if st["pl2"]:
            dleaves = header_leaves(WORDINGS[(st["wording"] + 1) % 3], "std", st["online"], False)
            dkeys = [k for _, k in dleaves]
            drl = []
            if fault == "cell_pl2":
                u = rng.choice(list(drows))
                ck = rng.choice(["received_new", "resolved_ontime"])
                right = drows[u][ck]
                stated = right + rng.choice([-1, 1]) * rng.choice([10, 100, 1, 50])
                stated = max(stated, 0) if stated != right else right + 1
                dfault = (u, ck, stated)
                finfo = dict(kind="cell", table="PL-II", unit=u, column=ck, stated=stated, right=right)
            for u in drows:
                vals = dict(drows[u])
                if dfault and dfault[0] == u:
                    vals[dfault[1]] = dfault[2]
                drl.append((dspell[u][sp] if sp < 2 else dspell[u][0], vals, u))
            dt = coltotal(drows)
            tables.append(dict(id_label="PHỤ LỤC II",
                               title="KẾT QUẢ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH CẤP HUYỆN %s" % per_label.upper(),
                               ptxt="(Số liệu do UBND các huyện, thành phố báo cáo)",
                               leaves=dleaves, keys=dkeys, rows=[(l, v) for l, v, _ in drl],
                               units=[u for _, _, u in drl], total=dt, total_label="Tổng cộng",
                               total_stt="", pct=None, pct_label=""))
        # narrative (stated); a planted fault changes one figure
        nar = dict(tot_true)
        if fault == "narrative":
            nk = rng.choice(["received_new", "resolved_total", "pending_total", "received_carryover"])
            right = nar[nk]
            stated = right + rng.choice([-1, 1]) * rng.choice([100, 12, 1000 if right > 2000 else 30, 7])
            nar[nk] = stated
            finfo = dict(kind="narrative", table="", unit=TOTAL, column=nk, stated=stated, right=right)
        rep["narr"] = nar
        # decoys
        decs = []
        if kind == "month":
            ym = rep["period"]
            q0 = i - (ym[1] - 1) % 3
            if ym[1] % 3 != 1 and q0 >= 0 and all(j not in gaps for j in range(q0, i + 1)) or True:
                if ym[1] % 3 == 0 and q0 >= 0:
                    qv = sum(coltotal(sim[j][1])["received_new"] for j in range(q0, i + 1))
                    qr = sum(coltotal(sim[j][1])["resolved_total"] for j in range(q0, i + 1))
                    decs.append(dict(kind="quarter_in_month", metric="received_new", value=qv, value2=qr,
                                     text="Lũy kế quý %s/%d, Trung tâm tiếp nhận mới {N} hồ sơ, đã giải quyết {M} hồ sơ."
                                     % (["I", "II", "III", "IV"][(ym[1] - 1) // 3], ym[0])))
            j0 = i - (ym[1] - 1)
            if ym[1] >= 2 and j0 >= 0:
                yv = sum(coltotal(sim[j][1])["received_new"] for j in range(j0, i + 1))
                decs.append(dict(kind="ytd", metric="received_new", value=yv,
                                 text="Lũy kế từ đầu năm đến nay tiếp nhận mới {N} hồ sơ."))
            lv = lastyear.get(ym_add(ym[0], ym[1], -12))
            if lv is None:
                lv = int(tot_true["received_new"] * rng.uniform(0.75, 1.0))
            decs.append(dict(kind="last_year", metric="received_new", value=lv,
                             text="So với cùng kỳ năm %d (tiếp nhận mới {N} hồ sơ), số hồ sơ tiếp nhận %s %s%%."
                             % (ym[0] - 1, "tăng" if tot_true["received_new"] >= lv else "giảm",
                                P(abs(pc(tot_true["received_new"] - lv, lv)), 1))))
        if st["pl2"]:
            du = rng.choice(list(drows))
            decs.append(dict(kind="district", metric="received_new", unit=du, value=drows[du]["received_new"],
                             value2=drows[du]["resolved_total"],
                             text="Riêng %s tiếp nhận mới {N} hồ sơ, đã giải quyết {M} hồ sơ." % du))
            dt = coltotal(drows)
            decs.append(dict(kind="district_level", metric="received_new", value=dt["received_new"],
                             value2=dt["resolved_total"],
                             text="Ở cấp huyện, UBND các huyện, thành phố tiếp nhận mới {N} hồ sơ, đã giải quyết {M} hồ sơ."))
        rep["decoys"] = decs
        rep["tables"] = tables
        notes = []
        if kind == "month" and i == merge_at:
            notes.append("Ghi chú: thực hiện sắp xếp tổ chức bộ máy, từ tháng %d/%d %s." % (
                rep["period"][1], rep["period"][0], "; ".join("%s được hợp nhất thành %s" % (" và ".join(p), n)
                                                              for n, p, _ in MERGES)))
        rep["notes"] = notes
        model = make_model(ctx, rep)
        ext = {"docx": "docx", "rtf": "rtf", "odt": "odt", "doc": "doc", "html_lo": "html", "html_hand": "htm",
               "pdf_lo": "pdf", "pdf_chrome": "pdf", "txt_plain": "txt", "txt_layout": "txt", "tsv": "txt",
               "md": "md", "scan_pdf": "pdf", "scan_tiff": "tif", "tcvn3": "txt"}[st["shape"]]
        if kind == "month":
            fname = rng.choice(["BC_thang_%02d_%d", "%d-%02d_bao_cao_TTPVHCC", "baocao_T%02d.%d"])
            yy, mm = rep["period"]
            base = fname % ((mm, yy) if fname.startswith(("BC", "baocao")) else (yy, mm))
            folder = str(yy)
        elif kind == "quarter":
            base = "BC_quy_%d_%d" % (rep["period"][1], rep["period"][0]); folder = "bao_cao_quy"
        else:
            base = "So_ket_6_thang_%d" % y; folder = "bao_cao_quy"
        rel = os.path.join(folder, base + "." + ext)
        # truth
        ftruth = dict(file=rel, period=per, kind=kind, shape=st["shape"], style={k: st[k] for k in
                      ("heading", "wording", "order", "sep", "online", "direct", "pl2", "spelling", "narr", "pct",
                       "total_label")}, tables=[], faults=[], decoys=decs, number=no)
        for tb in tables:
            tid = "PL-II" if tb["id_label"] == "PHỤ LỤC II" else "PL-I"
            ftruth["tables"].append(dict(id=tid, keys=[k for k in tb["keys"] if k], units=tb["units"],
                                         labels=[l for l, _ in tb["rows"]]))
            src = stated_rows if tid == "PL-I" else drows
            for (lab, vals), u in zip(tb["rows"], tb["units"]):
                for k in tb["keys"]:
                    if k is None:
                        continue
                    right = src[u][k]
                    truth["cells"].append(dict(period=per, table=tid, unit=u, label=lab, metric=k,
                                               value=right, stated=vals[k], faulty=vals[k] != right, file=rel))
            for k in tb["keys"]:
                if k is None:
                    continue
                right = coltotal(src)[k]
                truth["cells"].append(dict(period=per, table=tid, unit=TOTAL, label=tb["total_label"], metric=k,
                                           value=right, stated=tb["total"][k], faulty=tb["total"][k] != right, file=rel))
        if finfo:
            finfo.update(file=rel, period=per)
            ftruth["faults"].append(finfo)
            truth["faults"].append(finfo)
        for dc in decs:
            truth["decoys"].append(dict(dc, file=rel, period=per))
        if kind == "month" and i == merge_at:
            ftruth["merge"] = True
        truth["files"].append(ftruth)
        jobs.append((rep, model, st, rel, ftruth))

    build(jobs, a.out, work, rng, tab, truth, dup_month)
    with open(os.path.join(a.out, "truth.json"), "w") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    shutil.rmtree(work, ignore_errors=True)
    print("%s: %d files, %d cells, %d faults, %d decoys" % (a.out, len(truth["files"]), len(truth["cells"]),
                                                          len(truth["faults"]), len(truth["decoys"])))


def soffice(files, fmt, outdir):
    if not files:
        return
    os.makedirs(outdir, exist_ok=True)
    prof = "-env:UserInstallation=file:///tmp/archc_lo_profile"
    for k in range(0, len(files), 12):
        sh(["soffice", prof, "--headless", "--convert-to", fmt, "--outdir", outdir] + files[k:k + 12],
           timeout=600)


def chromium_pdf(html_path, pdf_path):
    sh(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
        "--print-to-pdf=" + pdf_path, html_path], timeout=120)
    if not os.path.exists(pdf_path):
        raise RuntimeError("chromium made no pdf")


def build(jobs, out, work, rng, tab, truth, dup_month):
    need_docx = {"docx", "rtf", "odt", "doc", "html_lo", "pdf_lo", "txt_plain"}
    need_html = {"pdf_chrome", "html_hand", "txt_layout", "scan_pdf", "scan_tiff"}
    lo = {"rtf": [], "odt": [], "html": [], "pdf": []}
    for rep, model, st, rel, ft in jobs:
        stem = hashlib.md5(rel.encode()).hexdigest()[:10]
        ft["_stem"] = stem
        sp = st["shape"]
        if sp in need_docx:
            p = os.path.join(work, stem + ".docx")
            render_docx(model, st, p)
            tgt = {"rtf": "rtf", "odt": "odt", "doc": "odt", "html_lo": "html", "pdf_lo": "pdf", "txt_plain": "pdf"}.get(sp)
            if tgt:
                lo[tgt].append(p)
        if sp in need_html:
            with open(os.path.join(work, stem + ".html"), "w") as f:
                f.write(render_html(model, st))
    soffice(lo["rtf"], "rtf", work)
    soffice(lo["odt"], "odt", work)
    docs = [os.path.join(work, ft["_stem"] + ".odt") for _, _, st, _, ft in jobs if st["shape"] == "doc"]
    if docs:
        soffice(docs, "doc:MS Word 97", os.path.join(work, "doc"))
    soffice(lo["html"], "html", os.path.join(work, "html"))
    soffice(lo["pdf"], "pdf", work)
    for rep, model, st, rel, ft in jobs:
        stem = ft.pop("_stem")
        sp = st["shape"]
        dst = os.path.join(out, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        W = lambda n: os.path.join(work, n)
        if sp == "docx":
            shutil.copy(W(stem + ".docx"), dst)
        elif sp in ("rtf", "odt", "pdf_lo"):
            shutil.copy(W(stem + "." + {"rtf": "rtf", "odt": "odt", "pdf_lo": "pdf"}[sp]), dst)
        elif sp == "doc":
            shutil.copy(os.path.join(work, "doc", stem + ".doc"), dst)
        elif sp == "html_lo":
            shutil.copy(os.path.join(work, "html", stem + ".html"), dst)
        elif sp == "txt_plain":
            sh(["pdftotext", W(stem + ".pdf"), dst])
        elif sp == "html_hand":
            shutil.copy(W(stem + ".html"), dst)
        elif sp in ("pdf_chrome", "txt_layout", "scan_pdf", "scan_tiff"):
            pdf = W(stem + ".c.pdf")
            chromium_pdf(W(stem + ".html"), pdf)
            if sp == "pdf_chrome":
                shutil.copy(pdf, dst)
            elif sp == "txt_layout":
                sh(["pdftotext", "-layout", pdf, dst])
            else:
                ft["source_text"] = sh(["pdftotext", "-layout", pdf, "-"]).decode()
                dpi = rng.choice([200, 250, 300])
                sh(["pdftoppm", "-r", str(dpi), "-gray", "-png", pdf, W(stem + "_pg")])
                pages = sorted(glob.glob(W(stem + "_pg*.png")))
                jpgs = []
                for k, pg in enumerate(pages):
                    j = W("%s_d%d.jpg" % (stem, k))
                    degrade(pg, j, rng)
                    jpgs.append(j)
                ft["dpi"] = dpi
                if sp == "scan_pdf":
                    sh(["img2pdf", "--output", dst] + jpgs)
                else:
                    from PIL import Image
                    ims = [Image.open(j).convert("L") for j in jpgs]
                    ims[0].save(dst, save_all=True, append_images=ims[1:], compression="tiff_lzw",
                                dpi=(dpi, dpi))
        elif sp == "tsv":
            with open(dst, "w", encoding="utf-8") as f:
                f.write(render_tsv(model, st))
        elif sp == "md":
            with open(dst, "w", encoding="utf-8") as f:
                f.write(render_md(model, st))
        elif sp == "tcvn3":
            with open(dst, "wb") as f:
                f.write(tcvn3_encode(render_tsv(model, st).replace("\n", "\r\n"), tab))
            ft["encoding"] = "tcvn3"
        if rep["kind"] == "month" and rep["idx"] == dup_month:
            # the same report saved a second time in another form
            ddir = os.path.join(out, "gui_lai")
            os.makedirs(ddir, exist_ok=True)
            if sp in ("docx", "rtf", "odt", "doc"):
                soffice([dst], "pdf", work)
                src = os.path.join(work, os.path.splitext(os.path.basename(dst))[0] + ".pdf")
                drel = os.path.join("gui_lai", os.path.splitext(os.path.basename(rel))[0] + " (ban in).pdf")
                dkind = "reexport_pdf"
            elif sp in ("pdf_lo", "pdf_chrome"):
                src = W("dup.txt"); sh(["pdftotext", "-layout", dst, src])
                drel = os.path.join("gui_lai", os.path.splitext(os.path.basename(rel))[0] + "_text.txt")
                dkind = "pdftotext_of_pdf"
            else:
                src = dst
                drel = os.path.join("gui_lai", "Copy of " + os.path.basename(rel))
                dkind = "byte_copy"
            shutil.copy(src, os.path.join(out, drel))
            ft2 = dict(ft, file=drel, shape=dkind, duplicate_of=rel, faults=[])
            ft2.pop("decoys", None)
            ft2["decoys"] = ft["decoys"]
            truth["files"].append(ft2)
            truth["duplicates"].append(dict(file=drel, duplicate_of=rel, kind=dkind, period=ft["period"]))
            truth["faults"].append(dict(kind="duplicate", file=drel, duplicate_of=rel, period=ft["period"]))


if __name__ == "__main__":
    main()
