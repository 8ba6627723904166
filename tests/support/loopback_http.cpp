#include "support/loopback_http.hpp"

#include <utility>

// awaitable.hpp-free, but keep the same guard as the server: GCC 12 reports a
// false -Wnull-dereference inside Asio's inlined scheduler code.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#pragma GCC diagnostic pop

namespace scholard::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::uint64_t k_body_limit = 64ull * 1024 * 1024;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

}  // namespace

std::string HttpExchange::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return {};
}

struct LoopbackClient::Impl {
  unsigned short port;
  std::chrono::milliseconds timeout;
  asio::io_context io;
  std::optional<beast::tcp_stream> stream;
  beast::flat_buffer buffer;
  int connections = 0;

  void run() {
    io.restart();
    io.run();
  }

  void drop() {
    if (stream) {
      beast::error_code ignored;
      stream->socket().shutdown(tcp::socket::shutdown_both, ignored);
      stream->close();
      stream.reset();
    }
    buffer.clear();
  }

  beast::error_code connect() {
    beast::error_code ec;
    stream.emplace(io);
    stream->expires_after(timeout);
    stream->async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                          [&ec](beast::error_code result) { ec = result; });
    run();
    if (ec) drop();
    else ++connections;
    return ec;
  }
};

LoopbackClient::LoopbackClient(unsigned short port, std::chrono::milliseconds timeout)
    : m_impl(std::make_unique<Impl>()) {
  m_impl->port = port;
  m_impl->timeout = timeout;
}

LoopbackClient::~LoopbackClient() { close(); }

void LoopbackClient::close() { m_impl->drop(); }

int LoopbackClient::connections_opened() const { return m_impl->connections; }

HttpExchange LoopbackClient::request(const HttpRequestSpec& spec) {
  Impl& s = *m_impl;
  HttpExchange ex;
  beast::error_code ec;
  if (!s.stream) ec = s.connect();
  if (ec) {
    ex.error = "connect: " + ec.message();
    return ex;
  }
  ex.connected = true;
  const auto start = Clock::now();
  http::request<http::string_body> req{http::string_to_verb(spec.method), spec.target, 11};
  req.set(http::field::host, "127.0.0.1:" + std::to_string(s.port));
  for (const auto& [name, value] : spec.headers) req.set(name, value);
  req.body() = spec.body;
  if (!spec.body.empty() || spec.method == "POST") req.prepare_payload();

  s.stream->expires_after(s.timeout);
  http::async_write(*s.stream, req, [&ec](beast::error_code result, std::size_t) { ec = result; });
  s.run();
  http::response_parser<http::string_body> parser;
  parser.body_limit(k_body_limit);
  if (spec.method == "HEAD") parser.skip(true);
  if (!ec) {
    s.stream->expires_after(s.timeout);
    http::async_read_header(*s.stream, s.buffer, parser, [&ec](beast::error_code result, std::size_t) { ec = result; });
    s.run();
  }
  if (!ec) {
    ex.header_received = true;
    ex.time_to_header = since(start);
    const auto& head = parser.get();
    ex.status = head.result_int();
    for (const auto& field : head) {
      ex.headers.emplace_back(lower(std::string_view(field.name_string().data(), field.name_string().size())),
                              std::string(field.value().data(), field.value().size()));
    }
    if (const auto length = parser.content_length()) ex.content_length = *length;
    if (!spec.header_only) {
      s.stream->expires_after(s.timeout);
      http::async_read(*s.stream, s.buffer, parser, [&ec](beast::error_code result, std::size_t) { ec = result; });
      s.run();
    }
  }
  ex.body = parser.get().body();
  ex.elapsed = since(start);
  ex.complete = !ec && !spec.header_only && parser.is_done();
  if (ec) ex.error = ec.message();
  if (ec || spec.header_only || !parser.is_done() || !parser.get().keep_alive()) s.drop();
  return ex;
}

HttpExchange LoopbackClient::get(std::string target, HeaderList headers) {
  return request({"GET", std::move(target), std::move(headers), {}, false});
}

HttpExchange LoopbackClient::head(std::string target, HeaderList headers) {
  return request({"HEAD", std::move(target), std::move(headers), {}, false});
}

HttpExchange LoopbackClient::post(std::string target, std::string body, HeaderList headers) {
  return request({"POST", std::move(target), std::move(headers), std::move(body), false});
}

std::string LoopbackClient::raw_exchange(std::string_view bytes) {
  Impl& s = *m_impl;
  s.drop();
  if (s.connect()) return {};
  beast::error_code ec;
  s.stream->expires_after(s.timeout);
  asio::async_write(*s.stream, asio::buffer(bytes.data(), bytes.size()),
                    [&ec](beast::error_code result, std::size_t) { ec = result; });
  s.run();
  std::string received;
  if (!ec) {
    s.stream->expires_after(s.timeout);
    asio::async_read(*s.stream, asio::dynamic_buffer(received),
                     [&ec](beast::error_code result, std::size_t) { ec = result; });
    s.run();
  }
  s.drop();
  return received;
}

}  // namespace scholard::testing
