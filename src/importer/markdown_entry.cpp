#include "importer/markdown_entry.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <regex>

#include "core/text.hpp"
#include "core/url.hpp"
#include "importer/details.hpp"

namespace scholard::importer {
namespace {

bool is_space_or_punct(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0 || std::ispunct(static_cast<unsigned char>(c)) != 0; }

// Index one past the bracket closing the one at `open` (nesting and escapes
// respected), or npos.
std::size_t close_of(std::string_view s, std::size_t open, char o, char c) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == o) {
      ++depth;
    } else if (s[i] == c && --depth == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// An emphasised span `_x_` or `*x*` (single markers, not bold, not escaped).
struct Emphasis {
  std::size_t open = 0;
  std::size_t close = 0;  // index of the closing marker
};

std::vector<Emphasis> emphases(std::string_view s) {
  std::vector<Emphasis> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char m = s[i];
    if (m == '\\') {
      ++i;
      continue;
    }
    if (m != '_' && m != '*') continue;
    if (m == '*' && i + 1 < s.size() && s[i + 1] == '*') {
      ++i;  // bold: skip both markers
      continue;
    }
    const bool opens = (i == 0 || is_space_or_punct(s[i - 1])) && i + 1 < s.size() && !std::isspace(static_cast<unsigned char>(s[i + 1]));
    if (!opens) continue;
    for (std::size_t j = i + 1; j < s.size(); ++j) {
      if (s[j] == '\\') {
        ++j;
      } else if (s[j] == m && !(m == '*' && j + 1 < s.size() && s[j + 1] == '*') && (j + 1 == s.size() || is_space_or_punct(s[j + 1]))) {
        out.push_back(Emphasis{i, j});
        i = j;
        break;
      }
    }
  }
  return out;
}

std::string kind_of_page(std::string_view url) {
  if (url.empty()) return "no link";
  const std::string lower = core::ascii_lower(url);
  const std::string host = core::ascii_lower(core::host_of(url));
  if (lower.ends_with(".pdf")) return "PDF link";
  for (std::string_view p : {"nips.cc", "proceedings", "openreview", "aclanthology", "mlr.press", "ieeexplore", "acm.org"}) {
    if (host.find(p) != std::string::npos) return "proceedings page";
  }
  if (host.find("blog") != std::string::npos) return "blog post";
  for (std::string_view p : {"/blog", "/research/", "/news/", "/posts/", "/post/"}) {
    if (lower.find(p) != std::string::npos) return "blog post";
  }
  return "web page";
}

// Takes the ids the links give. The title link (index 0 when `title_link`) wins.
void ids_from_links(const std::vector<MarkdownLink>& links, bool title_link, Proposal& p) {
  for (std::size_t i = 0; i < links.size(); ++i) {
    auto id = core::parse_identifier(links[i].url);
    if (!id) continue;
    const bool from_title = title_link && i == 0;
    const std::string suffix = from_title ? "" : " ([" + links[i].text + "])";
    const std::string host = core::ascii_lower(core::host_of(links[i].url));
    if (id->kind == core::IdKind::arxiv && !p.arxiv) {
      p.arxiv = id->arxiv;
      if (p.reason.empty()) {
        p.reason = (core::ascii_lower(links[i].url).find("/pdf/") != std::string::npos ? "arXiv PDF link" : "arXiv abs link") + suffix;
      }
    } else if (id->kind == core::IdKind::doi && !p.doi) {
      p.doi = id->doi;
      const bool doi_org = host == "doi.org" || host == "dx.doi.org" || host.ends_with(".doi.org");
      if (p.reason.empty()) p.reason = (doi_org ? "DOI link" : "DOI in the link to " + host) + suffix;
    }
  }
  if (!p.is_manual()) p.certainty = Certainty::certain;
}

// `text` without its links, and without brackets wrapping one ("[[pdf](url)]").
std::string strip_links(const std::string& text) {
  std::string out = text;
  const auto links = find_links(text);
  for (auto it = links.rbegin(); it != links.rend(); ++it) {
    std::size_t b = it->begin;
    std::size_t e = it->end;
    if (b > 0 && e < out.size() && out[b - 1] == '[' && out[e] == ']') {
      --b;
      ++e;
    }
    out.erase(b, e - b);
  }
  return std::string(core::trim(core::collapse_whitespace(out)));
}

// Splits "A, **B**\*, C et al." into names; notes bold, equal marks and et al.
void parse_authors(std::string_view text, Proposal& p) {
  std::string s = core::collapse_whitespace(text);
  while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == ' ')) {
    const bool initial = s.back() == '.' && s.size() >= 3 && s[s.size() - 3] == ' ' && std::isupper(static_cast<unsigned char>(s[s.size() - 2]));
    if (initial) break;
    s.pop_back();
  }
  bool truncated = false;
  for (std::string_view tail : {"et al", "et al."}) {
    if (s.ends_with(tail)) {
      s.resize(s.size() - tail.size());
      truncated = true;
    }
  }
  // "A, B, et al.": the page's style for this list (et_al = ", et al.").
  if (truncated && core::trim(s).ends_with(',')) p.et_al = ", et al.";
  s = std::regex_replace(s, std::regex(",? and |, & | & "), ", ");
  std::vector<std::string> names;
  for (std::string_view piece : core::split(s, ',')) {
    std::string name(core::trim(piece));
    if (name.empty()) continue;
    const bool bold = name.find("**") != std::string::npos;
    name = std::regex_replace(name, std::regex(R"(\*\*)"), "");
    bool equal = false;
    for (std::string_view mark : {"\\*", "*", "†", "\\†"}) {
      if (name.ends_with(mark)) {
        name.resize(name.size() - mark.size());
        equal = true;
      }
    }
    name = core::collapse_whitespace(unescape_markdown(name));
    if (name.empty()) continue;
    if (bold && p.bold_author.empty()) p.bold_author = name;
    if (equal) p.equal_contribution.push_back(name);
    names.push_back(name);
  }
  if (truncated) names.emplace_back("others");
  p.authors = std::move(names);
}

// The quoted title of an entry: the first double quote (straight or curly),
// when it opens the entry or follows the author list ("A, B. \"T.\"",
// "A and B, “T,”"); a quote in the middle of a sentence is not a title.
struct QuotedTitle {
  std::size_t open = 0;       // the opening quote
  std::string title;          // without the quotes and a trailing ',' or '.'
  std::size_t after = 0;      // one past the closing quote
};

constexpr std::string_view k_left_quote = "\xe2\x80\x9c";   // “
constexpr std::string_view k_right_quote = "\xe2\x80\x9d";  // ”

std::optional<QuotedTitle> find_quoted_title(std::string_view s) {
  std::size_t open = std::string_view::npos;
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"' || s.substr(i, k_left_quote.size()) == k_left_quote) {
      open = i;
      width = s[i] == '"' ? 1 : k_left_quote.size();
      break;
    }
  }
  if (open == std::string_view::npos) return std::nullopt;
  const std::string_view before = core::trim(s.substr(0, open));
  if (!before.empty() && before.back() != '.' && before.back() != ',' && before.back() != ':') return std::nullopt;
  const std::size_t begin = open + width;
  const std::size_t straight = s.find('"', begin);
  const std::size_t curly = s.find(k_right_quote, begin);
  const std::size_t close = std::min(straight, curly);
  if (close == std::string_view::npos) return std::nullopt;
  std::string title = unescape_markdown(core::trim(s.substr(begin, close - begin)));
  while (!title.empty() && (title.back() == ',' || title.back() == '.')) title.pop_back();
  bool letter = false;
  for (char c : title) letter = letter || std::isalpha(static_cast<unsigned char>(c)) != 0 || static_cast<unsigned char>(c) >= 0x80;
  if (!letter) return std::nullopt;
  return QuotedTitle{open, title, close + (close == straight ? 1 : k_right_quote.size())};
}

// `**Title**.` opening the entry: the title, or "" when the entry does not start so.
std::string bold_title(std::string_view s) {
  if (!s.starts_with("**")) return {};
  const std::size_t close = s.find("**", 2);
  if (close == std::string_view::npos || close == 2) return {};
  const std::size_t next = close + 2;
  if (next < s.size() && s[next] != '.' && s[next] != ':') return {};
  return unescape_markdown(core::trim(s.substr(2, close - 2)));
}

bool has_id_link(const std::vector<MarkdownLink>& links) {
  for (const MarkdownLink& l : links) {
    auto id = core::parse_identifier(l.url);
    if (id && (id->kind == core::IdKind::arxiv || id->kind == core::IdKind::doi)) return true;
  }
  return false;
}

TitleForm form_of(std::string_view text, const std::vector<MarkdownLink>& links) {
  if (!links.empty() && links[0].begin == 0) return TitleForm::linked;
  if (find_quoted_title(text)) return TitleForm::quoted;
  if (!bold_title(text).empty() && has_id_link(links)) return TitleForm::bold_with_id_link;
  return TitleForm::none;
}

// "Benton, J. (2024)." -> "Benton, J.": a year in parentheses after the authors.
std::string without_parenthesised_year(std::string_view text) {
  static const std::regex k_year(R"(\(\s*(19|20)\d\d[a-z]?\s*\))");
  return std::regex_replace(std::string(text), k_year, "");
}

// Authors, venue and details from the text after the title.
void parse_after_title(std::string_view rest, Proposal& p) {
  std::optional<Emphasis> venue;
  for (const Emphasis& e : emphases(rest)) {
    std::string_view before = core::trim(rest.substr(0, e.open));
    if (before.empty() || before.back() == '.') {
      venue = e;
      break;
    }
  }
  if (!venue) {
    const std::size_t dot = rest.find(". ");
    parse_authors(rest.substr(0, dot), p);
    if (dot != std::string_view::npos) apply_details(rest.substr(dot + 2), p);
    return;
  }
  parse_authors(rest.substr(0, venue->open), p);
  p.venue = core::collapse_whitespace(unescape_markdown(rest.substr(venue->open + 1, venue->close - venue->open - 1)));
  apply_details(rest.substr(venue->close + 1), p);
}

// Venue and details after a quoted title that followed its authors:
// "_Venue_, 2023." or "Venue, 24(3):1-10, 2023." (the venue up to the first comma).
void parse_venue_and_details(std::string_view rest, Proposal& p) {
  const auto found = emphases(rest);
  if (!found.empty() && found[0].open == 0) {
    p.venue = core::collapse_whitespace(unescape_markdown(rest.substr(1, found[0].close - 1)));
    apply_details(rest.substr(found[0].close + 1), p);
    return;
  }
  const std::size_t comma = rest.find(", ");
  if (comma == std::string_view::npos) {
    apply_details(rest, p);
    return;
  }
  p.venue = core::collapse_whitespace(unescape_markdown(rest.substr(0, comma)));
  apply_details(rest.substr(comma + 2), p);
}

std::string trim_leading_punctuation(std::string text) {
  while (!text.empty() && (text.front() == '.' || text.front() == ',' || text.front() == ' ' || text.front() == ':')) {
    text.erase(0, 1);
  }
  return text;
}

}  // namespace

TitleForm title_form(std::string_view text) { return form_of(text, find_links(text)); }

std::string unescape_markdown(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && std::ispunct(static_cast<unsigned char>(text[i + 1])) != 0) ++i;
    out += text[i];
  }
  return out;
}

std::vector<MarkdownLink> find_links(std::string_view text) {
  std::vector<MarkdownLink> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text[i] != '[' || (i > 0 && text[i - 1] == '!')) continue;
    const std::size_t close = close_of(text, i, '[', ']');
    if (close == std::string_view::npos || close >= text.size() || text[close] != '(') continue;
    const std::size_t end = close_of(text, close, '(', ')');
    if (end == std::string_view::npos) continue;
    std::string_view inner = text.substr(i + 1, close - i - 2);
    const auto nested = find_links(inner);  // [[arXiv](url)]: the inner link is the link
    if (!nested.empty()) continue;
    std::string url(core::trim(text.substr(close + 1, end - close - 2)));
    if (auto sp = url.find(' '); sp != std::string::npos) url.resize(sp);  // [x](url "title")
    out.push_back(MarkdownLink{i, end, core::collapse_whitespace(unescape_markdown(inner)), url});
    i = end - 1;
  }
  return out;
}

Proposal parse_markdown_entry(std::string_view raw, int line) {
  Proposal p;
  p.line = line;
  const std::string text = core::collapse_whitespace(raw);
  const std::vector<MarkdownLink> links = find_links(text);
  const TitleForm form = form_of(text, links);
  const bool title_link = form == TitleForm::linked;
  std::string rest;
  if (title_link) {
    p.title = links[0].text;
    rest = text.substr(links[0].end);
  } else if (form == TitleForm::quoted) {
    const auto quoted = find_quoted_title(text);
    p.title = quoted->title;
    const std::string authors = strip_links(without_parenthesised_year(text.substr(0, quoted->open)));
    rest = trim_leading_punctuation(strip_links(text.substr(quoted->after)));
    if (!authors.empty()) {
      parse_authors(authors, p);
      parse_venue_and_details(rest, p);
      rest.clear();
    }
  } else {
    const std::size_t dot = text.find(". ");
    p.title = unescape_markdown(std::regex_replace(text.substr(0, dot), std::regex(R"(\*\*)"), ""));
    if (dot != std::string::npos) rest = text.substr(dot + 2);
  }
  // Links after the title ([arXiv], [pdf] ...) carry ids but are not authors or venue.
  if (!rest.empty()) parse_after_title(trim_leading_punctuation(strip_links(rest)), p);

  ids_from_links(links, title_link, p);
  if (p.is_manual()) venue_arxiv_id(p);
  if (p.is_manual()) {
    p.certainty = Certainty::manual;
    p.reason = "no arXiv or DOI link (" + kind_of_page(title_link ? links[0].url : "") + ")";
  }
  keep_url_if_needed(title_link ? links[0].url : "", p);
  cut_list_to_max_authors(p);
  p.venue_as_written = p.venue;
  if (!p.is_manual() && is_arxiv_venue(p.venue)) p.venue.clear();
  return p;
}

}  // namespace scholard::importer
