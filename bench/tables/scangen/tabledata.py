"""Synthetic content of Vietnamese provincial appendix tables ("Phụ lục").

Written from the public sample reports only (not from the project's code).  A table is a
dict with a header tree, leaf columns (canonical keys), body rows, total and percent rows,
all numbers consistent with the identities those reports obey:

  received_total = received_carryover + received_new
  resolved_total = resolved_early + resolved_ontime + resolved_late
  pending_total  = pending_ontime + pending_overdue
  received_total = resolved_total + pending_total
  ratings_total  = satisfied_service + satisfied_attitude + unsatisfied_staff
                   + unsatisfied_time + feedback
Percent rows are computed against the parent column, as in the reports.
"""
import math
import random

# ---------------------------------------------------------------- unit names
DEPARTMENTS = [
    ["Sở Thông tin và Truyền thông", "Sở TT&TT"],
    ["Sở Công Thương", "Sở Công thương"],
    ["Sở Giáo dục và Đào tạo", "Sở GD&ĐT"],
    ["Sở Giao thông vận tải", "Sở Giao thông - Vận tải", "Sở GTVT"],
    ["Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"],
    ["Sở Khoa học và Công nghệ", "Sở KH&CN"],
    ["Sở Lao động - Thương binh và Xã hội", "Sở LĐTBXH", "Sở Lao động, Thương binh và Xã hội"],
    ["Sở Nội vụ"],
    ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và PTNT", "Sở NNPTNT"],
    ["Sở Tài chính"],
    ["Sở Tài nguyên và Môi trường", "Sở TN&MT"],
    ["Sở Tư pháp"],
    ["Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT-DL", "Sở Văn hóa, Thể thao và Du lịch tỉnh"],
    ["Sở Xây dựng"],
    ["Sở Y tế"],
    ["Sở Ngoại vụ"],
    ["Ban Dân tộc"],
    ["Thanh tra tỉnh"],
    ["Ban Quản lý các Khu công nghiệp", "Ban Quản lý các khu công nghiệp tỉnh"],
    ["Công an tỉnh"],
    ["Bảo hiểm xã hội tỉnh", "Bảo hiểm xã hội"],
    ["Cục Thuế tỉnh"],
    ["Điện lực tỉnh", "Công ty Điện lực"],
    ["Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"],
]

PROVINCES = {
    "Sóc Trăng": ["thành phố Sóc Trăng", "huyện Châu Thành", "huyện Kế Sách", "huyện Mỹ Tú",
                  "huyện Cù Lao Dung", "huyện Long Phú", "huyện Mỹ Xuyên", "thị xã Ngã Năm",
                  "huyện Thạnh Trị", "thị xã Vĩnh Châu", "huyện Trần Đề"],
    "Hậu Giang": ["thành phố Vị Thanh", "thành phố Ngã Bảy", "thị xã Long Mỹ", "huyện Châu Thành",
                  "huyện Châu Thành A", "huyện Phụng Hiệp", "huyện Vị Thủy", "huyện Long Mỹ"],
    "Bạc Liêu": ["thành phố Bạc Liêu", "thị xã Giá Rai", "huyện Hồng Dân", "huyện Phước Long",
                 "huyện Vĩnh Lợi", "huyện Hòa Bình", "huyện Đông Hải"],
    "Trà Vinh": ["thành phố Trà Vinh", "thị xã Duyên Hải", "huyện Càng Long", "huyện Cầu Kè",
                 "huyện Tiểu Cần", "huyện Châu Thành", "huyện Cầu Ngang", "huyện Trà Cú",
                 "huyện Duyên Hải"],
    "Hà Nam": ["thành phố Phủ Lý", "thị xã Duy Tiên", "thị xã Kim Bảng", "huyện Thanh Liêm",
               "huyện Bình Lục", "huyện Lý Nhân"],
    "Ninh Bình": ["thành phố Ninh Bình", "thành phố Tam Điệp", "huyện Nho Quan", "huyện Gia Viễn",
                  "huyện Hoa Lư", "huyện Yên Khánh", "huyện Kim Sơn", "huyện Yên Mô"],
    "Quảng Trị": ["thành phố Đông Hà", "thị xã Quảng Trị", "huyện Vĩnh Linh", "huyện Gio Linh",
                  "huyện Cam Lộ", "huyện Triệu Phong", "huyện Hải Lăng", "huyện Hướng Hóa",
                  "huyện Đakrông", "huyện Cồn Cỏ"],
    "Phú Yên": ["thành phố Tuy Hòa", "thị xã Sông Cầu", "thị xã Đông Hòa", "huyện Tuy An",
                "huyện Sơn Hòa", "huyện Đồng Xuân", "huyện Tây Hòa", "huyện Phú Hòa",
                "huyện Sông Hinh"],
    "Lào Cai": ["thành phố Lào Cai", "thị xã Sa Pa", "huyện Bát Xát", "huyện Mường Khương",
                "huyện Si Ma Cai", "huyện Bắc Hà", "huyện Bảo Thắng", "huyện Bảo Yên",
                "huyện Văn Bàn"],
    "Đắk Nông": ["thành phố Gia Nghĩa", "huyện Đắk Glong", "huyện Cư Jút", "huyện Đắk Mil",
                 "huyện Krông Nô", "huyện Đắk Song", "huyện Đắk R'Lấp", "huyện Tuy Đức"],
}

ROMAN = ["I", "II", "III", "IV", "V"]

# ---------------------------------------------------------------- formatting

def fmt_int(v):
    """12746 -> '12.746' (Vietnamese thousands separator)."""
    s = str(abs(int(v)))
    parts = []
    while len(s) > 3:
        parts.insert(0, s[-3:])
        s = s[:-3]
    parts.insert(0, s)
    return ("-" if v < 0 else "") + ".".join(parts)


def fmt_pct(v, style=2):
    """15.75 -> '15,75' ; 100 -> '100,00' or '100'."""
    if style == 0 and abs(v - round(v)) < 1e-9:
        return str(int(round(v)))
    return ("%.2f" % v).replace(".", ",")


def pct(a, b):
    return round(100.0 * a / b, 2) if b else 0.0


# ---------------------------------------------------------------- header trees
# A header node: (label, [children]) ; a leaf: (label, key)

def _leaf(label, key):
    return {"label": label, "key": key}


def _grp(label, children):
    return {"label": label, "children": children}


def header_pl1(rng, variant):
    in_hạn = rng.choice(["Còn hạn", "Trong hạn"])
    carry = rng.choice(["Kỳ trước", "Kỳ trước chuyển qua", "Tồn kỳ trước"])
    new = rng.choice(["Số mới tiếp nhận", "Mới tiếp nhận", "Tiếp nhận mới"])
    if variant == "full3":        # three levels, like the Sóc Trăng reports
        recv = _grp("Số hồ sơ nhận giải quyết", [
            _leaf("Tổng số", "received_total"),
            _grp("Trong đó", [_leaf(carry, "received_carryover"), _leaf(new, "received_new")])])
        res = _grp("Kết quả giải quyết", [
            _grp("Số hồ sơ đã giải quyết", [
                _leaf("Tổng số", "resolved_total"), _leaf("Trước hạn", "resolved_early"),
                _leaf("Đúng hạn", "resolved_ontime"), _leaf("Quá hạn", "resolved_late")]),
            _grp("Số hồ sơ đang giải quyết", [
                _leaf("Tổng số", "pending_total"), _leaf(in_hạn, "pending_ontime"),
                _leaf("Quá hạn", "pending_overdue")])])
        cols = [recv, res]
        if rng.random() < 0.8:
            cols.append(_leaf("Hồ sơ bị trả lại", "returned"))
        if rng.random() < 0.8:
            cols.append(_leaf(rng.choice(["Hồ sơ nhận qua trực tuyến",
                                          "Hồ sơ trực tuyến"]), "online"))
        if rng.random() < 0.3:
            cols.append(_leaf("Số hồ sơ mức độ 3, 4 (nộp trực tiếp và trực tuyến)", "level34"))
        return cols
    if variant == "flat2":        # two levels
        return [
            _grp("Số hồ sơ nhận giải quyết", [
                _leaf("Tổng số", "received_total"), _leaf(carry, "received_carryover"),
                _leaf(new, "received_new")]),
            _grp("Số hồ sơ đã giải quyết", [
                _leaf("Tổng số", "resolved_total"), _leaf("Trước hạn", "resolved_early"),
                _leaf("Đúng hạn", "resolved_ontime"), _leaf("Quá hạn", "resolved_late")]),
            _grp("Số hồ sơ đang giải quyết", [
                _leaf("Tổng số", "pending_total"), _leaf(in_hạn, "pending_ontime"),
                _leaf("Quá hạn", "pending_overdue")])]
    # "short": fewer columns
    choice = rng.randrange(3)
    if choice == 0:
        return [
            _leaf("Tổng số hồ sơ tiếp nhận", "received_total"),
            _grp("Trong đó", [_leaf(carry, "received_carryover"), _leaf(new, "received_new")]),
            _leaf("Đã giải quyết", "resolved_total"),
            _leaf("Đang giải quyết", "pending_total")]
    if choice == 1:
        return [
            _leaf("Tổng số hồ sơ", "received_total"),
            _grp("Đã giải quyết", [
                _leaf("Tổng số", "resolved_total"), _leaf("Trước hạn", "resolved_early"),
                _leaf("Đúng hạn", "resolved_ontime"), _leaf("Quá hạn", "resolved_late")]),
            _leaf("Đang giải quyết", "pending_total")]
    return [
        _leaf("Số hồ sơ nhận giải quyết", "received_total"),
        _leaf("Số hồ sơ đã giải quyết", "resolved_total"),
        _grp("Số hồ sơ đang giải quyết", [
            _leaf("Tổng số", "pending_total"), _leaf(in_hạn, "pending_ontime"),
            _leaf("Quá hạn", "pending_overdue")])]


def header_pl2(rng):
    return [
        _leaf(rng.choice(["Hài lòng với dịch vụ", "Hài lòng về dịch vụ"]), "satisfied_service"),
        _leaf("Hài lòng về thái độ phục vụ", "satisfied_attitude"),
        _leaf("Không hài lòng về nghiệp vụ nhân viên", "unsatisfied_staff"),
        _leaf("Không hài lòng về thời gian giao dịch", "unsatisfied_time"),
        _leaf("Ý kiến góp ý", "feedback"),
        _leaf(rng.choice(["Tổng cộng", "Tổng số"]), "ratings_total")]


def header_late(rng):
    return [
        _leaf("Số hồ sơ TTHC trễ hạn theo số liệu trên Cổng Dịch vụ công quốc gia (*)",
              "late_national_portal"),
        _leaf("Số hồ sơ TTHC trễ hạn theo số liệu trên Hệ thống thông tin giải quyết TTHC tỉnh (**)",
              "late_provincial_system")]


def leaves(nodes, path=()):
    out = []
    for n in nodes:
        p = path + (n["label"],)
        if "children" in n:
            out.extend(leaves(n["children"], p))
        else:
            out.append({"header": list(p), "key": n["key"]})
    return out


def depth(nodes):
    return max(1 + (depth(n["children"]) if "children" in n else 0) for n in nodes)


# ---------------------------------------------------------------- numbers

def _mag(rng):
    r = rng.random()
    if r < 0.25:
        return rng.randint(0, 30)
    if r < 0.65:
        return rng.randint(10, 400)
    if r < 0.9:
        return rng.randint(200, 2500)
    return rng.randint(1500, 9000)


def pl1_row(rng):
    recv = _mag(rng)
    carry = int(recv * rng.uniform(0, 0.45))
    new = recv - carry
    resolved = int(round(recv * rng.uniform(0.45, 1.0)))
    pending = recv - resolved
    late = 0 if rng.random() < 0.65 else int(resolved * rng.uniform(0, 0.03))
    early = int(round((resolved - late) * (rng.uniform(0.6, 1.0) if rng.random() < 0.85 else
                                             rng.uniform(0, 0.3))))
    ontime = resolved - late - early
    overdue = 0 if rng.random() < 0.7 else int(pending * rng.uniform(0, 0.15))
    pend_on = pending - overdue
    returned = 0 if rng.random() < 0.6 else int(recv * rng.uniform(0, 0.02)) + rng.randint(0, 3)
    online = int(recv * rng.uniform(0, 0.95)) if rng.random() < 0.85 else 0
    level34 = int(recv * rng.uniform(0.2, 1.0))
    return {"received_total": recv, "received_carryover": carry, "received_new": new,
            "resolved_total": resolved, "resolved_early": early, "resolved_ontime": ontime,
            "resolved_late": late, "pending_total": pending, "pending_ontime": pend_on,
            "pending_overdue": overdue, "returned": returned, "online": max(online, 0),
            "level34": max(level34, online)}


def pl2_row(rng):
    n = _mag(rng) // 3
    svc = int(n * rng.uniform(0, 0.6))
    att = n - svc
    us = 0 if rng.random() < 0.85 else rng.randint(1, 3)
    ut = 0 if rng.random() < 0.85 else rng.randint(1, 3)
    fb = 0 if rng.random() < 0.8 else rng.randint(1, 5)
    return {"satisfied_service": svc, "satisfied_attitude": att, "unsatisfied_staff": us,
            "unsatisfied_time": ut, "feedback": fb, "ratings_total": svc + att + us + ut + fb}


def late_row(rng):
    a = int(math.exp(rng.uniform(0, 7)))
    b = int(a * rng.uniform(0, 1.5)) if rng.random() < 0.8 else rng.randint(0, 500)
    return {"late_national_portal": a, "late_provincial_system": b}


PARENT = {  # percent of key relative to parent key
    "received_total": "received_total", "received_carryover": "received_total",
    "received_new": "received_total", "resolved_total": "received_total",
    "resolved_early": "resolved_total", "resolved_ontime": "resolved_total",
    "resolved_late": "resolved_total", "pending_total": "received_total",
    "pending_ontime": "pending_total", "pending_overdue": "pending_total",
    "returned": "received_total", "online": "received_total", "level34": "received_total",
    "satisfied_service": "ratings_total", "satisfied_attitude": "ratings_total",
    "unsatisfied_staff": "ratings_total", "unsatisfied_time": "ratings_total",
    "feedback": "ratings_total", "ratings_total": "ratings_total",
}

MONTHS_FROM = None


def period(rng):
    year = rng.randint(2018, 2024)
    month = rng.randint(1, 12)
    day = rng.choice([15, 16, 15, 16, 1, 14])
    if day == 1:
        import calendar
        last = calendar.monthrange(year, month)[1]
        return (year, month, 1), (year, month, last), month, year
    pm, py = (month - 1, year) if month > 1 else (12, year - 1)
    return (py, pm, day), (year, month, day - 1), month, year


def make_table(rng, kind=None, n_rows=None):
    """Return a table description with content and truth."""
    kind = kind or rng.choices(["pl1", "pl2", "late"], [0.65, 0.22, 0.13])[0]
    province = rng.choice(sorted(PROVINCES))
    p_from, p_to, month, year = period(rng)
    d_from = "%d/%d/%d" % (p_from[2], p_from[1], p_from[0])
    d_to = "%d/%d/%d" % (p_to[2], p_to[1], p_to[0])
    period_line = rng.choice([
        "(Từ ngày %s đến ngày %s)" % (d_from, d_to),
        "(TỪ NGÀY %s ĐẾN %s)" % (d_from, d_to),
        "(Số liệu từ ngày %s đến ngày %s)" % (d_from, d_to),
    ])
    variant = None
    roman = rng.choice(["I", "I", "II", "III", "01", "1"])
    if kind == "pl1":
        variant = rng.choices(["full3", "flat2", "short"], [0.4, 0.4, 0.2])[0]
        header = header_pl1(rng, variant)
        title = rng.choice([
            "KẾT QUẢ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH",
            "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THÁNG %d NĂM %d" % (month, year),
            "THỐNG KÊ KẾT QUẢ TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ TTHC",
        ])
        rowfn = pl1_row
        pid = "PL-I"
    elif kind == "pl2":
        header = header_pl2(rng)
        title = rng.choice([
            "THỐNG KÊ SỐ HỒ SƠ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG VÀ Ý KIẾN GÓP Ý CỦA TỔ CHỨC, CÁ NHÂN",
            "KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG CỦA TỔ CHỨC, CÁ NHÂN THÁNG %d NĂM %d" % (month, year),
        ])
        rowfn = pl2_row
        pid = "PL-II"
        if roman in ("I", "01", "1"):
            roman = "II"
    else:
        header = header_late(rng)
        title = "THỐNG KÊ SỐ LƯỢNG HỒ SƠ TTHC GIẢI QUYẾT TRỄ HẠN NĂM %d" % year
        rowfn = late_row
        pid = "PL-late"
        roman = ""
    cols = leaves(header)
    keys = [c["key"] for c in cols]

    # units
    n = n_rows or rng.randint(8, 25)
    depts = [rng.choice(alts) if rng.random() < 0.35 else alts[0] for alts in DEPARTMENTS]
    rng.shuffle(depts)
    dist = PROVINCES[province]
    use_districts = kind == "late" or rng.random() < 0.35
    units = []
    if use_districts:
        nd = min(len(dist), max(3, n // 2 if kind != "late" else len(dist)))
        nd = min(nd, n)
        units = ["UBND " + d for d in dist[:nd]]
        units = depts[:max(0, n - nd)] + units
        if kind == "late":
            rng.shuffle(units)
    else:
        units = depts[:n]
    if rng.random() < 0.25 and len(units) > 3:  # an exceptionally long unit name
        i = rng.randrange(len(units))
        if units[i].startswith("Sở"):
            units[i] = units[i] + " (bao gồm Chi cục trực thuộc)"
    rows = []
    blank_p = 0.03 if rng.random() < 0.25 else 0.0
    for i, u in enumerate(units):
        vals = rowfn(rng)
        v = [vals[k] for k in keys]
        # blank cells only where the value is 0 (as in the reports)
        v = [None if (x == 0 and rng.random() < blank_p) else x for x in v]
        rows.append({"stt": str(i + 1), "unit": u, "values": v})
    if kind == "late":
        rows.sort(key=lambda r: -(r["values"][0] or 0))
        for i, r in enumerate(rows):
            r["stt"] = str(i + 1)
    totals = []
    for j in range(len(keys)):
        totals.append(sum((r["values"][j] or 0) for r in rows))
    total_label = rng.choice(["Tổng cộng", "Tổng cộng", "TỔNG CỘNG", "Tổng số", "Cộng"])
    total = {"label": total_label, "values": totals}
    percent = None
    if kind != "late" and rng.random() < 0.7:
        tv = dict(zip(keys, totals))
        pv = []
        for k in keys:
            par = PARENT.get(k, k)
            pv.append(pct(tv[k], tv.get(par, tv[k])) if par in tv else 100.0)
        percent = {"label": rng.choice(["Tỷ lệ %", "Tỷ lệ (%)"]), "values": pv}
    pl_label = ("PHỤ LỤC " + roman).strip() if roman else "PHỤ LỤC"
    # the id follows the printed label (a PL-I-shaped table may be printed as Phụ lục II)
    pid = "PL-" + {"1": "I", "01": "I"}.get(roman, roman) if roman else "PL"
    return {
        "kind": kind, "variant": variant, "id": pid, "province": province,
        "pl_label": pl_label, "title": title, "period_line": period_line,
        "period": {"from": "%04d-%02d-%02d" % p_from, "to": "%04d-%02d-%02d" % p_to},
        "attach_line": rng.choice([
            "(Kèm theo Báo cáo số      /BC-TTHC ngày      /%d/%d của Trung tâm Phục vụ hành chính công)" % (month, year),
            "(Ban hành kèm theo Báo cáo số      /BC-TTHC ngày      /%d/%d của Trung tâm Phục vụ hành chính công tỉnh %s)" % (month, year, province),
            "(Kèm theo Công văn số      /UBND-TTHC ngày      /%d/%d của UBND tỉnh %s)" % (month, year, province),
            ""]),
        "header": header, "columns": cols, "rows": rows, "total": total, "percent": percent,
        "stt_total": rng.random() < 0.2,   # numbered total/percent rows, as in one report
        "unit_head": rng.choice(["Đơn vị", "Tên đơn vị", "Cơ quan, đơn vị"]),
        "pct_style": rng.choice([2, 2, 0]),
        "footnote": ("Ghi chú: (*), (**) Số liệu từ ngày %s đến ngày %s." % (d_from, d_to))
        if kind == "late" else (rng.choice(["", "", "Ghi chú: Tỷ lệ % tính trên tổng số hồ sơ của cột tương ứng."])),
    }


def cell_text(table, value, is_pct=False):
    if value is None:
        return ""
    if is_pct:
        return fmt_pct(value, table["pct_style"])
    return fmt_int(value)


def truth_table(table, rows=None, with_total=True, with_percent=True, page=1):
    """Contract-shaped truth for (part of) a table."""
    t = {"id": table["id"], "kind": table["kind"], "title": (table["pl_label"] + ": " + table["title"]).strip(),
         "page": page, "period": table["period"],
         "columns": [{"header": c["header"], "key": c["key"]} for c in table["columns"]],
         "rows": [dict(r) for r in (table["rows"] if rows is None else rows)]}
    t["total"] = dict(table["total"]) if with_total else None
    t["percent"] = dict(table["percent"]) if (with_percent and table["percent"]) else None
    return t


def col_needs(table):
    """Characters each numeric column needs (widest value or header word) and the longest
    word of the unit names."""
    cols = []
    for j, c in enumerate(table["columns"]):
        vals = [r["values"][j] for r in table["rows"]] + [table["total"]["values"][j]]
        n = max(len(cell_text(table, v)) for v in vals)
        if table["percent"]:
            n = max(n, len(cell_text(table, table["percent"]["values"][j], True)))
        cols.append(max([n] + [len(x) for x in c["header"][-1].split()]))
    unit = max(len(w) for r in table["rows"] for w in r["unit"].split())
    unit = max(unit, len(table["total"]["label"].split()[0]) + 1)
    return cols, unit


DIGIT_EM = {"Times New Roman": 0.5, "Arial": 0.556, "DejaVu Sans": 0.636, "DejaVu Serif": 0.636,
            "Liberation Sans Narrow": 0.456}


def layout_widths(table, st):
    """Column widths in pt (stt, unit, [numeric...]) giving each column at least its widest
    word, or None when the table cannot fit the page at this font size."""
    page_mm = 297 if st["orientation"] == "landscape" else 210
    avail = (page_mm - 2 * st["margin_mm"] - 5) * 72 / 25.4 * st["table_width_pct"] / 100
    cols, unit_chars = col_needs(table)
    pad = 2 * (st["pad_px"] * 0.75 + 2) + st["border_pt"]
    emf = DIGIT_EM[st["font"]] * 1.15 * st["font_pt"]
    mins = [c * emf + pad for c in cols]
    stt = 3.3 * emf + pad
    unit_min = unit_chars * emf + pad
    if sum(mins) + stt + unit_min > avail:
        return None
    unit = max(unit_min, min(avail * st["unit_col_pct"] / 100, avail - stt - sum(mins)))
    rest = avail - stt - unit - sum(mins)
    return stt, unit, [m + rest * m / sum(mins) for m in mins]
