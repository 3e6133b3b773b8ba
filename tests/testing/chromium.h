// Test helper: headless Chromium (Debian package chromium) for the review
// site's browser tests.
#ifndef SOHOA_TESTS_TESTING_CHROMIUM_H_
#define SOHOA_TESTS_TESTING_CHROMIUM_H_

#include <string>

namespace sohoa::testing {

// The Chromium binary, or "" when it is not installed (tests skip then).
std::string Chromium();
// The DOM of file `file` after its scripts ran (and two seconds of virtual
// time for image loads, errors and timers), or "" when Chromium failed.
std::string DumpDom(const std::string& chromium, const std::string& file);

}  // namespace sohoa::testing

#endif  // SOHOA_TESTS_TESTING_CHROMIUM_H_
