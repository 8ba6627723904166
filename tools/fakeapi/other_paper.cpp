#include "other_paper.hpp"

#include <algorithm>
#include <vector>

#include <simdjson.h>

#include "core/identifier.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "core/url.hpp"
#include "crossref_route.hpp"
#include "referee.hpp"
#include "semanticscholar_route.hpp"

namespace scholard::fakeapi {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::vector<std::string> split_list(std::string_view text, char separator) {
  std::vector<std::string> out;
  for (std::string_view part : core::split(text, separator)) {
    part = core::trim(part);
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

AskedFor arxiv(const Catalog& catalog, AskedFor asked, std::string_view other) {
  const std::string id_list = asked.params.get("id_list").value_or("");
  if (id_list.empty()) return asked;
  std::vector<std::string> ids;
  for (const std::string& id : split_list(id_list, ',')) ids.push_back(split_version(id).first);
  std::string chosen(other);
  for (const ArxivEntry& entry : catalog.arxiv_entries()) {
    if (!chosen.empty()) break;
    if (!contains(ids, entry.id)) chosen = entry.id;
  }
  if (!chosen.empty()) asked.params.set("id_list", chosen);
  return asked;
}

std::string first_work_not_in(const Catalog& catalog, const std::vector<std::string>& dois) {
  for (const CrossrefWork& work : catalog.works()) {
    if (!contains(dois, work.doi)) return work.doi;
  }
  return {};
}

AskedFor crossref(const Catalog& catalog, AskedFor asked, std::string_view other) {
  if (is_crossref_list_path(asked.path)) {
    std::vector<std::string> dois;
    for (const std::string& clause : split_list(asked.params.get("filter").value_or(""), ',')) {
      if (clause.starts_with("doi:")) dois.push_back(core::ascii_lower(clause.substr(4)));
    }
    if (dois.empty()) return asked;  // an ORCID list names no paper
    const std::string chosen = other.empty() ? first_work_not_in(catalog, dois) : std::string(other);
    if (!chosen.empty()) asked.params.set("filter", "doi:" + chosen);
    return asked;
  }
  const std::string_view path = asked.path;
  const auto works = path.find("/works/");
  if (works == std::string_view::npos) return asked;
  const std::string doi = core::ascii_lower(core::percent_decode(path.substr(works + 7)));
  const std::string chosen = other.empty() ? first_work_not_in(catalog, {doi}) : std::string(other);
  if (!chosen.empty()) asked.path = std::string(path.substr(0, works + 7)) + core::percent_encode(chosen);
  return asked;
}

AskedFor semanticscholar(const Catalog& catalog, AskedFor asked, std::string_view other) {
  if (s2_endpoint(asked.path) != S2Endpoint::batch) return asked;
  simdjson::dom::parser parser;
  simdjson::dom::array array;
  if (parser.parse(asked.body.data(), asked.body.size()).at_key("ids").get_array().get(array)) return asked;
  std::vector<std::string> ids;
  for (const simdjson::dom::element item : array) {
    std::string_view id;
    if (item.get_string().get(id)) return asked;
    ids.emplace_back(id);
  }
  if (ids.empty()) return asked;
  std::string chosen(other);
  const S2Paper* first = catalog.semanticscholar().find(ids.front());
  for (const S2Paper& paper : catalog.semanticscholar().papers()) {
    if (!chosen.empty()) break;
    if (&paper != first) chosen = paper.paper_id;
  }
  if (chosen.empty()) return asked;
  ids.front() = chosen;
  std::string body = "{\"ids\": [";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) body += ", ";
    body += core::json_quote(ids[i]);
  }
  asked.body = body + "]}";
  return asked;
}

}  // namespace

AskedFor ask_for_other_paper(const Catalog& catalog, Route route, AskedFor asked, std::string_view other) {
  switch (route) {
    case Route::arxiv: return arxiv(catalog, std::move(asked), other);
    case Route::crossref: return crossref(catalog, std::move(asked), other);
    case Route::semanticscholar: return semanticscholar(catalog, std::move(asked), other);
  }
  return asked;
}

}  // namespace scholard::fakeapi
