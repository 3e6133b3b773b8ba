#!/usr/bin/python3
"""Learns the OCR confusion model of the restore stage (dictionaries/ocr/).

Renders Vietnamese text that Debian ships (maint-guide-vi, gettext catalogues,
libreoffice-help-vi; never the seed reports) into page images with PIL, OCRs
them with Tesseract's English model (`tesseract -l eng`, which damages
Vietnamese exactly like the archive's old scans), aligns every OCR line to its
source line by edit distance and counts which source segments became which
OCR segments ("ứ" -> "ir", "ô" -> "6", "m" -> "rn" ...).

  /usr/bin/python3 scripts/restore_learn_ocr.py learn --out dictionaries/ocr/confusions.tsv
  /usr/bin/python3 scripts/restore_learn_ocr.py fixture --src a.txt b.txt --out DIR

`fixture` renders the given clean files' prose lines the same way and writes
DIR/ocr_heldout.src.txt and DIR/ocr_heldout.ocr.txt, aligned line by line
(held-out test data for the OCR channel; the seeds are used only here).
Needs python3-pil, fonts-dejavu-core and tesseract-ocr (+ tesseract-ocr-eng).
"""
import argparse
import collections
import glob
import gzip
import html
import os
import random
import re
import struct
import subprocess
import sys
import tempfile
import textwrap
import unicodedata

from PIL import Image, ImageDraw, ImageFilter, ImageFont

VI_MARKED = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
FONTS = [
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerifCondensed.ttf",
]


def read_mo(path):
    data = open(path, "rb").read()
    magic = struct.unpack("<I", data[:4])[0]
    end = "<" if magic == 0x950412DE else ">"
    _, n, _, trans_off = struct.unpack(end + "4I", data[4:20])
    out = []
    for i in range(n):
        length, off = struct.unpack(end + "2I", data[trans_off + 8 * i: trans_off + 8 * i + 8])
        for s in data[off:off + length].split(b"\0"):
            out.append(s.decode("utf-8", "replace"))
    return out


def vietnamese_share(line):
    words = re.findall(r"\w+", line.lower())
    if not words:
        return 0.0
    return sum(1 for w in words if any(c in VI_MARKED for c in w)) / len(words)


def corpus_lines():
    texts = []
    with gzip.open("/usr/share/doc/maint-guide-vi/maint-guide.vi.txt.gz", "rt", errors="replace") as f:
        texts.extend(f.read().split("\n"))
    for mo in sorted(glob.glob("/usr/share/locale/vi/LC_MESSAGES/*.mo")):
        for s in read_mo(mo):
            texts.extend(s.split("\n"))
    for path in sorted(glob.glob("/usr/share/libreoffice/help/vi/text/**/*.html", recursive=True))[::7]:
        raw = open(path, encoding="utf-8", errors="replace").read()
        raw = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", raw, flags=re.S)
        for para in re.split(r"</?(?:p|h\d|li|td|div|br)[^>]*>", raw):
            t = html.unescape(re.sub(r"<[^>]+>", " ", para))
            texts.append(" ".join(t.split()))
    lines = []
    for t in texts:
        t = unicodedata.normalize("NFC", " ".join(t.replace("&", " ").replace("_", " ").split()))
        if 25 <= len(t) <= 95 and vietnamese_share(t) >= 0.4 and "%" not in t:
            lines.append(t)
    return sorted(set(lines))


def render_and_ocr(lines, font_path, size, blur, workdir, tag, downscale=1.0):
    if not os.path.exists(font_path):
        font_path = FONTS[1]
    font = ImageFont.truetype(font_path, size)
    step = int(size * 1.9)
    img = Image.new("L", (2000, 80 + step * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((60, 40 + i * step), line, font=font, fill=0)
    if downscale != 1.0:  # a coarser scan: lose detail, then back to size
        w, h = img.size
        img = img.resize((int(w * downscale), int(h * downscale)), Image.BILINEAR)
        img = img.resize((w, h), Image.BILINEAR)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    png = os.path.join(workdir, tag + ".png")
    img.save(png, dpi=(200, 200))
    res = subprocess.run(["tesseract", png, "-", "-l", "eng", "--psm", "6"],
                         capture_output=True, text=True)
    return [l for l in res.stdout.split("\n") if l.strip()]


def edit_align(a, b):
    """Levenshtein alignment; returns a list of (a_char_or_'', b_char_or_'')."""
    n, m = len(a), len(b)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        ai = a[i - 1]
        row, prev = d[i], d[i - 1]
        for j in range(1, m + 1):
            cost = 0 if ai == b[j - 1] else (0.6 if strip(ai) == strip(b[j - 1]) else 1)
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
    ops = []
    i, j = n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0:
            cost = 0 if a[i - 1] == b[j - 1] else (0.6 if strip(a[i - 1]) == strip(b[j - 1]) else 1)
            if abs(d[i][j] - (d[i - 1][j - 1] + cost)) < 1e-9:
                ops.append((a[i - 1], b[j - 1]))
                i -= 1
                j -= 1
                continue
        if i > 0 and abs(d[i][j] - (d[i - 1][j] + 1)) < 1e-9:
            ops.append((a[i - 1], ""))
            i -= 1
        else:
            ops.append(("", b[j - 1]))
            j -= 1
    ops.reverse()
    return ops, d[n][m]


def strip(c):
    c = c.replace("đ", "d").replace("Đ", "D")
    return "".join(x for x in unicodedata.normalize("NFD", c) if not unicodedata.combining(x))


def segments(ops):
    """Groups alignment ops into (src, ocr) segments: single identical chars
    stand alone; a run of edits becomes one segment."""
    out, cur_a, cur_b = [], "", ""
    for a, b in ops:
        if a == b:
            if cur_a or cur_b:
                out.append((cur_a, cur_b))
                cur_a = cur_b = ""
            out.append((a, b))
        else:
            cur_a += a
            cur_b += b
    if cur_a or cur_b:
        out.append((cur_a, cur_b))
    return out


def pair_lines(src, ocr):
    """Pairs each OCR line with the source line it most likely came from."""
    pairs, j = [], 0
    for o in ocr:
        best, best_k = None, None
        for k in range(j, min(len(src), j + 3)):
            _, dist = edit_align(src[k], o)
            rate = dist / max(1, len(src[k]))
            if best is None or rate < best:
                best, best_k = rate, k
        if best is not None and best < 0.45:
            pairs.append((src[best_k], o))
            j = best_k + 1
    return pairs


def learn(args):
    lines = corpus_lines()
    rnd = random.Random(20240611)
    rnd.shuffle(lines)
    lines = lines[: args.lines]
    print(f"learn: {len(lines)} source lines", file=sys.stderr)
    seg_counts = collections.Counter()
    src_counts = collections.Counter()
    npairs = 0
    with tempfile.TemporaryDirectory() as tmp:
        for p in range(0, len(lines), 40):
            chunk = lines[p:p + 40]
            k = p // 40
            font = FONTS[k % len(FONTS)]
            size = [28, 34, 40][(k // 3) % 3]
            blur = [0, 0.6, 1.0][k % 3]
            down = [1.0, 0.6, 0.45][(k // 2) % 3]
            ocr = render_and_ocr(chunk, font, size, blur, tmp, f"p{k}", down)
            for s, o in pair_lines(chunk, ocr):
                npairs += 1
                ops, _ = edit_align(s, o)
                for a, b in segments(ops):
                    if len(a) > 3 or len(b) > 3 or (not a):
                        continue
                    seg_counts[(a, b)] += 1
                for c in s:
                    src_counts[c] += 1
            print(f"learn: page {k + 1}, {npairs} line pairs", file=sys.stderr)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# source\tocr\tcount\tP(ocr|source)  -- learned by scripts/restore_learn_ocr.py\n")
        f.write(f"# line pairs: {npairs}\n")
        for (a, b), n in sorted(seg_counts.items(), key=lambda x: (-x[1], x[0])):
            if n < 2 and a == b:
                continue
            denom = src_counts[a] if len(a) == 1 else max(n, sum(
                v for (x, _), v in seg_counts.items() if x == a))
            prob = n / max(1, denom)
            esc = lambda s: s.replace("\\", "\\\\").replace("\t", "\\t") if s else "<del>"
            f.write(f"{esc(a)}\t{esc(b)}\t{n}\t{prob:.5f}\n")
    print(f"learn: wrote {args.out}", file=sys.stderr)


def fixture(args):
    lines = []
    for path in args.src:
        for raw in open(path, encoding="utf-8"):
            raw = " ".join(raw.split())
            # --wrap: long lines are cut at spaces into pieces of <= 90 chars.
            pieces = textwrap.wrap(raw, 90) if args.wrap and len(raw) > 95 else [raw]
            for line in pieces:
                if 30 <= len(line) <= 95 and vietnamese_share(line) >= 0.3 and "\t" not in line:
                    lines.append(line)
    lines = lines[: args.lines]
    src_out, ocr_out = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for p in range(0, len(lines), 40):
            chunk = lines[p:p + 40]
            ocr = render_and_ocr(chunk, FONTS[0], 28, 0.6, tmp, f"f{p}")
            for s, o in pair_lines(chunk, ocr):
                src_out.append(s)
                ocr_out.append(o)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, args.name + ".src.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(src_out) + "\n")
    with open(os.path.join(args.out, args.name + ".ocr.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(ocr_out) + "\n")
    print(f"fixture: {len(src_out)} aligned lines", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("learn")
    a.add_argument("--out", required=True)
    a.add_argument("--lines", type=int, default=1200)
    b = sub.add_parser("fixture")
    b.add_argument("--src", nargs="+", required=True)
    b.add_argument("--out", required=True)
    b.add_argument("--lines", type=int, default=200)
    b.add_argument("--name", default="ocr_heldout", help="output files NAME.src.txt, NAME.ocr.txt")
    b.add_argument("--wrap", action="store_true", help="cut lines longer than 95 chars")
    args = ap.parse_args()
    learn(args) if args.cmd == "learn" else fixture(args)


if __name__ == "__main__":
    main()
