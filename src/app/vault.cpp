#include "app/vault.h"

#include <sodium.h>

namespace cordon::app {
namespace {

constexpr char kContext[crypto_kdf_CONTEXTBYTES] = {'c', 'o', 'r', 'd', 'o', 'n', 'i', 'd'};

}  // namespace

Result<Vault> Vault::FromHex(std::string_view hex) {
  std::array<unsigned char, crypto_kdf_KEYBYTES> master{};
  size_t len = 0;
  const char* end = nullptr;
  if (hex.size() != master.size() * 2 ||
      sodium_hex2bin(master.data(), master.size(), hex.data(), hex.size(), nullptr, &len, &end) !=
          0 ||
      len != master.size()) {
    return MakeError("vault.key_format");
  }
  Vault v;
  crypto_kdf_derive_from_key(v.seal_key_.data(), v.seal_key_.size(), 1, kContext, master.data());
  crypto_kdf_derive_from_key(v.hash_key_.data(), v.hash_key_.size(), 2, kContext, master.data());
  crypto_kdf_derive_from_key(v.pass_seed_.data(), v.pass_seed_.size(), 4, kContext, master.data());
  std::array<unsigned char, 16> id{};
  crypto_kdf_derive_from_key(id.data(), id.size(), 3, kContext, master.data());
  std::array<char, 33> id_hex{};
  sodium_bin2hex(id_hex.data(), id_hex.size(), id.data(), id.size());
  v.key_id_ = id_hex.data();
  sodium_memzero(master.data(), master.size());
  return v;
}

std::string Vault::NewKeyHex() {
  std::array<unsigned char, crypto_kdf_KEYBYTES> key{};
  crypto_kdf_keygen(key.data());
  std::array<char, crypto_kdf_KEYBYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), key.data(), key.size());
  sodium_memzero(key.data(), key.size());
  return hex.data();
}

std::string Vault::Seal(std::string_view plain) const {
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                        seal_key_.data());
  return out;
}

Result<std::string> Vault::Open(std::string_view sealed) const {
  constexpr size_t kOverhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
  if (sealed.size() < kOverhead) {
    return MakeError("vault.open_failed");
  }
  std::string out(sealed.size() - kOverhead, '\0');
  const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
  if (crypto_secretbox_open_easy(
          reinterpret_cast<unsigned char*>(out.data()), nonce + crypto_secretbox_NONCEBYTES,
          sealed.size() - crypto_secretbox_NONCEBYTES, nonce, seal_key_.data()) != 0) {
    return MakeError("vault.open_failed");
  }
  return out;
}

std::string Vault::Hash(std::string_view plain) const {
  std::string out(32, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                     reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                     hash_key_.data(), hash_key_.size());
  return out;
}

std::string Vault::KeyId() const { return key_id_; }

}  // namespace cordon::app
