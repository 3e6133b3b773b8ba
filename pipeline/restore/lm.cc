#include "pipeline/restore/lm.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "pipeline/core/files.h"
#include "pipeline/restore/syllables.h"

namespace sohoa::restore {

namespace {

constexpr char kMagic[8] = {'S', 'O', 'H', 'O', 'A', 'L', 'M', '2'};
constexpr uint64_t kEmpty = ~0ull;
constexpr int kIdBits = 21;
constexpr uint64_t kIdMask = (1ull << kIdBits) - 1;
constexpr float kQuantStep = 2000.0f;  // 1/2000 of a log10 unit

struct Header {
  char magic[8];
  uint64_t fingerprint;
  uint32_t vocab;
  uint32_t order;
  uint64_t bi_cap, tri_cap, bi_count, tri_count;
  double discounts[3];
  int64_t documents, sentences, syllables, tokens;
};

uint64_t Key2(uint64_t v, uint64_t w) { return v << kIdBits | w; }
uint64_t Key3(uint64_t u, uint64_t v, uint64_t w) { return (u << kIdBits | v) << kIdBits | w; }

uint64_t Slot(uint64_t key, uint64_t mask) { return (key * 0x9E3779B97F4A7C15ull >> 20) & mask; }

uint16_t Quantise(double log10p) {
  double q = std::round(-log10p * kQuantStep);
  return static_cast<uint16_t>(std::clamp(q, 0.0, 65535.0));
}
float Dequantise(uint16_t q) { return -static_cast<float>(q) / kQuantStep; }

uint64_t Capacity(uint64_t n) {
  uint64_t cap = 16;
  while (cap < n + n / 2) cap <<= 1;
  return cap;
}

// Sorted unique keys with their counts.
void CountSorted(std::vector<uint64_t>* keys, std::vector<uint64_t>* uniq,
                 std::vector<uint32_t>* counts) {
  std::sort(keys->begin(), keys->end());
  for (size_t i = 0; i < keys->size();) {
    size_t j = i;
    while (j < keys->size() && (*keys)[j] == (*keys)[i]) ++j;
    uniq->push_back((*keys)[i]);
    counts->push_back(static_cast<uint32_t>(j - i));
    i = j;
  }
}

double Discount(const std::vector<uint32_t>& counts) {
  double n1 = 0, n2 = 0;
  for (uint32_t c : counts) {
    if (c == 1) ++n1;
    else if (c == 2) ++n2;
  }
  if (n1 + 2 * n2 <= 0) return 0.5;
  return std::clamp(n1 / (n1 + 2 * n2), 0.1, 0.95);
}

void Align8(std::string* s) {
  while (s->size() % 8) s->push_back('\0');
}

template <typename T>
void AppendArray(std::string* s, const std::vector<T>& v) {
  s->append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
  Align8(s);
}

}  // namespace

Status WriteLanguageModel(const Corpus& corpus, const std::string& path, LmFileStats* stats) {
  const SyllableSet& syl = SyllableSet::Get();
  const uint32_t V = syl.size();
  // Trigram tokens with two <s> of left context per sentence.
  std::vector<uint64_t> keys;
  keys.reserve(corpus.stream().size());
  uint32_t u = kBos, v = kBos;
  for (uint32_t w : corpus.stream()) {
    keys.push_back(Key3(u, v, w));
    u = v;
    v = w;
    if (w == kEos) u = v = kBos;
  }
  std::vector<uint64_t> tri;
  std::vector<uint32_t> c3;
  CountSorted(&keys, &tri, &c3);
  std::vector<uint64_t>().swap(keys);
  // Bigram continuation counts: distinct left words of each (v, w).
  std::vector<uint64_t> bikeys;
  bikeys.reserve(tri.size());
  for (uint64_t k : tri) bikeys.push_back(k & ((1ull << 2 * kIdBits) - 1));
  std::vector<uint64_t> bi;
  std::vector<uint32_t> c2;
  CountSorted(&bikeys, &bi, &c2);
  // Unigram continuation counts (+ word-list counts).
  std::vector<double> c1(V, 0.0);
  std::vector<uint32_t> raw(V, 0);
  for (uint32_t w : corpus.stream()) if (w < V) ++raw[w];
  for (uint64_t k : bi) c1[k & kIdMask] += 1;
  for (auto [id, n] : corpus.unigrams()) {
    if (id < V) {
      c1[id] += n;
      raw[id] += n;
    }
  }
  std::vector<uint32_t> c1i;
  for (double c : c1) if (c > 0) c1i.push_back(static_cast<uint32_t>(c));
  const double d1 = Discount(c1i), d2 = Discount(c2), d3 = Discount(c3);
  double total1 = 0, types1 = 0;
  for (uint32_t w = kFirstSyllable - 2; w < V; ++w) {  // </s>, <num> and syllables
    total1 += c1[w];
    if (c1[w] > 0) ++types1;
  }
  const double n_words = V - (kFirstSyllable - 2);
  std::vector<float> p1(V), bow1(V, 0.0f);
  for (uint32_t w = 0; w < V; ++w) {
    double p = (std::max(c1[w] - d1, 0.0) + d1 * types1 / n_words) / std::max(total1, 1.0);
    if (w == kBos) p = 1e-9;
    if (w == kUnk) p = std::max(p, 1e-4);
    p1[w] = static_cast<float>(std::log10(p));
  }
  // Bigram contexts: sum of continuation counts and number of types.
  std::vector<double> ctx2_sum(V, 0.0), ctx2_types(V, 0.0);
  for (size_t i = 0; i < bi.size(); ++i) {
    uint32_t ctx = static_cast<uint32_t>(bi[i] >> kIdBits);
    ctx2_sum[ctx] += c2[i];
    ctx2_types[ctx] += 1;
  }
  for (uint32_t w = 0; w < V; ++w)
    if (ctx2_sum[w] > 0) bow1[w] = static_cast<float>(std::log10(d2 * ctx2_types[w] / ctx2_sum[w]));
  auto p2 = [&](uint64_t key, uint32_t count) {
    uint32_t ctx = static_cast<uint32_t>(key >> kIdBits), w = static_cast<uint32_t>(key & kIdMask);
    if (ctx2_sum[ctx] <= 0) return static_cast<double>(p1[w]);
    double lower = std::pow(10.0, p1[w]);
    double p = (std::max(count - d2, 0.0) + d2 * ctx2_types[ctx] * lower) / ctx2_sum[ctx];
    return std::log10(p);
  };
  // Bigram table: every (v, w) seen plus every trigram context (u, v), which
  // carries the trigram back-off weight.
  std::vector<uint64_t> all_bi = bi;
  std::vector<uint64_t> ctx3;
  std::vector<double> ctx3_bow, ctx3_sum;
  for (size_t i = 0; i < tri.size();) {
    uint64_t ctx = tri[i] >> kIdBits;
    double sum = 0, types = 0;
    size_t j = i;
    for (; j < tri.size() && tri[j] >> kIdBits == ctx; ++j) {
      sum += c3[j];
      types += 1;
    }
    ctx3.push_back(ctx);
    ctx3_bow.push_back(d3 * types / sum);
    ctx3_sum.push_back(sum);
    i = j;
  }
  all_bi.insert(all_bi.end(), ctx3.begin(), ctx3.end());
  std::sort(all_bi.begin(), all_bi.end());
  all_bi.erase(std::unique(all_bi.begin(), all_bi.end()), all_bi.end());
  const uint64_t bi_cap = Capacity(all_bi.size()), tri_cap = Capacity(tri.size());
  std::vector<uint64_t> bk(bi_cap, kEmpty), tk(tri_cap, kEmpty);
  std::vector<uint32_t> bv(bi_cap, 0);
  std::vector<uint16_t> tv(tri_cap, 0);
  auto insert_bi = [&](uint64_t key, double logp, double logbow) {
    uint64_t s = Slot(key, bi_cap - 1);
    while (bk[s] != kEmpty && bk[s] != key) s = (s + 1) & (bi_cap - 1);
    bk[s] = key;
    bv[s] = uint32_t{Quantise(logp)} << 16 | Quantise(logbow);
  };
  {
    size_t a = 0, b = 0;  // merge the seen bigrams and the contexts
    for (uint64_t key : all_bi) {
      while (a < bi.size() && bi[a] < key) ++a;
      while (b < ctx3.size() && ctx3[b] < key) ++b;
      double logp = (a < bi.size() && bi[a] == key)
                        ? p2(key, c2[a])
                        : bow1[key >> kIdBits] + p1[key & kIdMask];
      double logbow = (b < ctx3.size() && ctx3[b] == key) ? std::log10(ctx3_bow[b]) : 0.0;
      insert_bi(key, logp, logbow);
    }
  }
  // Trigram probabilities, interpolated with the bigram level.
  auto bigram_logp = [&](uint64_t key) -> double {
    auto it = std::lower_bound(bi.begin(), bi.end(), key);
    if (it != bi.end() && *it == key) return p2(key, c2[it - bi.begin()]);
    return bow1[key >> kIdBits] + p1[key & kIdMask];
  };
  {
    size_t ci = 0;
    for (size_t i = 0; i < tri.size(); ++i) {
      uint64_t ctx = tri[i] >> kIdBits;
      while (ctx3[ci] != ctx) ++ci;
      double lower = std::pow(10.0, bigram_logp(tri[i] & ((1ull << 2 * kIdBits) - 1)));
      double p_disc = std::max(c3[i] - d3, 0.0) / ctx3_sum[ci];
      double p = p_disc + ctx3_bow[ci] * lower;
      uint64_t key = tri[i];
      uint64_t s = Slot(key, tri_cap - 1);
      while (tk[s] != kEmpty && tk[s] != key) s = (s + 1) & (tri_cap - 1);
      tk[s] = key;
      tv[s] = Quantise(std::log10(p));
    }
  }
  Header h{};
  std::memcpy(h.magic, kMagic, 8);
  h.fingerprint = syl.Fingerprint();
  h.vocab = V;
  h.order = 3;
  h.bi_cap = bi_cap;
  h.tri_cap = tri_cap;
  h.bi_count = all_bi.size();
  h.tri_count = tri.size();
  h.discounts[0] = d1;
  h.discounts[1] = d2;
  h.discounts[2] = d3;
  const CorpusStats& cs = corpus.stats();
  h.documents = cs.documents;
  h.sentences = cs.sentences;
  h.syllables = cs.syllables;
  h.tokens = cs.tokens;
  std::string file(reinterpret_cast<const char*>(&h), sizeof h);
  Align8(&file);
  AppendArray(&file, p1);
  AppendArray(&file, bow1);
  AppendArray(&file, raw);
  std::vector<uint32_t> mid = corpus.mid_counts(), mid_cap = corpus.mid_capital_counts();
  mid.resize(V, 0);
  mid_cap.resize(V, 0);
  AppendArray(&file, mid);
  AppendArray(&file, mid_cap);
  AppendArray(&file, bk);
  AppendArray(&file, bv);
  AppendArray(&file, tk);
  AppendArray(&file, tv);
  if (stats) {
    stats->corpus = cs;
    stats->unigrams = static_cast<uint64_t>(types1);
    stats->bigrams = all_bi.size();
    stats->trigrams = tri.size();
    stats->discounts[0] = d1;
    stats->discounts[1] = d2;
    stats->discounts[2] = d3;
  }
  return WriteFileAtomically(path, file);
}

namespace {

uint64_t Pad8(uint64_t n) { return (n + 7) / 8 * 8; }

// Opens `path` read-only and checks its header against this build's
// syllable set and the file's size.
Status OpenChecked(const std::string& path, int* fd_out, off_t* size_out, Header* h) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0)
    return Status::NotFound(path + ": language model not found (build it with `sohoa lm build`)");
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(Header)) ||
      ::pread(fd, h, sizeof(Header), 0) != static_cast<ssize_t>(sizeof(Header))) {
    ::close(fd);
    return Status::InvalidArgument(path + ": not a sohoa language model (too short)");
  }
  auto fail = [&](const std::string& why) {
    ::close(fd);
    return Status::InvalidArgument(path + why);
  };
  if (std::memcmp(h->magic, kMagic, 8) != 0) return fail(": not a sohoa language model (bad magic)");
  const SyllableSet& syl = SyllableSet::Get();
  if (h->fingerprint != syl.Fingerprint() || h->vocab != syl.size())
    return fail(": language model was built for another syllable set; rebuild it with `sohoa lm build`");
  uint64_t need = Pad8(sizeof(Header)) + 5 * Pad8(4ull * h->vocab) + Pad8(8 * h->bi_cap) +
                  Pad8(4 * h->bi_cap) + Pad8(8 * h->tri_cap) + Pad8(2 * h->tri_cap);
  if (need != static_cast<uint64_t>(st.st_size) || (h->bi_cap & (h->bi_cap - 1)) ||
      (h->tri_cap & (h->tri_cap - 1)))
    return fail(": language model file is truncated or corrupt");
  *fd_out = fd;
  *size_out = st.st_size;
  return Status::Ok();
}

}  // namespace

Status LanguageModel::Check(const std::string& path) {
  int fd = -1;
  off_t size = 0;
  Header h;
  Status s = OpenChecked(path, &fd, &size, &h);
  if (s.ok()) ::close(fd);
  return s;
}

Status LanguageModel::Open(const std::string& path, std::unique_ptr<LanguageModel>* out) {
  int fd = -1;
  off_t size = 0;
  Header header;
  if (Status s = OpenChecked(path, &fd, &size, &header); !s.ok()) return s;
  void* map = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (map == MAP_FAILED) return Status::IoError(path + ": cannot memory-map");
  std::unique_ptr<LanguageModel> lm(new LanguageModel());
  lm->map_ = map;
  lm->size_ = size;
  const Header* h = static_cast<const Header*>(map);
  auto pad = Pad8;
  uint64_t off = pad(sizeof(Header));
  const char* base = static_cast<const char*>(map);
  lm->vocab_ = h->vocab;
  lm->uni_logp_ = reinterpret_cast<const float*>(base + off);
  off += pad(4ull * h->vocab);
  lm->uni_bow_ = reinterpret_cast<const float*>(base + off);
  off += pad(4ull * h->vocab);
  lm->uni_count_ = reinterpret_cast<const uint32_t*>(base + off);
  off += pad(4ull * h->vocab);
  lm->mid_count_ = reinterpret_cast<const uint32_t*>(base + off);
  off += pad(4ull * h->vocab);
  lm->mid_cap_ = reinterpret_cast<const uint32_t*>(base + off);
  off += pad(4ull * h->vocab);
  lm->bi_keys_ = reinterpret_cast<const uint64_t*>(base + off);
  off += pad(8 * h->bi_cap);
  lm->bi_vals_ = reinterpret_cast<const uint32_t*>(base + off);
  off += pad(4 * h->bi_cap);
  lm->tri_keys_ = reinterpret_cast<const uint64_t*>(base + off);
  off += pad(8 * h->tri_cap);
  lm->tri_vals_ = reinterpret_cast<const uint16_t*>(base + off);
  lm->bi_mask_ = h->bi_cap - 1;
  lm->tri_mask_ = h->tri_cap - 1;
  madvise(map, size, MADV_WILLNEED);
  lm->stats_.corpus = {h->documents, h->sentences, h->syllables, h->tokens};
  lm->stats_.bigrams = h->bi_count;
  lm->stats_.trigrams = h->tri_count;
  for (int i = 0; i < 3; ++i) lm->stats_.discounts[i] = h->discounts[i];
  *out = std::move(lm);
  return Status::Ok();
}

LanguageModel::~LanguageModel() {
  if (map_) munmap(map_, size_);
}

float LanguageModel::CaseScore(uint32_t w, bool capital) const {
  if (w >= vocab_) return 0;
  // A weak prior (most words are lower case inside a sentence) plus counts.
  const double cap = mid_cap_[w] + 0.2, total = mid_count_[w] + 1.0;
  const double p = std::clamp(cap / total, 0.01, 0.99);
  return static_cast<float>(std::log10(capital ? p : 1.0 - p));
}

float LanguageModel::Score(uint32_t u, uint32_t v, uint32_t w) const {
  if (u >= vocab_) u = kUnk;
  if (v >= vocab_) v = kUnk;
  if (w >= vocab_) w = kUnk;
  const uint64_t k3 = Key3(u, v, w);
  for (uint64_t s = Slot(k3, tri_mask_);; s = (s + 1) & tri_mask_) {
    if (tri_keys_[s] == k3) return Dequantise(tri_vals_[s]);
    if (tri_keys_[s] == kEmpty) break;
  }
  float bow = 0;
  const uint64_t kc = Key2(u, v);
  for (uint64_t s = Slot(kc, bi_mask_);; s = (s + 1) & bi_mask_) {
    if (bi_keys_[s] == kc) {
      bow = Dequantise(bi_vals_[s] & 0xffff);
      break;
    }
    if (bi_keys_[s] == kEmpty) break;
  }
  const uint64_t k2 = Key2(v, w);
  for (uint64_t s = Slot(k2, bi_mask_);; s = (s + 1) & bi_mask_) {
    if (bi_keys_[s] == k2) return bow + Dequantise(bi_vals_[s] >> 16);
    if (bi_keys_[s] == kEmpty) break;
  }
  return bow + uni_bow_[v] + uni_logp_[w];
}

}  // namespace sohoa::restore
