#include "http/qr_image.h"

#include <fmt/format.h>
#include <png.h>
#include <qrencode.h>

#include <memory>
#include <vector>

namespace cordon::http {
namespace {

// The quiet zone the standard asks for around a code, in modules.
constexpr int kQuietModules = 4;

struct QrDeleter {
  void operator()(QRcode* q) const { QRcode_free(q); }
};
using QrPtr = std::unique_ptr<QRcode, QrDeleter>;

Result<QrPtr> Encode(std::string_view text) {
  const std::string s(text);
  QrPtr q(QRcode_encodeData(static_cast<int>(s.size()),
                            reinterpret_cast<const unsigned char*>(s.data()), 0, QR_ECLEVEL_M));
  if (!q) {
    return MakeError("qr.too_long");
  }
  return q;
}

bool Dark(const QRcode& q, int x, int y) { return (q.data[y * q.width + x] & 1) != 0; }

void AppendBytes(png_structp png, png_bytep data, png_size_t size) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), size);
}

}  // namespace

Result<std::string> QrPng(std::string_view text, int module_pixels) {
  auto q = Encode(text);
  if (!q.ok()) {
    return q.error();
  }
  const int modules = (*q)->width + 2 * kQuietModules;
  const int size = modules * module_pixels;
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (png == nullptr || info == nullptr) {
    png_destroy_write_struct(&png, &info);
    return MakeError("internal");
  }
  std::vector<png_byte> row(static_cast<size_t>(size));
  if (setjmp(png_jmpbuf(png))) {  // NOLINT(cert-err52-cpp): libpng reports errors by longjmp
    png_destroy_write_struct(&png, &info);
    return MakeError("internal");
  }
  png_set_write_fn(png, &out, AppendBytes, nullptr);
  png_set_IHDR(png, info, static_cast<png_uint_32>(size), static_cast<png_uint_32>(size), 8,
               PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < size; ++y) {
    const int my = y / module_pixels - kQuietModules;
    for (int x = 0; x < size; ++x) {
      const int mx = x / module_pixels - kQuietModules;
      const bool inside = mx >= 0 && my >= 0 && mx < (*q)->width && my < (*q)->width;
      row[static_cast<size_t>(x)] = inside && Dark(**q, mx, my) ? 0 : 255;
    }
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

Result<std::string> QrSvg(std::string_view text) {
  auto q = Encode(text);
  if (!q.ok()) {
    return q.error();
  }
  const int w = (*q)->width;
  const int modules = w + 2 * kQuietModules;
  fmt::memory_buffer svg;
  fmt::format_to(std::back_inserter(svg),
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" "
                 "shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
                 "fill=\"#fff\"/><path fill=\"#000\" d=\"",
                 modules);
  for (int y = 0; y < w; ++y) {
    for (int x = 0; x < w; ++x) {
      if (Dark(**q, x, y)) {
        fmt::format_to(std::back_inserter(svg), "M{} {}h1v1h-1z", x + kQuietModules,
                       y + kQuietModules);
      }
    }
  }
  fmt::format_to(std::back_inserter(svg), "\"/></svg>");
  return fmt::to_string(svg);
}

}  // namespace cordon::http
