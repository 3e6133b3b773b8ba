#!/usr/bin/python3
"""Checks a generated set against its truth without sohoa.
docx (and .doc/.odt converted back to .docx by LibreOffice): every truth paragraph is a body
paragraph once the runs are decoded by their font, every truth table is a table whose cells
are the truth's (header labels, units, formatted values).  html: every value and unit (as
Unicode or as its legacy bytes) is a cell.  pdf: pdftotext has every value; Unicode PDFs have
every word of the truth; legacy PDFs: the share of words pdftotext + a TCVN3/VNI table gives
is printed (LibreOffice drops the soft hyphen 0xAD = TCVN3 'ư').
Usage: verify_office.py SETDIR   (prints counts only; exit 1 on a failure)
"""
import html, json, os, re, subprocess, sys, tempfile, unicodedata
from collections import Counter
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import legacy, officelib as L
from docx import Document


def fmt(v, pct):
    return (f'{v:.2f}'.replace('.', ',') if pct else f'{v:,}'.replace(',', '.'))


def expect_cells(tt):
    pct = [k.endswith('_pct') for k in tt['keys']]
    rows = [[r['unit']] + [fmt(v, p) for v, p in zip(r['values'], pct)] for r in tt['rows']]
    rows.append([tt['total']['label']] + [fmt(v, p) for v, p in zip(tt['total']['values'], pct)])
    return rows


def check_docx(path, t, errs, lost=None):
    doc = Document(path)
    bodyp = [L.par_text(p) for p in doc.paragraphs]
    have = Counter(x.strip() for x in bodyp)
    for p in t['paragraphs']:
        if have[p.strip()] < 1:
            errs.append(f'{path}: paragraph missing: {p[:60]}')
    grids = L.docx_grids(doc)
    for tt in t['tables']:
        exp = expect_cells(tt)
        ok = False
        for g in grids:
            cells = [[c.replace('\n', ' ') for c in r] for r in g]
            if not cells or len(cells[0]) < 3:
                continue
            body = [r[1:] for r in cells]
            # rows whose unit cell matches, in order
            found = [r for r in body if r and r[0] in [e[0] for e in exp]]
            if len(found) >= len(exp):
                want = {e[0]: e for e in exp}
                if all(r[:len(want[r[0]])] == want[r[0]] or r == want[r[0]] for r in found):
                    head = ' '.join(' '.join(r) for r in cells[:4])
                    if all(x in head for pth in tt['columns'] for x in pth):
                        ok = True
                        break
        if not ok:
            if lost is not None:
                lost.append(tt['id'])
            elif not tt.get('roundtrip_lost'):
                errs.append(f'{path}: table {tt["id"]} not found exactly')


def lo_to_docx(path, tmp):
    subprocess.run(['soffice', '--headless', '-env:UserInstallation=file:///tmp/office_eval_lo',
                    '--convert-to', 'docx:MS Word 2007 XML', '--outdir', tmp, path],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    return os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + '.docx')


def peer_decode_word(w, enc):
    if enc == 'unicode' or not any(c in L.LEGACY_ONLY for c in w):
        return w
    if enc == 'tcvn3':
        return legacy.tcvn3_decode(w)
    return legacy.vni_decode(w)


def main():
    d = sys.argv[1]
    truth = json.load(open(os.path.join(d, 'truth.json')))
    errs, counts, legacy_share, wrapped = [], Counter(), [], [0]
    tmp = tempfile.mkdtemp(prefix='office_verify_')
    for t in truth['files']:
        path = os.path.join(d, t['file'])
        counts[t['kind']] += 1
        ext = t['file'].rsplit('.', 1)[1]
        if ext == 'docx':
            check_docx(path, t, errs)
        elif ext in ('doc', 'odt'):
            check_docx(lo_to_docx(path, tmp), t, errs)
        elif ext == 'html':
            raw = open(path, encoding='utf-8', errors='replace').read()
            cells = [html.unescape(re.sub(r'<[^>]+>', '', c)).strip()
                     for c in re.findall(r'<td[^>]*>(.*?)</td>', raw, flags=re.S)]
            cells = set(re.sub(r'\s+', ' ', c) for c in cells)
            for tt in t['tables']:
                for r in expect_cells(tt):
                    for k, x in enumerate(r):
                        alts = {x, legacy.tcvn3(x) or x, legacy.vni(x) or x}
                        if not alts & cells:
                            errs.append(f'{path}: cell missing {x}')
        elif ext == 'pdf':
            txt = subprocess.run(['pdftotext', '-layout', path, '-'], capture_output=True,
                                 text=True).stdout
            fonts = subprocess.run(['pdffonts', path], capture_output=True, text=True).stdout
            has_legacy = bool(re.search(r'\+(\.Vn|VNI-)', fonts))
            if has_legacy != (t['kind'] == 'pdf-legacy-named'):
                errs.append(f'{path}: legacy font names in the PDF: {has_legacy}, kind {t["kind"]}')
            toks = Counter(txt.split())
            raw = subprocess.run(['pdftotext', path, '-'], capture_output=True, text=True).stdout
            lines = [re.sub(r'\s+', '', l) for l in raw.splitlines()]
            joined = [a + b for a, b in zip(lines, lines[1:])]
            for tt in t['tables']:
                for r in expect_cells(tt):
                    for x in r[1:]:
                        if toks[x] < 1:
                            if any(x in j for j in joined):   # wrapped inside its cell
                                wrapped[0] += 1
                            else:
                                errs.append(f'{path}: value {x} not in the text layer')
            words = [w for p in t['paragraphs'] for w in p.split()]
            if t['encoding'] == 'unicode':
                miss = [w for w in words if toks[w] < 1]
                if miss:
                    errs.append(f'{path}: {len(miss)} words not in pdftotext: {miss[:5]}')
            else:
                dec = Counter(peer_decode_word(w, t['encoding']) for w in txt.split())
                low = Counter(w.lower() for w in dec.elements())
                got = sum(1 for w in words if low[w.lower()] > 0)
                legacy_share.append(got / len(words))
    nlost = sum(1 for t in truth['files'] for tt in t['tables'] if tt.get('roundtrip_lost'))
    if nlost:
        print(f'{nlost} tables of .doc/.odt files are not tables after a LibreOffice round trip '
              '(marked roundtrip_lost)')
    for b in truth['broken']:
        if not os.path.exists(os.path.join(d, b['file'])):
            errs.append(f'missing broken file {b["file"]}')
    print(f'{d}: {sum(counts.values())} files {dict(counts)}, {len(truth["broken"])} broken')
    if legacy_share:
        print('legacy PDFs: share of truth words (caseless) pdftotext + table gives: ' +
              ', '.join(f'{x:.2f}' for x in legacy_share))
    if wrapped[0]:
        print(f'{wrapped[0]} PDF values wrap onto a second line inside their cell')
    for e in errs[:30]:
        print('FAIL', e)
    print('verify:', 'OK' if not errs else f'{len(errs)} failures')
    sys.exit(1 if errs else 0)


if __name__ == '__main__':
    main()
