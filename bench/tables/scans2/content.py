"""Table content for scans2: departments/districts, column sets, consistent numbers."""
import random

DEPTS = ["Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Xây dựng",
         "Sở Giao thông vận tải", "Sở Công Thương", "Sở Nông nghiệp và Phát triển nông thôn",
         "Sở Tài nguyên và Môi trường", "Sở Lao động - Thương binh và Xã hội",
         "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo",
         "Sở Y tế", "Sở Thông tin và Truyền thông", "Sở Ngoại vụ", "Thanh tra tỉnh",
         "Ban Quản lý các Khu công nghiệp", "Ban Dân tộc", "Sở Du lịch"]
DISTRICTS = ["Bình Xuyên", "Tam Dương", "Lập Thạch", "Sông Lô", "Yên Lạc", "Vĩnh Tường",
             "Tam Đảo", "Cẩm Giàng", "Kim Thành", "Thanh Miện", "Ninh Giang", "Gia Lộc",
             "Đức Thọ", "Hương Khê", "Kỳ Anh", "Nghi Xuân", "Can Lộc", "Thạch Hà", "Mộc Châu",
             "Yên Châu", "Ba Chẽ", "Tiên Yên", "Đầm Hà", "Hải Hà"]
TOWNS = ["Phúc Yên", "Kinh Môn", "Hồng Lĩnh", "Quảng Yên", "Đông Triều", "Sơn Tây"]
CITIES = ["Vĩnh Yên", "Hải Dương", "Hà Tĩnh", "Sơn La", "Hạ Long"]

# column sets: list of (header path, value key)
SHAPES = {
    "full3": [(("Số hồ sơ nhận giải quyết", "Tổng số"), "total"),
              (("Số hồ sơ nhận giải quyết", "Trong đó", "Kỳ trước chuyển sang"), "carry"),
              (("Số hồ sơ nhận giải quyết", "Trong đó", "Mới tiếp nhận"), "new"),
              (("Kết quả giải quyết", "Đã giải quyết", "Tổng số"), "res"),
              (("Kết quả giải quyết", "Đã giải quyết", "Trước hạn"), "early"),
              (("Kết quả giải quyết", "Đã giải quyết", "Đúng hạn"), "ontime"),
              (("Kết quả giải quyết", "Đã giải quyết", "Quá hạn"), "late"),
              (("Kết quả giải quyết", "Đang giải quyết", "Tổng số"), "pend"),
              (("Kết quả giải quyết", "Đang giải quyết", "Trong hạn"), "pend_in"),
              (("Kết quả giải quyết", "Đang giải quyết", "Quá hạn"), "pend_over")],
    "two_lvl": [(("Tổng số",), "total"), (("Kỳ trước",), "carry"), (("Mới tiếp nhận",), "new"),
                (("Đã giải quyết", "Trước hạn"), "early"), (("Đã giải quyết", "Đúng hạn"), "ontime"),
                (("Đã giải quyết", "Quá hạn"), "late"), (("Đang giải quyết",), "pend")],
    "reordered": [(("Tiếp nhận", "Tồn kỳ trước"), "carry"), (("Tiếp nhận", "Trong kỳ"), "new"),
                  (("Tiếp nhận", "Cộng"), "total"),
                  (("Đang giải quyết", "Chưa đến hạn"), "pend_in"), (("Đang giải quyết", "Quá hạn"), "pend_over"),
                  (("Đã giải quyết", "Tổng số"), "res"), (("Đã giải quyết", "Đúng hạn và trước hạn"), "early_ontime"),
                  (("Đã giải quyết", "Trễ hạn"), "late")],
    "flat": [(("Tổng số hồ sơ",), "total"), (("Đã giải quyết",), "res"), (("Đang giải quyết",), "pend"),
             (("Quá hạn",), "late")],
    "channels": [(("Tổng số hồ sơ tiếp nhận",), "total"),
                 (("Trong đó", "Kỳ trước chuyển qua"), "carry"),
                 (("Trong đó", "Mới tiếp nhận", "Trực tiếp"), "new_direct"),
                 (("Trong đó", "Mới tiếp nhận", "Trực tuyến"), "new_online"),
                 (("Đã giải quyết", "Tổng"), "res"), (("Đã giải quyết", "Trước hạn"), "early"),
                 (("Đã giải quyết", "Đúng hạn"), "ontime"), (("Đã giải quyết", "Quá hạn"), "late"),
                 (("Đang giải quyết",), "pend"), (("Trả lại / rút hồ sơ",), "returned")],
    "short_ordered": [(("Kỳ trước chuyển sang",), "carry"), (("Mới tiếp nhận",), "new"),
                      (("Tổng số",), "total"), (("Đã giải quyết", "Đúng hạn"), "ontime_all"),
                      (("Đã giải quyết", "Quá hạn"), "late"), (("Đang giải quyết",), "pend")],
}
UNIT_HEADERS = ["Đơn vị", "Tên đơn vị", "Cơ quan, đơn vị", "Đơn vị, địa phương", "Tên cơ quan"]
TITLES = ["TỔNG HỢP KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
          "KẾT QUẢ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH CỦA CÁC CƠ QUAN, ĐƠN VỊ",
          "TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ",
          "SỐ LIỆU GIẢI QUYẾT HỒ SƠ TẠI CÁC SỞ, NGÀNH VÀ UBND CẤP HUYỆN"]
TOTAL_LABELS = ["Tổng cộng", "Tổng cộng", "TỔNG CỘNG", "Cộng"]
PCT_LABELS = ["Tỷ lệ %", "Tỷ lệ (%)", "Tỷ lệ %"]


def fmt_int(v, zero):
    if v == 0:
        return zero
    s = str(v)
    out = ""
    while len(s) > 3:
        out = "." + s[-3:] + out
        s = s[:-3]
    return s + out


def fmt_pct(x):
    if abs(x - round(x)) < 1e-9 and random.random() < 0.5:
        return str(int(round(x)))
    return ("%.2f" % x).replace(".", ",")


def unit_names(rng, n):
    depts = rng.sample(DEPTS, min(len(DEPTS), max(2, n // 2 + rng.randint(-1, 2))))
    rest = n - len(depts)
    loc = []
    dis = rng.sample(DISTRICTS, max(0, rest))
    tw = rng.sample(TOWNS, 2)
    for i, d in enumerate(dis):
        r = rng.random()
        if i < 2 and r < 0.3:
            loc.append("UBND thị xã " + tw[i])
        elif i == 0 and r < 0.45:
            loc.append("UBND thành phố " + rng.choice(CITIES))
        else:
            loc.append(rng.choice(["UBND huyện ", "UBND huyện ", "Ủy ban nhân dân huyện "]) + d)
    names = depts[:n] + loc
    return names[:n]


def base_numbers(rng, big):
    scale = rng.choice([1, 1, 3, 10]) * (8 if big else 1)
    carry = rng.randint(0, 40 * scale)
    new = rng.randint(5, 400 * scale)
    direct = rng.randint(0, new)
    total = carry + new
    returned = rng.randint(0, max(0, total // 40)) if rng.random() < 0.5 else 0
    left = total - returned
    pend = rng.randint(0, left // 4)
    res = left - pend
    late = rng.randint(0, res // 15) if rng.random() < 0.55 else 0
    early = rng.randint(0, res - late)
    ontime = res - late - early
    pend_over = rng.randint(0, pend // 4) if rng.random() < 0.4 else 0
    pend_in = pend - pend_over
    return dict(total=total, carry=carry, new=new, new_direct=direct, new_online=new - direct,
                res=res, early=early, ontime=ontime, late=late, early_ontime=early + ontime,
                ontime_all=early + ontime, pend=pend, pend_in=pend_in, pend_over=pend_over,
                returned=returned)


def make_table(rng, shape=None, nrows=None):
    shape = shape or rng.choice(list(SHAPES))
    cols = SHAPES[shape]
    n = nrows or rng.randint(6, 16)
    names = unit_names(rng, n)
    zero = rng.choice(["0", "0", "-", ""])
    rows = []
    sums = {}
    for nm in names:
        b = base_numbers(rng, nm.startswith("UBND") or nm.startswith("Ủy"))
        for k, v in b.items():
            sums[k] = sums.get(k, 0) + v
        rows.append({"label": nm, "values": [fmt_int(b[k], zero) for _, k in cols]})
    total_label = rng.choice(TOTAL_LABELS)
    total = {"label": total_label, "values": [fmt_int(sums[k], zero) for _, k in cols]}
    pct = None
    if rng.random() < 0.65:
        tot = max(1, sums["total"])
        vals = []
        for _, k in cols:
            if k in ("total", "carry", "new", "new_direct", "new_online") and rng.random() < 0.5:
                vals.append("")
            else:
                vals.append(fmt_pct(100.0 * sums[k] / tot))
        pct = {"label": rng.choice(PCT_LABELS), "values": vals}
    return {"shape": shape, "headers": [p for p, _ in cols], "keys": [k for _, k in cols],
            "rows": rows, "total": total, "percent": pct, "unit_header": rng.choice(UNIT_HEADERS),
            "title": rng.choice(TITLES), "zero": zero,
            "period": "(Từ ngày %02d/%02d/%d đến ngày %02d/%02d/%d)" % (
                15, rng.randint(1, 11), rng.choice([2021, 2022, 2023]), 14, rng.randint(2, 12),
                rng.choice([2021, 2022, 2023])),
            "pl": rng.choice(["PHỤ LỤC I", "Phụ lục 01", "PHỤ LỤC II", "Phụ lục"])}


def header_grid(headers):
    """Merged header cells for leaf paths: list of (level, col0, col1, rowspan, text)."""
    depth = max(len(p) for p in headers)
    cells = []
    for lvl in range(depth):
        j = 0
        while j < len(headers):
            p = headers[j]
            if lvl >= len(p):
                j += 1
                continue
            if lvl > 0 and lvl < len(p) and False:
                pass
            k = j + 1
            while k < len(headers) and len(headers[k]) > lvl and headers[k][:lvl + 1] == p[:lvl + 1]:
                k += 1
            span_down = depth - lvl if lvl == len(p) - 1 else 1
            cells.append((lvl, j, k - 1, span_down, p[lvl]))
            j = k
    return depth, cells
