#!/usr/bin/env python3
"""Counts Vietnamese syllables in Vietnamese texts installed by Debian packages
(manpages-vi, maint-guide-vi) and writes dictionaries/encodings/syllable_frequencies.txt:
one "syllable<TAB>count" per line, lower case, NFC, most frequent first.

The normalize stage uses the counts only as a prior when two encodings give
equally valid syllables ("trả" in VISCII is "trọ" in TCVN3). Only counts are
kept, no text. The test texts (fixtures/seeds) are not among the sources.

Usage: scripts/make_syllable_frequencies.py [OUTPUT]
"""
import collections, glob, gzip, os, re, subprocess, sys, unicodedata

VOWELS = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵ"
# A word made only of Vietnamese letters, with at least one letter that
# exists only in Vietnamese or a vowel (filters out most English words later).
WORD = re.compile(r"[a-zđ" + VOWELS + r"]+")
VIET_ONLY = set("ăâêôơưđ" + "".join(c for c in VOWELS if c not in "aeiouy"))


def texts():
    for path in sorted(glob.glob("/usr/share/man/vi/man*/*.gz")):
        try:
            out = subprocess.run(["man", "-l", "-Tutf8", path], capture_output=True,
                                 env=dict(os.environ, MANWIDTH="100", LANG="C.UTF-8"),
                                 timeout=30).stdout
            yield re.sub(r".\x08", "", out.decode("utf-8", "replace"))
        except Exception:
            with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
                yield f.read()
    for path in glob.glob("/usr/share/doc/maint-guide-vi/*.txt.gz"):
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as f:
            yield f.read()


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(__file__), "..", "dictionaries", "encodings", "syllable_frequencies.txt")
    counts = collections.Counter()
    for text in texts():
        text = unicodedata.normalize("NFC", text).lower()
        for w in WORD.findall(text):
            if len(w) <= 7:
                counts[w] += 1
    # Keep words that look Vietnamese: a Vietnamese-only letter, or seen with
    # such words often enough (plain "anh", "cho", "theo" ...).
    rows = [(w, n) for w, n in counts.items() if (set(w) & VIET_ONLY) or n >= 20]
    rows.sort(key=lambda r: (-r[1], r[0]))
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Syllable counts in Vietnamese texts of Debian packages manpages-vi and\n")
        f.write("# maint-guide-vi; made by scripts/make_syllable_frequencies.py (see README.md).\n")
        for w, n in rows:
            f.write(f"{w}\t{n}\n")
    print(f"{len(rows)} syllables -> {out}")


if __name__ == "__main__":
    main()
