// Test helper: the members of a zip file (an XLSX or a DOCX written or read
// by sohoa), uncompressed, for tests that look inside them.
#ifndef SOHOA_TESTS_TESTING_ZIP_READ_H_
#define SOHOA_TESTS_TESTING_ZIP_READ_H_

#include <string>

namespace sohoa::testing {

// The member `name` of the zip at `path`, or "" when either is missing.
std::string ZipMember(const std::string& path, const std::string& name);
// Every member of the zip, in order, concatenated ("" when unreadable).
std::string ZipAllMembers(const std::string& path);

}  // namespace sohoa::testing

#endif  // SOHOA_TESTS_TESTING_ZIP_READ_H_
