// sohoa: digitise Vietnamese government reports. Dispatches to subcommands.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <sys/stat.h>

#include <fstream>

#include "pipeline/cli/commands.h"
#include "pipeline/ingest/format.h"
#include "pipeline/ingest/ingest.h"

namespace {

// True when no argument can lead to OCR: every argument that names
// something on disk is a regular file whose first bytes are text or HTML
// (arguments that name nothing are option values, or files that will be
// reported missing). Standard input ("-") and folders may hold anything.
// Such a run skips the re-exec for OMP_THREAD_LIMIT, which doubles the
// cost of loading the program (~16 ms of CPU on a one-line file).
bool OnlyTextInputs(const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a == "-") return false;
    struct stat st;
    if (a.empty() || a[0] == '-' || ::stat(a.c_str(), &st) != 0) continue;
    if (!S_ISREG(st.st_mode)) return false;
    std::ifstream in(a, std::ios::binary);
    std::string head(64 * 1024, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    const sohoa::InputFormat f = sohoa::SniffFormat(head);
    if (f != sohoa::InputFormat::kText && f != sohoa::InputFormat::kHtml) return false;
  }
  return true;
}

struct Command {
  const char* name;
  int (*run)(const sohoa::cli::Args&);
  const char* summary;
};

const Command kCommands[] = {
    {"text", sohoa::cli::RunText, "extract clean text from PDFs, scans, images, text, HTML and Word files"},
    {"normalize", sohoa::cli::RunNormalize,
     "convert legacy encodings (TCVN3, VNI, VISCII, VIQR, CP1258, UTF-16) to NFC UTF-8"},
    {"restore", sohoa::cli::RunRestore, "restore stripped diacritics and repair OCR-garbled text"},
    {"lm", sohoa::cli::RunLm, "build the Vietnamese syllable language model (lm build)"},
    {"tables", sohoa::cli::RunTables, "find appendix tables (Phụ lục) and parse them into records"},
    {"check", sohoa::cli::RunCheck,
     "check totals, identities, percentages, narrative claims and carry-over"},
    {"ingest", sohoa::cli::RunIngest, "run the whole pipeline over files/folders into the archive"},
    {"series", sohoa::cli::RunSeries, "export time series from the archive"},
    {"findings", sohoa::cli::RunFindings, "list every finding in the archive"},
    {"search", sohoa::cli::RunSearch, "find pages by their words (case and diacritics ignored)"},
    {"report", sohoa::cli::RunReport, "write a review site (HTML) of the archive to open in a browser"},
};

void PrintHelp() {
  std::printf(
      "sohoa - turn archives of Vietnamese government reports into clean text,\n"
      "structured records and verified time series.\n\n"
      "Usage: sohoa COMMAND [options] [FILE...]\n\n"
      "Commands:\n");
  for (const Command& c : kCommands) std::printf("  %-11s %s\n", c.name, c.summary);
  std::printf(
      "\nRun 'sohoa COMMAND --help' for the options of one command.\n\n"
      "Examples:\n"
      "  sohoa text report.pdf > report.txt      # text of a PDF, scan or image\n"
      "  sohoa text reports/ -o text/            # one NAME.txt per report\n"
      "  sohoa text --json scan.png              # words with boxes and confidences\n"
      "  sohoa tables --json report.pdf          # appendix tables as records\n"
      "  sohoa ingest archive/ --db sohoa.db     # whole pipeline into the archive\n"
      "  sohoa series --wide --bom -o series.csv # one spreadsheet of the series\n"
      "  sohoa findings                          # the cells to fix\n"
      "  sohoa search quyet dinh                 # pages with \"Quyết định\"\n"
      "  sohoa report -o review/                 # review site: open review/index.html\n\n"
      "Exit codes: 0 ok, 2 usage, 3 not found/unreadable, 4 empty, 5 corrupt,\n"
      "6 encrypted, 7 unsupported format, 8 too large, 9 timeout, 10 OCR engine\n"
      "failure, 11 archive error, 12 internal error. With several files the\n"
      "largest code among them is returned and the other files are still processed.\n"
      "sohoa ingest: 1 some files failed (recorded, the rest stored), 130 interrupted;\n"
      "sohoa check --strict: 1 an error was found; sohoa search: 1 no page matches. See README \"Exit codes\".\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    PrintHelp();
    return argc < 2 ? 2 : 0;
  }
  if (std::strcmp(argv[1], "--version") == 0) {
    std::printf("sohoa %s\n", SOHOA_VERSION);
    return 0;
  }
  std::vector<std::string> args(argv + 2, argv + argc);
  // Commands that may OCR restart once with OMP_THREAD_LIMIT=1: Tesseract's
  // own OpenMP threads fight sohoa's page-level parallelism, and libgomp
  // reads the limit only at start-up (see ingest.h).
  // Not when every input is text: nothing will be OCR'd.
  for (const char* ocr_command : {"text", "tables", "check", "ingest"})
    if (std::strcmp(argv[1], ocr_command) == 0 && !OnlyTextInputs(args))
      sohoa::ReexecWithOpenMpThreadLimit();
  for (const Command& c : kCommands)
    if (std::strcmp(argv[1], c.name) == 0) return c.run(args);
  std::fprintf(stderr, "sohoa: unknown command '%s' (try 'sohoa --help')\n", argv[1]);
  return 2;
}
