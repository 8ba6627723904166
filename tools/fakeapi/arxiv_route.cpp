#include "arxiv_route.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>

#include "core/text.hpp"

namespace scholard::fakeapi {
namespace {

constexpr long k_max_window = 10'000;  // start + max_results beyond this crash the real service
constexpr std::string_view k_internal_error =
    "The server encountered an internal error and was unable to complete your request. Either the server "
    "is overloaded or there is an error in the application.";
constexpr std::string_view k_sort_help = "https://arxiv.org/help/api/user-manual#sort";

Reply error_reply(unsigned status, FeedFormat format, ErrorInfo info, WallTime now) {
  Reply reply;
  reply.status = status;
  reply.set_header("Content-Type", std::string(k_atom_content_type));
  reply.body = build_error_feed(format, info, now);
  return reply;
}

Reply validation_error(FeedFormat format, std::string message, WallTime now) {
  std::string url = error_url_for(message, format);
  return error_reply(400, format, ErrorInfo{std::move(message), std::move(url)}, now);
}

// Parses a non-negative integer parameter; the error message is arXiv's.
std::optional<std::string> read_count(const QueryParams& params, std::string_view name, long fallback,
                                      long& out) {
  const auto text = params.get(name);
  out = fallback;
  if (!text || text->empty()) return std::nullopt;
  const std::string_view value = core::trim(*text);
  long parsed = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (ec != std::errc{} || ptr != value.data() + value.size()) return std::string(name) + " must be an integer";
  if (parsed < 0) return std::string(name) + " must be non-negative";
  out = parsed;
  return std::nullopt;
}

std::vector<std::string> tokens_of(std::string_view text) {
  std::vector<std::string> out;
  const std::string folded = core::fold_for_match(text);  // split() returns views into it
  for (const std::string_view piece : core::split(folded, ' ')) {
    if (!piece.empty()) out.emplace_back(piece);
  }
  return out;
}

void sort_hits(std::vector<const ArxivEntry*>& hits, std::string_view sort_by, bool ascending) {
  const auto key = [sort_by](const ArxivEntry* e) -> const std::string& {
    if (sort_by == "submittedDate") return e->published;
    if (sort_by == "lastUpdatedDate") return e->updated;
    return e->id;  // relevance: every id_list hit scores the same; order by id
  };
  std::sort(hits.begin(), hits.end(), [&](const ArxivEntry* a, const ArxivEntry* b) {
    if (key(a) != key(b)) return ascending ? key(a) < key(b) : key(a) > key(b);
    return a->versioned_id() < b->versioned_id();
  });
}

bool matches_authors(const ArxivEntry& entry, const std::vector<std::string>& names) {
  for (const auto& name : names) {
    for (const auto& author : entry.authors) {
      if (author_matches(name, author)) return true;
    }
  }
  return false;
}

}  // namespace

bool author_matches(std::string_view query_name, std::string_view author_name) {
  const auto query = tokens_of(query_name);
  const auto name = tokens_of(author_name);
  if (query.empty() || std::none_of(query.begin(), query.end(), [](const auto& t) { return t.size() > 1; })) {
    return false;
  }
  std::vector<bool> used(name.size(), false);
  for (const auto& token : query) {
    bool found = false;
    for (std::size_t i = 0; i < name.size() && !found; ++i) {
      if (used[i]) continue;
      if (name[i] == token || (token.size() == 1 && name[i].starts_with(token))) {
        used[i] = true;
        found = true;
      }
    }
    if (!found) return false;
  }
  return true;
}

std::vector<std::string> parse_author_query(std::string_view search_query) {
  std::string_view q = core::trim(search_query);
  if (q.size() >= 2 && q.front() == '(' && q.back() == ')') q = core::trim(q.substr(1, q.size() - 2));
  std::vector<std::string> names;
  while (!q.empty()) {
    const auto or_pos = q.find(" OR ");
    std::string_view term = core::trim(q.substr(0, or_pos));
    q = or_pos == std::string_view::npos ? std::string_view{} : q.substr(or_pos + 4);
    if (!term.starts_with("au:") || term.size() == 3) return {};
    std::string name(term.substr(3));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    if (name.find_first_of("():\"") != std::string::npos) return {};
    std::replace(name.begin(), name.end(), '_', ' ');
    names.push_back(std::move(name));
  }
  return names;
}

Reply handle_arxiv_query(const Catalog& catalog, const QueryParams& params, FeedFormat format,
                         WallTime now) {
  FeedQuery query;
  query.search_query = params.get("search_query").value_or("");
  query.id_list = params.get("id_list").value_or("");
  if (auto bad = read_count(params, "start", 0, query.start)) return validation_error(format, *bad, now);
  if (auto bad = read_count(params, "max_results", 10, query.max_results)) {
    return validation_error(format, *bad, now);
  }
  const std::string sort_by = params.get("sortBy").value_or("relevance");
  const std::string sort_order = params.get("sortOrder").value_or("descending");
  if (sort_by != "relevance" && sort_by != "lastUpdatedDate" && sort_by != "submittedDate") {
    return error_reply(400, format,
                       {"sortBy must be in: relevance, lastUpdatedDate, submittedDate", std::string(k_sort_help)},
                       now);
  }
  if (sort_order != "ascending" && sort_order != "descending") {
    return error_reply(400, format, {"sortOrder must be in: ascending, descending", std::string(k_sort_help)}, now);
  }
  if (query.search_query.empty() && query.id_list.empty()) {
    const std::string scheme = format == FeedFormat::current ? "https" : "http";
    return error_reply(400, format,
                       {"Either a search_query or id_list must be specified for the classic API.",
                        scheme + "://arxiv.org/api/errors"},
                       now);
  }
  std::vector<std::string> ids;
  if (!query.id_list.empty()) {
    for (const std::string_view id : core::split(query.id_list, ',')) {
      if (!passes_loose_validation(id)) {
        return validation_error(format, "incorrect id format for " + std::string(id), now);
      }
      ids.emplace_back(id);
    }
  }
  std::vector<std::string> authors;
  if (!query.search_query.empty()) {
    authors = parse_author_query(query.search_query);
    if (authors.empty()) {
      return error_reply(400, format,
                         {"Invalid query string: '" + query.search_query +
                              "' (this fake server answers only au: terms joined by OR)",
                          error_url_for("Invalid query string", format)},
                         now);
    }
  }
  if (query.max_results == 0 || query.start + query.max_results > k_max_window) {
    const std::string scheme = format == FeedFormat::current ? "https" : "http";
    return error_reply(500, format, {std::string(k_internal_error), scheme + "://arxiv.org/api/errors"}, now);
  }

  std::vector<const ArxivEntry*> hits;
  if (!ids.empty()) {
    std::set<std::string> seen;
    for (const auto& id : ids) {
      const ArxivEntry* entry = catalog.find_arxiv(id);
      if (entry != nullptr && seen.insert(entry->versioned_id()).second) hits.push_back(entry);
    }
  } else {
    hits = catalog.search_pool();
  }
  if (!authors.empty()) {
    std::erase_if(hits, [&](const ArxivEntry* e) { return !matches_authors(*e, authors); });
  }
  sort_hits(hits, sort_by, sort_order == "ascending");

  query.total_results = static_cast<long>(hits.size());
  const auto first = std::min(hits.size(), static_cast<std::size_t>(query.start));
  const auto last = std::min(hits.size(), first + static_cast<std::size_t>(query.max_results));
  const std::vector<const ArxivEntry*> page(hits.begin() + static_cast<std::ptrdiff_t>(first),
                                            hits.begin() + static_cast<std::ptrdiff_t>(last));
  Reply reply;
  reply.set_header("Content-Type", std::string(k_atom_content_type));
  reply.body = build_feed(format, query, page, now);
  return reply;
}

}  // namespace scholard::fakeapi
