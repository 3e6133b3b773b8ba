// Measures the restore stage: syllable accuracy on fully stripped held-out
// reports (seeds 000, 002, 003, 004, never used to build the model) against
// the identity baseline; share of confident tokens that are right; CER/WER
// on the OCR-garbled held-out fixture; what happens to seed 001; decoding
// throughput (syllables per second per core), model load time, memory.
//   build-dir/bench/restore/restore_bench [--repeat N]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/core/files.h"
#include "pipeline/core/syllable.h"
#include "pipeline/core/utf8.h"
#include "pipeline/restore/lm.h"
#include "pipeline/restore/restore.h"
#include "pipeline/restore/syllables.h"

namespace sohoa {
namespace {

std::string Read(const std::string& rel) {
  std::string s;
  if (!ReadFileBytes(std::string(SOHOA_FIXTURES_DIR) + "/" + rel, &s).ok()) {
    std::fprintf(stderr, "restore_bench: cannot read fixtures/%s\n", rel.c_str());
    std::exit(1);
  }
  return s;
}

double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

long RssKb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::strlen(field));
  return -1;
}

std::vector<std::string> Split(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

template <typename T>
size_t EditDistance(const std::vector<T>& a, const std::vector<T>& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}


Document FromText(const std::string& text) {
  Document d;
  d.pages = PagesFromText(text, WordSource::kPlainText);
  return d;
}

struct WordStats {
  long total = 0, right = 0, baseline = 0, confident = 0, confident_right = 0, marked = 0,
       marked_right = 0;
  std::vector<std::pair<float, bool>> conf;  // per word: confidence, right
};

float g_confident = 0.9f;

// Compares restored words with the truth, word by word (stripped mode keeps
// every word in place).
void Compare(const Document& truth, const Document& doc, WordStats* st) {
  for (size_t p = 0; p < doc.pages.size(); ++p) {
    for (size_t l = 0; l < doc.pages[p].lines.size(); ++l) {
      const auto& tw = truth.pages[p].lines[l].words;
      const auto& dw = doc.pages[p].lines[l].words;
      for (size_t k = 0; k < dw.size() && k < tw.size(); ++k) {
        const std::string& t = tw[k].text;
        bool has_letter = false;
        for (unsigned char c : t) has_letter = has_letter || std::isalpha(c) || c >= 0x80;
        if (!has_letter) continue;
        ++st->total;
        const bool right = dw[k].text == t;
        st->right += right;
        st->baseline += (dw[k].original.empty() ? dw[k].text : dw[k].original) == t;
        if (StripDiacritics(t) != t) {
          ++st->marked;
          st->marked_right += right;
        }
        st->conf.push_back({dw[k].repair_confidence, right});
        if (!right && dw[k].repair_confidence >= 0.9f && std::getenv("SHOW_CONFIDENT_ERRORS"))
          std::fprintf(stderr, "confident error %.3f: %s -> %s (line: %s)\n", dw[k].repair_confidence,
                       t.c_str(), dw[k].text.c_str(), truth.pages[p].lines[l].Text().c_str());
        if (dw[k].repair_confidence >= g_confident) {
          ++st->confident;
          st->confident_right += right;
        }
      }
    }
  }
}

// Precision and coverage of "confident" at several thresholds, and the
// lowest threshold whose precision reaches 99.5%.
void Sweep(std::vector<std::pair<float, bool>> conf) {
  std::sort(conf.begin(), conf.end(), [](auto& a, auto& b) { return a.first > b.first; });
  std::printf("  confidence threshold sweep (precision / share of words confident):\n   ");
  for (float t : {0.8f, 0.9f, 0.95f, 0.97f, 0.98f, 0.99f, 0.995f, 0.999f}) {
    long n = 0, ok = 0;
    for (auto& c : conf) if (c.first >= t) ++n, ok += c.second;
    std::printf(" %.3f: %.2f%%/%.1f%%", t, 100.0 * ok / std::max(1L, n), 100.0 * n / conf.size());
  }
  // Scan down from the most confident: the lowest threshold at which the
  // precision of everything above it is still >= 99.5%.
  long n = 0, ok = 0;
  float best = 1.0f;
  long best_n = 0;
  for (size_t i = 0; i < conf.size(); ++i) {
    ++n;
    ok += conf[i].second;
    const bool last_of_value = i + 1 == conf.size() || conf[i + 1].first != conf[i].first;
    if (last_of_value && ok >= 0.995 * n) {
      best = conf[i].first;
      best_n = n;
    }
  }
  std::printf("\n  lowest threshold with >= 99.5%% precision: %.4f (%.1f%% of words)\n", best,
              100.0 * best_n / std::max<size_t>(1, conf.size()));
}

struct Eval {
  WordStats stripped;
  double wer_before = 0, wer_after = 0, cer_before = 0, cer_after = 0;
  size_t words = 0;
};

void EvalStripped(const std::vector<std::string>& files, const Restorer& r, WordStats* all) {
  for (const std::string& f : files) {
    const std::string clean = Read(f);
    Document truth = FromText(clean), doc = FromText(StripDiacritics(clean));
    r.RestoreDocument(&doc);
    WordStats st;
    Compare(truth, doc, &st);
    std::printf("  %s: %ld words, restored %.2f%% (baseline %.2f%%); words with marks %.2f%%; "
                "confident %.1f%% of words, %.2f%% of them right\n",
                f.c_str(), st.total, 100.0 * st.right / st.total, 100.0 * st.baseline / st.total,
                100.0 * st.marked_right / st.marked, 100.0 * st.confident / st.total,
                100.0 * st.confident_right / st.confident);
    all->total += st.total;
    all->right += st.right;
    all->baseline += st.baseline;
    all->marked += st.marked;
    all->marked_right += st.marked_right;
    all->confident += st.confident;
    all->confident_right += st.confident_right;
    all->conf.insert(all->conf.end(), st.conf.begin(), st.conf.end());
  }
  std::printf("  all: %ld words, restored %.2f%% (baseline %.2f%%); words with marks %.2f%%; "
              "confident (>= %.3f) %.1f%% of words, %.2f%% right\n",
              all->total, 100.0 * all->right / all->total, 100.0 * all->baseline / all->total,
              100.0 * all->marked_right / all->marked, g_confident, 100.0 * all->confident / all->total,
              100.0 * all->confident_right / all->confident);
  Sweep(all->conf);
}

void EvalOcr(const std::string& src_file, const std::string& ocr_file, const Restorer& r) {
  const std::string src = Read(src_file);
  const std::string garbled = Read(ocr_file);
  Document doc = FromText(garbled);
  r.RestoreDocument(&doc);
  const std::string out = doc.Text();
  std::istringstream s_in(src), g_in(garbled), o_in(out);
  std::string s, g, o;
  size_t words = 0, chars = 0, wer_before = 0, wer_after = 0, cer_before = 0, cer_after = 0;
  while (std::getline(s_in, s) && std::getline(g_in, g) && std::getline(o_in, o)) {
    auto sw = Split(s), gw = Split(g), ow = Split(o);
    words += sw.size();
    wer_before += EditDistance(sw, gw);
    wer_after += EditDistance(sw, ow);
    std::u32string su = Utf8ToU32(s), gu = Utf8ToU32(g), ou = Utf8ToU32(o);
    std::vector<char32_t> sv(su.begin(), su.end()), gv(gu.begin(), gu.end()), ov(ou.begin(), ou.end());
    chars += sv.size();
    cer_before += EditDistance(sv, gv);
    cer_after += EditDistance(sv, ov);
  }
  std::printf("  %s (%zu words): WER %.2f%% -> %.2f%%, CER %.2f%% -> %.2f%%\n", ocr_file.c_str(), words,
              100.0 * wer_before / words, 100.0 * wer_after / words, 100.0 * cer_before / chars,
              100.0 * cer_after / chars);
}

}  // namespace
}  // namespace sohoa

int main(int argc, char** argv) {
  using namespace sohoa;
  int repeat = 5;
  bool dev = false;
  RestoreOptions base;
  for (int i = 1; i < argc; ++i) {
    auto arg = [&](const char* name) { return std::strcmp(argv[i], name) == 0 && i + 1 < argc; };
    if (arg("--repeat")) repeat = std::atoi(argv[++i]);
    else if (arg("--cache-weight")) base.cache_weight = std::atof(argv[++i]);
    else if (arg("--cache-kappa")) base.cache_kappa = std::atof(argv[++i]);
    else if (arg("--cache-min")) base.cache_min_confidence = std::atof(argv[++i]);
    else if (arg("--confident")) base.confident = std::atof(argv[++i]);
    else if (arg("--beam")) base.beam = std::atoi(argv[++i]);
    else if (arg("--max-candidates")) base.max_candidates = std::atoi(argv[++i]);
    else if (std::strcmp(argv[i], "--dev") == 0) dev = true;
    else {
      std::fprintf(stderr,
                   "usage: restore_bench [--repeat N] [--dev] [--cache-weight W] [--cache-kappa K]\n"
                   "       [--cache-min C] [--confident T] [--beam B] [--max-candidates N]\n"
                   "  --dev: only the dev split (fixtures/restore/dev_*), for tuning\n"
                   "  SHOW_CONFIDENT_ERRORS=1 in the environment lists wrong words of confidence >= 0.9\n");
      return 2;
    }
  }
  g_confident = base.confident;

  auto t0 = std::chrono::steady_clock::now();
  restore::SyllableSet::Get();
  auto t1 = std::chrono::steady_clock::now();
  RestoreOptions so = base;
  so.mode = RestoreMode::kStripped;
  std::unique_ptr<Restorer> stripped;
  if (Status s = Restorer::Open(so, &stripped); !s.ok()) {
    std::fprintf(stderr, "restore_bench: %s\n", s.message().c_str());
    return 1;
  }
  auto t2 = std::chrono::steady_clock::now();
  std::printf("syllable set: %u syllables, generated in %.0f ms\n", restore::SyllableSet::Get().size() - 4,
              std::chrono::duration<double, std::milli>(t1 - t0).count());
  std::printf("model load (mmap + tables): %.1f ms\n",
              std::chrono::duration<double, std::milli>(t2 - t1).count());
  std::printf("cache weight %.3f, kappa %.2f, min confidence %.2f; confident >= %.3f\n", base.cache_weight,
              base.cache_kappa, base.cache_min_confidence, base.confident);
  RestoreOptions oo = base;
  oo.mode = RestoreMode::kOcr;
  std::unique_ptr<Restorer> ocr;
  if (!Restorer::Open(oo, &ocr).ok()) return 1;

  if (dev) {
    std::printf("\nDEV stripped (fixtures/restore/dev_admin*.txt, not in the model):\n");
    WordStats all;
    EvalStripped({"restore/dev_admin.txt", "restore/dev_admin2.txt", "restore/dev_admin3.txt",
                  "restore/dev_admin4.txt", "restore/dev_admin5.txt"},
                 *stripped, &all);
    std::printf("\nDEV OCR:\n");
    EvalOcr("restore/dev_ocr.src.txt", "restore/dev_ocr.ocr.txt", *ocr);
    EvalOcr("restore/dev_ocr2.src.txt", "restore/dev_ocr2.ocr.txt", *ocr);
    EvalOcr("restore/dev_ocr3.src.txt", "restore/dev_ocr3.ocr.txt", *ocr);
    EvalOcr("restore/dev_ocr4.src.txt", "restore/dev_ocr4.ocr.txt", *ocr);
    EvalOcr("restore/dev_ocr5.src.txt", "restore/dev_ocr5.ocr.txt", *ocr);
    return 0;
  }

  // 1. Fully stripped held-out reports.
  const std::vector<std::string> kHeld = {
      "seeds/000_eec36b514c44fab6.txt", "seeds/002_e06f4918bee2bbad.txt",
      "seeds/003_fdc46fb5b852ba72.txt", "seeds/004_c1665277c84d2c10.txt"};
  std::printf("\nstripped held-out (words with letters; identity baseline = the stripped text):\n");
  WordStats all;
  EvalStripped(kHeld, *stripped, &all);

  // 2. OCR-garbled held-out lines (rendered + tesseract eng).
  std::printf("\nOCR held-out:\n");
  EvalOcr("restore/ocr_heldout.src.txt", "restore/ocr_heldout.ocr.txt", *ocr);

  // 3. Seed 001 (a real OCR'd report; no clean text to compare with).
  {
    Document doc = FromText(Read("seeds/001_9dfe1deb195a3c44.txt"));
    RestoreReport rep;
    RestoreOptions ao = base;
    std::unique_ptr<Restorer> autor;
    Restorer::Open(ao, &autor);
    auto valid_share = [](const Document& d, bool marked_only) {
      long n = 0, ok = 0;
      for (const Page& p : d.pages)
        for (const Line& l : p.lines)
          for (const Word& w : l.words) {
            std::istringstream in(w.text);
            std::string part;
            while (in >> part) {
              std::string core;
              for (char c : part) if (!std::strchr(".,;:()\"'!?-/", c)) core += c;
              if (core.empty() || std::isdigit(static_cast<unsigned char>(core[0]))) continue;
              ++n;
              bool v = restore::SyllableSet::Get().Id(core) != restore::kUnk;
              if (marked_only) v = v && StripDiacritics(core) != core;
              ok += v;
            }
          }
      return 100.0 * ok / std::max(1L, n);
    };
    const double before = valid_share(doc, false), before_m = valid_share(doc, true);
    autor->Restore(&doc, &rep);
    std::printf("\nseed 001 (auto mode -> %s): valid syllables %.1f%% -> %.1f%%, with marks %.1f%% -> %.1f%%; "
                "%d decoded, %d repaired, %d codes, %d low-confidence\n",
                RestoreModeName(rep.mode_used), before, valid_share(doc, false), before_m,
                valid_share(doc, true), rep.decoded, rep.repaired, rep.codes_repaired, rep.low_confidence);
  }

  // 4. Throughput on stripped text, one thread.
  std::string text;
  for (const std::string& f : kHeld) text += StripDiacritics(Read(f)) + "\n";
  long syllables = 0;
  double cpu = 0;
  for (int r = 0; r < repeat; ++r) {
    Document doc = FromText(text);
    double c0 = CpuSeconds();
    RestoreReport rep;
    stripped->Restore(&doc, &rep);
    cpu += CpuSeconds() - c0;
    syllables += rep.decoded;
  }
  std::printf("\nthroughput (stripped, 1 thread): %ld tokens decoded in %.2f s CPU = %.0f syllables/s\n",
              syllables, cpu, syllables / cpu);
  // Auto mode on a mixed text (every other line stripped): the mode is
  // decided per line, and the intact lines are kept.
  {
    std::string mixed;
    size_t n = 0;
    for (const std::string& f : kHeld) {
      std::istringstream in(Read(f));
      for (std::string line; std::getline(in, line); ++n) mixed += (n % 2 ? StripDiacritics(line) : line) + "\n";
    }
    RestoreOptions ao = base;
    std::unique_ptr<Restorer> autor;
    Restorer::Open(ao, &autor);
    long syl = 0;
    double c = 0;
    for (int r = 0; r < repeat; ++r) {
      Document doc = FromText(mixed);
      const double c0 = CpuSeconds();
      RestoreReport rep;
      autor->Restore(&doc, &rep);
      c += CpuSeconds() - c0;
      syl += rep.decoded;
    }
    std::printf("throughput (auto, half the lines stripped, 1 thread): %ld tokens decoded in %.2f s CPU = %.0f syllables/s\n",
                syl, c, syl / c);
  }
  // OCR mode, one thread, CPU time per decoded token.
  auto time_ocr = [&](const char* what, const std::string& text) {
    Document doc = FromText(text);
    const double c0 = CpuSeconds();
    RestoreReport rep;
    ocr->Restore(&doc, &rep);
    const double c = CpuSeconds() - c0;
    std::printf("throughput (%s): %d tokens in %.2f s CPU = %.0f tokens/s\n", what, rep.decoded, c,
                rep.decoded / c);
  };
  time_ocr("ocr, 2 passes, 1 thread", Read("restore/ocr_heldout.ocr.txt"));
  // The worst case: noise (random letters, digits and OCR symbols, 1-14
  // characters a token), where every token is split-searched.
  std::string noise;
  const std::string chars = "abcdeghiklmnopqrstuvxyABCDGHKLMNQST0123456789~\\@&#|{}^`";
  uint32_t state = 12345;
  auto next = [&]() { return state = state * 1103515245u + 12345u, (state >> 8) % 1000003u; };
  for (int i = 0; i < 300; ++i) {
    const size_t len = 1 + next() % 14;
    for (size_t k = 0; k < len; ++k) noise += chars[next() % chars.size()];
    noise += i % 12 == 11 ? '\n' : ' ';
  }
  time_ocr("ocr on noise, worst case", noise);
  std::printf("memory: VmRSS %ld kB, peak VmHWM %ld kB\n", RssKb("VmRSS:"), RssKb("VmHWM:"));
  return 0;
}
