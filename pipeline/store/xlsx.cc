#include "pipeline/store/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace sohoa {

namespace {

// A cell holds at most 32,767 characters (Excel's limit, enforced by
// libxlsxwriter); cut longer text at a UTF-8 boundary.
std::string CellText(const std::string& s) {
  constexpr size_t kMaxChars = 32767 - 1;  // room for the "…"
  size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (chars == kMaxChars) break;
    ++chars;
  }
  if (i == s.size()) return s;
  return s.substr(0, i) + "\u2026";
}

struct WorkbookCloser {
  void operator()(lxw_workbook* wb) const {
    if (wb) workbook_close(wb);
  }
};

// The one place libxlsxwriter's error codes become the project's Status.
class Sheet {
 public:
  Sheet(lxw_worksheet* ws, lxw_error* first_error) : ws_(ws), error_(first_error) {}
  void Text(lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f = nullptr) {
    if (s.empty() && !f) return;
    Check(worksheet_write_string(ws_, r, c, CellText(s).c_str(), f));
  }
  void Number(lxw_row_t r, lxw_col_t c, double v, lxw_format* f = nullptr) {
    Check(worksheet_write_number(ws_, r, c, v, f));
  }
  void Comment(lxw_row_t r, lxw_col_t c, const std::string& s) {
    Check(worksheet_write_comment(ws_, r, c, CellText(s).c_str()));
  }
  void Header(const std::vector<std::string>& names, lxw_format* bold) {
    for (size_t k = 0; k < names.size(); ++k) Text(0, static_cast<lxw_col_t>(k), names[k], bold);
    worksheet_freeze_panes(ws_, 1, 0);
  }
  void Filter(lxw_row_t last_row, lxw_col_t last_col) {
    Check(worksheet_autofilter(ws_, 0, 0, last_row, last_col));
  }

 private:
  void Check(lxw_error e) {
    if (e != LXW_NO_ERROR && *error_ == LXW_NO_ERROR) *error_ = e;
  }
  lxw_worksheet* ws_;
  lxw_error* error_;
};

}  // namespace

Status WriteXlsx(const std::string& path, const XlsxContent& content) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  // Created here first so that an unwritable place is our one-line error,
  // not libxlsxwriter's message on stderr at close.
  if (std::FILE* f = std::fopen(tmp.c_str(), "wb")) {
    std::fclose(f);
  } else {
    return Status::IoError(path + ": cannot create: " + std::strerror(errno));
  }
  lxw_error error = LXW_NO_ERROR;
  {
    std::unique_ptr<lxw_workbook, WorkbookCloser> wb(workbook_new(tmp.c_str()));
    if (!wb) {
      std::remove(tmp.c_str());
      return Status::IoError(path + ": cannot create the workbook");
    }
    lxw_format* bold = workbook_add_format(wb.get());
    format_set_bold(bold);
    lxw_format* flagged = workbook_add_format(wb.get());
    format_set_bg_color(flagged, 0xFFEB9C);
    lxw_format* error_row = workbook_add_format(wb.get());
    format_set_bg_color(error_row, 0xFFC7CE);
    if (content.series) {
      const WideSeries& wide = *content.series;
      Sheet sheet(workbook_add_worksheet(wb.get(), "series"), &error);
      const std::vector<std::string> header = WideSeriesHeader(wide);
      sheet.Header(header, bold);
      lxw_row_t r = 1;
      for (const WideSeries::Line& l : wide.lines) {
        lxw_col_t c = 0;
        for (const std::string* s : {&l.period, &l.period_kind, &l.body, &l.unit, &l.unit_canonical})
          sheet.Text(r, c++, *s);
        for (size_t k = 0; k < wide.metrics.size(); ++k, ++c) {
          lxw_format* f = l.flagged[k] ? flagged : nullptr;
          if (l.values[k]) sheet.Number(r, c, *l.values[k], f);
          else if (f) sheet.Text(r, c, "", f);
          if (l.flagged[k])
            sheet.Comment(r, c, l.suggested[k] ? "finding: suggested " + FormatValue(l.suggested[k])
                                               : std::string("finding (see the findings sheet)"));
        }
        for (const std::string* s : {&l.markers, &l.findings, &l.documents}) sheet.Text(r, c++, *s);
        ++r;
      }
      sheet.Filter(r - 1, static_cast<lxw_col_t>(header.size() - 1));
    }
    if (content.findings) {
      Sheet sheet(workbook_add_worksheet(wb.get(), "findings"), &error);
      const std::vector<std::string> header = FindingsHeader();
      sheet.Header(header, bold);
      lxw_row_t r = 1;
      for (const FindingRow& fr : *content.findings) {
        lxw_format* f = fr.finding.severity == Severity::kError     ? error_row
                        : fr.finding.severity == Severity::kWarning ? flagged
                                                                    : nullptr;
        lxw_col_t c = 0;
        for (const ExportField& field : FindingFields(fr)) {
          if (field.number) sheet.Number(r, c, *field.number, f);
          else sheet.Text(r, c, field.text, f);
          ++c;
        }
        ++r;
      }
      sheet.Filter(r - 1, static_cast<lxw_col_t>(header.size() - 1));
    }
    lxw_error closed = workbook_close(wb.release());
    if (error == LXW_NO_ERROR) error = closed;
  }
  if (error != LXW_NO_ERROR) {
    std::remove(tmp.c_str());
    return Status::IoError(path + ": cannot write the workbook: " + lxw_strerror(error));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int e = errno;
    std::remove(tmp.c_str());
    return Status::IoError(path + ": cannot create: " + std::strerror(e));
  }
  return Status::Ok();
}

}  // namespace sohoa
