#include "fetchers/semanticscholar_parser.hpp"

#include <cctype>
#include <utility>

#include <simdjson.h>

#include "core/identifier.hpp"
#include "core/markup.hpp"
#include "core/text.hpp"
#include "fetchers/fetch_result.hpp"
#include "fetchers/semanticscholar_venues.hpp"

namespace scholard::fetchers {
namespace {

namespace dom = simdjson::dom;
using core::ErrorCode;
using core::fail;

// One parser per thread: simdjson parsers own large reusable buffers.
dom::parser& thread_parser() {
  thread_local dom::parser parser;
  return parser;
}

core::Result<dom::element> parse_json(std::string_view json) {
  dom::element root;
  if (auto e = thread_parser().parse(json.data(), json.size()).get(root)) {
    return fail(ErrorCode::invalid_input,
                std::string("Semantic Scholar's answer is not valid JSON: ") + simdjson::error_message(e));
  }
  return root;
}

// The member's text: strings as they are, numbers as their JSON text; "" for
// anything else or when absent.
std::string text_of(dom::object obj, std::string_view key) {
  dom::element v;
  if (obj[key].get(v)) return {};
  std::string_view s;
  if (!v.get_string().get(s)) return std::string(s);
  if (v.is_int64() || v.is_uint64()) return simdjson::minify(v);
  return {};
}

std::vector<std::string> strings_of(dom::object obj, std::string_view key) {
  std::vector<std::string> out;
  dom::array items;
  if (obj[key].get_array().get(items)) return out;
  for (dom::element item : items) {
    std::string_view s;
    if (!item.get_string().get(s)) out.emplace_back(s);
  }
  return out;
}

S2Fields fields_of(dom::object paper) {
  S2Fields f;
  f.paper_id = text_of(paper, "paperId");
  f.title = text_of(paper, "title");
  f.url = text_of(paper, "url");
  f.venue = text_of(paper, "venue");
  f.publication_date = text_of(paper, "publicationDate");
  f.publication_types = strings_of(paper, "publicationTypes");
  int64_t year = 0;
  if (!paper["year"].get_int64().get(year) && year > 0 && year < 10000) f.year = static_cast<int>(year);
  dom::object ids;
  if (!paper["externalIds"].get_object().get(ids)) {
    f.doi = text_of(ids, "DOI");
    f.arxiv = text_of(ids, "ArXiv");
    f.dblp = text_of(ids, "DBLP");
    int64_t corpus = 0;
    if (!ids["CorpusId"].get_int64().get(corpus) && corpus > 0) f.corpus_id = std::to_string(corpus);
  }
  dom::object venue;
  if (!paper["publicationVenue"].get_object().get(venue)) {
    f.venue_id = text_of(venue, "id");
    f.venue_name = text_of(venue, "name");
    f.venue_type = text_of(venue, "type");
    f.venue_alternate_names = strings_of(venue, "alternate_names");
  }
  dom::object journal;
  if (!paper["journal"].get_object().get(journal)) {
    f.journal_name = text_of(journal, "name");
    f.journal_volume = text_of(journal, "volume");
    f.journal_pages = text_of(journal, "pages");
  }
  dom::array authors;
  if (!paper["authors"].get_array().get(authors)) {
    for (dom::element a : authors) {
      dom::object author;
      if (a.get_object().get(author)) continue;
      std::string name = core::collapse_whitespace(text_of(author, "name"));
      if (!name.empty()) f.authors.push_back(std::move(name));
    }
  }
  return f;
}

S2Paper paper_of(dom::object obj) {
  S2Paper p;
  p.record = semanticscholar_record(fields_of(obj));
  p.raw_hash = content_hash(simdjson::minify(obj));
  return p;
}

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

// "525 - 535" → "525-535"; layout whitespace ("\n  014216\n  ") dropped.
std::string tidy_pages(std::string_view pages) {
  std::string out = core::collapse_whitespace(pages);
  for (std::size_t at = out.find(" - "); at != std::string::npos; at = out.find(" - ")) out.replace(at, 3, "-");
  return out;
}

// JMLR-style "243:1-243:83": the article number twice → (issue "243", pages "1-83").
bool split_article_pages(const std::string& pages, std::string& issue, std::string& range) {
  const auto dash = pages.find('-');
  if (dash == std::string::npos) return false;
  const std::string_view first(pages.data(), dash);
  const std::string_view second(pages.data() + dash + 1, pages.size() - dash - 1);
  const auto c1 = first.find(':');
  const auto c2 = second.find(':');
  if (c1 == std::string_view::npos || c2 == std::string_view::npos) return false;
  const std::string_view number = first.substr(0, c1);
  if (!is_digits(number) || second.substr(0, c2) != number) return false;
  issue = std::string(number);
  range = std::string(first.substr(c1 + 1)) + "-" + std::string(second.substr(c2 + 1));
  return true;
}

bool is_corr_key(std::string_view key) { return key.starts_with("journals/corr/"); }

core::PartialDate date_of(const S2Fields& f) {
  if (auto d = core::PartialDate::parse(f.publication_date)) return *d;
  core::PartialDate d;
  d.year = f.year;
  return d;
}

}  // namespace

int dblp_venue_year(std::string_view key) {
  if (key.empty() || is_corr_key(key)) return 0;
  std::string_view k = key;
  if (!k.empty() && k.back() >= 'a' && k.back() <= 'z') k.remove_suffix(1);
  if (k.size() < 2 || !is_digits(k.substr(k.size() - 2))) return 0;
  const int yy = (k[k.size() - 2] - '0') * 10 + (k.back() - '0');
  return yy >= 50 ? 1900 + yy : 2000 + yy;
}

core::Record semanticscholar_record(const S2Fields& f) {
  core::Record r;
  r.source = std::string(k_semanticscholar_source);
  r.title_raw = f.title;
  r.title = core::strip_markup(f.title);
  r.url = f.url;
  for (const std::string& name : f.authors) r.authors.push_back(core::Author{name, {}, {}, {}, {}, {}});
  if (auto doi = core::parse_doi(f.doi); doi && !core::arxiv_id_from_doi(*doi)) r.doi = doi->value;
  if (auto ax = core::parse_arxiv_id(f.arxiv)) r.arxiv_id = ax->id;
  if (!f.dblp.empty()) r.relations.push_back({"indexed-as", "dblp", f.dblp});
  if (!f.venue_id.empty()) r.relations.push_back({"indexed-as", "semanticscholar-venue", f.venue_id});
  if (!f.paper_id.empty()) r.relations.push_back({"indexed-as", "semanticscholar", f.paper_id});
  if (!f.corpus_id.empty()) r.relations.push_back({"indexed-as", "semanticscholar-corpus", "CorpusId:" + f.corpus_id});

  // Published: a venue other than a preprint server, and no CoRR-only DBLP key.
  const std::string venue_name = core::decode_entities(core::collapse_whitespace(f.venue_name));
  const std::string venue = core::decode_entities(core::collapse_whitespace(f.venue));
  const std::string journal = core::decode_entities(core::collapse_whitespace(f.journal_name));
  const bool preprint_venue = f.venue_id == k_s2_arxiv_venue_id;
  const auto names_a_venue = [](const std::string& name) { return !name.empty() && !is_preprint_venue_name(name); };
  const bool named = !preprint_venue && (names_a_venue(venue_name) || names_a_venue(venue) || names_a_venue(journal));
  const bool published = named && !is_corr_key(f.dblp);
  if (!published) {
    r.type = "preprint";
    return r;
  }

  // The venue's names, arXiv's left out (journal.name says "ArXiv" for
  // many ICLR and NeurIPS papers).
  std::vector<std::string_view> names;
  if (names_a_venue(venue_name)) {
    names.push_back(venue_name);
    for (const std::string& alt : f.venue_alternate_names) names.push_back(alt);
  }
  if (names_a_venue(venue)) names.push_back(venue);
  if (names_a_venue(journal)) names.push_back(journal);
  const S2Venue* known = find_s2_venue(f.venue_id, names);
  if (known != nullptr && known->kind == VenueKind::preprint_server) {
    // A preprint server's id under a name the checks above missed.
    r.type = "preprint";
    return r;
  }
  if (known != nullptr) {
    r.venue = std::string(known->name);
    r.venue_short = std::string(known->short_name);
  } else {
    r.venue = !names_a_venue(venue_name) ? (names_a_venue(journal) ? journal : venue) : venue_name;
  }

  bool conference = false;
  if (f.venue_type == "conference") {
    conference = true;
  } else if (f.venue_type == "journal") {
    conference = false;
  } else if (std::find(f.publication_types.begin(), f.publication_types.end(), "Conference") !=
             f.publication_types.end()) {
    conference = true;
  } else if (known != nullptr) {
    conference = known->kind == VenueKind::conference;
  }
  r.type = conference ? "proceedings-article" : "journal-article";

  if (const int year = dblp_venue_year(f.dblp); year != 0) {
    r.published.year = year;
  } else if (f.dblp.empty() && r.arxiv_id.empty()) {
    r.published = date_of(f);
  }

  // journal.* describe the venue unless they are arXiv's ("ArXiv", "abs/...").
  const bool journal_is_arxiv = !journal.empty() && is_preprint_venue_name(journal);
  const std::string volume = core::collapse_whitespace(f.journal_volume);
  if (!journal_is_arxiv && !volume.starts_with("abs/")) {
    // "121 10", "107 1-1": S2 writes the issue after the volume.
    if (const auto space = volume.find(' '); space != std::string::npos && is_digits(volume.substr(0, space))) {
      r.volume = volume.substr(0, space);
      r.issue = volume.substr(space + 1);
    } else if (r.published.year == 0 || volume != std::to_string(r.published.year)) {
      // A volume that is just the year (TMLR's, in DBLP's words) says nothing the year does not.
      r.volume = volume;
    }
    const std::string pages = tidy_pages(f.journal_pages);
    std::string issue;
    std::string range;
    if (split_article_pages(pages, issue, range)) {
      r.issue = issue;
      r.pages = range;
    } else {
      r.pages = pages;
    }
  }
  return r;
}

core::Result<std::vector<std::optional<S2Paper>>> parse_semanticscholar_batch(std::string_view json) {
  auto root = parse_json(json);
  if (!root) return tl::unexpected(root.error());
  dom::array items;
  if (root->get_array().get(items)) {
    return fail(ErrorCode::invalid_input, "Semantic Scholar's batch answer is not a JSON array");
  }
  std::vector<std::optional<S2Paper>> out;
  for (dom::element item : items) {
    if (item.is_null()) {
      out.emplace_back(std::nullopt);
      continue;
    }
    dom::object obj;
    if (item.get_object().get(obj)) {
      return fail(ErrorCode::invalid_input, "Semantic Scholar's batch answer holds an element that is not a paper");
    }
    out.emplace_back(paper_of(obj));
  }
  return out;
}

core::Result<S2Paper> parse_semanticscholar_paper(std::string_view json) {
  auto root = parse_json(json);
  if (!root) return tl::unexpected(root.error());
  dom::object obj;
  if (root->get_object().get(obj)) return fail(ErrorCode::invalid_input, "Semantic Scholar's answer is not a paper object");
  return paper_of(obj);
}

core::Result<std::vector<S2Paper>> parse_semanticscholar_list(std::string_view json) {
  auto root = parse_json(json);
  if (!root) return tl::unexpected(root.error());
  dom::array data;
  if ((*root)["data"].get_array().get(data)) {
    return fail(ErrorCode::invalid_input, "Semantic Scholar's list answer has no `data` array");
  }
  std::vector<S2Paper> out;
  for (dom::element item : data) {
    dom::object obj;
    if (item.get_object().get(obj)) {
      return fail(ErrorCode::invalid_input, "Semantic Scholar's list answer holds an element that is not a paper");
    }
    out.push_back(paper_of(obj));
  }
  return out;
}

core::Result<S2Match> parse_semanticscholar_match(std::string_view json) {
  auto root = parse_json(json);
  if (!root) return tl::unexpected(root.error());
  dom::array data;
  dom::element first;
  dom::object obj;
  if ((*root)["data"].get_array().get(data) || data.at(0).get(first) || first.get_object().get(obj)) {
    return fail(ErrorCode::invalid_input, "Semantic Scholar's title match has no paper in `data`");
  }
  S2Match m;
  m.paper = paper_of(obj);
  double score = 0;
  if (!obj["matchScore"].get_double().get(score)) m.match_score = score;
  return m;
}

std::string semanticscholar_error_message(std::string_view body) {
  const std::string_view t = core::trim(body);
  if (t.empty() || t.front() != '{') return {};
  auto root = parse_json(t);
  dom::object obj;
  if (!root || root->get_object().get(obj)) return {};
  std::string message = text_of(obj, "error");
  if (message.empty()) message = text_of(obj, "message");
  return core::collapse_whitespace(message);
}

}  // namespace scholard::fetchers
