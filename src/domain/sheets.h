// Spreadsheets as the use cases see them: rows of UTF-8 text cells, read and written one row at
// a time so that a million-row file never needs a million rows in memory. Implemented in
// src/sheet/ (CSV and .xlsx).
//
// Thread-safety: one reader or writer per thread.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "common/result.h"

namespace cordon::sheets {

class RowSource {
 public:
  virtual ~RowSource() = default;
  // Reads the next row into `cells` (replacing its contents). Returns false at the end of the
  // sheet or when reading failed; status() tells which.
  virtual bool Next(std::vector<std::string>& cells) = 0;
  // The 1-based number of the row last returned, as a spreadsheet program shows it (blank rows
  // and, in CSV, quoted line breaks counted as the program counts them).
  virtual std::size_t row_number() const = 0;
  // Ok, or why reading stopped early (codes sheet.*).
  virtual Status status() const = 0;
};

class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual Status Write(const std::vector<std::string>& cells) = 0;
  // Flushes and closes; the output is complete only when this returns ok.
  virtual Status Finish() = 0;
};

}  // namespace cordon::sheets

namespace cordon::sheets {

// Rows held in memory (the first is the header): for generated data such as the demo community.
class VectorRowSource final : public RowSource {
 public:
  explicit VectorRowSource(std::vector<std::vector<std::string>> rows) : rows_(std::move(rows)) {}
  bool Next(std::vector<std::string>& cells) override {
    if (next_ >= rows_.size()) {
      return false;
    }
    cells = rows_[next_++];
    return true;
  }
  std::size_t row_number() const override { return next_; }
  Status status() const override { return Ok(); }

 private:
  std::vector<std::vector<std::string>> rows_;
  std::size_t next_ = 0;
};

}  // namespace cordon::sheets
