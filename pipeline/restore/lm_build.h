// Builds the syllable language model (lm.h) from the Vietnamese text that
// Debian packages ship (gettext catalogues, manpages-vi, maint-guide-vi,
// libreoffice-help-vi, hunspell-vi as unigrams), the project's domain
// dictionary (dictionaries/domain/) and, optionally, the user's own clean
// documents (.txt/.md under the given directories).
#ifndef SOHOA_RESTORE_LM_BUILD_H_
#define SOHOA_RESTORE_LM_BUILD_H_

#include <functional>
#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/restore/lm.h"

namespace sohoa::restore {

struct LmBuildOptions {
  std::string out_dir;           // the model goes to out_dir/syllables.lm
  std::string dictionaries_dir;  // dictionaries/ (domain/ inside)
  std::string system_root = "/";  // where /usr/share is looked up (tests)
  bool debian_text = true;        // read the Debian-shipped text
  std::vector<std::string> user_dirs;  // the user's clean documents
  int user_repeat = 3;  // the user's text counts this many times
  std::function<void(const std::string&)> progress;  // one line per step
};

Status BuildLanguageModel(const LmBuildOptions& options, LmFileStats* stats);

// Adds dictionaries/domain/*.tsv ("phrase<TAB>weight" lines) to `corpus`.
Status AddDomainDictionary(const std::string& dictionaries_dir, Corpus* corpus, int* phrases);

}  // namespace sohoa::restore

#endif  // SOHOA_RESTORE_LM_BUILD_H_
