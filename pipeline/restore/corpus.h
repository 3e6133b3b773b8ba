// Training text for the syllable language model: readers for the formats
// Debian ships Vietnamese text in (gettext .mo catalogues, gzip'd groff
// manpages, HTML help pages, plain text) and a Corpus that turns text into
// sentences of syllable ids (syllables.h). Not thread-safe.
#ifndef SOHOA_RESTORE_CORPUS_H_
#define SOHOA_RESTORE_CORPUS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"

namespace sohoa::restore {

// The msgstr strings of a gettext .mo catalogue (either byte order).
Status ReadMoStrings(const std::string& path, std::vector<std::string>* out);
// The whole decompressed contents of a gzip file.
Status ReadGzipFile(const std::string& path, std::string* out);
// Running text of a groff/man source: macros dropped (their arguments kept
// for .SH .SS .TP .B .I .IP ...), escapes removed.
std::string GroffToText(std::string_view groff);
// Running text of an HTML page: script/style dropped, tags become line
// breaks or spaces, entities decoded.
std::string HtmlToText(std::string_view html);

struct CorpusStats {
  int64_t documents = 0;
  int64_t sentences = 0;
  int64_t syllables = 0;  // tokens that are valid syllables
  int64_t tokens = 0;     // all tokens kept (syllables, numbers, unknown)
};

// Sentences as ids: each sentence's ids followed by kEos.
class Corpus {
 public:
  // Splits text into sentences (line breaks and . ? ! ; :) and keeps the
  // sentences that look Vietnamese (enough syllables with diacritics), each
  // `repeat` times. `min_marked_share` is the share of tokens that must carry
  // a Vietnamese mark (0 keeps everything, for curated text).
  // `phrases`: curated lines (names, terms) whose first word's capital is
  // meaningful too, not a sentence start.
  void AddText(std::string_view text, int repeat = 1, double min_marked_share = 0.25,
               bool phrases = false);
  void AddDocument() { ++stats_.documents; }
  // A single syllable seen `count` times on its own (dictionary word lists).
  void AddUnigram(uint32_t id, int count);

  const std::vector<uint32_t>& stream() const { return stream_; }
  const std::vector<std::pair<uint32_t, int>>& unigrams() const { return unigrams_; }
  const CorpusStats& stats() const { return stats_; }
  // Per syllable id: times seen inside a sentence (not first), and how many
  // of those were capitalised ("Sở Tư pháp" vs "số hồ sơ").
  const std::vector<uint32_t>& mid_counts() const { return mid_; }
  const std::vector<uint32_t>& mid_capital_counts() const { return mid_cap_; }

 private:
  void AddSentence(const std::vector<uint32_t>& ids, const std::vector<bool>& caps, int repeat,
                   bool phrases);
  std::vector<uint32_t> stream_;
  std::vector<uint32_t> mid_, mid_cap_;
  std::vector<std::pair<uint32_t, int>> unigrams_;
  CorpusStats stats_;
};

// Splits one line of text into word tokens (letters/digits runs, keeping
// Vietnamese letters), for the corpus and the decoder's tests.
std::vector<std::string> WordTokens(std::string_view text);

}  // namespace sohoa::restore

#endif  // SOHOA_RESTORE_CORPUS_H_
