// UTF-8 helpers shared by the readers and writers of this folder.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace cordon::sheet {

// What starts at the front of a byte range.
enum class Utf8Sequence { kValid, kIncomplete, kInvalid };

// Classifies the sequence at the front of `bytes` (REQUIRES: !bytes.empty()). kValid sets
// `length` to its byte count (1 for ASCII); kIncomplete means `bytes` ends inside a sequence
// that could still become valid. Overlong forms, surrogates and code points above U+10FFFF are
// invalid, as in the Unicode standard.
Utf8Sequence ClassifyUtf8(std::string_view bytes, std::size_t& length);

// Appends the UTF-8 encoding of `code_point`. REQUIRES: code_point <= 0x10FFFF.
void AppendUtf8(char32_t code_point, std::string& out);

// The columns `text` takes in a spreadsheet's default font: 2 for East Asian wide characters,
// 1 for the rest. Invalid bytes count 1 each.
std::size_t DisplayWidth(std::string_view text);

}  // namespace cordon::sheet
