// Password hashing (argon2id) and session tokens, over libsodium.
//
// Thread-safety: all functions may be called from any thread. InitCrypto() must have been
// called once before.
#pragma once

#include <string>
#include <string_view>

namespace cordon::app {

// Initialises libsodium. Throws std::runtime_error when it cannot.
void InitCrypto();

struct PasswordParams {
  // libsodium's "interactive" argon2id limits: about 0.2 s and 64 MiB per hash on this hardware.
  unsigned long long ops_limit = 2;
  size_t mem_limit = 64UL << 20;
};

// Returns the hash in libsodium's self-describing string form. Throws on exhaustion.
std::string HashPassword(std::string_view password, const PasswordParams& params);
bool VerifyPassword(std::string_view password, const std::string& hash);

// A new bearer token: 32 random bytes (256 bits) in URL-safe base64 without padding.
std::string NewToken();
// The hex BLAKE2b-256 of a token: what the session store keeps.
std::string HashToken(std::string_view token);
// A random identifier for requests: 16 hex characters.
std::string NewRequestId();

}  // namespace cordon::app
