#include "http/static_files.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "http/errors.h"

namespace cordon::http {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".js", "application/javascript; charset=utf-8"},
    {".mjs", "application/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json"},
}};

std::string_view TypeOf(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  for (const auto& [e, type] : kTypes) {
    if (e == ext) {
      return type;
    }
  }
  return "application/octet-stream";
}

bool ReadFile(const std::filesystem::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) {
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace

StaticFiles::StaticFiles(std::string root) {
  std::error_code ec;
  if (!root.empty() &&
      std::filesystem::is_regular_file(std::filesystem::path(root) / "index.html", ec)) {
    root_ = std::filesystem::canonical(root, ec).string();
  }
}

Response StaticFiles::Serve(const Request& request) const {
  if (root_.empty()) {
    return ErrorResponse(MakeError("route.not_found"), request.lang);
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  // Only plain segments: no "..", no hidden files.
  fs::path relative;
  bool clean = true;
  size_t start = 1;
  const std::string& path = request.path;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) {
      end = path.size();
    }
    const std::string segment = path.substr(start, end - start);
    if (segment.starts_with(".") || segment.find('\\') != std::string::npos ||
        segment.find('\0') != std::string::npos) {
      clean = false;
      break;
    }
    if (!segment.empty()) {
      relative /= segment;
    }
    start = end + 1;
  }
  fs::path file = fs::path(root_) / relative;
  const bool exists = clean && !relative.empty() && fs::is_regular_file(file, ec);
  const bool asset = exists && path.starts_with("/assets/");
  if (!exists) {
    // A file the app asks for by name is missing: 404. A route of the app: index.html.
    if (clean && relative.has_extension() && relative.extension() != ".html") {
      return ErrorResponse(MakeError("route.not_found"), request.lang);
    }
    // The resident's declaration page (/d/{community}) and the gate station (/station) are pages
    // of their own; every other route belongs to the console.
    std::string page = "index.html";
    if (path.starts_with("/d/")) {
      page = "declare.html";
    } else if (path == "/station" || path.starts_with("/station/")) {
      page = "station.html";
    }
    if (!fs::is_regular_file(fs::path(root_) / page, ec)) {
      page = "index.html";
    }
    file = fs::path(root_) / page;
  }
  Response r;
  if (!ReadFile(file, r.body)) {
    return ErrorResponse(MakeError("route.not_found"), request.lang);
  }
  r.status = 200;
  r.content_type = std::string(TypeOf(file));
  // Vite names built assets by their content hash: they never change under one name.
  r.headers.emplace_back("Cache-Control",
                         asset ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace cordon::http
