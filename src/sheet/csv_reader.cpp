#include "sheet/csv_reader.h"

#include <iconv.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "sheet/utf8.h"

namespace cordon::sheet {
namespace {

// Bytes read from the file at a time: large enough that the per-read cost vanishes, small
// enough that a reader costs nothing to keep open.
constexpr std::size_t kChunkBytes = std::size_t{64} * 1024;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// Turns the file's bytes into UTF-8, one chunk at a time.
class Decoder {
 public:
  enum class Mode {
    kUtf8,
    // UTF-8 until the first byte that is not, then GB18030 if no multi-byte UTF-8 came before.
    kUtf8OrGb18030,
    kGb18030,
    kUtf16Le,
    kUtf16Be,
  };

  explicit Decoder(Mode mode) : mode_(mode) {
    if (mode == Mode::kGb18030) {
      OpenIconv("GB18030");
    } else if (mode == Mode::kUtf16Le) {
      OpenIconv("UTF-16LE");
    } else if (mode == Mode::kUtf16Be) {
      OpenIconv("UTF-16BE");
    }
  }
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;
  ~Decoder() {
    if (cd_ != kNoIconv) {
      iconv_close(cd_);
    }
  }

  // Appends the UTF-8 text of `bytes` to `out`. A sequence cut by the end of `bytes` is kept for
  // the next call, unless `last`. Returns false at the first bytes that cannot be decoded, after
  // appending the text before them.
  bool Decode(std::string_view bytes, bool last, std::string& out) {
    std::string joined;
    if (!pending_.empty()) {
      joined = std::move(pending_);
      pending_.clear();
      joined.append(bytes);
      bytes = joined;
    }
    if (mode_ == Mode::kUtf8 || mode_ == Mode::kUtf8OrGb18030) {
      return DecodeUtf8(bytes, last, out);
    }
    return DecodeIconv(bytes, last, out);
  }

 private:
  static inline const iconv_t kNoIconv = reinterpret_cast<iconv_t>(-1);

  void OpenIconv(const char* from) {
    cd_ = iconv_open("UTF-8", from);
    // glibc always has these converters; without them no input could be read.
    if (cd_ == kNoIconv) {
      throw std::runtime_error(std::string("iconv cannot convert from ") + from);
    }
  }

  bool DecodeUtf8(std::string_view bytes, bool last, std::string& out) {
    const auto* const data = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t size = bytes.size();
    std::size_t i = 0;
    while (i < size) {
      if (data[i] < 0x80) {
        ++i;
        continue;
      }
      std::size_t length = 0;
      const Utf8Sequence kind = ClassifyUtf8(bytes.substr(i), length);
      if (kind == Utf8Sequence::kValid) {
        seen_multibyte_ = true;
        i += length;
        continue;
      }
      out.append(bytes.data(), i);
      if (kind == Utf8Sequence::kIncomplete && !last) {
        pending_.assign(bytes.substr(i));
        return true;
      }
      if (mode_ == Mode::kUtf8OrGb18030 && !seen_multibyte_) {
        // Everything before was ASCII, which reads the same in GB18030: go on from here.
        mode_ = Mode::kGb18030;
        OpenIconv("GB18030");
        return DecodeIconv(bytes.substr(i), last, out);
      }
      return false;
    }
    out.append(bytes);
    return true;
  }

  bool DecodeIconv(std::string_view bytes, bool last, std::string& out) {
    // iconv takes char** but does not write through it.
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    while (in_left > 0) {
      // Each of these encodings takes at most 1.5 UTF-8 bytes per input byte.
      const std::size_t old_size = out.size();
      out.resize(old_size + in_left * 2 + 16);
      char* dst = out.data() + old_size;
      std::size_t dst_left = out.size() - old_size;
      const std::size_t rc = iconv(cd_, &in, &in_left, &dst, &dst_left);
      const int error = errno;
      out.resize(out.size() - dst_left);
      if (rc != static_cast<std::size_t>(-1)) {
        continue;
      }
      if (error == E2BIG) {
        continue;
      }
      if (error == EINVAL && !last) {
        pending_.assign(in, in_left);
        return true;
      }
      return false;
    }
    return true;
  }

  Mode mode_;
  bool seen_multibyte_ = false;
  iconv_t cd_ = kNoIconv;
  // The start of a sequence cut by the end of the previous chunk.
  std::string pending_;
};

class CsvReader final : public sheets::RowSource {
 public:
  CsvReader(FilePtr file, std::string first_chunk, bool first_is_last, Decoder::Mode mode,
            const ReadOptions& options)
      : file_(std::move(file)),
        decoder_(mode),
        options_(options),
        raw_(std::move(first_chunk)),
        raw_is_last_(first_is_last) {}

  bool Next(std::vector<std::string>& cells) override {
    cells.clear();
    if (!status_.ok() || finished_) {
      return false;
    }
    enum class State { kCellStart, kUnquoted, kQuoted, kQuoteInQuoted };
    State state = State::kCellStart;
    // Whether this row holds anything but its line end: blank lines are skipped.
    bool has_text = false;
    std::size_t row_start = line_;
    cell_.clear();
    while (true) {
      if (pos_ == text_.size() && !Fill()) {
        if (!status_.ok()) {
          return false;
        }
        finished_ = true;
        if (state == State::kQuoted) {
          return Fail("sheet.malformed", row_start);
        }
        if (!has_text) {
          return false;
        }
        if (!EndCell(cells, row_start)) {
          return false;
        }
        row_number_ = row_start;
        return true;
      }
      if (skip_lf_) {
        skip_lf_ = false;
        if (text_[pos_] == '\n') {
          ++pos_;
          continue;
        }
      }
      if (state == State::kQuoted) {
        // Everything up to the next quote belongs to the cell, line breaks included.
        const std::size_t quote = text_.find('"', pos_);
        const std::size_t end = quote == std::string::npos ? text_.size() : quote;
        if (!Append(std::string_view(text_).substr(pos_, end - pos_), row_start)) {
          return false;
        }
        pos_ = end;
        if (quote != std::string::npos) {
          ++pos_;
          state = State::kQuoteInQuoted;
        }
        continue;
      }
      const char c = text_[pos_];
      if (state == State::kQuoteInQuoted) {
        if (c == '"') {
          ++pos_;
          state = State::kQuoted;
          if (!Append("\"", row_start)) {
            return false;
          }
          continue;
        }
        // Text after a closing quote is kept, as Excel keeps it.
        state = State::kUnquoted;
      }
      if (c == delimiter_) {
        ++pos_;
        has_text = true;
        state = State::kCellStart;
        if (!EndCell(cells, row_start)) {
          return false;
        }
      } else if (c == '\n' || c == '\r') {
        ++pos_;
        skip_lf_ = c == '\r';
        ++line_;
        if (!has_text) {
          row_start = line_;
          continue;
        }
        if (!EndCell(cells, row_start)) {
          return false;
        }
        row_number_ = row_start;
        return true;
      } else if (c == '"' && state == State::kCellStart) {
        ++pos_;
        has_text = true;
        state = State::kQuoted;
      } else {
        // A run of plain text; a quote inside it is plain text too.
        const char* const data = text_.data();
        const std::size_t size = text_.size();
        std::size_t end = pos_ + 1;
        while (end < size && data[end] != delimiter_ && data[end] != '\n' && data[end] != '\r') {
          ++end;
        }
        has_text = true;
        state = State::kUnquoted;
        if (!Append(std::string_view(text_).substr(pos_, end - pos_), row_start)) {
          return false;
        }
        pos_ = end;
      }
    }
  }

  std::size_t row_number() const override { return row_number_; }
  Status status() const override { return status_; }

 private:
  // Makes decoded text available at text_[pos_]. REQUIRES: pos_ == text_.size(). Returns false
  // at the end of the file or when reading failed (status_ says which).
  bool Fill() {
    text_.clear();
    pos_ = 0;
    while (text_.empty()) {
      if (decode_failed_) {
        return Fail("sheet.encoding", line_);
      }
      if (at_end_) {
        return false;
      }
      if (!started_reading_) {
        started_reading_ = true;
      } else if (!ReadChunk()) {
        return false;
      }
      decode_failed_ = !decoder_.Decode(raw_, raw_is_last_, text_);
      at_end_ = raw_is_last_;
      if (!started_text_ && !text_.empty()) {
        started_text_ = true;
        StartText();
      }
    }
    return true;
  }

  // Reads the next chunk into raw_.
  bool ReadChunk() {
    raw_.resize(kChunkBytes);
    const std::size_t n = std::fread(raw_.data(), 1, raw_.size(), file_.get());
    raw_.resize(n);
    if (n < kChunkBytes && std::ferror(file_.get()) != 0) {
      status_ = MakeError("sheet.open", "", std::generic_category().message(errno));
      return false;
    }
    raw_is_last_ = n < kChunkBytes;
    return true;
  }

  // Drops a byte-order mark and picks the delimiter from the first line.
  void StartText() {
    if (text_.starts_with(kUtf8Bom)) {
      text_.erase(0, kUtf8Bom.size());
    }
    const std::string_view first_line =
        std::string_view(text_).substr(0, text_.find_first_of("\r\n"));
    if (first_line.find('\t') != std::string_view::npos &&
        first_line.find(',') == std::string_view::npos) {
      delimiter_ = '\t';
    }
  }

  bool Append(std::string_view text, std::size_t row) {
    if (text.size() > options_.max_cell_bytes - cell_.size()) {
      return Fail("sheet.cell_too_large", row);
    }
    cell_.append(text);
    return true;
  }

  bool EndCell(std::vector<std::string>& cells, std::size_t row) {
    if (cells.size() >= options_.max_columns) {
      if (!cell_.empty()) {
        return Fail("sheet.too_many_columns", row);
      }
      return true;
    }
    cells.push_back(std::move(cell_));
    cell_.clear();
    return true;
  }

  bool Fail(const char* code, std::size_t row) {
    status_ = MakeError(code, "", std::to_string(row));
    return false;
  }

  FilePtr file_;
  Decoder decoder_;
  ReadOptions options_;
  std::string raw_;
  bool raw_is_last_;
  bool started_reading_ = false;
  bool started_text_ = false;
  bool at_end_ = false;
  bool decode_failed_ = false;
  // Decoded text and the parser's place in it.
  std::string text_;
  std::size_t pos_ = 0;
  char delimiter_ = ',';
  // A CR ended the last row; an LF right after it belongs to the same line end.
  bool skip_lf_ = false;
  // The row the parser is in, numbered as a spreadsheet program numbers it.
  std::size_t line_ = 1;
  std::size_t row_number_ = 0;
  std::string cell_;
  bool finished_ = false;
  Status status_;
};

}  // namespace

Result<std::unique_ptr<sheets::RowSource>> OpenCsv(const std::string& path,
                                                   const ReadOptions& options) {
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (file == nullptr) {
    return MakeError("sheet.open", "", std::generic_category().message(errno));
  }
  std::string first(kChunkBytes, '\0');
  const std::size_t n = std::fread(first.data(), 1, first.size(), file.get());
  first.resize(n);
  if (n < kChunkBytes && std::ferror(file.get()) != 0) {
    return MakeError("sheet.open", "", std::generic_category().message(errno));
  }
  Decoder::Mode mode = Decoder::Mode::kUtf8OrGb18030;
  if (options.encoding == Encoding::kUtf8) {
    mode = Decoder::Mode::kUtf8;
  } else if (options.encoding == Encoding::kGb18030) {
    mode = Decoder::Mode::kGb18030;
  } else if (first.starts_with(kUtf8Bom)) {
    mode = Decoder::Mode::kUtf8;
  } else if (first.starts_with(kUtf16LeBom)) {
    mode = Decoder::Mode::kUtf16Le;
  } else if (first.starts_with(kUtf16BeBom)) {
    mode = Decoder::Mode::kUtf16Be;
  }
  if (mode == Decoder::Mode::kUtf16Le || mode == Decoder::Mode::kUtf16Be) {
    first.erase(0, kUtf16LeBom.size());
  } else if (first.find('\0') != std::string::npos) {
    // No text encoding read here puts a NUL byte in a spreadsheet; binary files nearly always do.
    return MakeError("sheet.format", "", "binary content");
  }
  return std::unique_ptr<sheets::RowSource>(std::make_unique<CsvReader>(
      std::move(file), std::move(first), n < kChunkBytes, mode, options));
}

}  // namespace cordon::sheet
