#!/usr/bin/python3
"""Score `sohoa check FILE --json` on a set made by gen.py.

For every NAME.txt with NAME.truth.json beside it:
  false error   a finding of kind "narrative" with severity "error" on a clean file, or on a
                faulty file when its stated value is neither the planted stated value nor one of
                the other figures of the broken relation (relation_values)
  hit (strict)  an error/warning finding of kind narrative or column_total whose stated value
                equals the planted stated value
  hit (loose)   same kinds, stated value equal to the planted value or to a figure of the broken
                relation (a checker may blame the total instead of the part)
False errors are attributed to the scope of the narrative figure whose value they state (from the
truth's "figures"), to show which scope pairs get confused.

Usage: score.py DIR [--sohoa PATH] [--jobs N] [--timeout S] [--verbose] [--json OUT]
SOHOA (environment) or --sohoa, default /work/main/build/sohoa.
"""
import argparse
import collections
import concurrent.futures
import glob
import json
import os
import subprocess
import sys


def num(x):
    if x is None or isinstance(x, bool):
        return None
    if isinstance(x, (int, float)):
        return float(x)
    try:
        s = str(x).strip().replace("%", "").strip()
        if "," in s and "." in s:
            s = s.replace(".", "").replace(",", ".")
        elif "," in s:
            s = s.replace(",", ".")
        return float(s)
    except ValueError:
        return None


def same(a, b):
    a, b = num(a), num(b)
    return a is not None and b is not None and abs(a - b) < 0.006


def run(sohoa, path, timeout):
    try:
        p = subprocess.run([sohoa, "check", path, "--json"], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    if p.returncode != 0:
        return None, "exit %d: %s" % (p.returncode, p.stderr.decode("utf-8", "replace")[:200])
    try:
        return json.loads(p.stdout.decode("utf-8")).get("findings", []), None
    except ValueError as e:
        return None, "bad json: %s" % e


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--sohoa", default=os.environ.get("SOHOA", "/work/main/build/sohoa"))
    ap.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 2) // 2))
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--json", help="write per-file results here")
    a = ap.parse_args()

    files = sorted(f for f in glob.glob(os.path.join(a.dir, "*.txt")) if os.path.exists(f[:-4] + ".truth.json"))
    if not files:
        sys.exit("no NAME.txt with NAME.truth.json in %s" % a.dir)
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as ex:
        outs = list(ex.map(lambda f: run(a.sohoa, f, a.timeout), files))

    n_clean = n_faulty = 0
    clean_files_with_fe = faulty_files_with_fe = 0
    fe_clean = fe_faulty = 0
    warn_clean = 0
    hits_strict = hits_loose = 0
    per_kind = collections.defaultdict(lambda: [0, 0, 0])   # kind -> [planted, strict, loose]
    per_scope = collections.defaultdict(lambda: [0, 0])     # fault scope family -> [planted, strict]
    fe_scope = collections.Counter()
    failures = []
    report = []
    for f, (findings, err) in zip(files, outs):
        truth = json.load(open(f[:-4] + ".truth.json", encoding="utf-8"))
        name = os.path.basename(f)
        if findings is None:
            failures.append((name, err))
            findings = []
        faults = truth.get("faults", [])
        val2scope = collections.defaultdict(set)
        for fig in truth.get("figures", []):
            val2scope[round(float(fig["value"]), 2)].add(fig["scope"])
        narr_err = [x for x in findings if x.get("kind") == "narrative" and x.get("severity") == "error"]
        rec = dict(file=name, faults=faults, false_errors=[], hit=None)
        if not faults:
            n_clean += 1
            fe = narr_err
            warn_clean += sum(1 for x in findings if x.get("kind") == "narrative" and x.get("severity") == "warning")
            fe_clean += len(fe)
            clean_files_with_fe += bool(fe)
        else:
            n_faulty += 1
            fl = faults[0]
            ok_vals = [fl["stated"]] + list(fl.get("relation_values", []))
            cand = [x for x in findings if x.get("kind") in ("narrative", "column_total")
                    and x.get("severity") in ("error", "warning")]
            strict = any(same(x.get("stated"), fl["stated"]) for x in cand)
            loose = any(any(same(x.get("stated"), v) for v in ok_vals) for x in cand)
            hits_strict += strict
            hits_loose += loose
            pk = per_kind[fl["kind"]]
            pk[0] += 1
            pk[1] += strict
            pk[2] += loose
            fam = fl["scope"].split(":")[0] + (":level" if ":cap_" in fl["scope"] else ":online" if ":online" in fl["scope"]
                                              else ":unit" if ":unit:" in fl["scope"] else "")
            per_scope[fam][0] += 1
            per_scope[fam][1] += strict
            rec["hit"] = dict(strict=strict, loose=loose)
            fe = [x for x in narr_err if not any(same(x.get("stated"), v) for v in ok_vals)]
            fe_faulty += len(fe)
            faulty_files_with_fe += bool(fe)
        for x in fe:
            v = num(x.get("stated"))
            scopes = sorted(val2scope.get(round(v, 2), [])) if v is not None else []
            fe_scope["/".join(scopes) or "?"] += 1
            rec["false_errors"].append(dict(stated=x.get("stated"), expected=x.get("expected"), scopes=scopes,
                                            message=x.get("message"), line=x.get("line")))
        report.append(rec)
        if a.verbose and (rec["false_errors"] or (faults and not rec["hit"]["strict"])):
            print("--", name, "fault:", json.dumps(faults, ensure_ascii=False) if faults else "none")
            for e in rec["false_errors"]:
                print("   FALSE ERROR stated=%s expected=%s scopes=%s line=%s: %s" % (
                    e["stated"], e["expected"], e["scopes"], e["line"], (e["message"] or "")[:160]))
            if faults and not rec["hit"]["strict"]:
                for x in findings:
                    print("   finding %s/%s stated=%s expected=%s: %s" % (x.get("kind"), x.get("severity"), x.get("stated"),
                                                                      x.get("expected"), (x.get("message") or "")[:140]))

    print("files: %d (%d clean, %d with one planted fault); checker: %s" % (len(files), n_clean, n_faulty, a.sohoa))
    if failures:
        print("checker failures: %d (%s)" % (len(failures), "; ".join("%s: %s" % f for f in failures[:3])))
    print("false errors (narrative, severity error):")
    print("  clean files : %d findings in %d of %d files" % (fe_clean, clean_files_with_fe, n_clean))
    print("  faulty files: %d findings in %d of %d files (not on the planted fault's relation)" % (
        fe_faulty, faulty_files_with_fe, n_faulty))
    print("  narrative warnings on clean files: %d" % warn_clean)
    if fe_scope:
        print("  by scope of the stated figure: " + ", ".join("%s %d" % kv for kv in fe_scope.most_common()))
    if n_faulty:
        print("planted-fault recall: strict %d/%d (%.1f%%), loose %d/%d (%.1f%%)" % (
            hits_strict, n_faulty, 100.0 * hits_strict / n_faulty, hits_loose, n_faulty, 100.0 * hits_loose / n_faulty))
        for k in sorted(per_kind):
            p, s, l = per_kind[k]
            print("  %-18s strict %d/%d  loose %d/%d" % (k, s, p, l, p))
        print("  by scope: " + ", ".join("%s %d/%d" % (k, v[1], v[0]) for k, v in sorted(per_scope.items())))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
