#include "store/sqlite/backup.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <filesystem>
#include <memory>

#include "store/sqlite/connection.h"

namespace cordon::store::sqlite {

int Backup(const std::string& from, const std::string& to) {
  if (std::filesystem::exists(to)) {
    throw StorageError(StorageError::Kind::kOther, fmt::format("{} exists already", to));
  }
  Connection source(from, Connection::Mode::kReader);
  const std::string partial = to + ".partial";
  std::filesystem::remove(partial);
  sqlite3* dest = nullptr;
  int rc =
      sqlite3_open_v2(partial.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> dest_guard(dest, &sqlite3_close);
  if (rc != SQLITE_OK) {
    throw StorageError(KindOf(rc), fmt::format("cannot create {}", partial));
  }
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", source.raw(), "main");
  if (b == nullptr) {
    throw StorageError(KindOf(sqlite3_extended_errcode(dest)),
                       fmt::format("cannot back up {}: {}", from, sqlite3_errmsg(dest)));
  }
  // Every page in one step: one read transaction, so the copy is of one moment; writers go on
  // meanwhile (WAL), their later commits not in it.
  rc = sqlite3_backup_step(b, -1);
  const int pages = sqlite3_backup_pagecount(b);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    std::filesystem::remove(partial);
    throw StorageError(KindOf(rc),
                       fmt::format("backup of {} failed: {}", from, sqlite3_errstr(rc)));
  }
  // The copy keeps the source's WAL mode; checkpointed and closed, it is one self-contained file.
  dest_guard.reset();
  std::filesystem::rename(partial, to);
  return pages;
}

}  // namespace cordon::store::sqlite
