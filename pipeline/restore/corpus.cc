#include "pipeline/restore/corpus.h"

#include <zlib.h>

#include <cstring>

#include "pipeline/core/files.h"
#include "pipeline/core/syllable.h"
#include "pipeline/core/utf8.h"
#include "pipeline/restore/syllables.h"

namespace sohoa::restore {

namespace {

uint32_t ReadU32(const std::string& d, size_t off, bool big) {
  if (off + 4 > d.size()) return 0;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(d.data()) + off;
  return big ? (uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3])
             : (uint32_t{p[3]} << 24 | uint32_t{p[2]} << 16 | uint32_t{p[1]} << 8 | p[0]);
}

bool IsLetter(char32_t c) {
  char32_t base;
  Tone t;
  bool up;
  return SplitLetter(c, &base, &t, &up);
}

bool HasMark(std::string_view token) {
  for (unsigned char c : token) if (c >= 0x80) return true;
  return false;
}

bool IsSentenceBreak(char32_t c) {
  switch (c) {
    case '.': case ',': case '?': case '!': case ';': case ':': case '(': case ')': case '[':
    case ']': case '"': case '\n': case '\r': case '\t': case '|': case '{': case '}':
    case '<': case '>': case '=': case '*': case 0x201C: case 0x201D: case 0x2022:
      return true;
    default:
      return false;
  }
}

}  // namespace

Status ReadMoStrings(const std::string& path, std::vector<std::string>* out) {
  std::string d;
  if (Status s = ReadFileBytes(path, &d); !s.ok()) return s;
  if (d.size() < 28) return Status::InvalidArgument(path + ": too short for a .mo catalogue");
  bool big;
  if (ReadU32(d, 0, false) == 0x950412de) big = false;
  else if (ReadU32(d, 0, true) == 0x950412de) big = true;
  else return Status::InvalidArgument(path + ": not a gettext .mo catalogue (bad magic)");
  uint32_t n = ReadU32(d, 8, big), table = ReadU32(d, 16, big);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t len = ReadU32(d, table + 8ull * i, big), off = ReadU32(d, table + 8ull * i + 4, big);
    if (uint64_t{off} + len > d.size()) break;
    std::string_view s(d.data() + off, len);
    if (i == 0 && s.find("Content-Type") != std::string_view::npos) continue;  // header
    // Plural forms are NUL-separated.
    size_t start = 0;
    while (start <= s.size()) {
      size_t z = s.find('\0', start);
      if (z == std::string_view::npos) z = s.size();
      if (z > start) out->emplace_back(s.substr(start, z - start));
      start = z + 1;
    }
  }
  return Status::Ok();
}

Status ReadGzipFile(const std::string& path, std::string* out) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return Status::IoError(path + ": cannot open");
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out->append(buf, n);
  int err = 0;
  const char* msg = gzerror(f, &err);
  std::string m = msg ? msg : "";
  gzclose(f);
  if (n < 0) return Status::IoError(path + ": gzip: " + m);
  return Status::Ok();
}

std::string GroffToText(std::string_view groff) {
  std::string out;
  size_t pos = 0;
  while (pos < groff.size()) {
    size_t nl = groff.find('\n', pos);
    if (nl == std::string_view::npos) nl = groff.size();
    std::string_view line = groff.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && (line[0] == '.' || line[0] == '\'')) {
      // Keep the arguments of text-carrying macros only.
      size_t sp = line.find(' ');
      std::string_view name = line.substr(1, sp == std::string_view::npos ? line.size() - 1 : sp - 1);
      static const char* kText[] = {"SH", "SS", "B", "I", "BI", "BR", "IR", "RB", "RI", "IB",
                                    "IP", "TP", "SM", "SB"};
      bool keep = false;
      for (const char* k : kText) keep = keep || name == k;
      if (!keep || sp == std::string_view::npos) {
        out += '\n';
        continue;
      }
      line = line.substr(sp + 1);
    }
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (c == '"') continue;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i + 1 >= line.size()) break;
      char e = line[++i];
      if (e == 'f' || e == 's') {  // \fB \f(CW \s-1
        if (i + 1 < line.size() && line[i + 1] == '(') i += 3;
        else if (i + 1 < line.size() && line[i + 1] == '[') i = line.find(']', i);
        else {
          ++i;
          while (e == 's' && i + 1 < line.size() && isdigit(static_cast<unsigned char>(line[i + 1]))) ++i;
        }
        if (i == std::string_view::npos) break;
      } else if (e == '(') {
        i += 2;
        out += ' ';
      } else if (e == '[') {
        i = line.find(']', i);
        if (i == std::string_view::npos) break;
        out += ' ';
      } else if (e == '-') {
        out += '-';
      } else if (e == '"') {
        break;  // comment
      } else if (e == 'e' || e == '\\') {
        out += '\\';
      } else if (e == ' ' || e == '~') {
        out += ' ';
      }  // \& \c \| \^ ... print nothing
    }
    out += '\n';
  }
  return out;
}

std::string HtmlToText(std::string_view html) {
  std::string out;
  size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      std::string_view tag = html.substr(i + 1, end - i - 1);
      auto starts = [&](const char* t) {
        size_t n = std::strlen(t);
        return tag.size() >= n && strncasecmp(tag.data(), t, n) == 0;
      };
      if (starts("script") || starts("style")) {
        const char* close = starts("script") ? "</script" : "</style";
        size_t e = html.find(close, end);
        i = e == std::string_view::npos ? html.size() : html.find('>', e) + 1;
        if (i == 0) i = html.size();
        out += '\n';
        continue;
      }
      bool inline_tag = starts("a ") || starts("a>") || starts("/a") || starts("span") ||
                        starts("/span") || starts("b>") || starts("/b>") || starts("i>") ||
                        starts("/i>") || starts("em") || starts("/em") || starts("strong") ||
                        starts("/strong") || starts("code") || starts("/code");
      out += inline_tag ? ' ' : '\n';
      i = end + 1;
      continue;
    }
    if (c == '&') {
      size_t semi = html.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 8) {
        std::string_view ent = html.substr(i + 1, semi - i - 1);
        char32_t cp = 0;
        if (ent == "amp") cp = '&';
        else if (ent == "lt") cp = '<';
        else if (ent == "gt") cp = '>';
        else if (ent == "quot") cp = '"';
        else if (ent == "apos") cp = '\'';
        else if (ent == "nbsp") cp = ' ';
        else if (!ent.empty() && ent[0] == '#')
          cp = static_cast<char32_t>(ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X')
                                         ? std::strtoul(std::string(ent.substr(2)).c_str(), nullptr, 16)
                                         : std::strtoul(std::string(ent.substr(1)).c_str(), nullptr, 10));
        if (cp) {
          AppendUtf8(cp, &out);
          i = semi + 1;
          continue;
        }
      }
    }
    out += c;
    ++i;
  }
  return out;
}

std::vector<std::string> WordTokens(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    char32_t c = DecodeUtf8(text, &i);
    if (IsLetter(c) || (c >= '0' && c <= '9')) {
      cur.append(text.substr(start, i - start));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

void Corpus::AddText(std::string_view text, int repeat, double min_marked_share, bool phrases) {
  const SyllableSet& syl = SyllableSet::Get();
  std::vector<uint32_t> ids;
  std::vector<bool> caps;
  int marked = 0;
  std::string cur;
  bool cur_digits = true;
  auto end_token = [&]() {
    if (cur.empty()) return;
    {
      size_t p = 0;
      char32_t first = DecodeUtf8(cur, &p), base;
      Tone tone;
      bool up = false;
      caps.push_back(SplitLetter(first, &base, &tone, &up) && up);
    }
    // Numbers and Roman numerals ("quý II", "Phụ lục III") are one kind of
    // token; the decoder reads them the same way (restore.cc).
    bool roman = cur.size() <= 4;
    for (char ch : cur) roman = roman && std::strchr("IVX", ch) != nullptr;
    if (cur_digits || roman) {
      ids.push_back(kNum);
    } else {
      uint32_t id = syl.Id(cur);
      ids.push_back(id);
      if (id != kUnk && HasMark(cur)) ++marked;
    }
    cur.clear();
    cur_digits = true;
  };
  auto end_sentence = [&]() {
    end_token();
    if (!ids.empty() && marked >= min_marked_share * ids.size() && ids.size() >= 1) {
      bool any_syllable = false;
      for (uint32_t id : ids) any_syllable = any_syllable || id >= kFirstSyllable;
      if (any_syllable) AddSentence(ids, caps, repeat, phrases);
    }
    ids.clear();
    caps.clear();
    marked = 0;
  };
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    char32_t c = DecodeUtf8(text, &i);
    bool digit = c >= '0' && c <= '9';
    if (IsLetter(c) || digit) {
      cur.append(text.substr(start, i - start));
      cur_digits = cur_digits && digit;
      continue;
    }
    // "3.028" and "79,79" stay one number.
    if ((c == '.' || c == ',') && !cur.empty() && cur_digits && i < text.size() &&
        text[i] >= '0' && text[i] <= '9') {
      cur += static_cast<char>(c);
      continue;
    }
    if (IsSentenceBreak(c)) end_sentence();
    else end_token();
  }
  end_sentence();
}

void Corpus::AddSentence(const std::vector<uint32_t>& ids, const std::vector<bool>& caps,
                         int repeat, bool phrases) {
  if (mid_.empty()) {
    mid_.assign(SyllableSet::Get().size(), 0);
    mid_cap_.assign(SyllableSet::Get().size(), 0);
  }
  for (size_t i = phrases ? 0 : 1; i < ids.size(); ++i) {
    if (ids[i] < kFirstSyllable || (i > 0 && ids[i - 1] == kNum)) continue;  // "1 Sở ..." starts a row
    mid_[ids[i]] += repeat;
    if (caps[i]) mid_cap_[ids[i]] += repeat;
  }
  for (int r = 0; r < repeat; ++r) {
    stream_.insert(stream_.end(), ids.begin(), ids.end());
    stream_.push_back(kEos);
  }
  ++stats_.sentences;
  for (uint32_t id : ids) {
    ++stats_.tokens;
    if (id >= kFirstSyllable) ++stats_.syllables;
  }
}

void Corpus::AddUnigram(uint32_t id, int count) { unigrams_.emplace_back(id, count); }

}  // namespace sohoa::restore
