#include "pipeline/ingest/pdf_reader.h"

#include <cmath>
#include <cstring>
#include <mutex>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include "pipeline/core/utf8.h"

namespace sohoa {

namespace {

// Poppler prints "Syntax Error: ..." lines for damaged files; the user gets
// one line from sohoa instead.
void QuietPoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  });
}

std::string ToUtf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  std::string out(bytes.begin(), bytes.end());
  // Poppler yields valid UTF-8, but the text layer is untrusted input.
  return IsValidUtf8(out) ? out : ToValidUtf8(out);
}

std::string StripSubsetPrefix(const std::string& font) {
  // Embedded subsets are named "ABCDEF+RealName".
  if (font.size() > 7 && font[6] == '+') {
    bool upper = true;
    for (int i = 0; i < 6; ++i) upper = upper && font[i] >= 'A' && font[i] <= 'Z';
    if (upper) return font.substr(7);
  }
  return font;
}

int RotationDegrees(poppler::page::orientation_enum o) {
  switch (o) {
    case poppler::page::landscape: return 90;
    case poppler::page::upside_down: return 180;
    case poppler::page::seascape: return 270;
    default: return 0;
  }
}

}  // namespace

void WarmUpPoppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    // One page with one word in a standard font; offsets need not be exact
    // (Poppler rebuilds the xref), and nothing here depends on the result.
    static const char kPdf[] =
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 100 100]"
        "/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>endobj\n"
        "4 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
        "5 0 obj<</Length 33>>stream\nBT /F1 12 Tf 10 50 Td (x) Tj ET\nendstream endobj\n"
        "trailer<</Root 1 0 R>>\n%%EOF\n";
    std::unique_ptr<PdfReader> reader;
    if (!PdfReader::Open("warm-up", std::string(kPdf, sizeof kPdf - 1), &reader).ok()) return;
    std::vector<PdfTextBox> boxes;
    reader->TextBoxes(0, &boxes);
  });
}

PdfReader::~PdfReader() = default;

Status PdfReader::Open(const std::string& path, std::string bytes,
                       std::unique_ptr<PdfReader>* reader) {
  QuietPoppler();
  std::unique_ptr<PdfReader> r(new PdfReader());
  r->path_ = path;
  r->bytes_ = std::move(bytes);
  if (r->bytes_.size() > static_cast<size_t>(INT32_MAX))
    return Status::TooLarge(path + ": PDF larger than 2 GB");
  r->doc_.reset(poppler::document::load_from_raw_data(
      r->bytes_.data(), static_cast<int>(r->bytes_.size())));
  if (!r->doc_) {
    // Poppler returns null both for damage and for a wrong password; an
    // /Encrypt entry in the trailer tells them apart.
    if (r->bytes_.find("/Encrypt") != std::string::npos)
      return Status::Encrypted(path + ": PDF is encrypted (password required)");
    return Status::Corrupt(path + ": PDF is damaged and cannot be read");
  }
  if (r->doc_->is_locked())
    return Status::Encrypted(path + ": PDF is encrypted (password required)");
  r->page_count_ = r->doc_->pages();
  if (r->page_count_ <= 0) return Status::Empty(path + ": PDF has no pages");
  *reader = std::move(r);
  return Status::Ok();
}

Status PdfReader::LoadPage(int index, std::unique_ptr<poppler::page>* page) const {
  page->reset(doc_->create_page(index));
  if (!*page)
    return Status::Corrupt(path_ + ": page " + std::to_string(index + 1) + " cannot be read");
  return Status::Ok();
}

Status PdfReader::PageInfo(int index, PdfPageInfo* info) const {
  std::unique_ptr<poppler::page> page;
  if (Status s = LoadPage(index, &page); !s.ok()) return s;
  poppler::rectf r = page->page_rect(poppler::crop_box);
  info->rotation = RotationDegrees(page->orientation());
  // page_rect is unrotated; the displayed page swaps sides for 90/270.
  bool swap = info->rotation == 90 || info->rotation == 270;
  info->width = swap ? r.height() : r.width();
  info->height = swap ? r.width() : r.height();
  return Status::Ok();
}

Status PdfReader::TextBoxes(int index, std::vector<PdfTextBox>* boxes) const {
  boxes->clear();
  std::unique_ptr<poppler::page> page;
  if (Status s = LoadPage(index, &page); !s.ok()) return s;
  std::vector<poppler::text_box> list = page->text_list(poppler::page::text_list_include_font);
  boxes->reserve(list.size());
  for (const poppler::text_box& tb : list) {
    PdfTextBox b;
    b.text = ToUtf8(tb.text());
    if (b.text.empty()) continue;
    poppler::rectf r = tb.bbox();
    b.box = {r.left(), r.top(), r.right(), r.bottom()};
    if (!std::isfinite(b.box.x0) || !std::isfinite(b.box.y0) || !std::isfinite(b.box.x1) ||
        !std::isfinite(b.box.y1))
      b.box = Box();
    if (tb.has_font_info()) {
      b.font = StripSubsetPrefix(tb.get_font_name());
      if (!IsValidUtf8(b.font)) b.font = ToValidUtf8(b.font);
      b.font_size = tb.get_font_size();
    }
    const size_t n = Utf8Length(b.text);
    if (n == tb.text().size()) {  // one UTF-16 unit per code point: boxes line up
      b.glyphs.reserve(n);
      for (size_t k = 0; k < n; ++k) {
        poppler::rectf g = tb.char_bbox(k);
        b.glyphs.push_back({g.left(), g.top(), g.right(), g.bottom()});
        if (!std::isfinite(g.left()) || !std::isfinite(g.top()) || !std::isfinite(g.right()) ||
            !std::isfinite(g.bottom())) {
          b.glyphs.clear();
          break;
        }
      }
    }
    b.rotation = ((tb.rotation() % 4) + 4) % 4;
    b.space_after = tb.has_space_after();
    boxes->push_back(std::move(b));
  }
  return Status::Ok();
}

Status PdfReader::Render(int index, int dpi, Image* image) const {
  std::unique_ptr<poppler::page> page;
  if (Status s = LoadPage(index, &page); !s.ok()) return s;
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
  renderer.set_image_format(poppler::image::format_gray8);
  poppler::image img = renderer.render_page(page.get(), dpi, dpi);
  if (!img.is_valid() || img.width() <= 0 || img.height() <= 0)
    return Status::Corrupt(path_ + ": page " + std::to_string(index + 1) + " cannot be rendered");
  image->width = img.width();
  image->height = img.height();
  image->channels = 1;
  image->dpi = dpi;
  image->stride = img.width();
  image->pixels.resize(static_cast<size_t>(image->stride) * image->height);
  const char* src = img.const_data();
  for (int y = 0; y < image->height; ++y)
    std::memcpy(&image->pixels[static_cast<size_t>(y) * image->stride],
                src + static_cast<size_t>(y) * img.bytes_per_row(), image->width);
  return Status::Ok();
}

}  // namespace sohoa
