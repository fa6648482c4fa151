#include "sheet/utf8.h"

namespace cordon::sheet {
namespace {

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

Utf8Sequence ClassifyUtf8(std::string_view bytes, std::size_t& length) {
  const auto lead = static_cast<unsigned char>(bytes[0]);
  if (lead < 0x80) {
    length = 1;
    return Utf8Sequence::kValid;
  }
  std::size_t need = 0;
  // The range the second byte must fall in; it excludes overlong forms, surrogates and code
  // points above U+10FFFF (Unicode table 3-7).
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 3;
    if (lead == 0xE0) {
      low = 0xA0;
    } else if (lead == 0xED) {
      high = 0x9F;
    }
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 4;
    if (lead == 0xF0) {
      low = 0x90;
    } else if (lead == 0xF4) {
      high = 0x8F;
    }
  } else {
    return Utf8Sequence::kInvalid;
  }
  for (std::size_t i = 1; i < need; ++i) {
    if (i >= bytes.size()) {
      return Utf8Sequence::kIncomplete;
    }
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (i == 1 ? (c < low || c > high) : !IsContinuation(c)) {
      return Utf8Sequence::kInvalid;
    }
  }
  length = need;
  return Utf8Sequence::kValid;
}

void AppendUtf8(char32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

std::size_t DisplayWidth(std::string_view text) {
  std::size_t width = 0;
  while (!text.empty()) {
    std::size_t length = 1;
    if (ClassifyUtf8(text, length) != Utf8Sequence::kValid) {
      length = 1;
      width += 1;
    } else {
      // Three- and four-byte sequences start at U+0800; from U+2E80 (CJK radicals) on, nearly
      // everything a person import holds is wide. A coarse rule is enough for column widths.
      const auto lead = static_cast<unsigned char>(text[0]);
      const bool wide =
          length == 4 ||
          (length == 3 &&
           (lead > 0xE2 || (lead == 0xE2 && static_cast<unsigned char>(text[1]) >= 0xBA)));
      width += wide ? 2 : 1;
    }
    text.remove_prefix(length);
  }
  return width;
}

}  // namespace cordon::sheet
