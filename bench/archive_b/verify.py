#!/usr/bin/python3
"""Check an archive made by gen.py against its truth without sohoa: row identities of the
truth cells, the carry-over chain (breaks and merges only where planted), and every file
read back (python-docx, pdftotext, LibreOffice for .doc/.odt, tags stripped for HTML; scans
skipped) holding each unit's values as its row.  Prints problems and a count; exit 1 if any."""
import collections
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata


def text_of(path, tmp):
    ext = os.path.splitext(path)[1].lower()
    if ext == ".docx":
        import docx
        dd = docx.Document(path)
        out = [p.text for p in dd.paragraphs]
        for t in dd.tables:
            for r in t.rows:
                out.append("\t".join(c.text for c in r.cells))
        return "\n".join(out)
    if ext == ".pdf":
        return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True).stdout.decode()
    if ext in (".doc", ".odt"):
        subprocess.run(["soffice", "-env:UserInstallation=file://" + tmp + "/lo", "--headless", "--convert-to",
                        "html", "--outdir", tmp, path], capture_output=True)
        path = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".html")
        ext = ".html"
    raw = open(path, "rb").read().decode("utf-8-sig")
    if ext in (".html", ".htm"):
        raw = re.sub(r"</t[dh]>", "\t", raw)
        raw = re.sub(r"<[^>]+>", " ", raw)
        raw = html.unescape(raw)
    return unicodedata.normalize("NFC", raw)


def main():
    d = sys.argv[1]
    t = json.load(open(os.path.join(d, "truth.json"), encoding="utf-8"))
    probs = []
    cells = collections.defaultdict(dict)
    for c in t["cells"]:
        if c["table"] == "PL-I":
            cells[(c["file"], c["unit"])][c["metric"]] = c["value"]
    for (f, u), v in cells.items():
        if "received_carryover" in v and v["received_total"] != v["received_carryover"] + v["received_new"]:
            probs.append("identity recv %s %s" % (f, u))
        if "resolved_total" in v and v["received_total"] != v["resolved_total"] + v["pending_total"]:
            probs.append("identity total %s %s" % (f, u))
    files = {f["file"]: f for f in t["files"]}
    monthly = {}
    for f in t["files"]:
        if f["kind"] == "month" and not f["duplicate_of"] and not (f["conflict_with"] and f["file"] not in
                                                                  [c["files"][0] for c in t["faults"]["conflict"]]):
            monthly[(f["province"], f["period"])] = f["file"]
    brk = {(b["province"], b["period"], b["unit"]) for b in t["faults"]["carryover"]}
    mrg = {(m["province"], m["period"]) for m in t["faults"]["merge"]}
    nchain = 0
    for p in t["provinces"]:
        ms = p["months"]
        for i in range(1, len(ms)):
            a, b = monthly.get((p["name"], ms[i - 1])), monthly.get((p["name"], ms[i]))
            if not a or not b or (p["name"], ms[i]) in mrg:
                continue
            for u in files[b]["units"]:
                if u in files[a]["units"]:
                    nchain += 1
                    ok = cells[(b, u)]["received_carryover"] == cells[(a, u)]["pending_total"]
                    if ok == ((p["name"], ms[i], u) in brk):
                        probs.append("carry-over %s %s %s" % (ms[i], u, "break not planted" if not ok else "planted break absent"))
    tmp = tempfile.mkdtemp()
    nread = 0
    for f in t["files"]:
        if f.get("scanned"):
            continue
        path = os.path.join(d, f["file"])
        if not os.path.exists(path):
            probs.append("missing " + f["file"])
            continue
        txt = text_of(path, tmp)
        nread += 1
        src = f["duplicate_of"] or f["file"]
        wrong = {(x["unit"], x["column"]): x["stated"] for x in t["faults"]["cell"] if x["file"] == src}
        if f["conflict_with"] and f["file"] not in [c["files"][0] for c in t["faults"]["conflict"]]:
            continue                      # the re-issue: its cells differ from the truth's on purpose
        for u, name in zip(f["units"], f["units_as_written"]):
            v = cells[(src, u)]
            want = [wrong.get((u, k), v[k]) for k in f["columns"]]
            nums = [int(x.replace(".", "")) for x in re.findall(r"(?<![\d,])\d{1,3}(?:\.\d{3})+(?![\d,])|(?<![\d,.])\d+(?![\d,])", txt)]
            s = ",".join(map(str, nums))
            if ",".join(map(str, want[:3])) not in s:
                probs.append("values of %s not found in %s" % (u, f["file"]))
    for x in probs[:30]:
        print(x)
    print("%d problems; %d carry-over links; %d files read back" % (len(probs), nchain, nread))
    sys.exit(1 if probs else 0)


if __name__ == "__main__":
    main()
