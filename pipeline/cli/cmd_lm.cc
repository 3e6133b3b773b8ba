// sohoa lm: build (and describe) the syllable language model that the
// restore stage decodes with.
#include <chrono>
#include <cstdio>

#include "pipeline/cli/commands.h"
#include "pipeline/cli/flags.h"
#include "pipeline/cli/output.h"
#include "pipeline/core/files.h"
#include "pipeline/restore/lm_build.h"

namespace sohoa::cli {

namespace {

CommandSpec LmSpec() {
  CommandSpec spec;
  spec.name = "lm";
  spec.usage = "sohoa lm build [--out DIR] [--from DIR]...\n       sohoa lm info [--model DIR]";
  spec.summary = "Build or describe the syllable language model used by `sohoa restore`.";
  spec.description =
      "build: reads the Vietnamese text Debian ships (gettext catalogues, manpages-vi,\n"
      "maint-guide-vi, libreoffice-help-vi; hunspell-vi words as unigrams) and the\n"
      "domain dictionary (dictionaries/domain/*.tsv), plus your own clean documents\n"
      "(.txt/.md under each --from DIR: an archive's clean years are the best model\n"
      "for its damaged ones), and writes a Kneser-Ney syllable trigram model to\n"
      "DIR/syllables.lm. Progress and corpus statistics go to stderr.\n"
      "info: prints the model's corpus statistics and sizes.";
  spec.flags = {
      {"out", "DIR", "", "where to write the model (default: the build's model/ directory)"},
      {"model", "DIR", "", "info: the model directory to describe (default: as --out)"},
      {"from", "DIR", "", "also learn from the .txt/.md documents under DIR", true},
      {"no-debian", "", "", "skip the Debian-shipped text (domain dictionary and --from only)"},
  };
  spec.examples =
      "  sohoa lm build\n"
      "  sohoa lm build --from ~/archive/clean-years --out ~/sohoa-model\n"
      "  sohoa restore --model ~/sohoa-model damaged.txt\n"
      "  sohoa lm info\n";
  return spec;
}

}  // namespace

int RunLm(const Args& args) {
  static const CommandSpec spec = LmSpec();
  Flags flags(spec);
  if (Status s = flags.Parse(args); !s.ok()) return UsageError("lm", s.message());
  if (flags.help()) {
    std::fputs(flags.HelpText().c_str(), stdout);
    return 0;
  }
  if (flags.positional().size() != 1) return UsageError("lm", "expected `build` or `info`");
  const std::string verb = flags.positional()[0];
  std::string dir = flags.Get(verb == "info" ? "model" : "out");
  if (dir.empty()) dir = flags.Get("out");
  if (dir.empty()) dir = ModelDir();
  if (verb == "info") {
    std::unique_ptr<restore::LanguageModel> lm;
    if (Status s = restore::LanguageModel::Open(dir + "/" + restore::kLanguageModelFile, &lm); !s.ok()) {
      PrintError(s);
      return ExitCodeFor(s);
    }
    const auto& st = lm->stats();
    std::printf("model: %s/%s (%.1f MB)\ncorpus: %lld documents, %lld sentences, %lld syllables\n"
                "n-grams: %llu bigrams (with contexts), %llu trigrams\n",
                dir.c_str(), restore::kLanguageModelFile, lm->file_bytes() / 1e6,
                static_cast<long long>(st.corpus.documents), static_cast<long long>(st.corpus.sentences),
                static_cast<long long>(st.corpus.syllables), static_cast<unsigned long long>(st.bigrams),
                static_cast<unsigned long long>(st.trigrams));
    return 0;
  }
  if (verb != "build") return UsageError("lm", "unknown action '" + verb + "' (build or info)");
  restore::LmBuildOptions o;
  o.out_dir = dir;
  o.dictionaries_dir = DictionariesDir();
  o.user_dirs = flags.GetAll("from");
  o.debian_text = !flags.Has("no-debian");
  o.progress = [](const std::string& line) { std::fprintf(stderr, "sohoa lm: %s\n", line.c_str()); };
  auto t0 = std::chrono::steady_clock::now();
  restore::LmFileStats stats;
  if (Status s = restore::BuildLanguageModel(o, &stats); !s.ok()) {
    PrintError(s);
    return ExitCodeFor(s);
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr,
               "sohoa lm: wrote %s/%s in %.1f s: %lld documents, %lld sentences, %lld syllables; "
               "%llu unigram types, %llu bigrams, %llu trigrams; KN discounts %.2f %.2f %.2f\n",
               dir.c_str(), restore::kLanguageModelFile, secs,
               static_cast<long long>(stats.corpus.documents), static_cast<long long>(stats.corpus.sentences),
               static_cast<long long>(stats.corpus.syllables), static_cast<unsigned long long>(stats.unigrams),
               static_cast<unsigned long long>(stats.bigrams), static_cast<unsigned long long>(stats.trigrams),
               stats.discounts[0], stats.discounts[1], stats.discounts[2]);
  return 0;
}

}  // namespace sohoa::cli
