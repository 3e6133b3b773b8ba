#include "pipeline/meta/issuer.h"

#include "pipeline/core/files.h"
#include "pipeline/core/syllable.h"
#include "pipeline/core/text_util.h"

namespace sohoa::meta_internal {

namespace {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> Aliases(const std::vector<std::string>& f, size_t from) {
  std::vector<std::string> out;
  for (size_t i = from; i < f.size(); ++i)
    for (const std::string& a : SplitFields(f[i], ';'))
      if (!Trim(a).empty()) out.push_back(Trim(a));
  return out;
}

// The folded level words that may stand before a province name.
bool IsLevelWord(const std::string& w) { return w == "tinh" || w == "tp"; }

}  // namespace

std::string SqueezeKey(std::string_view text) {
  std::string folded = StripDiacritics(ToLowerVietnamese(text));
  std::string out;
  for (char c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

Status IssuerNames::Load(const std::string& dir) {
  Status s = ForEachTsvRow(dir + "/meta/provinces.tsv", [&](const std::vector<std::string>& f) {
    if (f.size() < 2 || Trim(f[0]).empty() || (Trim(f[1]) != "tỉnh" && Trim(f[1]) != "thành phố"))
      return std::string("expected name, level (tỉnh or thành phố), aliases");
    const size_t index = provinces_.size();
    provinces_.push_back({Trim(f[0]), Trim(f[1])});
    province_keys_.push_back({SqueezeKey(f[0]), index});
    for (const std::string& a : Aliases(f, 2)) province_keys_.push_back({SqueezeKey(a), index});
    return std::string();
  });
  if (!s.ok()) return s;
  return ForEachTsvRow(dir + "/meta/bodies.tsv", [&](const std::vector<std::string>& f) {
    if (f.empty() || Trim(f[0]).empty()) return std::string("expected name, aliases");
    bodies_.push_back({SqueezeKey(f[0]), Trim(f[0])});
    for (const std::string& a : Aliases(f, 1)) bodies_.push_back({SqueezeKey(a), Trim(f[0])});
    return std::string();
  });
}

const Province* IssuerNames::FindProvince(std::string_view text) const {
  std::string key = SqueezeKey(text);
  for (const char* level : {"thanhpho", "tinh", "tp"})
    if (key.rfind(level, 0) == 0) {
      std::string rest = key.substr(std::string_view(level).size());
      for (const auto& [k, i] : province_keys_)
        if (k == rest) return &provinces_[i];
    }
  for (const auto& [k, i] : province_keys_)
    if (k == key) return &provinces_[i];
  return nullptr;
}

const Province* IssuerNames::ProvinceIn(const std::vector<std::string>& words, bool anywhere,
                                        size_t* first, size_t* end) const {
  // Folded words, so "PHÚ YÊN" and "Phu Yen" compare equal.
  std::vector<std::string> folded;
  for (const std::string& w : words) folded.push_back(SqueezeKey(w));
  const size_t n = folded.size();
  for (size_t e = n; e >= 1; --e) {
    if (!anywhere && e != n) break;
    // Longest phrase ending at e that names a province (up to 4 words).
    for (size_t b = (e >= 4 ? e - 4 : 0); b < e; ++b) {
      std::string key;
      for (size_t i = b; i < e; ++i) key += folded[i];
      const Province* p = nullptr;
      for (const auto& [k, idx] : province_keys_)
        if (k == key) p = &provinces_[idx];
      if (!p) continue;
      // Only after a level word, or as the name's own words: "UBND PHÚ YÊN".
      size_t start = b;
      if (b >= 1 && IsLevelWord(folded[b - 1])) start = b - 1;
      else if (b >= 2 && folded[b - 2] == "thanh" && folded[b - 1] == "pho") start = b - 2;
      if (start == b && anywhere && e != n) continue;  // mid-line names need a level word
      *first = start;
      *end = e;
      return p;
    }
  }
  return nullptr;
}

std::string IssuerNames::CanonicalBody(std::string_view body) const {
  const std::string key = SqueezeKey(body);
  if (key.empty()) return "";
  for (const auto& [k, name] : bodies_)
    if (k == key) return name;
  return CapitalizeFirst(ToLowerVietnamese(Trim(body)));
}

}  // namespace sohoa::meta_internal
