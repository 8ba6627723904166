#include "options.hpp"

#include <charconv>
#include <cmath>

#include <boost/asio/ip/address.hpp>  // make_address only: not the reactor, nor Beast
#include <fmt/format.h>

#include "core/text.hpp"

namespace scholard::fakeapi {

core::Result<std::chrono::milliseconds> parse_duration(std::string_view text) {
  const std::string_view trimmed = core::trim(text);
  std::size_t unit_at = 0;
  while (unit_at < trimmed.size() &&
         ((trimmed[unit_at] >= '0' && trimmed[unit_at] <= '9') || trimmed[unit_at] == '.')) {
    ++unit_at;
  }
  const std::string number(trimmed.substr(0, unit_at));
  const std::string_view unit = trimmed.substr(unit_at);
  double factor = 0;
  if (unit == "ms") factor = 1;
  else if (unit == "s" || unit.empty()) factor = 1000;
  else if (unit == "m") factor = 60'000;
  char* end = nullptr;
  const double value = number.empty() ? -1 : std::strtod(number.c_str(), &end);
  if (factor == 0 || value < 0 || end != number.c_str() + number.size() || !std::isfinite(value) ||
      value * factor > 86'400'000.0) {
    return core::fail(core::ErrorCode::invalid_input,
                      "bad duration '" + std::string(text) + "' (expected e.g. 3s, 500ms, 1.5s)");
  }
  return std::chrono::milliseconds(std::llround(value * factor));
}

namespace {

struct RawOptions {
  std::string fixtures;
  std::string host = "127.0.0.1";
  std::string port = "0";
  std::string arxiv_format = "current";
  std::string arxiv_interval = "3s";
  std::string crossref_limit = "10";
  std::string crossref_interval = "1s";
  std::string crossref_concurrency = "3";
  std::string crossref_public_limit = "5";
  std::string crossref_public_concurrency = "1";
  std::string crossref_list_limit = "3";
  std::string crossref_list_concurrency = "1";
  std::string crossref_public_list_limit = "1";
  std::vector<std::string> faults;
  std::string s2_interval = "1s";
  std::string s2_api_key;
};

constexpr std::string_view k_usage =
    "Usage: scholard-fakeapi --fixtures DIR [options]\n"
    "A fake arXiv + Crossref + Semantic Scholar API server for tests (loopback only). See docs/fakeapi.md.\n"
    "  --fixtures DIR                 arxiv/, arxiv-legacy/, arxiv-search/, crossref/, semanticscholar/ (required)\n"
    "  --port N                       TCP port, 0 picks a free one (default 0)\n"
    "  --host ADDR                    loopback address (default 127.0.0.1)\n"
    "  --arxiv-format current|legacy  feed format (default current)\n"
    "  --arxiv-interval DUR           minimum gap between arXiv requests (default 3s)\n"
    "  --crossref-limit N             polite x-rate-limit-limit (default 10)\n"
    "  --crossref-interval DUR        x-rate-limit-interval (default 1s)\n"
    "  --crossref-concurrency N       polite x-concurrency-limit (default 3)\n"
    "  --crossref-public-limit N      public x-rate-limit-limit (default 5)\n"
    "  --crossref-public-concurrency N  public x-concurrency-limit (default 1)\n"
    "  --crossref-list-limit N        polite list-route x-rate-limit-limit (default 3)\n"
    "  --crossref-list-concurrency N  list-route x-concurrency-limit, both pools (default 1)\n"
    "  --crossref-public-list-limit N public list-route x-rate-limit-limit (default 1)\n"
    "  --fault ROUTE:KIND[:PARAM][xCOUNT]  queue a fault (repeatable)\n"
    "  --s2-interval DUR              minimum gap between Semantic Scholar requests (default 1s)\n"
    "  --s2-api-key KEY               answer 403 to S2 requests without this x-api-key\n";

// The string slot an option writes to; nullptr for unknown names.
std::string* slot_for(RawOptions& raw, std::string_view name) {
  if (name == "--fixtures") return &raw.fixtures;
  if (name == "--host") return &raw.host;
  if (name == "--port") return &raw.port;
  if (name == "--arxiv-format") return &raw.arxiv_format;
  if (name == "--arxiv-interval") return &raw.arxiv_interval;
  if (name == "--crossref-limit") return &raw.crossref_limit;
  if (name == "--crossref-interval") return &raw.crossref_interval;
  if (name == "--crossref-concurrency") return &raw.crossref_concurrency;
  if (name == "--crossref-public-limit") return &raw.crossref_public_limit;
  if (name == "--crossref-public-concurrency") return &raw.crossref_public_concurrency;
  if (name == "--crossref-list-limit") return &raw.crossref_list_limit;
  if (name == "--crossref-list-concurrency") return &raw.crossref_list_concurrency;
  if (name == "--crossref-public-list-limit") return &raw.crossref_public_list_limit;
  if (name == "--fault") return &raw.faults.emplace_back();
  if (name == "--s2-interval") return &raw.s2_interval;
  if (name == "--s2-api-key") return &raw.s2_api_key;
  return nullptr;
}

// "--name value" and "--name=value". On error: invalid_input.
core::Result<RawOptions> read_arguments(const std::vector<std::string_view>& args) {
  RawOptions raw;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view name = args[i];
    std::optional<std::string_view> value;
    if (const auto eq = name.find('='); name.starts_with("--") && eq != std::string_view::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    std::string* slot = slot_for(raw, name);
    if (slot == nullptr) return core::fail(core::ErrorCode::invalid_input, "unknown argument '" + std::string(name) + "'");
    if (!value) {
      if (i + 1 >= args.size()) return core::fail(core::ErrorCode::invalid_input, std::string(name) + " needs a value");
      value = args[++i];
    }
    *slot = std::string(*value);
  }
  if (raw.fixtures.empty()) return core::fail(core::ErrorCode::invalid_input, "--fixtures DIR is required");
  return raw;
}

core::Result<int> read_int(std::string_view name, const std::string& text, int low, int high) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() || value < low || value > high) {
    return core::fail(core::ErrorCode::invalid_input,
                      fmt::format("{} must be an integer in [{}, {}], got '{}'", name, low, high, text));
  }
  return value;
}

core::Result<ServerOptions> convert(const RawOptions& raw) {
  ServerOptions options;
  options.fixtures = raw.fixtures;
  options.host = raw.host;
  auto port = read_int("--port", raw.port, 0, 65535);
  if (!port) return tl::unexpected(port.error());
  options.port = static_cast<unsigned short>(*port);
  if (raw.arxiv_format != "current" && raw.arxiv_format != "legacy") {
    return core::fail(core::ErrorCode::invalid_input, "--arxiv-format must be current or legacy");
  }
  options.arxiv_format = raw.arxiv_format == "legacy" ? FeedFormat::legacy : FeedFormat::current;
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(raw.host, ec);
  if (ec || !address.is_loopback()) {
    return core::fail(core::ErrorCode::invalid_input, "--host must be a loopback address, got '" + raw.host + "'");
  }
  auto arxiv_interval = parse_duration(raw.arxiv_interval);
  if (!arxiv_interval) return tl::unexpected(arxiv_interval.error());
  auto crossref_interval = parse_duration(raw.crossref_interval);
  if (!crossref_interval) return tl::unexpected(crossref_interval.error());
  if (crossref_interval->count() < 1) {
    return core::fail(core::ErrorCode::invalid_input, "--crossref-interval must be at least 1ms");
  }
  options.rules.arxiv_interval = *arxiv_interval;
  auto s2_interval = parse_duration(raw.s2_interval);
  if (!s2_interval) return tl::unexpected(s2_interval.error());
  options.rules.s2_interval = *s2_interval;
  options.s2_api_key = raw.s2_api_key;
  constexpr int k_most = 100'000;
  auto limit = read_int("--crossref-limit", raw.crossref_limit, 1, k_most);
  auto concurrency = read_int("--crossref-concurrency", raw.crossref_concurrency, 1, k_most);
  auto public_limit = read_int("--crossref-public-limit", raw.crossref_public_limit, 1, k_most);
  auto public_concurrency = read_int("--crossref-public-concurrency", raw.crossref_public_concurrency, 1, k_most);
  auto list_limit = read_int("--crossref-list-limit", raw.crossref_list_limit, 1, k_most);
  auto list_concurrency = read_int("--crossref-list-concurrency", raw.crossref_list_concurrency, 1, k_most);
  auto public_list_limit = read_int("--crossref-public-list-limit", raw.crossref_public_list_limit, 1, k_most);
  for (const auto* number : {&limit, &concurrency, &public_limit, &public_concurrency, &list_limit,
                             &list_concurrency, &public_list_limit}) {
    if (!*number) return tl::unexpected(number->error());
  }
  options.rules.polite = PoolLimits{*limit, *crossref_interval, *concurrency};
  options.rules.public_pool = PoolLimits{*public_limit, *crossref_interval, *public_concurrency};
  options.rules.polite_list = PoolLimits{*list_limit, *crossref_interval, *list_concurrency};
  options.rules.public_list = PoolLimits{*public_list_limit, *crossref_interval, *list_concurrency};
  for (const auto& spec : raw.faults) {
    auto fault = parse_fault_spec(spec);
    if (!fault) return core::fail(core::ErrorCode::invalid_input, "--fault: " + fault.error().message);
    options.faults.push_back(*fault);
  }
  return options;
}

}  // namespace

ParsedCommandLine parse_command_line(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string_view> args;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      out << k_usage;
      return {std::nullopt, 0};
    }
    args.push_back(arg);
  }
  auto raw = read_arguments(args);
  core::Result<ServerOptions> options = raw ? convert(*raw) : core::Result<ServerOptions>(tl::unexpected(raw.error()));
  if (!options) {
    err << "scholard-fakeapi: " << options.error().message << "\n" << k_usage;
    return {std::nullopt, 2};
  }
  return {std::move(*options), 0};
}

}  // namespace scholard::fakeapi
