#include "pipeline/core/document.h"

namespace sohoa {

const char* WordSourceName(WordSource source) {
  switch (source) {
    case WordSource::kPlainText: return "text";
    case WordSource::kTextLayer: return "text_layer";
    case WordSource::kOcr: return "ocr";
  }
  return "text";
}

const char* BoxUnitName(BoxUnit unit) {
  switch (unit) {
    case BoxUnit::kNone: return "none";
    case BoxUnit::kPdfPoints: return "pt";
    case BoxUnit::kPixels: return "px";
  }
  return "none";
}

void Word::Repair(const std::string& new_text) {
  if (new_text == text) return;
  if (original.empty()) original = text;
  text = new_text;
}

std::string Line::Text() const {
  std::string out = leading;
  for (size_t i = 0; i < words.size(); ++i) {
    out += words[i].text;
    // Whitespace is kept as it came (tabs separate table cells); words
    // built without it are separated by one space.
    if (!words[i].trailing.empty()) out += words[i].trailing;
    else if (i + 1 < words.size()) out += ' ';
  }
  return out;
}

std::string Page::Text() const {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) out += '\n';
    out += lines[i].Text();
  }
  return out;
}

void Document::AddNote(std::string stage, std::string level, std::string message,
                       int page, int64_t byte_offset) {
  notes.push_back(Note{std::move(stage), std::move(level), std::move(message), page,
                       byte_offset});
}

std::string Document::Text() const {
  std::string out;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (i) out += '\f';
    out += pages[i].Text();
  }
  return out;
}

size_t Document::WordCount() const {
  size_t n = 0;
  for (const Page& p : pages)
    for (const Line& l : p.lines) n += l.words.size();
  return n;
}

namespace {
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v'; }
}  // namespace

Page PageFromText(const std::string& utf8, int page_number, WordSource source) {
  Page page;
  page.number = page_number;
  page.source = source;
  page.unit = BoxUnit::kNone;
  size_t pos = 0;
  int line_no = 0;
  while (pos <= utf8.size()) {
    size_t end = utf8.find('\n', pos);
    if (end == std::string::npos) end = utf8.size();
    // A CR that ends the line belongs to the line ending, not to the text.
    size_t content_end = (end > pos && utf8[end - 1] == '\r') ? end - 1 : end;
    Line line;
    line.source_line = ++line_no;
    size_t i = pos;
    while (i < content_end && IsSpace(utf8[i])) line.leading += utf8[i++];
    while (i < content_end) {
      Word w;
      w.source = source;
      size_t s = i;
      while (i < content_end && !IsSpace(utf8[i])) ++i;
      w.text = utf8.substr(s, i - s);
      size_t t = i;
      while (i < content_end && IsSpace(utf8[i])) ++i;
      w.trailing = utf8.substr(t, i - t);
      line.words.push_back(std::move(w));
    }
    page.lines.push_back(std::move(line));
    if (end == utf8.size()) break;
    pos = end + 1;
  }
  return page;
}

std::vector<Page> PagesFromText(const std::string& utf8, WordSource source) {
  std::vector<Page> pages;
  size_t pos = 0;
  int n = 0;
  while (true) {
    size_t end = utf8.find('\f', pos);
    if (end == std::string::npos) end = utf8.size();
    pages.push_back(PageFromText(utf8.substr(pos, end - pos), ++n, source));
    if (end == utf8.size()) break;
    pos = end + 1;
  }
  return pages;
}

void RefreshGridCellTexts(Page* page) {
  for (Grid& grid : page->grids) {
    if (grid.first_line < 0 || grid.first_line + grid.rows > static_cast<int>(page->lines.size()))
      continue;
    std::vector<std::vector<std::string>> fields(grid.rows);
    bool fits = true;
    for (int r = 0; r < grid.rows && fits; ++r) {
      const std::string text = page->lines[grid.first_line + r].Text();
      size_t pos = 0;
      while (true) {
        size_t tab = text.find('\t', pos);
        std::string f = text.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos);
        size_t b = f.find_first_not_of(' ');
        size_t e = f.find_last_not_of(' ');
        fields[r].push_back(b == std::string::npos ? "" : f.substr(b, e - b + 1));
        if (tab == std::string::npos) break;
        pos = tab + 1;
      }
      fits = static_cast<int>(fields[r].size()) == grid.cols;
    }
    if (!fits) continue;
    for (GridCell& cell : grid.cells)
      if (cell.row < grid.rows && cell.col < grid.cols) cell.text = fields[cell.row][cell.col];
  }
}

}  // namespace sohoa
