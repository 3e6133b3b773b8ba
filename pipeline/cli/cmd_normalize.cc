// sohoa normalize: decode legacy Vietnamese encodings to NFC UTF-8.
#include <cstdio>
#include <string>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/flags.h"
#include "pipeline/cli/output.h"
#include "pipeline/core/files.h"
#include "pipeline/core/json.h"
#include "pipeline/normalize/normalize.h"

namespace sohoa::cli {

namespace {

CommandSpec NormalizeSpec() {
  CommandSpec spec;
  spec.name = "normalize";
  spec.usage = "sohoa normalize [options] [FILE|-]...";
  spec.summary = "Convert legacy Vietnamese encodings to NFC UTF-8.";
  spec.description =
      "Reads the bytes of each FILE (standard input for '-' or no FILE), decodes them and\n"
      "writes clean NFC UTF-8 to stdout. Encodings: UTF-8, UTF-16 (LE/BE, with or without\n"
      "a byte order mark), CP1258, TCVN3 (ABC, .VnTime), VNI-Windows, VISCII and VIQR;\n"
      "legacy text may be raw bytes or 'mojibake' (each legacy byte shown as its\n"
      "CP1252/Latin-1 character, as copied from PDFs: \"Céng hßa\" for \"Cộng hòa\").\n"
      "With --from=auto the encoding is chosen by the share of valid Vietnamese\n"
      "syllables each reading gives; the decision and its confidence are reported\n"
      "(stderr notes, --json). Bytes no encoding explains become U+FFFD with a warning\n"
      "naming the byte offset. Also removes soft hyphens, zero-width characters and\n"
      "stray control characters and turns no-break spaces into spaces.";
  spec.flags = {
      {"from", "ENCODING", "auto",
       "input encoding: auto, utf8, utf16, cp1258, tcvn3, vni, viscii, viqr"},
      {"tone-style", "STYLE", "keep",
       "tone placement in oa/oe/uy: keep, old (hòa, thúy), new (hoà, thuý)"},
      {"reflow", "", "", "join lines that continue a paragraph (hard line breaks of PDF text)"},
      {"json", "", "", "print the decision per input as JSON: encoding, confidence, "
                       "candidates, notes and the text"},
  };
  spec.examples =
      "  sohoa normalize old-report.txt > report.txt          # detect and convert\n"
      "  sohoa normalize --from=tcvn3 - < abc.txt             # force TCVN3\n"
      "  echo 'Vie^.t Nam' | sohoa normalize --from=viqr -    # VIQR -> Việt Nam\n"
      "  sohoa normalize --tone-style=new hoa.txt             # hòa -> hoà\n"
      "  sohoa normalize --json mystery.txt | jq '.documents[0].encoding'\n"
      "  sohoa normalize --reflow copied-from-pdf.txt         # paragraphs on one line\n"
      "sohoa text applies the same normalisation to everything it extracts.\n";
  return spec;
}

Status ReadInput(const std::string& path, std::string* bytes) {
  if (path != "-") return ReadFileBytes(path, bytes);
  bytes->clear();
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), stdin)) > 0) bytes->append(buf, n);
  if (std::ferror(stdin)) return Status::IoError("stdin: read failed");
  return Status::Ok();
}

void WriteResultJson(const std::string& path, const NormalizeResult& r, const std::string& text,
                     JsonWriter* j) {
  j->BeginObject();
  j->Key("path").String(path);
  j->Key("encoding").String(r.encoding);
  j->Key("confidence").Number(r.confidence);
  j->Key("spans").BeginArray();
  for (const EncodingSpan& s : r.spans) {
    j->BeginObject();
    j->Key("font").String(s.font);
    j->Key("encoding").String(s.encoding);
    j->Key("shape").String(s.shape);
    j->Key("reason").String(s.reason);
    j->Key("confidence").Number(s.confidence);
    j->Key("evidence_tokens").Int(static_cast<long long>(s.evidence_tokens));
    j->Key("candidates").BeginArray();
    for (const EncodingCandidate& c : s.candidates) {
      j->BeginObject();
      j->Key("encoding").String(c.encoding);
      j->Key("shape").String(c.shape);
      j->Key("valid_share").Number(c.valid_share);
      j->EndObject();
    }
    j->EndArray();
    j->EndObject();
  }
  j->EndArray();
  j->Key("notes").BeginArray();
  for (const Note& n : r.notes) {
    j->BeginObject();
    j->Key("level").String(n.level);
    j->Key("message").String(n.message);
    if (n.byte_offset >= 0) j->Key("byte_offset").Int(n.byte_offset);
    j->EndObject();
  }
  j->EndArray();
  j->Key("text").String(text);
  j->EndObject();
}

}  // namespace

int RunNormalize(const Args& args) {
  static const CommandSpec spec = NormalizeSpec();
  Flags flags(spec);
  if (Status s = flags.Parse(args); !s.ok()) return UsageError("normalize", s.message());
  if (flags.help()) {
    std::fputs(flags.HelpText().c_str(), stdout);
    return 0;
  }
  NormalizeOptions options;
  options.from = flags.Get("from");
  bool known = false;
  for (const char* e : {"auto", "utf8", "utf16", "cp1258", "tcvn3", "vni", "viscii", "viqr"})
    known = known || options.from == e;
  if (!known) return UsageError("normalize", "--from: unknown encoding '" + options.from + "'");
  std::string tone = flags.Get("tone-style");
  if (tone == "keep") options.tone_style = ToneStyle::kKeep;
  else if (tone == "old") options.tone_style = ToneStyle::kOld;
  else if (tone == "new") options.tone_style = ToneStyle::kNew;
  else return UsageError("normalize", "--tone-style must be keep, old or new");
  const bool json = flags.Has("json");
  const bool reflow = flags.Has("reflow");
  std::vector<std::string> inputs = flags.positional();
  if (inputs.empty()) inputs.push_back("-");

  JsonWriter jw;
  if (json) jw.BeginObject().Key("documents").BeginArray();
  int exit_code = 0;
  for (const std::string& path : inputs) {
    const std::string name = path == "-" ? "stdin" : path;
    std::string bytes;
    Status s = ReadInput(path, &bytes);
    if (s.ok() && bytes.empty()) s = Status::Empty(name + ": empty input");
    NormalizeResult result;
    if (s.ok()) s = NormalizeBytes(bytes, options, &result);
    if (!s.ok()) {
      PrintError(s);
      exit_code = CombineExitCodes(exit_code, ExitCodeFor(s));
      continue;
    }
    Document doc;
    doc.path = name;
    doc.notes = result.notes;
    PrintWarnings(doc);
    std::string text = result.text;
    if (reflow) {
      doc.pages = PagesFromText(text, WordSource::kPlainText);
      for (Page& page : doc.pages) MarkContinuations(&page);
      text = ReflowText(doc);
    }
    if (json) {
      WriteResultJson(name, result, text, &jw);
    } else {
      std::fwrite(text.data(), 1, text.size(), stdout);
    }
  }
  if (json) {
    jw.EndArray().EndObject();
    std::puts(jw.str().c_str());
  }
  return exit_code;
}

}  // namespace sohoa::cli
