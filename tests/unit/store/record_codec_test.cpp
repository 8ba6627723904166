// record_codec: a record's fields in one stored value (schema 5).
#include "store/record_codec.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "core/record.hpp"
#include "store_test_util.hpp"

namespace scholard::store {
namespace {

std::string encode(const std::vector<core::Field>& fields) {
  std::string out;
  append_fields(fields, out);
  return out;
}

TEST(RecordCodec, EncodingIsNameLengthValueLines) {
  EXPECT_EQ(encode({{"title", "Flow"}, {"arxiv_version", "2"}}), "title 4:Flow\narxiv_version 1:2\n");
  // Lengths are bytes, not characters.
  EXPECT_EQ(encode({{"title", "Schrödinger"}}), "title 12:Schrödinger\n");
}

TEST(RecordCodec, EmptyValuesAreLeftOut) {
  EXPECT_EQ(encode({{"title", ""}, {"venue", "JRSSB"}, {"doi", ""}}), "venue 5:JRSSB\n");
  EXPECT_EQ(encode({}), "");
  auto none = decode_fields("");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST(RecordCodec, ValuesWithSeparatorsNulsAndInvalidUtf8RoundTrip) {
  const std::vector<core::Field> hostile = {
      {"title", "12:34\nnext 5:line\n"},
      {"summary", std::string("nul\0byte", 8)},
      {"comment", "\xff\xfe not UTF-8 \xc3"},
      {"authors", "A B\x1f\x1e" "C D\n"},
      {"venue", " "},
  };
  auto back = decode_fields(encode(hostile));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, hostile);
}

TEST(RecordCodec, EveryFieldOfARecordRoundTrips) {
  core::Record r = testing::crossref_record();
  r.title = "A title: with 3 colons: and\na line break";
  const auto fields = core::record_fields(r);
  auto back = decode_fields(encode(fields));
  ASSERT_TRUE(back) << back.error().message;
  auto rec = core::record_from_fields("crossref", *back);
  ASSERT_TRUE(rec) << rec.error().message;
  EXPECT_EQ(*rec, r);
}

// A record with every kind of field, lists and escapes included.
core::Record full_record() {
  core::Record r = testing::crossref_record();
  r.title = "A title: with 3 colons: and\na line break";
  r.title_raw = "A title: with $3$ colons";
  r.summary = "tab\there \\ backslash";
  r.authors.push_back({"Jöe\tBęnton", "Jöe", "Bęnton\n", "", "additional", {"Uni\\versity", "Second\tplace"}});
  r.authors.push_back({"", "", "", "", "", {}});
  r.updated = {2024, 2, 0};
  r.published_print = {2024, 0, 0};
  r.arxiv_id = "2305.16860";
  r.arxiv_version = 12;
  r.categories = {"stat.ML", "cs\tLG"};
  r.relations = {{"has-preprint", "arxiv", "2305.16860"}};
  r.updates = {{"correction", "10.1093/x", "Correction", {2024, 5, 1}}, {"erratum", "", "", {}}};
  return r;
}

TEST(RecordCodec, AppendRecordWritesWhatAppendFieldsOfRecordFieldsWrites) {
  const core::Record r = full_record();
  std::string direct;
  append_record(r, direct);
  EXPECT_EQ(direct, encode(core::record_fields(r)));
  auto back = decode_record("crossref", direct);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, r);
  // Unknown names (a newer field) are skipped; a bad value is an error.
  auto unknown = decode_record("arxiv", "future 3:abc\ntitle 1:T\n");
  ASSERT_TRUE(unknown) << unknown.error().message;
  EXPECT_EQ(unknown->title, "T");
  auto bad = decode_record("arxiv", "published 5:05/24\n");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::invalid_input);
}

TEST(RecordCodec, DecodeIntoSetsTheSourceAndTheStoredFields) {
  const core::Record r = full_record();
  std::string blob;
  append_record(r, blob);
  core::Record into;
  ASSERT_TRUE(decode_record_into(into, "crossref", blob));
  EXPECT_EQ(into, r);
  // Fields in another order, and unknown ones, give the same record.
  auto fields = core::record_fields(r);
  std::reverse(fields.begin(), fields.end());
  fields.insert(fields.begin() + 3, {"future", "abc"});
  core::Record reordered;
  ASSERT_TRUE(decode_record_into(reordered, "crossref", encode(fields)));
  EXPECT_EQ(reordered, r);
  core::Record arxiv;
  ASSERT_TRUE(decode_record_into(arxiv, "arxiv", "title 1:T\n"));
  EXPECT_EQ(arxiv.source, "arxiv");
  EXPECT_EQ(arxiv.title, "T");
  auto damaged = decode_record_into(arxiv, "arxiv", "title 9:T\n");
  ASSERT_FALSE(damaged);
  EXPECT_EQ(damaged.error().message, "damaged record: a value longer than the record at byte 0");
  EXPECT_EQ(decode_record_into(arxiv, "arxiv", "published 5:05/24\n").error().code,
            core::ErrorCode::invalid_input);
}

TEST(RecordCodec, DamageIsReportedWithWhatAndWhere) {
  const std::pair<std::string, std::string> cases[] = {
      {"title", "damaged record: no ' ' after a field name at byte 0"},
      {" 3:abc\n", "damaged record: an empty field name at byte 0"},
      {"title x:abc\n", "damaged record: no length after a field name at byte 0"},
      {"title 3abc\n", "damaged record: no ':' after a field's length at byte 0"},
      {"title 3:abc", "damaged record: no line break after a value at byte 0"},
      {"title 3:abcd\n", "damaged record: no line break after a value at byte 0"},
      {"title 9:abc\n", "damaged record: a value longer than the record at byte 0"},
      {"title 99999999999999999999999:abc\n", "damaged record: no length after a field name at byte 0"},
      {"title 3:abc\nvenue -1:x\n", "damaged record: no length after a field name at byte 12"},
      {"ti\ntle 3:abc\n", "damaged record: a field name with ':' or a line break at byte 0"},
  };
  for (const auto& [blob, message] : cases) {
    auto d = decode_fields(blob);
    ASSERT_FALSE(d) << blob;
    EXPECT_EQ(d.error().code, core::ErrorCode::io) << blob;
    EXPECT_EQ(d.error().message, message) << blob;
  }
}

TEST(RecordCodec, ForEachFieldStopsAtTheFirstDamage) {
  std::vector<std::string> names;
  auto ok = for_each_field("title 1:a\nvenue 7:b\n", [&](std::string_view name, std::string_view) {
    names.emplace_back(name);
  });
  ASSERT_FALSE(ok);
  EXPECT_EQ(names, std::vector<std::string>{"title"});
}

}  // namespace
}  // namespace scholard::store
