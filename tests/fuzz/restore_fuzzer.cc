// Fuzzes the restoration tokenizer and decoder: arbitrary text through the
// OCR-mode decoder (the widest candidate lattice) and the stripped-mode one.
// The line count must be kept and the output must be valid UTF-8. Uses the
// model in SOHOA_MODEL_DIR (scripts/test.sh points it at build/model); with
// no model it exercises the damage detector only.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "pipeline/core/utf8.h"
#include "pipeline/restore/restore.h"

namespace {
std::unique_ptr<sohoa::Restorer> OpenOrAuto(sohoa::RestoreMode mode) {
  sohoa::RestoreOptions options;
  options.mode = mode;
  std::unique_ptr<sohoa::Restorer> r;
  if (!sohoa::Restorer::Open(options, &r).ok()) {
    options.mode = sohoa::RestoreMode::kAuto;
    if (!sohoa::Restorer::Open(options, &r).ok()) std::abort();
  }
  return r;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::unique_ptr<sohoa::Restorer> ocr = OpenOrAuto(sohoa::RestoreMode::kOcr);
  static const std::unique_ptr<sohoa::Restorer> stripped =
      OpenOrAuto(sohoa::RestoreMode::kStripped);
  std::string text = sohoa::ToValidUtf8(std::string(reinterpret_cast<const char*>(data), size));
  for (const sohoa::Restorer* r : {ocr.get(), stripped.get()}) {
    sohoa::Document doc;
    doc.path = "fuzz.txt";
    doc.pages = sohoa::PagesFromText(text, sohoa::WordSource::kPlainText);
    size_t lines = 0;
    for (const auto& p : doc.pages) lines += p.lines.size();
    if (!r->RestoreDocument(&doc).ok()) continue;
    size_t after = 0;
    for (const auto& p : doc.pages) after += p.lines.size();
    if (after != lines) std::abort();
    if (!sohoa::IsValidUtf8(doc.Text())) std::abort();
  }
  return 0;
}
