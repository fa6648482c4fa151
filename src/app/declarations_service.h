// Health declarations (健康申报, the seed's 莞e申报): the resident's own, from the public page, and
// those staff fill in for someone (协助录入); the colour each yields by the current rules and
// risk areas; the signed pass that carries it; and what staff read of them.
//
// Thread-safety: safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/pass_signer.h"
#include "app/pending.h"
#include "app/persons_service.h"
#include "common/clock.h"
#include "domain/store.h"

namespace cordon::app {

struct TravelInput {
  std::string region_code;
  std::string from;  // YYYY-MM-DD
  std::string to;
  std::string transport;
};

struct DeclarationInput {
  std::string community_code;
  // Staff declaring for someone name them by id; residents by name, ID number and phone.
  std::optional<std::int64_t> person_id;
  std::string name;
  std::string id_number;
  std::string phone;
  std::optional<std::int64_t> household_id;  // required for a new arrival
  double temperature = 0;
  std::vector<std::string> symptoms;
  std::vector<TravelInput> travel;
  bool contact_with_cases = false;
  bool contact_with_risk_area = false;
  std::string plate;
  bool promise = false;
  // Not in the registry yet: register them, pending staff confirmation.
  bool new_arrival = false;
  // A resident declaring for a minor or an elderly member of their household
  // (registry::MayBeDeclaredForByHousehold): the declaration is then that member's.
  struct Dependant {
    std::string name;
    std::string id_number;
  };
  std::optional<Dependant> dependant;
};

struct IssuedPass {
  health::Colour colour = health::Colour::kGreen;
  std::string token;
  TimeMs expires_at = 0;
  health::PassState state = health::PassState::kValid;
};

struct Submitted {
  health::DeclarationRecord declaration;
  IssuedPass pass;
  std::string masked_name;  // "王*", for the phone page
};

// A community's buildings, units and rooms, for the address a new arrival picks.
struct CommunityDirectory {
  registry::Community community;
  struct Unit {
    registry::Unit unit;
    std::vector<registry::Household> households;
  };
  struct Building {
    registry::Building building;
    std::vector<Unit> units;
  };
  std::vector<Building> buildings;
};

struct DeclarationQuery {
  std::optional<std::string> day;
  std::optional<std::string> colour;
  std::optional<std::int64_t> zone_id;
  std::optional<bool> assisted;
  std::string cursor;
  int limit = 50;
};

struct DeclarationPage {
  std::vector<health::DeclarationRecord> items;
  std::optional<std::string> next_cursor;
};

struct ColourSummary {
  struct Zone {
    std::optional<registry::Zone> zone;
    health::ColourCount counts;
  };
  std::vector<Zone> zones;
  health::ColourCount total;
};

// What a checkpoint learns from a pass.
struct PassCheck {
  health::PassClaims claims;
  health::PassState state = health::PassState::kValid;
};

// A self-registered arrival with the person as registered.
struct ArrivalView {
  health::Arrival arrival;
  registry::PersonRecord person;
};

struct ArrivalPage {
  std::vector<ArrivalView> items;
  std::optional<std::string> next_cursor;
};

inline constexpr int kMaxDeclarationPage = 200;

// The rules in force: the newest stored version, or the default set (version 0).
health::StoredRuleSet CurrentRules(Repositories& r);
// A stored declaration as the rules read it.
health::Facts FactsOf(const health::DeclarationRecord& d);

class DeclarationsService {
 public:
  DeclarationsService(Store& store, const Clock& clock, const PersonsService& persons,
                      const PassSigner& signer)
      : store_(store), clock_(clock), persons_(persons), signer_(signer) {}

  // Public. Error: community.not_found.
  Result<CommunityDirectory> Directory(const std::string& community_code);

  // `staff` is null on the public page. Errors: declaration.promise, declaration.identity_mismatch
  // (the same whether the ID number is unknown or the name or phone differ), declaration.throttled
  // (429, after repeated mismatches from one address), household.not_found, person.not_found,
  // the validation errors of the identity and the facts.
  Result<Submitted> Submit(const RequestContext& ctx, const Principal* staff,
                           DeclarationInput input);
  // The same, checked now and answered once the declaration is stored (see pending.h).
  Pending<Submitted> SubmitLater(const RequestContext& ctx, const Principal* staff,
                                 DeclarationInput input);

  Result<DeclarationPage> List(const Principal& who, const std::string& community_code,
                               const DeclarationQuery& query);
  Result<health::DeclarationRecord> Get(const Principal& who, std::int64_t id);
  Result<ColourSummary> Colours(const Principal& who, const std::string& community_code);

  // Those who registered themselves when declaring; `pending` filters on confirmation.
  Result<ArrivalPage> Arrivals(const Principal& who, const std::string& community_code,
                               std::optional<bool> pending, const std::string& cursor, int limit);
  // Errors: arrival.not_found (also outside the scope), arrival.confirmed.
  Result<ArrivalView> ConfirmArrival(const RequestContext& ctx, const Principal& who,
                                     std::int64_t person_id);

  // A fresh pass for a person who holds a colour, for printing. Error: pass.none.
  Result<IssuedPass> PassFor(const Principal& who, std::int64_t person_id);
  // Public: verifies a token and checks it against the person's current colour.
  Result<PassCheck> Check(std::string_view token);

 private:
  Store& store_;
  const Clock& clock_;
  const PersonsService& persons_;
  const PassSigner& signer_;
};

}  // namespace cordon::app
