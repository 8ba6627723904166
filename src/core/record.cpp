#include "core/record.hpp"

#include <charconv>
#include <cstdio>
#include <algorithm>
#include <array>
#include <iterator>

#include "core/text.hpp"

namespace scholard::core {
namespace {

// ---- list fields: lines of tab-separated cells, \\ \t \n escaped.

void append_cell(std::string& out, std::string_view s) {
  std::size_t plain = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c != '\\' && c != '\t' && c != '\n') continue;
    out.append(s.substr(plain, i - plain));
    out += c == '\\' ? "\\\\" : c == '\t' ? "\\t" : "\\n";
    plain = i + 1;
  }
  out.append(s.substr(plain));
}

// Writes rows one cell at a time: `cell` starts a new cell (a tab before all
// but a row's first), `row` a new row (a line break before all but the first).
struct RowWriter {
  std::string& out;
  bool first_row = true;
  bool first_cell = true;
  void row() {
    if (!first_row) out.push_back('\n');
    first_row = false;
    first_cell = true;
  }
  void cell(std::string_view s) {
    if (!first_cell) out.push_back('\t');
    first_cell = false;
    append_cell(out, s);
  }
};

// The bytes that end a cell or start an escape (one lookup per byte).
constexpr std::array<unsigned char, 256> k_cell_ends = [] {
  std::array<unsigned char, 256> t{};
  t[static_cast<unsigned char>('\n')] = t[static_cast<unsigned char>('\t')] = t[static_cast<unsigned char>('\\')] = 1;
  return t;
}();

// Reads `text` row by row: for each row, `on_cell(row_index, cell_index,
// unescaped cell)` is called for every cell, in order; `on_row(row_index)`
// before a row's first cell. The cell's text is valid until the next call.
// A cell without escapes is passed as a view of `text` (most are): only an
// escaped one is unescaped into a buffer.
template <typename OnRow, typename OnCell>
Result<void> read_rows(std::string_view text, std::string_view field, OnRow&& on_row, OnCell&& on_cell) {
  if (text.empty()) return {};
  std::string cell;          // the unescaped cell, once it holds an escape
  bool escaped = false;      // the current cell's text is in `cell`
  std::size_t row = 0, col = 0;
  on_row(row);
  std::size_t plain = 0;     // start of the bytes not yet taken
  for (std::size_t i = 0; i <= text.size(); ++i) {
    while (i < text.size() && k_cell_ends[static_cast<unsigned char>(text[i])] == 0) ++i;
    const char c = i < text.size() ? text[i] : '\n';
    if (c == '\\') {
      if (!escaped) cell.clear();
      escaped = true;
      cell.append(text.substr(plain, i - plain));
      if (i + 1 >= text.size()) return fail(ErrorCode::invalid_input, "field '" + std::string(field) + "': dangling escape");
      const char e = text[++i];
      if (e == '\\') cell.push_back('\\');
      else if (e == 't') cell.push_back('\t');
      else if (e == 'n') cell.push_back('\n');
      else return fail(ErrorCode::invalid_input, "field '" + std::string(field) + "': unknown escape");
      plain = i + 1;
      continue;
    }
    std::string_view value = text.substr(plain, i - plain);
    if (escaped) {
      cell.append(value);
      value = cell;
    }
    if (auto ok = on_cell(row, col, value); !ok) return ok;
    escaped = false;
    plain = i + 1;
    if (c == '\t') {
      ++col;
    } else if (i < text.size()) {
      ++row;
      col = 0;
      on_row(row);
    }
  }
  return {};
}

// The number of rows read_rows finds in `text` (for reserving).
std::size_t row_count(std::string_view text) {
  if (text.empty()) return 0;
  std::size_t rows = 1;
  for (std::size_t at = text.find('\n'); at != std::string_view::npos; at = text.find('\n', at + 1)) ++rows;
  return rows;
}

// ---- one accessor pair per field keeps flatten/unflatten in one table.
// `append` writes the field's flat text (what record_fields gives) to `out`;
// `set` parses it into the record (the empty text clears the field).

using Append = void (*)(const Record&, std::string&);
using Set = Result<void> (*)(Record&, std::string_view);

struct FieldCodec {
  std::string_view name;
  Append append;
  Set set;
};

template <std::string Record::*Member>
void append_text(const Record& r, std::string& out) {
  out += r.*Member;
}

template <std::string Record::*Member>
Result<void> set_text(Record& r, std::string_view v) {
  (r.*Member).assign(v);
  return {};
}

// YYYY, YYYY-MM or YYYY-MM-DD (years beyond 9999 in full). Called for two
// dates of every stored record: no snprintf.
void append_date(const PartialDate& d, std::string& out) {
  if (d.year == 0) return;
  // printf's %0Nd: at least `width` characters, zeros after any sign.
  auto padded = [&](int v, std::size_t width) {
    if (v >= 0 && v <= 9999 && width <= 4) {
      char digits[4] = {static_cast<char>('0' + v / 1000), static_cast<char>('0' + v / 100 % 10),
                        static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10)};
      std::size_t n = v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1;
      n = std::max(n, width);
      out.append(digits + 4 - n, n);
      return;
    }
    std::string text = std::to_string(v < 0 ? -static_cast<long long>(v) : static_cast<long long>(v));
    const std::size_t sign = v < 0 ? 1u : 0u;
    if (sign) out.push_back('-');
    if (text.size() + sign < width) out.append(width - text.size() - sign, '0');
    out += text;
  };
  padded(d.year, 4);
  if (d.month == 0) return;
  out.push_back('-');
  padded(d.month, 2);
  if (d.day == 0) return;
  out.push_back('-');
  padded(d.day, 2);
}

template <PartialDate Record::*Member>
void append_date_field(const Record& r, std::string& out) {
  append_date(r.*Member, out);
}

template <PartialDate Record::*Member>
Result<void> set_date(Record& r, std::string_view v) {
  if (v.empty()) {
    r.*Member = {};
    return {};
  }
  auto d = PartialDate::parse(v);
  if (!d) return tl::unexpected(d.error());
  r.*Member = *d;
  return {};
}

void append_authors(const Record& r, std::string& out) {
  RowWriter w{out};
  for (const auto& a : r.authors) {
    w.row();
    for (const std::string* s : {&a.name, &a.given, &a.family, &a.orcid, &a.sequence}) w.cell(*s);
    for (const auto& aff : a.affiliations) w.cell(aff);
  }
}

Result<void> set_authors(Record& r, std::string_view v) {
  r.authors.clear();
  r.authors.reserve(row_count(v));  // an Author is six members: moving them as the list grows cost more than parsing
  return read_rows(
      v, "authors", [&](std::size_t) { r.authors.emplace_back(); },
      [&](std::size_t, std::size_t col, std::string_view cell) -> Result<void> {
        Author& a = r.authors.back();
        if (cell.empty() && col < 5) return {};  // the row's Author is fresh: its texts are empty already
        switch (col) {
          case 0: a.name.assign(cell); break;
          case 1: a.given.assign(cell); break;
          case 2: a.family.assign(cell); break;
          case 3: a.orcid.assign(cell); break;
          case 4: a.sequence.assign(cell); break;
          default: a.affiliations.emplace_back(cell);
        }
        return {};
      });
}

void append_categories(const Record& r, std::string& out) {
  RowWriter w{out};
  for (const auto& c : r.categories) {
    w.row();
    w.cell(c);
  }
}

Result<void> set_categories(Record& r, std::string_view v) {
  r.categories.clear();
  r.categories.reserve(row_count(v));
  return read_rows(
      v, "categories", [&](std::size_t) { r.categories.emplace_back(); },
      [&](std::size_t, std::size_t col, std::string_view cell) -> Result<void> {
        if (col == 0) r.categories.back().assign(cell);
        return {};
      });
}

void append_relations(const Record& r, std::string& out) {
  RowWriter w{out};
  for (const auto& x : r.relations) {
    w.row();
    for (const std::string* s : {&x.type, &x.id_type, &x.id}) w.cell(*s);
  }
}

Result<void> set_relations(Record& r, std::string_view v) {
  r.relations.clear();
  return read_rows(
      v, "relations", [&](std::size_t) { r.relations.emplace_back(); },
      [&](std::size_t, std::size_t col, std::string_view cell) -> Result<void> {
        Relation& x = r.relations.back();
        if (col == 0) x.type.assign(cell);
        else if (col == 1) x.id_type.assign(cell);
        else if (col == 2) x.id.assign(cell);
        return {};
      });
}

void append_updates(const Record& r, std::string& out) {
  RowWriter w{out};
  std::string date;
  for (const auto& u : r.updates) {
    w.row();
    for (const std::string* s : {&u.type, &u.doi, &u.label}) w.cell(*s);
    date.clear();
    append_date(u.date, date);
    w.cell(date);
  }
}

Result<void> set_updates(Record& r, std::string_view v) {
  r.updates.clear();
  return read_rows(
      v, "updates", [&](std::size_t) { r.updates.emplace_back(); },
      [&](std::size_t, std::size_t col, std::string_view cell) -> Result<void> {
        UpdateNotice& u = r.updates.back();
        if (col == 0) u.type.assign(cell);
        else if (col == 1) u.doi.assign(cell);
        else if (col == 2) u.label.assign(cell);
        else if (col == 3 && !cell.empty()) {
          auto d = PartialDate::parse(cell);
          if (!d) return tl::unexpected(d.error());
          u.date = *d;
        }
        return {};
      });
}

void append_arxiv_version(const Record& r, std::string& out) {
  if (r.arxiv_version > 0) out += std::to_string(r.arxiv_version);
}

Result<void> set_arxiv_version(Record& r, std::string_view v) {
  r.arxiv_version = 0;
  if (v.empty()) return {};
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), r.arxiv_version);
  if (ec != std::errc() || p != v.data() + v.size()) {
    return fail(ErrorCode::invalid_input, "field 'arxiv_version': not a number");
  }
  return {};
}

#define SCHOLARD_TEXT(name) {#name, append_text<&Record::name>, set_text<&Record::name>}
#define SCHOLARD_DATE(name) {#name, append_date_field<&Record::name>, set_date<&Record::name>}

constexpr FieldCodec k_codecs[] = {
    SCHOLARD_TEXT(title),
    SCHOLARD_TEXT(title_raw),
    SCHOLARD_TEXT(summary),
    {"authors", append_authors, set_authors},
    SCHOLARD_TEXT(type),
    SCHOLARD_TEXT(venue),
    SCHOLARD_TEXT(venue_short),
    SCHOLARD_TEXT(publisher),
    SCHOLARD_TEXT(volume),
    SCHOLARD_TEXT(issue),
    SCHOLARD_TEXT(pages),
    SCHOLARD_TEXT(article_number),
    SCHOLARD_DATE(published),
    SCHOLARD_DATE(updated),
    SCHOLARD_DATE(published_print),
    SCHOLARD_DATE(published_online),
    SCHOLARD_TEXT(doi),
    SCHOLARD_TEXT(url),
    SCHOLARD_TEXT(arxiv_id),
    {"arxiv_version", append_arxiv_version, set_arxiv_version},
    SCHOLARD_TEXT(journal_ref),
    SCHOLARD_TEXT(comment),
    SCHOLARD_TEXT(primary_category),
    {"categories", append_categories, set_categories},
    {"relations", append_relations, set_relations},
    {"updates", append_updates, set_updates},
};

#undef SCHOLARD_TEXT
#undef SCHOLARD_DATE

bool parse_int(std::string_view s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

std::string_view to_string(SourceKind k) {
  switch (k) {
    case SourceKind::preprint_server: return "preprint-server";
    case SourceKind::doi_registry: return "doi-registry";
    case SourceKind::bibliographic_index: return "bibliographic-index";
  }
  return "unknown";
}

bool is_source_name(std::string_view name) {
  if (name.empty() || name.size() > 32 || name == "config") return false;
  if (name.front() < 'a' || name.front() > 'z') return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string PartialDate::iso() const {
  std::string out;
  append_date(*this, out);
  return out;
}

Result<PartialDate> PartialDate::parse(std::string_view text) {
  std::string_view s = trim(text);
  auto bad = [&] {
    return fail(ErrorCode::invalid_input, "'" + std::string(text) + "' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
  };
  PartialDate d;
  if (s.size() < 4 || !parse_int(s.substr(0, 4), d.year) || d.year < 1) return bad();
  if (s.size() == 4) return d;
  if (s.size() < 7 || s[4] != '-' || !parse_int(s.substr(5, 2), d.month) || d.month < 1 || d.month > 12) return bad();
  if (s.size() == 7) return d;
  if (s.size() < 10 || s[7] != '-' || !parse_int(s.substr(8, 2), d.day) || d.day < 1 || d.day > 31) return bad();
  if (s.size() == 10 || s[10] == 'T' || s[10] == ' ') return d;
  return bad();
}

std::size_t record_field_count() { return std::size(k_codecs); }

std::string_view record_field_name(std::size_t i) { return k_codecs[i].name; }

void append_record_field(const Record& r, std::size_t i, std::string& out) { k_codecs[i].append(r, out); }

Result<void> set_record_field(Record& r, std::string_view name, std::string_view value) {
  std::size_t next = 0;
  return set_record_field(r, name, value, next);
}

Result<void> set_record_field(Record& r, std::string_view name, std::string_view value, std::size_t& next) {
  // The search starts where the last field was found: fields stored in
  // record_fields' order are then found at the first comparison.
  const std::size_t n = std::size(k_codecs);
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = (next + k) % n;
    if (k_codecs[i].name != name) continue;
    next = i + 1 == n ? 0 : i + 1;
    return k_codecs[i].set(r, value);
  }
  return {};
}

std::vector<Field> record_fields(const Record& r) {
  std::vector<Field> out;
  out.reserve(std::size(k_codecs));
  for (const auto& c : k_codecs) {
    Field f{std::string(c.name), {}};
    c.append(r, f.value);
    out.push_back(std::move(f));
  }
  return out;
}

Result<Record> record_from_fields(std::string_view source, const std::vector<Field>& fields) {
  Record r;
  r.source = std::string(source);
  for (const auto& f : fields) {
    if (auto ok = set_record_field(r, f.name, f.value); !ok) return tl::unexpected(ok.error());
  }
  return r;
}

std::vector<std::string> changed_fields(const Record& before, const Record& after) {
  std::vector<std::string> names;
  std::string a, b;
  for (const auto& c : k_codecs) {
    a.clear();
    b.clear();
    c.append(before, a);
    c.append(after, b);
    if (a != b) names.emplace_back(c.name);
  }
  return names;
}

}  // namespace scholard::core
