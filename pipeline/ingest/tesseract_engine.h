// TesseractEngine: the OcrEngine backed by the Tesseract C++ API (one thin
// wrapper: Tesseract's -1 results and null iterators become Status). The
// per-page time limit is Tesseract's own monitor deadline (ETEXT_DESC);
// exceeding it gives Status::Timeout.
// Not thread-safe: one instance per thread (TessBaseAPI is single-threaded).
// The first instance sets OMP_THREAD_LIMIT=1 so that parallelism comes from
// sohoa's page workers, not from OpenMP inside each engine.
#ifndef SOHOA_INGEST_TESSERACT_ENGINE_H_
#define SOHOA_INGEST_TESSERACT_ENGINE_H_

#include <memory>
#include <string>

#include "pipeline/core/ocr_engine.h"

namespace tesseract {
class TessBaseAPI;
class ETEXT_DESC;
}

namespace sohoa {

class TesseractEngine : public OcrEngine {
 public:
  TesseractEngine();
  ~TesseractEngine() override;
  TesseractEngine(const TesseractEngine&) = delete;  // owns a TessBaseAPI
  TesseractEngine& operator=(const TesseractEngine&) = delete;

  // Initialises Tesseract for options.language on first use (and again if
  // the language changes). Missing language data -> EngineFailure.
  Status Recognize(const Image& image, const OcrOptions& options,
                   std::vector<OcrWord>* words) override;
  // Tesseract's orientation and script detection (osd.traineddata) on the
  // page brought to at most kOsdDpi. Missing osd data -> EngineFailure.
  Status DetectOrientation(const Image& image, PageOrientation* out) override;
  static constexpr int kOsdDpi = 300;

 private:
  Status Init(const std::string& language);
  // Walks the last result at word level (the iterator dies before Clear()).
  void ReadWords(std::vector<OcrWord>* words);
  // Second pass over character-sized ink no recognised word covers (lone
  // digits the layout analysis dropped); found words join their lines.
  void RecoverLoneMarks(tesseract::ETEXT_DESC* monitor, std::vector<OcrWord>* words);
  static constexpr float kRecoveredMinConfidence = 0.6f;
  std::unique_ptr<tesseract::TessBaseAPI> api_;
  std::unique_ptr<tesseract::TessBaseAPI> osd_;  // "osd" language, made on first use
  std::string language_;
  std::string whitelist_;  // tessedit_char_whitelist as last set
  bool invert_ = true;     // tessedit_do_invert as last set
};

}  // namespace sohoa

#endif  // SOHOA_INGEST_TESSERACT_ENGINE_H_
