#!/usr/bin/python3
"""A second, differently made archive of a provincial Public Administration Service
Centre's reports (Trung tâm Phục vụ hành chính công), with truth.

Written from the seed reports, the README/docs and the truth format of
bench/archive/score_archive.py only (not from pipeline/ or tests/), and on purpose unlike
bench/archive/gen_archive.py and evalkit/gen_series.py: the files are made by real tools.

  .docx   python-docx (heading in a borderless two-column table or stacked paragraphs,
          merged header cells, landscape appendix section)
  .doc .odt .pdf      LibreOffice headless from that .docx
  .html   LibreOffice's HTML export of the .docx, or HTML written by hand (rowspan/colspan,
          <th>, nested <p>/<span>/<b>, &nbsp;)
  .pdf    headless Chromium printing the hand-written HTML (born digital)
  .pdf    a scan: Chromium PDF -> pdftoppm -> rotate/blur/noise/JPEG -> img2pdf (image only)
  .txt    pdftotext -layout of a PDF; tab-separated text; .md pipe tables

Reports: monthly, plus quarterly, half-year and year reports mixed in; the departments are
renamed, respelled and (from 2025-03) merged; some eras carry "Lũy kế từ đầu năm" columns,
some a second appendix (satisfaction), a "Tỷ lệ %" row rounded to 1 or 2 decimals, different
total labels ("Tổng cộng", "Cộng", "Tổng", "TỔNG CỘNG").

Planted with truth: missing months, a byte-identical copy and a re-export of one report, a
conflicting re-issue, carry-over breaks, body-cell typos, a mis-added total, a wrong
percentage, narrative figures that disagree with the appendix; the rest is clean.

  gen.py --seed 301 --out /work/dev-data/archive_b/dev --province "Quảng Trị"

truth.json follows bench/archive's format (see its README) plus: faults.total,
faults.percent, faults.merge (carry-over of a merged department, not a fault),
cells_ytd (the lũy kế cells) and files[].scanned.
"""
import argparse
import calendar
import copy
import html
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import unicodedata

TOTAL = "__total__"
KEYS = ["received_total", "received_carryover", "received_new", "resolved_total", "resolved_early",
        "resolved_ontime", "resolved_late", "pending_total", "pending_ontime", "pending_overdue",
        "returned", "online"]
PL2 = ["satisfied_service", "satisfied_attitude", "unsatisfied_staff", "unsatisfied_time", "feedback",
       "ratings_total"]

TOWNS = {"Quảng Trị": "Đông Hà", "Tuyên Quang": "Tuyên Quang", "Ninh Thuận": "Phan Rang - Tháp Chàm",
         "Bình Phước": "Đồng Xoài", "Hậu Giang": "Vị Thanh"}

# canonical name, monthly volume, other spellings (abbreviations, older spellings)
DEPTS = [
    ("Sở Tư pháp", 420, ["Sở Tư Pháp"]),
    ("Sở Kế hoạch và Đầu tư", 360, ["Sở KH&ĐT", "Sở Kế hoạch & Đầu tư", "Sở KHĐT"]),
    ("Sở Tài chính", 60, ["Sở Tài Chính"]),
    ("Sở Tài nguyên và Môi trường", 140, ["Sở TN&MT", "Sở TNMT", "Sở Tài nguyên & Môi trường"]),
    ("Sở Nông nghiệp và Phát triển nông thôn", 300, ["Sở NN&PTNT", "Sở Nông nghiệp và PTNT", "Sở NNPTNT"]),
    ("Sở Giao thông vận tải", 2600, ["Sở GTVT", "Sở Giao thông - Vận tải", "Sở Giao thông Vận tải"]),
    ("Sở Xây dựng", 110, ["Sở XD"]),
    ("Sở Công Thương", 520, ["Sở Công thương", "Sở CT"]),
    ("Sở Lao động - Thương binh và Xã hội", 150, ["Sở LĐ-TB&XH", "Sở LĐTBXH",
                                                  "Sở Lao động, Thương binh và Xã hội"]),
    ("Sở Nội vụ", 90, ["Sở NV"]),
    ("Sở Thông tin và Truyền thông", 25, ["Sở TT&TT", "Sở TTTT", "Sở Thông tin & Truyền thông"]),
    ("Sở Khoa học và Công nghệ", 12, ["Sở KH&CN", "Sở KHCN"]),
    ("Sở Giáo dục và Đào tạo", 95, ["Sở GD&ĐT", "Sở GDĐT"]),
    ("Sở Y tế", 230, ["Sở Y Tế"]),
    ("Sở Văn hóa, Thể thao và Du lịch", 80, ["Sở VHTTDL", "Sở Văn hoá, Thể thao và Du lịch", "Sở VH,TT&DL"]),
    ("Ban Quản lý Khu kinh tế tỉnh", 45, ["BQL Khu kinh tế", "Ban QL Khu kinh tế tỉnh"]),
    ("Ban Dân tộc tỉnh", 8, ["Ban Dân tộc"]),
    ("Công an tỉnh", 3900, ["CA tỉnh", "Công an Tỉnh"]),
    ("Bảo hiểm xã hội tỉnh", 900, ["BHXH tỉnh", "Bảo hiểm xã hội"]),
]
# from the merge month: successor <- predecessors (real 2025 reorganisation of departments)
MERGES = [
    ("Sở Tài chính", ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"]),
    ("Sở Nông nghiệp và Môi trường", ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường"]),
    ("Sở Xây dựng", ["Sở Xây dựng", "Sở Giao thông vận tải"]),
    ("Sở Nội vụ", ["Sở Nội vụ", "Sở Lao động - Thương binh và Xã hội"]),
    ("Sở Khoa học và Công nghệ", ["Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông"]),
    ("Sở Dân tộc và Tôn giáo", ["Ban Dân tộc tỉnh"]),
]
NEW_VARIANTS = {"Sở Nông nghiệp và Môi trường": ["Sở NN&MT", "Sở Nông nghiệp & Môi trường"],
                "Sở Dân tộc và Tôn giáo": ["Sở DT&TG", "Sở Dân tộc & Tôn giáo"]}
MERGE_AT = (2025, 3)

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
SIGNERS = ["Hoàng Văn Lực", "Nguyễn Thị Thanh Tâm", "Lê Quang Định", "Trương Thị Hồng Nhung"]


def nfc(s):
    return unicodedata.normalize("NFC", s)


def fnum(v, sep):
    s = str(int(v))
    if sep and len(s) > 3:
        out = []
        while len(s) > 3:
            out.insert(0, s[-3:])
            s = s[:-3]
        out.insert(0, s)
        s = sep.join(out)
    return s


def fpct(x, nd):
    return ("%.*f" % (nd, x)).replace(".", ",")


def pc(a, b):
    return 0.0 if not b else 100.0 * a / b


# ------------------------------------------------------------------ simulation
def simulate(rng, months, breaks):
    """Monthly figures per active unit.  breaks: {(mi, unit): delta on Kỳ trước}."""
    base = {u: v * rng.uniform(0.6, 1.4) for u, v, _ in DEPTS}
    post = dict(base)
    for new, preds in MERGES:
        post[new] = sum(base[p] for p in preds)
    pend = {u: (rng.randint(0, int(v * 0.3) + 2), rng.randint(0, 2)) for u, v in post.items()}
    data, ytd = [], []
    acc = {}
    for mi, (y, m) in enumerate(months):
        active = active_units(y, m)
        if (y, m) == MERGE_AT:
            for new, preds in MERGES:
                po = sum(pend[p][0] for p in preds)
                pv = sum(pend[p][1] for p in preds)
                pend[new] = (po, pv)
        if m == 1:
            acc = {}
        row = {}
        for u in active:
            carry = pend[u][0] + pend[u][1] + breaks.get((mi, u), 0)
            carry = max(0, carry)
            season = 1.0 + 0.18 * (m in (3, 4, 10, 11)) - 0.25 * (m in (1, 2))
            new = max(0, int(round((base if (y, m) < MERGE_AT else post)[u] * season * rng.uniform(0.75, 1.25))))
            tot = carry + new
            rate = rng.uniform(0.72, 0.93)
            res = min(tot, int(round(tot * rate)))
            late = 0 if rng.random() < 0.55 else min(res, rng.randint(1, max(1, res // 60 + 1)))
            early = int(round((res - late) * rng.uniform(0.55, 0.97)))
            ontime = res - late - early
            pnd = tot - res
            over = 0 if rng.random() < 0.7 else min(pnd, rng.randint(1, max(1, pnd // 40 + 1)))
            ret = 0 if rng.random() < 0.5 else min(new, rng.randint(1, max(1, new // 80 + 1)))
            share = min(0.95, 0.15 + 0.012 * mi + rng.uniform(-0.05, 0.1))
            onl = min(new, int(round(new * share)))
            row[u] = {"received_total": tot, "received_carryover": carry, "received_new": new,
                      "resolved_total": res, "resolved_early": early, "resolved_ontime": ontime,
                      "resolved_late": late, "pending_total": pnd, "pending_ontime": pnd - over,
                      "pending_overdue": over, "returned": ret, "online": onl}
            pend[u] = (pnd - over, over)
            a = acc.setdefault(u, [0, 0])
            a[0] += new
            a[1] += res
        data.append(row)
        ytd.append({u: {"ytd_received_new": acc[u][0], "ytd_resolved_total": acc[u][1]} for u in row})
    return data, ytd


def active_units(y, m):
    if (y, m) < MERGE_AT:
        return [u for u, _, _ in DEPTS]
    out = []
    for u, _, _ in DEPTS:
        name = next((n for n, ps in MERGES if u in ps), u)
        if name not in out:
            out.append(name)
    return out


def aggregate(data, mis):
    out = {}
    units = [u for u in data[mis[-1]] if all(u in data[i] for i in mis)]
    for u in units:
        f, l = data[mis[0]][u], data[mis[-1]][u]
        v = {"received_carryover": f["received_carryover"]}
        for k in ("received_new", "resolved_total", "resolved_early", "resolved_ontime", "resolved_late",
                  "returned", "online"):
            v[k] = sum(data[i][u][k] for i in mis)
        for k in ("pending_total", "pending_ontime", "pending_overdue"):
            v[k] = l[k]
        v["received_total"] = v["received_carryover"] + v["received_new"]
        out[u] = v
    return out


def satisfaction(rng, v):
    n = int(round(v["resolved_total"] * rng.uniform(0.05, 0.3)))
    us = 0 if rng.random() < 0.8 else min(n, rng.randint(1, 2))
    ut = 0 if rng.random() < 0.85 else min(n - us, 1)
    fb = 0 if rng.random() < 0.8 else min(n - us - ut, rng.randint(1, 3))
    rest = n - us - ut - fb
    ss = int(round(rest * rng.uniform(0.1, 0.5)))
    return {"satisfied_service": ss, "satisfied_attitude": rest - ss, "unsatisfied_staff": us,
            "unsatisfied_time": ut, "feedback": fb, "ratings_total": n}


# ------------------------------------------------------------------ header trees
WORDINGS = [
    {"recv": "Số hồ sơ nhận giải quyết", "tot": "Tổng số", "det": "Trong đó", "carry": "Kỳ trước",
     "new": "Số mới tiếp nhận", "result": "Kết quả giải quyết", "res": "Số hồ sơ đã giải quyết",
     "early": "Trước hạn", "ontime": "Đúng hạn", "late": "Quá hạn", "pend": "Số hồ sơ đang giải quyết",
     "pon": "Còn hạn", "pover": "Quá hạn", "ret": "Hồ sơ bị trả lại", "onl": "Hồ sơ nhận qua trực tuyến"},
    {"recv": "Hồ sơ tiếp nhận", "tot": "Tổng", "det": "Chia ra", "carry": "Tồn kỳ trước chuyển qua",
     "new": "Tiếp nhận trong kỳ", "result": "Kết quả xử lý", "res": "Đã giải quyết",
     "early": "Sớm hạn", "ontime": "Đúng hạn", "late": "Trễ hạn", "pend": "Đang giải quyết",
     "pon": "Chưa đến hạn", "pover": "Đã quá hạn", "ret": "Trả lại", "onl": "Tiếp nhận trực tuyến"},
    {"recv": "Số hồ sơ phải giải quyết", "tot": "Tổng số hồ sơ", "det": "Trong số đó",
     "carry": "Từ kỳ trước chuyển sang", "new": "Tiếp nhận mới", "result": "Kết quả xử lý",
     "res": "Hồ sơ đã giải quyết", "early": "Giải quyết trước hạn", "ontime": "Giải quyết đúng hạn",
     "late": "Giải quyết trễ hạn", "pend": "Hồ sơ đang giải quyết", "pon": "Trong hạn", "pover": "Quá hạn",
     "ret": "Hồ sơ trả lại, rút hồ sơ", "onl": "Nộp trực tuyến"},
]


def pl1_tree(w, extras, ytd, order):
    """A list of nodes (label, children|key).  order: 'std' or 'pending_first'."""
    recv = (w["recv"], [(w["tot"], "received_total"),
                        (w["det"], [(w["carry"], "received_carryover"), (w["new"], "received_new")])])
    res = (w["res"], [(w["tot"], "resolved_total"), (w["early"], "resolved_early"),
                      (w["ontime"], "resolved_ontime"), (w["late"], "resolved_late")])
    pend = (w["pend"], [(w["tot"], "pending_total"), (w["pon"], "pending_ontime"),
                        (w["pover"], "pending_overdue")])
    result = (w["result"], [pend, res] if order == "pending_first" else [res, pend])
    tree = [recv, result]
    if "returned" in extras:
        tree.append((w["ret"], "returned"))
    if "online" in extras:
        tree.append((w["onl"], "online"))
    if ytd:
        tree.append(("Lũy kế từ đầu năm", [("Tiếp nhận mới", "ytd_received_new"),
                                          ("Đã giải quyết", "ytd_resolved_total")]))
    return tree


def pl2_tree():
    return [("Hài lòng", [("Với dịch vụ", "satisfied_service"), ("Về thái độ phục vụ", "satisfied_attitude")]),
            ("Không hài lòng", [("Về nghiệp vụ nhân viên", "unsatisfied_staff"),
                                ("Về thời gian giao dịch", "unsatisfied_time")]),
            ("Ý kiến góp ý", "feedback"), ("Tổng cộng", "ratings_total")]


def leaves(tree, path=()):
    out = []
    for lab, ch in tree:
        if isinstance(ch, str):
            out.append((path + (lab,), ch))
        else:
            out += leaves(ch, path + (lab,))
    return out


def depth(tree):
    return max(1 if isinstance(ch, str) else 1 + depth(ch) for _, ch in tree)


def grid(tree):
    """Header rows: list of rows of (label, rowspan, colspan, col) for a table whose first two
    columns are STT and the unit."""
    D = depth(tree)
    rows = [[] for _ in range(D)]
    rows[0].append(("STT", D, 1, 0))
    col = [2]

    def walk(nodes, lvl):
        for lab, ch in nodes:
            c0 = col[0]
            if isinstance(ch, str):
                rows[lvl].append((lab, D - lvl, 1, c0))
                col[0] += 1
            else:
                n = len(leaves(ch))
                rows[lvl].append((lab, 1, n, c0))
                walk(ch, lvl + 1)
    rows[0].append(("UNIT", D, 1, 1))
    walk(tree, 0)
    for r in rows:
        r.sort(key=lambda x: x[3])
    return rows


# ------------------------------------------------------------------ document model
def period_words(rep):
    k, y, m = rep["kind"], rep["y"], rep["m"]
    if k == "month":
        return "tháng %d năm %d" % (m, y) if rep["style"]["mword"] == 0 else "tháng %02d/%d" % (m, y)
    if k == "quarter":
        return "quý %s năm %d" % (ROMAN[m // 3], y)
    if k == "half":
        return "6 tháng đầu năm %d" % y
    return "năm %d" % y


def build_doc(rep, rng):
    """Abstract document: heading, paragraphs, appendices (tables as cell matrices)."""
    st = rep["style"]
    prov, body_short = rep["province"], "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    pw = period_words(rep)
    sep = st["sep"]
    N = lambda v: fnum(v, sep)
    tot = rep["total"]
    t = rep["narr"]
    d = {}
    d["head_left"] = ["UBND TỈNH %s" % prov.upper(), body_short] if st["parent"] == "ubnd" else \
        ["VĂN PHÒNG UBND TỈNH %s" % prov.upper(), body_short]
    d["number"] = "Số: %d/BC-%s" % (rep["number"], st["code"])
    d["head_right"] = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    d["date"] = "%s, ngày %s tháng %s năm %d" % (TOWNS[prov], rep["sign_d"], rep["sign_m"], rep["sign_y"])
    kindword = {"month": "Kết quả hoạt động", "quarter": "Kết quả hoạt động", "half": "Sơ kết công tác",
                "year": "Tổng kết công tác"}[rep["kind"]]
    d["title"] = ["BÁO CÁO", "%s của Trung tâm Phục vụ hành chính công tỉnh %s %s" % (kindword, prov, pw)
                  if st["title"] == 0 else "%s tiếp nhận, giải quyết thủ tục hành chính %s" % (kindword, pw)]
    if rep.get("reissue"):
        d["title"].append("(Báo cáo này thay thế Báo cáo số %d/BC-%s do có điều chỉnh số liệu)"
                          % (rep["reissue"], st["code"]))
    paras = []
    intro = ("Căn cứ chức năng, nhiệm vụ được giao, Trung tâm Phục vụ hành chính công tỉnh báo cáo "
             "kết quả tiếp nhận, giải quyết thủ tục hành chính %s (từ ngày %s đến ngày %s) như sau:"
             % (pw, rep["from_s"], rep["to_s"]))
    paras.append(intro)
    paras.append("I. KẾT QUẢ TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ")
    ok = t["resolved_early"] + t["resolved_ontime"]
    if st["narr"] == 0:
        paras.append("- Tổng số hồ sơ tiếp nhận: %s hồ sơ, trong đó: tồn kỳ trước chuyển sang %s hồ sơ; "
                     "tiếp nhận mới %s hồ sơ (trực tuyến %s hồ sơ, chiếm %s%%)."
                     % (N(t["received_total"]), N(t["received_carryover"]), N(t["received_new"]),
                        N(t["online"]), fpct(pc(tot["online"], tot["received_new"]), 2)))
        paras.append("- Đã giải quyết %s hồ sơ (đạt %s%%), trong đó: trước hạn %s hồ sơ; đúng hạn %s hồ sơ; "
                     "quá hạn %s hồ sơ." % (N(t["resolved_total"]),
                                           fpct(pc(tot["resolved_total"], tot["received_total"]), 2),
                                           N(t["resolved_early"]), N(t["resolved_ontime"]), N(t["resolved_late"])))
        paras.append("- Đang giải quyết %s hồ sơ, trong đó còn hạn %s hồ sơ, quá hạn %s hồ sơ."
                     % (N(t["pending_total"]), N(t["pending_ontime"]), N(t["pending_overdue"])))
    elif st["narr"] == 1:
        paras.append("Trong %s, các cơ quan, đơn vị có thủ tục hành chính tại Trung tâm đã tiếp nhận "
                     "tổng cộng %s hồ sơ, gồm %s hồ sơ mới và %s hồ sơ của kỳ trước chuyển sang. "
                     "Kết quả, đã giải quyết %s hồ sơ; số hồ sơ giải quyết trước hạn và đúng hạn là %s, "
                     "đạt %s%%; còn %s hồ sơ trễ hạn. Hiện còn %s hồ sơ đang giải quyết, trong đó %s hồ sơ "
                     "đã quá hạn."
                     % (pw, N(t["received_total"]), N(t["received_new"]), N(t["received_carryover"]),
                        N(t["resolved_total"]), N(ok), fpct(pc(ok, tot["resolved_total"]), 2),
                        N(t["resolved_late"]), N(t["pending_total"]), N(t["pending_overdue"])))
    else:
        paras.append("1. Số liệu tiếp nhận, giải quyết")
        paras.append("+ Hồ sơ kỳ trước chuyển qua: %s" % N(t["received_carryover"]))
        paras.append("+ Hồ sơ nhận mới: %s" % N(t["received_new"]))
        paras.append("+ Tổng số hồ sơ phải giải quyết: %s" % N(t["received_total"]))
        paras.append("+ Đã giải quyết: %s (trước hạn: %s; đúng hạn: %s; trễ hạn: %s)"
                     % (N(t["resolved_total"]), N(t["resolved_early"]), N(t["resolved_ontime"]),
                        N(t["resolved_late"])))
        paras.append("+ Chưa giải quyết xong: %s" % N(t["pending_total"]))
    if rep.get("ytd_total"):
        paras.append("- Lũy kế từ đầu năm đến nay, Trung tâm tiếp nhận mới %s hồ sơ, đã giải quyết %s hồ sơ."
                     % (N(rep["ytd_total"]["ytd_received_new"]), N(rep["ytd_total"]["ytd_resolved_total"])))
    late_units = [(name, v["resolved_late"]) for (u, name, v) in rep["rows"] if v["resolved_late"] > 0]
    if late_units and rep["kind"] == "month":
        name, n = late_units[0]
        paras.append("- Hồ sơ trễ hạn chủ yếu thuộc %s (%s hồ sơ) do phải chờ kết quả xác minh của "
                     "cơ quan liên quan; Trung tâm đã đề nghị đơn vị gửi thư xin lỗi tổ chức, cá nhân."
                     % (name, N(n)))
    paras.append("(Chi tiết tại Phụ lục I%s kèm theo)" % (" và Phụ lục II" if rep.get("pl2") else ""))
    if rep.get("merge_note"):
        paras.append("Ghi chú: từ tháng 3/2025, số liệu của các sở sau sắp xếp, hợp nhất được tổng hợp theo "
                     "tên cơ quan mới; số kỳ trước chuyển sang bao gồm số hồ sơ của các sở được hợp nhất.")
    paras.append("II. NHẬN XÉT, ĐÁNH GIÁ")
    paras.append(rng.choice([
        "Nhìn chung các cơ quan, đơn vị thực hiện nghiêm quy chế phối hợp; công chức làm việc tại "
        "Trung tâm chấp hành tốt nội quy, giờ giấc làm việc.",
        "Việc tiếp nhận, giải quyết hồ sơ cơ bản bảo đảm đúng quy trình; một số đơn vị còn chậm cập nhật "
        "trạng thái xử lý trên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.",
        "Tỷ lệ hồ sơ nộp trực tuyến tiếp tục tăng; tuy nhiên vẫn còn hồ sơ trễ hạn do phải lấy ý kiến "
        "của cơ quan liên quan."]))
    paras.append("III. NHIỆM VỤ TRỌNG TÂM KỲ TỚI")
    paras.append("Tiếp tục theo dõi, đôn đốc các cơ quan, đơn vị giải quyết hồ sơ đúng hạn; đẩy mạnh "
                 "hướng dẫn tổ chức, cá nhân nộp hồ sơ trực tuyến và thanh toán không dùng tiền mặt.")
    paras.append("Trên đây là báo cáo %s của Trung tâm Phục vụ hành chính công tỉnh %s./." % (pw, prov))
    d["paras"] = paras
    d["signer"] = ["GIÁM ĐỐC", "", rep["signer"]]
    d["recipients"] = ["Nơi nhận:", "- UBND tỉnh (b/c);", "- Văn phòng UBND tỉnh;",
                       "- Các sở, ban, ngành có TTHC tại Trung tâm;", "- Lưu: VT, %s." % st["code"]]
    # appendices
    apps = []
    apps.append(make_table(rep, "PL-I", rep["tree"], rep["rows"], tot, st, pw, rep.get("ytd_rows"),
                           rep.get("ytd_total")))
    if rep.get("pl2"):
        apps.append(make_table(rep, "PL-II", pl2_tree(), rep["pl2"]["rows"], rep["pl2"]["total"], st, pw))
    d["apps"] = apps
    return d


def make_table(rep, tid, tree, rows, total, st, pw, ytd_rows=None, ytd_total=None):
    sep = st["sep"]
    keys = [k for _, k in leaves(tree)]
    body = []
    for i, (u, name, v) in enumerate(rows):
        vals = []
        for k in keys:
            if k.startswith("ytd_"):
                vals.append(fnum(ytd_rows[u][k], sep))
            else:
                vals.append(fnum(v[k], sep))
        body.append([str(i + 1), name] + vals)
    trow = []
    for k in keys:
        if k.startswith("ytd_"):
            trow.append(fnum(ytd_total[k], sep))
        else:
            trow.append(fnum(rep["stated_total"][k] if tid == "PL-I" else total[k], sep))
    tot_label = st["total_label"]
    totals = [("" if not st["total_numbered"] else str(len(rows) + 1), tot_label, trow)]
    pct_row = None
    if tid == "PL-I" and st["pct_row"]:
        nd = st["pct_nd"]
        parent = {"received_total": "received_total", "received_carryover": "received_total",
                  "received_new": "received_total", "resolved_total": "received_total",
                  "resolved_early": "resolved_total", "resolved_ontime": "resolved_total",
                  "resolved_late": "resolved_total", "pending_total": "received_total",
                  "pending_ontime": "pending_total", "pending_overdue": "pending_total",
                  "returned": "received_total", "online": "received_total"}
        pv = []
        for k in keys:
            if k.startswith("ytd_"):
                pv.append("")
            else:
                pv.append(fpct(pc(total[k], total[parent[k]]), nd))
        if rep.get("pct_fault"):
            k, s = rep["pct_fault"]
            pv[keys.index(k)] = s
        pct_row = ("" if not st["total_numbered"] else str(len(rows) + 2), st["pct_label"], pv)
    title = "PHỤ LỤC I" if tid == "PL-I" else "PHỤ LỤC II"
    sub = ("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH %s" % pw.upper() if tid == "PL-I" else
           "KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG CỦA TỔ CHỨC, CÁ NHÂN %s" % pw.upper())
    note = "(Kèm theo Báo cáo số %d/BC-%s của Trung tâm Phục vụ hành chính công tỉnh %s)" % (
        rep["number"], st["code"], rep["province"])
    sec = None
    if st.get("section_row") and tid == "PL-I":
        sec = "A" if st["section_row"] else None
    return {"id": tid, "title": [title, sub, "(Từ ngày %s đến ngày %s)" % (rep["from_s"], rep["to_s"]), note],
            "tree": tree, "keys": keys, "rows": body, "totals": totals, "pct": pct_row,
            "unit_head": st["unit_head"], "section": sec}


# ------------------------------------------------------------------ writers
def header_text_rows(app):
    """Header as a list of rows of strings over all columns (spans repeated as blanks)."""
    g = grid(app["tree"])
    ncol = 2 + len(app["keys"])
    out = []
    for r in g:
        row = [""] * ncol
        for lab, rs, cs, c in r:
            row[c] = app["unit_head"] if lab == "UNIT" else lab
        out.append(row)
    return out


def flat_headers(app, joiner):
    hs = ["STT", app["unit_head"]]
    for path, k in leaves(app["tree"]):
        hs.append(joiner.join(path))
    return hs


def write_tsv(d, path, st):
    L = []
    if st["head"] == "tabs":
        L.append("%s\t%s" % (d["head_left"][0], d["head_right"][0]))
        L.append("%s\t%s" % (d["head_left"][1], d["head_right"][1]))
        L.append("%s\t%s" % (d["number"], d["date"]))
    else:
        L += d["head_left"] + [d["number"], ""] + d["head_right"] + [d["date"]]
    L.append("")
    L += d["title"]
    L.append("")
    L += d["paras"]
    L.append("")
    L += d["recipients"] + [""] + d["signer"]
    for app in d["apps"]:
        L.append("\f" if st.get("ff") else "")
        L += app["title"]
        L.append("")
        if st["tsv_header"] == "multi":
            for r in header_text_rows(app):
                L.append("\t".join(r))
        else:
            L.append("\t".join(flat_headers(app, st["joiner"])))
        if app["section"]:
            L.append("A\tCác sở, ban, ngành")
        for r in app["rows"]:
            L.append("\t".join(r))
        for num, lab, vals in app["totals"]:
            L.append("\t".join([num, lab] + vals))
        if app["pct"]:
            num, lab, vals = app["pct"]
            L.append("\t".join([num, lab] + vals))
    open(path, "w", encoding="utf-8", newline="\n").write("\n".join(L) + "\n")


def write_md(d, path, st):
    L = []
    L.append("**%s**  " % d["head_left"][0])
    L.append("**%s**  " % d["head_left"][1])
    L.append(d["number"])
    L.append("")
    L.append("**%s**  " % d["head_right"][0])
    L.append("*%s*" % d["head_right"][1])
    L.append("")
    L.append("*%s*" % d["date"])
    L.append("")
    L.append("## " + d["title"][0])
    for t in d["title"][1:]:
        L.append("**%s**" % t)
    L.append("")
    for p in d["paras"]:
        if p[:2] in ("I.", "II", "III"):
            L.append("### " + p)
        else:
            L.append(p)
        L.append("")
    L += d["recipients"] + [""] + ["**%s**" % d["signer"][0], "", d["signer"][2]]
    for app in d["apps"]:
        L.append("")
        L.append("---")
        L.append("")
        L.append("### " + app["title"][0])
        L += ["**%s**" % x for x in app["title"][1:3]] + ["*%s*" % app["title"][3]]
        L.append("")
        hs = flat_headers(app, st["joiner"])
        L.append("| " + " | ".join(hs) + " |")
        L.append("|" + "|".join([":---:", ":---"] + ["---:"] * (len(hs) - 2)) + "|")
        if app["section"]:
            L.append("| **A** | **Các sở, ban, ngành** |" + " |" * (len(hs) - 2))
        for r in app["rows"]:
            L.append("| " + " | ".join(r) + " |")
        for num, lab, vals in app["totals"]:
            L.append("| " + " | ".join(["**%s**" % x if x else "" for x in [num, lab] + vals]) + " |")
        if app["pct"]:
            num, lab, vals = app["pct"]
            L.append("| " + " | ".join(["*%s*" % x if x else "" for x in [num, lab] + vals]) + " |")
    txt = "\n".join(L) + "\n"
    if st.get("nfd"):
        txt = unicodedata.normalize("NFD", txt)
    open(path, "w", encoding="utf-8", newline="\n").write(txt)


def write_html(d, path, st, for_print=False):
    e = html.escape
    H = ['<!DOCTYPE html>', '<html lang="vi"><head><meta charset="utf-8">',
         '<title>%s</title>' % e(" ".join(d["title"][:2])),
         '<style>body{font-family:"Liberation Serif","Times New Roman",serif;font-size:13pt;margin:1.5cm}'
         'table.kq{border-collapse:collapse;font-size:%s}table.kq td,table.kq th{border:1px solid #000;'
         'padding:2px 4px}td.n{text-align:right}.c{text-align:center}'
         '@page{size:A4 %s;margin:1.2cm}</style></head><body>'
         % ("8pt" if for_print else "11pt", "landscape" if for_print else "portrait")]
    H.append('<table width="100%"><tr><td class="c"><p>' + e(d["head_left"][0]) + '<br><b>' +
             e(d["head_left"][1]) + '</b></p><p>' + e(d["number"]) + '</p></td><td class="c"><p><b>' +
             e(d["head_right"][0]) + '</b><br><b><u>' + e(d["head_right"][1]) + '</u></b></p><p><i>' +
             e(d["date"]) + '</i></p></td></tr></table>')
    H.append('<h2 class="c">%s</h2>' % e(d["title"][0]))
    for t in d["title"][1:]:
        H.append('<p class="c"><b>%s</b></p>' % e(t))
    for p in d["paras"]:
        if p[:2] in ("I.", "II", "III"):
            H.append("<h3>%s</h3>" % e(p))
        else:
            H.append('<p style="text-indent:1cm">%s</p>' % e(p).replace("  ", "&nbsp; "))
    H.append('<table width="100%"><tr><td><p><b><i>' + "</i></b><br>".join(e(x) for x in d["recipients"][:1]) +
             "</i></b><br>" + "<br>".join(e(x) for x in d["recipients"][1:]) + '</p></td><td class="c"><p><b>' +
             e(d["signer"][0]) + '</b><br><br><br><b>' + e(d["signer"][2]) + '</b></p></td></tr></table>')
    for app in d["apps"]:
        H.append('<div style="page-break-before:always"></div>' if for_print else "<hr>")
        H.append('<p class="c"><b>%s</b><br><b>%s</b><br><i>%s</i><br><i>%s</i></p>'
                 % tuple(e(x) for x in app["title"]))
        H.append('<table class="kq">')
        for r in grid(app["tree"]):
            cells = []
            for lab, rs, cs, c in r:
                lab = app["unit_head"] if lab == "UNIT" else lab
                attrs = ""
                if rs > 1:
                    attrs += ' rowspan="%d"' % rs
                if cs > 1:
                    attrs += ' colspan="%d"' % cs
                tag = "th" if st.get("th") else "td"
                cells.append('<%s%s class="c"><p><span>%s</span></p></%s>' % (tag, attrs, e(lab), tag))
            H.append("<tr>" + "".join(cells) + "</tr>")
        ncol = 2 + len(app["keys"])
        H.append("<tr>" + "".join('<td class="c"><i>(%d)</i></td>' % (i + 1) for i in range(ncol)) + "</tr>")
        if app["section"]:
            H.append('<tr><td class="c"><b>A</b></td><td colspan="%d"><b>Các sở, ban, ngành</b></td></tr>'
                     % (ncol - 1))
        for r in app["rows"]:
            H.append("<tr><td class=\"c\">%s</td><td>%s</td>%s</tr>" % (
                e(r[0]), e(r[1]), "".join('<td class="n">%s</td>' % e(x) for x in r[2:])))
        for num, lab, vals in app["totals"]:
            if num:
                H.append('<tr><td class="c"><b>%s</b></td><td><b>%s</b></td>%s</tr>' % (
                    e(num), e(lab), "".join('<td class="n"><b>%s</b></td>' % e(x) for x in vals)))
            else:
                H.append('<tr><td colspan="2" class="c"><b>%s</b></td>%s</tr>' % (
                    e(lab), "".join('<td class="n"><b>%s</b></td>' % e(x) for x in vals)))
        if app["pct"]:
            num, lab, vals = app["pct"]
            if num:
                H.append('<tr><td class="c">%s</td><td><i>%s</i></td>%s</tr>' % (
                    e(num), e(lab), "".join('<td class="n"><i>%s</i></td>' % e(x) for x in vals)))
            else:
                H.append('<tr><td colspan="2" class="c"><i>%s</i></td>%s</tr>' % (
                    e(lab), "".join('<td class="n"><i>%s</i></td>' % e(x) for x in vals)))
        H.append("</table>")
    H.append("</body></html>")
    open(path, "w", encoding="utf-8").write("\n".join(H) + "\n")


def write_docx(d, path, st):
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt
    doc = docx.Document()
    stl = doc.styles["Normal"]
    stl.font.name = "Times New Roman"
    stl.font.size = Pt(13)
    C = WD_ALIGN_PARAGRAPH.CENTER
    if st["head"] == "table":
        t = doc.add_table(rows=3, cols=2)
        vals = [(d["head_left"][0], d["head_right"][0]), (d["head_left"][1], d["head_right"][1]),
                (d["number"], d["date"])]
        for i, (a, b) in enumerate(vals):
            for j, s in enumerate((a, b)):
                p = t.cell(i, j).paragraphs[0]
                r = p.add_run(s)
                r.bold = i < 2
                r.italic = (i == 2 and j == 1)
                p.alignment = C
    else:
        for s in d["head_left"]:
            p = doc.add_paragraph()
            p.add_run(s).bold = True
            p.alignment = C
        doc.add_paragraph(d["number"]).alignment = C
        for s in d["head_right"]:
            p = doc.add_paragraph()
            p.add_run(s).bold = True
            p.alignment = C
        p = doc.add_paragraph()
        p.add_run(d["date"]).italic = True
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for i, s in enumerate(d["title"]):
        p = doc.add_paragraph()
        p.add_run(s).bold = True
        p.alignment = C
    for s in d["paras"]:
        p = doc.add_paragraph(s)
        p.paragraph_format.first_line_indent = Cm(1)
    t = doc.add_table(rows=1, cols=2)
    t.cell(0, 0).paragraphs[0].add_run("\n".join(d["recipients"])).italic = True
    p = t.cell(0, 1).paragraphs[0]
    p.add_run("\n".join(d["signer"])).bold = True
    p.alignment = C
    for app in d["apps"]:
        sec = doc.add_section()
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
        sec.left_margin = sec.right_margin = Cm(1.2)
        for i, s in enumerate(app["title"]):
            p = doc.add_paragraph()
            r = p.add_run(s)
            r.bold = i < 2
            r.italic = i >= 2
            p.alignment = C
        g = grid(app["tree"])
        D = len(g)
        ncol = 2 + len(app["keys"])
        nrow = D + len(app["rows"]) + len(app["totals"]) + (1 if app["pct"] else 0) + (1 if app["section"] else 0)
        tb = doc.add_table(rows=nrow, cols=ncol)
        tb.style = "Table Grid"
        for ri, r in enumerate(g):
            for lab, rs, cs, c in r:
                cell = tb.cell(ri, c)
                if rs > 1 or cs > 1:
                    cell = cell.merge(tb.cell(ri + rs - 1, c + cs - 1))
                cell.text = app["unit_head"] if lab == "UNIT" else lab
                for p in cell.paragraphs:
                    p.alignment = C
                    for r_ in p.runs:
                        r_.bold = True
                        r_.font.size = Pt(9)
        ri = D
        if app["section"]:
            tb.cell(ri, 0).text = "A"
            tb.cell(ri, 1).merge(tb.cell(ri, ncol - 1)).text = "Các sở, ban, ngành"
            ri += 1
        for r in app["rows"]:
            for c, v in enumerate(r):
                tb.cell(ri, c).text = v
                for p in tb.cell(ri, c).paragraphs:
                    for r_ in p.runs:
                        r_.font.size = Pt(9)
            ri += 1
        extra = list(app["totals"]) + ([app["pct"]] if app["pct"] else [])
        for j, (num, lab, vals) in enumerate(extra):
            if num:
                tb.cell(ri, 0).text = num
                tb.cell(ri, 1).text = lab
            else:
                tb.cell(ri, 0).merge(tb.cell(ri, 1)).text = lab
            for c, v in enumerate(vals):
                tb.cell(ri, 2 + c).text = v
            for c in range(ncol):
                for p in tb.cell(ri, c).paragraphs:
                    for r_ in p.runs:
                        r_.bold = j < len(app["totals"])
                        r_.italic = j >= len(app["totals"])
                        r_.font.size = Pt(9)
            ri += 1
    doc.save(path)


# ------------------------------------------------------------------ conversions
def soffice(fmt, srcs, outdir, profile):
    if not srcs:
        return
    os.makedirs(outdir, exist_ok=True)
    cmd = ["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--convert-to", fmt,
           "--outdir", outdir] + srcs
    subprocess.run(cmd, capture_output=True, timeout=900)


def chromium_pdf(src, dst, profile):
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
                    "--no-pdf-header-footer", "--print-to-pdf=" + dst, "file://" + src],
                   capture_output=True, timeout=300)


def scan_pdf(src, dst, rng, tmp):
    import numpy as np
    from PIL import Image, ImageFilter
    base = os.path.join(tmp, "scan_%d" % rng.randrange(1 << 30))
    dpi = rng.choice([150, 200, 200, 300])
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", src, base], check=True)
    pages = sorted(f for f in os.listdir(tmp) if f.startswith(os.path.basename(base)) and f.endswith(".png"))
    jpgs = []
    for i, f in enumerate(pages):
        im = Image.open(os.path.join(tmp, f)).convert("L")
        im = im.rotate(rng.uniform(-1.2, 1.2), resample=Image.BICUBIC, expand=True, fillcolor=255)
        if rng.random() < 0.7:
            im = im.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
        a = np.asarray(im).astype(np.float32)
        a = a * rng.uniform(0.85, 1.0) + rng.uniform(0, 25)          # grey paper, faded toner
        a += np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(4, 12), a.shape)
        im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        j = os.path.join(tmp, "%s_%d.jpg" % (os.path.basename(base), i))
        im.save(j, quality=rng.randint(35, 70), dpi=(dpi, dpi))
        jpgs.append(j)
    subprocess.run(["img2pdf", "-o", dst] + jpgs, check=True)


# ------------------------------------------------------------------ styles / eras
SHAPES = ["docx", "doc", "odt", "pdf_lo", "html_lo", "html_hand", "pdf_chrome", "pdf_scan", "txt_layout",
          "tsv", "md"]
EXT = {"docx": ".docx", "doc": ".doc", "odt": ".odt", "pdf_lo": ".pdf", "html_lo": ".html", "html_hand": ".htm",
       "pdf_chrome": ".pdf", "pdf_scan": ".pdf", "txt_layout": ".txt", "tsv": ".txt", "md": ".md"}
NAMES = ["BC_{m:02d}-{y}_TTPVHCC{ext}", "Bao cao thang {m} nam {y}{ext}", "{y}.{m:02d} - BC ket qua TTHC{ext}",
         "bc-t{m}-{y}{ext}", "So {num}-BC-TTPVHCC{ext}", "BC TTHCC T{m:02d}.{y}{ext}"]


def make_style(rng, shape, year):
    st = {
        "shape": shape,
        "sep": "." if rng.random() < 0.75 else "",
        "parent": rng.choice(["ubnd", "vp"]),
        "code": rng.choice(["TTPVHCC", "TTHCC", "TTPVHCC"]),
        "title": rng.randint(0, 1),
        "mword": 0 if rng.random() < 0.7 else 1,
        "narr": rng.randint(0, 2),
        "wording": rng.randrange(len(WORDINGS)),
        "order": "pending_first" if rng.random() < 0.25 else "std",
        "extras": [x for x in ("returned", "online") if rng.random() < 0.75],
        "ytd": rng.random() < 0.35,
        "pl2": rng.random() < 0.45,
        "total_label": rng.choice(["Tổng cộng", "Cộng", "Tổng", "TỔNG CỘNG", "Tổng cộng"]),
        "total_numbered": rng.random() < 0.3,
        "pct_row": rng.random() < 0.6,
        "pct_label": rng.choice(["Tỷ lệ %", "Tỷ lệ (%)", "Tỉ lệ %"]),
        "pct_nd": rng.choice([1, 2, 2]),
        "unit_head": rng.choice(["Đơn vị", "Tên đơn vị", "Cơ quan, đơn vị", "Sở, ban, ngành"]),
        "spelling": rng.choice(["canon", "abbr", "mixed", "canon"]),
        "head": rng.choice(["table", "stacked"]) if shape in ("docx", "doc", "odt", "pdf_lo", "html_lo")
        else rng.choice(["tabs", "stacked"]),
        "tsv_header": rng.choice(["multi", "flat"]),
        "joiner": rng.choice([" - ", " / ", ": "]),
        "th": rng.random() < 0.5,
        "nfd": shape == "md" and rng.random() < 0.3,
        "section_row": rng.random() < 0.2,
        "ff": rng.random() < 0.5,
        "names": rng.choice(NAMES),
        "folder": rng.choice(["flat", "year", "year"]),
    }
    if year < 2021:
        st["ytd"] = False
    return st


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--province", action="append", required=True)
    ap.add_argument("--start", default="2023-01")
    ap.add_argument("--months", type=int, default=28)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    os.makedirs(a.out)
    tmp = tempfile.mkdtemp(prefix="gen_archive_b_")
    profile = os.path.join(tmp, "lo_profile")
    truth = {"seed": a.seed, "generator": "bench/archive_b/gen.py", "provinces": [], "cells": [],
             "cells_ytd": [], "files": [],
             "faults": {"cell": [], "carryover": [], "narrative": [], "gap": [], "duplicate": [], "conflict": [],
                        "total": [], "percent": [], "merge": []}}
    jobs = []   # post-processing: (kind, args)
    for prov in a.province:
        prng = random.Random(rng.randrange(1 << 30))
        y0, m0 = map(int, a.start.split("-"))
        n = a.months + prng.randint(-2, 2)
        months = []
        y, m = y0, m0
        for _ in range(n):
            months.append((y, m))
            y, m = (y, m + 1) if m < 12 else (y + 1, 1)
        merge_mi = months.index(MERGE_AT) if MERGE_AT in months else None
        body = "Trung tâm Phục vụ hành chính công tỉnh " + prov
        mid = prng.random() < 0.5            # 16/prev..15/cur or calendar months
        # periodic reports that do not span the merge
        periodic = []
        for y in sorted(set(y for y, _ in months)):
            for q in (1, 2, 3, 4):
                mis = [months.index((y, 3 * q - 2 + i)) for i in range(3) if (y, 3 * q - 2 + i) in months]
                if len(mis) == 3 and not (merge_mi and mis[0] <= merge_mi <= mis[-1] and mis[0] != merge_mi):
                    periodic.append(("quarter", y, 3 * q, mis))
            mis = [months.index((y, mm)) for mm in range(1, 7) if (y, mm) in months]
            if len(mis) == 6 and not (merge_mi and mis[0] < merge_mi <= mis[-1]):
                periodic.append(("half", y, 6, mis))
            mis = [months.index((y, mm)) for mm in range(1, 13) if (y, mm) in months]
            if len(mis) == 12 and not (merge_mi and mis[0] < merge_mi <= mis[-1]):
                periodic.append(("year", y, 12, mis))
        pick = [p for p in periodic if p[0] == "quarter"]
        pick = prng.sample(pick, min(2, len(pick))) + [p for p in periodic if p[0] == "half"][:1] + \
            [p for p in periodic if p[0] == "year"][:1]
        # gaps, faults
        cand = [i for i in range(2, n - 1) if i != merge_mi and (merge_mi is None or i != merge_mi - 1)]
        gaps = set(prng.sample(cand, 2))
        present = [i for i in range(n) if i not in gaps]
        free = [i for i in present if i > 0 and i - 1 not in gaps and i != merge_mi]
        prng.shuffle(free)
        # a break inside a quarter/half/year that is reported would make that report's own
        # sums disagree (the clerk adds up the months), so breaks go elsewhere
        inner = set(i for p in pick for i in p[3])
        breaks_m = [i for i in free if i not in inner][:3]
        free = [i for i in free if i not in breaks_m]
        cells_m = free[0:3]
        total_m = free[3:4]
        pct_m = free[4:5]
        narr_m = free[5:7]
        breaks = {}
        for i in breaks_m:
            u = prng.choice([x for x in active_units(*months[i]) if x in active_units(*months[i - 1])])
            breaks[(i, u)] = prng.choice([-1, 1]) * prng.choice([1, 3, 10, 20, 100])
        data, ytd = simulate(prng, months, breaks)
        for (i, u), dl in list(breaks.items()):
            if data[i][u]["received_carryover"] == data[i - 1][u]["pending_total"]:
                del breaks[(i, u)]
        # eras: 7-9 stretches, each with one shape and one clerk style
        k_eras = prng.randint(7, 9)
        cuts = sorted(prng.sample(range(2, n - 1), k_eras - 1))
        bounds = [0] + cuts + [n]
        shapes = SHAPES[:]
        prng.shuffle(shapes)
        eras = []
        for e in range(k_eras):
            sh = shapes[e % len(shapes)]
            eras.append((bounds[e], bounds[e + 1], make_style(prng, sh, months[bounds[e]][0])))
        # the remaining shapes go to the periodic reports
        rest_shapes = shapes[k_eras:] + prng.sample(SHAPES, 4)
        # spellings per era
        all_units = [u for u, _, _ in DEPTS] + ["Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo"]
        variants = {u: list(vs) for u, _, vs in DEPTS}
        variants.update({u: list(v) for u, v in NEW_VARIANTS.items()})
        for (_, _, st) in eras:
            nm = {}
            for u in all_units:
                vs = variants[u]
                nm[u] = vs[0] if st["spelling"] == "abbr" else (prng.choice([u] + vs) if st["spelling"] == "mixed" else u)
            st["unit_names"] = nm
        pinfo = {"name": prov, "body": body, "parent": "UBND tỉnh " + prov,
                 "months": ["%04d-%02d" % x for x in months], "units": all_units, "variants": variants,
                 "joiner": "Sở Nông nghiệp và Môi trường", "joined": "%04d-%02d" % MERGE_AT,
                 "range": "16-15" if mid else "calendar",
                 "periodic": ["%s %d-%d" % (p[0], p[1], p[2]) for p in pick]}
        truth["provinces"].append(pinfo)
        for i in sorted(gaps):
            truth["faults"]["gap"].append({"province": prov, "body": body, "period": "%04d-%02d" % months[i]})
        if merge_mi is not None and merge_mi in present:
            for new, preds in MERGES:
                truth["faults"]["merge"].append({"province": prov, "period": "%04d-%02d" % months[merge_mi],
                                                 "unit": new, "predecessors": preds})
        reports = [("month", months[i][0], months[i][1], [i]) for i in present] + pick
        reports.sort(key=lambda r: (r[3][-1], ["month", "quarter", "half", "year"].index(r[0])))
        number = prng.randint(10, 60)
        pdir = os.path.join(a.out, "".join(c for c in unicodedata.normalize("NFD", prov) if unicodedata.category(c) != "Mn")
                            .replace("đ", "d").replace("Đ", "D").replace(" ", "_"))
        dup_done = {"copy": False, "reexport": False}
        conf_done = False
        signer = prng.choice(SIGNERS)
        code_seen = {}
        for ri, (kind, y, m, mis) in enumerate(reports):
            mi = mis[-1]
            era = next(e for e in eras if e[0] <= mi < e[1])
            st = copy.deepcopy(era[2])
            rr = random.Random(prng.randrange(1 << 30))
            if kind != "month":
                st["shape"] = rest_shapes.pop(0) if rest_shapes else rr.choice(SHAPES)
                st["names"] = rr.choice(["BC_{kind}_{y}{ext}", "Bao cao {kind} {y}{ext}"])
                if kind != "quarter":
                    st["pl2"] = False
            st["ytd"] = st["ytd"] and kind == "month" and mi != merge_mi and months[mi][1] > 1 and \
                (merge_mi is None or not (months[mi][0] == MERGE_AT[0] and mi >= merge_mi))
            shape = st["shape"]
            vals = data[mi] if kind == "month" else aggregate(data, mis)
            if kind == "month":
                period = "%04d-%02d" % (y, m)
                fy, fm = (y, m - 1) if m > 1 else (y - 1, 12)
                frm, to = ("16/%d/%d" % (fm, fy), "15/%d/%d" % (m, y)) if mid else \
                    ("01/%d/%d" % (m, y), "%d/%d/%d" % (calendar.monthrange(y, m)[1], m, y))
            else:
                ys, ms = months[mis[0]]
                period = {"quarter": "%04d-Q%d" % (y, m // 3), "half": "%04d-H1" % y, "year": "%04d" % y}[kind]
                fy, fm = (ys, ms - 1) if ms > 1 else (ys - 1, 12)
                frm, to = ("16/%d/%d" % (fm, fy), "15/%d/%d" % (m, y)) if mid else \
                    ("01/%d/%d" % (ms, ys), "%d/%d/%d" % (calendar.monthrange(y, m)[1], m, y))
            number += rr.randint(2, 19)
            if mid:
                sy, sm, sd = y, m, rr.randint(16, 26)
            else:
                sy, sm = (y, m + 1) if m < 12 else (y + 1, 1)
                sd = rr.randint(1, 7)
            rows = []
            for u in vals:
                name = st["unit_names"][u]
                if rr.random() < 0.05:
                    name = rr.choice(variants[u])
                rows.append((u, name, dict(vals[u])))
            if rr.random() < 0.3:             # police and social insurance listed first this time
                rows.sort(key=lambda r: 0 if r[0] in ("Công an tỉnh", "Bảo hiểm xã hội tỉnh") else 1)
            tree = pl1_tree(WORDINGS[st["wording"]], st["extras"], st["ytd"], st["order"])
            keys = [k for _, k in leaves(tree) if not k.startswith("ytd_")]
            total = {k: sum(r[2][k] for r in rows) for k in KEYS}
            rep = {"province": prov, "kind": kind, "y": y, "m": m, "period": period, "from_s": frm, "to_s": to,
                   "number": number, "sign_d": "%02d" % sd if rr.random() < 0.5 else str(sd), "sign_m": str(sm),
                   "sign_y": sy, "signer": signer, "style": st, "tree": tree, "total": total,
                   "stated_total": dict(total), "narr": dict(total),
                   "merge_note": kind == "month" and mi == merge_mi}
            if st["ytd"]:
                rep["ytd_rows"] = ytd[mi]
                rep["ytd_total"] = {k: sum(ytd[mi][u][k] for u in vals) for k in ("ytd_received_new", "ytd_resolved_total")}
            faults_here = []
            fbase = {"province": prov, "body": body, "period": period}
            if kind == "month" and mi in cells_m:
                cands = [(j, k) for j, r in enumerate(rows) for k in keys
                         if k not in ("received_carryover", "returned", "online") and r[2][k] >= 4]
                j, k = rr.choice(cands)
                right = rows[j][2][k]
                wrong = typo(rr, right)
                rows[j][2][k] = wrong
                faults_here.append(("cell", dict(fbase, unit=rows[j][0], unit_as_written=rows[j][1], column=k,
                                                 stated=wrong, right=right)))
            if kind == "month" and mi in total_m:
                k = rr.choice([k for k in keys if total[k] >= 50 and k not in ("returned", "online")])
                wrong = total[k] + rr.choice([-100, -10, 10, 100, 1000])
                rep["stated_total"][k] = wrong
                faults_here.append(("total", dict(fbase, unit=TOTAL, column=k, stated=wrong, right=total[k])))
            if kind == "month" and mi in pct_m:
                if not st["pct_row"]:
                    st["pct_row"] = True
                nd = st["pct_nd"]
                k = rr.choice([k for k in keys if k in ("received_carryover", "received_new", "resolved_total",
                                                         "pending_total", "resolved_early")])
                par = {"resolved_early": "resolved_total"}.get(k, "received_total")
                right = round(pc(total[k], total[par]), nd)
                wrong = right + rr.choice([-7, 5, 10, -3.5, 2.5])
                if wrong <= 0:
                    wrong = right + 5
                rep["pct_fault"] = (k, fpct(wrong, nd))
                faults_here.append(("percent", dict(fbase, unit=TOTAL, column=k, stated=round(wrong, nd),
                                                    right=right)))
            if kind == "month" and mi in narr_m:
                nk = {0: ["received_total", "received_carryover", "received_new", "resolved_total",
                          "resolved_early", "resolved_late", "pending_total"],
                      1: ["received_total", "received_new", "received_carryover", "resolved_total", "pending_total"],
                      2: ["received_carryover", "received_new", "received_total", "resolved_total",
                          "resolved_early", "pending_total"]}[st["narr"]]
                k = rr.choice([x for x in nk if total[x] >= 10])
                wrong = typo(rr, total[k])
                rep["narr"][k] = wrong
                faults_here.append(("narrative", dict(fbase, metric=k, stated=wrong, right=total[k])))
            if kind == "month" and any(b[0] == mi for b in breaks):
                for (bi, u), dl in breaks.items():
                    if bi == mi:
                        faults_here.append(("carryover", dict(
                            fbase, previous_period="%04d-%02d" % months[mi - 1], unit=u,
                            stated=data[mi][u]["received_carryover"],
                            previous_pending=data[mi - 1][u]["pending_total"])))
            rep["rows"] = rows
            if st["pl2"]:
                p2 = {u: satisfaction(rr, vals[u]) for (u, _, _) in rows}
                rep["pl2"] = {"rows": [(u, nm, p2[u]) for (u, nm, _) in rows],
                              "total": {k: sum(p2[u][k] for u in p2) for k in PL2}}
            # file name and place
            ext = EXT[shape]
            kindname = {"quarter": "Quy_%s" % ROMAN.get(m // 3, ""), "half": "6thang", "year": "nam"}.get(kind, "")
            fname = st["names"].format(m=m, y=y, ext=ext, num=number, kind=kindname)
            sub = os.path.join(pdir, str(y)) if st["folder"] == "year" else pdir
            os.makedirs(sub, exist_ok=True)
            fpath = os.path.join(sub, fname)
            if os.path.exists(fpath) or fpath in code_seen:
                fpath = os.path.join(sub, os.path.splitext(fname)[0] + "_%d" % number + ext)
            code_seen[fpath] = 1
            render(rep, rr, shape, fpath, tmp, jobs)
            rel = os.path.relpath(fpath, a.out)
            frec = {"file": rel, "province": prov, "body": body, "period": period, "kind": kind, "shape": shape,
                    "inner": None, "columns": keys, "columns_pl2": PL2 if st["pl2"] else [],
                    "duplicate_of": None, "conflict_with": None, "faults": [t for t, _ in faults_here],
                    "units": [r[0] for r in rows], "units_as_written": [r[1] for r in rows],
                    "scanned": shape == "pdf_scan", "ytd": bool(st["ytd"]), "style": {
                        k: st[k] for k in ("sep", "parent", "narr", "wording", "order", "extras", "pl2",
                                           "total_label", "pct_row", "pct_nd", "head", "tsv_header", "joiner",
                                           "spelling")}}
            truth["files"].append(frec)
            for t, f in faults_here:
                f["file"] = rel
                truth["faults"][t].append(f)
            bad = {(f["unit"], f["column"]) for t, f in faults_here if t == "cell"}
            badt = {f["column"] for t, f in faults_here if t == "total"}
            for (u, nm, v) in rows:
                for k in keys:
                    truth["cells"].append({"province": prov, "body": body, "period": period, "unit": u,
                                           "table": "PL-I", "metric": k, "value": vals[u][k], "file": rel,
                                           "faulty": (u, k) in bad})
            for k in keys:
                truth["cells"].append({"province": prov, "body": body, "period": period, "unit": TOTAL,
                                       "table": "PL-I", "metric": k, "value": total[k], "file": rel,
                                       "faulty": k in badt})
            if st["pl2"]:
                for (u, nm, v) in rep["pl2"]["rows"]:
                    for k in PL2:
                        truth["cells"].append({"province": prov, "body": body, "period": period, "unit": u,
                                               "table": "PL-II", "metric": k, "value": v[k], "file": rel,
                                               "faulty": False})
                for k in PL2:
                    truth["cells"].append({"province": prov, "body": body, "period": period, "unit": TOTAL,
                                           "table": "PL-II", "metric": k, "value": rep["pl2"]["total"][k],
                                           "file": rel, "faulty": False})
            if st["ytd"]:
                for u in vals:
                    for k in ("ytd_received_new", "ytd_resolved_total"):
                        truth["cells_ytd"].append({"province": prov, "period": period, "unit": u, "metric": k,
                                                   "value": ytd[mi][u][k], "file": rel})
            clean = kind == "month" and not faults_here and mi not in [b for b, _ in breaks] and \
                mi + 1 not in [b for b, _ in breaks] and mi != merge_mi
            # byte-identical copy, then a re-export of another clean month
            if clean and not dup_done["copy"] and rr.random() < 0.3 and shape not in ("pdf_scan",):
                dup_done["copy"] = True
                dname = rr.choice(["Copy of ", "Ban sao - "]) + fname
                dsub = os.path.join(pdir, "gui_lai")
                os.makedirs(dsub, exist_ok=True)
                dpath = os.path.join(dsub, dname)
                jobs.append(("copy", fpath, dpath))
                drel = os.path.relpath(dpath, a.out)
                truth["files"].append(dict(frec, file=drel, duplicate_of=rel, duplicate_kind="copy"))
                truth["faults"]["duplicate"].append({"province": prov, "body": body, "period": period,
                                                     "file": drel, "duplicate_of": rel, "kind": "copy"})
            elif clean and dup_done["copy"] and not dup_done["reexport"] and shape in ("docx", "tsv", "md", "html_hand", "odt", "doc") and rr.random() < 0.5:
                dup_done["reexport"] = True
                # the same report saved again in another format by the clerk
                if shape in ("docx", "odt", "doc"):
                    dpath = os.path.splitext(fpath)[0] + ".pdf"
                    jobs.append(("lo_pdf_of", fpath, dpath))
                    dshape = "pdf_lo"
                elif shape == "html_hand":
                    dpath = os.path.splitext(fpath)[0] + "_in.pdf"
                    jobs.append(("chrome_of", fpath, dpath))
                    dshape = "pdf_chrome"
                else:
                    dpath = os.path.splitext(fpath)[0] + " (win).txt"
                    jobs.append(("crlf_bom", fpath, dpath))
                    dshape = shape
                drel = os.path.relpath(dpath, a.out)
                truth["files"].append(dict(frec, file=drel, shape=dshape, duplicate_of=rel, duplicate_kind="reexport"))
                truth["faults"]["duplicate"].append({"province": prov, "body": body, "period": period,
                                                     "file": drel, "duplicate_of": rel, "kind": "reexport"})
            elif clean and dup_done["reexport"] and not conf_done and mi < n - 2 and rr.random() < 0.5:
                conf_done = True
                crows = copy.deepcopy(rows)
                changed = []
                for j in rr.sample(range(len(crows)), 2):
                    v = crows[j][2]
                    if v["resolved_early"] >= 4:
                        dl = rr.randint(1, v["resolved_early"] // 3)
                        v["resolved_early"] -= dl
                        v["resolved_ontime"] += dl
                        changed += [(crows[j][0], "resolved_early"), (crows[j][0], "resolved_ontime")]
                ctot = {k: sum(r[2][k] for r in crows) for k in KEYS}
                crep = dict(rep, rows=crows, total=ctot, stated_total=dict(ctot), narr=dict(ctot),
                            number=number + rr.randint(1, 4), reissue=number,
                            sign_d=str(min(28, int(rep["sign_d"]) + rr.randint(3, 9))))
                cshape = rr.choice(["tsv", "md", "html_hand", "docx"])
                cname = os.path.splitext(fname)[0] + rr.choice(["_thay the", " (dieu chinh)", "_v2"]) + EXT[cshape]
                cpath = os.path.join(sub, cname)
                render(crep, rr, cshape, cpath, tmp, jobs)
                crel = os.path.relpath(cpath, a.out)
                truth["files"].append(dict(frec, file=crel, shape=cshape, conflict_with=rel, faults=[]))
                frec["conflict_with"] = crel
                truth["faults"]["conflict"].append({"province": prov, "body": body, "period": period,
                                                    "files": [rel, crel],
                                                    "cells_differ": [{"unit": u, "metric": k} for u, k in changed]})
                for (u, k) in changed:
                    for c in truth["cells"]:
                        if c["file"] == rel and c["unit"] == u and c["metric"] == k:
                            c["alt_value"] = next(r for r in crows if r[0] == u)[2][k]
                for k in KEYS:
                    if ctot[k] != total[k]:
                        for c in truth["cells"]:
                            if c["file"] == rel and c["unit"] == TOTAL and c["metric"] == k:
                                c["alt_value"] = ctot[k]
    run_jobs(jobs, tmp, profile, rng)
    missing = [f["file"] for f in truth["files"] if not os.path.exists(os.path.join(a.out, f["file"]))]
    if missing:
        print("warning: %d files not made: %s" % (len(missing), missing), file=sys.stderr)
    truth["missing"] = missing
    stats = {"files": len(truth["files"]), "cells": len(truth["cells"])}
    stats.update({k: len(v) for k, v in truth["faults"].items()})
    truth["stats"] = stats
    json.dump(truth, open(os.path.join(a.out, "truth.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    shutil.rmtree(tmp, ignore_errors=True)
    sh = {}
    for f in truth["files"]:
        sh[f["shape"]] = sh.get(f["shape"], 0) + 1
    print("stats: %s" % json.dumps(stats))
    print("shapes: %s" % json.dumps(sh))


def typo(rng, v):
    s = str(v)
    for _ in range(20):
        how = rng.choice(["swap", "digit", "drop", "double"])
        t = list(s)
        if how == "swap" and len(t) >= 2:
            i = rng.randrange(len(t) - 1)
            t[i], t[i + 1] = t[i + 1], t[i]
        elif how == "digit":
            i = rng.randrange(len(t))
            t[i] = rng.choice([c for c in "0123456789" if c != t[i]])
        elif how == "drop" and len(t) >= 2:
            del t[rng.randrange(len(t))]
        elif how == "double":
            i = rng.randrange(len(t))
            t.insert(i, t[i])
        w = "".join(t).lstrip("0") or "0"
        if int(w) != v:
            return int(w)
    return v + 10


def render(rep, rng, shape, path, tmp, jobs):
    """Write the report in its shape; conversions by real tools are queued."""
    d = build_doc(rep, rng)
    st = rep["style"]
    stem = os.path.join(tmp, "src_%d" % rng.randrange(1 << 40))
    if shape == "tsv":
        write_tsv(d, path, st)
    elif shape == "md":
        write_md(d, path, st)
    elif shape == "html_hand":
        write_html(d, path, st)
    elif shape == "docx":
        write_docx(d, path, st)
    elif shape in ("doc", "odt", "pdf_lo", "html_lo"):
        write_docx(d, stem + ".docx", st)
        jobs.append(("lo", stem + ".docx", path, {"doc": "doc", "odt": "odt", "pdf_lo": "pdf",
                                                  "html_lo": "html"}[shape]))
    elif shape in ("pdf_chrome", "pdf_scan"):
        write_html(d, stem + ".html", st, for_print=True)
        if shape == "pdf_chrome":
            jobs.append(("chrome", stem + ".html", path))
        else:
            jobs.append(("chrome", stem + ".html", stem + ".pdf"))
            jobs.append(("scan", stem + ".pdf", path))
    elif shape == "txt_layout":
        if rng.random() < 0.5:
            write_docx(d, stem + ".docx", st)
            jobs.append(("lo", stem + ".docx", stem + ".pdf", "pdf"))
        else:
            write_html(d, stem + ".html", st, for_print=True)
            jobs.append(("chrome", stem + ".html", stem + ".pdf"))
        jobs.append(("layout", stem + ".pdf", path))


def run_jobs(jobs, tmp, profile, rng):
    # LibreOffice in batches by target format (one soffice start per format)
    lo = [j for j in jobs if j[0] == "lo"]
    # LibreOffice drops python-docx tables when it writes .doc straight from .docx (the
    # round trip shows the cells run together), so .doc goes through .odt, as a clerk's
    # Writer file would
    dsrc = [j[1] for j in lo if j[3] == "doc"]
    soffice("odt", dsrc, os.path.join(tmp, "lo_docodt"), profile)
    lo = [j if j[3] != "doc" else (j[0], os.path.join(tmp, "lo_docodt", os.path.splitext(os.path.basename(j[1]))[0] + ".odt"),
                                   j[2], j[3]) for j in lo]
    for fmt in ("pdf", "doc", "odt", "html"):
        srcs = [j[1] for j in lo if j[3] == fmt]
        od = os.path.join(tmp, "lo_" + fmt)
        soffice(fmt if fmt != "html" else "html:HTML (StarWriter)", srcs, od, profile)
        for j in lo:
            if j[3] == fmt:
                out = os.path.join(od, os.path.splitext(os.path.basename(j[1]))[0] + "." + fmt)
                if os.path.exists(out):
                    shutil.move(out, j[2])
    for j in jobs:
        if j[0] == "chrome":
            chromium_pdf(j[1], j[2], os.path.join(tmp, "chrome_profile"))
    for j in jobs:
        if j[0] == "scan":
            scan_pdf(j[1], j[2], rng, tmp)
        elif j[0] == "layout":
            t = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", j[1], "-"], capture_output=True)
            open(j[2], "wb").write(t.stdout)
    for j in jobs:
        if j[0] == "copy":
            shutil.copyfile(j[1], j[2])
        elif j[0] == "crlf_bom":
            raw = open(j[1], "rb").read()
            open(j[2], "wb").write(b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n"))
        elif j[0] == "lo_pdf_of":
            od = os.path.join(tmp, "lo_re")
            soffice("pdf", [j[1]], od, profile)
            out = os.path.join(od, os.path.splitext(os.path.basename(j[1]))[0] + ".pdf")
            if os.path.exists(out):
                shutil.move(out, j[2])
        elif j[0] == "chrome_of":
            chromium_pdf(j[1], j[2], os.path.join(tmp, "chrome_profile"))


if __name__ == "__main__":
    main()
