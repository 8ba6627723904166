// A small streaming JSON writer for the store's reports (`list --json` ...).
// Output only: compact, keys in the order written, strings escaped per
// RFC 8259. Invalid UTF-8 bytes become U+FFFD so the output always parses.
// Misuse (a value where a key is due) is not detected: callers are ours.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scholard::store {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& string(std::string_view v);
  // The house rule of our JSON: an absent text is null, never "".
  JsonWriter& string_or_null(std::string_view v);
  JsonWriter& number(std::int64_t v);
  JsonWriter& boolean(bool v);
  JsonWriter& null();

  // Shorthands for key(k) followed by the value.
  JsonWriter& field(std::string_view k, std::string_view v) { return key(k).string_or_null(v); }
  JsonWriter& field(std::string_view k, const char* v) { return key(k).string_or_null(v); }
  JsonWriter& field(std::string_view k, std::int64_t v) { return key(k).number(v); }
  JsonWriter& field(std::string_view k, int v) { return key(k).number(v); }
  JsonWriter& field(std::string_view k, bool v) { return key(k).boolean(v); }

  const std::string& str() const { return m_out; }

 private:
  void before_value();
  std::string m_out;
  std::vector<bool> m_has_items;  // per open container
  bool m_after_key = false;
};

}  // namespace scholard::store
