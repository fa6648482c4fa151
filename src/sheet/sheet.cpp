#include "sheet/sheet.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <string_view>
#include <system_error>

namespace cordon::sheet {
namespace {

constexpr std::string_view kZipMagic = "PK\x03\x04";
// The Compound File Binary header of .xls, .doc and password-protected .xlsx.
constexpr std::string_view kOle2Magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

}  // namespace

Result<std::unique_ptr<sheets::RowSource>> OpenSheet(const std::string& path,
                                                     const ReadOptions& options) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return MakeError("sheet.open", "", std::generic_category().message(errno));
  }
  std::array<char, 8> magic{};
  const std::size_t n = std::fread(magic.data(), 1, magic.size(), file);
  const bool failed = std::ferror(file) != 0;
  const int error = errno;
  std::fclose(file);
  if (failed) {
    return MakeError("sheet.open", "", std::generic_category().message(error));
  }
  const std::string_view head(magic.data(), n);
  if (head.starts_with(kZipMagic)) {
    return OpenXlsx(path, options);
  }
  if (head.starts_with(kOle2Magic)) {
    return MakeError("sheet.format", "", "ole2");
  }
  return OpenCsv(path, options);
}

}  // namespace cordon::sheet
