// normalize: decodes legacy encodings and brings all text to clean NFC UTF-8.
//   in:  Document from ingest (words possibly in mojibake, or undecoded bytes);
//        or raw bytes (NormalizeBytes, for `sohoa normalize` and fuzzers)
//   out: the same Document, every word NFC UTF-8, decoded words carrying the
//        encoding they came from; notes say what was detected (per font span
//        in PDFs), with what confidence, and where text could not be decoded.
// Encodings: UTF-8, UTF-16 (LE/BE), CP1258 (ICU), TCVN3 (.VnTime and the
// upper-case .VnTimeH fonts), VNI-Windows, VISCII (tables in
// dictionaries/encodings/), VIQR (rules, RFC 1456); legacy text either as raw
// bytes or as mojibake (each byte shown as its CP1252/Latin-1 character).
// Also: clean-up (soft hyphens, zero-width characters, NBSP, stray control
// characters), tone placement (hòa/hoà) and the hard line breaks of PDF text
// layers (Line::continues / Line::hyphenated; lines are never merged).
// Thread-safe (tables are loaded once, immutable afterwards).
#ifndef SOHOA_NORMALIZE_NORMALIZE_H_
#define SOHOA_NORMALIZE_NORMALIZE_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"

namespace sohoa {

enum class ToneStyle { kKeep, kOld, kNew };  // keep the input's; hòa/thúy; hoà/thuý

struct NormalizeOptions {
  // auto, utf8, utf16, cp1258, tcvn3, vni, viscii, viqr. Default auto: decided
  // per document (bytes) or per font span (PDF words) from font names and the
  // share of valid Vietnamese syllables each reading gives.
  std::string from = "auto";
  // Default kKeep: the input's tone placement is kept.
  ToneStyle tone_style = ToneStyle::kKeep;
  // Default true: set Line::continues / Line::hyphenated on text-layer and
  // plain-text pages.
  bool mark_continuations = true;
};

// How one piece of text (the whole input, or one PDF font) was read.
struct EncodingCandidate {
  std::string encoding;   // "utf-8", "tcvn3", ...
  std::string shape;      // "unicode", "bytes", "mojibake"
  double valid_share = 0; // share of evidence tokens decoding to valid syllables
};

struct EncodingSpan {
  std::string font;       // PDF font name; empty for plain text / the whole input
  std::string encoding;   // decision: "utf-8", "utf-16le", "tcvn3", "vni", ...
  std::string shape;      // "unicode", "bytes", "mojibake"
  std::string reason;     // "font name", "syllables", "--from", "bom", "ascii", ...
  float confidence = 0;   // 0..1 (see docs/normalize.md)
  size_t evidence_tokens = 0;
  size_t words = 0;       // words in the span (documents only)
  size_t converted = 0;   // words whose text the decision changed
  std::vector<EncodingCandidate> candidates;  // scores of every reading tried
};

// A word of the output with other readings as good or nearly (letters that
// collapsed in UTF-16 without zero bytes): the restore stage chooses with
// its language model (Word::alternatives).
struct WordAlternatives {
  size_t word = 0;  // index among the whitespace-separated words of `text`
  std::string text;
  std::vector<std::string> alternatives;
};

struct NormalizeResult {
  std::string text;       // NFC UTF-8, cleaned
  std::string encoding;   // the decision for the whole input
  float confidence = 0;
  std::vector<EncodingSpan> spans;
  std::vector<Note> notes;  // warnings carry byte offsets into the input
  std::vector<WordAlternatives> alternatives;
};

// Decodes raw bytes (a whole file) with options.from (auto: detected), then
// cleans, NFC-normalises and applies the tone style. Undecodable bytes become
// U+FFFD with a warning note naming their byte offset. Never fails on bad
// input; fails only when an encoding table cannot be loaded.
Status NormalizeBytes(std::string_view bytes, const NormalizeOptions& options,
                      NormalizeResult* result);

// The stage: decodes Document::undecoded_bytes, or the words of text-layer /
// plain-text pages span by span (grouped by Word::font); OCR words are only
// cleaned. Sets Word::encoding/encoding_confidence (keeping Word::original),
// Document::encoding/encoding_confidence, and one note per decision.
Status NormalizeDocument(const NormalizeOptions& options, Document* doc);
// The same, also returning the decisions (for --json reports).
Status NormalizeDocument(const NormalizeOptions& options, Document* doc,
                         std::vector<EncodingSpan>* spans);

// Removes soft hyphens, zero-width characters (U+200B..U+200D, U+2060, U+FEFF)
// and control characters other than \t \n \f \r; NBSP becomes a space.
// `removed_controls` (may be null) counts the control characters removed.
std::string CleanText(std::string_view utf8, size_t* removed_controls = nullptr);
// Offset of the first byte CleanText would change, or utf8.size() (fast scan).
size_t FirstToClean(std::string_view utf8);

// Tone placement in the rhymes oa, oe, uy without a final consonant:
// kOld puts the tone on the first vowel (hòa, khỏe, thúy), kNew on the second
// (hoà, khoẻ, thuý); kKeep returns the text unchanged. Works on whole texts
// (each letter run is one candidate syllable; others are left alone).
std::string ApplyToneStyle(std::string_view utf8, ToneStyle style);
// The one canonical form stages compare in: the new placement (hoà, thuý).
std::string CanonicalTone(std::string_view utf8);

// Sets Line::continues / Line::hyphenated: a line continues when the next line
// starts with a lower-case letter and this one does not end a sentence,
// heading (all capitals) or list item; never for table-like lines (tabs, or
// two or more numbers).
void MarkContinuations(Page* page);
// The document's text with continued lines joined (a hyphenated break loses
// its hyphen); pages separated by form feeds. The model keeps every line.
std::string ReflowText(const Document& doc);

}  // namespace sohoa

#endif  // SOHOA_NORMALIZE_NORMALIZE_H_
