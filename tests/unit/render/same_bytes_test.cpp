// The faster forms give the same bytes as the plain ones: merge_papers with
// the records beside the inputs, split_collapsed_name, the append_* escapers,
// and ascii_slug's piecewise folding (checked against the whole-text fold it
// replaced).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/latex.hpp"
#include "core/text.hpp"
#include "render/academicpages.hpp"
#include "render/bibtex.hpp"
#include "render/escape.hpp"
#include "render/json.hpp"
#include "render/markdown.hpp"
#include "render/merge.hpp"
#include "render/names.hpp"
#include "unit/render/sample_papers.hpp"

namespace scholard::render {
namespace {

// Hostile text: markup, quotes, backslashes, braces, controls, invalid UTF-8,
// combining marks, ligatures, full-width and other non-ASCII letters, odd
// whitespace, name particles and commas.
constexpr std::string_view k_pieces[] = {
    "Study", "of", "Schr\xc3\xb6" "dinger", "$d$", "\\\"o", "caf\xc3\xa9", "e\xcc\x81t\xc3\xa9", "\xef\xac\x81nite",
    "\xef\xbc\xa1\xef\xbc\xa2", "\xce\xb1\xce\xb2", "\xe4\xb8\xad", "x\xc2\xa0y", "zw\xe2\x80\x8bsp", "soft\xc2\xadhy",
    "A&B", "<b>", "\"q\"", "back\\slash", "{br}", "a|b", "\x01" "ctl", "bad\xff", "\xc3", "\xed\xa0\x80", "DEL\x7f",
    "tab\there", "van", "der", "De", "DE", "la", "bin", ",", ", ", "\xc2\xb2", "\xe2\x91\xa0", "I\xcc\x87", "\xc3\x9f",
    "K", "9", "2024", "=\xcc\xb8", "\xea\xb0\x80\xe1\x86\xa8"};

// A fixed sequence of hostile strings (a linear congruential generator, so
// every run checks the same ones).
std::vector<std::string> hostile_strings(std::size_t count) {
  std::uint64_t state = 12345;
  const auto next = [&](std::size_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::size_t>(state >> 33) % n;
  };
  constexpr std::string_view k_spaces[] = {" ", " ", " ", "  ", "\t", "\n", ""};
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    std::string s = next(8) == 0 ? " " : "";
    for (std::size_t w = 0, n = 1 + next(7); w < n; ++w) {
      if (w > 0) s += k_spaces[next(std::size(k_spaces))];
      s += k_pieces[next(std::size(k_pieces))];
    }
    if (next(8) == 0) s += " ";
    out.push_back(std::move(s));
  }
  return out;
}

// ascii_slug as it was: the whole text cleaned and folded at once.
std::string whole_text_slug(std::string_view s, std::size_t max_length) {
  std::string out;
  bool pending_dash = false;
  for (char c : core::fold_for_match(clean_text(s))) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      pending_dash = !out.empty();
      continue;
    }
    if (pending_dash) {
      if (out.size() + 2 > max_length) break;
      out.push_back('-');
    }
    pending_dash = false;
    if (out.size() + 1 > max_length) break;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

TEST(SameBytes, SlugFoldedPieceByPieceEqualsTheWholeTextFolded) {
  std::size_t n = 0;
  for (const std::string& s : hostile_strings(4000)) {
    for (const std::size_t max : {std::size_t{0}, std::size_t{1}, std::size_t{5}, std::size_t{11}, 30 + n++ % 60}) {
      ASSERT_EQ(ascii_slug(s, max), whole_text_slug(s, max)) << ::testing::PrintToString(s) << " max " << max;
    }
  }
  EXPECT_EQ(ascii_slug("Schr\xc3\xb6" "dinger \xef\xac\x81nite \xef\xbc\xa1\xef\xbc\xa2 cafe\xcc\x81 au lait", 100),
            "schrodinger-finite-ab-cafe-au-lait");
  EXPECT_EQ(ascii_slug("abc def", 5), "abc-d");
}

TEST(SameBytes, AppendFormsEqualTheStringForms) {
  for (const std::string& s : hostile_strings(4000)) {
    std::string out = "x";
    append_clean_text(out, s);
    ASSERT_EQ(out, "x" + clean_text(s)) << ::testing::PrintToString(s);
    out = "x";
    append_html_text(out, s);
    ASSERT_EQ(out, "x" + html_text(s)) << ::testing::PrintToString(s);
    out = "x";
    append_yaml_string(out, s);
    ASSERT_EQ(out, "x" + yaml_string(s)) << ::testing::PrintToString(s);
    const std::string quoted = yaml_string(html_text(s));
    out = "x";
    append_yaml_html_chars(out, s);
    ASSERT_EQ(out, "x" + quoted.substr(1, quoted.size() - 2)) << ::testing::PrintToString(s);
  }
}

// JSON and LaTeX escaping one byte at a time, as the escapers did before
// they classified eight bytes per test: the reference for the fast scan.
std::string reference_json_chars(std::string_view s) {
  const std::string text = core::is_valid_utf8(s) ? std::string(s) : clean_text(s);
  std::string out;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"') out += "\\\"";
    else if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else if (u < 0x20) out += "\\u00" + std::string(1, "0123456789ABCDEF"[u >> 4]) + "0123456789ABCDEF"[u & 15];
    else out.push_back(c);
  }
  return out;
}

std::string reference_latex_text(std::string_view s) {
  const bool controls = std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
  const std::string text = core::is_valid_utf8(s) && !controls ? std::string(s) : clean_text(s);
  std::string out;
  for (const char c : text) {
    if (c == '\\') out += "\\textbackslash{}";
    else if (c == '~') out += "\\textasciitilde{}";
    else if (c == '^') out += "\\textasciicircum{}";
    else if (std::string_view("&%$#_{}").find(c) != std::string_view::npos) out += std::string("\\") + c;
    else out.push_back(c);
  }
  return out;
}

std::string reference_markdown_url(std::string_view url) {
  if (!is_http_url(url)) return "";
  std::string out;
  for (const char c : core::trim(url)) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || std::string_view("()<>{}\"'\\`|[]").find(c) != std::string_view::npos) {
      out += '%';
      out += "0123456789ABCDEF"[u >> 4];
      out += "0123456789ABCDEF"[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

TEST(SameBytes, MarkdownUrlsMatchAByteAtATimeReferenceAtEveryOffset) {
  for (const std::string& h : hostile_strings(1500)) {
    for (std::size_t pad = 0; pad < 10; ++pad) {
      const std::string url = "https://x.org/" + std::string(pad, 'a') + h + std::string(9 - pad, 'b');
      ASSERT_EQ(markdown_url(url), reference_markdown_url(url)) << ::testing::PrintToString(url);
    }
  }
  EXPECT_EQ(markdown_url("https://x.org/abcdefgh(i)"), "https://x.org/abcdefgh%28i%29");
}

TEST(SameBytes, EscapersMatchAByteAtATimeReferenceAtEveryOffset) {
  // Padding moves each special, control and non-ASCII byte across the
  // eight-byte steps of the scan.
  for (const std::string& h : hostile_strings(1500)) {
    for (std::size_t pad = 0; pad < 10; ++pad) {
      const std::string s = std::string(pad, 'a') + h + std::string(9 - pad, 'b');
      std::string out = "x";
      append_json_chars(out, s);
      ASSERT_EQ(out, "x" + reference_json_chars(s)) << ::testing::PrintToString(s);
      out = "x";
      append_latex_text(out, s);
      ASSERT_EQ(out, "x" + reference_latex_text(s)) << ::testing::PrintToString(s);
    }
  }
  EXPECT_EQ(json_string("abcdefgh\"ijklmnop\x01q\xc3\xa9"), "\"abcdefgh\\\"ijklmnop\\u0001q\xc3\xa9\"");
  EXPECT_EQ(markdown_text("abcdefghijklmno caf\xc3\xa9 [x]"), "abcdefghijklmno caf\xc3\xa9 \\[x\\]");
  EXPECT_EQ(markdown_text("abcdefghijklmnop\xff"), "abcdefghijklmnop\xef\xbf\xbd");
}

// What add_author_from_name made of a one-string name before its fast path.
MergedAuthor reference_author(const std::string& raw, std::string& name, NameParts& parts) {
  name = core::looks_like_latex(raw) ? core::latex_to_text(raw) : core::collapse_whitespace(raw);
  if (const auto views = split_collapsed_name(name)) {
    parts = {std::string(views->given), std::string(views->family)};
  } else {
    parts = split_name(name);
    if (name.find(',') != std::string::npos) name = written_name(parts);
  }
  return {name, parts.given, parts.family, {}};
}

TEST(SameBytes, OneStringNamesMergeAsBeforeTheUsualNamePath) {
  const NameMatcher matcher(Profile{"Nobody Known", {}, ""});
  std::size_t usual = 0;
  for (const std::string& raw : hostile_strings(3000)) {
    for (const std::string& n : {raw, core::collapse_whitespace(raw), std::string("Jo--e ") + raw, raw + " ''x"}) {
      PaperInput in;
      in.key = "k";
      core::Record record;
      record.source = "arxiv";
      record.authors.push_back({n, "", "", "", "", {}});
      testing::add_arxiv(in, std::move(record));
      const MergedPaper p = merge_paper(in, matcher);
      ASSERT_EQ(p.authors.size(), 1u);
      std::string name;
      NameParts parts;
      const MergedAuthor want = reference_author(n, name, parts);
      const MergedAuthor got = p.authors[0];
      ASSERT_EQ(got.name, want.name) << ::testing::PrintToString(n);
      ASSERT_EQ(got.given, want.given) << ::testing::PrintToString(n);
      ASSERT_EQ(got.family, want.family) << ::testing::PrintToString(n);
      if (split_collapsed_name(n)) ++usual;
    }
  }
  EXPECT_GT(usual, 1000u);
}

TEST(SameBytes, CollapsedNamesSplitInPlaceAsSplitNameSplitsThem) {
  std::size_t split = 0;
  for (const std::string& raw : hostile_strings(4000)) {
    for (const std::string& name : {raw, core::collapse_whitespace(raw)}) {
      const auto views = split_collapsed_name(name);
      const bool usual = name.find(',') == std::string::npos && core::collapse_whitespace(name) == name;
      ASSERT_EQ(views.has_value(), usual) << ::testing::PrintToString(name);
      if (!views) continue;
      const NameParts parts = split_name(name);
      const NameViews unchecked = split_usual_name(name);
      ASSERT_EQ(unchecked.given, views->given) << ::testing::PrintToString(name);
      ASSERT_EQ(unchecked.family, views->family) << ::testing::PrintToString(name);
      ASSERT_EQ(views->given, parts.given) << ::testing::PrintToString(name);
      ASSERT_EQ(views->family, parts.family) << ::testing::PrintToString(name);
      ++split;
    }
  }
  EXPECT_GT(split, 2000u);
  const auto teun = split_collapsed_name("Teun van der Weij");
  ASSERT_TRUE(teun);
  EXPECT_EQ(teun->given, "Teun");
  EXPECT_EQ(teun->family, "van der Weij");
  EXPECT_FALSE(split_collapsed_name("Benton, Joe"));
  EXPECT_FALSE(split_collapsed_name("Joe  Benton"));
}

// Every output of a merge, as one text.
std::string all_outputs(const std::vector<MergedPaper>& papers) {
  std::string out = render_markdown(papers, {}) + render_bibtex(papers, {MathStyle::keep, true}) +
                    render_csl_json(papers, {}) + render_json_data(papers, {15, MathStyle::keep});
  for (const auto& f : render_academicpages(papers, {})) out += f.name + f.bytes;
  for (const auto& p : papers) {
    for (const MergedAuthor a : p.authors) {
      out.append(a.name).append("|").append(a.given).append("|").append(a.family).append("|").append(a.orcid);
    }
  }
  return out;
}

// The records of `in` as RecordRefs (they borrow from `in`).
PaperRecords refs_of(const PaperInput& in) {
  PaperRecords refs;
  for (const SourceRecord& r : in.records) refs.push_back({r.kind, &r.record});
  return refs;
}

TEST(SameBytes, RecordsBesideTheInputsMergeAsRecordsInsideThem) {
  const auto inputs = testing::sample_inputs();
  std::vector<PaperInput> bare = inputs;
  std::vector<PaperRecords> records(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    records[i] = refs_of(inputs[i]);
    bare[i].records.clear();
  }
  const std::string expected = all_outputs(merge_papers(inputs, testing::sample_profile()));
  EXPECT_EQ(all_outputs(merge_papers(bare, records, testing::sample_profile())), expected);
  // A missing or empty entry leaves the input's own records.
  EXPECT_EQ(all_outputs(merge_papers(inputs, {}, testing::sample_profile())), expected);
  EXPECT_EQ(all_outputs(merge_papers(inputs, std::vector<PaperRecords>(inputs.size()), testing::sample_profile())),
            expected);
}

TEST(SameBytes, RecordsBesideTheInputWinOverItsOwn) {
  auto inputs = testing::sample_inputs();
  ASSERT_EQ(inputs[0].records.size(), 1u);  // a preprint: its title comes from arXiv
  core::Record other = testing::record_of(inputs[0], "arxiv");
  other.title = "Another title";
  other.title_raw = other.title;
  std::vector<PaperRecords> records(inputs.size());
  records[0] = {{core::SourceKind::preprint_server, &other}};
  const std::string beside = all_outputs(merge_papers(inputs, records, testing::sample_profile()));
  const std::string own = all_outputs(merge_papers(inputs, testing::sample_profile()));
  testing::record_of(inputs[0], "arxiv") = other;
  EXPECT_EQ(beside, all_outputs(merge_papers(inputs, testing::sample_profile())));
  EXPECT_NE(beside, own);
  EXPECT_NE(beside.find("Another title"), std::string::npos);
}

TEST(SameBytes, NoRecordBesideTheInputLeavesNoneOfItsOwn) {
  // records[1] names only arXiv's record: the input's Crossref record is
  // not used either (the list beside replaces the input's whole list).
  auto inputs = testing::sample_inputs();
  ASSERT_EQ(inputs[1].records.size(), 2u);
  std::vector<PaperRecords> records(inputs.size());
  records[1] = {{core::SourceKind::preprint_server, &testing::record_of(inputs[1], "arxiv")}};
  auto only_arxiv = inputs;
  only_arxiv[1].records.resize(1);
  ASSERT_EQ(only_arxiv[1].records[0].record.source, "arxiv");
  EXPECT_EQ(all_outputs(merge_papers(inputs, records, testing::sample_profile())),
            all_outputs(merge_papers(only_arxiv, testing::sample_profile())));
}

}  // namespace
}  // namespace scholard::render
