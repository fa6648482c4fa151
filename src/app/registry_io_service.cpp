#include "app/registry_io_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cstring>
#include <map>

#include "app/audit_service.h"
#include "app/authorize.h"
#include "app/scope.h"
#include "domain/identity/id_number.h"
#include "domain/identity/phone.h"
#include "domain/registry/import.h"

namespace cordon::app {
namespace {

using registry::Column;
using registry::ImportError;

// Persons read per unit while exporting: bounds the time a reader holds its snapshot.
constexpr int kExportPage = 1000;

const Principal* Actor(const Principal& who) { return who.user.id == 0 ? nullptr : &who; }

registry::Column ColumnOfField(const std::string& field) {
  for (size_t i = 0; i < registry::kColumnCount; ++i) {
    if (registry::ColumnCode(static_cast<Column>(i)) == field) {
      return static_cast<Column>(i);
    }
  }
  return Column::kName;
}

// What the sheet calls a column: its own header where it has one.
std::string HeaderText(const std::vector<std::string>& header, const registry::HeaderMap& map,
                       const std::string& field) {
  bool known = false;
  for (size_t i = 0; i < registry::kColumnCount; ++i) {
    known = known || registry::ColumnCode(static_cast<Column>(i)) == field;
  }
  if (!known) {
    return field;
  }
  const int i = map.at(ColumnOfField(field));
  if (i >= 0 && static_cast<size_t>(i) < header.size()) {
    return header[static_cast<size_t>(i)];
  }
  return std::string(registry::ColumnHeaderZh(ColumnOfField(field)));
}

// The community's zones and buildings, and how a row's zone cell names a zone.
struct PlaceIndex {
  std::vector<registry::Zone> zones;
  std::map<std::string, registry::Building> buildings;

  std::optional<std::int64_t> ZoneNamed(const std::string& text) const {
    if (text.empty()) {
      if (zones.size() == 1) {
        return zones.front().id;
      }
      return std::nullopt;
    }
    for (const auto& z : zones) {
      if (text == std::to_string(z.number) || text == z.name || text == z.code) {
        return z.id;
      }
    }
    return std::nullopt;
  }
};

PlaceIndex LoadPlaces(Repositories& r, std::int64_t community_id) {
  PlaceIndex idx;
  idx.zones = r.places.ListZones(community_id);
  for (auto& b : r.places.ListBuildings(community_id, std::nullopt)) {
    idx.buildings.emplace(b.name, b);
  }
  return idx;
}

// The zone a row's building is in: the building's own, or for a new building the row's zone.
Result<std::int64_t> ZoneOfRow(const PlaceIndex& places, const registry::ImportRow& row) {
  auto it = places.buildings.find(row.building);
  if (it != places.buildings.end()) {
    return it->second.zone_id;
  }
  auto zone = places.ZoneNamed(row.zone);
  if (!zone) {
    return MakeError(row.zone.empty() ? "import.zone_required" : "import.zone_unknown", "zone",
                     registry::EchoValue(row.zone));
  }
  return *zone;
}

// Reads the header row: the first row that is not blank.
Result<std::pair<std::vector<std::string>, registry::HeaderMap>> ReadHeader(sheets::RowSource& src,
                                                                            size_t& header_row) {
  std::vector<std::string> cells;
  while (src.Next(cells)) {
    if (registry::IsBlankRow(cells)) {
      continue;
    }
    header_row = src.row_number();
    auto map = registry::MapHeader(cells);
    if (!map.ok()) {
      return map.error();
    }
    return std::pair{cells, *map};
  }
  CORDON_RETURN_IF_ERROR(src.status());
  return MakeError("import.empty");
}

bool SamePerson(const registry::PersonInput& a, const registry::PersonInput& b) { return a == b; }

}  // namespace

Result<ImportReport> RegistryIoService::Import(const RequestContext& ctx, const Principal& who,
                                               const std::string& community_code,
                                               const SheetOpener& open,
                                               const std::string& file_name) {
  CORDON_RETURN_IF_ERROR(Require(who, accounts::perm::kPersonImport));
  const TimeMs now = clock_.NowMs();
  const CivilDate today = ChinaToday(clock_);

  std::optional<CommunityAccess> access;
  PlaceIndex places;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto a = AccessCommunity(r, who, community_code);
    if (!a.ok()) {
      return a.error();
    }
    access = *a;
    places = LoadPlaces(r, a->community.id);
    return Ok();
  }));
  if (access->zone_id) {
    return MakeError("auth.forbidden");  // a file holds a whole community
  }

  ImportReport report;
  report.run.community_id = access->community.id;
  report.run.user_id = who.user.id;
  // A file name as the client sent it: printable and bounded, since it is shown back.
  for (char c : file_name) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f && report.run.file_name.size() < 200) {
      report.run.file_name.push_back(c);
    }
  }
  report.run.created_at = now;
  auto add_error = [&](ImportError e) {
    report.run.errors += 1;
    if (report.errors.size() < static_cast<size_t>(kMaxStoredImportErrors)) {
      report.errors.push_back(std::move(e));
    }
  };

  // Pass 1: check everything, write nothing.
  {
    auto src = open();
    if (!src.ok()) {
      return src.error();
    }
    size_t header_row = 0;
    auto header = ReadHeader(**src, header_row);
    if (!header.ok()) {
      if (header.error().code.starts_with("sheet.")) {
        return header.error();
      }
      add_error(ImportError{header_row == 0 ? 1 : header_row, "", header.error().code,
                            header.error().field, header.error().detail});
    } else {
      const auto& [cells_of_header, map] = *header;
      // 64 bits of each ID's hash and its row: 16 bytes a row, sorted at the end to find repeats.
      std::vector<std::pair<std::uint64_t, std::size_t>> seen;
      std::vector<std::string> cells;
      while ((*src)->Next(cells)) {
        if (registry::IsBlankRow(cells)) {
          continue;
        }
        const size_t row_no = (*src)->row_number();
        report.run.rows += 1;
        auto row = registry::ParseImportRow(cells, map, today);
        if (!row.ok()) {
          add_error(ImportError{row_no, HeaderText(cells_of_header, map, row.error().field),
                                row.error().code, row.error().field, row.error().detail});
          continue;
        }
        auto zone = ZoneOfRow(places, *row);
        if (!zone.ok()) {
          add_error(ImportError{row_no, HeaderText(cells_of_header, map, "zone"), zone.error().code,
                                "zone", zone.error().detail});
          continue;
        }
        const std::string hash = persons_.DocHash(row->person);
        std::uint64_t h64 = 0;
        std::memcpy(&h64, hash.data(), sizeof h64);
        seen.emplace_back(h64, row_no);
      }
      CORDON_RETURN_IF_ERROR((*src)->status());
      std::sort(seen.begin(), seen.end());
      for (size_t i = 1; i < seen.size(); ++i) {
        if (seen[i].first == seen[i - 1].first) {
          add_error(ImportError{seen[i].second, HeaderText(cells_of_header, map, "id_number"),
                                "import.duplicate_in_file", "id_number",
                                std::to_string(seen[i - 1].second)});
        }
      }
      std::sort(report.errors.begin(), report.errors.end(),
                [](const ImportError& a, const ImportError& b) { return a.row < b.row; });
    }
  }

  if (report.run.errors > 0 || report.run.rows == 0) {
    if (report.run.rows == 0 && report.run.errors == 0) {
      add_error(ImportError{1, "", "import.empty", "", ""});
    }
    report.run.applied = false;
    CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) {
      report.run.id = r.imports.CreateRun(report.run);
      r.imports.AddErrors(report.run.id, report.errors);
      r.audit.Append(MakeAuditEntry(ctx, Actor(who), "person.import_rejected", "import_run",
                                    std::to_string(report.run.id),
                                    boost::json::serialize(boost::json::object{
                                        {"rows", report.run.rows}, {"errors", report.run.errors}}),
                                    now));
      return Ok();
    }));
    return report;
  }

  // Pass 2: every row, in one unit. A retried unit reads the file again from the start, and
  // counts again from the run as pass 1 left it.
  const registry::ImportRun run_before = report.run;
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) -> Status {
    report.run = run_before;
    auto src = open();
    if (!src.ok()) {
      return src.error();
    }
    size_t header_row = 0;
    auto header = ReadHeader(**src, header_row);
    if (!header.ok()) {
      return header.error();
    }
    const auto& map = header->second;
    PlaceIndex live = LoadPlaces(r, access->community.id);
    std::map<std::pair<std::int64_t, std::string>, std::int64_t> units;
    // Sheets list a household's members together: the last household found is the next one's.
    std::optional<registry::Household> last_household;
    std::vector<std::string> cells;
    while ((*src)->Next(cells)) {
      if (registry::IsBlankRow(cells)) {
        continue;
      }
      auto row = registry::ParseImportRow(cells, map, today);
      if (!row.ok()) {
        return row.error();  // the file changed between the passes
      }
      auto zone = ZoneOfRow(live, *row);
      if (!zone.ok()) {
        return zone.error();
      }
      auto b = live.buildings.find(row->building);
      if (b == live.buildings.end()) {
        auto made = r.places.CreateBuilding(
            registry::Building{0, access->community.id, *zone, row->building});
        if (!made.ok()) {
          return made.error();
        }
        b = live.buildings.emplace(row->building, *made).first;
      }
      const auto unit_key = std::pair{b->second.id, row->unit};
      auto u = units.find(unit_key);
      if (u == units.end()) {
        auto existing = r.places.FindUnitByName(b->second.id, row->unit);
        std::int64_t unit_id = 0;
        if (existing) {
          unit_id = existing->id;
        } else {
          auto made =
              r.places.CreateUnit(registry::Unit{0, access->community.id, b->second.id, row->unit});
          if (!made.ok()) {
            return made.error();
          }
          unit_id = made->id;
        }
        u = units.emplace(unit_key, unit_id).first;
      }
      std::optional<registry::Household> household;
      if (last_household && last_household->unit_id == u->second &&
          last_household->room == row->room) {
        household = last_household;
      } else {
        household = r.places.FindHouseholdByRoom(u->second, row->room);
      }
      if (!household) {
        auto made = r.places.CreateHousehold(registry::Household{
            0, access->community.id, b->second.zone_id, b->second.id, u->second, row->room});
        if (!made.ok()) {
          return made.error();
        }
        household = *made;
      }
      row->person.household_id = household->id;
      last_household = household;

      registry::PersonRecord sealed = persons_.Seal(row->person);
      sealed.community_id = access->community.id;
      sealed.zone_id = household->zone_id;
      sealed.created_at = now;
      sealed.updated_at = now;
      // Most rows of an import are new: try the insert first, and compare only when it exists.
      if (r.persons.InsertIfAbsent(sealed)) {
        report.run.created += 1;
        continue;
      }
      auto existing = r.persons.FindByDocHash(access->community.id, sealed.doc_hash);
      if (!existing) {
        return MakeError("storage.failed", "", "person vanished during import");
      }
      auto before = persons_.Unseal(*existing);
      if (!before.ok()) {
        return before.error();
      }
      registry::KeepAbsentColumns(map, *before, row->person);
      if (SamePerson(*before, row->person)) {
        report.run.unchanged += 1;
        continue;
      }
      sealed = persons_.Seal(row->person);
      sealed.id = existing->id;
      sealed.community_id = existing->community_id;
      sealed.zone_id = household->zone_id;
      sealed.created_at = existing->created_at;
      sealed.updated_at = now;
      CORDON_RETURN_IF_ERROR(r.persons.Update(sealed));
      report.run.updated += 1;
    }
    CORDON_RETURN_IF_ERROR((*src)->status());
    r.persons.RefreshStatistics();
    report.run.applied = true;
    report.run.id = r.imports.CreateRun(report.run);
    r.audit.Append(MakeAuditEntry(
        ctx, Actor(who), "person.import", "import_run", std::to_string(report.run.id),
        boost::json::serialize(boost::json::object{{"rows", report.run.rows},
                                                   {"created", report.run.created},
                                                   {"updated", report.run.updated},
                                                   {"unchanged", report.run.unchanged}}),
        now));
    return Ok();
  }));
  return report;
}

Result<ImportReport> RegistryIoService::GetRun(const Principal& who, std::int64_t run_id) {
  CORDON_RETURN_IF_ERROR(Require(who, accounts::perm::kPersonImport));
  ImportReport report;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto run = r.imports.FindRun(run_id);
    if (!run || !AccessCommunityById(r, who, run->community_id).ok()) {
      return MakeError("import.not_found");
    }
    report.run = *run;
    report.errors = r.imports.ListErrors(run_id, kMaxStoredImportErrors);
    return Ok();
  }));
  return report;
}

Result<int> RegistryIoService::Export(const RequestContext& ctx, const Principal& who,
                                      const std::string& community_code, sheets::RowSink& sink) {
  CORDON_RETURN_IF_ERROR(Require(who, accounts::perm::kPersonExport));
  const bool reveal = accounts::HasPermission(who.user.role, accounts::perm::kPersonReveal);
  std::optional<CommunityAccess> access;
  std::map<std::int64_t, std::string> zone_names;
  CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) -> Status {
    auto a = AccessCommunity(r, who, community_code);
    if (!a.ok()) {
      return a.error();
    }
    access = *a;
    for (const auto& z : r.places.ListZones(a->community.id)) {
      zone_names[z.id] = z.name;
    }
    return Ok();
  }));
  CORDON_RETURN_IF_ERROR(sink.Write(registry::ExportHeader()));
  int written = 0;
  registry::PersonCriteria c;
  c.community_id = access->community.id;
  c.zone_id = access->zone_id;
  c.limit = kExportPage;
  c.with_sealed = reveal;
  for (;;) {
    std::vector<registry::PersonRecord> page;
    CORDON_RETURN_IF_ERROR(store_.Read([&](Repositories& r) {
      page = r.persons.List(c);
      return Ok();
    }));
    const bool more = page.size() > static_cast<size_t>(kExportPage);
    if (more) {
      page.pop_back();
    }
    for (const auto& p : page) {
      registry::PersonInput in;
      if (reveal) {
        auto plain = persons_.Unseal(p);
        if (!plain.ok()) {
          return plain.error();
        }
        in = std::move(*plain);
      } else {
        in = PersonsService::Masked(p);
      }
      const std::string zone = p.zone_id ? zone_names[*p.zone_id] : "";
      CORDON_RETURN_IF_ERROR(
          sink.Write(registry::ExportCells(in, zone, p.building, p.unit, p.room)));
      ++written;
    }
    if (!more) {
      break;
    }
    c.after_id = page.back().id;
  }
  CORDON_RETURN_IF_ERROR(sink.Finish());
  CORDON_RETURN_IF_ERROR(store_.Write([&](Repositories& r) {
    r.audit.Append(MakeAuditEntry(
        ctx, Actor(who), reveal ? "person.export_revealed" : "person.export", "community",
        std::to_string(access->community.id),
        boost::json::serialize(boost::json::object{{"rows", written}, {"revealed", reveal}}),
        clock_.NowMs()));
    return Ok();
  }));
  return written;
}

}  // namespace cordon::app
