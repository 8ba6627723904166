// A manual entry's `semanticscholar = "CorpusId:N"` (config.hpp, Paper) and
// the edit `scholard accept` makes to write it (edit.hpp, insert_key_line).
#include <gmock/gmock.h>

#include "config/edit.hpp"
#include "config_test_support.hpp"

namespace scholard::config {
namespace {
using ::testing::HasSubstr;

const std::string k_manual = std::string(k_minimal) + "\n[[paper]]\ntitle = \"Many-shot Jailbreaking\"\n";

std::string error_of(const std::string& text) {
  auto r = parse(text);
  return r ? std::string("parsed") : r.error().message;
}

TEST(SemanticScholarKey, AManualEntryCarriesItsCorpusId) {
  auto cfg = parse(k_manual + "semanticscholar = \"corpusid:269085201\"\n");
  ASSERT_TRUE(cfg) << cfg.error().message;
  ASSERT_EQ(cfg->papers.size(), 2u);
  EXPECT_EQ(cfg->papers[1].semanticscholar, "CorpusId:269085201");
  EXPECT_TRUE(cfg->papers[1].is_manual());
  EXPECT_EQ(cfg->papers[0].semanticscholar, "");
}

TEST(SemanticScholarKey, WrongValuesNameTheLine) {
  EXPECT_THAT(error_of(k_manual + "semanticscholar = \"269085201x\"\n"),
              HasSubstr("test.toml:14: key `paper[2].semanticscholar`"));
  EXPECT_THAT(error_of(k_manual + "semanticscholar = \"CorpusId:\"\n"), HasSubstr("expected CorpusId:<digits>"));
  EXPECT_THAT(error_of(k_manual + "semanticscholar = 269085201\n"), HasSubstr("key `paper[2].semanticscholar`"));
  // A paper with an arXiv id is asked of Semantic Scholar by it.
  EXPECT_THAT(error_of(std::string(k_minimal) + "semanticscholar = \"CorpusId:1\"\n"),
              HasSubstr("only for an entry without arxiv and doi"));
}

TEST(SemanticScholarKey, InsertKeyLineAddsOneLineUnderTheHeader) {
  const std::string text = "# top\n[profile]\nname = \"x\"\n\n# the entry\n[[paper]]\ntitle = \"T\"\n";
  auto out = insert_key_line(text, 6, "semanticscholar = \"CorpusId:1\"");
  ASSERT_TRUE(out) << out.error().message;
  EXPECT_EQ(*out, "# top\n[profile]\nname = \"x\"\n\n# the entry\n[[paper]]\nsemanticscholar = \"CorpusId:1\"\ntitle = \"T\"\n");
  // CRLF files keep their line ending; a header on a last line without a newline gets one.
  auto crlf = insert_key_line("[[paper]]\r\ntitle = \"T\"\r\n", 1, "k = 1");
  ASSERT_TRUE(crlf);
  EXPECT_EQ(*crlf, "[[paper]]\r\nk = 1\r\ntitle = \"T\"\r\n");
  auto last = insert_key_line("a = 1\n[[paper]]", 2, "k = 1");
  ASSERT_TRUE(last);
  EXPECT_EQ(*last, "a = 1\n[[paper]]\nk = 1\n");
  EXPECT_FALSE(insert_key_line(text, 3, "k = 1")) << "line 3 is no header";
}

}  // namespace
}  // namespace scholard::config
