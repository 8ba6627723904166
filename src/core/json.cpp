#include "core/json.hpp"

#include "core/text.hpp"

namespace scholard::core {

std::string json_quote(std::string_view s) {
  static constexpr char k_hex[] = "0123456789abcdef";
  const bool valid = is_valid_utf8(s);
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out.push_back(k_hex[u >> 4]);
          out.push_back(k_hex[u & 0xF]);
        } else if (u >= 0x80 && !valid) {
          out += "\xef\xbf\xbd";  // U+FFFD: never emit invalid UTF-8
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace scholard::core
