#!/usr/bin/env python3
"""Character error rate of an OCR output against its source text.

  cer.py REFERENCE.txt HYPOTHESIS.txt

Both texts are NFC-normalised and every run of whitespace (including form
feeds and newlines) collapsed to one space, so line breaks and layout do not
count, only characters. CER = Levenshtein(ref, hyp) / len(ref), on Unicode
code points (a wrong tone mark is one error). Also prints the word error
rate on the same tokens. No third-party modules.
"""
import sys
import unicodedata


def normalise(text):
    return " ".join(unicodedata.normalize("NFC", text).split())


def levenshtein(a, b):
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        ref = normalise(f.read())
    with open(sys.argv[2], encoding="utf-8", errors="replace") as f:
        hyp = normalise(f.read())
    cer = levenshtein(ref, hyp) / max(1, len(ref))
    wer = levenshtein(ref.split(), hyp.split()) / max(1, len(ref.split()))
    print("chars=%d cer=%.4f words=%d wer=%.4f" % (len(ref), cer, len(ref.split()), wer))


if __name__ == "__main__":
    main()
