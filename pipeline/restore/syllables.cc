#include "pipeline/restore/syllables.h"

#include "pipeline/core/syllable.h"
#include "pipeline/core/utf8.h"
#include "pipeline/restore/orthography.h"

namespace sohoa::restore {

const SyllableSet& SyllableSet::Get() {
  static const SyllableSet* set = new SyllableSet();
  return *set;
}

SyllableSet::SyllableSet() {
  text_ = {"<unk>", "<s>", "</s>", "<num>"};
  // The syllables in id order, one per line with their stripped form after
  // a tab: generated at build time by EnumerateSyllables (orthography.h),
  // which costs ~50 ms of CPU; reading the table costs a few.
  static constexpr char kTable[] =
#include "pipeline/restore/syllable_table.inc"
      ;
  const std::string_view table(kTable, sizeof(kTable) - 1);
  size_t n = 0;
  for (char c : table) n += c == '\n';
  text_.reserve(text_.size() + n);
  ids_.reserve(n);
  by_stripped_.reserve(n / 4);
  uint64_t h = 1469598103934665603ull;
  for (size_t pos = 0; pos < table.size();) {
    const size_t eol = table.find('\n', pos);
    const std::string_view entry = table.substr(pos, eol - pos);
    pos = eol + 1;
    const size_t tab = entry.find('\t');
    const std::string_view s = entry.substr(0, tab), stripped = entry.substr(tab + 1);
    const uint32_t id = static_cast<uint32_t>(text_.size());
    text_.emplace_back(s);
    ids_.emplace(text_.back(), id);
    by_stripped_[std::string(stripped)].push_back(id);
    for (char ch : s) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
  }
  fingerprint_ = h;
}

std::string SyllableSet::Canonical(std::string_view word) const {
  SyllableParts parts;
  if (!ParseSyllable(word, &parts)) return "";
  std::string s = ComposeSyllable(parts.onset, parts.rhyme, static_cast<int>(parts.tone));
  return ids_.count(s) ? s : "";
}

uint32_t SyllableSet::Id(std::string_view word) const {
  // Fast path: already lower-case canonical.
  auto it = ids_.find(std::string(word));
  if (it != ids_.end()) return it->second;
  std::string c = Canonical(ToLowerVietnamese(word));
  if (c.empty()) return kUnk;
  it = ids_.find(c);
  return it == ids_.end() ? kUnk : it->second;
}

const std::vector<uint32_t>* SyllableSet::ByStripped(std::string_view stripped) const {
  auto it = by_stripped_.find(std::string(stripped));
  return it == by_stripped_.end() ? nullptr : &it->second;
}

}  // namespace sohoa::restore
