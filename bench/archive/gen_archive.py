#!/usr/bin/python3
"""Synthetic multi-province archive of monthly reports of provincial Public
Administration Service Centres (Trung tâm Phục vụ hành chính công), with truth.

Each province gets a run of monthly reports (and a few quarterly ones) whose clerks
change the file format, heading layout, header wording, column order and unit
spellings over the months.  Values follow the carry-over rule (this month's
"kỳ trước" of a unit = last month's "đang giải quyết" of that unit).  Planted:
gaps, duplicates (CRLF copy, byte copy under another name), conflicts (a second,
different document for the same body and period), carry-over breaks, single body
cell faults, narrative errors.  About half of the documents carry no fault.

Usage: gen_archive.py --seed S --out DIR [--provinces K] [--months M|LO-HI]
                      [--exclude "Tỉnh A,Tỉnh B"] [--no-pdf]
Writes DIR/<province>/... and DIR/truth.json (the truth is .json, which sohoa ingest
does not take).  See README.md for the truth schema.
"""
import argparse
import calendar
import copy
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from archlib import (CORE_KEYS, TOTAL_UNIT, encode_tcvn3, fmt_int, fmt_pct, pct)

# ----------------------------------------------------------------------------------
# Provinces, districts, departments and the ways clerks write them
PROVINCES = {
    "Bến Tre": ["Châu Thành", "Mỏ Cày Nam", "Ba Tri", "Giồng Trôm"],
    "Quảng Ngãi": ["Bình Sơn", "Sơn Tịnh", "Tư Nghĩa", "Mộ Đức"],
    "Lào Cai": ["Bát Xát", "Bảo Thắng", "Văn Bàn", "Bảo Yên"],
    "Đắk Lắk": ["Krông Pắc", "Cư M'gar", "Ea Kar", "Buôn Đôn"],
    "Bình Định": ["Tuy Phước", "Phù Cát", "Phù Mỹ", "Tây Sơn"],
    "Hà Tĩnh": ["Cẩm Xuyên", "Hương Sơn", "Thạch Hà", "Can Lộc"],
    "Tây Ninh": ["Châu Thành", "Gò Dầu", "Tân Biên", "Dương Minh Châu"],
    "Yên Bái": ["Văn Chấn", "Lục Yên", "Trấn Yên", "Yên Bình"],
    "Kon Tum": ["Đắk Hà", "Sa Thầy", "Ngọc Hồi", "Kon Plông"],
    "Hậu Giang": ["Châu Thành A", "Phụng Hiệp", "Vị Thủy", "Long Mỹ"],
    "Thái Bình": ["Đông Hưng", "Hưng Hà", "Kiến Xương", "Tiền Hải"],
    "Phú Yên": ["Tuy An", "Sơn Hòa", "Đồng Xuân", "Tây Hòa"],
}

# canonical name -> (scale of monthly intake, variants [abbreviated, other spellings])
DEPARTMENTS = [
    ("Sở Thông tin và Truyền thông", 15, ["Sở TT&TT", "Sở Thông tin & Truyền thông", "Sở TTTT"]),
    ("Sở Công Thương", 400, ["Sở Công thương", "Sở CT"]),
    ("Sở Giáo dục và Đào tạo", 90, ["Sở GD&ĐT", "Sở Giáo dục & Đào tạo", "Sở GDĐT"]),
    ("Sở Giao thông vận tải", 2500, ["Sở GTVT", "Sở Giao thông - Vận tải", "Sở Giao thông Vận tải"]),
    ("Sở Kế hoạch và Đầu tư", 450, ["Sở KH&ĐT", "Sở Kế hoạch & Đầu tư", "Sở KHĐT"]),
    ("Sở Khoa học và Công nghệ", 8, ["Sở KH&CN", "Sở Khoa học & Công nghệ", "Sở KHCN"]),
    ("Sở Lao động - Thương binh và Xã hội", 150, ["Sở LĐTB&XH", "Sở Lao động-Thương binh và Xã hội", "Sở Lao động TB&XH"]),
    ("Sở Nội vụ", 100, ["Sở Nội Vụ", "Sở NV"]),
    ("Sở Nông nghiệp và Phát triển nông thôn", 350, ["Sở NN&PTNT", "Sở Nông nghiệp và PTNT", "Sở NNPTNT"]),
    ("Sở Tài chính", 50, ["Sở Tài Chính", "Sở TC"]),
    ("Sở Tài nguyên và Môi trường", 120, ["Sở TN&MT", "Sở Tài nguyên & Môi trường", "Sở TNMT"]),
    ("Sở Tư pháp", 550, ["Sở Tư Pháp", "Sở TP"]),
    ("Sở Văn hóa, Thể thao và Du lịch", 80, ["Sở VH,TT&DL", "Sở Văn hoá, Thể thao và Du lịch", "Sở VHTTDL"]),
    ("Sở Xây dựng", 110, ["Sở Xây Dựng", "Sở XD"]),
    ("Sở Y tế", 220, ["Sở Y Tế", "Sở YT"]),
    ("Công an tỉnh", 3500, ["CA tỉnh", "Công an Tỉnh"]),
    ("Bảo hiểm xã hội tỉnh", 2000, ["BHXH tỉnh", "Bảo hiểm xã hội"]),
]
JOINERS = [
    ("Ban Quản lý các Khu công nghiệp", 30, ["BQL các KCN", "Ban QL các Khu công nghiệp", "Ban Quản lý các KCN"]),
    ("Sở Ngoại vụ", 6, ["Sở Ngoại Vụ", "Sở NgV"]),
    ("Ban Dân tộc", 5, ["Ban Dân Tộc", "Ban DT tỉnh"]),
]


def district_unit(d):
    return ("UBND huyện " + d, 60,
            ["UBND H. " + d, "Ủy ban nhân dân huyện " + d, "UBND H " + d, "Uỷ ban nhân dân huyện " + d])


# ----------------------------------------------------------------------------------
# Header wordings: each returns the header tree for the chosen order/wording.
RECV = ["Số hồ sơ nhận giải quyết", "Tiếp nhận", "Số hồ sơ tiếp nhận", "Hồ sơ nhận giải quyết"]
CARRY = ["Kỳ trước", "Từ kỳ trước chuyển sang", "Kỳ trước chuyển qua", "Tồn kỳ trước"]
NEW = ["Số mới tiếp nhận", "Mới tiếp nhận", "Tiếp nhận mới", "Nhận mới trong kỳ"]
DONE = ["Số hồ sơ đã giải quyết", "Đã giải quyết", "Hồ sơ đã giải quyết"]
EARLY = ["Trước hạn"]
ONTIME = ["Đúng hạn"]
LATE = ["Quá hạn", "Trễ hạn"]
PEND = ["Số hồ sơ đang giải quyết", "Đang giải quyết", "Hồ sơ đang giải quyết"]
PEND_OK = ["Còn hạn", "Trong hạn", "Chưa đến hạn"]
PEND_LATE = ["Quá hạn"]
TOTAL_W = ["Tổng số", "Tổng"]
RETURNED = ["Hồ sơ bị trả lại", "Số hồ sơ trả lại"]
ONLINE = ["Hồ sơ nhận qua trực tuyến", "Hồ sơ trực tuyến", "Tiếp nhận trực tuyến"]
UNIT_HDR = ["Đơn vị", "Tên đơn vị", "Cơ quan, đơn vị", "Sở, ngành"]


def node(label, key=None, children=None):
    return {"label": label, "key": key, "children": children or []}


def header_tree(w, extras):
    """w: wording dict (indices and flags).  Returns the list of top nodes."""
    tot = TOTAL_W[w["tot"]]
    recv_kids = [node(tot, "received_total"),
                 node("Trong đó", None, [node(CARRY[w["carry"]], "received_carryover"),
                                         node(NEW[w["new"]], "received_new")])]
    if w.get("recv_total_last"):
        recv_kids = [node(CARRY[w["carry"]], "received_carryover"),
                     node(NEW[w["new"]], "received_new"), node(tot, "received_total")]
    recv = node(RECV[w["recv"]], None, recv_kids)
    done = node(DONE[w["done"]], None, [node(tot, "resolved_total"), node(EARLY[0], "resolved_early"),
                                       node(ONTIME[0], "resolved_ontime"), node(LATE[w["late"]], "resolved_late")])
    pend = node(PEND[w["pend"]], None, [node(tot, "pending_total"), node(PEND_OK[w["pok"]], "pending_ontime"),
                                       node(PEND_LATE[0], "pending_overdue")])
    groups = [done, pend] if not w.get("pend_first") else [pend, done]
    top = [node("STT", "stt"), node(UNIT_HDR[w["unit"]], "unit"), recv]
    if w.get("result_group", True):
        top.append(node("Kết quả giải quyết", None, groups))
    else:
        top.extend(groups)
    ex = []
    if "returned" in extras:
        ex.append(node(RETURNED[w["ret"]], "returned"))
    if "online" in extras:
        ex.append(node(ONLINE[w["onl"]], "online"))
    if w.get("online_first"):
        ex.reverse()
    return top + ex


PL2_KEYS = ["satisfied_service", "satisfied_attitude", "unsatisfied_staff", "unsatisfied_time",
            "feedback", "ratings_total"]
PL2_LABELS = {"satisfied_service": ["Hài lòng với dịch vụ", "Hài lòng về dịch vụ"],
              "satisfied_attitude": ["Hài lòng về thái độ phục vụ", "Hài lòng thái độ phục vụ"],
              "unsatisfied_staff": ["Không hài lòng về nghiệp vụ nhân viên", "Không hài lòng về chuyên môn"],
              "unsatisfied_time": ["Không hài lòng về thời gian giao dịch", "Không hài lòng về thời gian"],
              "feedback": ["Ý kiến góp ý", "Góp ý"],
              "ratings_total": ["Tổng cộng", "Tổng số lượt đánh giá"]}


def pl2_tree(w):
    i = w["pl2"]
    return [node("STT", "stt"), node("Tên đơn vị", "unit")] + \
        [node(PL2_LABELS[k][i % len(PL2_LABELS[k])], k) for k in PL2_KEYS]


def pl2_values(rng, v):
    n = int(round(v["resolved_total"] * rng.uniform(0.02, 0.2)))
    us = int(round(n * rng.uniform(0, 0.01)))
    ut = int(round(n * rng.uniform(0, 0.01)))
    fb = int(round(n * rng.uniform(0, 0.02)))
    rest = max(0, n - us - ut - fb)
    ss = int(round(rest * rng.uniform(0.1, 0.6)))
    out = {"satisfied_service": ss, "satisfied_attitude": rest - ss, "unsatisfied_staff": us,
           "unsatisfied_time": ut, "feedback": fb}
    out["ratings_total"] = sum(out.values())
    return out


PL2_PCT = {k: "ratings_total" for k in PL2_KEYS}


def pl2_title(rep):
    return ["PHỤ LỤC II",
            "THỐNG KÊ SỐ HỒ SƠ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG VÀ Ý KIẾN GÓP Ý CỦA TỔ CHỨC, CÁ NHÂN",
            "%s (TỪ %s ĐẾN %s)" % (rep["period_words"].upper(), rep["from_s"], rep["to_s"])]


def leaves(nodes):
    out = []
    for n in nodes:
        if n["children"]:
            out.extend(leaves(n["children"]))
        else:
            out.append(n)
    return out


def depth(nodes):
    return max(1 + (depth(n["children"]) if n["children"] else 0) for n in nodes)


def leaf_paths(nodes, prefix=()):
    out = []
    for n in nodes:
        p = prefix + (n["label"],)
        if n["children"]:
            out.extend(leaf_paths(n["children"], p))
        else:
            out.append((p, n["key"]))
    return out


# ----------------------------------------------------------------------------------
# Simulation of one province
def simulate(rng, units, months, joiner, join_at, breaks):
    """units: list of (canon, scale).  Returns {month_index: {unit: values}}.
    breaks: {(month_index, unit): delta} planted carry-over breaks."""
    state = {}
    data = {}
    for mi in range(len(months)):
        y, m = months[mi]
        season = 1.0 + 0.25 * (m in (1, 2)) * -1 + 0.15 * (m in (7, 8, 12))
        row = {}
        for canon, scale in units:
            if canon == joiner and mi < join_at:
                continue
            if canon not in state:
                state[canon] = {"pending": 0 if canon == joiner else int(scale * rng.uniform(0.05, 0.4)),
                                "ratio": rng.uniform(0.72, 0.95), "overdue": rng.uniform(0, 0.04),
                                "late": rng.uniform(0, 0.02), "ontime": rng.uniform(0, 0.2),
                                "online": rng.uniform(0.05, 0.7)}
            st = state[canon]
            carry = st["pending"] + breaks.get((mi, canon), 0)
            carry = max(carry, 0)
            new = max(0, int(round(scale * season * rng.uniform(0.6, 1.4))))
            if canon == joiner and mi == join_at:
                new = max(1, new // 3)
            rt = carry + new
            rv = min(rt, int(round(rt * min(0.99, st["ratio"] * rng.uniform(0.9, 1.08)))))
            late = min(rv, int(round(rv * st["late"] * rng.uniform(0, 2))))
            ontime = min(rv - late, int(round(rv * st["ontime"] * rng.uniform(0.5, 1.5))))
            early = rv - late - ontime
            pend = rt - rv
            pod = min(pend, int(round(pend * st["overdue"] * rng.uniform(0, 2))))
            returned = min(new, int(round(new * rng.uniform(0, 0.01))))
            online = min(new, int(round(new * st["online"] * rng.uniform(0.8, 1.2))))
            row[canon] = {"received_total": rt, "received_carryover": carry, "received_new": new,
                          "resolved_total": rv, "resolved_early": early, "resolved_ontime": ontime,
                          "resolved_late": late, "pending_total": pend, "pending_ontime": pend - pod,
                          "pending_overdue": pod, "returned": returned, "online": online}
            st["pending"] = pend
        data[mi] = row
    return data


def quarter_values(data, mis):
    out = {}
    for u in data[mis[-1]]:
        if not all(u in data[mi] for mi in mis):
            present = [mi for mi in mis if u in data[mi]]
        else:
            present = mis
        first, last = data[present[0]][u], data[present[-1]][u]
        v = {k: sum(data[mi][u][k] for mi in present)
             for k in ("resolved_total", "resolved_early", "resolved_ontime", "resolved_late",
                       "returned", "online")}
        v["received_carryover"] = first["received_carryover"]
        v["pending_total"] = last["pending_total"]
        v["pending_ontime"] = last["pending_ontime"]
        v["pending_overdue"] = last["pending_overdue"]
        v["received_total"] = v["resolved_total"] + v["pending_total"]
        v["received_new"] = v["received_total"] - v["received_carryover"]
        if v["received_new"] < 0:   # a carry-over break inside the quarter
            v["received_carryover"] += v["received_new"]
            v["received_new"] = 0
        v["online"] = min(v["online"], v["received_new"])
        v["returned"] = min(v["returned"], v["received_new"])
        out[u] = v
    return out


# ----------------------------------------------------------------------------------
# Text pieces
FILLER = [
    "Trung tâm phối hợp các sở ngành thực hiện tốt quy chế phối hợp; theo dõi, đôn đốc các quầy sở ngành tiếp nhận và trả kết quả giải quyết TTHC đúng hạn; trường hợp trễ hạn cần có văn bản xin lỗi người dân kịp thời, đúng quy định.",
    "Phối hợp với Sở Thông tin và Truyền thông rà soát, cấu hình quy trình điện tử trên Hệ thống thông tin giải quyết TTHC tỉnh theo Quyết định số {qd}/QĐ-UBND ngày {d1}/{m1}/{y1} của Chủ tịch UBND tỉnh.",
    "Đôn đốc các Sở, ngành niêm yết các TTHC được sửa đổi, bổ sung hoặc ban hành mới theo Quyết định công bố của Chủ tịch UBND tỉnh; rà soát, xây dựng kịp thời các quy trình nội bộ.",
    "Hỗ trợ, hướng dẫn tổ chức, cá nhân nộp hồ sơ trực tuyến mức độ 3, mức độ 4 và thanh toán phí, lệ phí không dùng tiền mặt tại Trung tâm.",
    "Tham mưu Chủ tịch UBND tỉnh ban hành Công văn số {cv}/UBND-TTHC ngày {d1}/{m1}/{y1} về việc chấn chỉnh tình trạng hồ sơ giải quyết quá hạn.",
    "Phối hợp Bưu điện tỉnh thực hiện tiếp nhận và trả kết quả giải quyết TTHC qua dịch vụ bưu chính công ích; trong kỳ có {bc} hồ sơ được trả qua dịch vụ bưu chính.",
    "Công chức các Sở, ngành làm việc tại Trung tâm chấp hành tốt giờ giấc làm việc, nội quy làm việc và nêu cao tinh thần trách nhiệm phục vụ người dân.",
    "Có {yk} ý kiến đánh giá của tổ chức, cá nhân đến giao dịch tại Trung tâm thông qua máy đánh giá mức độ hài lòng; kết quả có {ykp}% tổ chức, cá nhân hài lòng.",
    "Tổ chức họp giao ban với các Sở, ngành vào ngày {d1}/{m1}/{y1} để đánh giá tình hình giải quyết hồ sơ quá hạn và thống nhất giải pháp khắc phục.",
    "Bảo đảm các điều kiện về cơ sở vật chất, trang thiết bị phục vụ hoạt động của Trung tâm; đề xuất trang bị bổ sung máy lấy số thứ tự tự động.",
]
TASKS = [
    "Tiếp tục thực hiện tốt Quy chế tổ chức và hoạt động, Quy chế phối hợp giữa Trung tâm với các Sở, ngành.",
    "Theo dõi, đôn đốc các Sở, ngành tiếp nhận và giải quyết các TTHC thuộc thẩm quyền đúng thời hạn quy định.",
    "Phối hợp các Sở, ngành tăng cường công tác tuyên truyền, khuyến khích người dân sử dụng dịch vụ công trực tuyến.",
    "Thực hiện chấm điểm đánh giá việc giải quyết TTHC của các Sở, ngành theo quy định.",
]
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def nz(v, pad):
    """Narrative number: dot thousands, '09' style padding for small numbers."""
    return ("%02d" % v) if (pad and 0 <= v < 10) else fmt_int(v)


def narrative(rep, tmpl, pad, stated):
    """stated: the total figures as the narrative writes them (may hold an error)."""
    s = stated
    per = rep["period_words"]
    rt = s["received_total"]
    if tmpl == 0:
        return [
            "- Trung tâm đã nhận được %s hồ sơ TTHC, trong đó:" % nz(rt, pad),
            "+ Kỳ trước chuyển sang: %s hồ sơ, tiếp nhận mới: %s hồ sơ;" % (nz(s["received_carryover"], pad), nz(s["received_new"], pad)),
            "+ Đã giải quyết %s hồ sơ (chiếm %s%% trên tổng số %s hồ sơ); trong đó, trả hồ sơ trước hạn và đúng hạn là %s hồ sơ, chiếm %s%%; số hồ sơ đã giải quyết trễ hạn %s hồ sơ (chiếm %s%%)."
            % (nz(s["resolved_total"], pad), fmt_pct(pct(s["resolved_total"], rt)), nz(rt, pad),
               nz(s["resolved_early"] + s["resolved_ontime"], pad),
               fmt_pct(pct(s["resolved_early"] + s["resolved_ontime"], s["resolved_total"])),
               nz(s["resolved_late"], pad), fmt_pct(pct(s["resolved_late"], s["resolved_total"]))),
            "+ Đang giải quyết %s hồ sơ (chiếm %s %% trên tổng số %s hồ sơ); trong đó, đang giải quyết còn hạn là %s hồ sơ; đang giải quyết quá hạn là %s hồ sơ."
            % (nz(s["pending_total"], pad), fmt_pct(pct(s["pending_total"], rt)), nz(rt, pad),
               nz(s["pending_ontime"], pad), nz(s["pending_overdue"], pad)),
        ]
    if tmpl == 1:
        return ["Trong %s, tổng số hồ sơ tiếp nhận là %s hồ sơ (kỳ trước chuyển sang %s hồ sơ, tiếp nhận mới %s hồ sơ); đã giải quyết %s hồ sơ, trong đó trước hạn %s hồ sơ, đúng hạn %s hồ sơ, quá hạn %s hồ sơ; đang giải quyết %s hồ sơ (trong hạn %s hồ sơ, quá hạn %s hồ sơ)."
                % (per, nz(rt, pad), nz(s["received_carryover"], pad), nz(s["received_new"], pad),
                   nz(s["resolved_total"], pad), nz(s["resolved_early"], pad), nz(s["resolved_ontime"], pad),
                   nz(s["resolved_late"], pad), nz(s["pending_total"], pad), nz(s["pending_ontime"], pad),
                   nz(s["pending_overdue"], pad))]
    return [
        "a) Tổng số hồ sơ tiếp nhận: %s hồ sơ, trong đó:" % nz(rt, pad),
        "- Số hồ sơ từ kỳ trước chuyển qua: %s hồ sơ;" % nz(s["received_carryover"], pad),
        "- Số hồ sơ tiếp nhận mới trong kỳ: %s hồ sơ." % nz(s["received_new"], pad),
        "b) Số hồ sơ đã giải quyết: %s hồ sơ (trước hạn: %s; đúng hạn: %s; quá hạn: %s)."
        % (nz(s["resolved_total"], pad), nz(s["resolved_early"], pad), nz(s["resolved_ontime"], pad), nz(s["resolved_late"], pad)),
        "c) Số hồ sơ đang giải quyết: %s hồ sơ, trong đó còn hạn %s hồ sơ, quá hạn %s hồ sơ."
        % (nz(s["pending_total"], pad), nz(s["pending_ontime"], pad), nz(s["pending_overdue"], pad)),
    ]


# Which narrative figure can be made wrong in which template (single figures only)
NARR_KEYS = {0: ["received_total", "received_carryover", "received_new", "resolved_total", "resolved_late",
                 "pending_total", "pending_ontime", "pending_overdue"],
             1: ["received_total", "received_carryover", "received_new", "resolved_total", "resolved_early",
                 "resolved_ontime", "resolved_late", "pending_total", "pending_ontime", "pending_overdue"],
             2: ["received_total", "received_carryover", "received_new", "resolved_total", "resolved_early",
                 "resolved_ontime", "resolved_late", "pending_total", "pending_ontime", "pending_overdue"]}


def typo(rng, v):
    """A clerk's slip on one number: a digit changed, two digits swapped, a digit
    dropped or doubled, or a small miscount.  Never returns v."""
    s = str(v)
    for _ in range(50):
        kind = rng.choice(["digit", "swap", "drop", "dup", "small"])
        if kind == "digit":
            i = rng.randrange(len(s))
            t = s[:i] + rng.choice([d for d in "0123456789" if d != s[i]]) + s[i + 1:]
        elif kind == "swap" and len(s) >= 2:
            i = rng.randrange(len(s) - 1)
            t = s[:i] + s[i + 1] + s[i] + s[i + 2:]
        elif kind == "drop" and len(s) >= 2:
            i = rng.randrange(len(s))
            t = s[:i] + s[i + 1:]
        elif kind == "dup" and len(s) <= 4:
            i = rng.randrange(len(s))
            t = s[:i] + s[i] + s[i:]
        else:
            t = str(v + rng.choice([-10, -3, -2, -1, 1, 2, 3, 10]))
        t = t.lstrip("0") or "0"
        if t != s and not t.startswith("-"):
            return int(t)
    return v + 1


# ----------------------------------------------------------------------------------
# Document model -> renderers
def wrap(text, width):
    return textwrap.wrap(text, width) or [""]


def render_heading(rep, style, sep):
    L = ["UBND TỈNH " + rep["province"].upper(), "TRUNG TÂM PHỤC VỤ", "HÀNH CHÍNH CÔNG"] \
        if style.get("three_left") else ["UBND TỈNH " + rep["province"].upper(), "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"]
    R = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    so = "Số: %s/BC-%s" % (rep["number"], rep["code"])
    place = "%s, ngày %s tháng %s năm %d" % (rep["province"], rep["sign_d"], rep["sign_m"], rep["sign_y"])
    kind = style["heading"]
    out = []
    if kind == "stacked":          # one column after the other (PDF text layer order)
        out += L + [so, ""] + R + ["", "   " + place]
    elif kind == "so_with_province":   # "Số:" on the line of the left heading
        out.append(L[0] + sep + R[0])
        out.append(L[1] + "  " + so + sep + R[1]) if len(L) == 2 else out.extend(
            [L[1] + sep + R[1], L[2] + "  " + so])
        out.append(sep + place)
    else:                          # two columns side by side, padded or tabbed
        rows = max(len(L), len(R))
        for i in range(rows):
            left = L[i] if i < len(L) else ""
            right = R[i] if i < len(R) else ""
            out.append(pad_join(left, right, sep))
        out.append(pad_join(so, place, sep))
    return out


def pad_join(left, right, sep):
    if sep == "\t":
        return left + "\t" + right
    return left.ljust(44) + right


def title_lines(rep, style):
    t = style["title"]
    if rep["kind"] == "quarter":
        words = "quý %s năm %d" % (ROMAN[rep["q"]], rep["y"])
    else:
        words = "tháng %d năm %d" % (rep["m"], rep["y"]) if t != 2 else "tháng %02d/%d" % (rep["m"], rep["y"])
    if t == 0:
        return ["BÁO CÁO", "Kết quả giải quyết thủ tục hành chính " + words]
    if t == 1:
        return ["BÁO CÁO", "Tình hình, kết quả hoạt động của Trung tâm Phục vụ hành chính công", words]
    return ["BÁO CÁO", "Kết quả tiếp nhận, giải quyết TTHC " + words]


def body_lines(rep, style, rng):
    prov = rep["province"]
    y = rep["y"]
    fill = {"qd": rng.randint(100, 2999), "cv": rng.randint(100, 3999), "d1": rng.randint(1, 28),
            "m1": rep["sign_m"], "y1": rep["sign_y"], "bc": rng.randint(20, 900), "yk": rng.randint(100, 1500),
            "ykp": "100"}
    if rep.get("pl2"):   # the narrative quotes Phụ lục II right
        t2 = rep["pl2"]["total"]
        fill["yk"] = fmt_int(t2["ratings_total"])
        fill["ykp"] = fmt_pct(pct(t2["satisfied_service"] + t2["satisfied_attitude"], t2["ratings_total"]))
    intro = ("Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa, "
             "một cửa liên thông trong giải quyết thủ tục hành chính và Quy chế tổ chức, hoạt động của Trung tâm "
             "Phục vụ hành chính công tỉnh %s (gọi tắt là Trung tâm), Trung tâm báo cáo kết quả giải quyết thủ tục "
             "hành chính %s (từ ngày %s đến ngày %s) như sau:" % (prov, rep["period_words"], rep["from_s"], rep["to_s"]))
    out = [intro, "", "1. Tình hình, kết quả giải quyết thủ tục hành chính", ""]
    out += narrative(rep, style["narr"], style["pad"], rep["narr_stated"])
    out.append("(Đính kèm Phụ lục I).")
    out += ["", "2. Các hoạt động khác"]
    for f in rng.sample(FILLER, 4):
        out.append("- " + f.format(**fill))
    if rep["kind"] == "month":
        nm, ny = (rep["m"] % 12) + 1, y + (rep["m"] == 12)
        out += ["", "3. Nhiệm vụ trọng tâm tháng %d năm %d" % (nm, ny)]
        prev = 12 if rep["m"] == 1 else rep["m"] - 1
        out.append("- So với tháng %d, tỷ lệ hồ sơ giải quyết đúng hạn tăng %s %%." % (prev, fmt_pct(rng.uniform(0.1, 3))))
    else:
        out += ["", "3. Nhiệm vụ trọng tâm quý %s năm %d" % (ROMAN[rep["q"] % 4 + 1], y + (rep["q"] == 4))]
    for t in rng.sample(TASKS, 3):
        out.append("- " + t)
    out += ["", "Trên đây là báo cáo kết quả giải quyết thủ tục hành chính %s của Trung tâm./." % rep["period_words"], "",
            "Nơi nhận:", "- UBND tỉnh (để b/c);", "- Văn phòng UBND tỉnh;", "- Các Sở, ngành tỉnh;", "- Lưu: VT, %s." % rep["code"],
            "", "GIÁM ĐỐC", "", "", rep["signer"]]
    return out


def appendix_title(rep):
    per = rep["period_words"].upper()
    return ["PHỤ LỤC I",
            "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH %s" % per,
            "(TỪ NGÀY %s ĐẾN NGÀY %s)" % (rep["from_s"], rep["to_s"]),
            "(Kèm theo Báo cáo số %s/BC-%s ngày %s/%s/%d của Trung tâm Phục vụ hành chính công)"
            % (rep["number"], rep["code"], rep["sign_d"], rep["sign_m"], rep["sign_y"])]


def table_cells(rep, style):
    """Rows of strings: body rows, total row, percent row (cells for leaves after STT/unit)."""
    ns = style["num"]
    keys = [n["key"] for n in leaves(rep["tree"])][2:]
    body = []
    for i, (name, vals) in enumerate(rep["rows"], 1):
        body.append([str(i), name] + [fmt_int(vals[k], ns) for k in keys])
    tot = rep["total"]
    total = [str(len(body) + 1) if style["numbered_total"] else "", "Tổng cộng"] + [fmt_int(tot[k], ns) for k in keys]
    pr = None
    if style["percent"]:
        base = rep.get("pct_base") or {"received_total": "received_total", "received_carryover": "received_total",
                "received_new": "received_total", "resolved_total": "received_total",
                "resolved_early": "resolved_total", "resolved_ontime": "resolved_total",
                "resolved_late": "resolved_total", "pending_total": "received_total",
                "pending_ontime": "pending_total", "pending_overdue": "pending_total",
                "returned": "received_total", "online": "received_total"}
        pr = [str(len(body) + 2) if style["numbered_total"] else "", "Tỷ lệ %"] + \
             [fmt_pct(pct(tot[k], tot[base[k]])) for k in keys]
    return keys, body, total, pr


def header_grid(tree):
    """Grid placement: list of (level, col0, colspan, rowspan, label)."""
    D = depth(tree)
    out = []

    def walk(nodes, level, col):
        for n in nodes:
            span = len(leaves([n])) if n["children"] else 1
            rs = 1 if n["children"] else D - level
            out.append((level, col, span, rs, n["label"]))
            if n["children"]:
                walk(n["children"], level + 1, col)
            col += span
    walk(tree, 0, 0)
    return D, out


def render_table_layout(rep, style):
    """pdftotext -layout like: aligned columns, header cells wrapped in their widths."""
    keys, body, total, pr = table_cells(rep, style)
    uw = style["unit_width"]
    widths = [4, uw] + [max(7, max(len(r[j + 2]) for r in body + [total]) + 1) for j in range(len(keys))]
    D, grid = header_grid(rep["tree"])
    lines_per_level = []
    placed = []
    for level in range(D):
        cells = [g for g in grid if g[0] == level]
        mx = 1
        for (lv, c0, span, rs, label) in cells:
            w = sum(widths[c0:c0 + span]) + span - 1
            wl = wrap(label, max(3, w - 1))
            placed.append((lv, c0, w, wl))
            mx = max(mx, len(wl))
        lines_per_level.append(mx)
    starts = [sum(widths[:i]) + i for i in range(len(widths))]
    total_w = starts[-1] + widths[-1]
    hdr = []
    for level in range(D):
        canvas = [[" "] * (total_w + 2) for _ in range(lines_per_level[level])]
        for (lv, c0, w, wl) in placed:
            if lv != level:
                continue
            for li, t in enumerate(wl):
                x = starts[c0] + max(0, (w - len(t)) // 2)
                for k, ch in enumerate(t):
                    if x + k < len(canvas[li]):
                        canvas[li][x + k] = ch
        hdr += ["".join(r).rstrip() for r in canvas]
    out = hdr + [""]
    for r in body + [total] + ([pr] if pr else []):
        name_lines = wrap(r[1], uw - 1)
        line = r[0].rjust(3) + " " + name_lines[0].ljust(uw)
        for j, v in enumerate(r[2:]):
            line += " " + v.rjust(widths[j + 2])
        out.append(line.rstrip())
        for extra in name_lines[1:]:
            out.append("    " + extra)
    return out


def render_table_raw(rep, style):
    """Text layer without layout (like seed 000): header cells broken over lines,
    one flattened line per row."""
    keys, body, total, pr = table_cells(rep, style)
    D, grid = header_grid(rep["tree"])
    out = []
    for level in range(D):
        for (lv, c0, span, rs, label) in grid:
            if lv == level:
                for t in wrap(label, 9 if span == 1 else 24):
                    out.append(t + " ")
                    if style["blank_lines"]:
                        out.append("")
    out.append("")
    for r in body + [total] + ([pr] if pr else []):
        out.append(" ".join(x for x in r if x) + " ")
        if style["blank_lines"]:
            out.append("")
    return out


def render_table_tsv(rep, style):
    keys, body, total, pr = table_cells(rep, style)
    ncol = 2 + len(keys)
    out = []
    if style["flat_header"]:
        sepw = style["path_sep"]
        hdr = []
        for path, k in leaf_paths(rep["tree"]):
            hdr.append(sepw.join(p for p in path if p != "Trong đó"))
        out.append("\t".join(hdr))
    else:
        D, grid = header_grid(rep["tree"])
        for level in range(D):
            row = [""] * ncol
            for (lv, c0, span, rs, label) in grid:
                if lv == level:
                    row[c0] = label
            out.append("\t".join(row).rstrip("\t") if style.get("rstrip_tabs") else "\t".join(row))
    for r in body + [total]:
        out.append("\t".join(r))
    if pr:
        out.append("\t".join(("<i>%s</i>" % x if (x and style.get("italic_pct")) else x) for x in pr))
    return out


def render_table_md(rep, style):
    keys, body, total, pr = table_cells(rep, style)
    sepw = style["path_sep"]
    hdr = [sepw.join(p for p in path if p != "Trong đó") for path, k in leaf_paths(rep["tree"])]
    out = ["| " + " | ".join(hdr) + " |", "|" + "|".join("---" for _ in hdr) + "|"]
    for r in body:
        out.append("| " + " | ".join(r) + " |")
    b = [("**%s**" % x) if x else "" for x in total]
    out.append("| " + " | ".join(b) + " |")
    if pr:
        out.append("| " + " | ".join(("*%s*" % x) if x else "" for x in pr) + " |")
    return out


def render_table_html(rep, style):
    keys, body, total, pr = table_cells(rep, style)
    D, grid = header_grid(rep["tree"])
    out = ['<table border="1" cellspacing="0" cellpadding="3">']
    for level in range(D):
        cells = "".join('<th%s%s>%s</th>' % ((' colspan="%d"' % span) if span > 1 else "",
                                             (' rowspan="%d"' % rs) if rs > 1 else "", label)
                        for (lv, c0, span, rs, label) in sorted(grid, key=lambda g: g[1]) if lv == level)
        out.append("<tr>%s</tr>" % cells)
    for r in body:
        out.append("<tr>" + "".join("<td>%s</td>" % x for x in r) + "</tr>")
    out.append("<tr>" + "".join("<td><b>%s</b></td>" % x for x in total) + "</tr>")
    if pr:
        out.append("<tr>" + "".join("<td><i>%s</i></td>" % x for x in pr) + "</tr>")
    out.append("</table>")
    return out


def text_document(rep, style, rng, table_fn, sep=" "):
    out = render_heading(rep, style, sep)
    out += ["", ""]
    out += [("" if style["heading"] != "stacked" else " ") + t for t in title_lines(rep, style)]
    out.append("")
    for ln in body_lines(rep, style, rng):
        if style["hard_wrap"] and len(ln) > 90:
            out += [w + " " for w in wrap(ln, 82)]
        else:
            out.append(ln)
    out += ["", "\f" if style["formfeed"] else ""]
    out += appendix_title(rep) + [""]
    out += table_fn(rep, style)
    out.append("")
    if rep.get("pl2"):
        out += [""] + pl2_title(rep) + [""]
        out += table_fn(rep["pl2"], dict(style, percent=True))
        out.append("")
    return "\n".join(out)


def md_document(rep, style, rng):
    L = ["**ỦY BAN NHÂN DÂN TỈNH %s**" % rep["province"].upper(), "**TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG**", "",
         "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  ", "**Độc lập - Tự do - Hạnh phúc**", "",
         "Số: %s/BC-%s" % (rep["number"], rep["code"]), "",
         "%s, ngày %s tháng %s năm %d" % (rep["province"], rep["sign_d"], rep["sign_m"], rep["sign_y"]), ""]
    t = title_lines(rep, style)
    L += ["## " + t[0], ""] + ["**%s**" % x for x in t[1:]] + [""]
    for ln in body_lines(rep, style, rng):
        L.append(ln)
        L.append("") if ln.startswith(("1.", "2.", "3.")) else None
    L += [""] + ["### " + appendix_title(rep)[0]] + appendix_title(rep)[1:] + [""]
    L += render_table_md(rep, style)
    if rep.get("pl2"):
        L += ["", "### " + pl2_title(rep)[0]] + pl2_title(rep)[1:] + [""]
        L += render_table_md(rep["pl2"], dict(style, percent=True))
    return "\n".join(x for x in L if x is not None) + "\n"


def html_document(rep, style, rng):
    import html as H
    e = H.escape
    so = "Số: %s/BC-%s" % (rep["number"], rep["code"])
    place = "%s, ngày %s tháng %s năm %d" % (rep["province"], rep["sign_d"], rep["sign_m"], rep["sign_y"])
    out = ['<!DOCTYPE html>', '<html lang="vi"><head><meta charset="utf-8"><title>%s</title></head><body>' % e(" ".join(title_lines(rep, style))),
           '<table style="width:100%;border:none"><tr><td style="text-align:center"><b>UBND TỈNH ' + e(rep["province"].upper()) +
           '</b><br><b>TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG</b><br>' + e(so) + '</td>'
           '<td style="text-align:center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b><br><i>' + e(place) + '</i></td></tr></table>']
    t = title_lines(rep, style)
    out.append('<h2 style="text-align:center">%s</h2>' % e(t[0]))
    out.append('<p style="text-align:center"><b>%s</b></p>' % "<br>".join(e(x) for x in t[1:]))
    for ln in body_lines(rep, style, rng):
        if ln:
            out.append("<p>%s</p>" % e(ln))
    out.append('<h3 style="text-align:center">%s</h3>' % e(appendix_title(rep)[0]))
    out.append('<p style="text-align:center">%s</p>' % "<br>".join(e(x) for x in appendix_title(rep)[1:]))
    out += render_table_html(rep, style)
    if rep.get("pl2"):
        out.append('<h3 style="text-align:center">%s</h3>' % e(pl2_title(rep)[0]))
        out.append('<p style="text-align:center">%s</p>' % "<br>".join(e(x) for x in pl2_title(rep)[1:]))
        out += render_table_html(rep["pl2"], dict(style, percent=True))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def docx_document(rep, style, rng, path):
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, Cm
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(13)
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2)
    so = "Số: %s/BC-%s" % (rep["number"], rep["code"])
    place = "%s, ngày %s tháng %s năm %d" % (rep["province"], rep["sign_d"], rep["sign_m"], rep["sign_y"])
    ht = d.add_table(rows=1, cols=2)
    left = ["UBND TỈNH " + rep["province"].upper(), "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "", so]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "", place]
    for ci, lines in enumerate((left, right)):
        cell = ht.rows[0].cells[ci]
        cell.paragraphs[0].text = ""
        for i, t in enumerate(lines):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            r = p.add_run(t)
            r.bold = i < 2
            r.font.size = Pt(12)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph()
    for i, t in enumerate(title_lines(rep, style)):
        p = d.add_paragraph()
        p.add_run(t).bold = True
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for ln in body_lines(rep, style, rng):
        if ln:
            p = d.add_paragraph(ln)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    ns = d.add_section()
    ns.orientation = WD_ORIENT.LANDSCAPE
    ns.page_width, ns.page_height = Cm(29.7), Cm(21)
    ns.left_margin = ns.right_margin = Cm(1.2)
    for i, t in enumerate(appendix_title(rep)):
        p = d.add_paragraph()
        p.add_run(t).bold = i < 2
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    docx_table(d, rep, style)
    if rep.get("pl2"):
        d.add_paragraph()
        for i, t in enumerate(pl2_title(rep)):
            p = d.add_paragraph()
            p.add_run(t).bold = i < 2
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        docx_table(d, rep["pl2"], dict(style, percent=True))
    d.save(path)


def docx_table(d, rep, style):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, Cm
    keys, body, total, pr = table_cells(rep, style)
    D, grid = header_grid(rep["tree"])
    rows = body + [total] + ([pr] if pr else [])
    tb = d.add_table(rows=D + len(rows), cols=2 + len(keys))
    tb.style = "Table Grid"
    for (lv, c0, span, rs, label) in grid:
        c = tb.cell(lv, c0)
        if span > 1 or rs > 1:
            c = c.merge(tb.cell(lv + rs - 1, c0 + span - 1))
        c.text = label
        for p in c.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for r in p.runs:
                r.bold = True
                r.font.size = Pt(9)
    for i, r in enumerate(rows):
        for j, x in enumerate(r):
            c = tb.cell(D + i, j)
            c.text = x
            for p in c.paragraphs:
                if j >= 2:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                for run in p.runs:
                    run.font.size = Pt(9)
                    run.bold = (r is total)
                    run.italic = (r is pr)
    for row in tb.rows:
        row.cells[1].width = Cm(6)


# ----------------------------------------------------------------------------------
SHAPES = ["layout_txt", "raw_txt", "tsv_txt", "md", "html", "docx", "pdf", "tcvn3_txt", "utf16_txt"]


def make_eras(rng, n_months, must):
    """Split the months into eras; each era one shape and one style."""
    k = rng.randint(6, 8)
    lens = [n_months // k + (1 if i < n_months % k else 0) for i in range(k)]
    for _ in range(k):              # uneven, but no era shorter than 2 months
        i, j = rng.randrange(k), rng.randrange(k)
        if i != j and lens[i] > 2:
            d = rng.randint(1, min(2, lens[i] - 2))
            lens[i] -= d
            lens[j] += d
    bounds = [0]
    for ln in lens:
        bounds.append(bounds[-1] + ln)
    shapes = list(must)
    rng.shuffle(shapes)
    pool = [s for s in SHAPES if s not in shapes]
    rng.shuffle(pool)
    shapes = (shapes + pool)[:k]
    rng.shuffle(shapes)
    # no two neighbouring eras alike
    return [(bounds[i], bounds[i + 1], shapes[i]) for i in range(k)]


def make_style(rng, shape):
    st = {
        "heading": rng.choice(["columns", "columns", "stacked", "so_with_province"]),
        "three_left": rng.random() < 0.3,
        "title": rng.randrange(3), "narr": rng.randrange(3), "pad": rng.random() < 0.5,
        "num": "dot" if rng.random() < 0.85 else "none",
        "numbered_total": rng.random() < 0.35, "percent": rng.random() < 0.6,
        "unit_width": rng.choice([30, 36, 44]), "blank_lines": rng.random() < 0.5,
        "flat_header": rng.random() < 0.4, "path_sep": rng.choice([" - ", " / ", ": "]),
        "italic_pct": rng.random() < 0.3, "hard_wrap": rng.random() < 0.5, "formfeed": rng.random() < 0.6,
        "sep": "\t" if rng.random() < 0.5 else " ",
        "inner": rng.choice(["layout", "tsv", "raw"]),
        "crlf": rng.random() < 0.3, "nfd": False,
        "wording": {"recv": rng.randrange(len(RECV)), "carry": rng.randrange(len(CARRY)),
                    "new": rng.randrange(len(NEW)), "done": rng.randrange(len(DONE)),
                    "late": rng.randrange(len(LATE)), "pend": rng.randrange(len(PEND)),
                    "pok": rng.randrange(len(PEND_OK)), "tot": rng.randrange(len(TOTAL_W)),
                    "unit": rng.randrange(len(UNIT_HDR)), "ret": rng.randrange(len(RETURNED)),
                    "onl": rng.randrange(len(ONLINE)), "result_group": rng.random() < 0.7,
                    "recv_total_last": rng.random() < 0.12, "pend_first": rng.random() < 0.1,
                    "online_first": rng.random() < 0.3, "pl2": rng.randrange(2)},
        "extras": rng.choice([[], ["returned", "online"], ["online"], ["returned", "online"]]),
        "spelling": rng.choice(["canonical", "canonical", "abbr", "mixed"]),
        "pl2": rng.random() < 0.5,
    }
    if shape == "md":
        st["nfd"] = rng.random() < 0.3
    if shape == "tcvn3_txt":
        st["inner"] = rng.choice(["layout", "tsv"])
    return st


NAME_PATTERNS = [
    "BC_T{m:02d}_{y}{ext}", "Bao cao thang {m} nam {y}{ext}", "{y}-{m:02d}_BC_TTPVHCC{ext}",
    "bc-kq-tthc-t{m}.{y}{ext}", "BaoCao_{m:02d}-{y}{ext}", "{y}{m:02d}_baocao_TTHCC{ext}",
    "BC so {num}-BC-{code}{ext}", "{num}_BC_{code}{ext}",
]
EXT = {"layout_txt": ".txt", "raw_txt": ".txt", "tsv_txt": ".txt", "md": ".md", "html": ".html",
       "docx": ".docx", "pdf": ".pdf", "tcvn3_txt": ".txt", "utf16_txt": ".txt"}


def slug(s):
    from archlib import strip_marks
    return strip_marks(s).replace(" ", "_").replace("'", "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--provinces", type=int, default=3)
    ap.add_argument("--months", default="24-36", help="N or LO-HI per province")
    ap.add_argument("--exclude", default="", help="comma-separated province names not to use")
    ap.add_argument("--no-pdf", action="store_true", help="skip LibreOffice (pdf eras become docx)")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    lo, hi = (int(x) for x in (a.months.split("-") if "-" in a.months else (a.months, a.months)))
    excl = set(x.strip() for x in a.exclude.split(",") if x.strip())
    names = [p for p in PROVINCES if p not in excl]
    rng.shuffle(names)
    names = names[:a.provinces]
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    os.makedirs(a.out)
    have_lo = shutil.which("soffice") is not None and not a.no_pdf
    truth = {"seed": a.seed, "generator": "bench/archive/gen_archive.py", "provinces": [], "cells": [],
             "files": [], "faults": {"cell": [], "carryover": [], "narrative": [], "gap": [],
                                     "duplicate": [], "conflict": []}}
    pdf_jobs = []   # (docx tmp path, final pdf path)
    tmpdir = tempfile.mkdtemp(prefix="gen_archive_")
    # each shape appears somewhere in the set
    must_all = list(SHAPES)
    rng.shuffle(must_all)
    per_prov_must = [must_all[i::len(names)] for i in range(len(names))]
    for pi, prov in enumerate(names):
        prng = random.Random(rng.randrange(1 << 30))
        n_months = prng.randint(lo, hi)
        sy, sm = prng.choice([(2019, 1), (2019, 7), (2020, 1), (2020, 4), (2021, 1)])
        months = []
        y, m = sy, sm
        for _ in range(n_months):
            months.append((y, m))
            m += 1
            if m == 13:
                y, m = y + 1, 1
        body = "Trung tâm Phục vụ hành chính công tỉnh " + prov
        code = prng.choice(["TTPVHCC", "TTHCC", "TTPVHCC", "TTHC"])
        signer = prng.choice(["Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Minh Tuấn", "Phạm Quốc Khánh", "Võ Thị Mai"])
        rng_mid = prng.random() < 0.7     # 16/prev - 15/cur, else calendar month
        deps = prng.sample(DEPARTMENTS, prng.randint(12, 16))
        deps.sort(key=lambda d: [x[0] for x in DEPARTMENTS].index(d[0]))
        dists = [district_unit(d) for d in prng.sample(PROVINCES[prov], prng.randint(0, 3))]
        joiner = prng.choice(JOINERS)
        join_at = prng.randint(n_months // 4, n_months // 2)
        unit_list = deps + dists + [joiner]
        variants = dict((u[0], u[2]) for u in unit_list)
        units = [(u[0], u[1] * prng.uniform(0.6, 1.4)) for u in unit_list]
        # --- gaps and faults
        gaps = set(prng.sample(range(2, n_months - 2), 2))
        present = [mi for mi in range(n_months) if mi not in gaps]
        quarters = []
        for mi in range(n_months):
            y, m = months[mi]
            if m in (3, 6, 9, 12) and mi >= 2 and not any(j in gaps for j in range(mi - 2, mi + 1)):
                quarters.append(mi)
        quarters = sorted(prng.sample(quarters, min(len(quarters), prng.randint(2, 3))))
        free = [mi for mi in present if mi > 0]
        prng.shuffle(free)
        n_cell = max(4, round(0.22 * len(present)))
        n_break = 4
        n_narr = 3
        break_months = []
        for mi in free:
            if len(break_months) >= n_break:
                break
            if mi - 1 in gaps or mi == join_at or any(q - 2 <= mi <= q for q in quarters):
                continue
            break_months.append(mi)
        rest = [mi for mi in free if mi not in break_months]
        cell_months = rest[:n_cell]
        narr_months = rest[n_cell:n_cell + n_narr]
        clean_months = [mi for mi in present if mi not in break_months + cell_months + narr_months]
        breaks = {}
        break_units = {}
        for mi in break_months:
            cand = [u for u, s in units if u != joiner[0] or mi > join_at]
            u = prng.choice(cand)
            d = prng.choice([-1, 1]) * prng.choice([1, 2, 5, 10, 12, 30, 100])
            breaks[(mi, u)] = d
            break_units[mi] = u
        data = simulate(prng, units, months, joiner[0], join_at, breaks)
        for (mi, u), d in list(breaks.items()):     # a break that hit the floor of 0 vanished
            prev = data[mi - 1].get(u, {}).get("pending_total", 0)
            if data[mi][u]["received_carryover"] == prev:
                del breaks[(mi, u)]
                del break_units[mi]
        # --- eras
        eras = make_eras(prng, n_months, per_prov_must[pi])
        era_style = []
        for (a0, a1, shape) in eras:
            if shape == "pdf" and not have_lo:
                shape = "docx"
            est = make_style(prng, shape)
            names_map = {}
            for u, _ in units:
                vs = variants[u]
                if est["spelling"] == "abbr":
                    names_map[u] = vs[0]
                elif est["spelling"] == "mixed":
                    names_map[u] = prng.choice([u] + vs)
                else:
                    names_map[u] = u
            est["names"] = names_map
            era_style.append((a0, a1, shape, est, prng.choice(NAME_PATTERNS),
                              prng.choice(["flat", "year", "flat"])))
        dup_months = prng.sample([mi for mi in present if mi not in quarters], 2)
        conf_month = prng.choice([mi for mi in clean_months if mi not in dup_months and mi < n_months - 1])
        pdir = os.path.join(a.out, slug(prov))
        os.makedirs(pdir, exist_ok=True)
        pinfo = {"name": prov, "body": body, "parent": "UBND tỉnh " + prov, "months": [],
                 "units": [u for u, _ in units], "joiner": joiner[0],
                 "joined": "%04d-%02d" % months[join_at], "variants": variants,
                 "range": "16-15" if rng_mid else "calendar"}
        truth["provinces"].append(pinfo)
        number = prng.randint(20, 90)
        reports = []
        for mi in range(n_months):
            pinfo["months"].append("%04d-%02d" % months[mi])
            if mi in gaps:
                truth["faults"]["gap"].append({"province": prov, "body": body, "period": "%04d-%02d" % months[mi]})
                continue
            reports.append(("month", mi, [mi]))
            if mi in quarters:
                reports.append(("quarter", mi, [mi - 2, mi - 1, mi]))
        for kind, mi, mis in reports:
            y, m = months[mi]
            era = next(e for e in era_style if e[0] <= mi < e[1])
            a0, a1, shape, style, pattern, folder = era
            style = copy.deepcopy(style)
            rrng = random.Random(prng.randrange(1 << 30))
            vals = data[mi] if kind == "month" else quarter_values(data, mis)
            if kind == "month":
                period = "%04d-%02d" % (y, m)
                words = "tháng %d năm %d" % (m, y)
                fy, fm = (y, m - 1) if m > 1 else (y - 1, 12)
                if rng_mid:
                    frm, to = "16/%d/%d" % (fm, fy), "15/%d/%d" % (m, y)
                else:
                    frm, to = "01/%d/%d" % (m, y), "%d/%d/%d" % (calendar.monthrange(y, m)[1], m, y)
            else:
                q = m // 3
                period = "%04d-Q%d" % (y, q)
                words = "quý %s năm %d" % (ROMAN[q], y)
                y0, m0 = months[mis[0]]
                fy, fm = (y0, m0 - 1) if m0 > 1 else (y0 - 1, 12)
                if rng_mid:
                    frm, to = "16/%d/%d" % (fm, fy), "15/%d/%d" % (m, y)
                else:
                    frm, to = "01/%d/%d" % (m0, y0), "%d/%d/%d" % (calendar.monthrange(y, m)[1], m, y)
            number += prng.randint(3, 25)
            sy_, sm_ = (y, m)
            sd = rrng.randint(16, 25) if rng_mid else rrng.randint(1, 6)
            if not rng_mid:
                sy_, sm_ = (y, m + 1) if m < 12 else (y + 1, 1)
            # unit spellings of this era (fixed per era, with a few per-document slips)
            rows = []
            for u, _ in units:
                if u not in vals:
                    continue
                vs = variants[u]
                name = style["names"][u]
                if rrng.random() < 0.04:
                    name = rrng.choice(vs)
                rows.append((u, name, dict(vals[u])))
            extras = style["extras"]
            tree = header_tree(style["wording"], extras)
            keys_here = [n["key"] for n in leaves(tree)][2:]
            total = {k: sum(r[2][k] for r in rows) for k in CORE_KEYS + ["returned", "online"]}
            rep = {"province": prov, "kind": kind, "y": y, "m": m, "q": m // 3, "period": period,
                   "period_words": words, "from_s": frm, "to_s": to, "number": number, "code": code,
                   "sign_d": "%02d" % sd if rrng.random() < 0.5 else str(sd), "sign_m": str(sm_),
                   "sign_y": sy_, "signer": signer, "tree": tree, "total": total,
                   "narr_stated": dict(total)}
            faults_here = []
            if kind == "month" and mi in cell_months:
                cands = [(i, k) for i, r in enumerate(rows) for k in keys_here
                         if k not in ("received_carryover", "returned", "online") and r[2][k] >= 3]
                i, k = rrng.choice(cands)
                right = rows[i][2][k]
                wrong = typo(rrng, right)
                rows[i][2][k] = wrong
                f = {"province": prov, "body": body, "period": period, "unit": rows[i][0],
                     "unit_as_written": rows[i][1], "column": k, "stated": wrong, "right": right}
                faults_here.append(("cell", f))
            if kind == "month" and mi in narr_months:
                k = rrng.choice(NARR_KEYS[style["narr"]])
                right = total[k]
                wrong = typo(rrng, right)
                rep["narr_stated"][k] = wrong
                f = {"province": prov, "body": body, "period": period, "metric": k, "stated": wrong, "right": right}
                faults_here.append(("narrative", f))
            if kind == "month" and mi in break_units:
                u = break_units[mi]
                prevp = data[mi - 1][u]["pending_total"]
                f = {"province": prov, "body": body, "period": period,
                     "previous_period": "%04d-%02d" % months[mi - 1], "unit": u,
                     "stated": data[mi][u]["received_carryover"], "previous_pending": prevp}
                faults_here.append(("carryover", f))
            rep["rows"] = [(name, v) for (u, name, v) in rows]
            pl2 = None
            if style["pl2"]:
                p2vals = {u: pl2_values(rrng, vals[u]) for (u, name, v) in rows}
                p2tot = {k: sum(p2vals[u][k] for u in p2vals) for k in PL2_KEYS}
                rep["pl2"] = pl2 = dict(rep, tree=pl2_tree(style["wording"]), total=p2tot, pct_base=PL2_PCT,
                                        rows=[(name, p2vals[u]) for (u, name, v) in rows], pl2=None)
            # file name
            ext = EXT[shape]
            if kind == "month":
                fname = pattern.format(m=m, y=y, ext=ext, num=number, code=code)
            else:
                fname = rrng.choice(["BC_Quy_{q}_{y}{ext}", "Bao cao quy {q} nam {y}{ext}", "{y}-Q{q}_BC{ext}"]).format(
                    q=ROMAN[m // 3] if rrng.random() < 0.5 else m // 3, y=y, ext=ext)
            sub = os.path.join(pdir, str(y)) if folder == "year" else pdir
            os.makedirs(sub, exist_ok=True)
            path = os.path.join(sub, fname)
            write_doc(rep, style, shape, path, rrng, tmpdir, pdf_jobs)
            rel = os.path.relpath(path, a.out)
            frec = {"file": rel, "province": prov, "body": body, "period": period, "kind": kind,
                    "shape": shape, "inner": style["inner"] if shape in ("tcvn3_txt", "utf16_txt") else None,
                    "columns": keys_here, "columns_pl2": PL2_KEYS if pl2 else [], "duplicate_of": None, "conflict_with": None,
                    "faults": [t for t, _ in faults_here], "units": [r[0] for r in rows],
                    "units_as_written": [r[1] for r in rows]}
            truth["files"].append(frec)
            for t, f in faults_here:
                f["file"] = rel
                truth["faults"][t].append(f)
            faulty_cell = {(f["unit"], f["column"]) for t, f in faults_here if t == "cell"}
            for (u, name, v) in rows:
                for k in keys_here:
                    right = vals[u][k]
                    truth["cells"].append({"province": prov, "body": body, "period": period, "unit": u,
                                           "table": "PL-I", "metric": k, "value": right, "file": rel,
                                           "faulty": (u, k) in faulty_cell})
            for k in keys_here:
                truth["cells"].append({"province": prov, "body": body, "period": period, "unit": TOTAL_UNIT,
                                       "table": "PL-I", "metric": k, "value": total[k], "file": rel,
                                       "faulty": False})
            if pl2:
                for (u, name, v) in rows:
                    for k in PL2_KEYS:
                        truth["cells"].append({"province": prov, "body": body, "period": period, "unit": u,
                                               "table": "PL-II", "metric": k, "value": p2vals[u][k],
                                               "file": rel, "faulty": False})
                for k in PL2_KEYS:
                    truth["cells"].append({"province": prov, "body": body, "period": period,
                                           "unit": TOTAL_UNIT, "table": "PL-II", "metric": k,
                                           "value": p2tot[k], "file": rel, "faulty": False})
            # duplicate
            if kind == "month" and mi in dup_months:
                dkind = "crlf" if (shape.endswith("txt") or shape in ("md", "html")) and shape != "utf16_txt" and prng.random() < 0.7 else "copy"
                if dkind == "crlf" and style.get("crlf"):
                    dkind = "copy"
                base, e = os.path.splitext(fname)
                dname = rrng.choice([base + " (1)" + e, base + "_copy" + e, "Copy of " + fname, base + "-ban-sao" + e])
                dsub = sub if rrng.random() < 0.5 else os.path.join(pdir, "gui_lai")
                os.makedirs(dsub, exist_ok=True)
                dpath = os.path.join(dsub, dname)
                if shape == "pdf":
                    pdf_jobs.append(("copy", path, dpath))
                elif dkind == "crlf":
                    raw = open(path, "rb").read()
                    open(dpath, "wb").write(raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
                else:
                    shutil.copyfile(path, dpath)
                drel = os.path.relpath(dpath, a.out)
                truth["files"].append(dict(frec, file=drel, duplicate_of=rel, duplicate_kind=dkind))
                truth["faults"]["duplicate"].append({"province": prov, "body": body, "period": period,
                                                     "file": drel, "duplicate_of": rel, "kind": dkind})
            # conflict: a second, different report for the same body and period
            if kind == "month" and mi == conf_month:
                crows = copy.deepcopy(rows)
                changed = []
                for i in rrng.sample(range(len(crows)), 2):
                    v = crows[i][2]
                    if v["resolved_early"] >= 2:
                        dlt = rrng.randint(1, max(1, v["resolved_early"] // 4))
                        v["resolved_early"] -= dlt
                        v["resolved_ontime"] += dlt
                        changed += [(crows[i][0], "resolved_early"), (crows[i][0], "resolved_ontime")]
                ctotal = {k: sum(r[2][k] for r in crows) for k in total}
                crep = dict(rep, rows=[(n, v) for (u, n, v) in crows], total=ctotal, narr_stated=dict(ctotal),
                            number=number + rrng.randint(1, 3),
                            sign_d=str(min(28, int(rep["sign_d"]) + rrng.randint(2, 6))))
                cshape = rrng.choice(["tsv_txt", "layout_txt", "md"]) if shape in ("html", "docx", "pdf") else shape
                base = os.path.splitext(fname)[0]
                cname = rrng.choice([base + "_v2", base + " (dieu chinh)", base + "_thay_the"]) + EXT[cshape]
                cpath = os.path.join(sub, cname)
                write_doc(crep, style, cshape, cpath, rrng, tmpdir, pdf_jobs)
                crel = os.path.relpath(cpath, a.out)
                truth["files"].append(dict(frec, file=crel, shape=cshape, conflict_with=rel, faults=[]))
                for fr in truth["files"]:
                    if fr["file"] == rel:
                        fr["conflict_with"] = crel
                truth["faults"]["conflict"].append({"province": prov, "body": body, "period": period,
                                                    "files": [rel, crel],
                                                    "cells_differ": [{"unit": u, "metric": k} for u, k in changed]})
                for (u, k) in changed:
                    for c in truth["cells"]:
                        if c["file"] == rel and c["unit"] == u and c["metric"] == k:
                            c["alt_value"] = [r for r in crows if r[0] == u][0][2][k]
                for k in total:
                    if ctotal[k] != total[k]:
                        for c in truth["cells"]:
                            if c["file"] == rel and c["unit"] == TOTAL_UNIT and c["metric"] == k:
                                c["alt_value"] = ctotal[k]
    run_pdf_jobs(pdf_jobs, tmpdir)
    shutil.rmtree(tmpdir, ignore_errors=True)
    # drop files that could not be made (e.g. LibreOffice failure)
    missing = [f["file"] for f in truth["files"] if not os.path.exists(os.path.join(a.out, f["file"]))]
    if missing:
        print("warning: %d files not made: %s" % (len(missing), missing[:5]), file=sys.stderr)
    truth["missing"] = missing
    stats = {"files": len(truth["files"]), "cells": len(truth["cells"])}
    stats.update({k: len(v) for k, v in truth["faults"].items()})
    truth["stats"] = stats
    with open(os.path.join(a.out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    shapes = {}
    for fr in truth["files"]:
        shapes[fr["shape"]] = shapes.get(fr["shape"], 0) + 1
    print("provinces: %s" % ", ".join(names))
    print("stats: %s" % json.dumps(stats))
    print("shapes: %s" % json.dumps(shapes))


def write_doc(rep, style, shape, path, rng, tmpdir, pdf_jobs):
    if shape in ("layout_txt", "raw_txt", "tsv_txt", "tcvn3_txt", "utf16_txt"):
        inner = {"layout_txt": "layout", "raw_txt": "raw", "tsv_txt": "tsv"}.get(shape, style["inner"])
        fn = {"layout": render_table_layout, "raw": render_table_raw, "tsv": render_table_tsv}[inner]
        sep = "\t" if inner == "tsv" else style["sep"]
        text = text_document(rep, style, rng, fn, sep)
        if shape == "tcvn3_txt":
            data = encode_tcvn3(text)
            if style["crlf"]:
                data = data.replace(b"\n", b"\r\n")
        elif shape == "utf16_txt":
            data = ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-16-le")
        else:
            if style["crlf"]:
                text = text.replace("\n", "\r\n")
            data = text.encode("utf-8")
        open(path, "wb").write(data)
    elif shape == "md":
        text = md_document(rep, style, rng)
        if style.get("nfd"):
            text = unicodedata.normalize("NFD", text)
        open(path, "w", encoding="utf-8").write(text)
    elif shape == "html":
        open(path, "w", encoding="utf-8").write(html_document(rep, style, rng))
    elif shape == "docx":
        docx_document(rep, style, rng, path)
    elif shape == "pdf":
        tmp = os.path.join(tmpdir, "%06d.docx" % len(pdf_jobs))
        docx_document(rep, style, rng, tmp)
        pdf_jobs.append(("convert", tmp, path))


def run_pdf_jobs(jobs, tmpdir):
    conv = [(s, d) for k, s, d in jobs if k == "convert"]
    if conv:
        outdir = os.path.join(tmpdir, "pdf")
        os.makedirs(outdir, exist_ok=True)
        prof = "file://" + os.path.join(tmpdir, "lo_profile")
        for i in range(0, len(conv), 40):
            chunk = conv[i:i + 40]
            subprocess.run(["soffice", "-env:UserInstallation=" + prof, "--headless", "--convert-to", "pdf",
                            "--outdir", outdir] + [s for s, d in chunk],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
        for s, d in conv:
            p = os.path.join(outdir, os.path.splitext(os.path.basename(s))[0] + ".pdf")
            if os.path.exists(p):
                shutil.move(p, d)
    for k, s, d in jobs:
        if k == "copy" and os.path.exists(s):
            shutil.copyfile(s, d)


if __name__ == "__main__":
    main()
