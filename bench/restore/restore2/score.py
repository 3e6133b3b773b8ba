#!/usr/bin/python3
"""Score `sohoa restore` / `sohoa normalize` on a restore2 set, with the identity
baseline and peers in the same run.

usage: score.py --set dev [--sohoa /work/main/build/sohoa] [--json out.json] [--vie]
Kinds: stripped, mixed, ocr, tcvn3 (see README.md)."""
import argparse, difflib, glob, json, os, subprocess, sys, time
import r2lib

GENRE = {'qd': 'legal', 'nq': 'legal', 'tt': 'legal', 'cv': 'letter', 'tr': 'letter', 'tb': 'letter',
         'kh': 'letter', 'bb': 'minutes', 'bc': 'report'}

def genre(name):
    return GENRE[name.split('_')[1]]

def rd(p):
    return open(p, encoding='utf-8').read()

def lines_of(text):
    return [l.rstrip() for l in text.replace('\r\n', '\n').rstrip('\n').split('\n')]

CPU = {'t': 0.0}

def run(cmd, inp=None):
    """Returns stdout, wall seconds, stderr; CPU['last'] = the child's user+sys seconds
    (wall time on a shared machine mostly measures waiting for a core)."""
    import resource
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    r = subprocess.run(cmd, input=inp, capture_output=True)
    dt = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU['last'] = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if r.returncode != 0:
        print('ERROR', cmd, r.returncode, r.stderr.decode('utf-8', 'replace')[:300], file=sys.stderr)
    return r.stdout, dt, r.stderr.decode('utf-8', 'replace')

def line_match(out_line, truth_line):
    """(right tokens, right alphabetic tokens, tokens, alphabetic tokens) of one line."""
    o, t = out_line.split(), truth_line.split()
    if len(o) == len(t):
        pairs = list(zip(o, t))
        right = [a == b for a, b in pairs]
    else:
        sm = difflib.SequenceMatcher(a=t, b=o, autojunk=False)
        right = [False] * len(t)
        for blk in sm.get_matching_blocks():
            for k in range(blk.size):
                right[blk.a + k] = True
    alpha = [r2lib.syllable_like(x) for x in t]
    return (sum(right), sum(r for r, a in zip(right, alpha) if a), len(t), sum(alpha),
            [(t[k], (o[k] if len(o) == len(t) else None)) for k in range(len(t)) if not right[k] and alpha[k]])

class Acc:
    def __init__(self):
        self.r = self.ra = self.n = self.na = 0; self.lines = self.lines_ok = 0; self.errs = []
    def add(self, out_line, truth_line):
        r, ra, n, na, errs = line_match(out_line, truth_line)
        self.r += r; self.ra += ra; self.n += n; self.na += na
        self.lines += 1; self.lines_ok += out_line == truth_line; self.errs += errs
    def d(self):
        return {'words_right_pct': round(100 * self.r / max(1, self.n), 2),
                'syllables_right_pct': round(100 * self.ra / max(1, self.na), 2),
                'words': self.n, 'syllables': self.na,
                'lines_exact_pct': round(100 * self.lines_ok / max(1, self.lines), 2)}

def nsyl(text):
    return sum(1 for w in text.split() if r2lib.syllable_like(w))

def score_doc_lines(acc, out_text, truth_text, only=None):
    ol, tl = lines_of(out_text), lines_of(truth_text)
    if len(ol) != len(tl):
        print('  line count differs', len(ol), len(tl), file=sys.stderr)
        ol = (ol + [''] * len(tl))[:len(tl)]
    for k, (o, t) in enumerate(zip(ol, tl)):
        if only is None or only(k):
            acc.add(o, t)

# ---------------- kinds ----------------
def kind_stripped(d, docs, sohoa, res):
    sys_acc, sysf_acc, id_acc = Acc(), Acc(), Acc()
    by_genre = {}
    syl = 0; tsys = 0.0; tforced = 0.0
    outs = {}
    for n in docs:
        inp, tru = f'{d}/stripped/{n}.in.txt', rd(f'{d}/stripped/{n}.truth.txt')
        o, dt, _ = run([sohoa, 'restore', inp]); tsys += dt
        of, dt2, _ = run([sohoa, 'restore', '--mode=stripped', inp]); tforced += dt2
        o = o.decode('utf-8'); of = of.decode('utf-8'); outs[n] = o
        syl += nsyl(tru)
        score_doc_lines(sys_acc, o, tru); score_doc_lines(sysf_acc, of, tru); score_doc_lines(id_acc, rd(inp), tru)
        g = by_genre.setdefault(genre(n), (Acc(), Acc()))
        score_doc_lines(g[0], o, tru); score_doc_lines(g[1], rd(inp), tru)
    # speed on one long file (start-up amortised)
    big = ''.join(rd(f'{d}/stripped/{n}.in.txt') for n in docs) * 4
    _, dtb, _ = run([sohoa, 'restore', '--mode=stripped', '-'], big.encode('utf-8')); cpub = CPU['last']
    _, dt0, _ = run([sohoa, 'restore', '--mode=stripped', '-'], 'Trung tam Phuc vu\n'.encode('utf-8')); cpu0 = CPU['last']
    res['stripped'] = {
        'sohoa_auto': sys_acc.d(), 'sohoa_mode_stripped': sysf_acc.d(), 'identity': id_acc.d(),
        'by_genre_sohoa_auto': {g: a[0].d() for g, a in by_genre.items()},
        'by_genre_identity': {g: a[1].d() for g, a in by_genre.items()},
        'speed_syl_per_s_per_doc_calls': round(syl / tsys), 'speed_syl_per_s_concatenated': round(4 * syl / dtb),
        'startup_s': round(dt0, 3), 'cpu_s_long_input': round(cpub, 3), 'cpu_s_startup': round(cpu0, 3),
        'speed_syl_per_cpu_s_long_input': round(4 * syl / max(1e-3, cpub)),
        'speed_syl_per_cpu_s_minus_startup': round(4 * syl / max(1e-3, cpub - cpu0)), 'speed_syl_per_s_concatenated_minus_startup': round(4 * syl / max(1e-3, dtb - dt0)),
        'errors_sample': sys_acc.errs[:60]}
    return outs

def kind_mixed(d, docs, sohoa, res, stripped_outs):
    intact_sys, strip_sys, intact_id, strip_id, strip_full = Acc(), Acc(), Acc(), Acc(), Acc()
    intact_lines = intact_lines_kept = 0
    syl = 0; tsys = 0.0; modes = {}
    per_style = {}
    for n in docs:
        inp, tru = f'{d}/mixed/{n}.in.txt', rd(f'{d}/mixed/{n}.truth.txt')
        fl = json.load(open(f'{d}/mixed/{n}.lines.json'))
        flags = fl['lines']
        o, dt, _ = run([sohoa, 'restore', inp]); tsys += dt; o = o.decode('utf-8')
        syl += nsyl(tru)
        isI = lambda k: flags[k] == 'intact'
        isS = lambda k: flags[k] == 'stripped'
        score_doc_lines(intact_sys, o, tru, isI); score_doc_lines(strip_sys, o, tru, isS)
        score_doc_lines(intact_id, rd(inp), tru, isI); score_doc_lines(strip_id, rd(inp), tru, isS)
        if n in stripped_outs:
            score_doc_lines(strip_full, stripped_outs[n], tru, isS)
        ps = per_style.setdefault(fl['style'], Acc()); score_doc_lines(ps, o, tru, isS)
        ol, il = lines_of(o), lines_of(rd(inp))
        for k, f in enumerate(flags):
            if f == 'intact':
                intact_lines += 1; intact_lines_kept += k < len(ol) and ol[k] == il[k]
        # per-line decision (json)
        j, _, _ = run([sohoa, 'restore', '--json', inp])
        try:
            jl = json.loads(j.decode('utf-8')).get('lines', [])
            for k, e in enumerate(jl):
                if isinstance(e, dict) and 'mode' in e:
                    ln = e.get('line', k + 1)
                    idx = ln - 1 if isinstance(ln, int) else k
                    if 0 <= idx < len(flags):
                        key = f"{flags[idx]}->{e['mode']}"; modes[key] = modes.get(key, 0) + 1
        except Exception as ex:
            modes['json_error'] = str(ex)[:80]
    res['mixed'] = {
        'intact_syllables_kept_pct': round(100 * intact_sys.ra / max(1, intact_sys.na), 3),
        'intact_syllables': intact_sys.na, 'intact_lines_byte_identical_pct': round(100 * intact_lines_kept / max(1, intact_lines), 2),
        'stripped_lines_sohoa': strip_sys.d(), 'stripped_lines_identity': strip_id.d(),
        'same_lines_when_whole_doc_stripped_sohoa': strip_full.d(),
        'stripped_lines_sohoa_by_style': {k: v.d() for k, v in per_style.items()},
        'line_decisions_truth->json_mode': modes,
        'intact_errors': intact_sys.errs[:30], 'stripped_errors_sample': strip_sys.errs[:40],
        'speed_syl_per_s_per_doc_calls': round(syl / tsys)}

def wer_cer(hyp, ref):
    h, r = hyp.split(), ref.split()
    we = r2lib.levenshtein(h, r)
    ce = r2lib.levenshtein(list(' '.join(h)), list(' '.join(r)))
    return we, len(r), ce, len(' '.join(r))

def kind_ocr(d, docs, sohoa, res, vie):
    systems = ['raw_tesseract_eng', 'sohoa_auto', 'sohoa_mode_ocr'] + (['tesseract_vie'] if vie else [])
    tot = {s: {} for s in systems}
    per_doc = {}
    syl = 0; tsys = 0.0
    for n in docs:
        meta = json.load(open(f'{d}/ocr/{n}.json'))
        grp = 'clean' if meta['degradation'] == 'clean' else 'degraded'
        inp, tru = f'{d}/ocr/{n}.in.txt', rd(f'{d}/ocr/{n}.truth.txt')
        syl += nsyl(tru)
        hyps = {'raw_tesseract_eng': rd(inp)}
        o, dt, _ = run([sohoa, 'restore', inp]); tsys += dt; hyps['sohoa_auto'] = o.decode('utf-8')
        o, _, _ = run([sohoa, 'restore', '--mode=ocr', inp]); hyps['sohoa_mode_ocr'] = o.decode('utf-8')
        if vie:
            txt = []
            for p in meta['pages']:
                r = subprocess.run(['tesseract', f'{d}/ocr/{p["file"]}', 'stdout', '-l', 'vie', '--psm', '4', '--dpi', str(p.get('dpi', 300))],
                                   capture_output=True, text=True, env=dict(os.environ, OMP_THREAD_LIMIT='1'))
                txt.append(r.stdout)
            hyps['tesseract_vie'] = '\n'.join(txt)
        per_doc[n] = {'degradation': meta['degradation']}
        for s in systems:
            we, wn, ce, cn = wer_cer(hyps[s], tru)
            per_doc[n][s] = {'wer': round(100 * we / wn, 2), 'cer': round(100 * ce / cn, 2)}
            for g in (grp, 'all'):
                a = tot[s].setdefault(g, [0, 0, 0, 0])
                a[0] += we; a[1] += wn; a[2] += ce; a[3] += cn
    res['ocr'] = {s: {g: {'wer_pct': round(100 * a[0] / a[1], 2), 'cer_pct': round(100 * a[2] / a[3], 2), 'words': a[1]}
                      for g, a in tot[s].items()} for s in systems}
    res['ocr']['per_doc'] = per_doc
    res['ocr']['speed_syl_per_s_per_doc_calls'] = round(syl / tsys)

def peer_tcvn3(b, caps_heuristic):
    out = []
    for l in r2lib.tcvn3_decode(b).replace('\r\n', '\n').rstrip('\n').split('\n'):
        if caps_heuristic:
            asc = [c for c in l if c.isascii() and c.isalpha()]
            if len(asc) >= 2 and all(c.isupper() for c in asc):
                l = l.upper()
        out.append(l)
    return '\n'.join(out) + '\n'

def kind_tcvn3(d, docs, sohoa, res):
    systems = ['sohoa_normalize', 'sohoa_normalize_tcvn3', 'sohoa_normalize+restore', 'peer_table', 'peer_table+caps_line_rule']
    acc = {s: {'all': Acc(), 'caps_lines': Acc(), 'body_lines': Acc()} for s in systems}
    per_style = {}
    notes = []
    syl = 0; tsys = 0.0
    for n in docs:
        inp = f'{d}/tcvn3/{n}.in.txt'; tru = rd(f'{d}/tcvn3/{n}.truth.txt')
        meta = json.load(open(f'{d}/tcvn3/{n}.json')); caps = set(meta['caps_lines'])
        b = open(inp, 'rb').read()
        syl += nsyl(tru)
        outs = {}
        o, dt, err = run([sohoa, 'normalize', inp]); tsys += dt; outs['sohoa_normalize'] = o.decode('utf-8', 'replace')
        notes.append(f'{n}: ' + err.strip().replace('\n', ' | ')[:200])
        o, _, _ = run([sohoa, 'normalize', '--from=tcvn3', inp]); outs['sohoa_normalize_tcvn3'] = o.decode('utf-8', 'replace')
        o2, _, _ = run([sohoa, 'restore', '-'], o if False else outs['sohoa_normalize'].encode('utf-8'))
        outs['sohoa_normalize+restore'] = o2.decode('utf-8', 'replace')
        outs['peer_table'] = peer_tcvn3(b, False); outs['peer_table+caps_line_rule'] = peer_tcvn3(b, True)
        for s in systems:
            score_doc_lines(acc[s]['all'], outs[s], tru)
            score_doc_lines(acc[s]['caps_lines'], outs[s], tru, lambda k: k in caps)
            score_doc_lines(acc[s]['body_lines'], outs[s], tru, lambda k: k not in caps)
            ps = per_style.setdefault(meta['caps_style'], {}).setdefault(s, Acc())
            score_doc_lines(ps, outs[s], tru, lambda k: k in caps)
    res['tcvn3'] = {s: {g: a.d() for g, a in acc[s].items()} for s in systems}
    res['tcvn3']['caps_lines_by_style'] = {st: {s: a.d() for s, a in v.items()} for st, v in per_style.items()}
    res['tcvn3']['errors_sample_normalize'] = acc['sohoa_normalize']['all'].errs[:40]
    res['tcvn3']['stderr_notes'] = notes
    res['tcvn3']['speed_syl_per_s_normalize_per_doc_calls'] = round(syl / tsys)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--set', required=True)
    ap.add_argument('--root', default='/work/dev-data/restore2')
    ap.add_argument('--sohoa', default='/work/main/build/sohoa')
    ap.add_argument('--json', default=None)
    ap.add_argument('--kinds', default='stripped,mixed,ocr,tcvn3')
    ap.add_argument('--vie', action='store_true', help='also OCR the page images with tesseract -l vie (peer)')
    a = ap.parse_args()
    d = os.path.join(a.root, a.set)
    man = json.load(open(f'{d}/manifest.json'))
    kinds = a.kinds.split(',')
    res = {'set': a.set, 'sohoa': a.sohoa}
    outs = {}
    if 'stripped' in kinds: outs = kind_stripped(d, man['docs'], a.sohoa, res)
    if 'mixed' in kinds: kind_mixed(d, man['docs'], a.sohoa, res, outs)
    if 'ocr' in kinds: kind_ocr(d, man['docs'], a.sohoa, res, a.vie)
    if 'tcvn3' in kinds: kind_tcvn3(d, man['tcvn3_docs'], a.sohoa, res)
    # summary
    print(f'== restore2 {a.set} ==')
    if 'stripped' in res:
        s = res['stripped']
        print(f"1 stripped: words right sohoa(auto) {s['sohoa_auto']['words_right_pct']}%  (--mode=stripped {s['sohoa_mode_stripped']['words_right_pct']}%)  identity {s['identity']['words_right_pct']}%  "
              f"| syllables {s['sohoa_auto']['syllables_right_pct']}% vs {s['identity']['syllables_right_pct']}% ({s['sohoa_auto']['syllables']} syl)")
        for g, v in s['by_genre_sohoa_auto'].items():
            print(f"   {g:8s} sohoa {v['syllables_right_pct']}%  identity {s['by_genre_identity'][g]['syllables_right_pct']}%  ({v['syllables']} syl)")
        print(f"   speed: {s['speed_syl_per_s_per_doc_calls']} syl/s per-doc calls, {s['speed_syl_per_s_concatenated']} syl/s one long input ({4*s['sohoa_auto']['syllables']} syl), {s['speed_syl_per_s_concatenated_minus_startup']} syl/s without start-up ({s['startup_s']} s); by CPU time (user+sys): {s['speed_syl_per_cpu_s_long_input']} syl/s, {s['speed_syl_per_cpu_s_minus_startup']} without start-up")
    if 'mixed' in res:
        m = res['mixed']
        print(f"2 mixed: intact syllables kept sohoa {m['intact_syllables_kept_pct']}% of {m['intact_syllables']} (identity 100%); intact lines byte-identical {m['intact_lines_byte_identical_pct']}%")
        print(f"   stripped lines: sohoa {m['stripped_lines_sohoa']['syllables_right_pct']}%  identity {m['stripped_lines_identity']['syllables_right_pct']}%  "
              f"(same lines in the fully stripped doc: {m['same_lines_when_whole_doc_stripped_sohoa']['syllables_right_pct']}%) ({m['stripped_lines_sohoa']['syllables']} syl)")
        print(f"   by style: " + ', '.join(f"{k} {v['syllables_right_pct']}%" for k, v in m['stripped_lines_sohoa_by_style'].items()))
        print(f"   line decisions (truth->json): {m['line_decisions_truth->json_mode']}")
    if 'ocr' in res:
        o = res['ocr']
        for s in [k for k in o if k not in ('per_doc', 'speed_syl_per_s_per_doc_calls')]:
            print(f"3 ocr {s:18s} " + '  '.join(f"{g}: WER {v['wer_pct']}% CER {v['cer_pct']}% ({v['words']}w)" for g, v in sorted(o[s].items())))
    if 'tcvn3' in res:
        t = res['tcvn3']
        for s in ['sohoa_normalize', 'sohoa_normalize_tcvn3', 'sohoa_normalize+restore', 'peer_table', 'peer_table+caps_line_rule']:
            v = t[s]
            print(f"4 tcvn3 {s:26s} words right {v['all']['words_right_pct']}%  caps lines: words {v['caps_lines']['words_right_pct']}% lines exact {v['caps_lines']['lines_exact_pct']}%  body words {v['body_lines']['words_right_pct']}%")
        for st, v in t['caps_lines_by_style'].items():
            print(f"   caps lines, style {st}: " + ', '.join(f"{s} {a['lines_exact_pct']}%" for s, a in v.items()))
    if a.json:
        json.dump(res, open(a.json, 'w'), ensure_ascii=False, indent=1)

if __name__ == '__main__':
    main()
