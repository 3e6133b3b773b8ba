// Reading the archive document by document, for the review site.
#include "pipeline/store/store.h"

namespace sohoa {

Status SqlArchive::ListDocuments(std::vector<DocumentSummary>* out) {
  out->clear();
  SqlStatement st;
  Status s = db_->Prepare(
      "SELECT d.id, d.path, d.content_hash, d.status, d.error_code, d.error, d.format, d.pages, "
      "coalesce(r.period_kind, ''), coalesce(r.period_year, 0), coalesce(r.period_index, 0), "
      "coalesce(r.period_determined, 0), coalesce(r.issuer, ''), coalesce(r.body, ''), "
      "coalesce(r.number, ''), coalesce(r.date, ''), "
      "(SELECT count(*) FROM doc_tables t WHERE t.document_id = d.id) "
      "FROM documents d LEFT JOIN reports r ON r.document_id = d.id ORDER BY d.path, d.id",
      &st);
  if (!s.ok()) return s;
  bool row = false;
  while ((s = st.Step(&row)).ok() && row) {
    DocumentSummary d;
    d.id = st.Int(0);
    d.path = st.Text(1), d.content_hash = st.Text(2), d.status = st.Text(3);
    d.error_code = st.Text(4), d.error = st.Text(5), d.format = st.Text(6);
    d.pages = static_cast<int>(st.Int(7));
    if (st.Int(11) != 0)
      d.period = PeriodLabel(st.Text(8), static_cast<int>(st.Int(9)), static_cast<int>(st.Int(10)));
    d.issuer = st.Text(12).empty() ? st.Text(13) : st.Text(12);
    d.number = st.Text(14), d.date = st.Text(15);
    d.tables = static_cast<int>(st.Int(16));
    out->push_back(std::move(d));
  }
  return s;
}

Status SqlArchive::LoadDocument(int64_t doc_id, StoredReport* report,
                                   std::vector<PageText>* pages) {
  Status s = LoadReport(doc_id, report);
  if (!s.ok() || pages == nullptr) return s;
  pages->clear();
  SqlStatement ps;
  if (s = db_->Prepare("SELECT number, source, text, box_unit, width, height, dpi, rotation FROM pages "
                       "WHERE document_id = ? ORDER BY number",
                       &ps);
      !s.ok())
    return s;
  ps.Bind(1, doc_id);
  bool row = false;
  while ((s = ps.Step(&row)).ok() && row) {
    PageText p;
    p.number = static_cast<int>(ps.Int(0));
    p.source = ps.Text(1), p.text = ps.Text(2), p.box_unit = ps.Text(3);
    p.width = ps.Double(4), p.height = ps.Double(5);
    p.dpi = static_cast<int>(ps.Int(6)), p.rotation = static_cast<int>(ps.Int(7));
    pages->push_back(std::move(p));
  }
  return s;
}

}  // namespace sohoa
