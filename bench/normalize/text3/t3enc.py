"""Damage functions and legacy encoding tables for text3 (written from public charts).

TCVN3 (ABC, VN3): the byte positions of the TCVN 5712:1993 VN3 chart, typed here
letter by letter; toned capitals have no VN3 code, so they are written with the
lower-case code, as .VnTime users did.  Checked against glibc `iconv -f
TCVN5712-1` (VN1 is VN3 plus the capitals) by verify.py.
VNI Windows: base letter + mark byte (keyboard layout of VNI fonts), single-byte
forms for i-vowels, ơ ư đ.  Checked by a decoder written separately (round trip
of all 134 letters) in verify.py.
VISCII: glibc `iconv -t VISCII` (the RFC 1456 chart), no own table.
"""
import subprocess
import unicodedata as ud

TONES = {"\u0300": "huyen", "\u0301": "sac", "\u0309": "hoi", "\u0303": "nga", "\u0323": "nang"}

# ---------------------------------------------------------------- strip
def strip_marks(s):
    d = ud.normalize("NFD", s)
    d = "".join(c for c in d if not ("\u0300" <= c <= "\u036f"))
    return ud.normalize("NFC", d.replace("đ", "d").replace("Đ", "D"))


# ---------------------------------------------------------------- TCVN3 (VN3)
_TCVN3_LOWER = """
ă A8 â A9 ê AA ô AB ơ AC ư AD đ AE Ă A1 Â A2 Ê A3 Ô A4 Ơ A5 Ư A6 Đ A7
à B5 ả B6 ã B7 á B8 ạ B9 ằ BB ẳ BC ẵ BD ắ BE ặ C6 ầ C7 ẩ C8 ẫ C9 ấ CA ậ CB
è CC ẻ CE ẽ CF é D0 ẹ D1 ề D2 ể D3 ễ D4 ế D5 ệ D6 ì D7 ỉ D8 ĩ DC í DD ị DE
ò DF ỏ E1 õ E2 ó E3 ọ E4 ồ E5 ổ E6 ỗ E7 ố E8 ộ E9 ờ EA ở EB ỡ EC ớ ED ợ EE
ù EF ủ F1 ũ F2 ú F3 ụ F4 ừ F5 ử F6 ữ F7 ứ F8 ự F9 ỳ FA ỷ FB ỹ FC ý FD ỵ FE
"""
TCVN3 = {}
_t = _TCVN3_LOWER.split()
for ch, hx in zip(_t[0::2], _t[1::2]):
    TCVN3[ch] = bytes([int(hx, 16)])


def tcvn3_encode(s):
    """Returns (bytes, truth_as_bytes_say): toned capitals get the lower-case code."""
    out = bytearray()
    for c in ud.normalize("NFC", s):
        if ord(c) < 128:
            out += c.encode()
        elif c in TCVN3:
            out += TCVN3[c]
        elif c.lower() in TCVN3:
            out += TCVN3[c.lower()]
        else:
            raise ValueError("no TCVN3 code for %r" % c)
    return bytes(out)


def tcvn3_case_folded(s):
    """What the VN3 bytes can say: toned capitals lower-cased."""
    return "".join(c if (ord(c) < 128 or c in TCVN3) else c.lower() for c in ud.normalize("NFC", s))


# ---------------------------------------------------------------- VNI Windows
_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRC = {None: "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {None: "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def _vni_letter(c):
    if c == "đ": return "ñ"
    if c == "Đ": return "Ñ"
    d = ud.normalize("NFD", c)
    base, marks = d[0], d[1:]
    up = base.isupper()
    tone = next((m for m in marks if m in TONES), None)
    qual = next((m for m in marks if m in ("\u0302", "\u0306", "\u031b")), None)
    if base.lower() == "i" and tone:
        r = _VNI_I[tone]
        return r.upper() if up else r
    if qual == "\u031b":  # horn: ơ = ô, ư = ö (single bytes), tone byte after
        b = {"o": "ô", "u": "ö"}[base.lower()]
        t = _VNI_TONE[tone] if tone else ""
        return (b + t).upper() if up else b + t
    if qual == "\u0302":
        m = _VNI_CIRC[tone]
    elif qual == "\u0306":
        m = _VNI_BREVE[tone]
    elif tone:
        m = _VNI_TONE[tone]
    else:
        return c
    return base + (m.upper() if up else m)


def vni_encode(s):
    out = []
    for c in ud.normalize("NFC", s):
        out.append(c if ord(c) < 128 else _vni_letter(c))
    return "".join(out).encode("cp1252")


# ---------------------------------------------------------------- iconv helpers
def iconv(data, frm, to):
    p = subprocess.run(["iconv", "-f", frm, "-t", to], input=data, capture_output=True)
    if p.returncode != 0:
        raise RuntimeError("iconv %s->%s: %s" % (frm, to, p.stderr.decode(errors="replace")))
    return p.stdout


def mojibake(b):
    """Bytes shown as Windows-1252 (undefined bytes as Latin-1), as a UTF-8 str."""
    out = []
    for x in b:
        try:
            out.append(bytes([x]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(x))
    return "".join(out)


INVIS_ZW = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060"]
