// AuthorList (paper.hpp): one text buffer per paper's authors, read back as
// MergedAuthor views; and the renderers' append_* forms (a reused buffer).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>

#include "render/bibtex.hpp"
#include "render/json.hpp"
#include "render/markdown.hpp"
#include "render/merge.hpp"
#include "unit/render/sample_papers.hpp"

namespace scholard::render {
namespace {

MergedAuthor author(std::string_view name, std::string_view given, std::string_view family,
                    std::string_view orcid = {}) {
  MergedAuthor a;
  a.name = name;
  a.given = given;
  a.family = family;
  a.orcid = orcid;
  return a;
}

void expect_author(const MergedAuthor& a, std::string_view name, std::string_view given, std::string_view family,
                   std::string_view orcid = {}) {
  EXPECT_EQ(a.name, name);
  EXPECT_EQ(a.given, given);
  EXPECT_EQ(a.family, family);
  EXPECT_EQ(a.orcid, orcid);
}

// Texts of every shape: "Given Family" (stored once, sliced), a name that is
// not given + " " + family, a single name, an organisation, empty parts.
AuthorList mixed() {
  AuthorList list;
  list.push_back(author("Valentin De Bortoli", "Valentin", "De Bortoli", "0000-0002-1825-0097"));
  list.push_back(author("J. Benton", "Joe", "Benton"));
  list.push_back(author("ATLAS", "", "ATLAS"));
  list.push_back(author("Collaboration of Many", "", ""));
  list.push_back(author("", "", ""));
  list.push_back(author("Li Wei", "Wei", "Li"));
  return list;
}

void expect_mixed(const AuthorList& list) {
  ASSERT_EQ(list.size(), 6u);
  expect_author(list[0], "Valentin De Bortoli", "Valentin", "De Bortoli", "0000-0002-1825-0097");
  expect_author(list[1], "J. Benton", "Joe", "Benton");
  expect_author(list[2], "ATLAS", "", "ATLAS");
  expect_author(list[3], "Collaboration of Many", "", "");
  expect_author(list[4], "", "", "");
  expect_author(list[5], "Li Wei", "Wei", "Li");
}

TEST(AuthorList, KeepsEveryTextAsGiven) {
  const AuthorList list = mixed();
  expect_mixed(list);
  expect_author(list.front(), "Valentin De Bortoli", "Valentin", "De Bortoli", "0000-0002-1825-0097");
  expect_author(list.back(), "Li Wei", "Wei", "Li");
  EXPECT_FALSE(list.empty());
  EXPECT_TRUE(AuthorList().empty());
}

TEST(AuthorList, StoresGivenAndFamilyOfAGivenFamilyNameOnce) {
  AuthorList list;
  list.push_back(author("Valentin De Bortoli", "Valentin", "De Bortoli"));
  EXPECT_EQ(list.text_size(), std::string("Valentin De Bortoli").size());
  list.push_back(author("J. Benton", "Joe", "Benton"));  // not a "Given Family" name: all three kept
  EXPECT_EQ(list.text_size(), std::string("Valentin De BortoliJ. BentonJoeBenton").size());
}

TEST(AuthorList, CopiesAndMovesOwnTheirTexts) {
  auto original = std::make_unique<AuthorList>(mixed());
  const AuthorList copy = *original;
  AuthorList moved = std::move(*original);
  original.reset();  // the copy and the moved-to list must not read the freed buffer
  expect_mixed(copy);
  expect_mixed(moved);
  // A list short enough for std::string's inline buffer moves its bytes too.
  AuthorList small;
  small.push_back(author("A B", "A", "B"));
  AuthorList small_moved = std::move(small);
  expect_author(small_moved[0], "A B", "A", "B");
}

TEST(AuthorList, FlagsAreSetPerAuthorAndCopied) {
  AuthorList list = mixed();
  list.set_highlighted(1, true);
  list.set_equal_contribution(1, true);
  list.set_equal_contribution(5, true);
  MergedAuthor flagged = author("X Y", "X", "Y");
  flagged.highlighted = true;
  list.push_back(flagged);
  const AuthorList copy = list;
  int i = 0;
  for (const MergedAuthor& a : copy) {
    EXPECT_EQ(a.highlighted, i == 1 || i == 6) << i;
    EXPECT_EQ(a.equal_contribution, i == 1 || i == 5) << i;
    ++i;
  }
  EXPECT_EQ(i, 7);
}

TEST(AuthorList, TextsStayValidWhileTheListGrows) {
  AuthorList list;
  for (int i = 0; i < 200; ++i) {
    const std::string given = "Given" + std::to_string(i);
    const std::string family = "Family" + std::to_string(i);
    list.reserve(1, 0);
    list.push_back(author(given + " " + family, given, family));
  }
  ASSERT_EQ(list.size(), 200u);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string n = std::to_string(i);
    expect_author(list[i], "Given" + n + " Family" + n, "Given" + n, "Family" + n);
  }
}

// The append_* forms write after what the buffer holds, the same bytes the
// render_* forms return, whatever the buffer held before (reused, cleared).
TEST(AppendRenderers, AppendTheSameBytesAsTheyReturn) {
  const auto papers = merge_papers(testing::sample_inputs(), testing::sample_profile());
  std::string buffer = "prefix";
  append_markdown(buffer, papers, {});
  EXPECT_EQ(buffer, "prefix" + render_markdown(papers, {}));
  buffer.clear();
  append_bibtex(buffer, papers, {});
  EXPECT_EQ(buffer, render_bibtex(papers, {}));
  buffer.clear();
  append_csl_json(buffer, papers, {});
  EXPECT_EQ(buffer, render_csl_json(papers, {}));
  buffer = "x";
  append_json_data(buffer, papers, {});
  EXPECT_EQ(buffer, "x" + render_json_data(papers, {}));
}

// Entries are separated within the appended block only: nothing is put
// between the old contents and the first entry.
TEST(AppendRenderers, SeparatorsStartAfterTheOldContents) {
  const auto papers = merge_papers(testing::sample_inputs(), testing::sample_profile());
  std::string md = "old";
  append_markdown(md, papers, {});
  EXPECT_EQ(md.substr(0, 4), "old[");
  std::string bib = "old\n";
  append_bibtex(bib, papers, {});
  EXPECT_EQ(bib.substr(0, 5), "old\n@");
}

}  // namespace
}  // namespace scholard::render
