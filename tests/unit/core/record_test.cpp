#include "core/record.hpp"

#include <cstdio>

#include <gtest/gtest.h>

namespace scholard::core {
namespace {

Record sample() {
  Record r;
  r.source = "crossref";
  r.title = "From denoising diffusions to denoising Markov models";
  r.title_raw = "From denoising diffusions to <i>denoising</i>\n Markov models";
  r.authors = {{"Joe Benton", "Joe", "Benton", "0000-0002-1825-0097", "first", {"University of Oxford", "Tab\there"}},
               {"Yuyang Shi", "Yuyang", "Shi", "", "additional", {}}};
  r.venue = "Journal of the Royal Statistical Society Series B: Statistical Methodology";
  r.volume = "86";
  r.issue = "2";
  r.pages = "286-301";
  r.published = {2024, 1, 17};
  r.published_print = {2024, 4, 0};
  r.doi = "10.1093/jrsssb/qkae005";
  r.categories = {"stat.ML", "cs.LG"};
  r.relations = {{"has-preprint", "doi", "10.48550/arxiv.2211.03595"}};
  r.updates = {{"correction", "10.1093/jrsssb/qkae099", "Correction", {2024, 6, 1}}};
  r.arxiv_version = 3;
  return r;
}

TEST(Record, FieldsRoundTrip) {
  Record r = sample();
  auto back = record_from_fields("crossref", record_fields(r));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, r);
}

TEST(Record, EmptyRecordRoundTrips) {
  Record r;
  r.source = "arxiv";
  auto back = record_from_fields("arxiv", record_fields(r));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, r);
}

TEST(Record, ChangedFieldsNamesExactlyWhatDiffers) {
  Record a = sample();
  Record b = a;
  b.arxiv_version = 4;
  b.venue = "Transactions on Machine Learning Research";
  EXPECT_EQ(changed_fields(a, b), (std::vector<std::string>{"venue", "arxiv_version"}));
  EXPECT_TRUE(changed_fields(a, a).empty());
}

TEST(Record, MalformedEncodedListIsAnError) {
  auto r = record_from_fields("arxiv", {{"authors", "Joe\\"}});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
  auto d = record_from_fields("arxiv", {{"published", "2024-13"}});
  ASSERT_FALSE(d);
}

TEST(Record, SetFieldWithAHintGivesTheSameRecordInAnyOrder) {
  const Record r = sample();
  const auto fields = record_fields(r);
  // In record_fields' order, reversed, and with unknown names between.
  const std::vector<Field> reversed(fields.rbegin(), fields.rend());
  std::vector<Field> mixed;
  for (const auto& f : fields) {
    mixed.push_back({"future", "x"});
    mixed.push_back(f);
  }
  const std::vector<Field>* lists[] = {&fields, &reversed, &mixed};
  for (const std::vector<Field>* list : lists) {
    Record back;
    back.source = "crossref";
    std::size_t next = 0;
    for (const auto& f : *list) ASSERT_TRUE(set_record_field(back, f.name, f.value, next)) << f.name;
    EXPECT_EQ(back, r);
    EXPECT_LT(next, record_field_count());
  }
  // The hint wraps round: the last field, then the first.
  std::size_t next = record_field_count() - 1;
  Record back;
  ASSERT_TRUE(set_record_field(back, record_field_name(record_field_count() - 1), "", next));
  EXPECT_EQ(next, 0u);
  ASSERT_TRUE(set_record_field(back, "title", "T", next));
  EXPECT_EQ(back.title, "T");
  EXPECT_EQ(next, 1u);
  EXPECT_FALSE(set_record_field(back, "published", "2024-13", next));
}

TEST(Record, ListCellsWithAndWithoutEscapesRoundTrip) {
  Record r;
  r.source = "arxiv";
  r.authors = {{"Plain Name", "Plain", "Name", "", "", {}},
               {"Tab\tin\\name", "A\\", "\\B", "", "first", {"\\", "x\ty\nz", ""}},
               {"", "", "", "", "", {"", "last"}},
               {"Only", "", "", "", "", {}}};
  r.categories = {"a\\b", "", "c"};
  auto back = record_from_fields("arxiv", record_fields(r));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, r);
  auto bad = record_from_fields("arxiv", {{"authors", "A\\x"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "field 'authors': unknown escape");
}

TEST(PartialDate, ParsesAndPrintsEveryPrecision) {
  EXPECT_EQ(PartialDate::parse("2024")->iso(), "2024");
  EXPECT_EQ(PartialDate::parse("2024-02")->iso(), "2024-02");
  EXPECT_EQ(PartialDate::parse("2024-02-29")->iso(), "2024-02-29");
  EXPECT_EQ(PartialDate::parse("2021-04-20T16:07:14Z")->iso(), "2021-04-20");
  EXPECT_FALSE(PartialDate::parse("24-02"));
  EXPECT_FALSE(PartialDate::parse("2024-00"));
  EXPECT_LT((PartialDate{2023, 0, 0}), (PartialDate{2024, 1, 0}));
}

// iso() prints as printf's "%04d-%02d-%02d" did, for any numbers a source
// could put in a date (they are not all checked on the way in).
TEST(PartialDate, IsoMatchesPrintfForAnyNumbers) {
  const int years[] = {1, 7, 99, 999, 1000, 2024, 9999, 10000, 123456, -1, -45, -2024, -123456};
  const int parts[] = {1, 9, 10, 12, 31, 99, 100, 12345, -1, -12};
  for (int y : years) {
    for (int m : parts) {
      for (int d : {0, 1, 31, 100, -3}) {
        char buf[64];
        if (d == 0) std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
        else std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        EXPECT_EQ((PartialDate{y, m, d}).iso(), buf) << y << " " << m << " " << d;
      }
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d", y);
    EXPECT_EQ((PartialDate{y, 0, 0}).iso(), buf);
  }
}

TEST(Record, SourceNamesAreLowerCaseWordsAndConfigIsTaken) {
  for (const char* good : {"arxiv", "crossref", "semanticscholar", "s2", "toy_reg"}) {
    EXPECT_TRUE(is_source_name(good)) << good;
  }
  for (const char* bad : {"", "config", "ArXiv", "2s", "_x", "a-b", "a b", "abcdefghijklmnopqrstuvwxyz0123456"}) {
    EXPECT_FALSE(is_source_name(bad)) << bad;
  }
  EXPECT_EQ(to_string(SourceKind::preprint_server), "preprint-server");
  EXPECT_EQ(to_string(SourceKind::doi_registry), "doi-registry");
}

}  // namespace
}  // namespace scholard::core
