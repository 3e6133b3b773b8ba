#include "pipeline/ingest/docx_reader.h"

#include <zip.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <vector>

#include "pipeline/core/utf8.h"
#include "pipeline/ingest/markup_text.h"
#include "pipeline/ingest/text_quality.h"

namespace sohoa {

namespace {

// --- zip --------------------------------------------------------------------

// The zip archive in memory. Members are found by exact name; their names
// are never used as paths.
class ZipReader {
 public:
  ZipReader(const std::string& path, const DocxLimits& limits) : path_(path), limits_(limits) {}
  ~ZipReader() {
    if (za_) zip_discard(za_);
  }
  ZipReader(const ZipReader&) = delete;  // owns the libzip handle
  ZipReader& operator=(const ZipReader&) = delete;

  Status Open(std::string_view bytes) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (!src) return Status::Internal(path_ + ": libzip: " + zip_error_strerror(&err));
    za_ = zip_open_from_source(src, ZIP_RDONLY, &err);
    if (!za_) {
      std::string why = zip_error_strerror(&err);
      zip_source_free(src);
      zip_error_fini(&err);
      return Status::Corrupt(path_ + ": Word document is damaged: not a readable zip archive (" +
                             why + ")");
    }
    zip_int64_t n = zip_get_num_entries(za_, 0);
    if (n < 0) return Status::Corrupt(path_ + ": Word document is damaged: zip directory unreadable");
    if (n > limits_.max_entries)
      return Status::TooLarge(path_ + ": zip archive has " + std::to_string(n) +
                              " members, more than the limit of " +
                              std::to_string(limits_.max_entries));
    uint64_t total = 0;
    for (zip_int64_t i = 0; i < n; ++i) {
      zip_stat_t st;
      zip_stat_init(&st);
      if (zip_stat_index(za_, i, 0, &st) != 0) continue;
      if (st.valid & ZIP_STAT_SIZE) total += st.size;
      if (total > limits_.max_total_bytes)
        return Status::TooLarge(path_ + ": zip members would expand to more than " +
                                std::to_string(limits_.max_total_bytes) +
                                " bytes (the limit): refused as a zip bomb");
    }
    return Status::Ok();
  }

  bool Has(const std::string& name) const { return zip_name_locate(za_, name.c_str(), 0) >= 0; }

  // Reads one member. NotFound when there is none of that name.
  Status Read(const std::string& name, std::string* out) {
    out->clear();
    zip_int64_t idx = zip_name_locate(za_, name.c_str(), 0);
    if (idx < 0) return Status::NotFound(path_ + ": Word document has no part " + name);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za_, idx, 0, &st) != 0)
      return Status::Corrupt(path_ + ": Word document is damaged: cannot read " + name);
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
      return Status::Encrypted(path_ + ": Word document is encrypted (zip member " + name +
                               " needs a password)");
    if ((st.valid & ZIP_STAT_SIZE) && st.size > limits_.max_part_bytes)
      return TooBig(name, st.size);
    zip_file_t* f = zip_fopen_index(za_, idx, 0);
    if (!f) {
      int code = zip_error_code_zip(zip_get_error(za_));
      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD)
        return Status::Encrypted(path_ + ": Word document is encrypted (zip member " + name +
                                 " needs a password)");
      return Status::Corrupt(path_ + ": Word document is damaged: cannot open " + name + " (" +
                             zip_strerror(za_) + ")");
    }
    char buf[65536];
    uint64_t comp = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    Status result;
    while (true) {
      zip_int64_t got = zip_fread(f, buf, sizeof buf);
      if (got < 0) {
        result = Status::Corrupt(path_ + ": Word document is damaged: " + name + " (" +
                                 zip_file_strerror(f) + ")");
        break;
      }
      if (got == 0) break;
      out->append(buf, static_cast<size_t>(got));
      read_total_ += static_cast<uint64_t>(got);
      // Declared sizes can lie: the limits hold on what is actually inflated.
      if (out->size() > limits_.max_part_bytes) {
        result = TooBig(name, out->size());
        break;
      }
      if (out->size() > (1u << 20) &&
          static_cast<double>(out->size()) > limits_.max_ratio * static_cast<double>(comp)) {
        result = Status::TooLarge(path_ + ": zip member " + name + " expands more than " +
                                  std::to_string(static_cast<int>(limits_.max_ratio)) +
                                  " times its compressed size: refused as a zip bomb");
        break;
      }
      if (read_total_ > limits_.max_total_bytes) {
        result = TooBig(name, read_total_);
        break;
      }
    }
    int closed = zip_fclose(f);
    if (result.ok() && closed != 0)
      result = Status::Corrupt(path_ + ": Word document is damaged: " + name +
                               " fails its checksum");
    return result;
  }

 private:
  Status TooBig(const std::string& name, uint64_t size) const {
    return Status::TooLarge(path_ + ": zip member " + name + " expands to more than " +
                            std::to_string(std::min<uint64_t>(size, limits_.max_part_bytes)) +
                            " bytes (limit " + std::to_string(limits_.max_part_bytes) +
                            "): refused as a zip bomb");
  }

  const std::string& path_;
  const DocxLimits& limits_;
  zip_t* za_ = nullptr;
  uint64_t read_total_ = 0;
};

// --- XML --------------------------------------------------------------------

// Element and attribute names without their namespace prefix ("w:p" -> "p"):
// Word writes "w:", other producers may bind another prefix.
std::string_view Local(const char* name) {
  std::string_view n(name);
  size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

bool Is(const pugi::xml_node& n, std::string_view local) {
  return n.type() == pugi::node_element && Local(n.name()) == local;
}

pugi::xml_node ChildNamed(const pugi::xml_node& n, std::string_view local) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling())
    if (Is(c, local)) return c;
  return pugi::xml_node();
}

const char* Attr(const pugi::xml_node& n, std::string_view local) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
    if (Local(a.name()) == local) return a.value();
  return nullptr;
}

int IntAttr(const pugi::xml_node& n, std::string_view local, int fallback, int max) {
  const char* v = Attr(n, local);
  if (!v || *v < '0' || *v > '9') return fallback;
  long x = 0;
  while (*v >= '0' && *v <= '9' && x <= max) x = x * 10 + (*v++ - '0');
  return static_cast<int>(std::min<long>(x, max));
}

// Deepest element nesting, without recursion.
int MaxDepth(const pugi::xml_node& root, int limit) {
  int depth = 1, deepest = 0;
  pugi::xml_node n = root.first_child();
  while (n) {
    deepest = std::max(deepest, depth);
    if (deepest > limit) break;
    if (n.first_child()) {
      n = n.first_child();
      ++depth;
      continue;
    }
    while (n && n != root && !n.next_sibling()) {
      n = n.parent();
      --depth;
    }
    if (!n || n == root) break;
    n = n.next_sibling();
  }
  return deepest;
}

Status ParseXml(const std::string& path, const std::string& name, const std::string& data,
                const DocxLimits& limits, pugi::xml_document* doc) {
  // No pugixml option expands entities beyond the five predefined ones and
  // character references; parse_doctype only lets the DTD be seen, to refuse it.
  pugi::xml_parse_result r =
      doc->load_buffer(data.data(), data.size(),
                       pugi::parse_default | pugi::parse_ws_pcdata_single | pugi::parse_doctype);
  if (!r)
    return Status::Corrupt(path + ": Word document is damaged: " + name +
                           " is not well-formed XML (" + r.description() + " at byte " +
                           std::to_string(r.offset) + ")");
  for (pugi::xml_node c = doc->first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_doctype)
      return Status::Corrupt(path + ": Word part " + name +
                             " declares a DTD (<!DOCTYPE>): refused (Word never writes one; "
                             "entity declarations are not read)");
  if (MaxDepth(*doc, limits.max_depth) > limits.max_depth)
    return Status::TooLarge(path + ": Word part " + name + " nests XML elements deeper than " +
                            std::to_string(limits.max_depth) + " levels");
  return Status::Ok();
}

// --- fonts --------------------------------------------------------------------

// w:rFonts at one level: the font for ASCII characters and for the others.
// A theme font (asciiTheme) counts as set, with no name (theme fonts are
// modern Unicode fonts; legacy Vietnamese fonts predate themes).
struct Fonts {
  std::string ascii, hansi;
  bool has_ascii = false, has_hansi = false;

  void FillFrom(const Fonts& o) {
    if (!has_ascii && o.has_ascii) ascii = o.ascii, has_ascii = true;
    if (!has_hansi && o.has_hansi) hansi = o.hansi, has_hansi = true;
  }
  bool complete() const { return has_ascii && has_hansi; }
};

Fonts FontsOf(const pugi::xml_node& rpr) {
  Fonts f;
  pugi::xml_node rf = ChildNamed(rpr, "rFonts");
  if (!rf) return f;
  if (Attr(rf, "asciiTheme")) {
    f.has_ascii = true;
  } else if (const char* a = Attr(rf, "ascii")) {
    f.ascii = a, f.has_ascii = true;
  }
  if (Attr(rf, "hAnsiTheme")) {
    f.has_hansi = true;
  } else if (const char* h = Attr(rf, "hAnsi")) {
    f.hansi = h, f.has_hansi = true;
  }
  return f;
}

class Styles {
 public:
  void Load(const pugi::xml_document& doc) {
    pugi::xml_node root = ChildNamed(doc, "styles");
    pugi::xml_node defaults = ChildNamed(ChildNamed(ChildNamed(root, "docDefaults"), "rPrDefault"), "rPr");
    defaults_ = FontsOf(defaults);
    for (pugi::xml_node s = root.first_child(); s; s = s.next_sibling()) {
      if (!Is(s, "style")) continue;
      const char* id = Attr(s, "styleId");
      const char* type = Attr(s, "type");
      if (!id || !type) continue;
      Style st;
      if (pugi::xml_node b = ChildNamed(s, "basedOn")) st.based_on = Attr(b, "val") ? Attr(b, "val") : "";
      st.fonts = FontsOf(ChildNamed(s, "rPr"));
      std::string t = type;
      if (t == "paragraph") {
        const char* def = Attr(s, "default");
        if (def && (std::string(def) == "1" || std::string(def) == "true")) default_paragraph_ = id;
        paragraph_[id] = std::move(st);
      } else if (t == "character") {
        character_[id] = std::move(st);
      }
    }
  }

  // The run's fonts: its own w:rFonts, then its character style chain, then
  // its paragraph's style chain (or the default paragraph style), then the
  // document defaults; each of ascii/hAnsi separately, as Word inherits.
  Fonts Resolve(const pugi::xml_node& rpr, const std::string& paragraph_style) const {
    Fonts f = FontsOf(rpr);
    if (pugi::xml_node rs = ChildNamed(rpr, "rStyle"))
      if (const char* id = Attr(rs, "val")) Chain(character_, id, &f);
    Chain(paragraph_, paragraph_style.empty() ? default_paragraph_ : paragraph_style, &f);
    f.FillFrom(defaults_);
    return f;
  }

 private:
  struct Style {
    std::string based_on;
    Fonts fonts;
  };
  static void Chain(const std::map<std::string, Style>& styles, std::string id, Fonts* f) {
    for (int hops = 0; hops < 32 && !id.empty() && !f->complete(); ++hops) {
      auto it = styles.find(id);
      if (it == styles.end()) return;
      f->FillFrom(it->second.fonts);
      id = it->second.based_on;
    }
  }

  std::map<std::string, Style> paragraph_, character_;
  std::string default_paragraph_;
  Fonts defaults_;
};

bool HasNonAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

std::string LowerAscii(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

// A character of a symbol font (w:sym, or U+F020..U+F0FF in a Symbol or
// Wingdings run) as the Unicode character it shows; the common ones only.
std::string SymbolChar(const std::string& font, char32_t code) {
  if (code >= 0xF000 && code <= 0xF0FF) code -= 0xF000;
  std::string f = LowerAscii(font);
  char32_t out = code;
  if (f.rfind("symbol", 0) == 0) {
    switch (code) {
      case 0x2D: out = U'\u2212'; break;  // minus
      case 0xA3: out = U'\u2264'; break;  // less or equal
      case 0xB3: out = U'\u2265'; break;  // greater or equal
      case 0xB1: out = U'\u00B1'; break;
      case 0xB4: out = U'\u00D7'; break;  // times
      case 0xB8: out = U'\u00F7'; break;
      case 0xB7: out = U'\u2022'; break;  // bullet
      case 0xAE: out = U'\u2192'; break;
      case 0xAC: out = U'\u2190'; break;
      case 0xDE: out = U'\u21D2'; break;
      case 0xB0: out = U'\u00B0'; break;
      case 0xB9: out = U'\u2260'; break;
      case 0xBB: out = U'\u2248'; break;
      case 0xA5: out = U'\u221E'; break;
      default: break;
    }
  } else if (f.rfind("wingdings", 0) == 0 || f.rfind("webdings", 0) == 0) {
    out = code == 0xFC ? U'\u2713' : code == 0xFB ? U'\u2717' : U'\u2022';  // check, cross, bullets
  }
  std::string s;
  AppendUtf8(out < 0x20 ? U' ' : out, &s);
  return s;
}

bool IsSymbolFont(const std::string& font) {
  std::string f = LowerAscii(font);
  return f.rfind("symbol", 0) == 0 || f.rfind("wingdings", 0) == 0 || f.rfind("webdings", 0) == 0;
}

std::string MapSymbolRun(const std::string& font, const std::string& text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t cp = DecodeUtf8(text, &pos);
    if (cp >= 0xF020 && cp <= 0xF0FF) out += SymbolChar(font, cp);
    else AppendUtf8(cp, &out);
  }
  return out;
}

// --- document walker -------------------------------------------------------------

void AddRun(std::vector<TextRun>* runs, std::string text, const std::string& font) {
  if (text.empty()) return;
  if (!runs->empty() && runs->back().font == font) runs->back().text += text;
  else runs->push_back({std::move(text), font});
}

// Runs as one line: breaks and tabs become spaces, runs of spaces collapse
// (also across runs), no space at either end.
std::vector<TextRun> FlattenRuns(const std::vector<TextRun>& runs) {
  std::vector<TextRun> out;
  bool space = true;  // drops leading spaces
  for (const TextRun& r : runs) {
    std::string t;
    for (char c : r.text) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\v') {
        if (!space) t.push_back(' ');
        space = true;
      } else {
        t.push_back(c);
        space = false;
      }
    }
    AddRun(&out, std::move(t), r.font);
  }
  while (!out.empty()) {
    std::string& t = out.back().text;
    while (!t.empty() && t.back() == ' ') t.pop_back();
    if (!t.empty()) break;
    out.pop_back();
  }
  return out;
}

class DocxWalker {
 public:
  DocxWalker(const std::string& path, const DocxLimits& limits, const Styles& styles)
      : path_(path), limits_(limits), styles_(styles) {}

  // Block content (body, text box, header): paragraphs to lines, tables to grids.
  Status Blocks(const pugi::xml_node& container, int depth) {
    if (depth > limits_.max_depth) return TooDeep();
    for (pugi::xml_node c = container.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view n = Local(c.name());
      if (n == "p") {
        if (Status s = Paragraph(c, depth + 1); !s.ok()) return s;
      } else if (n == "tbl") {
        if (Status s = Table(c, depth + 1); !s.ok()) return s;
      } else if (n == "sdt") {
        if (Status s = Blocks(ChildNamed(c, "sdtContent"), depth + 1); !s.ok()) return s;
      } else if (n == "customXml" || n == "ins" || n == "moveTo") {
        if (Status s = Blocks(c, depth + 1); !s.ok()) return s;
      }
    }
    return Status::Ok();
  }

  // All text of block content on one line (table cells, headers).
  Status Flatten(const pugi::xml_node& container, int depth, std::vector<TextRun>* out) {
    if (depth > limits_.max_depth) return TooDeep();
    for (pugi::xml_node c = container.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view n = Local(c.name());
      if (n == "p") {
        std::vector<pugi::xml_node> boxes;
        if (Status s = ParagraphRuns(c, depth + 1, out, &boxes); !s.ok()) return s;
        AddRun(out, " ", "");
        for (const pugi::xml_node& box : boxes)
          if (Status s = Flatten(box, depth + 1, out); !s.ok()) return s;
      } else if (n == "tbl" || n == "tr" || n == "tc" || n == "customXml" || n == "ins" ||
                 n == "moveTo" || n == "sdtContent") {
        if (Status s = Flatten(c, depth + 1, out); !s.ok()) return s;
        AddRun(out, " ", "");
      } else if (n == "sdt") {
        if (Status s = Flatten(ChildNamed(c, "sdtContent"), depth + 1, out); !s.ok()) return s;
      }
    }
    return Status::Ok();
  }

  MarkupPageBuilder& builder() { return builder_; }

 private:
  Status TooDeep() const {
    return Status::TooLarge(path_ + ": Word document nests deeper than " +
                            std::to_string(limits_.max_depth) + " levels");
  }

  Status Paragraph(const pugi::xml_node& p, int depth) {
    pugi::xml_node ppr = ChildNamed(p, "pPr");
    if (pugi::xml_node pb = ChildNamed(ppr, "pageBreakBefore")) {
      const char* v = Attr(pb, "val");
      if (!v || (std::string(v) != "0" && std::string(v) != "false")) builder_.EndPage();
    }
    std::vector<TextRun> runs;
    std::vector<pugi::xml_node> boxes;
    if (Status s = ParagraphRuns(p, depth, &runs, &boxes); !s.ok()) return s;
    bool empty = true;
    for (const TextRun& r : runs) {
      builder_.Append(r.text, r.font);
      if (!r.text.empty()) empty = false;
    }
    // An empty paragraph is Word's blank line.
    if (empty) builder_.BlankLine();
    else builder_.EndLine();
    for (const pugi::xml_node& box : boxes)
      if (Status s = Blocks(box, depth + 1); !s.ok()) return s;
    return Status::Ok();
  }

  Status ParagraphRuns(const pugi::xml_node& p, int depth, std::vector<TextRun>* out,
                       std::vector<pugi::xml_node>* boxes) {
    std::string style;
    if (pugi::xml_node ps = ChildNamed(ChildNamed(p, "pPr"), "pStyle"))
      if (const char* v = Attr(ps, "val")) style = v;
    return Inline(p, style, depth, out, boxes);
  }

  Status Inline(const pugi::xml_node& parent, const std::string& style, int depth,
                std::vector<TextRun>* out, std::vector<pugi::xml_node>* boxes) {
    if (depth > limits_.max_depth) return TooDeep();
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view n = Local(c.name());
      if (n == "r") {
        Run(c, style, out, boxes);
      } else if (n == "hyperlink" || n == "ins" || n == "moveTo" || n == "smartTag" ||
                 n == "customXml" || n == "fldSimple" || n == "bdo" || n == "dir" ||
                 n == "sdtContent") {
        if (Status s = Inline(c, style, depth + 1, out, boxes); !s.ok()) return s;
      } else if (n == "sdt") {
        if (Status s = Inline(ChildNamed(c, "sdtContent"), style, depth + 1, out, boxes); !s.ok())
          return s;
      }
    }
    return Status::Ok();
  }

  // Text boxes inside a drawing: the w:txbxContent elements below `n`
  // (for mc:AlternateContent only its first choice, the fallback repeats it).
  void FindTextBoxes(const pugi::xml_node& n, std::vector<pugi::xml_node>* boxes) {
    std::vector<std::pair<pugi::xml_node, int>> stack{{n, 0}};
    while (!stack.empty()) {
      auto [node, depth] = stack.back();
      stack.pop_back();
      if (depth > limits_.max_depth) continue;
      if (Is(node, "txbxContent")) {
        boxes->push_back(node);
        continue;
      }
      if (Is(node, "AlternateContent")) {
        for (pugi::xml_node k = node.first_child(); k; k = k.next_sibling())
          if (k.type() == pugi::node_element) {
            stack.push_back({k, depth + 1});
            break;
          }
        continue;
      }
      std::vector<pugi::xml_node> kids;
      for (pugi::xml_node k = node.first_child(); k; k = k.next_sibling())
        if (k.type() == pugi::node_element) kids.push_back(k);
      for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back({*it, depth + 1});
    }
  }

  void Run(const pugi::xml_node& r, const std::string& style, std::vector<TextRun>* out,
           std::vector<pugi::xml_node>* boxes) {
    const Fonts fonts = styles_.Resolve(ChildNamed(r, "rPr"), style);
    auto font_for = [&](std::string_view text) -> const std::string& {
      bool high = HasNonAscii(text);
      if (high) return fonts.has_hansi || !fonts.has_ascii ? fonts.hansi : fonts.ascii;
      return fonts.has_ascii || !fonts.has_hansi ? fonts.ascii : fonts.hansi;
    };
    for (pugi::xml_node c = r.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view n = Local(c.name());
      if (n == "t") {
        std::string text = c.child_value();
        const std::string& font = font_for(text);
        if (IsSymbolFont(font)) text = MapSymbolRun(font, text);
        AddRun(out, std::move(text), font);
      } else if (n == "tab" || n == "ptab") {
        AddRun(out, "\t", "");
      } else if (n == "br") {
        const char* type = Attr(c, "type");
        AddRun(out, type && std::string(type) == "page" ? "\f" : "\n", "");
      } else if (n == "cr") {
        AddRun(out, "\n", "");
      } else if (n == "softHyphen") {
        // Invisible in a Unicode font, but byte 0xAD is TCVN3's "ư": in a
        // .VnTime run LibreOffice writes it as <w:softHyphen/> when it
        // saves a .doc or .odt as .docx. Kept (as U+00AD) for legacy fonts.
        const std::string& font = font_for("\xC2\xAD");
        if (IsLegacyVietnameseFont(font)) AddRun(out, "\xC2\xAD", font);
      } else if (n == "noBreakHyphen") {
        AddRun(out, "-", font_for("-"));
      } else if (n == "sym") {
        const char* hex = Attr(c, "char");
        const char* sym_font = Attr(c, "font");
        char32_t code = 0;
        for (const char* h = hex ? hex : ""; *h && code < 0x110000; ++h) {
          char ch = *h;
          int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
          if (d < 0) break;
          code = code * 16 + static_cast<char32_t>(d);
        }
        if (code > 0 && code < 0x110000 && !(code >= 0xD800 && code <= 0xDFFF)) {
          std::string f = sym_font ? sym_font : "";
          if (IsSymbolFont(f) || (code >= 0xF000 && code <= 0xF0FF)) {
            AddRun(out, SymbolChar(f, code), IsSymbolFont(f) ? "" : f);
          } else {
            std::string s;
            AppendUtf8(code, &s);
            AddRun(out, std::move(s), f);
          }
        }
      } else if (n == "drawing" || n == "pict" || n == "object" || n == "AlternateContent") {
        FindTextBoxes(c, boxes);
      }
      // instrText (field codes), delText, fldChar, footnote
      // references and the rest carry no text of the page.
    }
  }

  struct TableCell {
    int col = 0, span = 1;
    enum class VMerge { kNone, kRestart, kContinue } vmerge = VMerge::kNone;
    std::vector<TextRun> runs;
    pugi::xml_node node;
  };

  // Table rows and cells, looking through content-control and custom-XML wrappers.
  template <typename Fn>
  static void EachChild(const pugi::xml_node& n, std::string_view local, const Fn& fn, int hops = 0) {
    for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
      if (Is(c, local)) fn(c);
      else if (hops < 8 && (Is(c, "sdt"))) EachChild(ChildNamed(c, "sdtContent"), local, fn, hops + 1);
      else if (hops < 8 && Is(c, "customXml")) EachChild(c, local, fn, hops + 1);
    }
  }

  Status Table(const pugi::xml_node& tbl, int depth) {
    if (depth > limits_.max_depth) return TooDeep();
    std::vector<std::vector<TableCell>> rows;
    Status status;
    EachChild(tbl, "tr", [&](const pugi::xml_node& tr) {
      if (!status.ok()) return;
      std::vector<TableCell> row;
      int col = IntAttr(ChildNamed(ChildNamed(tr, "trPr"), "gridBefore"), "val", 0, 1000);
      EachChild(tr, "tc", [&](const pugi::xml_node& tc) {
        if (!status.ok()) return;
        pugi::xml_node pr = ChildNamed(tc, "tcPr");
        TableCell cell;
        cell.col = col;
        cell.span = std::max(1, IntAttr(ChildNamed(pr, "gridSpan"), "val", 1, 1000));
        cell.node = tc;
        if (pugi::xml_node vm = ChildNamed(pr, "vMerge")) {
          const char* v = Attr(vm, "val");
          cell.vmerge = v && std::string(v) == "restart" ? TableCell::VMerge::kRestart
                                                         : TableCell::VMerge::kContinue;
        }
        std::vector<TextRun> raw;
        status = Flatten(tc, depth + 2, &raw);
        cell.runs = FlattenRuns(raw);
        col += cell.span;
        // Old-style horizontal merge: a continuing cell widens the one before.
        pugi::xml_node hm = ChildNamed(pr, "hMerge");
        const char* hv = hm ? Attr(hm, "val") : nullptr;
        if (hm && !(hv && std::string(hv) == "restart") && !row.empty()) {
          row.back().span += cell.span;
          return;
        }
        row.push_back(std::move(cell));
      });
      rows.push_back(std::move(row));
    });
    if (!status.ok()) return status;
    // A 1x1 table is a frame around ordinary content. So is one row whose
    // cells hold a table (a table placed beside a note such as "Đơn vị
    // tính: hồ sơ"): its cells are read one after the other as content,
    // the inner table as a table, instead of the whole inner table
    // flattened into one cell.
    if (rows.size() == 1 && rows[0].size() == 1) return Blocks(rows[0][0].node, depth + 1);
    if (rows.size() == 1 && std::any_of(rows[0].begin(), rows[0].end(), [](const TableCell& c) {
          return static_cast<bool>(ChildNamed(c.node, "tbl"));
        })) {
      for (const TableCell& cell : rows[0])
        if (Status s = Blocks(cell.node, depth + 1); !s.ok()) return s;
      return Status::Ok();
    }
    // vMerge: a restarting cell spans down over the continuing cells that
    // start at its column; their text (normally none) joins its own.
    std::vector<SourceRow> source(rows.size());
    std::vector<std::vector<TextRun>> cell_runs;
    std::vector<std::vector<char>> absorbed(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) absorbed[r].assign(rows[r].size(), 0);
    for (size_t r = 0; r < rows.size(); ++r) {
      for (size_t k = 0; k < rows[r].size(); ++k) {
        if (absorbed[r][k]) continue;
        TableCell& cell = rows[r][k];
        SourceCell sc;
        sc.col = cell.col;
        sc.col_span = cell.span;
        std::vector<TextRun> runs = cell.runs;
        if (cell.vmerge != TableCell::VMerge::kNone) {
          for (size_t below = r + 1; below < rows.size(); ++below) {
            auto it = std::find_if(rows[below].begin(), rows[below].end(),
                                   [&](const TableCell& c) { return c.col == cell.col; });
            if (it == rows[below].end() || it->vmerge != TableCell::VMerge::kContinue) break;
            absorbed[below][it - rows[below].begin()] = 1;
            ++sc.row_span;
            if (!it->runs.empty()) {
              AddRun(&runs, " ", "");
              for (const TextRun& t : it->runs) AddRun(&runs, t.text, t.font);
            }
          }
        }
        for (const TextRun& t : runs) sc.text += t.text;
        sc.runs = std::move(runs);
        cell_runs.push_back(sc.runs);
        source[r].push_back(std::move(sc));
      }
    }
    size_t cells = 0;
    for (const SourceRow& r : source) cells += r.size();
    if (cells == 0) return Status::Ok();
    Grid grid;
    size_t left = limits_.max_cells > slots_ ? limits_.max_cells - slots_ : 0;
    if (Status s = LayoutGrid(source, left, &grid); !s.ok())
      return Status::TooLarge(path_ + ": Word " + s.message() + " in all tables");
    grid.structure = "docx";
    slots_ += static_cast<size_t>(grid.rows) * static_cast<size_t>(grid.cols);
    builder_.AddGrid(std::move(grid), cell_runs);
    return Status::Ok();
  }

  const std::string& path_;
  const DocxLimits& limits_;
  const Styles& styles_;
  MarkupPageBuilder builder_;
  size_t slots_ = 0;
};

std::string DirOf(const std::string& part) {
  size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

// A relationship target as a part name ("header1.xml" next to
// word/document.xml is "word/header1.xml"); "" for external or odd targets.
std::string PartName(const std::string& base_dir, const char* target, const char* mode) {
  if (!target || !*target || (mode && std::string(mode) == "External")) return "";
  std::string t = target;
  if (t.find("..") != std::string::npos || t.find(':') != std::string::npos) return "";
  if (t[0] == '/') return t.substr(1);
  if (t.rfind("./", 0) == 0) t = t.substr(2);
  return base_dir + t;
}

struct Relationship {
  std::string type;  // last segment of the Type URI ("header", "officeDocument")
  std::string part;
};

std::vector<Relationship> ReadRelationships(const pugi::xml_document& rels, const std::string& base) {
  std::vector<Relationship> out;
  for (pugi::xml_node r = ChildNamed(rels, "Relationships").first_child(); r; r = r.next_sibling()) {
    if (!Is(r, "Relationship")) continue;
    const char* type = Attr(r, "Type");
    std::string t = type ? type : "";
    size_t slash = t.rfind('/');
    out.push_back({slash == std::string::npos ? t : t.substr(slash + 1),
                   PartName(base, Attr(r, "Target"), Attr(r, "TargetMode"))});
  }
  return out;
}

}  // namespace

Status ReadDocx(const std::string& path, std::string_view bytes, const DocxLimits& limits,
                Document* doc) {
  ZipReader zip(path, limits);
  if (Status s = zip.Open(bytes); !s.ok()) return s;
  std::string data;
  // The main part, as the package relationships name it.
  std::string main_part = "word/document.xml";
  if (zip.Read("_rels/.rels", &data).ok()) {
    pugi::xml_document rels;
    if (ParseXml(path, "_rels/.rels", data, limits, &rels).ok())
      for (const Relationship& r : ReadRelationships(rels, ""))
        if (r.type == "officeDocument" && !r.part.empty() && zip.Has(r.part)) main_part = r.part;
  }
  Styles styles;
  if (Status s = zip.Read(DirOf(main_part) + "styles.xml", &data); s.ok()) {
    pugi::xml_document xml;
    if (Status p = ParseXml(path, DirOf(main_part) + "styles.xml", data, limits, &xml); !p.ok())
      return p;
    styles.Load(xml);
  } else if (s.code() != Status::Code::kNotFound) {
    return s;
  }
  if (Status s = zip.Read(main_part, &data); !s.ok()) {
    if (s.code() == Status::Code::kNotFound)
      return Status::Corrupt(path + ": Word document is damaged: it has no " + main_part);
    return s;
  }
  pugi::xml_document main;
  if (Status s = ParseXml(path, main_part, data, limits, &main); !s.ok()) return s;
  data.clear();
  DocxWalker walker(path, limits, styles);
  pugi::xml_node body = ChildNamed(ChildNamed(main, "document"), "body");
  if (!body) return Status::Corrupt(path + ": Word document is damaged: " + main_part + " has no body");
  if (Status s = walker.Blocks(body, 0); !s.ok()) return s;
  const size_t grids = walker.builder().grid_count();
  doc->pages = walker.builder().Finish();
  if (Status s = CheckLineLengths(path, doc->pages, limits.max_line_bytes); !s.ok()) return s;
  doc->AddNote("ingest", "info", "Word document: " + std::to_string(grids) + " table(s) read as grids");

  // Headers and footers the document references, each once, as notes: they
  // repeat on every printed page and are not part of the report's text flow.
  std::string rels_name = DirOf(main_part) + "_rels/" + main_part.substr(DirOf(main_part).size()) + ".rels";
  if (zip.Read(rels_name, &data).ok()) {
    pugi::xml_document rels;
    if (ParseXml(path, rels_name, data, limits, &rels).ok()) {
      std::vector<std::string> seen;
      for (const Relationship& r : ReadRelationships(rels, DirOf(main_part))) {
        if ((r.type != "header" && r.type != "footer") || r.part.empty()) continue;
        if (Status s = zip.Read(r.part, &data); !s.ok()) {
          if (s.code() == Status::Code::kNotFound) continue;
          return s;
        }
        pugi::xml_document part;
        if (Status s = ParseXml(path, r.part, data, limits, &part); !s.ok()) return s;
        std::vector<TextRun> runs;
        pugi::xml_node root = part.first_child();
        while (root && root.type() != pugi::node_element) root = root.next_sibling();
        if (Status s = walker.Flatten(root, 0, &runs); !s.ok()) return s;
        std::string text;
        for (const TextRun& t : FlattenRuns(runs)) text += t.text;
        if (text.empty() || std::find(seen.begin(), seen.end(), text) != seen.end()) continue;
        seen.push_back(text);
        doc->AddNote("ingest", "info", "page " + r.type + ": " + text);
      }
    }
  }
  return Status::Ok();
}

}  // namespace sohoa
