// sohoa restore: put back stripped diacritics and repair OCR-garbled
// Vietnamese in a plain UTF-8 text, keeping every line.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <memory>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/flags.h"
#include "pipeline/cli/output.h"
#include "pipeline/core/files.h"
#include "pipeline/core/json.h"
#include "pipeline/core/utf8.h"
#include "pipeline/restore/restore.h"

namespace sohoa::cli {

namespace {

CommandSpec RestoreSpec() {
  CommandSpec spec;
  spec.name = "restore";
  spec.usage = "sohoa restore [options] [FILE|-]";
  spec.summary = "Put back stripped diacritics and repair OCR-garbled Vietnamese text.";
  spec.description =
      "Reads UTF-8 text (a file, or stdin for '-' or no argument) and writes it back\n"
      "repaired, with exactly the same lines: \"Trung tam Phuc vu hanh chinh cong\"\n"
      "becomes \"Trung tâm Phục vụ hành chính công\", \"t6 chirc\" becomes \"tổ chức\".\n"
      "A noisy-channel decoder: candidate syllables for each word (all marked forms\n"
      "of a stripped syllable; OCR look-alikes from a learned confusion model; merged\n"
      "words split) are chosen by a syllable trigram language model (`sohoa lm build`).\n"
      "In auto mode a document whose words mostly carry their marks is left exactly\n"
      "as it is; the detector's verdict is printed on stderr. Numbers, punctuation,\n"
      "spacing and text that is not Vietnamese pass through unchanged.";
  spec.flags = {
      {"mode", "MODE", "auto",
       "auto: decide per line (kept, stripped or ocr); stripped: only restore marks; "
       "ocr: also repair OCR damage"},
      {"json", "", "", "print the mode of each line (auto) and per repaired token the original, the "
                       "chosen form, the confidence and the alternatives as JSON instead of the text"},
      {"model", "DIR", "", "directory of the language model (default: the build's model/)"},
      {"confident", "P", "0.98", "tokens below this confidence are reported as low-confidence "
                                 "(0.98: >= 99.5% of tokens above it were right on the dev text)"},
      {"tone-style", "STYLE", "keep",
       "tone placement of restored oa/oe/uy syllables: keep (as the document's own marked "
       "words do; old in OCR text, whose marks are the engine's), old (hòa), new (hoà)"},
      {"no-adapt", "", "", "ocr mode: do not re-weight the confusions on the document itself"},
  };
  spec.examples =
      "  echo 'Trung tam Phuc vu hanh chinh cong' | sohoa restore --mode=stripped\n"
      "  sohoa restore scan.txt > scan.restored.txt\n"
      "  sohoa restore --mode=ocr --json scan.txt | jq '.low_confidence'\n"
      "  sohoa restore --model /srv/sohoa/model report.txt\n"
      "  echo 'Hoa Binh hoa giai' | sohoa restore --mode=stripped --tone-style=new\n";
  return spec;
}

// Rebuilds the output line by line: lines without repairs are the input's
// own bytes (CR and all), so untouched text stays byte-identical.
std::string RenderText(const std::string& input, const Document& doc) {
  std::string out;
  size_t pos = 0;
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    if (p > 0) out += '\f';
    size_t page_end = input.find('\f', pos);
    if (page_end == std::string::npos) page_end = input.size();
    for (size_t l = 0; l < doc.pages[p].lines.size(); ++l) {
      size_t end = input.find('\n', pos);
      if (end == std::string::npos || end > page_end) end = page_end;
      const Line& line = doc.pages[p].lines[l];
      bool changed = false;
      for (const Word& w : line.words) changed = changed || !w.original.empty();
      if (!changed) {
        out.append(input, pos, end - pos);
      } else {
        out += line.Text();
        if (end > pos && input[end - 1] == '\r') out += '\r';
      }
      if (end < page_end) out += '\n';
      pos = end + 1;
    }
    pos = page_end + 1;
  }
  return out;
}

}  // namespace

int RunRestore(const Args& args) {
  static const CommandSpec spec = RestoreSpec();
  Flags flags(spec);
  if (Status s = flags.Parse(args); !s.ok()) return UsageError("restore", s.message());
  if (flags.help()) {
    std::fputs(flags.HelpText().c_str(), stdout);
    return 0;
  }
  if (flags.positional().size() > 1) return UsageError("restore", "give one FILE (or - for stdin)");
  RestoreOptions ro;
  const std::string mode = flags.Get("mode");
  if (mode == "auto") ro.mode = RestoreMode::kAuto;
  else if (mode == "stripped") ro.mode = RestoreMode::kStripped;
  else if (mode == "ocr") ro.mode = RestoreMode::kOcr;
  else return UsageError("restore", "--mode must be auto, stripped or ocr, not '" + mode + "'");
  ro.model_dir = flags.Get("model");
  char* end = nullptr;
  const std::string conf = flags.Get("confident");
  ro.confident = std::strtof(conf.c_str(), &end);
  if (end == conf.c_str() || *end || ro.confident < 0 || ro.confident > 1)
    return UsageError("restore", "--confident must be a number from 0 to 1");
  ro.adapt = !flags.Has("no-adapt");
  const std::string tone = flags.Get("tone-style");
  if (tone == "keep") ro.tone_style = ToneMarkStyle::kDocument;
  else if (tone == "old") ro.tone_style = ToneMarkStyle::kOld;
  else if (tone == "new") ro.tone_style = ToneMarkStyle::kNew;
  else return UsageError("restore", "--tone-style must be keep, old or new, not '" + tone + "'");

  std::string path = flags.positional().empty() ? "-" : flags.positional()[0];
  std::string input;
  if (path == "-") {
    input.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    path = "<stdin>";
  } else if (Status s = ReadFileBytes(path, &input); !s.ok()) {
    PrintError(s);
    return ExitCodeFor(s);
  }
  if (!IsValidUtf8(input)) {
    Status s = Status::InvalidArgument(path + ": not UTF-8 text (byte " +
                                       std::to_string(FirstInvalidUtf8(input)) +
                                       "); convert it first with `sohoa text`");
    PrintError(s);
    return ExitCodeFor(s);
  }
  std::unique_ptr<Restorer> restorer;
  if (Status s = Restorer::Open(ro, &restorer); !s.ok()) {
    PrintError(s);
    return ExitCodeFor(s);
  }
  Document doc;
  doc.path = path;
  doc.format = "text";
  doc.pages = PagesFromText(input, WordSource::kPlainText);
  RestoreReport report;
  if (Status s = restorer->Restore(&doc, &report); !s.ok()) {
    PrintError(s);
    return ExitCodeFor(s);
  }
  std::fprintf(stderr, "sohoa restore: %s: %s; mode %s: %d tokens decoded, %d repaired, %d codes, %d low-confidence\n",
               path.c_str(), report.assessment.Summary().c_str(),
               report.mode_used == RestoreMode::kAuto ? "none" : RestoreModeName(report.mode_used),
               report.decoded, report.repaired, report.codes_repaired, report.low_confidence);
  if (!flags.Has("json")) {
    std::string out = RenderText(input, doc);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  }
  JsonWriter jw;
  jw.BeginObject().Key("file").String(path).Key("mode").String(
      report.mode_used == RestoreMode::kAuto ? "none" : RestoreModeName(report.mode_used));
  const DamageAssessment& a = report.assessment;
  jw.Key("assessment").BeginObject().Key("words").Int(a.tokens).Key("marked_syllables").Int(a.toned)
      .Key("unmarked_syllables").Int(a.toneless).Key("non_syllables").Int(a.non_syllables)
      .Key("ocr_like").Int(a.ocr_like).EndObject();
  jw.Key("decoded").Int(report.decoded).Key("repaired").Int(report.repaired)
      .Key("codes_repaired").Int(report.codes_repaired);
  // Auto mode: what was decided for each line ("kept": left byte-identical).
  jw.Key("lines").BeginArray();
  for (const LineDecision& d : report.lines) {
    jw.BeginObject().Key("page").Int(d.page).Key("line").Int(d.line)
        .Key("mode").String(d.mode == RestoreMode::kAuto ? "kept" : RestoreModeName(d.mode))
        .EndObject();
  }
  jw.EndArray();
  std::vector<std::pair<const Word*, std::pair<int, int>>> low;
  jw.Key("tokens").BeginArray();
  for (const Page& p : doc.pages) {
    for (const Line& l : p.lines) {
      for (const Word& w : l.words) {
        if (w.original.empty() && w.alternatives.empty()) continue;
        jw.BeginObject().Key("page").Int(p.number).Key("line").Int(l.source_line)
            .Key("original").String(w.original.empty() ? w.text : w.original)
            .Key("chosen").String(w.text).Key("changed").Bool(!w.original.empty())
            .Key("confidence").Number(static_cast<int>(w.repair_confidence * 1000) / 1000.0)
            .Key("alternatives").BeginArray();
        for (const std::string& alt : w.alternatives) jw.String(alt);
        jw.EndArray().EndObject();
        if (w.repair_confidence < ro.confident) low.push_back({&w, {p.number, l.source_line}});
      }
    }
  }
  jw.EndArray().Key("low_confidence").BeginArray();
  for (const auto& [w, where] : low) {
    jw.BeginObject().Key("page").Int(where.first).Key("line").Int(where.second)
        .Key("original").String(w->original.empty() ? w->text : w->original)
        .Key("chosen").String(w->text)
        .Key("confidence").Number(static_cast<int>(w->repair_confidence * 1000) / 1000.0)
        .EndObject();
  }
  jw.EndArray().EndObject();
  std::puts(jw.str().c_str());
  return 0;
}

}  // namespace sohoa::cli
