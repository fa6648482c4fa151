// The server's QR codes read back by a real decoder (ZXing), and the pass inside verifies.
#include "http/qr_image.h"

#include <gtest/gtest.h>
#include <png.h>

// ZXing 1.4 returns text as UTF-8 only when asked to (the default changes in its next release).
#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

#include "app/crypto.h"
#include "app/pass_signer.h"
#include "app/vault.h"

namespace cordon::http {
namespace {

// Decodes a PNG to 8-bit grey pixels with libpng's simplified API.
std::vector<unsigned char> Grey(const std::string& png, int& width, int& height) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  EXPECT_NE(png_image_begin_read_from_memory(&image, png.data(), png.size()), 0);
  image.format = PNG_FORMAT_GRAY;
  std::vector<unsigned char> pixels(PNG_IMAGE_SIZE(image));
  EXPECT_NE(png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr), 0);
  width = static_cast<int>(image.width);
  height = static_cast<int>(image.height);
  return pixels;
}

std::string Decode(const std::string& png) {
  int w = 0;
  int h = 0;
  auto pixels = Grey(png, w, h);
  auto result = ZXing::ReadBarcode({pixels.data(), w, h, ZXing::ImageFormat::Lum},
                                   ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
  EXPECT_TRUE(result.isValid());
  return result.text();
}

TEST(QrImageTest, APassQrCodeDecodesToATokenThatVerifies) {
  app::InitCrypto();
  auto vault = *app::Vault::FromHex(std::string(64, '3'));
  app::PassSigner signer(vault);
  health::PassClaims claims{app::NewPassRef(), "441900003013", health::Colour::kYellow,
                            1'583'022'600'000, 1'583'078'400'000};
  const std::string token = signer.Sign(claims);
  auto png = QrPng(token);
  ASSERT_TRUE(png.ok());
  const std::string read = Decode(*png);
  EXPECT_EQ(read, token);
  auto verified = signer.Verify(read);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(*verified, claims);
}

TEST(QrImageTest, ALinkWithChineseTextAndSmallModulesDecodes) {
  const std::string text = "http://127.0.0.1:8080/d/441900003013?来源=岗贝社区";
  auto png = QrPng(text, 3);
  ASSERT_TRUE(png.ok());
  EXPECT_EQ(Decode(*png), text);
}

TEST(QrImageTest, SvgDrawsTheSameModules) {
  auto svg = QrSvg("CP1");
  ASSERT_TRUE(svg.ok());
  EXPECT_EQ(svg->rfind("<svg ", 0), 0U);
  EXPECT_NE(svg->find("h1v1h-1z"), std::string::npos);
  EXPECT_EQ(svg->substr(svg->size() - 6), "</svg>");
}

TEST(QrImageTest, TooMuchTextIsAnErrorNotACrash) {
  auto png = QrPng(std::string(8000, 'x'));
  ASSERT_FALSE(png.ok());
  EXPECT_EQ(png.error().code, "qr.too_long");
}

}  // namespace
}  // namespace cordon::http
