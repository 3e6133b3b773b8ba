#!/usr/bin/env python3
"""Score `sohoa text` on a damage set made by gen_damage.py, beside what a user would try.

  score.py --set DIR --sohoa PATH [--json OUT.json] [--examples N]

One run of `sohoa text` with every file of the set as an input (stdout, split on the
'==> PATH <==' headers; form feeds count as line breaks). In the same run, the peers:
  input           the file as it is (bytes that are not UTF-8 read as cp1252; .html as a
                  browser shows it: tags dropped, <p>/<br> end a line, white space collapsed,
                  intact character references decoded)
  html.unescape   entities: html.unescape of the .txt as it is / of the browser text of .html
  strip+unescape  entities (.txt only): tags removed with a regex, then html.unescape
  iconv           utf16: UTF-16 files: the filler put back as NUL, `iconv -c -f UTF-16LE|BE`;
                  legacy files: the filler bytes dropped, `iconv -c -f TCVN5712-1|VISCII`
                  (VNI has no iconv converter: not scored); "shown" files are first turned
                  back into bytes with cp1252. The peer is told the true encoding and byte
                  order, so it is an upper bound for a user with iconv.
Alignment: per file, the output lines and the truth lines are compared after NFC, outer
white space stripped and runs of white space made one space; a truth line counts as right
when it is matched exactly by a longest common subsequence of lines (so extra lines in the
output, e.g. a marks line left above a repaired line, are not counted against the line but
are counted as "extra"). Controls are truth lines whose text in the file is already right:
"controls changed" counts those the tool did not give back exactly.
Metric printed last: exact-line accuracy per kind, sohoa beside the peers.
"""
import argparse
import collections
import difflib
import html
import html.parser
import json
import os
import re
import subprocess
import sys
import time
import unicodedata


def norm(line):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", line)).strip()


def out_lines(text):
    return [n for n in (norm(l) for l in re.split(r"[\n\f\r]", text)) if n]


def lcs_match(truth, out):
    """Indices of truth lines matched exactly, by a longest common subsequence."""
    n, m = len(truth), len(out)
    dp = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if truth[i] == out[j]:
                dp[i][j] = dp[i + 1][j + 1] + 1
            else:
                dp[i][j] = max(dp[i + 1][j], dp[i][j + 1])
    i = j = 0
    pairs = []
    while i < n and j < m:
        if truth[i] == out[j]:
            pairs.append((i, j))
            i += 1
            j += 1
        elif dp[i + 1][j] >= dp[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def nearest(truth, out, pairs, i):
    """The output line most like unmatched truth line i, between its matched neighbours."""
    lo, hi = 0, len(out)
    for ti, oj in pairs:
        if ti < i:
            lo = oj + 1
        elif ti > i:
            hi = oj
            break
    best, score = "", -1.0
    for j in range(lo, hi):
        r = difflib.SequenceMatcher(None, truth[i], out[j], autojunk=False).ratio()
        if r > score:
            best, score = out[j], r
    return best


# ------------------------------------------------------------------ peers

class BrowserText(html.parser.HTMLParser):
    BLOCK = {"p", "br", "div", "tr", "li", "h1", "h2", "h3", "title", "body"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("head", "script", "style"):
            self.skip += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("head", "script", "style"):
            self.skip = max(0, self.skip - 1)
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))

    def text(self):
        return "".join(self.parts)


def browser_text(raw):
    p = BrowserText()
    p.feed(raw)
    p.close()
    return p.text()


def read_as_user(data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def iconv(data, enc):
    r = subprocess.run(["iconv", "-c", "-f", enc, "-t", "UTF-8"], input=data, capture_output=True)
    return r.stdout.decode("utf-8", errors="replace")


def peer_outputs(f, data):
    """{peer name: output text} for one file."""
    kind, v = f["kind"], f["variant"]
    path = f["path"]
    res = {}
    if kind == "displaced_pdf":
        for name, mode in (("pdftotext", []), ("pdftotext -layout", ["-layout"])):
            r = subprocess.run(["pdftotext", "-enc", "UTF-8", *mode, "-", "-"], input=data,
                               capture_output=True)
            res[name] = r.stdout.decode("utf-8", errors="replace")
        return res
    if kind == "entities" and path.endswith(".html"):
        shown = browser_text(data.decode("utf-8"))
        res["input"] = shown
        res["html.unescape"] = html.unescape(shown)
        return res
    text = read_as_user(data)
    res["input"] = text
    if kind == "entities":
        res["html.unescape"] = html.unescape(text)
        res["strip+unescape"] = html.unescape(re.sub(r"<[^>]*>", "", text))
    elif kind == "utf16":
        if v.get("form") == "control":
            res["iconv"] = text
        else:
            raw = data if v["form"] == "raw" else text.encode("cp1252", errors="replace")
            fill = v["filler"].encode()[0]
            if v["enc"] == "utf16":
                b = bytes(0 if x == fill else x for x in raw)
                out = iconv(b, "UTF-16LE" if v["endian"] == "le" else "UTF-16BE")
                res["iconv"] = out.lstrip("\ufeff")
            elif v["enc"] in ("tcvn3", "viscii"):
                b = bytes(x for x in raw if x != fill)
                res["iconv"] = iconv(b, {"tcvn3": "TCVN5712-1", "viscii": "VISCII"}[v["enc"]])
    return res


# ------------------------------------------------------------------ sohoa

def run_sohoa(sohoa, paths):
    t0 = time.time()
    r = subprocess.run([sohoa, "text", "--quiet", *paths], capture_output=True)
    secs = time.time() - t0
    text = r.stdout.decode("utf-8", errors="replace")
    docs = {}
    cur = None
    buf = []
    for line in text.split("\n"):
        m = re.fullmatch(r"==> (.*) <==", line)
        if m and m.group(1) in paths:
            if cur is not None:
                docs[cur] = "\n".join(buf)
            cur, buf = m.group(1), []
        else:
            buf.append(line)
    if cur is not None:
        docs[cur] = "\n".join(buf)
    if len(paths) == 1 and not docs:
        docs[paths[0]] = text
    return docs, r.returncode, r.stderr.decode("utf-8", errors="replace"), secs


# ------------------------------------------------------------------ scoring

def variant_keys(f, u):
    v = f["variant"]
    keys = [f"origin={u['origin']}"]
    if f["kind"] == "displaced":
        if v.get("source"):
            keys += [f"source={v['source']}", f"raise_em={v['raise_em']}"]
        else:
            keys += [f"font={v['font']}", f"narrow_gap={v['narrow_gap']}"]
        keys += [f"tag={t}" for t in u["tags"]]
    elif f["kind"] == "displaced_pdf":
        keys += [f"font={v['font']}", f"raise_em={v['raise_em']}", f"model={v['model']}"]
        keys += [f"tag={t}" for t in u["tags"]]
    elif f["kind"] == "entities":
        keys += [f"container={v['container']}", f"style={v['style']}", f"p_split={v['p_split']}"]
        keys += [f"split={t}" for t in u["tags"]]
    else:
        if v.get("form") == "control":
            keys.append("form=control")
        else:
            keys += [f"enc={v['enc']}", f"endian={v['endian']}", f"form={v['form']}",
                     f"filler={v['filler']}", f"bom={v['bom']}"]
            keys.append("collapsed" if "collapsed" in u["tags"] else "not_collapsed")
            keys += [t for t in u["tags"] if t == "vn1_upper"]
            if u["control"]:
                keys.append("control")
    return keys


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", required=True, help="a folder made by gen_damage.py")
    ap.add_argument("--sohoa", required=True)
    ap.add_argument("--json", help="write the full result here")
    ap.add_argument("--examples", type=int, default=5, help="failures shown per kind")
    ap.add_argument("--kind", action="append", choices=["displaced", "displaced_pdf", "entities", "utf16"],
                    help="score only these kinds (repeatable; default all)")
    args = ap.parse_args()
    if os.path.basename(os.path.normpath(args.set)) == "aside":
        print("note: scoring an aside set", file=sys.stderr)
    man = json.load(open(os.path.join(args.set, "manifest.json"), encoding="utf-8"))
    files = [f for f in man["files"] if not args.kind or f["kind"] in args.kind]
    paths = [os.path.join(args.set, f["path"]) for f in files]
    docs, rc, stderr, secs = run_sohoa(args.sohoa, paths)

    # per kind: tool -> [right, total]; breakdowns; controls; extra lines
    acc = collections.defaultdict(lambda: collections.defaultdict(lambda: [0, 0]))
    brk = collections.defaultdict(lambda: collections.defaultdict(lambda: collections.defaultdict(lambda: [0, 0])))
    ctl = collections.defaultdict(lambda: collections.defaultdict(lambda: [0, 0]))
    extra = collections.defaultdict(lambda: collections.defaultdict(int))
    failures = collections.defaultdict(list)
    missing = []
    for f, path in zip(files, paths):
        with open(path, "rb") as fh:
            data = fh.read()
        outs = peer_outputs(f, data)
        if path in docs:
            outs = {"sohoa": docs[path], **outs}
        else:
            missing.append(f["path"])
            outs = {"sohoa": "", **outs}
        truth = [norm(u["truth"]) for u in f["units"]]
        for tool, text in outs.items():
            ol = out_lines(text)
            pairs = lcs_match(truth, ol)
            right = {i for i, _ in pairs}
            extra[f["kind"]][tool] += len(ol) - len(pairs)
            for i, u in enumerate(f["units"]):
                ok = i in right
                a = acc[f["kind"]][tool]
                a[0] += ok
                a[1] += 1
                for k in variant_keys(f, u):
                    b = brk[f["kind"]][k][tool]
                    b[0] += ok
                    b[1] += 1
                if u["control"]:
                    c = ctl[f["kind"]][tool]
                    c[0] += not ok
                    c[1] += 1
                if tool == "sohoa" and not ok:
                    failures[f["kind"]].append({
                        "file": f["path"], "unit": i, "control": u["control"],
                        "tags": u["tags"], "truth": truth[i], "sohoa": nearest(truth, ol, pairs, i)})

    def pct(x):
        return round(100.0 * x[0] / x[1], 2) if x[1] else None

    result = {"set": os.path.abspath(args.set), "sohoa": args.sohoa, "exit_code": rc,
              "seconds": round(secs, 1), "files": len(files), "files_missing_in_output": missing,
              "stderr_lines": [l for l in stderr.splitlines() if l][:50], "kinds": {}}
    for kind in acc:
        result["kinds"][kind] = {
            "lines": acc[kind]["sohoa"][1],
            "exact_line_accuracy": {t: pct(v) for t, v in acc[kind].items()},
            "right": {t: v[0] for t, v in acc[kind].items()},
            "controls": ctl[kind]["sohoa"][1],
            "controls_changed": {t: v[0] for t, v in ctl[kind].items()},
            "extra_output_lines": dict(extra[kind]),
            "breakdown": {k: {t: [v[0], v[1]] for t, v in d.items()} for k, d in sorted(brk[kind].items())},
            "failures": failures[kind],
        }
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(result, fh, ensure_ascii=False, indent=1)

    print(f"set {args.set}: {len(files)} files, sohoa exit {rc}, {secs:.1f} s"
          + (f", {len(missing)} files missing in sohoa's output" if missing else ""))
    for l in result["stderr_lines"][:5]:
        print("  stderr:", l)
    for kind, r in result["kinds"].items():
        print(f"\n== {kind}: {r['lines']} lines, {r['controls']} controls")
        tools = list(r["exact_line_accuracy"])
        print("  tool             exact   controls changed   extra lines")
        for t in tools:
            acc_t = r["exact_line_accuracy"][t]
            print(f"  {t:15s} {acc_t if acc_t is not None else '-':>6}%   "
                  f"{r['controls_changed'].get(t, 0):>5}/{r['controls']:<5}        {r['extra_output_lines'].get(t, 0)}")
        print("  breakdown (sohoa | " + " | ".join(t for t in tools if t != "sohoa") + "):")
        for k, d in r["breakdown"].items():
            cells = " | ".join(f"{pct(d[t]) if t in d else '-'}" for t in tools)
            print(f"    {k:28s} n={d['sohoa'][1]:<5} {cells}")
        for ex in r["failures"][:args.examples]:
            got = ex["sohoa"] if len(ex["sohoa"]) <= 200 else ex["sohoa"][:200] + " ..."
            print(f"  miss {ex['file']}#{ex['unit']} {ex['tags']}\n     truth: {ex['truth']}\n     sohoa: {got}")
    print("\nexact-line accuracy (sohoa vs peers): " + "; ".join(
        f"{k} " + ", ".join(f"{t} {v}%" for t, v in r["exact_line_accuracy"].items())
        + f", controls changed {r['controls_changed'].get('sohoa', 0)}/{r['controls']}"
        for k, r in result["kinds"].items()))


if __name__ == "__main__":
    main()
