// What the fuzz targets share: their input as a file, for readers that take a path (the
// spreadsheet readers, the multipart extractor), and a sheet read to its end.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/sheets.h"

namespace cordon::fuzz {

// Written under /dev/shm when it exists, removed when done.
class TempFile {
 public:
  TempFile(const uint8_t* data, size_t size) {
    const char* dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    path_ = std::string(dir) + "/cordon-fuzz-XXXXXX";
    const int fd = mkstemp(path_.data());
    if (fd < 0) {
      std::perror("mkstemp");
      std::abort();
    }
    for (size_t done = 0; done < size;) {
      const ssize_t n = write(fd, data + done, size - done);
      if (n <= 0) {
        std::perror("write");
        std::abort();
      }
      done += static_cast<size_t>(n);
    }
    close(fd);
  }
  ~TempFile() { unlink(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Reads every row, as an import does, when the sheet opened.
inline void ReadAll(const Result<std::unique_ptr<sheets::RowSource>>& source) {
  if (!source.ok()) {
    return;
  }
  std::vector<std::string> cells;
  while ((*source)->Next(cells)) {
    (void)(*source)->row_number();
  }
  (void)(*source)->status();
}

}  // namespace cordon::fuzz
