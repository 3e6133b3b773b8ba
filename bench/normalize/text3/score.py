#!/usr/bin/python3
"""Score `sohoa text` on a text3 set, with a peer in the same run.

  /usr/bin/python3 score.py --set /work/dev-data/text3/dev [--sohoa /work/main/build/sohoa]
                            [--json out.json] [--kinds k1,k2] [--jobs 1]

One `sohoa text --quiet FILE...` call per damage kind (so each kind is timed);
stdout is split on the '==> PATH <==' headers.  Systems compared on the same files:
  sohoa  the binary under test
  peer   what a user would try with generic tools: pdftotext for PDFs; bytes read
         as UTF-16 (BOM or NUL bytes), UTF-8, else Windows-1258 (Python codec);
         ftfy-like repair of UTF-8 read as cp1252; html.unescape; soft hyphens and
         zero-width characters removed, NBSP -> space; NFC.  Nothing for stripped
         marks, legacy TCVN3/VNI/VISCII or OCR errors.
  input  the file as it is (UTF-8 with replacement, pdftotext for PDFs), NFC
Metrics (lines NFC, outer space stripped, inner runs one space, empty lines dropped):
  syl    syllable accuracy: truth syllables (tokens with a letter, edge punctuation
         stripped) matched in an alignment with the output's syllables
  syl_ci the same, case-insensitive (separates case errors, e.g. TCVN3 capitals)
  line   exact-line rate: truth lines matched by a longest common subsequence of lines
  ctl    correct lines changed: of the lines the damage left right (manifest
         'control'; every line of the clean files), the share not found unchanged
"""
import argparse, difflib, html, json, os, re, resource, subprocess, sys, tempfile, time, unicodedata as ud
from collections import defaultdict
from pathlib import Path

NFC = lambda s: ud.normalize("NFC", s)
ZW = "\u00ad\u200b\u200c\u200d\ufeff\u2060"


def fold(s):
    s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return [" ".join(NFC(l).split()) for l in s.split("\n") if l.strip()]


def sylls(lines, ci=False):
    out = []
    for l in lines:
        for t in l.split():
            t = t.strip(".,;:!?()[]{}\"'“”‘’|-–/…")
            if any(c.isalpha() for c in t):
                out.append(t.lower() if ci else t)
    return out


def matched(a, b):
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    hit = [False] * len(a)
    for blk in sm.get_matching_blocks():
        for i in range(blk.a, blk.a + blk.size):
            hit[i] = True
    return hit


# ------------------------------------------------------------------ peer
def ftfy_like(s):
    """Undo UTF-8 read as cp1252, run by run of cp1252-encodable text."""
    def fix(m):
        t = m.group(0)
        try:
            b = t.encode("cp1252")
            return b.decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return t
    return re.sub(r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]{2,}", fix, s)


def peer_text(path, data):
    if data[:5] == b"%PDF-":
        return NFC(subprocess.run(["pdftotext", str(path), "-"], capture_output=True).stdout.decode("utf-8", "replace"))
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        s = data.decode("utf-16")
    elif data.count(0) > len(data) // 5:
        ev = sum(1 for x in data[0::2] if x == 0)
        s = data.decode("utf-16-be" if ev > len(data) // 4 else "utf-16-le", "replace")
    else:
        try:
            s = data.decode("utf-8")
        except UnicodeDecodeError:
            s = data.decode("cp1258", "replace")
    s = ftfy_like(s)
    if re.search(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+\d*);", s):
        s = html.unescape(s)
    for z in ZW:
        s = s.replace(z, "")
    return NFC(s.replace("\u00a0", " "))


def input_text(path, data):
    if data[:5] == b"%PDF-":
        return NFC(subprocess.run(["pdftotext", str(path), "-"], capture_output=True).stdout.decode("utf-8", "replace"))
    return NFC(data.decode("utf-8", "replace"))


# ------------------------------------------------------------------ sohoa
def run_sohoa(sohoa, paths, jobs):
    cmd = [sohoa, "text", "--quiet", f"--jobs={jobs}"] + [str(p) for p in paths]
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    p = subprocess.run(cmd, capture_output=True)
    wall = time.time() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    out = p.stdout.decode("utf-8", "replace")
    docs, cur = {}, None
    for line in out.split("\n"):
        m = re.match(r"^==> (.*) <==$", line)
        if m and m.group(1) in {str(x) for x in paths}:
            cur = m.group(1)
            docs[cur] = []
            continue
        if cur is not None:
            docs[cur].append(line)
    if len(paths) == 1:
        docs = {str(paths[0]): out.split("\n")}
    return {k: "\n".join(v) for k, v in docs.items()}, wall, cpu, p.returncode, p.stderr.decode("utf-8", "replace")


# ------------------------------------------------------------------ scoring
SYSTEMS = ["sohoa", "peer", "input"]


def score_file(truth, out, control):
    tl = fold(truth)
    ol = fold(out)
    hit = matched(tl, ol)
    ts, os_ = sylls(tl), sylls(ol)
    sh = matched(ts, os_)
    tsc, osc = sylls(tl, True), sylls(ol, True)
    shc = matched(tsc, osc)
    ctl_n = sum(control)
    ctl_bad = sum(1 for h, c in zip(hit, control) if c and not h)
    miss = [(t, (difflib.get_close_matches(t, ol, 1, 0.3) or [""])[0]) for t, h in zip(tl, hit) if not h]
    return {"lines": len(tl), "lines_ok": sum(hit), "syl": len(ts), "syl_ok": sum(sh), "syl_ci_ok": sum(shc),
            "ctl": ctl_n, "ctl_changed": ctl_bad, "miss": miss}


def agg(rows):
    a = defaultdict(int)
    for r in rows:
        for k in ("lines", "lines_ok", "syl", "syl_ok", "syl_ci_ok", "ctl", "ctl_changed"):
            a[k] += r[k]
    pct = lambda x, y: round(100.0 * x / y, 2) if y else None
    return {"files": len(rows), "lines": a["lines"], "syllables": a["syl"],
            "syl_acc": pct(a["syl_ok"], a["syl"]), "syl_acc_ci": pct(a["syl_ci_ok"], a["syl"]),
            "line_exact": pct(a["lines_ok"], a["lines"]), "controls": a["ctl"],
            "ctl_changed": a["ctl_changed"], "ctl_changed_pct": pct(a["ctl_changed"], a["ctl"])}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", required=True)
    ap.add_argument("--sohoa", default="/work/main/build/sohoa")
    ap.add_argument("--json")
    ap.add_argument("--kinds")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--show", type=int, default=4, help="failures printed per kind")
    a = ap.parse_args()
    root = Path(a.set).resolve()
    man = json.loads((root / "manifest.json").read_text())
    files = man["files"]
    kinds = []
    for f in files:
        if f["kind"] not in kinds:
            kinds.append(f["kind"])
    if a.kinds:
        kinds = [k for k in kinds if k in a.kinds.split(",")]
    per = []          # (file, system, score)
    timing = {}
    for kind in kinds:
        fs = [f for f in files if f["kind"] == kind]
        paths = [root / f["path"] for f in fs]
        docs, wall, cpu, rc, err = run_sohoa(a.sohoa, paths, a.jobs)
        t_peer = time.time()
        peers = {str(p): peer_text(p, p.read_bytes()) for p in paths}
        t_peer = time.time() - t_peer
        nsyl = 0
        for f, p in zip(fs, paths):
            truth = (root / f["truth"]).read_text(encoding="utf-8")
            outs = {"sohoa": docs.get(str(p), ""), "peer": peers[str(p)], "input": input_text(p, p.read_bytes())}
            for s in SYSTEMS:
                sc = score_file(truth, outs[s], f["control"])
                per.append((f, s, sc))
            nsyl += len(sylls(fold(truth)))
        timing[kind] = {"sohoa_wall_s": round(wall, 2), "sohoa_cpu_s": round(cpu, 2), "exit": rc,
                        "sohoa_syl_per_cpu_s": round(nsyl / cpu) if cpu else None,
                        "peer_wall_s": round(t_peer, 2), "stderr_lines": len([l for l in err.split("\n") if l.strip()]),
                        "stderr_head": err.split("\n")[:3]}
        print(f"[{kind}] sohoa {wall:.1f}s wall {cpu:.1f}s cpu exit {rc}", file=sys.stderr, flush=True)

    def table(keyf, title):
        groups = defaultdict(lambda: defaultdict(list))
        for f, s, sc in per:
            groups[keyf(f)][s].append(sc)
        res = {}
        print(f"\n== by {title}")
        print(f"{'':28s} {'syl% sohoa/peer/input':>24s} {'syl_ci% sohoa/peer':>20s} {'line% sohoa/peer/input':>24s} {'ctl changed sohoa/peer':>24s}")
        for g in (kinds if title == "kind" else sorted(groups)):
            if g not in groups:
                continue
            r = {s: agg(groups[g][s]) for s in SYSTEMS}
            res[g] = r
            f_ = lambda x: "-" if x is None else f"{x:.1f}"
            print(f"{g:28s} {f_(r['sohoa']['syl_acc']):>8s}/{f_(r['peer']['syl_acc']):>6s}/{f_(r['input']['syl_acc']):>6s}"
                  f"  {f_(r['sohoa']['syl_acc_ci']):>9s}/{f_(r['peer']['syl_acc_ci']):>6s}"
                  f"  {f_(r['sohoa']['line_exact']):>10s}/{f_(r['peer']['line_exact']):>6s}/{f_(r['input']['line_exact']):>6s}"
                  f"  {r['sohoa']['ctl_changed']:>7d}/{r['peer']['ctl_changed']:d} of {r['sohoa']['controls']}")
        return res

    result = {"set": str(root), "sohoa": a.sohoa, "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
              "by_kind": table(lambda f: f["kind"], "kind"),
              "by_genre": table(lambda f: f["genre"], "genre"),
              "by_kind_variant": table(lambda f: f["kind"] + ":" + f["variant"].split("|")[0] if f["variant"] else f["kind"], "kind:variant"),
              "by_kind_genre": {k: {g: {s: agg([sc for f, s2, sc in per if s2 == s and f["kind"] == k and f["genre"] == g])
                                            for s in SYSTEMS} for g in sorted({f["genre"] for f, _, _ in per})}
                                for k in kinds},
              "all": {s: agg([sc for f, s2, sc in per if s2 == s]) for s in SYSTEMS},
              "timing": timing}
    # clean controls only (the do-no-harm figure)
    cl = {s: agg([sc for f, s2, sc in per if s2 == s and f["kind"] == "clean"]) for s in SYSTEMS}
    result["clean_controls"] = cl
    print("\n== all kinds:", {s: (result["all"][s]["syl_acc"], result["all"][s]["line_exact"]) for s in SYSTEMS})
    print("== clean files: sohoa changed %s of %s lines (peer %s)" % (cl["sohoa"]["ctl_changed"], cl["sohoa"]["controls"], cl["peer"]["ctl_changed"]))
    print("\n== time per kind (one sohoa call over the kind's files, --jobs=%d)" % a.jobs)
    for k, t in timing.items():
        print(f"{k:20s} wall {t['sohoa_wall_s']:6.2f}s cpu {t['sohoa_cpu_s']:6.2f}s  {t['sohoa_syl_per_cpu_s']} syl/cpu-s  exit {t['exit']}  peer {t['peer_wall_s']:.2f}s")
    print("\n== sohoa failures (truth | sohoa's nearest line), first %d per kind" % a.show)
    fails = defaultdict(list)
    for f, s, sc in per:
        if s == "sohoa":
            for t, o in sc["miss"]:
                fails[f["kind"]].append({"file": f["path"], "truth": t, "sohoa": o})
    for k in kinds:
        for x in fails[k][:a.show]:
            print(f"[{k}] {x['truth'][:110]}\n{'':{len(k)+3}}{x['sohoa'][:110]}")
    result["sohoa_failures"] = fails
    if a.json:
        Path(a.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
