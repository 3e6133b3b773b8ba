// The set of valid Vietnamese syllables, generated from the orthography
// (onsets x rhymes x six tones, kept when core's ParseSyllable accepts them),
// each with a dense 32-bit id, and an index from the stripped form ("nguoi")
// to every syllable that strips to it ({người, ngươi, ngưỡi, ...}).
// Syllables are lower case with the tone mark in the traditional place
// ("hòa", "thủy", "hoàn"); Canonical() maps either placement to it.
// Built once on first use from a table the build generates from the
// orthography (orthography.h); immutable and thread-safe afterwards.
#ifndef SOHOA_RESTORE_SYLLABLES_H_
#define SOHOA_RESTORE_SYLLABLES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sohoa::restore {

// Reserved ids of the language model's vocabulary; syllables follow.
enum : uint32_t { kUnk = 0, kBos = 1, kEos = 2, kNum = 3, kFirstSyllable = 4 };

class SyllableSet {
 public:
  static const SyllableSet& Get();

  // Number of ids (reserved + syllables).
  uint32_t size() const { return static_cast<uint32_t>(text_.size()); }
  // Lower-case canonical text of an id ("<unk>" ... for reserved ids).
  const std::string& Text(uint32_t id) const { return text_[id]; }
  // Id of a word in any case and either tone placement; kUnk if the word is
  // not a valid syllable.
  uint32_t Id(std::string_view word) const;
  // Ids of the syllables whose lower-case stripped form is `stripped`
  // ("duong" -> đường, dương, ...). Null when there are none.
  const std::vector<uint32_t>* ByStripped(std::string_view stripped) const;
  // Lower-case canonical form of a valid syllable; empty if invalid.
  std::string Canonical(std::string_view word) const;
  // FNV-1a hash of all syllable texts in id order (models record it).
  uint64_t Fingerprint() const { return fingerprint_; }

  SyllableSet(const SyllableSet&) = delete;
  SyllableSet& operator=(const SyllableSet&) = delete;

 private:
  SyllableSet();
  std::vector<std::string> text_;
  std::unordered_map<std::string, uint32_t> ids_;  // canonical lower -> id
  std::unordered_map<std::string, std::vector<uint32_t>> by_stripped_;
  uint64_t fingerprint_ = 0;
};

}  // namespace sohoa::restore

#endif  // SOHOA_RESTORE_SYLLABLES_H_
