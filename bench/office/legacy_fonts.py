"""Copies of Liberation fonts renamed to legacy family names (.VnTime, .VnTimeH, .VnArialH,
VNI-Times, VNI-Helve), so that a PDF LibreOffice prints keeps the legacy font name, as a PDF
printed on a machine that had those fonts does.  The glyphs stay Liberation's (Latin-1
shapes), so the page looks like the fallback case; only the font name carries the evidence.
Needs fontTools (Debian python3-fonttools).  Used through FONTCONFIG_FILE for LibreOffice only."""
import os
from fontTools.ttLib import TTFont

SRC = '/usr/share/fonts/truetype/liberation'
MAP = {'.VnTime': 'LiberationSerif', '.VnTimeH': 'LiberationSerif', '.VnArialH': 'LiberationSans',
       'VNI-Times': 'LiberationSerif', 'VNI-Helve': 'LiberationSans'}
STYLES = {'Regular': 'Regular', 'Bold': 'Bold', 'Italic': 'Italic', 'BoldItalic': 'Bold Italic'}


def make(dirpath):
    os.makedirs(dirpath, exist_ok=True)
    for fam, src in MAP.items():
        for st, stname in STYLES.items():
            out = os.path.join(dirpath, f'{fam.lstrip(".")}-{st}.ttf')  # no dot files: fontconfig skips them
            if os.path.exists(out):
                continue
            f = TTFont(os.path.join(SRC, f'{src}-{st}.ttf'))
            ps = fam + ('' if st == 'Regular' else '-' + st)
            for rec in f['name'].names:
                if rec.nameID in (1, 16):
                    rec.string = fam
                elif rec.nameID == 4:
                    rec.string = fam if st == 'Regular' else f'{fam} {stname}'
                elif rec.nameID == 6:
                    rec.string = ps
                elif rec.nameID == 3:
                    rec.string = ps + ';eval'
            f.save(out)
    conf = os.path.join(dirpath, 'fonts.conf')
    with open(conf, 'w') as fh:
        fh.write('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                 '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                 f'  <dir>{os.path.abspath(dirpath)}</dir>\n'
                 f'  <cachedir>{os.path.abspath(dirpath)}/cache</cachedir>\n</fontconfig>\n')
    return conf
