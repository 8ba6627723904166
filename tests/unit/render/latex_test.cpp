#include "core/latex.hpp"

#include <cstdlib>
#include <random>
#include <string>

#include <gtest/gtest.h>
#include <utf8proc.h>

#include "core/text.hpp"

namespace scholard::core {
namespace {

TEST(Latex, InlineMathIsReducedToText) {
  EXPECT_EQ(latex_to_text("Nearly $d$-Linear Convergence Bounds"), "Nearly d-Linear Convergence Bounds");
  EXPECT_EQ(latex_to_text("$\\alpha$-divergence and $\\beta$-VAE"), "α-divergence and β-VAE");
  EXPECT_EQ(latex_to_text("$O(\\sqrt{n})$ regret for $\\mathcal{X} \\to \\mathbb{R}$"), "O(√n) regret for X→R");
  EXPECT_EQ(latex_to_text("Rates $\\leq \\epsilon^{2}$"), "Rates ≤ϵ^2");
}

TEST(Latex, KeepMathLeavesSpansVerbatim) {
  EXPECT_EQ(latex_to_text("Nearly $d$-Linear \\emph{Bounds}", MathMode::keep), "Nearly $d$-Linear Bounds");
  EXPECT_EQ(latex_to_text("$\\mathcal{O}(n^2)$ time", MathMode::keep), "$\\mathcal{O}(n^2)$ time");
}

TEST(Latex, AccentsBecomeUnicode) {
  EXPECT_EQ(latex_to_text("Kam\\'elia"), "Kamélia");
  EXPECT_EQ(latex_to_text("H\\\"agele"), "Hägele");
  EXPECT_EQ(latex_to_text("Sch\\\"{o}lkopf"), "Schölkopf");
  EXPECT_EQ(latex_to_text("R{\\'e}nyi"), "Rényi");
  EXPECT_EQ(latex_to_text("{\\\"o}"), "ö");
  EXPECT_EQ(latex_to_text("Ma\\k{e}dry and Ho\\v{c}evar"), "Maędry and Hočevar");
  EXPECT_EQ(latex_to_text("Cristo\\'{\\i}bal"), "Cristoíbal");
  EXPECT_EQ(latex_to_text("Erd\\H{o}s, \\o{}ksendal, Stra\\ss e"), "Erdős, øksendal, Straße");
}

TEST(Latex, FontMacrosEscapesAndBraces) {
  EXPECT_EQ(latex_to_text("\\emph{Polysemanticity} and \\textit{capacity}"), "Polysemanticity and capacity");
  EXPECT_EQ(latex_to_text("Q\\&A: 50\\% of \\$1 \\#1 snake\\_case"), "Q&A: 50% of $1 #1 snake_case");
  EXPECT_EQ(latex_to_text("{BERT} and {G}aussian {P}rocesses"), "BERT and Gaussian Processes");
  EXPECT_EQ(latex_to_text("pages 1--10 --- ``quoted''"), "pages 1–10 — “quoted”");
  EXPECT_EQ(latex_to_text("non~breaking\\\\ line"), "non breaking line");
}

TEST(Latex, LiquidTagsAndCodeBackticksAreText) {
  EXPECT_EQ(latex_to_text("Using {{ site.title }} and {% raw %}"), "Using {{ site.title }} and {% raw %}");
  EXPECT_EQ(latex_to_text("{{BERT}} and {{unclosed"), "BERT and unclosed");  // BibTeX's double braces: groups
  EXPECT_EQ(latex_to_text("$x {% y %}$ {{ a $b$ }}", MathMode::keep), "$x {% y %}$ {{ a $b$ }}");
  EXPECT_EQ(latex_to_text("the `grep` tool, `x' and ``q''"), "the `grep` tool, `x' and “q”");
  EXPECT_EQ(latex_to_text("``open `code` then ''"), "``open `code` then ”");  // '' alone is TeX's closing quote
}

TEST(Latex, DegradesGracefully) {
  EXPECT_EQ(latex_to_text("costs $5 and more"), "costs $5 and more");  // unpaired dollar
  EXPECT_EQ(latex_to_text("\\unknownmacro{x} y"), "unknownmacrox y");
  EXPECT_EQ(latex_to_text("unbalanced } brace {"), "unbalanced brace");
  EXPECT_EQ(latex_to_text("trailing backslash \\"), "trailing backslash");
  EXPECT_EQ(latex_to_text("Plain title, nothing to do"), "Plain title, nothing to do");
  EXPECT_EQ(latex_to_text("  hard\n   wrapped  "), "hard wrapped");
}

TEST(Latex, LooksLikeLatex) {
  EXPECT_TRUE(looks_like_latex("$d$"));
  EXPECT_TRUE(looks_like_latex("Kam\\'elia"));
  EXPECT_FALSE(looks_like_latex("Kamélia Daudel"));
  EXPECT_FALSE(looks_like_latex("SHADE-Arena: Evaluating"));
}

TEST(Latex, NestedAndStrayAccents) {
  // An accent on an accented letter: the outer mark goes right after the base
  // letter, so \"{\=a} is a-diaeresis-macron (U+01DF), as NFC composes it.
  EXPECT_EQ(latex_to_text("\\\"{\\=a}"), "\u01DF");
  EXPECT_EQ(latex_to_text("\\'{\\d{a}}"), latex_to_text("\\d{\\'{a}}"));
  EXPECT_EQ(latex_to_text("\\v{x}"), "x\u030C");  // no precomposed form: the mark stays
  EXPECT_EQ(latex_to_text("\\'{}"), "\u0301");
  // Non-ASCII input: NFC over the whole text, as before.
  EXPECT_EQ(latex_to_text("\\\"o \u212B"), "ö \u00C5");
  // A stray UTF-8 lead byte as the argument no longer throws std::out_of_range.
  EXPECT_EQ(latex_to_text("\\\"{\xC3} x"), "\xC3\u0308 x");
}

TEST(Latex, CollapsingFirstChangesNothing) {
  for (const char* tex : {"\\alpha\f x", "a\\\tb", "$x \v y$ z", "\\o\v\vx", "  \\L  \n\n x  ", "$a$\t\f$b$"}) {
    SCOPED_TRACE(tex);
    for (MathMode mode : {MathMode::strip, MathMode::keep}) {
      EXPECT_EQ(latex_to_text(collapse_whitespace(tex), mode), latex_to_text(tex, mode));
    }
  }
}

TEST(Text, ValidUtf8AgreesWithUtf8proc) {
  const auto reference = [](const std::string& s) {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
    auto left = static_cast<utf8proc_ssize_t>(s.size());
    while (left > 0) {
      utf8proc_int32_t cp = 0;
      const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
      if (n <= 0) return false;
      p += n;
      left -= n;
    }
    return true;
  };
  std::mt19937 rng(42);
  // Bytes around every boundary the rules care about, in short random strings.
  const unsigned char bytes[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
                                 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  int valid = 0;
  for (int n = 0; n < 200000; ++n) {
    std::string s;
    const std::size_t length = 1 + rng() % 6;
    for (std::size_t i = 0; i < length; ++i) s.push_back(static_cast<char>(bytes[rng() % sizeof bytes]));
    ASSERT_EQ(is_valid_utf8(s), reference(s)) << ::testing::PrintToString(s);
    valid += reference(s) ? 1 : 0;
  }
  EXPECT_GT(valid, 1000);  // the sample holds valid multi-byte text too
}

}  // namespace
}  // namespace scholard::core
