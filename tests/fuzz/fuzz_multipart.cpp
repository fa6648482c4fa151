// Fuzz target: a multipart/form-data upload, its first line the Content-Type header's value and
// the rest the body, as the import route hands them to the extractor.
#include <cstdint>
#include <string>
#include <string_view>

#include "http/multipart.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t eol = input.find('\n');
  const std::string_view content_type = input.substr(0, eol);
  const std::string_view body = eol == std::string_view::npos ? "" : input.substr(eol + 1);
  cordon::fuzz::TempFile in(reinterpret_cast<const uint8_t*>(body.data()), body.size());
  const std::string out = in.path() + ".out";
  if (cordon::http::IsMultipart(content_type)) {
    (void)cordon::http::ExtractMultipartFile(in.path(), content_type, out);
  }
  unlink(out.c_str());
  return 0;
}
