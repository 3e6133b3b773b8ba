// sohoa text: extract clean text (or words as JSON) from any input.
#include <cstdio>
#include <memory>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/flags.h"
#include "pipeline/cli/options.h"
#include "pipeline/cli/output.h"
#include "pipeline/pipeline.h"

namespace sohoa::cli {

namespace {

CommandSpec TextSpec() {
  CommandSpec spec;
  spec.name = "text";
  spec.usage = "sohoa text [options] FILE...";
  spec.summary = "Extract clean UTF-8 text from PDFs, scans, images, text, HTML and Word files.";
  spec.description =
      "Each file goes through extraction (Poppler text layer, Tesseract OCR for scans\n"
      "and images, gumbo for HTML, the .docx reader for Word; .doc/.rtf/.odt are\n"
      "converted by LibreOffice first), encoding normalisation and diacritic\n"
      "restoration. HTML and Word tables come out as tab-separated rows. Text goes to\n"
      "stdout, pages separated by a form feed (\\f); errors and warnings go to\n"
      "stderr, one line each, naming the file. A failing file does not stop the others.";
  spec.flags = ExtractionFlags();
  spec.flags.push_back({"json", "", "", "print words with page, box, confidence and source as JSON"});
  spec.flags.push_back({"reflow", "", "",
                        "join the hard line breaks of paragraphs (PDF text layers); table lines "
                        "are kept as they are"});
  spec.examples =
      "  sohoa text report.pdf > report.txt\n"
      "  sohoa text --ocr=always --jobs 2 scan.pdf\n"
      "  sohoa text --isolate=off clean.pdf    # skip the worker process\n"
      "  sohoa text --reflow report.pdf        # paragraphs on one line each\n"
      "  sohoa text --json page.png | jq '.documents[0].pages[0].words[0]'\n";
  return spec;
}

}  // namespace

int RunText(const Args& args) {
  static const CommandSpec spec = TextSpec();
  Flags flags(spec);
  if (Status s = flags.Parse(args); !s.ok()) return UsageError("text", s.message());
  if (flags.help()) {
    std::fputs(flags.HelpText().c_str(), stdout);
    return 0;
  }
  if (flags.positional().empty()) return UsageError("text", "no input file given");
  PipelineOptions options;
  if (Status s = ReadExtractionFlags(flags, &options); !s.ok())
    return UsageError("text", s.message());
  std::unique_ptr<Restorer> restorer;
  if (options.restore) {
    if (Status s = OpenRestorer(flags, &restorer); !s.ok()) {
      PrintError(s);
      return ExitCodeFor(s);
    }
  }
  const bool json = flags.Has("json");
  JsonWriter jw;
  if (json) jw.BeginObject().Key("documents").BeginArray();
  int exit_code = 0;
  for (const std::string& path : flags.positional()) {
    Document doc;
    Status s = ExtractText(path, options, restorer.get(), &doc);
    if (!s.ok()) {
      PrintError(s);
      exit_code = CombineExitCodes(exit_code, ExitCodeFor(s));
      continue;
    }
    PrintWarnings(doc);
    if (json) {
      WriteDocumentJson(doc, &jw);
    } else {
      std::string text = flags.Has("reflow") ? ReflowText(doc) : doc.Text();
      std::fwrite(text.data(), 1, text.size(), stdout);
      std::fputc('\n', stdout);
    }
  }
  if (json) {
    jw.EndArray().EndObject();
    std::puts(jw.str().c_str());
  }
  return exit_code;
}

}  // namespace sohoa::cli
