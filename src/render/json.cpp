#include "render/json.hpp"

#include <charconv>

#include "render/escape.hpp"
#include "render/names.hpp"

namespace scholard::render {
namespace {

// Both files are written straight into one string: the fixed text (keys,
// commas, indentation) as literals, values through append_json_string. A
// long list makes tens of megabytes, so no per-item temporaries. The
// indentation is the pretty-printer's: 2 spaces per level, items of the
// top array at 2, their keys at 4, elements of their arrays at 6 and the
// keys of those at 8.

void append_int(std::string& out, int n) {
  char buf[16];
  const auto end = std::to_chars(buf, buf + sizeof buf, n).ptr;
  out.append(buf, static_cast<std::size_t>(end - buf));
}

// `"text"`, or null when empty.
void append_string_or_null(std::string& out, std::string_view s) {
  if (s.empty()) {
    out += "null";
  } else {
    append_json_string(out, s);
  }
}

// `,\n    "key": "value"` (a key of an item) when `value` is not empty.
void item_string_if(std::string& out, std::string_view key, std::string_view value) {
  if (value.empty()) return;
  out += ",\n    \"";
  out += key;
  out += "\": ";
  append_json_string(out, value);
}

std::string_view csl_type(PaperKind kind) {
  switch (kind) {
    case PaperKind::journal_article: return "article-journal";
    case PaperKind::proceedings_paper: return "paper-conference";
    case PaperKind::chapter: return "chapter";
    case PaperKind::preprint: return "article";
    case PaperKind::other: return "article";
  }
  return "article";
}

void csl_authors(std::string& out, const MergedPaper& p) {
  if (p.authors.empty()) return;
  out += ",\n    \"author\": [";
  for (std::size_t i = 0; i < p.authors.size(); ++i) {
    const MergedAuthor& a = p.authors[i];
    out += i == 0 ? "\n      {" : ",\n      {";
    if (a.given.empty()) {
      out += "\"literal\": ";
      append_json_string(out, a.name);
    } else {
      out += "\"family\": ";
      append_json_string(out, a.family);
      out += ", \"given\": ";
      append_json_string(out, a.given);
    }
    out += '}';
  }
  out += "\n    ]";
}

// {"date-parts": [[y, m, d]]}: month and day only when the date is of that year.
void csl_issued(std::string& out, const core::PartialDate& date, int year) {
  out += ",\n    \"issued\": {\"date-parts\": [[";
  append_int(out, year);
  if (date.year == year && date.month > 0) {
    out += ", ";
    append_int(out, date.month);
    if (date.day > 0) {
      out += ", ";
      append_int(out, date.day);
    }
  }
  out += "]]}";
}

// "286–301" becomes "286-301" (CSL's page ranges use a hyphen).
void csl_page(std::string& out, std::string_view pages) {
  if (pages.empty()) return;
  constexpr std::string_view k_en_dash = "–";
  out += ",\n    \"page\": \"";
  if (const auto at = pages.find(k_en_dash); at != std::string_view::npos) {
    append_json_chars(out, pages.substr(0, at));
    out += '-';
    append_json_chars(out, pages.substr(at + k_en_dash.size()));
  } else {
    append_json_chars(out, pages);
  }
  out += '"';
}

void csl_item(std::string& out, const MergedPaper& p, const JsonOptions& options) {
  out += "{\n    \"id\": ";
  append_json_string(out, p.citation_key);
  out += ",\n    \"type\": \"";
  out += csl_type(p.kind);
  out += '"';
  if (options.math == MathStyle::keep) {
    item_string_if(out, "title", title_with_math(p));
  } else {
    item_string_if(out, "title", p.title);
  }
  csl_authors(out, p);
  if (p.year > 0) csl_issued(out, p.date, p.year);
  if (p.kind == PaperKind::preprint) {
    out += ",\n    \"publisher\": \"arXiv\"";
    if (!p.arxiv_id.empty()) {
      out += ",\n    \"number\": \"arXiv:";
      append_json_chars(out, p.arxiv_id);
      out += '"';
    }
  } else {
    item_string_if(out, "container-title", p.venue);
  }
  item_string_if(out, "volume", p.volume);
  item_string_if(out, "issue", p.issue);
  csl_page(out, p.pages);
  item_string_if(out, "DOI", p.doi);
  item_string_if(out, "URL", p.url);
  out += "\n  }";
}

void data_authors(std::string& out, const MergedPaper& p) {
  out += ",\n    \"authors\": [";
  for (std::size_t i = 0; i < p.authors.size(); ++i) {
    const MergedAuthor& a = p.authors[i];
    out += i == 0 ? "\n      {\n        \"name\": " : ",\n      {\n        \"name\": ";
    append_json_string(out, a.name);
    out += a.highlighted ? ",\n        \"highlighted\": true" : ",\n        \"highlighted\": false";
    out += a.equal_contribution ? ",\n        \"equal_contribution\": true\n      }"
                                : ",\n        \"equal_contribution\": false\n      }";
  }
  out += p.authors.empty() ? "]" : "\n    ]";
}

void data_sources(std::string& out, const FieldSources& sources) {
  out += ",\n    \"sources\": {";
  bool first = true;
  for (const auto& [name, source] : field_sources(sources)) {
    out += first ? "\n      \"" : ",\n      \"";
    first = false;
    out += name;
    out += "\": ";
    if (source.empty()) {
      out += "null";
    } else {
      append_json_string(out, source);
    }
  }
  out += "\n    }";
}

void data_item(std::string& out, const MergedPaper& p, const JsonOptions& options) {
  out += "{\n    \"key\": ";
  append_string_or_null(out, p.key);
  out += ",\n    \"citation_key\": ";
  append_json_string(out, p.citation_key);
  out += ",\n    \"title\": ";
  if (options.math == MathStyle::keep) {
    append_json_string(out, title_with_math(p));
  } else {
    append_json_string(out, p.title);
  }
  out += ",\n    \"url\": ";
  append_string_or_null(out, p.url);
  data_authors(out, p);
  const AuthorCut cut = cut_authors(p.authors, p.max_authors.value_or(options.max_authors), p.authors_truncated);
  out += ",\n    \"authors_shown\": ";
  append_int(out, static_cast<int>(cut.shown));
  out += p.authors_truncated ? ",\n    \"authors_truncated\": true" : ",\n    \"authors_truncated\": false";
  out += ",\n    \"venue\": ";
  append_string_or_null(out, p.venue);
  out += ",\n    \"kind\": \"";
  out += to_string(p.kind);
  out += p.published ? "\",\n    \"published\": true" : "\",\n    \"published\": false";
  out += ",\n    \"year\": ";
  if (p.year > 0) {
    append_int(out, p.year);
  } else {
    out += "null";
  }
  out += ",\n    \"date\": ";
  append_string_or_null(out, p.date.iso());
  const std::pair<std::string_view, const std::string*> texts[] = {
      {",\n    \"volume\": ", &p.volume}, {",\n    \"issue\": ", &p.issue}, {",\n    \"pages\": ", &p.pages},
      {",\n    \"doi\": ", &p.doi},       {",\n    \"arxiv\": ", &p.arxiv_id}};
  for (const auto& [key, value] : texts) {
    out += key;
    append_string_or_null(out, *value);
  }
  out += p.selected ? ",\n    \"selected\": true" : ",\n    \"selected\": false";
  const std::pair<std::string_view, const std::string*> al_folio[] = {
      {",\n    \"abbr\": ", &p.abbr}, {",\n    \"pdf\": ", &p.pdf}, {",\n    \"code\": ", &p.code}};
  for (const auto& [key, value] : al_folio) {
    out += key;
    append_string_or_null(out, *value);
  }
  data_sources(out, p.sources);
  out += "\n  }";
}

template <typename Item>
void append_array(std::string& out, const std::vector<MergedPaper>& papers, const JsonOptions& options, Item item) {
  out.reserve(out.size() + output_size_estimate(papers));
  out += '[';
  bool first = true;
  for (const auto& p : papers) {
    if (p.hidden) continue;
    out += first ? "\n  " : ",\n  ";
    first = false;
    item(out, p, options);
  }
  out += first ? "]\n" : "\n]\n";
}

}  // namespace

void append_csl_json(std::string& out, const std::vector<MergedPaper>& papers, const JsonOptions& options) {
  append_array(out, papers, options, csl_item);
}

void append_json_data(std::string& out, const std::vector<MergedPaper>& papers, const JsonOptions& options) {
  append_array(out, papers, options, data_item);
}

std::string render_csl_json(const std::vector<MergedPaper>& papers, const JsonOptions& options) {
  std::string out;
  append_csl_json(out, papers, options);
  return out;
}

std::string render_json_data(const std::vector<MergedPaper>& papers, const JsonOptions& options) {
  std::string out;
  append_json_data(out, papers, options);
  return out;
}

}  // namespace scholard::render
