// Places, persons, reveal and import, against the real SQLite store: the rules of scope and of
// privacy that the HTTP layer relies on.
#include <gtest/gtest.h>

#include "app/accounts_service.h"
#include "app/persons_service.h"
#include "app/places_service.h"
#include "app/registry_io_service.h"
#include "app/vault.h"
#include "domain/identity/id_number.h"
#include "store/sqlite/sqlite_store.h"
#include "support/temp_dir.h"

namespace cordon::app {
namespace {

using registry::PersonInput;

std::string ValidId(const std::string& first17) {
  return first17 + identity::IdCheckCharacter(first17);
}

// Collects what an export writes.
class MemorySink final : public sheets::RowSink {
 public:
  Status Write(const std::vector<std::string>& cells) override {
    rows.push_back(cells);
    return Ok();
  }
  Status Finish() override { return Ok(); }
  std::vector<std::vector<std::string>> rows;
};

class RegistryTest : public ::testing::Test {
 protected:
  RegistryTest()
      : store_(dir_.File("a.db")),
        clock_(1'583'022'600'000),
        vault_(*Vault::FromHex(std::string(64, '7'))),
        places_(store_, clock_),
        persons_(store_, clock_, vault_),
        io_(store_, clock_, persons_) {
    InitCrypto();
    const auto sys = SystemPrincipal();
    for (auto code : {"44", "4419", "441900", "441900003", "441900004"}) {
      EXPECT_TRUE(
          places_.PutRegion(ctx_, sys, {code, "地区", "", registry::RegionLevel::kCity}).ok());
    }
    EXPECT_TRUE(places_.CreateCommunity(ctx_, sys, {"441900003013", "岗贝社区", "441900003"}).ok());
    EXPECT_TRUE(places_.CreateCommunity(ctx_, sys, {"441900004001", "另一社区", "441900004"}).ok());
    zone1_ = places_.CreateZone(ctx_, sys, "441900003013", 1, "第一片区")->id;
    zone2_ = places_.CreateZone(ctx_, sys, "441900003013", 2, "第二片区")->id;
    other_zone_ = places_.CreateZone(ctx_, sys, "441900004001", 1, "一区")->id;
    h1_ = Household(sys, "441900003013", zone1_, "1栋");
    h2_ = Household(sys, "441900003013", zone2_, "2栋");
    other_h_ = Household(sys, "441900004001", other_zone_, "1栋");
  }

  std::int64_t Household(const Principal& who, const std::string& code, std::int64_t zone,
                         const std::string& building) {
    auto b = places_.CreateBuilding(ctx_, who, code, zone, building);
    auto u = places_.CreateUnit(ctx_, who, b->id, "1");
    return places_.CreateHousehold(ctx_, who, u->id, "101")->id;
  }

  static Principal As(accounts::Role role, const std::string& scope, std::int64_t id = 99) {
    Principal p;
    p.user.id = id;
    p.user.username = "u" + std::to_string(id);
    p.user.role = role;
    p.user.scope = *accounts::ParseScope(scope);
    return p;
  }

  PersonInput Person(const std::string& name, const std::string& id, std::int64_t household) {
    PersonInput p;
    p.name = name;
    p.doc_number = id;
    p.phone = "13812345678";
    p.household_id = household;
    return p;
  }

  std::vector<audit::AuditEntry> Audit(const std::string& action) {
    std::vector<audit::AuditEntry> out;
    EXPECT_TRUE(store_
                    .Read([&](Repositories& r) {
                      audit::AuditCriteria c;
                      c.action = action;
                      out = r.audit.List(c).entries;
                      return Ok();
                    })
                    .ok());
    return out;
  }

  cordon::testing::TempDir dir_;
  store::sqlite::SqliteStore store_;
  ManualClock clock_;
  Vault vault_;
  PlacesService places_;
  PersonsService persons_;
  RegistryIoService io_;
  RequestContext ctx_{"r1", "10.0.0.1"};
  std::int64_t zone1_ = 0;
  std::int64_t zone2_ = 0;
  std::int64_t other_zone_ = 0;
  std::int64_t h1_ = 0;
  std::int64_t h2_ = 0;
  std::int64_t other_h_ = 0;
  const Principal manager_ = As(accounts::Role::kManager, "community:441900003013", 1);
  const Principal grid1_ = As(accounts::Role::kGridWorker, "zone:441900003013-1", 2);
  const Principal other_manager_ = As(accounts::Role::kManager, "community:441900004001", 3);
  const Principal city_ = As(accounts::Role::kManager, "region:4419", 4);
};

TEST_F(RegistryTest, NumbersAreSealedAndMasked) {
  const std::string id = ValidId("44190019900307001");
  auto p = persons_.Create(ctx_, manager_, "441900003013", Person("张三", id, h1_));
  ASSERT_TRUE(p.ok()) << p.error().code;
  EXPECT_EQ(p->doc_masked, "441900********0016");
  EXPECT_EQ(p->phone_masked, "138****5678");
  EXPECT_EQ(p->doc_cipher.find(id), std::string::npos);
  EXPECT_EQ(p->zone_id, zone1_);
  EXPECT_EQ(p->building, "1栋");
  // A person cannot be registered twice in a community, but may be in another.
  auto dup = persons_.Create(ctx_, manager_, "441900003013", Person("张三", id, h2_));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "person.duplicate");
  EXPECT_EQ(dup.error().detail, " (#" + std::to_string(p->id) + ")");
  // A zone's worker is refused too, without learning who holds the number.
  auto hidden = persons_.Create(ctx_, As(accounts::Role::kGridWorker, "zone:441900003013-2"),
                                "441900003013", Person("张三", id, h2_));
  EXPECT_EQ(hidden.error().code, "person.duplicate");
  EXPECT_EQ(hidden.error().detail, "");
  EXPECT_TRUE(
      persons_.Create(ctx_, other_manager_, "441900004001", Person("张三", id, other_h_)).ok());
}

TEST_F(RegistryTest, ScopeDecidesWhatExists) {
  auto in1 = persons_.Create(ctx_, manager_, "441900003013",
                             Person("甲", ValidId("44190019900307001"), h1_));
  auto in2 = persons_.Create(ctx_, manager_, "441900003013",
                             Person("乙", ValidId("44190019900307003"), h2_));
  ASSERT_TRUE(in1.ok() && in2.ok());
  // The zone's grid worker sees their zone only, and the other zone's person does not exist.
  EXPECT_TRUE(persons_.Get(grid1_, in1->id).ok());
  EXPECT_EQ(persons_.Get(grid1_, in2->id).error().code, "person.not_found");
  EXPECT_EQ(persons_.Get(grid1_, 999999).error().code, "person.not_found");
  auto page = persons_.List(grid1_, "441900003013", {});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].name, "甲");
  PersonQuery other_zone;
  other_zone.zone_id = zone2_;
  EXPECT_TRUE(persons_.List(grid1_, "441900003013", other_zone)->items.empty());
  // Another community's manager: the community does not exist for them.
  EXPECT_EQ(persons_.List(other_manager_, "441900003013", {}).error().code, "community.not_found");
  EXPECT_EQ(persons_.Get(other_manager_, in1->id).error().code, "person.not_found");
  EXPECT_EQ(places_.ListZones(other_manager_, "441900003013").error().code, "community.not_found");
  // A city-wide manager sees both communities.
  EXPECT_EQ(places_.ListCommunities(city_)->size(), 2u);
  EXPECT_EQ(places_.ListCommunities(grid1_)->size(), 1u);
  // A zone worker cannot place a person in another zone.
  auto moved = persons_.Create(ctx_, grid1_, "441900003013",
                               Person("丙", ValidId("44190019900307005"), h2_));
  EXPECT_EQ(moved.error().code, "household.not_found");
  EXPECT_EQ(places_.GetHousehold(grid1_, h2_).error().code, "household.not_found");
  EXPECT_EQ(places_.ListZones(grid1_, "441900003013")->size(), 1u);
}

TEST_F(RegistryTest, RevealIsAuditedWithoutTheNumbers) {
  const std::string id = ValidId("44190019900307001");
  auto p = persons_.Create(ctx_, manager_, "441900003013", Person("张三", id, h1_));
  EXPECT_EQ(persons_.Reveal(ctx_, grid1_, p->id, "核实").error().code, "auth.forbidden");
  EXPECT_EQ(persons_.Reveal(ctx_, manager_, p->id, " ").error().code, "person.reason_required");
  auto r = persons_.Reveal(ctx_, manager_, p->id, "上门核实身份");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->id_number, id);
  EXPECT_EQ(r->phone, "13812345678");
  auto entries = Audit("person.reveal");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].user_id, manager_.user.id);
  EXPECT_EQ(entries[0].record_id, std::to_string(p->id));
  EXPECT_NE(entries[0].detail.find("上门核实身份"), std::string::npos);
  EXPECT_EQ(entries[0].detail.find(id), std::string::npos);
  EXPECT_EQ(entries[0].detail.find("13812345678"), std::string::npos);
}

TEST_F(RegistryTest, MaskedValuesInAnUpdateNeverOverwrite) {
  const std::string id = ValidId("44190019900307001");
  auto p = persons_.Create(ctx_, manager_, "441900003013", Person("张三", id, h1_));
  PersonPatch patch;
  patch.id_number = p->doc_masked;
  patch.phone = p->phone_masked;
  patch.name = "张三丰";
  patch.household_id = std::optional<std::int64_t>(h2_);
  auto u = persons_.Update(ctx_, manager_, p->id, patch);
  ASSERT_TRUE(u.ok()) << u.error().code;
  EXPECT_EQ(u->name, "张三丰");
  EXPECT_EQ(u->zone_id, zone2_);  // moved with the household
  auto r = persons_.Reveal(ctx_, manager_, p->id, "核对");
  EXPECT_EQ(r->id_number, id);
  EXPECT_EQ(r->phone, "13812345678");
  PersonPatch bad;
  bad.id_number = "110105194912310021";
  EXPECT_EQ(persons_.Update(ctx_, manager_, p->id, bad).error().code, "id_number.check_digit");
  auto changes = Audit("person.update");
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].detail, R"({"changed":["name","household_id"]})");
}

TEST_F(RegistryTest, SoftDeleteNeedsAReasonAndHides) {
  auto p = persons_.Create(ctx_, manager_, "441900003013",
                           Person("张三", ValidId("44190019900307001"), h1_));
  EXPECT_EQ(persons_.Delete(ctx_, manager_, p->id, "").error().code, "person.reason_required");
  ASSERT_TRUE(persons_.Delete(ctx_, manager_, p->id, "迁出").ok());
  EXPECT_TRUE(persons_.List(manager_, "441900003013", {})->items.empty());
  EXPECT_TRUE(persons_.Get(manager_, p->id)->deleted_at.has_value());
  // The number is free again for a new registration.
  EXPECT_TRUE(
      persons_
          .Create(ctx_, manager_, "441900003013", Person("张三", ValidId("44190019900307001"), h1_))
          .ok());
}

TEST_F(RegistryTest, SearchByNamePrefixLastFourAndFlags) {
  auto a = Person("王小明", ValidId("44190019500307001"), h1_);
  a.flags = registry::kFlagDisabled;
  auto b = Person("王大明", ValidId("44190019900307003"), h1_);
  b.phone = "13900001234";
  ASSERT_TRUE(persons_.Create(ctx_, manager_, "441900003013", a).ok());
  ASSERT_TRUE(persons_.Create(ctx_, manager_, "441900003013", b).ok());
  auto names = [&](PersonQuery q) {
    std::vector<std::string> out;
    auto page = persons_.List(manager_, "441900003013", q);
    for (const auto& p : page->items) {
      out.push_back(p.name);
    }
    return out;
  };
  PersonQuery q;
  q.q = "王";
  EXPECT_EQ(names(q).size(), 2u);
  q.q = "王小";
  EXPECT_EQ(names(q), std::vector<std::string>{"王小明"});
  q.q = "1234";
  EXPECT_EQ(names(q), std::vector<std::string>{"王大明"});
  q = {};
  q.flags = {"disabled"};
  EXPECT_EQ(names(q), std::vector<std::string>{"王小明"});
  q.flags = {"elderly"};
  EXPECT_EQ(names(q), std::vector<std::string>{"王小明"});
  q = {};
  q.limit = 1;
  auto page1 = persons_.List(manager_, "441900003013", q);
  ASSERT_TRUE(page1->next_cursor.has_value());
  q.cursor = *page1->next_cursor;
  auto page2 = persons_.List(manager_, "441900003013", q);
  EXPECT_EQ(page2->items.size(), 1u);
  EXPECT_FALSE(page2->next_cursor.has_value());
  // A name search pages in name order.
  q = {};
  q.q = "王";
  q.limit = 1;
  auto n1 = persons_.List(manager_, "441900003013", q);
  EXPECT_EQ(n1->items.at(0).name, "王大明");
  q.cursor = *n1->next_cursor;
  auto n2 = persons_.List(manager_, "441900003013", q);
  EXPECT_EQ(n2->items.at(0).name, "王小明");
  EXPECT_FALSE(n2->next_cursor.has_value());
  q.cursor = "x";
  EXPECT_EQ(persons_.List(manager_, "441900003013", q).error().code, "request.invalid_query");
}

std::vector<std::vector<std::string>> Sheet(int rows, int bad_row_a = -1, int bad_row_b = -1) {
  std::vector<std::vector<std::string>> out{
      {"姓名", "身份证号", "手机号", "片区", "楼栋", "单元", "房号"}};
  for (int i = 0; i < rows; ++i) {
    char seq[8];
    std::snprintf(seq, sizeof seq, "%03d", i % 1000);
    std::string id = ValidId("4419001990" + std::string(i < 1000 ? "0307" : "0308") + seq);
    const int sheet_row = i + 2;  // the header is row 1
    if (sheet_row == bad_row_a || sheet_row == bad_row_b) {
      id[17] = id[17] == '0' ? '1' : '0';
    }
    out.push_back({"居民" + std::to_string(i), id, "", "1", std::to_string(10 + i % 3) + "栋", "1",
                   std::to_string(101 + i)});
  }
  return out;
}

SheetOpener Opener(const std::vector<std::vector<std::string>>& rows) {
  return [rows]() -> Result<std::unique_ptr<sheets::RowSource>> {
    return std::unique_ptr<sheets::RowSource>(new sheets::VectorRowSource(rows));
  };
}

TEST_F(RegistryTest, ImportIsAllOrNothing) {
  auto report = io_.Import(ctx_, manager_, "441900003013", Opener(Sheet(1000, 3, 999)), "x.csv");
  ASSERT_TRUE(report.ok()) << report.error().code;
  EXPECT_FALSE(report->run.applied);
  EXPECT_EQ(report->run.rows, 1000);
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].row, 3u);
  EXPECT_EQ(report->errors[1].row, 999u);
  EXPECT_EQ(report->errors[0].column, "身份证号");
  EXPECT_EQ(report->errors[0].code, "id_number.check_digit");
  EXPECT_TRUE(persons_.List(manager_, "441900003013", {})->items.empty());
  EXPECT_TRUE(places_.ListBuildings(manager_, "441900003013", zone1_)->size() == 1);  // 1栋 only
  auto kept = io_.GetRun(manager_, report->run.id);
  EXPECT_EQ(kept->errors.size(), 2u);
}

TEST_F(RegistryTest, ImportCreatesPlacesAndIsIdempotent) {
  auto rows = Sheet(50);
  auto first = io_.Import(ctx_, manager_, "441900003013", Opener(rows), "x.csv");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->run.applied) << first->errors.front().code;
  EXPECT_EQ(first->run.created, 50);
  EXPECT_EQ(places_.ListBuildings(manager_, "441900003013", zone1_)->size(), 4u);
  auto again = io_.Import(ctx_, manager_, "441900003013", Opener(rows), "x.csv");
  EXPECT_EQ(again->run.created, 0);
  EXPECT_EQ(again->run.updated, 0);
  EXPECT_EQ(again->run.unchanged, 50);
  rows[7][2] = "13912345678";
  auto changed = io_.Import(ctx_, manager_, "441900003013", Opener(rows), "x.csv");
  EXPECT_EQ(changed->run.updated, 1);
  EXPECT_EQ(changed->run.unchanged, 49);
  PersonQuery q;
  q.q = "5678";
  EXPECT_EQ(persons_.List(manager_, "441900003013", q)->items.size(), 1u);
  EXPECT_EQ(Audit("person.import").size(), 3u);
}

TEST_F(RegistryTest, ImportFindsRepeatsAndUnknownZones) {
  auto rows = Sheet(5);
  rows[4][1] = rows[2][1];  // row 5 repeats row 3's ID
  rows[5][3] = "9";         // a new building in zone 9
  rows[5][4] = "99栋";
  auto report = io_.Import(ctx_, manager_, "441900003013", Opener(rows), "x.csv");
  ASSERT_EQ(report->errors.size(), 2u);
  EXPECT_EQ(report->errors[0].code, "import.duplicate_in_file");
  EXPECT_EQ(report->errors[0].row, 5u);
  EXPECT_EQ(report->errors[0].detail, "3");
  EXPECT_EQ(report->errors[1].code, "import.zone_unknown");
  EXPECT_EQ(report->errors[1].row, 6u);
  // A zone's worker cannot import a whole community, even with the permission's role.
  EXPECT_EQ(io_.Import(ctx_, grid1_, "441900003013", Opener(rows), "x").error().code,
            "auth.forbidden");
}

TEST_F(RegistryTest, ExportMasksUnlessTheRoleMayReveal) {
  const std::string id = ValidId("44190019900307001");
  ASSERT_TRUE(persons_.Create(ctx_, manager_, "441900003013", Person("张三", id, h1_)).ok());
  ASSERT_TRUE(
      persons_
          .Create(ctx_, manager_, "441900003013", Person("李四", ValidId("44190019900307003"), h2_))
          .ok());
  MemorySink full;
  ASSERT_TRUE(io_.Export(ctx_, manager_, "441900003013", full).ok());
  ASSERT_EQ(full.rows.size(), 3u);
  EXPECT_EQ(full.rows[1][1], id);
  MemorySink masked;
  ASSERT_TRUE(io_.Export(ctx_, grid1_, "441900003013", masked).ok());
  ASSERT_EQ(masked.rows.size(), 2u);  // zone 1 only
  EXPECT_EQ(masked.rows[1][1], "441900********0016");
  EXPECT_EQ(masked.rows[1][3], "138****5678");
  EXPECT_EQ(Audit("person.export_revealed").size(), 1u);
  EXPECT_EQ(Audit("person.export").size(), 1u);
}

TEST(VaultTest, SealOpenHash) {
  InitCrypto();
  auto v = Vault::FromHex(Vault::NewKeyHex());
  ASSERT_TRUE(v.ok());
  auto sealed = v->Seal("11010519491231002X");
  EXPECT_NE(sealed, v->Seal("11010519491231002X"));  // a fresh nonce each time
  EXPECT_EQ(*v->Open(sealed), "11010519491231002X");
  EXPECT_EQ(v->Hash("a"), v->Hash("a"));
  EXPECT_NE(v->Hash("a"), v->Hash("b"));
  auto other = Vault::FromHex(Vault::NewKeyHex());
  EXPECT_EQ(other->Open(sealed).error().code, "vault.open_failed");
  EXPECT_NE(other->Hash("a"), v->Hash("a"));
  EXPECT_NE(other->KeyId(), v->KeyId());
  sealed[30] ^= 1;
  EXPECT_EQ(v->Open(sealed).error().code, "vault.open_failed");
  EXPECT_EQ(Vault::FromHex("abc").error().code, "vault.key_format");
}

}  // namespace
}  // namespace cordon::app
