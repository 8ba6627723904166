// Reader for the [[paper]] entries (declared in sections.hpp): ids through
// core's parsers, per-paper overrides, and duplicate detection.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <functional>
#include <limits>
#include <string_view>
#include <utility>

#include "config/al_folio.hpp"
#include "config/sections.hpp"
#include "core/identifier.hpp"
#include "core/month.hpp"
#include "core/text.hpp"

namespace scholard::config {
namespace {

// The value of an `arxiv` key: an arXiv id in any form parse_arxiv_id takes,
// or arXiv's own DOI (10.48550/arXiv.X). The arXiv parser's reason otherwise.
core::Result<core::ArxivId> parse_arxiv_value(std::string_view text) {
  auto ax = core::parse_arxiv_id(text);
  if (ax) return ax;
  auto id = core::parse_identifier(text);
  if (id && id->kind == core::IdKind::arxiv) return id->arxiv;
  if (id && id->kind == core::IdKind::doi) {
    return core::fail(core::ErrorCode::invalid_input,
                      "\"" + std::string(text) + "\" is a DOI, not an arXiv id; write doi = \"" + id->doi.value + "\"");
  }
  return ax;
}

void read_arxiv(TableReader& r, Paper& p) {
  auto text = r.string("arxiv", "\"2308.03686\"");
  if (!text) return;
  if (auto ax = parse_arxiv_value(*text)) {
    p.arxiv = std::move(*ax);
  } else {
    r.problem("arxiv", ax.error().message);
  }
}

// A DOI; arXiv's own DOIs become (or must agree with) the arXiv id.
void read_doi(TableReader& r, Paper& p) {
  auto text = r.string("doi", "\"10.1093/jrsssb/qkae005\"");
  if (!text) return;
  auto doi = core::parse_doi(*text);
  if (!doi) {
    std::string message = doi.error().message;
    if (core::parse_arxiv_id(*text)) message += "; it looks like an arXiv id: write arxiv = \"" + *text + "\"";
    r.problem("doi", message);
    return;
  }
  auto ax = core::arxiv_id_from_doi(*doi);
  if (!ax) {
    if (ax.error().code == core::ErrorCode::not_found) {
      p.doi = std::move(*doi);
    } else {
      r.problem("doi", ax.error().message);
    }
    return;
  }
  if (p.arxiv && p.arxiv->id != ax->id) {
    r.problem("doi", "is arXiv's DOI for " + ax->id + ", but arxiv = \"" + p.arxiv->id + "\"");
  } else if (!p.arxiv) {
    p.arxiv = std::move(*ax);
  }
}

void read_authors(TableReader& r, Paper& p) {
  auto authors = r.strings("authors", "[\"Cem Anil\", \"Joe Benton\", \"others\"]");
  if (!authors) return;
  for (std::size_t i = 0; i < authors->size(); ++i) {
    std::string_view name = core::trim((*authors)[i]);
    if (name.empty()) {
      r.problem("authors", "author " + std::to_string(i + 1) + " is empty");
    } else if (name == "others" && i + 1 != authors->size()) {
      r.problem("authors", "\"others\" (meaning et al.) may only be the last element");
    }
  }
  if (authors->size() == 1 && authors->front() == "others") r.problem("authors", "lists nobody but \"others\"");
  p.authors = std::move(*authors);
}

void read_equal_contribution(TableReader& r, Paper& p) {
  auto names = r.strings("equal_contribution", "[\"Joe Benton\", \"Yuyang Shi\"]");
  if (!names) return;
  // Authors may come from the sources; only a list given here can be checked.
  if (!p.authors.empty()) {
    std::vector<std::string> folded;
    for (const std::string& a : p.authors) folded.push_back(core::fold_for_match(a));
    for (const std::string& n : *names) {
      if (std::find(folded.begin(), folded.end(), core::fold_for_match(n)) == folded.end()) {
        r.problem("equal_contribution", "\"" + n + "\" is not one of this paper's authors");
      }
    }
  }
  p.equal_contribution = std::move(*names);
}

// `month = 2` or `month = "February"` (or "Feb").
void read_month(TableReader& r, Paper& p) {
  auto text = r.text_or_integer("month", "2 or \"February\"");
  if (!text) return;
  const std::string value(core::trim(*text));
  const bool digits = !value.empty() && value.size() <= 2 &&
                      std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    const int month = std::stoi(value);
    if (month >= 1 && month <= 12) {
      p.month = month;
      return;
    }
  } else if (auto month = core::parse_month_name(value)) {
    p.month = *month;
    return;
  }
  r.problem("month", "expected a month from 1 to 12 or its English name (\"February\", \"Feb\"), found \"" + value + "\"");
}

// `date = "2024-02"` (or "2024-02-15": the page shows the month, the day is
// not kept): the year and month at once. With `year` or `month` as well, they
// must agree.
void read_date(TableReader& r, Paper& p) {
  auto text = r.string("date", "\"2024-02\"");
  if (!text) return;
  const std::string value(core::trim(*text));
  const auto digits = [&](std::size_t at, std::size_t n) {
    return value.size() >= at + n &&
           std::all_of(value.begin() + static_cast<std::ptrdiff_t>(at),
                       value.begin() + static_cast<std::ptrdiff_t>(at + n), [](char c) { return c >= '0' && c <= '9'; });
  };
  const bool shape = (value.size() == 7 || (value.size() == 10 && value[7] == '-' && digits(8, 2))) && digits(0, 4) &&
                     value[4] == '-' && digits(5, 2);
  const int year = shape ? std::stoi(value.substr(0, 4)) : 0;
  const int month = shape ? std::stoi(value.substr(5, 2)) : 0;
  if (!shape || year < 1000 || month < 1 || month > 12) {
    r.problem("date", "expected a year and month, \"2024-02\" (or \"2024-02-15\"), found \"" + value + "\"");
    return;
  }
  if ((p.year && *p.year != year) || (p.month && *p.month != month)) {
    r.problem("date", "\"" + value + "\" disagrees with this paper's year or month; give one or the other");
    return;
  }
  p.year = year;
  p.month = month;
}

// `author_names = { "Source Spelling" = "Name as written" }`.
void read_author_names(TableReader& r, Paper& p) {
  const toml::table* names = r.table("author_names");
  if (names == nullptr) return;
  const std::string path = r.path("author_names");
  for (const auto& [key, node] : *names) {
    const std::string from = core::collapse_whitespace(key.str());
    const auto line = node.source().begin.line;
    const std::string where = path + ".\"" + std::string(key.str()) + "\"";
    const auto* to = node.as_string();
    if (to == nullptr) {
      r.problems().add(line, where,
                       "expected the name as your page writes it, such as \"Meihua Li\", found " + describe_found(node));
      continue;
    }
    std::string value = core::collapse_whitespace(to->get());
    if (from.empty() || value.empty()) {
      r.problems().add(line, where, "expected a source's spelling = the name as written, both non-empty, such as "
                                    "{ \"Marvin Li\" = \"Meihua Li\" }");
      continue;
    }
    p.author_names.emplace_back(from, std::move(value));
  }
}

// A non-empty, whitespace-collapsed string, else a problem.
std::optional<std::string> non_empty(TableReader& r, std::string_view key, std::string_view example) {
  auto text = r.string(key, example);
  if (!text) return std::nullopt;
  std::string value = core::collapse_whitespace(*text);
  if (value.empty()) {
    r.problem(key, "must not be empty; leave the key out instead");
    return std::nullopt;
  }
  return value;
}

// al-folio's pdf: an http(s) URL (al-folio links any value containing "://"
// as it is) or a file name it finds under assets/pdf/.
void read_pdf(TableReader& r, Paper& p) {
  auto pdf = non_empty(r, "pdf", "\"benton2024nearly.pdf\" (under assets/pdf/) or \"https://...\"");
  if (!pdf) return;
  std::optional<std::string> why;
  if (pdf->find("://") != std::string::npos) {
    why = url_problem(*pdf);
  } else if (pdf->front() == '/') {
    why = "expected a file name relative to al-folio's assets/pdf/ (such as \"paper.pdf\") or an http(s) URL, "
          "found \"" + *pdf + "\"";
  } else if (std::any_of(pdf->begin(), pdf->end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
    why = "the file name contains control characters";
  }
  if (why) {
    r.problem("pdf", *why);
  } else {
    p.pdf = *pdf;
  }
}

// The al-folio keys: selected, abbr, pdf, code.
void read_al_folio(TableReader& r, Paper& p) {
  if (auto selected = r.boolean("selected")) p.selected = *selected;
  if (auto abbr = non_empty(r, "abbr", "\"ICLR\"")) p.abbr = *abbr;
  read_pdf(r, p);
  if (auto code = r.string("code", "\"https://github.com/user/repo\"")) {
    if (auto why = url_problem(*code)) {
      r.problem("code", *why);
    } else {
      p.code = *code;
    }
  }
}

// al-folio's other fields (al_folio.hpp), its bibtex_show and abstract
// switches, the citation key and the et-al text.
void read_al_folio_more(TableReader& r, Paper& p) {
  for (const AlFolioField& f : k_al_folio_fields) {
    auto value = r.string(f.name, f.example);
    if (!value) continue;
    std::string text = f.value == AlFolioValue::text ? std::string(core::trim(*value)) : core::collapse_whitespace(*value);
    if (auto why = al_folio_problem(f, text)) {
      r.problem(f.name, *why);
    } else {
      p.al_folio.emplace_back(std::string(f.name), std::move(text));
    }
  }
  p.bibtex_show = r.boolean("bibtex_show");
  if (auto on = r.boolean("abstract")) p.abstract = *on;
  if (auto key = r.string("key", "\"benton2024nearly\"")) {
    if (auto why = config::citation_key_problem(*key)) {
      r.problem("key", *why);
    } else {
      p.citation_key = *key;
    }
  }
  if (auto text = r.string("et_al", "\", et al.\"")) {
    if (auto why = et_al_problem(*text)) {
      r.problem("et_al", *why);
    } else {
      p.et_al = *text;
    }
  }
}

// A manual entry's Semantic Scholar corpus id. A paper with an arXiv id or
// a DOI is asked of Semantic Scholar by those, so the key is refused there.
void read_semanticscholar(TableReader& r, Paper& p) {
  auto text = r.string("semanticscholar", "\"CorpusId:269085201\"");
  if (!text) return;
  if (r.has("arxiv") || r.has("doi")) {
    r.problem("semanticscholar", "is only for an entry without arxiv and doi (Semantic Scholar is asked by those)");
    return;
  }
  auto id = core::parse_corpus_id(*text);
  if (!id) {
    r.problem("semanticscholar", id.error().message);
    return;
  }
  p.semanticscholar = std::move(*id);
}

void read_paper(TableReader& r, Paper& p) {
  p.line = static_cast<int>(r.line());
  read_arxiv(r, p);
  read_doi(r, p);
  if (auto title = r.string("title", "\"Many-shot Jailbreaking\"")) {
    p.title = core::collapse_whitespace(*title);
    if (p.title.empty()) r.problem("title", "must not be empty; leave the key out to use the sources' title");
  }
  read_authors(r, p);
  if (auto venue = r.string("venue", "\"Journal of Machine Learning Research\"")) p.venue = core::collapse_whitespace(*venue);
  p.year = bounded_int(r, "year", "2024", 1000, 9999);
  if (auto v = r.text_or_integer("volume", "\"24\"")) p.volume = *v;
  if (auto v = r.text_or_integer("issue", "\"243\"")) p.issue = *v;
  if (auto v = r.text_or_integer("pages", "\"1-83\"")) p.pages = *v;
  read_month(r, p);
  read_date(r, p);
  read_author_names(r, p);
  if (auto url = r.string("url", "\"https://www.jmlr.org/papers/v24/22-1160.html\"")) {
    if (auto why = url_problem(*url)) {
      r.problem("url", *why);
    } else {
      p.url = *url;
    }
  }
  p.max_authors = bounded_int(r, "max_authors", "10", 1, 100000);
  read_equal_contribution(r, p);
  if (auto hidden = r.boolean("hidden")) p.hidden = *hidden;
  if (auto mine = r.boolean("not_an_author")) p.not_an_author = *mine;
  read_al_folio(r, p);
  read_al_folio_more(r, p);
  read_semanticscholar(r, p);
  const bool id_given = r.has("arxiv") || r.has("doi");
  if (!id_given && p.title.empty() && !r.has("title")) {
    r.problems().add(r.line(), r.path(""),
                     "a [[paper]] needs arxiv = \"...\", doi = \"...\", or for a manual entry a title");
  }
  r.finish();
}

// Which paper first listed each id, for duplicate detection: open addressing
// over paper indexes, one small array for all papers (a hash map's node per
// id costs more than the lookups on a long list). Ids are read from the
// papers themselves, which must outlive this.
class FirstListings {
 public:
  using IdOf = std::string_view (*)(const Paper&);

  // Room for `count` ids of the kind `id_of` returns.
  FirstListings(const std::vector<Paper>& papers, IdOf id_of, std::size_t count)
      : m_papers(papers), m_id_of(id_of), m_slots(std::bit_ceil(2 * count + 1), k_empty) {}

  // The earlier paper with the same id as papers[i] (which has one), else
  // nullptr after remembering papers[i] as that id's first.
  const Paper* earlier(std::size_t i) {
    const std::string_view id = m_id_of(m_papers[i]);
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t s = std::hash<std::string_view>{}(id) & mask;; s = (s + 1) & mask) {
      if (m_slots[s] == k_empty) {
        m_slots[s] = static_cast<std::uint32_t>(i);
        return nullptr;
      }
      if (m_id_of(m_papers[m_slots[s]]) == id) return &m_papers[m_slots[s]];
    }
  }

 private:
  static constexpr std::uint32_t k_empty = std::numeric_limits<std::uint32_t>::max();
  const std::vector<Paper>& m_papers;
  IdOf m_id_of;
  std::vector<std::uint32_t> m_slots;  // paper indexes; at most half full
};

// Two papers with one citation key would make {% cite %} ambiguous.
void check_duplicate_keys(const std::vector<Paper>& papers, Problems& problems) {
  std::size_t with_key = 0;
  for (const Paper& p : papers) with_key += p.citation_key.empty() ? 0u : 1u;
  if (with_key < 2) return;
  std::vector<std::size_t> order;
  order.reserve(with_key);
  for (std::size_t i = 0; i < papers.size(); ++i) {
    if (!papers[i].citation_key.empty()) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return papers[a].citation_key < papers[b].citation_key; });
  std::size_t group = 0;  // the first (in the file) of the papers with this key
  for (std::size_t k = 1; k < order.size(); ++k) {
    const Paper& first = papers[order[group]];
    const Paper& p = papers[order[k]];
    if (p.citation_key != first.citation_key) {
      group = k;
      continue;
    }
    problems.add(p.line, "paper[" + std::to_string(order[k] + 1) + "].key",
                 "key \"" + p.citation_key + "\" is already the key of the paper at line " +
                     std::to_string(first.line) + "; citation keys must be unique");
  }
}

// Reports the second and later listings of the same arXiv id or DOI.
void check_duplicates(const std::vector<Paper>& papers, Problems& problems) {
  std::size_t with_arxiv = 0;
  std::size_t with_doi = 0;
  for (const Paper& p : papers) {
    if (p.arxiv) ++with_arxiv;
    if (p.doi) ++with_doi;
  }
  FirstListings arxiv_first(papers, [](const Paper& p) -> std::string_view { return p.arxiv->id; }, with_arxiv);
  FirstListings doi_first(papers, [](const Paper& p) -> std::string_view { return p.doi->value; }, with_doi);
  for (std::size_t i = 0; i < papers.size(); ++i) {
    const Paper& p = papers[i];
    auto report = [&](std::string_view what, const std::string& id, int first_line) {
      problems.add(p.line, "paper[" + std::to_string(i + 1) + "]",
                   "line " + std::to_string(p.line) + " repeats " + std::string(what) + " " + id +
                       " already listed at line " + std::to_string(first_line) + "; list each paper once");
    };
    if (p.arxiv) {
      if (const Paper* first = arxiv_first.earlier(i)) report("arXiv", p.arxiv->id, first->line);
    }
    if (p.doi) {
      if (const Paper* first = doi_first.earlier(i)) report("DOI", p.doi->value, first->line);
    }
  }
  check_duplicate_keys(papers, problems);
}

}  // namespace

void read_papers(TableReader& root, std::vector<Paper>& out) {
  const toml::array* arr = root.tables("paper", "[[paper]]");
  if (arr == nullptr) return;
  out.reserve(arr->size());
  for (std::size_t i = 0; i < arr->size(); ++i) {
    TableReader r(*arr->get(i)->as_table(), "paper[" + std::to_string(i + 1) + "]", root.problems());
    read_paper(r, out.emplace_back());
  }
  check_duplicates(out, root.problems());
}

}  // namespace scholard::config
