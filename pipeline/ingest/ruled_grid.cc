#include "pipeline/ingest/ruled_grid.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <array>
#include <memory>
#include <numeric>

#include <leptonica/allheaders.h>

namespace sohoa {

namespace {

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

struct Span {
  double a, b;
};

// One piece of a rule as the opening left it.
struct Segment {
  double pos;    // y of a horizontal piece, x of a vertical one (its centre)
  double a, b;   // extent along the rule
  double thick;  // ink pixels / length
};

// A rule: the pieces at one position, their extents merged.
struct Rule {
  double pos = 0;
  double thick = 0;
  std::vector<Span> spans;  // sorted, disjoint
  double lo() const { return spans.front().a; }
  double hi() const { return spans.back().b; }
};

// Lengths, all from the resolution (pixels at `dpi`).
struct Scale {
  explicit Scale(int dpi)
      : h_len(std::max(12, dpi / 4)),
        v_len(std::max(8, dpi / 9)),
        close(std::max(2, dpi / 75)),
        max_thick(std::max(4.0, dpi / 15.0)),
        pos_tol(std::max(3.0, dpi / 60.0)),
        join(std::max(4.0, dpi / 30.0)),
        min_pitch(std::max(5.0, dpi / 25.0)),
        window(std::max(2, dpi / 40)),
        offset(std::max(3, dpi / 40)) {}
  int h_len;         // shortest horizontal rule piece (a quarter inch)
  int v_len;         // shortest vertical rule piece (about two thirds of a row)
  int close;         // gaps of a broken rule bridged before the opening
  double max_thick;  // thicker than this is a filled area, not a rule
  double pos_tol;    // pieces of one rule lie this close
  double join;       // pieces of one rule closer than this are one
  double min_pitch;  // rules closer than this are one (a double rule)
  int window;        // half length of the mean taken along a rule
  int offset;        // the mean is compared with the means this far to each side
};

// Grey levels a rule's mean must lie below the means beside it; a page
// with no grid at that contrast is looked at again at the faint one
// (toner-starved print leaves rules 5-10 levels below the paper: noise,
// averaged along the rule, stays under that).
constexpr int kRidgeContrast = 20;
constexpr int kFaintRidgeContrast = 6;
// A damaged rule: at least this fraction of its extent present, ...
constexpr double kMinDamagedRule = 0.08;
constexpr double kMinDamagedFrame = 0.3;
// ... and ink beside it at no more than this fraction of what is present.
constexpr double kMaxInkBeside = 0.12;
// Text on both sides of a missing piece of rule, further apart than this
// many letter heights (across: more than a word space; down: more than a
// letter's height), is two cells.
constexpr double kApartAcross = 1.0;
constexpr double kApartDown = 1.0;

// Dark lines along one direction, found on the grey page: the grey level
// averaged along the direction (over 2 * window + 1 pixels, so that noise
// and JPEG blocks average out) lies clearly below the averages `offset`
// pixels to either side. Faint, thin and noisy rules pass where a
// threshold of single pixels breaks them into dust; uneven light does not
// matter (only neighbours are compared). Returns 1 bpp.
Pix* RidgeMask(Pix* grey, bool horizontal, const Scale& s, int contrast) {
  const int w = pixGetWidth(grey), h = pixGetHeight(grey);
  const l_uint32* data = pixGetData(grey);
  const int wpl = pixGetWpl(grey);
  auto at = [&](int x, int y) { return static_cast<int>(GET_DATA_BYTE(data + static_cast<size_t>(y) * wpl, x)); };
  std::vector<uint8_t> mean(static_cast<size_t>(w) * h);
  const int r = s.window;
  if (horizontal) {
    std::vector<int> cum(w + 1);
    for (int y = 0; y < h; ++y) {
      cum[0] = 0;
      for (int x = 0; x < w; ++x) cum[x + 1] = cum[x] + at(x, y);
      for (int x = 0; x < w; ++x) {
        const int a = std::max(0, x - r), b = std::min(w, x + r + 1);
        mean[static_cast<size_t>(y) * w + x] = static_cast<uint8_t>((cum[b] - cum[a]) / (b - a));
      }
    }
  } else {
    std::vector<int> sum(w, 0);
    int lo = 0, hi = 0;  // rows [lo, hi) in `sum`
    for (int y = 0; y < h; ++y) {
      const int a = std::max(0, y - r), b = std::min(h, y + r + 1);
      for (; hi < b; ++hi)
        for (int x = 0; x < w; ++x) sum[x] += at(x, hi);
      for (; lo < a; ++lo)
        for (int x = 0; x < w; ++x) sum[x] -= at(x, lo);
      for (int x = 0; x < w; ++x) mean[static_cast<size_t>(y) * w + x] = static_cast<uint8_t>(sum[x] / (b - a));
    }
  }
  Pix* out = pixCreate(w, h, 1);
  if (out == nullptr) return nullptr;
  l_uint32* od = pixGetData(out);
  const int owpl = pixGetWpl(out);
  auto m = [&](int x, int y) {
    x = std::clamp(x, 0, w - 1);
    y = std::clamp(y, 0, h - 1);
    return static_cast<int>(mean[static_cast<size_t>(y) * w + x]);
  };
  for (int y = 0; y < h; ++y) {
    l_uint32* line = od + static_cast<size_t>(y) * owpl;
    for (int x = 0; x < w; ++x) {
      // Only a thin line is darker than both sides this close: a line of
      // text is as dark `offset` pixels above or below its middle.
      const int v = m(x, y) + contrast;
      const int d = s.offset;
      const int side1 = horizontal ? m(x, y - d) : m(x - d, y);
      const int side2 = horizontal ? m(x, y + d) : m(x + d, y);
      if (v <= side1 && v <= side2) SET_DATA_BIT(line, x);
    }
  }
  return out;
}

std::vector<Segment> Segments(Pix* mask, bool horizontal, const Scale& s) {
  std::vector<Segment> out;
  Pixa* pixa = nullptr;
  Boxa* boxa = pixConnComp(mask, &pixa, 8);
  if (boxa == nullptr) return out;
  const int n = boxaGetCount(boxa);
  for (int i = 0; i < n; ++i) {
    l_int32 x, y, w, h;
    if (boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h) != 0) continue;
    Pix* p = pixaGetPix(pixa, i, L_CLONE);
    l_int32 count = 0;
    pixCountPixels(p, &count, nullptr);
    pixDestroy(&p);
    const double len = horizontal ? w : h;
    const double thick = len > 0 ? count / len : 0;
    if (thick <= 0 || thick > s.max_thick) continue;
    if (horizontal) out.push_back({y + h / 2.0, static_cast<double>(x), static_cast<double>(x + w), thick});
    else out.push_back({x + w / 2.0, static_cast<double>(y), static_cast<double>(y + h), thick});
  }
  boxaDestroy(&boxa);
  pixaDestroy(&pixa);
  return out;
}

void MergeSpans(std::vector<Span>* spans, double join) {
  std::sort(spans->begin(), spans->end(), [](const Span& x, const Span& y) { return x.a < y.a; });
  std::vector<Span> out;
  for (const Span& sp : *spans) {
    if (!out.empty() && sp.a - out.back().b <= join) out.back().b = std::max(out.back().b, sp.b);
    else out.push_back(sp);
  }
  *spans = std::move(out);
}

// Pieces at (nearly) one position become one rule.
std::vector<Rule> ClusterRules(std::vector<Segment> segs, const Scale& s) {
  std::sort(segs.begin(), segs.end(), [](const Segment& x, const Segment& y) { return x.pos < y.pos; });
  std::vector<Rule> rules;
  double wsum = 0, psum = 0, tsum = 0;
  for (const Segment& g : segs) {
    const double len = g.b - g.a;
    if (rules.empty() || g.pos - psum / wsum > s.pos_tol) {
      rules.emplace_back();
      wsum = psum = tsum = 0;
    }
    Rule& r = rules.back();
    r.spans.push_back({g.a, g.b});
    wsum += len;
    psum += g.pos * len;
    tsum += g.thick * len;
    r.pos = psum / wsum;
    r.thick = tsum / wsum;
  }
  for (Rule& r : rules) MergeSpans(&r.spans, s.join);
  return rules;
}

bool Crosses(const Rule& h, const Rule& v, double tol) {
  return v.pos >= h.lo() - tol && v.pos <= h.hi() + tol && h.pos >= v.lo() - tol && h.pos <= v.hi() + tol;
}

int Find(std::vector<int>& p, int x) {
  while (p[x] != x) x = p[x] = p[p[x]];
  return x;
}

// Rules closer than the minimum pitch (a double rule) become one.
std::vector<Rule> MergeClose(std::vector<Rule> rules, const Scale& s) {
  std::sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) { return a.pos < b.pos; });
  std::vector<Rule> out;
  for (Rule& r : rules) {
    if (!out.empty() && r.pos - out.back().pos < s.min_pitch) {
      Rule& o = out.back();
      o.pos = (o.pos + r.pos) / 2;
      o.thick = std::max(o.thick, r.thick);
      o.spans.insert(o.spans.end(), r.spans.begin(), r.spans.end());
      MergeSpans(&o.spans, s.join);
    } else {
      out.push_back(std::move(r));
    }
  }
  return out;
}

// Gaps of `rule` between `lo` and `hi` whose two ends are not both at a
// joint (a crossing rule or the frame) are damage: bridged. Gaps exactly
// between joints stay (a merged cell).
void BridgeDamage(Rule* rule, const std::vector<double>& joints, double tol) {
  auto at_joint = [&](double x) {
    for (double j : joints)
      if (std::fabs(x - j) <= tol) return true;
    return false;
  };
  std::vector<Span> spans = rule->spans;
  std::vector<Span> gaps;
  double cur = joints.front();
  for (const Span& sp : spans) {
    if (sp.a > cur) gaps.push_back({cur, sp.a});
    cur = std::max(cur, sp.b);
  }
  if (cur < joints.back()) gaps.push_back({cur, joints.back()});
  for (const Span& g : gaps) {
    if (g.b - g.a <= tol) {
      spans.push_back(g);
      continue;
    }
    if (!(at_joint(g.a) && at_joint(g.b))) spans.push_back(g);
  }
  MergeSpans(&spans, 0.5);
  rule->spans = std::move(spans);
}

double Covered(const Rule& rule, double a, double b) {
  double c = 0;
  for (const Span& sp : rule.spans) c += std::max(0.0, std::min(b, sp.b) - std::max(a, sp.a));
  return c;
}

// Evidence from the page's ink (1 bpp, rules included) where the rules
// themselves are too damaged to tell.
struct InkEvidence {
  Pix* ink = nullptr;
  int w = 0, h = 0;
  bool On(int x, int y) const {
    if (x < 0 || y < 0 || x >= w || y >= h) return false;
    return GET_DATA_BIT(pixGetData(ink) + static_cast<size_t>(y) * pixGetWpl(ink), x) != 0;
  }
  // Of the positions along `r` where it is present, the fraction with ink
  // in a band just beside it (either side): a rule has the cells' padding
  // beside it, a row of letter strokes that the opening joined has the
  // letters' bodies.
  double Beside(const Rule& r, bool horizontal, double thick, int band) const {
    const int gap = static_cast<int>(std::ceil(thick / 2)) + 2;
    int present = 0, inked = 0;
    const int p = static_cast<int>(std::lround(r.pos));
    for (const Span& sp : r.spans)
      for (int a = static_cast<int>(sp.a); a < static_cast<int>(sp.b); ++a) {
        ++present;
        bool hit = false;
        for (int d = gap; d < gap + band && !hit; ++d)
          hit = horizontal ? (On(a, p - d) || On(a, p + d)) : (On(p - d, a) || On(p + d, a));
        inked += hit;
      }
    return present > 0 ? static_cast<double>(inked) / present : 1.0;
  }
};

// The components of ink inside [x0,x1) x [y0,y1), rule slivers (thin and
// long) left out.
std::vector<std::array<int, 4>> InkBoxes(Pix* ink, int x0, int y0, int x1, int y1, double thick) {
  std::vector<std::array<int, 4>> out;
  if (x1 - x0 < 3 || y1 - y0 < 3) return out;
  ::Box* b = boxCreate(x0, y0, x1 - x0, y1 - y0);
  Pix* crop = pixClipRectangle(ink, b, nullptr);
  boxDestroy(&b);
  if (crop == nullptr) return out;
  Boxa* comps = pixConnCompBB(crop, 8);
  pixDestroy(&crop);
  if (comps == nullptr) return out;
  for (int i = 0; i < boxaGetCount(comps); ++i) {
    l_int32 x, y, w, h;
    if (boxaGetBoxGeometry(comps, i, &x, &y, &w, &h) != 0) continue;
    if ((w <= thick + 3 && h >= 4 * (thick + 3)) || (h <= thick + 3 && w >= 4 * (thick + 3))) continue;
    if (w <= 2 && h <= 2) continue;  // a speck
    out.push_back({x0 + x, y0 + y, x0 + x + w, y0 + y + h});
  }
  boxaDestroy(&comps);
  return out;
}

// Two slots on either side of a boundary (at `pos`, vertical when
// `vertical`) inside the region [x0,x1) x [y0,y1) of both, told apart by
// their text: true when both hold ink, none of it straddles the boundary,
// and the nearest glyphs across it are further apart than `gap` times the
// height of a letter.
bool TextApart(Pix* ink, int x0, int y0, int x1, int y1, bool vertical, double pos, double thick, double gap) {
  const auto comps = InkBoxes(ink, x0, y0, x1, y1, thick);
  if (comps.empty()) return false;
  int tallest = 0;
  for (const auto& c : comps) tallest = std::max(tallest, c[3] - c[1]);
  std::vector<int> heights;  // letters, not accents and dots
  for (const auto& c : comps)
    if (c[3] - c[1] >= 0.5 * tallest) heights.push_back(c[3] - c[1]);
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  const double letter = std::max(4, heights[heights.size() / 2]);
  const double half = thick / 2 + 1;
  const int a = vertical ? 0 : 1;  // the coordinate across the boundary
  double before = -1e9, after = 1e9;
  for (const auto& c : comps) {
    if (c[a] < pos - half && c[a + 2] > pos + half) return false;  // straddles
    if (c[a + 2] <= pos + half) before = std::max(before, static_cast<double>(c[a + 2]));
    else after = std::min(after, static_cast<double>(c[a]));
  }
  return before > -1e9 && after < 1e9 && after - before >= gap * letter;
}

bool BuildGrid(std::vector<Rule> hs, std::vector<Rule> vs, const Scale& s, const InkEvidence* ink, RuledGrid* grid) {
  hs = MergeClose(std::move(hs), s);
  vs = MergeClose(std::move(vs), s);
  if (hs.size() < 3 || vs.size() < 3) return false;
  // Long rules (half the table or more) stand; a shorter one (the rule
  // under a group header) must end at rules that stand, both ends, or it
  // is a stroke of text or a stamp that met the grid.
  {
    const double x0 = vs.front().pos, x1 = vs.back().pos, y0 = hs.front().pos, y1 = hs.back().pos;
    auto length = [](const Rule& r) {
      double l = 0;
      for (const Span& sp : r.spans) l += sp.b - sp.a;
      return l;
    };
    // Half of the table's extent or more, present (bridging the breaks of
    // shorter ones let strokes of text stand in as rules).
    std::vector<double> all_x, all_y;
    std::vector<double> th;
    for (const Rule& r : vs) all_x.push_back(r.pos), th.push_back(r.thick);
    for (const Rule& r : hs) all_y.push_back(r.pos), th.push_back(r.thick);
    std::nth_element(th.begin(), th.begin() + th.size() / 2, th.end());
    const double joint_tol = std::max(s.pos_tol, 1.5 * th[th.size() / 2] + 2);
    const double median_thick = th[th.size() / 2];
    // Clear beside it: the padding of cells, not the bodies of letters.
    auto clear = [&](const Rule& r, bool horizontal) {
      return ink != nullptr && ink->Beside(r, horizontal, median_thick, s.offset) < kMaxInkBeside;
    };
    auto strong = [&](const Rule& r, const std::vector<double>& joints, double extent, bool horizontal) -> char {
      // A rule broken in many places (faint or worn print) may still be
      // one when what is left of it has clear padding on both sides (2:
      // to be confirmed by the text beside it, below).
      if (length(r) < 0.5 * extent) return length(r) >= kMinDamagedRule * extent && clear(r, horizontal) ? 2 : 0;
      Rule bridged = r;
      BridgeDamage(&bridged, joints, joint_tol);
      return length(bridged) >= 0.5 * extent;
    };
    std::vector<char> hk(hs.size()), vk(vs.size());
    for (size_t i = 0; i < hs.size(); ++i) hk[i] = strong(hs[i], all_x, x1 - x0, true);
    for (size_t j = 0; j < vs.size(); ++j) vk[j] = strong(vs[j], all_y, y1 - y0, false);
    // A damaged rule stands when the text of most slots it crosses lies
    // clearly apart on its two sides (two cells' texts), not where a
    // stroke of a letter or a signature runs through one cell's text.
    auto confirmed = [&](const Rule& r, const std::vector<Rule>& across, const std::vector<char>& kept_across,
                         const std::vector<Rule>& along, const std::vector<char>& kept_along, bool horizontal) {
      std::vector<double> cuts, sides;
      for (size_t k = 0; k < across.size(); ++k)
        if (kept_across[k] == 1) cuts.push_back(across[k].pos);
      double before = -1, after = -1;
      for (size_t k = 0; k < along.size(); ++k) {
        if (kept_along[k] != 1) continue;
        if (along[k].pos < r.pos - s.min_pitch) before = std::max(before, along[k].pos);
        if (along[k].pos > r.pos + s.min_pitch && (after < 0 || along[k].pos < after)) after = along[k].pos;
      }
      // The last rule of the table, with nothing beyond it: an outer rule,
      // held to the frame's own cover.
      if (before < 0 || after < 0) {
        double lo = 1e18, hi = -1e18;
        for (double c : cuts) lo = std::min(lo, c), hi = std::max(hi, c);
        return cuts.size() >= 2 && Covered(r, lo, hi) >= kMinDamagedFrame * (hi - lo);
      }
      if (cuts.size() < 2) return false;
      std::sort(cuts.begin(), cuts.end());
      const int pad = static_cast<int>(std::ceil(median_thick / 2)) + 2;
      int apart = 0, slots = 0;
      for (size_t k = 0; k + 1 < cuts.size(); ++k) {
        const double a0 = cuts[k] + pad, a1 = cuts[k + 1] - pad;  // along the rule
        const double b0 = before + pad, b1 = after - pad;         // across it
        const int x0 = static_cast<int>(horizontal ? a0 : b0), x1 = static_cast<int>(horizontal ? a1 : b1);
        const int y0 = static_cast<int>(horizontal ? b0 : a0), y1 = static_cast<int>(horizontal ? b1 : a1);
        if (InkBoxes(ink->ink, x0, y0, x1, y1, median_thick).empty()) continue;
        ++slots;
        apart += TextApart(ink->ink, x0, y0, x1, y1, !horizontal, r.pos, median_thick,
                           horizontal ? kApartDown : kApartAcross);
      }
      return slots >= 2 && apart >= 0.6 * slots;
    };
    for (size_t i = 0; i < hs.size(); ++i)
      if (hk[i] == 2) hk[i] = confirmed(hs[i], vs, vk, hs, hk, true) ? 1 : 0;
    for (size_t j = 0; j < vs.size(); ++j)
      if (vk[j] == 2) vk[j] = confirmed(vs[j], hs, hk, vs, vk, false) ? 1 : 0;
    // Tight: a stroke of text sits a padding away from the rules around it.
    const double end_tol = 2 * s.pos_tol, end_tol_v = 2 * s.pos_tol;
    // Both ends at standing rules, and most of the way between them
    // present (a stroke near two rules is shorter than the slot).
    auto ends_met = [&](const Rule& r, const std::vector<Rule>& across, const std::vector<char>& kept, double tol) {
      double lo = -1, hi = -1;
      for (size_t k = 0; k < across.size(); ++k) {
        if (!kept[k]) continue;
        const Rule& a = across[k];
        if (r.pos < a.lo() - tol || r.pos > a.hi() + tol) continue;
        if (std::fabs(a.pos - r.lo()) <= tol) lo = a.pos;
        if (std::fabs(a.pos - r.hi()) <= tol) hi = a.pos;
      }
      return lo >= 0 && hi > lo && length(r) >= 0.8 * (hi - lo);
    };
    for (bool changed = true; changed;) {
      changed = false;
      for (size_t i = 0; i < hs.size(); ++i)
        if (!hk[i] && ends_met(hs[i], vs, vk, end_tol)) hk[i] = changed = true;
      // Column rules stand only when long: a column boundary drawn in a few
      // rows (a Word table's uneven grid) would split every other row.
      (void)end_tol_v;
    }
    std::vector<Rule> h2, v2;
    for (size_t i = 0; i < hs.size(); ++i)
      if (hk[i]) h2.push_back(std::move(hs[i]));
    for (size_t j = 0; j < vs.size(); ++j)
      if (vk[j]) v2.push_back(std::move(vs[j]));
    hs = std::move(h2);
    vs = std::move(v2);
    if (hs.size() < 3 || vs.size() < 3) return false;
  }
  std::vector<double> ys, xs;
  for (const Rule& r : hs) ys.push_back(r.pos);
  for (const Rule& r : vs) xs.push_back(r.pos);
  std::vector<double> thick;
  for (const Rule& r : hs) thick.push_back(r.thick);
  for (const Rule& r : vs) thick.push_back(r.thick);
  std::nth_element(thick.begin(), thick.begin() + thick.size() / 2, thick.end());
  const double t = thick[thick.size() / 2];
  const double tol = std::max(s.pos_tol, 1.5 * t + 2);
  // A table is closed by its outer rules, most of each one present (before
  // any gap is bridged); rules that strokes of text made up are not.
  // With the page's ink, a damaged outer rule with clear padding beside it
  // counts at a lower cover.
  auto closed = [&](const Rule& r, double a, double b, bool horizontal) {
    const double c = Covered(r, a, b) / (b - a);
    return c >= 0.6 || (c >= kMinDamagedFrame && ink != nullptr && ink->Beside(r, horizontal, t, s.offset) < kMaxInkBeside);
  };
  if (!closed(hs.front(), xs.front(), xs.back(), true) || !closed(hs.back(), xs.front(), xs.back(), true) ||
      !closed(vs.front(), ys.front(), ys.back(), false) || !closed(vs.back(), ys.front(), ys.back(), false))
    return false;
  for (Rule& r : hs) BridgeDamage(&r, xs, tol);
  for (Rule& r : vs) BridgeDamage(&r, ys, tol);
  const int rows = static_cast<int>(ys.size()) - 1, cols = static_cast<int>(xs.size()) - 1;
  // Slots joined where the rule between them is missing.
  std::vector<int> parent(rows * cols);
  std::iota(parent.begin(), parent.end(), 0);
  // With the page's ink, a missing piece of rule does not join two slots
  // side by side whose texts stand clearly apart (TextApart): that is a
  // rule the print lost, not a merged cell (whose text runs across it, or
  // sits in one slot).
  const int pad = static_cast<int>(std::ceil(t / 2)) + 2;
  auto joined = [&](int r, int c, bool vertical) {
    // Between rows the slots stay joined: a header cell spans rows with its
    // lines spread over them (and uneven light can lose a line of it).
    if (ink == nullptr || !vertical) return true;
    const int x0 = static_cast<int>(xs[c]) + pad, y0 = static_cast<int>(ys[r]) + pad;
    const int x1 = static_cast<int>(xs[c + (vertical ? 2 : 1)]) - pad, y1 = static_cast<int>(ys[r + (vertical ? 1 : 2)]) - pad;
    return !TextApart(ink->ink, x0, y0, x1, y1, vertical, vertical ? xs[c + 1] : ys[r + 1], t,
                      vertical ? kApartAcross : kApartDown);
  };
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const int id = r * cols + c;
      if (c + 1 < cols && Covered(vs[c + 1], ys[r], ys[r + 1]) < 0.5 * (ys[r + 1] - ys[r]) && joined(r, c, true))
        parent[Find(parent, id)] = Find(parent, id + 1);
      if (r + 1 < rows && Covered(hs[r + 1], xs[c], xs[c + 1]) < 0.5 * (xs[c + 1] - xs[c]) && joined(r, c, false))
        parent[Find(parent, id)] = Find(parent, id + cols);
    }
  struct Group {
    int r0 = 1 << 30, c0 = 1 << 30, r1 = -1, c1 = -1, n = 0;
  };
  std::vector<Group> groups(rows * cols);
  for (int id = 0; id < rows * cols; ++id) {
    Group& g = groups[Find(parent, id)];
    const int r = id / cols, c = id % cols;
    g.r0 = std::min(g.r0, r), g.c0 = std::min(g.c0, c), g.r1 = std::max(g.r1, r), g.c1 = std::max(g.c1, c);
    ++g.n;
  }
  grid->row_rules = ys;
  grid->col_rules = xs;
  grid->rule_thickness = t;
  grid->frame = {xs.front(), ys.front(), xs.back(), ys.back()};
  grid->cells.clear();
  for (int id = 0; id < rows * cols; ++id) {
    const int r = id / cols, c = id % cols;
    const Group& g = groups[Find(parent, id)];
    const bool rect = g.n == (g.r1 - g.r0 + 1) * (g.c1 - g.c0 + 1);
    RuledCell cell;
    cell.row = r;
    cell.col = c;
    if (rect) {
      if (r != g.r0 || c != g.c0) continue;  // covered by the cell at its top-left
      cell.row_span = g.r1 - g.r0 + 1;
      cell.col_span = g.c1 - g.c0 + 1;
    }
    // A region that is no rectangle (rules the page lost in odd places)
    // stays in single slots.
    cell.box = {xs[c], ys[r], xs[c + cell.col_span], ys[r + cell.row_span]};
    grid->cells.push_back(cell);
  }
  // A grid that is one cell (a frame or a box around text) is no table.
  return grid->cells.size() >= 2 && rows >= 2 && cols >= 2;
}

}  // namespace

// Clears `mask` inside the boxes, their middle `keep`..1-keep of the height.
void ClearBoxes(Pix* mask, const std::vector<Box>& boxes, double keep) {
  const int w = pixGetWidth(mask), h = pixGetHeight(mask);
  for (const Box& b : boxes) {
    const double m = keep * b.height();
    const int x0 = std::max(0, static_cast<int>(std::ceil(b.x0))), x1 = std::min(w, static_cast<int>(b.x1));
    const int y0 = std::max(0, static_cast<int>(std::ceil(b.y0 + m))), y1 = std::min(h, static_cast<int>(b.y1 - m));
    if (x1 > x0 && y1 > y0) pixRasterop(mask, x0, y0, x1 - x0, y1 - y0, PIX_CLR, nullptr, 0, 0);
  }
}

namespace {

// One pass of FindRuledGrids at one ridge contrast.
std::vector<RuledGrid> FindGridsAt(Pix* grey, int dpi, int contrast, PixPtr* rules_out, const std::vector<Box>* text,
                                   Pix* ink_pix) {
  std::vector<RuledGrid> grids;
  const Scale s(dpi > 0 ? dpi : 300);
  // Faint rules: horizontal ones get a longer mean along the rule (noise
  // averages out below the lower contrast) and longer breaks bridged (worn
  // print). Vertical ones keep the short mean: a long one runs down a
  // column of letters and makes their stems a line.
  Scale sh = s;
  int vcontrast = contrast;
  if (contrast < kRidgeContrast) {
    sh.window *= 3;
    sh.close *= 3;
    vcontrast = (contrast + kRidgeContrast) / 2;
  }
  // Dark lines; short breaks closed along them; then only runs as long as
  // a rule piece kept.
  PixPtr hmask(RidgeMask(grey, true, sh, contrast));
  if (hmask && text != nullptr) ClearBoxes(hmask.get(), *text, 0.2);
  if (hmask) hmask.reset(pixCloseSafeBrick(nullptr, hmask.get(), sh.close, 1));
  if (hmask) hmask.reset(pixOpenBrick(nullptr, hmask.get(), s.h_len, 1));
  PixPtr vmask(RidgeMask(grey, false, s, vcontrast));
  if (vmask && text != nullptr) ClearBoxes(vmask.get(), *text, 0.0);
  if (vmask) vmask.reset(pixCloseSafeBrick(nullptr, vmask.get(), 1, s.close));
  if (vmask) vmask.reset(pixOpenBrick(nullptr, vmask.get(), 1, s.v_len));
  if (!hmask || !vmask) return grids;
  std::vector<Rule> hs = ClusterRules(Segments(hmask.get(), true, s), s);
  std::vector<Rule> vs = ClusterRules(Segments(vmask.get(), false, s), s);
  // Each piece of a rule on its own: two tables one above the other share
  // the x of their left rules, and the strokes of a column of letters line
  // up between the rules of the rows. A piece that crosses no two rules is
  // no rule; the pieces of one table meet again in BuildGrid, where a
  // piece lost to damage leaves a gap that is bridged.
  auto split = [](const std::vector<Rule>& rules) {
    std::vector<Rule> out;
    for (const Rule& r : rules)
      for (const Span& sp : r.spans) {
        Rule piece = r;
        piece.spans.assign(1, sp);
        out.push_back(piece);
      }
    return out;
  };
  hs = split(hs);
  vs = split(vs);
  const std::vector<Rule> all_h = hs, all_v = vs;
  const double tol = s.pos_tol + 2;  // a crossing: the rules meet within this
  // A rule belongs to a table when it crosses at least two rules the other
  // way (a text stroke that reached the opening crosses none or one);
  // repeated since dropping one rule can strand another.
  for (int round = 0; round < 3; ++round) {
    std::vector<Rule> h2, v2;
    for (const Rule& h : hs) {
      int n = 0;
      for (const Rule& v : vs) n += Crosses(h, v, tol);
      if (n >= 2) h2.push_back(h);
    }
    for (const Rule& v : vs) {
      int n = 0;
      for (const Rule& h : h2) n += Crosses(h, v, tol);
      if (n >= 2) v2.push_back(v);
    }
    bool same = h2.size() == hs.size() && v2.size() == vs.size();
    hs = std::move(h2);
    vs = std::move(v2);
    if (same) break;
  }
  // Tables: the rules connected by crossings.
  const int nh = static_cast<int>(hs.size()), nv = static_cast<int>(vs.size());
  std::vector<int> parent(nh + nv);
  std::iota(parent.begin(), parent.end(), 0);
  for (int i = 0; i < nh; ++i)
    for (int j = 0; j < nv; ++j)
      if (Crosses(hs[i], vs[j], tol)) parent[Find(parent, i)] = Find(parent, nh + j);
  std::vector<int> roots;
  for (int i = 0; i < nh + nv; ++i)
    if (Find(parent, i) == i) roots.push_back(i);
  for (int root : roots) {
    std::vector<Rule> th, tv;
    for (int i = 0; i < nh; ++i)
      if (Find(parent, i) == root) th.push_back(hs[i]);
    for (int j = 0; j < nv; ++j)
      if (Find(parent, nh + j) == root) tv.push_back(vs[j]);
    // A vertical line running on far below the table's last rule where the
    // table's other rules end (a photocopier's toner streak, a fold across
    // the page) is no rule of it, whatever rules it crosses; all its pieces
    // at that position go. Only below: above the body, the rules of a
    // header whose horizontal rules were too faint to find run on too. The
    // rules of a table whose bottom rule was lost all run on together:
    // they stay.
    if (tv.size() >= 3 && !th.empty()) {
      double bottom = -1e18;
      for (const Rule& r : th) bottom = std::max(bottom, r.pos);
      const double over = std::max(2.0 * s.v_len, dpi / 3.0);
      int run_on = 0;
      for (const Rule& r : tv) run_on += r.hi() > bottom + over;
      std::vector<double> streaks;
      if (3 * run_on <= static_cast<int>(tv.size()))
        for (const Rule& r : tv)
          if (r.hi() > bottom + over) streaks.push_back(r.pos);
      tv.erase(std::remove_if(tv.begin(), tv.end(),
                              [&](const Rule& r) {
                                for (double x : streaks)
                                  if (std::fabs(r.pos - x) <= tol) return true;
                                return false;
                              }),
               tv.end());
      if (tv.empty()) continue;
    }
    RuledGrid g;
    InkEvidence ev;
    if (ink_pix != nullptr && pixGetDepth(ink_pix) == 1 && pixGetWidth(ink_pix) == pixGetWidth(grey) &&
        pixGetHeight(ink_pix) == pixGetHeight(grey))
      ev = {ink_pix, pixGetWidth(ink_pix), pixGetHeight(ink_pix)};
    if (ev.ink != nullptr && !th.empty() && !tv.empty()) {
      // A rule broken into pieces shorter than a row crosses no two rules
      // piece by piece. Inside the table's frame its pieces rejoin the
      // table when each is longer than any stroke of a letter; BuildGrid
      // then keeps them only as a rule with clear padding beside it.
      double fx0 = 1e18, fx1 = -1e18, fy0 = 1e18, fy1 = -1e18;
      for (const Rule& r : th) fy0 = std::min(fy0, r.pos), fy1 = std::max(fy1, r.pos);
      for (const Rule& r : tv) fx0 = std::min(fx0, r.pos), fx1 = std::max(fx1, r.pos);
      auto inside = [&](const Rule& r, bool horizontal) {
        const double p0 = horizontal ? fy0 : fx0, p1 = horizontal ? fy1 : fx1;
        const double a0 = horizontal ? fx0 : fy0, a1 = horizontal ? fx1 : fy1;
        return r.pos > p0 + tol && r.pos < p1 - tol && r.lo() >= a0 - tol && r.hi() <= a1 + tol;
      };
      auto kept = [](const Rule& r, const std::vector<Rule>& in) {
        for (const Rule& k : in)
          if (k.pos == r.pos && k.lo() == r.lo() && k.hi() == r.hi()) return true;
        return false;
      };
      for (const Rule& r : all_h)
        if (inside(r, true) && !kept(r, hs)) th.push_back(r);
      for (const Rule& r : all_v)
        if (r.hi() - r.lo() >= 2 * s.v_len && inside(r, false) && !kept(r, vs)) tv.push_back(r);
    }
    const bool ok = BuildGrid(th, tv, s, ev.ink != nullptr ? &ev : nullptr, &g);
    if (ok) grids.push_back(std::move(g));
  }
  std::sort(grids.begin(), grids.end(),
            [](const RuledGrid& a, const RuledGrid& b) { return a.frame.y0 < b.frame.y0; });
  if (rules_out != nullptr) rules_out->reset(pixOr(nullptr, hmask.get(), vmask.get()));
  return grids;
}

int Slots(const std::vector<RuledGrid>& grids) {
  int n = 0;
  for (const RuledGrid& g : grids) n += g.rows() * g.cols();
  return n;
}

}  // namespace

std::vector<RuledGrid> FindRuledGrids(Pix* grey, int dpi, Pix** rules_out, const std::vector<Box>* text, Pix* ink_pix) {
  if (rules_out != nullptr) *rules_out = nullptr;
  if (grey == nullptr || pixGetDepth(grey) != 8 || pixGetColormap(grey) != nullptr) return {};
  PixPtr rules;
  std::vector<RuledGrid> grids = FindGridsAt(grey, dpi, kRidgeContrast, &rules, text, ink_pix);
  // Pieces of a grid but no grid of at least 3 x 3 slots (faint or worn
  // print leaves a few rules at full contrast): the faint rules are looked
  // for, and their grids of 3 x 3 slots or more taken when they make more
  // slots. A page with no ruled piece at all (rules only between header
  // and body, or none) is not: at the low contrast the means along lines
  // of text make short grids of their own.
  auto table = [](const RuledGrid& g) { return g.rows() >= 3 && g.cols() >= 3; };
  if (!grids.empty() && std::none_of(grids.begin(), grids.end(), table)) {
    PixPtr faint_rules;
    std::vector<RuledGrid> faint = FindGridsAt(grey, dpi, kFaintRidgeContrast, &faint_rules, text, ink_pix);
    faint.erase(std::remove_if(faint.begin(), faint.end(), [&](const RuledGrid& g) { return !table(g); }), faint.end());
    if (Slots(faint) > Slots(grids)) {
      grids = std::move(faint);
      rules = std::move(faint_rules);
    }
  }
  if (rules_out != nullptr) *rules_out = rules.release();
  return grids;
}

std::vector<RuledGrid> FindRuledGrids(const Image& grey, const std::vector<Box>* text) {
  if (grey.width <= 0 || grey.height <= 0 || grey.channels != 1) return {};
  PixPtr pix(pixCreate(grey.width, grey.height, 8));
  if (!pix) return {};
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < grey.height; ++y) {
    const uint8_t* row = &grey.pixels[static_cast<size_t>(y) * grey.stride];
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < grey.width; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  return FindRuledGrids(pix.get(), grey.dpi, nullptr, text);
}

}  // namespace sohoa
