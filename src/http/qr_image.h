// QR codes (libqrencode) drawn as PNG (libpng) or SVG, for passes and the community's
// declaration link.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace cordon::http {

// Error correction M (15%): a printed code survives a fold or a smudge. Error: qr.too_long.
Result<std::string> QrPng(std::string_view text, int module_pixels = 8);
Result<std::string> QrSvg(std::string_view text);

}  // namespace cordon::http
