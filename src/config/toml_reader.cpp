#include "config/toml_reader.hpp"

#include <algorithm>

namespace scholard::config {
namespace {

// More keys than any table's reader asks for (a [[paper]] asks for 19), so
// node() never reallocates.
constexpr std::size_t k_known_capacity = 24;
// Tables of at most this many keys are searched in order (see node()).
constexpr std::size_t k_scan_max = 4;

std::string quoted_excerpt(std::string_view s) {
  constexpr std::size_t k_max = 40;
  if (s.size() <= k_max) return "\"" + std::string(s) + "\"";
  return "\"" + std::string(s.substr(0, k_max)) + "...\"";
}

}  // namespace

std::string describe_found(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string (" + quoted_excerpt(node.as_string()->get()) + ")";
    case toml::node_type::integer: return "an integer (" + std::to_string(node.as_integer()->get()) + ")";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return node.as_boolean()->get() ? "a boolean (true)" : "a boolean (false)";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

TableReader::TableReader(const toml::table& table, std::string path, Problems& problems)
    : m_table(table), m_path(std::move(path)), m_problems(problems) {
  m_known.reserve(k_known_capacity);
}

std::string TableReader::path(std::string_view key) const {
  if (key.empty()) return m_path;
  return m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
}

std::int64_t TableReader::line(std::string_view key) const {
  auto it = m_table.find(key);
  if (it == m_table.end()) return line();
  const std::int64_t key_line = it->first.source().begin.line;
  return key_line > 0 ? key_line : it->second.source().begin.line;
}

void TableReader::problem(std::string_view key, std::string_view message) {
  m_problems.add(line(key), path(key), message);
}

const toml::node* TableReader::node(std::string_view key) {
  m_known.emplace_back(key);
  // A [[paper]] holds one or two of the ~20 keys its reader asks for: a scan
  // that compares lengths first beats the map's ordered string compares.
  if (m_table.size() <= k_scan_max) {
    for (auto&& [k, value] : m_table) {
      if (k.str() == key) return &value;
    }
    return nullptr;
  }
  return m_table.get(key);
}

void TableReader::wrong_type(std::string_view key, const toml::node& found, std::string_view expected) {
  problem(key, "expected " + std::string(expected) + ", found " + describe_found(found));
}

std::optional<std::string> TableReader::string(std::string_view key, std::string_view example) {
  const toml::node* n = node(key);
  if (n == nullptr) return std::nullopt;
  if (const auto* s = n->as_string()) return s->get();
  wrong_type(key, *n, "a string such as " + std::string(example));
  return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, std::string_view example) {
  const toml::node* n = node(key);
  if (n == nullptr) return std::nullopt;
  if (const auto* i = n->as_integer()) return i->get();
  wrong_type(key, *n, "an integer such as " + std::string(example));
  return std::nullopt;
}

std::optional<bool> TableReader::boolean(std::string_view key) {
  const toml::node* n = node(key);
  if (n == nullptr) return std::nullopt;
  if (const auto* b = n->as_boolean()) return b->get();
  wrong_type(key, *n, "true or false (no quotes)");
  return std::nullopt;
}

std::optional<Duration> TableReader::duration(std::string_view key, std::string_view example) {
  const toml::node* n = node(key);
  if (n == nullptr) return std::nullopt;
  const auto* s = n->as_string();
  if (s == nullptr) {
    wrong_type(key, *n, "a string such as " + std::string(example) + " (durations are quoted and carry a unit)");
    return std::nullopt;
  }
  auto parsed = parse_duration(s->get());
  if (!parsed) {
    problem(key, parsed.error().message);
    return std::nullopt;
  }
  return *parsed;
}

std::optional<std::string> TableReader::text_or_integer(std::string_view key, std::string_view example) {
  const toml::node* n = node(key);
  if (n == nullptr) return std::nullopt;
  if (const auto* s = n->as_string()) return s->get();
  if (const auto* i = n->as_integer()) return std::to_string(i->get());
  wrong_type(key, *n, "a string or an integer such as " + std::string(example));
  return std::nullopt;
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key, std::string_view example) {
  const toml::node* n = node(key);
  if (n == nullptr) return std::nullopt;
  const auto* arr = n->as_array();
  if (arr == nullptr) {
    wrong_type(key, *n, "an array of strings such as " + std::string(example));
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const toml::node& element = *arr->get(i);
    if (const auto* s = element.as_string()) {
      out.push_back(s->get());
      continue;
    }
    ok = false;
    m_problems.add(element.source().begin.line, path(key) + "[" + std::to_string(i + 1) + "]",
                   "expected a string, found " + describe_found(element));
  }
  if (!ok) return std::nullopt;
  return out;
}

const toml::table* TableReader::table(std::string_view key) {
  const toml::node* n = node(key);
  if (n == nullptr) return nullptr;
  if (const auto* t = n->as_table()) return t;
  wrong_type(key, *n, "a table written [" + path(key) + "]");
  return nullptr;
}

const toml::array* TableReader::tables(std::string_view key, std::string_view header) {
  const toml::node* n = node(key);
  if (n == nullptr) return nullptr;
  const auto* arr = n->as_array();
  if (arr != nullptr && (arr->empty() || arr->is_array_of_tables())) return arr;
  std::string found = describe_found(*n);
  if (n->is_table()) {
    found += " (written [" + std::string(key) + "] with single brackets)";
  } else if (arr != nullptr) {
    found = "an array of other values";
  }
  problem(key, "expected tables, each written " + std::string(header) + ", found " + found);
  return nullptr;
}

void TableReader::finish() {
  for (auto&& [key, value] : m_table) {
    if (std::find(m_known.begin(), m_known.end(), std::string_view(key.str())) != m_known.end()) continue;
    std::string message = "unknown key";
    if (auto suggestion = closest_key(key.str(), m_known)) message += "; did you mean `" + *suggestion + "`?";
    const std::int64_t key_line = key.source().begin.line;
    m_problems.add(key_line > 0 ? key_line : value.source().begin.line, path(key.str()), message);
  }
}

}  // namespace scholard::config
