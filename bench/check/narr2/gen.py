#!/usr/bin/python3
"""narr2: narrative parts of Vietnamese administrative-procedure reports with figures of
several scopes (period x subject), some with one planted inconsistency within one scope.

Written from the seed reports, README and docs/check.md only (not from pipeline/ or tests/).

    gen.py --out DIR --seed N --count N [--fault-share 0.45]

Writes NAME.txt / NAME.md / NAME.docx and NAME.truth.json per report. The truth lists every
figure as written (mentions), the relations between them that the text states (sums,
percentages, appendix = narrative), the scopes, and the fault (or null).
"""
import argparse, json, os, random, re

# ---------------------------------------------------------------- numbers

def fmt_int(v, style):
    """style: dot (12.746), plain (12746), pad (09 for small)"""
    if style == 'pad' and 0 < v < 10:
        return '%02d' % v
    if style == 'plain':
        return str(v)
    s = str(v)
    out = ''
    while len(s) > 3:
        out = '.' + s[-3:] + out
        s = s[:-3]
    return s + out


def fmt_pct(v, dec, dot=False):
    s = ('%.' + str(dec) + 'f') % v
    return s if dot else s.replace('.', ',')


UNITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín']


def words_vi(n):
    assert 0 <= n < 1000
    if n < 10:
        return UNITS[n]
    if n < 100:
        t, u = divmod(n, 10)
        head = 'mười' if t == 1 else UNITS[t] + ' mươi'
        if u == 0:
            return head
        if u == 5:
            return head + ' lăm'
        if u == 1 and t > 1:
            return head + ' mốt'
        return head + ' ' + UNITS[u]
    h, r = divmod(n, 100)
    s = UNITS[h] + ' trăm'
    if r == 0:
        return s
    if r < 10:
        return s + ' linh ' + UNITS[r]
    return s + ' ' + words_vi(r)


# ---------------------------------------------------------------- model

FIELDS = ['recv', 'carry', 'new', 'online', 'direct', 'postal', 'resolved', 'early', 'ontime',
          'late', 'pending', 'pend_ok', 'pend_over', 'returned']


def leaf_block(rng, scale, returned=False, postal=False, spread=(0.4, 1.6)):
    recv = max(6, int(scale * rng.uniform(*spread)))
    carry = int(recv * rng.uniform(0.04, 0.3))
    new = recv - carry
    online = int(new * rng.uniform(0.05, 0.75))
    post = int((new - online) * rng.uniform(0.0, 0.06)) if postal else 0
    direct = new - online - post
    ret = int(recv * rng.uniform(0.0, 0.012)) if returned else 0
    pending = int((recv - ret) * rng.uniform(0.05, 0.3))
    resolved = recv - ret - pending
    late = int(resolved * rng.choice([0, 0, 0.002, 0.006, 0.015, 0.03]))
    early = int((resolved - late) * rng.uniform(0.55, 0.97))
    ontime = resolved - late - early
    pend_over = int(pending * rng.choice([0, 0, 0.01, 0.04]))
    pend_ok = pending - pend_over
    return dict(recv=recv, carry=carry, new=new, online=online, direct=direct, postal=post,
                resolved=resolved, early=early, ontime=ontime, late=late, pending=pending,
                pend_ok=pend_ok, pend_over=pend_over, returned=ret)


def sum_blocks(bs):
    return {f: sum(b[f] for b in bs) for f in FIELDS}


def check_block(b):
    assert b['recv'] == b['carry'] + b['new']
    assert b['new'] == b['online'] + b['direct'] + b['postal']
    assert b['resolved'] == b['early'] + b['ontime'] + b['late']
    assert b['recv'] == b['resolved'] + b['pending'] + b['returned']
    assert b['pending'] == b['pend_ok'] + b['pend_over']


# ---------------------------------------------------------------- text with mentions

class Doc:
    def __init__(self, rng):
        self.rng = rng
        self.parts = []        # strings with markers \x00N\x01
        self.mentions = []     # dicts
        self.values = {}       # key -> true value
        self.scopes = {}
        self.relations = []
        self.numstyle = 'dot'

    def scope(self, sid, period, subject, **kw):
        self.scopes[sid] = dict(period=period, subject=subject, **kw)
        return sid

    def setv(self, sid, field, v):
        self.values[sid + ':' + field] = v

    def m(self, sid, field, kind='int', dec=1, words=False, style=None, pctdot=False):
        """A mention of scope:field; returns the marker to put in the text."""
        key = sid + ':' + field
        v = self.values[key]
        if kind == 'pct':
            v = round(v + 1e-9, dec)
        if words and v >= 1000:
            words = False
        mid = len(self.mentions)
        self.mentions.append(dict(id=mid, key=key, scope=sid, field=field, kind=kind, dec=dec,
                                  value=v, words=words, style=style or self.numstyle,
                                  pctdot=pctdot))
        return '\x00%d\x01' % mid

    def surface(self, mt, value):
        if mt['kind'] == 'pct':
            return fmt_pct(value, mt['dec'], mt['pctdot'])
        if mt['words'] == 'only':
            return words_vi(value)
        if mt['words'] == 'paren':
            return '%s (%s)' % (fmt_int(value, 'pad'), words_vi(value))
        return fmt_int(value, mt['style'])

    def rel_sum(self, name, total, parts, scope):
        self.relations.append(dict(kind='sum', name=name, total=total, parts=parts, scope=scope))

    def rel_pct(self, name, pct, num, den, scope):
        self.relations.append(dict(kind='pct', name=name, pct=pct, num=num, den=den, scope=scope))

    def rel_eq(self, name, a, b, scope):
        self.relations.append(dict(kind='eq', name=name, a=a, b=b, scope=scope))

    def add(self, text):
        self.parts.append(text)


def pct_of(num, den, dec):
    return round(100.0 * num / den + 1e-9, dec) if den else 0.0


# ---------------------------------------------------------------- names

PROVINCES = ['Sóc Trăng', 'Hà Nam', 'Bạc Liêu', 'Hậu Giang', 'Vĩnh Long', 'Ninh Bình', 'Quảng Trị',
             'Phú Yên', 'Tuyên Quang', 'Kon Tum', 'Bến Tre', 'Đắk Nông', 'Lào Cai', 'Thái Bình']
DISTRICTS = ['huyện Kế Sách', 'huyện Mỹ Tú', 'thị xã Vĩnh Châu', 'huyện Trần Đề', 'thành phố Sóc Trăng',
             'huyện Châu Thành', 'huyện Long Phú', 'huyện Cù Lao Dung', 'thị xã Ngã Năm',
             'huyện Thạnh Trị', 'huyện Duy Tiên', 'huyện Lý Nhân', 'huyện Kim Bảng', 'huyện Bình Lục',
             'huyện Thanh Liêm', 'huyện Gia Viễn', 'huyện Nho Quan', 'huyện Yên Mô']
COMMUNES = ['xã An Hiệp', 'xã Phú Tâm', 'xã Thuận Hòa', 'thị trấn Châu Thành', 'xã Hồ Đắc Kiện',
            'xã Phú Tân', 'xã Thiện Mỹ', 'xã An Ninh', 'xã Nam Phương', 'xã Đồng Hóa', 'xã Thanh Hà',
            'xã Liêm Tuyền', 'xã Tân Sơn', 'thị trấn Kiện Khê', 'xã Liêm Cần', 'xã Thanh Nguyên']
DEPTS = ['Sở Tư pháp', 'Sở Giao thông vận tải', 'Sở Kế hoạch và Đầu tư', 'Sở Tài nguyên và Môi trường',
         'Sở Xây dựng', 'Sở Y tế', 'Sở Công Thương', 'Sở Nông nghiệp và PTNT',
         'Sở Lao động - Thương binh và Xã hội', 'Sở Giáo dục và Đào tạo', 'Sở Nội vụ',
         'Sở Văn hóa, Thể thao và Du lịch', 'Sở Thông tin và Truyền thông', 'Sở Tài chính',
         'Sở Khoa học và Công nghệ', 'Công an tỉnh', 'Ban Quản lý các Khu công nghiệp']
ROMAN = {1: 'I', 2: 'II', 3: 'III', 4: 'IV'}


# ---------------------------------------------------------------- periods

def period_labels(rng, kind, y, n):
    """kind month/quarter/half/year; n month or quarter number. Returns (short, long) labels."""
    if kind == 'month':
        return rng.choice(['tháng %d/%d' % (n, y), 'tháng %d năm %d' % (n, y), 'tháng %02d/%d' % (n, y)])
    if kind == 'quarter':
        return rng.choice(['quý %s/%d' % (ROMAN[n], y), 'quý %s năm %d' % (ROMAN[n], y), 'quý %d/%d' % (n, y)])
    if kind == 'half':
        return rng.choice(['6 tháng đầu năm %d' % y, '06 tháng đầu năm %d' % y, 'sáu tháng đầu năm %d' % y])
    if kind == 'year':
        return rng.choice(['năm %d' % y])
    if kind == 'ytd':
        return rng.choice(['lũy kế từ đầu năm đến nay', 'lũy kế từ đầu năm %d' % y,
                           'tính từ đầu năm đến ngày 15/%d/%d' % (n, y), 'từ ngày 01/01/%d đến nay' % y])
    if kind == 'nine':
        return '9 tháng đầu năm %d' % y
    raise ValueError(kind)


def cap(s):
    return s[0].upper() + s[1:]


# ---------------------------------------------------------------- block renderers
# each appends paragraphs to doc; `who` is the subject phrase ("Trung tâm", "toàn tỉnh", ...)

def R_seed000(doc, s, who, per, bullet):
    M = doc.m
    b = doc.values
    doc.add('%s %s đã nhận được %s hồ sơ TTHC, trong đó: ' % (bullet[0], who, M(s, 'recv')))
    doc.add('%s Kỳ trước chuyển sang: %s hồ sơ, tiếp nhận mới: %s hồ sơ;' % (bullet[1], M(s, 'carry'), M(s, 'new')))
    late = b[s + ':late']
    txt = '%s Đã giải quyết %s hồ sơ (chiếm %s%% trên tổng số %s hồ sơ); trong đó, trả hồ sơ trước hạn và đúng hạn là %s hồ sơ, chiếm %s%%; ' % (
        bullet[1], M(s, 'resolved'), M(s, 'pct_res', 'pct', 2), M(s, 'recv'), M(s, 'eo'), M(s, 'pct_eo', 'pct', 2))
    if late:
        txt += 'số hồ sơ đã giải quyết trễ hạn %s hồ sơ (chiếm %s%%).' % (M(s, 'late', style='pad'), M(s, 'pct_late', 'pct', 2))
    else:
        txt += 'không có hồ sơ trễ hạn.'
    doc.add(txt)
    txt = '%s Đang giải quyết %s hồ sơ (chiếm %s %% trên tổng số %s hồ sơ)' % (bullet[1], M(s, 'pending'), M(s, 'pct_pend', 'pct', 2), M(s, 'recv'))
    if b[s + ':pend_over']:
        txt += '; trong đó, đang giải quyết còn hạn là %s hồ sơ; đang giải quyết quá hạn là %s hồ sơ.' % (M(s, 'pend_ok'), M(s, 'pend_over', style='pad'))
    else:
        txt += ', tất cả đều trong hạn giải quyết.'
    doc.add(txt)
    if b[s + ':returned']:
        doc.add('%s Có %s hồ sơ bị trả lại do nội dung chưa đạt yêu cầu hoặc do khách hàng rút hồ sơ.' % (bullet[1], M(s, 'returned', style='pad')))
    doc.add('%s Có %s hồ sơ tiếp nhận qua hình thức trực tuyến (chiếm %s%% trên tổng số %s hồ sơ).' % (
        bullet[1], M(s, 'online'), M(s, 'pct_online_recv', 'pct', 2), M(s, 'recv')))


def R_hanam(doc, s, who, per, bullet):
    M = doc.m
    b = doc.values
    p = ' + số qua dịch vụ bưu chính công ích %s hồ sơ' % M(s, 'postal') if b[s + ':postal'] else ''
    doc.add('Tổng số %s hồ sơ TTHC thuộc các lĩnh vực, trong đó: Số mới tiếp nhận trực tuyến %s hồ sơ; số mới tiếp nhận trực tiếp %s hồ sơ%s; số kỳ trước chuyển qua %s hồ sơ.' % (
        M(s, 'recv'), M(s, 'online'), M(s, 'direct'), p.replace(' + ', '; '), M(s, 'carry')))
    t = '%s Số hồ sơ đã giải quyết %s hồ sơ, trong đó: Trả trước hạn %s hồ sơ; trả đúng thời hạn %s hồ sơ' % (
        bullet[0], M(s, 'resolved'), M(s, 'early'), M(s, 'ontime'))
    t += '; quá hạn %s hồ sơ.' % M(s, 'late', style='pad') if b[s + ':late'] else '; không có hồ sơ quá hạn.'
    doc.add(t)
    if b[s + ':pend_over']:
        doc.add('%s Số hồ sơ đang giải quyết %s hồ sơ (trong hạn %s hồ sơ, quá hạn %s hồ sơ).' % (bullet[0], M(s, 'pending'), M(s, 'pend_ok'), M(s, 'pend_over', style='pad')))
    else:
        doc.add('%s Số hồ sơ đang giải quyết (chưa đến hạn) %s hồ sơ.' % (bullet[0], M(s, 'pending')))
    if b[s + ':returned']:
        doc.add('%s Số hồ sơ trả lại, công dân rút hồ sơ: %s hồ sơ.' % (bullet[0], M(s, 'returned', words='paren')))


def R_list(doc, s, who, per, bullet):
    M = doc.m
    b = doc.values
    doc.add('a) Tiếp nhận: tổng số hồ sơ tiếp nhận trong kỳ: %s hồ sơ.' % M(s, 'recv'))
    doc.add('   %s Từ kỳ trước chuyển sang: %s' % (bullet[0], M(s, 'carry')))
    extra = '; qua dịch vụ bưu chính công ích: %s' % M(s, 'postal') if b[s + ':postal'] else ''
    doc.add('   %s Tiếp nhận mới trong kỳ: %s (trực tuyến: %s; trực tiếp: %s%s)' % (bullet[0], M(s, 'new'), M(s, 'online'), M(s, 'direct'), extra))
    doc.add('b) Giải quyết: đã giải quyết %s hồ sơ, gồm:' % M(s, 'resolved'))
    doc.add('   • Trước hạn: %s hồ sơ' % M(s, 'early'))
    doc.add('   • Đúng hạn: %s hồ sơ' % M(s, 'ontime'))
    doc.add('   • Quá hạn: %s hồ sơ' % M(s, 'late', style='pad'))
    doc.add('   Tỷ lệ giải quyết đúng hạn (kể cả trước hạn) đạt %s%%.' % M(s, 'pct_eo', 'pct', rng_dec(doc)))
    r = ''
    if b[s + ':returned']:
        r = '; trả lại hoặc công dân rút hồ sơ: %s hồ sơ' % M(s, 'returned', style='pad')
    doc.add('c) Đang giải quyết: %s hồ sơ%s.' % (M(s, 'pending'), r))


def R_compact(doc, s, who, per, bullet):
    M = doc.m
    b = doc.values
    r = ', trả lại %s' % M(s, 'returned', style='pad') if b[s + ':returned'] else ''
    doc.add('%s %s, %s tiếp nhận %s hồ sơ (kỳ trước chuyển sang %s, mới %s), đã giải quyết %s (%s trước hạn, %s đúng hạn, %s quá hạn), đang giải quyết %s%s; tỷ lệ giải quyết trước và đúng hạn đạt %s%%.' % (
        bullet[0], cap(per), who, M(s, 'recv'), M(s, 'carry'), M(s, 'new'), M(s, 'resolved'), M(s, 'early'),
        M(s, 'ontime'), M(s, 'late', style='pad'), M(s, 'pending'), r, M(s, 'pct_eo', 'pct', rng_dec(doc))))


def R_news(doc, s, who, per, bullet):
    M = doc.m
    b = doc.values
    doc.add('%s, %s đã tiếp nhận %s hồ sơ (trong đó %s hồ sơ trực tuyến, chiếm %s%% số hồ sơ tiếp nhận mới); đã giải quyết %s hồ sơ, đạt tỷ lệ %s%%; trong đó giải quyết trước và đúng hạn %s hồ sơ (tỷ lệ %s%%), trễ hạn %s hồ sơ; đang giải quyết %s hồ sơ.' % (
        cap(per), who, M(s, 'recv'), M(s, 'online'), M(s, 'pct_online_new', 'pct', 1), M(s, 'resolved'),
        M(s, 'pct_res', 'pct', 1), M(s, 'eo'), M(s, 'pct_eo', 'pct', 2), M(s, 'late'), M(s, 'pending')))
    doc.add('Số hồ sơ tiếp nhận mới trong kỳ là %s hồ sơ, số từ kỳ trước chuyển sang %s hồ sơ.' % (M(s, 'new'), M(s, 'carry')))


def R_table_words(doc, s, who, per, bullet):
    """Numbered sub-items, numbers before their nouns, some in words."""
    M = doc.m
    b = doc.values
    doc.add('%s Số hồ sơ nhận giải quyết: %s hồ sơ' % (bullet[0], M(s, 'recv')))
    doc.add('  (gồm %s hồ sơ tồn kỳ trước và %s hồ sơ mới tiếp nhận);' % (M(s, 'carry'), M(s, 'new')))
    doc.add('%s Số hồ sơ đã giải quyết xong: %s hồ sơ, trong đó %s hồ sơ giải quyết trước hạn, %s hồ sơ đúng hạn và %s hồ sơ quá hạn;' % (
        bullet[0], M(s, 'resolved'), M(s, 'early'), M(s, 'ontime'),
        M(s, 'late', words='paren') if 0 < b[s + ':late'] < 100 else M(s, 'late')))
    doc.add('%s Số hồ sơ đang giải quyết: %s hồ sơ.' % (bullet[0], M(s, 'pending')))
    if b[s + ':returned']:
        doc.add('%s Số hồ sơ trả lại, rút hồ sơ: %s hồ sơ (đã tính trong tổng số nhận giải quyết).' % (bullet[0], M(s, 'returned')))


RENDERERS = [R_seed000, R_hanam, R_list, R_compact, R_news, R_table_words]
RET_RENDERERS = [R_hanam, R_list, R_compact, R_table_words]


def rng_dec(doc):
    return doc.rng.choice([1, 2])


def R_short(doc, s, who, per, lead=None):
    """Secondary period: recv, resolved, rate; sometimes carry/new."""
    M = doc.m
    rng = doc.rng
    v = rng.randrange(4)
    lead = lead or cap(per)
    if v == 0:
        doc.add('%s, %s tiếp nhận %s hồ sơ, đã giải quyết %s hồ sơ, đạt %s%%.' % (lead, who, M(s, 'recv'), M(s, 'resolved'), M(s, 'pct_res', 'pct', 1)))
    elif v == 1:
        doc.add('%s: tổng số hồ sơ tiếp nhận %s (kỳ trước chuyển sang %s, tiếp nhận mới %s); đã giải quyết %s hồ sơ, trong đó trước hạn %s, đúng hạn %s, quá hạn %s.' % (
            lead, M(s, 'recv'), M(s, 'carry'), M(s, 'new'), M(s, 'resolved'), M(s, 'early'), M(s, 'ontime'), M(s, 'late')))
    elif v == 2:
        doc.add('%s %s đã tiếp nhận %s hồ sơ; giải quyết %s hồ sơ (tỷ lệ trước và đúng hạn %s%%), còn %s hồ sơ đang giải quyết.' % (
            lead, who, M(s, 'recv'), M(s, 'resolved'), M(s, 'pct_eo', 'pct', 2), M(s, 'pending')))
    else:
        doc.add('%s, số hồ sơ đã giải quyết là %s hồ sơ trên tổng số %s hồ sơ tiếp nhận; số hồ sơ trễ hạn %s hồ sơ, chiếm %s%%.' % (
            lead, M(s, 'resolved'), M(s, 'recv'), M(s, 'late'), M(s, 'pct_late', 'pct', 2)))


def set_block(doc, sid, b):
    check_block(b)
    for f in FIELDS:
        doc.setv(sid, f, b[f])
    doc.setv(sid, 'eo', b['early'] + b['ontime'])
    r = b['resolved']
    doc.setv(sid, 'pct_res', 100.0 * r / b['recv'])
    doc.setv(sid, 'pct_pend', 100.0 * b['pending'] / b['recv'])
    doc.setv(sid, 'pct_eo', 100.0 * (b['early'] + b['ontime']) / r if r else 100.0)
    doc.setv(sid, 'pct_late', 100.0 * b['late'] / r if r else 0.0)
    doc.setv(sid, 'pct_online_new', 100.0 * b['online'] / b['new'])
    doc.setv(sid, 'pct_online_recv', 100.0 * b['online'] / b['recv'])


def block_relations(doc, s):
    v = doc.values
    K = lambda f: s + ':' + f
    doc.rel_sum('received = carried over + new', K('recv'), [K('carry'), K('new')], s)
    parts = [K('online'), K('direct')] + ([K('postal')] if v[K('postal')] else [])
    doc.rel_sum('new = online + in person (+ post)', K('new'), parts, s)
    doc.rel_sum('received = carried over + online + in person (+ post)', K('recv'), [K('carry')] + parts, s)
    doc.rel_sum('resolved = early + on time + late', K('resolved'), [K('early'), K('ontime'), K('late')], s)
    doc.rel_sum('resolved = (early and on time) + late', K('resolved'), [K('eo'), K('late')], s)
    doc.rel_sum('early and on time = early + on time', K('eo'), [K('early'), K('ontime')], s)
    parts = [K('resolved'), K('pending')] + ([K('returned')] if v[K('returned')] else [])
    doc.rel_sum('received = resolved + pending (+ returned)', K('recv'), parts, s)
    doc.rel_sum('pending = in time + overdue', K('pending'), [K('pend_ok'), K('pend_over')], s)
    doc.rel_pct('share resolved = resolved / received', K('pct_res'), [K('resolved')], K('recv'), s)
    doc.rel_pct('share pending = pending / received', K('pct_pend'), [K('pending')], K('recv'), s)
    doc.rel_pct('rate on time = (early + on time) / resolved', K('pct_eo'), [K('eo')], K('resolved'), s)
    doc.rel_pct('rate on time = (early + on time) / resolved', K('pct_eo'), [K('early'), K('ontime')], K('resolved'), s)
    doc.rel_pct('rate late = late / resolved', K('pct_late'), [K('late')], K('resolved'), s)
    doc.rel_pct('online share of new', K('pct_online_new'), [K('online')], K('new'), s)
    doc.rel_pct('online share of received', K('pct_online_recv'), [K('online')], K('recv'), s)


def scaled(rng, base, factor, **kw):
    return leaf_block(rng, max(8, int(base * factor)), **kw)


# ---------------------------------------------------------------- report kinds

def secondary_periods(rng, pkind, y, n):
    """[(sid, kind, label, factor)] of other periods stated in the report."""
    out = []
    if pkind == 'month':
        if n % 3 == 0 and rng.random() < 0.7:
            out.append(('quarter', period_labels(rng, 'quarter', y, n // 3), 3.0))
        if n > 1 and rng.random() < 0.7:
            out.append(('ytd', period_labels(rng, 'ytd', y, n), float(n)))
    elif pkind == 'quarter':
        out.append(('month', 'riêng ' + period_labels(rng, 'month', y, 3 * n), 0.34))
        if n >= 2 and rng.random() < 0.6:
            out.append(('ytd', period_labels(rng, 'nine' if n == 3 else 'half', y, n) if n in (2, 3) else period_labels(rng, 'year', y, n), float(n)))
    elif pkind == 'half':
        out.append(('quarter', 'riêng ' + period_labels(rng, 'quarter', y, 2), 0.5))
    elif pkind == 'year':
        out.append(('quarter', 'riêng ' + period_labels(rng, 'quarter', y, 4), 0.27))
    rng.shuffle(out)
    return out


def lastyear_label(rng, y, per):
    return rng.choice(['cùng kỳ năm %d' % (y - 1), 'cùng kỳ năm trước', 'cùng kỳ năm ngoái'])


def lastyear_para(doc, s, sly, per, who, y):
    """Comparison with last year: the last-year figures are their own scope."""
    M = doc.m
    rng = doc.rng
    ly = lastyear_label(rng, y, per)
    cur = doc.values[s + ':recv']
    old = doc.values[sly + ':recv']
    ch = 100.0 * (cur - old) / old
    doc.setv(s, 'chg_recv', abs(ch))
    word = 'tăng' if cur >= old else 'giảm'
    v = rng.randrange(3)
    if v == 0:
        doc.add('So với %s (tiếp nhận %s hồ sơ, đã giải quyết %s hồ sơ), số hồ sơ tiếp nhận %s %s%%.' % (
            ly, M(sly, 'recv'), M(sly, 'resolved'), word, M(s, 'chg_recv', 'pct', 1)))
    elif v == 1:
        doc.add('%s, %s tiếp nhận %s hồ sơ, giải quyết %s hồ sơ; đang giải quyết %s hồ sơ.' % (
            cap(ly), who, M(sly, 'recv'), M(sly, 'resolved'), M(sly, 'pending')))
    else:
        doc.add('Số hồ sơ tiếp nhận %s so với %s (%s hồ sơ).' % (word, ly, M(sly, 'recv')))
    doc.relations.append(dict(kind='pctchange', name='change on last year', pct=s + ':chg_recv',
                              cur=s + ':recv', old=sly + ':recv', scope=s, cross=True))


LEVEL_NAMES = {'tinh': 'cấp tỉnh', 'huyen': 'cấp huyện', 'xa': 'cấp xã'}


def render_levels(doc, total, levels, per, counts):
    """levels: [(sid, name)]; counts: how many units a level has (for the 'with 12 districts' style)."""
    M = doc.m
    rng = doc.rng
    v = rng.randrange(4)
    withlate = rng.random() < 0.4
    if v == 0:
        items = []
        for sid, name in levels:
            t = '%s tiếp nhận %s hồ sơ, giải quyết %s hồ sơ' % (name, M(sid, 'recv'), M(sid, 'resolved'))
            if withlate:
                t += ' (trễ hạn %s)' % M(sid, 'late')
            items.append(t)
        doc.add('Trong đó: ' + '; '.join(items) + '.')
    elif v == 1:
        b = rng.choice(['-', '+', '*'])
        for sid, name in levels:
            doc.add('%s %s: tiếp nhận %s hồ sơ; đã giải quyết %s hồ sơ; đang giải quyết %s hồ sơ.' % (
                b, cap(name), M(sid, 'recv'), M(sid, 'resolved'), M(sid, 'pending')))
    elif v == 2:
        for sid, name in levels:
            lead = 'Với %s' % name
            if name in counts:
                lead += ', ' + counts[name]
            t = '%s tiếp nhận %s hồ sơ, đã giải quyết %s hồ sơ' % (lead, M(sid, 'recv'), M(sid, 'resolved'))
            if withlate:
                t += ', trong đó trễ hạn %s hồ sơ' % M(sid, 'late')
            doc.add(t + '.')
    else:
        doc.add('Số hồ sơ tiếp nhận %s là %s hồ sơ (%s).' % (per, M(total, 'recv'), '; '.join(
            '%s %s' % (name, M(sid, 'recv')) for sid, name in levels)))
        doc.add('Số hồ sơ đã giải quyết là %s hồ sơ (%s).' % (M(total, 'resolved'), '; '.join(
            '%s %s' % (name, M(sid, 'resolved')) for sid, name in levels)))
    for f in ['recv', 'resolved', 'late', 'pending']:
        doc.rel_sum('levels add up to the total: ' + f, total + ':' + f, [sid + ':' + f for sid, _ in levels], total)


def unit_item(doc, sid, name, bullet):
    M = doc.m
    v = doc.rng.randrange(3)
    if v == 0:
        doc.add('%s %s: tiếp nhận %s hồ sơ (kỳ trước chuyển sang %s, mới %s); đã giải quyết %s hồ sơ; đang giải quyết %s hồ sơ.' % (
            bullet, name, M(sid, 'recv'), M(sid, 'carry'), M(sid, 'new'), M(sid, 'resolved'), M(sid, 'pending')))
    elif v == 1:
        pw = 'paren' if doc.values[sid + ':pending'] < 100 and doc.rng.random() < 0.4 else False
        doc.add('%s Đối với %s: đã tiếp nhận %s hồ sơ, giải quyết %s hồ sơ, còn %s hồ sơ đang giải quyết.' % (
            bullet, name, M(sid, 'recv'), M(sid, 'resolved'), M(sid, 'pending', words=pw)))
    else:
        doc.add('%s %s tiếp nhận %s hồ sơ, đã giải quyết %s hồ sơ (trước hạn %s, đúng hạn %s, quá hạn %s).' % (
            bullet, name, M(sid, 'recv'), M(sid, 'resolved'), M(sid, 'early'), M(sid, 'ontime'), M(sid, 'late')))


FILLER = [
    'Trung tâm phối hợp các sở, ngành thực hiện tốt quy chế phối hợp; theo dõi, đôn đốc các quầy tiếp nhận và trả kết quả giải quyết TTHC đúng hạn; trường hợp trễ hạn có văn bản xin lỗi người dân kịp thời.',
    'Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 và Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính phủ về thực hiện cơ chế một cửa, một cửa liên thông.',
    'Thường xuyên nhắc nhở công chức làm việc tại Bộ phận Một cửa nêu cao tinh thần, thái độ phục vụ.',
    'Triển khai Quyết định số 1291/QĐ-TTg ngày 07/10/2019 của Thủ tướng Chính phủ; phối hợp 02 đơn vị (Công an tỉnh, Bảo hiểm xã hội tỉnh) chuẩn bị các điều kiện tiếp nhận hồ sơ.',
    'Có 995 ý kiến đánh giá thông qua máy đánh giá mức độ hài lòng; kết quả có 100% tổ chức, cá nhân hài lòng với thái độ phục vụ.',
    'Trình Chủ tịch UBND tỉnh ký 02 Quyết định công bố TTHC với tổng số 102 TTHC, trong đó ban hành mới 101 thủ tục, bãi bỏ 01 thủ tục.',
    'Đảm bảo các điều kiện về cơ sở vật chất, trang thiết bị phục vụ người dân đến thực hiện TTHC.',
]


def header(doc, rng, issuer_up, parent_up, title, per, place, y, m):
    doc.add(parent_up)
    doc.add(issuer_up)
    doc.add('Số: %s/BC-%s' % (rng.choice(['   ', str(rng.randint(10, 999)) + ' ']), rng.choice(['TTHC', 'UBND', 'VP', 'TTPVHCC'])))
    doc.add('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    doc.add('Độc lập - Tự do - Hạnh phúc')
    doc.add('%s, ngày     tháng %d năm %d' % (place, m, y))
    doc.add('')
    doc.add('BÁO CÁO')
    doc.add(title)
    doc.add('')


def build(rng, name, want_fault, kind=None):
    doc = Doc(rng)
    doc.numstyle = rng.choice(['dot'] * 6 + ['plain'])
    kind = kind or rng.choice(['C', 'C', 'P', 'P', 'D'])
    y = rng.randint(2019, 2024)
    prov = rng.choice(PROVINCES)
    pkind = {'C': rng.choice(['month'] * 5 + ['quarter', 'half']),
             'P': rng.choice(['month', 'quarter', 'quarter', 'half', 'year']),
             'D': rng.choice(['month', 'quarter', 'half', 'year'])}[kind]
    n = {'month': rng.randint(1, 12), 'quarter': rng.randint(1, 4), 'half': 2, 'year': 4}[pkind]
    per = period_labels(rng, pkind, y, n)
    main = doc.scope('main', per, {'C': 'issuer (centre)', 'P': 'province', 'D': 'district'}[kind], kind=pkind)
    units = []        # (sid, name) rows of the appendix
    levels = []
    bullet = rng.choice([('-', '+'), ('+', '-'), ('•', '–'), ('-', '-')])
    if kind == 'C':
        deps = rng.sample(DEPTS, rng.randint(6, 13))
        base = rng.choice([40, 120, 300, 800])
        for i, d in enumerate(deps):
            sid = doc.scope('u%d' % i, per, d)
            set_block(doc, sid, leaf_block(rng, base * rng.uniform(0.1, 2.5), postal=rng.random() < 0.2))
            units.append((sid, d))
        total = sum_blocks([{f: doc.values[s + ':' + f] for f in FIELDS} for s, _ in units])
        who = rng.choice(['Trung tâm', 'Trung tâm Phục vụ hành chính công'])
        issuer_up = 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG'
        parent_up = 'VĂN PHÒNG UBND TỈNH %s' % prov.upper()
        title = 'Kết quả hoạt động của Trung tâm Phục vụ hành chính công %s' % per
    elif kind == 'P':
        S = rng.choice([3000, 12000, 40000, 90000]) * {'month': 1, 'quarter': 3, 'half': 6, 'year': 12}[pkind] // 3
        for key, fac in (('tinh', 0.35), ('huyen', 0.25), ('xa', 0.4)):
            sid = doc.scope('L' + key, per, 'level_' + key)
            set_block(doc, sid, leaf_block(rng, S * fac * rng.uniform(0.7, 1.3)))
            levels.append((sid, LEVEL_NAMES[key]))
        units = [(s, cap(nm)) for s, nm in levels]
        total = sum_blocks([{f: doc.values[s + ':' + f] for f in FIELDS} for s, _ in levels])
        who = rng.choice(['toàn tỉnh', 'trên địa bàn tỉnh', 'các cơ quan, đơn vị trên địa bàn tỉnh'])
        issuer_up = rng.choice(['UBND TỈNH %s' % prov.upper(), 'VĂN PHÒNG'])
        parent_up = 'ỦY BAN NHÂN DÂN' if issuer_up.startswith('UBND') else 'UBND TỈNH %s' % prov.upper()
        title = 'Tình hình, kết quả giải quyết thủ tục hành chính trên địa bàn tỉnh %s' % per
    else:
        dist = rng.choice(DISTRICTS)
        S = rng.choice([400, 1500, 4000]) * {'month': 1, 'quarter': 3, 'half': 6, 'year': 12}[pkind]
        sh = doc.scope('Lhuyen', per, 'level_huyen')
        set_block(doc, sh, leaf_block(rng, S * 0.45))
        levels.append((sh, 'cấp huyện'))
        comms = rng.sample(COMMUNES, rng.randint(4, 8))
        cs = []
        for i, c in enumerate(comms):
            sid = doc.scope('c%d' % i, per, c)
            set_block(doc, sid, leaf_block(rng, S * 0.55 / len(comms) * rng.uniform(0.5, 1.5)))
            cs.append((sid, c))
        sx = doc.scope('Lxa', per, 'level_xa')
        set_block(doc, sx, sum_blocks([{f: doc.values[s + ':' + f] for f in FIELDS} for s, _ in cs]))
        levels.append((sx, 'cấp xã'))
        units = [(sh, 'Bộ phận Một cửa ' + dist)] + [(s, 'UBND ' + c) for s, c in cs]
        total = sum_blocks([{f: doc.values[s + ':' + f] for f in FIELDS} for s, _ in levels])
        who = rng.choice(['toàn huyện', 'trên địa bàn huyện'])
        issuer_up = 'ỦY BAN NHÂN DÂN'
        parent_up = cap(dist).upper()
        title = 'Kết quả thực hiện cơ chế một cửa, một cửa liên thông %s' % per
    has_app = rng.random() < {'C': 0.6, 'P': 0.4, 'D': 0.5}[kind]
    rend = rng.choice(RENDERERS)
    if kind == 'C' and not has_app and rend in RET_RENDERERS and rng.random() < 0.5:
        r = rng.randint(1, 30)
        total['recv'] += r; total['new'] += r; total['direct'] += r; total['returned'] += r
    set_block(doc, main, total)
    block_relations(doc, main)
    for s, _ in units + levels:
        block_relations(doc, s)
    m = {'month': n, 'quarter': 3 * n, 'half': 6, 'year': 12}[pkind]
    header(doc, rng, issuer_up, parent_up, title, per, prov, y, m)
    intro = 'Thực hiện chế độ báo cáo định kỳ, %s báo cáo kết quả %s' % (rng.choice(
        {'C': ['Trung tâm', 'Trung tâm Phục vụ hành chính công tỉnh'], 'P': ['Văn phòng UBND tỉnh', 'UBND tỉnh'],
         'D': ['UBND huyện', 'Văn phòng HĐND và UBND huyện']}[kind]), per)
    if pkind == 'month' and rng.random() < 0.6:
        pm = 12 if m == 1 else m - 1
        intro += ' (từ ngày 16/%d/%d đến ngày 15/%d/%d)' % (pm, y - (m == 1), m, y)
    doc.add(intro + ' như sau:')
    doc.add(rng.choice(['1. Tình hình, kết quả giải quyết TTHC', 'I. KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
                        '1. Kết quả tiếp nhận và trả kết quả', 'a) Công tác tiếp nhận, giải quyết hồ sơ']))
    if rng.random() < 0.5:
        doc.add(rng.choice(FILLER))
    rend(doc, main, who, per, bullet)
    # levels
    if levels:
        counts = {'cấp huyện': rng.choice(['%d huyện, thị xã, thành phố' % rng.randint(7, 12), '']),
                  'cấp xã': '%d xã, phường, thị trấn' % rng.randint(60, 180)} if kind == 'P' else {}
        counts = {k: v for k, v in counts.items() if v}
        if kind == 'D' and rng.random() < 0.5:
            counts = {}
        render_levels(doc, main, levels, per, counts)
    if kind == 'D':
        sx = levels[1][0]
        M = doc.m
        if rng.random() < 0.7:
            doc.add('Kết quả cụ thể tại %s: %s.' % (rng.choice(['cấp xã', 'các xã, thị trấn']), '; '.join(
                '%s tiếp nhận %s hồ sơ' % (c, M(s, 'recv')) for s, c in cs)))
            doc.rel_sum('communes add up to cấp xã: recv', sx + ':recv', [s + ':recv' for s, _ in cs], sx)
        else:
            for s, c in rng.sample(cs, 2):
                unit_item(doc, s, 'UBND ' + c, bullet[1])
    if kind == 'C':
        v = rng.randrange(4)
        top = sorted(units, key=lambda u: -doc.values[u[0] + ':recv'])
        M = doc.m
        if v == 3 and doc.values[main + ':returned'] == 0:
            f = rng.choice(['recv', 'resolved'])
            verb = {'recv': 'tiếp nhận', 'resolved': 'đã giải quyết'}[f]
            if rng.random() < 0.5:
                doc.add('Số hồ sơ %s theo từng đơn vị:' % verb)
                for s2, nm in units:
                    doc.add('%s %s: %s hồ sơ;' % (bullet[1], nm, M(s2, f)))
            else:
                doc.add('Chia theo đơn vị, số hồ sơ %s gồm: %s.' % (verb, ', '.join(
                    '%s %s' % (nm, M(s2, f)) for s2, nm in units)))
            doc.rel_sum('departments add up to the total: ' + f, main + ':' + f, [s2 + ':' + f for s2, _ in units], main)
        elif v == 0:
            doc.add('Các TTHC có tần suất tiếp nhận nhiều tập trung chủ yếu ở một số Sở, ngành: %s.' % '; '.join(
                '%s (%s hồ sơ)' % (nm, M(s, 'recv')) for s, nm in top[:4]))
        else:
            for s, nm in rng.sample(units, rng.randint(2, 3)):
                unit_item(doc, s, nm, bullet[1])
    if kind == 'P' and rng.random() < 0.6:
        # a couple of districts: sub-scopes of cấp huyện next to the province totals
        doc.add('Một số địa phương có số lượng hồ sơ lớn:')
        for i, d in enumerate(rng.sample(DISTRICTS, 2)):
            sid = doc.scope('d%d' % i, per, 'UBND ' + d)
            set_block(doc, sid, leaf_block(rng, doc.values['Lhuyen:recv'] * 0.12))
            block_relations(doc, sid)
            unit_item(doc, sid, 'UBND ' + d, bullet[0])
    if rng.random() < 0.35:
        so = doc.scope('online', per, 'online only')
        ob = leaf_block(rng, doc.values[main + ':online'] * 1.05, spread=(0.95, 1.05))
        set_block(doc, so, ob)
        block_relations(doc, so)
        M = doc.m
        doc.add('%s Riêng hồ sơ trực tuyến: tiếp nhận %s hồ sơ, đã giải quyết %s hồ sơ (đúng hạn %s%%), đang giải quyết %s hồ sơ.' % (
            bullet[0], M(so, 'recv'), M(so, 'resolved'), M(so, 'pct_eo', 'pct', 1), M(so, 'pending')))
    # other periods
    for i, (pk, lab, fac) in enumerate(secondary_periods(rng, pkind, y, n)):
        sid = doc.scope('p%d' % i, lab, 'same subject', kind=pk)
        full = rng.random() < 0.4
        r2 = rng.choice(RENDERERS)
        set_block(doc, sid, leaf_block(rng, doc.values[main + ':recv'] * fac * rng.uniform(0.85, 1.1), spread=(0.95, 1.05),
                                       returned=full and r2 in RET_RENDERERS and rng.random() < 0.5))
        block_relations(doc, sid)
        if full:
            doc.add(rng.choice(['2. Kết quả %s' % lab, 'Về kết quả %s:' % lab]))
            r2(doc, sid, who, lab, bullet)
        else:
            R_short(doc, sid, who, lab)
    if rng.random() < 0.55:
        sly = doc.scope('ly', 'same period last year', 'same subject', kind='lastyear')
        set_block(doc, sly, leaf_block(rng, doc.values[main + ':recv'] * rng.uniform(0.75, 1.15), spread=(1, 1)))
        block_relations(doc, sly)
        lastyear_para(doc, main, sly, per, who, y)
    doc.add(rng.choice(['3. Nhận xét, đánh giá', 'II. NHẬN XÉT, ĐÁNH GIÁ', 'Đánh giá chung:']))
    for f in rng.sample(FILLER, 2):
        doc.add(f)
    appendix = None
    if has_app:
        appendix = units
        doc.add('(Đính kèm Phụ lục I)')
    return doc, dict(kind=kind, province=prov, year=y, period_kind=pkind, period=per), appendix, main


# ---------------------------------------------------------------- appendix

SCHEMAS = {
    'full': (['recv', 'carry', 'new', 'resolved', 'early', 'ontime', 'late', 'pending', 'pend_ok', 'pend_over', 'online'],
             [['Số hồ sơ nhận giải quyết', '', '', 'Kết quả giải quyết', '', '', '', '', '', '', 'Hồ sơ nhận qua trực tuyến'],
              ['Tổng số', 'Trong đó', '', 'Số hồ sơ đã giải quyết', '', '', '', 'Số hồ sơ đang giải quyết', '', '', ''],
              ['', 'Kỳ trước', 'Số mới tiếp nhận', 'Tổng số', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Tổng số', 'Còn hạn', 'Quá hạn', '']]),
    'short': (['recv', 'carry', 'new', 'resolved', 'eo', 'late', 'pending'],
              [['Tổng số hồ sơ tiếp nhận', 'Kỳ trước chuyển sang', 'Mới tiếp nhận', 'Đã giải quyết',
                'Trước hạn và đúng hạn', 'Quá hạn', 'Đang giải quyết']]),
}


def appendix_rows(doc, units, main, schema):
    """Adds the appendix cells as mentions (scope A:<unit>, A:total) and their relations.
    Returns (header rows, [(stt, name, [markers])], total markers)."""
    cols, head = SCHEMAS[schema]
    rows = []
    for i, (sid, nm) in enumerate(units):
        a = doc.scope('A:' + sid, doc.scopes[sid]['period'], 'appendix row ' + nm)
        for k in [k for k in doc.values if k.startswith(sid + ':')]:
            doc.values[a + k[len(sid):]] = doc.values[k]
        for f in cols:
            doc.rel_eq('appendix row = narrative figure of the unit', a + ':' + f, sid + ':' + f, sid)
        rows.append((str(i + 1), nm, [doc.m(a, f, style='dot') for f in cols]))
        block_relations(doc, a)
    t = doc.scope('A:total', doc.scopes[main]['period'], 'appendix total')
    for k in [k for k in doc.values if k.startswith(main + ':')]:
        doc.values[t + k[len(main):]] = doc.values[k]
    for f in cols:
        doc.rel_eq('appendix total = narrative figure', t + ':' + f, main + ':' + f, main)
        doc.rel_sum('appendix column total', t + ':' + f, ['A:%s:%s' % (sid, f) for sid, _ in units], 'A:total')
    block_relations(doc, t)
    tot = [doc.m(t, f, style='dot') for f in cols]
    for m in doc.mentions:
        if m['scope'].startswith('A:'):
            m['appendix'] = True
    return head, rows, tot


def appendix_text(rng, fmt, title, head, rows, tot):
    L = ['PHỤ LỤC I', title.upper(), '(Kèm theo Báo cáo số    /BC ngày    )', '']
    if fmt == 'tsv':
        for i, h in enumerate(head):
            L.append('\t'.join((['STT', 'Đơn vị'] if i == 0 else ['', '']) + h))
        for stt, nm, ms in rows:
            L.append('\t'.join([stt, nm] + ms))
        L.append('\t'.join(['', 'Tổng cộng'] + tot))
    elif fmt == 'md':
        hh = [' / '.join(x for x in col if x) or '-' for col in zip(*head)]
        L.append('| STT | Đơn vị | ' + ' | '.join(hh) + ' |')
        L.append('|' + '---|' * (len(hh) + 2))
        for stt, nm, ms in rows:
            L.append('| %s | %s | %s |' % (stt, nm, ' | '.join(ms)))
        L.append('|  | **Tổng cộng** | %s |' % ' | '.join('**%s**' % x for x in tot))
    else:   # flat, header words broken over lines as a PDF text layer gives them
        words = ' '.join(['STT', 'Đơn vị'] + [x for h in head for x in h if x]).split()
        k = 0
        while k < len(words):
            n = rng.randint(1, 3)
            L.append(' '.join(words[k:k + n]) + ' ')
            k += n
        for stt, nm, ms in rows:
            L.append(' '.join([stt, nm] + ms))
        L.append(' '.join(['Tổng cộng'] + tot))
    return L


# ---------------------------------------------------------------- faults

def stated_values(doc):
    """key -> value as stated (all mentions of a key agree unless a fault changed one)."""
    out = {}
    for m in doc.mentions:
        out.setdefault(m['key'], m['stated'])
    return out


def rel_keys(r):
    if r['kind'] == 'sum':
        return [r['total']] + r['parts']
    if r['kind'] == 'pct':
        return [r['pct']] + r['num'] + [r['den']]
    if r['kind'] == 'eq':
        return [r['a'], r['b']]
    return [r['pct'], r['cur'], r['old']]


def pct_dec(doc, key):
    return max(m['dec'] for m in doc.mentions if m['key'] == key)


def rel_holds(doc, r, v):
    if r['kind'] == 'sum':
        return v[r['total']] == sum(v[k] for k in r['parts'])
    if r['kind'] == 'eq':
        return v[r['a']] == v[r['b']]
    tol = 0.5 * 10 ** -pct_dec(doc, r['pct']) + 1e-6
    if r['kind'] == 'pct':
        den = v[r['den']]
        return den > 0 and abs(v[r['pct']] - 100.0 * sum(v[k] for k in r['num']) / den) <= tol
    return abs(v[r['pct']] - 100.0 * abs(v[r['cur']] - v[r['old']]) / v[r['old']]) <= tol


def wrong_int(rng, v):
    s = str(v)
    c = rng.randrange(4)
    if c == 0 and len(s) >= 2:       # one digit changed
        i = rng.randrange(len(s))
        d = rng.choice([x for x in '0123456789' if x != s[i] and not (i == 0 and x == '0')])
        return int(s[:i] + d + s[i + 1:])
    if c == 1 and len(s) >= 2:       # neighbours swapped
        i = rng.randrange(len(s) - 1)
        if s[i] != s[i + 1] and not (i == 0 and s[1] == '0'):
            return int(s[:i] + s[i + 1] + s[i] + s[i + 2:])
    if c == 2:
        return v + rng.choice([1, -1]) * rng.choice([10, 100, 1000 if v > 3000 else 20])
    return v + rng.choice([1, 2, 3, -1, -2, 5, 12])


def plant(doc, rng):
    men = doc.mentions
    count = {}
    for m in men:
        count[m['key']] = count.get(m['key'], 0) + 1
    rels = doc.relations
    by_key = {}
    for r in rels:
        for k in rel_keys(r):
            by_key.setdefault(k, []).append(r)
    cands = {}
    for m in men:
        if m.get('appendix') or m['words'] or count[m['key']] != 1:
            continue
        rs = by_key.get(m['key'], [])
        if not rs or any(r.get('cross') for r in rs):
            continue
        names = ' '.join(r['name'] for r in rs)
        if m['kind'] == 'pct':
            cat = 'percentage'
        elif 'departments add up' in names:
            cat = 'dept_list_sum'
        elif 'levels add up' in names or 'communes add up' in names:
            cat = 'level_sum'
        elif 'appendix' in names and m['scope'] == 'main':
            cat = 'appendix_mismatch'
        elif m['scope'] == 'main':
            cat = 'enumeration'
        elif m['scope'].startswith('p'):
            cat = 'other_period'
        else:
            cat = 'unit_or_subscope'
        cands.setdefault(cat, []).append(m)
    if not cands:
        return None
    others = set(m['value'] for m in men)
    for _ in range(200):
        cs = sorted(cands)
        cat = rng.choices(cs, weights=[{'level_sum': 2.0, 'percentage': 1.5}.get(c, 1.0) for c in cs])[0]
        m = rng.choice(cands[cat])
        if m['kind'] == 'pct':
            sign = -1 if m['value'] > 90 else rng.choice([-1, 1])
            w = round(m['value'] + sign * rng.choice([0.7, 1.3, 2.5, 4.1, 9.0]), m['dec'])
            if w <= 0 or w > 100:
                continue
        else:
            w = wrong_int(rng, m['value'])
            if w <= 0 or w in others or len(str(w)) > len(str(m['value'])) + 1:
                continue
        v = stated_values(doc)
        v[m['key']] = w
        rs = by_key[m['key']]
        if all(not rel_holds(doc, r, v) for r in rs):
            m['stated'] = w
            return dict(category=cat, mention=m['id'], key=m['key'], scope=m['scope'], field=m['field'],
                        stated=w, right=m['value'], relations=sorted(set(r['name'] for r in rs)))
    return None


# ---------------------------------------------------------------- layout

MARK = re.compile('\x00(\\d+)\x01')


def wrap_para(doc, p, width):
    toks = p.split(' ')
    lines, cur, n = [], [], 0
    for t in toks:
        ln = len(MARK.sub(lambda mm: doc.surface(doc.mentions[int(mm.group(1))], doc.mentions[int(mm.group(1))]['stated']), t))
        if cur and n + 1 + ln > width:
            lines.append(' '.join(cur))
            cur, n = [], 0
        cur.append(t)
        n += ln + (1 if n else 0)
    lines.append(' '.join(cur))
    return lines


def layout(doc, rng, paras, fmt, style):
    lines = []
    width = rng.randint(62, 92)
    for p in paras:
        if fmt == 'md' and re.match(r'^(\d+\.|[IVX]+\.|PHỤ LỤC|BÁO CÁO)', p):
            lines += ['## ' + p, '']
            continue
        if style == 'para' or fmt == 'docx' or p == '':
            lines.append(p)
        elif style == 'wrap':
            lines += wrap_para(doc, p, width)
        else:   # pdf text layer: wrapped, a space and a blank line after each line
            for l in wrap_para(doc, p, width):
                lines += [l + ' ', '']
        if fmt == 'md':
            lines.append('')
    return lines


def resolve(doc, lines, bold_main):
    out = []
    for li, l in enumerate(lines):
        res, pos = '', 0
        for mm in MARK.finditer(l):
            res += l[pos:mm.start()]
            m = doc.mentions[int(mm.group(1))]
            s = doc.surface(m, m['stated'])
            if bold_main and m['key'] == 'main:recv' and not m.get('appendix'):
                res += '**'
                m['col'] = len(res)
                res += s + '**'
            else:
                m['col'] = len(res)
                res += s
            m['line'] = li
            m['surface'] = s
            pos = mm.end()
        out.append(res + l[pos:])
    return out


def write_docx(path, lines_text, table):
    import docx
    d = docx.Document()
    for l in lines_text:
        d.add_paragraph(l)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        t.style = 'Table Grid'
        for i, row in enumerate(table):
            for j, c in enumerate(row):
                t.cell(i, j).text = c
    d.save(path)


def make_one(rng, out, name, want_fault):
    for attempt in range(50):
        doc, meta, appendix, main = build(rng, name, want_fault)
        fmt = rng.choice(['txt'] * 7 + ['md', 'docx'])
        style = rng.choice(['para', 'para', 'wrap', 'pdf'])
        afmt = None
        if appendix:
            afmt = 'docx' if fmt == 'docx' else ('md' if fmt == 'md' else rng.choice(['tsv', 'tsv', 'flat']))
            schema = rng.choice(['full', 'short'])
            head, rows, tot = appendix_rows(doc, appendix, main, schema)
        for m in doc.mentions:
            m['stated'] = m['value']
        allk = set(m['key'] for m in doc.mentions)
        doc.relations = [r for r in doc.relations if all(k in allk for k in rel_keys(r))]
        v = stated_values(doc)
        assert all(rel_holds(doc, r, v) for r in doc.relations), name
        fault = plant(doc, rng) if want_fault else None
        if want_fault and not fault:
            continue
        break
    paras = doc.parts
    if rng.random() < 0.3:
        paras = [re.sub('(\x00\\d+\x01)%', '\\1 %', p) for p in paras]
    lines = layout(doc, rng, paras, fmt, style)
    table = None
    if appendix:
        title = 'Tình hình, kết quả giải quyết thủ tục hành chính ' + meta['period']
        if afmt == 'docx':
            cols, _ = SCHEMAS[schema]
            lines += ['', 'PHỤ LỤC I', title.upper()]
            table = [['STT', 'Đơn vị'] + [' / '.join(x for x in col if x) for col in zip(*head)]]
            table += [[stt, nm] + ms for stt, nm, ms in rows] + [['', 'Tổng cộng'] + tot]
            # table rows read back as lines after the paragraphs, cells joined by tabs
            lines += ['\t'.join(r) for r in table]
        else:
            lines += [''] + appendix_text(rng, afmt, title, head, rows, tot)
    text = resolve(doc, lines, fmt == 'md' and rng.random() < 0.5)
    ext = fmt
    path = os.path.join(out, name + '.' + ext)
    if fmt == 'docx':
        ntab = len(table) if table else 0
        body = text[:len(text) - ntab]
        tab = [l.split('\t') for l in text[len(text) - ntab:]] if ntab else None
        write_docx(path, body, tab)
    else:
        with open(path, 'w', encoding='utf-8') as f:
            f.write('\n'.join(text) + '\n')
    fm = None
    if fault:
        m = doc.mentions[fault['mention']]
        fault.update(surface=m['surface'], line=m['line'], line_text=text[m['line']].strip())
    truth = dict(file=os.path.basename(path), format=fmt, layout=style, appendix=afmt, meta=meta,
                 scopes=doc.scopes, fault=fault,
                 mentions=[dict(id=m['id'], key=m['key'], kind=m['kind'], dec=m['dec'], value=m['stated'],
                                surface=m['surface'], line=m['line'], col=m['col'], words=m['words'],
                                appendix=bool(m.get('appendix'))) for m in doc.mentions],
                 relations=doc.relations)
    with open(os.path.join(out, name + '.truth.json'), 'w', encoding='utf-8') as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
    return truth


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True)
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--count', type=int, default=40)
    ap.add_argument('--fault-share', type=float, default=0.45)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rng = random.Random(a.seed)
    nf = 0
    for i in range(a.count):
        want = rng.random() < a.fault_share
        t = make_one(rng, a.out, 'narr2_%d_%03d' % (a.seed, i), want)
        nf += t['fault'] is not None
    print('%d reports, %d with a planted fault -> %s' % (a.count, nf, a.out))


if __name__ == '__main__':
    main()
