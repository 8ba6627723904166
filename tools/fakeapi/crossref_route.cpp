#include "crossref_route.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

#include <fmt/format.h>

#include "core/identifier.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "core/url.hpp"

namespace scholard::fakeapi {
namespace {

constexpr long k_default_rows = 20;
constexpr long k_max_rows = 1000;

std::string_view strip_version_prefix(std::string_view path) {
  if (path.starts_with("/v1/")) path.remove_prefix(3);
  return path;
}

Reply json_reply(unsigned status, std::string body, std::string content_type = "application/json") {
  Reply reply;
  reply.status = status;
  reply.set_header("Content-Type", std::move(content_type));
  reply.body = std::move(body);
  return reply;
}

Reply validation_failure(std::string_view type, std::string_view value, std::string_view message) {
  return json_reply(400,
                    fmt::format(R"({{"status":"failed","message-type":"validation-failure",)"
                                R"("message":[{{"type":{},"value":{},"message":{}}}]}})",
                                core::json_quote(type), core::json_quote(value), core::json_quote(message)),
                    "application/json;charset=utf-8");
}

struct Filters {
  std::vector<std::string> orcids;
  std::vector<std::string> dois;
};

bool matches(const CrossrefWork& work, const Filters& filters) {
  if (!filters.dois.empty() &&
      std::find(filters.dois.begin(), filters.dois.end(), work.doi) == filters.dois.end()) {
    return false;
  }
  if (!filters.orcids.empty()) {
    bool any = false;
    for (const auto& orcid : work.orcids) {
      any = any || std::find(filters.orcids.begin(), filters.orcids.end(), core::ascii_lower(orcid)) !=
                       filters.orcids.end();
    }
    if (!any) return false;
  }
  return true;
}

Reply work_list(const Catalog& catalog, const QueryParams& params) {
  Filters filters;
  const std::string filter = params.get("filter").value_or("");  // split() returns views into it
  for (const std::string_view clause : core::split(filter, ',')) {
    if (clause.empty()) continue;
    const auto colon = clause.find(':');
    const std::string_view name = clause.substr(0, colon);
    const std::string_view value = colon == std::string_view::npos ? std::string_view{} : clause.substr(colon + 1);
    if (name == "orcid") {
      const auto slash = value.rfind('/');
      filters.orcids.push_back(core::ascii_lower(slash == std::string_view::npos ? value : value.substr(slash + 1)));
    } else if (name == "doi") {
      filters.dois.push_back(core::ascii_lower(value));
    } else {
      // Crossref's own wording (its validate-filter-keys); the real list of
      // valid filters is long, this server knows two.
      return validation_failure("filter-not-available", name,
                                fmt::format("Filter {} specified but there is no such filter for this route. "
                                            "Valid filters for this route are: doi, orcid",
                                            name));
    }
  }
  long rows = k_default_rows;
  if (const auto text = params.get("rows")) {
    auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), rows);
    if (ec != std::errc{} || ptr != text->data() + text->size() || rows < 0 || rows > k_max_rows) {
      return validation_failure("integer-not-valid", *text,
                                fmt::format("Integer specified as {} but must be a positive integer less than "
                                            "or equal to 1000.",
                                            *text));
    }
  }
  std::vector<const CrossrefWork*> hits;
  for (const auto& work : catalog.works()) {
    if (matches(work, filters)) hits.push_back(&work);
  }
  std::string items;
  for (std::size_t i = 0; i < hits.size() && static_cast<long>(i) < rows; ++i) {
    if (i > 0) items += ',';
    items += hits[i]->message;
  }
  return json_reply(200, fmt::format(R"({{"status":"ok","message-type":"work-list","message-version":"1.0.0",)"
                                     R"("message":{{"facets":{{}},"total-results":{},"items":[{}],)"
                                     R"("items-per-page":{},"query":{{"start-index":0,"search-terms":null}}}}}})",
                                     hits.size(), items, rows));
}

}  // namespace

bool is_crossref_path(std::string_view raw_path) {
  const std::string_view path = strip_version_prefix(raw_path);
  return path == "/works" || path.starts_with("/works/");
}

bool is_crossref_list_path(std::string_view raw_path) {
  const std::string_view path = strip_version_prefix(raw_path);
  return path == "/works" || path == "/works/";
}

Pool pool_for(const QueryParams& params, std::string_view user_agent) {
  const auto mailto = params.get("mailto");
  if ((mailto && !mailto->empty()) || core::ascii_lower(user_agent).find("mailto:") != std::string::npos) {
    return Pool::polite;
  }
  return Pool::public_pool;
}

void add_crossref_headers(Reply& reply, Pool pool, const PoolLimits& limits, CrossrefRoute route) {
  const std::string name = pool == Pool::polite ? "polite" : "public";
  reply.set_header("x-api-pool", route == CrossrefRoute::list ? name + "-array" : name);
  reply.set_header("x-rate-limit-limit", std::to_string(limits.rate_limit));
  reply.set_header("x-rate-limit-interval", format_seconds(limits.interval) + "s");
  reply.set_header("x-concurrency-limit", std::to_string(limits.concurrency));
}

Reply handle_crossref(const Catalog& catalog, std::string_view raw_path, const QueryParams& params) {
  const std::string_view path = strip_version_prefix(raw_path);
  if (is_crossref_list_path(raw_path)) return work_list(catalog, params);
  const std::string doi = core::percent_decode(path.substr(7));
  if (const CrossrefWork* work = catalog.find_work(doi)) return json_reply(200, work->body);
  return json_reply(404, std::string(k_not_found_body), "text/plain");
}

}  // namespace scholard::fakeapi
