// An online copy of a SQLite database: consistent as of one moment, taken while servers go on
// reading and writing it (SQLite's backup API over a read transaction in WAL mode).
#pragma once

#include <string>

namespace cordon::store::sqlite {

// Copies the database at `from` to `to` (a new file, written beside it under a temporary name
// and renamed into place when complete, so that a failed copy never leaves a partial file at
// `to`). Returns the number of pages copied. Throws StorageError.
int Backup(const std::string& from, const std::string& to);

}  // namespace cordon::store::sqlite
