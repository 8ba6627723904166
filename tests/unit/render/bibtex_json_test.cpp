#include <gtest/gtest.h>

#include <simdjson.h>

#include "render/bibtex.hpp"
#include "render/escape.hpp"
#include "render/json.hpp"
#include "render/merge.hpp"
#include "unit/render/sample_papers.hpp"

namespace scholard::render {
namespace {

std::vector<MergedPaper> samples() { return merge_papers(testing::sample_inputs(), testing::sample_profile()); }

const MergedPaper& by_key(const std::vector<MergedPaper>& papers, std::string_view key) {
  for (const auto& p : papers) {
    if (p.key == key) return p;
  }
  throw std::runtime_error("no paper " + std::string(key));
}

TEST(Bibtex, JournalArticleEntry) {
  auto papers = samples();
  EXPECT_EQ(render_bibtex_entry(by_key(papers, "2211.03595"), {}),
            "@article{bentham2024coli,\n"
            "  title = {The E. coli genome \\& friends},\n"
            "  author = {Bentham, Jo and Shi, Yuyang and De Bortoli, Valentin},\n"
            "  journal = {Journal of Examples},\n"
            "  year = {2024},\n"
            "  volume = {86},\n"
            "  number = {2},\n"
            "  pages = {286--301},\n"
            "  doi = {10.1000/jex.2024.1},\n"
            "  url = {https://doi.org/10.1000/jex.2024.1},\n"
            "  eprint = {2211.03595},\n"
            "  archivePrefix = {arXiv},\n"
            "  primaryClass = {stat.ML},\n"
            "  arxiv = {2211.03595},\n"
            "  selected = {true},\n"
            "  pdf = {https://example.org/papers/e%20coli.pdf}\n"
            "}\n");
}

TEST(Bibtex, AlFolioFieldsInAFixedOrder) {
  auto papers = samples();
  BibtexOptions show;
  show.bibtex_show = true;
  const std::string entry = render_bibtex_entry(by_key(papers, "2308.03686"), show);
  EXPECT_NE(entry.find("  arxiv = {2308.03686},\n"
                       "  selected = {true},\n"
                       "  abbr = {ICLR},\n"
                       "  pdf = {benton2024why.pdf},\n"
                       "  code = {https://github.com/example/why-things-break},\n"
                       "  bibtex_show = {true}\n"
                       "}\n"),
            std::string::npos)
      << entry;
  // Without the option and without the config keys: none of them.
  const std::string plain = render_bibtex_entry(by_key(papers, "2401.00001"), {});
  for (const char* f : {"selected", "abbr", "pdf", "code", "bibtex_show"}) {
    EXPECT_EQ(plain.find(std::string("  ") + f + " = "), std::string::npos) << f;
  }
  // bibtex_show goes into every entry.
  const std::string all = render_bibtex(papers, show);
  std::size_t entries = 0;
  std::size_t shows = 0;
  for (std::size_t at = all.find("\n@"); at != std::string::npos; at = all.find("\n@", at + 1)) ++entries;
  for (std::size_t at = all.find("bibtex_show = {true}"); at != std::string::npos; at = all.find("bibtex_show", at + 1)) {
    ++shows;
  }
  EXPECT_EQ(shows, entries + 1);
}

TEST(Bibtex, AlFolioValuesAreEscaped) {
  MergedPaper p;
  p.citation_key = "k";
  p.abbr = "A&B {x}";
  p.pdf = "my paper {1}.pdf";
  p.code = "https://example.org/a%20b/{x}";
  p.url = "https://example.org/x%2Fy z";
  const std::string entry = render_bibtex_entry(p, {});
  EXPECT_NE(entry.find("abbr = {A\\&B \\{x\\}}"), std::string::npos) << entry;
  EXPECT_NE(entry.find("pdf = {my%20paper%20%7B1%7D.pdf}"), std::string::npos) << entry;
  // A URL's own %XX escapes are kept, not encoded a second time.
  EXPECT_NE(entry.find("code = {https://example.org/a%20b/%7Bx%7D}"), std::string::npos) << entry;
  EXPECT_NE(entry.find("url = {https://example.org/x%2Fy%20z}"), std::string::npos) << entry;
}

TEST(Bibtex, EntryTypesAndOthers) {
  auto papers = samples();
  EXPECT_EQ(render_bibtex_entry(by_key(papers, "2401.00001"), {}).rfind("@misc{example2024nearly,", 0), 0u);
  EXPECT_EQ(render_bibtex_entry(by_key(papers, "10.5555/icml.2023.1"), {}).rfind("@inproceedings{", 0), 0u);
  const std::string manual = render_bibtex_entry(by_key(papers, "manual:many-shot-jailbreaking"), {});
  EXPECT_NE(manual.find("author = {Anil, Cem and Durmus, Esin and Benton, Joe and others}"), std::string::npos);
  EXPECT_NE(manual.find("howpublished = {Anthropic Blog}"), std::string::npos);
  EXPECT_EQ(render_bibtex(papers, {}).find("Hidden"), std::string::npos);
}

TEST(Bibtex, TitlesAreLatexSafe) {
  EXPECT_EQ(latex_text("50% & $5 #1 a_b {x} \\ ~ ^"),
            "50\\% \\& \\$5 \\#1 a\\_b \\{x\\} \\textbackslash{} \\textasciitilde{} \\textasciicircum{}");
  auto papers = samples();
  BibtexOptions keep;
  keep.math = MathStyle::keep;
  EXPECT_NE(render_bibtex_entry(by_key(papers, "2401.00001"), keep)
                .find("title = {Nearly $d$-Linear Bounds for \\emph{Diffusion} Models}"),
            std::string::npos);
  EXPECT_NE(render_bibtex_entry(by_key(papers, "2401.00001"), {}).find("title = {Nearly d-Linear Bounds"),
            std::string::npos);
}

simdjson::dom::element parse(simdjson::dom::parser& parser, const std::string& json) {
  simdjson::dom::element doc;
  auto error = parser.parse(json).get(doc);
  EXPECT_EQ(error, simdjson::SUCCESS) << json;
  return doc;
}

TEST(CslJson, ValidJsonWithCslFields) {
  simdjson::dom::parser parser;
  const std::string json = render_csl_json(samples(), {});
  auto doc = parse(parser, json);
  simdjson::dom::array items = doc.get_array();
  EXPECT_EQ(items.size(), 6u);
  for (auto item : items) {
    std::string_view type = item["type"].get_string().value();
    EXPECT_TRUE(type == "article-journal" || type == "paper-conference" || type == "chapter" || type == "article")
        << type;
    EXPECT_FALSE(item["id"].get_string().value().empty());
  }
  EXPECT_NE(json.find("\"issued\": {\"date-parts\": [[2024, 1, 17]]}"), std::string::npos);
  EXPECT_NE(json.find("\"page\": \"286-301\""), std::string::npos);
  EXPECT_NE(json.find("{\"family\": \"De Bortoli\", \"given\": \"Valentin\"}"), std::string::npos);
  EXPECT_NE(json.find("\"number\": \"arXiv:2401.00001\""), std::string::npos);
}

TEST(JsonData, DocumentedShapeAndSources) {
  simdjson::dom::parser parser;
  const std::string json = render_json_data(samples(), {});
  auto doc = parse(parser, json);
  auto first = doc.at(1);
  EXPECT_EQ(first["key"].get_string().value(), "2211.03595");
  EXPECT_EQ(first["sources"]["title"].get_string().value(), "crossref");
  EXPECT_EQ(first["sources"]["year"].get_string().value(), "crossref");
  EXPECT_TRUE(first["authors"].at(0)["highlighted"].get_bool().value());
  EXPECT_EQ(first["authors_shown"].get_int64().value(), 3);
  EXPECT_FALSE(first["authors_truncated"].get_bool().value());
  EXPECT_EQ(first["year"].get_int64().value(), 2024);
  EXPECT_TRUE(doc.at(2)["doi"].is_null());  // the manual entry
}

TEST(JsonData, AlFolioKeysAlwaysPresent) {
  simdjson::dom::parser parser;
  const std::string json = render_json_data(samples(), {});
  auto doc = parse(parser, json);
  auto iclr = doc.at(3);
  ASSERT_EQ(iclr["key"].get_string().value(), "2308.03686");
  EXPECT_TRUE(iclr["selected"].get_bool().value());
  EXPECT_EQ(iclr["abbr"].get_string().value(), "ICLR");
  EXPECT_EQ(iclr["pdf"].get_string().value(), "benton2024why.pdf");
  EXPECT_EQ(iclr["code"].get_string().value(), "https://github.com/example/why-things-break");
  auto plain = doc.at(0);
  EXPECT_FALSE(plain["selected"].get_bool().value());
  EXPECT_TRUE(plain["abbr"].is_null());
  EXPECT_TRUE(plain["pdf"].is_null());
  EXPECT_TRUE(plain["code"].is_null());
  // CSL-JSON has no such fields.
  const std::string csl = render_csl_json(samples(), {});
  EXPECT_EQ(csl.find("ICLR\""), std::string::npos);
  EXPECT_EQ(csl.find("selected"), std::string::npos);
}

TEST(Json, HostileStringsStayValid) {
  simdjson::dom::parser parser;
  const std::string exact = std::string("quote\" back\\ nl\n tab\t nul") + '\0' + "\x01 ✓";
  auto doc = parse(parser, "[" + json_string(exact) + "]");
  EXPECT_EQ(doc.at(0).get_string().value(), exact);  // valid UTF-8 round-trips byte for byte
  const std::string bad = "bad\xff utf8 \xc3";
  auto doc2 = parse(parser, "[" + json_string(bad) + "]");
  EXPECT_EQ(doc2.at(0).get_string().value(), "bad� utf8 �");
}

TEST(Determinism, SameInputSameBytes) {
  auto a = samples();
  auto b = samples();
  EXPECT_EQ(render_bibtex(a, {}), render_bibtex(b, {}));
  EXPECT_EQ(render_csl_json(a, {}), render_csl_json(b, {}));
  EXPECT_EQ(render_json_data(a, {}), render_json_data(b, {}));
}

}  // namespace
}  // namespace scholard::render
