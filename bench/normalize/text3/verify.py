#!/usr/bin/python3
"""Check a text3 set without sohoa: every input decodes back to its truth by an
independent route.  Prints counts only (safe on the aside set).

  /usr/bin/python3 verify.py --set /work/dev-data/text3/dev
"""
import argparse, html, json, subprocess, sys, unicodedata as ud
from collections import Counter
from pathlib import Path

NFC = lambda s: ud.normalize("NFC", s)


def iconv(b, frm):
    return subprocess.run(["iconv", "-f", frm, "-t", "UTF-8"], input=b, capture_output=True, check=True).stdout.decode()


def unmoji(s):
    """Inverse of 'bytes shown as cp1252 (Latin-1 where undefined)'."""
    out = bytearray()
    for c in s:
        try:
            out += c.encode("cp1252")
        except UnicodeEncodeError:
            out.append(ord(c))  # U+0081 etc. and C0 controls
    return bytes(out)


# VNI decoder written from the mark semantics (not from gen's table): a mark byte
# after a base letter adds combining marks.
TONE = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
CIRC = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}


def vni_decode(b):
    s = b.decode("cp1252")
    out = []
    for c in s:
        lc = c.lower()
        up = c != lc
        prev = out[-1] if out else ""
        pb = ud.normalize("NFD", prev)[:1].lower() if prev else ""
        has_tone = any(m in ud.normalize("NFD", prev) for m in "\u0300\u0301\u0309\u0303\u0323")
        if lc in CIRC and pb in "aeo" and prev and prev.lower() == pb:
            out[-1] = NFC(prev + "\u0302" + CIRC[lc])
        elif lc in BREVE and pb == "a" and prev and prev.lower() == "a":
            out[-1] = NFC(prev + "\u0306" + BREVE[lc])
        elif lc in TONE and prev and pb in "aeiouy" and not has_tone:
            out[-1] = NFC(prev + TONE[lc])
        elif lc in SINGLE:
            out.append(SINGLE[lc].upper() if up else SINGLE[lc])
        else:
            out.append(c)
    return "".join(out)


def tcvn3_fold(s):
    """What VN3 bytes can hold: toned capitals are lower-case codes."""
    keep = set("ĂÂÊÔƠƯĐ")
    return "".join(c.lower() if (not c.isascii() and c.isupper() and c not in keep) else c for c in NFC(s))


def fold(s):
    return [" ".join(NFC(l).split()) for l in s.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n") if l.strip()]


def pdflines(pdf, mode=None):
    a = ["pdftotext"] + ([mode] if mode else []) + [str(pdf), "-"]
    return fold(subprocess.run(a, capture_output=True, check=True).stdout.decode())


def pdf_carries(pdf, tl):
    """The PDF's own text layer holds the truth: same lines, equal at least when spaces
    are ignored (pdftotext puts spaces inside words where a fallback font takes over)."""
    got = pdflines(pdf)
    ns = lambda l: l.replace(" ", "")
    return len(got) == len(tl) and all(ns(g) == ns(t) for g, t in zip(got, tl))


def check(root, f):
    kind, var = f["kind"], f["variant"]
    truth = (root / f["truth"]).read_text(encoding="utf-8")
    tl = truth.rstrip("\n").split("\n")
    assert truth == NFC(truth) and all(l.strip() == l and l for l in tl), "truth not NFC/clean"
    data = (root / f["path"]).read_bytes()
    name = Path(f["truth"]).stem
    work = root / "work"
    if kind == "clean":
        return fold(data.decode()) == tl
    if kind == "strip_full":
        got = fold(data.decode())
        strip = lambda l: NFC("".join(c for c in ud.normalize("NFD", l) if not "\u0300" <= c <= "\u036f")).replace("đ", "d").replace("Đ", "D")
        return got == [strip(l) for l in tl] and all(c.isascii() for c in data.decode())
    if kind == "strip_mixed":
        got = fold(data.decode())
        strip = lambda l: NFC("".join(c for c in ud.normalize("NFD", l) if not "\u0300" <= c <= "\u036f")).replace("đ", "d").replace("Đ", "D")
        ok = len(got) == len(tl) and all(g == t or g == strip(t) for g, t in zip(got, tl))
        n_str = sum(g != t for g, t in zip(got, tl))
        return ok and n_str > 0
    if kind.startswith("moji_") or kind == "legacy_bytes":
        enc = kind[5:] if kind.startswith("moji_") else var.split("_")[0]
        b = unmoji(data.decode("utf-8")) if kind.startswith("moji_") else data
        if enc == "tcvn3":
            return fold(iconv(b, "TCVN5712-1")) == [tcvn3_fold(l) for l in tl]
        if enc == "viscii":
            return fold(iconv(b, "VISCII")) == tl
        return fold(vni_decode(b)) == tl
    if kind == "cp1258_iconv":
        b = data if var == "bytes" else unmoji(data.decode("utf-8"))
        return fold(b.decode("cp1258")) == tl       # Python's codec, not glibc's
    if kind == "word_1258":
        # LibreOffice's MS_1258 export writes ý as y + 0xCC (combining grave): it reads back as ỳ.
        # That is the tool's damage; the truth stays ý.
        return fold(data.decode("cp1258")) == [l.replace("ý", "ỳ") for l in tl]
    if kind == "entities":
        return fold(html.unescape(data.decode("ascii" if var != "dec_partial" else "utf-8"))) == tl
    if kind == "utf16":
        codec = "utf-16-le" if var.startswith("le") else "utf-16-be"
        s = data.decode(codec).lstrip("\ufeff")
        has_bom = data[:2] in (b"\xff\xfe", b"\xfe\xff")
        return fold(s) == tl and (("nobom" in var) != has_bom)
    if kind == "invisible":
        s = data.decode()
        for z in "\u00ad\u200b\u200c\u200d\ufeff\u2060":
            s = s.replace(z, "")
        return fold(s.replace("\u00a0", " ")) == tl
    if kind in ("pdftotext_lo", "pdftotext_chromium", "pdf_direct"):
        pdf = work / (name + ".pdf")
        if kind == "pdf_direct" and pdf.read_bytes() != data:
            return False
        return pdf_carries(pdf, tl)
    if kind == "ocr_eng":
        return pdf_carries(work / (name + ".pdf"), tl)
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", required=True)
    a = ap.parse_args()
    root = Path(a.set)
    man = json.loads((root / "manifest.json").read_text())
    ok, bad, lines = Counter(), Counter(), Counter()
    for f in man["files"]:
        try:
            r = check(root, f)
        except Exception as e:
            r = False
            print("error", f["path"], type(e).__name__, file=sys.stderr)
        (ok if r else bad)[f["kind"]] += 1
        lines[f["kind"]] += f["lines"]
        if not r:
            print("FAIL", f["path"], f["variant"])
    for k in sorted(lines):
        print(f"{k:20s} files ok {ok[k]:3d} bad {bad[k]:3d} lines {lines[k]:5d}")
    print("total files", sum(ok.values()) + sum(bad.values()), "bad", sum(bad.values()))
    sys.exit(1 if sum(bad.values()) else 0)


if __name__ == "__main__":
    main()
