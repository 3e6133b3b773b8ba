#include "pipeline/restore/lm_build.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "pipeline/core/files.h"
#include "pipeline/core/text_util.h"
#include "pipeline/restore/syllables.h"

namespace sohoa::restore {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> FilesUnder(const std::string& dir, const std::vector<std::string>& exts) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string p = it->path().string();
    for (const std::string& e : exts) {
      if (p.size() >= e.size() && p.compare(p.size() - e.size(), e.size(), e) == 0) {
        out.push_back(p);
        break;
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void Report(const LmBuildOptions& o, const std::string& what, const Corpus& c) {
  if (!o.progress) return;
  const CorpusStats& s = c.stats();
  o.progress(what + ": " + std::to_string(s.documents) + " documents, " +
             std::to_string(s.sentences) + " sentences, " + std::to_string(s.syllables) +
             " syllables so far");
}

}  // namespace

Status AddDomainDictionary(const std::string& dictionaries_dir, Corpus* corpus, int* phrases) {
  *phrases = 0;
  std::vector<std::string> files = FilesUnder(dictionaries_dir + "/domain", {".tsv"});
  if (files.empty())
    return Status::NotFound(dictionaries_dir + "/domain: no domain dictionary (*.tsv) found");
  for (const std::string& path : files) {
    std::string text;
    if (Status s = ReadFileBytes(path, &text); !s.ok()) return s;
    corpus->AddDocument();
    const bool sentences = path.size() >= 13 && path.compare(path.size() - 13, 13, "sentences.tsv") == 0;
    ForEachDataLine(text, [&](std::string_view line, int) {
      // Columns: phrase, weight, then anything (the expansion of an
      // abbreviation, which is text too; notes).
      std::vector<std::string> f = SplitFields(line, '\t');
      int weight = f.size() > 1 ? std::clamp(std::atoi(f[1].c_str()), 1, 50) : 1;
      corpus->AddText(f[0], weight, 0.0, /*phrases=*/!sentences);
      ++*phrases;
      if (f.size() > 2) corpus->AddText(f[2], weight, 0.0);
      return true;
    });
  }
  return Status::Ok();
}

Status BuildLanguageModel(const LmBuildOptions& o, LmFileStats* stats) {
  Corpus corpus;
  const std::string root = o.system_root == "/" ? "" : o.system_root;
  if (o.debian_text) {
    // Gettext catalogues of installed packages, and LibreOffice's own
    // (libreoffice-l10n-vi keeps its UI strings under program/resource).
    for (const char* dir : {"/usr/share/locale/vi/LC_MESSAGES",
                            "/usr/lib/libreoffice/program/resource/vi/LC_MESSAGES"}) {
      for (const std::string& mo : FilesUnder(root + dir, {".mo"})) {
        std::vector<std::string> strings;
        if (!ReadMoStrings(mo, &strings).ok()) continue;  // a bad catalogue is skipped
        corpus.AddDocument();
        for (const std::string& s : strings) corpus.AddText(s);
      }
    }
    Report(o, "gettext catalogues", corpus);
    std::vector<std::string> man = FilesUnder(root + "/usr/share/man/vi", {".gz"});
    for (const std::string& path : man) {
      std::string groff;
      if (!ReadGzipFile(path, &groff).ok()) continue;
      corpus.AddDocument();
      corpus.AddText(GroffToText(groff));
    }
    std::string guide;
    if (ReadGzipFile(root + "/usr/share/doc/maint-guide-vi/maint-guide.vi.txt.gz", &guide).ok()) {
      corpus.AddDocument();
      corpus.AddText(guide);
    }
    Report(o, "manpages-vi, maint-guide-vi", corpus);
    for (const std::string& path : FilesUnder(root + "/usr/share/libreoffice/help/vi", {".html", ".xhp"})) {
      std::string html;
      if (!ReadFileBytes(path, &html).ok()) continue;
      corpus.AddDocument();
      corpus.AddText(HtmlToText(html));
    }
    Report(o, "libreoffice-help-vi", corpus);
    std::string dic;
    if (ReadFileBytes(root + "/usr/share/hunspell/vi_VN.dic", &dic).ok()) {
      const SyllableSet& syl = SyllableSet::Get();
      size_t pos = dic.find('\n') + 1;  // first line is the count
      int words = 0;
      while (pos > 0 && pos < dic.size()) {
        size_t nl = dic.find('\n', pos);
        if (nl == std::string::npos) nl = dic.size();
        std::string w = dic.substr(pos, nl - pos);
        pos = nl + 1;
        if (size_t slash = w.find('/'); slash != std::string::npos) w.resize(slash);
        uint32_t id = syl.Id(w);
        if (id >= kFirstSyllable) {
          corpus.AddUnigram(id, 1);
          ++words;
        }
      }
      if (o.progress) o.progress("hunspell-vi: " + std::to_string(words) + " syllables as unigrams");
    }
  }
  int phrases = 0;
  if (Status s = AddDomainDictionary(o.dictionaries_dir, &corpus, &phrases); !s.ok()) return s;
  Report(o, "domain dictionary (" + std::to_string(phrases) + " phrases)", corpus);
  for (const std::string& dir : o.user_dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": not a directory");
    for (const std::string& path : FilesUnder(dir, {".txt", ".md"})) {
      std::string text;
      if (Status s = ReadFileBytes(path, &text); !s.ok()) return s;
      corpus.AddDocument();
      corpus.AddText(text, o.user_repeat);
    }
    Report(o, dir, corpus);
  }
  std::error_code ec;
  fs::create_directories(o.out_dir, ec);
  if (ec) return Status::IoError(o.out_dir + ": cannot create directory: " + ec.message());
  return WriteLanguageModel(corpus, o.out_dir + "/" + kLanguageModelFile, stats);
}

}  // namespace sohoa::restore
