// sohoa text: extract clean text (or words as JSON) from any input.
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/flags.h"
#include "pipeline/cli/options.h"
#include "pipeline/cli/output.h"
#include "pipeline/cli/progress.h"
#include "pipeline/core/files.h"
#include "pipeline/ingest_run.h"
#include "pipeline/pipeline.h"

namespace sohoa::cli {

namespace {

CommandSpec TextSpec() {
  CommandSpec spec;
  spec.name = "text";
  spec.usage = "sohoa text [options] PATH... [-o DIR]";
  spec.summary = "Extract clean UTF-8 text from PDFs, scans, images, text, HTML and Word files.";
  spec.description =
      "Each file goes through extraction (Poppler text layer, Tesseract OCR for scans\n"
      "and images, gumbo for HTML, the .docx reader for Word; .doc/.rtf/.odt are\n"
      "converted by LibreOffice first), encoding normalisation and diacritic\n"
      "restoration. HTML and Word tables come out as tab-separated rows. Folders are\n"
      "walked as 'sohoa ingest' walks them (recursively, sorted, report kinds only).\n"
      "Text goes to stdout, pages separated by a form feed (\\f); with more than one\n"
      "input each document starts with a line '==> PATH <=='. With -o DIR each input\n"
      "gets its own UTF-8 file DIR/NAME.txt (NAME: the input's file name; a clash\n"
      "gets ' (2)', ' (3)' ...), written whole or not at all; DIR is created if missing.\n"
      "Errors and warnings go to stderr, one line each, naming the file. A failing\n"
      "file does not stop the others; the exit code is the largest of them (see the\n"
      "README's exit codes). Progress (pages, rate, time left) goes to stderr when it\n"
      "is a terminal, unless --quiet.";
  spec.flags = ExtractionFlags();
  spec.flags.push_back({"json", "", "", "print words with page, box, confidence and source as JSON"});
  spec.flags.push_back({"output", "DIR", "", "write one NAME.txt per input into DIR instead of stdout"});
  spec.flags.back().short_name = 'o';
  spec.flags.push_back({"quiet", "", "", "no progress on stderr (shown only when stderr is a terminal)"});
  spec.flags.push_back({"reflow", "", "",
                        "join the hard line breaks of paragraphs (PDF text layers); table lines "
                        "are kept as they are"});
  spec.examples =
      "  sohoa text report.pdf > report.txt\n"
      "  sohoa text reports/ -o text/             # text/NAME.txt for every report\n"
      "  sohoa text --ocr=always --jobs 2 scan.pdf\n"
      "  sohoa text --isolate=off clean.pdf    # skip the worker process\n"
      "  sohoa text --reflow report.pdf        # paragraphs on one line each\n"
      "  sohoa text --json page.png | jq '.documents[0].pages[0].words[0]'\n";
  return spec;
}

// The inputs in order: files as given, folders walked like 'ingest'. A path
// that cannot be walked or read is reported and counted in *exit_code.
std::vector<std::string> WalkInputs(const std::vector<std::string>& paths, int* exit_code) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    InputFiles found;
    Status s = CollectInputFiles(path, &found);
    if (s.ok()) {
      for (const InputFile& f : found.files) {
        if (f.problem.ok()) {
          files.push_back(f.path);
        } else {
          PrintError(f.problem);
          *exit_code = CombineExitCodes(*exit_code, ExitCodeFor(f.problem));
        }
      }
    } else {
      PrintError(s);
      *exit_code = CombineExitCodes(*exit_code, ExitCodeFor(s));
    }
  }
  return files;
}

// DIR/NAME.txt for `path`, NAME its file name; "NAME (2).txt" ... when an
// earlier input of this run took the name.
std::string SidecarPath(const std::string& dir, const std::string& path,
                        std::set<std::string>* taken) {
  const size_t slash = path.find_last_of('/');
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string name = base + ".txt";
  for (int n = 2; !taken->insert(name).second; ++n)
    name = base + " (" + std::to_string(n) + ").txt";
  return dir + "/" + name;
}

Status MakeDirs(const std::string& dir) {
  for (size_t i = 1; i <= dir.size(); ++i) {
    if (i < dir.size() && dir[i] != '/') continue;
    const std::string part = dir.substr(0, i);
    if (::mkdir(part.c_str(), 0777) != 0 && errno != EEXIST)
      return Status::IoError(part + ": cannot create the output folder: " + std::strerror(errno));
  }
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return Status::IoError(dir + ": not a folder");
  return Status::Ok();
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
  const std::string out_dir = flags.Get("output");
  if (json && !out_dir.empty()) return UsageError("text", "--json and -o cannot be combined");
  int exit_code = 0;
  const std::vector<std::string> inputs = WalkInputs(flags.positional(), &exit_code);
  if (!out_dir.empty()) {
    if (Status s = MakeDirs(out_dir); !s.ok()) {
      PrintError(s);
      return ExitCodeFor(s);
    }
  }
  JsonWriter jw;
  if (json) jw.BeginObject().Key("documents").BeginArray();
  // Headers when the reader could not otherwise tell the documents apart.
  const bool headers = flags.positional().size() > 1 || inputs.size() > 1;
  std::set<std::string> taken;
  PageProgress progress(PageProgress::ShouldShow(flags.Has("quiet")),
                        static_cast<int>(inputs.size()));
  const bool reflow = flags.Has("reflow");
  for (const std::string& path : inputs) {
    progress.StartFile(path, &options);
    if (json) {
      Document doc;
      Status s = ExtractText(path, options, restorer.get(), &doc);
      progress.Clear();
      if (!s.ok()) {
        PrintError(s);
        exit_code = CombineExitCodes(exit_code, ExitCodeFor(s));
        continue;
      }
      PrintWarnings(doc);
      WriteDocumentJson(doc, &jw);
      continue;
    }
    // Written window by window (a large plain-text file is read in windows):
    // to stdout as it comes, or to DIR/NAME.txt, which appears only whole.
    StreamedOutput out;
    Status s;
    if (!out_dir.empty()) {
      const std::string file = SidecarPath(out_dir, path, &taken);
      s = CheckOutputPath(file, {path});
      if (s.ok()) s = out.Open(file);
    } else {
      s = out.Open("-");
    }
    bool header_done = false;
    if (s.ok()) {
      s = ExtractTextWindows(path, options, restorer.get(), [&](Document* doc, char joined_by) {
        progress.Clear();
        PrintWarnings(*doc);
        if (headers && out_dir.empty() && !header_done) {
          out.buffer()->append("==> " + Printable(path) + " <==\n");
          header_done = true;
        }
        if (joined_by != 0) out.buffer()->push_back(joined_by);
        out.buffer()->append(reflow ? ReflowText(*doc) : doc->Text());
        out.Flush();
        return Status::Ok();
      });
    }
    progress.Clear();
    if (s.ok()) {
      out.buffer()->push_back('\n');
      s = out.Finish();
    } else if (out_dir.empty()) {
      out.Flush(true);  // the windows before the failure stay on stdout
    }
    if (!s.ok()) {
      PrintError(s);
      exit_code = CombineExitCodes(exit_code, ExitCodeFor(s));
    }
  }
  if (json) {
    jw.EndArray().EndObject();
    std::puts(jw.str().c_str());
  }
  return exit_code;
}

}  // namespace sohoa::cli
