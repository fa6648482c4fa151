// Fuzz target: the claims inside a pass token, decoded. A token's signature is checked before its
// claims are read, so only a holder of the signing key could send these; the decoder must still
// refuse anything but its own form without crashing.
#include <cstdint>
#include <string_view>

#include "domain/health/pass.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto claims = cordon::health::DecodePassClaims(text);
  if (claims.ok()) {
    // What decodes must encode back to a form that decodes to the same claims.
    auto again = cordon::health::DecodePassClaims(cordon::health::EncodePassClaims(*claims));
    if (!again.ok() || !(*again == *claims)) {
      __builtin_trap();
    }
  }
  return 0;
}
