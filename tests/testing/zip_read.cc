#include "tests/testing/zip_read.h"

#include <zip.h>

namespace sohoa::testing {

namespace {

void Append(zip_file_t* f, std::string* out) {
  char buf[4096];
  zip_int64_t n;
  while ((n = zip_fread(f, buf, sizeof buf)) > 0) out->append(buf, static_cast<size_t>(n));
  zip_fclose(f);
}

}  // namespace

std::string ZipMember(const std::string& path, const std::string& name) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) return "";
  std::string out;
  if (zip_file_t* f = zip_fopen(z, name.c_str(), 0)) Append(f, &out);
  zip_close(z);
  return out;
}

std::string ZipAllMembers(const std::string& path) {
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (!z) return "";
  std::string out;
  for (zip_int64_t i = 0; i < zip_get_num_entries(z, 0); ++i)
    if (zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0)) Append(f, &out);
  zip_close(z);
  return out;
}

}  // namespace sohoa::testing
