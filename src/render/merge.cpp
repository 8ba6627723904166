#include "render/merge.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <span>
#include <string_view>

#include "core/latex.hpp"
#include "core/text.hpp"
#include "render/ranking.hpp"

namespace scholard::render {
namespace {

using core::Record;

// One of the paper's records, with its kind and its role in the ranking.
struct Ranked {
  core::SourceKind kind;
  Role role;
  const Record* record;
};

// The records a paper has, each with its role (ranking.hpp), in PaperInput
// order, and what they say about publication.
struct RankedRecords {
  const Overrides& ov;
  std::span<const Ranked> records;
  bool is_published = false;

  // The first record of `role`, in input order, that `has` accepts.
  template <class Has>
  const Ranked* find(Role role, Has has) const {
    for (const Ranked& r : records) {
      if (r.role == role && has(*r.record)) return &r;
    }
    return nullptr;
  }
  const Record* first(Role role) const {
    const Ranked* r = find(role, [](const Record&) { return true; });
    return r != nullptr ? r->record : nullptr;
  }
  // An index's record that knows where the paper was published.
  const Ranked* indexed_venue() const {
    return find(Role::indexed, [](const Record& r) { return !r.venue.empty(); });
  }
  // The best-ranked record for `field` that `has` accepts: roles in
  // ranking(field)'s order, records of one role in input order.
  template <class Has>
  const Ranked* best(RankedField field, Has has) const {
    for (const Role role : ranking(field)) {
      if (const Ranked* r = find(role, has)) return r;
    }
    return nullptr;
  }
};

// A venue override that only says "arXiv preprint" ("arXiv preprint,
// arXiv:2210.01892", kept as a page wrote it) is no evidence of publication.
bool names_a_preprint(std::string_view venue) {
  const std::string v = core::ascii_lower(core::trim(venue));
  return v.starts_with("arxiv") || v.starts_with("preprint");
}

// `refs` wins over the input's own records when it names any (merge_papers'
// second form). `ranked` is the caller's buffer, reused across papers.
RankedRecords classify(const PaperInput& in, const PaperRecords& refs, std::vector<Ranked>& ranked) {
  ranked.clear();
  if (!refs.empty()) {
    for (const RecordRef& r : refs) {
      if (r.record != nullptr) ranked.push_back({r.kind, role_of(r.kind, *r.record), r.record});
    }
  } else {
    for (const SourceRecord& r : in.records) ranked.push_back({r.kind, role_of(r.kind, r.record), &r.record});
  }
  RankedRecords s{in.overrides, ranked};
  // Published: a registry's record of the published version, a venue
  // override, or a preprint server's note of a publication.
  const auto notes_a_publication = [](const Record& r) { return !r.journal_ref.empty() || !r.doi.empty(); };
  s.is_published = s.first(Role::publication) != nullptr || (!s.ov.venue.empty() && !names_a_preprint(s.ov.venue)) ||
                   s.find(Role::preprint, notes_a_publication) != nullptr || s.indexed_venue() != nullptr;
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

// A registry's work type ("journal-article") as a PaperKind.
PaperKind kind_from_work_type(std::string_view type) {
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

void set_tex_title(MergedPaper& p, const std::string& tex, std::string_view source) {
  p.title = core::latex_to_text(tex);
  std::string buffer;
  p.title_tex.assign(collapsed(tex, buffer));
  p.sources.title = source;
}

// <i>/<em> spans of a DOI registry's title_raw (JATS/HTML markup), located
// in the plain title.
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

// A title as its source's kind writes it: a preprint server's is TeX (the
// plain one may be missing: then the raw one), a DOI registry's plain text
// with its markup in title_raw.
bool has_title(core::SourceKind kind, const Record& r) {
  switch (kind) {
    case core::SourceKind::preprint_server: return !(r.title.empty() && r.title_raw.empty());
    case core::SourceKind::doi_registry:
    case core::SourceKind::bibliographic_index: return !r.title.empty();
  }
  return false;
}

void merge_title(MergedPaper& p, const RankedRecords& s) {
  if (!s.ov.title.empty()) return set_tex_title(p, s.ov.title, k_config_source);
  for (const Role role : ranking(RankedField::title)) {
    for (const Ranked& r : s.records) {
      if (r.role != role || !has_title(r.kind, *r.record)) continue;
      const Record& rec = *r.record;
      switch (r.kind) {
        case core::SourceKind::preprint_server:
          return set_tex_title(p, rec.title.empty() ? rec.title_raw : rec.title, rec.source);
        case core::SourceKind::doi_registry:
        case core::SourceKind::bibliographic_index:
          p.title = rec.title;
          p.title_emphasis = emphasis_spans(rec.title_raw, rec.title);
          p.sources.title = rec.source;
          return;
      }
    }
  }
}

std::size_t capitals(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
}

// Sources that give one title in two casings (JRSSB: Crossref's sentence
// case, arXiv's title case): the casing with more capitals carries more (a
// proper noun a sentence-cased deposit kept is kept too), so its letters
// replace the ranked title's. Only ASCII letters differ between the two, so
// the emphasis spans of a registry's title still fall on the same bytes. A
// title from the config is the researcher's and stays as written.
void prefer_capitals(MergedPaper& p, const RankedRecords& s) {
  if (!s.ov.title.empty() || p.title.empty()) return;
  std::size_t most = capitals(p.title);
  std::string lower;  // p.title folded, made on the first candidate
  for (const Ranked& r : s.records) {
    if (!has_title(r.kind, *r.record) || r.record->source == p.sources.title) continue;
    const Record& rec = *r.record;
    const bool tex = r.kind == core::SourceKind::preprint_server;
    const std::string& written = tex && rec.title.empty() ? rec.title_raw : rec.title;
    // Most titles are collapsed plain text already: read in place, no copy.
    std::string buffer;
    const bool latex = tex && core::looks_like_latex(written);
    if (latex) buffer = core::latex_to_text(written);
    const std::string_view plain = latex ? std::string_view(buffer) : collapsed(written, buffer);
    if (plain.size() != p.title.size() || capitals(plain) <= most) continue;
    if (lower.empty()) lower = core::ascii_lower(p.title);
    if (core::ascii_lower(plain) != lower) continue;
    most = capitals(plain);
    p.title.assign(plain);
    std::string tex_buffer;
    if (tex) {
      p.title_tex.assign(collapsed(written, tex_buffer));
    } else {
      p.title_tex.clear();
    }
    p.sources.title = rec.source;
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
  // "Family, Given" (the config) or "Given Family, Jr." (arXiv): shown as "Given Family Jr.".
  const NameParts parts = split_name(name);
  const std::string turned = name.find(',') != std::string_view::npos ? written_name(parts) : std::string(name);
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

void merge_authors(MergedPaper& p, const RankedRecords& s, const NameMatcher& matcher) {
  if (!s.ov.authors.empty()) {
    std::vector<std::string> names = s.ov.authors;
    if (core::ascii_lower(core::trim(names.back())) == "others") {
      p.authors_truncated = true;
      names.pop_back();
    }
    for (const auto& n : names) add_author_from_name(p.authors, n, {});
    p.sources.authors = k_config_source;
  } else {
    const Ranked* ranked = s.best(RankedField::authors, [](const Record& r) { return !r.authors.empty(); });
    if (ranked == nullptr) return;
    const Record* from = ranked->record;
    // Given and family names are usually slices of the name (AuthorList).
    std::size_t text_bytes = 0;
    for (const auto& a : from->authors) text_bytes += a.name.size() + a.orcid.size();
    p.authors.reserve(from->authors.size(), text_bytes);
    for (const auto& a : from->authors) add_author_from_record(p.authors, a, s.ov);
    p.sources.authors = from->source;
  }
  for (std::size_t i = 0; i < p.authors.size(); ++i) {
    const MergedAuthor a = p.authors[i];
    p.authors.set_highlighted(i, matcher.matches(a.name, a.given, a.family, a.orcid));
    p.authors.set_equal_contribution(i, name_listed(a.name, s.ov.equal_contribution));
  }
}

// The name of the first preprint server's record, else the config's: who
// gave what the paper's arXiv id alone implies (a preprint venue, a link).
std::string_view preprint_source(const RankedRecords& s) {
  const Record* r = s.first(Role::preprint);
  return r != nullptr ? std::string_view(r->source) : k_config_source;
}

// The researcher's name for a venue a source gave (Profile::venue_names:
// "Advances in Neural Information Processing Systems" -> "NeurIPS"), else
// the source's own. Compared as fold_for_match folds names.
std::string preferred_venue_name(const std::string& venue, const std::vector<VenueName>& names) {
  if (names.empty() || venue.empty()) return venue;
  const std::string folded = core::fold_for_match(venue);
  for (const VenueName& n : names) {
    if (core::fold_for_match(n.source_name) == folded) return n.preferred;
  }
  return venue;
}

// The venue a role gives (ranking.hpp), true when it gave one.
bool venue_from(MergedPaper& p, const RankedRecords& s, Role role) {
  switch (role) {
    case Role::publication:
    case Role::registered_preprint:
      if (const Ranked* r = s.find(role, [](const Record& rec) { return !rec.venue.empty(); })) {
        p.venue = r->record->venue;
        p.sources.venue = r->record->source;
        return true;
      }
      return false;
    case Role::indexed:
      if (const Ranked* r = s.indexed_venue()) {
        p.venue = r->record->venue;
        p.sources.venue = r->record->source;
        return true;
      }
      return false;
    case Role::preprint:
      if (const Ranked* r = s.find(role, [](const Record& rec) { return !rec.journal_ref.empty(); })) {
        p.venue = core::collapse_whitespace(r->record->journal_ref);
        p.sources.venue = r->record->source;
        return true;
      }
      if (!s.is_published && !p.arxiv_id.empty()) {
        p.venue = "arXiv preprint arXiv:" + p.arxiv_id;
        p.sources.venue = preprint_source(s);
        return true;
      }
      return false;
  }
  return false;
}

void merge_venue(MergedPaper& p, const RankedRecords& s, bool has_ids, const std::vector<VenueName>& names) {
  if (!s.ov.venue.empty()) {
    p.venue = core::collapse_whitespace(s.ov.venue);
    p.sources.venue = k_config_source;
  } else {
    for (const Role role : ranking(RankedField::venue)) {
      if (venue_from(p, s, role)) break;
    }
  }
  if (p.sources.venue != k_config_source) p.venue = preferred_venue_name(p.venue, names);
  const Record* publication = s.first(Role::publication);
  const Ranked* indexed = s.indexed_venue();
  if (!s.is_published) {
    const bool a_preprint = s.first(Role::preprint) != nullptr || s.first(Role::registered_preprint) != nullptr;
    p.kind = (a_preprint || !p.arxiv_id.empty()) ? PaperKind::preprint : kind_from_venue(p.venue, has_ids);
  } else if (publication != nullptr && p.sources.venue != k_config_source &&
             kind_from_work_type(publication->type) != PaperKind::other) {
    p.kind = kind_from_work_type(publication->type);
  } else if (publication == nullptr && indexed != nullptr && p.sources.venue == indexed->record->source &&
             kind_from_work_type(indexed->record->type) != PaperKind::other) {
    p.kind = kind_from_work_type(indexed->record->type);
  } else {
    p.kind = kind_from_venue(p.venue, has_ids);
  }
}

bool has_date(const Record& r) { return !r.published.empty(); }

// The date a role gives for the year (ranking.hpp), true when it gave one.
bool date_from(MergedPaper& p, const RankedRecords& s, Role role) {
  switch (role) {
    case Role::publication:
    case Role::registered_preprint:
      break;
    case Role::indexed:
      // An index's date is the venue's year, and only what it says of its
      // venue counts: never with a venue that came from elsewhere.
      if (const Ranked* r = s.indexed_venue(); r != nullptr && has_date(*r->record) && s.ov.venue.empty()) {
        p.date = r->record->published;
        p.sources.year = r->record->source;
        return true;
      }
      return false;
    case Role::preprint:
      // A published paper known only by its preprint: the year its journal
      // reference names, else the version's date (no venue override: that
      // one's year is the config's business).
      if (s.is_published && s.ov.venue.empty()) {
        if (const Record* r = s.first(Role::preprint)) {
          const int y = year_in_text(r->journal_ref);
          p.date = y != 0 ? core::PartialDate{y, 0, 0} : (r->updated.empty() ? r->published : r->updated);
          p.sources.year = r->source;
          return true;
        }
        return false;
      }
      break;
  }
  if (const Ranked* r = s.find(role, has_date)) {
    p.date = r->record->published;
    p.sources.year = r->record->source;
    return true;
  }
  return false;
}

void merge_year(MergedPaper& p, const RankedRecords& s) {
  const core::PartialDate none;
  const Ranked* first_version = s.best(RankedField::first_version, has_date);
  const Ranked* v1_record = s.find(Role::preprint, has_date);
  const Ranked* publication = s.find(Role::publication, has_date);
  const core::PartialDate& v1 = v1_record != nullptr ? v1_record->record->published : none;
  const core::PartialDate& cr = publication != nullptr ? publication->record->published : none;
  if (s.ov.year) {
    p.year = *s.ov.year;
    p.sources.year = k_config_source;
    p.date = cr.year == p.year ? cr : (v1.year == p.year && !s.is_published ? v1 : core::PartialDate{p.year, 0, 0});
  } else {
    for (const Role role : ranking(RankedField::year)) {
      if (date_from(p, s, role)) break;
    }
  }
  if (!s.ov.year) p.year = p.date.year;
  if (s.ov.month && *s.ov.month >= 1 && *s.ov.month <= 12) {
    p.month = *s.ov.month;
    const bool same_month = p.date.year == p.year && p.date.month == p.month;
    p.date = core::PartialDate{p.year, p.month, same_month ? p.date.day : 0};
  }
  p.first_version_year = first_version != nullptr ? first_version->record->published.year : p.year;
}

// The config's value of a field, else the best-ranked record's.
void pick(std::string& out, std::string& source, const std::string& override_value, const RankedRecords& s,
          RankedField field, std::string Record::*member, bool with_index) {
  if (!override_value.empty()) {
    out = core::collapse_whitespace(override_value);
    source = k_config_source;
    return;
  }
  for (const Role role : ranking(field)) {
    if (role == Role::indexed && !with_index) continue;
    if (const Ranked* r = s.find(role, [&](const Record& rec) { return !(rec.*member).empty(); })) {
      out = r->record->*member;
      source = r->record->source;
      return;
    }
  }
}

void merge_details(MergedPaper& p, const RankedRecords& s) {
  // An index's volume, issue and pages are its venue's: they count only
  // where its venue is the one shown.
  const Ranked* indexed = s.indexed_venue();
  const bool index_gave_venue = indexed != nullptr && p.sources.venue == indexed->record->source;
  pick(p.volume, p.sources.volume, s.ov.volume, s, RankedField::volume, &Record::volume, index_gave_venue);
  pick(p.issue, p.sources.issue, s.ov.issue, s, RankedField::issue, &Record::issue, index_gave_venue);
  pick(p.pages, p.sources.pages, s.ov.pages, s, RankedField::pages, &Record::pages, index_gave_venue);
  if (p.pages.empty()) {
    pick(p.pages, p.sources.pages, {}, s, RankedField::pages, &Record::article_number, index_gave_venue);
  }
  p.pages = normalize_pages(p.pages);
  if (p.sources.pages == k_config_source) p.pages_as_written = core::collapse_whitespace(s.ov.pages);
}

// The arXiv id a role's records give (ranking.hpp): a preprint server's
// own, or one a registry's relations name.
std::string_view arxiv_id_from(const RankedRecords& s, Role role) {
  switch (role) {
    case Role::preprint:
      if (const Ranked* r = s.find(role, [](const Record& rec) { return !rec.arxiv_id.empty(); })) {
        return r->record->arxiv_id;
      }
      return {};
    case Role::indexed:
      if (const Ranked* r = s.find(role, [](const Record& rec) { return !rec.arxiv_id.empty(); })) {
        return r->record->arxiv_id;
      }
      return {};
    case Role::publication:
    case Role::registered_preprint:
      for (const Ranked& r : s.records) {
        if (r.role != role) continue;
        for (const auto& rel : r.record->relations) {
          if (rel.id_type == "arxiv" && !rel.id.empty()) return rel.id;
        }
      }
      return {};
  }
  return {};
}

void merge_ids(MergedPaper& p, const PaperInput& in, const RankedRecords& s) {
  p.arxiv_id = in.arxiv_id;
  for (const Role role : ranking(RankedField::arxiv_id)) {
    if (!p.arxiv_id.empty()) break;
    p.arxiv_id = arxiv_id_from(s, role);
  }
  if (!in.doi.empty()) {
    p.doi = in.doi;
    p.sources.doi = k_config_source;
  } else if (const Ranked* r = s.best(RankedField::doi, [](const Record& rec) { return !rec.doi.empty(); })) {
    p.doi = r->record->doi;
    p.sources.doi = r->record->source;
  }
  if (const Ranked* r = s.find(Role::preprint, [](const Record& rec) { return !rec.primary_category.empty(); })) {
    p.primary_category = r->record->primary_category;  // only a preprint server files papers by subject
  }
}

// The link a role gives (ranking.hpp), true when it gave one.
bool link_from(MergedPaper& p, const RankedRecords& s, Role role) {
  switch (role) {
    case Role::publication:
      if (!s.is_published || p.doi.empty()) return false;
      break;
    case Role::preprint:
      if (p.arxiv_id.empty()) return false;
      p.url = "https://arxiv.org/abs/" + p.arxiv_id;
      p.sources.url = preprint_source(s);
      return true;
    case Role::registered_preprint:
      if (p.doi.empty()) return false;
      break;
    case Role::indexed: return false;  // an index's page is no link to the paper
  }
  p.url = "https://doi.org/" + p.doi;
  p.sources.url = p.sources.doi;
  return true;
}

void merge_link(MergedPaper& p, const RankedRecords& s) {
  if (!s.ov.url.empty()) {
    p.url = core::trim(s.ov.url);
    p.sources.url = k_config_source;
    return;
  }
  for (const Role role : ranking(RankedField::link)) {
    if (link_from(p, s, role)) return;
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

// al-folio's fields and the config's key and et-al text; the abstract (when
// asked for) from the first record that has one, in the registry's order.
void merge_al_folio(MergedPaper& p, const Overrides& ov, const RankedRecords& s) {
  p.citation_key = ov.citation_key;
  p.key_pinned = !ov.citation_key.empty();
  p.et_al = ov.et_al;
  p.al_folio = ov.al_folio;
  p.bibtex_show = ov.bibtex_show;
  if (!ov.abstract) return;
  for (const Ranked& r : s.records) {
    if (!r.record->summary.empty()) {
      p.abstract = core::collapse_whitespace(r.record->summary);
      return;
    }
  }
}

// Fills `p`, a fresh MergedPaper, in place: merge_papers builds each paper
// where the list keeps it instead of moving a temporary there. `ranked` is
// a buffer the caller reuses across papers.
void merge_into(MergedPaper& p, const PaperInput& input, const PaperRecords& records, const NameMatcher& matcher,
                const std::vector<VenueName>& venue_names, std::vector<Ranked>& ranked) {
  const RankedRecords s = classify(input, records, ranked);
  p.key = input.key;
  p.position = input.position;
  p.hidden = input.overrides.hidden;
  p.not_an_author = input.overrides.not_an_author;
  // An index's record alone does not make a paper publishable: its title
  // and names are a copy ("A. Doucet"), so the paper waits for a source of
  // its own (a preprint server, a registry).
  p.from_sources = std::any_of(s.records.begin(), s.records.end(), [](const Ranked& r) { return r.role != Role::indexed; });
  p.max_authors = input.overrides.max_authors;
  p.selected = input.overrides.selected;
  p.abbr = core::collapse_whitespace(input.overrides.abbr);
  p.pdf = core::trim(input.overrides.pdf);
  p.code = core::trim(input.overrides.code);
  merge_al_folio(p, input.overrides, s);
  p.published = s.is_published;
  merge_ids(p, input, s);
  merge_title(p, s);
  prefer_capitals(p, s);
  merge_authors(p, s, matcher);
  merge_venue(p, s, !p.arxiv_id.empty() || !p.doi.empty(), venue_names);
  merge_year(p, s);
  merge_details(p, s);
  merge_link(p, s);
}

}  // namespace

MergedPaper merge_paper(const PaperInput& input, const NameMatcher& matcher) {
  MergedPaper p;
  std::vector<Ranked> ranked;
  merge_into(p, input, {}, matcher, {}, ranked);
  return p;
}

std::vector<MergedPaper> merge_papers(const std::vector<PaperInput>& inputs, const Profile& profile) {
  return merge_papers(inputs, {}, profile);
}

std::vector<MergedPaper> merge_papers(const std::vector<PaperInput>& inputs, const std::vector<PaperRecords>& records,
                                      const Profile& profile) {
  const NameMatcher matcher(profile);
  const PaperRecords none;
  std::vector<Ranked> ranked;
  std::vector<MergedPaper> papers;
  papers.reserve(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    merge_into(papers.emplace_back(), inputs[i], i < records.size() ? records[i] : none, matcher, profile.venue_names,
               ranked);
  }
  assign_citation_keys(papers);
  sort_papers(papers);
  return papers;
}

}  // namespace scholard::render
