#!/usr/bin/python3
"""Verifies a narr2 set without sohoa: reads every file back (text as written; .docx through
python-docx: paragraphs, then table rows with cells joined by tabs), finds every figure of the
truth at its line and column, parses it back from the text, and recomputes every relation from
the parsed figures: on a clean file all hold; on a faulty file exactly the relations of the
planted figure break, and putting the right value back makes all hold.

    verify.py DIR [--quiet]          exit 1 on any problem; prints counts only
"""
import glob, json, os, re, sys

DIG = {'không': 0, 'một': 1, 'mốt': 1, 'hai': 2, 'ba': 3, 'bốn': 4, 'tư': 4, 'năm': 5, 'lăm': 5,
       'sáu': 6, 'bảy': 7, 'tám': 8, 'chín': 9}


def parse_words(s):
    total, cur = 0, 0
    toks = s.split()
    i = 0
    while i < len(toks):
        t = toks[i]
        if t == 'trăm':
            total += cur * 100
            cur = 0
        elif t == 'mươi':
            cur *= 10
        elif t == 'mười':
            cur = 10
        elif t == 'linh':
            pass
        elif t in DIG:
            cur = cur + DIG[t] if cur % 10 == 0 and cur >= 10 else DIG[t] if cur == 0 else cur * 10 + DIG[t]
        else:
            raise ValueError(s)
        i += 1
    return total + cur


def read_lines(path):
    if path.endswith('.docx'):
        import docx
        d = docx.Document(path)
        lines = [p.text for p in d.paragraphs]
        for t in d.tables:
            for r in t.rows:
                lines.append('\t'.join(c.text for c in r.cells))
        return lines
    with open(path, encoding='utf-8') as f:
        return f.read().split('\n')


def parse_surface(m):
    s = m['surface']
    if m['kind'] == 'pct':
        if not re.fullmatch(r'\d+[,.]\d+', s):
            raise ValueError(s)
        return float(s.replace(',', '.'))
    if m['words'] == 'only':
        return parse_words(s)
    if m['words'] == 'paren':
        mm = re.fullmatch(r'(\d+) \((.+)\)', s)
        a, b = int(mm.group(1)), parse_words(mm.group(2))
        if a != b:
            raise ValueError('digits and words differ: ' + s)
        return a
    if not re.fullmatch(r'\d{1,3}(\.\d{3})*|\d+', s):
        raise ValueError(s)
    return int(s.replace('.', ''))


def rel_keys(r):
    return {'sum': lambda: [r['total']] + r['parts'], 'pct': lambda: [r['pct']] + r['num'] + [r['den']],
            'eq': lambda: [r['a'], r['b']], 'pctchange': lambda: [r['pct'], r['cur'], r['old']]}[r['kind']]()


def holds(r, v, dec):
    if r['kind'] == 'sum':
        return v[r['total']] == sum(v[k] for k in r['parts'])
    if r['kind'] == 'eq':
        return v[r['a']] == v[r['b']]
    tol = 0.5 * 10 ** -dec[r['pct']] + 1e-6
    if r['kind'] == 'pct':
        return v[r['den']] > 0 and abs(v[r['pct']] - 100.0 * sum(v[k] for k in r['num']) / v[r['den']]) <= tol
    return abs(v[r['pct']] - 100.0 * abs(v[r['cur']] - v[r['old']]) / v[r['old']]) <= tol


def verify_one(tp):
    t = json.load(open(tp, encoding='utf-8'))
    path = os.path.join(os.path.dirname(tp), t['file'])
    lines = read_lines(path)
    probs = []
    v, dec = {}, {}
    for m in t['mentions']:
        l = lines[m['line']] if m['line'] < len(lines) else ''
        got = l[m['col']:m['col'] + len(m['surface'])]
        if got != m['surface']:
            probs.append('mention %d %r not at line %d col %d' % (m['id'], m['surface'], m['line'], m['col']))
            continue
        before = l[m['col'] - 1:m['col']] if m['col'] else ''
        after = l[m['col'] + len(m['surface']):m['col'] + len(m['surface']) + 1]
        if re.match(r'[\d.,]', before) or re.match(r'\d|[.,]\d', l[m['col'] + len(m['surface']):m['col'] + len(m['surface']) + 2]):
            probs.append('mention %d %r is part of a longer number' % (m['id'], m['surface']))
        pv = parse_surface(m)
        if abs(pv - m['value']) > 1e-9:
            probs.append('mention %d reads %r, truth %r' % (m['id'], pv, m['value']))
        if m['key'] in v and v[m['key']] != pv:
            probs.append('key %s stated twice with different values' % m['key'])
        v[m['key']] = pv
        dec[m['key']] = max(dec.get(m['key'], 0), m['dec'])
    for r in t['relations']:
        for k in rel_keys(r):
            if k not in v:
                probs.append('relation %s uses unstated %s' % (r['name'], k))
            if k.rsplit(':', 1)[0] not in t['scopes']:
                probs.append('no scope for ' + k)
    if probs:
        return t, probs
    broken = [r for r in t['relations'] if not holds(r, v, dec)]
    f = t['fault']
    if f is None:
        if broken:
            probs.append('clean file breaks: ' + '; '.join(r['name'] for r in broken))
    else:
        fk = f['key']
        mine = [r for r in t['relations'] if fk in rel_keys(r)]
        if not mine or set(map(id, broken)) != set(map(id, mine)):
            probs.append('fault breaks %d relations, expected the %d of %s' % (len(broken), len(mine), fk))
        if sum(1 for m in t['mentions'] if m['key'] == fk) != 1:
            probs.append('faulty figure stated more than once')
        fm = t['mentions'][f['mention']]
        if fm['surface'] != f['surface'] or fm['value'] != f['stated'] or f['line_text'] not in lines[f['line']]:
            probs.append('fault mention mismatch')
        v[fk] = f['right']
        if any(not holds(r, v, dec) for r in t['relations']):
            probs.append('right value does not repair every relation')
        if any(r.get('cross') for r in mine):
            probs.append('fault on a cross-scope relation')
    return t, probs


def main():
    d = sys.argv[1]
    quiet = '--quiet' in sys.argv
    n = nf = nm = nr = bad = 0
    cats, fmts = {}, {}
    for tp in sorted(glob.glob(os.path.join(d, '*.truth.json'))):
        t, probs = verify_one(tp)
        n += 1
        nm += len(t['mentions'])
        nr += len(t['relations'])
        fmts[t['format']] = fmts.get(t['format'], 0) + 1
        if t['fault']:
            nf += 1
            c = t['fault']['category']
            cats[c] = cats.get(c, 0) + 1
        if probs:
            bad += 1
            if not quiet:
                print(t['file'], probs[:3])
    print('%d files (%s), %d with a planted fault (%s), %d figures, %d relations: %d files with problems' % (
        n, ', '.join('%s %d' % kv for kv in sorted(fmts.items())), nf,
        ', '.join('%s %d' % kv for kv in sorted(cats.items())), nm, nr, bad))
    sys.exit(1 if bad or n == 0 else 0)


if __name__ == '__main__':
    main()
