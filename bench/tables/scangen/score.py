#!/usr/bin/python3
"""Score `sohoa tables FILE --json` on scangen sets, beside a naive OCR peer baseline.

  SOHOA=/work/main/build/sohoa /usr/bin/python3 score.py --set /work/dev-data/scangen/dev --jobs 2

Metric (cell accuracy): the fraction of truth cells, body rows and the total row, that hold a
number (blank cells are not counted), whose value was recovered under the right row and
the right column.
  row:    predicted rows are matched one-to-one to truth rows by unit name (lower-cased,
          diacritics and punctuation removed, fuzzy: difflib ratio >= 0.7, or a prefix of the
          truth name when a wrapped name was cut); the total row is matched to a predicted
          "total" (or a row labelled Tổng cộng / Cộng / Tổng số), the best candidate counts.
  column: by canonical key when the prediction gives canonical keys (at least half of its
          columns), else by position among the numeric columns (values[j] <-> truth column j).
  value:  numerically equal (ints; "12.746" style strings are parsed).
All predicted tables of a file are pooled (a table split over pages may come back as two).
The percent row is not scored.

Baseline (same run, same matcher): PDFs are rasterised with `pdftoppm -r 300`, images used
as they are; `tesseract IMG - -l vie --psm 4`; each text line is split on whitespace, the
trailing run of numbers is taken as the values (left to right), a leading STT number is
dropped and the rest is the unit name.

Reports: overall and per set (born / scan / scanpdf), per degradation kind, per layout
engine, per dpi, per table kind; sohoa vs baseline side by side; the files where sohoa
scored below the baseline; seconds per page for sohoa and for tesseract alone.
Writes JSON (--out, default <set>/../score_<setname>.json) and the text summary next to it.
Timings are wall clock with --jobs running in parallel; tesseract runs with OMP_THREAD_LIMIT=1.
"""
import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor

CANONICAL_KEYS = set("""received_total received_carryover received_new resolved_total resolved_early
resolved_ontime resolved_late pending_total pending_ontime pending_overdue returned online level34
satisfied_service satisfied_attitude unsatisfied_staff unsatisfied_time feedback ratings_total
late late_national_portal late_provincial_system""".split())
TOTAL_LABELS = {"tong cong", "cong", "tong so", "tong", "tong cong toan tinh"}


# ------------------------------------------------------------------ text helpers

def norm_name(s):
    s = unicodedata.normalize("NFD", s or "")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    s = s.replace("đ", "d").replace("Đ", "D").lower()
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def sim(truth, pred):
    if not truth or not pred:
        return 0.0
    r = difflib.SequenceMatcher(None, truth, pred, autojunk=False).ratio()
    if len(pred) < len(truth) and len(pred) >= max(6, 0.4 * len(truth)):
        r = max(r, 0.98 * difflib.SequenceMatcher(None, truth[:len(pred)], pred,
                                                  autojunk=False).ratio())
    return r


NUM_PATTERNS = [
    (re.compile(r"^-?\d{1,3}(\.\d{3})+$"), lambda s: int(s.replace(".", ""))),
    (re.compile(r"^-?\d{1,3}(,\d{3})+$"), lambda s: int(s.replace(",", ""))),
    (re.compile(r"^-?\d+$"), int),
    (re.compile(r"^-?\d+,\d+$"), lambda s: float(s.replace(",", "."))),
    (re.compile(r"^-?\d+\.\d{1,2}$"), float),
]


def parse_num(s):
    if s is None:
        return None
    if isinstance(s, bool):
        return None
    if isinstance(s, (int, float)):
        return s
    s = str(s).strip()
    s = re.sub(r"\^?\(\*+\)$", "", s).rstrip("%").strip()
    for rx, f in NUM_PATTERNS:
        if rx.match(s):
            return f(s)
    return None


def same(a, b):
    a, b = parse_num(a), parse_num(b)
    return a is not None and b is not None and abs(a - b) < 1e-6


# ------------------------------------------------------------------ scoring

def pred_from_sohoa(js):
    """-> list of pred tables {keys, rows:[(unit, values)], totals:[values]}"""
    out = []
    js = js or {}
    tables = list(js.get("tables") or [])
    for d in js.get("documents") or []:      # tolerate a {"documents": [...]} envelope
        if isinstance(d, dict):
            tables += d.get("tables") or []
    for t in tables:
        cols = t.get("columns") or []
        keys = [c.get("key") if isinstance(c, dict) else None for c in cols]
        rows, totals = [], []
        for r in t.get("rows") or []:
            unit = r.get("unit") or ""
            vals = r.get("values") or []
            if norm_name(unit) in TOTAL_LABELS:
                totals.append(vals)
            else:
                rows.append((unit, vals))
        tot = t.get("total")
        if isinstance(tot, dict) and tot.get("values"):
            totals.append(tot["values"])
        out.append({"keys": keys, "rows": rows, "totals": totals})
    return out


def value_at(keys, vals, j, key):
    # keys count only when they are the contract's canonical keys (not "column_3" etc.)
    use_keys = keys and sum(1 for k in keys if k in CANONICAL_KEYS) >= max(1, (len(keys) + 1) // 2)
    if use_keys:
        if key in keys:
            i = keys.index(key)
            return vals[i] if i < len(vals) else None
        return None
    return vals[j] if j < len(vals) else None


def score_tables(truth, preds):
    """Cells (correct, total) for truth tables against pooled predicted tables."""
    correct = total = 0
    rows_t = rows_m = 0
    tot_c = tot_n = 0
    prow = []       # (norm unit, keys, values)
    ptot = []
    for p in preds:
        for u, v in p["rows"]:
            prow.append((norm_name(u), p["keys"], v))
        for v in p["totals"]:
            ptot.append((p["keys"], v))
    used = set()
    for t in truth["tables"]:
        keys = [c["key"] for c in t["columns"]]
        trs = t["rows"]
        pairs = []
        for i, r in enumerate(trs):
            nu = norm_name(r["unit"])
            for k, (pu, _, _) in enumerate(prow):
                s = sim(nu, pu)
                if s >= 0.7:
                    pairs.append((s, i, k))
        pairs.sort(reverse=True)
        match = {}
        for s, i, k in pairs:
            if i in match or k in used:
                continue
            match[i] = k
            used.add(k)
        for i, r in enumerate(trs):
            cells = [(j, v) for j, v in enumerate(r["values"]) if v is not None]
            total += len(cells)
            rows_t += 1
            if i not in match:
                continue
            rows_m += 1
            _, pk, pv = prow[match[i]]
            for j, v in cells:
                if same(value_at(pk, pv, j, keys[j]), v):
                    correct += 1
        if t.get("total"):
            cells = [(j, v) for j, v in enumerate(t["total"]["values"]) if v is not None]
            total += len(cells)
            tot_n += len(cells)
            best = 0
            for pk, pv in ptot:
                best = max(best, sum(1 for j, v in cells if same(value_at(pk, pv, j, keys[j]), v)))
            correct += best
            tot_c += best
    return {"correct": correct, "cells": total, "rows": rows_t, "rows_matched": rows_m,
            "total_correct": tot_c, "total_cells": tot_n}


# ------------------------------------------------------------------ baseline

def baseline_parse(text, ncols):
    rows, totals = [], []
    for line in text.splitlines():
        toks = [t.strip("|[]{}") for t in re.split(r"\s{2,}|\s", line.strip())]
        toks = [t for t in toks if t]
        nums = []
        while toks:
            v = parse_num(toks[-1])
            if v is None:
                break
            nums.insert(0, toks.pop())
        if not nums:
            continue
        if toks and re.fullmatch(r"\d+\.?", toks[0]):
            toks = toks[1:]
        unit = " ".join(toks)
        if not norm_name(unit):
            continue
        if len(nums) > ncols:
            nums = nums[-ncols:]
        if norm_name(unit) in TOTAL_LABELS:
            totals.append(nums)
        else:
            rows.append((unit, nums))
    return [{"keys": None, "rows": rows, "totals": totals}]


def run_baseline(path, ncols, td):
    imgs = []
    t0 = time.time()
    if path.lower().endswith(".pdf"):
        prefix = os.path.join(td, "b")
        subprocess.run(["pdftoppm", "-r", "300", "-png", path, prefix], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        imgs = sorted((os.path.join(td, f) for f in os.listdir(td) if f.startswith("b-")),
                      key=lambda f: int(re.search(r"-(\d+)\.png$", f).group(1)))
    else:
        imgs = [path]
    t_ocr = 0.0
    texts = []
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    for im in imgs:
        t1 = time.time()
        r = subprocess.run(["tesseract", im, "-", "-l", "vie", "--psm", "4"],
                           capture_output=True, text=True, env=env)
        t_ocr += time.time() - t1
        texts.append(r.stdout)
    return {"preds": baseline_parse("\n".join(texts), ncols), "pages": len(imgs),
            "tesseract_s": t_ocr, "total_s": time.time() - t0, "text": "\f".join(texts)}


def run_sohoa(sohoa, path, timeout):
    for attempt in range(4):     # the binary may be mid-rebuild (not executable for a moment)
        t0 = time.time()
        try:
            r = subprocess.run([sohoa, "tables", path, "--json"], capture_output=True,
                               text=True, timeout=timeout)
            break
        except OSError as e:
            if attempt == 3:
                return None, 0.0, "cannot run: %s" % e
            time.sleep(10)
        except subprocess.TimeoutExpired:
            return None, time.time() - t0, "timeout"
    try:
        dt = time.time() - t0
        if r.returncode != 0:
            return None, dt, "exit %d: %s" % (r.returncode, r.stderr.strip()[-300:])
        return json.loads(r.stdout), dt, None
    except json.JSONDecodeError as e:
        return None, time.time() - t0, "bad json: %s" % e


# ------------------------------------------------------------------ driver

def score_file(args):
    setdir, entry, opt = args
    path = os.path.join(setdir, entry["file"])
    with open(path + ".json", encoding="utf-8") as f:
        truth = json.load(f)
    ncols = len(truth["tables"][0]["columns"]) if truth["tables"] else 0
    res = {"file": entry["file"], "set": entry["set"], "kind": entry["kind"],
           "engine": entry["engine"], "dpi": entry.get("dpi"), "table_kind": entry["kind_table"],
           "doc_pages": entry["pages"],
           "pages": entry.get("pages_in_file", entry["pages"])}
    if opt.sohoa_ok:
        js, dt, err = run_sohoa(opt.sohoa, path, opt.timeout)
        sc = score_tables(truth, pred_from_sohoa(js))
        res["sohoa"] = dict(sc, seconds=round(dt, 3), error=err)
    if not opt.no_baseline:
        with tempfile.TemporaryDirectory(prefix="scangen_b_") as td:
            b = run_baseline(path, ncols, td)
        res["pages"] = b["pages"]
        sc = score_tables(truth, b["preds"])
        res["baseline"] = dict(sc, tesseract_seconds=round(b["tesseract_s"], 3),
                               seconds=round(b["total_s"], 3))
        if opt.keep_text:
            res["baseline"]["text"] = b["text"]
    return res


def acc(c, n):
    return c / n if n else float("nan")


def group(results, keyf):
    g = {}
    for r in results:
        k = keyf(r)
        d = g.setdefault(k, {"files": 0, "pages": 0, "cells": 0, "sohoa": 0, "baseline": 0,
                             "sohoa_s": 0.0, "tess_s": 0.0, "sohoa_err": 0})
        d["files"] += 1
        d["pages"] += r["pages"]
        cells = (r.get("sohoa") or r.get("baseline"))["cells"]
        d["cells"] += cells
        if "sohoa" in r:
            d["sohoa"] += r["sohoa"]["correct"]
            d["sohoa_s"] += r["sohoa"]["seconds"]
            d["sohoa_err"] += 1 if r["sohoa"]["error"] else 0
        if "baseline" in r:
            d["baseline"] += r["baseline"]["correct"]
            d["tess_s"] += r["baseline"]["tesseract_seconds"]
    for d in g.values():
        d["sohoa_acc"] = acc(d["sohoa"], d["cells"])
        d["baseline_acc"] = acc(d["baseline"], d["cells"])
        d["sohoa_s_per_page"] = d["sohoa_s"] / d["pages"] if d["pages"] else float("nan")
        d["tess_s_per_page"] = d["tess_s"] / d["pages"] if d["pages"] else float("nan")
    return g


def fmt_group(title, g, have_s, have_b):
    lines = ["", "== by %s" % title,
             "%-14s %5s %5s %6s %8s %8s %8s %8s %4s" % ("", "files", "pages", "cells", "sohoa",
                                                       "baseline", "sohoa/p", "tess/p", "err")]
    for k in sorted(g, key=lambda x: str(x)):
        d = g[k]
        lines.append("%-14s %5d %5d %6d %8s %8s %8s %8s %4s" % (
            str(k)[:14], d["files"], d["pages"], d["cells"],
            "%.3f" % d["sohoa_acc"] if have_s else "-",
            "%.3f" % d["baseline_acc"] if have_b else "-",
            "%.2fs" % d["sohoa_s_per_page"] if have_s else "-",
            "%.2fs" % d["tess_s_per_page"] if have_b else "-",
            d["sohoa_err"] if have_s else "-"))
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", help="set directory (with manifest.json); repeatable",
                    default=None)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", help="JSON output (text summary written beside it as .txt)")
    ap.add_argument("--sohoa", default=os.environ.get("SOHOA", "/work/main/build/sohoa"))
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--no-sohoa", action="store_true")
    ap.add_argument("--only", help="regex on file path (e.g. 'born/|fax')")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--keep-text", action="store_true", help="keep baseline OCR text in the JSON")
    opt = ap.parse_args()
    sets = opt.set or ["/work/dev-data/scangen/dev"]
    opt.sohoa_ok = (not opt.no_sohoa) and os.access(opt.sohoa, os.X_OK)
    if not opt.sohoa_ok and not opt.no_sohoa:
        print("note: %s not found/executable; baseline only" % opt.sohoa, file=sys.stderr)
    tasks = []
    for s in sets:
        with open(os.path.join(s, "manifest.json"), encoding="utf-8") as f:
            man = json.load(f)
        for e in man["files"]:
            if opt.only and not re.search(opt.only, e["file"]):
                continue
            tasks.append((s, e, opt))
    t0 = time.time()
    results = []
    with ThreadPoolExecutor(max(1, opt.jobs)) as ex:
        for i, r in enumerate(ex.map(score_file, tasks)):
            r["set_dir"] = tasks[i][0]
            results.append(r)
            s = r.get("sohoa")
            b = r.get("baseline")
            print("[%d/%d] %-48s sohoa %s  base %s" % (
                i + 1, len(tasks), r["file"],
                "%d/%d" % (s["correct"], s["cells"]) + (" ERR" if s["error"] else "") if s else "-",
                "%d/%d" % (b["correct"], b["cells"]) if b else "-"), file=sys.stderr, flush=True)
    have_s, have_b = opt.sohoa_ok, not opt.no_baseline
    lines = ["scangen table scores  sets: %s" % ", ".join(sets),
             "sohoa: %s%s" % (opt.sohoa, "" if have_s else " (not run)"),
             "cell accuracy = correct numeric body+total cells / truth cells; "
             "time = seconds per page (wall, --jobs %d)" % opt.jobs]
    groups = {}
    for title, kf in [("all", lambda r: "all"),
                      ("set dir", lambda r: os.path.basename(r["set_dir"].rstrip("/"))),
                      ("file set", lambda r: r["set"]),
                      ("degradation", lambda r: r["kind"]),
                      ("engine", lambda r: r["engine"]),
                      ("dpi", lambda r: r["dpi"] if r["dpi"] else "born"),
                      ("table kind", lambda r: r["table_kind"]),
                      ("doc pages", lambda r: r["doc_pages"])]:
        g = group(results, kf)
        groups[title] = g
        lines += fmt_group(title, g, have_s, have_b)
    worse = []
    if have_s and have_b:
        for r in results:
            n = r["sohoa"]["cells"]
            if n and r["sohoa"]["correct"] < r["baseline"]["correct"]:
                worse.append((r["file"], r["kind"], r["dpi"], acc(r["sohoa"]["correct"], n),
                              acc(r["baseline"]["correct"], n), r["sohoa"]["error"]))
        lines += ["", "== files where sohoa < baseline: %d" % len(worse)]
        for w in worse:
            lines.append("  %-52s %-12s %4s  sohoa %.3f  base %.3f%s" % (
                w[0], w[1], w[2] or "", w[3], w[4], "  (%s)" % w[5] if w[5] else ""))
    lines.append("")
    lines.append("scored %d files in %.0fs" % (len(results), time.time() - t0))
    if len(groups["all"]):
        d = groups["all"]["all"]
        lines.append("CELL ACCURACY  sohoa %s  baseline %s" % (
            "%.3f" % d["sohoa_acc"] if have_s else "-", "%.3f" % d["baseline_acc"] if have_b else "-"))
    text = "\n".join(lines)
    print(text)
    out = opt.out or os.path.join(os.path.dirname(os.path.abspath(sets[0].rstrip("/"))),
                                  "score_%s.json" % os.path.basename(sets[0].rstrip("/")))
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"sets": sets, "sohoa": opt.sohoa if have_s else None,
                   "groups": {k: {str(kk): vv for kk, vv in v.items()} for k, v in groups.items()},
                   "sohoa_below_baseline": [list(w) for w in worse], "files": results},
                  f, ensure_ascii=False, indent=1)
    with open(out[:-5] + ".txt" if out.endswith(".json") else out + ".txt", "w") as f:
        f.write(text + "\n")
    print("wrote", out, file=sys.stderr)


if __name__ == "__main__":
    main()
