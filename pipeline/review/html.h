// Escaping for the review site: every string that comes from a document, a
// file name or the archive goes through one of these before it is written
// into a page, chosen by where it lands. The site writes no inline script
// and no data into scripts (its one script, site.js, reads the page), so
// there is no JSON-in-script context to escape for.
//   in:  UTF-8 text (invalid bytes become U+FFFD first)
//   out: the same text, safe for its context
// Pure functions; thread-safe.
#ifndef SOHOA_REVIEW_HTML_H_
#define SOHOA_REVIEW_HTML_H_

#include <string>
#include <string_view>

namespace sohoa::review {

// Element content: & < > and the quotes as character references; control
// characters other than tab and newline as U+FFFD.
std::string HtmlText(std::string_view s);
// A quoted attribute value (always written between double quotes): as
// HtmlText, newlines and tabs too as references.
std::string HtmlAttr(std::string_view s);
// A link target inside the site: only a relative file name the site wrote
// itself ([A-Za-z0-9._-] and '#' fragments of the same kind) passes; anything
// else (a scheme such as javascript:, a '/', '..') becomes "#".
std::string SiteUrl(std::string_view s);

}  // namespace sohoa::review

#endif  // SOHOA_REVIEW_HTML_H_
