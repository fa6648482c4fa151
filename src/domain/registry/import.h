// Reading a community's own spreadsheet into the registry (design §4, flow 1): which column is
// which, whatever the order and in Chinese or English, and what each cell may say.
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/registry/person.h"

namespace cordon::registry {

enum class Column {
  kName,
  kIdNumber,
  kDocType,
  kPhone,
  kZone,
  kBuilding,
  kUnit,
  kRoom,
  kRelation,
  kKind,
  kFlags,
  kWorkplace,
  kVehicles,
  kOutMigrant,
  kOutMigrantWhere,
  kOutMigrantSince,
  kNotes,
};
inline constexpr size_t kColumnCount = 17;

std::string_view ColumnCode(Column c);      // "id_number"
std::string_view ColumnHeaderZh(Column c);  // "身份证号": what an exported sheet's header says
std::string_view ColumnHeaderEn(Column c);  // "ID number"

// Where each column is in the file, -1 when absent.
struct HeaderMap {
  std::array<int, kColumnCount> index{};
  int at(Column c) const { return index[static_cast<size_t>(c)]; }
};

// Recognises the header row. Errors: import.missing_column (field: the column's code) for 姓名,
// 身份证号, 楼栋 or 房号 absent; import.duplicate_column (field: the column's code) when two
// headers name one column; import.empty when the row is blank.
Result<HeaderMap> MapHeader(const std::vector<std::string>& cells);

// One data row, read.
struct ImportRow {
  PersonInput person;
  std::string zone;  // as written: a zone number or name; may be empty
  std::string building;
  std::string unit;
  std::string room;
};

// Reads and checks one row. The error's field is the column's code (ColumnCode) so the caller can
// name the column as the file does. Codes: those of NormalisePerson, plus import.value (detail:
// the value that was not understood, for relation, kind, flags, yes/no and document type
// columns), text.required for a missing building or room.
Result<ImportRow> ParseImportRow(const std::vector<std::string>& cells, const HeaderMap& header,
                                 const CivilDate& today);

// A cell's value as an error may quote it: without any run of seven or more digits (an ID or
// phone number typed into the wrong column), and at most 40 bytes.
std::string EchoValue(std::string_view value);

// For an update by import: the values of columns the sheet does not have are kept from `before`
// rather than reset (a sheet without 工作单位 leaves workplaces as they are).
void KeepAbsentColumns(const HeaderMap& header, const PersonInput& before, PersonInput& row);

// Whether every cell is blank (such rows are skipped).
bool IsBlankRow(const std::vector<std::string>& cells);

// The header row of an export, in Chinese, in the order of the Column enum.
std::vector<std::string> ExportHeader();

// The cells of one person for export or for the error file, in ExportHeader's order. Values as an
// import reads them back (Chinese words for relation, kind and flags).
std::vector<std::string> ExportCells(const PersonInput& person, const std::string& zone,
                                     const std::string& building, const std::string& unit,
                                     const std::string& room);

}  // namespace cordon::registry
