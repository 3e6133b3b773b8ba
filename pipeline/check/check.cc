#include "pipeline/check/check.h"

#include "pipeline/check/comparison.h"
#include "pipeline/check/narrative.h"
#include "pipeline/check/ocr_distance.h"
#include "pipeline/check/schema.h"
#include "pipeline/check/table_check.h"

namespace sohoa {

bool TableReadByOcr(const Document& doc, const Table& table) {
  if (table.box_unit == BoxUnit::kPixels) return true;
  for (const Page& p : doc.pages)
    if (p.number == table.page) return p.source == WordSource::kOcr;
  return false;
}

Status CheckDocument(const Document& doc, const ReportMeta& meta, const std::vector<Table>& tables,
                     Archive* archive, const CheckOptions& options,
                     std::vector<Finding>* findings) {
  CheckSchemas schemas;
  if (Status s = CheckSchemas::Load(options.dictionaries_dir, &schemas); !s.ok()) return s;
  OcrDistance ocr;
  if (Status s = OcrDistance::Load(options.dictionaries_dir, &ocr); !s.ok()) return s;
  for (const Table& t : tables) {
    TableCheckOptions table_options;
    table_options.read_by_ocr = TableReadByOcr(doc, t);
    CheckTable(t, schemas, ocr, table_options, findings);
  }
  if (options.narrative) {
    NarrativeRules rules;
    if (Status s = NarrativeRules::Load(options.dictionaries_dir, &rules); !s.ok()) return s;
    CheckNarrative(doc, meta, tables, schemas, rules, findings);
  }
  if (archive != nullptr && options.carryover)
    return CheckAgainstArchive(doc, meta, tables, archive, options, findings);
  return Status::Ok();
}

Status CheckAgainstArchive(const Document& doc, const ReportMeta& meta,
                           const std::vector<Table>& tables, Archive* archive,
                           const CheckOptions& options, std::vector<Finding>* findings) {
  if (archive == nullptr) return Status::Ok();
  if (Status s = CheckCarryover(meta, tables, archive, findings); !s.ok()) return s;
  if (!options.narrative) return Status::Ok();
  CheckSchemas schemas;
  if (Status s = CheckSchemas::Load(options.dictionaries_dir, &schemas); !s.ok()) return s;
  ComparisonRules rules;
  if (Status s = ComparisonRules::Load(options.dictionaries_dir, &rules); !s.ok()) return s;
  return CheckComparisons(doc, meta, tables, archive, schemas, rules, findings);
}

}  // namespace sohoa
