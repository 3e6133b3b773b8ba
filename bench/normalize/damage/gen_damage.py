#!/usr/bin/env python3
"""Apply three kinds of tool damage to clean Unicode Vietnamese text, with truth.

Written from the description of the damage alone (issue 30), without reading the
code under test. Input: the clean lines of bench/normalize/damage/source/<src>_*.txt.
Output (--out DIR):

  DIR/displaced/*.txt   text as pdftotext gives it when a font draws a marked letter as
                        a base glyph plus separate mark glyphs: the marked letters leave
                        their words (a gap, i.e. a space, is left) and come out on their
                        own, before the words on the same line or on a line above
  DIR/entities/*.txt    HTML character references (decimal, hex, named) written by a bad
  DIR/entities/*.html   converter and broken by line breaks, spaces and tags
  DIR/utf16/*.txt       UTF-16 LE/BE read one byte at a time, NUL and other control bytes
                        shown as a constant filler ('#', '.', '?'); stored raw (the bytes)
                        or "shown" (that view pasted into a UTF-8 file between clean
                        lines); and legacy single-byte text (TCVN3 as glibc's TCVN5712-1,
                        VISCII, VNI) widened to 16 bits and read the same way
  DIR/truth/<kind>/<file>.txt   the clean line for every unit of the file, in order
  DIR/manifest.json     every file: kind, variant, and per unit the truth line, whether
                        it is a control (its text in the file is already the truth line),
                        its origin (own / seed) and tags (placement, split kinds,
                        collapsed letters)

A "unit" is one clean line; its damaged form may take several physical lines (the
marks line above a words line, an entity broken by a newline). Real PDFs for kind 1
are made separately by make_pdfs.py.
"""
import argparse
import html
import json
import os
import random
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))


def load_source(src):
    lines = []
    seen = set()
    for part, origin in (("own", "own"), ("seed", "seed")):
        path = os.path.join(HERE, "source", f"{src}_{part}.txt")
        with open(path, encoding="utf-8") as f:
            for raw in f:
                line = unicodedata.normalize("NFC", raw.strip())
                line = re.sub(r"\s+", " ", line)
                if not line or line in seen:
                    continue
                seen.add(line)
                lines.append((line, origin))
    return lines


def chunk(items, rng, lo, hi):
    out = []
    i = 0
    while i < len(items):
        n = rng.randint(lo, hi)
        out.append(items[i:i + n])
        i += n
    return out


def write_text(path, text, encoding="utf-8"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write(text)


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


# ---------------------------------------------------------------- kind 1: displaced

def is_marked(ch):
    d = unicodedata.normalize("NFD", ch)
    return len(d) > 1 and d[0].isalpha()


def detaches(ch, font):
    """Whether the font draws ch as base glyph + mark glyphs (so it comes out detached)."""
    o = ord(ch)
    ext_b = ch in "ơƠưƯ" or 0x1EA0 <= o <= 0x1EF9
    if font == "F1":  # Latin-1 and Latin Extended-A letters are whole glyphs
        return ext_b
    # F2: every letter with a diacritic except Đ/đ (a stroke, not a mark)
    return ch not in "đĐ" and (ext_b or is_marked(ch))


NARROW = set("ìíỉĩịÌÍỈĨỊ")


def displace_line(line, font, rng, narrow_gap):
    """Returns (detached letters in output order, words text) or None if nothing detaches."""
    letters = []
    where = []
    out = []
    gap = False
    for i, ch in enumerate(line):
        if ch.isalpha() and detaches(ch, font):
            letters.append(ch)
            where.append(i)
            # a narrow glyph can leave a gap below pdftotext's word-space threshold
            if not (narrow_gap and ch in NARROW and rng.random() < 0.5):
                gap = True
            continue
        if gap:
            out.append(" ")
            gap = False
        out.append(ch)
    if gap:
        out.append(" ")
    if not letters:
        return None
    words = re.sub(r" {2,}", " ", "".join(out)).strip()
    return letters, where, words


def gen_displaced(lines, rng, out_dir, files):
    # two passes over the source, each file with its own font
    docs = chunk(lines, rng, 14, 30) + chunk(lines, rng, 14, 30)
    for n, doc in enumerate(docs, 1):
        font = "F1" if rng.random() < 0.65 else "F2"
        narrow_gap = rng.random() < 0.4
        name = f"displaced/pdftext_{n:02d}.txt"
        phys = []
        units = []
        for line, origin in doc:
            tags = []
            res = None
            if rng.random() >= 0.15:  # 15%: drawn in a font with whole glyphs
                res = displace_line(line, font, rng, narrow_gap)
            if res is None:
                phys.append(line)
                units.append({"truth": line, "control": True, "origin": origin, "tags": ["clean"]})
                continue
            letters, where, words = res
            placement = rng.choices(["before", "above", "above_split", "above_below"],
                                    [0.45, 0.25, 0.15, 0.15])[0]
            if placement != "above_split" and len(letters) > 2 and rng.random() < 0.15:
                # one stacked letter drawn last, out of reading order (as in "Ợ Ế Ả Ử Ơ Ổ T NG")
                k = rng.randrange(len(letters) - 1)
                letters.append(letters.pop(k))
                tags.append("reordered")
            marks = " ".join(letters)
            if placement == "before":
                phys.append(f"{marks} {words}" if words else marks)
            elif placement == "above":
                phys.append(marks)
            elif placement == "above_below":
                # letters with a dot below come out on a line under the words, the rest above
                low = [c for c in letters if "\u0323" in unicodedata.normalize("NFD", c)]
                high = [c for c in letters if "\u0323" not in unicodedata.normalize("NFD", c)]
                if high:
                    phys.append(" ".join(high))
                if words:
                    phys.append(words)
                if low:
                    phys.append(" ".join(low))
            else:
                # pdftotext (default mode) breaks the raised letters into several lines
                # where they lie far apart, as seen on the PDFs of make_pdfs.py
                limit = rng.randint(4, 12)
                groups = [[letters[0]]]
                for k in range(1, len(letters)):
                    if where[k] - where[k - 1] > limit:
                        groups.append([])
                    groups[-1].append(letters[k])
                phys.extend(" ".join(g) for g in groups)
            if placement not in ("before", "above_below") and words:
                phys.append(words)
            tags.append(placement)
            units.append({"truth": line, "control": False, "origin": origin, "tags": tags})
        write_text(os.path.join(out_dir, name), "\n".join(phys) + "\n")
        files.append({"path": name, "kind": "displaced",
                      "variant": {"font": font, "narrow_gap": narrow_gap}, "units": units})


# ---------------------------------------------------------------- kind 2: entities

NAMED = {ord(v): k for k, v in html.entities.html5.items()
         if k.endswith(";") and len(v) == 1 and k[:-1].isalnum()}
# prefer the short HTML 4 names (Agrave, ecirc ...) where there are several
for cp, name in html.entities.codepoint2name.items():
    NAMED[cp] = name + ";"

TAGS = ["</span><span>", "<span>", "</span>", "<font face=\"Times\">", "</font>",
        "</b><b>", "<span lang=\"vi\">", "<wbr>", "<br>"]


def ref_for(ch, style, rng):
    cp = ord(ch)
    if style == "named" and cp in NAMED:
        return "&" + NAMED[cp]
    if style == "hex" or (style == "mixed" and rng.random() < 0.5):
        return f"&#x{cp:X};" if rng.random() < 0.5 else f"&#x{cp:x};"
    return f"&#{cp};"


def break_ref(ref, how, rng):
    # split points: after '&', after '&#' / '&#x', inside the digits or name, before ';'
    body = ref[1:-1]
    head = 1
    if body.startswith("#x"):
        head = 3
    elif body.startswith("#"):
        head = 2
    points = list(range(1, len(ref)))  # any position strictly inside
    weights = [3 if p in (1, head) else (2 if p == len(ref) - 1 else 1) for p in points]
    p = rng.choices(points, weights)[0]
    if how == "nl":
        sep = "\n"
    elif how == "space":
        sep = " "
    else:
        sep = rng.choice(TAGS)
    return ref[:p] + sep + ref[p:]


def entity_line(line, style, p_split, rng):
    out = []
    kinds = set()
    nrefs = 0
    for ch in line:
        if ord(ch) < 0x80:
            out.append(ch)
            continue
        ref = ref_for(ch, style, rng)
        nrefs += 1
        if rng.random() < p_split:
            how = rng.choices(["nl", "space", "tag"], [0.45, 0.2, 0.35])[0]
            kinds.add(how)
            ref = break_ref(ref, how, rng)
        out.append(ref)
    return "".join(out), nrefs, sorted(kinds)


def gen_entities(lines, rng, out_dir, files):
    docs = chunk(lines, rng, 14, 30)
    for n, doc in enumerate(docs, 1):
        style = rng.choice(["dec", "dec", "hex", "named", "mixed"])
        p_split = rng.choice([0.25, 0.5, 0.9])
        txt, htm, units = [], [], []
        for line, origin in doc:
            markup = bool(re.search(r"[<>&]", line))
            plain = markup or rng.random() < 0.15 or not re.search(r"[^\x00-\x7f]", line)
            if plain:
                txt.append(line)
                htm.append("<p>" + html.escape(line, quote=False) + "</p>")
                units.append({"truth": line, "control": True, "origin": origin,
                              "tags": ["markup" if markup else "clean"]})
                continue
            dmg, nrefs, kinds = entity_line(line, style, p_split, rng)
            txt.append(dmg)
            htm.append("<p>" + dmg + "</p>")
            units.append({"truth": line, "control": False, "origin": origin,
                          "tags": kinds or ["intact"]})
        variant = {"style": style, "p_split": p_split}
        base = f"entities/conv_{n:02d}"
        write_text(os.path.join(out_dir, base + ".txt"), "\n".join(txt) + "\n")
        page = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>conv "
                f"{n:02d}</title></head>\n<body>\n" + "\n".join(htm) + "\n</body></html>\n")
        write_text(os.path.join(out_dir, base + ".html"), page)
        for ext in ("txt", "html"):
            files.append({"path": f"{base}.{ext}", "kind": "entities",
                          "variant": dict(variant, container=ext), "units": units})


# ---------------------------------------------------------------- kind 3: utf16

# VNI Windows: a base letter followed by a mark byte (written from the VNI keyboard
# table: acute 1 -> ù, grave 2 -> ø, hook 3 -> û, tilde 4 -> õ, dot 5 -> ï ...).
VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
VNI_CIRC = {None: "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
VNI_BREVE = {None: "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def vni_char(ch):
    if ch == "đ":
        return "ñ"
    if ch == "Đ":
        return "Ñ"
    d = unicodedata.normalize("NFD", ch)
    if len(d) == 1:
        return ch
    base, marks = d[0], d[1:]
    upper = base.isupper()
    tone = next((m for m in marks if m in VNI_TONE), None)
    shape = next((m for m in marks if m in "\u0302\u0306\u031b"), None)
    if base in "iI":
        s = VNI_I[tone]
        return s.upper() if upper else s
    if base in "yY" and tone == "\u0323":
        return "Î" if upper else "î"
    if shape == "\u031b":  # horn: ơ -> ô, ư -> ö
        b = {"o": "ô", "u": "ö"}[base.lower()]
        b = b.upper() if upper else b
        t = VNI_TONE.get(tone, "") if tone else ""
    elif shape == "\u0302":
        b = base
        t = VNI_CIRC[tone]
    elif shape == "\u0306":
        b = base
        t = VNI_BREVE[tone]
    else:
        b = base
        t = VNI_TONE[tone]
    return b + (t.upper() if upper else t)


def vni_encode(text):
    return "".join(vni_char(c) for c in text).encode("cp1252")


_ICONV_CACHE = {}


def iconv_encode(text, enc):
    out = bytearray()
    for ch in text:
        key = (ch, enc)
        if key not in _ICONV_CACHE:
            if ord(ch) < 0x80:
                _ICONV_CACHE[key] = ch.encode()
            else:
                r = subprocess.run(["iconv", "-f", "UTF-8", "-t", enc], input=ch.encode(),
                                   capture_output=True)
                if r.returncode != 0:
                    raise ValueError(f"{enc} cannot encode {ch!r}")
                _ICONV_CACHE[key] = r.stdout
        out += _ICONV_CACHE[key]
    return bytes(out)


def legacy_encode(text, enc):
    if enc == "vni":
        return vni_encode(text)
    return iconv_encode(text, {"tcvn3": "TCVN5712-1", "viscii": "VISCII"}[enc])


def can_legacy(text, enc):
    try:
        legacy_encode(text, enc)
        return True
    except (ValueError, UnicodeEncodeError, KeyError):
        return False


def hidden(b):
    """Bytes a byte-at-a-time reader shows as the filler: NUL and the C0 controls."""
    return b < 0x20 and b not in (0x09, 0x0A, 0x0D)


def show_bytes(data, filler):
    out = bytearray()
    lost = 0
    for i, b in enumerate(data):
        if hidden(b):
            out.append(filler)
            if b != 0:
                lost += 1
        else:
            out.append(b)
    return bytes(out), lost


def screen_char(b, filler):
    """One byte as a cp1252 screen shows it; bytes cp1252 leaves undefined show as the filler."""
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(filler)


def line_units16(line, enc, le):
    """The 16-bit stream for one line with its newline."""
    if enc == "utf16":
        return (line + "\n").encode("utf-16-le" if le else "utf-16-be")
    raw = legacy_encode(line, enc) + b"\n"
    out = bytearray()
    for b in raw:
        out += bytes([b, 0]) if le else bytes([0, b])
    return bytes(out)


def line_tags(line, enc, le):
    tags = ["collapsed"] if collapsed(line, enc, le) else []
    if enc == "tcvn3" and any(0x80 <= b < 0xA0 or 0 < b < 0x20 for b in legacy_encode(line, enc)):
        tags.append("vn1_upper")  # upper-case toned letters exist only in TCVN 5712 VN1
    return tags


def collapsed(line, enc, le):
    """Whether some letter of the line lost all its bytes to the filler."""
    if enc == "utf16":
        return any(ch in "ĂăĐđ" for ch in line)
    return any(hidden(b) and b != 0 for b in legacy_encode(line, enc))


def gen_utf16(lines, rng, out_dir, files):
    variants = [
        ("utf16", "le", "raw"), ("utf16", "be", "raw"),
        ("utf16", "le", "shown"), ("utf16", "be", "shown"),
        ("tcvn3", "le", "raw"), ("viscii", "le", "raw"), ("vni", "le", "raw"),
        ("tcvn3", "be", "raw"), ("vni", "be", "raw"),
    ]
    for enc, endian, form in variants:
        le = endian == "le"
        # a window of the source per variant keeps the set quick to score
        start = rng.randrange(len(lines))
        window = (lines[start:] + lines[:start])[:150]
        docs = chunk(window, rng, 18, 36)
        for n, doc in enumerate(docs, 1):
            filler = rng.choices([b"#", b".", b"?"], [0.6, 0.25, 0.15])[0][0]
            bom = enc == "utf16" and form == "raw" and rng.random() < 0.5
            name = f"utf16/{enc}_{endian}_{form}_{n:02d}.txt"
            units = []
            if form == "raw":
                stream = bytearray()
                if bom:
                    stream += b"\xff\xfe" if le else b"\xfe\xff"
                for line, origin in doc:
                    if enc != "utf16" and not can_legacy(line, enc):
                        continue
                    stream += line_units16(line, enc, le)
                    tags = line_tags(line, enc, le)
                    units.append({"truth": line, "control": False, "origin": origin, "tags": tags})
                data, _ = show_bytes(bytes(stream), filler)
                write_bytes(os.path.join(out_dir, name), data)
            else:
                # the byte view as a cp1252 screen shows it, pasted between clean lines:
                # runs of damaged lines, each run selected from its first byte to its last
                # newline (so in LE the NUL after the last newline is not pasted)
                text = []
                damaged_run = rng.random() < 0.5
                run = []

                def flush():
                    if not run:
                        return
                    stream = b"".join(line_units16(l, enc, le) for l in run)
                    if le:
                        stream = stream[:-1]
                    shown, _ = show_bytes(stream, filler)
                    text.append("".join(screen_char(b, filler) for b in shown))
                    run.clear()

                for line, origin in doc:
                    if rng.random() < 0.25:
                        damaged_run = not damaged_run
                    if not damaged_run:
                        flush()
                        text.append(line + "\n")
                        units.append({"truth": line, "control": True, "origin": origin,
                                      "tags": ["clean"]})
                        continue
                    run.append(line)
                    tags = line_tags(line, enc, le)
                    units.append({"truth": line, "control": False, "origin": origin, "tags": tags})
                flush()
                body = "".join(text)
                if not body.endswith("\n"):
                    body += "\n"
                write_text(os.path.join(out_dir, name), body)
            files.append({"path": name, "kind": "utf16",
                          "variant": {"enc": enc, "endian": endian, "form": form,
                                      "filler": chr(filler), "bom": bom}, "units": units})
        # clean controls in the same folder: plain UTF-8 files of the same text
    for n, doc in enumerate(chunk(lines, rng, 18, 36)[:4], 1):
        name = f"utf16/plain_{n:02d}.txt"
        write_text(os.path.join(out_dir, name), "".join(l + "\n" for l, _ in doc))
        files.append({"path": name, "kind": "utf16", "variant": {"enc": "utf8", "form": "control"},
                      "units": [{"truth": l, "control": True, "origin": o, "tags": ["clean"]}
                                for l, o in doc]})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", choices=["dev", "aside"], required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    if os.path.exists(args.out) and os.listdir(args.out):
        sys.exit(f"{args.out}: exists and is not empty")
    lines = load_source(args.src)
    files = []
    gen_displaced(lines, random.Random(args.seed * 1000 + 1), args.out, files)
    gen_entities(lines, random.Random(args.seed * 1000 + 2), args.out, files)
    gen_utf16(lines, random.Random(args.seed * 1000 + 3), args.out, files)
    for f in files:
        tp = os.path.join(args.out, "truth", f["path"].rsplit(".", 1)[0] + "." + f["path"].rsplit(".", 1)[1] + ".truth")
        write_text(tp, "".join(u["truth"] + "\n" for u in f["units"]))
        f["truth_path"] = os.path.relpath(tp, args.out)
    manifest = {"source": args.src, "seed": args.seed, "generator": "bench/normalize/damage/gen_damage.py",
                "files": files}
    write_text(os.path.join(args.out, "manifest.json"),
               json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
    counts = {}
    for f in files:
        c = counts.setdefault(f["kind"], [0, 0, 0])
        c[0] += 1
        c[1] += len(f["units"])
        c[2] += sum(u["control"] for u in f["units"])
    for k, (nf, nu, nc) in counts.items():
        print(f"{k}: {nf} files, {nu} lines ({nc} controls)", file=sys.stderr)


if __name__ == "__main__":
    main()
