#include "pipeline/review/site.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "pipeline/review/html.h"
#include "pipeline/store/export.h"

namespace sohoa::review {

const char kContentSecurityPolicy[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'";

namespace {

namespace fs = std::filesystem;

// Rows of a stored table: index >= 0, the total (-2) and percent (-3) rows
// as in Finding::row.
constexpr int kTotalRow = -2, kPercentRow = -3;
const char kMarkerFile[] = ".sohoa-review";

const char kCss[] = R"css(body { font: 14px/1.4 sans-serif; margin: 1em 2em; color: #222; }
nav { margin-bottom: 1em; } nav a { margin-right: 1em; }
table { border-collapse: collapse; margin: .5em 0 1.5em; }
th, td { border: 1px solid #bbb; padding: 2px 6px; vertical-align: top; }
th { background: #eee; } table.sortable th { cursor: pointer; }
td.num { text-align: right; white-space: nowrap; }
td.flag { outline: 3px solid #d00; outline-offset: -3px; background: #fff0f0; }
td.gap { background: #f4f4f4; color: #888; }
.sugg { display: block; color: #070; font-size: 90%; }
.error { color: #b00; } .warning { color: #a60; } .info { color: #555; }
.failed { color: #b00; }
pre { white-space: pre-wrap; background: #fafafa; border: 1px solid #ddd; padding: .5em; }
.path { color: #555; font-size: 90%; word-break: break-all; }
svg.spark { vertical-align: middle; } svg.spark polyline { fill: none; stroke: #36c; stroke-width: 1.5; }
svg.spark circle { fill: #d00; }
.pagepair { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; margin-bottom: 2em; }
.pagepair figure { margin: 0; flex: 1 1 480px; max-width: 820px; }
.pagepair .tables { flex: 1 1 420px; overflow-x: auto; }
svg.page { width: 100%; height: auto; border: 1px solid #999; background: #fff; }
svg.page rect.cell { fill: none; stroke: #36c; stroke-opacity: .6; stroke-width: 1px; vector-effect: non-scaling-stroke; }
svg.page rect.suspect { fill: #d00; fill-opacity: .18; stroke: #d00; stroke-width: 3px; vector-effect: non-scaling-stroke; }
.note { color: #a60; }
)css";

// No data inside: it reads the page. Sorting and filtering use textContent
// only (never innerHTML), so no document text is ever parsed as markup.
const char kJs[] = R"js('use strict';
document.documentElement.setAttribute('data-site-js', 'ran');
// Page images: each marked loaded or not (the browser tests read it). Load
// and error events do not bubble; caught here, on their way down, from the
// start, so none is missed.
['load', 'error'].forEach(function (type) {
  document.addEventListener(type, function (e) {
    var t = e.target;
    if (t && t.tagName === 'image' && t.closest && t.closest('svg.page'))
      t.setAttribute('data-loaded', type === 'load' ? 'yes' : 'no');
  }, true);
});
document.addEventListener('DOMContentLoaded', function () {
  // Images below the fold may wait to be loaded; decode() asks for them now.
  document.querySelectorAll('svg.page image').forEach(function (img) {
    if (typeof img.decode === 'function')
      img.decode().then(function () { img.setAttribute('data-loaded', 'yes'); },
                        function () { img.setAttribute('data-loaded', 'no'); });
  });
  var filter = document.getElementById('filter');
  if (filter) {
    filter.addEventListener('input', function () {
      var q = filter.value.toLowerCase();
      document.querySelectorAll('table.sortable tbody tr').forEach(function (tr) {
        tr.hidden = q !== '' && tr.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('thead th').forEach(function (th, col) {
      th.addEventListener('click', function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var dir = th.getAttribute('data-dir') === 'asc' ? -1 : 1;
        th.setAttribute('data-dir', dir === 1 ? 'asc' : 'desc');
        rows.sort(function (a, b) {
          var x = a.cells[col].textContent, y = b.cells[col].textContent;
          var nx = parseFloat(x), ny = parseFloat(y);
          if (!isNaN(nx) && !isNaN(ny)) return (nx - ny) * dir;
          return x.localeCompare(y, 'vi') * dir;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
});
)js";

std::string Head(const std::string& title) {
  return "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
         std::string(kContentSecurityPolicy) +  // our constant: no '"', '<' or '&'
         "\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>" + HtmlText(title) +
         "</title>\n<link rel=\"stylesheet\" href=\"site.css\">\n"
         "<script src=\"site.js\"></script>\n</head>\n<body>\n"
         "<nav><a href=\"index.html\">Documents</a><a href=\"series.html\">Series</a></nav>\n";
}

const char kFoot[] = "</body>\n</html>\n";

std::string Link(const std::string& href, const std::string& text) {
  return "<a href=\"" + HtmlAttr(SiteUrl(href)) + "\">" + HtmlText(text) + "</a>";
}

std::string DocPage(int64_t id) { return "doc-" + std::to_string(id) + ".html"; }

std::string BaseName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

Status WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
  f.close();
  if (!f) return Status::IoError(path.string() + ": cannot write");
  return Status::Ok();
}

struct Counts {
  int error = 0, warning = 0, info = 0;
  bool duplicate = false;
};

// Where a finding points in a table: (table id, row, column key).
using CellKey = std::tuple<std::string, int, std::string>;

std::optional<CellKey> FindingCell(const FindingRow& fr) {
  if (fr.cell) return CellKey{fr.cell->table, fr.cell->row, fr.cell->column};
  const Finding& f = fr.finding;
  if (f.suspect && !f.table.empty()) return CellKey{f.table, f.suspect->row, f.suspect->column};
  return std::nullopt;
}

// The site's own name for a cell ("cell-" and 16 hex digits, a hash of its
// key): never the document's text, so it is always a safe fragment.
std::string CellAnchor(const CellKey& k) {
  const std::string raw = std::get<0>(k) + "\x1f" + std::to_string(std::get<1>(k)) + "\x1f" +
                          std::get<2>(k);
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : raw) h = (h ^ c) * 1099511628211ull;
  char buf[24];
  std::snprintf(buf, sizeof buf, "cell-%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string SeverityText(const Finding& f) { return SeverityName(f.severity); }

std::string FindingsList(const std::vector<const FindingRow*>& findings) {
  if (findings.empty()) return "<p>No findings.</p>\n";
  std::string out = "<ol class=\"findings\">\n";
  for (const FindingRow* fr : findings) {
    const Finding& f = fr->finding;
    out += "<li class=\"" + SeverityText(f) + "\"><b>" + HtmlText(SeverityText(f)) + "</b> (" +
           HtmlText(FindingKindName(f.kind)) + ", page " + std::to_string(f.page) + ", line " +
           std::to_string(f.line) + "): " + HtmlText(f.message);
    const std::optional<double> suggested = f.suspect ? f.suspect->suggested : std::nullopt;
    if (fr->cell && fr->cell->value)
      out += " — <span>value read " + HtmlText(FormatValue(fr->cell->value)) + "</span>";
    if (suggested) out += ", <span>suggested " + HtmlText(FormatValue(suggested)) + "</span>";
    if (std::optional<CellKey> k = FindingCell(*fr))
      out += " " + Link("#" + CellAnchor(*k), "show the cell");
    if (!fr->related_document.empty())
      out += " <span>Other file: " + HtmlText(fr->related_document) + "</span>";
    out += "</li>\n";
  }
  return out + "</ol>\n";
}

struct Flag {
  std::vector<std::string> messages;
  std::optional<double> suggested;
};

std::string TableHtml(const Table& t, const std::map<CellKey, Flag>& flags, int* flagged) {
  std::string out = "<h3>" + HtmlText(t.id) + (t.title.empty() ? "" : ": " + HtmlText(t.title)) +
                    "</h3>\n<p>Page " + std::to_string(t.page) + ", line " +
                    std::to_string(t.line) + "</p>\n<table>\n<thead><tr><th>STT</th><th>Unit</th>";
  for (const Column& c : t.columns) {
    std::string header;
    for (const std::string& h : c.header) header += (header.empty() ? "" : " / ") + h;
    out += "<th title=\"" + HtmlAttr(c.key) + "\">" + HtmlText(header.empty() ? c.key : header) +
           "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  auto row = [&](const Row& r, int index, const std::string& label) {
    out += "<tr><td>" + HtmlText(r.stt) + "</td><td>" + HtmlText(label) + "</td>";
    for (size_t k = 0; k < t.columns.size(); ++k) {
      const Cell* c = k < r.cells.size() ? &r.cells[k] : nullptr;
      const std::string text = c ? c->text + c->footnote : "";
      const CellKey key{t.id, index, t.columns[k].key};
      auto it = flags.find(key);
      if (it == flags.end()) {
        out += "<td class=\"num\">" + HtmlText(text) + "</td>";
        continue;
      }
      ++*flagged;
      std::string messages;
      for (const std::string& m : it->second.messages) messages += (messages.empty() ? "" : "\n") + m;
      out += "<td class=\"num flag\" id=\"" + HtmlAttr(CellAnchor(key)) + "\" title=\"" +
             HtmlAttr(messages) + "\">" + HtmlText(text);
      if (it->second.suggested)
        out += "<span class=\"sugg\">\u2192 " + HtmlText(FormatValue(it->second.suggested)) +
               "</span>";
      out += "</td>";
    }
    out += "</tr>\n";
  };
  for (size_t i = 0; i < t.rows.size(); ++i) row(t.rows[i], static_cast<int>(i), t.rows[i].unit);
  if (t.total) row(*t.total, kTotalRow, t.total->unit.empty() ? "Tổng cộng" : t.total->unit);
  if (t.percent) row(*t.percent, kPercentRow, t.percent->unit.empty() ? "Tỷ lệ %" : t.percent->unit);
  return out + "</tbody>\n</table>\n";
}

// A line of the values in period order: missing values break it; findings
// are red dots.
std::string Sparkline(const std::vector<const SeriesRow*>& points) {
  double lo = 0, hi = 0;
  bool any = false;
  for (const SeriesRow* p : points)
    if (p->value) {
      lo = any ? std::min(lo, *p->value) : *p->value;
      hi = any ? std::max(hi, *p->value) : *p->value;
      any = true;
    }
  if (!any || points.size() < 2) return "";
  const double w = 120, h = 24, step = w / static_cast<double>(points.size() - 1);
  auto y = [&](double v) { return hi > lo ? h - 2 - (v - lo) / (hi - lo) * (h - 4) : h / 2; };
  std::string out = "<svg class=\"spark\" width=\"124\" height=\"24\" viewBox=\"-2 0 124 24\">";
  std::string line;
  char buf[64];
  auto flush = [&] {
    if (line.find(' ') != std::string::npos) out += "<polyline points=\"" + line + "\"/>";
    line.clear();
  };
  for (size_t i = 0; i < points.size(); ++i) {
    if (!points[i]->value) {
      flush();
      continue;
    }
    std::snprintf(buf, sizeof buf, "%s%.1f,%.1f", line.empty() ? "" : " ", i * step,
                  y(*points[i]->value));
    line += buf;
  }
  flush();
  for (size_t i = 0; i < points.size(); ++i)
    if (points[i]->value && points[i]->has_finding) {
      std::snprintf(buf, sizeof buf, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"/>", i * step,
                    y(*points[i]->value));
      out += buf;
    }
  return out + "</svg>";
}

class SiteWriter {
 public:
  SiteWriter(SqliteArchive* archive, fs::path dir, const SiteOptions& options, SiteCounts* counts)
      : archive_(archive), dir_(std::move(dir)), options_(options), counts_(counts) {}

  Status Write() {
    Status s = archive_->ListDocuments(&docs_);
    if (s.ok())
      s = archive_->Findings(FindingsQuery(), [&](FindingRow&& r) {
        by_doc_[r.document_id].push_back(std::move(r));
      });
    if (s.ok()) s = archive_->Series(SeriesQuery(), &series_);
    if (!s.ok()) return s;
    for (const DocumentSummary& d : docs_) doc_of_path_.emplace(d.path, d.id);
    if (s = WriteFile(dir_ / "site.css", kCss); !s.ok()) return s;
    if (s = WriteFile(dir_ / "site.js", kJs); !s.ok()) return s;
    if (s = WriteFile(dir_ / kMarkerFile, "a review site written by sohoa report\n"); !s.ok())
      return s;
    for (const DocumentSummary& d : docs_)
      if (s = WriteDocument(d); !s.ok()) return s;
    if (s = WriteSeries(); !s.ok()) return s;
    return WriteIndex();
  }

 private:
  Status WriteIndex() {
    std::string out = Head("sohoa review: documents");
    int ok = 0, failed = 0;
    for (const DocumentSummary& d : docs_) (d.status == "ok" ? ok : failed)++;
    out += "<h1>Documents</h1>\n<p>" + std::to_string(docs_.size()) + " files: " +
           std::to_string(ok) + " stored, " + std::to_string(failed) + " failed; " +
           std::to_string(counts_->findings) +
           " findings.</p>\n<p><label>Filter: <input id=\"filter\" type=\"search\"></label> "
           "(click a column heading to sort)</p>\n"
           "<table class=\"sortable\" id=\"documents\">\n<thead><tr><th>File</th><th>Period</th>"
           "<th>Issuer</th><th>Status</th><th>Tables</th><th>Errors</th><th>Warnings</th>"
           "<th>Info</th></tr></thead>\n<tbody>\n";
    for (const DocumentSummary& d : docs_) {
      const Counts& c = counts_by_doc_[d.id];
      std::string status;
      if (d.status != "ok") status = "<span class=\"failed\">failed (" + HtmlText(d.error_code) +
                                     "): " + HtmlText(d.error) + "</span>";
      else if (c.duplicate) status = "duplicate";
      else if (d.tables == 0) status = "stored, no tables read";
      else status = "stored";
      out += "<tr><td>" + Link(DocPage(d.id), BaseName(d.path)) + "<span class=\"path\"> " +
             HtmlText(d.path) + "</span></td><td>" + HtmlText(d.period) + "</td><td>" +
             HtmlText(d.issuer) + "</td><td>" + status + "</td><td class=\"num\">" +
             std::to_string(d.tables) + "</td><td class=\"num error\">" + std::to_string(c.error) +
             "</td><td class=\"num warning\">" + std::to_string(c.warning) +
             "</td><td class=\"num info\">" + std::to_string(c.info) + "</td></tr>\n";
    }
    out += "</tbody>\n</table>\n";
    out += kFoot;
    return WriteFile(dir_ / "index.html", out);
  }

  Status WriteDocument(const DocumentSummary& d) {
    ++counts_->documents;
    std::vector<const FindingRow*> findings;
    Counts& c = counts_by_doc_[d.id];
    std::map<CellKey, Flag> flags;
    for (const FindingRow& fr : by_doc_[d.id]) {
      findings.push_back(&fr);
      const Finding& f = fr.finding;
      (f.severity == Severity::kError ? c.error : f.severity == Severity::kWarning ? c.warning
                                                                                   : c.info)++;
      if (f.kind == FindingKind::kDuplicate) c.duplicate = true;
      if (std::optional<CellKey> k = FindingCell(fr)) {
        Flag& flag = flags[*k];
        flag.messages.push_back(SeverityText(f) + ": " + f.message);
        if (f.suspect && f.suspect->suggested) flag.suggested = f.suspect->suggested;
      }
    }
    counts_->findings += static_cast<int>(findings.size());
    std::string out = Head(BaseName(d.path));
    out += "<h1>" + HtmlText(BaseName(d.path)) + "</h1>\n<p class=\"path\">" + HtmlText(d.path) +
           "</p>\n<table>\n";
    auto fact = [&](const std::string& name, const std::string& value) {
      if (!value.empty())
        out += "<tr><th>" + HtmlText(name) + "</th><td>" + HtmlText(value) + "</td></tr>\n";
    };
    fact("Period", d.period);
    fact("Issuer", d.issuer);
    fact("Number", d.number);
    fact("Date", d.date);
    fact("Format", d.format);
    fact("Pages", std::to_string(d.pages));
    fact("SHA-256", d.content_hash);
    out += "</table>\n";
    if (d.status != "ok") {
      out += "<p class=\"failed\">Not stored: " + HtmlText(d.error) + " (" +
             HtmlText(d.error_code) + ")</p>\n";
      out += kFoot;
      return WriteFile(dir_ / DocPage(d.id), out);
    }
    StoredReport report;
    std::vector<PageText> pages;
    if (Status s = archive_->LoadDocument(d.id, &report, &pages); !s.ok()) return s;
    out += "<h2>Findings</h2>\n" + FindingsList(findings);
    std::vector<bool> placed(report.tables.size(), false);
    if (options_.page_images) {
      std::string shown;
      if (Status s = PagesHtml(d, report, pages, findings, flags, &placed, &shown); !s.ok())
        return s;
      out += shown;
    }
    const bool any_left = std::find(placed.begin(), placed.end(), false) != placed.end();
    if (any_left || report.tables.empty()) out += "<h2>Tables</h2>\n";
    if (report.tables.empty()) out += "<p>No appendix tables were read.</p>\n";
    for (size_t i = 0; i < report.tables.size(); ++i)
      if (!placed[i]) out += TableHtml(report.tables[i], flags, &counts_->flagged_cells);
    out += "<h2>Text</h2>\n";
    for (const PageText& p : pages)
      out += "<h3>Page " + std::to_string(p.number) + " (" + HtmlText(p.source) + ")</h3>\n<pre>" +
             HtmlText(p.text) + "</pre>\n";
    out += kFoot;
    return WriteFile(dir_ / DocPage(d.id), out);
  }

  // Each page that holds a table's cells or a finding: its image with the
  // cells drawn over it (in the page's own frame: the SVG's viewBox is the
  // page in its stored unit, so a rectangle's attributes are the stored
  // box), beside the tables that start on it. Marks those tables placed.
  Status PagesHtml(const DocumentSummary& d, const StoredReport& report,
                   const std::vector<PageText>& pages, const std::vector<const FindingRow*>& findings,
                   const std::map<CellKey, Flag>& flags, std::vector<bool>* placed,
                   std::string* out) {
    struct Drawn {
      Box box;
      std::string anchor;  // "" for a cell without a finding
    };
    std::map<int, std::vector<Drawn>> cells_on;
    std::set<int> wanted;
    for (const FindingRow* fr : findings)
      if (fr->finding.page > 0) wanted.insert(fr->finding.page);
    for (const Table& t : report.tables) {
      if (t.page > 0) wanted.insert(t.page);
      auto add = [&](const Row& r, int index) {
        for (size_t k = 0; k < r.cells.size() && k < t.columns.size(); ++k) {
          const Cell& c = r.cells[k];
          if (c.box.empty() || c.page <= 0) continue;
          const CellKey key{t.id, index, t.columns[k].key};
          wanted.insert(c.page);
          cells_on[c.page].push_back({c.box, flags.count(key) ? CellAnchor(key) : ""});
        }
      };
      for (size_t i = 0; i < t.rows.size(); ++i) add(t.rows[i], static_cast<int>(i));
      if (t.total) add(*t.total, kTotalRow);
      if (t.percent) add(*t.percent, kPercentRow);
    }
    if (wanted.empty()) return Status::Ok();
    DocumentImages images;
    const std::string prefix = "doc-" + std::to_string(d.id);
    if (Status s = WritePageImages(d.path, d.content_hash, {wanted.begin(), wanted.end()},
                                   dir_.string(), prefix, options_.images, &images);
        !s.ok())
      return s;
    std::map<int, const PageText*> page_of;
    for (const PageText& p : pages) page_of[p.number] = &p;
    std::string html = "<h2>Pages</h2>\n";
    if (!images.note.empty()) html += "<p class=\"note\">" + HtmlText(images.note) + "</p>\n";
    counts_->pages_without_image += static_cast<int>(wanted.size() - images.pages.size());
    char buf[160];
    for (const auto& [number, image] : images.pages) {
      ++counts_->page_images;
      html += "<div class=\"pagepair\" id=\"page-" + std::to_string(number) + "\">\n<figure>";
      const PageText* p = page_of.count(number) ? page_of[number] : nullptr;
      // The frame the boxes are in; the image fills it. A frame whose
      // shape is not the image's (a scan turned upright or a photo
      // flattened when it was read) would put the cells in the wrong place.
      double fw = p ? p->width : 0, fh = p ? p->height : 0;
      std::string why_not;
      if (!p || p->box_unit.empty()) {
        why_not = "the archive was written before page frames were stored: ingest the file "
                  "again to see its cells here";
      } else if (fw <= 0 || fh <= 0 || p->box_unit == "none") {
        why_not = "this page has no boxes";
      } else if (std::abs(fw / fh - static_cast<double>(image.width) / image.height) >
                 0.02 * fw / fh) {
        why_not = "the page was turned or flattened when it was read, so its cells are not "
                  "drawn on the image as it is";
      }
      if (!why_not.empty()) fw = image.width, fh = image.height;
      std::snprintf(buf, sizeof buf,
                    "<svg class=\"page\" viewBox=\"0 0 %g %g\" width=\"%d\" height=\"%d\">",
                    fw, fh, image.width, image.height);
      html += buf;
      std::snprintf(buf, sizeof buf,
                    "<image x=\"0\" y=\"0\" width=\"%g\" height=\"%g\" "
                    "preserveAspectRatio=\"none\" href=\"",
                    fw, fh);
      html += buf + HtmlAttr(SiteUrl(image.file)) + "\"/>\n";
      if (why_not.empty()) {
        std::vector<Drawn>& drawn = cells_on[number];
        // Suspect cells last, so that they are drawn on top.
        std::stable_partition(drawn.begin(), drawn.end(),
                              [](const Drawn& c) { return c.anchor.empty(); });
        for (const Drawn& c : drawn) {
          std::snprintf(buf, sizeof buf,
                        "<rect class=\"%s\" x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\"/>",
                        c.anchor.empty() ? "cell" : "suspect", c.box.x0, c.box.y0, c.box.width(),
                        c.box.height());
          if (c.anchor.empty()) html += buf;
          else html += "<a href=\"" + HtmlAttr(SiteUrl("#" + c.anchor)) + "\">" + buf + "</a>";
          html += "\n";
        }
      }
      html += "</svg>\n<figcaption>Page " + std::to_string(number);
      if (!why_not.empty()) html += " <span class=\"note\">(" + HtmlText(why_not) + ")</span>";
      html += "</figcaption></figure>\n<div class=\"tables\">\n";
      for (size_t i = 0; i < report.tables.size(); ++i)
        if (report.tables[i].page == number && !(*placed)[i]) {
          html += TableHtml(report.tables[i], flags, &counts_->flagged_cells);
          (*placed)[i] = true;
        }
      html += "</div>\n</div>\n";
    }
    *out = html;
    return Status::Ok();
  }

  Status WriteSeries() {
    // Issuer -> metric -> unit -> the rows in period order.
    std::map<std::string, std::vector<std::string>> metrics_of;
    std::map<std::string, std::map<std::string, std::map<std::string, std::vector<const SeriesRow*>>>>
        grid;
    std::map<std::string, std::set<std::string>> periods_of;
    for (const SeriesRow& r : series_) {
      const std::string metric = r.marker == "unmapped" ? "unmapped: " + r.metric : r.metric;
      auto& metrics = metrics_of[r.body];
      if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) metrics.push_back(metric);
      const std::string unit = r.unit_canonical.empty() ? r.unit : r.unit_canonical;
      grid[r.body][metric][unit].push_back(&r);
      periods_of[r.body].insert(r.period_kind + "\x1f" + r.period);
    }
    std::string index = Head("sohoa review: series");
    index += "<h1>Series</h1>\n";
    if (grid.empty()) index += "<p>No series: no report with a period and tables.</p>\n";
    index += "<ul>\n";
    int n = 0;
    for (const auto& [body, metrics] : grid) {
      const std::string page = "series-" + std::to_string(++n) + ".html";
      index += "<li>" + Link(page, body.empty() ? "(issuer not read)" : body) + " (" +
               std::to_string(metrics.size()) + " metrics)</li>\n";
      std::vector<std::string> periods;
      std::map<std::string, size_t> column;
      for (const std::string& p : periods_of[body]) {
        column[p] = periods.size();
        periods.push_back(p);
      }
      std::string out = Head(body.empty() ? "series" : body);
      out += "<h1>" + HtmlText(body) + "</h1>\n<p>Red outline: the cell has a finding (the "
             "suggested value below it); grey: no value (the marker says why).</p>\n";
      for (const std::string& metric : metrics_of[body]) {
        out += "<h2>" + HtmlText(metric) + "</h2>\n<table>\n<thead><tr><th>Unit</th><th>Line</th>";
        for (const std::string& p : periods) out += "<th>" + HtmlText(p.substr(p.find('\x1f') + 1)) + "</th>";
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& [unit, rows] : metrics.at(metric)) {
          std::vector<const SeriesRow*> cells(periods.size(), nullptr);
          for (const SeriesRow* r : rows) cells[column[r->period_kind + "\x1f" + r->period]] = r;
          std::vector<const SeriesRow*> present;
          for (const SeriesRow* r : cells)
            if (r) present.push_back(r);
          out += "<tr><td>" + HtmlText(unit) + "</td><td>" + Sparkline(present) + "</td>";
          for (const SeriesRow* r : cells) {
            if (!r) {
              out += "<td></td>";
            } else if (!r->value) {
              out += "<td class=\"gap\">" + HtmlText(r->marker) + "</td>";
            } else {
              const std::string value = FormatValue(r->value);
              auto doc = doc_of_path_.find(r->document);
              const std::string shown =
                  doc == doc_of_path_.end() ? HtmlText(value) : Link(DocPage(doc->second), value);
              if (r->has_finding)
                out += "<td class=\"num flag\">" + shown +
                       (r->suggested ? "<span class=\"sugg\">\u2192 " +
                                           HtmlText(FormatValue(r->suggested)) + "</span>"
                                     : "") +
                       "</td>";
              else
                out += "<td class=\"num\">" + shown + "</td>";
            }
          }
          out += "</tr>\n";
        }
        out += "</tbody>\n</table>\n";
      }
      out += kFoot;
      if (Status s = WriteFile(dir_ / page, out); !s.ok()) return s;
      ++counts_->series_pages;
    }
    index += "</ul>\n";
    index += kFoot;
    return WriteFile(dir_ / "series.html", index);
  }

  SqliteArchive* archive_;
  fs::path dir_;
  const SiteOptions& options_;
  SiteCounts* counts_;
  std::vector<DocumentSummary> docs_;
  std::map<int64_t, std::vector<FindingRow>> by_doc_;
  std::map<int64_t, Counts> counts_by_doc_;
  std::vector<SeriesRow> series_;
  std::map<std::string, int64_t> doc_of_path_;
};

}  // namespace

Status WriteSite(SqliteArchive* archive, const std::string& dir, const SiteOptions& options,
                 SiteCounts* counts) {
  *counts = SiteCounts();
  std::error_code ec;
  const fs::path final_dir = fs::path(dir).lexically_normal();
  const fs::path tmp = final_dir.string() + ".tmp." + std::to_string(::getpid());
  if (fs::exists(final_dir, ec) && !fs::is_empty(final_dir, ec) &&
      !fs::exists(final_dir / kMarkerFile, ec))
    return Status::InvalidArgument(dir + ": exists and is not a review site written by sohoa: "
                                   "refused (give a new or empty folder)");
  fs::remove_all(tmp, ec);
  if (!fs::create_directories(tmp, ec) || ec)
    return Status::IoError(dir + ": cannot create " + tmp.string() + ": " + ec.message());
  Status s = SiteWriter(archive, tmp, options, counts).Write();
  if (s.ok()) {
    const fs::path old = final_dir.string() + ".old." + std::to_string(::getpid());
    const bool had = fs::exists(final_dir, ec);
    if (had) fs::rename(final_dir, old, ec);
    if (!ec) fs::rename(tmp, final_dir, ec);
    if (ec) {
      s = Status::IoError(dir + ": cannot move the finished site into place: " + ec.message());
      if (had && !fs::exists(final_dir)) fs::rename(old, final_dir, ec);
    } else if (had) {
      fs::remove_all(old, ec);
    }
  }
  if (!s.ok()) fs::remove_all(tmp, ec);
  return s;
}

}  // namespace sohoa::review
