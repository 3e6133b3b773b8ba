#include "pipeline/ingest/displaced_glyphs.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>

#include "pipeline/core/syllable.h"
#include "pipeline/core/utf8.h"
#include "pipeline/ingest/layout.h"

namespace sohoa {

namespace {

// How far (in heights of the host line's box) a displaced glyph may sit
// from its line: the producers seen raise or lower it by half an em to an
// em, and a box is about 1.1 em high.
constexpr double kMaxOffset = 1.25;
// Touching: the glyph's edge within this share of the line's height of the
// neighbouring box's edge (the advance of the letter is kept in the line,
// so the gap is its width to a few hundredths of an em).
constexpr double kTouch = 0.08;
// Boxes on one baseline overlap by nearly their whole height; a glyph
// raised or lowered by half an em or more overlaps its line by about half.
constexpr double kBaseline = 0.8;
// How far (in line heights) an ordinary word of the line may be from a
// marked letter for it to count as sitting on that line.
constexpr double kNear = 3.0;
// The other side of a glyph that touches one neighbour: a word space is a
// quarter em (0.22 of the box height) or more.
constexpr double kTouchOtherSide = 0.15;
// A word space, as a share of the line height: a box this close to a
// neighbour at its own height is a word of that line, not a displaced glyph.
constexpr double kWordSpace = 0.6;

// A spacing tone or vowel mark drawn on its own, as the combining mark it stands for.
char32_t CombiningFor(char32_t c) {
  switch (c) {
    case 0x00B4: case 0x02CA: return 0x0301;  // acute
    case 0x02CB: return 0x0300;               // grave
    case 0x02DC: return 0x0303;               // tilde
    case 0x02C6: return 0x0302;               // circumflex
    case 0x02D8: return 0x0306;               // breve
    default: return (c >= 0x0300 && c <= 0x036F) ? c : 0;
  }
}

bool IsMarkedLetter(char32_t c) {
  if (c < 0x80) return false;
  char32_t base;
  Tone tone;
  bool upper;
  return SplitLetter(c, &base, &tone, &upper);
}

// True when `text` is only marks (combining or spacing), no letter.
bool OnlyMarks(std::string_view text) {
  std::u32string s = Utf8ToU32(text);
  if (s.empty()) return false;
  for (char32_t c : s)
    if (CombiningFor(c) == 0) return false;
  return true;
}

std::string AsCombining(std::string_view text) {
  std::string out;
  for (char32_t c : Utf8ToU32(text)) AppendUtf8(CombiningFor(c), &out);
  return out;
}

double CenterY(const Box& b) { return 0.5 * (b.y0 + b.y1); }

double VerticalOverlap(const Box& a, const Box& b) {
  return std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
}

bool SameLine(const Box& a, const Box& b) {
  double smaller = std::min(a.height(), b.height());
  return smaller > 0 && VerticalOverlap(a, b) >= 0.5 * smaller;
}

double HorizontalOverlap(const Box& a, const Box& b) {
  return std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
}

// Where one displaced box goes.
struct Placement {
  int host = -1;      // a box of the line it joins
  int left = -1;      // box whose end it touches
  int right = -1;     // box whose start it touches
  int under = -1;     // box it is drawn over (marks only)
  bool alone = false; // a word of its own between two words of the line
  double offset = 0;  // vertical distance of centres
};

// Glues `b` to the end of `a` (one word): text, box, glyph boxes.
void Append(PdfTextBox* a, const PdfTextBox& b) {
  const bool glyphs = a->glyphs.size() == Utf8Length(a->text) &&
                      b.glyphs.size() == Utf8Length(b.text);
  a->text += b.text;
  a->box = {std::min(a->box.x0, b.box.x0), std::min(a->box.y0, b.box.y0),
            std::max(a->box.x1, b.box.x1), std::max(a->box.y1, b.box.y1)};
  if (glyphs)
    a->glyphs.insert(a->glyphs.end(), b.glyphs.begin(), b.glyphs.end());
  else
    a->glyphs.clear();
  a->space_after = b.space_after;
}

class Reattacher {
 public:
  explicit Reattacher(std::vector<PdfTextBox>* boxes) : boxes_(*boxes) {
    SplitApartGlyphs();
    const size_t n = boxes_.size();
    mark_.assign(n, false);
    alive_.assign(n, true);
    anchored_.assign(n, false);
    for (size_t i = 0; i < n; ++i)
      mark_[i] = boxes_[i].rotation == 0 && !boxes_[i].box.empty() &&
                 IsDisplacedGlyphText(boxes_[i].text);
    // A marked letter drawn in its line ("đ" of "để", whose "ể" was raised)
    // is a word of that line and may take displaced glyphs itself.
    for (size_t i = 0; i < n; ++i)
      if (mark_[i]) anchored_[i] = OnBaseline(static_cast<int>(i));
  }

  size_t Run() {
    std::vector<int> marks;
    for (size_t i = 0; i < boxes_.size(); ++i)
      if (mark_[i] && !anchored_[i]) marks.push_back(static_cast<int>(i));
    // Left to right, so that a second glyph of a word ("ư" "ơ") finds the
    // first already glued to the word.
    std::stable_sort(marks.begin(), marks.end(),
                     [&](int a, int b) { return boxes_[a].box.x0 < boxes_[b].box.x0; });
    size_t placed = 0;
    for (int m : marks) placed += Place(m) ? 1 : 0;
    if (placed > 0) {
      std::vector<PdfTextBox> kept;
      kept.reserve(boxes_.size());
      for (size_t i = 0; i < boxes_.size(); ++i)
        if (alive_[i]) kept.push_back(std::move(boxes_[i]));
      boxes_ = std::move(kept);
    }
    return placed;
  }

 private:
  bool Host(int i) const {
    return alive_[i] && (!mark_[i] || anchored_[i]) && boxes_[i].rotation == 0 &&
           boxes_[i].box.height() > 0;
  }

  // Poppler makes one word of glyphs drawn apart on one height when they
  // are close ("àý" of "và ý" raised together): such a box of displaced
  // glyphs is cut where its glyphs do not touch. Poppler's glyph boxes
  // reach to the next glyph of the word, so a glyph's own width is taken
  // from where the page shows it alone or last in a box (same font and
  // size), where its box ends at its advance.
  void SplitApartGlyphs() {
    std::map<std::tuple<std::string, long, char32_t>, double> widths;
    auto key = [](const PdfTextBox& b, char32_t c) {
      return std::make_tuple(b.font, std::lround(b.font_size * 10), c);
    };
    for (const PdfTextBox& b : boxes_) {
      std::u32string text = Utf8ToU32(b.text);
      if (b.glyphs.empty() || text.size() != b.glyphs.size()) continue;
      widths.emplace(key(b, text.back()), b.glyphs.back().width());
    }
    const size_t n = boxes_.size();
    for (size_t i = 0; i < n; ++i) {
      if (boxes_[i].rotation != 0 || boxes_[i].glyphs.size() < 2 ||
          !IsDisplacedGlyphText(boxes_[i].text))
        continue;
      std::u32string text = Utf8ToU32(boxes_[i].text);
      if (text.size() != boxes_[i].glyphs.size()) continue;
      const double tol = kTouch * boxes_[i].box.height();
      std::vector<Box> own = boxes_[i].glyphs;  // each glyph's extent without the gap after it
      for (size_t k = 0; k + 1 < text.size(); ++k) {
        auto it = widths.find(key(boxes_[i], text[k]));
        if (it != widths.end() && it->second > 0) own[k].x1 = std::min(own[k].x1, own[k].x0 + it->second);
      }
      size_t start = 0;
      std::vector<PdfTextBox> pieces;
      for (size_t k = 1; k <= text.size(); ++k) {
        if (k < text.size() && own[k].x0 - own[k - 1].x1 <= tol) continue;
        PdfTextBox piece = boxes_[i];
        piece.text = U32ToUtf8(text.substr(start, k - start));
        piece.glyphs.assign(own.begin() + start, own.begin() + k);
        piece.box.x0 = piece.glyphs.front().x0;
        piece.box.x1 = piece.glyphs.back().x1;
        piece.space_after = k < text.size() || boxes_[i].space_after;
        pieces.push_back(std::move(piece));
        start = k;
      }
      if (pieces.size() < 2) continue;
      boxes_[i] = std::move(pieces[0]);
      for (size_t k = 1; k < pieces.size(); ++k) boxes_.push_back(std::move(pieces[k]));
    }
  }

  // True when `m` sits on the baseline of a line of ordinary words near it
  // (its box as high as theirs, not merely overlapping), where raised or
  // lowered glyphs cannot be.
  bool OnBaseline(int m) const {
    const Box& mb = boxes_[m].box;
    for (size_t i = 0; i < boxes_.size(); ++i) {
      if (mark_[i] || boxes_[i].rotation != 0) continue;
      const Box& b = boxes_[i].box;
      const double smaller = std::min(b.height(), mb.height());
      if (smaller <= 0 || VerticalOverlap(b, mb) < kBaseline * smaller) continue;
      if (HorizontalOverlap(b, mb) > kTouch * b.height()) continue;
      if (std::max(b.x0 - mb.x1, mb.x0 - b.x1) <= kNear * b.height()) return true;
    }
    return false;
  }

  // The line `m` is already a word of (a box at its height within a word
  // space on either side, not under it), or -1.
  int OwnLine(int m) const {
    const Box& mb = boxes_[m].box;
    for (size_t i = 0; i < boxes_.size(); ++i) {
      if (!Host(static_cast<int>(i))) continue;
      const Box& b = boxes_[i].box;
      if (!SameLine(b, mb) || HorizontalOverlap(b, mb) > kTouch * b.height()) continue;
      double gap = std::max(b.x0 - mb.x1, mb.x0 - b.x1);
      if (gap <= kWordSpace * b.height()) return static_cast<int>(i);
    }
    return -1;
  }

  // The placement of `m` in the line of `host`, if it fits there: touching
  // a box of the line at either side, or drawn over one letter (a mark), or
  // alone in a word-sized gap between two boxes.
  bool FitInLine(int m, int host, Placement* p) const {
    const Box& mb = boxes_[m].box;
    const Box& hb = boxes_[host].box;
    const double tol = kTouch * hb.height();
    const bool marks_only = OnlyMarks(boxes_[m].text);
    *p = Placement();
    p->host = host;
    p->offset = std::abs(CenterY(mb) - CenterY(hb));
    double left_gap = 1e300, right_gap = 1e300;
    int nearest_left = -1, nearest_right = -1;
    for (size_t i = 0; i < boxes_.size(); ++i) {
      const int c = static_cast<int>(i);
      if (c == m || !Host(c) || !SameLine(boxes_[c].box, hb)) continue;
      const Box& cb = boxes_[c].box;
      if (std::abs(mb.x0 - cb.x1) <= tol) {
        p->left = c;
      } else if (std::abs(cb.x0 - mb.x1) <= tol) {
        p->right = c;
      } else if (HorizontalOverlap(cb, mb) > tol) {
        // Drawn over a letter of the line: only a mark may be.
        const double mid = 0.5 * (mb.x0 + mb.x1);
        if (!marks_only || mid <= cb.x0 || mid >= cb.x1 || p->under >= 0) return false;
        p->under = c;
      } else if (cb.x1 <= mb.x0) {
        if (mb.x0 - cb.x1 < left_gap) left_gap = mb.x0 - cb.x1, nearest_left = c;
      } else {
        if (cb.x0 - mb.x1 < right_gap) right_gap = cb.x0 - mb.x1, nearest_right = c;
      }
    }
    if (p->under >= 0) return p->left < 0 && p->right < 0;
    // One side touches: the word goes on at the other side across a gap
    // a little wider than a touch (a glyph's box narrower than its advance),
    // still well under a word space.
    const double other = kTouchOtherSide * hb.height();
    if (p->left >= 0 && p->right < 0 && right_gap <= other) p->right = nearest_right;
    if (p->right >= 0 && p->left < 0 && left_gap <= other) p->left = nearest_left;
    if (p->left >= 0 || p->right >= 0) return true;
    // A whole word of displaced letters ("ở", "ý"): spaces on both sides.
    p->alone = !marks_only && left_gap <= kWordSpace * hb.height() &&
               right_gap <= kWordSpace * hb.height();
    return p->alone;
  }

  bool Place(int m) {
    const Box& mb = boxes_[m].box;
    int own = OwnLine(m);
    Placement best;
    bool found = false;
    for (size_t i = 0; i < boxes_.size(); ++i) {
      const int b = static_cast<int>(i);
      if (b == m || !Host(b)) continue;
      const Box& hb = boxes_[b].box;
      if (own >= 0 && !SameLine(hb, boxes_[own].box)) continue;
      const double h = hb.height();
      if (mb.height() < 0.5 * h || mb.height() > 2.0 * h) continue;
      const double offset = std::abs(CenterY(mb) - CenterY(hb));
      if (offset > kMaxOffset * h || (found && offset >= best.offset)) continue;
      // Only boxes next to or under the glyph can make it fit.
      const double reach = kWordSpace * h;
      if (hb.x1 < mb.x0 - reach || hb.x0 > mb.x1 + reach) continue;
      Placement p;
      if (FitInLine(m, b, &p)) {
        best = p;
        found = true;
      }
    }
    if (!found) return false;
    PdfTextBox& g = boxes_[m];
    if (best.alone) {
      // Stays a word; moved onto its line.
      g.box.y0 = boxes_[best.host].box.y0;
      g.box.y1 = boxes_[best.host].box.y1;
      for (Box& gb : g.glyphs) gb.y0 = g.box.y0, gb.y1 = g.box.y1;
      g.space_after = true;
      anchored_[m] = true;
      return true;
    }
    if (best.under >= 0) {
      // After the letter under the mark's centre (letters taken as equally wide).
      PdfTextBox& u = boxes_[best.under];
      std::u32string letters = Utf8ToU32(u.text);
      const double mid = 0.5 * (mb.x0 + mb.x1);
      size_t k = letters.size();
      if (u.glyphs.size() == letters.size()) {
        for (size_t j = 0; j < letters.size() && k == letters.size(); ++j)
          if (mid >= u.glyphs[j].x0 && mid <= u.glyphs[j].x1) k = j;
      }
      if (k == letters.size()) {  // no glyph boxes: letters taken as equally wide
        const double share = (mid - u.box.x0) / u.box.width();
        k = std::min(letters.size() - 1,
                     static_cast<size_t>(std::max(0.0, share * letters.size())));
      }
      std::string combining = AsCombining(g.text);
      u.text = U32ToUtf8(letters.substr(0, k + 1)) + combining +
               U32ToUtf8(letters.substr(k + 1));
      // The marks have no glyph boxes of their own in the word.
      u.glyphs.clear();
      alive_[m] = false;
      return true;
    }
    const bool marks_only = OnlyMarks(g.text);
    if (marks_only) {
      g.text = AsCombining(g.text);
      g.glyphs.clear();
    }
    // On the line's height, so that the word's box is the line's.
    const Box& line_box = boxes_[best.host].box;
    g.box.y0 = line_box.y0;
    g.box.y1 = line_box.y1;
    for (Box& gb : g.glyphs) gb.y0 = g.box.y0, gb.y1 = g.box.y1;
    if (best.left >= 0) {
      Append(&boxes_[best.left], g);
      if (best.right >= 0) {
        Append(&boxes_[best.left], boxes_[best.right]);
        alive_[best.right] = false;
      }
    } else {
      PdfTextBox& r = boxes_[best.right];
      PdfTextBox joined = g;
      Append(&joined, r);
      joined.font = r.font;
      joined.font_size = r.font_size;
      r = std::move(joined);
    }
    alive_[m] = false;
    return true;
  }

  std::vector<PdfTextBox>& boxes_;
  std::vector<bool> mark_, alive_, anchored_;
};

}  // namespace

bool IsDisplacedGlyphText(std::string_view text) {
  std::u32string s = Utf8ToU32(text);
  if (s.empty()) return false;
  for (char32_t c : s)
    if (!IsMarkedLetter(c) && CombiningFor(c) == 0) return false;
  return true;
}

size_t ReattachDisplacedGlyphs(std::vector<PdfTextBox>* boxes) {
  bool any = false;
  for (const PdfTextBox& b : *boxes) any = any || IsDisplacedGlyphText(b.text);
  if (!any) return 0;
  // Work with the text upright; the size of the page does not matter for a
  // turn there and back.
  const int turns = DominantRotation(*boxes);
  double w = 0, h = 0;
  MakeUpright(turns, boxes, &w, &h);
  size_t placed = Reattacher(boxes).Run();
  MakeUpright((4 - turns) & 3, boxes, &w, &h);
  return placed;
}

}  // namespace sohoa
