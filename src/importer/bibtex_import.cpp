#include "importer/bibtex_import.hpp"

#include "config/al_folio.hpp"
#include "core/latex.hpp"
#include "core/text.hpp"
#include "importer/details.hpp"

namespace scholard::importer {
namespace {

std::string text_of(const BibEntry& e, std::string_view field) {
  return core::latex_to_text(e.field(field));
}

bool names_arxiv(std::string_view archive) {
  const std::string a = core::ascii_lower(core::trim(archive));
  return a.empty() || a == "arxiv";
}

// Tries the id fields in order; the first that parses wins for its kind.
void ids_from_fields(const BibEntry& e, Proposal& p) {
  auto take = [&p](const core::Result<core::Identifier>& id, std::string reason) {
    if (!id) return;
    if (id->kind == core::IdKind::arxiv && !p.arxiv) {
      p.arxiv = id->arxiv;
    } else if (id->kind == core::IdKind::doi && !p.doi) {
      p.doi = id->doi;
    } else {
      return;
    }
    if (p.reason.empty()) p.reason = std::move(reason);
  };
  const std::string archive = e.has("archiveprefix") ? e.field("archiveprefix") : e.field("eprinttype");
  if (e.has("eprint") && names_arxiv(archive)) {
    auto ax = core::parse_arxiv_id(core::trim(e.field("eprint")));
    if (ax) take(core::Identifier{core::IdKind::arxiv, *ax, {}}, "eprint field");
  }
  for (std::string_view f : {"arxiv", "arxivid"}) {
    if (e.has(f)) take(core::parse_identifier(core::trim(e.field(f))), std::string(f) + " field");
  }
  if (e.has("doi")) take(core::parse_identifier(core::trim(e.field("doi"))), "doi field");
  if (e.has("url")) take(core::parse_identifier(core::trim(e.field("url"))), "url field");
  const std::string volume(core::trim(e.field("volume")));
  if (core::ascii_lower(core::trim(e.field("journal"))) == "corr" && volume.starts_with("abs/")) {
    auto ax = core::parse_arxiv_id(volume.substr(4));
    if (ax) take(core::Identifier{core::IdKind::arxiv, *ax, {}}, "CoRR volume (DBLP)");
  }
  if (!p.is_manual()) p.certainty = Certainty::certain;
}

// "arXiv:ID" in free-text fields: likely, not certain.
void id_from_text(const BibEntry& e, Proposal& p) {
  for (std::string_view f : {"journal", "note", "howpublished", "booktitle"}) {
    Proposal probe;
    probe.venue = text_of(e, f);
    venue_arxiv_id(probe);
    if (probe.arxiv) {
      p.arxiv = probe.arxiv;
      p.certainty = Certainty::likely;
      p.reason = "arXiv id in the " + std::string(f) + " field";
      return;
    }
  }
}

// A BibTeX boolean as al-folio writes it: {true}, {yes}, "true".
bool bib_true(std::string_view value) {
  const std::string v = core::ascii_lower(core::trim(value));
  return v == "true" || v == "yes";
}

bool is_http_link(std::string_view value) {
  const std::string v = core::ascii_lower(value.substr(0, 8));
  const bool http = v.starts_with("http://") || v.starts_with("https://");
  return http && value.find_first_of(" \t\n\r") == std::string_view::npos;
}

// al-folio's selected, abbr, pdf and code, so a migrated papers.bib loses
// nothing. A pdf or code that the config would reject is noted instead.
void al_folio_fields(const BibEntry& e, Proposal& p) {
  p.selected = bib_true(e.field("selected"));
  p.abbr = core::collapse_whitespace(text_of(e, "abbr"));
  const std::string pdf(core::trim(e.field("pdf")));
  const bool pdf_ok = pdf.find("://") == std::string::npos
                          ? pdf.find_first_of("\t\n\r") == std::string::npos && !pdf.starts_with('/')
                          : is_http_link(pdf);
  if (pdf_ok) {
    p.pdf = pdf;
  } else {
    p.notes.push_back("pdf = {" + pdf + "} left out: not a file name under assets/pdf/ or an http(s) link");
  }
  const std::string code(core::trim(e.field("code")));
  if (code.empty() || is_http_link(code)) {
    p.code = code;
  } else {
    p.notes.push_back("code = {" + code + "} left out: not an http(s) link");
  }
}

// The rest of al-folio's fields (config/al_folio.hpp), the entry's key and
// its bibtex_show / abstract. Text fields are kept as written (al-folio
// renders them as Markdown, and the BibTeX output writes them back as they
// are); a value the config would refuse is noted instead.
void al_folio_more(const BibEntry& e, Proposal& p) {
  if (!config::citation_key_problem(e.key)) {
    p.key = e.key;
  } else {
    p.notes.push_back("the key " + e.key + " is not kept: a config key holds letters, digits and - _ : . + / only");
  }
  for (const config::AlFolioField& f : config::k_al_folio_fields) {
    if (!e.has(f.name)) continue;
    std::string value = f.value == config::AlFolioValue::text ? std::string(core::trim(e.field(f.name)))
                                                              : core::collapse_whitespace(e.field(f.name));
    if (value.empty()) continue;
    if (auto why = config::al_folio_problem(f, value)) {
      p.notes.push_back(std::string(f.name) + " = {" + value + "} left out: " + *why);
    } else {
      p.al_folio.emplace_back(std::string(f.name), std::move(value));
    }
  }
  if (e.has("bibtex_show")) p.bibtex_show = bib_true(e.field("bibtex_show"));
  p.abstract = !core::trim(e.field("abstract")).empty();
  if (p.abstract && p.is_manual()) {
    p.notes.push_back("abstract not kept: scholard writes the sources' abstract, and no source knows this entry");
    p.abstract = false;
  }
}

}  // namespace

std::string bibtex_venue(const BibEntry& e) {
  std::vector<std::string_view> order = {"journal", "booktitle"};
  if (e.type == "phdthesis" || e.type == "mastersthesis") order.push_back("school");
  if (e.type == "thesis") order.push_back("school");
  if (e.type == "techreport" || e.type.ends_with("thesis")) order.push_back("institution");
  if (e.type == "book") order.push_back("publisher");
  order.push_back("howpublished");
  for (std::string_view f : order) {
    std::string v = core::collapse_whitespace(text_of(e, f));
    if (!v.empty()) return v;
  }
  return {};
}

Proposal proposal_from_bibtex(const BibEntry& e) {
  Proposal p;
  p.line = e.line;
  p.title = core::collapse_whitespace(text_of(e, "title"));
  for (const std::string& name : split_bibtex_names(e.field("author"))) {
    p.authors.push_back(core::ascii_lower(name) == "others" ? "others" : core::latex_to_text(name));
  }
  p.venue = bibtex_venue(e);
  if (const int y = last_year(e.has("year") ? e.field("year") : e.field("date")); y != 0) p.year = y;
  p.volume = core::collapse_whitespace(text_of(e, "volume"));
  p.issue = core::collapse_whitespace(text_of(e, "number"));
  p.pages = core::collapse_whitespace(text_of(e, "pages"));
  ids_from_fields(e, p);
  if (p.is_manual()) id_from_text(e, p);
  if (p.is_manual()) {
    p.certainty = Certainty::manual;
    p.reason = "no eprint, arxiv, doi or id link in the url (@" + e.type + ")";
  }
  if (p.arxiv && !p.doi && (is_arxiv_venue(p.venue) || p.venue.empty())) {
    p.venue.clear();
    p.volume.clear();
    p.issue.clear();
    p.pages.clear();
  }
  keep_url_if_needed(std::string(core::trim(e.field("url"))), p);
  cut_list_to_max_authors(p);
  al_folio_fields(e, p);
  al_folio_more(e, p);
  p.notes.push_back("@" + e.type + "{" + e.key + "}");
  return p;
}

std::vector<Proposal> proposals_from_bibtex(const std::vector<BibEntry>& entries) {
  std::vector<Proposal> out;
  out.reserve(entries.size());
  for (const BibEntry& e : entries) out.push_back(proposal_from_bibtex(e));
  return out;
}

}  // namespace scholard::importer
