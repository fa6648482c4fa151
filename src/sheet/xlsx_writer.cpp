#include "sheet/xlsx_writer.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "sheet/utf8.h"

namespace cordon::sheet {
namespace {

// Column widths in Excel's units (characters of the default font): never narrower than Excel's
// default, and never so wide that a long note pushes the other columns off screen.
constexpr double kMinColumnWidth = 8.43;
constexpr double kMaxColumnWidth = 50;
// Room for the cell margins and the bold header.
constexpr double kColumnPadding = 2;
// Excel's built-in number format 49, "@": text.
constexpr std::uint8_t kTextFormat = 49;

// The widest line of `cell`, in display columns.
std::size_t CellWidth(std::string_view cell) {
  std::size_t widest = 0;
  while (true) {
    const std::size_t line_end = cell.find('\n');
    widest = std::max(widest, DisplayWidth(cell.substr(0, line_end)));
    if (line_end == std::string_view::npos) {
      return widest;
    }
    cell.remove_prefix(line_end + 1);
  }
}

// A cell format showing text ("@"), owned by `workbook`.
lxw_format* AddTextFormat(lxw_workbook* workbook, bool bold) {
  lxw_format* format = workbook_add_format(workbook);
  format_set_num_format_index(format, kTextFormat);
  if (bold) {
    format_set_bold(format);
  }
  return format;
}

Error LibraryError(lxw_error error) { return MakeError("sheet.write", "", lxw_strerror(error)); }

class XlsxWriter final : public sheets::RowSink {
 public:
  XlsxWriter(lxw_workbook* workbook, lxw_worksheet* worksheet)
      : workbook_(workbook),
        worksheet_(worksheet),
        header_(AddTextFormat(workbook, /*bold=*/true)),
        text_(AddTextFormat(workbook, /*bold=*/false)) {}
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;
  ~XlsxWriter() override {
    // Abandoned before Finish: free without writing a half-made file.
    if (workbook_ != nullptr) {
      lxw_workbook_free(workbook_);
    }
  }

  Status Write(const std::vector<std::string>& cells) override {
    if (workbook_ == nullptr) {
      return MakeError("sheet.write", "", "writer finished");
    }
    if (row_ >= LXW_ROW_MAX) {
      return LibraryError(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
    }
    if (cells.size() > LXW_COL_MAX) {
      return LibraryError(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
    }
    lxw_format* format = row_ == 0 ? header_ : text_;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (cells[i].empty()) {
        continue;
      }
      const auto column = static_cast<lxw_col_t>(i);
      const lxw_error error =
          worksheet_write_string(worksheet_, row_, column, cells[i].c_str(), format);
      if (error != LXW_NO_ERROR) {
        return LibraryError(error);
      }
      if (widths_.size() <= i) {
        widths_.resize(i + 1, 0);
      }
      widths_[i] = std::max(widths_[i], CellWidth(cells[i]));
    }
    ++row_;
    return Ok();
  }

  Status Finish() override {
    if (workbook_ == nullptr) {
      return MakeError("sheet.write", "", "writer finished");
    }
    for (std::size_t i = 0; i < widths_.size(); ++i) {
      const double width = std::clamp(static_cast<double>(widths_[i]) + kColumnPadding,
                                      kMinColumnWidth, kMaxColumnWidth);
      const auto column = static_cast<lxw_col_t>(i);
      const lxw_error error = worksheet_set_column(worksheet_, column, column, width, text_);
      if (error != LXW_NO_ERROR) {
        return LibraryError(error);
      }
    }
    // workbook_close writes the file and frees the workbook, whether or not it succeeds.
    lxw_workbook* workbook = std::exchange(workbook_, nullptr);
    const lxw_error error = workbook_close(workbook);
    if (error != LXW_NO_ERROR) {
      return LibraryError(error);
    }
    return Ok();
  }

 private:
  lxw_workbook* workbook_;
  lxw_worksheet* worksheet_;
  lxw_format* header_;
  lxw_format* text_;
  lxw_row_t row_ = 0;
  // The widest cell of each column so far, in display columns.
  std::vector<std::size_t> widths_;
};

}  // namespace

Result<std::unique_ptr<sheets::RowSink>> CreateXlsx(const std::string& path,
                                                    const std::string& sheet_name) {
  // libxlsxwriter only touches the file when the workbook closes; creating it now reports an
  // unwritable path before any row is written.
  std::FILE* probe = std::fopen(path.c_str(), "wb");
  if (probe == nullptr) {
    return MakeError("sheet.write", "", std::generic_category().message(errno));
  }
  std::fclose(probe);

  // libxlsxwriter would name an unnamed sheet itself; Excel refuses an empty name.
  if (sheet_name.empty()) {
    return MakeError("sheet.write", "", "empty sheet name");
  }
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (workbook == nullptr) {
    return MakeError("sheet.write", "", "cannot create workbook");
  }
  const lxw_error name_error = workbook_validate_sheet_name(workbook, sheet_name.c_str());
  if (name_error != LXW_NO_ERROR) {
    lxw_workbook_free(workbook);
    return LibraryError(name_error);
  }
  lxw_worksheet* worksheet = workbook_add_worksheet(workbook, sheet_name.c_str());
  if (worksheet == nullptr) {
    lxw_workbook_free(workbook);
    return MakeError("sheet.write", "", "cannot add worksheet");
  }
  return std::unique_ptr<sheets::RowSink>(std::make_unique<XlsxWriter>(workbook, worksheet));
}

}  // namespace cordon::sheet
