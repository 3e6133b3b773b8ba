#include "pipeline/ingest/doc_wire.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace sohoa {

namespace {

constexpr uint32_t kMagic = 0x534F4801;  // "SOH" + version 1
constexpr uint64_t kMaxCount = 1ull << 32;

class Writer {
 public:
  template <typename T>
  void Num(T v) {
    static_assert(std::is_arithmetic_v<T>);
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void Str(std::string_view s) {
    Num<uint64_t>(s.size());
    out_.append(s);
  }
  void BoxV(const Box& b) {
    Num(b.x0), Num(b.y0), Num(b.x1), Num(b.y1);
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <typename T>
  bool Num(T* v) {
    if (in_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool Str(std::string* s) {
    uint64_t n;
    if (!Num(&n) || n > in_.size() - pos_) return false;
    s->assign(in_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool Count(uint64_t* n) { return Num(n) && *n < kMaxCount && *n <= in_.size() - pos_; }
  bool BoxV(Box* b) { return Num(&b->x0) && Num(&b->y0) && Num(&b->x1) && Num(&b->y1); }
  bool done() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

template <typename E>
bool Enum(Reader& r, E* e, int max) {
  int32_t v;
  if (!r.Num(&v) || v < 0 || v > max) return false;
  *e = static_cast<E>(v);
  return true;
}

}  // namespace

std::string EncodeResult(const Status& status, const Document& doc) {
  Writer w;
  w.Num(kMagic);
  w.Num<int32_t>(static_cast<int32_t>(status.code()));
  w.Str(status.message());
  w.Str(doc.path), w.Str(doc.format), w.Num(doc.size_bytes), w.Str(doc.content_hash);
  w.Str(doc.undecoded_bytes), w.Str(doc.encoding), w.Num(doc.encoding_confidence);
  w.Num<uint64_t>(doc.pages.size());
  for (const Page& p : doc.pages) {
    w.Num<int32_t>(p.number), w.Num(p.width), w.Num(p.height);
    w.Num<int32_t>(static_cast<int32_t>(p.unit)), w.Num<int32_t>(p.dpi);
    w.Num<int32_t>(p.rotation), w.Num<int32_t>(static_cast<int32_t>(p.source));
    w.Str(p.ocr_reason);
    w.Num<uint64_t>(p.lines.size());
    for (const Line& l : p.lines) {
      w.Str(l.leading), w.BoxV(l.box), w.Num<int32_t>(l.source_line);
      w.Num<uint8_t>(l.continues), w.Num<uint8_t>(l.hyphenated);
      w.Num<uint64_t>(l.words.size());
      for (const Word& x : l.words) {
        w.Str(x.text), w.Str(x.original), w.Str(x.trailing), w.BoxV(x.box);
        w.Num(x.confidence), w.Num<int32_t>(static_cast<int32_t>(x.source));
        w.Str(x.font), w.Str(x.encoding), w.Num(x.encoding_confidence);
        w.Num(x.repair_confidence);
        w.Num<uint64_t>(x.alternatives.size());
        for (const std::string& a : x.alternatives) w.Str(a);
      }
    }
    w.Num<uint64_t>(p.grids.size());
    for (const Grid& g : p.grids) {
      w.Str(g.structure), w.BoxV(g.box), w.Num<int32_t>(g.rows), w.Num<int32_t>(g.cols);
      w.Num<int32_t>(g.first_line);
      w.Num<uint64_t>(g.cells.size());
      for (const GridCell& c : g.cells) {
        w.Num<int32_t>(c.row), w.Num<int32_t>(c.col), w.Num<int32_t>(c.row_span);
        w.Num<int32_t>(c.col_span), w.Str(c.text), w.BoxV(c.box), w.Num(c.confidence);
      }
    }
  }
  w.Num<uint64_t>(doc.notes.size());
  for (const Note& n : doc.notes) {
    w.Str(n.stage), w.Str(n.level), w.Str(n.message), w.Num<int32_t>(n.page);
    w.Num(n.byte_offset);
  }
  return std::move(w.out());
}

bool DecodeResult(std::string_view bytes, Status* status, Document* doc) {
  Reader r(bytes);
  uint32_t magic;
  Status::Code code;
  std::string message;
  if (!r.Num(&magic) || magic != kMagic) return false;
  if (!Enum(r, &code, static_cast<int>(Status::Code::kInternal)) || !r.Str(&message)) return false;
  *doc = Document();
  Document& d = *doc;
  uint64_t npages;
  if (!r.Str(&d.path) || !r.Str(&d.format) || !r.Num(&d.size_bytes) || !r.Str(&d.content_hash) ||
      !r.Str(&d.undecoded_bytes) || !r.Str(&d.encoding) || !r.Num(&d.encoding_confidence) ||
      !r.Count(&npages))
    return false;
  d.pages.resize(npages);
  for (Page& p : d.pages) {
    int32_t number, dpi, rotation;
    uint64_t nlines;
    if (!r.Num(&number) || !r.Num(&p.width) || !r.Num(&p.height) ||
        !Enum(r, &p.unit, static_cast<int>(BoxUnit::kPixels)) || !r.Num(&dpi) ||
        !r.Num(&rotation) || !Enum(r, &p.source, static_cast<int>(WordSource::kOcr)) ||
        !r.Str(&p.ocr_reason) || !r.Count(&nlines))
      return false;
    p.number = number, p.dpi = dpi, p.rotation = rotation;
    p.lines.resize(nlines);
    for (Line& l : p.lines) {
      int32_t source_line;
      uint8_t continues, hyphenated;
      uint64_t nwords;
      if (!r.Str(&l.leading) || !r.BoxV(&l.box) || !r.Num(&source_line) || !r.Num(&continues) ||
          !r.Num(&hyphenated) || !r.Count(&nwords))
        return false;
      l.source_line = source_line, l.continues = continues, l.hyphenated = hyphenated;
      l.words.resize(nwords);
      for (Word& x : l.words) {
        uint64_t nalt;
        if (!r.Str(&x.text) || !r.Str(&x.original) || !r.Str(&x.trailing) || !r.BoxV(&x.box) ||
            !r.Num(&x.confidence) || !Enum(r, &x.source, static_cast<int>(WordSource::kOcr)) ||
            !r.Str(&x.font) || !r.Str(&x.encoding) || !r.Num(&x.encoding_confidence) ||
            !r.Num(&x.repair_confidence) || !r.Count(&nalt))
          return false;
        x.alternatives.resize(nalt);
        for (std::string& a : x.alternatives)
          if (!r.Str(&a)) return false;
      }
    }
    uint64_t ngrids;
    if (!r.Count(&ngrids)) return false;
    p.grids.resize(ngrids);
    for (Grid& g : p.grids) {
      int32_t rows, cols, first_line;
      uint64_t ncells;
      if (!r.Str(&g.structure) || !r.BoxV(&g.box) || !r.Num(&rows) || !r.Num(&cols) ||
          !r.Num(&first_line) || !r.Count(&ncells))
        return false;
      g.rows = rows, g.cols = cols, g.first_line = first_line;
      g.cells.resize(ncells);
      for (GridCell& c : g.cells) {
        int32_t row, col, row_span, col_span;
        if (!r.Num(&row) || !r.Num(&col) || !r.Num(&row_span) || !r.Num(&col_span) ||
            !r.Str(&c.text) || !r.BoxV(&c.box) || !r.Num(&c.confidence))
          return false;
        c.row = row, c.col = col, c.row_span = row_span, c.col_span = col_span;
      }
    }
  }
  uint64_t nnotes;
  if (!r.Count(&nnotes)) return false;
  d.notes.resize(nnotes);
  for (Note& n : d.notes) {
    int32_t page;
    if (!r.Str(&n.stage) || !r.Str(&n.level) || !r.Str(&n.message) || !r.Num(&page) ||
        !r.Num(&n.byte_offset))
      return false;
    n.page = page;
  }
  if (!r.done()) return false;
  switch (code) {
    case Status::Code::kOk: *status = Status::Ok(); break;
    case Status::Code::kInvalidArgument: *status = Status::InvalidArgument(message); break;
    case Status::Code::kNotFound: *status = Status::NotFound(message); break;
    case Status::Code::kIoError: *status = Status::IoError(message); break;
    case Status::Code::kEmpty: *status = Status::Empty(message); break;
    case Status::Code::kCorrupt: *status = Status::Corrupt(message); break;
    case Status::Code::kEncrypted: *status = Status::Encrypted(message); break;
    case Status::Code::kUnsupported: *status = Status::Unsupported(message); break;
    case Status::Code::kTooLarge: *status = Status::TooLarge(message); break;
    case Status::Code::kTimeout: *status = Status::Timeout(message); break;
    case Status::Code::kEngineFailure: *status = Status::EngineFailure(message); break;
    case Status::Code::kArchiveError: *status = Status::ArchiveError(message); break;
    case Status::Code::kInternal: *status = Status::Internal(message); break;
  }
  return true;
}

}  // namespace sohoa
