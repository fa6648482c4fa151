// Sealing of ID and phone numbers at rest (design §7): XSalsa20-Poly1305 with a random nonce
// (libsodium secretbox) for the value, and a keyed BLAKE2b hash beside it so that a number can be
// found without being decrypted. Both keys are derived from one 256-bit master key, which lives
// outside the database (a key file or the environment).
//
// Thread-safety: immutable after construction; safe to share.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "common/result.h"

namespace cordon::app {

class Vault {
 public:
  // From 64 hex characters. Error: vault.key_format.
  static Result<Vault> FromHex(std::string_view hex);
  // A new random master key as 64 hex characters.
  static std::string NewKeyHex();

  // nonce || ciphertext, as bytes.
  std::string Seal(std::string_view plain) const;
  // Error: vault.open_failed when the value was not sealed with this key or was altered.
  Result<std::string> Open(std::string_view sealed) const;
  // 32 bytes: the same for the same number, and useless without the key.
  std::string Hash(std::string_view plain) const;
  // Names the key without revealing it, so a database can refuse a different key.
  std::string KeyId() const;
  // The seed of the Ed25519 key that signs passes: derived from the same master key, so every
  // node of a deployment signs alike and nothing else needs keeping.
  const std::array<unsigned char, 32>& PassSeed() const { return pass_seed_; }

 private:
  Vault() = default;
  std::array<unsigned char, 32> seal_key_{};
  std::array<unsigned char, 32> hash_key_{};
  std::array<unsigned char, 32> pass_seed_{};
  std::string key_id_;
};

}  // namespace cordon::app
