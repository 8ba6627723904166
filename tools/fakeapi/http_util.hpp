// Small HTTP helpers for the fake API server: splitting request targets,
// decoding query strings and form bodies, escaping for XML. All pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scholard::fakeapi {

// One HTTP answer as the route handlers build it, before faults are applied.
struct Reply {
  unsigned status = 200;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Length
  std::string body;

  void set_header(std::string name, std::string value);
  std::string_view header(std::string_view name) const;  // "" when absent (case-insensitive)
};

// Decoded name/value pairs of a query string or form body, in order.
class QueryParams {
 public:
  // "a=1&b=x+y&c=%2F" -> a:1, b:"x y", c:"/". Pieces without '=' get an empty
  // value. Never fails: undecodable escapes are kept literally.
  static QueryParams parse(std::string_view text);

  void append(const QueryParams& other);
  // Gives `name` the one value `value`: its first occurrence is replaced and
  // the others dropped, or it is appended when absent.
  void set(std::string_view name, std::string value);
  // The first value of `name`; nullopt when the parameter is absent.
  std::optional<std::string> get(std::string_view name) const;
  bool has(std::string_view name) const { return get(name).has_value(); }

 private:
  std::vector<std::pair<std::string, std::string>> m_items;
};

struct Target {
  std::string_view path;   // raw (still percent-encoded)
  std::string_view query;  // without the '?'
};
Target split_target(std::string_view target);

// Escapes & < > " ' for XML text and attribute values.
std::string xml_escape(std::string_view text);

// "application/json; charset=utf-8" -> "application/json".
std::string_view media_type(std::string_view content_type);

}  // namespace scholard::fakeapi
