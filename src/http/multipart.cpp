#include "http/multipart.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <fstream>

namespace cordon::http {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// The value of `name=` in a header such as `form-data; name="file"; filename="a.xlsx"`.
std::string Param(std::string_view header, std::string_view name) {
  const std::string lower = Lower(header);
  size_t pos = 0;
  while ((pos = lower.find(name, pos)) != std::string::npos) {
    const bool starts = pos == 0 || lower[pos - 1] == ' ' || lower[pos - 1] == ';';
    const size_t eq = pos + name.size();
    if (!starts || eq >= lower.size() || lower[eq] != '=') {
      pos = eq;
      continue;
    }
    std::string_view rest = header.substr(eq + 1);
    if (!rest.empty() && rest.front() == '"') {
      auto end = rest.find('"', 1);
      return std::string(rest.substr(1, end == std::string_view::npos ? rest.size() : end - 1));
    }
    auto end = rest.find(';');
    std::string v(rest.substr(0, end));
    while (!v.empty() && v.back() == ' ') {
      v.pop_back();
    }
    return v;
  }
  return {};
}

// A read-only view of a whole file, unmapped when it goes.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return;
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
      size_ = static_cast<size_t>(st.st_size);
      void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      data_ = p == MAP_FAILED ? nullptr : static_cast<const char*>(p);
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_ != nullptr) {
      ::munmap(const_cast<char*>(data_), size_);
    }
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view view() const {
    return data_ == nullptr ? std::string_view{} : std::string_view(data_, size_);
  }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace

bool IsMultipart(std::string_view content_type) {
  return Lower(content_type).starts_with("multipart/form-data");
}

Result<UploadedFile> ExtractMultipartFile(const std::string& in_path, std::string_view content_type,
                                          const std::string& out_path) {
  const std::string boundary = Param(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 70) {
    return MakeError("request.multipart");
  }
  MappedFile file(in_path);
  const std::string_view body = file.view();
  const std::string delimiter = "--" + boundary;
  const std::string next_delimiter = "\r\n--" + boundary;
  size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) {
    return MakeError("request.multipart");
  }
  for (;;) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") {
      return MakeError("import.no_file");  // the closing delimiter: no file part
    }
    if (body.substr(pos, 2) != "\r\n") {
      return MakeError("request.multipart");
    }
    pos += 2;
    const size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) {
      return MakeError("request.multipart");
    }
    UploadedFile part;
    bool is_file = false;
    std::string_view headers = body.substr(pos, headers_end - pos);
    while (!headers.empty()) {
      auto eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view{} : headers.substr(eol + 2);
      auto colon = line.find(':');
      if (colon == std::string_view::npos) {
        continue;
      }
      const std::string name = Lower(line.substr(0, colon));
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') {
        value.remove_prefix(1);
      }
      if (name == "content-disposition") {
        // A browser sends filename=""; a file input left empty sends that too.
        if (Lower(value).find("filename") != std::string::npos) {
          part.file_name = Param(value, "filename");
          is_file = true;
        }
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    const size_t content = headers_end + 4;
    const size_t end = body.find(next_delimiter, content);
    if (end == std::string_view::npos) {
      return MakeError("request.multipart");
    }
    if (is_file) {
      std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
      out.write(body.data() + content, static_cast<std::streamsize>(end - content));
      out.close();
      if (!out) {
        return MakeError("storage.failed");
      }
      return part;
    }
    pos = end + 2;  // at the next "--boundary"
  }
}

}  // namespace cordon::http
