// cordon: one program, several subcommands. main only wires flags to commands.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  // Diagnostics go to standard error; standard output carries the access log and command output.
  spdlog::set_default_logger(spdlog::stderr_color_mt("cordon"));
  CLI::App app{"cordon: community epidemic prevention and control"};
  app.set_version_flag("--version", CORDON_VERSION);
  app.require_subcommand(1);

  cordon::cli::ServeFlags serve;
  auto* serve_cmd = app.add_subcommand("serve", "Serve the API and the web console");
  serve_cmd->add_option("--db", serve.db, "SQLite database file")->capture_default_str();
  serve_cmd->add_option("--listen", serve.listen, "HOST:PORT (port 0 picks a free one)")
      ->capture_default_str();
  serve_cmd->add_option("--io-threads", serve.io_threads, "I/O threads")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve_cmd->add_option("--workers", serve.workers, "Worker threads for requests")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  serve_cmd->add_option("--idle-timeout", serve.idle_timeout_s, "Keep-alive idle timeout, s")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve_cmd->add_option("--session-idle", serve.session_idle_s, "Session idle expiry, s")
      ->check(CLI::Range(1, 7 * 86400))
      ->capture_default_str();
  serve_cmd->add_option("--session-max", serve.session_max_s, "Session absolute expiry, s")
      ->check(CLI::Range(1, 30 * 86400))
      ->capture_default_str();
  serve_cmd->add_flag("--no-access-log", serve.no_access_log, "Do not log each request");

  std::string db = "data/cordon.db";
  auto* migrate_cmd = app.add_subcommand("migrate", "Apply pending schema migrations");
  migrate_cmd->add_option("--db", db, "SQLite database file")->capture_default_str();

  auto* user_cmd = app.add_subcommand("user", "Manage staff accounts");
  user_cmd->require_subcommand(1);
  cordon::app::NewUserRequest nu;
  bool password_stdin = false;
  auto* user_add = user_cmd->add_subcommand("add", "Add a staff account");
  user_add->add_option("username", nu.username, "Sign-in name")->required();
  user_add
      ->add_option("--role", nu.role,
                   "admin, manager, team_member, volunteer, grid_worker, "
                   "guard, police, property, health or shop_owner")
      ->required();
  user_add->add_option("--scope", nu.scope, "region, community or zone code");
  user_add->add_option("--display-name", nu.display_name, "Name shown in the console");
  user_add->add_flag("--password-stdin", password_stdin, "Read the password from standard input")
      ->required();
  user_add->add_option("--db", db, "SQLite database file")->capture_default_str();

  auto* demo_cmd = app.add_subcommand("demo", "Create demo data if the database has none");
  demo_cmd->add_option("--db", db, "SQLite database file")->capture_default_str();

  auto* routes_cmd = app.add_subcommand("routes", "List the HTTP routes as JSON lines");

  CLI11_PARSE(app, argc, argv);

  if (*serve_cmd) {
    return cordon::cli::Serve(serve);
  }
  if (*migrate_cmd) {
    return cordon::cli::Migrate(db);
  }
  if (*user_add) {
    return cordon::cli::UserAdd(db, nu);
  }
  if (*demo_cmd) {
    return cordon::cli::Demo(db);
  }
  if (*routes_cmd) {
    return cordon::cli::Routes();
  }
  return 1;
}
