#include "pipeline/ingest/image_reader.h"

#include <cstring>
#include <mutex>
#include <set>

#include <leptonica/allheaders.h>

namespace sohoa {

namespace {

void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

uint32_t ReadU16(const std::string& b, size_t at, bool le) {
  auto u = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(b[at + i])); };
  return le ? (u(0) | u(1) << 8) : (u(0) << 8 | u(1));
}

uint32_t ReadU32(const std::string& b, size_t at, bool le) {
  return le ? (ReadU16(b, at, le) | ReadU16(b, at + 2, le) << 16)
            : (ReadU16(b, at, le) << 16 | ReadU16(b, at + 2, le));
}

}  // namespace

bool TiffPageSizes(const std::string& b, std::vector<ImagePageInfo>* pages, int max_pages,
                   bool* truncated) {
  pages->clear();
  if (truncated) *truncated = false;
  if (b.size() < 8) return false;
  bool le = b[0] == 'I';
  uint64_t ifd = ReadU32(b, 4, le);
  std::set<uint64_t> seen;  // a loop in the chain must not hang us
  // The next page's directory past the end of the file: the file was cut
  // there; the pages before it are whole.
  auto cut = [&] {
    if (truncated) *truncated = true;
    return !pages->empty();
  };
  while (ifd != 0 && static_cast<int>(pages->size()) < max_pages) {
    if (!seen.insert(ifd).second) return false;
    if (ifd + 2 > b.size()) return cut();
    uint32_t n = ReadU16(b, ifd, le);
    if (ifd + 2 + 12ull * n + 4 > b.size()) return cut();
    ImagePageInfo info;
    for (uint32_t i = 0; i < n; ++i) {
      size_t e = ifd + 2 + 12 * i;
      uint32_t tag = ReadU16(b, e, le), type = ReadU16(b, e + 2, le);
      uint32_t value = type == 3 ? ReadU16(b, e + 8, le) : ReadU32(b, e + 8, le);
      if (tag == 256) info.width = static_cast<int>(value);
      if (tag == 257) info.height = static_cast<int>(value);
    }
    pages->push_back(info);
    ifd = ReadU32(b, ifd + 2 + 12ull * n, le);
  }
  return !pages->empty();
}

Status ImageReader::Open(const std::string& path, std::string bytes, InputFormat format,
                         long long max_pixels, std::unique_ptr<ImageReader>* reader) {
  QuietLeptonica();
  std::unique_ptr<ImageReader> r(new ImageReader());
  r->path_ = path;
  r->bytes_ = std::move(bytes);
  r->format_ = format;
  const auto* data = reinterpret_cast<const l_uint8*>(r->bytes_.data());
  if (format == InputFormat::kTiff) {
    if (!TiffPageSizes(r->bytes_, &r->pages_, 10000, &r->truncated_))
      return Status::Corrupt(path + ": TIFF structure is damaged");
  } else {
    l_int32 fmt = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
    if (pixReadHeaderMem(data, r->bytes_.size(), &fmt, &w, &h, &bps, &spp, &cmap) != 0)
      return Status::Corrupt(path + ": " + InputFormatName(format) +
                             " header is damaged or unsupported");
    r->pages_.push_back({w, h});
  }
  for (size_t i = 0; i < r->pages_.size(); ++i) {
    const ImagePageInfo& p = r->pages_[i];
    std::string where = r->pages_.size() > 1 ? " page " + std::to_string(i + 1) : "";
    if (p.width <= 0 || p.height <= 0)
      return Status::Corrupt(path + ":" + where + " image has no size");
    if (static_cast<long long>(p.width) * p.height > max_pixels)
      return Status::TooLarge(path + ":" + where + " image is " + std::to_string(p.width) + "x" +
                              std::to_string(p.height) + " pixels, more than the limit of " +
                              std::to_string(max_pixels));
  }
  *reader = std::move(r);
  return Status::Ok();
}

Status ImageReader::Decode(int index, int default_dpi, Image* image, bool* assumed_dpi) const {
  const auto* data = reinterpret_cast<const l_uint8*>(bytes_.data());
  PixPtr pix(format_ == InputFormat::kTiff ? pixReadMemTiff(data, bytes_.size(), index)
                                           : pixReadMem(data, bytes_.size()));
  std::string where = pages_.size() > 1 ? " page " + std::to_string(index + 1) : "";
  if (!pix) return Status::Corrupt(path_ + ":" + where + " image data is damaged");
  int w = pixGetWidth(pix.get()), h = pixGetHeight(pix.get());
  if (w != pages_[index].width || h != pages_[index].height)
    return Status::Corrupt(path_ + ":" + where + " image size differs from its header");
  // Everything becomes 8-bit grey: Tesseract binarises anyway, and grey
  // needs a third of the memory of RGB.
  PixPtr grey(pixConvertTo8(pix.get(), 0));
  if (!grey) return Status::Corrupt(path_ + ":" + where + " image cannot be converted to grey");
  if (pixGetColormap(grey.get()) != nullptr)
    grey.reset(pixRemoveColormap(grey.get(), REMOVE_CMAP_TO_GRAYSCALE));
  if (!grey || pixGetDepth(grey.get()) != 8)
    return Status::Corrupt(path_ + ":" + where + " image cannot be converted to grey");
  int res = pixGetXRes(pix.get());
  *assumed_dpi = res < 30 || res > 2400;
  image->dpi = *assumed_dpi ? default_dpi : res;
  image->dpi_stated = !*assumed_dpi;
  image->width = w;
  image->height = h;
  image->channels = 1;
  image->stride = w;
  image->pixels.resize(static_cast<size_t>(w) * h);
  l_uint32* rows = pixGetData(grey.get());
  int wpl = pixGetWpl(grey.get());
  for (int y = 0; y < h; ++y) {
    l_uint32* line = rows + static_cast<size_t>(y) * wpl;
    uint8_t* out = &image->pixels[static_cast<size_t>(y) * w];
    for (int x = 0; x < w; ++x) out[x] = static_cast<uint8_t>(GET_DATA_BYTE(line, x));
  }
  return Status::Ok();
}

}  // namespace sohoa
