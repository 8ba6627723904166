#include "core/record.hpp"

#include <charconv>
#include <cstdio>
#include <functional>
#include <map>

#include "core/text.hpp"

namespace scholard::core {
namespace {

using Rows = std::vector<std::vector<std::string>>;

std::string escape_cell(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string encode_rows(const Rows& rows) {
  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (r) out.push_back('\n');
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      if (c) out.push_back('\t');
      out += escape_cell(rows[r][c]);
    }
  }
  return out;
}

Result<Rows> decode_rows(std::string_view text, std::string_view field) {
  Rows rows;
  if (text.empty()) return rows;
  rows.emplace_back(1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      rows.emplace_back(1);
    } else if (c == '\t') {
      rows.back().emplace_back();
    } else if (c == '\\') {
      if (i + 1 >= text.size()) return fail(ErrorCode::invalid_input, "field '" + std::string(field) + "': dangling escape");
      char e = text[++i];
      if (e == '\\') rows.back().back().push_back('\\');
      else if (e == 't') rows.back().back().push_back('\t');
      else if (e == 'n') rows.back().back().push_back('\n');
      else return fail(ErrorCode::invalid_input, "field '" + std::string(field) + "': unknown escape");
    } else {
      rows.back().back().push_back(c);
    }
  }
  return rows;
}

std::string cell(const std::vector<std::string>& row, std::size_t i) { return i < row.size() ? row[i] : std::string(); }

// One accessor pair per field keeps the flatten/unflatten code in one table.
struct FieldCodec {
  std::string_view name;
  std::function<std::string(const Record&)> get;
  std::function<Result<void>(Record&, std::string_view)> set;
};

FieldCodec text_field(std::string_view name, std::string Record::*member) {
  return {name, [member](const Record& r) { return r.*member; },
          [member](Record& r, std::string_view v) -> Result<void> {
            r.*member = std::string(v);
            return {};
          }};
}

FieldCodec date_field(std::string_view name, PartialDate Record::*member) {
  return {name, [member](const Record& r) { return (r.*member).iso(); },
          [member](Record& r, std::string_view v) -> Result<void> {
            if (v.empty()) {
              r.*member = {};
              return {};
            }
            auto d = PartialDate::parse(v);
            if (!d) return tl::unexpected(d.error());
            r.*member = *d;
            return {};
          }};
}

template <typename T>
FieldCodec rows_field(std::string_view name, std::vector<T> Record::*member,
                      std::function<std::vector<std::string>(const T&)> to_row,
                      std::function<Result<T>(const std::vector<std::string>&)> from_row) {
  return {name,
          [member, to_row](const Record& r) {
            Rows rows;
            for (const auto& item : r.*member) rows.push_back(to_row(item));
            return encode_rows(rows);
          },
          [member, from_row, name](Record& r, std::string_view v) -> Result<void> {
            auto rows = decode_rows(v, name);
            if (!rows) return tl::unexpected(rows.error());
            (r.*member).clear();
            for (const auto& row : *rows) {
              auto item = from_row(row);
              if (!item) return tl::unexpected(item.error());
              (r.*member).push_back(std::move(*item));
            }
            return {};
          }};
}

const std::vector<FieldCodec>& codecs() {
  static const std::vector<FieldCodec> table = [] {
    std::vector<FieldCodec> t;
    t.push_back(text_field("title", &Record::title));
    t.push_back(text_field("title_raw", &Record::title_raw));
    t.push_back(text_field("summary", &Record::summary));
    t.push_back(rows_field<Author>(
        "authors", &Record::authors,
        [](const Author& a) {
          std::vector<std::string> row{a.name, a.given, a.family, a.orcid, a.sequence};
          row.insert(row.end(), a.affiliations.begin(), a.affiliations.end());
          return row;
        },
        [](const std::vector<std::string>& row) -> Result<Author> {
          Author a{cell(row, 0), cell(row, 1), cell(row, 2), cell(row, 3), cell(row, 4), {}};
          for (std::size_t i = 5; i < row.size(); ++i) a.affiliations.push_back(row[i]);
          return a;
        }));
    t.push_back(text_field("type", &Record::type));
    t.push_back(text_field("venue", &Record::venue));
    t.push_back(text_field("venue_short", &Record::venue_short));
    t.push_back(text_field("publisher", &Record::publisher));
    t.push_back(text_field("volume", &Record::volume));
    t.push_back(text_field("issue", &Record::issue));
    t.push_back(text_field("pages", &Record::pages));
    t.push_back(text_field("article_number", &Record::article_number));
    t.push_back(date_field("published", &Record::published));
    t.push_back(date_field("updated", &Record::updated));
    t.push_back(date_field("published_print", &Record::published_print));
    t.push_back(date_field("published_online", &Record::published_online));
    t.push_back(text_field("doi", &Record::doi));
    t.push_back(text_field("url", &Record::url));
    t.push_back(text_field("arxiv_id", &Record::arxiv_id));
    t.push_back({"arxiv_version",
                 [](const Record& r) { return r.arxiv_version > 0 ? std::to_string(r.arxiv_version) : std::string(); },
                 [](Record& r, std::string_view v) -> Result<void> {
                   r.arxiv_version = 0;
                   if (v.empty()) return {};
                   auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), r.arxiv_version);
                   if (ec != std::errc() || p != v.data() + v.size()) {
                     return fail(ErrorCode::invalid_input, "field 'arxiv_version': not a number");
                   }
                   return {};
                 }});
    t.push_back(text_field("journal_ref", &Record::journal_ref));
    t.push_back(text_field("comment", &Record::comment));
    t.push_back(text_field("primary_category", &Record::primary_category));
    t.push_back(rows_field<std::string>(
        "categories", &Record::categories, [](const std::string& c) { return std::vector<std::string>{c}; },
        [](const std::vector<std::string>& row) -> Result<std::string> { return cell(row, 0); }));
    t.push_back(rows_field<Relation>(
        "relations", &Record::relations,
        [](const Relation& x) { return std::vector<std::string>{x.type, x.id_type, x.id}; },
        [](const std::vector<std::string>& row) -> Result<Relation> {
          return Relation{cell(row, 0), cell(row, 1), cell(row, 2)};
        }));
    t.push_back(rows_field<UpdateNotice>(
        "updates", &Record::updates,
        [](const UpdateNotice& u) { return std::vector<std::string>{u.type, u.doi, u.label, u.date.iso()}; },
        [](const std::vector<std::string>& row) -> Result<UpdateNotice> {
          UpdateNotice u{cell(row, 0), cell(row, 1), cell(row, 2), {}};
          if (!cell(row, 3).empty()) {
            auto d = PartialDate::parse(cell(row, 3));
            if (!d) return tl::unexpected(d.error());
            u.date = *d;
          }
          return u;
        }));
    return t;
  }();
  return table;
}

bool parse_int(std::string_view s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

std::string_view to_string(SourceKind s) { return s == SourceKind::arxiv ? "arxiv" : "crossref"; }

Result<SourceKind> parse_source_kind(std::string_view s) {
  if (s == "arxiv") return SourceKind::arxiv;
  if (s == "crossref") return SourceKind::crossref;
  return fail(ErrorCode::invalid_input, "unknown source '" + std::string(s) + "' (expected arxiv or crossref)");
}

std::string PartialDate::iso() const {
  if (year == 0) return {};
  char buf[16];
  if (month == 0) std::snprintf(buf, sizeof buf, "%04d", year);
  else if (day == 0) std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
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

std::vector<Field> record_fields(const Record& r) {
  std::vector<Field> out;
  out.reserve(codecs().size());
  for (const auto& c : codecs()) out.push_back({std::string(c.name), c.get(r)});
  return out;
}

Result<Record> record_from_fields(SourceKind source, const std::vector<Field>& fields) {
  static const std::map<std::string_view, const FieldCodec*> by_name = [] {
    std::map<std::string_view, const FieldCodec*> m;
    for (const auto& c : codecs()) m.emplace(c.name, &c);
    return m;
  }();
  Record r;
  r.source = source;
  for (const auto& f : fields) {
    auto it = by_name.find(f.name);
    if (it == by_name.end()) continue;
    if (auto ok = it->second->set(r, f.value); !ok) return tl::unexpected(ok.error());
  }
  return r;
}

std::vector<std::string> changed_fields(const Record& before, const Record& after) {
  std::vector<std::string> names;
  for (const auto& c : codecs()) {
    if (c.get(before) != c.get(after)) names.emplace_back(c.name);
  }
  return names;
}

}  // namespace scholard::core
