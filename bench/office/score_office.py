#!/usr/bin/python3
"""Scores `sohoa tables --json` and `sohoa text` on a set from gen_office.py, beside a peer.

cells  : truth cells (row label x leaf column, total row included) whose value is given in
         the right row (unit name, NFC/case/space-insensitive; the total row as `total` or a
         row labelled like it) and right column (same header path, "Trong đó" levels and case
         ignored; else, when the table has exactly the truth's number of leaf columns, the
         same position).  Tables marked roundtrip_lost (LibreOffice itself does not give them
         back as tables from that .doc/.odt) are counted apart.
headers: truth leaf columns whose header path is given (same normalisation).
words  : truth words (heading lines + narrative paragraphs, whitespace split) found in order
         in the output (difflib matching blocks), case-sensitive; `caseless` ignores case.
broken : sohoa exits non-zero with stderr one line naming the file.
Peers: docx python-docx (runs as stored, no font decoding; nested tables walked);
doc/odt `soffice --convert-to txt` for text, soffice -> docx + python-docx for tables;
html: the HTML's text and <td> grid (colspan/rowspan expanded);
pdf: pdftotext -layout (legacy: each word with legacy-only bytes decoded by a TCVN3/VNI
table, the encoding taken from the truth), tables by splitting lines on 2+ spaces.
Usage: score_office.py SETDIR [--sohoa PATH] [--json OUT] [--timeout S]
"""
import argparse, difflib, html, json, os, re, subprocess, sys, tempfile, time
from collections import defaultdict
from html.parser import HTMLParser
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import legacy, officelib as L

LO = ['soffice', '--headless', '-env:UserInstallation=file:///tmp/office_eval_lo_score']


# ------------------------------------------------------------------ peers
def peer_docx(path):
    from docx import Document
    doc = Document(path)
    text = []
    for p in doc.paragraphs:
        text.append(p.text)
    grids = L.docx_grids(doc, decode=False)
    for g in grids:
        text += ['\t'.join(r) for r in g]
    tables = [t for g in grids for t in L.grid_to_tables(g)]
    return '\n'.join(text), tables


def peer_lo(path, tmp):
    subprocess.run(LO + ['--convert-to', 'txt:Text (encoded):UTF8', '--outdir', tmp, path],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    subprocess.run(LO + ['--convert-to', 'docx:MS Word 2007 XML', '--outdir', tmp, path],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    base = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0])
    try:
        text = open(base + '.txt', encoding='utf-8', errors='replace').read()
    except OSError:
        text = ''
    try:
        _, tables = peer_docx(base + '.docx')
    except Exception:
        tables = []
    return text, tables


class Grid(HTMLParser):
    def __init__(self):
        super().__init__()
        self.grids, self.stack, self.text, self.skip = [], [], [], 0

    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag in ('style', 'script'):
            self.skip += 1
        if tag == 'table':
            self.stack.append({'rows': [], 'spans': {}})
        elif tag == 'tr' and self.stack:
            self.stack[-1]['rows'].append([])
        elif tag in ('td', 'th') and self.stack and self.stack[-1]['rows']:
            self.stack[-1]['rows'][-1].append([int(a.get('colspan') or 1), int(a.get('rowspan') or 1), ''])
        elif tag in ('p', 'br', 'div'):
            self.text.append('\n')

    def handle_endtag(self, tag):
        if tag in ('style', 'script'):
            self.skip -= 1
        if tag == 'table' and self.stack:
            t = self.stack.pop()
            grid, pending = [], {}
            for r in t['rows']:
                row, j = [], 0
                cells = list(r)
                while cells or pending.get(j):
                    if pending.get(j):
                        txt, left = pending[j]
                        row.append(txt)
                        pending[j] = (txt, left - 1) if left > 1 else None
                        j += 1
                        continue
                    cs, rs, txt = cells.pop(0)
                    txt = re.sub(r'\s+', ' ', txt).strip()
                    for _ in range(cs):
                        if rs > 1:
                            pending[j] = (txt, rs - 1)
                        row.append(txt)
                        j += 1
                grid.append(row)
            self.grids.append(grid)
        elif tag in ('p', 'tr', 'td', 'th'):
            self.text.append('\n' if tag != 'td' else '\t')

    def handle_data(self, d):
        if self.skip:
            return
        self.text.append(d)
        if self.stack and self.stack[-1]['rows'] and self.stack[-1]['rows'][-1]:
            self.stack[-1]['rows'][-1][-1][2] += d


def peer_html(path):
    g = Grid()
    g.feed(open(path, encoding='utf-8', errors='replace').read())
    tables = [t for gr in g.grids for t in L.grid_to_tables(gr)]
    return ''.join(g.text), tables


def decode_words(text, enc):
    if enc == 'unicode':
        return text
    out = []
    for w in re.split(r'(\s+)', text):
        if any(c in L.LEGACY_ONLY for c in w):
            w = legacy.tcvn3_decode(w) if enc == 'tcvn3' else legacy.vni_decode(w)
        out.append(w)
    return ''.join(out)


def peer_pdf(path, enc):
    txt = subprocess.run(['pdftotext', '-layout', path, '-'], capture_output=True, text=True).stdout
    txt = decode_words(txt, enc)
    tables, cur = [], None
    for line in txt.splitlines():
        f = [x for x in re.split(r'\s{2,}', line.strip()) if x]
        nums = [L.parse_num(x) for x in f]
        k = 0
        while k < len(f) and (nums[k] is None or k == 0 and re.fullmatch(r'\d+\.?', f[k])):
            k += 1
        label = ' '.join(x for x in f[:k] if not re.fullmatch(r'\d+\.?', x))
        vals = nums[k:]
        if label and len(vals) >= 3 and all(v is not None for v in vals):
            if cur is None:
                cur = {'columns': [], 'rows': [], 'total': None}
                tables.append(cur)
            if L.is_total(label):
                cur['total'] = {'label': label, 'values': vals}
                cur = None
            else:
                cur['rows'].append({'unit': label, 'values': vals})
    for t in tables:
        n = max([len(r['values']) for r in t['rows']] + [0])
        t['columns'] = [{'header': []} for _ in range(n)]
    return txt, tables


# ------------------------------------------------------------------ scoring
def col_map(tt, pt):
    tp = [L.norm_path(p) for p in tt['columns']]
    pp = [L.norm_path(c.get('header') or []) for c in pt.get('columns', [])]
    m = {}
    for i, p in enumerate(tp):
        if p in pp:
            m[i] = pp.index(p)
        elif len(pp) == len(tp):
            m[i] = i
    return m, sum(1 for p in tp if p in pp)


def val_eq(t, p):
    p = L.parse_num(p)
    return p is not None and abs(float(t) - p) < 0.006


def match_table(tt, pt):
    m, heads = col_map(tt, pt)
    prow = {}
    for r in pt.get('rows', []):
        for key in (r.get('unit'), r.get('unit_canonical')):
            if key:
                prow.setdefault(L.norm(key), r)
    ok = 0
    for r in tt['rows']:
        p = prow.get(L.norm(r['unit']))
        if p:
            ok += sum(1 for i, v in enumerate(r['values'])
                      if i in m and m[i] < len(p['values']) and val_eq(v, p['values'][m[i]]))
    ptot = pt.get('total')
    if not ptot:
        ptot = next((r for r in pt.get('rows', []) if L.is_total(r.get('unit'))), None)
    if ptot:
        ok += sum(1 for i, v in enumerate(tt['total']['values'])
                  if i in m and m[i] < len(ptot['values']) and val_eq(v, ptot['values'][m[i]]))
    return ok, heads


def score_tables(truth_tables, pred_tables):
    res = {'cells': 0, 'ok': 0, 'heads': 0, 'heads_ok': 0, 'lost_cells': 0, 'lost_ok': 0}
    used = set()
    for tt in truth_tables:
        n = len(tt['columns']) * (len(tt['rows']) + 1)
        best, bi = (0, 0), None
        for j, pt in enumerate(pred_tables):
            if j in used:
                continue
            s = match_table(tt, pt)
            if s > best:
                best, bi = s, j
        if bi is not None:
            used.add(bi)
        if tt.get('roundtrip_lost'):
            res['lost_cells'] += n
            res['lost_ok'] += best[0]
            continue
        res['cells'] += n
        res['ok'] += best[0]
        res['heads'] += len(tt['columns'])
        res['heads_ok'] += best[1]
    return res


def score_words(paragraphs, text):
    tw = [w for p in paragraphs for w in p.split()]
    pw = text.split()
    def m(a, b):
        sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
        return sum(x.size for x in sm.get_matching_blocks())
    return len(tw), m(tw, pw), m([w.lower() for w in tw], [w.lower() for w in pw])


def run(cmd, timeout):
    t0 = time.time()
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout.decode('utf-8', 'replace'), p.stderr.decode('utf-8', 'replace'), time.time() - t0
    except subprocess.TimeoutExpired:
        return 'timeout', '', '', time.time() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('set')
    ap.add_argument('--sohoa', default='/work/main/build/sohoa')
    ap.add_argument('--json', default=None)
    ap.add_argument('--timeout', type=int, default=600)
    ap.add_argument('--only', default=None, help='substring of file names to score')
    a = ap.parse_args()
    truth = json.load(open(os.path.join(a.set, 'truth.json')))
    tmp = tempfile.mkdtemp(prefix='office_score_')
    agg = defaultdict(lambda: defaultdict(float))
    per_file = []
    for t in truth['files']:
        if a.only and a.only not in t['file']:
            continue
        path = os.path.join(a.set, t['file'])
        rc1, out, err1, s1 = run([a.sohoa, 'tables', '--json', '--quiet', path], a.timeout)
        try:
            docs = json.loads(out)['documents']
            stables = [x for d in docs for x in d.get('tables', [])]
        except Exception:
            stables = []
        rc2, stext, err2, s2 = run([a.sohoa, 'text', '--quiet', path], a.timeout)
        ext = t['file'].rsplit('.', 1)[1]
        if ext == 'docx':
            ptext, ptables = peer_docx(path)
        elif ext in ('doc', 'odt'):
            ptext, ptables = peer_lo(path, tmp)
        elif ext == 'html':
            ptext, ptables = peer_html(path)
        else:
            ptext, ptables = peer_pdf(path, t['encoding'])
        rec = {'file': t['file'], 'kind': t['kind'], 'encoding': t['encoding'],
               'rc_tables': rc1, 'rc_text': rc2, 'seconds': round(s1 + s2, 1)}
        for who, tabs, txt in (('sohoa', stables, stext), ('peer', ptables, ptext)):
            st = score_tables(t['tables'], tabs)
            nw, okw, okc = score_words(t['paragraphs'], txt)
            rec[who] = dict(st, words=nw, words_ok=okw, words_caseless=okc)
            for k, v in rec[who].items():
                agg[(t['kind'], who)][k] += v
                agg[('ALL', who)][k] += v
        agg[(t['kind'], 'n')]['files'] += 1
        per_file.append(rec)
        print(f"{t['file']:28s} {t['kind']:13s} cells {rec['sohoa']['ok']}/{rec['sohoa']['cells']} "
              f"(peer {rec['peer']['ok']}) words {rec['sohoa']['words_ok']}/{rec['sohoa']['words']} "
              f"(peer {rec['peer']['words_ok']}) rc {rc1}/{rc2} {rec['seconds']}s", flush=True)
    broken = []
    for b in truth['broken']:
        if a.only and a.only not in b['file']:
            continue
        path = os.path.join(a.set, b['file'])
        rc, out, err, _ = run([a.sohoa, 'text', '--quiet', path], 120)
        lines = [x for x in err.splitlines() if x.strip()]
        ok = rc not in (0, 'timeout') and len(lines) == 1 and b['file'] in lines[0]
        broken.append({'file': b['file'], 'what': b['what'], 'rc': rc, 'stderr': lines[:3], 'ok': ok})
    pct = lambda x, n: (100.0 * x / n) if n else float('nan')
    kinds = sorted({k for k, _ in agg if k != 'ALL'}) + ['ALL']
    summary = {}
    print('\nkind            files | cells sohoa  peer | headers sohoa peer | words sohoa  peer | caseless sohoa peer')
    for k in kinds:
        s, p = agg[(k, 'sohoa')], agg[(k, 'peer')]
        if not s:
            continue
        row = {'files': int(agg[(k, 'n')]['files']) if k != 'ALL' else len(per_file),
               'cells': int(s['cells']),
               'sohoa_cells_pct': pct(s['ok'], s['cells']), 'peer_cells_pct': pct(p['ok'], p['cells']),
               'sohoa_headers_pct': pct(s['heads_ok'], s['heads']), 'peer_headers_pct': pct(p['heads_ok'], p['heads']),
               'words': int(s['words']),
               'sohoa_words_pct': pct(s['words_ok'], s['words']), 'peer_words_pct': pct(p['words_ok'], p['words']),
               'sohoa_caseless_pct': pct(s['words_caseless'], s['words']),
               'peer_caseless_pct': pct(p['words_caseless'], p['words'])}
        if s['lost_cells']:
            row['roundtrip_lost_cells'] = int(s['lost_cells'])
            row['sohoa_lost_pct'] = pct(s['lost_ok'], s['lost_cells'])
            row['peer_lost_pct'] = pct(p['lost_ok'], p['lost_cells'])
        summary[k] = row
        print(f"{k:14s} {row['files']:5d} | {row['sohoa_cells_pct']:6.1f} {row['peer_cells_pct']:6.1f} "
              f"({row['cells']}) | {row['sohoa_headers_pct']:6.1f} {row['peer_headers_pct']:6.1f} | "
              f"{row['sohoa_words_pct']:6.1f} {row['peer_words_pct']:6.1f} ({row['words']}) | "
              f"{row['sohoa_caseless_pct']:6.1f} {row['peer_caseless_pct']:6.1f}")
        if s['lost_cells']:
            print(f"{'':14s}       tables LibreOffice loses in the round trip: {row['sohoa_lost_pct']:.1f} "
                  f"{row['peer_lost_pct']:.1f} ({row['roundtrip_lost_cells']} cells)")
    nb = sum(1 for b in broken if b['ok'])
    print(f'broken Word files refused cleanly (exit!=0, one stderr line naming the file): {nb}/{len(broken)}')
    for b in broken:
        if not b['ok']:
            print('  ', b['file'], b['rc'], b['stderr'])
    if a.json:
        json.dump({'set': a.set, 'sohoa': a.sohoa, 'summary': summary, 'broken': broken,
                   'files': per_file}, open(a.json, 'w'), ensure_ascii=False, indent=1, default=str)


if __name__ == '__main__':
    main()
