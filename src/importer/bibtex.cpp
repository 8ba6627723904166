#include "importer/bibtex.hpp"

#include <cctype>
#include <map>

#include "core/text.hpp"

namespace scholard::importer {
namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == ':' || c == '.' || c == '+' ||
         c == '/' || c == '\'' || static_cast<unsigned char>(c) >= 0x80;
}

class Reader {
 public:
  Reader(std::string_view text, std::string_view name) : m_text(text), m_name(name) {
    static constexpr const char* k_months[] = {"January", "February", "March",     "April",   "May",      "June",
                                               "July",    "August",   "September", "October", "November", "December"};
    static constexpr const char* k_abbrev[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                               "jul", "aug", "sep", "oct", "nov", "dec"};
    for (std::size_t i = 0; i < 12; ++i) m_macros[k_abbrev[i]] = k_months[i];
  }

  core::Result<std::vector<BibEntry>> read_all() {
    std::vector<BibEntry> entries;
    while (skip_to_at()) {
      const int at_line = m_line;
      ++m_pos;  // '@'
      std::string type = core::ascii_lower(read_name());
      skip_space();
      if (type.empty() || at_end() || (peek() != '{' && peek() != '(')) continue;  // stray '@' in free text
      const char close = peek() == '{' ? '}' : ')';
      ++m_pos;
      m_context = "@" + type + " at line " + std::to_string(at_line);
      core::Result<void> ok;
      if (type == "comment") {
        ok = skip_comment(close, at_line);
      } else if (type == "preamble") {
        ok = read_preamble(close);
      } else if (type == "string") {
        ok = read_string_macro(close);
      } else {
        BibEntry e{type, "", at_line, {}};
        ok = read_entry(e, close);
        if (ok) entries.push_back(std::move(e));
      }
      if (!ok) return tl::unexpected(ok.error());
    }
    return entries;
  }

 private:
  bool at_end() const { return m_pos >= m_text.size(); }
  char peek() const { return m_text[m_pos]; }
  void advance() {
    if (m_text[m_pos] == '\n') ++m_line;
    ++m_pos;
  }
  void skip_space() {
    while (!at_end() && std::isspace(static_cast<unsigned char>(peek())) != 0) advance();
  }
  // True when a line starting at m_pos begins a new entry ("@article{").
  bool new_entry_here() const {
    std::size_t i = m_pos;
    while (i < m_text.size() && (m_text[i] == ' ' || m_text[i] == '\t')) ++i;
    if (i >= m_text.size() || m_text[i] != '@') return false;
    ++i;
    std::size_t n = i;
    while (n < m_text.size() && std::isalpha(static_cast<unsigned char>(m_text[n])) != 0) ++n;
    while (n < m_text.size() && (m_text[n] == ' ' || m_text[n] == '\t')) ++n;
    return n > i && n < m_text.size() && (m_text[n] == '{' || m_text[n] == '(');
  }

  core::Result<void> error(int line, const std::string& what) const {
    return core::fail(core::ErrorCode::invalid_input,
                      std::string(m_name) + ":" + std::to_string(line) + ": " + what + " (in " + m_context + ")");
  }

  // Moves to the next '@' outside `%` comment lines; false at the end.
  bool skip_to_at() {
    bool line_start = true;
    while (!at_end()) {
      const char c = peek();
      if (line_start && c == '%') {
        while (!at_end() && peek() != '\n') advance();
        continue;
      }
      if (c == '@') return true;
      line_start = c == '\n' || (line_start && (c == ' ' || c == '\t'));
      advance();
    }
    return false;
  }

  std::string read_name() {
    const std::size_t start = m_pos;
    while (!at_end() && is_name_char(peek())) advance();
    return std::string(m_text.substr(start, m_pos - start));
  }

  // The content of a `{…}` group or a `"…"` string whose opener is at m_pos;
  // nested braces are kept, a `"` inside braces does not end a string, and
  // backslash escapes are copied as they are.
  core::Result<std::string> read_delimited(const std::string& what) {
    const bool braced = peek() == '{';
    const int open_line = m_line;
    advance();
    int depth = braced ? 1 : 0;
    std::string out;
    while (!at_end()) {
      const char c = peek();
      if (c == '\n') {
        advance();
        out += c;
        if (new_entry_here()) break;
        continue;
      }
      if (c == '\\' && m_pos + 1 < m_text.size()) {
        out += c;
        advance();
        out += peek();
        advance();
        continue;
      }
      if (c == '{') ++depth;
      if (c == '}') --depth;
      if ((braced && c == '}' && depth == 0) || (!braced && c == '"' && depth <= 0)) {
        advance();
        return out;
      }
      out += c;
      advance();
    }
    const std::string problem = braced ? "unbalanced brace: the `{` opening " : "unterminated string: the `\"` opening ";
    return tl::unexpected(error(open_line, problem + what + " is never closed").error());
  }

  // value = part ("#" part)*; part = {…} | "…" | number | macro.
  core::Result<std::string> read_value(const std::string& what) {
    std::string value;
    while (true) {
      skip_space();
      if (at_end()) return tl::unexpected(error(m_line, "the file ends inside " + what).error());
      core::Result<std::string> part;
      const char c = peek();
      if (c == '{') {
        part = read_delimited(what);
      } else if (c == '"') {
        part = read_delimited(what);
      } else if (is_name_char(c)) {
        std::string word = read_name();
        auto it = m_macros.find(core::ascii_lower(word));
        part = it != m_macros.end() ? it->second : word;
      } else {
        return tl::unexpected(error(m_line, "expected a value for " + what + ", found `" + std::string(1, c) + "`").error());
      }
      if (!part) return part;
      value += *part;
      m_value_end_line = m_line;
      skip_space();
      if (at_end() || peek() != '#') return value;
      advance();
    }
  }

  core::Result<void> read_entry(BibEntry& e, char close) {
    skip_space();
    const std::size_t start = m_pos;
    while (!at_end() && peek() != ',' && peek() != close && std::isspace(static_cast<unsigned char>(peek())) == 0) advance();
    e.key = std::string(m_text.substr(start, m_pos - start));
    m_context = "entry `" + e.key + "` at line " + std::to_string(e.line);
    skip_space();
    if (!at_end() && peek() == close) {
      advance();
      return {};
    }
    if (at_end() || peek() != ',') return error(m_line, "expected `,` after the citation key");
    advance();
    return read_fields(close, [&e](std::string n, std::string v) { e.fields.emplace_back(std::move(n), std::move(v)); });
  }

  template <typename Sink>
  core::Result<void> read_fields(char close, Sink sink) {
    std::string previous;
    while (true) {
      skip_space();
      if (at_end()) return error(m_line, "unbalanced brace: the entry is never closed");
      if (peek() == close) {
        advance();
        return {};
      }
      const int field_line = m_line;
      std::string name = core::ascii_lower(read_name());
      if (name.empty()) return error(m_line, "expected a field name, found `" + std::string(1, peek()) + "`");
      skip_space();
      if (at_end() || peek() != '=') {
        if (!previous.empty()) return error(field_line, "missing comma after field `" + previous + "`");
        return error(field_line, "expected `=` after field `" + name + "`");
      }
      advance();
      auto value = read_value("field `" + name + "`");
      if (!value) return tl::unexpected(value.error());
      sink(name, std::move(*value));
      const int value_end_line = m_value_end_line;
      skip_space();
      if (!at_end() && peek() == ',') {
        advance();
        previous.clear();
      } else {
        previous = name;
        if (!at_end() && peek() != close) return error(value_end_line, "missing comma after field `" + name + "`");
      }
    }
  }

  core::Result<void> read_string_macro(char close) {
    return read_fields(close, [this](std::string n, std::string v) { m_macros[std::move(n)] = std::move(v); });
  }

  core::Result<void> read_preamble(char close) {
    auto v = read_value("@preamble");
    if (!v) return tl::unexpected(v.error());
    skip_space();
    if (at_end() || peek() != close) return error(m_line, "expected `" + std::string(1, close) + "` to end @preamble");
    advance();
    return {};
  }

  core::Result<void> skip_comment(char close, int line) {
    int depth = 1;
    while (!at_end()) {
      const char c = peek();
      advance();
      if (c == (close == '}' ? '{' : '(')) ++depth;
      if (c == close && --depth == 0) return {};
    }
    return error(line, "unbalanced brace: @comment is never closed");
  }

  std::string_view m_text;
  std::string_view m_name;
  std::size_t m_pos = 0;
  int m_line = 1;
  int m_value_end_line = 1;  // where the last value read ended
  std::string m_context;
  std::map<std::string, std::string> m_macros;
};

// Splits on the word "and" at brace depth 0.
std::vector<std::string> split_on_and(std::string_view s) {
  std::vector<std::string> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    if (s[i] == '}') --depth;
    const bool space_before = i > 0 && std::isspace(static_cast<unsigned char>(s[i - 1])) != 0;
    if (depth == 0 && space_before && i + 4 <= s.size() && core::ascii_lower(s.substr(i, 3)) == "and" &&
        std::isspace(static_cast<unsigned char>(s[i + 3])) != 0) {
      out.emplace_back(core::trim(s.substr(start, i - start)));
      start = i + 3;
    }
  }
  out.emplace_back(core::trim(s.substr(start)));
  return out;
}

// Pieces of a name split on commas at brace depth 0.
std::vector<std::string> split_commas(std::string_view s) {
  std::vector<std::string> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    if (s[i] == '}') --depth;
    if (s[i] == ',' && depth == 0) {
      out.emplace_back(core::trim(s.substr(start, i - start)));
      start = i + 1;
    }
  }
  out.emplace_back(core::trim(s.substr(start)));
  return out;
}

}  // namespace

std::string BibEntry::field(std::string_view name) const {
  for (const auto& [n, v] : fields) {
    if (n == name) return v;
  }
  return {};
}

bool BibEntry::has(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.first == name) return true;
  }
  return false;
}

core::Result<std::vector<BibEntry>> parse_bibtex(std::string_view text, std::string_view name) {
  return Reader(text, name).read_all();
}

std::vector<std::string> split_bibtex_names(std::string_view authors) {
  std::vector<std::string> names;
  for (const std::string& raw : split_on_and(core::collapse_whitespace(authors))) {
    if (raw.empty()) continue;
    const std::vector<std::string> parts = split_commas(raw);
    std::string name;
    if (parts.size() == 2) {
      name = parts[1] + " " + parts[0];
    } else if (parts.size() >= 3) {
      name = parts[2] + " " + parts[0] + " " + parts[1];  // von Last, Jr, First
    } else {
      name = raw;
    }
    names.push_back(core::collapse_whitespace(name));
  }
  return names;
}

}  // namespace scholard::importer
