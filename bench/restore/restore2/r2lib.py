"""Shared helpers for bench/restore/restore2 (written without reading sohoa's code)."""
import unicodedata, re
import numpy as np

def nfc(s):
    return unicodedata.normalize('NFC', s)

def strip_marks(s):
    """All diacritics removed, đ->d, Đ->D."""
    d = unicodedata.normalize('NFD', s)
    d = ''.join(c for c in d if not (0x300 <= ord(c) <= 0x36F))
    return nfc(d.replace('đ', 'd').replace('Đ', 'D'))

def has_marks(s):
    return strip_marks(s) != s

# TCVN3 (ABC, VN3) from the published table: lower-case letters and the seven
# capitals the table has; toned capitals have no code (fonts .Vn*H draw the
# lower-case codes as capitals).
_LOW = ("à\xb5 ả\xb6 ã\xb7 á\xb8 ạ\xb9 ă\xa8 ằ\xbb ẳ\xbc ẵ\xbd ắ\xbe ặ\xc6 "
        "â\xa9 ầ\xc7 ẩ\xc8 ẫ\xc9 ấ\xca ậ\xcb đ\xae è\xcc ẻ\xce ẽ\xcf é\xd0 ẹ\xd1 "
        "ê\xaa ề\xd2 ể\xd3 ễ\xd4 ế\xd5 ệ\xd6 ì\xd7 ỉ\xd8 ĩ\xdc í\xdd ị\xde "
        "ò\xdf ỏ\xe1 õ\xe2 ó\xe3 ọ\xe4 ô\xab ồ\xe5 ổ\xe6 ỗ\xe7 ố\xe8 ộ\xe9 "
        "ơ\xac ờ\xea ở\xeb ỡ\xec ớ\xed ợ\xee ù\xef ủ\xf1 ũ\xf2 ú\xf3 ụ\xf4 "
        "ư\xad ừ\xf5 ử\xf6 ữ\xf7 ứ\xf8 ự\xf9 ỳ\xfa ỷ\xfb ỹ\xfc ý\xfd ỵ\xfe")
TCVN3_LOWER = {p[0]: ord(p[1]) for p in _LOW.split()}
TCVN3_CAP = {'Ă': 0xA1, 'Â': 0xA2, 'Ê': 0xA3, 'Ô': 0xA4, 'Ơ': 0xA5, 'Ư': 0xA6, 'Đ': 0xA7}
TCVN3_DECODE = {v: k for k, v in TCVN3_LOWER.items()}
TCVN3_DECODE.update({v: k for k, v in TCVN3_CAP.items()})

def tcvn3_decode(b):
    return ''.join(TCVN3_DECODE.get(x, chr(x)) for x in b)

def is_caps_line(line):
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)

# ---- edit distance (numpy rows, insertion pass via cumulative minimum) ----
def levenshtein(a, b):
    """a, b: sequences of hashables. Returns edit distance."""
    if len(a) == 0:
        return len(b)
    if len(b) == 0:
        return len(a)
    ids = {}
    A = np.array([ids.setdefault(x, len(ids)) for x in a], dtype=np.int64)
    B = np.array([ids.setdefault(x, len(ids)) for x in b], dtype=np.int64)
    n = len(B)
    prev = np.arange(n + 1, dtype=np.int64)
    j = np.arange(n + 1, dtype=np.int64)
    for i in range(1, len(A) + 1):
        cur = np.empty(n + 1, dtype=np.int64)
        cur[0] = i
        sub = prev[:-1] + (B != A[i - 1])
        cur[1:] = np.minimum(prev[1:] + 1, sub)
        cur = np.minimum.accumulate(cur - j) + j
        prev = cur
    return int(prev[-1])

def words(text):
    return text.split()

def syllable_like(tok):
    return any(c.isalpha() for c in tok)
