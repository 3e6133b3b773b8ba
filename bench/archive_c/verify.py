#!/usr/bin/python3
"""Check a made archive against its truth.json without sohoa.

Usage: verify.py DIR [--quiet]
1. the truth itself: row identities (received = carry + new = resolved + pending, resolved and
   pending = their parts) on every right value; column sums = total cells; the carry-over
   chain (carry = last month's pending) broken only where a carryover fault is planted, at the
   merges (carry = the predecessors' pending summed) and after gaps; the stated value differs
   from the right one exactly at the planted cell/total faults.
2. every file read back by ordinary tools (python-docx, LibreOffice txt for .rtf/.odt/.doc,
   tags stripped for HTML, pdftotext -layout for PDFs, TCVN3 decoded by glibc iconv; the scans
   by the text of the PDF they were printed from): each table row's unit label and its stated
   numbers, in order, and each planted narrative figure and each decoy figure are found.
Prints counts (and problems); exit 1 on any problem.
"""
import collections, json, os, re, subprocess, sys, tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clib import file_text, fold

KEYS = ["received_total", "received_carryover", "received_new", "online", "resolved_total", "resolved_early",
        "resolved_ontime", "resolved_late", "pending_total", "pending_ontime", "pending_overdue"]


def N(v, sep):
    s = str(int(v))
    if sep and len(s) > 3:
        out = []
        while len(s) > 3:
            out.insert(0, s[-3:]); s = s[:-3]
        out.insert(0, s); s = sep.join(out)
    return s


def find_in_order(text, toks, start=0, window=4000):
    pos = start
    first = None
    for t in toks:
        m = re.compile(r"(?<![\d.,])" + re.escape(t) + r"(?![\d]|[.,]\d)").search(text, pos, pos + window if first is not None else len(text))
        if not m:
            return None
        if first is None:
            first = m.start()
        pos = m.end()
    return first


def main():
    d = sys.argv[1]
    quiet = "--quiet" in sys.argv
    T = json.load(open(os.path.join(d, "truth.json")))
    probs = []
    cells = collections.defaultdict(dict)  # (period, table, unit) -> key -> (right, stated)
    for c in T["cells"]:
        cells[(c["file"], c["period"], c["table"], c["unit"])][c["metric"]] = (c["value"], c["stated"])
    planted = {(f.get("file"), f.get("table"), f.get("unit"), f.get("column")) for f in T["faults"]}
    nfault_cells = 0
    for (fl, per, tb, u), kv in cells.items():
        R = {k: v[0] for k, v in kv.items()}
        for k, (r, s) in kv.items():
            if r != s:
                nfault_cells += 1
                if (fl, tb, u, k) not in planted:
                    probs.append("unplanted stated!=right %s %s %s %s" % (fl, tb, u, k))
        g = lambda k: R.get(k, 0)
        if g("received_total") != g("received_carryover") + g("received_new"):
            probs.append("identity recv %s %s %s" % (fl, tb, u))
        if g("received_total") != g("resolved_total") + g("pending_total"):
            probs.append("identity recv=res+pend %s %s %s" % (fl, tb, u))
        if g("resolved_total") != g("resolved_early") + g("resolved_ontime") + g("resolved_late"):
            probs.append("identity res %s %s %s" % (fl, tb, u))
        if g("pending_total") != g("pending_ontime") + g("pending_overdue"):
            probs.append("identity pend %s %s %s" % (fl, tb, u))
    # column sums
    by_doc = collections.defaultdict(lambda: collections.defaultdict(int))
    tots = {}
    for (fl, per, tb, u), kv in cells.items():
        for k, (r, s) in kv.items():
            if u == "__total__":
                tots[(fl, tb, k)] = r
            else:
                by_doc[(fl, tb)][k] += r
    for (fl, tb, k), r in tots.items():
        if by_doc[(fl, tb)][k] != r:
            probs.append("column sum %s %s %s" % (fl, tb, k))
    # carry-over chain over the monthly files
    months = {}
    for f in T["files"]:
        if f["kind"] == "month" and not f.get("duplicate_of"):
            months[f["period"]] = f["file"]
    brk = {(f["period"], f["unit"]) for f in T["faults"] if f["kind"] == "carryover"}
    merges = {(m["period"], m["unit"]): m["predecessors"] for m in T["merges"]}
    nchain = 0
    for per in sorted(months):
        y, m = map(int, per.split("-"))
        prev = "%04d-%02d" % ((y, m - 1) if m > 1 else (y - 1, 12))
        if prev not in months:
            continue
        for tb in ("PL-I", "PL-II"):
            for (fl, p, t, u), kv in cells.items():
                if fl != months[per] or t != tb or u == "__total__":
                    continue
                carry = kv["received_carryover"][0]
                if (per, u) in merges:
                    pp = sum(cells.get((months[prev], prev, tb, q), {}).get("pending_total", (0, 0))[0]
                             for q in merges[(per, u)])
                else:
                    pk = (months[prev], prev, tb, u)
                    if pk not in cells:
                        continue
                    pp = cells[pk]["pending_total"][0]
                nchain += 1
                if (carry != pp) != ((per, u) in brk):
                    probs.append("carry chain %s %s %s: %d vs %d" % (per, tb, u, carry, pp))
    # files read back
    tmp = tempfile.mkdtemp(prefix="archc_verify_")
    from clib import office_texts
    office_texts([os.path.join(d, f["file"]) for f in T["files"]
                  if os.path.splitext(f["file"])[1] in (".rtf", ".odt", ".doc")], tmp)
    nrows = nfig = 0
    weak = collections.Counter()
    for f in T["files"]:
        p = os.path.join(d, f["file"])
        if not os.path.exists(p):
            probs.append("missing file " + f["file"]); continue
        if f["shape"].startswith("scan"):
            text = f.get("source_text", "")
            if os.path.getsize(p) < 10000:
                probs.append("scan too small " + f["file"])
        else:
            text = file_text(p, tmp)
        if f.get("encoding") == "tcvn3":
            with open(p, "rb") as fh:
                b = fh.read()
            if any(x > 127 for x in b) is False:
                probs.append("tcvn3 file has no 8-bit bytes")
        sep = f["style"]["sep"]
        if p.endswith(".pdf") and not f["shape"].startswith("scan"):
            text += "\n" + subprocess.run(["pdftotext", p, "-"], capture_output=True).stdout.decode()
        ft = fold(text)
        fwords = set(ft.split())
        tokcount = collections.Counter(re.findall(r"(?<![\d.,])\d{1,3}(?:%s\d{3})*(?![\d])" % re.escape(sep) if sep else
                                                  r"(?<![\d.,])\d+(?![\d])", text))
        for tbi in f["tables"]:
            for u, lab in zip(tbi["units"] + ["__total__"], tbi["labels"] + [None]):
                kv = cells[(f.get("duplicate_of") or f["file"], f["period"], tbi["id"], u)]
                toks = [N(kv[k][1], sep) for k in tbi["keys"]]
                if lab is not None and fold(lab) not in ft:
                    if all(w in fwords for w in fold(lab).split()) or fold(lab).replace(" ", "")[:max(6, len(fold(lab).replace(" ", "")) * 4 // 5)] in ft.replace(" ", ""):
                        weak["label"] += 1
                    else:
                        probs.append("label not found %s %s" % (f["file"], lab))
                if find_in_order(text, toks) is None:
                    need = collections.Counter(toks)
                    if all(tokcount[t] >= n for t, n in need.items()):
                        weak["numbers"] += 1
                    else:
                        probs.append("row numbers not found %s %s %s %s" % (f["file"], tbi["id"], u, toks[:4]))
                nrows += 1
        for fl in f["faults"]:
            if fl["kind"] == "narrative":
                nfig += 1
                if find_in_order(text, [N(fl["stated"], sep)]) is None:
                    probs.append("narrative figure not found " + f["file"])
        for dc in f.get("decoys", []):
            nfig += 1
            if find_in_order(text, [N(dc["value"], sep)]) is None:
                probs.append("decoy figure not found %s %s" % (f["file"], dc["kind"]))
    kinds = collections.Counter(x["kind"] for x in T["faults"])
    print("%s: %d files, %d cells (%d stated wrong where planted), %d table rows and %d figures read back, "
          "%d carry-over links; faults %s; %d decoys; %d problems (weak read-backs: %s)"
          % (d, len(T["files"]), len(T["cells"]), nfault_cells, nrows, nfig, nchain, dict(kinds),
             len(T["decoys"]), len(probs), dict(weak)))
    if not quiet:
        for p in probs[:50]:
            print("  " + p)
    sys.exit(1 if probs else 0)


if __name__ == "__main__":
    main()
