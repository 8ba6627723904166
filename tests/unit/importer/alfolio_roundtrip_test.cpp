// An al-folio papers.bib round trip (issue 23): import → [[paper]] tables →
// the config reader → the render inputs the engine builds → the BibTeX
// output. Every entry keeps its citation key, and every al-folio field that
// scholard carries comes back with the same value.
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "config/al_folio.hpp"
#include "config/config.hpp"
#include "config/edit.hpp"
#include "daemon/inputs.hpp"
#include "importer/bibtex.hpp"
#include "importer/bibtex_import.hpp"
#include "importer/proposal.hpp"
#include "render/bibtex.hpp"
#include "render/merge.hpp"

namespace scholard::importer {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The fields al-folio reads per entry, which the round trip must keep.
std::set<std::string> carried_fields() {
  std::set<std::string> names = {"selected", "abbr", "pdf", "code", "bibtex_show"};
  for (const config::AlFolioField& f : config::k_al_folio_fields) names.emplace(f.name);
  return names;
}

// key -> (field -> value) of the al-folio fields of every entry.
std::map<std::string, std::map<std::string, std::string>> al_folio_of(const std::vector<BibEntry>& entries) {
  const std::set<std::string> carried = carried_fields();
  std::map<std::string, std::map<std::string, std::string>> out;
  for (const BibEntry& e : entries) {
    auto& fields = out[e.key];
    for (const auto& [name, value] : e.fields) {
      if (!carried.contains(name)) continue;
      // bibtex_show and selected are switches: {true} and {yes} say the same.
      const bool on = value == "true" || value == "yes";
      fields[name] = (name == "selected" || name == "bibtex_show") ? (on ? "true" : "false") : value;
    }
    if (fields["selected"] == "false") fields.erase("selected");  // false is the absence of the field
    if (fields["bibtex_show"] == "false") fields.erase("bibtex_show");
  }
  return out;
}

TEST(AlFolioRoundTrip, ImportThenRenderKeepsKeysAndFields) {
  const std::string bib = slurp(std::string(SCHOLARD_TEST_DATA) + "/import/publications.bib");
  auto entries = parse_bibtex(bib, "publications.bib");
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries->size(), 20u);

  std::string config =
      "[profile]\nname = \"Albert Einstein\"\ncontact = \"a@b.org\"\n\n"
      "[[output]]\nformat = \"bibtex\"\npath = \"papers.bib\"\n";
  for (const Proposal& p : proposals_from_bibtex(*entries)) {
    config::PaperTable table = to_paper_table(p, "publications.bib");
    // The sources would give an id entry its title; the config stands in here.
    if (table.title.empty()) table.title = p.title;
    config = config::append_table(config, config::format_paper_table(table));
  }
  config::Environment env;
  env.variables = {{"HOME", "/home/tester"}};
  env.cwd = "/work/cwd";
  auto cfg = config::parse_config(config, "scholard.toml", "/srv/site", env);
  ASSERT_TRUE(cfg) << cfg.error().message;
  ASSERT_EQ(cfg->papers.size(), 20u);

  std::vector<render::PaperInput> inputs;
  for (std::size_t i = 0; i < cfg->papers.size(); ++i) {
    const config::Paper& p = cfg->papers[i];
    inputs.push_back(daemon::render_input(p, p.key().empty() ? "manual-" + std::to_string(i) : p.key(),
                                          static_cast<int>(i)));
  }
  const auto papers = render::merge_papers(inputs, render::Profile{"Albert Einstein", {}, ""});
  auto rendered = parse_bibtex(render::render_bibtex(papers, {}), "rendered.bib");
  ASSERT_TRUE(rendered) << rendered.error().message;
  ASSERT_EQ(rendered->size(), 20u);

  std::set<std::string> keys_in;
  std::set<std::string> keys_out;
  for (const BibEntry& e : *entries) keys_in.insert(e.key);
  for (const BibEntry& e : *rendered) keys_out.insert(e.key);
  EXPECT_EQ(keys_out, keys_in) << "every citation key kept";

  const auto before = al_folio_of(*entries);
  const auto after = al_folio_of(*rendered);
  int fields = 0;
  for (const auto& [key, want] : before) {
    ASSERT_TRUE(after.contains(key)) << key;
    EXPECT_EQ(after.at(key), want) << key;
    fields += static_cast<int>(want.size());
  }
  EXPECT_GE(fields, 20) << "the fixture exercises al-folio's fields";
}

}  // namespace
}  // namespace scholard::importer
