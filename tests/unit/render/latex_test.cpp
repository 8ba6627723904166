#include "core/latex.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace scholard::core
