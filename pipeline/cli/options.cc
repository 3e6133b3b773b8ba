#include "pipeline/cli/options.h"

#include <cstdlib>
#include <thread>

namespace sohoa::cli {

std::vector<FlagSpec> ExtractionFlags() {
  return {
      {"ocr", "MODE", "auto",
       "auto: OCR pages whose text layer is empty or garbage; always; never"},
      {"ocr-threshold", "SHARE", "0.5",
       "a text layer is garbage below this share of valid Vietnamese tokens (0..1)"},
      {"lang", "LANGS", "vie", "Tesseract language(s) for OCR, e.g. vie+eng"},
      {"dpi", "N", "300", "resolution PDF pages are rendered at for OCR"},
      {"jobs", "N", "cores", "pages processed in parallel"},
      {"page-timeout", "SECONDS", "120", "time limit for OCR of one page"},
      {"max-pages", "N", "2000",
       "refuse a PDF or multi-page image with more pages than this (exit 8) instead of "
       "spending hours on it"},
      {"from", "ENCODING", "auto",
       "input encoding: auto, utf8, utf16, cp1258, tcvn3, vni, viscii, viqr"},
      {"tone-style", "STYLE", "keep", "tone mark placement: keep, old (hòa), new (hoà)"},
      {"restore", "MODE", "auto", "diacritic restoration: auto, off"},
      {"isolate", "MODE", "on",
       "on: read each PDF/image in a worker process (memory and CPU limits), so a crash in "
       "Poppler or Tesseract fails only that file; off: in this process"},
  };
}

Status ReadExtractionFlags(const Flags& flags, PipelineOptions* o) {
  std::string ocr = flags.Get("ocr");
  if (ocr == "auto") o->ingest.ocr = OcrMode::kAuto;
  else if (ocr == "always") o->ingest.ocr = OcrMode::kAlways;
  else if (ocr == "never") o->ingest.ocr = OcrMode::kNever;
  else return Status::InvalidArgument("--ocr must be auto, always or never, not '" + ocr + "'");
  std::string t = flags.Get("ocr-threshold");
  char* end = nullptr;
  double th = std::strtod(t.c_str(), &end);
  if (end == t.c_str() || *end || th < 0 || th > 1)
    return Status::InvalidArgument("--ocr-threshold must be a number from 0 to 1");
  o->ingest.garbage_threshold = th;
  o->ingest.ocr_language = flags.Get("lang");
  o->ingest.dpi = flags.GetInt("dpi", -1);
  if (o->ingest.dpi < 50 || o->ingest.dpi > 1200)
    return Status::InvalidArgument("--dpi must be between 50 and 1200");
  std::string jobs = flags.Get("jobs");
  if (jobs == "cores") {
    o->ingest.jobs = static_cast<int>(std::thread::hardware_concurrency());
  } else {
    o->ingest.jobs = flags.GetInt("jobs", -1);
    if (o->ingest.jobs < 1) return Status::InvalidArgument("--jobs must be a positive number");
  }
  if (o->ingest.jobs < 1) o->ingest.jobs = 1;
  o->ingest.page_timeout_seconds = flags.GetInt("page-timeout", -1);
  if (o->ingest.page_timeout_seconds < 1)
    return Status::InvalidArgument("--page-timeout must be a positive number of seconds");
  o->ingest.max_pages = flags.GetInt("max-pages", -1);
  if (o->ingest.max_pages < 1) return Status::InvalidArgument("--max-pages must be a positive number");
  std::string from = flags.Get("from");
  static const char* kEncodings[] = {"auto", "utf8", "utf16", "cp1258", "tcvn3",
                                     "vni", "viscii", "viqr"};
  bool known = false;
  for (const char* e : kEncodings) known = known || from == e;
  if (!known) return Status::InvalidArgument("--from: unknown encoding '" + from + "'");
  o->normalize.from = from;
  std::string tone = flags.Get("tone-style");
  if (tone == "keep") o->normalize.tone_style = ToneStyle::kKeep;
  else if (tone == "old") o->normalize.tone_style = ToneStyle::kOld;
  else if (tone == "new") o->normalize.tone_style = ToneStyle::kNew;
  else return Status::InvalidArgument("--tone-style must be keep, old or new");
  std::string isolate = flags.Get("isolate");
  if (isolate == "on") o->ingest.isolate = true;
  else if (isolate == "off") o->ingest.isolate = false;
  else return Status::InvalidArgument("--isolate must be on or off, not '" + isolate + "'");
  std::string restore = flags.Get("restore");
  if (restore == "auto") o->restore = true;
  else if (restore == "off") o->restore = false;
  else return Status::InvalidArgument("--restore must be auto or off");
  return Status::Ok();
}

Status OpenRestorer(const Flags& flags, std::unique_ptr<Restorer>* restorer) {
  RestoreOptions ro;
  // Restored syllables take the placement asked for, like the marked words
  // normalize converts; "keep" follows the document's own marked words.
  std::string tone = flags.Get("tone-style");
  if (tone == "old") ro.tone_style = ToneMarkStyle::kOld;
  else if (tone == "new") ro.tone_style = ToneMarkStyle::kNew;
  return Restorer::Open(ro, restorer);
}

}  // namespace sohoa::cli
