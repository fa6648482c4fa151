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
  serve_cmd->add_option("--db", serve.db, "SQLite database file, or a postgresql:// URL")
      ->capture_default_str();
  serve_cmd->add_option("--listen", serve.listen, "HOST:PORT (port 0 picks a free one)")
      ->capture_default_str();
  serve_cmd->add_option("--io-threads", serve.io_threads, "I/O threads")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve_cmd
      ->add_option(
          "--workers", serve.workers,
          "Worker threads for requests (0: one a core on SQLite, four a core on PostgreSQL)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  serve_cmd
      ->add_option("--write-threads", serve.write_threads,
                   "Threads for uploads that wait on a group commit (stations' offline queues)")
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
  serve_cmd->add_option("--trusted-proxy", serve.trusted_proxies,
                        "Address of a load balancer in front (repeatable): the client address is "
                        "then taken from its X-Forwarded-For");
  serve_cmd->add_option("--key-file", serve.key_file, "Sealing key file (default: DB path .key)");
  serve_cmd->add_option("--web", serve.web, "Directory of the built web console")
      ->capture_default_str();
  cordon::cli::KeyFlags key;

  std::string db = "data/cordon.db";
  auto* migrate_cmd = app.add_subcommand("migrate", "Apply pending schema migrations");
  migrate_cmd->add_option("--db", db, "SQLite database file, or a postgresql:// URL")
      ->capture_default_str();

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
  user_add->add_option("--db", db, "SQLite database file, or a postgresql:// URL")
      ->capture_default_str();

  auto* demo_cmd = app.add_subcommand("demo", "Create demo data if the database has none");
  demo_cmd->add_option("--db", db, "SQLite database file, or a postgresql:// URL")
      ->capture_default_str();
  demo_cmd->add_option("--key-file", key.key_file, "Sealing key file (default: DB path .key)");
  bool demo_activity = false;
  demo_cmd->add_flag(
      "--activity", demo_activity,
      "Also a day of work: declarations, gate scans and shifts, risk areas, visitors");

  auto* import_cmd = app.add_subcommand("import", "Import a spreadsheet");
  import_cmd->require_subcommand(1);
  cordon::cli::ImportFlags import_flags;
  auto* import_persons = import_cmd->add_subcommand("persons", "Import the person registry");
  import_persons->add_option("file", import_flags.file, ".csv or .xlsx file")->required();
  import_persons->add_option("--community", import_flags.community, "Community code")->required();
  import_persons->add_option("--encoding", import_flags.encoding, "auto, utf-8 or gb18030")
      ->check(CLI::IsMember({"auto", "utf-8", "gb18030"}))
      ->capture_default_str();
  import_persons->add_option("--db", db, "SQLite database file, or a postgresql:// URL")
      ->capture_default_str();
  import_persons->add_option("--key-file", key.key_file, "Sealing key file");

  auto* export_cmd = app.add_subcommand("export", "Export a spreadsheet");
  export_cmd->require_subcommand(1);
  cordon::cli::ExportFlags export_flags;
  auto* export_persons = export_cmd->add_subcommand("persons", "Export the person registry");
  export_persons->add_option("--community", export_flags.community, "Community code")->required();
  export_persons->add_option("--out", export_flags.out, ".xlsx or .csv file to write")->required();
  export_persons->add_option("--format", export_flags.format, "xlsx or csv")
      ->check(CLI::IsMember({"xlsx", "csv"}));
  export_persons->add_option("--db", db, "SQLite database file, or a postgresql:// URL")
      ->capture_default_str();
  export_persons->add_option("--key-file", key.key_file, "Sealing key file");

  std::string backup_to;
  auto* backup_cmd = app.add_subcommand(
      "backup", "Copy a SQLite database while it is in use (PostgreSQL: pg_dump or pgBackRest)");
  backup_cmd->add_option("--db", db, "SQLite database file, or a postgresql:// URL")
      ->capture_default_str();
  backup_cmd->add_option("OUT", backup_to, "The copy to write (a new file)")->required();

  auto* keygen_cmd = app.add_subcommand("keygen", "Print a new sealing key");

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
    return cordon::cli::Demo(db, key, demo_activity);
  }
  if (*import_persons) {
    return cordon::cli::ImportPersons(db, key, import_flags);
  }
  if (*export_persons) {
    return cordon::cli::ExportPersons(db, key, export_flags);
  }
  if (*backup_cmd) {
    return cordon::cli::Backup(db, backup_to);
  }
  if (*keygen_cmd) {
    return cordon::cli::KeyGen();
  }
  if (*routes_cmd) {
    return cordon::cli::Routes();
  }
  return 1;
}
