// photo_prep: runs the photo step (pipeline/ingest/photo_page) on image files
// and prints what it did and how long it took; with --out DIR writes each
// corrected page there as PNG (to look at). With --grids also prepares the
// page as the scan path does (PageImage: no orientation step) and prints the
// ruled grids found on it; --out then writes the prepared page and its ink.
// Not a test.
//   build/bench/tables/photo_prep [--out DIR] [--grids] PHOTO...
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <leptonica/allheaders.h>

#include "pipeline/ingest/format.h"
#include "pipeline/ingest/image_reader.h"
#include "pipeline/ingest/page_image.h"
#include "pipeline/ingest/photo_page.h"
#include "pipeline/ingest/ruled_grid.h"

int main(int argc, char** argv) {
  std::string out_dir;
  bool grids = false;
  int rc = 0;
  for (int i = 1; i < argc; ++i) {
    std::string path = argv[i];
    if (path == "--out" && i + 1 < argc) {
      out_dir = argv[++i];
      continue;
    }
    if (path == "--grids") {
      grids = true;
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::unique_ptr<sohoa::ImageReader> reader;
    sohoa::Status s = sohoa::ImageReader::Open(path, ss.str(), sohoa::SniffFormat(ss.str()),
                                               1LL << 30, &reader);
    sohoa::Image image;
    bool assumed = false;
    if (s.ok()) s = reader->Decode(0, 300, &image, &assumed);
    if (!s.ok()) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(), s.message().c_str());
      rc = 1;
      continue;
    }
    sohoa::PhotoPage photo;
    auto t0 = std::chrono::steady_clock::now();
    s = sohoa::PreparePhoto(image, sohoa::PhotoOptions(), &photo);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%s: %s, %.0f ms, light %.2f, estimated %.0f dpi, curl %.1f px, glare %zu\n", path.c_str(),
                photo.photo ? "photo" : "left as it is", ms, photo.light_ratio, photo.estimated_dpi,
                photo.curl_pixels, photo.glare.size());
    for (const std::string& n : photo.notes) std::printf("  %s\n", n.c_str());
    if (!out_dir.empty() && photo.photo) {
      Pix* pix = sohoa::ImageToPix(photo.page);
      std::string name = path.substr(path.find_last_of('/') + 1);
      std::string out = out_dir + "/" + name + ".png";
      if (pix) pixWrite(out.c_str(), pix, IFF_PNG);
      pixDestroy(&pix);
    }
    if (!grids) continue;
    std::unique_ptr<sohoa::PageImage> page;
    t0 = std::chrono::steady_clock::now();
    s = sohoa::PageImage::Analyse(photo.photo ? photo.page : image, sohoa::PageImageOptions(), &page);
    if (!s.ok()) {
      std::printf("  page image: %s\n", s.message().c_str());
      continue;
    }
    Pix* rules = nullptr;
    const auto found = sohoa::FindRuledGrids(page->grey_pix(), page->dpi(), &rules, nullptr, page->ink());
    ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    std::printf("  page %dx%d at %d dpi (scaled from %d, sharpened %d), skew %.2f, %zu grid(s), %.0f ms:",
                page->grey().width, page->grey().height, page->dpi(), page->scaled_from_dpi(),
                page->sharpened() ? 1 : 0, page->skew_degrees(), found.size(), ms);
    for (const auto& g : found) std::printf(" %dx%d", g.rows(), g.cols());
    std::printf(" letters %.0f px, edge %.2f px\n", sohoa::LetterHeight(page->ink()),
                sohoa::EdgeWidth(page->grey_pix(), page->ink()));
    if (!out_dir.empty()) {
      std::string name = out_dir + "/" + path.substr(path.find_last_of('/') + 1);
      pixWrite((name + ".grey.png").c_str(), page->grey_pix(), IFF_PNG);
      pixWrite((name + ".ink.png").c_str(), page->ink(), IFF_PNG);
      if (rules != nullptr) pixWrite((name + ".rules.png").c_str(), rules, IFF_PNG);
    }
    pixDestroy(&rules);
  }
  return rc;
}
