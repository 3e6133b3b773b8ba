#!/usr/bin/env python3
"""Makes the normalize fixtures:
  fixtures/encodings/<name>.txt  one short report excerpt in each encoding/shape,
                                 and expected.txt (the clean UTF-8 NFC text)
  fixtures/pdf_tcvn3/vntime.pdf  a PDF whose text layer uses fonts named
                                 .VnTime and .VnTimeH drawing TCVN3 bytes
                                 (WinAnsiEncoding, so poppler returns mojibake)
Encoders: glibc iconv (VISCII, TCVN5712-1 for the lower-case TCVN3 letters,
CP1258) and the VNI/VIQR rules written below, not the stage's tables.
Usage: scripts/make_encoding_fixtures.py   (from the repository root)
"""
import os, subprocess, unicodedata

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
# Written for these fixtures (no toned capitals: TCVN3's normal font has none).
TEXT = ("Cộng hòa xã hội chủ nghĩa Việt Nam\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Trung tâm Phục vụ hành chính công tỉnh đã tiếp nhận 1.234 hồ sơ, "
        "giải quyết đúng hạn 98,5%; người dân hài lòng với thái độ phục vụ.\n"
        "Những khó khăn, vướng mắc sẽ được báo cáo Ủy ban nhân dân tỉnh.\n")
TEXT = unicodedata.normalize("NFC", TEXT.replace("Ủy", "ủy"))


def iconv(to, s):
    return subprocess.run(["iconv", "-f", "UTF-8", "-t", to], input=s.encode(),
                          capture_output=True, check=True).stdout


TONES = "\u0300\u0309\u0303\u0301\u0323"  # huyền hỏi ngã sắc nặng


def split(c):
    d = unicodedata.normalize("NFD", c)
    tone = next((TONES.index(m) + 1 for m in d if m in TONES), 0)
    base = unicodedata.normalize("NFC", "".join(m for m in d if m not in TONES))
    return base, tone


def vni(s):
    plain = [None, 0xF8, 0xFB, 0xF5, 0xF9, 0xEF]
    breve = [0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB]
    circ = [0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4]
    ione = [None, 0xEC, 0xE6, 0xF3, 0xED, 0xF2]
    out = bytearray()
    for c in s:
        if ord(c) < 0x80:
            out.append(ord(c)); continue
        if c in "đĐ":
            out.append(0xF1 if c == "đ" else 0xD1); continue
        base, tone = split(c)
        up = base != base.lower()
        sh = 0x20 if up else 0
        b = base.lower()
        if b == "ă": out += bytes([ord("A" if up else "a"), breve[tone] - sh])
        elif b in "âêô": out += bytes([ord(unicodedata.normalize("NFD", base)[0]), circ[tone] - sh])
        elif b == "i": out += bytes([ord(base)]) if tone == 0 else bytes([ione[tone] - sh])
        elif b in "ơư":
            out.append((0xF4 if b == "ơ" else 0xF6) - sh)
            if tone: out.append(plain[tone] - sh)
        elif b == "y" and tone == 5: out += bytes([ord(base), 0xEE - sh])
        else:
            out.append(ord(base))
            if tone: out.append(plain[tone] - sh)
    return bytes(out)


def viqr(s):
    q = {"ă": "a(", "â": "a^", "ê": "e^", "ô": "o^", "ơ": "o+", "ư": "u+", "đ": "dd"}
    marks = " `?~'."
    out = []
    for c in s:
        if c in "đĐ":
            out.append("dd" if c == "đ" else "DD"); continue
        if ord(c) < 0x80:
            if c in "()^+`?~'.\\" and out and out[-1][-1:].lower() in "aeiouy^(+`?~'":
                out.append("\\")
            out.append(c); continue
        base, tone = split(c)
        w = q.get(base.lower(), base.lower())
        if base != base.lower(): w = w[0].upper() + w[1:]
        out.append(w + (marks[tone] if tone else ""))
    return "".join(out)


def latin1_chars(b):
    # Mojibake: each byte shown as its CP1252 character (Latin-1 where CP1252 has none).
    return "".join(bytes([x]).decode("cp1252", errors="strict") if 0x80 <= x < 0xA0 and x not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(x) for x in b)


def pdf(path):
    tcvn3 = iconv("TCVN5712-1", TEXT)
    lines = tcvn3.split(b"\n")
    header = iconv("TCVN5712-1", "cộng hòa xã hội chủ nghĩa việt nam")  # drawn by .VnTimeH: capitals
    def esc(b):
        return b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    content = b"BT /F2 14 Tf 72 770 Td (" + esc(header) + b") Tj ET\n"
    y = 740
    body = b"\n".join(lines[1:4]).replace(b"; ", b";\n").split(b"\n")
    for ln in body:
        content += b"BT /F1 11 Tf 72 %d Td (" % y + esc(ln) + b") Tj ET\n"
        y -= 20
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /TrueType /BaseFont /.VnTime /FirstChar 32 /LastChar 255 "
        b"/Widths [" + b" ".join([b"500"] * 224) + b"] /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /TrueType /BaseFont /.VnTimeH /FirstChar 32 /LastChar 255 "
        b"/Widths [" + b" ".join([b"600"] * 224) + b"] /Encoding /WinAnsiEncoding >>",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)
    expected = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" +
                "\n".join(TEXT.split("\n")[1:4]).replace("; ", ";\n") + "\n")
    with open(os.path.join(os.path.dirname(path), "vntime.expected.txt"), "w", encoding="utf-8") as f:
        f.write(expected)


def main():
    enc_dir = os.path.join(ROOT, "fixtures", "encodings")
    os.makedirs(enc_dir, exist_ok=True)
    files = {
        "tcvn3.txt": iconv("TCVN5712-1", TEXT),
        "vni.txt": vni(TEXT),
        "viscii.txt": iconv("VISCII", TEXT),
        "cp1258.txt": iconv("CP1258", TEXT),
        "viqr.txt": viqr(TEXT).encode(),
        "utf16le_bom.txt": b"\xff\xfe" + TEXT.encode("utf-16-le"),
        "utf16be.txt": TEXT.encode("utf-16-be"),
        "nfd.txt": unicodedata.normalize("NFD", TEXT).encode(),
    }
    for name in ("tcvn3", "vni", "viscii", "cp1258"):
        files[name + "_mojibake.txt"] = latin1_chars(files[name + ".txt"]).encode()
    for name, data in files.items():
        with open(os.path.join(enc_dir, name), "wb") as f:
            f.write(data)
    with open(os.path.join(enc_dir, "expected.txt"), "w", encoding="utf-8") as f:
        f.write(TEXT)
    pdf_dir = os.path.join(ROOT, "fixtures", "pdf_tcvn3")
    os.makedirs(pdf_dir, exist_ok=True)
    pdf(os.path.join(pdf_dir, "vntime.pdf"))
    print("wrote", len(files) + 1, "files to fixtures/encodings and fixtures/pdf_tcvn3/vntime.pdf")


if __name__ == "__main__":
    main()
