"""Helpers shared by verify_office.py and score_office.py (no sohoa code used)."""
import re, unicodedata
import legacy

LEGACY_ONLY = set(chr(c) for c in range(0xa1, 0x100)) - set(
    'àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ')


def decode_run(text, font):
    f = (font or '').lower()
    if f.startswith('.vn') or f.startswith('vn3') or f.startswith('vn-'):
        return legacy.tcvn3_decode(text, upper=f.endswith('h'))
    if f.startswith('vni'):
        return legacy.vni_decode(text)
    return text


def run_font(r):
    from docx.oxml.ns import qn
    rpr = r._element.rPr
    if rpr is not None:
        rf = rpr.find(qn('w:rFonts'))
        if rf is not None:
            return rf.get(qn('w:ascii')) or rf.get(qn('w:hAnsi'))
    return None


def run_text(r):
    from docx.oxml.ns import qn
    out = []
    for ch in r._element:
        if ch.tag == qn('w:t'):
            out.append(ch.text or '')
        elif ch.tag == qn('w:softHyphen'):
            out.append('\xad')
        elif ch.tag == qn('w:tab'):
            out.append('\t')
        elif ch.tag in (qn('w:br'), qn('w:cr')):
            out.append('\n')
        elif ch.tag == qn('w:noBreakHyphen'):
            out.append('-')
    return ''.join(out)


def par_text(p, decode=True):
    if not decode:
        return p.text
    return unicodedata.normalize('NFC', ''.join(decode_run(run_text(r), run_font(r)) for r in p.runs))


def cell_text(c, decode=True):
    return '\n'.join(par_text(p, decode) for p in c.paragraphs).strip()


def docx_grids(doc, decode=True):
    """Every table (nested ones too) as a grid of cell texts, merged cells repeated."""
    out = []

    def walk(tables):
        for t in tables:
            grid = []
            for row in t.rows:
                grid.append([cell_text(c, decode) for c in row.cells])
            out.append(grid)
            for row in t.rows:
                for c in row.cells:
                    if c.tables:
                        walk(c.tables)
    walk(doc.tables)
    return out


def parse_num(s):
    if s is None:
        return None
    if isinstance(s, (int, float)):
        return float(s)
    s = str(s).strip().replace(' ', '').rstrip('%')
    if not s:
        return None
    if re.fullmatch(r'-?\d{1,3}(\.\d{3})+', s):
        return float(s.replace('.', ''))
    if re.fullmatch(r'-?\d+(,\d+)?', s):
        return float(s.replace(',', '.'))
    if re.fullmatch(r'-?\d+\.\d+', s):
        return float(s)
    return None


def norm(s):
    s = unicodedata.normalize('NFC', str(s or '')).lower()
    s = re.sub(r'\s+', ' ', s).strip().strip('.:').strip()
    return s


def norm_path(path):
    return '/'.join(norm(x) for x in path if norm(x) not in ('trong đó', 'trong đó:', ''))


def is_total(label):
    n = norm(label)
    return n in ('tổng cộng', 'tổng số', 'cộng', 'tổng')


def grid_to_tables(grid):
    """A naive reading of one table grid: header rows until the first data row, header path
    per column from the distinct texts down the header, unit from column 1."""
    if not grid or max(len(r) for r in grid) < 3:
        return []
    ncol = max(len(r) for r in grid)
    grid = [r + [''] * (ncol - len(r)) for r in grid]
    first = None
    for i, r in enumerate(grid):
        nums = sum(1 for x in r[2:] if parse_num(x) is not None)
        if nums >= max(1, (ncol - 2) // 2) and not re.fullmatch(r'\(\d+\)', r[2].strip()):
            first = i
            break
    if first is None:
        return []
    head = [r for r in grid[:first] if not all(re.fullmatch(r'\(?\w{0,3}\)?', x.strip()) for x in r)]
    cols = []
    for j in range(2, ncol):
        path = []
        for r in head:
            t = r[j].replace('\n', ' ').strip()
            if t and (not path or path[-1] != t):
                path.append(t)
        cols.append({'header': path})
    rows, total = [], None
    for r in grid[first:]:
        label = r[1].replace('\n', ' ').strip() or r[0].strip()
        vals = [parse_num(x) for x in r[2:]]
        if is_total(r[0]) or is_total(r[1]):
            total = {'label': label, 'values': vals}
        else:
            rows.append({'stt': r[0], 'unit': label, 'values': vals})
    return [{'columns': cols, 'rows': rows, 'total': total}]
