#include "render/names.hpp"

#include <gtest/gtest.h>

namespace scholard::render {
namespace {

Profile joe() { return {"Joe Benton", {"Joseph Benton", "J. Benton"}, "0000-0002-1825-0097"}; }

bool hit(const NameMatcher& m, std::string_view name, std::string_view orcid = "") {
  return m.matches(name, "", "", orcid);
}

TEST(Highlight, NameVariantsMatch) {
  const NameMatcher m(joe());
  EXPECT_TRUE(hit(m, "Joe Benton"));
  EXPECT_TRUE(hit(m, "J. Benton"));
  EXPECT_TRUE(hit(m, "Benton, Joe"));
  EXPECT_TRUE(hit(m, "Benton, J."));
  EXPECT_TRUE(hit(m, "JOE BENTON"));
  EXPECT_TRUE(hit(m, "Joé Benton"));
  EXPECT_TRUE(hit(m, "Joseph Benton"));
  EXPECT_TRUE(hit(m, "Joe J. Benton"));
  EXPECT_TRUE(m.matches("Joe Benton", "Joe", "Benton", ""));
}

TEST(Highlight, FalseFriendsDoNotMatch) {
  const NameMatcher m(joe());
  EXPECT_FALSE(hit(m, "Jane Benton"));  // same initial as the alias "J. Benton", different full name
  EXPECT_FALSE(hit(m, "Benton, Jane"));
  EXPECT_FALSE(hit(m, "Joe Bentley"));
  EXPECT_FALSE(hit(m, "Benton"));
  EXPECT_FALSE(hit(m, "Joe"));
  EXPECT_FALSE(hit(m, "B. Benton"));
  EXPECT_FALSE(m.matches("Jane Benton", "Jane", "Benton", ""));
}

TEST(Highlight, OrcidDecidesWhenBothHaveOne) {
  const NameMatcher m(joe());
  EXPECT_TRUE(hit(m, "Jo B.", "0000-0002-1825-0097"));                         // other spelling, same person
  EXPECT_TRUE(hit(m, "Someone Else", "https://orcid.org/0000-0002-1825-0097"));  // URL form
  EXPECT_FALSE(hit(m, "Joe Benton", "0000-0001-5109-3700"));                     // namesake
}

TEST(Highlight, WithoutProfileOrcidNamesDecide) {
  const NameMatcher m(Profile{"Joe Benton", {}, ""});
  EXPECT_TRUE(hit(m, "Joe Benton", "0000-0001-5109-3700"));
  EXPECT_TRUE(hit(m, "J. Benton"));  // initial of the full given name
  EXPECT_FALSE(hit(m, "Joseph Benton"));  // not a listed full name
}

TEST(Highlight, MultiWordFamilyNames) {
  const NameMatcher m(Profile{"Valentin De Bortoli", {}, ""});
  EXPECT_TRUE(hit(m, "Valentin De Bortoli"));
  EXPECT_TRUE(hit(m, "V. de Bortoli"));
  EXPECT_TRUE(hit(m, "De Bortoli, Valentin"));
  EXPECT_FALSE(hit(m, "Valentin Bortoli"));
}

TEST(SplitName, Forms) {
  EXPECT_EQ(split_name("Valentin De Bortoli").family, "De Bortoli");
  EXPECT_EQ(split_name("Teun van der Weij").family, "van der Weij");
  EXPECT_EQ(split_name("Teun van der Weij").given, "Teun");
  EXPECT_EQ(split_name("Chen Bo Calvin Zhang").given, "Chen Bo Calvin");
  EXPECT_EQ(split_name("Benton, Joe").given, "Joe");
  EXPECT_EQ(split_name("Benton, Joe").family, "Benton");
  EXPECT_EQ(split_name("Di Wang").given, "Di");
  EXPECT_EQ(split_name("ATLAS").family, "ATLAS");
  EXPECT_EQ(split_name("ATLAS").given, "");
}

AuthorList authors(std::size_t n, std::size_t highlighted) {
  AuthorList list;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string name = "Author " + std::to_string(i + 1);
    MergedAuthor a;
    a.name = name;
    a.highlighted = i == highlighted;
    list.push_back(a);
  }
  return list;
}

TEST(EtAl, ResearcherEarlyInTheList) {
  auto cut = cut_authors(authors(40, 2), 10, false);  // position 3
  EXPECT_EQ(cut.shown, 10u);
  EXPECT_TRUE(cut.et_al);
}

TEST(EtAl, ResearcherPastTheCutIsStillShown) {
  auto cut = cut_authors(authors(40, 12), 10, false);  // position 13
  EXPECT_EQ(cut.shown, 13u);
  EXPECT_TRUE(cut.et_al);
}

TEST(EtAl, ResearcherLastMeansNoEtAl) {
  auto cut = cut_authors(authors(40, 39), 10, false);
  EXPECT_EQ(cut.shown, 40u);
  EXPECT_FALSE(cut.et_al);
}

TEST(EtAl, ShortListsAndIncompleteLists) {
  EXPECT_FALSE(cut_authors(authors(5, 99), 10, false).et_al);
  EXPECT_EQ(cut_authors(authors(5, 99), 10, false).shown, 5u);
  EXPECT_TRUE(cut_authors(authors(5, 99), 10, true).et_al);  // "others" in the config
  EXPECT_EQ(cut_authors(authors(40, 99), 0, false).shown, 40u);  // 0 = no limit
}

TEST(EqualContribution, FoldedAndReversedForms) {
  EXPECT_TRUE(name_listed("Joe Benton", {"Yuyang Shi", "joe benton"}));
  EXPECT_TRUE(name_listed("Kamélia Daudel", {"Daudel, Kamelia"}));
  EXPECT_FALSE(name_listed("Joe Benton", {"Jane Benton"}));
}

}  // namespace
}  // namespace scholard::render
