#!/usr/bin/python3
"""Generator of report narratives that state figures of several scopes side by side.

Each report (UTF-8 .txt) has a heading block, a title with the period, narrative
paragraphs stating the figures of the month, (sometimes) the quarter, the year to date,
the same period last year, the province and each level (cấp tỉnh / huyện / xã), named
bodies, online-only figures and procedure groups, and optionally a PL-I appendix table
consistent with the month's narrative.

Within one scope every stated figure agrees with the others (received = carried over +
new; resolved = early + on time + late; pending = in time + overdue; levels add up to the
province total of the same period; percentages = part / whole).  A faulty report has
exactly one planted inconsistency within one scope; its truth file says which:

  {"faults": [{"kind": "enum_sum|level_sum|percentage|appendix_mismatch",
               "scope": "...", "figure": "...", "stated": 123, "expected": 132,
               "relation_values": [...]}],          # other figures of the broken relation
   "figures": [{"scope":..., "figure":..., "value":...}, ...],   # every figure stated
   "meta": {...}}

Usage: gen.py --out DIR --seed N --count N [--mix dev|aside]
"""
import argparse
import json
import os
import random
import textwrap

# ----------------------------------------------------------------------------- data

PROVINCES = [
    ("Sóc Trăng", ["Mỹ Tú", "Mỹ Xuyên", "Kế Sách", "Cù Lao Dung", "Long Phú", "Trần Đề", "Châu Thành", "Thạnh Trị"]),
    ("Hà Nam", ["Duy Tiên", "Kim Bảng", "Thanh Liêm", "Bình Lục", "Lý Nhân"]),
    ("Bạc Liêu", ["Hồng Dân", "Phước Long", "Vĩnh Lợi", "Hòa Bình", "Đông Hải"]),
    ("Hậu Giang", ["Châu Thành A", "Phụng Hiệp", "Vị Thủy", "Long Mỹ"]),
    ("Quảng Trị", ["Gio Linh", "Vĩnh Linh", "Cam Lộ", "Triệu Phong", "Hải Lăng", "Hướng Hóa"]),
    ("Ninh Bình", ["Gia Viễn", "Hoa Lư", "Nho Quan", "Yên Khánh", "Kim Sơn", "Yên Mô"]),
    ("Kon Tum", ["Đắk Hà", "Đắk Tô", "Ngọc Hồi", "Sa Thầy", "Kon Rẫy"]),
    ("Tuyên Quang", ["Yên Sơn", "Sơn Dương", "Hàm Yên", "Chiêm Hóa", "Na Hang"]),
]

UNITS = [
    ["Sở Thông tin và Truyền thông", "Sở TT&TT"],
    ["Sở Công Thương", "Sở Công thương"],
    ["Sở Giáo dục và Đào tạo", "Sở GD&ĐT"],
    ["Sở Giao thông vận tải", "Sở GTVT"],
    ["Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"],
    ["Sở Khoa học và Công nghệ", "Sở KH&CN"],
    ["Sở Lao động - Thương binh và Xã hội", "Sở LĐTBXH"],
    ["Sở Nội vụ"],
    ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và PTNT", "Sở NNPTNT"],
    ["Sở Tài chính"],
    ["Sở Tài nguyên và Môi trường", "Sở TN&MT"],
    ["Sở Tư pháp"],
    ["Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT-DL"],
    ["Sở Xây dựng"],
    ["Sở Y tế"],
    ["Công an tỉnh"],
    ["Bảo hiểm xã hội tỉnh", "BHXH tỉnh"],
    ["Ban Quản lý các Khu công nghiệp"],
]
BIG_UNITS = {"Sở Giao thông vận tải", "Công an tỉnh", "Bảo hiểm xã hội tỉnh", "Sở Tư pháp", "Sở Kế hoạch và Đầu tư"}

FIELDS = ["Hộ tịch", "Chứng thực", "Đất đai", "Đăng ký kinh doanh", "Xây dựng", "Tư pháp - Lý lịch tư pháp",
          "Đường bộ", "Lao động - Việc làm", "Bảo trợ xã hội", "Người có công", "Y tế", "Giáo dục"]

LEVELS = [("cap_tinh", ["cấp tỉnh", "các sở, ban, ngành cấp tỉnh", "các cơ quan cấp tỉnh"]),
          ("cap_huyen", ["cấp huyện", "UBND cấp huyện", "UBND các huyện, thị xã, thành phố"]),
          ("cap_xa", ["cấp xã", "UBND cấp xã", "UBND các xã, phường, thị trấn"])]
LEVEL_ROW = {"cap_tinh": ["Cấp tỉnh", "Các sở, ban, ngành cấp tỉnh"],
             "cap_huyen": ["Cấp huyện", "UBND các huyện, thị xã, thành phố"],
             "cap_xa": ["Cấp xã", "UBND các xã, phường, thị trấn"]}

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

MIXES = {
    "dev": dict(p_clean=0.62, faults={"enum_sum": 3, "level_sum": 3, "percentage": 3, "appendix_mismatch": 2},
                p_appendix=0.6, p_typeB=0.45, layouts={"lines": 5, "wrapped": 2, "pdfwrap": 3},
                numstyle={"dot": 7, "plain": 2, "mixed": 1}, p_pct_dot=0.2, p_ytd=0.75, p_quarter_extra=0.0,
                p_levels_sentence=0.5),
    "aside": dict(p_clean=0.52, faults={"enum_sum": 2, "level_sum": 4, "percentage": 4, "appendix_mismatch": 3},
                  p_appendix=0.5, p_typeB=0.6, layouts={"lines": 3, "wrapped": 3, "pdfwrap": 4},
                  numstyle={"dot": 5, "plain": 3, "mixed": 2}, p_pct_dot=0.35, p_ytd=0.9, p_quarter_extra=0.3,
                  p_levels_sentence=0.35),
}


def wchoice(rng, d):
    keys = list(d)
    return rng.choices(keys, weights=[d[k] for k in keys])[0]


# ----------------------------------------------------------------------------- blocks

def make_block(rng, scale, pending=None, carry=None):
    """A consistent set of PL-I figures."""
    new = max(3, int(scale * rng.uniform(0.6, 1.4)))
    if carry is None:
        carry = max(0, int(new * rng.uniform(0.05, 0.35)))
    rt = carry + new
    if pending is None:
        pending = int(rt * rng.uniform(0.04, 0.3))
    pending = min(pending, rt - 1)
    st = rt - pending
    late = 0 if rng.random() < 0.25 else max(1, int(st * rng.uniform(0.0005, 0.02)))
    late = min(late, st)
    early = int((st - late) * rng.uniform(0.55, 1.0))
    ontime = st - late - early
    pl = 0 if (pending == 0 or rng.random() < 0.35) else max(1, int(pending * rng.uniform(0.005, 0.1)))
    po = pending - pl
    online = int(new * rng.uniform(0.03, 0.6))
    postal = int((new - online) * rng.uniform(0.0, 0.15))
    direct = new - online - postal
    returned = 0 if rng.random() < 0.4 else rng.randint(1, max(1, new // 300 + 1))
    return dict(received_total=rt, received_carryover=carry, received_new=new, resolved_total=st,
                resolved_early=early, resolved_ontime=ontime, resolved_late=late, pending_total=pending,
                pending_ontime=po, pending_overdue=pl, online=online, received_postal=postal,
                received_direct=direct, returned=returned)


def sum_blocks(blocks):
    out = {}
    for b in blocks:
        for k, v in b.items():
            out[k] = out.get(k, 0) + v
    return out


def make_long_block(rng, month, months_before):
    """Quarter / year-to-date block ending with the month: same pending as the month."""
    new = month["received_new"] + sum(int(month["received_new"] * rng.uniform(0.75, 1.25)) for _ in range(months_before))
    carry = int(month["received_carryover"] * rng.uniform(0.7, 1.3))
    rt = carry + new
    pending = month["pending_total"]
    st = rt - pending
    late = month["resolved_late"] + sum(rng.randint(0, max(1, month["resolved_late"] + 3)) for _ in range(months_before))
    late = min(late, st // 20)
    early = int((st - late) * rng.uniform(0.6, 0.97))
    ontime = st - late - early
    online = month["online"] + sum(int(month["online"] * rng.uniform(0.7, 1.2)) for _ in range(months_before))
    postal = int((new - online) * rng.uniform(0.0, 0.12))
    return dict(received_total=rt, received_carryover=carry, received_new=new, resolved_total=st,
                resolved_early=early, resolved_ontime=ontime, resolved_late=late, pending_total=pending,
                pending_ontime=month["pending_ontime"], pending_overdue=month["pending_overdue"], online=online,
                received_postal=postal, received_direct=new - online - postal, returned=0)


# ----------------------------------------------------------------------------- document


class Doc:
    def __init__(self, rng, mix):
        self.rng = rng
        self.mix = mix
        self.mentions = []      # {id, scope, figure, value, type: int|pct, dec}
        self.rels = []          # {type: enum|levels|pct|yoy|appendix, ...keys}
        self.numstyle = wchoice(rng, mix["numstyle"])
        self.zeropad = rng.random() < 0.5
        self.pct_dec = rng.choice([2, 2, 2, 1])
        self.pct_dot = rng.random() < mix["p_pct_dot"]
        self.pct_space = rng.random() < 0.35
        self.unit_word = rng.choice(["hồ sơ", "hồ sơ", "hồ sơ", "hồ sơ TTHC"])

    # mentions -------------------------------------------------------------
    def n(self, scope, figure, value):
        i = len(self.mentions)
        self.mentions.append(dict(id=i, scope=scope, figure=figure, value=int(value), type="int"))
        return "\x01%d\x02" % i

    def p(self, scope, figure, num_key, den_key, num, den, rel="pct"):
        i = len(self.mentions)
        dec = self.pct_dec
        val = round(100.0 * num / den, dec) if den else 0.0
        self.mentions.append(dict(id=i, scope=scope, figure=figure, value=val, type="pct", dec=dec))
        self.rels.append(dict(type=rel, mention=i, num=num_key, den=den_key))
        return "\x01%d\x02" % i

    def rel(self, typ, total, parts):
        self.rels.append(dict(type=typ, total=total, parts=list(parts)))

    # formatting -----------------------------------------------------------
    def fmt_int(self, v):
        style = self.numstyle
        if style == "mixed":
            style = self.rng.choice(["dot", "plain"])
        if 0 < v < 10 and self.zeropad:
            return "%02d" % v
        s = str(v)
        if style == "dot" and v >= 1000:
            s = "{:,}".format(v).replace(",", ".")
        return s

    def fmt_pct(self, v, dec):
        s = ("%." + str(dec) + "f") % v
        if not self.pct_dot:
            s = s.replace(".", ",")
        return s + (" %" if self.pct_space else "%")

    def render(self, text, override):
        out = []
        i = 0
        while True:
            a = text.find("\x01", i)
            if a < 0:
                out.append(text[i:])
                break
            b = text.find("\x02", a)
            out.append(text[i:a])
            mid = int(text[a + 1:b])
            m = self.mentions[mid]
            v = override.get(mid, m["value"])
            out.append(self.fmt_int(v) if m["type"] == "int" else self.fmt_pct(v, m["dec"]))
            i = b + 1
        return "".join(out)


# ----------------------------------------------------------------------------- phrasing

def hs(doc):
    return doc.unit_word


def render_received(doc, rng, sc, b, subj, when):
    """Paragraphs stating received total / carried over / new."""
    H = hs(doc)
    n = lambda f: doc.n(sc, f, b[f])
    v = rng.randrange(8)
    rt_key, rc_key, rn_key = (sc, "received_total"), (sc, "received_carryover"), (sc, "received_new")
    if v == 0:
        doc.rel("enum", rt_key, [rc_key, rn_key])
        return ["- %s %s đã nhận được %s %s, trong đó:" % (when, subj, n("received_total"), H),
                "+ Kỳ trước chuyển sang: %s %s, tiếp nhận mới: %s %s;" % (n("received_carryover"), H, n("received_new"), H)]
    if v == 1:
        doc.rel("enum", rt_key, [rc_key, rn_key])
        return ["- Tổng số hồ sơ tiếp nhận %s: %s %s (tồn kỳ trước chuyển sang %s %s; tiếp nhận mới trong kỳ %s %s)."
                % (when.lower(), n("received_total"), H, n("received_carryover"), H, n("received_new"), H)]
    if v == 2:
        doc.rel("enum", rt_key, [rc_key, rn_key])
        return ["%s, %s tiếp nhận mới %s %s; cộng với %s %s tồn kỳ trước, tổng số hồ sơ phải giải quyết là %s %s."
                % (when, subj, n("received_new"), H, n("received_carryover"), H, n("received_total"), H)]
    if v == 3:
        doc.rel("enum", rt_key, [rc_key, rn_key])
        return ["- Số hồ sơ nhận giải quyết %s: %s %s, gồm %s %s từ kỳ trước chuyển qua và %s %s mới tiếp nhận."
                % (when.lower(), n("received_total"), H, n("received_carryover"), H, n("received_new"), H)]
    if v == 4:
        # seed 003 style: total = online new + direct/postal new + carried over
        direct_post = b["received_direct"] + b["received_postal"]
        doc.rel("enum", rt_key, [(sc, "online"), (sc, "received_direct_postal"), rc_key])
        return ["%s, tổng số %s %s thuộc các lĩnh vực, trong đó: số mới tiếp nhận trực tuyến %s %s; số mới tiếp nhận "
                "(trực tiếp hoặc DVBC) %s %s; số kỳ trước chuyển qua %s %s."
                % (when, n("received_total"), H, n("online"), H, doc.n(sc, "received_direct_postal", direct_post), H,
                   n("received_carryover"), H)]
    if v == 5:
        doc.rel("enum", rn_key, [(sc, "received_direct"), (sc, "received_postal"), (sc, "online")])
        doc.rel("enum", rt_key, [rc_key, rn_key])
        return ["- %s %s đã tiếp nhận %s %s (trong đó kỳ trước chuyển sang %s %s)." % (
                    when, subj, n("received_total"), H, n("received_carryover"), H),
                "+ Số hồ sơ tiếp nhận mới là %s %s, trong đó: tiếp nhận trực tiếp %s %s, qua dịch vụ bưu chính công ích "
                "%s %s, tiếp nhận trực tuyến %s %s." % (n("received_new"), H, n("received_direct"), H,
                                                        n("received_postal"), H, n("online"), H)]
    if v == 6:
        doc.rel("enum", rt_key, [rc_key, rn_key])
        return ["%s tiếp nhận %s %s (số tồn kỳ trước: %s; số mới tiếp nhận: %s)." % (
            (when + ", " + subj) if rng.random() < 0.5 else (subj[0].upper() + subj[1:] + " " + when.lower()),
            n("received_total"), H, n("received_carryover"), n("received_new"))]
    # v == 7: no total stated
    return ["%s, %s đã tiếp nhận mới %s %s (chưa kể %s %s của kỳ trước chuyển sang)."
            % (when, subj, n("received_new"), H, n("received_carryover"), H)]


def render_resolved(doc, rng, sc, b, pct_ok=True):
    H = hs(doc)
    n = lambda f: doc.n(sc, f, b[f])
    st, rt = b["resolved_total"], b["received_total"]
    eo = b["resolved_early"] + b["resolved_ontime"]
    K = lambda f: (sc, f)
    v = rng.randrange(8)
    parts3 = [K("resolved_early"), K("resolved_ontime"), K("resolved_late")]
    if v == 0:
        doc.rel("enum", K("resolved_total"), [K("resolved_early_ontime"), K("resolved_late")])
        return ["+ Đã giải quyết %s %s (chiếm %s trên tổng số %s %s); trong đó, trả hồ sơ trước hạn và đúng hạn là %s %s, "
                "chiếm %s; số hồ sơ đã giải quyết trễ hạn %s %s (chiếm %s)." % (
                    n("resolved_total"), H, doc.p(sc, "pct_resolved_of_received", K("resolved_total"), K("received_total"), st, rt),
                    doc.n(sc, "received_total", rt), H, doc.n(sc, "resolved_early_ontime", eo), H,
                    doc.p(sc, "pct_early_ontime_of_resolved", K("resolved_early_ontime"), K("resolved_total"), eo, st),
                    n("resolved_late"), H,
                    doc.p(sc, "pct_late_of_resolved", K("resolved_late"), K("resolved_total"), b["resolved_late"], st))]
    if v == 1:
        doc.rel("enum", K("resolved_total"), parts3)
        return ["- Số hồ sơ đã giải quyết %s %s, trong đó: trước hạn %s %s, đúng hạn %s %s, quá hạn %s %s." % (
            n("resolved_total"), H, n("resolved_early"), H, n("resolved_ontime"), H, n("resolved_late"), H)]
    if v == 2:
        doc.rel("enum", K("resolved_total"), parts3)
        return ["Đã giải quyết xong %s %s, đạt tỷ lệ %s; trong đó giải quyết trước hạn %s, đúng hạn %s, trễ hạn %s %s." % (
            n("resolved_total"), H, doc.p(sc, "pct_resolved_of_received", K("resolved_total"), K("received_total"), st, rt),
            n("resolved_early"), n("resolved_ontime"), n("resolved_late"), H)]
    if v == 3:
        doc.rel("enum", K("resolved_total"), parts3)
        return ["- Kết quả: đã trả kết quả %s %s (%s %s trả kết quả trước hạn; %s %s đúng hạn; %s %s quá hạn)." % (
            n("resolved_total"), H, n("resolved_early"), H, n("resolved_ontime"), H, n("resolved_late"), H)]
    if v == 4:
        return ["- Số hồ sơ giải quyết đúng hạn và trước hạn là %s/%s hồ sơ, đạt %s; trễ hạn %s hồ sơ." % (
            doc.n(sc, "resolved_early_ontime", eo), n("resolved_total"),
            doc.p(sc, "pct_early_ontime_of_resolved", K("resolved_early_ontime"), K("resolved_total"), eo, st),
            n("resolved_late"))] if True else []
    if v == 5:
        doc.rel("enum", K("resolved_total"), parts3)
        return ["+ Đã giải quyết %s %s; trong đó sớm hạn %s %s, đúng hạn %s %s, trễ hạn %s %s." % (
            n("resolved_total"), H, n("resolved_early"), H, n("resolved_ontime"), H, n("resolved_late"), H)]
    if v == 6:
        doc.rel("enum", K("resolved_total"), parts3)
        return ["Trả kết quả đúng hạn %s %s; trả kết quả trước hạn %s %s; quá hạn %s %s; tổng cộng đã giải quyết %s %s." % (
            n("resolved_ontime"), H, n("resolved_early"), H, n("resolved_late"), H, n("resolved_total"), H)]
    doc.rel("enum", K("resolved_total"), [K("resolved_early_ontime"), K("resolved_late")])
    return ["- Đã giải quyết %s %s, trong đó giải quyết đúng hạn và trước hạn %s %s (đạt tỷ lệ %s), quá hạn %s %s." % (
        n("resolved_total"), H, doc.n(sc, "resolved_early_ontime", eo), H,
        doc.p(sc, "pct_early_ontime_of_resolved", K("resolved_early_ontime"), K("resolved_total"), eo, st),
        n("resolved_late"), H)]


def render_pending(doc, rng, sc, b):
    H = hs(doc)
    n = lambda f: doc.n(sc, f, b[f])
    K = lambda f: (sc, f)
    v = rng.randrange(5)
    pt, rt = b["pending_total"], b["received_total"]
    if v == 0:
        doc.rel("enum", K("pending_total"), [K("pending_ontime"), K("pending_overdue")])
        return ["+ Đang giải quyết %s %s (chiếm %s trên tổng số %s %s); trong đó, đang giải quyết còn hạn là %s %s; "
                "đang giải quyết quá hạn là %s %s." % (
                    n("pending_total"), H, doc.p(sc, "pct_pending_of_received", K("pending_total"), K("received_total"), pt, rt),
                    doc.n(sc, "received_total", rt), H, n("pending_ontime"), H, n("pending_overdue"), H)]
    if v == 1:
        doc.rel("enum", K("pending_total"), [K("pending_ontime"), K("pending_overdue")])
        return ["- Số hồ sơ đang giải quyết: %s %s (trong hạn %s, quá hạn %s)." % (
            n("pending_total"), H, n("pending_ontime"), n("pending_overdue"))]
    if v == 2:
        return ["Hiện còn %s %s đang xử lý, trong đó có %s %s đã quá hạn xử lý." % (
            n("pending_total"), H, n("pending_overdue"), H)]
    if v == 3:
        doc.rel("enum", K("pending_total"), [K("pending_ontime"), K("pending_overdue")])
        return ["- Số hồ sơ đang giải quyết chuyển sang kỳ sau là %s %s, gồm: chưa đến hạn %s %s, đã quá hạn %s %s." % (
            n("pending_total"), H, n("pending_ontime"), H, n("pending_overdue"), H)]
    return ["- Số hồ sơ đang giải quyết (chưa đến hạn) %s %s." % (doc.n(sc, "pending_ontime", b["pending_ontime"]), H)] \
        if b["pending_overdue"] == 0 else \
        ["- Đang giải quyết %s %s, trong đó quá hạn %s %s." % (n("pending_total"), H, n("pending_overdue"), H)]


def render_online_in_block(doc, rng, sc, b):
    H = hs(doc)
    K = lambda f: (sc, f)
    v = rng.randrange(4)
    on, rt, rn = b["online"], b["received_total"], b["received_new"]
    if v == 0:
        cmp_ = ", %s %s so với tháng trước" % (rng.choice(["tăng", "giảm"]), doc.fmt_pct(round(rng.uniform(0.3, 6), doc.pct_dec), doc.pct_dec)) \
            if sc == "month" else ""
        return ["+ Có %s %s tiếp nhận qua hình thức trực tuyến (chiếm %s trên tổng số %s %s%s)." % (
            doc.n(sc, "online", on), H, doc.p(sc, "pct_online_of_received", K("online"), K("received_total"), on, rt),
            doc.n(sc, "received_total", rt), H, cmp_)]
    if v == 1:
        return ["- Số hồ sơ tiếp nhận trực tuyến: %s %s, chiếm %s tổng số hồ sơ tiếp nhận mới (%s %s)." % (
            doc.n(sc, "online", on), H, doc.p(sc, "pct_online_of_new", K("online"), K("received_new"), on, rn),
            doc.n(sc, "received_new", rn), H)]
    if v == 2:
        return ["Hồ sơ nộp qua dịch vụ công trực tuyến là %s hồ sơ." % doc.n(sc, "online", on)]
    return ["- Hầu hết các đơn vị đều có phát sinh hồ sơ trực tuyến; có %s %s tiếp nhận qua hình thức trực tuyến "
            "(chiếm %s trên tổng số %s %s đã tiếp nhận)." % (
                doc.n(sc, "online", on), H, doc.p(sc, "pct_online_of_received", K("online"), K("received_total"), on, rt),
                doc.n(sc, "received_total", rt), H)]


def render_online_scope(doc, rng, sc, b, when):
    """Online-only figures: their own received / resolved enumeration."""
    H = hs(doc)
    osc = sc + ":online"
    on = b["online"]
    l4 = int(on * rng.uniform(0.2, 0.8))
    l3 = on - l4
    ost = int(on * rng.uniform(0.7, 0.95))
    olate = 0 if rng.random() < 0.4 else rng.randint(1, max(1, ost // 80))
    oeo = ost - olate
    opend = on - ost
    v = rng.randrange(4)
    if v == 0:
        doc.rel("enum", (sc, "online"), [(osc, "online_level3"), (osc, "online_level4")])
        doc.rel("enum", (osc, "resolved_total"), [(osc, "resolved_early_ontime"), (osc, "resolved_late")])
        return ["- Về dịch vụ công trực tuyến: %s tiếp nhận %s %s trực tuyến (mức độ 3: %s %s; mức độ 4: %s %s); "
                "đã giải quyết %s %s trực tuyến, trong đó đúng hạn và trước hạn %s %s, trễ hạn %s %s." % (
                    when.lower(), doc.n(sc, "online", on), H, doc.n(osc, "online_level3", l3), H,
                    doc.n(osc, "online_level4", l4), H, doc.n(osc, "resolved_total", ost), H,
                    doc.n(osc, "resolved_early_ontime", oeo), H, doc.n(osc, "resolved_late", olate), H)]
    if v == 1:
        doc.rel("enum", (sc, "online"), [(osc, "online_partial"), (osc, "online_full")])
        return ["- Hồ sơ trực tuyến: %s %s, gồm %s %s dịch vụ công trực tuyến một phần và %s %s dịch vụ công trực tuyến "
                "toàn trình; đã trả kết quả %s %s, đang xử lý %s %s." % (
                    doc.n(sc, "online", on), H, doc.n(osc, "online_partial", l3), H, doc.n(osc, "online_full", l4), H,
                    doc.n(osc, "resolved_total", ost), H, doc.n(osc, "pending_total", opend), H)]
    if v == 2:
        doc.rel("enum", (osc, "resolved_total"), [(osc, "resolved_early_ontime"), (osc, "resolved_late")])
        return ["Riêng hồ sơ trực tuyến, %s đã giải quyết %s %s; trong đó trả kết quả đúng hạn, trước hạn %s %s "
                "(đạt %s), trễ hạn %s %s." % (
                    when.lower(), doc.n(osc, "resolved_total", ost), H, doc.n(osc, "resolved_early_ontime", oeo), H,
                    doc.p(osc, "pct_early_ontime_of_resolved", (osc, "resolved_early_ontime"), (osc, "resolved_total"), oeo, ost),
                    doc.n(osc, "resolved_late", olate), H)]
    return ["- Tiếp nhận trực tuyến %s %s (mức độ 4: %s %s); số hồ sơ trực tuyến đã giải quyết %s %s." % (
        doc.n(sc, "online", on), H, doc.n(osc, "online_level4", l4), H, doc.n(osc, "resolved_total", ost), H)]


def render_levels(doc, rng, period_sc, total_sc, blocks, when, province_word, as_sentence):
    """Per-level figures summing to the province total (same period)."""
    H = hs(doc)
    figs = rng.choice([["received_total"], ["received_total", "resolved_total"],
                       ["received_total", "resolved_total", "pending_total"], ["received_new", "resolved_total"]])
    tot = sum_blocks([blocks[l] for l, _ in LEVELS])
    paras = []
    name = {l: rng.choice(names) for l, names in LEVELS}
    fw = {"received_total": ["tiếp nhận", "đã nhận", "tổng số hồ sơ tiếp nhận"],
          "received_new": ["tiếp nhận mới", "nhận mới"],
          "resolved_total": ["đã giải quyết", "giải quyết xong", "đã trả kết quả"],
          "pending_total": ["đang giải quyết", "đang xử lý"]}
    for f in figs:
        doc.rel("levels", (total_sc, f), [("%s:%s" % (period_sc, l), f) for l, _ in LEVELS])
    if as_sentence:
        f = figs[0]
        word = rng.choice(fw[f])
        parts = ["%s %s %s" % (name[l], doc.n("%s:%s" % (period_sc, l), f, blocks[l][f]), H) for l, _ in LEVELS]
        sep = rng.choice(["; ", ", "])
        paras.append("%s, %s %s %s %s, trong đó: %s." % (when, province_word, word, doc.n(total_sc, f, tot[f]), H,
                                                         sep.join(parts)))
        for f in figs[1:]:
            word = rng.choice(fw[f])
            parts = ["%s %s" % (name[l], doc.n("%s:%s" % (period_sc, l), f, blocks[l][f])) for l, _ in LEVELS]
            paras.append("Số hồ sơ %s là %s %s (%s)." % (word, doc.n(total_sc, f, tot[f]), H, "; ".join(parts)))
        return paras
    # one paragraph per level
    head = "%s, %s %s" % (when, province_word, ", ".join(
        "%s %s %s" % (rng.choice(fw[f]), doc.n(total_sc, f, tot[f]), H) for f in figs))
    paras.append(head + ". Cụ thể:")
    for l, _ in LEVELS:
        sc = "%s:%s" % (period_sc, l)
        b = blocks[l]
        bits = []
        for f in figs:
            bits.append("%s %s %s" % (rng.choice(fw[f]), doc.n(sc, f, b[f]), H))
        txt = "- %s: %s" % (name[l][0].upper() + name[l][1:], "; ".join(bits))
        if "received_total" in figs and rng.random() < 0.5:
            doc.rel("enum", (sc, "received_total"), [(sc, "received_carryover"), (sc, "received_new")])
            txt += " (kỳ trước chuyển sang %s, tiếp nhận mới %s)" % (
                doc.n(sc, "received_carryover", b["received_carryover"]), doc.n(sc, "received_new", b["received_new"]))
        if "resolved_total" in figs and rng.random() < 0.5:
            eo = b["resolved_early"] + b["resolved_ontime"]
            txt += ", tỷ lệ giải quyết đúng hạn đạt %s" % doc.p(
                sc, "pct_early_ontime_of_resolved", (sc, "resolved_early_ontime"), (sc, "resolved_total"), eo,
                b["resolved_total"])
        paras.append(txt + ".")
    return paras


def render_yoy(doc, rng, sc, figure, cur, label):
    H = hs(doc)
    g = rng.uniform(-0.25, 0.4)
    last = max(1, int(round(cur / (1 + g))))
    diff = cur - last
    word = "tăng" if diff >= 0 else "giảm"
    lsc = "last_year:" + sc
    doc.rels.append(dict(type="yoy", total=(sc, figure), parts=[(lsc, figure), (sc, "yoy_diff_" + figure)]))
    v = rng.randrange(3)
    if v == 2:
        doc.rels.pop()
        return "- Cùng kỳ năm trước: %s %s %s." % (doc.n(lsc, figure, last), H, label)
    pct = doc.p(sc, "yoy_pct_" + figure, (sc, "yoy_diff_" + figure), (lsc, figure), abs(diff), last, rel="yoy")
    if v == 0:
        return "So với cùng kỳ năm trước (%s %s), số hồ sơ %s %s %s %s (%s %s)." % (
            doc.n(lsc, figure, last), H, label, word, doc.n(sc, "yoy_diff_" + figure, abs(diff)), H, word, pct)
    return "Cùng kỳ năm %d là %s %s; so với cùng kỳ năm trước %s %s, tương ứng %s %s." % (
        doc.year - 1, doc.n(lsc, figure, last), H, word, doc.n(sc, "yoy_diff_" + figure, abs(diff)), word, pct)


NOISE = [
    "- Phối hợp các Sở, ngành triển khai thực hiện các nội dung chỉ đạo của Chủ tịch UBND tỉnh tại Công văn số {a}/UBND-TTHC ngày {d}/{m}/{y} về việc nâng cao Chỉ số cải cách hành chính.",
    "- Thực hiện Quyết định số {a}/QĐ-UBND ngày {d}/{m}/{y} của Chủ tịch UBND tỉnh, rà soát, công bố {b} thủ tục hành chính được sửa đổi, bổ sung.",
    "- Trung bình mỗi ngày tiếp nhận khoảng {c} - {c2} hồ sơ, tập trung vào các ngày đầu tuần.",
    "- Tỷ lệ giải quyết đúng hạn của các đơn vị dao động từ {p1} đến {p2}.",
    "- Có {e} ý kiến phản ánh, kiến nghị được tiếp nhận qua đường dây nóng, đã xử lý dứt điểm.",
    "- Góp ý quy trình nội bộ theo yêu cầu của Sở Tài chính, Sở Thông tin và Truyền thông, Sở Tài nguyên và Môi trường.",
    "- Đảm bảo các điều kiện về cơ sở vật chất, thuê dịch vụ giữ xe miễn phí để phục vụ người dân đến thực hiện TTHC.",
    "- Số hồ sơ quá hạn giảm từ {f} xuống còn {g} hồ sơ so với tháng trước.",
    "- Tổ chức {h} lớp tập huấn cho khoảng {i} lượt công chức một cửa cấp huyện, cấp xã.",
]


def noise_line(doc, rng, t=None):
    t = t or rng.choice(NOISE)
    c = rng.randint(150, 900)
    p1 = rng.uniform(90, 97)
    return t.format(a=rng.randint(100, 3999), d=rng.randint(1, 28), m=rng.randint(1, doc.month), y=doc.year,
                    b=rng.randint(3, 90), c=c, c2=c + rng.choice([50, 100, 150]),
                    p1=doc.fmt_pct(round(p1, 1), 1), p2=doc.fmt_pct(round(rng.uniform(p1 + 1, 100), 1), 1),
                    e=rng.randint(2, 30), f=rng.randint(12, 40), g=rng.randint(1, 11), h=rng.randint(2, 6),
                    i=rng.randint(80, 400))


# ----------------------------------------------------------------------------- report


def period_of(rng, month, year, style):
    if style == "16-15":
        pm, py = (month - 1, year) if month > 1 else (12, year - 1)
        return "16/%d/%d" % (pm, py), "15/%d/%d" % (month, year)
    last = [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return "01/%02d/%d" % (month, year), "%d/%02d/%d" % (last, month, year)


def build_report(rng, mix, fault_kind):
    doc = Doc(rng, mix)
    prov, districts = rng.choice(PROVINCES)
    year = rng.randint(2019, 2024)
    month = rng.randint(2, 12)
    doc.year = year
    doc.month = month
    typeB = rng.random() < mix["p_typeB"]
    has_app = rng.random() < mix["p_appendix"]
    pstyle = rng.choice(["16-15", "calendar"])
    pfrom, pto = period_of(rng, month, year, pstyle)
    q = (month - 1) // 3 + 1
    with_quarter = (month % 3 == 0 and month >= 6) or (rng.random() < mix["p_quarter_extra"] and month >= 5 and month % 3 != 1)
    with_ytd = rng.random() < mix["p_ytd"] and month >= 3

    # ---- data
    units, unit_blocks, level_blocks = [], {}, {}
    if typeB:
        scale = rng.choice([8000, 15000, 30000, 60000])
        for l, _ in LEVELS:
            f = {"cap_tinh": rng.uniform(0.2, 0.45), "cap_huyen": rng.uniform(0.2, 0.4), "cap_xa": rng.uniform(0.2, 0.45)}[l]
            level_blocks[l] = make_block(rng, scale * f)
        month_b = sum_blocks([level_blocks[l] for l, _ in LEVELS])
    else:
        k = rng.randint(8, len(UNITS))
        chosen = sorted(rng.sample(range(len(UNITS)), k))
        for i in chosen:
            names = UNITS[i]
            canon = names[0]
            sc = rng.choice([2500, 4000]) if canon in BIG_UNITS else rng.choice([15, 60, 150, 400])
            units.append((canon, rng.choice(names)))
            unit_blocks[canon] = make_block(rng, sc)
        month_b = sum_blocks(list(unit_blocks.values()))
    # for type A, the province / level figures (a different scope from the Centre)
    prov_levels = None
    if not typeB and rng.random() < 0.6:
        prov_levels = {}
        for l, _ in LEVELS:
            base = month_b["received_new"] * rng.uniform(1.05, 1.5) if l == "cap_tinh" else month_b["received_new"] * rng.uniform(0.6, 2.5)
            prov_levels[l] = make_block(rng, base)
    q_b = make_long_block(rng, month_b, month - 3 * (q - 1) - 1) if with_quarter else None
    y_b = make_long_block(rng, month_b, month - 1) if with_ytd else None
    y_levels = None
    if with_ytd and typeB and rng.random() < 0.6:
        y_levels = {l: make_long_block(rng, level_blocks[l], month - 1) for l, _ in LEVELS}
        y_b = sum_blocks([y_levels[l] for l, _ in LEVELS])   # the province's year to date is the sum of its levels

    # ---- heading
    org = rng.choice(["TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "VĂN PHÒNG", "VĂN PHÒNG UBND TỈNH"]) if not typeB else \
        rng.choice(["VĂN PHÒNG", "UBND TỈNH %s" % prov.upper()])
    subj_centre = "Trung tâm" if not typeB else rng.choice(["toàn tỉnh", "các cơ quan, đơn vị trên địa bàn tỉnh"])
    lines = []
    if rng.random() < 0.5:
        lines += ["UBND TỈNH %s" % prov.upper() if org != "UBND TỈNH %s" % prov.upper() else "ỦY BAN NHÂN DÂN", org,
                  "Số:       /BC-%s" % rng.choice(["TTHC", "VPUB", "UBND", "TTPVHCC"]),
                  "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    else:
        lines += ["UBND TỈNH %s\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" % prov.upper(), "%s\tĐộc lập - Tự do - Hạnh phúc" % org,
                  "Số:      /BC-%s" % rng.choice(["TTHC", "VPUB", "UBND"])]
    nm, ny = (month + 1, year) if month < 12 else (1, year + 1)
    lines += ["%s, ngày     tháng %d năm %d" % (prov, nm, ny), "", "BÁO CÁO"]
    title_v = rng.randrange(3)
    if title_v == 0:
        lines += ["Kết quả giải quyết thủ tục hành chính tháng %d năm %d" % (month, year)]
    elif title_v == 1:
        lines += ["Tình hình, kết quả hoạt động tại Trung tâm Phục vụ Hành chính công,",
                  "công tác kiểm soát thủ tục hành chính tháng %d/%d" % (month, year)]
    else:
        lines += ["Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính",
                  "tháng %02d năm %d và phương hướng nhiệm vụ tháng %02d năm %d" % (month, year, nm, ny)]
    lines += [""]
    body = []
    body.append("Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa, một cửa "
                "liên thông trong giải quyết thủ tục hành chính, %s báo cáo kết quả tháng %d năm %d (từ ngày %s đến ngày %s) "
                "như sau:" % (rng.choice(["Trung tâm", "Văn phòng UBND tỉnh", "UBND tỉnh"]), month, year, pfrom, pto))
    body.append("I. KẾT QUẢ TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH")
    body.append("1. Kết quả %s" % rng.choice(["trong tháng", "tháng %d/%d" % (month, year), "trong kỳ báo cáo"]))
    when_m = rng.choice(["Trong tháng", "Trong tháng %d" % month, "Trong kỳ báo cáo", "Tháng %d/%d" % (month, year)])

    # ---- month block
    sc = "month"
    body += render_received(doc, rng, sc, month_b, subj_centre, when_m)
    body += render_resolved(doc, rng, sc, month_b)
    body += render_pending(doc, rng, sc, month_b)
    if rng.random() < 0.6:
        body += render_online_in_block(doc, rng, sc, month_b)
    if month_b["returned"] and rng.random() < 0.4:
        body.append("+ Có %s %s bị trả lại do nội dung chưa đạt yêu cầu hoặc do khách hàng rút hồ sơ." % (
            doc.n(sc, "returned", month_b["returned"]), hs(doc)))
    if rng.random() < 0.5:
        body.append(render_yoy(doc, rng, sc, "received_new", month_b["received_new"],
                               rng.choice(["tiếp nhận mới", "mới tiếp nhận"])))
    if has_app:
        body.append("(Đính kèm Phụ lục I).")
    if rng.random() < 0.6:
        body += render_online_scope(doc, rng, sc, month_b, when_m)

    # ---- levels of the month
    sec = 2
    if typeB:
        body.append("%d. Kết quả theo từng cấp" % sec)
        sec += 1
        body += render_levels(doc, rng, "month", "month", level_blocks, when_m,
                              rng.choice(["toàn tỉnh", "trên địa bàn tỉnh", "cả 3 cấp"]), rng.random() < mix["p_levels_sentence"])
        if rng.random() < 0.5:
            u = rng.choice(["Công an tỉnh", "Sở Tư pháp", "Sở Tài nguyên và Môi trường"])
            ub = make_block(rng, level_blocks["cap_tinh"]["received_new"] * rng.uniform(0.1, 0.4))
            usc = "month:unit:" + u
            doc.rel("enum", (usc, "resolved_total"), [(usc, "resolved_early_ontime"), (usc, "resolved_late")])
            body.append("Riêng %s tiếp nhận %s %s, đã giải quyết %s %s (trước hạn và đúng hạn %s, trễ hạn %s)." % (
                u, doc.n(usc, "received_total", ub["received_total"]), hs(doc), doc.n(usc, "resolved_total", ub["resolved_total"]),
                hs(doc), doc.n(usc, "resolved_early_ontime", ub["resolved_early"] + ub["resolved_ontime"]),
                doc.n(usc, "resolved_late", ub["resolved_late"])))
    else:
        # named bodies (rows of the appendix)
        big = sorted(units, key=lambda u: -unit_blocks[u[0]]["received_total"])
        top = big[:rng.randint(2, 4)]
        rest = [u for u in units if u not in top]
        body.append("Các %s có số lượng hồ sơ tiếp nhận nhiều: %s." % (
            rng.choice(["đơn vị", "Sở, ngành"]),
            "; ".join("%s (%s %s)" % (alias, doc.n("month:unit:" + canon, "received_total", unit_blocks[canon]["received_total"]), hs(doc))
                      for canon, alias in top)))
        for canon, alias in rng.sample(rest, min(len(rest), rng.randint(0, 2))):
            ub = unit_blocks[canon]
            usc = "month:unit:" + canon
            v = rng.randrange(2)
            if v == 0:
                doc.rel("enum", (usc, "resolved_total"), [(usc, "resolved_early"), (usc, "resolved_ontime"), (usc, "resolved_late")])
                body.append("%s tiếp nhận %s %s, đã giải quyết %s %s (trước hạn %s, đúng hạn %s, quá hạn %s), đang giải quyết %s %s." % (
                    alias, doc.n(usc, "received_total", ub["received_total"]), hs(doc), doc.n(usc, "resolved_total", ub["resolved_total"]),
                    hs(doc), doc.n(usc, "resolved_early", ub["resolved_early"]), doc.n(usc, "resolved_ontime", ub["resolved_ontime"]),
                    doc.n(usc, "resolved_late", ub["resolved_late"]), doc.n(usc, "pending_total", ub["pending_total"]), hs(doc)))
            else:
                doc.rel("enum", (usc, "received_total"), [(usc, "received_carryover"), (usc, "received_new")])
                body.append("Đối với %s: tổng số %s %s (kỳ trước %s, mới tiếp nhận %s); đã giải quyết %s %s." % (
                    alias, doc.n(usc, "received_total", ub["received_total"]), hs(doc),
                    doc.n(usc, "received_carryover", ub["received_carryover"]), doc.n(usc, "received_new", ub["received_new"]),
                    doc.n(usc, "resolved_total", ub["resolved_total"]), hs(doc)))
        if prov_levels:
            body.append("%d. Tình hình giải quyết TTHC trên địa bàn tỉnh" % sec)
            sec += 1
            body += render_levels(doc, rng, "month", "month:toan_tinh", prov_levels, when_m,
                                  rng.choice(["toàn tỉnh", "trên địa bàn toàn tỉnh (cả 3 cấp)"]),
                                  rng.random() < mix["p_levels_sentence"])

    # procedure groups (partial: "chủ yếu")
    if rng.random() < 0.6:
        fs = rng.sample(FIELDS, rng.randint(3, 5))
        budget = int(month_b["received_new"] * rng.uniform(0.3, 0.6))
        vals = sorted([int(budget * w) for w in [rng.uniform(0.1, 0.5) for _ in fs]], reverse=True)
        vals = [max(1, x) for x in vals]
        intro = rng.choice(["Các TTHC có tần suất tiếp nhận nhiều chủ yếu tập trung ở một số lĩnh vực:",
                            "Hồ sơ tiếp nhận mới tập trung chủ yếu ở các lĩnh vực",
                            "Một số lĩnh vực có số lượng hồ sơ lớn như:"])
        body.append("%s %s." % (intro, "; ".join("%s (%s %s)" % (f, doc.n("month:field:" + f, "received_new", x), hs(doc))
                                                for f, x in zip(fs, vals))))
    if rng.random() < 0.5:
        r = month_b["resolved_total"]
        ratings = int(r * rng.uniform(0.05, 0.3))
        body.append("- Có %s ý kiến đánh giá của tổ chức, cá nhân thông qua máy đánh giá mức độ hài lòng (chiếm %s %s đã giải quyết); "
                    "kết quả có 100%% tổ chức, cá nhân hài lòng với dịch vụ và thái độ phục vụ." % (
                        doc.n("month", "ratings", ratings),
                        doc.p("month", "pct_ratings_of_resolved", ("month", "ratings"), ("month", "resolved_total"), ratings, r),
                        hs(doc)))
    for t in rng.sample(NOISE, rng.randint(1, 3)):
        body.append(noise_line(doc, rng, t))

    # ---- quarter
    if with_quarter:
        body.append("%d. Kết quả quý %s năm %d" % (sec, ROMAN[q], year))
        sec += 1
        whenq = rng.choice(["Trong quý %s/%d" % (ROMAN[q], year), "Quý %s năm %d" % (ROMAN[q], year),
                            "Tính chung quý %s" % ROMAN[q]])
        body += render_received(doc, rng, "quarter", q_b, subj_centre, whenq)
        body += render_resolved(doc, rng, "quarter", q_b)
        if rng.random() < 0.5:
            body += render_pending(doc, rng, "quarter", q_b)
    # ---- year to date
    if with_ytd:
        body.append("%d. Lũy kế từ đầu năm" % sec)
        wheny = rng.choice(["Lũy kế từ đầu năm đến nay", "Lũy kế %d tháng năm %d" % (month, year),
                            "Tính từ ngày 01/01/%d đến ngày %s" % (year, pto), "Từ đầu năm đến nay"])
        body += render_received(doc, rng, "ytd", y_b, subj_centre, wheny)
        body += render_resolved(doc, rng, "ytd", y_b)
        if rng.random() < 0.5:
            body.append(render_yoy(doc, rng, "ytd", "received_total", y_b["received_total"], "tiếp nhận"))
        if y_levels:
            body += render_levels(doc, rng, "ytd", "ytd", y_levels, wheny, "toàn tỉnh", rng.random() < 0.5)
        if rng.random() < 0.4:
            body += render_online_in_block(doc, rng, "ytd", y_b)

    body.append("II. NHẬN XÉT, ĐÁNH GIÁ")
    body.append("- Số hồ sơ giải quyết trước hạn và đúng hạn chiếm tỷ lệ cao, tuy nhiên vẫn còn hồ sơ giải quyết trễ hạn do "
                "nguyên nhân khách quan (chờ kết quả xác minh của cơ quan liên quan).")
    body.append(noise_line(doc, rng))
    body.append("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG %d" % nm)
    body.append("- Tiếp tục thực hiện tốt Quy chế tổ chức và hoạt động, Quy chế phối hợp giữa Trung tâm với các Sở, ngành.")
    body.append("- Phối hợp các Sở, ngành tăng cường công tác tuyên truyền, khuyến khích người dân sử dụng dịch vụ công trực tuyến.")
    body.append("Trên đây là báo cáo kết quả tháng %d năm %d./." % (month, year))
    tail = ["", "Nơi nhận:", "- Chủ tịch, các PCT. UBND tỉnh (để b/c);", "- Lưu: VT, TTHC.",
            rng.choice(["GIÁM ĐỐC", "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"]),
            rng.choice(["Nguyễn Văn An", "Trần Thị Bích", "Lâm Hoàng Minh", "Phạm Quốc Hùng"])]

    # ---- appendix
    app_lines = []
    app_total = None
    if has_app:
        rows = []
        if typeB:
            for i, (l, _) in enumerate(LEVELS):
                rows.append((str(i + 1), rng.choice(LEVEL_ROW[l]), level_blocks[l], "month:" + l))
        else:
            for i, (canon, alias) in enumerate(units):
                rows.append((str(i + 1), rng.choice(UNITS[[u[0] for u in UNITS].index(canon)]), unit_blocks[canon],
                             "month:unit:" + canon))
        app_lines, app_total = render_appendix(doc, rng, rows, month_b, month, year, pfrom, pto)
        # appendix relations: narrative figure of a scope vs the appendix cell
        for _, _, b, rsc in rows:
            for k, v in b.items():
                doc.rels.append(dict(type="appendix", key=(rsc, k), value=v))
        for k in app_total:
            doc.rels.append(dict(type="appendix", key=("month", k), value=month_b[k]))

    meta = dict(typeB=typeB, appendix=has_app, month=month, year=year, quarter=with_quarter, ytd=with_ytd,
                province=prov, numstyle=doc.numstyle, pct_dot=doc.pct_dot, pct_dec=doc.pct_dec)
    return doc, lines, body, tail, app_lines, meta


def render_appendix(doc, rng, rows, total, month, year, pfrom, pto):
    cols = ["received_total", "received_carryover", "received_new", "resolved_total", "resolved_early", "resolved_ontime",
            "resolved_late", "pending_total", "pending_ontime", "pending_overdue"]
    extra = rng.choice([[], ["returned", "online"], ["online"]])
    cols += extra
    fmt = lambda v: "{:,}".format(v).replace(",", ".")
    out = ["PHỤ LỤC I", "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH THÁNG %d NĂM %d" % (month, year),
           "(TỪ NGÀY %s ĐẾN %s)" % (pfrom, pto),
           "(Kèm theo Báo cáo số      /BC-TTHC ngày      /%d/%d)" % (month, year)]
    xh = {"returned": "Hồ sơ bị trả lại", "online": "Hồ sơ nhận qua trực tuyến"}
    still = rng.choice(["Còn hạn", "Trong hạn"])
    h1 = ["STT", "Đơn vị", "Số hồ sơ nhận giải quyết", "", "", "Kết quả giải quyết"] + [""] * 6 + [xh[c] for c in extra]
    h2 = ["", "", "Tổng số", "Trong đó", "", "Số hồ sơ đã giải quyết", "", "", "", "Số hồ sơ đang giải quyết", "", ""] + [""] * len(extra)
    h3 = ["", "", "", "Kỳ trước", "Số mới tiếp nhận", "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", still, "Quá hạn"] + [""] * len(extra)
    out += ["\t".join(h1), "\t".join(h2), "\t".join(h3)]
    for stt, name, b, _ in rows:
        out.append("\t".join([stt, name] + [fmt(b[c]) for c in cols]))
    lab = rng.choice([("", "Tổng cộng"), (str(len(rows) + 1), "Tổng cộng")])
    out.append("\t".join(list(lab) + [fmt(total[c]) for c in cols]))
    if rng.random() < 0.6:
        parent = {"received_total": "received_total", "received_carryover": "received_total", "received_new": "received_total",
                  "resolved_total": "received_total", "resolved_early": "resolved_total", "resolved_ontime": "resolved_total",
                  "resolved_late": "resolved_total", "pending_total": "received_total", "pending_ontime": "pending_total",
                  "pending_overdue": "pending_total", "returned": "received_total", "online": "received_total"}
        vals = []
        for c in cols:
            d = total[parent[c]]
            vals.append(("%.2f" % (100.0 * total[c] / d if d else 0.0)).replace(".", ","))
        vals[0] = "100,00"
        out.append("\t".join(["", "Tỷ lệ %"] + vals))
    return out, {c: total[c] for c in cols}


# ----------------------------------------------------------------------------- faults


def key_of(m):
    return (m["scope"], m["figure"])


def plant_fault(doc, rng, kind):
    """Choose one rendered figure and a wrong value for it; None when no candidate."""
    mentions = doc.mentions
    occ = {}
    for m in mentions:
        occ.setdefault(key_of(m), []).append(m)
    in_pct = set()
    for r in doc.rels:
        if r["type"] in ("pct", "yoy") and "num" in r:
            in_pct.add(r["num"])
            in_pct.add(r["den"])
        if r["type"] == "yoy" and "total" in r:
            in_pct.add(r["total"])
            for p in r["parts"]:
                in_pct.add(p)
    rendered = set(occ)
    app = {r["key"]: r["value"] for r in doc.rels if r["type"] == "appendix"}

    def single_int(k):
        return k in occ and len(occ[k]) == 1 and occ[k][0]["type"] == "int" and k not in in_pct

    cands = []
    if kind in ("enum_sum", "level_sum"):
        typ = "enum" if kind == "enum_sum" else "levels"
        for r in doc.rels:
            if r["type"] != typ:
                continue
            keys = [r["total"]] + r["parts"]
            if not all(k in rendered for k in keys):
                continue
            for p in r["parts"]:
                if single_int(p):
                    # prefer figures that are not also appendix cells (pure narrative inconsistency)
                    w = 1 if p in app else 3
                    cands += [(p, r)] * w
    elif kind == "percentage":
        for r in doc.rels:
            if r["type"] == "pct" and r["num"] in rendered and r["den"] in rendered:
                cands.append((key_of(mentions[r["mention"]]), r))
    elif kind == "appendix_mismatch":
        for k, v in app.items():
            if single_int(k):
                cands.append((k, None))
    if not cands:
        return None
    k, r = rng.choice(cands)
    m = occ[k][0]
    if kind == "percentage":
        m = mentions[r["mention"]]
        exp = m["value"]
        for _ in range(50):
            d = rng.choice([-1, 1]) * round(rng.uniform(1.0, 12.0), m["dec"])
            st = round(exp + d, m["dec"])
            if 0 < st <= 100 and abs(st - exp) >= 0.95:
                break
        else:
            st = round(exp - 2.5 if exp > 50 else exp + 2.5, m["dec"])
        num = [x["value"] for x in occ.get(r["num"], [])][:1]
        den = [x["value"] for x in occ.get(r["den"], [])][:1]
        fault = dict(kind=kind, scope=m["scope"], figure=m["figure"], stated=st, expected=exp, relation_values=num + den)
        return m["id"], st, fault
    exp = m["value"]
    st = wrong_int(rng, exp)
    rel_vals = []
    if r is not None:
        for kk in [r["total"]] + r["parts"]:
            if kk != k and kk in occ:
                rel_vals.append(occ[kk][0]["value"])
    if kind == "appendix_mismatch":
        fault = dict(kind=kind, scope=m["scope"], figure=m["figure"], stated=st, expected=app[k], relation_values=[])
    else:
        fault = dict(kind=kind, scope=m["scope"], figure=m["figure"], stated=st, expected=exp, relation_values=rel_vals)
    return m["id"], st, fault


def wrong_int(rng, v):
    s = str(v)
    for _ in range(40):
        mode = rng.randrange(4)
        if mode == 0 and len(s) >= 2:
            i = rng.randrange(len(s) - 1)
            if s[i] == s[i + 1]:
                continue
            t = s[:i] + s[i + 1] + s[i] + s[i + 2:]
        elif mode == 1:
            i = rng.randrange(len(s))
            t = s[:i] + str((int(s[i]) + rng.choice([1, 2, 3, 7, 8, 9])) % 10) + s[i + 1:]
        elif mode == 2:
            t = str(v + rng.choice([-1, 1]) * rng.choice([1, 2, 5, 10, 20, 50, 100, 200]))
        else:
            t = str(v + rng.choice([-1, 1]) * rng.randint(1, max(1, v // 10)))
        if t.startswith("0") and len(t) > 1:
            continue
        w = int(t)
        if w > 0 and w != v:
            return w
    return v + 1


# ----------------------------------------------------------------------------- layout


def self_check(doc, override):
    """The rendered figures of a scope agree: every stated sum, level sum, percentage and appendix cell
    holds, and a figure stated twice has one value.  Returns the list of broken relations."""
    val = {}
    bad = []
    for m in doc.mentions:
        v = override.get(m["id"], m["value"])
        k = key_of(m)
        if k in val and val[k] != v:
            bad.append(("repeat", k))
        val.setdefault(k, v)
    for r in doc.rels:
        if r["type"] in ("enum", "levels"):
            keys = [r["total"]] + r["parts"]
            if all(k in val for k in keys) and val[r["total"]] != sum(val[k] for k in r["parts"]):
                bad.append((r["type"], r["total"]))
        elif r["type"] == "pct":
            m = doc.mentions[r["mention"]]
            if r["num"] in val and r["den"] in val and val[r["den"]]:
                want = round(100.0 * val[r["num"]] / val[r["den"]], m["dec"])
                if abs(override.get(m["id"], m["value"]) - want) > 1e-9:
                    bad.append(("pct", key_of(m)))
        elif r["type"] == "appendix":
            if r["key"] in val and val[r["key"]] != r["value"]:
                bad.append(("appendix", r["key"]))
    return bad


def layout_text(rng, mode, head, body, tail):
    out = list(head)
    if mode == "lines":
        for p in body:
            out.append(p)
            if rng.random() < 0.5:
                out.append("")
    else:
        width = rng.randint(72, 86)
        for p in body:
            wrapped = textwrap.wrap(p, width=width, break_long_words=False, break_on_hyphens=False) or [""]
            for w in wrapped:
                if mode == "pdfwrap":
                    out.append(w + " ")
                    out.append("")
                else:
                    out.append(w)
    out += tail
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=301)
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--mix", choices=sorted(MIXES), default="dev")
    a = ap.parse_args()
    mix = MIXES[a.mix]
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(a.seed)
    n_clean = 0
    by_kind = {}
    for i in range(a.count):
        fseed = rng.randrange(1 << 30)
        clean = rng.random() < mix["p_clean"]
        kind = None if clean else wchoice(rng, mix["faults"])
        for attempt in range(200):
            r = random.Random(fseed + attempt * 7919)
            doc, head, body, tail, app, meta = build_report(r, mix, kind)
            override, faults = {}, []
            if kind:
                res = plant_fault(doc, r, kind)
                if res is None:
                    continue
                mid, st, fault = res
                override[mid] = st
                faults.append(fault)
            break
        else:
            raise SystemExit("could not plant %s in file %d" % (kind, i))
        bad = self_check(doc, override)
        if (not kind and bad) or (kind and not bad):
            raise SystemExit("self-check failed for file %d (%s): %s" % (i, kind, bad))
        text_body = [doc.render(p, override) for p in body]
        lines = layout_text(r, wchoice(r, mix["layouts"]), head, text_body, tail)
        if app:
            lines += ["", ""] + app
        name = "ns_%03d_%s" % (i, kind or "clean")
        with open(os.path.join(a.out, name + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        figures = [dict(scope=m["scope"], figure=m["figure"], value=override.get(m["id"], m["value"]), type=m["type"])
                   for m in doc.mentions]
        with open(os.path.join(a.out, name + ".truth.json"), "w", encoding="utf-8") as f:
            json.dump(dict(faults=faults, figures=figures, meta=meta), f, ensure_ascii=False, indent=1)
        n_clean += clean
        if kind:
            by_kind[kind] = by_kind.get(kind, 0) + 1
    print("wrote %d files to %s: %d clean, faults %s" % (a.count, a.out, n_clean, by_kind))


if __name__ == "__main__":
    main()
