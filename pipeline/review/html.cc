#include "pipeline/review/html.h"

#include "pipeline/core/utf8.h"

namespace sohoa::review {

namespace {

std::string Escape(std::string_view raw, bool attribute) {
  const std::string s = ToValidUtf8(raw);
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '`': out += "&#96;"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) out += "\uFFFD";
        else out.push_back(ch);
    }
  }
  return out;
}

bool SafeUrlChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

}  // namespace

std::string HtmlText(std::string_view s) { return Escape(s, false); }
std::string HtmlAttr(std::string_view s) { return Escape(s, true); }

std::string SiteUrl(std::string_view s) {
  if (s.empty() || s.find("..") != std::string_view::npos || s[0] == '.') return "#";
  const size_t hash = s.find('#');
  for (size_t i = 0; i < s.size(); ++i)
    if (!SafeUrlChar(s[i]) && i != hash) return "#";
  return std::string(s);
}

}  // namespace sohoa::review
