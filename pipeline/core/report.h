// Report metadata read from a document's heading: who issued it, its number,
// date, kind and the period it covers. Unknown fields stay empty and
// `period_determined` says whether the period could be read.
#ifndef SOHOA_CORE_REPORT_H_
#define SOHOA_CORE_REPORT_H_

#include <string>

namespace sohoa {

struct ReportMeta {
  std::string body;         // "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
  std::string parent_body;  // "VĂN PHÒNG UBND TỈNH SÓC TRĂNG"
  std::string province;     // "Sóc Trăng" (canonical, dictionaries/meta/provinces.tsv)
  // The issuer's identity, the same however the heading was laid out:
  // canonical body name and province ("Trung tâm Phục vụ hành chính công
  // tỉnh Sóc Trăng"); "" when no body was read.
  std::string issuer;
  std::string number;       // "2707/UBND-TTHC"
  std::string date;         // ISO "2023-10-04"; partial dates as "2020-06"
  std::string kind;         // "bao_cao", "cong_van", ...
  std::string period_kind;  // "month", "quarter", "half_year", "nine_months", "year", ""
  int period_year = 0;
  int period_index = 0;     // month 1-12, quarter 1-4, half 1-2
  std::string period_from;  // ISO dates when stated or known by convention
  std::string period_to;
  bool period_determined = false;
  std::string period_note;  // how the period was determined, or why not
};

}  // namespace sohoa

#endif  // SOHOA_CORE_REPORT_H_
