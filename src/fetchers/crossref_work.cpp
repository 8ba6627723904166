#include "fetchers/crossref_work.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string_view>
#include <utility>
#include <vector>

#include "core/identifier.hpp"
#include "core/markup.hpp"
#include "core/text.hpp"
#include "fetchers/crossref_parser.hpp"

namespace scholard::fetchers {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

bool is_type(od::value& v, od::json_type want) {
  od::json_type t;
  return !v.type().get(t) && t == want;
}

// Calls fn(key, value) for each field of an object; any other type is skipped
// (every Crossref field is optional, and a wrong shape is not worth failing on).
template <typename Fn>
error_code for_each_field(od::value& v, Fn&& fn) {
  if (!is_type(v, od::json_type::object)) return SUCCESS;
  od::object obj;
  if (auto e = v.get_object().get(obj)) return e;
  for (auto f : obj) {
    od::field field;
    if (auto e = std::move(f).get(field)) return e;
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    if (auto e = fn(key, field.value())) return e;
  }
  return SUCCESS;
}

// Calls fn(value) for each element of an array; any other type is skipped.
template <typename Fn>
error_code for_each_element(od::value& v, Fn&& fn) {
  if (!is_type(v, od::json_type::array)) return SUCCESS;
  od::array arr;
  if (auto e = v.get_array().get(arr)) return e;
  for (auto element : arr) {
    od::value item;
    if (auto e = std::move(element).get(item)) return e;
    if (auto e = fn(item)) return e;
  }
  return SUCCESS;
}

// The first non-empty string of an array of strings (or the string itself).
error_code read_first_text(od::value& v, std::string& out) {
  if (!is_type(v, od::json_type::array)) return read_text(v, out);
  bool done = false;
  return for_each_element(v, [&](od::value& item) -> error_code {
    if (done) return SUCCESS;
    std::string s;
    if (auto e = read_text(item, s)) return e;
    done = !s.empty();
    if (done) out = std::move(s);
    return SUCCESS;
  });
}

bool plausible(const core::PartialDate& d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 0 && d.month <= 12 && d.day >= 0 && d.day <= 31 &&
         !(d.month == 0 && d.day != 0);
}

// {"date-parts": [[2024, 1, 17]]}, [[2020]], [[2020, 5]] or [[null]].
error_code read_date_parts(od::value& parts, core::PartialDate& out) {
  core::PartialDate d;
  int index = 0;
  auto e = for_each_element(parts, [&](od::value& n) -> error_code {
    std::int64_t x = 0;
    if (is_type(n, od::json_type::number)) {
      if (auto err = n.get_int64().get(x)) return err;
    }
    const int value = x >= 0 && x <= 9999 ? static_cast<int>(x) : 0;
    if (index == 0) d.year = value;
    else if (index == 1) d.month = value;
    else if (index == 2) d.day = value;
    ++index;
    return SUCCESS;
  });
  if (!e && plausible(d)) out = d;
  return e;
}

error_code read_date(od::value& v, core::PartialDate& out) {
  return for_each_field(v, [&](std::string_view key, od::value& val) -> error_code {
    if (key != "date-parts") return SUCCESS;
    bool first = true;
    return for_each_element(val, [&](od::value& parts) -> error_code {
      if (!first) return SUCCESS;
      first = false;
      return read_date_parts(parts, out);
    });
  });
}

// `s` = core::strip_markup(s). Text with no '<' and no '&' has no tag and no
// entity, and strip_markup then only collapses whitespace: done in place, with
// no allocation (most names, venues and publishers).
void clean(std::string& s) {
  if (s.find('<') == std::string::npos && s.find('&') == std::string::npos) core::collapse_whitespace_in_place(s);
  else s = core::strip_markup(s);
}

// `s` = std::string(core::trim(s)), in place.
void trim_in_place(std::string& s) {
  const std::string_view t = core::trim(s);
  const auto start = static_cast<std::size_t>(t.data() - s.data());
  s.resize(start + t.size());
  s.erase(0, start);
}

// `s` = core::ascii_lower(s), in place.
void lower_in_place(std::string& s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// The bare ORCID iD of `orcid` (trimmed, no orcid.org prefix), in place.
void bare_orcid(std::string& orcid) {
  trim_in_place(orcid);
  for (std::string_view prefix : {"https://orcid.org/", "http://orcid.org/", "orcid.org/"}) {
    if (std::string_view(orcid).starts_with(prefix)) {
      orcid.erase(0, prefix.size());
      return;
    }
  }
}

error_code read_affiliations(od::value& v, std::vector<std::string>& out) {
  return for_each_element(v, [&](od::value& item) -> error_code {
    std::string name;
    auto e = for_each_field(item, [&](std::string_view key, od::value& val) -> error_code {
      return key == "name" ? read_text(val, name) : SUCCESS;
    });
    if (!e && !core::trim(name).empty()) {
      clean(name);
      out.push_back(std::move(name));
    }
    return e;
  });
}

error_code read_author(od::value& v, core::Author& a) {
  std::string name;
  auto e = for_each_field(v, [&](std::string_view key, od::value& val) -> error_code {
    if (key == "given") return read_text(val, a.given);
    if (key == "family") return read_text(val, a.family);
    if (key == "name") return read_text(val, name);
    if (key == "sequence") return read_text(val, a.sequence);
    if (key == "ORCID") return read_text(val, a.orcid);
    if (key == "affiliation") return read_affiliations(val, a.affiliations);
    return SUCCESS;
  });
  clean(a.given);
  clean(a.family);
  bare_orcid(a.orcid);
  if (!core::trim(name).empty()) {
    a.name = std::move(name);
    clean(a.name);
  } else {  // core::collapse_whitespace(given + " " + family)
    a.name.reserve(a.given.size() + 1 + a.family.size());
    a.name.assign(a.given).append(1, ' ').append(a.family);
    core::collapse_whitespace_in_place(a.name);
  }
  return e;
}

// Authors are read into a list kept per thread and then moved into `out` at
// their final count: works often list dozens of authors, and growing `out`
// one by one would allocate and move them several times over.
error_code read_authors(od::value& v, std::vector<core::Author>& out) {
  thread_local std::vector<core::Author> read;
  read.clear();
  const auto e = for_each_element(v, [&](od::value& item) -> error_code {
    if (auto err = read_author(item, read.emplace_back())) {
      read.pop_back();
      return err;
    }
    return SUCCESS;
  });
  out.reserve(out.size() + read.size());
  std::move(read.begin(), read.end(), std::back_inserter(out));
  read.clear();
  return e;
}

// An arXiv DOI or an id-type "arxiv" id becomes {type, "arxiv", canonical id};
// other DOIs are normalised (lower case, no doi.org prefix).
core::Relation normalise_relation(std::string type, const std::string& id_type, const std::string& id) {
  const std::string kind = core::ascii_lower(core::trim(id_type));
  if (kind == "doi") {
    auto doi = core::parse_doi(id);
    if (!doi) return {std::move(type), kind, core::ascii_lower(core::trim(id))};
    if (auto ax = core::arxiv_id_from_doi(*doi)) return {std::move(type), "arxiv", ax->id};
    return {std::move(type), kind, doi->value};
  }
  if (kind == "arxiv") {
    if (auto ax = core::parse_arxiv_id(id)) return {std::move(type), "arxiv", ax->id};
  }
  return {std::move(type), kind, std::string(core::trim(id))};
}

error_code read_relations(od::value& v, std::vector<core::Relation>& out) {
  return for_each_field(v, [&](std::string_view type, od::value& list) -> error_code {
    const std::string relation_type(type);
    return for_each_element(list, [&](od::value& item) -> error_code {
      std::string id_type, id;
      auto e = for_each_field(item, [&](std::string_view key, od::value& val) -> error_code {
        if (key == "id-type") return read_text(val, id_type);
        if (key == "id") return read_text(val, id);
        return SUCCESS;
      });
      if (!e && !core::trim(id).empty()) out.push_back(normalise_relation(relation_type, id_type, id));
      return e;
    });
  });
}

error_code read_updates(od::value& v, std::vector<core::UpdateNotice>& out) {
  return for_each_element(v, [&](od::value& item) -> error_code {
    core::UpdateNotice u;
    auto e = for_each_field(item, [&](std::string_view key, od::value& val) -> error_code {
      if (key == "DOI") return read_text(val, u.doi);
      if (key == "type") return read_text(val, u.type);
      if (key == "label") return read_text(val, u.label);
      if (key == "updated") return read_date(val, u.date);
      return SUCCESS;
    });
    trim_in_place(u.doi);
    lower_in_place(u.doi);
    if (!e) out.push_back(std::move(u));
    return e;
  });
}

// What is read raw first and mapped once the whole object has been seen.
struct WorkScratch {
  std::string title;
  std::string subtitle;
  std::string abstract;
  core::PartialDate published;
  core::PartialDate issued;
  std::vector<core::UpdateNotice> update_to;
};

error_code read_work_field(std::string_view key, od::value& v, core::Record& r, WorkScratch& s) {
  if (key == "title") return read_first_text(v, s.title);
  if (key == "subtitle") return read_first_text(v, s.subtitle);
  if (key == "author") return read_authors(v, r.authors);
  if (key == "type") return read_text(v, r.type);
  if (key == "container-title") return read_first_text(v, r.venue);
  if (key == "short-container-title") return read_first_text(v, r.venue_short);
  if (key == "publisher") return read_text(v, r.publisher);
  if (key == "volume") return read_text(v, r.volume);
  if (key == "issue") return read_text(v, r.issue);
  if (key == "page") return read_text(v, r.pages);
  if (key == "article-number") return read_text(v, r.article_number);
  if (key == "published") return read_date(v, s.published);
  if (key == "issued") return read_date(v, s.issued);
  if (key == "published-print") return read_date(v, r.published_print);
  if (key == "published-online") return read_date(v, r.published_online);
  if (key == "DOI") return read_text(v, r.doi);
  if (key == "URL") return read_text(v, r.url);
  if (key == "abstract") return read_text(v, s.abstract);
  if (key == "relation") return read_relations(v, r.relations);
  if (key == "updated-by") return read_updates(v, r.updates);
  if (key == "update-to") return read_updates(v, s.update_to);
  return SUCCESS;
}

// JATS abstracts often open with <jats:title>Abstract</jats:title>: a heading, not text.
std::string plain_abstract(std::string_view raw) {
  std::string_view s = core::trim(raw);
  constexpr std::string_view k_close = "</jats:title>";
  if (s.starts_with("<jats:title")) {
    if (auto end = s.find(k_close); end != std::string_view::npos) s.remove_prefix(end + k_close.size());
  }
  return core::strip_markup(s);
}

void finish(core::Record& r, WorkScratch& s) {
  r.title = s.title;
  clean(r.title);
  r.title_raw = std::move(s.title);
  if (!core::trim(s.subtitle).empty()) {
    const bool ends_in_punct = !r.title.empty() && std::string_view(":?!.").find(r.title.back()) != std::string_view::npos;
    const std::string_view sep = ends_in_punct ? " " : ": ";
    r.title_raw.append(sep).append(s.subtitle);
    clean(s.subtitle);
    r.title.append(sep).append(s.subtitle);
  }
  trim_in_place(r.type);
  clean(r.venue);
  clean(r.venue_short);
  clean(r.publisher);
  trim_in_place(r.doi);
  lower_in_place(r.doi);
  r.published = s.published.empty() ? s.issued : s.published;
  r.summary = plain_abstract(s.abstract);
  for (const core::UpdateNotice& u : s.update_to) {
    if (!u.doi.empty()) r.relations.push_back({"update-to:" + u.type, "doi", u.doi});
  }
}

}  // namespace

error_code read_text(od::value& v, std::string& out) {
  od::json_type t;
  if (auto e = v.type().get(t)) return e;
  if (t == od::json_type::string) {
    std::string_view s;
    if (auto e = v.get_string().get(s)) return e;
    out.assign(s);
  } else if (t == od::json_type::number) {
    out.assign(core::trim(v.raw_json_token()));
  }
  return SUCCESS;
}

error_code read_crossref_work(od::value& v, core::Record& r) {
  r.source = std::string(k_crossref_source);
  WorkScratch scratch;
  auto e = for_each_field(v, [&](std::string_view key, od::value& val) { return read_work_field(key, val, r, scratch); });
  if (e) return e;
  finish(r, scratch);
  return SUCCESS;
}

}  // namespace scholard::fetchers
