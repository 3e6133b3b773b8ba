"""Table content for scans3: three report types, Vietnamese unit names, printed strings.

A table is a dict:
  report   dossier | satisfaction | online
  title, subtitle, unit_header
  columns  list of header paths (tuples of strings), left to right
  rows     list of {stt, label, kind: body|group|total|percent, indent, values: [printed str]}
The printed strings are the truth; the numbers behind them are consistent (sums hold).
"""
import random

DEPTS = [
    "Sở Tư pháp", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Tài chính", "Sở Kế hoạch và Đầu tư",
    "Sở Xây dựng", "Sở Giao thông vận tải", "Sở Tài nguyên và Môi trường",
    "Sở Nông nghiệp và Phát triển nông thôn", "Sở Công Thương",
    "Sở Lao động - Thương binh và Xã hội", "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Thông tin và Truyền thông", "Sở Nội vụ", "Sở Khoa học và Công nghệ",
    "Ban Quản lý các khu công nghiệp", "Thanh tra tỉnh", "Công an tỉnh", "Bảo hiểm xã hội tỉnh",
    "Sở Ngoại vụ", "Ban Dân tộc", "Cục Thuế tỉnh",
]
DISTRICTS = {
    "Đắk Lắk": ["huyện Krông Bông", "huyện Krông Pắc", "huyện Ea H'leo", "huyện Buôn Đôn",
                "huyện Cư M'gar", "huyện Lắk", "huyện M'Đrắk", "thị xã Buôn Hồ",
                "thành phố Buôn Ma Thuột", "huyện Ea Súp", "huyện Krông Năng", "huyện Cư Kuin",
                "huyện Krông Ana", "huyện Ea Kar", "huyện Krông Búk"],
    "Quảng Trị": ["huyện Hướng Hóa", "huyện Đakrông", "huyện Gio Linh", "huyện Vĩnh Linh",
                  "huyện Triệu Phong", "huyện Hải Lăng", "huyện Cam Lộ", "thị xã Quảng Trị",
                  "thành phố Đông Hà", "huyện Cồn Cỏ"],
    "Lâm Đồng": ["thành phố Đà Lạt", "thành phố Bảo Lộc", "huyện Đức Trọng", "huyện Lâm Hà",
                 "huyện Di Linh", "huyện Bảo Lâm", "huyện Đạ Huoai", "huyện Đạ Tẻh",
                 "huyện Cát Tiên", "huyện Đơn Dương", "huyện Lạc Dương", "huyện Đam Rông"],
}
DISTRICT_PREFIX = ["UBND ", "Ủy ban nhân dân ", "UBND "]
UNIT_HEADERS = ["Đơn vị", "Tên đơn vị", "Cơ quan, đơn vị", "Tên cơ quan, đơn vị", "Đơn vị thực hiện"]
TOTAL_LABELS = ["Tổng cộng", "TỔNG CỘNG", "Tổng số", "Cộng"]
PCT_LABELS = ["Tỷ lệ %", "Tỷ lệ (%)", "Tỉ lệ %"]


class Fmt:
    """How one table prints numbers."""
    def __init__(self, rng):
        self.thousands = rng.choice([".", ".", ""])      # 12.746 or 12746
        self.zero = rng.choice(["0", "0", "-", ""])       # zero printed as
        self.pct_sign = rng.random() < 0.5                # 98,5% or 98,5
        self.pct_dec = rng.choice([1, 2, 2])

    def n(self, v):
        if v == 0:
            return self.zero
        s = str(v)
        if self.thousands and v >= 1000:
            parts = []
            while s:
                parts.insert(0, s[-3:]); s = s[:-3]
            s = self.thousands.join(parts)
        return s

    def pct(self, num, den, sign=None):
        if den == 0:
            return ""
        v = round(100.0 * num / den, self.pct_dec)
        s = f"{v:.{self.pct_dec}f}".replace(".", ",")
        if s.endswith(",0") and self.pct_dec == 1 and v == 100:
            s = "100"
        if s in ("100,00",):
            s = "100"
        sign = self.pct_sign if sign is None else sign
        return s + ("%" if sign else "")


def units(rng, n, grouped):
    prov = rng.choice(list(DISTRICTS))
    nd = min(len(DISTRICTS[prov]), max(2, n // 2 + rng.randint(-2, 2)))
    ns = max(1, n - nd)
    depts = rng.sample(DEPTS, min(ns, len(DEPTS)))
    pref = rng.choice(DISTRICT_PREFIX)
    dists = [pref + d for d in rng.sample(DISTRICTS[prov], nd)]
    if grouped:
        return prov, [("group", rng.choice(["I. CẤP TỈNH", "I. Các sở, ban, ngành", "A. CẤP TỈNH"]))] + \
            [("dept", d) for d in depts] + \
            [("group", rng.choice(["II. CẤP HUYỆN", "II. UBND các huyện, thị xã, thành phố", "B. CẤP HUYỆN"]))] + \
            [("dist", d) for d in dists]
    allu = [("dept", d) for d in depts] + [("dist", d) for d in dists]
    if rng.random() < 0.3:
        rng.shuffle(allu)
    return prov, allu


def dossier_columns(rng):
    v = rng.choice(["full", "full", "nogroup_total", "received_group", "short"])
    dg = rng.choice(["Đã giải quyết", "Số hồ sơ đã giải quyết"])
    pg = rng.choice(["Đang giải quyết", "Số hồ sơ đang giải quyết"])
    kt = rng.choice(["Kỳ trước chuyển sang", "Kỳ trước chuyển qua", "Tồn kỳ trước"])
    mt = rng.choice(["Mới tiếp nhận", "Mới tiếp nhận trong kỳ", "Tiếp nhận mới"])
    ts = "Tổng số"
    if v == "full":
        cols = [(ts,), (kt,), (mt,), (dg, ts), (dg, "Trước hạn"), (dg, "Đúng hạn"), (dg, "Quá hạn"),
                (pg, ts), (pg, "Trong hạn"), (pg, "Quá hạn")]
    elif v == "nogroup_total":
        cols = [(ts,), (kt,), (mt,), (dg, "Trước hạn"), (dg, "Đúng hạn"), (dg, "Quá hạn"),
                (pg, "Trong hạn"), (pg, "Quá hạn")]
    elif v == "received_group":
        rg = rng.choice(["Số hồ sơ nhận giải quyết", "Hồ sơ tiếp nhận"])
        cols = [(rg, ts), (rg, kt), (rg, mt), (dg, ts), (dg, "Trước hạn"), (dg, "Đúng hạn"),
                (dg, "Quá hạn"), (pg, ts), (pg, "Trong hạn"), (pg, "Quá hạn")]
    else:
        cols = [(ts,), (kt,), (mt,), (dg,), (pg,)]
    return v, cols


def dossier_values(rng, kind, cols):
    big = kind == "dist"
    k = rng.randint(0, 400 if big else 40) if rng.random() > 0.15 else 0
    new = rng.randint(20, 16000) if big else rng.randint(0, 900)
    if rng.random() < 0.07:
        new, k = 0, 0
    tot = k + new
    res = int(tot * rng.uniform(0.7, 1.0))
    late = int(res * rng.uniform(0, 0.08)) if rng.random() < 0.6 else 0
    early = int((res - late) * rng.uniform(0.3, 0.95))
    ont = res - late - early
    pend = tot - res
    pover = int(pend * rng.uniform(0, 0.3)) if rng.random() < 0.4 else 0
    pin = pend - pover
    d = {"Tổng số": tot, "kt": k, "mt": new, ("dg", "Tổng số"): res, ("dg", "Trước hạn"): early,
         ("dg", "Đúng hạn"): ont, ("dg", "Quá hạn"): late, ("pg", "Tổng số"): pend,
         ("pg", "Trong hạn"): pin, ("pg", "Quá hạn"): pover}
    out = []
    for c in cols:
        leaf = c[-1]
        if len(c) == 1 or c[0].startswith(("Số hồ sơ nhận", "Hồ sơ tiếp")):
            if leaf == "Tổng số":
                out.append(tot)
            elif leaf in ("Kỳ trước chuyển sang", "Kỳ trước chuyển qua", "Tồn kỳ trước"):
                out.append(k)
            elif "giải quyết" in leaf and "Đang" in leaf or leaf.endswith("đang giải quyết"):
                out.append(pend)
            elif "giải quyết" in leaf:
                out.append(res)
            else:
                out.append(new)
        else:
            g = "pg" if "ang giải quyết" in c[0] else "dg"
            out.append(d[(g, leaf)])
    return out


def build(rng, report, nrows):
    fmt = Fmt(rng)
    grouped = rng.random() < 0.3
    prov, us = units(rng, nrows, grouped)
    t = {"report": report, "unit_header": rng.choice(UNIT_HEADERS), "province": prov,
         "fmt": {"thousands": fmt.thousands, "zero": fmt.zero, "pct_sign": fmt.pct_sign}}
    pct_row = False
    if report == "dossier":
        shape, cols = dossier_columns(rng)
        t["title"] = rng.choice(["KẾT QUẢ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH",
                                 "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
                                 "Kết quả tiếp nhận và giải quyết hồ sơ TTHC"])
        pct_row = rng.random() < 0.6
    elif report == "satisfaction":
        shape = rng.choice(["sat4", "sat_pct"])
        tg = rng.choice(["Tổng số lượt đánh giá", "Tổng số phiếu", "Tổng số ý kiến"])
        cols = [(tg,), ("Mức độ hài lòng", "Rất hài lòng"), ("Mức độ hài lòng", "Hài lòng"),
                ("Mức độ hài lòng", "Bình thường"), ("Mức độ hài lòng", "Không hài lòng")]
        if shape == "sat_pct":
            cols.append(("Tỷ lệ hài lòng (%)",))
        t["title"] = rng.choice(["KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG CỦA TỔ CHỨC, CÁ NHÂN",
                                 "Tổng hợp ý kiến phản ánh, đánh giá sự hài lòng"])
        pct_row = shape == "sat4" and rng.random() < 0.5
    else:
        shape = rng.choice(["online4", "online_pct"])
        g1 = rng.choice(["Dịch vụ công trực tuyến một phần", "DVC trực tuyến một phần"])
        g2 = g1.replace("một phần", "toàn trình")
        a, b = rng.choice([("Số TTHC", "Số hồ sơ"), ("Số thủ tục", "Số hồ sơ phát sinh")])
        cols = [(rng.choice(["Tổng số TTHC", "Tổng số thủ tục"]),), (g1, a), (g1, b), (g2, a), (g2, b)]
        if shape == "online_pct":
            cols.append(("Tỷ lệ hồ sơ trực tuyến (%)",))
        t["title"] = rng.choice(["KẾT QUẢ CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN",
                                 "Tình hình tiếp nhận hồ sơ trực tuyến"])
    t["shape"] = shape
    t["columns"] = [list(c) for c in cols]
    rows, sums, stt = [], [0] * len(cols), 0
    pct_cols = [i for i, c in enumerate(cols) if "%" in c[-1]]
    raw_rows = []
    dash_units = grouped and rng.random() < 0.6
    t["dash_units"] = dash_units
    for kind, name in us:
        if kind == "group":
            rows.append({"stt": "", "label": name, "kind": "group", "indent": 0, "values": []})
            stt = 0
            continue
        stt += 1
        if report == "dossier":
            vals = dossier_values(rng, kind, cols)
        elif report == "satisfaction":
            n = rng.randint(5, 3000 if kind == "dist" else 400)
            vh = int(n * rng.uniform(0.05, 0.6)); h = int((n - vh) * rng.uniform(0.6, 1.0))
            bt = int((n - vh - h) * rng.uniform(0.3, 1.0)); kh = n - vh - h - bt
            vals = [n, vh, h, bt, kh] + ([None] if pct_cols else [])
        else:
            tt = rng.randint(40, 250)
            a1 = rng.randint(0, tt // 3); a2 = rng.randint(0, tt // 3)
            vals = [tt, a1, rng.randint(0, 40 * a1) if a1 else 0, a2, rng.randint(0, 60 * a2) if a2 else 0] + \
                ([None] if pct_cols else [])
        raw_rows.append(vals)
        for i, v in enumerate(vals):
            if v is not None:
                sums[i] += v
        pv = []
        for i, v in enumerate(vals):
            if v is None:
                if report == "satisfaction":
                    pv.append(fmt.pct(vals[1] + vals[2], vals[0], sign=False))
                else:
                    den = vals[2] + vals[4]
                    pv.append(fmt.pct(den, den + rng.randint(0, 3 * den + 5), sign=False) if den else fmt.zero)
            else:
                pv.append(fmt.n(v))
        label = name
        indent = 0
        if grouped:
            indent = 1
            if dash_units:
                label = "- " + name
        rows.append({"stt": str(stt), "label": label, "kind": "body", "indent": indent, "values": pv})
    # total row
    tv = []
    for i, s in enumerate(sums):
        if i in pct_cols:
            if report == "satisfaction":
                tv.append(fmt.pct(sums[1] + sums[2], sums[0], sign=False))
            else:
                tv.append("")
        else:
            tv.append(fmt.n(s))
    rows.append({"stt": "", "label": rng.choice(TOTAL_LABELS), "kind": "total", "indent": 0, "values": tv})
    if pct_row:
        pv = []
        base = sums[0]
        for i, s in enumerate(sums):
            if i == 0 or i in pct_cols:
                pv.append("100%" if (i == 0 and fmt.pct_sign and rng.random() < 0.3) else "")
            else:
                pv.append(fmt.pct(s, base) if base else "")
        rows.append({"stt": "", "label": rng.choice(PCT_LABELS), "kind": "percent", "indent": 0, "values": pv})
    t["rows"] = rows
    t["raw"] = raw_rows
    t["sums"] = sums
    t["pct_cols"] = pct_cols
    return t


def period(rng):
    y = rng.randint(2019, 2025)
    if rng.random() < 0.5:
        m = rng.randint(1, 12)
        return f"(Kỳ báo cáo tháng {m:02d}/{y})" if rng.random() < 0.5 else f"Tháng {m} năm {y}"
    q = rng.randint(1, 4)
    fm, tm = 3 * q - 2, 3 * q
    last = {3: 31, 6: 30, 9: 30, 12: 31}[tm]
    return rng.choice([f"(Quý {['I', 'II', 'III', 'IV'][q - 1]} năm {y})",
                       f"(Từ ngày 01/{fm:02d}/{y} đến ngày {last}/{tm:02d}/{y})"])
