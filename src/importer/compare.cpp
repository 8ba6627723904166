#include "importer/compare.hpp"

#include <optional>

#include "core/month.hpp"
#include "core/text.hpp"

namespace scholard::importer {
namespace {

// The text with emphasis markers and surplus whitespace gone: `*x*`, `_x_`
// and `x` are the same title on a page.
std::string plain(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c != '*' && c != '_') out += c;
  }
  return core::collapse_whitespace(out);
}

std::string year_text(const std::optional<int>& year) { return year ? std::to_string(*year) : std::string(); }

std::string month_text(const std::optional<int>& month) { return std::string(core::month_name(month.value_or(0))); }

// The names shown, without the final "others" (et al.).
std::vector<std::string> shown_names(const Proposal& p, bool& et_al) {
  std::vector<std::string> names;
  et_al = false;
  for (const std::string& n : p.authors) {
    if (n == "others") {
      et_al = true;
    } else {
      names.push_back(core::collapse_whitespace(n));
    }
  }
  return names;
}

std::string joined(const std::vector<std::string>& names, bool et_al) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  if (et_al) out += out.empty() ? "et al." : " et al.";
  return out;
}

// The first and last word, folded.
std::pair<std::string, std::string> name_ends(const std::string& name) {
  const std::string folded = core::fold_for_match(name);
  const auto words = core::split(folded, ' ');
  if (words.empty()) return {};
  return {std::string(words.front()), std::string(words.back())};
}

// Two spellings of one person ("Meihua Li" / "Marvin Li", "J. Benton" /
// "Joe Benton"): the same family name, or the same given name. Anything
// else is another person, and renaming them would misattribute the paper.
bool same_person(const std::string& a, const std::string& b) {
  const auto [a_first, a_last] = name_ends(a);
  const auto [b_first, b_last] = name_ends(b);
  return (!a_last.empty() && a_last == b_last) || (!a_first.empty() && a_first == b_first && a_first.size() > 2);
}

void compare_authors(const Proposal& page, const Proposal& synced, std::vector<FieldDifference>& out) {
  bool page_et_al = false;
  bool synced_et_al = false;
  const auto a = shown_names(page, page_et_al);
  const auto b = shown_names(synced, synced_et_al);
  if (a.size() == b.size() && page_et_al == synced_et_al) {
    std::vector<FieldDifference> renames;
    bool other_people = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] == b[i]) continue;
      if (!same_person(a[i], b[i])) other_people = true;
      renames.push_back({"author " + std::to_string(i + 1), a[i], b[i]});
    }
    if (!other_people) {
      out.insert(out.end(), renames.begin(), renames.end());
      return;
    }
  }
  out.push_back({"authors", joined(a, page_et_al), joined(b, synced_et_al)});
}

void compare_text(std::vector<FieldDifference>& out, const char* field, const std::string& page, const std::string& synced) {
  if (core::collapse_whitespace(page) != core::collapse_whitespace(synced)) {
    out.push_back({field, core::collapse_whitespace(page), core::collapse_whitespace(synced)});
  }
}

// The list as the page writes it: a shorter list that agrees with the
// render's first names is a max_authors question; anything else is kept whole.
void keep_authors(Proposal& page, const Proposal& synced) {
  bool page_et_al = false;
  bool synced_et_al = false;
  const auto a = shown_names(page, page_et_al);
  const auto b = shown_names(synced, synced_et_al);
  const bool prefix_agrees = [&] {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }();
  if (prefix_agrees && !page_et_al && synced_et_al && a.size() > b.size()) {
    page.max_authors = static_cast<int>(a.size());  // the page shows more names than the default cut
    return;
  }
  if (prefix_agrees && page_et_al && a.size() < b.size() + (synced_et_al ? 0 : 1) && !a.empty()) {
    page.max_authors = static_cast<int>(a.size());
    return;
  }
  page.kept.authors = a;
  if (page_et_al) page.kept.authors.emplace_back("others");
}

}  // namespace

std::vector<FieldDifference> compare_entries(const Proposal& page, const Proposal& synced) {
  std::vector<FieldDifference> out;
  if (plain(page.title) != plain(synced.title)) out.push_back({"title", page.title, synced.title});
  compare_authors(page, synced, out);
  compare_text(out, "venue", plain(page.venue_as_written), plain(synced.venue_as_written));
  compare_text(out, "year", year_text(page.year), year_text(synced.year));
  compare_text(out, "month", month_text(page.month), month_text(synced.month));
  compare_text(out, "volume", page.volume, synced.volume);
  compare_text(out, "issue", page.issue, synced.issue);
  compare_text(out, "pages", page.pages, synced.pages);
  return out;
}

std::vector<FieldDifference> keep_page_text(Proposal& page, const Proposal& synced,
                                            const std::vector<FieldDifference>& differences,
                                            const std::function<std::string(const std::string&)>& source_of) {
  std::vector<FieldDifference> not_kept;
  bool authors_kept = false;
  for (const FieldDifference& d : differences) {
    if (d.page.empty()) {  // the sources add what the page leaves out: no override takes it away
      not_kept.push_back(d);
      continue;
    }
    const std::string source = source_of(d.field);
    const std::string says = d.synced.empty() ? source + " gives none" : source + " says \"" + d.synced + "\"";
    if (d.field == "title") {
      page.kept.title = page.title;
    } else if (d.field.starts_with("author ")) {
      page.kept.author_names.emplace_back(d.synced, d.page);
    } else if (d.field == "authors") {
      if (authors_kept) continue;
      authors_kept = true;
      keep_authors(page, synced);
      if (!page.kept.authors.empty()) page.kept.reasons.push_back("authors (" + says + ")");
      continue;
    } else if (d.field == "venue") {
      page.kept.venue = page.venue_as_written;
    } else if (d.field == "year") {
      page.kept.year = page.year;
    } else if (d.field == "month") {
      continue;  // the page's month is always proposed (proposal.cpp)
    } else if (d.field == "volume") {
      page.kept.volume = page.volume;
    } else if (d.field == "issue") {
      page.kept.issue = page.issue;
    } else if (d.field == "pages") {
      page.kept.pages = page.pages;
    }
    page.kept.reasons.push_back(d.field + " (" + says + ")");
  }
  return not_kept;
}

}  // namespace scholard::importer
