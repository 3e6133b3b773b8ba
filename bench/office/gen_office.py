#!/usr/bin/python3
"""Office-made reports for issues 21 (Word) and 26 (legacy-font PDFs).

Writes OUT/src/NAME.docx with python-docx (Unicode, or TCVN3 .VnTime/.VnTimeH and VNI-Times
runs mixed with Unicode runs), converts some with LibreOffice headless to .doc, .odt, .html
and .pdf, adds a few broken Word files, and writes OUT/truth.json:
  {"files": [{"file", "kind", "report", "encoding", "paragraphs": [...],
              "tables": [{"id", "columns": [[header path]], "rows": [{"stt","unit","values"}],
                          "total": {"label","values"}}]}],
   "broken": [{"file", "what"}]}
Usage: gen_office.py --seed N --reports K OUT
"""
import argparse, json, os, random, shutil, subprocess, sys, unicodedata
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml import OxmlElement
from docx.shared import Pt, Cm

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import legacy

PROVINCES = ['Hà Giang', 'Sóc Trăng', 'Phú Thọ', 'Kon Tum', 'Bạc Liêu', 'Lạng Sơn', 'Quảng Trị',
             'Hậu Giang', 'Điện Biên', 'Ninh Thuận', 'Yên Bái', 'Bình Phước']
DISTRICTS = ['Mường Khương', 'Tân Uyên', 'Đầm Dơi', 'Phú Tân', 'Vĩnh Lợi', 'Đông Hải', 'Hòa Bình',
             'Giá Rai', 'Hồng Dân', 'Cao Lộc', 'Lộc Bình', 'Tràng Định', 'Bắc Sơn', 'Văn Lãng',
             'Cam Lộ', 'Hướng Hóa', 'Đakrông', 'Triệu Phong', 'Gio Linh', 'Thanh Sơn', 'Yên Lập']
DEPTS = ['Sở Tư pháp', 'Sở Nội vụ', 'Sở Tài chính', 'Sở Xây dựng', 'Sở Công Thương',
         'Sở Giao thông vận tải', 'Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Sở Tài nguyên và Môi trường',
         'Sở Kế hoạch và Đầu tư', 'Sở Lao động - Thương binh và Xã hội', 'Sở Thông tin và Truyền thông',
         'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Văn hóa, Thể thao và Du lịch',
         'Sở Khoa học và Công nghệ', 'Ban Quản lý các khu công nghiệp', 'Công an tỉnh',
         'Bảo hiểm xã hội tỉnh', 'Ban Dân tộc', 'Thanh tra tỉnh']


def fmt_int(n):
    return f'{n:,}'.replace(',', '.')


def fmt_pct(x, nd):
    s = f'{x:.{nd}f}'.replace('.', ',')
    return s


# ---------------------------------------------------------------- table models
def table_received(rng):
    """PL-I style: received / resolved / pending with varied columns and levels."""
    with_early = rng.random() < 0.7
    pend_split = rng.random() < 0.6
    new_first = rng.random() < 0.3
    trong_do = rng.random() < 0.5          # third header level "Trong đó"
    extra = rng.choice([None, None, 'online', 'returned'])
    g_recv = rng.choice(['Số hồ sơ nhận giải quyết', 'Tiếp nhận', 'Số hồ sơ tiếp nhận'])
    g_res = rng.choice(['Số hồ sơ đã giải quyết', 'Đã giải quyết', 'Kết quả giải quyết'])
    g_pen = rng.choice(['Số hồ sơ đang giải quyết', 'Đang giải quyết', 'Chưa giải quyết xong'])
    carry = rng.choice(['Kỳ trước chuyển sang', 'Từ kỳ trước chuyển qua', 'Tồn kỳ trước'])
    new = rng.choice(['Mới tiếp nhận', 'Tiếp nhận mới trong kỳ', 'Mới tiếp nhận trong kỳ'])
    tot = rng.choice(['Tổng số', 'Tổng'])
    early = 'Trước hạn'
    ontime = rng.choice(['Đúng hạn', 'Đúng thời hạn'])
    late = rng.choice(['Quá hạn', 'Trễ hạn'])
    p_in = rng.choice(['Trong hạn', 'Chưa đến hạn'])
    p_late = rng.choice(['Quá hạn', 'Đã quá hạn'])
    # columns: list of (path, key)
    sub = (lambda g, leaf, first: [g, leaf] if (not trong_do or first) else [g, 'Trong đó', leaf])
    recv = [(sub(g_recv, tot, True), 'received_total')]
    rc = [(sub(g_recv, carry, False), 'received_carryover'), (sub(g_recv, new, False), 'received_new')]
    recv += (rc[::-1] if new_first else rc)
    if extra == 'online':
        recv.append((sub(g_recv, 'Trực tuyến', False), 'online'))
    res = [(sub(g_res, tot, True), 'resolved_total')]
    if with_early:
        res.append((sub(g_res, early, False), 'resolved_early'))
    res += [(sub(g_res, ontime, False), 'resolved_ontime'), (sub(g_res, late, False), 'resolved_late')]
    if pend_split:
        pen = [(sub(g_pen, tot, True), 'pending_total'), (sub(g_pen, p_in, False), 'pending_ontime'),
               (sub(g_pen, p_late, False), 'pending_overdue')]
    else:
        pen = [([g_pen], 'pending_total')]
    cols = recv + res + pen
    if extra == 'returned':
        cols.append((['Trả lại, rút hồ sơ'], 'returned'))
    if trong_do:   # the "Tổng số" leaves of a 3-level table sit under the group only
        pass
    def row(rng):
        scale = rng.choice([8, 40, 300, 2500])
        c = rng.randint(0, scale // 3)
        n = rng.randint(scale // 4, scale * 2)
        total = c + n
        ret = rng.randint(0, max(1, total // 40)) if extra == 'returned' else 0
        res_t = rng.randint(int(total * 0.6), total - ret)
        lt = rng.randint(0, max(0, res_t // 25))
        if with_early:
            er = rng.randint(0, res_t - lt)
            ot = res_t - lt - er
        else:
            er, ot = 0, res_t - lt
        pend = total - res_t - ret
        po = rng.randint(0, pend // 6) if pend else 0
        v = {'received_total': total, 'received_carryover': c, 'received_new': n,
             'online': rng.randint(0, n), 'resolved_total': res_t, 'resolved_early': er,
             'resolved_ontime': ot, 'resolved_late': lt, 'pending_total': pend,
             'pending_ontime': pend - po, 'pending_overdue': po, 'returned': ret}
        return [v[k] for _, k in cols]
    return 'received', cols, row


def table_satisfaction(rng):
    g1 = rng.choice(['Hài lòng', 'Rất hài lòng và hài lòng'])
    g2 = rng.choice(['Không hài lòng', 'Chưa hài lòng'])
    n = rng.choice(['Số lượng', 'Số phiếu'])
    pct = rng.choice(['Tỷ lệ (%)', 'Tỷ lệ %', '%'])
    head = rng.choice(['Tổng số phiếu đánh giá', 'Số lượt đánh giá', 'Tổng số ý kiến'])
    cols = [([head], 'ratings_total'), ([g1, n], 'satisfied'), ([g1, pct], 'satisfied_pct'),
            ([g2, n], 'unsatisfied'), ([g2, pct], 'unsatisfied_pct')]
    def row(rng):
        t = rng.randint(5, 900)
        u = rng.randint(0, max(0, t // 30))
        s = t - u
        return [t, s, round(100 * s / t, 2), u, round(100 * u / t, 2)]
    return 'satisfaction', cols, row


def table_late(rng):
    a = rng.choice(['Trên Cổng Dịch vụ công quốc gia', 'Cổng DVC quốc gia'])
    b = rng.choice(['Trên Hệ thống thông tin giải quyết TTHC tỉnh', 'Hệ thống một cửa điện tử tỉnh'])
    g = rng.choice(['Số hồ sơ trễ hạn', 'Hồ sơ giải quyết quá hạn'])
    cols = [([g, a], 'late_national_portal'), ([g, b], 'late_provincial_system'),
            (['Chênh lệch'], 'difference')]
    def row(rng):
        x = rng.randint(0, 400)
        y = max(0, x - rng.randint(-20, 60))
        return [x, y, x - y]
    return 'late', cols, row


# ---------------------------------------------------------------- docx helpers
def set_font(run, name, size=None, bold=None, italic=None):
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rf = rpr.find(qn('w:rFonts'))
    if rf is None:
        rf = OxmlElement('w:rFonts')
        rpr.insert(0, rf)
    for a in ('w:ascii', 'w:hAnsi', 'w:cs', 'w:eastAsia'):
        rf.set(qn(a), name)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic


class Writer:
    """Writes Unicode text in the document's style: Unicode fonts, or legacy runs."""
    def __init__(self, rng, enc):
        self.rng, self.enc = rng, enc   # enc: 'unicode', 'tcvn3', 'vni'
        self.uni_font = rng.choice(['Times New Roman', 'Liberation Serif', 'Arial'])
        self.cell_size = 11

    def runs(self, par, text, size=13, bold=None, italic=None, caps=False, force_uni=False,
             mix=True):
        """Adds `text` to par.  caps: a capitals line (.VnTimeH when TCVN3)."""
        if caps:
            text = text.upper()
        if self.enc == 'unicode' or force_uni:
            set_font(par.add_run(text), self.uni_font, size, bold, italic)
            return
        parts = [text]
        # mix: part of a paragraph stays in a Unicode run (pasted text)
        if mix and not caps and len(text) > 60 and self.rng.random() < 0.3:
            cut = text.find(', ', len(text) // 3)
            if cut > 0:
                parts = [text[:cut + 2], text[cut + 2:]]
        for i, part in enumerate(parts):
            if i == 1:
                set_font(par.add_run(part), self.uni_font, size, bold, italic)
                continue
            if self.enc == 'tcvn3':
                if caps:
                    font = self.rng.choice(['.VnTimeH', '.VnArialH'] if size < 13 else ['.VnTimeH'])
                    enc = legacy.tcvn3(part, capitals_font=True)
                else:
                    font = '.VnTime'
                    enc = legacy.tcvn3(part)
            else:
                font = 'VNI-Times' if not caps else self.rng.choice(['VNI-Times', 'VNI-Helve'])
                enc = legacy.vni(part)
            if enc is None:
                set_font(par.add_run(part), self.uni_font, size, bold, italic)
            else:
                set_font(par.add_run(enc), font, size, bold, italic)


def para(doc_or_cell, w, text, align=None, **kw):
    p = doc_or_cell.add_paragraph()
    if align:
        p.alignment = align
    w.runs(p, text, **kw)
    return p


def set_cell(cell, w, text, bold=False, size=None, align=WD_ALIGN_PARAGRAPH.CENTER, caps=False,
             uni=False):
    cell.text = ''
    size = size or w.cell_size
    p = cell.paragraphs[0]
    p.alignment = align
    w.runs(p, text, size=size, bold=bold, caps=caps, force_uni=uni, mix=False)


def cell_borders(table):
    table.style = 'Table Grid'


def build_table(container, w, rng, spec, units, landscape):
    """Writes one appendix table; returns its truth."""
    kind, cols, rowf = spec
    depth = max(len(p) for p, _ in cols)
    ncol = 2 + len(cols)
    nrows_head = depth + (1 if rng.random() < 0.4 else 0)   # optional (1)(2)(3) numbering row
    numbering = nrows_head > depth
    body = [rowf(rng) for _ in units]
    total = [sum(r[i] for r in body) for i in range(len(cols))]
    pct_cols = [i for i, (_, k) in enumerate(cols) if k.endswith('_pct')]
    for i in pct_cols:   # total of a percent column is the share of the totals
        num = total[i - 1]
        total[i] = round(100 * num / total[0], 2) if total[0] else 0.0
    total_label = rng.choice(['Tổng cộng', 'TỔNG CỘNG', 'Tổng số', 'Cộng'])
    w.cell_size = 10 if (len(cols) > 8 and not landscape) or len(cols) > 11 else 11
    t = container.add_table(rows=nrows_head + len(units) + 1, cols=ncol)
    cell_borders(t)
    hcaps = w.enc == 'tcvn3' and rng.random() < 0.3   # header typed in .VnTimeH
    unit_head = rng.choice(['Tên đơn vị', 'Đơn vị', 'Cơ quan, đơn vị', 'Đơn vị giải quyết'])
    stt_head = rng.choice(['STT', 'TT', 'Số TT'])
    # STT and unit columns: vertical merges over the header rows
    for ci, txt in ((0, stt_head), (1, unit_head)):
        c = t.cell(0, ci).merge(t.cell(depth - 1, ci)) if depth > 1 else t.cell(0, ci)
        set_cell(c, w, txt, bold=True, caps=hcaps)
    # group headers: merge runs of equal prefixes per level
    for lvl in range(depth):
        j = 0
        while j < len(cols):
            path = cols[j][0]
            if lvl >= len(path):
                j += 1
                continue
            k = j
            while (k + 1 < len(cols) and len(cols[k + 1][0]) > lvl
                   and cols[k + 1][0][:lvl + 1] == path[:lvl + 1]):
                k += 1
            leaf = (lvl == len(path) - 1)
            bottom = depth - 1 if leaf else lvl
            c = t.cell(lvl, 2 + j)
            if k > j or bottom > lvl:
                c = c.merge(t.cell(bottom, 2 + k))
            set_cell(c, w, path[lvl], bold=True, caps=hcaps)
            j = k + 1
    if numbering:
        for ci in range(ncol):
            set_cell(t.cell(depth, ci), w, f'({ci + 1})', size=10)
    r0 = nrows_head
    stt_style = rng.choice(['arabic', 'arabic', 'dot'])
    rows_truth = []
    for i, (u, vals) in enumerate(zip(units, body)):
        stt = str(i + 1) + ('.' if stt_style == 'dot' else '')
        set_cell(t.cell(r0 + i, 0), w, stt)
        set_cell(t.cell(r0 + i, 1), w, u, align=WD_ALIGN_PARAGRAPH.LEFT)
        for j, v in enumerate(vals):
            s = fmt_pct(v, 2) if j in pct_cols else fmt_int(v)
            set_cell(t.cell(r0 + i, 2 + j), w, s, uni=rng.random() < 0.2)
        rows_truth.append({'stt': stt, 'unit': u, 'values': vals})
    tr = r0 + len(units)
    if rng.random() < 0.6:
        c = t.cell(tr, 0).merge(t.cell(tr, 1))
        set_cell(c, w, total_label, bold=True)
    else:
        set_cell(t.cell(tr, 1), w, total_label, bold=True)
    for j, v in enumerate(total):
        s = fmt_pct(v, 2) if j in pct_cols else fmt_int(v)
        set_cell(t.cell(tr, 2 + j), w, s, bold=True)
    # column widths
    width = 25.0 if landscape else 16.5
    uw = 5.5 if landscape else 4.0
    rest = (width - 1.0 - uw) / len(cols)
    for row in t.rows:
        for ci, c in enumerate(row.cells):
            c.width = Cm(1.0 if ci == 0 else uw if ci == 1 else rest)
    return {'kind': kind, 'columns': [p for p, _ in cols], 'keys': [k for _, k in cols],
            'header_caps': hcaps,
            'rows': rows_truth, 'total': {'label': total_label.upper() if hcaps and False else total_label,
                                          'values': total}}, body, total


NARR_OPEN = [
    'Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc báo cáo định kỳ kết quả giải quyết thủ tục hành chính, {org} báo cáo kết quả thực hiện {period} như sau:',
    'Căn cứ Quyết định số {qd}/QĐ-UBND ngày {day}/{mon}/{year} của Chủ tịch UBND tỉnh, {org} tổng hợp kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính {period} như sau:',
    'Trong {period}, công tác tiếp nhận và trả kết quả giải quyết thủ tục hành chính tại {org} tiếp tục được duy trì ổn định, đúng quy trình.',
]
NARR_RECV = [
    'Tổng số hồ sơ tiếp nhận trong kỳ là {recv} hồ sơ, trong đó kỳ trước chuyển sang {carry} hồ sơ, mới tiếp nhận {new} hồ sơ.',
    'Các cơ quan, đơn vị đã tiếp nhận {recv} hồ sơ (gồm {carry} hồ sơ từ kỳ trước chuyển qua và {new} hồ sơ mới), tăng so với cùng kỳ năm trước.',
]
NARR_RES = [
    'Số hồ sơ đã giải quyết là {res} hồ sơ, đạt tỷ lệ {respct}%; số hồ sơ giải quyết quá hạn là {late} hồ sơ. Hiện còn {pend} hồ sơ đang giải quyết.',
    'Đã giải quyết {res} hồ sơ, trong đó có {late} hồ sơ trễ hạn; còn {pend} hồ sơ đang trong thời gian giải quyết (chi tiết tại Phụ lục I kèm theo).',
]
NARR_SAT = [
    'Về mức độ hài lòng, có {rt} lượt đánh giá của tổ chức, công dân, trong đó {sat} lượt hài lòng, chiếm {satpct}%.',
    'Kết quả lấy ý kiến cho thấy {sat} trên tổng số {rt} phiếu đánh giá hài lòng với thái độ phục vụ của công chức.',
]
NARR_LATE = [
    'Số liệu hồ sơ trễ hạn giữa Cổng Dịch vụ công quốc gia và hệ thống của tỉnh còn chênh lệch {diff} hồ sơ, các đơn vị đang rà soát nguyên nhân.',
]
NARR_MISC = [
    'Các đơn vị đã thực hiện niêm yết công khai đầy đủ thủ tục hành chính tại trụ sở và trên Cổng thông tin điện tử của tỉnh.',
    'Một số hồ sơ đất đai còn chậm do phải xác minh nguồn gốc sử dụng đất và lấy ý kiến của nhiều cơ quan liên quan.',
    'Trong thời gian tới, đề nghị các sở, ngành và địa phương tiếp tục rà soát, đơn giản hóa thủ tục hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp.',
    'Việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính được triển khai nhưng tỷ lệ còn thấp, chưa đạt chỉ tiêu đề ra.',
    'Công chức tại bộ phận một cửa có tinh thần trách nhiệm, hướng dẫn tận tình, không để xảy ra tình trạng phiền hà, sách nhiễu.',
]


def make_report(rng, name, enc, outdir):
    prov = rng.choice(PROVINCES)
    month = rng.randint(1, 12)
    year = rng.randint(2003, 2022)
    quarterly = rng.random() < 0.3
    period = (f'quý {["I", "II", "III", "IV"][(month - 1) // 3]} năm {year}' if quarterly
              else f'tháng {month:02d} năm {year}' if rng.random() < 0.5 else f'tháng {month}/{year}')
    org = rng.choice(['Văn phòng UBND tỉnh', 'Trung tâm Phục vụ hành chính công tỉnh',
                      'Sở Nội vụ'])
    w = Writer(rng, enc)
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2)
    paragraphs = []   # truth: body paragraphs outside tables (heading lines, narrative)

    def P(text, truth=True, **kw):
        p = para(doc, w, text, **kw)
        if truth:
            paragraphs.append(text.upper() if kw.get('caps') else text)
        return p

    # heading: a borderless 2-column layout table (not an appendix)
    ht = doc.add_table(rows=2, cols=2)
    left1 = f'UBND TỈNH {prov.upper()}'
    left2 = org.upper() if org != 'Văn phòng UBND tỉnh' else 'VĂN PHÒNG'
    set_cell(ht.cell(0, 0), w, left1, size=12, caps=True)
    set_cell(ht.cell(1, 0), w, left2, size=12, bold=True, caps=True)
    set_cell(ht.cell(0, 1), w, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size=12, bold=True, caps=True)
    set_cell(ht.cell(1, 1), w, 'Độc lập - Tự do - Hạnh phúc', size=13, bold=True)
    num = rng.randint(12, 480)
    P(f'Số: {num}/BC-{rng.choice(["VP", "TTPVHCC", "SNV"])}', align=WD_ALIGN_PARAGRAPH.LEFT)
    P(f'{prov}, ngày {rng.randint(1, 28)} tháng {month} năm {year}', italic=True,
      align=WD_ALIGN_PARAGRAPH.RIGHT)
    P('Báo cáo', caps=True, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    P(f'Kết quả giải quyết thủ tục hành chính {period}', bold=True,
      align=WD_ALIGN_PARAGRAPH.CENTER)

    # units and tables
    nunits = rng.randint(5, 11)
    units = rng.sample(DEPTS, nunits - 2) + [f'UBND huyện {d}' for d in rng.sample(DISTRICTS, 2)]
    if rng.random() < 0.5:
        units = units[:len(units) - 2] + [f'UBND thành phố {rng.choice(["Hà Giang", "Sóc Trăng", "Việt Trì"])}'] + units[-2:]
    specs = [table_received(rng)]
    for extra in rng.sample([table_satisfaction, table_late], rng.choice([0, 1, 1, 2])):
        specs.append(extra(rng))
    # figures for the narrative come from the tables, so numbers are built first
    tables_truth, built = [], []
    stash = []
    for spec in specs:
        stash.append(spec)

    # narrative
    uni_appendix = enc != 'unicode' and rng.random() < 0.5   # legacy narrative, Unicode tables
    P('I. Kết quả giải quyết thủ tục hành chính', bold=True, caps=rng.random() < 0.3)
    P(rng.choice(NARR_OPEN).format(org=org, period=period, qd=rng.randint(100, 2500),
                                   day=rng.randint(1, 28), mon=rng.randint(1, 12), year=year - 1))
    doc_placeholder = len(doc.paragraphs)
    # build table data now (python-docx tables are added later, data needed for narrative)
    data = []
    rng2 = random.Random(rng.random())
    for spec in specs:
        kind, cols, rowf = spec
        data.append((spec, [rowf(rng2) for _ in units]))
    # Use the generated rows by replacing each spec's row function with a replay
    def replay(rows):
        it = iter(rows)
        return lambda _r: next(it)
    kinds = {}
    for spec, rows in data:
        keys = [k for _, k in spec[1]]
        tot = {k: sum(r[i] for r in rows) for i, k in enumerate(keys)}
        kinds[spec[0]] = tot
    rcv = kinds['received']
    P('- ' + rng.choice(NARR_RECV).format(recv=fmt_int(rcv['received_total']),
                                           carry=fmt_int(rcv['received_carryover']),
                                           new=fmt_int(rcv['received_new'])))
    P('- ' + rng.choice(NARR_RES).format(
        res=fmt_int(rcv['resolved_total']), late=fmt_int(rcv['resolved_late']),
        pend=fmt_int(rcv['pending_total']),
        respct=fmt_pct(100 * rcv['resolved_total'] / max(1, rcv['received_total']), 2)))
    if 'satisfaction' in kinds:
        s = kinds['satisfaction']
        P('- ' + rng.choice(NARR_SAT).format(rt=fmt_int(s['ratings_total']), sat=fmt_int(s['satisfied']),
                                              satpct=fmt_pct(100 * s['satisfied'] / max(1, s['ratings_total']), 2)))
    if 'late' in kinds:
        P('- ' + NARR_LATE[0].format(diff=fmt_int(abs(kinds['late']['difference']))))
    P('II. Nhận xét, đánh giá', bold=True, caps=rng.random() < 0.3)
    for m in rng.sample(NARR_MISC, rng.randint(2, 4)):
        P(m)
    P('Nơi nhận:', bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    P(rng.choice(['Chánh Văn phòng', 'Giám đốc', 'KT. Giám đốc']), caps=True, bold=True,
      align=WD_ALIGN_PARAGRAPH.RIGHT)

    # appendices
    roman = ['I', 'II', 'III']
    landscape_any = False
    for ti, (spec, rows) in enumerate(data):
        landscape = rng.random() < 0.5 or len(spec[1]) >= 10
        landscape_any |= landscape
        s = doc.add_section(WD_SECTION.NEW_PAGE)
        if landscape:
            s.orientation = WD_ORIENT.LANDSCAPE
            s.page_width, s.page_height = Cm(29.7), Cm(21)
        else:
            s.orientation = WD_ORIENT.PORTRAIT
            s.page_width, s.page_height = Cm(21), Cm(29.7)
        s.left_margin = s.right_margin = Cm(1.5)
        tw = Writer(rng, 'unicode' if uni_appendix else enc)
        tw.uni_font = w.uni_font
        heading = f'Phụ lục {roman[ti]}'
        title = {'received': f'KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH {period.upper()}',
                 'satisfaction': 'KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG CỦA TỔ CHỨC, CÁ NHÂN',
                 'late': 'SỐ HỒ SƠ TRỄ HẠN TRÊN CÁC HỆ THỐNG'}[spec[0]]
        hcap = rng.random() < 0.5
        para(doc, tw, heading, caps=hcap, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        paragraphs.append(heading.upper() if hcap else heading)
        para(doc, tw, title, caps=True, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        paragraphs.append(title)
        note = f'(Kèm theo Báo cáo số {num}/BC ngày {rng.randint(1, 28)}/{month}/{year})'
        para(doc, tw, note, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        paragraphs.append(note)
        nested = rng.random() < 0.3
        if nested:   # table inside a one-row layout table (with a side note cell sometimes)
            two = rng.random() < 0.4
            lt = doc.add_table(rows=1, cols=2 if two else 1)
            host = lt.cell(0, 0)
            host.paragraphs[0].text = ''
            if two:
                set_cell(lt.cell(0, 1), tw, 'Đơn vị tính: hồ sơ', size=10)
            container = host
        else:
            container = doc
        spec2 = (spec[0], spec[1], replay(rows))
        tt, body, total = build_table(container, tw, rng, spec2, units, landscape)
        container.add_paragraph()   # Word ends a cell and a document with a paragraph
        if nested:
            doc.add_paragraph()
        tt['id'] = f'PL-{roman[ti]}'
        tt['nested'] = nested
        tt['landscape'] = landscape
        tables_truth.append(tt)
        if nested and len(container.paragraphs) and container.paragraphs[0].text == '':
            pass
    path = os.path.join(outdir, name + '.docx')
    doc.save(path)
    # the table headers in .VnTimeH are capitals in the truth
    for tt in tables_truth:
        if tt.pop('header_caps'):
            tt['columns'] = [[x.upper() for x in p] for p in tt['columns']]
    return {'report': name, 'encoding': enc, 'uni_appendix': uni_appendix, 'province': prov,
            'paragraphs': [unicodedata.normalize('NFC', p) for p in paragraphs],
            'tables': tables_truth}


def soffice(fmt, files, outdir, fonts_conf=None):
    if not files:
        return
    env = dict(os.environ)
    profile = 'office_eval_lo'
    if fonts_conf:   # legacy-named fonts visible to this LibreOffice only
        env['FONTCONFIG_FILE'] = fonts_conf
        profile = 'office_eval_lo_fonts'
    cmd = ['soffice', '--headless', f'-env:UserInstallation=file:///tmp/{profile}',
           '--convert-to', fmt, '--outdir', outdir] + files
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=600, env=env)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--reports', type=int, default=6)
    ap.add_argument('out')
    a = ap.parse_args()
    rng = random.Random(a.seed)
    out = a.out
    if os.path.exists(out):
        shutil.rmtree(out)
    src = os.path.join(out, 'src')
    os.makedirs(src)
    reports = []
    encs = ['unicode', 'tcvn3', 'unicode', 'vni', 'tcvn3', 'unicode', 'tcvn3', 'vni']
    for i in range(a.reports):
        name = f'bc{a.seed % 1000:03d}_{i:02d}_{encs[i % len(encs)]}'
        reports.append(make_report(rng, name, encs[i % len(encs)], src))
    files = []
    idx = list(range(len(reports)))
    rng.shuffle(idx)
    # which conversions each report gets
    plan = {i: ['docx', 'pdf'] for i in idx}
    for j, i in enumerate(idx):
        plan[i].append(['doc', 'odt', 'html', 'doc', 'odt', 'html', 'doc'][j % 7])
    # legacy reports: every other one printed where the legacy fonts exist (by name)
    leg = [i for i in idx if reports[i]['encoding'] != 'unicode']
    named = set(leg[::2])
    import legacy_fonts
    conf = legacy_fonts.make(os.path.join(out, '..', 'fonts'))
    for fmt, lo in (('doc', 'doc:MS Word 97'), ('odt', 'odt'), ('html', 'html'), ('pdf', 'pdf')):
        sel = [os.path.join(src, reports[i]['report'] + '.docx') for i in idx
               if fmt in plan[i] and not (fmt == 'pdf' and i in named)]
        soffice(lo, sel, out)
    soffice('pdf', [os.path.join(src, reports[i]['report'] + '.docx') for i in idx if i in named],
            out, conf)
    for i in idx:
        r = reports[i]
        for fmt in plan[i]:
            f = r['report'] + '.' + fmt
            if fmt == 'docx':
                shutil.copy(os.path.join(src, f), os.path.join(out, f))
            legacy_doc = r['encoding'] != 'unicode'
            kind = {'docx': 'docx-legacy' if legacy_doc else 'docx-unicode',
                    'pdf': ('pdf-legacy-named' if i in named else 'pdf-legacy') if legacy_doc
                    else 'pdf-unicode'}.get(fmt, fmt)
            files.append(dict(r, file=f, kind=kind))
    # .doc/.odt: a table LibreOffice itself does not give back as a table is marked
    import copy, tempfile
    import verify_office
    tmp = tempfile.mkdtemp(prefix='office_gen_')
    for f in files:
        if f['kind'] in ('doc', 'odt'):
            f['tables'] = copy.deepcopy(f['tables'])
            lost = []
            verify_office.check_docx(verify_office.lo_to_docx(os.path.join(out, f['file']), tmp),
                                     f, [], lost)
            for tt in f['tables']:
                if tt['id'] in lost:
                    tt['roundtrip_lost'] = True
    shutil.rmtree(tmp)
    # broken Word files
    broken = []
    good = os.path.join(out, files[0]['file'].rsplit('.', 1)[0] + '.docx')
    data = open(os.path.join(src, reports[0]['report'] + '.docx'), 'rb').read()
    bdir = out
    def put(name, b, what):
        open(os.path.join(bdir, name), 'wb').write(b)
        broken.append({'file': name, 'what': what})
    put(f'hong{a.seed % 100:02d}_cut.docx', data[:len(data) * 2 // 5], 'truncated zip')
    put(f'hong{a.seed % 100:02d}_notzip.docx',
        bytes(random.Random(a.seed).randrange(256) for _ in range(6000)),
        'not a zip: random binary bytes named .docx')
    grng = random.Random(a.seed * 7 + 1)
    put(f'hong{a.seed % 100:02d}_rac.doc',
        bytes.fromhex('d0cf11e0a1b11ae1') + bytes(grng.randrange(256) for _ in range(20000)),
        '.doc: OLE signature then garbage')
    if a.reports > 6:
        z = bytearray(data)
        mid = len(z) // 2
        z[mid:mid + 400] = bytes(grng.randrange(256) for _ in range(400))
        put(f'hong{a.seed % 100:02d}_dirty.docx', bytes(z), 'zip with 400 garbage bytes in the middle')
    json.dump({'seed': a.seed, 'files': files, 'broken': broken}, open(os.path.join(out, 'truth.json'), 'w'),
              ensure_ascii=False, indent=1)
    print(f'{len(files)} files + {len(broken)} broken in {out}')


if __name__ == '__main__':
    main()
