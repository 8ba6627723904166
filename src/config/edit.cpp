#include "config/edit.hpp"

#include <cstdio>

#include "core/month.hpp"

namespace scholard::config {
namespace {

enum class LineKind { blank, comment, header, body };

struct Line {
  std::size_t begin = 0;
  std::size_t end = 0;  // one past its newline (or the text's end)
  LineKind kind = LineKind::body;
};

// What a scan of value text carries from one line to the next: an open
// multi-line string, or brackets of a multi-line array / inline table.
struct ScanState {
  enum class String { none, multi_basic, multi_literal } string = String::none;
  int depth = 0;
  bool continues() const { return string != String::none || depth > 0; }
};

// Advances `state` over one line of value text (no header, no full-line comment).
void scan_line(std::string_view line, ScanState& state) {
  std::size_t i = 0;
  auto starts = [&](std::string_view s) { return line.substr(i, s.size()) == s; };
  while (i < line.size()) {
    if (state.string == ScanState::String::multi_basic) {
      if (line[i] == '\\') {
        i += 2;
      } else if (starts("\"\"\"")) {
        state.string = ScanState::String::none;
        i += 3;
      } else {
        ++i;
      }
      continue;
    }
    if (state.string == ScanState::String::multi_literal) {
      if (starts("'''")) {
        state.string = ScanState::String::none;
        i += 3;
      } else {
        ++i;
      }
      continue;
    }
    const char c = line[i];
    if (c == '#') return;  // the rest is a comment
    if (starts("\"\"\"")) {
      state.string = ScanState::String::multi_basic;
      i += 3;
    } else if (starts("'''")) {
      state.string = ScanState::String::multi_literal;
      i += 3;
    } else if (c == '"' || c == '\'') {
      ++i;
      while (i < line.size() && line[i] != c) i += (c == '"' && line[i] == '\\') ? 2u : 1u;
      ++i;
    } else {
      if (c == '[' || c == '{') ++state.depth;
      if ((c == ']' || c == '}') && state.depth > 0) --state.depth;
      ++i;
    }
  }
}

std::vector<Line> classify(std::string_view text) {
  std::vector<Line> lines;
  ScanState state;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    const std::string_view line = text.substr(pos, end - pos);
    Line l{pos, end, LineKind::body};
    const std::size_t first = line.find_first_not_of(" \t\r\n");
    if (state.continues()) {
      scan_line(line, state);
    } else if (first == std::string_view::npos) {
      l.kind = LineKind::blank;
    } else if (line[first] == '#') {
      l.kind = LineKind::comment;
    } else if (line[first] == '[') {
      l.kind = LineKind::header;
    } else {
      scan_line(line, state);
    }
    lines.push_back(l);
    pos = end;
  }
  return lines;
}

// "[[paper]]  # x" -> {"paper", true}.
std::pair<std::string, bool> header_name(std::string_view line) {
  const std::size_t open = line.find('[');
  const bool array = line.substr(open, 2) == "[[";
  const std::size_t start = open + (array ? 2 : 1);
  const std::size_t close = line.find(']', start);
  std::string_view inner = line.substr(start, close == std::string_view::npos ? line.size() - start : close - start);
  const std::size_t b = inner.find_first_not_of(" \t");
  const std::size_t e = inner.find_last_not_of(" \t");
  if (b == std::string_view::npos) return {"", array};
  return {std::string(inner.substr(b, e - b + 1)), array};
}

TableSpan span_for(std::string_view text, const std::vector<Line>& lines, std::size_t h, std::size_t next) {
  std::size_t first = h;
  while (first > 0 && lines[first - 1].kind == LineKind::comment) --first;
  std::size_t last_body = h;
  for (std::size_t i = h + 1; i < next; ++i) {
    if (lines[i].kind == LineKind::body) last_body = i;
  }
  std::size_t j = last_body + 1;
  while (j < next && lines[j].kind == LineKind::comment) ++j;
  const bool runs_into_next_header = j == next && next < lines.size();
  const std::size_t last = runs_into_next_header ? last_body : j - 1;

  TableSpan span;
  auto [name, array] = header_name(text.substr(lines[h].begin, lines[h].end - lines[h].begin));
  span.name = std::move(name);
  span.array = array;
  span.header_line = static_cast<int>(h + 1);
  span.first_line = static_cast<int>(first + 1);
  span.last_line = static_cast<int>(last + 1);
  span.begin = lines[first].begin;
  span.header_begin = lines[h].begin;
  span.end = lines[last].end;
  return span;
}

void append_array(std::string& out, std::string_view key, const std::vector<std::string>& items) {
  const std::string lead = std::string(key) + " = [";
  std::string line = lead;
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string item = toml_quote(items[i]) + (i + 1 < items.size() ? "," : "");
    if (line.size() > lead.size() && line.size() + 1 + item.size() > 100) {
      text += line + "\n";
      line = std::string(lead.size(), ' ');
    } else if (line.size() > lead.size()) {
      line += ' ';
    }
    line += item;
  }
  out += text + line + "]\n";
}

}  // namespace

std::vector<TableSpan> find_tables(std::string_view text) {
  const std::vector<Line> lines = classify(text);
  std::vector<std::size_t> headers;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind == LineKind::header) headers.push_back(i);
  }
  std::vector<TableSpan> spans;
  for (std::size_t k = 0; k < headers.size(); ++k) {
    const std::size_t next = k + 1 < headers.size() ? headers[k + 1] : lines.size();
    spans.push_back(span_for(text, lines, headers[k], next));
  }
  return spans;
}

core::Result<TableSpan> table_at_line(std::string_view text, int header_line) {
  for (TableSpan& span : find_tables(text)) {
    if (span.header_line == header_line) return std::move(span);
  }
  return core::fail(core::ErrorCode::not_found, "no table header on line " + std::to_string(header_line));
}

std::string toml_quote(std::string_view text) {
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string format_paper_table(const PaperTable& p) {
  std::string out;
  for (const std::string& comment : p.comments) {
    std::size_t pos = 0;
    while (pos <= comment.size()) {
      std::size_t nl = comment.find('\n', pos);
      if (nl == std::string::npos) nl = comment.size();
      std::string_view piece = std::string_view(comment).substr(pos, nl - pos);
      out += piece.empty() ? "#\n" : "# " + std::string(piece) + "\n";
      pos = nl + 1;
    }
  }
  out += "[[paper]]\n";
  auto put = [&out](std::string_view key, const std::string& value) {
    if (!value.empty()) out += std::string(key) + " = " + toml_quote(value) + "\n";
  };
  put("arxiv", p.arxiv);
  put("doi", p.doi);
  put("key", p.key);
  put("title", p.title);
  if (!p.authors.empty()) append_array(out, "authors", p.authors);
  put("venue", p.venue);
  if (p.year) out += "year = " + std::to_string(*p.year) + "\n";
  put("volume", p.volume);
  put("issue", p.issue);
  put("pages", p.pages);
  put("month", std::string(core::month_name(p.month.value_or(0))));
  if (!p.author_names.empty()) {
    out += "author_names = { ";
    for (std::size_t i = 0; i < p.author_names.size(); ++i) {
      out += (i > 0 ? ", " : "") + toml_quote(p.author_names[i].first) + " = " + toml_quote(p.author_names[i].second);
    }
    out += " }\n";
  }
  put("url", p.url);
  if (p.max_authors) out += "max_authors = " + std::to_string(*p.max_authors) + "\n";
  if (!p.equal_contribution.empty()) append_array(out, "equal_contribution", p.equal_contribution);
  if (p.selected) out += "selected = true\n";
  put("abbr", p.abbr);
  put("pdf", p.pdf);
  put("code", p.code);
  for (const auto& [name, value] : p.al_folio) put(name, value);
  if (p.bibtex_show) out += std::string("bibtex_show = ") + (*p.bibtex_show ? "true" : "false") + "\n";
  if (p.abstract) out += "abstract = true\n";
  put("et_al", p.et_al);
  return out;
}

std::string append_table(std::string_view text, std::string_view table) {
  std::string out(text);
  if (out.empty()) return std::string(table);
  if (out.back() != '\n') out += '\n';
  if (out.size() < 2 || out[out.size() - 2] != '\n') out += '\n';
  out += table;
  return out;
}

core::Result<std::string> insert_table(std::string_view text, int header_line, Place place, std::string_view table) {
  auto span = table_at_line(text, header_line);
  if (!span) return tl::unexpected(span.error());
  std::string out;
  out.reserve(text.size() + table.size() + 2);
  if (place == Place::before) {
    out.append(text.substr(0, span->begin)).append(table);
    if (!table.ends_with('\n')) out += '\n';
    out += '\n';
    out.append(text.substr(span->begin));
    return out;
  }
  out.append(text.substr(0, span->end));
  if (out.empty() || out.back() != '\n') out += '\n';  // the table ended the text without a newline
  out += '\n';
  out.append(table);
  if (!table.ends_with('\n')) out += '\n';
  // What followed the table keeps its own spacing: one blank line before it
  // unless it already starts with one.
  const std::string_view rest = text.substr(span->end);
  if (!rest.empty() && rest.front() != '\n' && !rest.starts_with("\r\n")) out += '\n';
  out.append(rest);
  return out;
}

core::Result<std::string> remove_table(std::string_view text, int header_line) {
  auto span = table_at_line(text, header_line);
  if (!span) return tl::unexpected(span.error());
  const std::vector<Line> lines = classify(text);
  std::size_t begin = span->begin;
  std::size_t end = span->end;
  const auto after = static_cast<std::size_t>(span->last_line);       // index of the next line
  const auto before = static_cast<std::size_t>(span->first_line - 1);  // index of this first line
  if (after < lines.size() && lines[after].kind == LineKind::blank) {
    end = lines[after].end;
  } else if (before > 0 && lines[before - 1].kind == LineKind::blank) {
    begin = lines[before - 1].begin;
  }
  std::string out(text.substr(0, begin));
  out += text.substr(end);
  return out;
}

core::Result<std::string> insert_key_line(std::string_view text, int header_line, std::string_view key_line) {
  auto span = table_at_line(text, header_line);
  if (!span) return tl::unexpected(span.error());
  const std::size_t newline = text.find('\n', span->header_begin);
  std::string out;
  out.reserve(text.size() + key_line.size() + 2);
  if (newline == std::string_view::npos) {
    // A header on the text's last line, with no newline after it.
    out.append(text).push_back('\n');
    out.append(key_line).push_back('\n');
    return out;
  }
  out.append(text.substr(0, newline + 1));
  out.append(key_line);
  if (newline > 0 && text[newline - 1] == '\r') out.push_back('\r');  // the file's own line ending
  out.push_back('\n');
  out.append(text.substr(newline + 1));
  return out;
}

int line_of(std::string_view text, std::size_t offset) {
  int line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

}  // namespace scholard::config
