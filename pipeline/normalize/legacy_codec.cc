#include "pipeline/normalize/legacy_codec.h"

#include <cstdlib>
#include <mutex>

#include "pipeline/core/files.h"
#include "pipeline/core/syllable.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/icu_text.h"

namespace sohoa::normalize_internal {

namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> f;
  size_t pos = 0;
  while (true) {
    size_t t = line.find('\t', pos);
    f.push_back(line.substr(pos, t == std::string_view::npos ? std::string_view::npos : t - pos));
    if (t == std::string_view::npos) break;
    pos = t + 1;
  }
  return f;
}

bool ParseHexBytes(std::string_view s, std::string* out) {
  out->clear();
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == ' ') {
      ++i;
      continue;
    }
    if (i + 2 > s.size()) return false;
    std::string h(s.substr(i, 2));
    char* end = nullptr;
    long v = std::strtol(h.c_str(), &end, 16);
    if (*end != '\0') return false;
    out->push_back(static_cast<char>(v));
    i += 2;
  }
  return !out->empty() && out->size() <= 2;
}

bool IsAsciiVowel(char32_t c) {
  switch (c | 0x20) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return true;
    default: return false;
  }
}

bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IsToneMarkChar(char32_t c) {
  return c == '`' || c == '?' || c == '~' || c == '\'' || c == '.';
}
bool IsQualityMarkChar(char32_t c) { return c == '(' || c == '^' || c == '+'; }

Tone ToneOfMark(char32_t c) {
  switch (c) {
    case '`': return Tone::kHuyen;
    case '?': return Tone::kHoi;
    case '~': return Tone::kNga;
    case '\'': return Tone::kSac;
    default: return Tone::kNang;
  }
}

char ToneMarkChar(Tone t) {
  switch (t) {
    case Tone::kHuyen: return '`';
    case Tone::kHoi: return '?';
    case Tone::kNga: return '~';
    case Tone::kSac: return '\'';
    case Tone::kNang: return '.';
    default: return 0;
  }
}

// Base letter (toneless) + a VIQR quality mark -> the marked base, or 0.
char32_t ApplyQuality(char32_t base, char32_t mark) {
  switch (mark) {
    case '(': return base == U'a' ? U'ă' : 0;
    case '^':
      return base == U'a' ? U'â' : base == U'e' ? U'ê' : base == U'o' ? U'ô' : 0;
    case '+': return base == U'o' ? U'ơ' : base == U'u' ? U'ư' : 0;
    default: return 0;
  }
}

}  // namespace

const char* LegacyName(Legacy e) {
  switch (e) {
    case Legacy::kTcvn3:
    case Legacy::kTcvn3Upper: return "tcvn3";
    case Legacy::kVni: return "vni";
    case Legacy::kViscii: return "viscii";
  }
  return "?";
}

void LegacyCodec::Set(Entry* e, std::string_view utf8) {
  e->len = static_cast<uint8_t>(utf8.size());
  for (size_t i = 0; i < utf8.size() && i < sizeof(e->utf8); ++i) e->utf8[i] = utf8[i];
}

Status LegacyCodec::Parse(std::string_view table_text, Legacy encoding,
                          std::unique_ptr<LegacyCodec>* out) {
  std::unique_ptr<LegacyCodec> c(new LegacyCodec());
  c->encoding_ = encoding;
  c->two_index_.fill(-1);
  // Defaults: ASCII is itself; 0x80-0x9F (and 0xA0-0xBF in VNI, whose fonts
  // keep the Latin-1 symbols there) show what Windows fonts show (CP1252).
  for (int b = 0; b < 256; ++b) {
    bool keep = b < 0x80 || (b < 0xA1) ||
                (encoding == Legacy::kVni && b < 0xC0);
    if (!keep) continue;
    char32_t ch = b < 0x80 ? static_cast<char32_t>(b) : Cp1252Char(static_cast<unsigned char>(b));
    if (b >= 0x80 && b < 0xA0 && ch == static_cast<char32_t>(b)) continue;  // undefined in CP1252
    std::string u;
    AppendUtf8(ch, &u);
    Set(&c->one_[b], u);
  }
  if (encoding == Legacy::kTcvn3Upper) {
    for (int b = 'a'; b <= 'z'; ++b) Set(&c->one_[b], std::string(1, static_cast<char>(b - 32)));
  }
  size_t line_no = 0;
  size_t pos = 0;
  int letters = 0;
  while (pos < table_text.size()) {
    size_t nl = table_text.find('\n', pos);
    if (nl == std::string_view::npos) nl = table_text.size();
    std::string_view line = table_text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f = SplitTabs(line);
    bool tcvn = encoding == Legacy::kTcvn3 || encoding == Legacy::kTcvn3Upper;
    if (f.size() < (tcvn ? 4u : 3u))
      return Status::Corrupt("encoding table line " + std::to_string(line_no) + ": too few fields");
    std::string bytes;
    if (!ParseHexBytes(f[0], &bytes))
      return Status::Corrupt("encoding table line " + std::to_string(line_no) + ": bad bytes");
    std::string_view letter = (encoding == Legacy::kTcvn3Upper) ? f[2] : f[1];
    std::u32string cps = Utf8ToU32(letter);
    if (cps.size() != 1)
      return Status::Corrupt("encoding table line " + std::to_string(line_no) +
                             ": expected one letter");
    auto b0 = static_cast<unsigned char>(bytes[0]);
    if (bytes.size() == 1) {
      Set(&c->one_[b0], letter);
    } else {
      if (c->two_index_[b0] < 0) {
        c->two_index_[b0] = static_cast<int16_t>(c->two_.size());
        c->two_.emplace_back();
      }
      Set(&c->two_[c->two_index_[b0]][static_cast<unsigned char>(bytes[1])], letter);
    }
    for (char ch : bytes) {
      auto ub = static_cast<unsigned char>(ch);
      if (ub >= 0x80 || ub < 0x20) c->letter_byte_[ub] = true;
    }
    // One code per letter for encoding: the first listed wins.
    c->encode_.emplace(cps[0], bytes);
    ++letters;
  }
  if (letters == 0) return Status::Corrupt("encoding table has no letters");
  *out = std::move(c);
  return Status::Ok();
}

void LegacyCodec::Decode(std::string_view bytes, std::string* out,
                         std::vector<size_t>* bad_offsets, size_t base_offset) const {
  out->clear();
  out->reserve(bytes.size() + bytes.size() / 2);
  const size_t n = bytes.size();
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  for (size_t i = 0; i < n;) {
    unsigned char b = p[i];
    int16_t two = two_index_[b];
    if (two >= 0 && i + 1 < n) {
      const Entry& e = two_[two][p[i + 1]];
      if (e.len) {
        out->append(e.utf8, e.len);
        i += 2;
        continue;
      }
    }
    const Entry& e = one_[b];
    if (e.len == 1) {
      out->push_back(e.utf8[0]);
    } else if (e.len) {
      out->append(e.utf8, e.len);
    } else {
      out->append("\xEF\xBF\xBD");
      if (bad_offsets != nullptr) bad_offsets->push_back(base_offset + i);
    }
    ++i;
  }
}

bool LegacyCodec::Encode(std::string_view utf8, std::string* out) const {
  out->clear();
  bool ok = true;
  size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t c = DecodeUtf8(utf8, &pos);
    auto it = encode_.find(c);
    if (it != encode_.end()) {
      out->append(it->second);
    } else if (c < 0x80) {
      out->push_back(static_cast<char>(c));
    } else {
      int b = Cp1252Byte(c);
      if (b >= 0x80 && b < 0xA0) {
        out->push_back(static_cast<char>(b));
      } else {
        out->push_back('?');
        ok = false;
      }
    }
  }
  return ok;
}

const LegacyCodec* GetCodec(Legacy e, Status* status) {
  static std::once_flag once;
  static std::unique_ptr<LegacyCodec> codecs[4];
  static Status errors[4];
  std::call_once(once, [] {
    const char* files[4] = {"tcvn3.txt", "tcvn3.txt", "vni.txt", "viscii.txt"};
    for (int i = 0; i < 4; ++i) {
      std::string path = DictionariesDir() + "/encodings/" + files[i];
      std::string text;
      Status s = ReadFileBytes(path, &text);
      if (s.ok()) s = LegacyCodec::Parse(text, static_cast<Legacy>(i), &codecs[i]);
      if (!s.ok()) errors[i] = Status(s.code() == Status::Code::kNotFound
                                          ? Status::NotFound("encoding table " + path + " missing")
                                          : Status::Corrupt(path + ": " + s.message()));
    }
  });
  int i = static_cast<int>(e);
  if (status != nullptr) *status = errors[i];
  return codecs[i].get();
}

std::string DecodeViqr(std::string_view ascii) {
  // Works on UTF-8 directly (no UTF-32 copy): a mark always follows its
  // letter, so the letter it changes is the last character written.
  std::string out;
  out.reserve(ascii.size());
  bool word_toned = false;
  // The last character written, if it is a vowel that may still take a mark,
  // and where its bytes start in `out`.
  char32_t markable = 0;
  size_t markable_at = 0;
  auto replace_markable = [&](char32_t c) {
    out.resize(markable_at);
    AppendUtf8(c, &out);
    markable = c;
  };
  size_t i = 0;
  const size_t n = ascii.size();
  while (i < n) {
    char32_t c = static_cast<unsigned char>(ascii[i]);
    if (c >= 0x80) {
      size_t at = i;
      c = DecodeUtf8(ascii, &i);
      out.append(ascii.substr(at, i - at));
      markable = 0;
      word_toned = false;
      continue;
    }
    ++i;
    if (c == '\\' && i < n) {
      size_t at = i;
      char32_t next = DecodeUtf8(ascii, &i);
      out.append(ascii.substr(at, i - at));
      markable = 0;
      if (!IsAsciiLetter(next)) word_toned = false;
      continue;
    }
    if ((c == 'd' || c == 'D') && i < n && (ascii[i] == 'd' || ascii[i] == 'D')) {
      out.append(c == 'D' ? "\u0110" : "\u0111");
      ++i;
      markable = 0;
      continue;
    }
    if (IsAsciiLetter(c)) {
      if (IsAsciiVowel(c)) {
        markable = c;
        markable_at = out.size();
      } else {
        markable = 0;
      }
      out.push_back(static_cast<char>(c));
      continue;
    }
    if (markable != 0 && IsQualityMarkChar(c)) {
      char32_t base;
      Tone tone;
      bool upper;
      if (SplitLetter(markable, &base, &tone, &upper) && tone == Tone::kNgang) {
        char32_t q = ApplyQuality(base, c);
        if (q != 0) {
          replace_markable(ComposeLetter(q, Tone::kNgang, upper));
          continue;
        }
      }
    }
    if (markable != 0 && IsToneMarkChar(c) && !word_toned) {
      char32_t base;
      Tone tone;
      bool upper;
      if (SplitLetter(markable, &base, &tone, &upper) && tone == Tone::kNgang) {
        char32_t t = ComposeLetter(base, ToneOfMark(c), upper);
        if (t != 0) {
          replace_markable(t);
          word_toned = true;
          markable = 0;
          continue;
        }
      }
    }
    out.push_back(static_cast<char>(c));
    markable = 0;
    if (!IsAsciiLetter(c)) word_toned = false;
  }
  return out;
}

std::string EncodeViqr(std::string_view utf8) {
  std::string out;
  size_t pos = 0;
  char last = 0;  // last ASCII character written (0 after a non-letter)
  bool last_markable = false;
  while (pos < utf8.size()) {
    char32_t c = DecodeUtf8(utf8, &pos);
    char32_t base;
    Tone tone;
    bool upper;
    if (c == U'đ' || c == U'Đ') {
      out += (c == U'Đ') ? "DD" : "dd";
      last = 'd';
      last_markable = false;
      continue;
    }
    if (c >= 0x80 && SplitLetter(c, &base, &tone, &upper)) {
      std::string letter;
      char quality = 0;
      switch (base) {
        case U'ă': letter = "a"; quality = '('; break;
        case U'â': letter = "a"; quality = '^'; break;
        case U'ê': letter = "e"; quality = '^'; break;
        case U'ô': letter = "o"; quality = '^'; break;
        case U'ơ': letter = "o"; quality = '+'; break;
        case U'ư': letter = "u"; quality = '+'; break;
        default: AppendUtf8(base, &letter); break;
      }
      if (upper) letter[0] = static_cast<char>(letter[0] - 32);
      out += letter;
      if (quality) out.push_back(quality);
      if (tone != Tone::kNgang) out.push_back(ToneMarkChar(tone));
      last = letter[0];
      last_markable = true;
      continue;
    }
    if (c == '\\' || ((IsToneMarkChar(c) || IsQualityMarkChar(c)) && last_markable) ||
        ((c == 'd' || c == 'D') && (last == 'd' || last == 'D'))) {
      out.push_back('\\');
    }
    AppendUtf8(c, &out);
    last = IsAsciiLetter(c) ? static_cast<char>(c) : 0;
    last_markable = IsAsciiLetter(c) && IsAsciiVowel(c);
    if (IsToneMarkChar(c) || IsQualityMarkChar(c)) last_markable = false;
  }
  return out;
}

size_t CountViqrMarks(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i + 2 < s.size() + 1; ++i) {
    char c = s[i];
    if (i + 1 >= s.size()) break;
    char m = s[i + 1];
    if (IsAsciiVowel(static_cast<unsigned char>(c))) {
      char after = i + 2 < s.size() ? s[i + 2] : ' ';
      if (IsQualityMarkChar(static_cast<unsigned char>(m)) &&
          (IsAsciiLetter(static_cast<unsigned char>(after)) ||
           IsToneMarkChar(static_cast<unsigned char>(after)) || after == ' ')) {
        ++n;
      } else if (IsToneMarkChar(static_cast<unsigned char>(m)) &&
                 (IsAsciiLetter(static_cast<unsigned char>(after)) || after == '\\' ||
                  ((m == '`' || m == '~' || m == '\'') && (after == ' ' ||
                  after == '\n' || after == '\r' || after == '\t' || i + 2 >= s.size())))) {
        // A tone mark inside a word, or closing one ("Ky`"; a closing '.' or
        // '?' is more often punctuation and is no evidence).
        ++n;
      }
    } else if ((c == 'd' || c == 'D') && (m == 'd' || m == 'D')) {
      ++n;
    }
  }
  return n;
}

bool MojibakeToBytes(std::string_view utf8, std::string* bytes) {
  bytes->clear();
  bytes->reserve(utf8.size());
  size_t pos = 0;
  while (pos < utf8.size()) {
    auto b0 = static_cast<unsigned char>(utf8[pos]);
    if (b0 < 0x80) {
      bytes->push_back(static_cast<char>(b0));
      ++pos;
      continue;
    }
    char32_t c = DecodeUtf8(utf8, &pos);
    int b = Cp1252Byte(c);
    if (b < 0) return false;
    bytes->push_back(static_cast<char>(b));
  }
  return true;
}

}  // namespace sohoa::normalize_internal
