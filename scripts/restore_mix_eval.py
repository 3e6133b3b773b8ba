#!/usr/bin/env python3
"""Scores `sohoa restore` on the mixed documents of restore_mix_lines.py.

  restore_mix_eval.py SOHOA DIR

Per label: intact = share of intact words kept byte-identical (and lines kept
whole); stripped = word accuracy of the stripped lines, next to the accuracy
of the same lines when the whole document was stripped; ocr = word error rate
of the garbled lines against the clean text, next to the same lines when
the whole document was garbled. Words = tokens with a letter.
"""
import glob, os, subprocess, sys


def words(line):
    return [w for w in line.split() if any(c.isalpha() for c in w)]


def edits(a, b):
    d = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(b) + 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] != b[j - 1]))
            prev, d[j] = d[j], cur
    return d[len(b)]


def run(sohoa, path):
    return subprocess.run([sohoa, "restore", path], capture_output=True, text=True).stdout.split("\n")


def main():
    sohoa, top = sys.argv[1], sys.argv[2]
    st = {k: [0, 0] for k in ("intact", "intact_lines", "stripped", "full", "ocr", "allocr")}
    for lab in sorted(glob.glob(os.path.join(top, "*.labels"))):
        base = lab[:-7]
        labels = open(lab, encoding="utf-8").read().split("\n")
        src = open(base + ".src.txt", encoding="utf-8").read().split("\n")
        mixed_in = open(base + ".mixed.txt", encoding="utf-8").read().split("\n")
        mixed = run(sohoa, base + ".mixed.txt")
        full = run(sohoa, base + ".stripped.txt")
        allocr = run(sohoa, base + ".allocr.txt") if os.path.exists(base + ".allocr.txt") else None
        for i, l in enumerate(labels):
            ref = words(src[i])
            if not ref:
                continue
            out = words(mixed[i]) if i < len(mixed) else []
            if l == "intact":
                st["intact_lines"][0] += mixed[i] == mixed_in[i]
                st["intact_lines"][1] += 1
            if l == "ocr":
                st["ocr"][0] += edits(ref, out)
                st["ocr"][1] += len(ref)
                st["allocr"][0] += edits(ref, words(allocr[i]) if i < len(allocr) else [])
                st["allocr"][1] += len(ref)
                continue
            key = "intact" if l == "intact" else "stripped"
            if len(out) == len(ref):
                st[key][0] += sum(a == b for a, b in zip(ref, out))
            st[key][1] += len(ref)
            if l == "stripped":
                f = words(full[i]) if i < len(full) else []
                if len(f) == len(ref):
                    st["full"][0] += sum(a == b for a, b in zip(ref, f))
                st["full"][1] += len(ref)
    pct = lambda k: 100.0 * st[k][0] / max(1, st[k][1])
    print(f"intact words kept      {pct('intact'):6.2f}%  ({st['intact'][0]}/{st['intact'][1]})")
    print(f"intact lines identical {pct('intact_lines'):6.2f}%  ({st['intact_lines'][0]}/{st['intact_lines'][1]})")
    print(f"stripped lines, mixed  {pct('stripped'):6.2f}%  ({st['stripped'][0]}/{st['stripped'][1]})")
    print(f"same lines, all strip  {pct('full'):6.2f}%  ({st['full'][0]}/{st['full'][1]})")
    if st["ocr"][1]:
        print(f"ocr lines WER          {pct('ocr'):6.2f}%  ({st['ocr'][0]}/{st['ocr'][1]})")
        print(f"same lines, all ocr    {pct('allocr'):6.2f}%  ({st['allocr'][0]}/{st['allocr'][1]})")


if __name__ == "__main__":
    main()
