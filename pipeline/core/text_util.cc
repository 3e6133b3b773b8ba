#include "pipeline/core/text_util.h"

#include "pipeline/core/files.h"
#include "pipeline/core/syllable.h"

namespace sohoa {

std::vector<std::string> SplitFields(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  for (;;) {
    size_t j = s.find(sep, i);
    if (j == std::string_view::npos) {
      out.emplace_back(s.substr(i));
      return out;
    }
    out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
}

std::vector<std::string> SplitNonEmpty(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(sep, i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Status ForEachTsvRow(const std::string& path,
                     const std::function<std::string(const std::vector<std::string>&)>& row) {
  std::string bytes;
  Status s = ReadFileBytes(path, &bytes);
  if (!s.ok()) return s.code() == Status::Code::kNotFound ? Status::Ok() : s;
  Status result;
  ForEachDataLine(bytes, [&](std::string_view line, int n) {
    std::string error = row(SplitFields(line, '\t'));
    if (error.empty()) return true;
    result = Status::Corrupt(path + ":" + std::to_string(n) + ": " + error);
    return false;
  });
  return result;
}

std::string Lower(const std::string& s) {
  std::string out = ToLowerVietnamese(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string FoldName(const std::string& s) {
  std::string folded = StripDiacritics(ToLowerVietnamese(s)), out;
  for (char c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

}  // namespace sohoa
