#!/usr/bin/python3
"""Scores `sohoa check FILE --json` on a narr2 set.

    score.py DIR [--sohoa PATH] [--json OUT] [-v]      (default /work/main/build/sohoa)

Per file (one sohoa process per file, one at a time):
- faulty file, found strict: an error/warning finding points at the planted figure: its `stated`
  or `suspect.value` is the planted value, or its message contains the planted figure as
  written (the planted value is unique among the file's figures);
- found loose: any error/warning finding on the file;
- corrected: a finding's `expected` or `suspect.suggested` is the right value (when strict);
- false errors: `error` findings on a clean file (by kind), and on a faulty file the errors
  that state no figure of the broken relations (other mistakes);
- info notes are counted but never scored.
Baseline "flag nothing": recall 0, false errors 0 (printed beside sohoa).
Results by fault category, by report kind / format, and by the scope of the false errors.
"""
import argparse, glob, json, os, re, subprocess, sys, time


def fmt_dot(v):
    s = str(v)
    out = ''
    while len(s) > 3:
        out = '.' + s[-3:] + out
        s = s[:-3]
    return s + out


def num_in(msg, v):
    """Does the message contain figure v (12.746 / 12746 / 98,5)?"""
    if isinstance(v, float) and not float(v).is_integer():
        forms = {('%.2f' % v).replace('.', ','), ('%.1f' % v).replace('.', ','), '%.2f' % v, '%.1f' % v}
        forms = {f for f in forms if abs(float(f.replace(',', '.')) - v) < 1e-9}
    else:
        v = int(v)
        forms = {str(v), fmt_dot(v), '%02d' % v}
    for f in forms:
        if re.search(r'(?<![\d.,])' + re.escape(f) + r'(?![\d]|[.,]\d)', msg):
            return True
    return False


def close(a, b):
    try:
        return a is not None and b is not None and abs(float(a) - float(b)) < 1e-6
    except (TypeError, ValueError):
        return False


def points_at(fd, val):
    sus = fd.get('suspect') or {}
    return close(fd.get('stated'), val) or close(sus.get('value'), val) or num_in(fd.get('message', ''), val)


def run(sohoa, path):
    t0 = time.time()
    p = subprocess.run([sohoa, 'check', '--json', '--quiet', path], capture_output=True, text=True, timeout=300)
    dt = time.time() - t0
    try:
        return json.loads(p.stdout).get('findings', []), p.returncode, dt
    except json.JSONDecodeError:
        return None, p.returncode, dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('dir')
    ap.add_argument('--sohoa', default=os.environ.get('SOHOA', '/work/main/build/sohoa'))
    ap.add_argument('--json')
    ap.add_argument('-v', action='store_true')
    a = ap.parse_args()
    truths = sorted(glob.glob(os.path.join(a.dir, '*.truth.json')))
    per = []
    for tp in truths:
        t = json.load(open(tp, encoding='utf-8'))
        fs, rc, dt = run(a.sohoa, os.path.join(a.dir, t['file']))
        r = dict(file=t['file'], kind=t['meta']['kind'], format=t['format'], appendix=t['appendix'],
                 fault=t['fault'], rc=rc, seconds=round(dt, 2))
        if fs is None:
            r.update(crash=True, errors=[], warnings=0, infos=0)
            per.append(r)
            continue
        errs = [f for f in fs if f.get('severity') == 'error']
        warns = [f for f in fs if f.get('severity') == 'warning']
        r['infos'] = sum(1 for f in fs if f.get('severity') == 'info')
        r['warnings'] = len(warns)
        ew = errs + warns
        if t['fault']:
            f = t['fault']
            r['strict'] = any(points_at(x, f['stated']) for x in ew)
            r['loose'] = bool(ew)
            r['corrected'] = r['strict'] and any(close(x.get('expected'), f['right']) or
                                                 close((x.get('suspect') or {}).get('suggested'), f['right']) for x in ew)
            # figures of the broken relations: an error naming one of them is about the fault
            byid = {m['key']: m['value'] for m in t['mentions']}
            keys = set()
            for rel in t['relations']:
                ks = {'sum': lambda: [rel['total']] + rel['parts'], 'pct': lambda: [rel['pct']] + rel['num'] + [rel['den']],
                      'eq': lambda: [rel['a'], rel['b']], 'pctchange': lambda: [rel['pct'], rel['cur'], rel['old']]}[rel['kind']]()
                if f['key'] in ks:
                    keys.update(ks)
            vals = [byid[k] for k in keys] + [f['right']]
            r['other_errors'] = [x for x in errs if not any(points_at(x, v) for v in vals)]
        else:
            r['other_errors'] = errs
        r['errors'] = errs
        per.append(r)
        if a.v:
            tag = ('FAULT %s %s=%s->%s strict=%s loose=%s' % (t['fault']['category'], t['fault']['key'], t['fault']['right'],
                   t['fault']['stated'], r['strict'], r['loose'])) if t['fault'] else 'clean'
            print('%-24s %-5s %s errors=%d warnings=%d infos=%d other_errors=%d' % (
                t['file'], t['meta']['kind'], tag, len(errs), len(warns), r['infos'], len(r['other_errors'])))
            for x in r['other_errors'][:4]:
                print('      false error l%s %s: %s' % (x.get('line'), x.get('kind'), x.get('message', '')[:230]))

    faulty = [r for r in per if r['fault']]
    clean = [r for r in per if not r['fault']]
    crashes = sum(1 for r in per if r.get('crash'))
    strict = sum(1 for r in faulty if r.get('strict'))
    loose = sum(1 for r in faulty if r.get('loose'))
    corr = sum(1 for r in faulty if r.get('corrected'))
    clean_err_files = sum(1 for r in clean if r['errors'])
    clean_errs = sum(len(r['errors']) for r in clean)
    other = sum(len(r['other_errors']) for r in faulty)
    bykind = {}
    for r in clean:
        for x in r['errors']:
            bykind[x.get('kind')] = bykind.get(x.get('kind'), 0) + 1
    print('\nnarr2 %s: %d files (%d clean, %d with a planted fault), sohoa %s, %.1f s in all, %d crashed/unreadable output' % (
        a.dir, len(per), len(clean), len(faulty), a.sohoa, sum(r['seconds'] for r in per), crashes))
    print('%-44s %12s %12s' % ('', 'sohoa', 'flag-nothing'))
    print('%-44s %12s %12s' % ('planted faults found, strict', '%d/%d' % (strict, len(faulty)), '0/%d' % len(faulty)))
    print('%-44s %12s %12s' % ('planted faults found, loose', '%d/%d' % (loose, len(faulty)), '0/%d' % len(faulty)))
    print('%-44s %12s %12s' % ('  of strict: right value given', '%d/%d' % (corr, len(faulty)), '0/%d' % len(faulty)))
    print('%-44s %12s %12s' % ('clean files with a false error', '%d/%d' % (clean_err_files, len(clean)), '0/%d' % len(clean)))
    print('%-44s %12d %12d' % ('false errors on clean files', clean_errs, 0))
    print('%-44s %12d %12d' % ('errors off the fault on faulty files', other, 0))
    print('%-44s %12d %12d' % ('warnings on clean files', sum(r['warnings'] for r in clean), 0))
    print('%-44s %12d %12d' % ('info notes (all files)', sum(r.get('infos', 0) for r in per), 0))
    print('false errors on clean files by kind:', bykind or '-')
    cats = {}
    for r in faulty:
        c = cats.setdefault(r['fault']['category'], [0, 0, 0])
        c[0] += 1
        c[1] += bool(r.get('strict'))
        c[2] += bool(r.get('loose'))
    print('by fault category (n, strict, loose):', ', '.join('%s %d/%d/%d' % (k, v[0], v[1], v[2]) for k, v in sorted(cats.items())))
    groups = {}
    for r in per:
        for g in ('kind ' + r['kind'], 'format ' + r['format'], 'appendix ' + str(r['appendix'])):
            x = groups.setdefault(g, [0, 0, 0, 0])
            if r['fault']:
                x[0] += 1
                x[1] += bool(r.get('strict'))
            else:
                x[2] += 1
                x[3] += bool(r['errors'])
    print('by group (faulty: strict / n; clean: with false error / n):')
    for g, x in sorted(groups.items()):
        print('  %-18s faulty %d/%d   clean %d/%d' % (g, x[1], x[0], x[3], x[2]))
    if a.json:
        summ = dict(files=len(per), clean=len(clean), faulty=len(faulty), strict=strict, loose=loose, corrected=corr,
                    clean_files_with_error=clean_err_files, clean_errors=clean_errs, other_errors_on_faulty=other,
                    crashes=crashes, by_category=cats, baseline_flag_nothing=dict(strict=0, loose=0, clean_errors=0))
        for r in per:
            r['errors'] = [dict(kind=x.get('kind'), line=x.get('line'), stated=x.get('stated'), message=x.get('message')) for x in r['errors']]
            r['other_errors'] = [dict(kind=x.get('kind'), line=x.get('line'), message=x.get('message')) for x in r.get('other_errors', [])]
        json.dump(dict(summary=summ, files=per), open(a.json, 'w'), ensure_ascii=False, indent=1)


if __name__ == '__main__':
    main()
