#include "pipeline/core/files.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace sohoa {

const char* FileKindName(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

Status CheckRegularFile(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    int e = errno;
    if (e == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IoError(path + ": cannot open: " + std::strerror(e));
  }
  if (!S_ISREG(st.st_mode))
    return Status::IoError(path + ": not a regular file (" + FileKindName(st.st_mode) +
                           "); only files are read");
  return Status::Ok();
}

Status ReadFileBytes(const std::string& path, std::string* out, size_t max_bytes) {
  out->clear();
  if (max_bytes == 0) max_bytes = kMaxInputBytes;
  // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is
  // checked on the open descriptor (no race with a rename in between).
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    if (e == ENOENT) return Status::NotFound(path + ": no such file");
    return Status::IoError(path + ": cannot open: " + std::strerror(e));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::IoError(path + ": not a regular file (" + FileKindName(st.st_mode) +
                           "); only files are read");
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return Status::TooLarge(path + ": " + std::to_string(st.st_size) + " bytes, more than the " +
                            std::to_string(max_bytes) + " bytes an input may have");
  }
  out->reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      ::close(fd);
      return Status::IoError(path + ": cannot read: " + std::strerror(e));
    }
    if (n == 0) break;
    out->append(buf, static_cast<size_t>(n));
    if (out->size() > max_bytes) {  // the file grew while being read
      ::close(fd);
      return Status::TooLarge(path + ": more than the " + std::to_string(max_bytes) +
                              " bytes an input may have");
    }
  }
  ::close(fd);
  return Status::Ok();
}

Status CheckOutputPath(const std::string& path, const std::vector<std::string>& inputs) {
  if (path == "-") return Status::Ok();
  if (path.empty()) return Status::InvalidArgument("the output path is empty");
  if (path.rfind("/proc/", 0) == 0 || path.rfind("/dev/", 0) == 0)
    return Status::InvalidArgument(path + ": refusing to write the output over a system file; "
                                   "name a regular file or -");
  struct stat out;
  if (::stat(path.c_str(), &out) != 0) return Status::Ok();  // a new file
  if (!S_ISREG(out.st_mode))
    return Status::InvalidArgument(path + ": refusing to write the output over " +
                                   FileKindName(out.st_mode) + "; name a regular file or -");
  for (const std::string& in : inputs) {
    struct stat st;
    if (::stat(in.c_str(), &st) == 0 && st.st_dev == out.st_dev && st.st_ino == out.st_ino)
      return Status::InvalidArgument(path + ": refusing to write the output over an input file (" +
                                     in + ")");
  }
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return Status::IoError(path + ": cannot create: " + std::strerror(errno));
  bool ok = std::fwrite(contents.data(), 1, contents.size(), f) == contents.size();
  ok = (std::fflush(f) == 0) && ok;
  ok = (::fsync(::fileno(f)) == 0) && ok;
  int e = errno;
  std::fclose(f);
  if (!ok) {
    std::remove(tmp.c_str());
    return Status::IoError(path + ": write failed: " + std::strerror(e));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    e = errno;
    std::remove(tmp.c_str());
    return Status::IoError(path + ": cannot rename into place: " + std::strerror(e));
  }
  return Status::Ok();
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // One-shot digest through OpenSSL's EVP interface (libssl/libcrypto).
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr) != 1) return {};
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(2 * len);
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

std::string DictionariesDir() {
  if (const char* e = std::getenv("SOHOA_DICTIONARIES"); e && *e) return e;
  return SOHOA_DICTIONARIES_DIR;
}

std::string ModelDir() {
  if (const char* e = std::getenv("SOHOA_MODEL_DIR"); e && *e) return e;
  return SOHOA_MODEL_DIR;
}

}  // namespace sohoa
