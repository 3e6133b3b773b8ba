// A compact binary encoding of a Document and a Status, used to bring the
// result of an isolated worker process back to the parent (isolation.h).
// Every field of the core model is carried. Decoding is defensive: the bytes
// come from a process that may have been corrupted, so bounds are checked
// and a malformed message is an error, never a crash.
// Thread-safe (pure functions).
#ifndef SOHOA_INGEST_DOC_WIRE_H_
#define SOHOA_INGEST_DOC_WIRE_H_

#include <string>
#include <string_view>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"

namespace sohoa {

std::string EncodeResult(const Status& status, const Document& doc);
// False when `bytes` is not a complete, well-formed message.
bool DecodeResult(std::string_view bytes, Status* status, Document* doc);

}  // namespace sohoa

#endif  // SOHOA_INGEST_DOC_WIRE_H_
