// Hand-built inputs shared by the render tests and the golden files: one
// paper of every kind the renderers distinguish.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"
#include "render/paper.hpp"

namespace scholard::render::testing {

inline core::Author named(std::string name) {
  core::Author a;
  a.name = std::move(name);
  return a;
}

inline core::Author person(std::string given, std::string family, std::string orcid = "") {
  core::Author a;
  a.name = given + " " + family;
  a.given = std::move(given);
  a.family = std::move(family);
  a.orcid = std::move(orcid);
  return a;
}

inline core::Record arxiv_record(std::string id, std::string title, std::vector<std::string> authors,
                                 core::PartialDate v1, core::PartialDate updated, std::string primary) {
  core::Record r;
  r.source = "arxiv";
  r.type = "preprint";
  r.title = title;
  r.title_raw = title;
  for (auto& n : authors) r.authors.push_back(named(n));
  r.published = v1;
  r.updated = updated;
  r.arxiv_id = std::move(id);
  r.arxiv_version = 2;
  r.primary_category = std::move(primary);
  r.categories = {r.primary_category};
  return r;
}

inline core::Record crossref_record(std::string type, std::string title, std::string title_raw,
                                    std::vector<core::Author> authors, std::string venue, core::PartialDate published,
                                    std::string doi) {
  core::Record r;
  r.source = "crossref";
  r.type = std::move(type);
  r.title = std::move(title);
  r.title_raw = std::move(title_raw);
  r.authors = std::move(authors);
  r.venue = std::move(venue);
  r.published = published;
  r.doi = std::move(doi);
  r.url = "https://doi.org/" + r.doi;
  return r;
}

// Adds `r` to the paper's records as a source of `kind` said it; returns it
// (until the next record is added).
inline core::Record& add_record(PaperInput& p, core::SourceKind kind, core::Record r) {
  p.records.push_back({kind, std::move(r)});
  return p.records.back().record;
}
// arXiv's record (a preprint server's), Crossref's (a DOI registry's). The
// registry lists arXiv first: add them in that order.
inline core::Record& add_arxiv(PaperInput& p, core::Record r) {
  return add_record(p, core::SourceKind::preprint_server, std::move(r));
}
inline core::Record& add_crossref(PaperInput& p, core::Record r) {
  return add_record(p, core::SourceKind::doi_registry, std::move(r));
}

// The paper's record from the source named `source`; throws when it has none.
inline core::Record& record_of(PaperInput& p, std::string_view source) {
  for (auto& r : p.records) {
    if (r.record.source == source) return r.record;
  }
  throw std::out_of_range("no record from " + std::string(source));
}

inline Profile sample_profile() { return {"Joe Benton", {"Joseph Benton", "J. Benton"}, "0000-0002-1825-0097"}; }

// 0 preprint (v1 2024, v2 2025, LaTeX title), 1 journal article (Crossref +
// arXiv, <i> in the title, ORCID match under another spelling), 2
// proceedings paper (Crossref only, researcher last of 12), 3 manual entry
// ("others"), 4 hidden, 5 arXiv journal_ref + DOI (accents, equal
// contribution), 6 venue override on an arXiv paper with a hostile title.
// al-folio's fields: 1 selected with a pdf link (a space in it), 6 selected
// with abbr, a pdf file name and code.
inline std::vector<PaperInput> sample_inputs() {
  std::vector<PaperInput> v;
  {
    PaperInput p{"2401.00001", 0, "2401.00001", "", {}, {}};
    add_arxiv(p, arxiv_record("2401.00001", "Nearly $d$-Linear Bounds for \\emph{Diffusion} Models",
                              {"Ann Example", "J. Benton", "Bob Other"}, {2024, 1, 2}, {2025, 2, 3}, "stat.ML"));
    v.push_back(p);
  }
  {
    PaperInput p{"2211.03595", 1, "2211.03595", "10.1000/jex.2024.1", {}, {}};
    add_arxiv(p, arxiv_record("2211.03595", "The E. coli Genome and Friends", {"Joe Benton", "Yuyang Shi"},
                              {2022, 11, 7}, {2023, 3, 1}, "stat.ML"));
    auto cr = crossref_record("journal-article", "The E. coli genome & friends", "The <i>E. coli</i> genome &amp; friends",
                              {person("Jo", "Bentham", "0000-0002-1825-0097"), person("Yuyang", "Shi"),
                               person("Valentin", "De Bortoli")},
                              "Journal of Examples", {2024, 1, 17}, "10.1000/jex.2024.1");
    cr.volume = "86";
    cr.issue = "2";
    cr.pages = "286-301";
    add_crossref(p, cr);
    p.overrides.selected = true;
    p.overrides.pdf = "https://example.org/papers/e coli.pdf";
    v.push_back(p);
  }
  {
    PaperInput p{"10.5555/icml.2023.1", 2, "", "10.5555/icml.2023.1", {}, {}};
    std::vector<core::Author> authors;
    for (int i = 1; i <= 11; ++i) authors.push_back(person("Given" + std::to_string(i), "Family" + std::to_string(i)));
    authors.push_back(person("Joe", "Benton"));
    auto cr = crossref_record("proceedings-article", "Learning Things Fast", "Learning Things Fast", authors,
                              "Proceedings of the 40th International Conference on Machine Learning", {2023, 7, 1},
                              "10.5555/icml.2023.1");
    cr.volume = "202";
    cr.pages = "1000-1010";
    add_crossref(p, cr);
    v.push_back(p);
  }
  {
    PaperInput p{"manual:many-shot-jailbreaking", 3, "", "", {}, {}};
    p.overrides.title = "Many-shot Jailbreaking";
    p.overrides.url = "https://www.anthropic.com/research/many-shot-jailbreaking";
    p.overrides.authors = {"Cem Anil", "Esin Durmus", "Joe Benton", "others"};
    p.overrides.venue = "Anthropic Blog";
    p.overrides.year = 2024;
    v.push_back(p);
  }
  {
    PaperInput p{"2301.00002", 4, "2301.00002", "", {}, {}};
    add_arxiv(p, arxiv_record("2301.00002", "A Hidden Paper", {"Joe Benton"}, {2023, 1, 1}, {2023, 1, 1}, "cs.LG"));
    p.overrides.hidden = true;
    v.push_back(p);
  }
  {
    PaperInput p{"2103.00003", 5, "2103.00003", "", {}, {}};
    add_arxiv(p, arxiv_record("2103.00003", "Schr\\\"{o}dinger Bridges for Kam\\'elia's $\\alpha$-Divergences",
                              {"Kam\\'elia Daudel", "Joe Benton", "Ann Example"}, {2021, 3, 1}, {2021, 9, 1},
                              "math.PR"));
    record_of(p, "arxiv").journal_ref = "J. Stat. Mech. (2021) 123401";
    record_of(p, "arxiv").doi = "10.1088/1742-5468/ac3a77";
    p.overrides.equal_contribution = {"Joe Benton", "Ann Example"};
    v.push_back(p);
  }
  {
    PaperInput p{"2308.03686", 6, "2308.03686", "", {}, {}};
    add_arxiv(p, arxiv_record("2308.03686", "Why `{{ site.title }}` [breaks] *things* <b>{% raw %}</b> #1 | x_y",
                              {"Joe Benton", "Valentin De Bortoli"}, {2023, 8, 7}, {2024, 3, 6}, "stat.ML"));
    p.overrides.venue = "International Conference on Learning Representations";
    p.overrides.year = 2024;
    p.overrides.selected = true;
    p.overrides.abbr = "ICLR";
    p.overrides.pdf = "benton2024why.pdf";
    p.overrides.code = "https://github.com/example/why-things-break";
    v.push_back(p);
  }
  return v;
}

}  // namespace scholard::render::testing
