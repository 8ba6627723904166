#include "importer/starter_config.hpp"

#include <vector>

#include "config/edit.hpp"
#include "core/text.hpp"

namespace scholard::importer {
namespace {

// Where the value of `key = value  # comment` starts and ends in `line`
// (npos when the line does not set `key`).
std::pair<std::size_t, std::size_t> value_range(std::string_view line, std::string_view key) {
  constexpr auto npos = std::string_view::npos;
  const std::size_t k = line.find_first_not_of(" \t");
  if (k == npos || line.substr(k, key.size()) != key) return {npos, npos};
  std::size_t i = line.find_first_not_of(" \t", k + key.size());
  if (i == npos || line[i] != '=') return {npos, npos};
  const std::size_t start = line.find_first_not_of(" \t", i + 1);
  if (start == npos) return {npos, npos};
  char quote = 0;
  std::size_t end = line.size();
  for (std::size_t j = start; j < line.size(); ++j) {
    const char c = line[j];
    if (quote != 0) {
      if (c == '\\' && quote == '"') ++j;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      end = j;
      break;
    }
  }
  while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
  return {start, end};
}

std::string comment_out(std::string_view table_text, std::string_view key) {
  std::string out;
  for (std::string_view line : core::split(table_text, '\n')) {
    if (value_range(line, key).first != std::string_view::npos) out += "# ";
    out += line;
    out += '\n';
  }
  out.pop_back();  // split gave one piece more than there are newlines
  return out;
}

std::string table_text(std::string_view example, const config::TableSpan& t) {
  return std::string(example.substr(t.header_begin, t.end - t.header_begin));
}

}  // namespace

std::string replace_value(std::string_view table_text, std::string_view key, std::string_view toml_value) {
  std::string out;
  for (std::string_view line : core::split(table_text, '\n')) {
    auto [start, end] = value_range(line, key);
    if (start == std::string_view::npos) {
      out += line;
    } else {
      // Keep a trailing comment at its column when the new value fits before it.
      const std::size_t comment = line.find_first_not_of(" \t", end);
      out += std::string(line.substr(0, start)) + std::string(toml_value);
      if (comment != std::string_view::npos) {
        const std::size_t used = start + toml_value.size();
        out.append(used < comment ? comment - used : 2, ' ');
        out += line.substr(comment);
      }
    }
    out += '\n';
  }
  out.pop_back();
  return out;
}

std::string starter_config(std::string_view example, std::string_view profile_name, std::string_view page_path,
                           std::string_view imported_from) {
  std::string out =
      "# scholard configuration, started by `scholard import --write` from " + std::string(imported_from) + ".\n"
      "# Taken from the example config (config/scholard.example.toml): check [profile] (contact\n"
      "# especially), then run `scholard check` and `scholard sync`. The page's path is absolute,\n"
      "# so this file may move; relative paths are relative to its folder. No [store]: this file\n"
      "# gets a cache of its own under ~/.local/state/scholard/ (`scholard check` shows where;\n"
      "# docs/user-guide.md, \"Where the store lives\").\n";
  bool output_done = false;
  for (const config::TableSpan& t : config::find_tables(example)) {
    std::string text;
    if (t.name == "profile" && !t.array) {
      text = replace_value(table_text(example, t), "name", config::toml_quote(profile_name));
      text = comment_out(text, "aliases");
    } else if (t.name == "output" && t.array && !output_done) {
      text = replace_value(table_text(example, t), "format", "\"markdown\"");
      text = replace_value(text, "path", config::toml_quote(page_path));
      // The seed page's U+2212 is that researcher's style, not a default for every page.
      text = comment_out(text, "range_dash");
      output_done = true;
    } else if (!t.array && (t.name == "sources.arxiv" || t.name == "sources.crossref" ||
                              t.name == "sources.semanticscholar" || t.name == "schedule" || t.name == "hook")) {
      text = table_text(example, t);
    } else {
      continue;
    }
    out += "\n" + text;
    if (out.back() != '\n') out += '\n';
  }
  return out;
}

}  // namespace scholard::importer
