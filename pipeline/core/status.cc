#include "pipeline/core/status.h"

namespace sohoa {

const char* Status::CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kInvalidArgument: return "invalid_argument";
    case Code::kNotFound: return "not_found";
    case Code::kIoError: return "io_error";
    case Code::kEmpty: return "empty";
    case Code::kCorrupt: return "corrupt";
    case Code::kEncrypted: return "encrypted";
    case Code::kUnsupported: return "unsupported";
    case Code::kTooLarge: return "too_large";
    case Code::kTimeout: return "timeout";
    case Code::kEngineFailure: return "engine_failure";
    case Code::kArchiveError: return "archive_error";
    case Code::kInternal: return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string s = CodeName(code_);
  if (!message_.empty()) {
    s += ": ";
    s += message_;
  }
  return s;
}

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case Status::Code::kOk: return 0;
    case Status::Code::kInvalidArgument: return 2;
    case Status::Code::kNotFound:
    case Status::Code::kIoError: return 3;
    case Status::Code::kEmpty: return 4;
    case Status::Code::kCorrupt: return 5;
    case Status::Code::kEncrypted: return 6;
    case Status::Code::kUnsupported: return 7;
    case Status::Code::kTooLarge: return 8;
    case Status::Code::kTimeout: return 9;
    case Status::Code::kEngineFailure: return 10;
    case Status::Code::kArchiveError: return 11;
    case Status::Code::kInternal: return 12;
  }
  return 12;
}

}  // namespace sohoa
