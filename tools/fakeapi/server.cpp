#include "server.hpp"

#include <chrono>
#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "arxiv_route.hpp"
#include "asio_beast.hpp"
#include "control.hpp"
#include "server_state.hpp"
#include "crossref_route.hpp"
#include "fault_replies.hpp"
#include "http_util.hpp"
#include "other_paper.hpp"
#include "semanticscholar_route.hpp"

namespace scholard::fakeapi {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;
using SteadyTime = std::chrono::steady_clock::time_point;

constexpr std::uint32_t k_header_limit = 16 * 1024;
constexpr std::uint64_t k_body_limit = 1024 * 1024;
constexpr auto k_idle_timeout = std::chrono::seconds(120);
constexpr std::chrono::milliseconds k_drip_tick{100};
constexpr long long k_default_delay_ms = 1000;
constexpr long long k_default_drip_rate = 1024;  // bytes per second

auto on_error(beast::error_code& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

std::string_view sv(beast::string_view s) { return {s.data(), s.size()}; }

long long param_or(const Fault& fault, long long fallback) {
  if (fault.param.empty()) return fallback;
  try {
    return std::stoll(fault.param);
  } catch (const std::exception&) {
    return fallback;  // make_fault already checked numeric params
  }
}

// Errors from Beast's HTTP parser mean the client sent something malformed;
// end_of_stream/partial_message just mean it went away.
bool is_parse_error(const beast::error_code& ec) {
  return ec.category() == beast::error_code(http::error::bad_target).category() &&
         ec != http::error::end_of_stream && ec != http::error::partial_message;
}

Response to_response(const Reply& reply, const Request& req) {
  Response res;
  res.result(reply.status);
  res.version(req.version());
  res.set(http::field::server, "scholard-fakeapi");
  for (const auto& [name, value] : reply.headers) res.set(name, value);
  res.keep_alive(req.keep_alive());
  if (req.method() == http::verb::head) {
    res.content_length(reply.body.size());  // HEAD announces the body it does not send
  } else {
    res.body() = reply.body;
    res.prepare_payload();
  }
  return res;
}

void log_line(std::string_view text) {
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
}

// Finishes a request at the referee however the coroutine leaves.
class InFlight {
 public:
  InFlight(Referee& referee, Route route, CrossrefRoute crossref_route)
      : m_referee(referee), m_route(route), m_crossref_route(crossref_route) {}
  ~InFlight() {
    if (m_route == Route::arxiv) m_referee.arxiv_finished();
    else if (m_route == Route::semanticscholar) m_referee.semanticscholar_finished();
    else m_referee.crossref_finished(m_crossref_route);
  }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;

 private:
  Referee& m_referee;
  Route m_route;
  CrossrefRoute m_crossref_route;
};

void reset_connection(beast::tcp_stream& stream) {
  beast::error_code ignored;
  stream.socket().set_option(asio::socket_base::linger(true, 0), ignored);
  stream.socket().close(ignored);
}

asio::awaitable<bool> write_reply(beast::tcp_stream& stream, Response& res) {
  beast::error_code ec;
  co_await http::async_write(stream, res, on_error(ec));
  co_return !ec && res.keep_alive();
}

// Header, then part of the body, then close.
asio::awaitable<bool> write_truncated(beast::tcp_stream& stream, Response& res, const Fault& fault) {
  beast::error_code ec;
  http::response_serializer<http::string_body> serializer{res};
  co_await http::async_write_header(stream, serializer, on_error(ec));
  const std::size_t size = res.body().size();
  const auto asked = static_cast<std::size_t>(param_or(fault, static_cast<long long>(size / 2)));
  const std::size_t send = std::min(asked, size > 0 ? size - 1 : 0);
  if (!ec && send > 0) co_await asio::async_write(stream, asio::buffer(res.body().data(), send), on_error(ec));
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream.socket().close(ec);
  co_return false;
}

// Header, then the body a slice per tick at `rate` bytes per second.
asio::awaitable<bool> write_dripping(beast::tcp_stream& stream, Response& res, const Fault& fault) {
  beast::error_code ec;
  http::response_serializer<http::string_body> serializer{res};
  co_await http::async_write_header(stream, serializer, on_error(ec));
  const auto rate = static_cast<std::size_t>(std::max(1LL, param_or(fault, k_default_drip_rate)));
  const std::size_t slice = std::max<std::size_t>(1, rate * static_cast<std::size_t>(k_drip_tick.count()) / 1000);
  const auto tick = std::chrono::milliseconds(static_cast<long long>(slice * 1000 / rate));
  asio::steady_timer timer(stream.get_executor());
  const std::string& body = res.body();
  for (std::size_t sent = 0; !ec && sent < body.size(); sent += slice) {
    const std::size_t n = std::min(slice, body.size() - sent);
    co_await asio::async_write(stream, asio::buffer(body.data() + sent, n), on_error(ec));
    if (ec || sent + n >= body.size()) break;
    timer.expires_after(tick);
    co_await timer.async_wait(on_error(ec));
  }
  co_return !ec && res.keep_alive();
}

asio::awaitable<bool> deliver(beast::tcp_stream& stream, const Request& req, const Reply& reply,
                              const std::optional<Fault>& fault) {
  if (fault && fault->kind == FaultKind::delay) {
    beast::error_code ec;
    asio::steady_timer timer(stream.get_executor());
    timer.expires_after(std::chrono::milliseconds(param_or(*fault, k_default_delay_ms)));
    co_await timer.async_wait(on_error(ec));
  }
  if (fault && fault->kind == FaultKind::reset) {
    reset_connection(stream);
    co_return false;
  }
  Response res = to_response(reply, req);
  if (fault && fault->kind == FaultKind::truncate) co_return co_await write_truncated(stream, res, *fault);
  if (fault && fault->kind == FaultKind::drip) co_return co_await write_dripping(stream, res, *fault);
  co_return co_await write_reply(stream, res);
}

Reply plain(unsigned status, std::string body) {
  Reply reply;
  reply.status = status;
  reply.set_header("Content-Type", "text/plain");
  reply.body = std::move(body);
  return reply;
}

bool method_allowed(Route route, http::verb method) {
  if (route == Route::semanticscholar) {
    return method == http::verb::get || method == http::verb::head || method == http::verb::post;
  }
  if (route == Route::arxiv) return method == http::verb::get || method == http::verb::post;
  return method == http::verb::get || method == http::verb::head;
}

// Whether an S2 request sent an x-api-key and whether the server refuses it
// (started with --s2-api-key and the header is missing or differs). The key
// itself is never logged or kept.
KeyUse s2_key_use(const std::string& expected, const Request& req) {
  const auto found = req.find("x-api-key");
  KeyUse key;
  key.sent = found != req.end();
  key.rejected = !expected.empty() && (!key.sent || sv(found->value()) != expected);
  return key;
}

std::vector<std::string> start_at_referee(Referee& referee, Route route, SteadyTime started, WallTime wall,
                                          Pool pool, CrossrefRoute crossref_route, std::string_view path,
                                          KeyUse key) {
  if (route == Route::arxiv) return referee.arxiv_started(started, wall);
  if (route == Route::semanticscholar) return referee.semanticscholar_started(started, wall, s2_endpoint(path), key);
  return referee.crossref_started(started, wall, pool, crossref_route);
}

Reply semanticscholar_reply(const Server::State& state, const Request& req, const AskedFor& asked, KeyUse key) {
  if (key.rejected) return s2_forbidden_reply();
  return handle_semanticscholar(state.catalog.semanticscholar(), sv(req.method_string()), asked.path, asked.params,
                                asked.body);
}

// One request on an API route: referee, route handler, faults, delivery.
asio::awaitable<bool> answer_api(Server::State& state, beast::tcp_stream& stream, const Request& req,
                                 Route route, const QueryParams& params, SteadyTime started, WallTime wall) {
  const Pool pool = pool_for(params, sv(req[http::field::user_agent]));
  Referee& referee = state.referee;
  const Target target = split_target(sv(req.target()));
  const CrossrefRoute crossref_route = is_crossref_list_path(target.path) ? CrossrefRoute::list : CrossrefRoute::single;
  const KeyUse key = s2_key_use(state.options.s2_api_key, req);
  const auto violations = start_at_referee(referee, route, started, wall, pool, crossref_route, target.path, key);
  for (const auto& violation : violations) log_line("VIOLATION " + violation);
  const InFlight in_flight(referee, route, crossref_route);
  const FeedFormat format = state.options.arxiv_format;
  const std::optional<Fault> fault = state.faults.take(route, params.get("id_list").value_or(""));
  AskedFor asked{std::string(target.path), params, req.body()};
  if (fault && fault->kind == FaultKind::other_paper) {
    asked = ask_for_other_paper(state.catalog, route, std::move(asked), fault->param);
  }
  Reply reply = route == Route::arxiv             ? handle_arxiv_query(state.catalog, asked.params, format, wall)
                : route == Route::semanticscholar ? semanticscholar_reply(state, req, asked, key)
                                                  : handle_crossref(state.catalog, asked.path, asked.params);
  if (fault && replaces_reply(fault->kind)) reply = fault_reply(*fault, reply, format, wall);
  if (route == Route::crossref) {
    add_crossref_headers(reply, pool, referee.limits(pool, crossref_route), crossref_route);
  }
  log_line(fmt::format("{} {} {} -> {}{}", format_wall_time(wall), sv(req.method_string()), sv(req.target()),
                       fault && fault->kind == FaultKind::reset ? std::string("reset") : std::to_string(reply.status),
                       fault ? fmt::format(" (fault {}{}{})", to_string(fault->kind), fault->param.empty() ? "" : ":",
                                           fault->param)
                             : std::string()));
  co_return co_await deliver(stream, req, reply, fault);
}

asio::awaitable<bool> answer(Server::State& state, beast::tcp_stream& stream, const Request& req,
                             SteadyTime started, WallTime wall) {
  const Target target = split_target(sv(req.target()));
  QueryParams params = QueryParams::parse(target.query);
  std::optional<Route> route;
  if (target.path == "/api/query") route = Route::arxiv;
  else if (is_crossref_path(target.path)) route = Route::crossref;
  else if (is_semanticscholar_path(target.path)) route = Route::semanticscholar;
  // arXiv takes a form body; S2's batch body is JSON, read by its handler.
  if (req.method() == http::verb::post && !req.body().empty() && route != Route::semanticscholar) {
    params.append(QueryParams::parse(req.body()));
  }

  if (route && method_allowed(*route, req.method())) {
    co_return co_await answer_api(state, stream, req, *route, params, started, wall);
  }
  Reply reply = route ? plain(405, "Method not allowed\n")
                : target.path.starts_with("/_control/")
                    ? control_reply(state, sv(req.method_string()), target.path, params)
                    : plain(404, "Not found\n");
  log_line(fmt::format("{} {} {} -> {}", format_wall_time(wall), sv(req.method_string()), sv(req.target()),
                       reply.status));
  co_return co_await deliver(stream, req, reply, std::nullopt);
}

asio::awaitable<void> send_bad_request(beast::tcp_stream& stream, const std::string& reason) {
  Response res{http::status::bad_request, 11};
  res.set(http::field::server, "scholard-fakeapi");
  res.set(http::field::content_type, "text/plain");
  res.body() = "Bad Request: " + reason + "\n";
  res.keep_alive(false);
  res.prepare_payload();
  log_line("- malformed request -> 400 (" + reason + ")");
  beast::error_code ec;
  stream.expires_after(std::chrono::seconds(5));
  co_await http::async_write(stream, res, on_error(ec));
}

asio::awaitable<void> serve_connection(std::shared_ptr<Server::State> state, tcp::socket socket) {
  beast::tcp_stream stream(std::move(socket));
  beast::flat_buffer buffer;
  for (bool keep_going = true; keep_going;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(k_header_limit);
    parser.body_limit(k_body_limit);
    beast::error_code ec;
    stream.expires_after(k_idle_timeout);
    co_await http::async_read_header(stream, buffer, parser, on_error(ec));
    const SteadyTime started = std::chrono::steady_clock::now();
    const WallTime wall = std::chrono::system_clock::now();
    if (!ec) co_await http::async_read(stream, buffer, parser, on_error(ec));
    if (ec) {
      if (is_parse_error(ec)) co_await send_bad_request(stream, ec.message());
      break;
    }
    stream.expires_never();
    const Request req = parser.release();
    keep_going = co_await answer(*state, stream, req, started, wall);
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
}

void report_exception(std::exception_ptr error) {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    log_line(std::string("connection ended by an exception: ") + e.what());
  }
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, std::shared_ptr<Server::State> state) {
  for (;;) {
    beast::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(on_error(ec));
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
    if (ec) continue;
    asio::co_spawn(acceptor.get_executor(), serve_connection(state, std::move(socket)), report_exception);
  }
}

}  // namespace

Server::Server(asio::io_context& io, ServerOptions options, Catalog catalog)
    : m_io(io), m_acceptor(io), m_state(std::make_shared<State>(std::move(options), std::move(catalog))) {}

core::Result<unsigned short> Server::listen() {
  beast::error_code ec;
  const auto address = asio::ip::make_address(m_state->options.host, ec);
  if (ec) return core::fail(core::ErrorCode::invalid_input, "bad host: " + ec.message());
  const tcp::endpoint endpoint(address, m_state->options.port);
  m_acceptor.open(endpoint.protocol(), ec);
  if (!ec) m_acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) m_acceptor.bind(endpoint, ec);
  if (!ec) m_acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return core::fail(core::ErrorCode::io, "cannot listen on " + m_state->options.host + ": " + ec.message());
  return m_acceptor.local_endpoint().port();
}

void Server::start() {
  for (const Fault& fault : m_state->options.faults) m_state->faults.add(fault);
  asio::co_spawn(m_io, accept_loop(m_acceptor, m_state), report_exception);
}

void Server::stop() {
  beast::error_code ignored;
  m_acceptor.close(ignored);
}

}  // namespace scholard::fakeapi
