// The cordon subcommands. Each returns the process exit code.
//
// Thread-safety: called once from main.
#pragma once

#include <string>

#include "app/accounts_service.h"

namespace cordon::cli {

struct ServeFlags {
  std::string db = "data/cordon.db";
  std::string key_file;          // default: the database path with .key
  std::string web = "web/dist";  // the built console; served when it holds index.html
  std::string listen = "127.0.0.1:8080";
  int io_threads = 2;
  int workers = 0;  // 0: one per core on SQLite, four per core on PostgreSQL (see Serve)
  int write_threads = 64;
  int idle_timeout_s = 60;
  int session_idle_s = 2 * 3600;
  int session_max_s = 12 * 3600;
  bool no_access_log = false;
  std::vector<std::string> trusted_proxies;  // load balancers whose X-Forwarded-For is believed
};

// Where the sealing key is: CORDON_KEY (64 hex characters) in the environment, else this file
// (default: the database path with the extension .key). A new database gets a new key file.
struct KeyFlags {
  std::string key_file;
};

struct ImportFlags {
  std::string file;
  std::string community;
  std::string encoding = "auto";
};

struct ExportFlags {
  std::string community;
  std::string out;
  std::string format;  // xlsx or csv; default from the file name
};

int Serve(const ServeFlags& flags);
int Migrate(const std::string& db);
// Copies the SQLite database `db` to `out` while servers use it. The sealing key is not in the
// copy: back it up apart.
int Backup(const std::string& db, const std::string& out);
// Reads the password from standard input (one line).
int UserAdd(const std::string& db, const app::NewUserRequest& request);
// Creates the demo community and accounts if the database has none yet, and prints how to sign
// in. With `activity`, also a day of the community's work (BuildDemoActivity in commands.cpp).
int Demo(const std::string& db, const KeyFlags& key, bool activity);
int ImportPersons(const std::string& db, const KeyFlags& key, const ImportFlags& flags);
int ExportPersons(const std::string& db, const KeyFlags& key, const ExportFlags& flags);
// Prints a new random key (64 hex characters).
int KeyGen();
// Prints every route as JSON lines: method, pattern, operationId, permission.
int Routes();

}  // namespace cordon::cli
