// The review site: a static HTML view of an archive that a browser opens
// straight from disk (no server, no network).
//   in:  an archive (read only)
//   out: a folder: index.html (every stored file with its period, issuer,
//        status and finding counts), doc-<id>.html per file (its findings in
//        words, its tables with the suspect cells outlined beside the value
//        read and the suggested value, each page that holds a table or a
//        finding as an image with the table cells and the suspect cells
//        drawn over it beside the tables that start on it (review/
//        page_images.h; when the source file is still there, unchanged),
//        its text page by page), series.html
//        and series-<n>.html per issuer (a table per metric, units by
//        periods, gaps and findings marked, a small SVG line per unit),
//        site.css and site.js (sorting and filtering of the index).
// Safety (issue 25): every string from a document, a file name or the
// archive is escaped for where it lands (review/html.h); every page carries
// a Content-Security-Policy that allows scripts and styles only from the
// site's own files and no inline script, handler or style; links go only to
// the site's own pages (names the site made, never a document's). The folder
// appears only when complete: it is written beside its final name and
// renamed; an earlier review site there is replaced, any other existing
// folder is refused. Not thread-safe (uses the archive's connection).
#ifndef SOHOA_REVIEW_SITE_H_
#define SOHOA_REVIEW_SITE_H_

#include <string>

#include "pipeline/core/status.h"
#include "pipeline/review/page_images.h"
#include "pipeline/store/store.h"

namespace sohoa::review {

struct SiteCounts {
  int documents = 0;     // files listed (stored and failed)
  int findings = 0;      // findings shown on document pages
  int flagged_cells = 0; // table cells outlined
  int series_pages = 0;  // one per issuer
  int page_images = 0;   // page images written
  int pages_without_image = 0;  // pages that would have one, but the file is gone, changed, ...
};

struct SiteOptions {
  bool page_images = true;  // render page images (--no-images: false)
  PageImagesOptions images;
};

// The Content-Security-Policy every page declares.
extern const char kContentSecurityPolicy[];

Status WriteSite(SqliteArchive* archive, const std::string& dir, const SiteOptions& options,
                 SiteCounts* counts);

}  // namespace sohoa::review

#endif  // SOHOA_REVIEW_SITE_H_
