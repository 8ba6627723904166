#include "importer/paper_shape.hpp"

#include <array>
#include <cctype>
#include <regex>

#include "core/text.hpp"
#include "importer/details.hpp"

namespace scholard::importer {
namespace {

bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool is_lower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool non_ascii(char c) { return static_cast<unsigned char>(c) >= 0x80; }

// Lower-case words that belong to a name ("Teun van der Weij", "Luis de la Cruz").
constexpr std::array<std::string_view, 20> k_particles = {"van", "von", "der", "den", "de",  "del", "della",
                                                          "da",  "das", "dos", "du",  "di",  "la",  "le",
                                                          "ter", "ten", "zu",  "bin", "al",  "y"};

bool is_particle(std::string_view word) {
  for (std::string_view p : k_particles) {
    if (word == p) return true;
  }
  // d'Alembert, l'Huillier, O'Neil's lower-case cousins.
  return word.size() > 2 && is_lower(word[0]) && (word[1] == '\'' || word.substr(1, 3) == "\xe2\x80\x99");
}

// Letters (any non-ASCII byte counts as one), '.', '-', apostrophes.
bool name_characters(std::string_view word) {
  for (char c : word) {
    if (std::isalpha(static_cast<unsigned char>(c)) == 0 && !non_ascii(c) && c != '.' && c != '-' && c != '\'') return false;
  }
  return true;
}

// An arXiv id or a DOI written in the text, not only in a link's target.
bool has_id_in_text(std::string_view text) {
  static const std::regex k_id(R"((arxiv:\s*(\d{4}\.\d{4,5}|[a-z\-]+(\.[a-z]{2})?/\d{7}))|(doi:\s*|doi\.org/)10\.\d{4,9}/)",
                               std::regex::icase);
  const std::string s(text);
  return std::regex_search(s, k_id);
}

// `text` with each link replaced by its text: a year in a URL is no year.
std::string without_link_targets(const std::string& text) {
  std::string out = text;
  const auto links = find_links(text);
  for (auto it = links.rbegin(); it != links.rend(); ++it) out.replace(it->begin, it->end - it->begin, it->text);
  return out;
}

}  // namespace

bool looks_like_name(std::string_view name) {
  const std::string collapsed = core::collapse_whitespace(name);
  const auto words = core::split(collapsed, ' ');
  if (words.empty() || words.size() > 6) return false;
  bool capitalised = false;
  for (std::string_view w : words) {
    if (w.empty()) return false;
    if (is_particle(w)) continue;
    if (!name_characters(w)) return false;
    if (is_upper(w[0]) || non_ascii(w[0])) {
      capitalised = true;
      continue;
    }
    return false;
  }
  return capitalised;
}

std::string PaperShape::missing() const {
  std::vector<std::string> parts;
  if (title == TitleForm::none) parts.emplace_back("no linked or quoted title");
  if (!authors) parts.emplace_back("no author list");
  if (!year_or_id) parts.emplace_back("no year, arXiv id or DOI");
  return core::join(parts, ", ");
}

PaperShape paper_shape(std::string_view entry) {
  const std::string text = core::collapse_whitespace(entry);
  PaperShape shape;
  shape.title = title_form(text);
  const Proposal p = parse_markdown_entry(text, 0);
  std::size_t names = 0;
  bool only_names = true;
  for (const std::string& a : p.authors) {
    if (a == "others") continue;  // "et al."
    ++names;
    only_names = only_names && looks_like_name(a);
  }
  shape.authors = names > 0 && only_names;
  shape.year_or_id = p.year.has_value() || p.arxiv.has_value() || p.doi.has_value() ||
                     last_year(without_link_targets(text)) != 0 || has_id_in_text(text);
  return shape;
}

bool looks_like_paper(std::string_view entry) { return paper_shape(entry).is_paper(); }

}  // namespace scholard::importer
