// core::strip_markup on titles encoded more than once (the rest of its rules
// are tested in tests/unit/fetchers/markup_test.cpp).
#include "core/markup.hpp"

#include <gtest/gtest.h>

namespace scholard::core {
namespace {

TEST(MarkupTwice, DoubleEncodedReferencesAreDecodedToText) {
  // SSRN's 10.2139/ssrn.6518178 as Crossref serves it: the page showed
  // "Deep Learning and&amp;nbsp;Network Biology" before.
  EXPECT_EQ(strip_markup("Deep Learning and&amp;nbsp;Network Biology"), "Deep Learning and Network Biology");
  EXPECT_EQ(strip_markup("Deep Learning and&amp;amp;nbsp;Network Biology"), "Deep Learning and Network Biology");
  EXPECT_EQ(strip_markup("Deep Learning and&#160;Network Biology"), "Deep Learning and Network Biology");
  EXPECT_EQ(strip_markup("Data &amp;amp; Society"), "Data & Society");
  EXPECT_EQ(strip_markup("&amp;lt;i&amp;gt;E. coli&amp;lt;/i&amp;gt; growth"), "E. coli growth");
}

TEST(MarkupTwice, RealEncodedTitlesFromCrossref) {
  // tests/data/crossref/work-10.20944_preprints202202.0061.v4-preprintsorg-title-containing-encoded-html-empty.json
  EXPECT_EQ(strip_markup("Key Points in HIV Infection Pathology&lt;b&gt;&lt;/b&gt;"),
            "Key Points in HIV Infection Pathology");
  // The start of tests/data/crossref/work-10.20944_preprints202601.1190.v1-preprintsorg-title-encoded-html.json
  EXPECT_EQ(strip_markup("&lt;span class=\"word\"&gt;Hyperbolic &lt;span class=\"word allCaps\"&gt;EM &lt;span "
                         "class=\"word\"&gt;&lt;span class=\"changedDisabled\"&gt;Symmetry &lt;span "
                         "class=\"word\"&gt;and"),
            "Hyperbolic EM Symmetry and");
}

TEST(MarkupTwice, TextThatOnlyLooksEncodedIsKept) {
  EXPECT_EQ(strip_markup("AT&amp;T &unknown; & &amp;foo; p &lt; 0.05"), "AT&T &unknown; & &foo; p < 0.05");
  // The passes are bounded: a deeply nested encoding stops decoding (and stays text).
  EXPECT_EQ(strip_markup("a &amp;amp;amp;amp;amp;lt; b"), "a &amp;lt; b");
  EXPECT_EQ(decode_entities("&amp;lt;"), "&lt;");  // decode_entities itself decodes once
}

}  // namespace
}  // namespace scholard::core
