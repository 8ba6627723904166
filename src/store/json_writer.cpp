#include "store/json_writer.hpp"

#include <cstdio>

#include "core/text.hpp"

namespace scholard::store {

std::string json_quote(std::string_view s) {
  bool valid = core::is_valid_utf8(s);
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
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
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(u));
          out += buf;
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

void JsonWriter::before_value() {
  if (m_after_key) {
    m_after_key = false;
    return;
  }
  if (!m_has_items.empty()) {
    if (m_has_items.back()) m_out.push_back(',');
    m_has_items.back() = true;
  }
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  m_out.push_back('{');
  m_has_items.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  m_out.push_back('}');
  m_has_items.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  m_out.push_back('[');
  m_has_items.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  m_out.push_back(']');
  m_has_items.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  before_value();
  m_out += json_quote(k);
  m_out.push_back(':');
  m_after_key = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view v) {
  before_value();
  m_out += json_quote(v);
  return *this;
}

JsonWriter& JsonWriter::string_or_null(std::string_view v) { return v.empty() ? null() : string(v); }

JsonWriter& JsonWriter::number(std::int64_t v) {
  before_value();
  m_out += std::to_string(v);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool v) {
  before_value();
  m_out += v ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  m_out += "null";
  return *this;
}

}  // namespace scholard::store
