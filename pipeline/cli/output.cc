#include "pipeline/cli/output.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <unistd.h>

namespace sohoa::cli {

void WriteDocumentJson(const Document& doc, JsonWriter* j) {
  j->BeginObject();
  j->Key("path").String(doc.path);
  j->Key("format").String(doc.format);
  j->Key("size_bytes").Int(static_cast<long long>(doc.size_bytes));
  j->Key("sha256").String(doc.content_hash);
  j->Key("encoding").String(doc.encoding);
  j->Key("encoding_confidence").Number(doc.encoding_confidence);
  j->Key("pages").BeginArray();
  for (const Page& p : doc.pages) {
    j->BeginObject();
    j->Key("number").Int(p.number);
    j->Key("width").Number(p.width);
    j->Key("height").Number(p.height);
    j->Key("unit").String(BoxUnitName(p.unit));
    if (p.unit == BoxUnit::kPixels) j->Key("dpi").Int(p.dpi);
    j->Key("rotation").Int(p.rotation);
    j->Key("source").String(WordSourceName(p.source));
    if (!p.ocr_reason.empty()) j->Key("ocr_reason").String(p.ocr_reason);
    j->Key("words").BeginArray();
    for (size_t li = 0; li < p.lines.size(); ++li) {
      const Line& l = p.lines[li];
      for (const Word& w : l.words) {
        j->BeginObject();
        j->Key("text").String(w.text);
        if (!w.original.empty()) j->Key("original").String(w.original);
        j->Key("line").Int(static_cast<long long>(li + 1));
        if (p.unit != BoxUnit::kNone) {
          j->Key("box").BeginArray().Number(w.box.x0).Number(w.box.y0).Number(w.box.x1)
              .Number(w.box.y1).EndArray();
        }
        j->Key("confidence").Number(w.confidence);
        j->Key("source").String(WordSourceName(w.source));
        if (!w.font.empty()) j->Key("font").String(w.font);
        if (!w.encoding.empty()) {
          j->Key("encoding").String(w.encoding);
          j->Key("encoding_confidence").Number(w.encoding_confidence);
        }
        if (!w.original.empty() || !w.alternatives.empty()) {
          j->Key("repair_confidence").Number(w.repair_confidence);
          j->Key("alternatives").BeginArray();
          for (const std::string& a : w.alternatives) j->String(a);
          j->EndArray();
        }
        j->EndObject();
      }
    }
    j->EndArray();
    j->EndObject();
  }
  j->EndArray();
  j->Key("notes").BeginArray();
  for (const Note& n : doc.notes) {
    j->BeginObject();
    j->Key("stage").String(n.stage);
    j->Key("level").String(n.level);
    j->Key("message").String(n.message);
    if (n.page) j->Key("page").Int(n.page);
    if (n.byte_offset >= 0) j->Key("byte_offset").Int(n.byte_offset);
    j->EndObject();
  }
  j->EndArray();
  j->EndObject();
}

namespace {
void WriteBox(const Box& b, JsonWriter* j) {
  j->BeginArray().Number(b.x0).Number(b.y0).Number(b.x1).Number(b.y1).EndArray();
}

// "values", and with boxes "cells": where each cell is on its page.
void WriteRowValues(const Row& row, JsonWriter* j) {
  j->Key("values").BeginArray();
  bool boxes = false;
  for (const Cell& c : row.cells) {
    j->OptionalNumber(c.value);
    boxes = boxes || !c.box.empty();
  }
  j->EndArray();
  if (!boxes) return;
  j->Key("cells").BeginArray();
  for (const Cell& c : row.cells) {
    if (c.box.empty()) {
      j->Null();
      continue;
    }
    j->BeginObject().Key("page").Int(c.page).Key("box");
    WriteBox(c.box, j);
    j->Key("confidence").Number(c.confidence).EndObject();
  }
  j->EndArray();
}
}  // namespace

void WriteTableJson(const Table& t, JsonWriter* j) {
  j->BeginObject();
  j->Key("id").String(t.id);
  j->Key("title").String(t.title);
  j->Key("schema").String(t.schema);
  j->Key("structure").String(t.structure);
  if (t.box_unit != BoxUnit::kNone) {
    j->Key("box_unit").String(BoxUnitName(t.box_unit));
    if (t.box_unit == BoxUnit::kPixels) j->Key("dpi").Int(t.box_dpi);
  }
  j->Key("page").Int(t.page);
  j->Key("line").Int(t.line);
  j->Key("period").BeginObject();
  if (t.period_from.empty()) j->Key("from").Null(); else j->Key("from").String(t.period_from);
  if (t.period_to.empty()) j->Key("to").Null(); else j->Key("to").String(t.period_to);
  j->EndObject();
  j->Key("columns").BeginArray();
  for (const Column& c : t.columns) {
    j->BeginObject();
    j->Key("header").BeginArray();
    for (const std::string& h : c.header) j->String(h);
    j->EndArray();
    j->Key("key").String(c.key);
    if (!c.mapped) j->Key("unmapped").Bool(true);  // the key is the header's own slug
    j->EndObject();
  }
  j->EndArray();
  j->Key("rows").BeginArray();
  for (const Row& r : t.rows) {
    j->BeginObject();
    j->Key("stt").String(r.stt);
    j->Key("unit").String(r.unit);
    j->Key("unit_canonical").String(r.unit_canonical);
    WriteRowValues(r, j);
    j->EndObject();
  }
  j->EndArray();
  for (const char* which : {"total", "percent"}) {
    const std::optional<Row>& r = std::string(which) == "total" ? t.total : t.percent;
    j->Key(which);
    if (!r) {
      j->Null();
      continue;
    }
    j->BeginObject();
    j->Key("label").String(r->unit);
    WriteRowValues(*r, j);
    j->EndObject();
  }
  j->EndObject();
}

void WriteFindingJson(const Finding& f, JsonWriter* j) { WriteFindingJson(f, j, ""); }

void WriteFindingJson(const Finding& f, JsonWriter* j, const std::string& file) {
  WriteFindingJson(f, j, file, "", {});
}

void WriteFindingJson(const Finding& f, JsonWriter* j, const std::string& file,
                      const std::string& period, const std::vector<Table>& tables) {
  j->BeginObject();
  if (!file.empty()) j->Key("file").String(file);
  CellPlace place;
  const bool located =
      !f.table.empty() && LocateCell(tables, f.table, f.suspect ? f.suspect->row : f.row,
                                     f.suspect ? f.suspect->column : f.column, &place);
  if (!file.empty() && !tables.empty()) {
    j->Key("document").String(file);
    j->Key("period").String(period);
  }
  if (located) {
    j->Key("unit").String(place.unit);
    j->Key("unit_canonical").String(place.unit_canonical);
    j->Key("cell").BeginObject();
    j->Key("table").String(place.table);
    j->Key("row").Int(place.row);
    j->Key("unit").String(place.unit);
    j->Key("unit_canonical").String(place.unit_canonical);
    j->Key("column").String(place.column);
    j->Key("header").String(place.header);
    j->Key("page").Int(place.page);
    j->Key("line").Int(place.line);
    j->Key("value").OptionalNumber(place.value);
    j->Key("suggested").OptionalNumber(f.suspect ? f.suspect->suggested : std::nullopt);
    j->EndObject();
  }
  j->Key("kind").String(FindingKindName(f.kind));
  j->Key("severity").String(SeverityName(f.severity));
  j->Key("table").String(f.table);
  j->Key("row").Int(f.row);
  j->Key("row_label").String(f.row_label);
  j->Key("column").String(f.column);
  j->Key("stated").OptionalNumber(f.stated);
  j->Key("expected").OptionalNumber(f.expected);
  j->Key("message").String(f.message);
  if (!f.box.empty()) {
    j->Key("box");
    WriteBox(f.box, j);
    j->Key("box_unit").String(BoxUnitName(f.box_unit));
    if (f.box_unit == BoxUnit::kPixels) j->Key("dpi").Int(f.box_dpi);
  }
  j->Key("inferred").Bool(f.inferred);
  j->Key("page").Int(f.page);
  j->Key("line").Int(f.line);
  if (!f.scopes.empty()) {
    j->Key("scopes").BeginArray();
    for (const FigureScopeNote& s : f.scopes) {
      j->BeginObject();
      j->Key("role").String(s.role);
      j->Key("period").String(s.period);
      j->Key("subject").String(s.subject);
      j->Key("words").String(s.words);
      j->EndObject();
    }
    j->EndArray();
  }
  j->Key("suspect");
  if (!f.suspect) {
    j->Null();
  } else {
    j->BeginObject();
    j->Key("row").Int(f.suspect->row);
    j->Key("column").String(f.suspect->column);
    j->Key("value").OptionalNumber(f.suspect->value);
    j->Key("suggested").OptionalNumber(f.suspect->suggested);
    j->Key("alternatives").BeginArray();
    for (double a : f.suspect->alternatives) j->Number(a);
    j->EndArray();
    j->EndObject();
  }
  j->EndObject();
}

std::string Printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

void PrintError(const Status& status) {
  // One line whatever the message holds: a file name with a newline or an
  // escape sequence cannot forge another line or move the cursor.
  std::fprintf(stderr, "sohoa: %s [%s, exit %d]\n", Printable(status.message()).c_str(),
               Status::CodeName(status.code()), ExitCodeFor(status));
}

void PrintWarnings(const Document& doc) {
  for (const Note& n : doc.notes) {
    if (n.level != "warning") continue;
    std::string where = doc.path;
    if (n.page) where += ": page " + std::to_string(n.page);
    if (n.byte_offset >= 0) where += ": byte " + std::to_string(n.byte_offset);
    std::fprintf(stderr, "sohoa: %s: warning: %s\n", where.c_str(), n.message.c_str());
  }
}

int CombineExitCodes(int a, int b) { return std::max(a, b); }

StreamedOutput::~StreamedOutput() {
  if (file_ && file_ != stdout) {
    std::fclose(file_);
    std::remove(tmp_.c_str());
  }
}

Status StreamedOutput::Open(const std::string& path) {
  path_ = path;
  if (path.empty() || path == "-") {
    file_ = stdout;
    return Status::Ok();
  }
  tmp_ = path + ".tmp." + std::to_string(::getpid());
  file_ = std::fopen(tmp_.c_str(), "wb");
  if (!file_) return Status::IoError(path + ": cannot create: " + std::strerror(errno));
  return Status::Ok();
}

void StreamedOutput::Flush(bool force) {
  if (!force && buffer_.size() < (64 << 10)) return;
  if (!failed_ && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
    failed_ = true;
  buffer_.clear();
}

Status StreamedOutput::Finish() {
  Flush(true);
  bool ok = !failed_ && std::fflush(file_) == 0;
  if (file_ == stdout) {
    if (!ok) return Status::IoError("stdout: write failed");
    return Status::Ok();
  }
  ok = ok && ::fsync(::fileno(file_)) == 0;
  const int e = errno;
  std::fclose(file_);
  file_ = nullptr;
  if (!ok) {
    std::remove(tmp_.c_str());
    return Status::IoError(path_ + ": write failed: " + std::strerror(e));
  }
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    const int re = errno;
    std::remove(tmp_.c_str());
    return Status::IoError(path_ + ": cannot rename into place: " + std::strerror(re));
  }
  return Status::Ok();
}

}  // namespace sohoa::cli
