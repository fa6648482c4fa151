// Declarations and passes against the real SQLite store, with a clock the test moves: expiry,
// staleness after a change of colour, and signatures that do not survive tampering.
#include <gtest/gtest.h>

#include "app/accounts_service.h"
#include "app/crypto.h"
#include "app/declarations_service.h"
#include "app/pass_signer.h"
#include "app/persons_service.h"
#include "app/places_service.h"
#include "domain/identity/id_number.h"
#include "store/sqlite/sqlite_store.h"
#include "support/temp_dir.h"

namespace cordon::app {
namespace {

using health::PassState;

class DeclarationsTest : public ::testing::Test {
 protected:
  DeclarationsTest()
      : store_(dir_.File("d.db")),
        // 2020-03-01 08:30 China time.
        clock_(1'583'022'600'000),
        vault_(*Vault::FromHex(std::string(64, '5'))),
        accounts_(store_, clock_, FastAuth()),
        places_(store_, clock_),
        persons_(store_, clock_, vault_),
        signer_(vault_),
        declarations_(store_, clock_, persons_, signer_) {
    InitCrypto();
    const auto sys = SystemPrincipal();
    for (auto code : {"44", "4419", "441900", "441900003"}) {
      EXPECT_TRUE(
          places_.PutRegion(ctx_, sys, {code, "地区", "", registry::RegionLevel::kCity}).ok());
    }
    EXPECT_TRUE(places_.CreateCommunity(ctx_, sys, {"441900003013", "岗贝社区", "441900003"}).ok());
    const auto zone = places_.CreateZone(ctx_, sys, "441900003013", 1, "第一片区")->id;
    auto b = places_.CreateBuilding(ctx_, sys, "441900003013", zone, "1栋");
    auto u = places_.CreateUnit(ctx_, sys, b->id, "1");
    const auto household = places_.CreateHousehold(ctx_, sys, u->id, "101")->id;
    registry::PersonInput p;
    p.name = "王伟";
    p.doc_number = id_;
    p.phone = "13812345678";
    p.household_id = household;
    EXPECT_TRUE(persons_.Create(ctx_, sys, "441900003013", p).ok());
  }

  DeclarationInput Input(double temperature) const {
    DeclarationInput in;
    in.community_code = "441900003013";
    in.name = "王伟";
    in.id_number = id_;
    in.phone = "13812345678";
    in.temperature = temperature;
    in.promise = true;
    return in;
  }

  static AuthOptions FastAuth() {
    AuthOptions o;
    o.password.ops_limit = 1;
    o.password.mem_limit = 8192;
    return o;
  }

  static std::string ValidId(const std::string& first17) {
    return first17 + identity::IdCheckCharacter(first17);
  }

  cordon::testing::TempDir dir_;
  store::sqlite::SqliteStore store_;
  ManualClock clock_;
  Vault vault_;
  AccountsService accounts_;
  PlacesService places_;
  PersonsService persons_;
  PassSigner signer_;
  DeclarationsService declarations_;
  RequestContext ctx_{"r1", "10.0.0.1"};
  std::string id_ = ValidId("44190019800101001");
};

TEST_F(DeclarationsTest, APassHoldsUntilTheEndOfItsDayThenExpires) {
  auto done = declarations_.Submit(ctx_, nullptr, Input(36.5));
  ASSERT_TRUE(done.ok()) << done.error().code;
  EXPECT_EQ(done->pass.colour, health::Colour::kGreen);
  // Declared at 08:30 China time: the pass holds until midnight, 15.5 hours on.
  EXPECT_EQ(done->pass.expires_at, clock_.NowMs() + 15 * 3'600'000 + 30 * 60'000);
  EXPECT_EQ(declarations_.Check(done->pass.token)->state, PassState::kValid);
  clock_.Advance(15 * 3'600'000 + 29 * 60'000);
  EXPECT_EQ(declarations_.Check(done->pass.token)->state, PassState::kValid);
  clock_.Advance(60'000);
  EXPECT_EQ(declarations_.Check(done->pass.token)->state, PassState::kExpired);
}

TEST_F(DeclarationsTest, AChangeOfColourMakesOlderPassesStale) {
  auto green = declarations_.Submit(ctx_, nullptr, Input(36.5));
  ASSERT_TRUE(green.ok());
  clock_.Advance(60'000);
  auto again = declarations_.Submit(ctx_, nullptr, Input(36.7));
  ASSERT_TRUE(again.ok());
  // The same colour: the first pass still holds.
  EXPECT_EQ(declarations_.Check(green->pass.token)->state, PassState::kValid);
  clock_.Advance(60'000);
  auto red = declarations_.Submit(ctx_, nullptr, Input(38.0));
  ASSERT_TRUE(red.ok());
  EXPECT_EQ(red->pass.colour, health::Colour::kRed);
  EXPECT_EQ(declarations_.Check(green->pass.token)->state, PassState::kStale);
  EXPECT_EQ(declarations_.Check(again->pass.token)->state, PassState::kStale);
  EXPECT_EQ(declarations_.Check(red->pass.token)->state, PassState::kValid);
}

TEST_F(DeclarationsTest, TamperedAndForeignTokensAreRefused) {
  auto done = declarations_.Submit(ctx_, nullptr, Input(36.5));
  ASSERT_TRUE(done.ok());
  const std::string token = done->pass.token;
  // Verified once, the genuine token is remembered; a second look gives the same claims.
  auto first = signer_.Verify(token);
  ASSERT_TRUE(first.ok());
  auto second = signer_.Verify(token);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(health::EncodePassClaims(*second), health::EncodePassClaims(*first));
  // Every single character changed in turn: none of them still verifies, the remembered
  // genuine token beside them notwithstanding.
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '.') {
      continue;
    }
    std::string t = token;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    auto r = signer_.Verify(t);
    ASSERT_FALSE(r.ok()) << "character " << i;
    EXPECT_TRUE(r.error().code == "pass.signature" || r.error().code == "pass.malformed");
  }
  // A pass signed with another deployment's key.
  auto other_vault = *Vault::FromHex(std::string(64, '6'));
  PassSigner other(other_vault);
  auto claims = signer_.Verify(token);
  ASSERT_TRUE(claims.ok());
  EXPECT_EQ(signer_.Verify(other.Sign(*claims)).error().code, "pass.signature");
  EXPECT_EQ(signer_.Verify("").error().code, "pass.malformed");
  EXPECT_EQ(signer_.Verify(token + "." + token).error().code, "pass.malformed");
}

TEST_F(DeclarationsTest, AnAssistedDeclarationIsAudited) {
  auto user = accounts_.CreateUser(
      ctx_, nullptr, {"grid1", "password1", "网格员", "grid_worker", "community:441900003013"});
  ASSERT_TRUE(user.ok()) << user.error().code;
  Principal staff;
  staff.user = *user;
  DeclarationInput in = Input(36.6);
  in.name.clear();
  in.id_number.clear();
  in.phone.clear();
  auto list = persons_.List(SystemPrincipal(), "441900003013", {});
  ASSERT_TRUE(list.ok());
  in.person_id = list->items.at(0).id;
  auto done = declarations_.Submit(ctx_, &staff, in);
  ASSERT_TRUE(done.ok()) << done.error().code;
  EXPECT_EQ(done->declaration.assisted_by, user->id);
  EXPECT_EQ(done->declaration.assisted_by_name, "网格员");
  bool audited = false;
  ASSERT_TRUE(store_
                  .Read([&](Repositories& r) -> Status {
                    audit::AuditCriteria c;
                    c.action = "declaration.assist";
                    for (const auto& e : r.audit.List(c).entries) {
                      audited = audited || (e.user_id == std::optional(user->id) &&
                                            e.record_id == std::to_string(*in.person_id));
                    }
                    return Ok();
                  })
                  .ok());
  EXPECT_TRUE(audited);
}

}  // namespace
}  // namespace cordon::app
