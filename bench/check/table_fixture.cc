#include "bench/check/table_fixture.h"

#include <sstream>

#include "pipeline/core/files.h"
#include "pipeline/core/numbers.h"

namespace sohoa {

Cell MakeCell(const std::string& text) {
  Cell c;
  c.text = text;
  std::string number = text;
  if (size_t caret = number.find('^'); caret != std::string::npos) {
    c.footnote = number.substr(caret + 1);
    number.resize(caret);
  }
  if (number == "-") c.dash = true;
  c.value = ParseVietnameseNumber(number);
  return c;
}

Status ParseTableFixture(const std::string& text, std::vector<Table>* tables) {
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::istringstream ls(line);
    for (std::string x; std::getline(ls, x, '\t');) f.push_back(x);
    if (!line.empty() && line.back() == '\t') f.push_back("");
    auto error = [&](const std::string& what) {
      return Status::Corrupt("table fixture line " + std::to_string(number) + ": " + what);
    };
    if (f[0] == "table") {
      if (f.size() < 3) return error("expected 'table ID SCHEMA'");
      Table t;
      t.id = f[1];
      t.schema = f[2];
      t.line = number;
      tables->push_back(t);
      continue;
    }
    if (tables->empty()) return error("no table yet");
    Table& t = tables->back();
    if (f[0] == "columns") {
      for (size_t i = 1; i < f.size(); ++i) t.columns.push_back(Column{{}, f[i]});
      continue;
    }
    if (f.size() < 4) return error("short row");
    Row r;
    r.stt = f[1];
    r.unit = f[2];
    r.line = std::atoi(f[3].c_str());
    r.page = 1;
    for (size_t i = 4; i < f.size(); ++i) {
      Cell c = MakeCell(f[i]);
      c.page = r.page;
      c.line = r.line;
      r.cells.push_back(c);
    }
    while (r.cells.size() < t.columns.size()) r.cells.push_back(MakeCell(""));
    if (f[0] == "row") t.rows.push_back(r);
    else if (f[0] == "total") t.total = r;
    else if (f[0] == "percent") t.percent = r;
    else return error("unknown line kind '" + f[0] + "'");
  }
  return Status::Ok();
}

Status LoadTableFixture(const std::string& path, std::vector<Table>* tables) {
  std::string text;
  if (Status s = ReadFileBytes(path, &text); !s.ok()) return s;
  return ParseTableFixture(text, tables);
}

}  // namespace sohoa
