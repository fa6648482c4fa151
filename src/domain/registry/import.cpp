#include "domain/registry/import.h"

#include <algorithm>
#include <utility>

#include "domain/registry/places.h"

namespace cordon::registry {
namespace {

struct ColumnInfo {
  Column column;
  std::string_view code;
  std::string_view zh;
  std::string_view en;
  // Other headers that mean the same, normalised (lower-case ASCII, no spaces or marks).
  std::initializer_list<std::string_view> aliases;
};

const std::array<ColumnInfo, kColumnCount>& Columns() {
  static const std::array<ColumnInfo, kColumnCount> kColumns = {{
      {Column::kName, "name", "姓名", "Name", {"名字", "name", "fullname"}},
      {Column::kIdNumber,
       "id_number",
       "身份证号",
       "ID number",
       {"身份证号码", "身份证", "证件号码", "证件号", "idnumber", "id_number", "id", "idno",
        "documentnumber"}},
      {Column::kDocType,
       "doc_type",
       "证件类型",
       "Document type",
       {"doctype", "doc_type", "documenttype"}},
      {Column::kPhone,
       "phone",
       "手机号",
       "Phone",
       {"手机号码", "手机", "联系电话", "电话", "联系方式", "phone", "mobile", "phonenumber"}},
      {Column::kZone, "zone", "片区", "Zone", {"网格", "所属片区", "所属网格", "zone", "grid"}},
      {Column::kBuilding, "building", "楼栋", "Building", {"楼号", "栋", "楼栋号", "building"}},
      {Column::kUnit, "unit", "单元", "Unit", {"单元号", "unit"}},
      {Column::kRoom, "room", "房号", "Room", {"门牌号", "房间号", "室", "room", "roomnumber"}},
      {Column::kRelation,
       "relation",
       "与户主关系",
       "Relation to head",
       {"关系", "与户主的关系", "relation", "relationship", "relationtohead"}},
      {Column::kKind, "kind", "人员类型", "Kind", {"类型", "居住类型", "人员类别", "kind", "type"}},
      {Column::kFlags,
       "flags",
       "需关注情况",
       "Help needed",
       {"标记", "特殊情况", "flags", "helpneeded"}},
      {Column::kWorkplace,
       "workplace",
       "工作单位",
       "Workplace",
       {"单位", "工作地点", "workplace", "employer"}},
      {Column::kVehicles,
       "vehicles",
       "车牌号",
       "Vehicles",
       {"车牌", "车辆", "vehicles", "plates", "plate"}},
      {Column::kOutMigrant,
       "out_migrant",
       "外出务工",
       "Out-migrant",
       {"是否外出务工", "out_migrant", "outmigrant"}},
      {Column::kOutMigrantWhere,
       "out_migrant_where",
       "外出地点",
       "Working in",
       {"务工地点", "out_migrant_where", "workingin"}},
      {Column::kOutMigrantSince,
       "out_migrant_since",
       "外出时间",
       "Left on",
       {"外出日期", "out_migrant_since", "lefton"}},
      {Column::kNotes, "notes", "备注", "Notes", {"说明", "notes", "remarks", "remark"}},
  }};
  return kColumns;
}

constexpr std::array kRequired = {Column::kName, Column::kIdNumber, Column::kBuilding,
                                  Column::kRoom};

// Lower-case ASCII, without spaces, asterisks and "(必填)" marks.
std::string NormaliseHeader(std::string_view h) {
  std::string out;
  for (std::string_view mark : {"（必填）", "(必填)", "*", "＊"}) {
    auto pos = h.find(mark);
    if (pos != std::string_view::npos) {
      std::string tmp(h);
      tmp.erase(pos, mark.size());
      return NormaliseHeader(tmp);
    }
  }
  for (char c : h) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      continue;
    }
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (out.starts_with("\xef\xbb\xbf")) {
    out.erase(0, 3);  // a byte-order mark left in the first header
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

template <class T>
using Words = std::initializer_list<std::pair<std::string_view, T>>;

template <class T>
std::optional<T> Lookup(Words<T> words, std::string_view value) {
  for (const auto& [w, v] : words) {
    if (w == value) {
      return v;
    }
  }
  return std::nullopt;
}

const Words<Relation> kRelationWords = {
    {"户主", Relation::kHead},
    {"本人", Relation::kHead},
    {"head", Relation::kHead},
    {"配偶", Relation::kSpouse},
    {"妻子", Relation::kSpouse},
    {"丈夫", Relation::kSpouse},
    {"妻", Relation::kSpouse},
    {"夫", Relation::kSpouse},
    {"spouse", Relation::kSpouse},
    {"子女", Relation::kChild},
    {"儿子", Relation::kChild},
    {"女儿", Relation::kChild},
    {"子", Relation::kChild},
    {"女", Relation::kChild},
    {"child", Relation::kChild},
    {"父母", Relation::kParent},
    {"父亲", Relation::kParent},
    {"母亲", Relation::kParent},
    {"parent", Relation::kParent},
    {"孙子女", Relation::kGrandchild},
    {"孙子", Relation::kGrandchild},
    {"孙女", Relation::kGrandchild},
    {"外孙", Relation::kGrandchild},
    {"外孙女", Relation::kGrandchild},
    {"grandchild", Relation::kGrandchild},
    {"兄弟姐妹", Relation::kSibling},
    {"兄弟", Relation::kSibling},
    {"姐妹", Relation::kSibling},
    {"sibling", Relation::kSibling},
    {"其他", Relation::kOther},
    {"其它", Relation::kOther},
    {"other", Relation::kOther},
};

const Words<PersonKind> kKindWords = {
    {"业主", PersonKind::kOwner},        {"户籍", PersonKind::kOwner},
    {"自住", PersonKind::kOwner},        {"owner", PersonKind::kOwner},
    {"租户", PersonKind::kTenant},       {"租客", PersonKind::kTenant},
    {"租住", PersonKind::kTenant},       {"tenant", PersonKind::kTenant},
    {"集体户", PersonKind::kCollective}, {"集体宿舍", PersonKind::kCollective},
    {"宿舍", PersonKind::kCollective},   {"collective", PersonKind::kCollective},
    {"访客", PersonKind::kVisitor},      {"临时", PersonKind::kVisitor},
    {"暂住", PersonKind::kVisitor},      {"visitor", PersonKind::kVisitor},
};

const Words<std::uint32_t> kFlagWords = {
    {"残疾", kFlagDisabled},    {"残疾人", kFlagDisabled},      {"disabled", kFlagDisabled},
    {"独居", kFlagLivingAlone}, {"独居老人", kFlagLivingAlone}, {"living_alone", kFlagLivingAlone},
    {"慢性病", kFlagChronic},   {"慢病", kFlagChronic},         {"chronic", kFlagChronic},
};

const Words<bool> kYesNo = {
    {"是", true},  {"有", true},     {"y", true},   {"yes", true}, {"true", true},
    {"1", true},   {"√", true},      {"否", false}, {"无", false}, {"n", false},
    {"no", false}, {"false", false}, {"0", false},
};

const Words<DocType> kDocWords = {
    {"身份证", DocType::kResidentId},
    {"居民身份证", DocType::kResidentId},
    {"resident_id", DocType::kResidentId},
    {"护照", DocType::kPassport},
    {"passport", DocType::kPassport},
    {"港澳通行证", DocType::kHkMacaoPermit},
    {"港澳居民来往内地通行证", DocType::kHkMacaoPermit},
    {"hk_macao_permit", DocType::kHkMacaoPermit},
    {"台胞证", DocType::kTaiwanPermit},
    {"台湾居民来往大陆通行证", DocType::kTaiwanPermit},
    {"taiwan_permit", DocType::kTaiwanPermit},
    {"外国人永久居留身份证", DocType::kForeignPermanent},
    {"foreign_permanent", DocType::kForeignPermanent},
    {"其他", DocType::kOther},
    {"other", DocType::kOther},
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

// Splits "独居;残疾" / "独居、残疾" / "独居,残疾" / "粤S12345 粤B2345D".
std::vector<std::string> SplitList(std::string_view s) {
  std::string norm(s);
  for (std::string_view sep : {"、", "，", "；", "／"}) {
    for (auto pos = norm.find(sep); pos != std::string::npos; pos = norm.find(sep)) {
      norm.replace(pos, sep.size(), ",");
    }
  }
  std::vector<std::string> out;
  std::string cur;
  for (char c : norm) {
    if (c == ',' || c == ';' || c == ' ' || c == '/' || c == '|') {
      if (!cur.empty()) {
        out.push_back(cur);
      }
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) {
    out.push_back(cur);
  }
  return out;
}

std::string_view RelationZh(Relation r) {
  switch (r) {
    case Relation::kHead:
      return "户主";
    case Relation::kSpouse:
      return "配偶";
    case Relation::kChild:
      return "子女";
    case Relation::kParent:
      return "父母";
    case Relation::kGrandchild:
      return "孙子女";
    case Relation::kSibling:
      return "兄弟姐妹";
    case Relation::kOther:
      return "其他";
  }
  return "其他";
}

std::string_view KindZh(PersonKind k) {
  switch (k) {
    case PersonKind::kOwner:
      return "业主";
    case PersonKind::kTenant:
      return "租户";
    case PersonKind::kCollective:
      return "集体户";
    case PersonKind::kVisitor:
      return "访客";
  }
  return "业主";
}

std::string_view DocTypeZh(DocType t) {
  switch (t) {
    case DocType::kResidentId:
      return "居民身份证";
    case DocType::kPassport:
      return "护照";
    case DocType::kHkMacaoPermit:
      return "港澳居民来往内地通行证";
    case DocType::kTaiwanPermit:
      return "台湾居民来往大陆通行证";
    case DocType::kForeignPermanent:
      return "外国人永久居留身份证";
    case DocType::kOther:
      return "其他";
  }
  return "其他";
}

const ColumnInfo& Info(Column c) { return Columns()[static_cast<size_t>(c)]; }

}  // namespace

std::string_view ColumnCode(Column c) { return Info(c).code; }
std::string_view ColumnHeaderZh(Column c) { return Info(c).zh; }
std::string_view ColumnHeaderEn(Column c) { return Info(c).en; }

std::string EchoValue(std::string_view value) {
  std::string out;
  int digits = 0;
  for (char c : value) {
    digits = (c >= '0' && c <= '9') ? digits + 1 : 0;
    if (digits >= 7) {
      return "…";
    }
  }
  constexpr size_t kMaxEcho = 40;
  if (value.size() <= kMaxEcho) {
    return std::string(value);
  }
  size_t cut = kMaxEcho;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) {
    --cut;  // not inside a UTF-8 character
  }
  return std::string(value.substr(0, cut)) + "…";
}

void KeepAbsentColumns(const HeaderMap& header, const PersonInput& before, PersonInput& row) {
  auto absent = [&](Column c) { return header.at(c) < 0; };
  if (absent(Column::kDocType)) {
    row.doc_type = before.doc_type;
  }
  if (absent(Column::kPhone)) {
    row.phone = before.phone;
  }
  if (absent(Column::kRelation)) {
    row.relation = before.relation;
  }
  if (absent(Column::kKind)) {
    row.kind = before.kind;
  }
  if (absent(Column::kFlags)) {
    row.flags = before.flags;
  }
  if (absent(Column::kWorkplace)) {
    row.workplace = before.workplace;
  }
  if (absent(Column::kVehicles)) {
    row.vehicles = before.vehicles;
  }
  if (absent(Column::kOutMigrant) && absent(Column::kOutMigrantWhere) &&
      absent(Column::kOutMigrantSince)) {
    row.out_migrant = before.out_migrant;
    row.out_migrant_where = before.out_migrant_where;
    row.out_migrant_since = before.out_migrant_since;
  }
  if (absent(Column::kNotes)) {
    row.notes = before.notes;
  }
}

bool IsBlankRow(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(),
                     [](const std::string& c) { return Trim(c).empty(); });
}

Result<HeaderMap> MapHeader(const std::vector<std::string>& cells) {
  if (IsBlankRow(cells)) {
    return MakeError("import.empty");
  }
  HeaderMap map;
  map.index.fill(-1);
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::string h = NormaliseHeader(cells[i]);
    if (h.empty()) {
      continue;
    }
    for (const ColumnInfo& info : Columns()) {
      const bool match =
          h == NormaliseHeader(info.zh) || h == NormaliseHeader(info.en) ||
          std::find(info.aliases.begin(), info.aliases.end(), h) != info.aliases.end();
      if (!match) {
        continue;
      }
      int& slot = map.index[static_cast<size_t>(info.column)];
      if (slot >= 0) {
        return MakeError("import.duplicate_column", std::string(info.code), std::string(info.zh));
      }
      slot = static_cast<int>(i);
      break;
    }
    // Columns cordon does not know (序号, 年龄, …) are ignored: they are the community's own.
  }
  for (Column c : kRequired) {
    if (map.at(c) < 0) {
      return MakeError("import.missing_column", std::string(Info(c).code), std::string(Info(c).zh));
    }
  }
  return map;
}

Result<ImportRow> ParseImportRow(const std::vector<std::string>& cells, const HeaderMap& header,
                                 const CivilDate& today) {
  auto cell = [&](Column c) -> std::string_view {
    const int i = header.at(c);
    if (i < 0 || static_cast<size_t>(i) >= cells.size()) {
      return {};
    }
    std::string_view v = Trim(cells[static_cast<size_t>(i)]);
    // The apostrophe an export puts before a value that looks like a formula.
    if (v.size() > 1 && v[0] == '\'' &&
        (v[1] == '=' || v[1] == '+' || v[1] == '-' || v[1] == '@')) {
      v.remove_prefix(1);
    }
    return v;
  };
  auto bad_value = [](Column c, std::string_view v) {
    return MakeError("import.value", std::string(ColumnCode(c)), EchoValue(v));
  };

  ImportRow row;
  PersonInput& p = row.person;
  p.name = std::string(cell(Column::kName));
  p.doc_number = std::string(cell(Column::kIdNumber));
  if (auto v = cell(Column::kDocType); !v.empty()) {
    auto t = Lookup(kDocWords, Lower(v));
    if (!t) {
      return bad_value(Column::kDocType, v);
    }
    p.doc_type = *t;
  }
  p.phone = std::string(cell(Column::kPhone));
  if (auto v = cell(Column::kRelation); !v.empty()) {
    auto r = Lookup(kRelationWords, Lower(v));
    if (!r) {
      return bad_value(Column::kRelation, v);
    }
    p.relation = *r;
  }
  if (auto v = cell(Column::kKind); !v.empty()) {
    auto k = Lookup(kKindWords, Lower(v));
    if (!k) {
      return bad_value(Column::kKind, v);
    }
    p.kind = *k;
  }
  for (const std::string& word : SplitList(cell(Column::kFlags))) {
    if (word == "无" || word == "-") {
      continue;
    }
    auto f = Lookup(kFlagWords, Lower(word));
    if (!f) {
      return bad_value(Column::kFlags, word);
    }
    p.flags |= *f;
  }
  p.workplace = std::string(cell(Column::kWorkplace));
  for (std::string& plate : SplitList(cell(Column::kVehicles))) {
    if (plate != "无" && plate != "-") {
      p.vehicles.push_back(std::move(plate));
    }
  }
  if (auto v = cell(Column::kOutMigrant); !v.empty()) {
    auto yes = Lookup(kYesNo, Lower(v));
    if (!yes) {
      return bad_value(Column::kOutMigrant, v);
    }
    p.out_migrant = *yes;
  }
  p.out_migrant_where = std::string(cell(Column::kOutMigrantWhere));
  p.out_migrant_since = std::string(cell(Column::kOutMigrantSince));
  if (p.out_migrant_since.size() == 10 && p.out_migrant_since[4] == '/' &&
      p.out_migrant_since[7] == '/') {
    std::replace(p.out_migrant_since.begin(), p.out_migrant_since.end(), '/', '-');
  }
  p.notes = std::string(cell(Column::kNotes));

  auto st = NormalisePerson(p, today);
  if (!st.ok()) {
    Error e = st.error();
    // Name the column the value came from.
    if (e.field == "id_number" || e.field == "doc_number") {
      e.field = std::string(ColumnCode(Column::kIdNumber));
    } else if (e.field.starts_with("vehicles")) {
      e.field = std::string(ColumnCode(Column::kVehicles));
    }
    return e;
  }

  row.zone = std::string(cell(Column::kZone));
  row.building = NormaliseBuilding(cell(Column::kBuilding));
  row.unit = NormaliseUnit(cell(Column::kUnit));
  row.room = NormaliseRoom(cell(Column::kRoom));
  if (row.building.empty()) {
    return MakeError("text.required", std::string(ColumnCode(Column::kBuilding)));
  }
  if (row.room.empty()) {
    return MakeError("text.required", std::string(ColumnCode(Column::kRoom)));
  }
  return row;
}

std::vector<std::string> ExportHeader() {
  std::vector<std::string> out;
  for (const ColumnInfo& info : Columns()) {
    out.emplace_back(info.zh);
  }
  return out;
}

std::vector<std::string> ExportCells(const PersonInput& p, const std::string& zone,
                                     const std::string& building, const std::string& unit,
                                     const std::string& room) {
  std::string flags;
  for (const auto& [word, bit] : {std::pair<std::string_view, std::uint32_t>{"残疾", kFlagDisabled},
                                  {"独居", kFlagLivingAlone},
                                  {"慢性病", kFlagChronic}}) {
    if ((p.flags & bit) != 0) {
      if (!flags.empty()) {
        flags += "、";
      }
      flags += word;
    }
  }
  std::string vehicles;
  for (const auto& v : p.vehicles) {
    if (!vehicles.empty()) {
      vehicles += ",";
    }
    vehicles += v;
  }
  return {p.name,
          p.doc_number,
          std::string(DocTypeZh(p.doc_type)),
          p.phone,
          zone,
          building,
          unit,
          room,
          std::string(RelationZh(p.relation)),
          std::string(KindZh(p.kind)),
          flags,
          p.workplace,
          vehicles,
          p.out_migrant ? "是" : "否",
          p.out_migrant_where,
          p.out_migrant_since,
          p.notes};
}

}  // namespace cordon::registry
