#include "fetchers/crossref_list.hpp"

#include <algorithm>
#include <utility>

#include "core/text.hpp"
#include "core/url.hpp"
#include "fetchers/crossref_fetcher.hpp"
#include "fetchers/crossref_parser.hpp"
#include "fetchers/http_util.hpp"

namespace scholard::fetchers {
namespace {

// What one answer means: the works, or why there are none.
WorkListResult interpret(const net::Response& response, const std::string& host) {
  WorkListResult result;
  result.requests = 1;
  result.attempts = response.attempts;
  if (response.outcome != net::Outcome::ok || response.status != 200) {
    result.error = describe_failure(response, host);
    // Crossref explains a 400 in its JSON body: keep the first words of it.
    if (response.status == 400 && !response.body.empty()) {
      result.error += ": " + core::collapse_whitespace(response.body.substr(0, 300));
    }
    return result;
  }
  auto works = parse_crossref_work_list(response.body);
  if (!works) {
    result.error = host + ": " + works.error().message;
    return result;
  }
  result.records = std::move(*works);
  return result;
}

}  // namespace

std::string crossref_orcid_works_url(const CrossrefListOptions& options) {
  std::string url = options.base_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += "/works?filter=orcid:" + core::percent_encode(options.orcid);
  url += "&rows=" + std::to_string(std::clamp(options.rows, 1, 1000));
  url += "&sort=published&order=desc";
  if (!options.mailto.empty()) url += "&mailto=" + core::percent_encode(options.mailto);
  return url;
}

void list_crossref_works(net::HttpClient& client, CrossrefListOptions options, WorkListHandler done) {
  if (core::trim(options.orcid).empty()) {
    WorkListResult empty;
    empty.error = "no ORCID to ask Crossref about";
    if (done) done(std::move(empty));
    return;
  }
  net::Request request;
  request.url = crossref_orcid_works_url(options);
  request.source = std::string(k_crossref_list_key);  // Crossref's list limits, whatever the host
  request.headers.emplace_back("Accept", "application/json");
  client.get(std::move(request), [host = core::host_of(options.base_url), done = std::move(done)](net::Response r) {
    if (done) done(interpret(r, host));
  });
}

}  // namespace scholard::fetchers
