// The HTTP/1.1 server: Boost.Beast over Asio with C++20 coroutines.
//
// I/O runs on a few threads; each request whose route is not marked on_io_thread is handed to a
// worker pool (the store blocks on disk), and its answer is written back on the connection's
// strand. Requests are bounded: header size, a body limit per route (413 beyond it), a read
// timeout for a request once it has begun, and an idle timeout between keep-alive requests.
//
// Stop (or SIGINT/SIGTERM) closes the listener, ends idle connections, lets requests in flight
// finish and answer with Connection: close, then returns from Run.
//
// Thread-safety: Listen and Run from one thread; Stop from any.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/router.h"

namespace cordon::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 2;
  // Requests run on these. Reads are CPU-bound: on two cores, eight workers served a person search
  // 1.7x faster than 32, and two kept its p99 lowest (a worker switched out mid-query holds its
  // request); `cordon serve` takes one a core on SQLite. Writes waiting for a group commit hold a
  // worker each: a write-heavy node may want more (--workers).
  int worker_threads = 4;
  // Routes marked commit_bound (a station's offline queue, blocking on its commit) run on these
  // instead: such a request spends most of its time waiting for the group commit, and the more
  // wait together, the more share one fsync. Idle threads cost nothing but their stacks.
  int write_threads = 64;
  // Routes with a `later` handler (the busiest writes: scans, declarations) start on the I/O
  // thread instead of a worker, one thread hop fewer. Only for a store whose reads are local and
  // whose WriteAsync does not wait (SQLite); a store across the network would hold the I/O
  // thread for its round trips.
  bool later_on_io_thread = false;
  // Headers beyond this are refused (431): no legitimate client sends more.
  size_t header_limit = 16 * 1024;
  // A keep-alive connection with no new request for this long is closed.
  std::chrono::seconds idle_timeout{60};
  // A request must arrive whole, and an answer be taken, within this long.
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds write_timeout{30};
  // After a stop, requests still unfinished this long later are abandoned.
  std::chrono::seconds drain_timeout{20};
  bool access_log = true;
  // Load balancers in front of the server (exact addresses): for requests from them, the client
  // is taken from X-Forwarded-For (ClientAddress in message.h). Empty: the TCP peer is the client.
  std::vector<std::string> trusted_proxies;
  // Where uploaded files wait while their request is handled.
  std::string temp_dir = "/tmp";
  bool handle_signals = true;
};

class Server {
 public:
  Server(const Router& router, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listener; returns the port (useful with port 0). Throws std::system_error.
  unsigned short Listen();
  // Serves until stopped and drained.
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cordon::http
