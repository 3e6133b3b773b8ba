#include "pipeline/normalize/normalize.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "pipeline/core/char_refs.h"
#include "pipeline/core/syllable.h"
#include "pipeline/core/utf8.h"
#include "pipeline/normalize/detect.h"
#include "pipeline/normalize/displaced_marks.h"
#include "pipeline/normalize/filled_utf16.h"
#include "pipeline/normalize/icu_text.h"
#include "pipeline/normalize/legacy_codec.h"

namespace sohoa {

using normalize_internal::DecisionConfidence;
using normalize_internal::Enc;
using normalize_internal::EncName;
using normalize_internal::Reading;
using normalize_internal::ReadingScore;
using normalize_internal::Shape;
using normalize_internal::ShapeName;

namespace {

constexpr size_t kMaxEvidenceTokens = 4000;
constexpr size_t kMaxOffsetWarnings = 20;
// A legacy reading replaces Unicode text only when it explains clearly more.
constexpr double kMojibakeMargin = 0.15;
constexpr double kMojibakeMinShare = 0.4;
// ASCII text is read as VIQR when its marked words make attested syllables
// on average: a well-formed syllable no word list has scores 0.6 (OCR debris
// such as "di~n" makes those), an attested one 0.8-1, an abbreviation such
// as "LDDVP" (LĐVP) 0.4.
constexpr double kViqrMinShare = 0.62;

struct Decision {
  Reading reading;
  float confidence = 1;
  std::string reason;
  size_t evidence = 0;
  std::vector<ReadingScore> scores;
};

std::string Percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%.0f%%", share * 100);
  return buf;
}

std::string Fixed2(double v) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%.2f", v);
  return buf;
}

bool IsAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

// Whitespace-separated tokens with at least one letter (up to a limit).
size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in_word = false, letter = false, in_tag = false;
  for (size_t i = 0; i <= s.size() && n < 4 * kMaxEvidenceTokens; ++i) {
    char c = i < s.size() ? s[i] : ' ';
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      if (in_word && letter) ++n;
      in_word = letter = in_tag = false;
    } else {
      in_word = true;
      // Letters of markup ("<i>23,04</i>") do not make a word.
      if (c == '<') in_tag = true;
      if (!in_tag && (c | 0x20) >= 'a' && (c | 0x20) <= 'z') letter = true;
      if (c == '>') in_tag = false;
    }
  }
  return n;
}

bool LooksLikeUtf16(std::string_view bytes, bool* little_endian) {
  size_t n = std::min<size_t>(bytes.size(), 8192) & ~size_t{1};
  if (n < 4) return false;
  size_t even_zero = 0, odd_zero = 0;
  for (size_t i = 0; i < n; i += 2) {
    if (bytes[i] == 0) ++even_zero;
    if (bytes[i + 1] == 0) ++odd_zero;
  }
  double half = n / 2.0;
  if (odd_zero > 0.3 * half && even_zero < 0.05 * half) {
    *little_endian = true;
    return true;
  }
  if (even_zero > 0.3 * half && odd_zero < 0.05 * half) {
    *little_endian = false;
    return true;
  }
  return false;
}

// `prior[i]` (if given) is added to reading i's share when choosing, not
// to the share reported.
Decision PickBest(std::vector<ReadingScore> scores, size_t evidence, const std::string& reason,
                  const std::vector<double>& prior = {}) {
  Decision d;
  d.scores = scores;
  d.evidence = evidence;
  d.reason = reason;
  auto score = [&](size_t i) { return scores[i].valid_share + (i < prior.size() ? prior[i] : 0); };
  size_t best = 0;
  for (size_t i = 1; i < scores.size(); ++i)
    if (score(i) > score(best) + 1e-9) best = i;
  double second = 0;
  for (size_t i = 0; i < scores.size(); ++i)
    if (i != best) second = std::max(second, scores[i].valid_share);
  d.reading = scores[best].reading;
  d.confidence = DecisionConfidence(scores[best].valid_share, second, evidence);
  return d;
}

// Unicode text (valid UTF-8): as it is, or mojibake of a legacy encoding, or
// VIQR when it is ASCII with VIQR marks.
Decision DecideUnicode(const std::vector<std::string_view>& tokens_in, bool ascii,
                       bool allow_viqr, size_t words = 0) {
  using normalize_internal::ScoreReadings;
  if (ascii) {
    Decision d;
    d.reading = {Enc::kUtf8, Shape::kUnicode};
    d.reason = "ascii";
    if (!allow_viqr || tokens_in.empty()) return d;
    auto scores = ScoreReadings({{Enc::kUtf8, Shape::kUnicode}, {Enc::kViqr, Shape::kUnicode}},
                                tokens_in);
    d.scores = scores;
    d.evidence = tokens_in.size();
    // As-is, VIQR marks are punctuation inside words, so only the VIQR
    // reading's own share counts.
    // VIQR marks most Vietnamese words; a few "~" or "." in OCR debris or
    // English text are not enough.
    if (scores[1].valid_share >= kViqrMinShare && tokens_in.size() * 5 >= words) {
      d.reading = scores[1].reading;
      d.reason = "syllables (VIQR marks)";
      d.confidence = DecisionConfidence(scores[1].valid_share, 0, tokens_in.size());
    } else {
      d.reason = "ascii (VIQR marks do not make syllables)";
    }
    return d;
  }
  if (tokens_in.empty()) {
    Decision d;
    d.reading = {Enc::kUtf8, Shape::kUnicode};
    d.reason = "no non-ASCII words";
    return d;
  }
  std::vector<Reading> readings = {{Enc::kUtf8, Shape::kUnicode},
                                   {Enc::kTcvn3, Shape::kMojibake},
                                   {Enc::kVni, Shape::kMojibake},
                                   {Enc::kViscii, Shape::kMojibake},
                                   {Enc::kCp1258, Shape::kMojibake}};
  auto scores = ScoreReadings(readings, tokens_in);
  // A reading that changes nothing is the same as Unicode as-is.
  for (size_t i = 1; i < scores.size(); ++i)
    if (scores[i].changed == 0) scores[i].valid_share = -1;
  // Text made only of characters that stand for bytes (no Vietnamese letter
  // outside Latin-1) is mojibake when a legacy reading explains it at least
  // as well; text with real Vietnamese letters needs a clear margin.
  bool latin1_only = true;
  std::string scratch;
  for (std::string_view t : tokens_in)
    if (!normalize_internal::MojibakeToBytes(t, &scratch)) latin1_only = false;
  Decision d = PickBest(scores, tokens_in.size(), "syllables");
  for (auto& s : d.scores) s.valid_share = std::max(0.0, s.valid_share);
  if (d.reading.enc != Enc::kUtf8) {
    double asis = scores[0].valid_share;
    double best = 0;
    for (const auto& s : scores)
      if (s.reading.enc == d.reading.enc) best = s.valid_share;
    double needed = latin1_only ? asis : asis + kMojibakeMargin;
    if (best < kMojibakeMinShare || best < needed) {
      d.reading = {Enc::kUtf8, Shape::kUnicode};
      d.confidence = DecisionConfidence(asis, best, tokens_in.size());
      d.reason = "syllables (no legacy reading explains clearly more)";
    }
  }
  return d;
}

Decision DecideBytes(std::string_view bytes) {
  auto tokens = normalize_internal::EvidenceTokens(bytes, false, kMaxEvidenceTokens);
  std::vector<Reading> readings = {{Enc::kUtf8, Shape::kBytes},
                                   {Enc::kTcvn3, Shape::kBytes},
                                   {Enc::kVni, Shape::kBytes},
                                   {Enc::kViscii, Shape::kBytes},
                                   {Enc::kCp1258, Shape::kBytes}};
  auto scores = normalize_internal::ScoreReadings(readings, tokens);
  // Prior: TCVN3 (the 1993 national standard, used by government offices)
  // and VNI (the common commercial fonts) are far more frequent in these
  // archives than VISCII or CP1258. Worth 0.05 of share on one evidence
  // word and fading as 1/n, it only settles near ties in very short texts
  // (VNI "Hồ" is VISCII and CP1258 "Hoà").
  const double n = std::max<double>(1, tokens.size());
  std::vector<double> prior = {0, 0.05 / n, 0.05 / n, 0, 0};
  return PickBest(scores, tokens.size(), "syllables", prior);
}

Reading ForcedReading(const std::string& from, std::string_view text) {
  bool valid = IsValidUtf8(text);
  if (from == "utf8") return {Enc::kUtf8, valid ? Shape::kUnicode : Shape::kBytes};
  if (from == "viqr") return {Enc::kViqr, valid ? Shape::kUnicode : Shape::kBytes};
  Enc e = from == "tcvn3"    ? Enc::kTcvn3
          : from == "vni"    ? Enc::kVni
          : from == "viscii" ? Enc::kViscii
                             : Enc::kCp1258;
  // Valid UTF-8 with non-ASCII characters that all map to bytes: mojibake.
  std::string scratch;
  bool mojibake = valid && !IsAscii(text) && normalize_internal::MojibakeToBytes(text, &scratch);
  return {e, mojibake ? Shape::kMojibake : Shape::kBytes};
}

std::vector<EncodingCandidate> Candidates(const Decision& d) {
  std::vector<EncodingCandidate> out;
  for (const ReadingScore& s : d.scores)
    out.push_back({EncName(s.reading.enc), ShapeName(s.reading.shape), s.valid_share});
  return out;
}

std::string DescribeDecision(const Decision& d) {
  std::string m = std::string(EncName(d.reading.enc)) + " (" + ShapeName(d.reading.shape) +
                  ") by " + d.reason;
  if (!d.scores.empty() && d.evidence > 0) {
    std::vector<ReadingScore> sorted = d.scores;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
      return a.valid_share > b.valid_share;
    });
    m += ": " + std::to_string(d.evidence) + " evidence words;";
    for (size_t i = 0; i < sorted.size() && i < 3; ++i) {
      m += std::string(i ? "," : "") + " " + EncName(sorted[i].reading.enc) +
           (sorted[i].reading.shape == Shape::kMojibake ? " mojibake " : " ") +
           Percent(sorted[i].valid_share);
    }
    m += " valid syllables";
  }
  m += "; confidence " + Fixed2(d.confidence);
  return m;
}

void AddOffsetWarnings(const std::vector<size_t>& bad, size_t base, const std::string& what,
                       std::vector<Note>* notes) {
  for (size_t i = 0; i < bad.size() && i < kMaxOffsetWarnings; ++i) {
    notes->push_back({"normalize", "warning", what + ", kept as U+FFFD", 0,
                      static_cast<int64_t>(base + bad[i])});
  }
  if (bad.size() > kMaxOffsetWarnings) {
    notes->push_back({"normalize", "warning",
                      std::to_string(bad.size() - kMaxOffsetWarnings) +
                          " more undecodable bytes (U+FFFD)",
                      0, -1});
  }
}

// TCVN3 text without a font name: raise words drawn in an upper-case font
// (see Tcvn3CapitalsFromContext), line by line. `words` are the line's words.
size_t RaiseTcvn3Capitals(std::vector<std::string*>& words) {
  using normalize_internal::IsAllCaps;
  using normalize_internal::Tcvn3CapitalsFromContext;
  size_t changed_count = 0;
  // Only words with a non-ASCII letter and no ASCII lower-case letter can change.
  auto candidate = [](const std::string& w) {
    bool high = false;
    for (char c : w) {
      if (c >= 'a' && c <= 'z') return false;
      if (static_cast<unsigned char>(c) >= 0x80) high = true;
    }
    return high;
  };
  // Pass 1: words that show two or more capitals.
  for (std::string* w : words) {
    if (!candidate(*w)) continue;
    bool changed = false;
    std::string up = Tcvn3CapitalsFromContext(*w, false, &changed);
    if (changed) {
      *w = up;
      ++changed_count;
    }
  }
  // Pass 2: the line is otherwise in capitals: two words in capitals, or
  // one syllable in capitals and every other word drawn like a
  // capitals-font word ("Bé Y TÕ" = "BỘ Y TẾ": ASCII capitals, lower-case
  // slots, no ASCII small letter). Codes and acronyms ("118/BC-UBND",
  // "NNPTNT") are no evidence: "Sè: 118/BC-UBND" is "Số:".
  auto letters_of = [](const std::string& w) {
    size_t a = 0, b = w.size();
    while (a < b && static_cast<unsigned char>(w[a]) < 0x80 && !std::isalpha(static_cast<unsigned char>(w[a]))) ++a;
    while (b > a && static_cast<unsigned char>(w[b - 1]) < 0x80 && !std::isalpha(static_cast<unsigned char>(w[b - 1]))) --b;
    return w.substr(a, b - a);
  };
  int all_caps = 0, caps_syllables = 0, drawn = 0, with_letters = 0;
  bool has_lower_ascii = false;
  for (std::string* w : words) {
    const bool caps = IsAllCaps(*w);
    if (caps) ++all_caps;
    if (caps && IsVietnameseSyllable(letters_of(*w))) ++caps_syllables;
    else if (!caps && candidate(*w)) ++drawn;
    for (char c : *w) {
      if (c >= 'a' && c <= 'z') has_lower_ascii = true;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80) {
        ++with_letters;
        break;
      }
    }
  }
  const bool heading =
      all_caps >= 2 || (caps_syllables >= 1 && caps_syllables + drawn == with_letters && with_letters >= 2);
  if (heading && !has_lower_ascii) {
    for (std::string* w : words) {
      if (!candidate(*w)) continue;
      bool changed = false;
      std::string up = Tcvn3CapitalsFromContext(*w, true, &changed);
      if (changed) {
        *w = up;
        ++changed_count;
      }
    }
  }
  return changed_count;
}

// TCVN3 has no codes for toned capitals, and a heading typed in an
// upper-case font (.VnTimeH) with caps lock off is all lower-case codes
// ("ubnd tØnh" for "UBND TỈNH"): in plain text the case is in no byte. In a
// document whose lines open with a capital, as sentences do, a short line
// (at most 12 words) with no capital at all is such a heading when it opens
// with a word (not a list mark, a dash or a figure), does not end inside a
// sentence (',' or ';'), is mostly syllables, and follows the start of the
// text, a blank line, a short line or the end of a sentence (a wrapped
// paragraph's next line follows a long line). Returns lines raised.
size_t RaiseLowerCaseHeadings(std::string* text) {
  struct LineInfo {
    size_t begin = 0, end = 0;  // content without '\r'
    std::vector<std::string> words;
  };
  std::vector<LineInfo> lines;
  for (size_t pos = 0; pos <= text->size();) {
    size_t nl = text->find('\n', pos);
    if (nl == std::string::npos) nl = text->size();
    LineInfo li;
    li.begin = pos;
    li.end = nl > pos && (*text)[nl - 1] == '\r' ? nl - 1 : nl;
    std::string word;
    for (size_t i = li.begin; i <= li.end; ++i) {
      const char c = i < li.end ? (*text)[i] : ' ';
      if (c == ' ' || c == '\t' || c == '\f') {
        if (!word.empty()) li.words.push_back(std::move(word));
        word.clear();
      } else {
        word.push_back(c);
      }
    }
    lines.push_back(std::move(li));
    pos = nl + 1;
  }
  auto first_letter_upper = [](const std::string& w, bool* letter) {
    for (char32_t c : Utf8ToU32(w)) {
      char32_t base;
      Tone tone;
      bool upper;
      if (SplitLetter(c, &base, &tone, &upper)) {
        *letter = true;
        return upper;
      }
      if (c < 0x80 && std::isalnum(static_cast<int>(c))) break;  // a figure first
    }
    *letter = false;
    return false;
  };
  auto list_label = [](const std::string& w) {
    const std::u32string u = Utf8ToU32(w);
    return u.size() <= 2 && (u.back() == ')' || u.back() == '.');
  };
  // Lines too long to be headings that open with a letter (list labels
  // such as "a)" aside): in a text whose paragraphs are hard-wrapped, many
  // open in lower case, and then no line is taken for a heading.
  int sentences = 0, capital_first = 0;
  for (const LineInfo& li : lines) {
    if (li.words.size() <= 12 || list_label(li.words[0])) continue;
    bool letter = false;
    const bool upper = first_letter_upper(li.words[0], &letter);
    if (!letter) continue;
    ++sentences;
    capital_first += upper;
  }
  if (sentences < 3 || capital_first * 10 < sentences * 9) return 0;
  size_t raised = 0;
  for (size_t k = 0; k < lines.size(); ++k) {
    const LineInfo& li = lines[k];
    if (li.words.empty() || li.words.size() > 12) continue;
    const std::string line = text->substr(li.begin, li.end - li.begin);
    if (ToLowerVietnamese(line) != line) continue;  // has a capital
    const std::u32string first = Utf8ToU32(li.words[0]);
    char32_t base;
    Tone tone;
    bool upper;
    if (first.empty() || !SplitLetter(first[0], &base, &tone, &upper)) continue;
    if (list_label(li.words[0])) continue;
    const char last = line.back();
    if (last == ',' || last == ';') continue;
    int syllables = 0;
    for (const std::string& w : li.words) {
      std::string core;
      for (char32_t c : Utf8ToU32(w))
        if (SplitLetter(c, &base, &tone, &upper)) AppendUtf8(c, &core);
      syllables += !core.empty() && IsVietnameseSyllable(core);
    }
    if (syllables * 2 < static_cast<int>(li.words.size())) continue;
    bool after_break = k == 0 || lines[k - 1].words.empty() || lines[k - 1].words.size() <= 12;
    if (!after_break) {
      const std::string& prev = lines[k - 1].words.back();
      const char p = prev.back();
      after_break = p == '.' || p == ':' || p == '!' || p == '?';
    }
    if (!after_break) continue;
    const std::string up = ToUpperVietnamese(line);
    text->replace(li.begin, li.end - li.begin, up);
    // Upper case may change the byte length ("ß"-like cases do not occur in
    // Vietnamese, but keep offsets right whatever it gives).
    const ptrdiff_t delta = static_cast<ptrdiff_t>(up.size()) - static_cast<ptrdiff_t>(line.size());
    for (size_t j = k + 1; j < lines.size(); ++j) {
      lines[j].begin = static_cast<size_t>(static_cast<ptrdiff_t>(lines[j].begin) + delta);
      lines[j].end = static_cast<size_t>(static_cast<ptrdiff_t>(lines[j].end) + delta);
    }
    ++raised;
  }
  return raised;
}

// True if the line has a word that Tcvn3CapitalsFromContext could change: one
// with a non-ASCII letter and no ASCII lower-case letter.
bool MayHoldTcvn3Capitals(std::string_view line) {
  bool high = false, lower = false;
  for (size_t i = 0; i <= line.size(); ++i) {
    char c = i < line.size() ? line[i] : ' ';
    if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
      if (high && !lower) return true;
      high = lower = false;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      high = true;
    } else if (c >= 'a' && c <= 'z') {
      lower = true;
    }
  }
  return false;
}

size_t RaiseTcvn3CapitalsInText(std::string* text) {
  // Fast path: most lines have no candidate word at all.
  {
    bool any = false;
    size_t pos = 0;
    while (!any && pos <= text->size()) {
      size_t nl = text->find('\n', pos);
      if (nl == std::string::npos) nl = text->size();
      any = MayHoldTcvn3Capitals(std::string_view(*text).substr(pos, nl - pos));
      pos = nl + 1;
    }
    if (!any) return 0;
  }
  std::string out;
  out.reserve(text->size());
  size_t total = 0;
  size_t pos = 0;
  while (pos <= text->size()) {
    size_t nl = text->find('\n', pos);
    if (nl == std::string::npos) nl = text->size();
    std::string line = text->substr(pos, nl - pos);
    if (!MayHoldTcvn3Capitals(line)) {
      out += line;
      if (nl == text->size()) break;
      out.push_back('\n');
      pos = nl + 1;
      continue;
    }
    // Split into words and separators, keeping every byte.
    std::vector<std::string> parts;
    std::vector<bool> is_word;
    size_t i = 0;
    while (i < line.size()) {
      size_t s = i;
      bool space = line[i] == ' ' || line[i] == '\t' || line[i] == '\f' || line[i] == '\r';
      while (i < line.size() &&
             (line[i] == ' ' || line[i] == '\t' || line[i] == '\f' || line[i] == '\r') == space)
        ++i;
      parts.push_back(line.substr(s, i - s));
      is_word.push_back(!space);
    }
    std::vector<std::string*> words;
    for (size_t k = 0; k < parts.size(); ++k)
      if (is_word[k]) words.push_back(&parts[k]);
    total += RaiseTcvn3Capitals(words);
    for (const auto& p : parts) out += p;
    if (nl == text->size()) break;
    out.push_back('\n');
    pos = nl + 1;
  }
  *text = std::move(out);
  return total;
}

// Clean-up, NFC and tone style; each step only copies when it changes something.
std::string Finish(std::string text, const NormalizeOptions& options, std::vector<Note>* notes) {
  if (FirstToClean(text) != text.size()) {
    size_t controls = 0;
    text = CleanText(text, &controls);
    if (controls > 0 && notes != nullptr) {
      notes->push_back({"normalize", "info",
                        "removed " + std::to_string(controls) + " stray control characters", 0,
                        -1});
    }
  }
  if (!normalize_internal::IsNfc(text)) text = normalize_internal::ToNfc(text);
  if (options.tone_style != ToneStyle::kKeep) text = ApplyToneStyle(text, options.tone_style);
  return text;
}

struct FontHint {
  bool known = false;
  Enc enc = Enc::kUtf8;
};

// Font names are evidence: ".VnTime" (TCVN3; "...H" fonts draw capitals),
// "VNI-Times" (VNI), "...VISCII..." (VISCII).
FontHint HintFromFont(const std::string& font) {
  std::string f = font;
  size_t plus = f.find('+');
  if (plus == 6) f = f.substr(7);  // subset prefix "ABCDEF+"
  std::string lower;
  for (char c : f) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  size_t comma = lower.find(',');
  if (comma != std::string::npos) lower.resize(comma);
  for (const char* suffix : {"-bolditalic", "bolditalic", "-bold", "bold", "-italic", "italic",
                             "-regular", "regular", "-roman"}) {
    std::string s = suffix;
    if (lower.size() > s.size() + 3 && lower.compare(lower.size() - s.size(), s.size(), s) == 0)
      lower.resize(lower.size() - s.size());
  }
  while (!lower.empty() && (lower.back() == ' ' || lower.back() == '-')) lower.pop_back();
  FontHint h;
  if (lower.rfind(".vn", 0) == 0) {
    h.known = true;
    h.enc = (!lower.empty() && lower.back() == 'h') ? Enc::kTcvn3Upper : Enc::kTcvn3;
  } else if (lower.rfind("vni", 0) == 0) {
    h.known = true;
    h.enc = Enc::kVni;
  } else if (lower.find("viscii") != std::string::npos) {
    h.known = true;
    h.enc = Enc::kViscii;
  }
  return h;
}

bool AllPiecesValid(const std::string& word) {
  bool any = false;
  std::string piece;
  std::string core = word;
  // Ignore punctuation around the word.
  while (!core.empty() && std::ispunct(static_cast<unsigned char>(core.back())) && core.back() != '-')
    core.pop_back();
  size_t start = 0;
  while (start < core.size() && std::ispunct(static_cast<unsigned char>(core[start])) &&
         core[start] != '-')
    ++start;
  core = core.substr(start);
  size_t pos = 0;
  while (pos <= core.size()) {
    size_t dash = core.find('-', pos);
    if (dash == std::string::npos) dash = core.size();
    piece = core.substr(pos, dash - pos);
    if (piece.empty() || !IsVietnameseSyllable(piece)) return false;
    any = true;
    pos = dash + 1;
  }
  return any;
}

std::string RestoreTcvn3U(const std::string& word, bool upper) {
  if (word.find('-') == std::string::npos || AllPiecesValid(word)) return word;
  std::string u = upper ? "Ư" : "ư";
  std::string candidate;
  for (size_t i = 0; i < word.size(); ++i) {
    bool letter_before = i > 0 && (std::isalpha(static_cast<unsigned char>(word[i - 1])) ||
                                   static_cast<unsigned char>(word[i - 1]) >= 0x80);
    bool letter_after = i + 1 < word.size() &&
                        (std::isalpha(static_cast<unsigned char>(word[i + 1])) ||
                         static_cast<unsigned char>(word[i + 1]) >= 0x80);
    if (word[i] == '-' && (letter_before || letter_after)) {
      candidate += u;
    } else {
      candidate.push_back(word[i]);
    }
  }
  // The whole word (without its punctuation) must now be one valid syllable.
  return AllPiecesValid(candidate) ? candidate : word;
}

// LibreOffice does not draw TCVN3's ư (0xAD, a soft hyphen to it), so a
// PDF it printed has no trace of the letter: "trớc", "đợc", "Sở T pháp".
// Where the word is no syllable and putting ư at exactly one place makes
// it one ("trước", "được", "Tư"), that is the word. Abbreviations in
// capitals are left alone unless the span is a capitals font.
std::string InsertMissingTcvn3U(const std::string& word, bool upper) {
  size_t b = 0, e = word.size();
  while (b < e && std::ispunct(static_cast<unsigned char>(word[b]))) ++b;
  while (e > b && std::ispunct(static_cast<unsigned char>(word[e - 1]))) --e;
  const std::string core = word.substr(b, e - b);
  if (core.empty() || IsVietnameseSyllable(core)) return word;
  std::u32string cps = Utf8ToU32(core);
  // A letter alone is an item mark or initial ("điểm c", "Đ"); only "t"
  // stands for a word so often ("Sở Tư pháp", "đầu tư") that it is taken.
  if (cps.size() == 1 && cps[0] != U't' && cps[0] != U'T') return word;
  size_t capitals = 0;
  for (char32_t c : cps) {
    if (c < 0x80 && !std::isalpha(static_cast<int>(c))) return word;  // digits, signs
    std::string one;
    AppendUtf8(c, &one);
    if (one != ToLowerVietnamese(one)) ++capitals;
  }
  const bool all_capitals = capitals == cps.size();
  if (all_capitals && cps.size() > 1 && !upper) return word;
  const char32_t u = all_capitals && cps.size() > 1 ? U'\u01AF' : U'\u01B0';
  std::string found;
  for (size_t i = 1; i <= cps.size(); ++i) {  // never before the first letter
    std::u32string c = cps;
    c.insert(c.begin() + static_cast<std::ptrdiff_t>(i), u);
    std::string candidate = U32ToUtf8(c);
    if (!IsVietnameseSyllable(candidate)) continue;
    if (!found.empty() && found != candidate) return word;  // two readings: leave it
    found = candidate;
  }
  return found.empty() ? word : word.substr(0, b) + found + word.substr(e);
}

struct WordRef {
  size_t page, line, word;
};

bool IsEvidenceWord(const std::string& text) {
  for (char c : text) {
    auto b = static_cast<unsigned char>(c);
    if (b >= 0x80 || b == 0x02 || b == 0x05 || b == 0x06 || b == 0x14 || b == 0x19 || b == 0x1E)
      return true;
  }
  return false;
}

Status DecodeWordSpans(const NormalizeOptions& options, Document* doc,
                       std::vector<EncodingSpan>* spans) {
  std::map<std::string, std::vector<WordRef>> groups;
  std::vector<std::string> order;
  for (size_t p = 0; p < doc->pages.size(); ++p) {
    Page& page = doc->pages[p];
    for (size_t l = 0; l < page.lines.size(); ++l) {
      for (size_t w = 0; w < page.lines[l].words.size(); ++w) {
        const Word& word = page.lines[l].words[w];
        if (word.source == WordSource::kOcr) continue;
        auto [it, inserted] = groups.try_emplace(word.font);
        if (inserted) order.push_back(word.font);
        it->second.push_back({p, l, w});
      }
    }
  }
  std::vector<std::string> decoded_encodings;
  float min_confidence = 1;
  for (const std::string& font : order) {
    const std::vector<WordRef>& refs = groups[font];
    auto word_at = [&](const WordRef& r) -> Word& {
      return doc->pages[r.page].lines[r.line].words[r.word];
    };
    std::vector<std::string_view> tokens;
    bool ascii = true;
    bool plain = true;
    for (const WordRef& r : refs) {
      const Word& w = word_at(r);
      if (w.source != WordSource::kPlainText) plain = false;
      if (!IsAscii(w.text)) ascii = false;
      if (tokens.size() < kMaxEvidenceTokens && IsEvidenceWord(w.text)) tokens.push_back(w.text);
    }
    FontHint hint = HintFromFont(font);
    Decision d;
    const std::string& from = options.from;
    if (from == "utf8" || from == "utf16") {
      d.reading = {Enc::kUtf8, Shape::kUnicode};
      d.reason = "--from";
    } else if (from != "auto") {
      d.reading.enc = from == "tcvn3"    ? Enc::kTcvn3
                      : from == "vni"    ? Enc::kVni
                      : from == "viscii" ? Enc::kViscii
                      : from == "viqr"   ? Enc::kViqr
                                         : Enc::kCp1258;
      if (d.reading.enc == Enc::kTcvn3 && hint.known && hint.enc == Enc::kTcvn3Upper)
        d.reading.enc = Enc::kTcvn3Upper;
      d.reading.shape = d.reading.enc == Enc::kViqr ? Shape::kUnicode : Shape::kMojibake;
      d.reason = "--from";
    } else if (hint.known) {
      std::vector<Reading> readings = {{Enc::kUtf8, Shape::kUnicode}, {hint.enc, Shape::kMojibake}};
      d.scores = normalize_internal::ScoreReadings(readings, tokens);
      d.evidence = tokens.size();
      d.reading = readings[1];
      d.reason = "font name";
      if (!tokens.empty()) {
        double asis = d.scores[0].valid_share, legacy = d.scores[1].valid_share;
        if (asis > legacy + 0.2) {
          d.reading = readings[0];
          d.reason = "syllables (the font name says " + std::string(EncName(hint.enc)) +
                     " but the text is already Unicode)";
          d.confidence = DecisionConfidence(asis, legacy, tokens.size());
        } else {
          d.confidence = std::max(0.5f, DecisionConfidence(legacy, asis, tokens.size()));
        }
      }
    } else {
      std::vector<std::string_view> viqr_tokens;
      if (ascii && plain) {
        for (const WordRef& r : refs) {
          const std::string& t = word_at(r).text;
          if (viqr_tokens.size() < kMaxEvidenceTokens && normalize_internal::CountViqrMarks(t) > 0)
            viqr_tokens.push_back(t);
        }
      }
      d = ascii ? DecideUnicode(viqr_tokens, true, plain, refs.size())
                : DecideUnicode(tokens, false, false);
    }
    EncodingSpan span;
    span.font = font;
    span.encoding = EncName(d.reading.enc);
    span.shape = ShapeName(d.reading.shape);
    span.reason = d.reason;
    span.confidence = d.confidence;
    span.evidence_tokens = d.evidence;
    span.words = refs.size();
    span.candidates = Candidates(d);
    bool decodes = d.reading.enc != Enc::kUtf8;
    if (decodes) {
      std::string out;
      std::vector<size_t> bad;
      for (const WordRef& r : refs) {
        Word& w = word_at(r);
        Status s = normalize_internal::DecodeReading(d.reading, w.text, &out, &bad);
        if (!s.ok()) return s;
        if (out != w.text) {
          w.Repair(out);
          w.encoding = EncName(d.reading.enc);
          w.encoding_confidence = d.confidence;
          ++span.converted;
        }
      }
      size_t raised = 0;
      size_t dashes = 0;
      size_t missing = 0;
      if (d.reading.enc == Enc::kTcvn3 || d.reading.enc == Enc::kTcvn3Upper) {
        // Poppler gives TCVN3's ư (0xAD, the soft hyphen in WinAnsi) as '-':
        // "®-îc" -> "đ-ợc". Put ư back where that makes the word's pieces
        // valid syllables and they were not before ("được"; "Tự-do" stays).
        for (const WordRef& r : refs) {
          Word& w = word_at(r);
          std::string fixed = RestoreTcvn3U(w.text, d.reading.enc == Enc::kTcvn3Upper);
          if (fixed != w.text) {
            w.Repair(fixed);
            w.encoding = EncName(d.reading.enc);
            w.encoding_confidence = d.confidence;
            ++dashes;
            continue;
          }
          fixed = InsertMissingTcvn3U(w.text, d.reading.enc == Enc::kTcvn3Upper);
          if (fixed != w.text) {
            w.Repair(fixed);
            w.encoding = EncName(d.reading.enc);
            w.encoding_confidence = d.confidence;
            ++missing;
          }
        }
      }
      if (d.reading.enc == Enc::kTcvn3) {
        // No H-font name: capitals only from context. Line by line.
        std::map<std::pair<size_t, size_t>, std::vector<std::string*>> lines;
        for (const WordRef& r : refs) lines[{r.page, r.line}].push_back(&word_at(r).text);
        for (auto& [key, words] : lines) raised += RaiseTcvn3Capitals(words);
      }
      decoded_encodings.push_back(span.encoding);
      min_confidence = std::min(min_confidence, d.confidence);
      std::string where = font.empty() ? "text" : "font '" + font + "'";
      doc->AddNote("normalize", d.confidence < 0.5f ? "warning" : "info",
                   where + ": decoded as " + DescribeDecision(d) + "; " +
                       std::to_string(span.converted) + " of " + std::to_string(refs.size()) +
                       " words converted");
      if (dashes > 0) {
        doc->AddNote("normalize", "info",
                     where + ": " + std::to_string(dashes) +
                         " words had TCVN3 ư given as '-' by the PDF text layer; restored");
      }
      if (missing > 0) {
        doc->AddNote("normalize", "info",
                     where + ": " + std::to_string(missing) +
                         " TCVN3 words missing their ư (0xAD, not drawn in the PDF) were no "
                         "syllable without it; ư put back where exactly one place makes one");
      }
      if (raised > 0) {
        doc->AddNote("normalize", "info",
                     where + ": " + std::to_string(raised) +
                         " TCVN3 words raised to capitals from context (the font name is not "
                         "known, so upper-case-font text is ambiguous)");
      }
    } else if (d.evidence > 0) {
      std::string where = font.empty() ? "text" : "font '" + font + "'";
      doc->AddNote("normalize", "info", where + ": kept as " + DescribeDecision(d));
    }
    spans->push_back(std::move(span));
  }
  if (!decoded_encodings.empty()) {
    std::sort(decoded_encodings.begin(), decoded_encodings.end());
    decoded_encodings.erase(std::unique(decoded_encodings.begin(), decoded_encodings.end()),
                            decoded_encodings.end());
    std::string legacy = decoded_encodings.size() == 1 ? decoded_encodings[0] : "mixed";
    bool had_unicode = false;
    for (const auto& s : *spans)
      if (s.encoding == "utf-8" && s.words > 0) had_unicode = true;
    doc->encoding = had_unicode ? "mixed" : legacy;
    doc->encoding_confidence = min_confidence;
  }
  return Status::Ok();
}

// Cleans, NFC-normalises and restyles every word; drops words left empty
// (they held only invisible characters), keeping their whitespace.
void FinishWords(const NormalizeOptions& options, Document* doc) {
  for (Page& page : doc->pages) {
    for (Line& line : page.lines) {
      std::vector<Word> kept;
      kept.reserve(line.words.size());
      for (Word& w : line.words) {
        std::string t = Finish(w.text, options, nullptr);
        if (t != w.text) w.Repair(t);
        if (w.text.empty()) {
          if (kept.empty()) {
            line.leading += w.trailing;
          } else {
            kept.back().trailing += w.trailing;
          }
          continue;
        }
        kept.push_back(std::move(w));
      }
      line.words = std::move(kept);
    }
    if (options.mark_continuations) MarkContinuations(&page);
  }
}


// Whitespace-separated tokens of `s`.
std::vector<std::string> Tokens(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (i < s.size()) {
    while (i < s.size() && space(s[i])) ++i;
    size_t a = i;
    while (i < s.size() && !space(s[i])) ++i;
    if (i > a) out.emplace_back(s.substr(a, i - a));
  }
  return out;
}

// Plain text holding HTML character references (a page saved from a web
// converter): references broken by line breaks, spaces and tags are joined
// and all of them decoded. Needs one broken reference or two references, so
// a lone "&amp;" in ordinary text stays. The words of a changed line keep
// their written form (Word::original; the whole written line on the first
// word when the line was joined from several). Returns references decoded.
size_t RepairPageCharRefs(Page* page) {
  std::string text = page->Text();
  if (text.find('&') == std::string::npos) return 0;
  CharRefStats stats;
  std::vector<size_t> breaks;
  std::string fixed = RepairCharRefs(text, CharRefOutput::kDecode, &stats, &breaks);
  if (stats.references == 0 || (stats.broken == 0 && stats.references < 2)) return 0;
  Page repaired = PageFromText(fixed, page->number, page->source);
  size_t from = 0;
  for (size_t k = 0; k < repaired.lines.size(); ++k) {
    size_t to = k < breaks.size() ? breaks[k] : text.size();
    std::string_view written = std::string_view(text).substr(from, to - from);
    Line& line = repaired.lines[k];
    if (line.Text() != written && !line.words.empty()) {
      std::vector<std::string> old = Tokens(written);
      if (old.size() == line.words.size()) {
        for (size_t w = 0; w < old.size(); ++w)
          if (old[w] != line.words[w].text) line.words[w].original = old[w];
      } else {
        std::string joined;
        for (const std::string& t : old) joined += (joined.empty() ? "" : " ") + t;
        line.words[0].original = joined;
      }
    }
    from = to + 1;
  }
  page->lines = std::move(repaired.lines);
  return stats.references;
}

std::string FillerName(char f) { return std::string("'") + f + "'"; }

// UTF-16 with a filler for its zero bytes (filled_utf16.h): the low bytes
// decoded as UTF-16 or as the legacy encoding inside.
Status NormalizeFilled(std::string_view bytes, const normalize_internal::FilledLayout& layout,
                       const NormalizeOptions& options, NormalizeResult* result) {
  using normalize_internal::FilledDecoding;
  std::string low = normalize_internal::LowBytes(bytes, layout);
  FilledDecoding dec;
  if (Status s = normalize_internal::ChooseFilledEncoding(low, layout.filler, kMaxEvidenceTokens, &dec);
      !s.ok())
    return s;
  std::string text;
  std::vector<normalize_internal::WordChoice> choices;
  if (Status s = normalize_internal::DecodeFilledLow(low, layout.filler, &dec, &text, &choices);
      !s.ok())
    return s;
  for (auto& c : choices)
    result->alternatives.push_back({c.word, std::move(c.text), std::move(c.alternatives)});
  if (dec.encoding == "tcvn3") RaiseTcvn3CapitalsInText(&text);
  const bool le = layout.filler_parity == 1;
  EncodingSpan span;
  span.encoding = dec.encoding == "utf-16" ? (le ? "utf-16le" : "utf-16be") : dec.encoding;
  span.shape = "filled-utf16";
  span.reason = "filler " + FillerName(layout.filler) + " in place of zero bytes";
  span.confidence = static_cast<float>(std::min(1.0, dec.valid_share));
  span.evidence_tokens = dec.evidence;
  span.candidates.push_back({span.encoding, span.shape, dec.valid_share});
  result->notes.push_back(
      {"normalize", span.confidence < 0.5f ? "warning" : "info",
       std::string("UTF-16 ") + (le ? "little" : "big") + "-endian with every zero byte shown as " +
           FillerName(layout.filler) + (dec.encoding == "utf-16" ? "" : ", holding " + dec.encoding + " bytes") +
           ": " + std::to_string(dec.ambiguous_words) +
           " words had letters that collapsed (Đ/đ/Ă/ă, or the same last byte), chosen by syllables; " +
           Percent(dec.valid_share) + " valid syllables",
       0, -1});
  result->text = Finish(std::move(text), options, &result->notes);
  result->encoding = span.encoding;
  result->confidence = span.confidence;
  result->spans.push_back(std::move(span));
  return Status::Ok();
}

// Share of the runs of letters in `text` that are Vietnamese syllables
// (or abbreviations in capitals); 0 without letters.
double SyllableShare(const std::string& text) {
  size_t runs = 0, good = 0;
  std::u32string w = Utf8ToU32(text);
  size_t i = 0;
  auto letter = [](char32_t c) {
    char32_t base;
    Tone tone;
    bool upper;
    return SplitLetter(c, &base, &tone, &upper);
  };
  while (i < w.size()) {
    if (!letter(w[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < w.size() && letter(w[j])) ++j;
    ++runs;
    good += normalize_internal::PieceScore(U32ToUtf8(w.substr(i, j - i))) > 0;
    i = j;
  }
  return runs ? static_cast<double>(good) / runs : 0;
}

// Letters only (a word, not a code or a number).
bool IsLettersOnly(const std::string& t) {
  for (char32_t c : Utf8ToU32(t)) {
    char32_t base;
    Tone tone;
    bool upper;
    if (!SplitLetter(c, &base, &tone, &upper)) return false;
  }
  return !t.empty();
}

// Plain-text lines that are UTF-16 with a filler, shown one byte per
// character (CP1252/Latin-1): decoded line by line, the encoding inside
// chosen once from all of them. Returns lines decoded.
size_t RepairFilledLines(Document* doc, std::vector<Note>* notes) {
  using namespace normalize_internal;
  struct Found {
    Line* line;
    std::string bytes;
  };
  std::vector<Found> found;
  std::map<char, size_t> fillers;
  std::string scratch;
  for (Page& page : doc->pages) {
    if (page.source != WordSource::kPlainText || !page.grids.empty()) continue;
    for (Line& line : page.lines) {
      if (line.words.empty()) continue;
      std::string text = line.Text();
      if (text.size() < 4 || !MojibakeToBytes(text, &scratch)) continue;
      FilledLayout layout;
      if (!DetectFilled(scratch, 2, &layout)) continue;
      ++fillers[layout.filler];
      found.push_back({&line, scratch});
    }
  }
  if (found.empty()) return 0;
  // One filler per document: the most frequent.
  char filler = 0;
  size_t most = 0;
  for (const auto& [f, n] : fillers)
    if (n > most) filler = f, most = n;
  found.erase(std::remove_if(found.begin(), found.end(),
                             [&](const Found& f) {
                               FilledLayout layout;
                               DetectFilled(f.bytes, 2, &layout);
                               return layout.filler != filler;
                             }),
              found.end());
  std::string all_low;
  for (const Found& f : found) {
    FilledLayout layout;
    DetectFilled(f.bytes, 2, &layout);
    all_low += LowBytes(f.bytes, layout) + "\n";
  }
  FilledDecoding dec;
  if (!ChooseFilledEncoding(all_low, filler, kMaxEvidenceTokens, &dec).ok()) return 0;
  size_t ambiguous = 0;
  for (const Found& f : found) {
    FilledLayout layout;
    DetectFilled(f.bytes, 2, &layout);
    std::string low = LowBytes(f.bytes, layout);
    FilledDecoding d = dec;
    std::string text;
    std::vector<WordChoice> choices;
    if (!DecodeFilledLow(low, filler, &d, &text, &choices).ok()) return 0;
    // Do no harm: the decoded line must read as Vietnamese ("a-b-c-d" is
    // no filled line), unless three or more lines of the document are
    // filled alike and this one is long (an e-mail address, a code).
    if (SyllableShare(text) < 0.6 && !(found.size() >= 3 && f.bytes.size() >= 16)) continue;
    ambiguous += d.ambiguous_words;
    Page rebuilt = PageFromText(text, 1, f.line->words[0].source);
    if (rebuilt.lines.empty()) continue;
    const std::string written = f.line->Text();
    Line& nl = rebuilt.lines[0];
    if (!nl.words.empty()) nl.words[0].original = written;
    for (Word& w : nl.words) w.encoding = dec.encoding == "utf-16" ? "utf-16" : dec.encoding;
    for (WordChoice& c : choices)
      if (c.word < nl.words.size() && nl.words[c.word].text == c.text)
        nl.words[c.word].alternatives = std::move(c.alternatives);
    f.line->leading = nl.leading;
    f.line->words = std::move(nl.words);
  }
  notes->push_back({"normalize", "info",
                    std::to_string(found.size()) + " lines were UTF-16 with every zero byte shown as " +
                        FillerName(filler) +
                        (dec.encoding == "utf-16" ? "" : ", holding " + dec.encoding + " bytes") +
                        "; decoded (" + std::to_string(ambiguous) +
                        " words with collapsed letters chosen by syllables)",
                    0, -1});
  return found.size();
}

// True when every letter of `tokens` carries a dot below (ạ ặ ậ ẹ ệ ị ọ ộ ợ ụ ự ỵ).
bool AllDotBelow(const std::vector<std::string>& tokens) {
  for (const std::string& t : tokens) {
    for (char32_t c : Utf8ToU32(t)) {
      char32_t base;
      Tone tone;
      bool upper;
      if (!SplitLetter(c, &base, &tone, &upper) || tone != Tone::kNang) return false;
    }
  }
  return !tokens.empty();
}

// `t` without the punctuation that opens or closes a word ("(y", "n;").
std::string TrimPunctuation(const std::string& t) {
  std::u32string w = Utf8ToU32(t);
  size_t a = 0, b = w.size();
  auto punct = [](char32_t c) {
    return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' ||
           c == ')' || c == '[' || c == ']' || c == '"' || c == 0x201C || c == 0x201D;
  };
  while (a < b && punct(w[a])) ++a;
  while (b > a && punct(w[b - 1])) --b;
  return U32ToUtf8(w.substr(a, b - a));
}

// A piece of letters that is no word: what a detached letter left behind.
bool BrokenPiece(const std::vector<std::string>& words) {
  for (const std::string& w : words)
    if (IsLettersOnly(w) && normalize_internal::PieceScore(w) == 0) return true;
  return false;
}

bool HasBrokenPiece(const Line& line) {
  std::vector<std::string> words;
  for (const Word& w : line.words) words.push_back(w.text);
  return BrokenPiece(words);
}

// Places the detached letters of a line under `line` into it (see
// RepairDisplacedMarks); false, and `line` untouched, when it has no broken
// piece or they do not all fit.
bool TryLettersBelow(const std::vector<std::string>& units, Line* line, const std::string& below) {
  if (line->words.empty() || !HasBrokenPiece(*line)) return false;
  std::vector<std::string> tokens, fixed;
  for (const Word& w : line->words) tokens.push_back(w.text);
  if (!normalize_internal::PlaceDetachedMarks(units, tokens, &fixed)) return false;
  std::string written = line->words[0].original.empty() ? line->Text() : line->words[0].original;
  const std::string source_trailing = line->words.back().trailing;
  const WordSource source = line->words[0].source;
  std::vector<Word> words;
  for (size_t k = 0; k < fixed.size(); ++k) {
    Word w;
    w.text = fixed[k];
    w.source = source;
    w.trailing = k + 1 < fixed.size() ? " " : source_trailing;
    words.push_back(std::move(w));
  }
  words[0].original = written + " / " + below;
  line->words = std::move(words);
  line->leading.clear();
  return true;
}

// True when the line is only detached letters ("ở ươ").
bool IsLettersLine(const Line& line) {
  if (line.words.empty()) return false;
  for (const Word& w : line.words)
    if (!normalize_internal::IsDetachedMarkToken(w.text)) return false;
  return true;
}

// Replaces the words of `line` with `fixed`, the written form kept on the
// first word.
void RewriteLine(Line* line, const std::vector<std::string>& fixed, const std::string& written) {
  std::vector<Word> words;
  for (size_t k = 0; k < fixed.size(); ++k) {
    Word w;
    w.text = fixed[k];
    w.source = line->words[0].source;
    w.trailing = k + 1 < fixed.size() ? " " : line->words.back().trailing;
    words.push_back(std::move(w));
  }
  words[0].original = written;
  line->words = std::move(words);
  line->leading.clear();
}

// Extraction in content-stream order (pdftotext -raw) writes a block's
// lines first and then the detached letters of each of its damaged lines,
// one line of letters per damaged line, in the same order:
//   "2 S Công Th ng ..." / "8 S N i v ..." / ... / "ở ươ" / "ở ộ ụ" / ...
// Lines of letters still left after RepairDisplacedMarks are matched, in
// order, with the lines above them (back to the previous run of letters)
// that still hold a piece that is no word: an alignment that places as
// many of them as it can, each only where every letter fits and no broken
// piece is left. Returns lines repaired; the letters' lines are marked in
// `drop`.
size_t PlaceLettersAfterTheirBlock(Page* page, std::vector<bool>* drop,
                                   std::vector<std::string>* examples) {
  constexpr size_t kMaxLines = 120;
  // Letters-lines one line may take. 4 was tried (raw pdftotext output of
  // fonts that detach every marked letter spreads a long line's letters
  // over many short lines): worse on the damage dev set (raw 72.3% -> 54.8%
  // of lines) and 8x slower, the longer runs fitting the wrong lines.
  constexpr size_t kMaxLettersLinesPerLine = 1;
  size_t repaired = 0;
  size_t block_start = 0;
  const size_t n_lines = page->lines.size();
  for (size_t a = 0; a < n_lines;) {
    if ((*drop)[a] || !IsLettersLine(page->lines[a])) {
      ++a;
      continue;
    }
    size_t b = a;
    while (b < n_lines && !(*drop)[b] && IsLettersLine(page->lines[b])) ++b;
    std::vector<size_t> targets;  // damaged lines of the block above, in order
    for (size_t li = block_start; li < a; ++li) {
      const Line& line = page->lines[li];
      if (!(*drop)[li] && !line.words.empty() && !IsLettersLine(line)) targets.push_back(li);
    }
    if (targets.size() > kMaxLines) targets.erase(targets.begin(), targets.end() - kMaxLines);
    const size_t n = targets.size(), k = std::min(b - a, kMaxLines);
    if (n > 0) {
      // gain[i][j][r] > 0: line i takes the letters of letters-lines
      // [j, j + r + 1) (a long line's letters may come out as a few lines,
      // broken where they lie far apart), giving fit[i][j][r]. A line with a
      // piece that is no word gains more than one whose pieces are all words
      // or capitals ("S T pháp": "Sở Tư pháp"); ties go to the placement the
      // syllable model likes best.
      std::vector<std::vector<std::vector<std::vector<std::string>>>> fit(
          n, std::vector<std::vector<std::vector<std::string>>>(
                 k, std::vector<std::vector<std::string>>(kMaxLettersLinesPerLine)));
      std::vector<std::vector<std::vector<double>>> gain(
          n, std::vector<std::vector<double>>(k, std::vector<double>(kMaxLettersLinesPerLine, 0)));
      for (size_t i = 0; i < n; ++i) {
        const Line& line = page->lines[targets[i]];
        std::vector<std::string> tokens;
        for (const Word& w : line.words) tokens.push_back(w.text);
        const bool broken = HasBrokenPiece(line);
        const double base = broken ? 10 : 6;
        for (size_t j = 0; j < k; ++j) {
          std::vector<std::string> units;
          for (size_t r = 0; r < kMaxLettersLinesPerLine && j + r < k; ++r) {
            for (const Word& w : page->lines[a + j + r].words) units.push_back(w.text);
            // More letters than the line has gaps and pieces to take them.
            if (units.size() > 2 * tokens.size() + 2) break;
            // Several lines of letters only for a line still broken.
            if (r > 0 && !broken) break;
            std::vector<std::string> fixed;
            double score = 0;
            if (normalize_internal::PlaceDetachedMarks(units, tokens, &fixed, &score) &&
                !BrokenPiece(fixed)) {
              fit[i][j][r] = std::move(fixed);
              gain[i][j][r] = base * static_cast<double>(r + 1) + 0.01 * score;
            }
          }
        }
      }
      // best[i][j]: lines [0, i) and letters-lines [0, j) matched in order.
      struct Step {
        size_t di = 0, dj = 0;
        size_t r = SIZE_MAX;  // SIZE_MAX: a skip
      };
      std::vector<std::vector<double>> best(n + 1, std::vector<double>(k + 1, 0));
      std::vector<std::vector<Step>> step(n + 1, std::vector<Step>(k + 1));
      for (size_t i = 0; i <= n; ++i) {
        for (size_t j = 0; j <= k; ++j) {
          double v = 0;
          Step st;
          if (i > 0 && best[i - 1][j] > v) v = best[i - 1][j], st = {1, 0};
          if (j > 0 && best[i][j - 1] > v) v = best[i][j - 1], st = {0, 1};
          for (size_t r = 0; i > 0 && r < kMaxLettersLinesPerLine && r < j; ++r) {
            const double g = gain[i - 1][j - r - 1][r];
            if (g > 0 && best[i - 1][j - r - 1] + g > v) v = best[i - 1][j - r - 1] + g, st = {1, r + 1, r};
          }
          best[i][j] = v;
          step[i][j] = st;
        }
      }
      for (size_t i = n, j = k; i > 0 || j > 0;) {
        const Step st = step[i][j];
        if (st.di == 0 && st.dj == 0) break;
        if (st.r != SIZE_MAX) {
          Line& line = page->lines[targets[i - 1]];
          const size_t first = a + j - st.dj;
          std::string written = line.Text();
          for (size_t l = first; l < a + j; ++l) {
            written += " / " + page->lines[l].Text();
            (*drop)[l] = true;
          }
          RewriteLine(&line, fit[i - 1][j - st.dj][st.r], written);
          ++repaired;
          if (examples->size() < 3) examples->push_back(written + " -> " + line.Text());
        }
        i -= st.di;
        j -= st.dj;
      }
    }
    block_start = b;
    a = b;
  }
  return repaired;
}

// True if the first letter of `token` is a lower-case one ("kiến", "(các").
bool StartsLower(const std::string& token) {
  for (char32_t c : Utf8ToU32(token)) {
    char32_t base;
    Tone tone;
    bool upper;
    if (SplitLetter(c, &base, &tone, &upper)) return !upper;
    if (c >= '0' && c <= '9') return false;
  }
  return false;
}

// Marks torn off by PDF text extraction in plain text (displaced_marks.h):
// lines made only of detached letters give them to the next line, and the
// detached letters that open a line to that line. A line is rewritten only
// when every letter finds a place where the syllables are valid; its words
// keep the written form (the first word holds the whole written line, the
// detached lines above included). Returns lines repaired.
size_t RepairDisplacedMarks(Page* page, std::vector<std::string>* examples) {
  using normalize_internal::IsDetachedMarkToken;
  using normalize_internal::PlaceDetachedMarks;
  std::vector<std::string> pending;
  std::vector<size_t> pending_lines;
  std::vector<bool> drop(page->lines.size(), false);
  size_t repaired = 0;
  for (size_t li = 0; li < page->lines.size(); ++li) {
    Line& line = page->lines[li];
    if (line.words.empty()) {
      pending.clear();
      pending_lines.clear();
      continue;
    }
    std::vector<std::string> tokens;
    for (const Word& w : line.words) tokens.push_back(w.text);
    size_t lead = 0;
    while (lead < tokens.size() && IsDetachedMarkToken(tokens[lead])) ++lead;
    if (lead == tokens.size()) {
      // Letters with a dot below, lowered under their line, come out on a
      // line under it: given to the line above when that line still has a
      // piece that is no word and they all find a place there.
      if (pending.empty() && li > 0 && !drop[li - 1] && AllDotBelow(tokens) &&
          HasBrokenPiece(page->lines[li - 1])) {
        if (TryLettersBelow(tokens, &page->lines[li - 1], line.Text())) {
          drop[li] = true;
          ++repaired;
        }
        // Else they are left where they are: not given to the next line,
        // whose letters they are not.
        continue;
      }
      pending.insert(pending.end(), tokens.begin(), tokens.end());
      pending_lines.push_back(li);
      continue;
    }
    std::vector<std::string> units = pending;
    units.insert(units.end(), tokens.begin(), tokens.begin() + lead);
    std::vector<std::string> residual(tokens.begin() + lead, tokens.end());
    bool damaged = !pending.empty() || lead >= 2;
    for (const std::string& t : residual) {
      // A piece with the punctuation that closes it ("huy n;") is a piece.
      const std::string letters = TrimPunctuation(t);
      damaged = damaged || (IsLettersOnly(letters) && normalize_internal::PieceScore(letters) == 0);
    }
    // One letter before the words ("ố S : 123/BC-UBND", "Ủ Y BAN") whose
    // pieces are all words or capitals: taken only where it leaves no
    // piece that is no word (a line may open with "Ở" or "ủ" as written).
    // A letter followed by a word in lower case opens the sentence as
    // written ("ý kiến thống nhất ... thu" had become "kiến ... thuý").
    const bool next_lower = lead < tokens.size() && StartsLower(tokens[lead]);
    const bool one_lead = !damaged && lead == 1 && !next_lower;
    damaged = damaged || one_lead;
    // A line of letters with a dot below under this one holds its lowered
    // letters: placed together with the ones above, each line in its order.
    std::vector<std::string> below;
    if (li + 1 < page->lines.size()) {
      std::vector<std::string> next;
      for (const Word& w : page->lines[li + 1].words) next.push_back(w.text);
      bool marks = !next.empty();
      for (const std::string& t : next) marks = marks && IsDetachedMarkToken(t);
      if (marks && AllDotBelow(next)) below = std::move(next);
    }
    // Only where this line's own letters leave a piece that is no word:
    // else those letters belong to the line after them.
    std::vector<std::string> fixed;
    bool placed = !units.empty() && damaged && PlaceDetachedMarks(units, residual, &fixed);
    if (placed && one_lead && BrokenPiece(fixed)) placed = false;
    bool used_below = false;
    if (!below.empty() && (placed ? BrokenPiece(fixed) : damaged || HasBrokenPiece(line))) {
      std::vector<std::string> both;
      if (normalize_internal::PlaceDetachedMarksTwoLines(units, below, residual, &both)) {
        fixed = std::move(both);
        placed = used_below = true;
      }
    }
    // Extraction sometimes puts one letter at the end of the run ("ể ố u"
    // for "ể u ố"): where the letters in their order leave a piece that is
    // no word, the last one is tried at each earlier place, and the best
    // placement that leaves none is taken.
    if (damaged && !used_below && units.size() >= 2 && units.size() <= 24 &&
        (!placed || BrokenPiece(fixed))) {
      double best_score = -1e300;
      std::vector<std::string> best;
      for (size_t at = 0; at + 1 < units.size(); ++at) {
        std::vector<std::string> moved = units, words;
        std::rotate(moved.begin() + at, moved.end() - 1, moved.end());
        double score = 0;
        if (PlaceDetachedMarks(moved, residual, &words, &score) && !BrokenPiece(words) &&
            score > best_score) {
          best_score = score;
          best = std::move(words);
        }
      }
      if (!best.empty()) {
        fixed = std::move(best);
        placed = true;
      }
    }
    if (placed) {
      std::string written;
      for (size_t pl : pending_lines) written += page->lines[pl].Text() + " / ";
      written += line.Text();
      if (used_below) {
        written += " / " + page->lines[li + 1].Text();
        drop[li + 1] = true;
      }
      std::vector<Word> words;
      for (size_t k = 0; k < fixed.size(); ++k) {
        Word w;
        w.text = fixed[k];
        w.source = line.words[0].source;
        w.trailing = k + 1 < fixed.size() ? " " : line.words.back().trailing;
        words.push_back(std::move(w));
      }
      words[0].original = written;
      line.words = std::move(words);
      line.leading.clear();
      for (size_t pl : pending_lines) drop[pl] = true;
      ++repaired;
      if (examples->size() < 3) examples->push_back(written + " -> " + line.Text());
      if (used_below) ++li;  // its letters are placed
    }
    pending.clear();
    pending_lines.clear();
  }
  repaired += PlaceLettersAfterTheirBlock(page, &drop, examples);
  if (repaired > 0) {
    std::vector<Line> kept;
    for (size_t li = 0; li < page->lines.size(); ++li)
      if (!drop[li]) kept.push_back(std::move(page->lines[li]));
    page->lines = std::move(kept);
  }
  return repaired;
}
}  // namespace

Status NormalizeBytes(std::string_view bytes, const NormalizeOptions& options,
                      NormalizeResult* result) {
  *result = NormalizeResult();
  const std::string& from = options.from;
  EncodingSpan span;
  std::string text;
  std::vector<size_t> bad;
  size_t base = 0;
  std::string what = "undecodable bytes";
  auto u8 = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
  bool bom16le = bytes.size() >= 2 && u8(0) == 0xFF && u8(1) == 0xFE;
  bool bom16be = bytes.size() >= 2 && u8(0) == 0xFE && u8(1) == 0xFF;
  bool le = true;
  bool utf16 = from == "utf16" || (from == "auto" && (bom16le || bom16be));
  std::string utf16_reason = bom16le || bom16be ? "byte order mark" : "--from";
  // UTF-16 whose zero bytes became a filler character ("T#R#I#Â#N#").
  if (from == "auto" || from == "utf16") {
    const size_t skip = bom16le || bom16be ? 2 : 0;
    normalize_internal::FilledLayout layout;
    if (normalize_internal::DetectFilled(bytes.substr(skip), 8, &layout))
      return NormalizeFilled(bytes.substr(skip), layout, options, result);
  }
  if (!utf16 && from == "auto" && !IsValidUtf8(bytes) && LooksLikeUtf16(bytes, &le)) {
    utf16 = true;
    utf16_reason = "zero bytes";
  }
  if (utf16) {
    if (bom16le || bom16be) {
      le = bom16le;
      base = 2;
    } else if (from == "utf16") {
      LooksLikeUtf16(bytes, &le);  // no BOM: the zero bytes say which end
    }
    if (Status s = normalize_internal::DecodeUtf16(bytes.substr(base), le, &text, &bad); !s.ok())
      return s;
    what = "truncated or unpaired UTF-16";
    span.encoding = le ? "utf-16le" : "utf-16be";
    span.shape = "bytes";
    span.reason = utf16_reason;
    span.confidence = utf16_reason == "zero bytes" ? 0.9f : 1.0f;
  } else {
    std::string_view in = bytes;
    if (in.size() >= 3 && in.compare(0, 3, "\xEF\xBB\xBF") == 0) {
      in.remove_prefix(3);
      base = 3;
    }
    Decision d;
    if (from == "auto") {
      if (IsValidUtf8(in)) {
        bool ascii = IsAscii(in);
        auto tokens = normalize_internal::EvidenceTokens(in, ascii, kMaxEvidenceTokens);
        d = DecideUnicode(tokens, ascii, true, CountWords(in));
        if (!ascii) {
          // Legacy bytes can happen to form valid UTF-8 ("tr\xDF\xBEc" is
          // VISCII "trước" and U+07FE in UTF-8): raw-byte readings compete too
          // and must explain clearly more than the Unicode reading.
          Decision bytes_d = DecideBytes(in);
          double chosen = 0, best_bytes = 0;
          for (const auto& s : d.scores)
            if (s.reading.enc == d.reading.enc && s.reading.shape == d.reading.shape)
              chosen = s.valid_share;
          for (const auto& s : bytes_d.scores)
            if (s.reading.enc == bytes_d.reading.enc) best_bytes = s.valid_share;
          if (bytes_d.reading.enc != Enc::kUtf8 && best_bytes >= kMojibakeMinShare &&
              best_bytes >= chosen + kMojibakeMargin) {
            for (const auto& s : d.scores)
              if (s.reading.shape != Shape::kBytes) bytes_d.scores.push_back(s);
            d = bytes_d;
            d.reason = "syllables (valid UTF-8 by chance)";
          }
        }
      } else {
        d = DecideBytes(in);
      }
    } else {
      d.reading = ForcedReading(from, in);
      d.reason = "--from";
    }
    if (Status s = normalize_internal::DecodeReading(d.reading, in, &text, &bad); !s.ok())
      return s;
    if (d.reading.enc == Enc::kUtf8) what = "invalid UTF-8";
    if (d.reading.enc == Enc::kTcvn3) {
      size_t raised = RaiseTcvn3CapitalsInText(&text);
      if (raised > 0) {
        result->notes.push_back(
            {"normalize", "info",
             std::to_string(raised) +
                 " TCVN3 words raised to capitals from context (plain text has no font name, "
                 "so upper-case-font text is ambiguous)",
             0, -1});
      }
      if (size_t headings = RaiseLowerCaseHeadings(&text)) {
        result->notes.push_back(
            {"normalize", "info",
             std::to_string(headings) +
                 " TCVN3 lines with no capital among lines that open with one raised to capitals "
                 "(headings typed in an upper-case font with lower-case codes)",
             0, -1});
      }
    }
    span.encoding = EncName(d.reading.enc);
    span.shape = ShapeName(d.reading.shape);
    span.reason = d.reason;
    span.confidence = d.confidence;
    span.evidence_tokens = d.evidence;
    span.candidates = Candidates(d);
    if (d.evidence > 0 || d.reason == "--from") {
      result->notes.push_back({"normalize", d.confidence < 0.5f && d.evidence > 0 ? "warning" : "info",
                               "decoded as " + DescribeDecision(d), 0, -1});
    }
    double best = 0;
    for (const auto& s : d.scores) best = std::max(best, s.valid_share);
    if (from == "auto" && d.evidence >= 3 && best < 0.5) {
      result->notes.push_back({"normalize", "warning",
                               "no encoding explains this text well (best " +
                                   std::string(EncName(d.reading.enc)) + ", " + Percent(best) +
                                   " valid syllables); check the output",
                               0, -1});
    }
  }
  AddOffsetWarnings(bad, base, what, &result->notes);
  result->text = Finish(std::move(text), options, &result->notes);
  result->encoding = span.encoding;
  result->confidence = span.confidence;
  result->spans.push_back(std::move(span));
  return Status::Ok();
}

Status NormalizeDocument(const NormalizeOptions& options, Document* doc) {
  std::vector<EncodingSpan> spans;
  return NormalizeDocument(options, doc, &spans);
}

Status NormalizeDocument(const NormalizeOptions& options, Document* doc,
                         std::vector<EncodingSpan>* spans) {
  spans->clear();
  if (!doc->undecoded_bytes.empty()) {
    NormalizeResult r;
    if (Status s = NormalizeBytes(doc->undecoded_bytes, options, &r); !s.ok()) return s;
    doc->pages = PagesFromText(r.text, WordSource::kPlainText);
    size_t word_index = 0, next_choice = 0;
    for (Page& page : doc->pages) {
      for (Line& line : page.lines) {
        for (Word& w : line.words) {
          while (next_choice < r.alternatives.size() && r.alternatives[next_choice].word < word_index)
            ++next_choice;
          if (next_choice < r.alternatives.size() && r.alternatives[next_choice].word == word_index &&
              r.alternatives[next_choice].text == w.text)
            w.alternatives = r.alternatives[next_choice].alternatives;
          ++word_index;
          if (r.encoding != "utf-8") {
            w.encoding = r.encoding;
            w.encoding_confidence = r.confidence;
          }
        }
      }
    }
    doc->undecoded_bytes.clear();
    doc->encoding = r.encoding;
    doc->encoding_confidence = r.confidence;
    for (Note& n : r.notes) doc->notes.push_back(std::move(n));
    *spans = std::move(r.spans);
  } else {
    // Lines of UTF-16 without zero bytes first: the mojibake readings of
    // the word spans would take their characters for legacy bytes.
    if (doc->format != "html" && options.from == "auto") RepairFilledLines(doc, &doc->notes);
    if (Status s = DecodeWordSpans(options, doc, spans); !s.ok()) return s;
  }
  if (doc->format != "html") {
    for (Page& page : doc->pages) {
      if (page.source != WordSource::kPlainText || !page.grids.empty()) continue;
      if (size_t n = RepairPageCharRefs(&page)) {
        doc->AddNote("normalize", "info",
                     std::to_string(n) + " HTML character references decoded (broken ones "
                     "joined across line breaks, spaces and tags)", page.number);
      }
    }
  }
  if (doc->format != "html") {
    for (Page& page : doc->pages) {
      if (page.source != WordSource::kPlainText || !page.grids.empty()) continue;
      std::vector<std::string> examples;
      if (size_t n = RepairDisplacedMarks(&page, &examples)) {
        std::string m = std::to_string(n) +
                        " lines had marked letters torn off their words (PDF text extraction); "
                        "put back where they make syllables";
        for (const std::string& e : examples) m += "; " + e;
        doc->AddNote("normalize", "info", m, page.number);
      }
    }
  }
  FinishWords(options, doc);
  return Status::Ok();
}

}  // namespace sohoa
