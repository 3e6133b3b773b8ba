// store: the SQLite archive (documents, report metadata, tables, cells,
// findings, runs). Implements core's Archive interface.
#ifndef SOHOA_STORE_STORE_H_
#define SOHOA_STORE_STORE_H_

namespace sohoa {}  // namespace sohoa

#endif  // SOHOA_STORE_STORE_H_
