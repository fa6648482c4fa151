#include "app/pass_signer.h"

#include <vector>

namespace cordon::app {
namespace {

constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::string ToBase64(const unsigned char* data, size_t size) {
  std::string out(sodium_base64_encoded_len(size, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, kVariant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool FromBase64(std::string_view text, std::vector<unsigned char>& out) {
  out.assign(text.size(), 0);
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                        kVariant) != 0 ||
      end != text.data() + text.size()) {
    return false;
  }
  out.resize(len);
  return true;
}

}  // namespace

PassSigner::PassSigner(const Vault& vault) {
  crypto_sign_seed_keypair(public_.data(), secret_.data(), vault.PassSeed().data());
  public_b64_ = ToBase64(public_.data(), public_.size());
  std::array<unsigned char, 6> id{};
  crypto_generichash(id.data(), id.size(), public_.data(), public_.size(), nullptr, 0);
  key_id_ = ToBase64(id.data(), id.size());
}

std::string PassSigner::Sign(const health::PassClaims& claims) const {
  const std::string text = health::EncodePassClaims(claims);
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), secret_.data());
  return ToBase64(reinterpret_cast<const unsigned char*>(text.data()), text.size()) + "." +
         ToBase64(sig.data(), sig.size());
}

std::optional<health::PassClaims> PassSigner::Remembered(std::string_view token) const {
  std::lock_guard lock(mu_);
  if (auto it = newer_.find(token); it != newer_.end()) {
    return it->second;
  }
  if (auto it = older_.find(token); it != older_.end()) {
    auto claims = it->second;
    newer_.emplace(std::string(token), claims);  // in use: kept through the next turn
    return claims;
  }
  return std::nullopt;
}

void PassSigner::Remember(std::string_view token, const health::PassClaims& claims) const {
  std::lock_guard lock(mu_);
  if (newer_.size() >= kRememberedPasses / 2) {
    older_ = std::move(newer_);
    newer_.clear();
  }
  newer_.emplace(std::string(token), claims);
}

Result<health::PassClaims> PassSigner::Verify(std::string_view token) const {
  if (auto known = Remembered(token)) {
    return *known;
  }
  const auto dot = token.find('.');
  std::vector<unsigned char> text;
  std::vector<unsigned char> sig;
  if (token.size() > 512 || dot == std::string_view::npos ||
      !FromBase64(token.substr(0, dot), text) || !FromBase64(token.substr(dot + 1), sig)) {
    return MakeError("pass.malformed", "token");
  }
  if (sig.size() != crypto_sign_BYTES ||
      crypto_sign_verify_detached(sig.data(), text.data(), text.size(), public_.data()) != 0) {
    return MakeError("pass.signature", "token");
  }
  auto claims = health::DecodePassClaims(
      std::string_view(reinterpret_cast<const char*>(text.data()), text.size()));
  if (!claims.ok()) {
    return MakeError("pass.malformed", "token");
  }
  Remember(token, *claims);
  return claims;
}

std::string NewPassRef() {
  std::array<unsigned char, 16> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return ToBase64(bytes.data(), bytes.size());
}

}  // namespace cordon::app
