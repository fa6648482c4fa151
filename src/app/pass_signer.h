// Signs and verifies passes (通行码): the claims' text, then "." and an Ed25519 signature, both
// in unpadded base64url, so that the whole token is QR-safe and checkable offline with the
// published public key.
//
// Verifying a signature costs about a tenth of a millisecond, and a gate sees the same pass
// several times a day: the tokens already verified are remembered (the token's exact text, so
// the answer is the one verifying again would give), up to kRememberedPasses of them.
//
// Thread-safety: safe to share; the memory of verified tokens is locked.
#pragma once

#include <sodium.h>

#include <array>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "app/vault.h"
#include "common/result.h"
#include "common/string_hash.h"
#include "domain/health/pass.h"

namespace cordon::app {

class PassSigner {
 public:
  explicit PassSigner(const Vault& vault);

  std::string Sign(const health::PassClaims& claims) const;
  // Errors: pass.malformed (not a token of this form), pass.signature (altered, or signed by
  // another key).
  Result<health::PassClaims> Verify(std::string_view token) const;

  // The public key, unpadded base64url, and a short id naming it.
  const std::string& PublicKey() const { return public_b64_; }
  const std::string& KeyId() const { return key_id_; }

 private:
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret_{};
  std::string public_b64_;
  std::string key_id_;

  // Two generations: when the newer is full, it becomes the older and the older is dropped, so
  // the passes in use stay and memory stays bounded.
  static constexpr size_t kRememberedPasses = 1 << 15;
  std::optional<health::PassClaims> Remembered(std::string_view token) const;
  void Remember(std::string_view token, const health::PassClaims& claims) const;
  mutable std::mutex mu_;
  using Memory = std::unordered_map<std::string, health::PassClaims, StringHash, std::equal_to<>>;
  mutable Memory newer_;
  mutable Memory older_;
};

// A new opaque person reference for passes: 16 random bytes as 22 characters of base64url.
std::string NewPassRef();

}  // namespace cordon::app
