// The built web console (web/dist), served on the same port as the API: hashed assets are cached
// for a year, index.html never, and any other path that is not a file gets index.html so that
// the single-page app's own routes load.
//
// Thread-safety: immutable after construction; safe to share.
#pragma once

#include <string>

#include "http/message.h"

namespace cordon::http {

class StaticFiles {
 public:
  // `root` is the directory holding index.html. An empty or missing root serves nothing (404).
  explicit StaticFiles(std::string root);

  bool enabled() const { return !root_.empty(); }
  // Answers a GET or HEAD for `path`.
  Response Serve(const Request& request) const;

 private:
  std::string root_;
};

}  // namespace cordon::http
