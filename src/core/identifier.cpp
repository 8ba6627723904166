#include "core/identifier.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "core/text.hpp"
#include "core/url.hpp"

namespace scholard::core {
namespace {

// Archives that had old-style ids (arxiv-base taxonomy). Anything else before
// a slash is not an arXiv id.
constexpr std::array<std::string_view, 38> k_old_archives = {
    "acc-phys", "adap-org", "alg-geom", "ao-sci",  "astro-ph", "atom-ph",  "bayes-an", "chao-dyn",
    "chem-ph",  "cmp-lg",   "comp-gas", "cond-mat", "cs",      "dg-ga",    "funct-an", "gr-qc",
    "hep-ex",   "hep-lat",  "hep-ph",   "hep-th",  "math",     "math-ph",  "mtrl-th",  "nlin",
    "nucl-ex",  "nucl-th",  "patt-sol", "physics", "plasm-ph", "q-alg",    "q-bio",    "quant-ph",
    "solv-int", "supr-con", "q-fin",    "stat",    "econ",     "eess"};

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// ascii_lower(s's first prefix.size() characters) == prefix, without building
// the lower-cased copy (called several times per id, for every id of the
// config).
bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower_ascii(s[i]) != prefix[i]) return false;
  }
  return true;
}

tl::unexpected<Error> bad_arxiv(std::string_view input, std::string_view why) {
  return fail(ErrorCode::invalid_input,
              "'" + std::string(input) + "' is not a valid arXiv id: " + std::string(why));
}

// What is left of the input once "arXiv:" or an arxiv.org address is removed.
struct Unwrapped {
  std::string_view id;      // the id text (may be empty: "https://arxiv.org/abs/")
  bool arxiv_link = true;   // false: an arxiv.org address that is not an abs/pdf page
  bool other_link = false;  // an http(s) address on some other host
};

// The id part of an arxiv.org abs/pdf path ("abs/2308.03686v2.pdf?x" -> "2308.03686v2").
Unwrapped strip_arxiv_path(std::string_view rest) {
  for (std::string_view kind : {"abs/", "pdf/"}) {
    if (!starts_with_ci(rest, kind)) continue;
    rest = rest.substr(kind.size());
    // Drop query, fragment, trailing slash and ".pdf".
    rest = rest.substr(0, rest.find_first_of("?#"));
    if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
    if (rest.size() > 4 && ascii_lower(rest.substr(rest.size() - 4)) == ".pdf") rest.remove_suffix(4);
    return {rest, true, false};
  }
  return {{}, false, false};
}

// Strips "arXiv:" and arxiv.org links (with or without http(s)://).
Unwrapped strip_arxiv_wrappers(std::string_view s) {
  if (starts_with_ci(s, "arxiv:")) return {trim(s.substr(6)), true, false};
  std::string_view rest = s;
  bool had_scheme = false;
  for (std::string_view scheme : {"https://", "http://"}) {
    if (starts_with_ci(rest, scheme)) {
      rest = rest.substr(scheme.size());
      had_scheme = true;
      break;
    }
  }
  for (std::string_view host : {"www.arxiv.org/", "export.arxiv.org/", "arxiv.org/"}) {
    if (starts_with_ci(rest, host)) return strip_arxiv_path(rest.substr(host.size()));
  }
  if (had_scheme) return {{}, true, true};
  return {s, true, false};
}

// Splits "XvN" into X and N. Returns version 0 when there is no suffix, -1 when
// the suffix is malformed ("v", "v0", "v01").
std::pair<std::string_view, int> split_version(std::string_view s) {
  auto v = s.rfind('v');
  if (v == std::string_view::npos || v == 0) return {s, 0};
  std::string_view digits = s.substr(v + 1);
  std::string_view body = s.substr(0, v);
  // Only a suffix after the numeric part counts ("solv-int/..." has a 'v' too).
  if (body.empty() || !std::isdigit(static_cast<unsigned char>(body.back()))) return {s, 0};
  if (!all_digits(digits) || digits.front() == '0' || digits.size() > 4) return {body, -1};
  return {body, to_int(digits)};
}

Result<ArxivId> parse_new_style(std::string_view input, std::string_view body, int version) {
  auto dot = body.find('.');
  std::string_view yymm = body.substr(0, dot);
  std::string_view num = body.substr(dot + 1);
  if (yymm.size() != 4 || !all_digits(yymm)) {
    return bad_arxiv(input, "expected YYMM.NNNNN (four digits, a dot, then 4 or 5 digits)");
  }
  if (!all_digits(num)) return bad_arxiv(input, "the part after the dot must be digits");
  const int month = to_int(yymm.substr(2));
  if (month < 1 || month > 12) return bad_arxiv(input, "month " + std::string(yymm.substr(2)) + " is not 01-12");
  const int ym = to_int(yymm);
  if (ym < 704) return bad_arxiv(input, "new-style ids start in April 2007 (0704)");
  const std::size_t want = ym <= 1412 ? 4 : 5;
  if (num.size() != want) {
    return bad_arxiv(input, "ids from " + std::string(yymm) + " have " + std::to_string(want) +
                                " digits after the dot, not " + std::to_string(num.size()));
  }
  if (to_int(num) == 0) return bad_arxiv(input, "the number after the dot cannot be zero");
  return ArxivId{std::string(body), version, false};
}

Result<ArxivId> parse_old_style(std::string_view input, std::string_view body, int version) {
  auto slash = body.find('/');
  std::string archive = ascii_lower(body.substr(0, slash));
  std::string_view number = body.substr(slash + 1);
  // Drop a subject class ("math.GT" -> "math"), as arXiv's preferred form does.
  if (auto dot = archive.find('.'); dot != std::string::npos) {
    std::string_view sc = std::string_view(archive).substr(dot + 1);
    if (sc.size() < 2 || !std::all_of(sc.begin(), sc.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '-'; })) {
      return bad_arxiv(input, "'" + std::string(sc) + "' is not a subject class");
    }
    archive.resize(dot);
  }
  if (std::find(k_old_archives.begin(), k_old_archives.end(), archive) == k_old_archives.end()) {
    return bad_arxiv(input, "'" + archive + "' is not an arXiv archive");
  }
  if (number.size() != 7 || !all_digits(number)) {
    return bad_arxiv(input, "old-style ids are archive/YYMMNNN (seven digits after the slash)");
  }
  const int yy = to_int(number.substr(0, 2));
  const int mm = to_int(number.substr(2, 2));
  if (mm < 1 || mm > 12) return bad_arxiv(input, "month " + std::string(number.substr(2, 2)) + " is not 01-12");
  const bool in_range = (yy >= 91 && (yy > 91 || mm >= 8)) || (yy <= 7 && (yy < 7 || mm <= 3));
  if (!in_range) return bad_arxiv(input, "old-style ids run from 9108 to 0703");
  if (to_int(number.substr(4)) == 0) return bad_arxiv(input, "the paper number cannot be 000");
  return ArxivId{archive + "/" + std::string(number), version, true};
}

bool is_doi_char(char c) { return static_cast<unsigned char>(c) > 0x20 && c != 0x7f; }

}  // namespace

std::string ArxivId::versioned() const {
  return version > 0 ? id + "v" + std::to_string(version) : id;
}

std::string Identifier::display() const {
  return kind == IdKind::arxiv ? "arXiv:" + arxiv.versioned() : "doi:" + doi.value;
}

std::string Identifier::key() const { return kind == IdKind::arxiv ? arxiv.id : doi.value; }

Result<ArxivId> parse_arxiv_id(std::string_view text) {
  std::string_view input = trim(text);
  if (input.empty()) return bad_arxiv(text, "it is empty");
  const Unwrapped unwrapped = strip_arxiv_wrappers(input);
  if (unwrapped.other_link) return bad_arxiv(input, "a web address must be an arxiv.org /abs/ or /pdf/ link");
  if (!unwrapped.arxiv_link) return bad_arxiv(input, "an arxiv.org link must point to an /abs/ or /pdf/ page");
  std::string_view s = unwrapped.id;
  if (s.empty()) return bad_arxiv(input, "no id follows the prefix or address");
  if (std::any_of(s.begin(), s.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
    return bad_arxiv(input, "it contains spaces");
  }
  auto [body, version] = split_version(s);
  if (version < 0) return bad_arxiv(input, "a version is 'v' followed by a number from 1");
  if (body.find('/') != std::string_view::npos) return parse_old_style(input, body, version);
  if (body.find('.') != std::string_view::npos) return parse_new_style(input, body, version);
  return bad_arxiv(input, "expected YYMM.NNNNN or archive/YYMMNNN");
}

Result<Doi> parse_doi(std::string_view text) {
  std::string_view input = trim(text);
  auto bad = [&](std::string_view why) {
    return fail(ErrorCode::invalid_input, "'" + std::string(input) + "' is not a valid DOI: " + std::string(why));
  };
  if (input.empty()) return bad("it is empty");
  std::string decoded;
  std::string_view s = input;
  bool from_oup_url = false;
  if (starts_with_ci(s, "doi:")) {
    s = trim(s.substr(4));
    if (s.empty()) return bad("nothing follows 'doi:'");
  } else if (starts_with_ci(s, "http://") || starts_with_ci(s, "https://")) {
    decoded = percent_decode(s);
    s = decoded;
    s = s.substr(s.find("//") + 2);
    std::string_view host = s.substr(0, s.find('/'));
    std::string_view path = s.substr(host.size());
    path = path.substr(0, path.find_first_of("?#"));
    std::string lhost = ascii_lower(host);
    if (lhost == "doi.org" || lhost == "dx.doi.org" || lhost == "www.doi.org") {
      s = path.empty() ? path : path.substr(1);
      if (s.empty()) return bad("nothing follows the resolver's address");
    } else {
      auto at = ascii_lower(path).find("/doi/");
      if (at == std::string::npos) return bad("a web address must be a doi.org link or contain /doi/10.");
      std::string_view rest = path.substr(at + 5);
      auto ten = rest.find("10.");
      // Allow one word between /doi/ and the DOI (/doi/abs/, /doi/full/, /doi/pdf/).
      if (ten == std::string_view::npos || (ten > 0 && rest.substr(0, ten).find('/') != ten - 1)) {
        return bad("no DOI follows /doi/ in the address");
      }
      s = rest.substr(ten);
      // Only OUP is known to append its own article number after the DOI;
      // elsewhere a trailing number is part of the DOI (10.1088/0951-7715/23/10/006).
      from_oup_url = lhost == "academic.oup.com";
    }
  } else if (starts_with_ci(s, "doi.org/") || starts_with_ci(s, "dx.doi.org/")) {
    s = s.substr(s.find('/') + 1);
  }
  if (!starts_with_ci(s, "10.")) return bad("a DOI starts with '10.'");
  auto slash = s.find('/');
  if (slash == std::string_view::npos) return bad("a DOI has a '/' between its prefix and suffix");
  std::string_view prefix = s.substr(3, slash - 3);
  // Registrant codes are digits, possibly subdivided by dots (10.1000.10/...).
  if (prefix.empty() || prefix.front() == '.' || prefix.back() == '.' ||
      !std::all_of(prefix.begin(), prefix.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; })) {
    return bad("the prefix after '10.' must be digits (e.g. 10.1093/...)");
  }
  std::string_view suffix = s.substr(slash + 1);
  if (from_oup_url) {
    // OUP appends its article number: .../doi/10.1093/jrsssb/qkae005/7564909.
    while (!suffix.empty() && suffix.back() == '/') suffix.remove_suffix(1);
    auto last = suffix.rfind('/');
    if (last != std::string_view::npos && all_digits(suffix.substr(last + 1))) suffix = suffix.substr(0, last);
  }
  if (suffix.empty()) return bad("the suffix after '/' is empty");
  if (!std::all_of(suffix.begin(), suffix.end(), is_doi_char)) {
    return bad("it contains spaces or control characters");
  }
  std::string value;
  value.reserve(4 + prefix.size() + suffix.size());
  value.append("10.").append(prefix).append("/").append(suffix);
  for (char& c : value) c = lower_ascii(c);
  return Doi{std::move(value)};
}

Result<ArxivId> arxiv_id_from_doi(const Doi& doi) {
  constexpr std::string_view k_prefix = "10.48550/arxiv.";
  if (doi.value.rfind(k_prefix, 0) != 0) {
    return fail(ErrorCode::not_found, "'" + doi.value + "' is not an arXiv DOI");
  }
  return parse_arxiv_id(std::string_view(doi.value).substr(k_prefix.size()));
}

Result<Identifier> parse_identifier(std::string_view text) {
  std::string_view input = trim(text);
  std::string lower = ascii_lower(input);
  const bool looks_like_doi = lower.rfind("10.", 0) == 0 || lower.rfind("doi:", 0) == 0 ||
                              lower.find("doi.org/") != std::string::npos ||
                              (lower.find("/doi/") != std::string::npos && lower.find("arxiv.org/") == std::string::npos);
  if (looks_like_doi) {
    auto doi = parse_doi(input);
    if (!doi) return tl::unexpected(doi.error());
    if (auto ax = arxiv_id_from_doi(*doi)) return Identifier{IdKind::arxiv, *ax, {}};
    else if (ax.error().code == ErrorCode::invalid_input) return tl::unexpected(ax.error());
    return Identifier{IdKind::doi, {}, *doi};
  }
  auto ax = parse_arxiv_id(input);
  if (!ax) {
    return fail(ErrorCode::invalid_input,
                ax.error().message + " (nor a DOI: DOIs start with '10.', 'doi:' or https://doi.org/)");
  }
  return Identifier{IdKind::arxiv, *ax, {}};
}

Result<std::string> parse_corpus_id(std::string_view text) {
  constexpr std::string_view k_prefix = "corpusid:";
  const std::string lowered = ascii_lower(text);
  std::string_view digits = text;
  if (std::string_view(lowered).substr(0, k_prefix.size()) == k_prefix) digits.remove_prefix(k_prefix.size());
  const bool all_digits = !digits.empty() && digits.size() <= 18 &&
                          std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits.size() == text.size() || !all_digits) {
    return fail(ErrorCode::invalid_input,
                "\"" + std::string(text) + "\" is not a Semantic Scholar corpus id (expected CorpusId:<digits>, "
                "such as CorpusId:269085201)");
  }
  return "CorpusId:" + std::string(digits);
}

}  // namespace scholard::core
