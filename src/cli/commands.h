// The cordon subcommands. Each returns the process exit code.
//
// Thread-safety: called once from main.
#pragma once

#include <string>

#include "app/accounts_service.h"

namespace cordon::cli {

struct ServeFlags {
  std::string db = "data/cordon.db";
  std::string listen = "127.0.0.1:8080";
  int io_threads = 2;
  int workers = 32;
  int idle_timeout_s = 60;
  int session_idle_s = 2 * 3600;
  int session_max_s = 12 * 3600;
  bool no_access_log = false;
};

int Serve(const ServeFlags& flags);
int Migrate(const std::string& db);
// Reads the password from standard input (one line).
int UserAdd(const std::string& db, const app::NewUserRequest& request);
// Creates the demo data if the database has no accounts yet, and prints how to sign in.
int Demo(const std::string& db);
// Prints every route as JSON lines: method, pattern, operationId, permission.
int Routes();

}  // namespace cordon::cli
