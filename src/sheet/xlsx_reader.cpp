#include "sheet/xlsx_reader.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <limits>
#include <memory>
#include <new>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "sheet/utf8.h"

namespace cordon::sheet {
namespace {

// Decompressed bytes fed to the XML parser at a time.
constexpr std::size_t kChunkBytes = std::size_t{64} * 1024;
// The shared-string table is the one part held in memory. A million-person import of ten
// columns has a few million distinct strings, well inside these bounds; a crafted file that
// decompresses to gigabytes of strings stops here instead of exhausting memory.
constexpr std::size_t kMaxSharedStringBytes = std::size_t{256} * 1024 * 1024;
constexpr std::size_t kMaxSharedStrings = std::size_t{8} * 1024 * 1024;
// Text is collected up to this many times max_cell_bytes: an _xHHHH_ escape is 7 bytes that
// decode to at least one, so text longer than this is too large whatever it decodes to.
constexpr std::size_t kEscapeExpansion = 7;
// Excel's last column is XFD (16384); references past it saturate here.
constexpr std::size_t kMaxColumnReference = 1 << 20;

constexpr char kNamespaceSeparator = '|';
constexpr const char* kDefaultSheet = "xl/worksheets/sheet1.xml";
constexpr const char* kDefaultSharedStrings = "xl/sharedStrings.xml";

struct ZipDiscarder {
  void operator()(zip_t* zip) const { zip_discard(zip); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
struct ParserFreer {
  void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDiscarder>;
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileCloser>;
using ParserPtr = std::unique_ptr<XML_ParserStruct, ParserFreer>;

// The local part of a name the namespace-aware parser reports as "uri|local".
std::string_view LocalName(const XML_Char* name) {
  const char* bar = std::strrchr(name, kNamespaceSeparator);
  return bar == nullptr ? std::string_view(name) : std::string_view(bar + 1);
}

// The value of the attribute `name` that has no namespace, or nullptr.
const char* Attribute(const XML_Char** attrs, std::string_view name) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    if (name == attrs[i]) {
      return attrs[i + 1];
    }
  }
  return nullptr;
}

// The value of the attribute with local name `local` in any namespace (r:id), or nullptr.
const char* NamespacedAttribute(const XML_Char** attrs, std::string_view local) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    if (std::strchr(attrs[i], kNamespaceSeparator) != nullptr && LocalName(attrs[i]) == local) {
      return attrs[i + 1];
    }
  }
  return nullptr;
}

bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// The code unit of an "_xHHHH_" escape at the front of `s`, if there is one.
std::optional<char32_t> EscapeAt(std::string_view s) {
  if (s.size() < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_') {
    return std::nullopt;
  }
  unsigned value = 0;
  for (std::size_t i = 2; i < 6; ++i) {
    if (!IsHexDigit(s[i])) {
      return std::nullopt;
    }
  }
  std::from_chars(s.data() + 2, s.data() + 6, value, 16);
  return static_cast<char32_t>(value);
}

// Decodes the _xHHHH_ escapes OOXML uses for characters XML cannot hold (Excel writes a carriage
// return as _x000D_ and a literal "_x" as _x005F_x).
std::string DecodeEscapes(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) {
    return std::string(s);
  }
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const std::optional<char32_t> unit = EscapeAt(s.substr(i));
    if (!unit) {
      out.push_back(s[i]);
      ++i;
      continue;
    }
    i += 7;
    char32_t code_point = *unit;
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      const std::optional<char32_t> low = EscapeAt(s.substr(i));
      if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
        i += 7;
        code_point = 0x10000 + ((code_point - 0xD800) << 10) + (*low - 0xDC00);
      } else {
        code_point = 0xFFFD;
      }
    } else if (code_point >= 0xDC00 && code_point <= 0xDFFF) {
      code_point = 0xFFFD;
    }
    AppendUtf8(code_point, out);
  }
  return out;
}

// A stored number as a user sees it in an unformatted cell: whole numbers as their exact integer
// value ("13812345678", not "1.3812345678E10"), others as stored.
std::string FormatNumber(std::string_view stored) {
  double value = 0;
  const auto [end, ec] = std::from_chars(stored.data(), stored.data() + stored.size(), value);
  if (ec != std::errc() || end != stored.data() + stored.size() || !std::isfinite(value) ||
      value != std::trunc(value)) {
    return std::string(stored);
  }
  if (value == 0) {
    return "0";
  }
  // %.0f prints the exact value of a whole double; 1.8e308 has 309 digits.
  std::array<char, 320> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.0f", value);
  return buffer.data();
}

// The 0-based column of a cell reference ("B3" → 1, "AA7" → 26), or nullopt without letters.
std::optional<std::size_t> ColumnOf(std::string_view reference) {
  std::size_t column = 0;
  std::size_t i = 0;
  for (; i < reference.size(); ++i) {
    char c = reference[i];
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
    if (c < 'A' || c > 'Z') {
      break;
    }
    column = std::min(column * 26 + static_cast<std::size_t>(c - 'A' + 1), kMaxColumnReference);
  }
  if (i == 0) {
    return std::nullopt;
  }
  return column - 1;
}

std::optional<std::size_t> ParseIndex(std::string_view text) {
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

// "a/./b/../c" → "a/c". Relationship targets are relative paths inside the archive.
std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    const std::size_t slash = path.find('/');
    const std::string_view part = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    if (part.empty() || part == ".") {
      continue;
    }
    if (part == "..") {
      if (!parts.empty()) {
        parts.pop_back();
      }
      continue;
    }
    parts.push_back(part);
  }
  std::string out;
  for (const std::string_view part : parts) {
    if (!out.empty()) {
      out.push_back('/');
    }
    out.append(part);
  }
  return out;
}

// A target named in xl/_rels/workbook.xml.rels: relative to xl/, or absolute from the root.
std::string ResolveWorkbookTarget(std::string_view target) {
  if (target.starts_with('/')) {
    return NormalizePath(target);
  }
  return NormalizePath("xl/" + std::string(target));
}

std::optional<zip_uint64_t> Locate(zip_t* zip, const std::string& name) {
  zip_int64_t index = zip_name_locate(zip, name.c_str(), 0);
  if (index < 0) {
    index = zip_name_locate(zip, name.c_str(), ZIP_FL_NOCASE);
  }
  if (index < 0) {
    return std::nullopt;
  }
  return static_cast<zip_uint64_t>(index);
}

// Receives the events of one XML part of the archive.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void OnStart(std::string_view name, const XML_Char** attrs) = 0;
  virtual void OnEnd(std::string_view name) = 0;
  virtual void OnText(std::string_view /*text*/) {}
  // The detail of a malformed-XML error: where in the part the parser was.
  virtual std::string Where() const { return {}; }

  void set_parser(XML_Parser parser) { parser_ = parser; }
  // Ends parsing early: with `error`, or without one when the handler has what it needs.
  void Stop(std::optional<Error> error) {
    if (!stopped_) {
      stopped_ = true;
      error_ = std::move(error);
      XML_StopParser(parser_, XML_FALSE);
    }
  }
  bool stopped() const { return stopped_; }
  const std::optional<Error>& error() const { return error_; }

 private:
  XML_Parser parser_ = nullptr;
  bool stopped_ = false;
  std::optional<Error> error_;
};

// Expat may still deliver a few events after XML_StopParser; a stopped handler ignores them.
void XMLCALL OnStartElement(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto* handler = static_cast<XmlHandler*>(data);
  if (!handler->stopped()) {
    handler->OnStart(LocalName(name), attrs);
  }
}
void XMLCALL OnEndElement(void* data, const XML_Char* name) {
  auto* handler = static_cast<XmlHandler*>(data);
  if (!handler->stopped()) {
    handler->OnEnd(LocalName(name));
  }
}
void XMLCALL OnCharacters(void* data, const XML_Char* text, int length) {
  auto* handler = static_cast<XmlHandler*>(data);
  if (!handler->stopped()) {
    handler->OnText(std::string_view(text, static_cast<std::size_t>(length)));
  }
}
void XMLCALL OnDoctype(void* data, const XML_Char* /*name*/, const XML_Char* /*sysid*/,
                       const XML_Char* /*pubid*/, int /*has_internal_subset*/) {
  // OOXML parts never declare a DTD; refusing one rules out entity-expansion attacks.
  auto* handler = static_cast<XmlHandler*>(data);
  handler->Stop(MakeError("sheet.malformed", "", handler->Where()));
}

// Feeds one part of the archive to an XML handler, a chunk at a time.
class PartParser {
 public:
  PartParser(ZipFilePtr file, ParserPtr parser, XmlHandler& handler)
      : file_(std::move(file)), parser_(std::move(parser)), handler_(&handler) {}

  // Starts parsing entry `index` of `zip` into `handler`, which must outlive the parser.
  static Result<PartParser> Open(zip_t* zip, zip_uint64_t index, XmlHandler& handler) {
    ZipFilePtr file(zip_fopen_index(zip, index, 0));
    if (file == nullptr) {
      return MakeError("sheet.format", "", zip_strerror(zip));
    }
    ParserPtr parser(XML_ParserCreateNS(nullptr, kNamespaceSeparator));
    if (parser == nullptr) {
      throw std::bad_alloc();
    }
    XML_SetUserData(parser.get(), &handler);
    XML_SetElementHandler(parser.get(), OnStartElement, OnEndElement);
    XML_SetCharacterDataHandler(parser.get(), OnCharacters);
    XML_SetStartDoctypeDeclHandler(parser.get(), OnDoctype);
    handler.set_parser(parser.get());
    return PartParser(std::move(file), std::move(parser), handler);
  }

  // Parses the next chunk. Sets `done` at the end of the part or when the handler stopped.
  Status Feed(bool& done) {
    done = false;
    void* buffer = XML_GetBuffer(parser_.get(), static_cast<int>(kChunkBytes));
    if (buffer == nullptr) {
      throw std::bad_alloc();
    }
    const zip_int64_t n = zip_fread(file_.get(), buffer, kChunkBytes);
    if (n < 0) {
      done = true;
      return MakeError("sheet.malformed", "", handler_->Where());
    }
    const bool last = n == 0;
    const XML_Status status =
        XML_ParseBuffer(parser_.get(), static_cast<int>(n), last ? XML_TRUE : XML_FALSE);
    if (handler_->stopped()) {
      done = true;
      if (handler_->error()) {
        return *handler_->error();
      }
      return Ok();
    }
    if (status != XML_STATUS_OK) {
      done = true;
      return MakeError("sheet.malformed", "", handler_->Where());
    }
    done = last;
    return Ok();
  }

  // Parses the whole part.
  Status Run() {
    bool done = false;
    while (!done) {
      CORDON_RETURN_IF_ERROR(Feed(done));
    }
    return Ok();
  }

 private:
  ZipFilePtr file_;
  ParserPtr parser_;
  XmlHandler* handler_;
};

Status ParsePart(zip_t* zip, zip_uint64_t index, XmlHandler& handler) {
  Result<PartParser> parser = PartParser::Open(zip, index, handler);
  if (!parser.ok()) {
    return parser.error();
  }
  return parser->Run();
}

// xl/workbook.xml: the relationship id of the first sheet.
class WorkbookHandler final : public XmlHandler {
 public:
  void OnStart(std::string_view name, const XML_Char** attrs) override {
    if (name != "sheet") {
      return;
    }
    if (const char* id = NamespacedAttribute(attrs, "id"); id != nullptr) {
      first_sheet_id_ = id;
    }
    Stop(std::nullopt);
  }
  void OnEnd(std::string_view /*name*/) override {}

  // Empty when the workbook names no sheet.
  const std::string& first_sheet_id() const { return first_sheet_id_; }

 private:
  std::string first_sheet_id_;
};

// xl/_rels/workbook.xml.rels: where the first sheet and the shared strings are.
class RelationshipsHandler final : public XmlHandler {
 public:
  explicit RelationshipsHandler(std::string sheet_id) : sheet_id_(std::move(sheet_id)) {}

  void OnStart(std::string_view name, const XML_Char** attrs) override {
    if (name != "Relationship") {
      return;
    }
    const char* id = Attribute(attrs, "Id");
    const char* type = Attribute(attrs, "Type");
    const char* target = Attribute(attrs, "Target");
    if (target == nullptr) {
      return;
    }
    if (id != nullptr && !sheet_id_.empty() && sheet_id_ == id) {
      sheet_target_ = ResolveWorkbookTarget(target);
    } else if (type != nullptr && std::string_view(type).ends_with("/sharedStrings")) {
      shared_strings_target_ = ResolveWorkbookTarget(target);
    }
  }
  void OnEnd(std::string_view /*name*/) override {}

  // Archive paths; empty when the relationships do not name them.
  const std::string& sheet_target() const { return sheet_target_; }
  const std::string& shared_strings_target() const { return shared_strings_target_; }

 private:
  std::string sheet_id_;
  std::string sheet_target_;
  std::string shared_strings_target_;
};

// The shared-string table, packed into one buffer: a std::string per entry would double the
// memory of a table of short IDs and names.
class StringTable {
 public:
  bool Add(std::string_view s) {
    if (ends_.size() >= kMaxSharedStrings || data_.size() + s.size() > kMaxSharedStringBytes) {
      return false;
    }
    data_.append(s);
    ends_.push_back(data_.size());
    return true;
  }
  std::size_t size() const { return ends_.size(); }
  // REQUIRES: i < size().
  std::string_view operator[](std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(data_).substr(begin, ends_[i] - begin);
  }

 private:
  std::string data_;
  std::vector<std::size_t> ends_;
};

// Collects text up to a bound past which it is certainly too large for a cell.
class BoundedText {
  static constexpr std::size_t kMaxLimit = std::numeric_limits<std::size_t>::max() - 1;

 public:
  explicit BoundedText(std::size_t max_cell_bytes)
      : max_cell_bytes_(max_cell_bytes),
        limit_(max_cell_bytes < kMaxLimit / kEscapeExpansion ? max_cell_bytes * kEscapeExpansion + 1
                                                             : kMaxLimit) {}
  void Append(std::string_view text) {
    if (text_.size() < limit_) {
      text_.append(text.substr(0, limit_ - text_.size()));
    }
  }
  void Clear() { text_.clear(); }
  std::string_view raw() const { return text_; }
  // The text with escapes decoded, cut to one byte past max_cell_bytes when longer (still too
  // large, but no larger in memory).
  std::string Decoded() const {
    std::string out = DecodeEscapes(text_);
    if (out.size() > max_cell_bytes_) {
      out.resize(max_cell_bytes_ + 1);
    }
    return out;
  }

 private:
  std::size_t max_cell_bytes_;
  std::size_t limit_;
  std::string text_;
};

// xl/sharedStrings.xml: each <si> is the text of its <t> elements, plain or in rich-text runs,
// without phonetic guides (<rPh>).
class SharedStringsHandler final : public XmlHandler {
 public:
  SharedStringsHandler(StringTable& table, std::size_t max_cell_bytes)
      : table_(&table), text_(max_cell_bytes) {}

  void OnStart(std::string_view name, const XML_Char** /*attrs*/) override {
    if (name == "si") {
      in_item_ = true;
      text_.Clear();
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_item_ && phonetic_depth_ == 0) {
      in_text_ = true;
    }
  }
  void OnEnd(std::string_view name) override {
    if (name == "si") {
      in_item_ = false;
      if (!table_->Add(text_.Decoded())) {
        Stop(MakeError("sheet.too_large", "", "shared strings"));
      }
    } else if (name == "rPh") {
      --phonetic_depth_;
    } else if (name == "t") {
      in_text_ = false;
    }
  }
  void OnText(std::string_view text) override {
    if (in_text_) {
      text_.Append(text);
    }
  }

 private:
  StringTable* table_;
  BoundedText text_;
  bool in_item_ = false;
  bool in_text_ = false;
  int phonetic_depth_ = 0;
};

struct ParsedRow {
  std::size_t number;
  std::vector<std::string> cells;
};

// A worksheet part: turns <row>/<c> elements into rows of text.
class SheetHandler final : public XmlHandler {
 public:
  SheetHandler(const StringTable& strings, const ReadOptions& options)
      : strings_(&strings), options_(options), text_(options.max_cell_bytes) {}

  void OnStart(std::string_view name, const XML_Char** attrs) override {
    if (name == "sheetData") {
      in_sheet_data_ = true;
    } else if (!in_sheet_data_) {
      return;
    } else if (name == "row") {
      StartRow(attrs);
    } else if (name == "c" && in_row_) {
      StartCell(attrs);
    } else if (!in_cell_) {
      return;
    } else if (name == "v") {
      in_value_ = true;
    } else if (name == "is") {
      in_inline_ = true;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t" && in_inline_ && phonetic_depth_ == 0) {
      in_value_ = true;
    }
  }

  void OnEnd(std::string_view name) override {
    if (name == "sheetData") {
      in_sheet_data_ = false;
    } else if (!in_sheet_data_) {
      return;
    } else if (name == "row" && in_row_) {
      in_row_ = false;
      if (!cells_.empty()) {
        rows_.push_back(ParsedRow{row_, std::move(cells_)});
        cells_.clear();
      }
    } else if (name == "c" && in_cell_) {
      EndCell();
    } else if (name == "v" || name == "t") {
      in_value_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (name == "rPh") {
      --phonetic_depth_;
    }
  }

  void OnText(std::string_view text) override {
    if (in_value_) {
      text_.Append(text);
    }
  }

  std::string Where() const override { return row_ == 0 ? std::string() : std::to_string(row_); }

  std::deque<ParsedRow>& rows() { return rows_; }

 private:
  enum class Type { kNumber, kSharedString, kInlineString, kFormulaString, kBoolean, kOther };

  void StartRow(const XML_Char** attrs) {
    in_row_ = true;
    cells_.clear();
    next_column_ = 0;
    const char* r = Attribute(attrs, "r");
    const std::optional<std::size_t> number = r == nullptr ? std::nullopt : ParseIndex(r);
    row_ = number.value_or(row_ + 1);
  }

  void StartCell(const XML_Char** attrs) {
    in_cell_ = true;
    in_value_ = false;
    in_inline_ = false;
    phonetic_depth_ = 0;
    text_.Clear();
    const char* r = Attribute(attrs, "r");
    const std::optional<std::size_t> column = r == nullptr ? std::nullopt : ColumnOf(r);
    column_ = column.value_or(next_column_);
    const char* type = Attribute(attrs, "t");
    const std::string_view t = type == nullptr ? "n" : type;
    if (t == "n") {
      type_ = Type::kNumber;
    } else if (t == "s") {
      type_ = Type::kSharedString;
    } else if (t == "inlineStr") {
      type_ = Type::kInlineString;
    } else if (t == "str") {
      type_ = Type::kFormulaString;
    } else if (t == "b") {
      type_ = Type::kBoolean;
    } else {
      // "e" (an error such as #N/A) and "d" (an ISO 8601 date) read as stored.
      type_ = Type::kOther;
    }
  }

  void EndCell() {
    in_cell_ = false;
    next_column_ = column_ + 1;
    std::string value;
    switch (type_) {
      case Type::kNumber:
        value = FormatNumber(text_.raw());
        break;
      case Type::kSharedString: {
        if (text_.raw().empty()) {
          break;
        }
        const std::optional<std::size_t> index = ParseIndex(text_.raw());
        if (!index || *index >= strings_->size()) {
          Stop(MakeError("sheet.malformed", "", Where()));
          return;
        }
        value = (*strings_)[*index];
        break;
      }
      case Type::kInlineString:
      case Type::kFormulaString:
        value = text_.Decoded();
        break;
      case Type::kBoolean:
        value = text_.raw() == "1" ? "TRUE" : (text_.raw() == "0" ? "FALSE" : text_.Decoded());
        break;
      case Type::kOther:
        value = text_.Decoded();
        break;
    }
    if (value.empty()) {
      return;
    }
    if (value.size() > options_.max_cell_bytes) {
      Stop(MakeError("sheet.cell_too_large", "", Where()));
      return;
    }
    if (column_ >= options_.max_columns) {
      Stop(MakeError("sheet.too_many_columns", "", Where()));
      return;
    }
    if (cells_.size() <= column_) {
      cells_.resize(column_ + 1);
    }
    cells_[column_] = std::move(value);
  }

  const StringTable* strings_;
  ReadOptions options_;
  BoundedText text_;
  bool in_sheet_data_ = false;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_value_ = false;
  bool in_inline_ = false;
  int phonetic_depth_ = 0;
  std::size_t row_ = 0;
  std::size_t column_ = 0;
  std::size_t next_column_ = 0;
  Type type_ = Type::kNumber;
  std::vector<std::string> cells_;
  std::deque<ParsedRow> rows_;
};

class XlsxReader final : public sheets::RowSource {
 public:
  explicit XlsxReader(const ReadOptions& options) : options_(options) {}
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  // Opens the archive and finds and prepares the first worksheet.
  Status Open(const std::string& path) {
    int code = 0;
    zip_.reset(zip_open(path.c_str(), ZIP_RDONLY, &code));
    if (zip_ == nullptr) {
      zip_error_t error;
      zip_error_init_with_code(&error, code);
      std::string reason = zip_error_strerror(&error);
      zip_error_fini(&error);
      const bool unreadable = code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_NOENT ||
                              code == ZIP_ER_SEEK || code == ZIP_ER_MEMORY;
      return MakeError(unreadable ? "sheet.open" : "sheet.format", "", std::move(reason));
    }

    WorkbookHandler workbook;
    if (std::optional<zip_uint64_t> index = Locate(zip_.get(), "xl/workbook.xml")) {
      CORDON_RETURN_IF_ERROR(ParsePart(zip_.get(), *index, workbook));
    }
    RelationshipsHandler relationships(workbook.first_sheet_id());
    if (std::optional<zip_uint64_t> index = Locate(zip_.get(), "xl/_rels/workbook.xml.rels")) {
      CORDON_RETURN_IF_ERROR(ParsePart(zip_.get(), *index, relationships));
    }

    std::optional<zip_uint64_t> sheet;
    if (!relationships.sheet_target().empty()) {
      sheet = Locate(zip_.get(), relationships.sheet_target());
    }
    if (!sheet) {
      sheet = Locate(zip_.get(), kDefaultSheet);
    }
    if (!sheet) {
      return MakeError("sheet.format", "", "no worksheet in the archive");
    }

    std::optional<zip_uint64_t> shared;
    if (!relationships.shared_strings_target().empty()) {
      shared = Locate(zip_.get(), relationships.shared_strings_target());
    }
    if (!shared) {
      shared = Locate(zip_.get(), kDefaultSharedStrings);
    }
    if (shared) {
      SharedStringsHandler handler(strings_, options_.max_cell_bytes);
      CORDON_RETURN_IF_ERROR(ParsePart(zip_.get(), *shared, handler));
    }

    handler_ = std::make_unique<SheetHandler>(strings_, options_);
    Result<PartParser> parser = PartParser::Open(zip_.get(), *sheet, *handler_);
    if (!parser.ok()) {
      return parser.error();
    }
    parser_.emplace(std::move(parser).value());
    return Ok();
  }

  bool Next(std::vector<std::string>& cells) override {
    cells.clear();
    std::deque<ParsedRow>& rows = handler_->rows();
    while (rows.empty()) {
      if (done_) {
        status_ = pending_;
        return false;
      }
      pending_ = parser_->Feed(done_);
    }
    cells = std::move(rows.front().cells);
    row_number_ = rows.front().number;
    rows.pop_front();
    return true;
  }

  std::size_t row_number() const override { return row_number_; }
  Status status() const override { return status_; }

 private:
  ReadOptions options_;
  ZipPtr zip_;
  StringTable strings_;
  std::unique_ptr<SheetHandler> handler_;
  std::optional<PartParser> parser_;
  bool done_ = false;
  // An error met while rows parsed before it are still to be returned.
  Status pending_;
  Status status_;
  std::size_t row_number_ = 0;
};

}  // namespace

Result<std::unique_ptr<sheets::RowSource>> OpenXlsx(const std::string& path,
                                                    const ReadOptions& options) {
  auto reader = std::make_unique<XlsxReader>(options);
  CORDON_RETURN_IF_ERROR(reader->Open(path));
  return std::unique_ptr<sheets::RowSource>(std::move(reader));
}

}  // namespace cordon::sheet
