// The audit trail: who did what to which record, when, from where. Append-only.
//
// An entry never holds a revealed ID or phone number, only the fact of the reveal and its reason.
//
// Thread-safety: plain values; the store is used inside Store::Read / Store::Write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"

namespace cordon::audit {

struct AuditEntry {
  std::int64_t id = 0;
  TimeMs at = 0;
  std::optional<std::int64_t> user_id;  // empty for the command line or an unknown user
  std::string username;                 // as typed at a failed sign-in, or the account's name
  std::string role;                     // role code, or "system" for the command line
  std::string action;                   // "auth.login", "user.create", "person.reveal", …
  std::string record_type;              // "user", "session", "person", …
  std::string record_id;
  std::string client_address;
  std::string request_id;
  std::string detail;  // JSON object with the reason or changed fields; never a revealed value
};

struct AuditCriteria {
  std::optional<std::int64_t> user_id;
  std::optional<std::string> record_type;
  std::optional<std::string> record_id;
  std::optional<std::string> action;
  std::optional<TimeMs> from;             // inclusive
  std::optional<TimeMs> to;               // exclusive
  std::optional<std::int64_t> before_id;  // cursor: newest first
  int limit = 50;
};

struct AuditPage {
  std::vector<AuditEntry> entries;
  std::optional<std::int64_t> next_before_id;
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  virtual std::int64_t Append(const AuditEntry& entry) = 0;
  virtual AuditPage List(const AuditCriteria& criteria) = 0;
};

}  // namespace cordon::audit
