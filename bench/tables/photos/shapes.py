"""Table shapes beyond scangen's (used by `gen.py --shapes extended`, i.e. the aside set).

Each function turns a scangen table (tabledata.make_table) into another column set with
consistent numbers; the units, title, period and styling fields are kept.  Columns that
have no canonical key in the contract get keys starting with "x_" (the scorer then matches
them by header path or position).
"""
from tabledata import PARENT, leaves, pct


def _leaf(label, key):
    return {"label": label, "key": key}


def _grp(label, children):
    return {"label": label, "children": children}


def _finish(table, rng, header, rowvals, parent):
    table["header"] = header
    table["columns"] = leaves(header)
    keys = [c["key"] for c in table["columns"]]
    for r, vals in zip(table["rows"], rowvals):
        r["values"] = [vals[k] for k in keys]
    tot = [sum(r["values"][j] or 0 for r in table["rows"]) for j in range(len(keys))]
    table["total"]["values"] = tot
    if table["percent"] is not None or rng.random() < 0.5:
        tv = dict(zip(keys, tot))
        table["percent"] = {"label": rng.choice(["Tỷ lệ %", "Tỷ lệ (%)"]),
                            "values": [pct(tv[k], tv[parent.get(k, k)]) for k in keys]}
    table["kind"] = "pl1"
    table["variant"] = table.get("_shape")
    return table


def channels(table, rng):
    """Received by channel (direct / online / public postal service), resolved, pending."""
    header = [
        _grp("Tổng số hồ sơ tiếp nhận", [
            _leaf("Tổng số", "received_total"),
            _grp("Hình thức tiếp nhận", [
                _leaf("Trực tiếp", "x_received_direct"), _leaf("Trực tuyến", "online"),
                _leaf(rng.choice(["Qua BCCI", "Qua dịch vụ bưu chính công ích"]), "x_received_postal")])]),
        _grp("Đã giải quyết", [
            _leaf("Tổng số", "resolved_total"), _leaf("Trước hạn", "resolved_early"),
            _leaf("Đúng hạn", "resolved_ontime"), _leaf("Quá hạn", "resolved_late")]),
        _leaf("Đang giải quyết", "pending_total")]
    vals = []
    for _ in table["rows"]:
        recv = rng.randint(0, 3000) if rng.random() < 0.8 else rng.randint(3000, 12000)
        online = int(recv * rng.uniform(0, 0.9))
        postal = int((recv - online) * rng.uniform(0, 0.15))
        direct = recv - online - postal
        res = int(recv * rng.uniform(0.5, 1))
        late = 0 if rng.random() < 0.6 else int(res * rng.uniform(0, 0.05))
        early = int((res - late) * rng.uniform(0.5, 1))
        vals.append({"received_total": recv, "x_received_direct": direct, "online": online,
                     "x_received_postal": postal, "resolved_total": res, "resolved_early": early,
                     "resolved_ontime": res - late - early, "resolved_late": late,
                     "pending_total": recv - res})
    parent = dict(PARENT, x_received_direct="received_total", x_received_postal="received_total")
    table["_shape"] = "channels"
    return _finish(table, rng, header, vals, parent)


def withdrawn(table, rng):
    """Two levels without 'Trước hạn', and a withdrawn/returned pair of columns."""
    header = [
        _leaf("Số hồ sơ tiếp nhận trong kỳ", "received_total"),
        _grp("Số hồ sơ đã giải quyết", [
            _leaf("Tổng số", "resolved_total"),
            _leaf(rng.choice(["Đúng hạn và trước hạn", "Trước và đúng hạn"]), "x_resolved_in_time"),
            _leaf(rng.choice(["Trễ hạn", "Quá hạn"]), "resolved_late")]),
        _grp("Số hồ sơ đang giải quyết", [
            _leaf("Tổng số", "pending_total"), _leaf("Trong hạn", "pending_ontime"),
            _leaf("Quá hạn", "pending_overdue")]),
        _leaf(rng.choice(["Hồ sơ rút, dừng giải quyết", "Công dân rút hồ sơ"]), "x_withdrawn"),
        _leaf("Hồ sơ bị trả lại", "returned")]
    vals = []
    for _ in table["rows"]:
        recv = rng.randint(0, 800) if rng.random() < 0.7 else rng.randint(800, 6000)
        wd = 0 if rng.random() < 0.6 else rng.randint(0, max(1, recv // 50))
        ret = 0 if rng.random() < 0.6 else rng.randint(0, max(1, recv // 60))
        rest = max(0, recv - wd - ret)
        res = int(rest * rng.uniform(0.5, 1))
        late = 0 if rng.random() < 0.6 else int(res * rng.uniform(0, 0.08))
        pend = rest - res
        over = 0 if rng.random() < 0.7 else int(pend * rng.uniform(0, 0.2))
        vals.append({"received_total": recv, "resolved_total": res, "x_resolved_in_time": res - late,
                     "resolved_late": late, "pending_total": pend, "pending_ontime": pend - over,
                     "pending_overdue": over, "x_withdrawn": wd, "returned": ret})
    parent = dict(PARENT, x_resolved_in_time="resolved_total", x_withdrawn="received_total")
    table["_shape"] = "withdrawn"
    return _finish(table, rng, header, vals, parent)


def levels(table, rng):
    """Online public services by level: procedures and dossiers at levels 2, 3, 4."""
    header = [
        _grp("Số thủ tục hành chính", [
            _leaf("Tổng số", "x_procedures_total"), _leaf("Mức độ 2", "x_proc_level2"),
            _leaf("Mức độ 3", "x_proc_level3"), _leaf("Mức độ 4", "x_proc_level4")]),
        _grp("Số hồ sơ phát sinh", [
            _leaf("Tổng số", "received_total"), _leaf("Trực tuyến mức độ 3", "x_online_level3"),
            _leaf("Trực tuyến mức độ 4", "x_online_level4")])]
    vals = []
    for _ in table["rows"]:
        n = rng.randint(20, 450)
        l4 = int(n * rng.uniform(0, 0.5))
        l3 = int((n - l4) * rng.uniform(0, 0.6))
        recv = rng.randint(0, 2500) if rng.random() < 0.85 else rng.randint(2500, 15000)
        o4 = int(recv * rng.uniform(0, 0.5))
        o3 = int((recv - o4) * rng.uniform(0, 0.4))
        vals.append({"x_procedures_total": n, "x_proc_level2": n - l3 - l4, "x_proc_level3": l3,
                     "x_proc_level4": l4, "received_total": recv, "x_online_level3": o3,
                     "x_online_level4": o4})
    parent = {"x_procedures_total": "x_procedures_total", "x_proc_level2": "x_procedures_total",
              "x_proc_level3": "x_procedures_total", "x_proc_level4": "x_procedures_total",
              "received_total": "received_total", "x_online_level3": "received_total",
              "x_online_level4": "received_total"}
    table["_shape"] = "levels"
    table["title"] = rng.choice(["TÌNH HÌNH CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN",
                                 "KẾT QUẢ CUNG CẤP DỊCH VỤ CÔNG TRỰC TUYẾN MỨC ĐỘ 3, 4"])
    return _finish(table, rng, header, vals, parent)


SHAPES = {"channels": channels, "withdrawn": withdrawn, "levels": levels}
