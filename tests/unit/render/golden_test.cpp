// Golden files: every renderer on the hand-built sample set (sample_papers.hpp)
// compared byte for byte with tests/golden/. Run with SCHOLARD_UPDATE_GOLDEN=1
// to rewrite them, then review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "render/academicpages.hpp"
#include "render/bibtex.hpp"
#include "render/json.hpp"
#include "render/markdown.hpp"
#include "render/merge.hpp"
#include "unit/render/sample_papers.hpp"

namespace scholard::render {
namespace {
namespace fs = std::filesystem;

void check_golden(const std::string& name, const std::string& actual) {
  const fs::path path = fs::path(SCHOLARD_GOLDEN_DIR) / name;
  const char* update = std::getenv("SCHOLARD_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << path;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path << " is missing; run with SCHOLARD_UPDATE_GOLDEN=1 and review it";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "differs from " << path << " (SCHOLARD_UPDATE_GOLDEN=1 rewrites it)";
}

std::vector<MergedPaper> samples() { return merge_papers(testing::sample_inputs(), testing::sample_profile()); }

TEST(Golden, Markdown) { check_golden("markdown.md", render_markdown(samples(), {}) + "\n"); }

TEST(Golden, MarkdownGroupedKeepMath) {
  MarkdownOptions opts;
  opts.grouping = YearGrouping::headings;
  opts.math = MathStyle::keep;
  opts.max_authors = 2;
  check_golden("markdown-grouped.md", render_markdown(samples(), opts) + "\n");
}

TEST(Golden, MarkdownTemplate) {
  const std::string tmpl =
      "{{#years}}\n## {{year}}\n{{#papers}}\n* **{{{title}}}**{{#has_url}} ([link]({{{url}}})){{/has_url}}<br>\n"
      "  {{#authors}}{{#highlighted}}<u>{{/highlighted}}{{{name}}}{{#highlighted}}</u>{{/highlighted}}"
      "{{#equal_contribution}}\\*{{/equal_contribution}}{{^last}}, {{/last}}{{/authors}}{{#et_al}} et al.{{/et_al}}"
      "<br>\n  {{{venue}}}{{#details}}, {{{details}}}{{/details}}, {{year}} ({{kind}}; {{citation_key}})\n"
      "{{/papers}}{{/years}}";
  auto out = render_markdown_template(samples(), tmpl, {});
  ASSERT_TRUE(out) << out.error().message;
  check_golden("markdown-template.md", *out);
}

TEST(Golden, Bibtex) { check_golden("papers.bib", render_bibtex(samples(), {})); }

TEST(Golden, BibtexShowKeepMath) {
  BibtexOptions opts;
  opts.math = MathStyle::keep;
  opts.bibtex_show = true;
  check_golden("papers-bibtex-show.bib", render_bibtex(samples(), opts));
}

TEST(Golden, CslJson) { check_golden("papers.csl.json", render_csl_json(samples(), {})); }

TEST(Golden, JsonData) { check_golden("papers.json", render_json_data(samples(), {})); }

TEST(Golden, AcademicPages) {
  std::string all;
  for (const auto& f : render_academicpages(samples(), {})) all += "==> " + f.name + " <==\n" + f.bytes;
  check_golden("academicpages.txt", all);
}

}  // namespace
}  // namespace scholard::render
