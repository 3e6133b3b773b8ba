"""Shared helpers of the archive bench (generator and scorer): metric keys, number
formats, name folding and the TCVN3 encoder.  Written for this bench only."""
import re
import unicodedata

# Canonical PL-I keys, in the order of the usual appendix.
CORE_KEYS = ["received_total", "received_carryover", "received_new",
             "resolved_total", "resolved_early", "resolved_ontime", "resolved_late",
             "pending_total", "pending_ontime", "pending_overdue"]
EXTRA_KEYS = ["returned", "online"]
ALL_KEYS = CORE_KEYS + EXTRA_KEYS

TOTAL_UNIT = "__total__"


def fmt_int(v, style="dot"):
    """12746 -> '12.746' (style dot), '12746' (none), '12 746' (space)."""
    s = str(abs(int(v)))
    if style != "none" and len(s) > 3:
        sep = {"dot": ".", "space": " ", "comma": ","}[style]
        parts = []
        while len(s) > 3:
            parts.insert(0, s[-3:])
            s = s[:-3]
        parts.insert(0, s)
        s = sep.join(parts)
    return ("-" if v < 0 else "") + s


def fmt_pct(x, nd=2):
    return ("%.*f" % (nd, x)).replace(".", ",")


def pct(a, b):
    return 0.0 if b == 0 else 100.0 * a / b


def strip_marks(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.replace("đ", "d").replace("Đ", "D")


def fold(s):
    """Case-, diacritic- and punctuation-insensitive form of a unit name."""
    s = strip_marks(unicodedata.normalize("NFC", s or "")).lower()
    s = s.replace("&", " va ")
    s = re.sub(r"[^0-9a-z]+", " ", s)
    return " ".join(s.split())


def strict(s):
    return " ".join(unicodedata.normalize("NFC", s or "").casefold().split())


# --- TCVN3 (TCVN 5712:1993, VN3 / "ABC" font encoding) -------------------------
# Lower-case letters with marks take one byte each; upper-case letters carry only
# the seven base letters Ă Â Ê Ô Ơ Ư Đ.  Toned capitals were typed with the lower-case
# code in a capitals font (.VnTimeH), so in plain text they come out lower case.
_TCVN3_BASE = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6,
               "Đ": 0xA7, "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC,
               "ư": 0xAD, "đ": 0xAE}
# vowel: codes for grave, hook, tilde, acute, dot-below
_TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9), "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB), "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6), "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4), "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE), "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9), "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TONES = ["\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]


def _tcvn3_table():
    t = dict((k, bytes([v])) for k, v in _TCVN3_BASE.items())
    for base, codes in _TCVN3_TONED.items():
        for tone, code in zip(_TONES, codes):
            lo = unicodedata.normalize("NFC", base + tone)
            t[lo] = bytes([code])
            t[lo.upper()] = bytes([code])   # capitals font convention
    return t


_TCVN3 = _tcvn3_table()
_ASCII_SUBST = {"–": "-", "—": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "…": "...",
                "\u00a0": " ", "²": "2", "×": "x"}


def encode_tcvn3(text):
    """UTF-8 text -> TCVN3 bytes (typed with Caps Lock for capitals: toned capitals
    take the lower-case code, which a capitals font displays as a capital)."""
    out = bytearray()
    for c in unicodedata.normalize("NFC", text):
        if c in _TCVN3:
            out += _TCVN3[c]
        elif ord(c) < 128:
            out += c.encode()
        else:
            c2 = _ASCII_SUBST.get(c)
            if c2 is None:
                c2 = strip_marks(c)
                c2 = c2 if all(ord(x) < 128 for x in c2) else "?"
            out += c2.encode()
    return bytes(out)
