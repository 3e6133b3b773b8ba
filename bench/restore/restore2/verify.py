#!/usr/bin/python3
"""Check the truth of a restore2 set without sohoa.  usage: verify.py --set dev|aside
Prints counts only (safe for the held-out set)."""
import argparse, glob, json, os, subprocess, sys
import r2lib

def rd(p):
    return open(p, encoding='utf-8').read()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--set', required=True)
    ap.add_argument('--root', default='/work/dev-data/restore2')
    a = ap.parse_args()
    d = os.path.join(a.root, a.set)
    man = json.load(open(f'{d}/manifest.json'))
    src = {n: r2lib.nfc(rd(f'{a.root}/src/{a.set}/{n}.txt')) for n in man['docs']}
    src_lines = {n: [l.rstrip() for l in t.rstrip('\n').split('\n')] for n, t in src.items()}
    bad = 0
    def fail(msg):
        nonlocal bad; bad += 1; print('FAIL', msg)
    cnt = {}
    # stripped
    for n in man['docs']:
        t = rd(f'{d}/stripped/{n}.truth.txt'); i = rd(f'{d}/stripped/{n}.in.txt')
        if t.rstrip('\n').split('\n') != src_lines[n]: fail(f'stripped truth != source {n}')
        if i != r2lib.strip_marks(t): fail(f'stripped input {n}')
        if any(ord(c) > 127 and c.isalpha() for c in i): fail(f'marks left in {n}')
        cnt['stripped_words'] = cnt.get('stripped_words', 0) + len(t.split())
    # mixed
    for n in man['docs']:
        t = rd(f'{d}/mixed/{n}.truth.txt').rstrip('\n').split('\n')
        i = rd(f'{d}/mixed/{n}.in.txt').rstrip('\n').split('\n')
        fl = json.load(open(f'{d}/mixed/{n}.lines.json'))['lines']
        if t != src_lines[n]: fail(f'mixed truth != source {n}')
        if not (len(t) == len(i) == len(fl)): fail(f'mixed line counts {n}'); continue
        for k, (tl, il, f) in enumerate(zip(t, i, fl)):
            if f == 'intact' and tl != il: fail(f'mixed intact line differs {n}:{k}')
            if f == 'stripped' and (il != r2lib.strip_marks(tl) or il == tl): fail(f'mixed stripped line {n}:{k}')
            key = 'mixed_intact_words' if f == 'intact' else 'mixed_stripped_words'
            cnt[key] = cnt.get(key, 0) + len(tl.split())
    # ocr
    for n in man['docs']:
        t = rd(f'{d}/ocr/{n}.truth.txt')
        if t.split() != src[n].split(): fail(f'ocr truth tokens != source {n}')
        meta = json.load(open(f'{d}/ocr/{n}.json'))
        tl = t.rstrip('\n').split('\n')
        if sum(p['truth_lines'] for p in meta['pages']) != len(tl): fail(f'ocr page line counts {n}')
        for p in meta['pages']:
            if not os.path.getsize(f'{d}/ocr/{p["file"]}'): fail(f'empty image {p["file"]}')
        if not rd(f'{d}/ocr/{n}.in.txt').strip(): fail(f'empty OCR {n}')
        from fontTools.ttLib import TTFont
        from gen import FONTS
        for fp in FONTS[meta['font']]:
            cm = TTFont(fp).getBestCmap()
            miss = {c for c in t if not c.isspace() and ord(c) not in cm}
            if miss: fail(f'font {fp} has no glyph for {sorted(miss)} ({n})')
        cnt['ocr_words'] = cnt.get('ocr_words', 0) + len(t.split())
        cnt['ocr_pages'] = cnt.get('ocr_pages', 0) + len(meta['pages'])
    # tcvn3: table decode equals the truth up to case; case differs only where
    # the table has no capital; glibc iconv (TCVN5712-1, a superset) agrees with the table
    for n in man['tcvn3_docs']:
        b = open(f'{d}/tcvn3/{n}.in.txt', 'rb').read()
        t = rd(f'{d}/tcvn3/{n}.truth.txt').rstrip('\n').split('\n')
        meta = json.load(open(f'{d}/tcvn3/{n}.json'))
        if [l.replace('“', '"').replace('”', '"').replace('–', '-') for l in src_lines[n]] != t: fail(f'tcvn3 truth != source {n}')
        dec = r2lib.tcvn3_decode(b).replace('\r\n', '\n').rstrip('\n').split('\n')
        if len(dec) != len(t): fail(f'tcvn3 lines {n}'); continue
        ic = subprocess.run(['iconv', '-f', 'TCVN5712-1', '-t', 'UTF-8'], input=b, capture_output=True).stdout.decode('utf-8')
        if r2lib.nfc(ic).replace('\r\n', '\n').rstrip('\n').split('\n') != dec: fail(f'tcvn3 table disagrees with iconv {n}')
        for k, (dl, tl) in enumerate(zip(dec, t)):
            if dl.lower() != tl.lower() or len(dl) != len(tl): fail(f'tcvn3 decode {n}:{k}')
            caps = k in meta['caps_lines']
            if caps != r2lib.is_caps_line(tl): fail(f'tcvn3 caps flag {n}:{k}')
            for c1, c2 in zip(dl, tl):
                if c1 != c2:
                    # only capitals the table cannot hold, or a .Vn*H line typed in lower case
                    if not (c2.isupper() and (caps or c2 not in 'ĂÂÊÔƠƯĐ' and not c2.isascii())):
                        fail(f'tcvn3 case {n}:{k} {c1}/{c2}'); break
        cnt['tcvn3_words'] = cnt.get('tcvn3_words', 0) + sum(len(l.split()) for l in t)
        cnt['tcvn3_caps_lines'] = cnt.get('tcvn3_caps_lines', 0) + len(meta['caps_lines'])
    print(a.set, 'docs', len(man['docs']), json.dumps(cnt), 'failures', bad)
    sys.exit(1 if bad else 0)

if __name__ == '__main__':
    main()
