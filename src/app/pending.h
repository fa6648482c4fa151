// A use case's answer that may still wait for its write.
//
// A use case that writes works out what to write first (reads, checks, rules), then hands one
// unit to the store and makes its answer once the unit is durable. Pending<T> is that answer in
// between: either ready already (an error found before anything was written) or a unit to write
// and a function that makes the answer from how the write went.
//
// A caller that may block calls Wait(). The HTTP server calls Then(), so that no thread waits for
// the group commit: the store's writer reports back, and the answer is made elsewhere.
//
// Thread-safety: a Pending is used by one thread. Then's callback may run on the store's writer
// thread, and the function it is given on any thread, once.
#pragma once

#include <functional>
#include <optional>
#include <utility>

#include "common/result.h"
#include "domain/store.h"

namespace cordon::app {

template <class T>
class [[nodiscard]] Pending {
 public:
  // Makes the answer from the write's status (ok, storage.failed, or the unit's own error).
  using Finish = std::function<Result<T>(Status written)>;
  // Given the function that makes the answer.
  using Done = std::function<void(std::function<Result<T>()> make)>;

  // The answer now: nothing is written.
  Pending(Result<T> ready) : ready_(std::move(ready)) {}  // NOLINT(google-explicit-constructor)
  Pending(T value) : ready_(std::move(value)) {}          // NOLINT(google-explicit-constructor)
  Pending(Error error) : ready_(std::move(error)) {}      // NOLINT(google-explicit-constructor)
  // The answer once `unit` is written to `store`.
  Pending(Store& store, Store::Unit unit, Finish finish)
      : store_(&store), unit_(std::move(unit)), finish_(std::move(finish)) {}

  // Writes on this thread, waiting for the commit, and makes the answer.
  Result<T> Wait() && {
    if (ready_) {
      return std::move(*ready_);
    }
    return finish_(store_->Write(unit_));
  }

  // Hands the write to the store and returns. `done` is called once: on this thread if the
  // answer is ready (or the store writes in place), else on the store's writer thread after
  // the commit, so it should only pass the function on.
  void Then(Done done) && {
    if (ready_) {
      done([ready = std::move(*ready_)]() mutable { return std::move(ready); });
      return;
    }
    store_->WriteAsync(std::move(unit_),
                       [finish = std::move(finish_), done = std::move(done)](Status written) {
                         done([finish, written] { return finish(written); });
                       });
  }

  // The answer made into another: `f` runs where the answer is made.
  template <class U>
  Pending<U> Map(std::function<Result<U>(Result<T>)> f) && {
    if (ready_) {
      return Pending<U>(f(std::move(*ready_)));
    }
    return Pending<U>(*store_, std::move(unit_),
                      [finish = std::move(finish_), f = std::move(f)](Status written) {
                        return f(finish(std::move(written)));
                      });
  }

 private:
  std::optional<Result<T>> ready_;
  Store* store_ = nullptr;
  Store::Unit unit_;
  Finish finish_;
};

}  // namespace cordon::app
