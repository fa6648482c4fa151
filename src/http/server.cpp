#include "http/server.h"

#include <fmt/format.h>
#include <pthread.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "app/crypto.h"
#include "http/errors.h"

namespace cordon::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::ip::tcp;
using Stream = beast::tcp_stream;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

namespace {

// Runs start(reply) on the pool, or here when `pool` is null, and resumes the calling coroutine
// on its own executor once the reply comes, from whichever thread, making the response there
// (Router::HandleLater).
template <class F>
asio::awaitable<Response> Later(asio::thread_pool* pool, F& start) {
  auto ex = co_await asio::this_coro::executor;
  // Named, not a temporary inside the co_await expression: g++ 12 destroys such temporaries
  // twice, and this one holds a strand.
  auto initiation = [pool, &start, ex](auto handler) {
    auto resume = std::make_shared<decltype(handler)>(std::move(handler));
    auto run = [&start, ex, resume] {
      start([ex, resume](MakeResponse make) {
        asio::post(ex, [resume, make = std::move(make)] { std::move (*resume)(make()); });
      });
    };
    if (pool != nullptr) {
      asio::post(*pool, std::move(run));
    } else {
      run();
    }
  };
  Response res = co_await asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(
      std::move(initiation), asio::use_awaitable);
  co_return res;
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// Percent-encodes the raw bytes some clients put in a target (UTF-8 text, spaces), which a
// browser would have encoded, so that "?q=王" is read as the client meant it.
std::string EncodeRaw(std::string_view target) {
  std::string out;
  out.reserve(target.size());
  for (unsigned char c : target) {
    if (c >= 0x80 || c == ' ') {
      out += fmt::format("%{:02X}", c);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// A fresh file name in dir, unguessable so that no other request can predict it.
std::string TempPath(const std::string& dir) {
  return (std::filesystem::path(dir) /
          ("cordon-upload-" + app::NewRequestId() + app::NewRequestId()))
      .string();
}

// Streams the rest of the request's body into `path`. Returns nothing when the body was read
// whole; an error to answer with; or an error with an empty code when the client went away.
asio::awaitable<std::optional<Error>> ReadBodyToFile(Stream& stream, beast::flat_buffer& buffer,
                                                     bhttp::request_parser<bhttp::string_body>& p,
                                                     const std::string& path, size_t limit) {
  bhttp::request_parser<bhttp::file_body> fp{std::move(p)};
  fp.body_limit(limit);
  boost::system::error_code ec;
  fp.get().body().open(path.c_str(), beast::file_mode::write, ec);
  if (ec) {
    spdlog::error("upload: cannot create {}: {}", path, ec.message());
    co_return MakeError("storage.failed");
  }
  if (!fp.is_done()) {
    auto [rec, n] = co_await bhttp::async_read(stream, buffer, fp, kTuple);
    if (rec == bhttp::error::body_limit) {
      co_return MakeError("request.too_large", "", std::to_string(limit));
    }
    if (rec) {
      co_return Error{};
    }
  }
  fp.get().body().close();
  co_return std::nullopt;
}

// What the access log and the error shape need of a request that never reached a route.
Request BareRequest(Lang lang, std::string client) {
  Request r;
  r.lang = lang;
  r.client_address = std::move(client);
  r.request_id = app::NewRequestId();
  return r;
}

}  // namespace

struct Server::Impl {
  // One connection, as the stop logic sees it.
  struct Conn {
    asio::strand<asio::io_context::executor_type> strand;
    Stream* stream = nullptr;
    bool idle = true;
  };

  Impl(const Router& r, ServerOptions o)
      : router(r),
        options(std::move(o)),
        acceptor(ioc),
        signals(ioc),
        pool(static_cast<size_t>(options.worker_threads)),
        write_pool(static_cast<size_t>(options.write_threads)) {
    access_log = spdlog::get("access");
    if (!access_log) {
      access_log = spdlog::stdout_logger_mt("access");
      access_log->set_pattern("%v");
    }
  }

  const Router& router;
  ServerOptions options;
  asio::io_context ioc;
  tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::thread_pool pool;
  asio::thread_pool write_pool;
  std::atomic<bool> stopping{false};
  std::shared_ptr<spdlog::logger> access_log;  // one JSON object per line, on stdout

  std::mutex conns_mu;
  std::map<std::uint64_t, std::shared_ptr<Conn>> conns;
  std::uint64_t next_conn_id = 0;

  asio::awaitable<void> Accept();
  asio::awaitable<void> Serve(tcp::socket socket, std::shared_ptr<Conn> conn, std::uint64_t id);
  asio::awaitable<void> Drain();
  void BeginStop();
  void Log(const Request& req, std::string_view route, const Response& res, size_t bytes,
           std::chrono::steady_clock::time_point start) const;
  // The body is taken apart from the rest, which the access log still reads: moved, not copied.
  static bhttp::response<bhttp::string_body> ToBeast(const Response& res, std::string body,
                                                     unsigned version, bool keep_alive,
                                                     const std::string& rid);
  static bhttp::response<bhttp::file_body> FileResponse(const Response& res, unsigned version,
                                                        bool keep_alive, const std::string& rid);
};

void Server::Impl::Log(const Request& req, std::string_view route, const Response& res,
                       size_t bytes, std::chrono::steady_clock::time_point start) const {
  if (!options.access_log) {
    return;
  }
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  // Only the route's pattern is logged, never the path or query: they may carry an ID number.
  access_log->info(
      R"({{"ts":"{}","event":"request","rid":"{}","method":"{}","route":"{}","status":{},"bytes":{},"ms":{:.2f},"client":"{}","user":{}}})",
      FormatTime(SystemClock().NowMs()), req.request_id, req.method, route, res.status, bytes, ms,
      req.client_address, res.user_id ? std::to_string(*res.user_id) : "null");
}

bhttp::response<bhttp::string_body> Server::Impl::ToBeast(const Response& res, std::string body,
                                                          unsigned version, bool keep_alive,
                                                          const std::string& rid) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
  out.set(bhttp::field::server, "cordon");
  if (!res.content_type.empty()) {
    out.set(bhttp::field::content_type, res.content_type);
  }
  out.set(bhttp::field::cache_control, "no-store");
  out.set("X-Content-Type-Options", "nosniff");
  out.set("X-Request-Id", rid);
  for (const auto& [k, v] : res.headers) {
    out.set(k, v);  // a route may set its own Cache-Control
  }
  out.keep_alive(keep_alive);
  out.body() = std::move(body);
  out.prepare_payload();
  return out;
}

bhttp::response<bhttp::file_body> Server::Impl::FileResponse(const Response& res, unsigned version,
                                                             bool keep_alive,
                                                             const std::string& rid) {
  bhttp::response<bhttp::file_body> out{static_cast<bhttp::status>(res.status), version};
  out.set(bhttp::field::server, "cordon");
  out.set(bhttp::field::content_type, res.content_type);
  out.set(bhttp::field::cache_control, "no-store");
  out.set("X-Content-Type-Options", "nosniff");
  out.set("X-Request-Id", rid);
  for (const auto& [k, v] : res.headers) {
    out.set(k, v);
  }
  boost::system::error_code ec;
  out.body().open(res.body_file.c_str(), beast::file_mode::scan, ec);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

asio::awaitable<void> Server::Impl::Accept() {
  for (;;) {
    auto strand = asio::make_strand(ioc);
    auto [ec, socket] = co_await acceptor.async_accept(strand, kTuple);
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) {
        co_return;
      }
      spdlog::warn("accept: {}", ec.message());
      continue;
    }
    auto conn = std::make_shared<Conn>(Conn{strand});
    std::uint64_t id = 0;
    {
      std::lock_guard lock(conns_mu);
      id = next_conn_id++;
      conns.emplace(id, conn);
    }
    asio::co_spawn(strand, Serve(std::move(socket), conn, id), asio::detached);
  }
}

asio::awaitable<void> Server::Impl::Serve(tcp::socket socket, std::shared_ptr<Conn> conn,
                                          std::uint64_t id) {
  Stream stream(std::move(socket));
  conn->stream = &stream;
  std::string client;
  {
    boost::system::error_code ec;
    auto ep = stream.socket().remote_endpoint(ec);
    client = ec ? "-" : ep.address().to_string();
  }
  beast::flat_buffer buffer;
  for (;;) {
    if (stopping) {
      break;
    }
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
    parser.body_limit(kDefaultBodyLimit);
    conn->idle = true;
    stream.expires_after(options.idle_timeout);
    auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
    conn->idle = false;
    const auto start = std::chrono::steady_clock::now();
    std::optional<Error> early;  // a problem found before the request reached a route
    if (hec == bhttp::error::header_limit) {
      early = MakeError("request.header_too_large");
    } else if (hec) {
      const bool quiet = hec == bhttp::error::end_of_stream || hec == asio::error::eof ||
                         hec == asio::error::operation_aborted || hec == beast::error::timeout ||
                         hec == asio::error::connection_reset;
      if (!quiet) {
        early = MakeError("request.bad_request");
      } else {
        break;
      }
    }

    Request req;
    Router::Match match;
    std::string route_name = "-";
    if (!early) {
      auto& h = parser.get();
      req.lang = NegotiateLang(h[bhttp::field::accept_language]);
      req.client_address =
          options.trusted_proxies.empty()
              ? client
              : ClientAddress(client, h["X-Forwarded-For"], options.trusted_proxies);
      req.request_id = app::NewRequestId();
      req.method = std::string(h.method_string());
      for (const auto& f : h) {
        req.headers.emplace_back(ToLower(f.name_string()), std::string(f.value()));
      }
      const std::string target = EncodeRaw(h.target());  // the url_view below points into it
      auto url = boost::urls::parse_origin_form(target);
      if (!url) {
        early = MakeError("request.bad_request");
      } else {
        req.path = url->path();
        for (auto p : url->params()) {
          req.query.emplace_back(p.key, p.value);
        }
        match = router.Find(req.method, req.path);
        const size_t limit = match.route ? match.route->body_limit : kDefaultBodyLimit;
        parser.body_limit(limit);
        if (match.route) {
          route_name = match.route->pattern;
        }
        auto length = parser.content_length();
        if (length && *length > limit) {
          early = MakeError("request.too_large", "", std::to_string(limit));
        } else if (match.route != nullptr && match.route->body_to_file) {
          req.body_file = TempPath(options.temp_dir);
          auto read = co_await ReadBodyToFile(stream, buffer, parser, req.body_file, limit);
          if (read) {
            early = *read;
          }
          if (read && read->code.empty()) {
            std::filesystem::remove(req.body_file);
            break;  // the client went away
          }
        } else if (!parser.is_done()) {
          if (beast::iequals(h[bhttp::field::expect], "100-continue")) {
            bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, h.version()};
            stream.expires_after(options.write_timeout);
            co_await bhttp::async_write(stream, cont, kTuple);
          }
          stream.expires_after(options.read_timeout);
          auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
          if (bec == bhttp::error::body_limit) {
            early = MakeError("request.too_large", "", std::to_string(limit));
          } else if (bec == bhttp::error::end_of_stream || bec == asio::error::eof ||
                     bec == beast::error::timeout || bec == asio::error::connection_reset ||
                     bec == asio::error::operation_aborted) {
            break;  // the client went away or stalled: nobody to answer
          } else if (bec) {
            early = MakeError("request.bad_request");  // e.g. a malformed chunk
          }
        }
      }
    }
    if (early) {
      if (!req.body_file.empty()) {
        std::filesystem::remove(req.body_file);
      }
      if (req.request_id.empty()) {
        req = BareRequest(Lang::kZhCn, client);
      }
      Response res = ErrorResponse(*early, req.lang);
      auto out = ToBeast(res, std::move(res.body), 11, false, req.request_id);
      stream.expires_after(options.write_timeout);
      co_await bhttp::async_write(stream, out, kTuple);
      Log(req, route_name, res, out.body().size(), start);
      break;  // the rest of the stream cannot be trusted
    }

    auto& h = parser.get();
    if (req.body_file.empty()) {
      req.body = std::move(h.body());
    }
    Response res;
    if (match.route != nullptr && match.route->on_io_thread) {
      res = router.Handle(match, req);
    } else if (match.route != nullptr && match.route->later) {
      auto begin = [this, &match, &req](Reply reply) {
        router.HandleLater(match, req, std::move(reply));
      };
      res = co_await Later(options.later_on_io_thread ? nullptr : &pool, begin);
    } else {
      // Made on the worker and handed back whole.
      auto work = [this, &match, &req](const Reply& reply) {
        reply([r = router.Handle(match, req)]() mutable { return std::move(r); });
      };
      auto& workers = match.route != nullptr && match.route->commit_bound ? write_pool : pool;
      res = co_await Later(&workers, work);
    }
    if (!req.body_file.empty()) {
      std::filesystem::remove(req.body_file);
    }
    const bool keep_alive = h.keep_alive() && !stopping;
    const bool head = h.method() == bhttp::verb::head;
    boost::system::error_code wec;
    size_t sent = 0;
    if (!res.body_file.empty()) {
      auto out = FileResponse(res, h.version(), keep_alive, req.request_id);
      sent = out.payload_size().value_or(0);
      stream.expires_after(options.write_timeout);
      if (head) {
        bhttp::response<bhttp::empty_body> bare{out.base()};
        std::tie(wec, std::ignore) = co_await bhttp::async_write(stream, bare, kTuple);
      } else {
        std::tie(wec, std::ignore) = co_await bhttp::async_write(stream, out, kTuple);
      }
      std::filesystem::remove(res.body_file);
    } else {
      auto out = ToBeast(res, std::move(res.body), h.version(), keep_alive, req.request_id);
      if (head) {
        out.body().clear();  // Content-Length still tells what GET would send
      }
      sent = out.body().size();
      stream.expires_after(options.write_timeout);
      std::tie(wec, std::ignore) = co_await bhttp::async_write(stream, out, kTuple);
    }
    Log(req, route_name, res, sent, start);
    if (wec || !keep_alive) {
      break;
    }
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  {
    std::lock_guard lock(conns_mu);
    conns.erase(id);
  }
  conn->stream = nullptr;
}

void Server::Impl::BeginStop() {
  if (stopping.exchange(true)) {
    return;
  }
  spdlog::info("stopping: finishing requests in flight");
  boost::system::error_code ignored;
  acceptor.close(ignored);
  signals.cancel(ignored);
  std::vector<std::shared_ptr<Conn>> all;
  {
    std::lock_guard lock(conns_mu);
    for (auto& [id, c] : conns) {
      all.push_back(c);
    }
  }
  // An idle connection is waiting for a request that should not come now: end it. A busy one
  // finishes its request and then sees `stopping`.
  for (auto& c : all) {
    asio::post(c->strand, [c] {
      if (c->idle && c->stream != nullptr) {
        c->stream->cancel();
      }
    });
  }
  asio::co_spawn(ioc, Drain(), asio::detached);
}

asio::awaitable<void> Server::Impl::Drain() {
  const auto deadline = std::chrono::steady_clock::now() + options.drain_timeout;
  asio::steady_timer timer(ioc);
  for (;;) {
    {
      std::lock_guard lock(conns_mu);
      if (conns.empty()) {
        co_return;
      }
    }
    if (std::chrono::steady_clock::now() > deadline) {
      spdlog::warn("stop: abandoning requests still unfinished after the drain timeout");
      ioc.stop();
      co_return;
    }
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(kTuple);
  }
}

Server::Server(const Router& router, ServerOptions options)
    : impl_(std::make_unique<Impl>(router, std::move(options))) {}

Server::~Server() {
  impl_->pool.join();
  impl_->write_pool.join();
}

unsigned short Server::Listen() {
  auto& im = *impl_;
  tcp::endpoint ep(asio::ip::make_address(im.options.host), im.options.port);
  im.acceptor.open(ep.protocol());
  im.acceptor.set_option(asio::socket_base::reuse_address(true));
  im.acceptor.bind(ep);
  im.acceptor.listen(asio::socket_base::max_listen_connections);
  // From the moment anyone can know the port, a signal means a graceful stop.
  if (im.options.handle_signals) {
    im.signals.add(SIGINT);
    im.signals.add(SIGTERM);
    im.signals.async_wait([&im](const boost::system::error_code& ec, int) {
      if (!ec) {
        im.BeginStop();
      }
    });
  }
  return im.acceptor.local_endpoint().port();
}

void Server::Run() {
  auto& im = *impl_;
  asio::co_spawn(asio::make_strand(im.ioc), im.Accept(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < im.options.io_threads; ++i) {
    threads.emplace_back([&im] {
      pthread_setname_np(pthread_self(), "cordon-io");  // the main thread keeps the process's name
      im.ioc.run();
    });
  }
  im.ioc.run();
  for (auto& t : threads) {
    t.join();
  }
  im.pool.join();
  im.write_pool.join();
}

void Server::Stop() {
  asio::post(impl_->ioc, [this] { impl_->BeginStop(); });
}

}  // namespace cordon::http
