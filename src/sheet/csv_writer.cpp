#include "sheet/csv_writer.h"

#include <cerrno>
#include <cstdio>
#include <memory>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace cordon::sheet {
namespace {

// Output buffered before each write to the file.
constexpr std::size_t kBufferBytes = std::size_t{64} * 1024;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

Error WriteError() { return MakeError("sheet.write", "", std::generic_category().message(errno)); }

// A cell that a spreadsheet program would run as a formula (=, +, -, @) is written with a leading
// apostrophe, so that an exported note cannot become a formula when the file is opened (CSV
// injection). Registry values never begin so; the import takes the apostrophe off again.
bool LooksLikeFormula(std::string_view cell) {
  return !cell.empty() &&
         (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t');
}

void AppendCell(std::string_view cell, std::string& out) {
  const bool guard = LooksLikeFormula(cell);
  if (cell.find_first_of(",\"\r\n") == std::string_view::npos) {
    if (guard) {
      out.push_back('\'');
    }
    out.append(cell);
    return;
  }
  out.push_back('"');
  if (guard) {
    out.push_back('\'');
  }
  for (const char c : cell) {
    if (c == '"') {
      out.push_back('"');
    }
    out.push_back(c);
  }
  out.push_back('"');
}

class CsvWriter final : public sheets::RowSink {
 public:
  explicit CsvWriter(FilePtr file) : file_(std::move(file)) {}

  Status Write(const std::vector<std::string>& cells) override {
    if (file_ == nullptr) {
      return MakeError("sheet.write", "", "writer finished");
    }
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) {
        buffer_.push_back(',');
      }
      AppendCell(cells[i], buffer_);
    }
    buffer_.append("\r\n");
    if (buffer_.size() >= kBufferBytes) {
      return Flush();
    }
    return Ok();
  }

  Status Finish() override {
    if (file_ == nullptr) {
      return MakeError("sheet.write", "", "writer finished");
    }
    Status flushed = Flush();
    std::FILE* file = file_.release();
    if (std::fclose(file) != 0 && flushed.ok()) {
      return WriteError();
    }
    return flushed;
  }

 private:
  Status Flush() {
    if (!buffer_.empty() &&
        std::fwrite(buffer_.data(), 1, buffer_.size(), file_.get()) != buffer_.size()) {
      return WriteError();
    }
    buffer_.clear();
    return Ok();
  }

  FilePtr file_;
  std::string buffer_;
};

}  // namespace

Result<std::unique_ptr<sheets::RowSink>> CreateCsv(const std::string& path) {
  FilePtr file(std::fopen(path.c_str(), "wb"));
  if (file == nullptr) {
    return WriteError();
  }
  if (std::fwrite(kUtf8Bom.data(), 1, kUtf8Bom.size(), file.get()) != kUtf8Bom.size()) {
    return WriteError();
  }
  return std::unique_ptr<sheets::RowSink>(std::make_unique<CsvWriter>(std::move(file)));
}

}  // namespace cordon::sheet
