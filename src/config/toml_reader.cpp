#include "config/toml_reader.hpp"

#include <algorithm>

#include "core/text.hpp"

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

// "profile" out of "[profile]", "paper" out of "[[paper]]  # comment".
std::string_view header_path(std::string_view header) {
  header.remove_prefix(std::min(header.find_first_not_of('['), header.size()));
  return core::trim(header.substr(0, header.find(']')));
}

// The line that first defined what line `line` (1-based) of `text` defines
// again: a [table] header, or a key in the table the line sits in. Found by
// parsing the text above the line, which toml++ accepted up to there.
// nullopt when that text does not parse on its own (a multi-line value cut
// in two) or the path is one at_path cannot follow (quoted keys).
std::optional<std::int64_t> first_definition(std::string_view text, const std::vector<std::string_view>& lines,
                                             std::int64_t line) {
  if (line < 1 || static_cast<std::size_t>(line) > lines.size()) return std::nullopt;
  std::size_t prefix_size = 0;
  for (std::int64_t i = 0; i + 1 < line; ++i) prefix_size += lines[static_cast<std::size_t>(i)].size() + 1;
  toml::table above;
  try {
    above = toml::parse(text.substr(0, std::min(prefix_size, text.size())));
  } catch (const toml::parse_error&) {
    return std::nullopt;
  }
  const std::string_view here = core::trim(lines[static_cast<std::size_t>(line - 1)]);
  toml::node* found = nullptr;
  if (!here.empty() && here.front() == '[') {
    found = above.at_path(header_path(here)).node();
  } else {
    std::string_view table_path;
    for (std::int64_t i = line - 2; i >= 0; --i) {
      const std::string_view l = core::trim(lines[static_cast<std::size_t>(i)]);
      if (!l.empty() && l.front() == '[') {
        table_path = header_path(l);
        break;
      }
    }
    toml::node* table = table_path.empty() ? &above : above.at_path(table_path).node();
    if (table != nullptr && table->is_array() && !table->as_array()->empty()) table = table->as_array()->back().as_table();
    if (table == nullptr || !table->is_table()) return std::nullopt;
    found = table->as_table()->at_path(core::trim(here.substr(0, here.find('=')))).node();
  }
  if (found == nullptr || found->source().begin.line == 0) return std::nullopt;
  return static_cast<std::int64_t>(found->source().begin.line);
}

}  // namespace

std::string explain_syntax_error(std::string_view text, std::int64_t line, std::int64_t column,
                                 std::string_view description) {
  const auto lines = core::split(text, '\n');
  const bool known_line = line >= 1 && static_cast<std::size_t>(line) <= lines.size();
  const std::string_view here = known_line ? lines[static_cast<std::size_t>(line - 1)] : std::string_view();
  const bool in_string = description.find("while parsing string") != std::string_view::npos ||
                         description.find("while parsing literal string") != std::string_view::npos;
  const bool at_eof = description.find("end-of-file") != std::string_view::npos;
  const auto at = static_cast<std::size_t>(std::max<std::int64_t>(column - 1, 0));
  // toml++ stops at the line end ("unescaped control characters") or at the
  // end of the file: either way the string was never closed.
  if (in_string && known_line && (at_eof || at >= here.size() || here[at] == '\r')) {
    if (at_eof) return "missing closing quote: the string runs to the end of the file";
    return "missing closing quote: the string runs to the end of the line (a string on several lines is written "
           "between triple quotes)";
  }
  if (description.find("cannot redefine existing") != std::string_view::npos && known_line) {
    const std::string_view written = core::trim(here);
    const bool is_table = !written.empty() && written.front() == '[';
    std::string message = is_table ? "table [" + std::string(header_path(written)) + "]"
                                   : "key `" + std::string(core::trim(written.substr(0, written.find('=')))) + "`";
    message += " is defined twice";
    if (auto first = first_definition(text, lines, line)) message += "; first defined at line " + std::to_string(*first);
    return message;
  }
  return std::string(description);
}

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
