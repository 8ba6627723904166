// Identifier parsing on real ids: every valid id below occurs in the recorded
// API responses (tests/data/*/PROVENANCE.md; arXiv feeds: <id>, <arxiv:doi>; Crossref
// and DataCite records: "DOI"; resource URLs), on the seed researcher's page
// (seeds/research-2025.md) or in arXiv's identifier grammar (docs/upstream-apis.md,
// "Identifiers"). The invalid ones are the near misses a user or a page really produces.
#include "core/identifier.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace scholard::core {
namespace {

struct ValidCase {
  std::string_view input;
  IdKind kind;
  std::string_view key;  // canonical: unversioned arXiv id or lower-cased DOI
  int version;           // arXiv version, 0 = none given
};

const std::vector<ValidCase>& valid_cases() {
  static const std::vector<ValidCase> cases = {
      // New-style arXiv ids, bare and versioned (seed page; arXiv fixtures).
      {"2308.03686", IdKind::arxiv, "2308.03686", 0},
      {"2308.03686v2", IdKind::arxiv, "2308.03686", 2},
      {"  2210.06226\n", IdKind::arxiv, "2210.06226", 0},
      {"1506.07840", IdKind::arxiv, "1506.07840", 0},      // 5 digits from 1501
      {"0704.1916v2", IdKind::arxiv, "0704.1916", 2},      // the first new-style month
      {"1412.6529v2", IdKind::arxiv, "1412.6529", 2},      // the last 4-digit month
      {"1111.2011v2", IdKind::arxiv, "1111.2011", 2},
      {"2104.12255v1", IdKind::arxiv, "2104.12255", 1},
      {"2506.15740v12", IdKind::arxiv, "2506.15740", 12},  // two-digit version
      // arXiv: prefixes.
      {"arXiv:2308.03686", IdKind::arxiv, "2308.03686", 0},
      {"arxiv:2211.03595v3", IdKind::arxiv, "2211.03595", 3},
      {"ARXIV:1707.08567", IdKind::arxiv, "1707.08567", 0},
      {"arXiv: 2310.07837", IdKind::arxiv, "2310.07837", 0},  // space after the colon, as typed
      // abs and pdf links, http and https, with and without version and .pdf.
      {"https://arxiv.org/abs/2308.03686v3", IdKind::arxiv, "2308.03686", 3},
      {"http://arxiv.org/abs/0706.3031v3", IdKind::arxiv, "0706.3031", 3},
      {"https://arxiv.org/abs/2506.22777?context=cs.CL", IdKind::arxiv, "2506.22777", 0},
      {"https://arxiv.org/pdf/2305.16860", IdKind::arxiv, "2305.16860", 0},
      {"https://arxiv.org/pdf/2305.16860v2.pdf", IdKind::arxiv, "2305.16860", 2},
      {"http://arxiv.org/pdf/1707.08567.pdf", IdKind::arxiv, "1707.08567", 0},
      {"http://export.arxiv.org/abs/1605.08386v1", IdKind::arxiv, "1605.08386", 1},
      {"https://www.arxiv.org/abs/2507.14417/", IdKind::arxiv, "2507.14417", 0},
      {"arxiv.org/abs/2501.18837", IdKind::arxiv, "2501.18837", 0},  // copied without the scheme
      // Old-style ids: archive lower-cased, subject class dropped.
      {"math.GT/0309136", IdKind::arxiv, "math/0309136", 0},
      {"math.CA/0611800v2", IdKind::arxiv, "math/0611800", 2},
      {"arXiv:math/0611800v2", IdKind::arxiv, "math/0611800", 2},
      {"hep-ex/0406020v1", IdKind::arxiv, "hep-ex/0406020", 1},
      {"astro-ph/0601001", IdKind::arxiv, "astro-ph/0601001", 0},
      {"hep-th/9901001", IdKind::arxiv, "hep-th/9901001", 0},
      {"HEP-PH/9411242v1", IdKind::arxiv, "hep-ph/9411242", 1},
      {"cond-mat/0207270v1", IdKind::arxiv, "cond-mat/0207270", 1},
      {"cond-mat/0702661v2", IdKind::arxiv, "cond-mat/0702661", 2},  // 0702: before the switch
      {"nucl-th/9910021v3", IdKind::arxiv, "nucl-th/9910021", 3},
      {"cs/0503050v1", IdKind::arxiv, "cs/0503050", 1},
      {"http://arxiv.org/abs/gr-qc/0103067v1", IdKind::arxiv, "gr-qc/0103067", 1},
      {"https://arxiv.org/pdf/astro-ph/9904306v1.pdf", IdKind::arxiv, "astro-ph/9904306", 1},
      // DOIs: bare, doi: prefixes, resolver links; compared lower-cased.
      {"10.1093/jrsssb/qkae005", IdKind::doi, "10.1093/jrsssb/qkae005", 0},
      {"doi:10.1093/jrsssb/qkae005", IdKind::doi, "10.1093/jrsssb/qkae005", 0},
      {"DOI: 10.1093/JRSSSB/QKAE005", IdKind::doi, "10.1093/jrsssb/qkae005", 0},
      {"https://doi.org/10.1093/jrsssb/qkae005", IdKind::doi, "10.1093/jrsssb/qkae005", 0},
      {"http://dx.doi.org/10.1371/journal.pone.0033693", IdKind::doi, "10.1371/journal.pone.0033693", 0},
      {"doi.org/10.1038/srep16696", IdKind::doi, "10.1038/srep16696", 0},
      {"https://doi.org/10.1101%2F2024.04.01.587366", IdKind::doi, "10.1101/2024.04.01.587366", 0},
      {"10.1103/PhysRevB.71.184511", IdKind::doi, "10.1103/physrevb.71.184511", 0},
      {"10.1016/0006-3223(92)90311-M", IdKind::doi, "10.1016/0006-3223(92)90311-m", 0},
      {"10.20944/preprints202202.0061.v4", IdKind::doi, "10.20944/preprints202202.0061.v4", 0},
      // Publisher pages that embed /doi/10.... (OUP appends its article number).
      {"https://academic.oup.com/jrsssb/advance-article/doi/10.1093/jrsssb/qkae005/7564909", IdKind::doi,
       "10.1093/jrsssb/qkae005", 0},
      {"https://dl.acm.org/doi/10.1145/3448016.3452841", IdKind::doi, "10.1145/3448016.3452841", 0},
      {"https://dl.acm.org/doi/pdf/10.1145/3448016.3452841", IdKind::doi, "10.1145/3448016.3452841", 0},
      {"http://journals.ametsoc.org/doi/10.1175//2572.1", IdKind::doi, "10.1175//2572.1", 0},
      // Crossref DOIs with ':', ';', '<>', '[]', parentheses and extra slashes.
      {"10.1002/(SICI)1097-4547(19960215)43:4<439::AID-JNR5>3.0.CO;2-G", IdKind::doi,
       "10.1002/(sici)1097-4547(19960215)43:4<439::aid-jnr5>3.0.co;2-g", 0},
      {"10.1579/0044-7447(2008)37[114:ECITBS]2.0.CO;2", IdKind::doi, "10.1579/0044-7447(2008)37[114:ecitbs]2.0.co;2",
       0},
      {"10.7287/peerj.3819v0.1/reviews/2", IdKind::doi, "10.7287/peerj.3819v0.1/reviews/2", 0},
      {"10.1088/0951-7715/23/10/006", IdKind::doi, "10.1088/0951-7715/23/10/006", 0},
      {"10.1175//2572.1", IdKind::doi, "10.1175//2572.1", 0},
      // A /doi/ link whose DOI itself ends in a numeric segment keeps it
      // (only OUP's article number is dropped).
      {"https://iopscience.iop.org/doi/10.1088/0951-7715/23/10/006", IdKind::doi, "10.1088/0951-7715/23/10/006", 0},
      // A Wiley link with the DOI's <> percent-encoded.
      {"https://onlinelibrary.wiley.com/doi/10.1002/1531-8249(199910)46:4%3C598::AID-ANA7%3E3.0.CO;2-F", IdKind::doi,
       "10.1002/1531-8249(199910)46:4<598::aid-ana7>3.0.co;2-f", 0},
      // arXiv's own DOIs (DataCite) become arXiv ids.
      {"10.48550/arXiv.1512.04150", IdKind::arxiv, "1512.04150", 0},
      {"10.48550/ARXIV.1707.06347", IdKind::arxiv, "1707.06347", 0},
      {"https://doi.org/10.48550/arXiv.2308.03686", IdKind::arxiv, "2308.03686", 0},
      {"doi:10.48550/arxiv.2211.03595", IdKind::arxiv, "2211.03595", 0},
  };
  return cases;
}

TEST(Identifier, ParsesRealIdsToTheirCanonicalKey) {
  ASSERT_GE(valid_cases().size(), 40u);
  for (const ValidCase& c : valid_cases()) {
    SCOPED_TRACE(std::string(c.input));
    auto id = parse_identifier(c.input);
    ASSERT_TRUE(id.has_value()) << id.error().message;
    EXPECT_EQ(id->kind, c.kind);
    EXPECT_EQ(id->key(), c.key);
    if (c.kind == IdKind::arxiv) {
      EXPECT_EQ(id->arxiv.version, c.version);
    }
  }
}

TEST(Identifier, ArxivParserAgreesWithIdentifierParserOnArxivForms) {
  for (const ValidCase& c : valid_cases()) {
    if (c.kind != IdKind::arxiv || std::string_view(c.input).find("10.48550") != std::string_view::npos) continue;
    SCOPED_TRACE(std::string(c.input));
    auto ax = parse_arxiv_id(c.input);
    ASSERT_TRUE(ax.has_value()) << ax.error().message;
    EXPECT_EQ(ax->id, c.key);
    EXPECT_EQ(ax->version, c.version);
    EXPECT_EQ(ax->old_style, c.key.find('/') != std::string_view::npos);
  }
}

TEST(Identifier, DoiParserAgreesWithIdentifierParserOnDois) {
  for (const ValidCase& c : valid_cases()) {
    if (c.kind != IdKind::doi) continue;
    SCOPED_TRACE(std::string(c.input));
    auto doi = parse_doi(c.input);
    ASSERT_TRUE(doi.has_value()) << doi.error().message;
    EXPECT_EQ(doi->value, c.key);
  }
}

TEST(Identifier, UpperAndLowerCaseDoisAreTheSameKey) {
  auto upper = parse_identifier("10.1103/PhysRevB.71.184511");
  auto lower = parse_identifier("https://doi.org/10.1103/physrevb.71.184511");
  ASSERT_TRUE(upper && lower);
  EXPECT_EQ(*upper, *lower);
}

TEST(Identifier, DisplayAndVersionedForms) {
  auto ax = parse_identifier("https://arxiv.org/abs/2308.03686v3");
  ASSERT_TRUE(ax);
  EXPECT_EQ(ax->display(), "arXiv:2308.03686v3");
  EXPECT_EQ(ax->arxiv.versioned(), "2308.03686v3");
  auto old = parse_identifier("math.GT/0309136v1");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->display(), "arXiv:math/0309136v1");
  auto doi = parse_identifier("https://doi.org/10.1093/JRSSSB/qkae005");
  ASSERT_TRUE(doi);
  EXPECT_EQ(doi->display(), "doi:10.1093/jrsssb/qkae005");
}

struct InvalidCase {
  std::string_view input;
  std::string_view reason;  // a substring the message must contain
};

TEST(Identifier, RejectsInvalidIdsSayingWhy) {
  const std::vector<InvalidCase> cases = {
      {"1234.123", "month 34 is not 01-12"},
      {"0000.0000", "month 00 is not 01-12"},
      {"0703.1234", "start in April 2007 (0704)"},
      {"1501.1234", "ids from 1501 have 5 digits after the dot, not 4"},
      {"1412.12345", "ids from 1412 have 4 digits after the dot, not 5"},
      {"0808.05394", "ids from 0808 have 4 digits"},  // the server answers 200 with no entry
      {"2313.00001", "month 13 is not 01-12"},
      {"2308.00000", "cannot be zero"},
      {"foo/9901001", "'foo' is not an arXiv archive"},
      {"hep-th/0801001", "old-style ids run from 9108 to 0703"},
      {"hep-th/9107001", "old-style ids run from 9108 to 0703"},
      {"hep-th/9013001", "month 13 is not 01-12"},
      {"hep-th/990100", "seven digits after the slash"},
      {"hep-th/9901000", "cannot be 000"},
      {"math.G1/0309136", "'g1' is not a subject class"},
      {"2308.03686v0", "a version is 'v' followed by a number from 1"},
      {"2308.03686v", "a version is 'v' followed by a number from 1"},
      {"2308.03686v01", "a version is 'v' followed by a number from 1"},
      {"abc", "expected YYMM.NNNNN or archive/YYMMNNN"},
      {"", "it is empty"},
      {"   ", "it is empty"},
      {"2308.03686 x", "it contains spaces"},
      {"2308.0368a", "the part after the dot must be digits"},
      {"23080.3686", "expected YYMM.NNNNN"},
      {"11.1234/abc", "DOIs start with '10.'"},
      {"10.abc/x", "the prefix after '10.' must be digits"},
      {"10.1234", "a DOI has a '/' between its prefix and suffix"},
      {"10.1234/", "the suffix after '/' is empty"},
      {"doi:", "nothing follows 'doi:'"},
      {"doi:2308.03686", "a DOI starts with '10.'"},
      {"10.1093/jrsssb qkae005", "it contains spaces or control characters"},
      {"https://example.com/paper", "a web address must be an arxiv.org /abs/ or /pdf/ link"},
      {"https://arxiv.org/list/cs.LG", "an arxiv.org link must point to an /abs/ or /pdf/ page"},
      {"https://arxiv.org/abs/", "no id follows the prefix or address"},
      {"arXiv:", "no id follows the prefix or address"},
      {"https://doi.org/", "nothing follows the resolver's address"},
      {"https://www.jmlr.org/papers/volume24/22-1160/22-1160.pdf", "a web address must be"},
      {"https://academic.oup.com/jrsssb/article/86/2/286/7564909", "a web address must be"},
      {"https://dl.acm.org/doi/abs/", "no DOI follows /doi/ in the address"},
      {"10.48550/arXiv.2308.0368", "ids from 2308 have 5 digits after the dot, not 4"},
  };
  for (const InvalidCase& c : cases) {
    SCOPED_TRACE("input: \"" + std::string(c.input) + "\"");
    auto id = parse_identifier(c.input);
    ASSERT_FALSE(id.has_value()) << "parsed as " << id->display();
    EXPECT_EQ(id.error().code, ErrorCode::invalid_input);
    EXPECT_NE(id.error().message.find(c.reason), std::string::npos) << id.error().message;
  }
}

TEST(Identifier, DoiParserRejectsArxivIdsAndArxivParserRejectsDois) {
  auto doi = parse_doi("2308.03686");
  ASSERT_FALSE(doi);
  EXPECT_NE(doi.error().message.find("a DOI starts with '10.'"), std::string::npos);
  auto ax = parse_arxiv_id("10.1093/jrsssb/qkae005");
  ASSERT_FALSE(ax);
  EXPECT_NE(ax.error().message.find("not a valid arXiv id"), std::string::npos);
}

TEST(Identifier, ArxivDoiHelper) {
  auto ax = arxiv_id_from_doi(Doi{"10.48550/arxiv.2308.03686"});
  ASSERT_TRUE(ax);
  EXPECT_EQ(ax->id, "2308.03686");
  auto other = arxiv_id_from_doi(Doi{"10.1093/jrsssb/qkae005"});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::not_found);
}

TEST(Identifier, CorpusId) {
  EXPECT_EQ(parse_corpus_id("CorpusId:269085201").value(), "CorpusId:269085201");
  EXPECT_EQ(parse_corpus_id("corpusid:7").value(), "CorpusId:7");
  for (const char* bad : {"269085201", "CorpusId:", "CorpusId:12a", "CorpusId:-1", "DOI:10.1/x", "CorpusId:1234567890123456789"}) {
    auto r = parse_corpus_id(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
  }
}

}  // namespace
}  // namespace scholard::core
