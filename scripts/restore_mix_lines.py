#!/usr/bin/env python3
"""Makes mixed documents for the restore stage from texts nobody wrote for it.

  restore_mix_lines.py OUT_DIR SEED FILE...

For each FILE (a clean Unicode report) writes OUT_DIR/<name>.mixed.txt, where a
seeded random 30-50% of the lines lost their diacritics (as a paragraph pasted
from a plain-text e-mail), and OUT_DIR/<name>.labels with one label a line:
"intact" or "stripped" ("ocr" when FILE is a dev_ocr*.src.txt and the line was
taken from its paired .ocr.txt), plus OUT_DIR/<name>.stripped.txt (every line
stripped: the fully stripped baseline) and <name>.src.txt (the clean text).
Stripping is mechanical: NFD, drop combining marks, d-stroke to d.
"""
import os, random, sys, unicodedata


def strip(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)))


def main():
    out, seed, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    os.makedirs(out, exist_ok=True)
    for f in files:
        rng = random.Random(f"{seed}:{os.path.basename(f)}")
        src = open(f, encoding="utf-8").read().split("\n")
        ocr = None
        if f.endswith(".src.txt") and os.path.exists(f[:-8] + ".ocr.txt"):
            ocr = open(f[:-8] + ".ocr.txt", encoding="utf-8").read().split("\n")
            if len(ocr) != len(src):
                ocr = None
        share = rng.uniform(0.30, 0.50)
        mixed, labels = [], []
        for i, line in enumerate(src):
            r = rng.random()
            if ocr is not None and r < 0.2:
                mixed.append(ocr[i]); labels.append("ocr")
            elif rng.random() < share:
                mixed.append(strip(line)); labels.append("stripped")
            else:
                mixed.append(line); labels.append("intact")
        name = os.path.basename(f).replace(".src.txt", "").replace(".txt", "")
        w = lambda ext, text: open(os.path.join(out, name + ext), "w", encoding="utf-8").write(text)
        w(".mixed.txt", "\n".join(mixed))
        w(".labels", "\n".join(labels))
        w(".stripped.txt", "\n".join(strip(l) for l in src))
        w(".src.txt", "\n".join(src))
        if ocr is not None:
            w(".allocr.txt", "\n".join(ocr))


if __name__ == "__main__":
    main()
