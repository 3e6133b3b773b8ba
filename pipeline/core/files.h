// File helpers with the project's error style: reading inputs (never
// modifying them) and writing outputs atomically (temporary file + rename,
// so a partial output never appears).
#ifndef SOHOA_CORE_FILES_H_
#define SOHOA_CORE_FILES_H_

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"

namespace sohoa {

// The most bytes any input file may have (ReadFileBytes' default limit).
constexpr size_t kMaxInputBytes = size_t{512} << 20;

// Reads the whole file; NotFound / IoError name the file. Only regular files
// are read: a FIFO, socket, device or folder is an IoError (opened without
// blocking). More than `max_bytes` (0: kMaxInputBytes) is TooLarge.
Status ReadFileBytes(const std::string& path, std::string* out, size_t max_bytes = 0);
// OK when `path` (symlinks followed) is a regular file; the same errors as
// ReadFileBytes otherwise.
Status CheckRegularFile(const std::string& path);
// An output path that may be written: refused when it exists and is not a
// regular file (a device, FIFO, socket, folder, /proc/self/fd/N), or when it
// is the same file as one of `inputs` (device and inode compared, so
// symlinks and hard links are seen through). "-" (standard output) is OK.
Status CheckOutputPath(const std::string& path, const std::vector<std::string>& inputs);
// Writes `path.tmp.<pid>` then renames it over `path`.
Status WriteFileAtomically(const std::string& path, std::string_view contents);
// Hex SHA-256 of the bytes.
std::string Sha256Hex(std::string_view bytes);

// Where dictionaries/ and the built model live: compiled-in defaults,
// overridden by the SOHOA_DICTIONARIES and SOHOA_MODEL_DIR environment variables.
std::string DictionariesDir();
std::string ModelDir();

}  // namespace sohoa

#endif  // SOHOA_CORE_FILES_H_
