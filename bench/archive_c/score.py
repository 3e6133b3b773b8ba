#!/usr/bin/python3
"""Score `sohoa ingest DIR` + `sohoa series` + `sohoa findings` on an archive made by gen.py, with a
PEER baseline scored the same way in the same run.

Usage: score.py --dir DIR [--sohoa BIN] [--out FILE.json] [--keep-db F | --reuse-db F] [--no-peer]
                [--jobs N] [-v]

sohoa: `ingest DIR --db A.sqlite`, `series --db A.sqlite --format json`,
       `findings --db A.sqlite --format json`, then `ingest` again (nothing may change).
peer:  text by ordinary tools (python-docx; LibreOffice txt for .rtf/.odt/.doc; tags stripped for
       HTML; `pdftotext -layout`; TCVN3 through iconv when not UTF-8; `tesseract -l vie --psm 4`
       on pages without text), period from the first "tháng M năm Y" / "tháng MM/YYYY" / "quý" /
       "6 tháng đầu năm", table rows = a line with a unit-like name and 10 or 11 numbers, put in
       the standard column order; findings from row identities, column sums against the total row,
       carry-over against the previous month, months missing, two files of one period.

Scores (truth = DIR/truth.json, described in README.md):
  series recall   each right, unfaulted appendix cell (period, unit, metric, value) found as a series
                  row.  strict: unit_canonical (or unit) folded equals the canonical name;
                  loose: unit or unit_canonical equals (folded) any spelling the reports used, or a
                  difflib ratio >= 0.9; any-key: loose unit, value under any metric.  Apart: by
                  table (PL-I departments, PL-II districts, totals), by report kind, by file shape.
  wrong values    series rows whose (period, loose unit, metric) is in the truth with another value.
  faults          cell / total / percent: detected = a non-info finding of a table kind (not parse)
                  in the document (lenient: any such finding); named = one of them names the unit
                  (loose; the total row for total and percent faults), the column key and the
                  stated (wrong) value as read; right = a named one carries the right value
                  as its expected/suggested value.  narrative: a narrative finding in the
                  document; named = its column is the metric; right = expected value right.
                  carryover: a carry-over finding (not info) naming the unit in the document of the
                  period or of the month before; right = it carries the previous pending.
  gaps            a `gap` series row at the missing month; false gaps = other monthly gap periods.
  duplicate       a finding on either file that says duplicate/conflict or names the other file;
                  double-counted: both files give series rows.
  false errors    severity error findings in documents with no planted fault (not the month before a
                  carry-over break); apart: narrative errors on decoy figures (a quarter total, the
                  year to date, last year's figure, a district's or the district level's figures:
                  the stated value equals a decoy's), carry-over errors on merged units at the merge.
"""
import argparse, collections, difflib, json, os, re, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clib import fold, file_text, ocr_text, office_texts

KEYS = ["received_total", "received_carryover", "received_new", "online", "resolved_total", "resolved_early",
        "resolved_ontime", "resolved_late", "pending_total", "pending_ontime", "pending_overdue"]
TOTAL = "__total__"
TOTAL_FOLDS = {"tong cong", "cong", "tong", "tong so", "total", "__total__", "tong cong toan tinh"}


def run(cmd, timeout=3600):
    t = subprocess.run(cmd, capture_output=True, timeout=timeout)
    return t.returncode, t.stdout.decode("utf-8", "replace"), t.stderr.decode("utf-8", "replace")


# ------------------------------------------------------------ normalising sohoa's output
def walk(x, path=""):
    if isinstance(x, dict):
        for k, v in x.items():
            yield from walk(v, path + "." + k)
    elif isinstance(x, list):
        for v in x:
            yield from walk(v, path)
    else:
        yield path, x


def rel_doc(doc, root):
    if not doc:
        return ""
    doc = os.path.normpath(doc)
    r = os.path.normpath(os.path.abspath(root))
    if os.path.isabs(doc) and doc.startswith(r + os.sep):
        return doc[len(r) + 1:]
    base = os.path.normpath(root)
    if doc.startswith(base + os.sep):
        return doc[len(base) + 1:]
    return doc


def norm_finding(f, root):
    units, cols, sugg, stated = set(), set(), set(), set()
    for path, v in walk(f):
        leaf = path.rsplit(".", 1)[-1].lower()
        if isinstance(v, str) and ("unit" in leaf or leaf in ("row_label", "label")):
            if v:
                units.add(fold(v))
        if isinstance(v, str) and leaf in ("column", "column_key", "key", "metric"):
            cols.add(v)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            if any(w in leaf for w in ("expected", "suggest", "right", "correct")):
                sugg.add(round(float(v), 2))
            if any(w in leaf for w in ("stated", "value", "read", "found")):
                stated.add(round(float(v), 2))
        if isinstance(v, str) and any(w in leaf for w in ("expected", "suggest")):
            for m in re.findall(r"-?\d[\d.,]*", v):
                n = parse_num(m)
                if n is not None:
                    sugg.add(round(n, 2))
    return dict(kind=str(f.get("kind", "")).lower(), severity=str(f.get("severity", "")).lower(),
                doc=rel_doc(f.get("document") or f.get("file") or "", root), period=f.get("period") or "",
                units=units, cols=cols, sugg=sugg, stated=stated,
                message=str(f.get("message", "")), raw=f)


def parse_num(s):
    s = s.strip().rstrip(".,")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", s):
        return float(s.replace(".", ""))
    if re.fullmatch(r"-?\d+,\d+", s):
        return float(s.replace(",", "."))
    if re.fullmatch(r"-?\d+(\.\d+)?", s):
        return float(s)
    return None


# ------------------------------------------------------------ the peer
UNIT_RE = re.compile(r"^\s*(?:\|\s*)?(\d{1,2})?[\s|.]*((?:Sở|UBND|Công an|CA|Ban|BQL|Huyện|Thành phố|Tổng cộng|TỔNG CỘNG|Cộng)"
                     r"[^\t|]*?)[\s|]*((?:\**\d[\d.]*\**[\s|]+){9,}\**\d[\d.]*\**)\s*\|?\s*$")


def peer_period(text):
    t = text[:3000]
    m = re.search(r"6 tháng đầu năm (\d{4})", t)
    if m:
        return m.group(1) + "-H1", "half"
    m = re.search(r"quý ([IV]+)(?: năm |/)(\d{4})", t, re.I)
    if m:
        return "%s-Q%d" % (m.group(2), {"I": 1, "II": 2, "III": 3, "IV": 4}[m.group(1).upper()]), "quarter"
    m = re.search(r"tháng (\d{1,2})(?: năm |/)(\d{4})", t)
    if m:
        return "%s-%02d" % (m.group(2), int(m.group(1))), "month"
    return "", ""


def peer(root, T, tmp, verbose):
    files = []
    for dp, dn, fn in os.walk(root):
        for f in fn:
            if f != "truth.json":
                files.append(os.path.relpath(os.path.join(dp, f), root))
    files.sort()
    office_texts([os.path.join(root, f) for f in files if os.path.splitext(f)[1].lower() in (".rtf", ".odt", ".doc")], tmp)
    rows, finds, docs = [], [], {}
    for f in files:
        p = os.path.join(root, f)
        text = file_text(p, tmp)
        if len(re.findall(r"\w", text)) < 200 and os.path.splitext(f)[1].lower() in (".pdf", ".tif", ".tiff"):
            text = ocr_text(p, tmp)
        per, kind = peer_period(text)
        table = "PL-I"
        drows = []
        for line in text.splitlines():
            if re.search(r"PH[ỤU] L[ỤU]C II\b", line):
                table = "PL-II"
            m = UNIT_RE.match(line.replace("\t", " | "))
            if not m:
                continue
            nums = [parse_num(x.strip("*")) for x in re.split(r"[\s|]+", m.group(3).strip()) if x.strip("*")]
            if any(n is None for n in nums):
                continue
            keys = [k for k in KEYS if k != "online"] if len(nums) == 10 else KEYS if len(nums) == 11 else None
            if keys is None:
                continue
            unit = m.group(2).strip(" *|")
            drows.append((table, unit, dict(zip(keys, [int(n) for n in nums]))))
        docs[f] = (per, kind, drows)
        for (tb, unit, vals) in drows:
            for k, v in vals.items():
                rows.append(dict(period=per, unit=unit, unit_canonical=unit, metric=k, value=v, marker="", document=f,
                                 table=tb))
        # identities and column sums
        for tb in ("PL-I", "PL-II"):
            body = [(u, v) for t, u, v in drows if t == tb and fold(u) not in TOTAL_FOLDS]
            tot = [(u, v) for t, u, v in drows if t == tb and fold(u) in TOTAL_FOLDS]
            for u, v in body:
                g = v.get
                if g("received_total") != g("received_carryover", 0) + g("received_new", 0):
                    finds.append(dict(kind="row_identity", severity="error", document=f, period=per, unit=u,
                                      column="received_new", expected=g("received_total") - g("received_carryover", 0)))
                if g("resolved_total") != g("resolved_early", 0) + g("resolved_ontime", 0) + g("resolved_late", 0):
                    finds.append(dict(kind="row_identity", severity="error", document=f, period=per, unit=u,
                                      column="resolved_total", expected=None))
            if tot and body:
                tv = tot[0][1]
                for k in tv:
                    s = sum(v.get(k, 0) for _, v in body)
                    if s != tv[k]:
                        finds.append(dict(kind="column_total", severity="error", document=f, period=per,
                                          unit=tot[0][0], column=k, expected=s))
    # carry-over, gaps, duplicates
    bymonth = collections.defaultdict(list)
    for f, (per, kind, dr) in docs.items():
        if kind == "month":
            bymonth[per].append(f)
    for per, fl in bymonth.items():
        if len(fl) > 1:
            for f in fl[1:]:
                finds.append(dict(kind="duplicate", severity="warning", document=f, period=per,
                                  message="same period as " + fl[0]))
    ms = sorted(bymonth)
    if ms:
        y, m = map(int, ms[0].split("-"))
        while "%04d-%02d" % (y, m) <= ms[-1]:
            p = "%04d-%02d" % (y, m)
            if p not in bymonth:
                rows.append(dict(period=p, unit="", unit_canonical="", metric="", value=None, marker="gap", document="",
                                 table=""))
            y, m = (y, m + 1) if m < 12 else (y + 1, 1)
    for per in ms:
        y, m = map(int, per.split("-"))
        prev = "%04d-%02d" % ((y, m - 1) if m > 1 else (y - 1, 12))
        if prev not in bymonth:
            continue
        pp = {(t, fold(u)): v.get("pending_total") for t, u, v in docs[bymonth[prev][0]][2]}
        for t, u, v in docs[bymonth[per][0]][2]:
            q = pp.get((t, fold(u)))
            if q is not None and v.get("received_carryover") is not None and q != v["received_carryover"] \
                    and fold(u) not in TOTAL_FOLDS:
                finds.append(dict(kind="carryover", severity="error", document=bymonth[per][0], period=per, unit=u,
                                  column="received_carryover", expected=q))
    return rows, finds


# ------------------------------------------------------------ scoring
def score(T, root, rows, finds_raw, label):
    finds = [norm_finding(f, root) for f in finds_raw]
    files = {f["file"]: f for f in T["files"]}
    aliases = collections.defaultdict(set)
    for c in T["cells"]:
        if c["unit"] != TOTAL:
            aliases[c["unit"]].add(fold(c["unit"]))
            aliases[c["unit"]].add(fold(c["label"]))

    def is_total(s):
        return fold(s) in TOTAL_FOLDS or fold(s).startswith("tong cong")

    def unit_loose(u, row_units):
        if u == TOTAL:
            return any(is_total(x) for x in row_units if x)
        al = aliases[u]
        for x in row_units:
            fx = fold(x)
            if not fx:
                continue
            if fx in al:
                return True
            if any(difflib.SequenceMatcher(None, fx, a).ratio() >= 0.9 for a in al):
                return True
        return False

    def same_table(c, r):
        """Total rows are told apart by their table (PL-I departments, PL-II districts)."""
        if c["unit"] != TOTAL or not r.get("table"):
            return True
        t = str(r.get("table")).upper()
        return t == c["table"] or (c["table"] == "PL-I" and t in ("PL", "PL-1", "PL1", "T1"))

    def unit_strict(u, r):
        if u == TOTAL:
            return is_total(r.get("unit_canonical") or r.get("unit") or "")
        return fold(r.get("unit_canonical") or r.get("unit") or "") == fold(u)

    idx = collections.defaultdict(list)
    idx_any = collections.defaultdict(list)
    for r in rows:
        if r.get("marker") == "gap" or r.get("value") is None:
            continue
        idx[(r.get("period"), r.get("metric"))].append(r)
        idx_any[r.get("period")].append(r)
    res = collections.OrderedDict()
    cnt = collections.defaultdict(lambda: [0, 0, 0, 0])  # n, strict, loose, anykey
    wrong = 0
    lcache = {}
    for c in T["cells"]:
        if c["faulty"]:
            continue
        f = files[c["file"]]
        cand = [r for r in idx.get((c["period"], c["metric"]), []) if same_table(c, r)]
        s = any(unit_strict(c["unit"], r) and r["value"] == c["value"] for r in cand)
        lo = False
        for r in cand:
            key = (c["unit"], r.get("unit"), r.get("unit_canonical"))
            if key not in lcache:
                lcache[key] = unit_loose(c["unit"], [r.get("unit") or "", r.get("unit_canonical") or ""])
            if lcache[key]:
                if r["value"] == c["value"]:
                    lo = True
                else:
                    wrong += 1
        an = lo
        if not an:
            for r in idx_any.get(c["period"], []):
                if r["value"] == c["value"] and same_table(c, r):
                    key = (c["unit"], r.get("unit"), r.get("unit_canonical"))
                    if key not in lcache:
                        lcache[key] = unit_loose(c["unit"], [r.get("unit") or "", r.get("unit_canonical") or ""])
                    if lcache[key]:
                        an = True
                        break
        grp = "totals" if c["unit"] == TOTAL else c["table"]
        for g in ("all", "table:" + grp, "kind:" + f["kind"], "shape:" + f["shape"]):
            x = cnt[g]
            x[0] += 1; x[1] += s; x[2] += lo; x[3] += an
    res["series"] = {g: dict(n=v[0], strict=pc(v[1], v[0]), loose=pc(v[2], v[0]), anykey=pc(v[3], v[0]))
                     for g, v in sorted(cnt.items())}
    res["wrong_value_rows"] = wrong

    # faults
    def fin_doc(doc):
        return [f for f in finds if f["doc"] == doc]

    def names_unit(fd, u):
        if u == TOTAL:
            return any(is_total(x) for x in fd["units"]) or "tổng" in fd["message"].lower()
        return any(x in aliases[u] or any(difflib.SequenceMatcher(None, x, a).ratio() >= 0.9 for a in aliases[u])
                   for x in fd["units"])

    fres = collections.defaultdict(lambda: collections.Counter())
    detail = []
    prev_of = {}
    months = {f["period"]: f["file"] for f in T["files"] if f["kind"] == "month" and not f.get("duplicate_of")}
    for per in months:
        y, m = map(int, per.split("-"))
        prev_of[per] = months.get("%04d-%02d" % ((y, m - 1) if m > 1 else (y - 1, 12)))
    for ft in T["faults"]:
        k = ft["kind"]
        C = fres[k]
        C["n"] += 1
        out = dict(kind=k, period=ft.get("period"), unit=ft.get("unit"), column=ft.get("column"))
        if k in ("cell", "total", "percent"):
            fs = [f for f in fin_doc(ft["file"]) if f["severity"] != "info" and not re.search(
                "carry|narr|dup|conflict|gap|parse", f["kind"])]
            # named: the unit and the column key, and the value it read is the stated (wrong) one
            named = [f for f in fs if names_unit(f, ft["unit"]) and ft["column"] in f["cols"]
                     and round(float(ft["stated"]), 2) in f["stated"]]
            right = [f for f in named if round(float(ft["right"]), 2) in f["sugg"]]
            out.update(detected=bool(fs), named=bool(named), right=bool(right))
        elif k == "narrative":
            fs = [f for f in fin_doc(ft["file"]) if "narr" in f["kind"] and f["severity"] != "info"]
            named = [f for f in fs if ft["column"] in f["cols"]]
            right = [f for f in fs if float(ft["right"]) in f["sugg"]]
            out.update(detected=bool(fs), named=bool(named), right=bool(right))
        elif k == "carryover":
            docs = [ft["file"], prev_of.get(ft["period"])]
            fs = [f for d in docs if d for f in fin_doc(d) if "carry" in f["kind"] and f["severity"] != "info"]
            named = [f for f in fs if names_unit(f, ft["unit"])]
            right = [f for f in named if float(ft["previous_pending"]) in f["sugg"] | f["stated"]]
            out.update(detected=bool(fs), named=bool(named), right=bool(right))
        elif k == "gap":
            g = any(r.get("marker") == "gap" and r.get("period") == ft["period"] for r in rows)
            out.update(detected=g, named=g, right=g)
        elif k == "duplicate":
            a, b = ft["file"], ft["duplicate_of"]
            fs = [f for f in finds if f["doc"] in (a, b) and (re.search("dup|conflict|copy", f["kind"]) or
                  os.path.basename(a if f["doc"] == b else b) in json.dumps(f["raw"], ensure_ascii=False))]
            da = {(r.get("period"), r.get("metric"), fold(r.get("unit") or "")) for r in rows if rel_doc(r.get("document"), root) == a}
            db = {(r.get("period"), r.get("metric"), fold(r.get("unit") or "")) for r in rows if rel_doc(r.get("document"), root) == b}
            out.update(detected=bool(fs), named=bool(fs), right=not (da and db), double_counted=bool(da and db))
        for x in ("detected", "named", "right"):
            C[x] += bool(out.get(x))
        detail.append(out)
    res["faults"] = {k: dict(v) for k, v in fres.items()}
    res["fault_detail"] = detail
    # false gaps
    gaps = set(T["gaps"])
    res["false_gap_months"] = sorted({r["period"] for r in rows if r.get("marker") == "gap" and re.fullmatch(r"\d{4}-\d\d", r.get("period") or "")
                                      and r["period"] not in gaps})
    res["gap_rows_other_periods"] = sorted({r["period"] for r in rows if r.get("marker") == "gap" and not re.fullmatch(r"\d{4}-\d\d", r.get("period") or "")})
    # false errors
    before_break = {prev_of.get(f["period"]) for f in T["faults"] if f["kind"] == "carryover"}
    clean = [f["file"] for f in T["files"] if not f["faults"] and f["file"] not in before_break]
    errs = collections.Counter()
    kinds = collections.Counter()
    for d in clean:
        for f in fin_doc(d):
            if f["severity"] == "error":
                errs[d] += 1
                kinds[f["kind"]] += 1
    res["clean_docs"] = len(clean)
    res["clean_docs_with_error"] = len(errs)
    res["errors_on_clean_docs"] = sum(errs.values())
    res["errors_on_clean_by_kind"] = dict(kinds)
    res["clean_docs_with_error_list"] = sorted(errs)
    # decoys
    dflag = collections.Counter()
    dn = collections.Counter()
    for ft in T["files"]:
        vals = {}
        for dc in ft.get("decoys", []):
            dn[dc["kind"]] += 1
            vals[float(dc["value"])] = dc["kind"]
            if dc.get("value2"):
                vals[float(dc["value2"])] = dc["kind"]
        for f in fin_doc(ft["file"]):
            if "narr" in f["kind"] and f["severity"] == "error":
                hit = [vals[v] for v in f["stated"] if v in vals]
                for h in set(hit):
                    dflag[h] += 1
    res["decoys"] = dict(n=dict(dn), false_errors=dict(dflag))
    # every narrative error that is not a planted narrative fault is false; split by what it flagged
    nfalse = collections.Counter()
    tot_of = collections.defaultdict(dict)
    for c in T["cells"]:
        if c["unit"] == TOTAL and c["table"] == "PL-I":
            tot_of[c["file"]][c["metric"]] = float(c["value"])
    planted_n = {(f["file"], float(f["stated"])) for f in T["faults"] if f["kind"] == "narrative"}
    for ft in T["files"]:
        dvals = {float(v) for dc in ft.get("decoys", []) for v in (dc["value"], dc.get("value2")) if v}
        src = ft.get("duplicate_of") or ft["file"]
        for f in fin_doc(ft["file"]):
            if "narr" in f["kind"] and f["severity"] == "error":
                if any((src, v) in planted_n for v in f["stated"]):
                    continue
                if f["stated"] & dvals:
                    nfalse["decoy_figure"] += 1
                elif f["stated"] & set(tot_of[src].values()):
                    nfalse["true_centre_figure"] += 1
                else:
                    nfalse["other"] += 1
    res["false_narrative_errors"] = dict(nfalse)
    # merges
    mflag = 0
    for mg in T["merges"]:
        d = months.get(mg["period"])
        for f in fin_doc(d) if d else []:
            if "carry" in f["kind"] and f["severity"] in ("error", "warning") and names_unit(f, mg["unit"]):
                mflag += 1
    res["merge_carryover_flags"] = mflag
    res["findings_total"] = len(finds)
    res["findings_by_kind_severity"] = dict(collections.Counter("%s/%s" % (f["kind"], f["severity"]) for f in finds))
    return res


def pc(a, b):
    return round(100.0 * a / b, 2) if b else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--sohoa", default="/work/main/build/sohoa")
    ap.add_argument("--out")
    ap.add_argument("--keep-db")
    ap.add_argument("--reuse-db")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--peer-cache", help="JSON file: the peer's rows and findings, reused when present")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    root = a.dir.rstrip("/")
    T = json.load(open(os.path.join(root, "truth.json")))
    tmp = tempfile.mkdtemp(prefix="archc_score_")
    out = {"dir": root, "sohoa": a.sohoa}
    db = a.reuse_db or a.keep_db or os.path.join(tmp, "A.sqlite")
    if not a.reuse_db:
        if os.path.exists(db):
            os.remove(db)
        t0 = time.time()
        rc, so, se = run([a.sohoa, "ingest", root, "--db", db, "--jobs", str(a.jobs)])
        out["ingest"] = dict(rc=rc, seconds=round(time.time() - t0, 1), summary=so.strip()[-800:])
        print("ingest rc=%d %.0fs" % (rc, time.time() - t0), file=sys.stderr)
    rc, so, se = run([a.sohoa, "series", "--db", db, "--format", "json"])
    series = json.loads(so)["series"] if rc == 0 else []
    rc2, so2, se2 = run([a.sohoa, "findings", "--db", db, "--format", "json"])
    findings = json.loads(so2)["findings"] if rc2 == 0 else []
    if not a.reuse_db:
        rc3, _, _ = run([a.sohoa, "ingest", root, "--db", db, "--jobs", str(a.jobs)])
        rcs, so3, _ = run([a.sohoa, "series", "--db", db, "--format", "json"])
        out["reingest"] = dict(rc=rc3, series_identical=(so3 == so))
    for r in series:
        r["document"] = rel_doc(r.get("document"), root)
    out["sohoa_scores"] = score(T, root, series, findings, "sohoa")
    if not a.no_peer:
        t0 = time.time()
        pc_path = a.peer_cache
        if pc_path and os.path.exists(pc_path):
            prow, pf = json.load(open(pc_path))
        else:
            prow, pf = peer(root, T, tmp, a.v)
            if pc_path:
                json.dump([prow, pf], open(pc_path, "w"), ensure_ascii=False)
        out["peer_seconds"] = round(time.time() - t0, 1)
        out["peer_scores"] = score(T, root, prow, pf, "peer")
    # summary
    S = out["sohoa_scores"]; P = out.get("peer_scores")
    def line(name, f):
        print("%-44s %-28s %s" % (name, f(S), f(P) if P else "-"))
    print("%-44s %-28s %s" % ("metric", "sohoa", "peer"))
    for g in S["series"]:
        line("series %s (n=%d) strict/loose/anykey" % (g, S["series"][g]["n"]),
             lambda X, g=g: "%s / %s / %s" % tuple(X["series"].get(g, {}).get(k) for k in ("strict", "loose", "anykey")))
    line("wrong-value rows", lambda X: str(X["wrong_value_rows"]))
    for k in sorted(S["faults"]):
        line("fault %s (n=%d) detected/named/right" % (k, S["faults"][k]["n"]),
             lambda X, k=k: "%d / %d / %d" % tuple(X["faults"].get(k, {}).get(x, 0) for x in ("detected", "named", "right")))
    line("false gap months", lambda X: str(len(X["false_gap_months"])) + " " + ",".join(X["false_gap_months"][:6]))
    line("gap rows at quarter/half periods", lambda X: str(len(X["gap_rows_other_periods"])))
    line("clean docs with an error (of n)", lambda X: "%d of %d (%d errors)" % (X["clean_docs_with_error"], X["clean_docs"], X["errors_on_clean_docs"]))
    line("errors on clean docs by kind", lambda X: json.dumps(X["errors_on_clean_by_kind"], ensure_ascii=False))
    line("decoy figures flagged as errors", lambda X: json.dumps(X["decoys"]["false_errors"]))
    line("carry-over flags on merged units", lambda X: str(X["merge_carryover_flags"]))
    line("false narrative errors, all docs", lambda X: json.dumps(X["false_narrative_errors"]))
    if "reingest" in out:
        print("re-ingest: rc=%d series identical=%s" % (out["reingest"]["rc"], out["reingest"]["series_identical"]))
    if a.v:
        for d in S["fault_detail"]:
            print("  sohoa", json.dumps(d, ensure_ascii=False))
        print("  clean docs with errors:", S["clean_docs_with_error_list"])
    if a.out:
        with open(a.out, "w") as f:
            json.dump(out, f, ensure_ascii=False, indent=1, default=list)
    import shutil
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
