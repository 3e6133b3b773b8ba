"""Legacy Vietnamese 8-bit encodings, written for this eval set from published charts.

TCVN3 (ABC, the .VnTime/.VnTimeH fonts): one byte per letter; only the seven capitals
Ă Â Ê Ô Ơ Ư Đ have codes, other capitals are typed in the "H" font (.VnTimeH) whose
lower-case codes draw capitals.  VNI (VNI-Times): base letter followed by mark bytes.
Word stores such text as the characters U+0000..U+00FF of the bytes (cp1252 = latin-1
above 0xA0, the only range used here).
"""
import unicodedata

_TCVN3_LOWER = {
    'à': 0xb5, 'ả': 0xb6, 'ã': 0xb7, 'á': 0xb8, 'ạ': 0xb9,
    'ă': 0xa8, 'ằ': 0xbb, 'ẳ': 0xbc, 'ẵ': 0xbd, 'ắ': 0xbe, 'ặ': 0xc6,
    'â': 0xa9, 'ầ': 0xc7, 'ẩ': 0xc8, 'ẫ': 0xc9, 'ấ': 0xca, 'ậ': 0xcb,
    'è': 0xcc, 'ẻ': 0xce, 'ẽ': 0xcf, 'é': 0xd0, 'ẹ': 0xd1,
    'ê': 0xaa, 'ề': 0xd2, 'ể': 0xd3, 'ễ': 0xd4, 'ế': 0xd5, 'ệ': 0xd6,
    'ì': 0xd7, 'ỉ': 0xd8, 'ĩ': 0xdc, 'í': 0xdd, 'ị': 0xde,
    'ò': 0xdf, 'ỏ': 0xe1, 'õ': 0xe2, 'ó': 0xe3, 'ọ': 0xe4,
    'ô': 0xab, 'ồ': 0xe5, 'ổ': 0xe6, 'ỗ': 0xe7, 'ố': 0xe8, 'ộ': 0xe9,
    'ơ': 0xac, 'ờ': 0xea, 'ở': 0xeb, 'ỡ': 0xec, 'ớ': 0xed, 'ợ': 0xee,
    'ù': 0xef, 'ủ': 0xf1, 'ũ': 0xf2, 'ú': 0xf3, 'ụ': 0xf4,
    'ư': 0xad, 'ừ': 0xf5, 'ử': 0xf6, 'ữ': 0xf7, 'ứ': 0xf8, 'ự': 0xf9,
    'ỳ': 0xfa, 'ỷ': 0xfb, 'ỹ': 0xfc, 'ý': 0xfd, 'ỵ': 0xfe, 'đ': 0xae,
}
_TCVN3_UPPER = {'Ă': 0xa1, 'Â': 0xa2, 'Ê': 0xa3, 'Ô': 0xa4, 'Ơ': 0xa5, 'Ư': 0xa6, 'Đ': 0xa7}

# VNI: vowel+tone = base letters + mark byte(s); lower-case marks, upper-case marks.
_VNI_TONE = {'\u0301': ('\xf9', '\xd9'), '\u0300': ('\xf8', '\xd8'), '\u0309': ('\xfb', '\xdb'),
             '\u0303': ('\xf5', '\xd5'), '\u0323': ('\xef', '\xcf')}
# tone after â/ê/ô (circumflex) and ă (breve) use their own combined bytes
_VNI_CIRC = {None: ('\xe2', '\xc2'), '\u0301': ('\xe1', '\xc1'), '\u0300': ('\xe0', '\xc0'),
             '\u0309': ('\xe5', '\xc5'), '\u0303': ('\xe3', '\xc3'), '\u0323': ('\xe4', '\xc4')}
_VNI_BREVE = {None: ('\xea', '\xca'), '\u0301': ('\xe9', '\xc9'), '\u0300': ('\xe8', '\xc8'),
              '\u0309': ('\xfa', '\xda'), '\u0303': ('\xfc', '\xdc'), '\u0323': ('\xeb', '\xcb')}
_VNI_I = {'\u0301': ('\xed', '\xcd'), '\u0300': ('\xec', '\xcc'), '\u0309': ('\xe6', '\xc6'),
          '\u0303': ('\xf3', '\xd3'), '\u0323': ('\xf2', '\xd2')}
_VNI_Y_DOT = ('\xee', '\xce')


def tcvn3(text, capitals_font=False):
    """Unicode -> the characters Word stores for a .VnTime run (or .VnTimeH when
    capitals_font: the text is upper case and typed with lower-case codes).
    Returns None when the text cannot be typed in TCVN3."""
    out = []
    src = text.lower() if capitals_font else text
    for ch in unicodedata.normalize('NFC', src):
        if ord(ch) < 0x80:
            out.append(ch)
        elif ch in _TCVN3_LOWER:
            out.append(chr(_TCVN3_LOWER[ch]))
        elif ch in _TCVN3_UPPER:
            out.append(chr(_TCVN3_UPPER[ch]))
        else:
            return None
    return ''.join(out)


def vni(text):
    out = []
    for ch in unicodedata.normalize('NFC', text):
        if ord(ch) < 0x80:
            out.append(ch)
            continue
        up = ch.isupper()
        k = 1 if up else 0
        if ch.lower() == 'đ':
            out.append('\xd1' if up else '\xf1')
            continue
        d = unicodedata.normalize('NFD', ch)
        base, marks = d[0], d[1:]
        tone = next((m for m in marks if m in _VNI_TONE), None)
        shape = next((m for m in marks if m in ('\u0302', '\u0306', '\u031b')), None)
        if base.lower() not in 'aeiouy':
            return None
        if shape == '\u031b':  # horn: ơ ư are single bytes
            out.append({'o': ('\xf4', '\xd4'), 'u': ('\xf6', '\xd6')}[base.lower()][k])
            if tone:
                out.append(_VNI_TONE[tone][k])
        elif shape == '\u0302':
            out.append(base)
            out.append(_VNI_CIRC[tone][k])
        elif shape == '\u0306':
            out.append(base)
            out.append(_VNI_BREVE[tone][k])
        elif base.lower() == 'i':
            out.append(_VNI_I[tone][k])
        elif base.lower() == 'y' and tone == '\u0323':
            out.append(base)
            out.append(_VNI_Y_DOT[k])
        else:
            out.append(base)
            if tone:
                out.append(_VNI_TONE[tone][k])
    return ''.join(out)


def tcvn3_decode(s, upper=False):
    inv = {v: k for k, v in _TCVN3_LOWER.items()}
    inv.update({v: k for k, v in _TCVN3_UPPER.items()})
    r = ''.join(inv.get(ord(c), c) for c in s)
    return r.upper() if upper else r


def vni_decode(s):
    """Inverse of vni() for checking the generator (greedy, longest mark first)."""
    tables = []
    for base in 'aeiouyAEIOUY':
        pass
    # build reverse by encoding every Vietnamese letter
    letters = ('aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợ'
               'uùủũúụưừửữứựyỳỷỹýỵđ')
    rev = {}
    for ch in letters + letters.upper():
        e = vni(ch)
        if e != ch:
            rev[e] = ch
    keys = sorted(rev, key=len, reverse=True)
    out, i = [], 0
    while i < len(s):
        for kk in keys:
            if s.startswith(kk, i):
                out.append(rev[kk])
                i += len(kk)
                break
        else:
            out.append(s[i])
            i += 1
    return unicodedata.normalize('NFC', ''.join(out))
