// Encoding decisions: the ways a piece of text can be read (a Reading: an
// encoding and the shape it arrived in), decoding with one, and scoring the
// readings by the share of valid Vietnamese syllables they produce.
// Private to pipeline/normalize. Thread-safe.
#ifndef SOHOA_NORMALIZE_DETECT_H_
#define SOHOA_NORMALIZE_DETECT_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/normalize/legacy_codec.h"

namespace sohoa::normalize_internal {

enum class Shape {
  kUnicode,   // already Unicode text (UTF-8 as given)
  kBytes,     // raw 8-bit bytes
  kMojibake,  // Unicode text whose characters stand for legacy bytes (CP1252/Latin-1)
};
const char* ShapeName(Shape s);  // "unicode", "bytes", "mojibake"

enum class Enc { kUtf8, kTcvn3, kTcvn3Upper, kVni, kViscii, kCp1258, kViqr };
const char* EncName(Enc e);  // "utf-8", "tcvn3", "vni", "viscii", "cp1258", "viqr"

struct Reading {
  Enc enc = Enc::kUtf8;
  Shape shape = Shape::kUnicode;
};

// Decodes `input` with `reading` to UTF-8 (not yet NFC). For kBytes, bytes
// without a character become U+FFFD and their offsets go to `bad_offsets`.
// For kMojibake, runs of characters that map to bytes are decoded; other
// characters are kept as they are.
Status DecodeReading(const Reading& reading, std::string_view input, std::string* out,
                     std::vector<size_t>* bad_offsets);

struct ReadingScore {
  Reading reading;
  double valid_share = 0;  // share of evidence tokens that decode to valid syllables
  size_t evidence = 0;     // evidence tokens scored
  size_t changed = 0;      // tokens this reading decodes to something else
};

// Tokens (split on ASCII whitespace) that carry evidence: for bytes, tokens
// with bytes >= 0x80 or VISCII's control-position letters; for Unicode text,
// tokens with such characters; for VIQR candidates, tokens with VIQR marks.
std::vector<std::string_view> EvidenceTokens(std::string_view text, bool viqr, size_t max_tokens);

// Scores each reading on the tokens. Results are in the order given.
std::vector<ReadingScore> ScoreReadings(const std::vector<Reading>& readings,
                                        const std::vector<std::string_view>& tokens);

// Confidence of choosing `best` over `second` from `evidence` tokens, 0..1:
// best share x min(1, margin / 0.3) x n / (n + 1).
float DecisionConfidence(double best, double second, size_t evidence);

// TCVN3 capitals from context: TCVN3's normal fonts have no toned capitals,
// so a decoded word whose other letters are capitals but whose toned vowels
// are lower case was drawn with an upper-case (H) font. Returns the word in
// capitals, or the word unchanged. `line_all_caps`: the rest of the line is
// in capitals (then words of only lower-case toned letters are raised too).
std::string Tcvn3CapitalsFromContext(const std::string& word, bool line_all_caps, bool* changed);
// Score of one run of letters: 0 for a non-syllable (0.4 for capitals up to
// 8 letters, an abbreviation), 0.6 for a well-formed syllable, 0.8 if
// Hunspell lists it, up to 1 with its frequency; halved for an inner capital.
double PieceScore(const std::string& piece);
// True if the word's letters are all capitals (and it has at least one letter).
bool IsAllCaps(std::string_view word);

}  // namespace sohoa::normalize_internal

#endif  // SOHOA_NORMALIZE_DETECT_H_
