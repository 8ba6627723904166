#include "render/merge.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "core/latex.hpp"
#include "core/text.hpp"

namespace scholard::render {
namespace {

using core::Record;

// The records a paper has, sorted by what they may be used for.
struct Sources {
  const Overrides& ov;
  const Record* published = nullptr;  // Crossref, not posted-content
  const Record* posted = nullptr;     // Crossref posted-content (a preprint DOI)
  const Record* arxiv = nullptr;
  bool is_published = false;
};

// A venue override that only says "arXiv preprint" ("arXiv preprint,
// arXiv:2210.01892", kept as a page wrote it) is no evidence of publication.
bool names_a_preprint(std::string_view venue) {
  const std::string v = core::ascii_lower(core::trim(venue));
  return v.starts_with("arxiv") || v.starts_with("preprint");
}

// `records` wins over the input's own records (merge_papers' second form).
Sources classify(const PaperInput& in, const PaperRecords& records) {
  Sources s{in.overrides};
  const Record* crossref = records.crossref != nullptr ? records.crossref : in.crossref ? &*in.crossref : nullptr;
  if (crossref != nullptr) {
    if (crossref->type == "posted-content") {
      s.posted = crossref;
    } else {
      s.published = crossref;
    }
  }
  s.arxiv = records.arxiv != nullptr ? records.arxiv : in.arxiv ? &*in.arxiv : nullptr;
  s.is_published = s.published != nullptr || (!s.ov.venue.empty() && !names_a_preprint(s.ov.venue)) ||
                   (s.arxiv != nullptr && (!s.arxiv->journal_ref.empty() || !s.arxiv->doi.empty()));
  return s;
}

// `s` with its whitespace collapsed: `s` itself when it already is (names
// from the parsers almost always are), else a collapsed copy in `buffer`.
std::string_view collapsed(std::string_view s, std::string& buffer) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  bool clean = s.empty() || (!space(s.front()) && !space(s.back()));
  for (std::size_t i = 0; clean && i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) > ' ') continue;              // most bytes: one comparison
    clean = s[i] == ' ' ? s[i + 1] != ' ' : !space(s[i]);  // s.back() is no space: s[i + 1] exists
  }
  if (clean) return s;
  buffer = core::collapse_whitespace(s);
  return buffer;
}

bool contains_any(const std::string& haystack, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view n) { return haystack.find(n) != std::string::npos; });
}

PaperKind kind_from_venue(const std::string& venue, bool has_ids) {
  const std::string v = core::fold_for_match(venue);
  if (contains_any(v, {"conference", "proceedings", "workshop", "symposium", "neural information processing",
                       "neurips", "icml", "iclr", "colloquium", "congress", "meeting"})) {
    return PaperKind::proceedings_paper;
  }
  if (contains_any(v, {"journal", "transactions", "letters", "review", "annals", "magazine", "quarterly",
                       "bulletin"})) {
    return PaperKind::journal_article;
  }
  return has_ids ? PaperKind::journal_article : PaperKind::other;
}

PaperKind kind_from_crossref(std::string_view type) {
  if (type == "journal-article") return PaperKind::journal_article;
  if (type == "proceedings-article") return PaperKind::proceedings_paper;
  if (type == "book-chapter" || type == "book-section" || type == "book-part") return PaperKind::chapter;
  return PaperKind::other;
}

// The last 4-digit year (1900–2099) written in a journal reference.
int year_in_text(std::string_view text) {
  int found = 0;
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    auto digit = [&](std::size_t k) { return text[k] >= '0' && text[k] <= '9'; };
    if (!(digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3))) continue;
    if ((i > 0 && digit(i - 1)) || (i + 4 < text.size() && digit(i + 4))) continue;
    int y = std::stoi(std::string(text.substr(i, 4)));
    if (y >= 1900 && y <= 2099) found = y;
  }
  return found;
}

void set_tex_title(MergedPaper& p, const std::string& tex, Source source) {
  p.title = core::latex_to_text(tex);
  std::string buffer;
  p.title_tex.assign(collapsed(tex, buffer));
  p.sources.title = source;
}

// <i>/<em> spans of a Crossref title_raw, located in the plain title.
std::vector<Span> emphasis_spans(const std::string& raw, const std::string& title) {
  std::vector<Span> spans;
  std::size_t search_from = 0;
  std::size_t at = 0;
  while (true) {
    std::size_t open = std::min(raw.find("<i>", at), raw.find("<em>", at));
    if (open == std::string::npos) break;
    const bool em = raw.compare(open, 4, "<em>") == 0;
    std::size_t inner = open + (em ? 4 : 3);
    std::size_t close = raw.find(em ? "</em>" : "</i>", inner);
    if (close == std::string::npos) break;
    std::string text;
    bool in_tag = false;
    for (std::size_t i = inner; i < close; ++i) {
      if (raw[i] == '<') in_tag = true;
      if (!in_tag) text.push_back(raw[i]);
      if (raw[i] == '>') in_tag = false;
    }
    text = core::collapse_whitespace(text);
    std::size_t found = text.empty() ? std::string::npos : title.find(text, search_from);
    if (found != std::string::npos) {
      spans.push_back({found, found + text.size()});
      search_from = found + text.size();
    }
    at = close;
  }
  return spans;
}

void merge_title(MergedPaper& p, const Sources& s) {
  if (!s.ov.title.empty()) return set_tex_title(p, s.ov.title, Source::config);
  const Record* cr = s.published != nullptr ? s.published : nullptr;
  if (cr != nullptr && !cr->title.empty()) {
    p.title = cr->title;
    p.title_emphasis = emphasis_spans(cr->title_raw, cr->title);
    p.sources.title = Source::crossref;
    return;
  }
  if (s.arxiv != nullptr && !(s.arxiv->title.empty() && s.arxiv->title_raw.empty())) {
    return set_tex_title(p, s.arxiv->title.empty() ? s.arxiv->title_raw : s.arxiv->title, Source::arxiv);
  }
  if (s.posted != nullptr && !s.posted->title.empty()) {
    p.title = s.posted->title;
    p.title_emphasis = emphasis_spans(s.posted->title_raw, s.posted->title);
    p.sources.title = Source::crossref;
  }
}

// Bytes that make a name unusual for add_author_from_name: TeX (what
// core::looks_like_latex looks for), a comma, whitespace other than a space;
// '-', '\'' and ' ' are unusual only in pairs (or, a space, at an end).
constexpr std::array<unsigned char, 256> k_name_bytes = [] {
  std::array<unsigned char, 256> t{};
  for (const char c : std::string_view("\\{}$~`,\t\n\r\f\v")) t[static_cast<unsigned char>(c)] = 1;
  for (const char c : std::string_view("-' ")) t[static_cast<unsigned char>(c)] = 2;
  return t;
}();

// True for a name that is no TeX, collapsed and comma-free: then
// looks_like_latex is false, collapsed() returns it as it is and
// split_collapsed_name accepts it, so split_usual_name splits it.
bool is_usual_name(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char kind = k_name_bytes[static_cast<unsigned char>(s[i])];
    if (kind == 0) continue;
    if (kind == 1) return false;
    const char c = s[i];
    const bool last = i + 1 == s.size();
    if (c == ' ' ? i == 0 || last || s[i + 1] == ' ' : !last && s[i + 1] == c) return false;
  }
  return true;
}

// An author known by one name (a config override, or a source author without
// a family name): TeX reduced, "Family, Given" turned round, then split.
// The usual name (collapsed, no comma) is split in place, without copies.
void add_author_from_name(AuthorList& authors, std::string_view raw, std::string_view orcid) {
  if (is_usual_name(raw)) {  // most names: one scan instead of three
    const NameViews views = split_usual_name(raw);
    authors.push_back({raw, views.given, views.family, orcid});
    return;
  }
  std::string buffer;
  std::string_view name;
  if (core::looks_like_latex(raw)) {
    buffer = core::latex_to_text(raw);
    name = buffer;
  } else {
    name = collapsed(raw, buffer);
  }
  if (const auto views = split_collapsed_name(name)) {
    authors.push_back({name, views->given, views->family, orcid});
    return;
  }
  std::string turned(name);
  if (turned.find(',') != std::string::npos) {  // "Family, Given" written in the config
    NameParts parts = split_name(turned);
    turned = parts.given.empty() ? parts.family : parts.given + " " + parts.family;
  }
  const NameParts parts = split_name(turned);
  authors.push_back({turned, parts.given, parts.family, orcid});
}

void add_author_from_record(AuthorList& authors, const core::Author& src, const Overrides& ov) {
  if (!ov.author_names.empty()) {
    const std::string_view as_written = renamed_author(ov, author_display_name(src));
    if (!as_written.empty()) return add_author_from_name(authors, as_written, src.orcid);
  }
  if (src.family.empty()) return add_author_from_name(authors, src.name, src.orcid);
  std::string given_buffer;
  std::string family_buffer;
  std::string name_buffer;
  const std::string_view given = collapsed(src.given, given_buffer);
  const std::string_view family = collapsed(src.family, family_buffer);
  std::string_view name;
  if (!src.name.empty()) {
    name = collapsed(src.name, name_buffer);
  } else if (given.empty() || family.empty()) {
    name = given.empty() ? family : given;  // what collapsing "Given Family" gives
  } else {
    name_buffer.append(given).append(" ").append(family);
    name = name_buffer;
  }
  authors.push_back({name, given, family, src.orcid});
}

void merge_authors(MergedPaper& p, const Sources& s, const NameMatcher& matcher) {
  if (!s.ov.authors.empty()) {
    std::vector<std::string> names = s.ov.authors;
    if (core::ascii_lower(core::trim(names.back())) == "others") {
      p.authors_truncated = true;
      names.pop_back();
    }
    for (const auto& n : names) add_author_from_name(p.authors, n, {});
    p.sources.authors = Source::config;
  } else {
    const Record* from = nullptr;
    if (s.published != nullptr && !s.published->authors.empty()) {
      from = s.published;
    } else if (s.arxiv != nullptr && !s.arxiv->authors.empty()) {
      from = s.arxiv;
    } else if (s.posted != nullptr) {
      from = s.posted;
    }
    if (from == nullptr) return;
    // Given and family names are usually slices of the name (AuthorList).
    std::size_t text_bytes = 0;
    for (const auto& a : from->authors) text_bytes += a.name.size() + a.orcid.size();
    p.authors.reserve(from->authors.size(), text_bytes);
    for (const auto& a : from->authors) add_author_from_record(p.authors, a, s.ov);
    p.sources.authors = from->source == core::SourceKind::arxiv ? Source::arxiv : Source::crossref;
  }
  for (std::size_t i = 0; i < p.authors.size(); ++i) {
    const MergedAuthor a = p.authors[i];
    p.authors.set_highlighted(i, matcher.matches(a.name, a.given, a.family, a.orcid));
    p.authors.set_equal_contribution(i, name_listed(a.name, s.ov.equal_contribution));
  }
}

void merge_venue(MergedPaper& p, const Sources& s, bool has_ids) {
  if (!s.ov.venue.empty()) {
    p.venue = core::collapse_whitespace(s.ov.venue);
    p.sources.venue = Source::config;
  } else if (s.published != nullptr && !s.published->venue.empty()) {
    p.venue = s.published->venue;
    p.sources.venue = Source::crossref;
  } else if (s.arxiv != nullptr && !s.arxiv->journal_ref.empty()) {
    p.venue = core::collapse_whitespace(s.arxiv->journal_ref);
    p.sources.venue = Source::arxiv;
  } else if (!s.is_published && !p.arxiv_id.empty()) {
    p.venue = "arXiv preprint arXiv:" + p.arxiv_id;
    p.sources.venue = s.arxiv != nullptr ? Source::arxiv : Source::config;
  } else if (s.posted != nullptr && !s.posted->venue.empty()) {
    p.venue = s.posted->venue;
    p.sources.venue = Source::crossref;
  }
  if (!s.is_published) {
    p.kind = (s.arxiv != nullptr || s.posted != nullptr || !p.arxiv_id.empty()) ? PaperKind::preprint
                                                                                 : kind_from_venue(p.venue, has_ids);
  } else if (s.published != nullptr && p.sources.venue != Source::config &&
             kind_from_crossref(s.published->type) != PaperKind::other) {
    p.kind = kind_from_crossref(s.published->type);
  } else {
    p.kind = kind_from_venue(p.venue, has_ids);
  }
}

void merge_year(MergedPaper& p, const Sources& s) {
  const core::PartialDate none;
  const core::PartialDate& v1 = s.arxiv != nullptr ? s.arxiv->published : none;
  const core::PartialDate& cr = s.published != nullptr ? s.published->published : none;
  if (s.ov.year) {
    p.year = *s.ov.year;
    p.sources.year = Source::config;
    p.date = cr.year == p.year ? cr : (v1.year == p.year && !s.is_published ? v1 : core::PartialDate{p.year, 0, 0});
  } else if (!cr.empty()) {
    p.date = cr;
    p.sources.year = Source::crossref;
  } else if (s.arxiv != nullptr && s.is_published && s.ov.venue.empty()) {
    int y = year_in_text(s.arxiv->journal_ref);
    p.date = y != 0 ? core::PartialDate{y, 0, 0} : (s.arxiv->updated.empty() ? v1 : s.arxiv->updated);
    p.sources.year = Source::arxiv;
  } else if (!v1.empty()) {
    p.date = v1;
    p.sources.year = Source::arxiv;
  } else if (s.posted != nullptr && !s.posted->published.empty()) {
    p.date = s.posted->published;
    p.sources.year = Source::crossref;
  }
  if (!s.ov.year) p.year = p.date.year;
  if (s.ov.month && *s.ov.month >= 1 && *s.ov.month <= 12) {
    p.month = *s.ov.month;
    const bool same_month = p.date.year == p.year && p.date.month == p.month;
    p.date = core::PartialDate{p.year, p.month, same_month ? p.date.day : 0};
  }
  p.first_version_year = !v1.empty() ? v1.year : (s.posted != nullptr && !s.posted->published.empty()
                                                      ? s.posted->published.year
                                                      : p.year);
}

void pick(std::string& out, Source& source, const std::string& override_value, const Record* cr,
          std::string Record::*field) {
  if (!override_value.empty()) {
    out = core::collapse_whitespace(override_value);
    source = Source::config;
  } else if (cr != nullptr && !(cr->*field).empty()) {
    out = cr->*field;
    source = Source::crossref;
  }
}

void merge_details(MergedPaper& p, const Sources& s) {
  pick(p.volume, p.sources.volume, s.ov.volume, s.published, &Record::volume);
  pick(p.issue, p.sources.issue, s.ov.issue, s.published, &Record::issue);
  pick(p.pages, p.sources.pages, s.ov.pages, s.published, &Record::pages);
  if (p.pages.empty()) pick(p.pages, p.sources.pages, {}, s.published, &Record::article_number);
  p.pages = normalize_pages(p.pages);
  if (p.sources.pages == Source::config) p.pages_as_written = core::collapse_whitespace(s.ov.pages);
}

void merge_ids_and_link(MergedPaper& p, const PaperInput& in, const Sources& s) {
  p.arxiv_id = in.arxiv_id;
  if (p.arxiv_id.empty() && s.arxiv != nullptr) p.arxiv_id = s.arxiv->arxiv_id;
  for (const Record* r : {s.published, s.posted}) {
    if (r == nullptr || !p.arxiv_id.empty()) continue;
    for (const auto& rel : r->relations) {
      if (rel.id_type == "arxiv" && p.arxiv_id.empty()) p.arxiv_id = rel.id;
    }
  }
  if (!in.doi.empty()) {
    p.doi = in.doi;
    p.sources.doi = Source::config;
  } else if (s.published != nullptr && !s.published->doi.empty()) {
    p.doi = s.published->doi;
    p.sources.doi = Source::crossref;
  } else if (s.arxiv != nullptr && !s.arxiv->doi.empty()) {
    p.doi = s.arxiv->doi;
    p.sources.doi = Source::arxiv;
  } else if (s.posted != nullptr && !s.posted->doi.empty()) {
    p.doi = s.posted->doi;
    p.sources.doi = Source::crossref;
  }
  if (s.arxiv != nullptr) p.primary_category = s.arxiv->primary_category;
}

void merge_link(MergedPaper& p, const Sources& s) {
  if (!s.ov.url.empty()) {
    p.url = core::trim(s.ov.url);
    p.sources.url = Source::config;
  } else if (s.is_published && !p.doi.empty()) {
    p.url = "https://doi.org/" + p.doi;
    p.sources.url = p.sources.doi;
  } else if (!p.arxiv_id.empty()) {
    p.url = "https://arxiv.org/abs/" + p.arxiv_id;
    p.sources.url = s.arxiv != nullptr ? Source::arxiv : Source::config;
  } else if (!p.doi.empty()) {
    p.url = "https://doi.org/" + p.doi;
    p.sources.url = p.sources.doi;
  }
}

}  // namespace

std::string author_display_name(const core::Author& author) {
  if (!author.name.empty()) return core::collapse_whitespace(author.name);
  if (author.given.empty() || author.family.empty()) return core::collapse_whitespace(author.given + author.family);
  return core::collapse_whitespace(author.given + " " + author.family);
}

namespace {

// The first and last word of a folded name ("marvin", "li" for "Marvin L. Li").
std::pair<std::string_view, std::string_view> name_ends(std::string_view folded) {
  const auto words = core::split(folded, ' ');
  if (words.size() < 2) return {};
  return {words.front(), words.back()};
}

}  // namespace

bool author_name_matches(std::string_view key, std::string_view source_name, NameMatch how) {
  const std::string a = core::fold_for_match(key);
  const std::string b = core::fold_for_match(source_name);
  if (a == b) return true;
  if (how == NameMatch::exact) return false;
  const auto ea = name_ends(a);
  return !ea.first.empty() && ea == name_ends(b);
}

std::string_view renamed_author(const Overrides& overrides, std::string_view source_name) {
  if (overrides.author_names.empty()) return {};
  for (const NameMatch how : {NameMatch::exact, NameMatch::first_and_last_word}) {
    for (const auto& [from, to] : overrides.author_names) {
      if (author_name_matches(from, source_name, how)) return to;
    }
  }
  return {};
}

std::string normalize_pages(std::string_view pages) {
  std::string p = core::collapse_whitespace(pages);
  for (std::string_view sep : {"--", "—", "–", "−", "-"}) {
    auto at = p.find(sep);
    if (at == std::string::npos || at == 0 || at + sep.size() >= p.size()) continue;
    if (p.find(sep, at + sep.size()) != std::string::npos) continue;
    std::string first(core::trim(std::string_view(p).substr(0, at)));
    std::string last(core::trim(std::string_view(p).substr(at + sep.size())));
    return first + "–" + last;
  }
  return p;
}

}  // namespace scholard::render

namespace scholard::render {

namespace {

// Fills `p`, a fresh MergedPaper, in place: merge_papers builds each paper
// where the list keeps it instead of moving a temporary there.
void merge_into(MergedPaper& p, const PaperInput& input, const PaperRecords& records, const NameMatcher& matcher) {
  const Sources s = classify(input, records);
  p.key = input.key;
  p.position = input.position;
  p.hidden = input.overrides.hidden;
  p.not_an_author = input.overrides.not_an_author;
  p.from_sources = s.published != nullptr || s.posted != nullptr || s.arxiv != nullptr;
  p.max_authors = input.overrides.max_authors;
  p.selected = input.overrides.selected;
  p.abbr = core::collapse_whitespace(input.overrides.abbr);
  p.pdf = core::trim(input.overrides.pdf);
  p.code = core::trim(input.overrides.code);
  p.published = s.is_published;
  merge_ids_and_link(p, input, s);
  merge_title(p, s);
  merge_authors(p, s, matcher);
  merge_venue(p, s, !p.arxiv_id.empty() || !p.doi.empty());
  merge_year(p, s);
  merge_details(p, s);
  merge_link(p, s);
}

}  // namespace

MergedPaper merge_paper(const PaperInput& input, const NameMatcher& matcher) {
  MergedPaper p;
  merge_into(p, input, {}, matcher);
  return p;
}

std::vector<MergedPaper> merge_papers(const std::vector<PaperInput>& inputs, const Profile& profile) {
  return merge_papers(inputs, {}, profile);
}

std::vector<MergedPaper> merge_papers(const std::vector<PaperInput>& inputs, const std::vector<PaperRecords>& records,
                                      const Profile& profile) {
  const NameMatcher matcher(profile);
  std::vector<MergedPaper> papers;
  papers.reserve(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    merge_into(papers.emplace_back(), inputs[i], i < records.size() ? records[i] : PaperRecords{}, matcher);
  }
  assign_citation_keys(papers);
  sort_papers(papers);
  return papers;
}

}  // namespace scholard::render
