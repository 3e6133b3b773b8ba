// Status: the result of an operation that can fail. Every stage returns one;
// no exception crosses a stage boundary. A Status maps onto a documented
// process exit code (see ExitCodeFor and README "Exit codes").
// Thread-safe as a value type.
#ifndef SOHOA_CORE_STATUS_H_
#define SOHOA_CORE_STATUS_H_

#include <string>
#include <string_view>

namespace sohoa {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // bad flag or option value
    kNotFound,         // input file missing
    kIoError,          // unreadable, permission denied, write failed
    kEmpty,            // zero-byte file, PDF with zero pages, no text at all
    kCorrupt,          // damaged PDF/image, undecodable structure
    kEncrypted,        // password-protected PDF
    kUnsupported,      // format sohoa does not read
    kTooLarge,         // image or page beyond the OCR limits
    kTimeout,          // page time limit exceeded
    kEngineFailure,    // OCR engine / worker crashed or returned garbage
    kArchiveError,     // database locked, read-only, newer schema, disk full
    kInternal,
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string_view m) { return {Code::kInvalidArgument, m}; }
  static Status NotFound(std::string_view m) { return {Code::kNotFound, m}; }
  static Status IoError(std::string_view m) { return {Code::kIoError, m}; }
  static Status Empty(std::string_view m) { return {Code::kEmpty, m}; }
  static Status Corrupt(std::string_view m) { return {Code::kCorrupt, m}; }
  static Status Encrypted(std::string_view m) { return {Code::kEncrypted, m}; }
  static Status Unsupported(std::string_view m) { return {Code::kUnsupported, m}; }
  static Status TooLarge(std::string_view m) { return {Code::kTooLarge, m}; }
  static Status Timeout(std::string_view m) { return {Code::kTimeout, m}; }
  static Status EngineFailure(std::string_view m) { return {Code::kEngineFailure, m}; }
  static Status ArchiveError(std::string_view m) { return {Code::kArchiveError, m}; }
  static Status Internal(std::string_view m) { return {Code::kInternal, m}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "corrupt: PDF cross-reference table is damaged"
  std::string ToString() const;
  // Short machine name of the code: "ok", "not_found", "corrupt", ...
  static const char* CodeName(Code code);

 private:
  Status(Code code, std::string_view message) : code_(code), message_(message) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Process exit code for a failed input (documented in README):
// 0 ok, 2 usage, 3 not found/unreadable, 4 empty, 5 corrupt, 6 encrypted,
// 7 unsupported, 8 too large, 9 timeout, 10 engine failure, 11 archive, 12 internal.
int ExitCodeFor(const Status& status);

}  // namespace sohoa

#endif  // SOHOA_CORE_STATUS_H_
