#include "store/json_writer.hpp"

#include "core/json.hpp"

namespace scholard::store {

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
  m_out += core::json_quote(k);
  m_out.push_back(':');
  m_after_key = true;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view v) {
  before_value();
  m_out += core::json_quote(v);
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
