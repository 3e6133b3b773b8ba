#!/usr/bin/python3
"""Build the restore2 evaluation set from hand-written source documents.

usage: gen.py --set dev|aside [--root /work/dev-data/restore2] [--seed N]
Reads ROOT/src/SET/*.txt (UTF-8, one document each) and writes ROOT/SET/:
  stripped/NAME.in.txt  + NAME.truth.txt           kind 1 (all marks removed, đ->d)
  mixed/NAME.in.txt     + NAME.truth.txt + NAME.lines.json   kind 2
  ocr/NAME.pN.png|jpg, NAME.in.txt (raw tesseract -l eng), NAME.truth.txt, NAME.json  kind 3
  tcvn3/NAME.in.txt (TCVN3 bytes) + NAME.truth.txt + NAME.json      kind 4
  manifest.json
"""
import argparse, json, os, random, subprocess, glob, io
import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter
import r2lib

FONTS = {
    'DejaVuSerif': ('/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf'),
    'DejaVuSans': ('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'),
    'LiberationSerif': ('/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf', '/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf'),
    'LiberationSans': ('/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf'),
    'DejaVuSerifCond': ('/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed-Bold.ttf'),
}

def wr(path, text, binary=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb' if binary else 'w', encoding=None if binary else 'utf-8') as f:
        f.write(text)

def read_docs(root, setname):
    docs = []
    for p in sorted(glob.glob(os.path.join(root, 'src', setname, '*.txt'))):
        lines = [r2lib.nfc(l.rstrip()) for l in open(p, encoding='utf-8').read().split('\n')]
        while lines and not lines[-1]:
            lines.pop()
        docs.append((os.path.basename(p)[:-4], lines))
    return docs

# ---------------- kind 1: stripped ----------------
def make_stripped(out, docs):
    for name, lines in docs:
        t = '\n'.join(lines) + '\n'
        wr(f'{out}/stripped/{name}.truth.txt', t)
        wr(f'{out}/stripped/{name}.in.txt', r2lib.strip_marks(t))

# ---------------- kind 2: mixed ----------------
def make_mixed(out, docs, rng):
    for k, (name, lines) in enumerate(docs):
        n = len(lines)
        flags = ['intact'] * n
        style = ['block', 'scattered', 'blocks'][k % 3]
        frac = rng.uniform(0.2, 0.45)
        target = int(frac * n)
        body = list(range(5, n))  # paste happens in the body, rarely in the header
        if style == 'block':
            ln = max(3, target)
            s = rng.randint(5, max(5, n - ln - 1))
            for i in range(s, min(n, s + ln)):
                flags[i] = 'stripped'
        elif style == 'scattered':
            for i in rng.sample(body, min(len(body), target)):
                flags[i] = 'stripped'
        else:
            done = 0
            while done < target:
                ln = rng.randint(2, 5)
                s = rng.randint(3, n - 1)
                for i in range(s, min(n, s + ln)):
                    if flags[i] != 'stripped':
                        flags[i] = 'stripped'; done += 1
        outl = []
        for i, l in enumerate(lines):
            if flags[i] == 'stripped' and r2lib.has_marks(l):
                outl.append(r2lib.strip_marks(l))
            else:
                flags[i] = 'intact'
                outl.append(l)
        wr(f'{out}/mixed/{name}.truth.txt', '\n'.join(lines) + '\n')
        wr(f'{out}/mixed/{name}.in.txt', '\n'.join(outl) + '\n')
        wr(f'{out}/mixed/{name}.lines.json', json.dumps({'style': style, 'lines': flags}, indent=0))

# ---------------- kind 3: OCR by an English-model engine ----------------
def wrap(draw, text, font, width):
    ws = text.split(' ')
    lines, cur = [], ''
    for w in ws:
        t = (cur + ' ' + w) if cur else w
        if draw.textlength(t, font=font) <= width or not cur:
            cur = t
        else:
            lines.append(cur); cur = w
    if cur:
        lines.append(cur)
    return lines

def check_cmap(path, text):
    """Every character of the text must have a glyph in the font (no tofu)."""
    from fontTools.ttLib import TTFont
    cmap = TTFont(path).getBestCmap()
    missing = sorted({c for c in text if not c.isspace() and ord(c) not in cmap})
    if missing:
        raise SystemExit(f'font {path} lacks {missing}')

def render_pages(lines, fontname, pt, dpi=300):
    reg, bold = FONTS[fontname]
    check_cmap(reg, ''.join(lines)); check_cmap(bold, ''.join(lines))
    px = int(round(pt * dpi / 72))
    f = ImageFont.truetype(reg, px)
    fb = ImageFont.truetype(bold, px)
    W, H = int(8.27 * dpi), int(11.69 * dpi)
    ml, mr, mt, mb = int(1.1 * dpi), int(0.8 * dpi), int(0.8 * dpi), int(0.8 * dpi)
    step = int(px * 1.45)
    pages, truth = [], []
    img = Image.new('L', (W, H), 255); d = ImageDraw.Draw(img); y = mt; cur = []
    for line in lines:
        caps = r2lib.is_caps_line(line)
        font = fb if caps else f
        for seg in wrap(d, line, font, W - ml - mr):
            if y + step > H - mb:
                pages.append(img); truth.append(cur)
                img = Image.new('L', (W, H), 255); d = ImageDraw.Draw(img); y = mt; cur = []
            x = ml
            if caps:
                x = ml + (W - ml - mr - d.textlength(seg, font=font)) // 2
            d.text((x, y), seg, font=font, fill=0)
            cur.append(seg); y += step
    pages.append(img); truth.append(cur)
    return pages, truth

def degrade(img, kind, rng):
    """Returns (image to OCR, file extension, params)."""
    p = {'kind': kind}
    if kind == 'clean':
        return img, 'png', p
    a = img
    if kind in ('lowdpi', 'scan'):
        dpi = rng.choice([150, 200]) if kind == 'lowdpi' else 200
        p['dpi'] = dpi
        a = a.resize((int(a.width * dpi / 300), int(a.height * dpi / 300)), Image.BILINEAR)
    if kind in ('blurnoise', 'scan'):
        r = round(rng.uniform(0.7, 1.3), 2); p['blur'] = r
        a = a.filter(ImageFilter.GaussianBlur(r))
    if kind in ('rotate', 'scan'):
        ang = round(rng.uniform(0.4, 1.2) * rng.choice([-1, 1]), 2); p['rotate'] = ang
        a = a.rotate(ang, resample=Image.BICUBIC, fillcolor=255, expand=False)
    if kind in ('blurnoise', 'scan', 'rotate'):
        sig = rng.uniform(6, 14); p['noise'] = round(sig, 1)
        arr = np.asarray(a, dtype=np.float32)
        nrng = np.random.default_rng(rng.randint(0, 1 << 30))
        arr = arr + nrng.normal(0, sig, arr.shape)
        # speckle
        m = nrng.random(arr.shape) < 0.0008
        arr[m] = 0
        a = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    if kind in ('jpeg', 'scan'):
        q = rng.randint(20, 40) if kind == 'jpeg' else 45; p['jpeg'] = q
        if kind == 'jpeg':
            a = a.resize((int(a.width * 2 / 3), int(a.height * 2 / 3)), Image.BILINEAR); p['dpi'] = 200
        b = io.BytesIO(); a.save(b, 'JPEG', quality=q); b.seek(0)
        a = Image.open(b); a.load()
        return a, 'jpg', p
    return a, 'png', p

def make_ocr(out, docs, rng):
    kinds = ['clean', 'clean', 'blurnoise', 'jpeg', 'lowdpi', 'rotate', 'scan', 'clean', 'scan', 'blurnoise', 'rotate']
    fnames = list(FONTS)
    for k, (name, lines) in enumerate(docs):
        fontname = fnames[k % len(fnames)]
        pt = rng.choice([11, 12, 12, 13])
        kind = kinds[k % len(kinds)]
        pages, truth = render_pages(lines, fontname, pt)
        ocr_txt, meta = [], {'font': fontname, 'pt': pt, 'pages': []}
        for i, pg in enumerate(pages):
            im, ext, p = degrade(pg, kind, rng)
            fn = f'{out}/ocr/{name}.p{i+1}.{ext}'
            os.makedirs(os.path.dirname(fn), exist_ok=True)
            if ext == 'jpg':
                b = io.BytesIO(); im.save(fn, 'JPEG', quality=p['jpeg'])
            else:
                im.save(fn)
            if 'dpi' in p:
                pass
            r = subprocess.run(['tesseract', fn, 'stdout', '-l', 'eng', '--psm', '4', '--dpi', str(p.get('dpi', 300))],
                               capture_output=True, text=True, env=dict(os.environ, OMP_THREAD_LIMIT='1'))
            txt = '\n'.join(l for l in r.stdout.split('\n') if l.strip())
            ocr_txt.append(txt)
            meta['pages'].append({'file': os.path.basename(fn), **p, 'truth_lines': len(truth[i])})
        wr(f'{out}/ocr/{name}.in.txt', '\n'.join(ocr_txt) + '\n')
        wr(f'{out}/ocr/{name}.truth.txt', '\n'.join(l for t in truth for l in t) + '\n')
        meta['degradation'] = kind
        wr(f'{out}/ocr/{name}.json', json.dumps(meta, ensure_ascii=False, indent=1))
        print('ocr', name, kind, fontname, pt, len(pages), 'pages', flush=True)

# ---------------- kind 4: TCVN3 plain text ----------------
QUOTES = {'“': '"', '”': '"', '–': '-'}

def tcvn3_encode_line(line, caps_style):
    caps = r2lib.is_caps_line(line)
    out = bytearray()
    for c in line:
        c = QUOTES.get(c, c)
        lo = c.lower()
        if c in r2lib.TCVN3_LOWER:
            out.append(r2lib.TCVN3_LOWER[c])
        elif c.isupper() and lo in r2lib.TCVN3_LOWER:
            # a capital with marks
            if c in r2lib.TCVN3_CAP and not (caps and caps_style in ('H-lower', 'H-mixed')):
                out.append(r2lib.TCVN3_CAP[c])
            else:
                out.append(r2lib.TCVN3_LOWER[lo])  # drawn as a capital by a .Vn*H font
        elif ord(c) < 128:
            if caps and caps_style == 'H-lower' and c.isalpha():
                out.append(ord(lo))
            else:
                out.append(ord(c))
        else:
            raise ValueError(f'no TCVN3 code for {c!r} in {line!r}')
    return bytes(out)

def make_tcvn3(out, docs, rng):
    styles = ['H-mixed', 'caps-codes', 'H-lower', 'H-mixed', 'caps-codes']
    for k, (name, lines) in enumerate(docs):
        st = styles[k % len(styles)]
        eol = b'\r\n' if k % 2 == 0 else b'\n'
        truth = [''.join(QUOTES.get(c, c) for c in l) for l in lines]
        b = eol.join(tcvn3_encode_line(l, st) for l in truth) + eol
        wr(f'{out}/tcvn3/{name}.in.txt', b, binary=True)
        wr(f'{out}/tcvn3/{name}.truth.txt', '\n'.join(truth) + '\n')
        wr(f'{out}/tcvn3/{name}.json', json.dumps({'caps_style': st, 'eol': 'crlf' if eol == b'\r\n' else 'lf',
                                                   'caps_lines': [i for i, l in enumerate(truth) if r2lib.is_caps_line(l)]}))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--set', required=True)
    ap.add_argument('--root', default='/work/dev-data/restore2')
    ap.add_argument('--seed', type=int, default=None)
    ap.add_argument('--kinds', default='stripped,mixed,ocr,tcvn3')
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else {'dev': 1801, 'aside': 9718}[a.set]
    rng = random.Random(seed)
    out = os.path.join(a.root, a.set)
    docs = read_docs(a.root, a.set)
    kinds = a.kinds.split(',')
    if 'stripped' in kinds: make_stripped(out, docs)
    if 'mixed' in kinds: make_mixed(out, docs, random.Random(seed + 1))
    if 'tcvn3' in kinds: make_tcvn3(out, docs[1::2], random.Random(seed + 3))
    if 'ocr' in kinds: make_ocr(out, docs, random.Random(seed + 2))
    wr(f'{out}/manifest.json', json.dumps({'set': a.set, 'seed': seed, 'docs': [n for n, _ in docs],
                                           'tcvn3_docs': [n for n, _ in docs[1::2]]}, indent=1))

if __name__ == '__main__':
    main()
