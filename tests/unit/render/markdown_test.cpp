#include "render/markdown.hpp"

#include <gtest/gtest.h>

#include <tuple>

#include "render/merge.hpp"
#include "unit/render/sample_papers.hpp"

namespace scholard::render {
namespace {

using testing::sample_inputs;
using testing::sample_profile;

MergedPaper merged(const PaperInput& in) { return merge_paper(in, NameMatcher(sample_profile())); }

enum class Via { arxiv, crossref };

// A paper whose title comes from arXiv (TeX, reduced to text first) or from
// Crossref (plain text, only escaped).
PaperInput with_title(std::string title, Via via = Via::arxiv) {
  PaperInput in{"2401.00001", 0, "2401.00001", "", {}, {}};
  if (via == Via::arxiv) {
    testing::add_arxiv(in,
                       testing::arxiv_record("2401.00001", title, {"Joe Benton"}, {2024, 1, 2}, {2024, 1, 2}, "cs.LG"));
  } else {
    testing::add_crossref(
        in, testing::crossref_record("posted-content", title, title, {testing::person("Joe", "Benton")}, "",
                                     {2024, 1, 2}, "10.1000/x"));
    in.arxiv_id.clear();
    in.overrides.url = "https://arxiv.org/abs/2401.00001";
  }
  return in;
}

TEST(Markdown, PreprintEntryInTheSeedStyle) {
  EXPECT_EQ(render_markdown_entry(merged(sample_inputs()[0]), {}),
            "[Nearly d-Linear Bounds for Diffusion Models](https://arxiv.org/abs/2401.00001). Ann Example, "
            "**J. Benton**, Bob Other. _arXiv preprint arXiv:2401.00001_, 2024.");
}

TEST(Markdown, JournalEntryWithVolumeIssuePagesAndEmphasis) {
  EXPECT_EQ(render_markdown_entry(merged(sample_inputs()[1]), {}),
            "[The _E. coli_ genome &amp; friends](https://doi.org/10.1000/jex.2024.1). **Jo Bentham**, Yuyang Shi, "
            "Valentin De Bortoli. _Journal of Examples_, 86(2):286–301, 2024.");
}

TEST(Markdown, TruncatedListsEndWithEtAlAndNoExtraPeriod) {
  auto p = merged(sample_inputs()[3]);
  EXPECT_EQ(render_markdown_entry(p, {}),
            "[Many-shot Jailbreaking](https://www.anthropic.com/research/many-shot-jailbreaking). Cem Anil, "
            "Esin Durmus, **Joe Benton** et al. _Anthropic Blog_, 2024.");
  MarkdownOptions two;
  two.max_authors = 1;
  EXPECT_NE(render_markdown_entry(p, two).find("Cem Anil, Esin Durmus, **Joe Benton** et al. _Anthropic"),
            std::string::npos);
}

TEST(Markdown, PerPaperMaxAuthorsWins) {
  auto p = merged(sample_inputs()[2]);  // Joe Benton is the 12th of 12
  MarkdownOptions opts;
  opts.max_authors = 3;
  std::string entry = render_markdown_entry(p, opts);
  EXPECT_NE(entry.find("Given11 Family11, **Joe Benton**. _Proceedings"), std::string::npos) << entry;
  p.max_authors = 20;
  EXPECT_NE(render_markdown_entry(p, opts).find("**Joe Benton**. _Proceedings"), std::string::npos);
}

TEST(Markdown, EqualContributionMarks) {
  std::string entry = render_markdown_entry(merged(sample_inputs()[5]), {});
  EXPECT_NE(entry.find("Kamélia Daudel, **Joe Benton**\\*, Ann Example\\*. _J. Stat. Mech. (2021) 123401_, 2021."),
            std::string::npos)
      << entry;
}

TEST(Markdown, HiddenPapersAreNotRenderedAndBlankLinesSeparate) {
  auto papers = merge_papers(sample_inputs(), sample_profile());
  std::string block = render_markdown(papers, {});
  EXPECT_EQ(block.find("Hidden"), std::string::npos);
  EXPECT_EQ(block.find("\n\n\n"), std::string::npos);
  EXPECT_NE(block.back(), '\n');
  EXPECT_EQ(std::count(block.begin(), block.end(), '\n'), 2 * 5);  // 6 entries
}

TEST(Markdown, GroupingByYear) {
  MarkdownOptions opts;
  opts.grouping = YearGrouping::headings;
  std::string block = render_markdown(merge_papers(sample_inputs(), sample_profile()), opts);
  EXPECT_EQ(block.rfind("### 2024\n\n[", 0), 0u);
  EXPECT_NE(block.find("\n\n### 2023\n\n["), std::string::npos);
  EXPECT_NE(block.find("\n\n### 2021\n\n["), std::string::npos);
}

TEST(Markdown, KeepMathOption) {
  MarkdownOptions opts;
  opts.math = MathStyle::keep;
  EXPECT_NE(render_markdown_entry(merged(sample_inputs()[0]), opts).find("[Nearly $d$-Linear Bounds"),
            std::string::npos);
}

// Hostile titles must not leave any dangerous sequence raw.
class HostileTitle : public ::testing::TestWithParam<std::tuple<std::string, Via>> {};

TEST_P(HostileTitle, NothingDangerousSurvives) {
  const auto& [title, via] = GetParam();
  const std::string entry = render_markdown_entry(merged(with_title(title, via)), {});
  const std::string title_part = entry.substr(1, entry.find("](https://arxiv.org/abs/2401.00001)") - 1);
  EXPECT_NE(entry.find("](https://arxiv.org/abs/2401.00001). **Joe Benton**"), std::string::npos) << entry;
  for (std::string_view bad : {"{{", "}}", "{%", "%}", "<script", "<", "\n"}) {
    EXPECT_EQ(entry.find(bad), std::string::npos) << bad << " in " << entry;
  }
  // Every Markdown metacharacter in the title is escaped (preceded by a backslash).
  for (std::size_t i = 0; i < title_part.size(); ++i) {
    char c = title_part[i];
    if (c == ']' || c == '[' || c == '*' || c == '`' || c == '_') {
      EXPECT_TRUE(i > 0 && title_part[i - 1] == '\\') << "raw " << c << " in " << title_part;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Titles, HostileTitle,
                         ::testing::Combine(::testing::Values("Close ] the link", "[Fake](https://evil.example) link", "**bold** *em*",
                                           "<script>alert(1)</script>", "{{ site }} and {{site.email}}",
                                           "{% raw %} {% endraw %}", "`code` and ``more``",
                                           "line one\nline two", "a_b_c __init__", "back\\slash ]]",
                                           "<img src=x onerror=alert(1)>"),
                                            ::testing::Values(Via::arxiv, Via::crossref)));

TEST(Markdown, PlainTitlesAreEscapedNotReinterpreted) {
  auto entry = render_markdown_entry(merged(with_title("{{ site }} `x` [y] *z* <i>_w_ #1 | {% raw %}", Via::crossref)), {});
  EXPECT_EQ(entry.substr(0, entry.find("](")),
            "[&#123;&#123; site &#125;&#125; \\`x\\` \\[y\\] \\*z\\* &lt;i&gt;\\_w\\_ \\#1 \\| "
            "&#123;% raw %&#125;");
}

TEST(Markdown, HostileNamesAndVenuesAreEscapedToo) {
  auto in = with_title("Fine");
  in.overrides.venue = "{{ site.title }} <b>venue</b> _x_";
  in.overrides.authors = {"Evil ]( **Name**", "Joe Benton"};
  std::string entry = render_markdown_entry(merged(in), {});
  EXPECT_EQ(entry, "[Fine](https://arxiv.org/abs/2401.00001). Evil \\]( \\*\\*Name\\*\\*, **Joe Benton**. "
                   "_&#123;&#123; site.title &#125;&#125; &lt;b&gt;venue&lt;/b&gt; \\_x\\__, 2024.");
}

TEST(Markdown, UnsafeUrlsAreNotLinked) {
  auto in = with_title("Title");
  in.overrides.url = "javascript:alert(1)";
  EXPECT_EQ(render_markdown_entry(merged(in), {}).rfind("Title. **Joe Benton**.", 0), 0u);
  in.overrides.url = "https://example.org/a (b) {{x}}";
  EXPECT_NE(render_markdown_entry(merged(in), {}).find("(https://example.org/a%20%28b%29%20%7B%7Bx%7D%7D)"),
            std::string::npos);
}

TEST(MarkdownTemplate, ContextFieldsAreEscapedAndDocumented) {
  auto papers = merge_papers(sample_inputs(), sample_profile());
  const std::string tmpl =
      "{{#papers}}- {{{title}}} ({{year}}){{#authors}} {{name}}{{#highlighted}}!{{/highlighted}}{{/authors}}"
      "{{#et_al}} et al.{{/et_al}}\n{{/papers}}";
  auto out = render_markdown_template(papers, tmpl, {});
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_NE(out->find("- Many-shot Jailbreaking (2024) Cem Anil Esin Durmus Joe Benton! et al.\n"), std::string::npos)
      << *out;
  EXPECT_NE(out->find("\\[breaks\\] \\*things\\* &lt;b&gt;"), std::string::npos) << *out;
  EXPECT_EQ(out->find("Hidden"), std::string::npos);
}

TEST(MarkdownTemplate, YearsSectionAndDefaultEntry) {
  auto papers = merge_papers(sample_inputs(), sample_profile());
  auto out = render_markdown_template(papers, "{{#years}}## {{year}}\n{{#papers}}{{{entry}}}\n{{/papers}}{{/years}}", {});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->rfind("## 2024\n[Nearly d-Linear", 0), 0u) << *out;
  EXPECT_NE(out->find("## 2021\n"), std::string::npos);
}

}  // namespace
}  // namespace scholard::render
