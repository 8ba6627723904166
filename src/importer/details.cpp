#include "importer/details.hpp"

#include <cctype>
#include <regex>
#include <string>

#include "core/month.hpp"
#include "core/text.hpp"
#include "core/url.hpp"

namespace scholard::importer {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

}  // namespace

// The link a render would not produce by itself becomes a url override.
void keep_url_if_needed(const std::string& url, Proposal& p) {
  if (url.empty()) return;
  const std::string lower = core::ascii_lower(url);
  const std::string host = core::ascii_lower(core::host_of(url));
  const bool arxiv_abs = p.arxiv && host.ends_with("arxiv.org") && lower.find("/abs/") != std::string::npos;
  const bool doi_org = p.doi && (host == "doi.org" || host == "dx.doi.org");
  if (!arxiv_abs && !doi_org) p.url = url;
}

void cut_list_to_max_authors(Proposal& p) {
  if (p.is_manual() || p.authors.empty() || p.authors.back() != "others") return;
  p.max_authors = static_cast<int>(p.authors.size() - 1);
}

bool is_arxiv_venue(std::string_view venue) {
  const std::string v = core::ascii_lower(core::trim(venue));
  if (v.empty()) return false;
  return v.starts_with("arxiv") || v == "corr" || v.starts_with("corr,") || v.starts_with("corr ") ||
         v == "preprint" || v.starts_with("preprint arxiv");
}

void venue_arxiv_id(Proposal& p) {
  static const std::regex k_id(R"((?:arxiv:\s*|arxiv preprint,?\s+|abs/)([a-z\-]+(?:\.[a-z]{2})?/\d{7}|\d{4}\.\d{4,5})(v\d+)?)",
                               std::regex::icase);
  std::smatch m;
  const std::string venue = p.venue;
  if (!std::regex_search(venue, m, k_id)) return;
  auto id = core::parse_arxiv_id(m[1].str());
  if (!id) return;
  p.arxiv = *id;
  p.certainty = Certainty::likely;
  p.reason = "arXiv id in the venue text";
}

int last_year(std::string_view text) {
  int year = 0;
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    const bool alone = (i == 0 || !is_digit(text[i - 1])) && (i + 4 == text.size() || !is_digit(text[i + 4]));
    if (!alone || !is_digit(text[i]) || !is_digit(text[i + 1]) || !is_digit(text[i + 2]) || !is_digit(text[i + 3])) continue;
    const int y = std::stoi(std::string(text.substr(i, 4)));
    if (y >= 1900 && y <= 2099) year = y;
  }
  return year;
}

void apply_details(std::string_view text, Proposal& p) {
  std::string rest = core::collapse_whitespace(text);
  static const std::regex k_numbers(R"((\d+)(?:\(([^)]+)\))?:\s*([0-9A-Za-z]+(?:\s*(?:-|--|–|−)\s*[0-9A-Za-z]+)?))");
  std::smatch m;
  if (std::regex_search(rest, m, k_numbers)) {
    p.volume = m[1].str();
    p.issue = m[2].str();
    p.pages = m[3].str();
    rest = m.prefix().str() + m.suffix().str();
  }
  if (const int y = last_year(rest); y != 0) {
    p.year = y;
    const std::size_t at = rest.rfind(std::to_string(y));
    rest.erase(at, 4);
  }
  std::string left;
  for (char c : rest) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80 || c == ' ') left += c;
  }
  left = core::collapse_whitespace(left);
  if (auto month = core::parse_month_name(left); month && p.year) {  // "February 2024": kept as `month`
    p.month = *month;
    return;
  }
  if (!left.empty()) {
    std::string shown = core::collapse_whitespace(text);
    while (!shown.empty() && (shown.front() == ',' || shown.front() == ' ')) shown.erase(0, 1);
    while (!shown.empty() && (shown.back() == '.' || shown.back() == ' ')) shown.pop_back();
    p.notes.push_back("the source says \"" + shown + "\"; scholard renders the year only");
  }
}

}  // namespace scholard::importer
