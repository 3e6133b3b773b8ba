#include "pipeline/ingest/html_reader.h"

#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include "pipeline/ingest/markup_text.h"

namespace sohoa {

namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view prefix) {
  if (s.size() - std::min(pos, s.size()) < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (Lower(s[pos + i]) != prefix[i]) return false;
  return true;
}

// Position of `needle` (lower-case ASCII, starting with a non-letter such
// as '<') in s from `from`, ignoring case.
size_t FindNoCase(std::string_view s, std::string_view needle, size_t from = 0) {
  if (needle.empty() || s.size() < needle.size()) return std::string_view::npos;
  for (size_t i = from; i + needle.size() <= s.size(); ++i) {
    const void* p = std::memchr(s.data() + i, needle[0], s.size() - needle.size() + 1 - i);
    if (!p) return std::string_view::npos;
    i = static_cast<const char*>(p) - s.data();
    if (StartsWithNoCase(s, i, needle)) return i;
  }
  return std::string_view::npos;
}

// "<table" as a tag: followed by whitespace, '>' or '/'.
size_t FindTag(std::string_view s, std::string_view tag, size_t from) {
  for (size_t at = FindNoCase(s, tag, from); at != std::string_view::npos;
       at = FindNoCase(s, tag, at + 1)) {
    size_t end = at + tag.size();
    if (end >= s.size()) return std::string_view::npos;
    char c = s[end];
    if (c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
      return at;
  }
  return std::string_view::npos;
}

// Elements whose end tag HTML lets authors omit (their nesting is bounded by
// the parser) and void elements: not counted by the depth scan.
bool UncountedTag(std::string_view name) {
  static const char* const kTags[] = {
      "p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot", "option", "optgroup",
      "colgroup", "caption", "rb", "rt", "rp", "rtc", "html", "head", "body",
      // void
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
      "source", "track", "wbr", "basefont", "bgsound", "frame", "keygen", "image"};
  for (const char* t : kTags)
    if (name == t) return true;
  return false;
}

// Deepest element nesting the markup can produce, estimated from the tags
// (raw-text elements and comments skipped). Stops counting past `limit`.
int EstimateDepth(std::string_view s, int limit) {
  int depth = 0, max_depth = 0;
  size_t i = 0;
  std::string name;
  while ((i = s.find('<', i)) != std::string_view::npos) {
    ++i;
    if (i >= s.size()) break;
    if (s.compare(i, 3, "!--") == 0) {
      size_t end = s.find("-->", i + 3);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    bool close = s[i] == '/';
    if (close) ++i;
    name.clear();
    while (i < s.size() && (IsAsciiAlpha(s[i]) || (!name.empty() && s[i] >= '0' && s[i] <= '9')))
      name.push_back(Lower(s[i++]));
    if (name.empty()) continue;
    size_t gt = s.find('>', i);
    if (gt == std::string_view::npos) break;
    bool self_closing = gt > i && s[gt - 1] == '/';
    i = gt + 1;
    if (!close && (name == "script" || name == "style" || name == "textarea" || name == "title" ||
                   name == "xmp" || name == "plaintext")) {
      size_t end = FindNoCase(s, "</" + name, i);
      if (end == std::string_view::npos) break;
      i = end;
      continue;
    }
    if (UncountedTag(name) || self_closing) continue;
    if (close) {
      depth = std::max(0, depth - 1);
    } else if (++depth > max_depth) {
      max_depth = depth;
      if (max_depth > limit) break;
    }
  }
  return max_depth;
}

struct GumboDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};
using GumboPtr = std::unique_ptr<GumboOutput, GumboDeleter>;

GumboPtr Parse(std::string_view html) {
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 100;  // errors are kept in memory; hostile input has millions
  return GumboPtr(gumbo_parse_with_options(&options, html.data(), html.size()));
}

bool Skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_HEAD: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_HR: case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_LEGEND: case GUMBO_TAG_CAPTION: case GUMBO_TAG_TR:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_TABLE: case GUMBO_TAG_BODY:
    case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
      return true;
    default:
      return false;
  }
}

int SpanAttribute(const GumboElement& el, const char* name, int max) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  if (!a) return 1;
  long v = 0;
  const char* p = a->value;
  while (*p == ' ' || *p == '\t' || *p == '\n') ++p;
  if (*p < '0' || *p > '9') return 1;
  while (*p >= '0' && *p <= '9' && v <= max) v = v * 10 + (*p++ - '0');
  if (v == 0) return name[0] == 'r' ? max : 1;  // rowspan=0: to the end of the group
  return static_cast<int>(std::min<long>(v, max));
}

const GumboVector& Children(const GumboNode* node) {
  static const GumboVector kNone = {nullptr, 0, 0};
  if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE)
    return node->v.element.children;
  if (node->type == GUMBO_NODE_DOCUMENT) return node->v.document.children;
  return kNone;
}

GumboNode* Child(const GumboVector& v, unsigned i) { return static_cast<GumboNode*>(v.data[i]); }

// The font family an element sets: <font face="..."> or style="font-family:
// ..."; the first family it names, without quotes ("<font face=".VnTimeH,
// serif">" -> ".VnTimeH"). Empty when it sets none. Legacy HTML (Word and
// LibreOffice exports of TCVN3 or VNI documents) names the legacy font on
// every run, and normalize reads a run by its font as it does for Word.
std::string ElementFont(const GumboElement& el) {
  std::string_view value;
  if (el.tag == GUMBO_TAG_FONT) {
    if (const GumboAttribute* a = gumbo_get_attribute(&el.attributes, "face")) value = a->value;
  }
  if (const GumboAttribute* a = gumbo_get_attribute(&el.attributes, "style")) {
    std::string_view style = a->value;
    size_t at = FindNoCase(style, "font-family");
    if (at != std::string_view::npos) {
      size_t colon = style.find(':', at);
      if (colon != std::string_view::npos) {
        size_t end = style.find(';', colon);
        value = style.substr(colon + 1, end == std::string_view::npos ? end : end - colon - 1);
      }
    }
  }
  size_t comma = value.find(',');
  if (comma != std::string_view::npos) value = value.substr(0, comma);
  auto trimmed = [](char c) { return c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '\n'; };
  while (!value.empty() && trimmed(value.front())) value.remove_prefix(1);
  while (!value.empty() && trimmed(value.back())) value.remove_suffix(1);
  return std::string(value.substr(0, 128));
}

class HtmlWalker {
 public:
  HtmlWalker(const std::string& path, const HtmlLimits& limits) : path_(path), limits_(limits) {}

  // Text of a whole document.
  Status WalkDocument(const GumboNode* node, int depth) {
    if (depth > limits_.max_depth + 64) return TooDeep();
    switch (node->type) {
      case GUMBO_NODE_DOCUMENT:
        return WalkChildren(node, depth);
      case GUMBO_NODE_ELEMENT: {
        const GumboTag tag = node->v.element.tag;
        if (Skipped(tag)) return Status::Ok();
        if (tag == GUMBO_TAG_BR) {
          NewLine();
          return Status::Ok();
        }
        FontScope font(this, node->v.element);
        if (tag == GUMBO_TAG_TABLE) return Table(node, depth);
        const bool block = IsBlock(tag);
        if (block) EndLine();
        if (Status s = WalkChildren(node, depth); !s.ok()) return s;
        if (block) EndLine();
        return Status::Ok();
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        FlowText(node->v.text.text);
        return Status::Ok();
      default:
        return Status::Ok();
    }
  }

  // The first <table> of a parsed table fragment (text-with-tables files).
  Status FirstTable(const GumboNode* document) {
    found_table_ = false;
    return TableFragment(document, 0);
  }

  MarkupPageBuilder& builder() { return builder_; }

  // Text of a plain-text part, kept as written (a CR before a newline dropped).
  void VerbatimText(std::string_view text) {
    std::string t;
    t.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i)
      if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) t.push_back(text[i]);
    builder_.set_collapse_blank_lines(false);
    builder_.Append(t);
    builder_.set_collapse_blank_lines(true);
    last_space_ = false;
  }

 private:
  Status TableFragment(const GumboNode* node, int depth) {
    if (depth > limits_.max_depth + 64) return TooDeep();
    if (node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == GUMBO_TAG_TABLE)
      return Table(node, depth);
    const GumboVector& kids = Children(node);
    for (unsigned i = 0; i < kids.length; ++i) {
      const GumboNode* kid = Child(kids, i);
      if (kid->type == GUMBO_NODE_ELEMENT || kid->type == GUMBO_NODE_DOCUMENT)
        if (Status s = TableFragment(kid, depth + 1); !s.ok() || found_table_) return s;
    }
    return Status::Ok();
  }

  Status TooDeep() const {
    return Status::TooLarge(path_ + ": HTML elements nested deeper than " +
                            std::to_string(limits_.max_depth) + " levels");
  }

  Status WalkChildren(const GumboNode* node, int depth) {
    const GumboVector& kids = Children(node);
    for (unsigned i = 0; i < kids.length; ++i)
      if (Status s = WalkDocument(Child(kids, i), depth + 1); !s.ok()) return s;
    return Status::Ok();
  }

  void EndLine() {
    builder_.EndLine();
    last_space_ = false;
  }

  void NewLine() {
    if (builder_.line_empty()) {
      builder_.BlankLine();
    } else {
      builder_.EndLine();
    }
    last_space_ = false;
  }

  // Flow text: a source newline ends a non-empty line; a second newline in a
  // row makes a blank line (paragraph break in a text export); a newline
  // right after a block end or <br> is the source's own line end and adds
  // nothing. Runs of spaces collapse to one; spaces at a line start drop.
  // Tabs are kept: in text exports they separate fields.
  void FlowText(const char* text) {
    std::string run;
    auto flush = [&] {
      if (!run.empty()) builder_.Append(run, font_);
      run.clear();
    };
    bool newline_seen = false;  // in this node, since the last text
    for (const char* p = text; *p; ++p) {
      char c = *p;
      if (c == '\n') {
        flush();
        if (!builder_.line_empty()) {
          builder_.EndLine();
        } else if (newline_seen) {
          builder_.BlankLine();
        }
        newline_seen = true;
        last_space_ = false;
        continue;
      }
      if (c == ' ' || c == '\r' || c == '\v' || c == '\f') {
        if (last_space_ || (builder_.line_empty() && run.empty())) continue;
        run.push_back(' ');
        last_space_ = true;
        continue;
      }
      run.push_back(c);
      last_space_ = c == '\t';
      newline_seen = false;
    }
    flush();
  }

  // Text of a cell: everything inside, on one line, spaces collapsed; the
  // same text by font in cell->runs.
  Status CellText(const GumboNode* node, int depth, SourceCell* cell) {
    if (depth > limits_.max_depth + 64) return TooDeep();
    std::string& out = cell->text;
    auto put = [&](char c) {
      out.push_back(c);
      if (cell->runs.empty() || cell->runs.back().font != font_) cell->runs.push_back({"", font_});
      cell->runs.back().text.push_back(c);
    };
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
        node->type == GUMBO_NODE_WHITESPACE) {
      for (const char* p = node->v.text.text; *p; ++p) {
        char c = *p;
        bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
        if (space) {
          if (!out.empty() && out.back() != ' ') put(' ');
        } else {
          put(c);
        }
      }
      return Status::Ok();
    }
    if (node->type != GUMBO_NODE_ELEMENT) return Status::Ok();
    const GumboTag tag = node->v.element.tag;
    if (Skipped(tag)) return Status::Ok();
    FontScope font(this, node->v.element);
    const bool breaks = tag == GUMBO_TAG_BR || IsBlock(tag);
    if (breaks && !out.empty() && out.back() != ' ') put(' ');
    const GumboVector& kids = Children(node);
    for (unsigned i = 0; i < kids.length; ++i)
      if (Status s = CellText(Child(kids, i), depth + 1, cell); !s.ok()) return s;
    if (breaks && !out.empty() && out.back() != ' ') put(' ');
    return Status::Ok();
  }

  // Trailing spaces of a cell, off its text and its runs.
  static void TrimCell(SourceCell* cell) {
    while (!cell->text.empty() && cell->text.back() == ' ') {
      cell->text.pop_back();
      while (!cell->runs.empty() && cell->runs.back().text.empty()) cell->runs.pop_back();
      if (!cell->runs.empty()) cell->runs.back().text.pop_back();
    }
    while (!cell->runs.empty() && cell->runs.back().text.empty()) cell->runs.pop_back();
  }

  Status Row(const GumboNode* tr, int depth, std::vector<SourceRow>* rows) {
    SourceRow row;
    const GumboVector& kids = Children(tr);
    for (unsigned i = 0; i < kids.length; ++i) {
      const GumboNode* cell = Child(kids, i);
      if (cell->type != GUMBO_NODE_ELEMENT) continue;
      GumboTag tag = cell->v.element.tag;
      if (tag != GUMBO_TAG_TD && tag != GUMBO_TAG_TH) continue;
      SourceCell c;
      if (Status s = CellText(cell, depth + 1, &c); !s.ok()) return s;
      TrimCell(&c);
      c.col_span = SpanAttribute(cell->v.element, "colspan", 1000);
      c.row_span = SpanAttribute(cell->v.element, "rowspan", 65534);
      row.push_back(std::move(c));
    }
    rows->push_back(std::move(row));
    return Status::Ok();
  }

  Status Table(const GumboNode* table, int depth) {
    found_table_ = true;
    std::vector<SourceRow> rows;
    std::string caption;
    const GumboVector& kids = Children(table);
    for (unsigned i = 0; i < kids.length; ++i) {
      const GumboNode* kid = Child(kids, i);
      if (kid->type != GUMBO_NODE_ELEMENT) continue;
      GumboTag tag = kid->v.element.tag;
      if (tag == GUMBO_TAG_CAPTION) {
        SourceCell c;
        if (Status s = CellText(kid, depth + 1, &c); !s.ok()) return s;
        caption = std::move(c.text);
      } else if (tag == GUMBO_TAG_TR) {
        if (Status s = Row(kid, depth + 1, &rows); !s.ok()) return s;
      } else if (tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TBODY || tag == GUMBO_TAG_TFOOT) {
        const GumboVector& trs = Children(kid);
        for (unsigned j = 0; j < trs.length; ++j) {
          const GumboNode* tr = Child(trs, j);
          if (tr->type == GUMBO_NODE_ELEMENT && tr->v.element.tag == GUMBO_TAG_TR)
            if (Status s = Row(tr, depth + 2, &rows); !s.ok()) return s;
        }
      }
    }
    EndLine();
    if (!caption.empty()) {
      builder_.Append(caption);
      EndLine();
    }
    // A 1x1 table is a frame around ordinary content (layout), not data. So
    // is one row whose cells hold a table (a table beside a note such as
    // "Đơn vị tính: hồ sơ"): read as content, the inner table as a table.
    if ((rows.size() == 1 && rows[0].size() == 1 && rows[0][0].col_span == 1) ||
        (rows.size() == 1 && HoldsTable(table, 0))) {
      for (unsigned i = 0; i < kids.length; ++i)
        if (Status s = WalkDocument(Child(kids, i), depth + 1); !s.ok()) return s;
      EndLine();
      return Status::Ok();
    }
    size_t cells = 0;
    for (const SourceRow& r : rows) cells += r.size();
    if (cells == 0) return Status::Ok();
    Grid grid;
    size_t left = limits_.max_cells > slots_ ? limits_.max_cells - slots_ : 0;
    if (Status s = LayoutGrid(rows, left, &grid); !s.ok())
      return Status::TooLarge(path_ + ": HTML " + s.message() + " in all tables");
    grid.structure = "html";
    slots_ += static_cast<size_t>(grid.rows) * static_cast<size_t>(grid.cols);
    std::vector<std::vector<TextRun>> runs;  // in the order of grid.cells
    for (SourceRow& r : rows)
      for (SourceCell& c : r) runs.push_back(std::move(c.runs));
    builder_.AddGrid(std::move(grid), runs);
    return Status::Ok();
  }

  // The font an element sets holds for its content (restored on the way out).
  class FontScope {
   public:
    FontScope(HtmlWalker* walker, const GumboElement& el) : walker_(walker) {
      std::string font = ElementFont(el);
      if (font.empty()) return;
      saved_ = std::move(walker_->font_);
      walker_->font_ = std::move(font);
      set_ = true;
    }
    ~FontScope() {
      if (set_) walker_->font_ = std::move(saved_);
    }
    FontScope(const FontScope&) = delete;
    FontScope& operator=(const FontScope&) = delete;

   private:
    HtmlWalker* walker_;
    std::string saved_;
    bool set_ = false;
  };

  // True if a table element lies inside `node` (not `node` itself); the
  // search stops at the nesting limit.
  bool HoldsTable(const GumboNode* node, int depth) const {
    if (depth > limits_.max_depth) return false;
    const GumboVector& kids = Children(node);
    for (unsigned i = 0; i < kids.length; ++i) {
      const GumboNode* kid = Child(kids, i);
      if (kid->type != GUMBO_NODE_ELEMENT) continue;
      if (kid->v.element.tag == GUMBO_TAG_TABLE || HoldsTable(kid, depth + 1)) return true;
    }
    return false;
  }

  const std::string& path_;
  const HtmlLimits& limits_;
  MarkupPageBuilder builder_;
  std::string font_;  // font of the text being walked ("" = none named)
  bool last_space_ = false;
  bool found_table_ = false;
  size_t slots_ = 0;
};

// Start of the matching </table> end tag for the <table at `open`, counting
// nested tables; npos when it never closes. Each search resumes where the
// last one stopped (linear in the text).
size_t MatchingTableEnd(std::string_view s, size_t open, size_t* after) {
  int depth = 1;
  size_t next_open = FindTag(s, "<table", open + 6);
  size_t i = open + 6;
  while (true) {
    size_t c = FindNoCase(s, "</table", i);
    if (c == std::string_view::npos) return std::string_view::npos;
    while (next_open != std::string_view::npos && next_open < c) {
      ++depth;
      next_open = FindTag(s, "<table", next_open + 6);
    }
    if (--depth == 0) {
      size_t gt = s.find('>', c);
      *after = gt == std::string_view::npos ? s.size() : gt + 1;
      return c;
    }
    i = c + 7;
  }
}

}  // namespace

HtmlKind DetectHtml(std::string_view text) {
  size_t i = 0;
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' ||
                               text[i] == '\r' || text[i] == '\f'))
      ++i;
    if (text.compare(i, 4, "<!--") == 0) {
      size_t end = text.find("-->", i + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
    } else if (text.compare(i, 5, "<?xml") == 0) {
      size_t end = text.find("?>", i);
      if (end == std::string_view::npos) break;
      i = end + 2;
    } else {
      break;
    }
  }
  if (StartsWithNoCase(text, i, "<!doctype html") || StartsWithNoCase(text, i, "<html") ||
      StartsWithNoCase(text, i, "<head") || StartsWithNoCase(text, i, "<body"))
    return HtmlKind::kDocument;
  size_t table = FindTag(text, "<table", 0);
  if (table == std::string_view::npos) return HtmlKind::kNone;
  if (FindTag(text, "<td", table) != std::string_view::npos ||
      FindTag(text, "<th", table) != std::string_view::npos)
    return HtmlKind::kTextWithTables;
  return HtmlKind::kNone;
}

std::string DeclaredHtmlCharset(std::string_view text) {
  std::string_view head = text.substr(0, 1024);
  size_t at = FindNoCase(head, "charset");
  if (at == std::string_view::npos) return "";
  size_t i = at + 7;
  while (i < head.size() && (head[i] == ' ' || head[i] == '=' || head[i] == '"' || head[i] == '\''))
    ++i;
  std::string name;
  while (i < head.size() && (IsAsciiAlpha(head[i]) || (head[i] >= '0' && head[i] <= '9') ||
                             head[i] == '-' || head[i] == '_'))
    name.push_back(Lower(head[i++]));
  return name;
}

Status ReadHtml(const std::string& path, std::string_view utf8, HtmlKind kind,
                const HtmlLimits& limits, Document* doc) {
  if (utf8.size() > limits.max_bytes)
    return Status::TooLarge(path + ": HTML is " + std::to_string(utf8.size()) +
                            " bytes, more than the limit of " + std::to_string(limits.max_bytes));
  HtmlWalker walker(path, limits);
  auto parse = [&](std::string_view html, bool fragment) -> Status {
    int depth = EstimateDepth(html, limits.max_depth);
    if (depth > limits.max_depth)
      return Status::TooLarge(path + ": HTML elements nested deeper than " +
                              std::to_string(limits.max_depth) + " levels");
    GumboPtr out = Parse(html);
    if (!out) return Status::Corrupt(path + ": HTML parser failed");
    return fragment ? walker.FirstTable(out->document) : walker.WalkDocument(out->document, 0);
  };
  if (kind == HtmlKind::kDocument) {
    if (Status s = parse(utf8, false); !s.ok()) return s;
  } else {
    size_t pos = 0;
    while (pos < utf8.size()) {
      size_t open = FindTag(utf8, "<table", pos);
      size_t after = utf8.size();
      size_t close =
          open == std::string_view::npos ? std::string_view::npos : MatchingTableEnd(utf8, open, &after);
      if (close == std::string_view::npos) {
        // No (closed) table left: the rest is plain text; an unclosed table
        // runs to the end of the file.
        if (open == std::string_view::npos) {
          walker.VerbatimText(utf8.substr(pos));
          break;
        }
        after = utf8.size();
      }
      walker.VerbatimText(utf8.substr(pos, open - pos));
      if (Status s = parse(utf8.substr(open, after - open), true); !s.ok()) return s;
      pos = after;
      // The line end right after </table> is the table's own.
      size_t k = pos;
      while (k < utf8.size() && (utf8[k] == ' ' || utf8[k] == '\t' || utf8[k] == '\r')) ++k;
      if (k < utf8.size() && utf8[k] == '\n') pos = k + 1;
    }
  }
  const size_t grids = walker.builder().grid_count();
  doc->pages = walker.builder().Finish();
  if (Status s = CheckLineLengths(path, doc->pages, limits.max_line_bytes); !s.ok()) return s;
  doc->AddNote("ingest", "info",
               std::string(kind == HtmlKind::kDocument ? "HTML document" : "text with HTML tables") +
                   ": " + std::to_string(grids) + " table(s) read as grids");
  return Status::Ok();
}

}  // namespace sohoa
