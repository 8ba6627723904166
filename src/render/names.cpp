#include "render/names.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace scholard::render {
namespace {

constexpr std::string_view k_particles[] = {"van", "von", "der", "den", "de",  "del", "della", "di",  "da",
                                            "du",  "le",  "la",  "dos", "das", "ter", "ten",   "vom", "zu",
                                            "bin", "ibn", "al",  "el",  "dello", "degli", "des", "af"};

bool is_particle(std::string_view word) {
  // ASCII case-insensitive, without lower-casing a copy of the word.
  const auto equal_lower = [&](std::string_view particle) {
    if (particle.size() != word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
      char c = word[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != particle[i]) return false;
    }
    return true;
  };
  return std::any_of(std::begin(k_particles), std::end(k_particles), equal_lower);
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  const std::string collapsed = core::collapse_whitespace(s);  // split's views borrow from it
  for (auto piece : core::split(collapsed, ' ')) {
    if (!piece.empty()) out.emplace_back(piece);
  }
  return out;
}

std::string join_words(const std::vector<std::string>& w, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out.push_back(' ');
    out += w[i];
  }
  return out;
}

// core::fold_for_match with a fast path for plain ASCII names (most of them):
// lower-case, the same punctuation turned into spaces, whitespace collapsed.
std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return core::fold_for_match(s);
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '.' || c == ',' || c == '-' ||
                       c == '\'' || c == '`' || c == '"' || c == '~' || c == '{' || c == '}' || c == '\f' || c == '\v';
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

// The first character of fold(s) when the raw bytes make it certain: the
// first byte after fold's separators, lower-cased, when it is an ASCII letter
// or digit (folding never changes or drops such a character, whatever
// follows it). 0 when it is not certain.
char folded_first(std::string_view s) {
  for (char c : s) {
    switch (c) {
      case ' ': case '\t': case '\n': case '\r': case '\f': case '\v': case '.': case ',': case '-':
      case '\'': case '`': case '"': case '~': case '{': case '}':
        continue;
      default: break;
    }
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    return alnum ? c : '\0';
  }
  return '\0';
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// "Jr.", "Sr.", "II" to "IV": what follows a name without being part of it.
bool is_name_suffix(std::string_view word) {
  static constexpr std::string_view k_suffixes[] = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"};
  const std::string lower = core::ascii_lower(word);
  return std::find(std::begin(k_suffixes), std::end(k_suffixes), lower) != std::end(k_suffixes);
}

}  // namespace

std::string fold_name(std::string_view s) { return fold(s); }

NameParts split_name(std::string_view name) {
  std::vector<std::string> pieces;  // the comma-separated parts, collapsed
  for (auto piece : core::split(name, ',')) pieces.push_back(core::collapse_whitespace(piece));
  std::string suffix;
  // "Given Family, Jr." (arXiv, the config), "Family, Given, Jr." and
  // BibTeX's "Family, Jr., Given": the suffix is set apart wherever it is.
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    if (suffix.empty() && is_name_suffix(pieces[i])) {
      suffix = std::move(pieces[i]);
      pieces.erase(pieces.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  }
  if (pieces.size() > 1) return {pieces[1], pieces[0], suffix};  // "Family, Given" keeps Given
  auto w = words(pieces.empty() ? std::string_view{} : std::string_view(pieces[0]));
  // "Martin Luther King Jr.": a last word that is a suffix is not the family name.
  if (suffix.empty() && w.size() > 2 && is_name_suffix(w.back())) {
    suffix = std::move(w.back());
    w.pop_back();
  }
  if (w.empty()) return {"", "", suffix};
  if (w.size() == 1) return {"", w[0], suffix};
  std::size_t family_start = w.size() - 1;
  while (family_start > 1 && is_particle(w[family_start - 1])) --family_start;
  return {join_words(w, 0, family_start), join_words(w, family_start, w.size()), suffix};
}

std::string written_name(const NameParts& parts) {
  std::string out = parts.given;
  if (!out.empty() && !parts.family.empty()) out += ' ';
  out += parts.family;
  if (!out.empty() && !parts.suffix.empty()) out += ' ';
  out += parts.suffix;
  return out;
}

std::string_view name_suffix(const MergedAuthor& author) {
  const std::string_view name = author.name;
  const std::size_t head = author.given.size() + 1 + author.family.size();
  if (author.given.empty() || author.family.empty() || name.size() <= head + 1 || name[head] != ' ' ||
      !name.starts_with(author.given) || name[author.given.size()] != ' ' ||
      name.substr(author.given.size() + 1, author.family.size()) != author.family) {
    return {};
  }
  const std::string_view rest = name.substr(head + 1);
  return is_name_suffix(rest) ? rest : std::string_view{};
}

std::optional<NameViews> split_collapsed_name(std::string_view name) {
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == ',' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return std::nullopt;
    if (c == ' ' && (i == 0 || i + 1 == name.size() || name[i + 1] == ' ')) return std::nullopt;
  }
  return split_usual_name(name);
}

NameViews split_usual_name(std::string_view name) {
  // The words are the runs between single spaces; the family name is the
  // last word with the particles before it, but never the first word.
  std::size_t family_at = name.rfind(' ');
  if (family_at == std::string_view::npos) return NameViews{{}, name};  // one word, or none
  ++family_at;
  while (true) {
    const std::size_t space = family_at - 1;  // before the family name
    const std::size_t before = name.rfind(' ', space - 1);
    if (before == std::string_view::npos) break;  // the word before is the first
    if (!is_particle(name.substr(before + 1, space - before - 1))) break;
    family_at = before + 1;
  }
  return NameViews{name.substr(0, family_at - 1), name.substr(family_at)};
}

std::string normalize_orcid(std::string_view orcid) {
  std::string_view s = core::trim(orcid);
  auto slash = s.rfind('/');
  if (slash != std::string_view::npos) s = s.substr(slash + 1);
  std::string out(s);
  for (char& c : out) {
    if (c == 'x') c = 'X';
  }
  return out;
}

NameMatcher::NameMatcher(const Profile& profile) : m_orcid(normalize_orcid(profile.orcid)) {
  std::vector<std::string> names = profile.aliases;
  names.insert(names.begin(), profile.name);
  for (const auto& n : names) {
    NameParts parts = split_name(n);
    std::string family = fold(parts.family);
    auto given = words(fold(parts.given));
    if (family.empty() || given.empty()) continue;
    if (!contains(m_families, family)) m_families.push_back(family);
    if (m_family_initials.find(family[0]) == std::string::npos) m_family_initials.push_back(family[0]);
    const std::string& first = given.front();
    if (first.size() > 1 && !contains(m_full_givens, first)) m_full_givens.push_back(first);
    if (m_initials.find(first[0]) == std::string::npos) m_initials.push_back(first[0]);
  }
}

std::string NameMatcher::folded(std::string_view s) const {
  const bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return fold(s);
  const std::string key(s);
  auto it = m_fold_cache.find(key);
  if (it == m_fold_cache.end()) it = m_fold_cache.emplace(key, core::fold_for_match(s)).first;
  return it->second;
}

bool NameMatcher::matches_parts(std::string_view first_given, std::string_view family) const {
  if (first_given.empty() || std::find(m_families.begin(), m_families.end(), family) == m_families.end()) return false;
  if (first_given.size() == 1) return m_initials.find(first_given[0]) != std::string::npos;
  return std::find(m_full_givens.begin(), m_full_givens.end(), first_given) != m_full_givens.end();
}

bool NameMatcher::matches(std::string_view name, std::string_view given, std::string_view family,
                          std::string_view orcid) const {
  if (!m_orcid.empty() && !core::trim(orcid).empty()) return normalize_orcid(orcid) == m_orcid;
  // Folded text is whitespace-collapsed: its first word ends at the first space.
  const auto first_word = [](std::string_view f) { return f.substr(0, f.find(' ')); };
  if (!family.empty() && !given.empty()) {
    // Most co-authors' family names start with another letter: no folding then.
    if (const char first = folded_first(family); first != '\0' && m_family_initials.find(first) == std::string::npos) {
      return false;
    }
    const std::string fam = folded(family);
    if (std::find(m_families.begin(), m_families.end(), fam) == m_families.end()) return false;
    return matches_parts(first_word(folded(given)), fam);
  }
  auto comma = name.find(',');
  if (comma != std::string_view::npos) {
    NameParts parts = split_name(name);
    return matches_parts(first_word(fold(parts.given)), fold(parts.family));
  }
  // "Given Family": the folded name must end in " " + one of the families,
  // with at least one word before it.
  const std::string f = folded(name);
  const std::string_view view(f);
  for (const auto& fam : m_families) {
    if (view.size() <= fam.size() + 1 || !view.ends_with(fam) || view[view.size() - fam.size() - 1] != ' ') continue;
    return matches_parts(first_word(view), fam);
  }
  return false;
}

AuthorCut cut_authors(const AuthorList& authors, int max_authors, bool truncated) {
  const std::size_t n = authors.size();
  std::size_t shown = max_authors <= 0 ? n : std::min(n, static_cast<std::size_t>(max_authors));
  for (std::size_t i = n; i > shown; --i) {
    if (authors[i - 1].highlighted) {
      shown = i;
      break;
    }
  }
  return {shown, shown < n || truncated};
}

bool name_listed(std::string_view name, const std::vector<std::string>& names) {
  if (names.empty()) return false;
  const std::string folded = fold(name);
  for (const auto& entry : names) {
    if (fold(entry) == folded) return true;
    if (entry.find(',') != std::string::npos) {
      NameParts parts = split_name(entry);
      if (fold(parts.given + " " + parts.family) == folded) return true;
    }
  }
  return false;
}

}  // namespace scholard::render
