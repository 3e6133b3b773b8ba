// Reference encoders for the normalize tests, written independently of
// dictionaries/encodings/ and of pipeline/normalize: the expected byte values
// are typed here from the published charts (TCVN 5712:1993 VN3, VISCII /
// RFC 1456, Windows-1258) or written as the rules of the encoding (VNI base +
// mark byte, VIQR). Tests compare the stage against these.
#ifndef SOHOA_TESTS_NORMALIZE_REFERENCE_ENCODERS_H_
#define SOHOA_TESTS_NORMALIZE_REFERENCE_ENCODERS_H_

#include <map>
#include <string>
#include <vector>

#include "pipeline/core/utf8.h"

namespace sohoa::testing {

// The 134 Vietnamese letters outside ASCII: 11 vowel rows x 6 tones minus the
// toneless ASCII vowels a e i o u y (66 = 12 rows x 6 - 6), plus đ; same for
// capitals. Rows in tone order: ngang, huyền, hỏi, ngã, sắc, nặng.
inline const std::vector<std::string>& LowerRows() {
  static const std::vector<std::string> rows = {
      "aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị",
      "oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ"};
  return rows;
}
inline const std::vector<std::string>& UpperRows() {
  static const std::vector<std::string> rows = {
      "AÀẢÃÁẠ", "ĂẰẲẴẮẶ", "ÂẦẨẪẤẬ", "EÈẺẼÉẸ", "ÊỀỂỄẾỆ", "IÌỈĨÍỊ",
      "OÒỎÕÓỌ", "ÔỒỔỖỐỘ", "ƠỜỞỠỚỢ", "UÙỦŨÚỤ", "ƯỪỬỮỨỰ", "YỲỶỸÝỴ"};
  return rows;
}

// All 67 (upper=false) or 67 (upper=true) non-ASCII letters.
inline std::vector<char32_t> VietnameseLetters(bool upper) {
  std::vector<char32_t> out;
  for (const std::string& row : upper ? UpperRows() : LowerRows()) {
    for (char32_t c : Utf8ToU32(row))
      if (c >= 0x80) out.push_back(c);
  }
  out.push_back(upper ? U'Đ' : U'đ');
  return out;
}

// TCVN3 (VN3): lower-case letters, typed from the chart, row by row in the
// order of LowerRows (ASCII vowels stay themselves).
inline const std::vector<std::string>& Tcvn3LowerBytes() {
  static const std::vector<std::string> rows = {
      "a\xB5\xB6\xB7\xB8\xB9", "\xA8\xBB\xBC\xBD\xBE\xC6", "\xA9\xC7\xC8\xC9\xCA\xCB",
      "e\xCC\xCE\xCF\xD0\xD1", "\xAA\xD2\xD3\xD4\xD5\xD6", "i\xD7\xD8\xDC\xDD\xDE",
      "o\xDF\xE1\xE2\xE3\xE4", "\xAB\xE5\xE6\xE7\xE8\xE9", "\xAC\xEA\xEB\xEC\xED\xEE",
      "u\xEF\xF1\xF2\xF3\xF4", "\xAD\xF5\xF6\xF7\xF8\xF9", "y\xFA\xFB\xFC\xFD\xFE"};
  return rows;
}
// TCVN3 capitals of the normal font: Ă Â Ê Ô Ơ Ư Đ.
inline const std::map<char32_t, char>& Tcvn3NormalCapitals() {
  static const std::map<char32_t, char> m = {{U'Ă', '\xA1'}, {U'Â', '\xA2'}, {U'Ê', '\xA3'},
                                             {U'Ô', '\xA4'}, {U'Ơ', '\xA5'}, {U'Ư', '\xA6'},
                                             {U'Đ', '\xA7'}};
  return m;
}
constexpr char kTcvn3LowerD = '\xAE';

// VISCII, typed from the RFC 1456 chart in the order of LowerRows/UpperRows.
inline const std::vector<std::string>& VisciiLowerBytes() {
  static const std::vector<std::string> rows = {
      "a\xE0\xE4\xE3\xE1\xD5", "\xE5\xA2\xC6\xC7\xA1\xA3", "\xE2\xA5\xA6\xE7\xA4\xA7",
      "e\xE8\xEB\xA8\xE9\xA9", "\xEA\xAB\xAC\xAD\xAA\xAE", "i\xEC\xEF\xEE\xED\xB8",
      "o\xF2\xF6\xF5\xF3\xF7", "\xF4\xB0\xB1\xB2\xAF\xB5", "\xBD\xB6\xB7\xDE\xBE\xFE",
      "u\xF9\xFC\xFB\xFA\xF8", "\xDF\xD7\xD8\xE6\xD1\xF1", "y\xCF\xD6\xDB\xFD\xDC"};
  return rows;
}
inline const std::vector<std::string>& VisciiUpperBytes() {
  static const std::vector<std::string> rows = {
      "A\xC0\xC4\xC3\xC1\x80", "\xC5\x82\x02\x05\x81\x83", "\xC2\x85\x86\x06\x84\x87",
      "E\xC8\xCB\x88\xC9\x89", "\xCA\x8B\x8C\x8D\x8A\x8E", "I\xCC\x9B\xCE\xCD\x98",
      "O\xD2\x99\xA0\xD3\x9A", "\xD4\x90\x91\x92\x8F\x93", "\xB4\x96\x97\xB3\x95\x94",
      "U\xD9\x9C\x9D\xDA\x9E", "\xBF\xBB\xBC\xFF\xBA\xB9", "Y\x9F\x14\x19\xDD\x1E"};
  return rows;
}
constexpr char kVisciiLowerD = '\xF0';
constexpr char kVisciiUpperD = '\xD0';

// Position of a letter in the rows: row index and tone index; false if absent.
inline bool FindLetter(char32_t c, int* row, int* tone, bool* upper) {
  for (int up = 0; up < 2; ++up) {
    const auto& rows = up ? UpperRows() : LowerRows();
    for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
      std::u32string u = Utf8ToU32(rows[r]);
      for (int t = 0; t < 6; ++t) {
        if (u[t] == c) {
          *row = r;
          *tone = t;
          *upper = up != 0;
          return true;
        }
      }
    }
  }
  return false;
}

// Encoders: UTF-8 text -> legacy bytes. Characters without a code become '?'
// and set *ok=false. `tcvn3_capitals_as_h_font`: toned capitals are written
// with the lower-case slot bytes, as typed with an upper-case (H) font.
inline std::string EncodeTcvn3Ref(const std::string& text, bool* ok = nullptr) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = DecodeUtf8(text, &pos);
    int row, tone;
    bool upper;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (Tcvn3NormalCapitals().count(c)) {
      out.push_back(Tcvn3NormalCapitals().at(c));
    } else if (c == U'đ') {
      out.push_back(kTcvn3LowerD);
    } else if (FindLetter(c, &row, &tone, &upper)) {
      out.push_back(Tcvn3LowerBytes()[row][tone]);  // capitals: the H-font way
    } else {
      out.push_back('?');
      if (ok) *ok = false;
    }
  }
  return out;
}

inline std::string EncodeVisciiRef(const std::string& text, bool* ok = nullptr) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = DecodeUtf8(text, &pos);
    int row, tone;
    bool upper;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c == U'đ' || c == U'Đ') {
      out.push_back(c == U'đ' ? kVisciiLowerD : kVisciiUpperD);
    } else if (FindLetter(c, &row, &tone, &upper)) {
      out.push_back((upper ? VisciiUpperBytes() : VisciiLowerBytes())[row][tone]);
    } else {
      out.push_back('?');
      if (ok) *ok = false;
    }
  }
  return out;
}

// VNI-Windows by its rules: ASCII base letter + mark byte; ơ ư đ and the
// toned i are single bytes; capitals use the upper-case mark (byte - 0x20).
inline std::string EncodeVniRef(const std::string& text, bool* ok = nullptr) {
  // Mark bytes by tone (ngang, huyền, hỏi, ngã, sắc, nặng); 0 = none.
  const unsigned char plain[6] = {0, 0xF8, 0xFB, 0xF5, 0xF9, 0xEF};
  const unsigned char breve[6] = {0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB};
  const unsigned char circumflex[6] = {0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4};
  const unsigned char i_single[6] = {0, 0xEC, 0xE6, 0xF3, 0xED, 0xF2};
  const char* bases = "aaaeeiooouuy";  // base letter of each row
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = DecodeUtf8(text, &pos);
    int row, tone;
    bool upper;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    if (c == U'đ' || c == U'Đ') {
      out.push_back(static_cast<char>(c == U'đ' ? 0xF1 : 0xD1));
      continue;
    }
    if (!FindLetter(c, &row, &tone, &upper)) {
      out.push_back('?');
      if (ok) *ok = false;
      continue;
    }
    const int shift = upper ? 0x20 : 0;
    auto mark = [&](unsigned char m) { out.push_back(static_cast<char>(m - shift)); };
    auto base = [&](char b) { out.push_back(upper ? static_cast<char>(b - 32) : b); };
    switch (row) {
      case 1: base('a'); mark(breve[tone]); break;            // ă
      case 2: case 4: case 7:                                 // â ê ô
        base(bases[row]); mark(circumflex[tone]); break;
      case 5: mark(i_single[tone]); break;                    // i
      case 8: mark(0xF4); if (tone) mark(plain[tone]); break; // ơ
      case 10: mark(0xF6); if (tone) mark(plain[tone]); break;// ư
      case 11: base('y'); mark(tone == 5 ? 0xEE : plain[tone]); break;
      default: base(bases[row]); mark(plain[tone]); break;    // a e o u
    }
  }
  return out;
}

// Windows-1258: base letter (ă â ê ô ơ ư đ have codes) + combining tone byte.
inline std::string EncodeCp1258Ref(const std::string& text, bool* ok = nullptr) {
  const unsigned char tone_byte[6] = {0, 0xCC, 0xD2, 0xDE, 0xEC, 0xF2};
  // Base codes per row, lower and upper.
  const unsigned char lower_base[12] = {'a', 0xE3, 0xE2, 'e', 0xEA, 'i', 'o', 0xF4, 0xF5, 'u', 0xFD, 'y'};
  const unsigned char upper_base[12] = {'A', 0xC3, 0xC2, 'E', 0xCA, 'I', 'O', 0xD4, 0xD5, 'U', 0xDD, 'Y'};
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = DecodeUtf8(text, &pos);
    int row, tone;
    bool upper;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c == U'đ' || c == U'Đ') {
      out.push_back(static_cast<char>(c == U'đ' ? 0xF0 : 0xD0));
    } else if (FindLetter(c, &row, &tone, &upper)) {
      out.push_back(static_cast<char>(upper ? upper_base[row] : lower_base[row]));
      if (tone) out.push_back(static_cast<char>(tone_byte[tone]));
    } else {
      out.push_back('?');
      if (ok) *ok = false;
    }
  }
  return out;
}

// VIQR by RFC 1456: letter, quality mark ( ^ +, tone mark ` ? ~ ' . ; dd for đ;
// literal mark characters after a vowel are escaped with a backslash.
inline std::string EncodeViqrRef(const std::string& text) {
  const char* tone_mark = "\0`?~'.";
  const char* quality[12] = {"", "(", "^", "", "^", "", "", "^", "+", "", "+", ""};
  const char* bases = "aaaeeiooouuy";
  std::string out;
  bool after_vowel = false;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = DecodeUtf8(text, &pos);
    int row, tone;
    bool upper;
    if (c == U'đ' || c == U'Đ') {
      out += c == U'đ' ? "dd" : "DD";
      after_vowel = false;
      continue;
    }
    if (FindLetter(c, &row, &tone, &upper)) {
      out.push_back(upper ? static_cast<char>(bases[row] - 32) : bases[row]);
      out += quality[row];
      if (tone) out.push_back(tone_mark[tone]);
      after_vowel = true;
      continue;
    }
    bool mark_char = c == '(' || c == '^' || c == '+' || c == '`' || c == '?' || c == '~' ||
                     c == '\'' || c == '.' || c == '\\';
    if ((after_vowel && mark_char) || c == '\\') out.push_back('\\');
    if ((c == 'd' || c == 'D') && !out.empty() && (out.back() == 'd' || out.back() == 'D'))
      out.push_back('\\');
    AppendUtf8(c, &out);
    after_vowel = false;
  }
  return out;
}

// Mojibake: each byte shown as the CP1252 character of the same value
// (Latin-1 where CP1252 has none). CP1252's 0x80-0x9F typed from its chart.
inline std::string BytesAsCp1252(const std::string& bytes) {
  static const char32_t k80[32] = {
      0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
      0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
  std::string out;
  for (char ch : bytes) {
    auto b = static_cast<unsigned char>(ch);
    AppendUtf8(b >= 0x80 && b < 0xA0 ? k80[b - 0x80] : static_cast<char32_t>(b), &out);
  }
  return out;
}

inline std::string EncodeUtf16Ref(const std::string& text, bool little_endian) {
  std::string out;
  for (char32_t c : Utf8ToU32(text)) {
    auto put = [&](char16_t u) {
      char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
      if (little_endian) { out.push_back(lo); out.push_back(hi); }
      else { out.push_back(hi); out.push_back(lo); }
    };
    if (c >= 0x10000) {
      c -= 0x10000;
      put(static_cast<char16_t>(0xD800 + (c >> 10)));
      put(static_cast<char16_t>(0xDC00 + (c & 0x3FF)));
    } else {
      put(static_cast<char16_t>(c));
    }
  }
  return out;
}

}  // namespace sohoa::testing

#endif  // SOHOA_TESTS_NORMALIZE_REFERENCE_ENCODERS_H_
