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
            "@article{bentham2022coli,\n"
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
            "  arxiv = {2211.03595}\n"
            "}\n");
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
