// Parsing and validating the config file: defaults, every key, and the
// problems a user meets (typos, wrong types, bad durations, duplicates ...),
// each reported with file, line and key.
#include "config/config.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace scholard::config {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using testing::HasSubstr;
using testing::Not;

TEST(ConfigDefaults, MinimalFileGetsTheDocumentedDefaults) {
  auto config = parse(k_minimal);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->profile.name, "Joe Benton");
  EXPECT_TRUE(config->profile.aliases.empty());
  EXPECT_EQ(config->profile.orcid, "");
  EXPECT_EQ(config->profile.contact, "someone@example.org");
  EXPECT_EQ(config->store.path, "/home/tester/.local/state/scholard/" + default_store_name("/srv/cfg/test.toml"));
  EXPECT_EQ(config->sources.arxiv.base_url, "https://export.arxiv.org/api/query");
  EXPECT_EQ(config->sources.arxiv.min_interval, seconds{3});
  EXPECT_EQ(config->sources.arxiv.batch_size, 100);
  EXPECT_EQ(config->sources.crossref.base_url, "https://api.crossref.org");
  EXPECT_EQ(config->sources.crossref.concurrency, 3);
  EXPECT_EQ(config->sources.crossref.batch, 50);
  EXPECT_EQ(config->schedule.refresh, hours{24});
  EXPECT_EQ(config->schedule.interval, hours{6});
  EXPECT_EQ(config->schedule.jitter, minutes{10});
  ASSERT_EQ(config->outputs.size(), 1u);
  EXPECT_EQ(config->outputs[0].format, OutputFormat::markdown);
  EXPECT_EQ(config->outputs[0].path, "/srv/cfg/site/research.md");
  EXPECT_EQ(config->outputs[0].max_authors, 15);
  EXPECT_FALSE(config->outputs[0].template_path);
  EXPECT_FALSE(config->outputs[0].group_by_year);
  EXPECT_FALSE(config->discover.enabled);
  EXPECT_EQ(config->discover.interval, hours{24});
  EXPECT_FALSE(config->discover.auto_accept);
  EXPECT_TRUE(config->hook.on_change.empty());
  EXPECT_EQ(config->hook.timeout, minutes{10});
  ASSERT_EQ(config->papers.size(), 1u);
  const Paper& p = config->papers[0];
  EXPECT_EQ(p.key(), "2308.03686");
  EXPECT_FALSE(p.doi);
  EXPECT_FALSE(p.year);
  EXPECT_FALSE(p.max_authors);
  EXPECT_FALSE(p.hidden);
  EXPECT_EQ(p.line, 9);
  EXPECT_EQ(config->dir, "/srv/cfg");
}

TEST(ConfigKeys, EveryKeyIsRead) {
  auto config = load_config(data_path("full.toml"), test_env());
  ASSERT_TRUE(config) << config.error().message;
  const Config& c = *config;
  EXPECT_EQ(c.file, data_path("full.toml"));
  EXPECT_EQ(c.dir, data_path("full.toml").parent_path());
  EXPECT_EQ(c.profile.aliases, (std::vector<std::string>{"Joseph Benton", "J. Benton"}));
  EXPECT_EQ(c.profile.orcid, "0000-0002-1825-0097");
  EXPECT_EQ(c.profile.contact, "joe@example.org");
  EXPECT_EQ(c.store.path, data_path("state/papers.db"));
  EXPECT_EQ(c.sources.arxiv.base_url, "http://127.0.0.1:8080/api/query");
  EXPECT_EQ(c.sources.arxiv.min_interval, milliseconds{250});
  EXPECT_EQ(c.sources.arxiv.batch_size, 50);
  EXPECT_EQ(c.sources.crossref.base_url, "http://127.0.0.1:8081");
  EXPECT_EQ(c.sources.crossref.concurrency, 5);
  EXPECT_EQ(c.sources.crossref.batch, 20);
  EXPECT_EQ(c.schedule.refresh, hours{12});
  EXPECT_EQ(c.schedule.interval, minutes{90});
  EXPECT_EQ(c.schedule.jitter, milliseconds{0});
  ASSERT_EQ(c.outputs.size(), 5u);
  EXPECT_EQ(c.outputs[0].max_authors, 10);
  EXPECT_EQ(c.outputs[0].template_path, data_path("templates/entry.mustache"));
  EXPECT_TRUE(c.outputs[0].group_by_year);
  EXPECT_EQ(c.outputs[1].format, OutputFormat::bibtex);
  EXPECT_EQ(c.outputs[1].path, "/srv/site/papers.bib");
  EXPECT_TRUE(c.outputs[1].bibtex_show);
  EXPECT_FALSE(c.outputs[2].bibtex_show);
  EXPECT_EQ(c.outputs[2].format, OutputFormat::csl_json);
  EXPECT_EQ(c.outputs[3].format, OutputFormat::json);
  EXPECT_EQ(c.outputs[4].format, OutputFormat::academicpages);
  EXPECT_EQ(c.outputs[4].path, data_path("site/_publications"));
  EXPECT_TRUE(c.discover.enabled);
  EXPECT_EQ(c.discover.arxiv_query, "au:Benton_J");
  EXPECT_TRUE(c.discover.orcid);
  EXPECT_EQ(c.discover.interval, hours{48});
  EXPECT_TRUE(c.discover.auto_accept);
  EXPECT_EQ(c.hook.on_change, (std::vector<std::string>{"bundle", "exec", "jekyll", "build"}));
  EXPECT_EQ(c.hook.timeout, minutes{5});
  ASSERT_EQ(c.papers.size(), 5u);
  EXPECT_EQ(c.papers[0].arxiv->versioned(), "2308.03686v2");
  EXPECT_EQ(c.papers[0].venue, "International Conference on Learning Representations");
  EXPECT_EQ(c.papers[0].year, 2024);
  EXPECT_TRUE(c.papers[0].selected);
  EXPECT_EQ(c.papers[0].abbr, "ICLR");
  EXPECT_EQ(c.papers[0].pdf, "benton2024nearly.pdf");
  EXPECT_EQ(c.papers[0].code, "https://github.com/example/nearly-linear");
  EXPECT_FALSE(c.papers[1].selected);
  EXPECT_EQ(c.papers[1].abbr, "");
  EXPECT_EQ(c.papers[1].doi->value, "10.1093/jrsssb/qkae005");
  EXPECT_EQ(c.papers[1].arxiv->id, "2211.03595");
  EXPECT_EQ(c.papers[2].arxiv->id, "2305.16860");  // arXiv's DOI became the arXiv id
  EXPECT_FALSE(c.papers[2].doi);
  const Paper& jmlr = c.papers[3];
  EXPECT_EQ(jmlr.title, "Alpha-divergence Variational Inference Meets Importance Weighted Auto-Encoders");
  EXPECT_EQ(jmlr.volume, "24");
  EXPECT_EQ(jmlr.issue, "243");
  EXPECT_EQ(jmlr.pages, "1-83");
  EXPECT_EQ(jmlr.url, "https://www.jmlr.org/papers/volume24/22-1160/22-1160.pdf");
  EXPECT_EQ(jmlr.max_authors, 3);
  EXPECT_EQ(jmlr.equal_contribution, (std::vector<std::string>{"Joe Benton", "Yuyang Shi"}));
  EXPECT_EQ(jmlr.authors.size(), 4u);
  const Paper& manual = c.papers[4];
  EXPECT_TRUE(manual.is_manual());
  EXPECT_TRUE(manual.authors_truncated());
  EXPECT_TRUE(manual.hidden);
  EXPECT_EQ(manual.key(), "");
}

TEST(ConfigErrors, TypoedKeySaysLineAndDidYouMean) {
  auto config = load_config(data_path("typo-key.toml"), test_env());
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, core::ErrorCode::invalid_input);
  EXPECT_EQ(config.error().message, data_path("typo-key.toml").string() +
                                        ":10: key `sources.arxiv.min_intervall`: unknown key; did you mean "
                                        "`min_interval`?");
}

TEST(ConfigErrors, TypoedTableAndPaperKeysGetSuggestions) {
  auto config = parse(std::string(k_minimal) + "[sorces.arxiv]\nbatch_size = 10\n[[paper]]\narxiv = \"2305.16860\"\ntitel = \"x\"\n");
  ASSERT_FALSE(config);
  EXPECT_THAT(config.error().message, HasSubstr("test.toml:11: key `sorces`: unknown key; did you mean `sources`?"));
  EXPECT_THAT(config.error().message, HasSubstr("test.toml:15: key `paper[2].titel`: unknown key; did you mean `title`?"));
  auto far = parse(std::string(k_minimal) + "[[paper]]\narxiv = \"2305.16860\"\ncolour = \"red\"\n");
  ASSERT_FALSE(far);
  EXPECT_EQ(far.error().message, "test.toml:13: key `paper[2].colour`: unknown key");
}

TEST(ConfigErrors, AlFolioKeysAreKnownTypedAndChecked) {
  auto typo = parse(std::string(k_minimal) + "selectd = true\nabr = \"ICLR\"\n");
  ASSERT_FALSE(typo);
  EXPECT_THAT(typo.error().message, HasSubstr("test.toml:11: key `paper[1].selectd`: unknown key; did you mean `selected`?"));
  EXPECT_THAT(typo.error().message, HasSubstr("test.toml:12: key `paper[1].abr`: unknown key; did you mean `abbr`?"));
  auto types = parse(std::string(k_minimal) + "selected = \"yes\"\nabbr = 3\npdf = true\ncode = [\"x\"]\n");
  ASSERT_FALSE(types);
  const std::string& m = types.error().message;
  EXPECT_THAT(m, HasSubstr(":11: key `paper[1].selected`: expected true or false (no quotes), found a string"));
  EXPECT_THAT(m, HasSubstr(":12: key `paper[1].abbr`: expected a string such as \"ICLR\", found an integer (3)"));
  EXPECT_THAT(m, HasSubstr(":13: key `paper[1].pdf`: expected a string"));
  EXPECT_THAT(m, HasSubstr(":14: key `paper[1].code`: expected a string"));
  auto values = parse(std::string(k_minimal) +
                      "abbr = \" \"\npdf = \"ftp://example.org/a.pdf\"\ncode = \"github.com/x/y\"\n"
                      "[[paper]]\ntitle = \"Manual\"\npdf = \"/assets/pdf/a.pdf\"\n");
  ASSERT_FALSE(values);
  const std::string& v = values.error().message;
  EXPECT_THAT(v, HasSubstr(":11: key `paper[1].abbr`: must not be empty"));
  EXPECT_THAT(v, HasSubstr(":12: key `paper[1].pdf`: expected an http:// or https:// address"));
  EXPECT_THAT(v, HasSubstr(":13: key `paper[1].code`: expected an http:// or https:// address"));
  EXPECT_THAT(v, HasSubstr(":16: key `paper[2].pdf`: expected a file name relative to al-folio's assets/pdf/"));
  // They work for manual entries too.
  auto manual = parse(std::string(k_minimal) +
                      "[[paper]]\ntitle = \"Manual\"\nselected = true\nabbr = \"Blog\"\n"
                      "pdf = \"https://example.org/a.pdf\"\ncode = \"https://github.com/x/y\"\n");
  ASSERT_TRUE(manual) << manual.error().message;
  EXPECT_TRUE(manual->papers[1].selected);
  EXPECT_EQ(manual->papers[1].abbr, "Blog");
  EXPECT_EQ(manual->papers[1].pdf, "https://example.org/a.pdf");
  EXPECT_EQ(manual->papers[1].code, "https://github.com/x/y");
}

TEST(ConfigErrors, BibtexShowOnlyOnBibtexOutputs) {
  const std::string profile = "[profile]\nname = \"Joe Benton\"\ncontact = \"someone@example.org\"\n";
  auto wrong = parse(profile + "[[output]]\nformat = \"json\"\npath = \"a.json\"\nbibtex_show = true\n");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().message,
            "test.toml:7: key `output[1].bibtex_show`: only applies to format = \"bibtex\" (it adds al-folio's "
            "bibtex_show field), but this output's format is \"json\"; remove the key");
  auto type = parse(profile + "[[output]]\nformat = \"bibtex\"\npath = \"a.bib\"\nbibtex_show = \"true\"\n");
  ASSERT_FALSE(type);
  EXPECT_THAT(type.error().message, HasSubstr(":7: key `output[1].bibtex_show`: expected true or false"));
  // A bad format is reported once, not again through bibtex_show.
  auto bad_format = parse(profile + "[[output]]\nformat = \"bib\"\npath = \"a.bib\"\nbibtex_show = true\n");
  ASSERT_FALSE(bad_format);
  EXPECT_THAT(bad_format.error().message, Not(HasSubstr("bibtex_show")));
  auto ok = parse(profile + "[[output]]\nformat = \"bibtex\"\npath = \"a.bib\"\nbibtex_show = true\n");
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_TRUE(ok->outputs[0].bibtex_show);
}

TEST(ConfigErrors, WrongTypeNamesTheExpectedType) {
  auto config = load_config(data_path("wrong-type.toml"), test_env());
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message,
            data_path("wrong-type.toml").string() +
                ":10: key `sources.arxiv.min_interval`: expected a string such as \"3s\" (durations are quoted and "
                "carry a unit), found an integer (3)");
}

TEST(ConfigErrors, OtherWrongTypes) {
  auto config = parse(std::string(k_minimal) +
                      "year = \"2024\"\nhidden = \"yes\"\nauthors = \"Joe Benton\"\n"
                      "[hook]\non_change = \"make site\"\n");
  ASSERT_FALSE(config);
  const std::string& m = config.error().message;
  EXPECT_THAT(m, HasSubstr(":11: key `paper[1].year`: expected an integer such as 2024, found a string (\"2024\")"));
  EXPECT_THAT(m, HasSubstr(":12: key `paper[1].hidden`: expected true or false (no quotes), found a string"));
  EXPECT_THAT(m, HasSubstr(":13: key `paper[1].authors`: expected an array of strings such as"));
  EXPECT_THAT(m, HasSubstr(":15: key `hook.on_change`: expected an array of strings such as [\"bundle\", \"exec\", "
                           "\"jekyll\", \"build\"] (argv, run without a shell), found a string"));
}

TEST(ConfigErrors, BadDurationListsTheUnits) {
  auto config = load_config(data_path("bad-duration.toml"), test_env());
  ASSERT_FALSE(config);
  const std::string& m = config.error().message;
  EXPECT_THAT(m, HasSubstr("bad-duration.toml:10: key `schedule.refresh`: \"3 seconds\" is not a duration: it "
                           "contains spaces"));
  EXPECT_THAT(m, HasSubstr(std::string(k_duration_units)));
}

TEST(ConfigErrors, DuplicatePaperNamesBothLines) {
  auto config = load_config(data_path("duplicate-paper.toml"), test_env());
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message, data_path("duplicate-paper.toml").string() +
                                        ":20: key `paper[3]`: line 20 repeats arXiv 2308.03686 already listed at "
                                        "line 13; list each paper once");
}

TEST(ConfigErrors, DuplicateDoiIgnoresCaseAndForm) {
  auto config = parse(std::string(k_minimal) +
                      "[[paper]]\ndoi = \"10.1093/jrsssb/qkae005\"\n"
                      "[[paper]]\ndoi = \"https://doi.org/10.1093/JRSSSB/QKAE005\"\n"
                      "[[paper]]\narxiv = \"10.48550/arXiv.2308.03686\"\n");
  ASSERT_FALSE(config);
  const std::string& m = config.error().message;
  EXPECT_THAT(m, HasSubstr("test.toml:13: key `paper[3]`: line 13 repeats DOI 10.1093/jrsssb/qkae005 already listed "
                           "at line 11"));
  EXPECT_THAT(m, HasSubstr("test.toml:15: key `paper[4]`: line 15 repeats arXiv 2308.03686 already listed at "
                           "line 9"));
}

TEST(ConfigErrors, PaperWithNeitherIdNorTitle) {
  auto config = load_config(data_path("no-id-paper.toml"), test_env());
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().message,
            data_path("no-id-paper.toml").string() +
                ":16: key `paper[2]`: a [[paper]] needs arxiv = \"...\", doi = \"...\", or for a manual entry a title");
}

TEST(ConfigErrors, SyntaxErrorCarriesLineAndColumn) {
  auto config = load_config(data_path("syntax-error.toml"), test_env());
  ASSERT_FALSE(config);
  const std::string& m = config.error().message;
  EXPECT_EQ(m.rfind(data_path("syntax-error.toml").string() + ":4:", 0), 0u) << m;
  EXPECT_THAT(m, testing::MatchesRegex(".*syntax-error\\.toml:4:[0-9]+: syntax error: .*"));
}

// toml++'s own words ("unescaped control characters ...", "cannot redefine
// existing string 'name'") become what the person editing the file needs.
TEST(ConfigErrors, SyntaxErrorsSayWhatToFix) {
  const auto message = [](std::string_view text) {
    auto config = parse(text);
    return config ? std::string("parsed") : config.error().message;
  };
  EXPECT_EQ(message("[profile]\nname = \"Ada\ncontact = \"a@b.org\"\n"),
            "test.toml:2:12: syntax error: missing closing quote: the string runs to the end of the line (a string "
            "on several lines is written between triple quotes)");
  EXPECT_THAT(message("[profile]\nname = 'Ada\r\n"), testing::HasSubstr(":2:12: syntax error: missing closing quote"));
  EXPECT_THAT(message("[profile]\nname = \"\"\"Ada\n"),
              testing::HasSubstr("missing closing quote: the string runs to the end of the file"));
  EXPECT_EQ(message("[profile]\nname = \"A\"\ncontact = \"a@b.org\"\nname = \"B\"\n"),
            "test.toml:4:8: syntax error: key `name` is defined twice; first defined at line 2");
  EXPECT_EQ(message("[profile]\nname = \"A\"\n\n[profile]\n"),
            "test.toml:4:1: syntax error: table [profile] is defined twice; first defined at line 1");
  EXPECT_EQ(message("[[paper]]\narxiv = \"2308.03686\"\n\n[[paper]]\narxiv = \"1\"\narxiv = \"2\"\n"),
            "test.toml:6:9: syntax error: key `arxiv` is defined twice; first defined at line 5");
}

TEST(ConfigErrors, AllProblemsAreReportedAtOnceInLineOrder) {
  auto config = load_config(data_path("many-errors.toml"), test_env());
  ASSERT_FALSE(config);
  const std::vector<std::string> lines = split_lines(config.error().message);
  const std::string file = data_path("many-errors.toml").string();
  ASSERT_EQ(lines.size(), 8u) << config.error().message;
  // Missing keys have no line and sort first.
  EXPECT_THAT(lines[0], HasSubstr(file + ": key `profile.name`: is required"));
  EXPECT_THAT(lines[1], HasSubstr(file + ": key `profile.contact`: is required"));
  EXPECT_EQ(lines[2], file + ":3: key `profil`: unknown key; did you mean `profile`?");
  EXPECT_EQ(lines[3], file + ":7: key `sources.crossref.concurrency`: expected an integer from 1 to 10, found 50");
  EXPECT_THAT(lines[4], HasSubstr(file + ":10: key `schedule.interval`: \"6 hours\" is not a duration"));
  EXPECT_THAT(lines[5], HasSubstr(file + ":13: key `output[1].format`: expected one of \"markdown\", \"bibtex\", "
                                         "\"csl-json\", \"json\", \"academicpages\", found \"html\""));
  EXPECT_THAT(lines[6], HasSubstr(file + ":17: key `paper[1].arxiv`: '2308.3686' is not a valid arXiv id"));
  EXPECT_THAT(lines[7], HasSubstr(file + ":21: key `paper[2].year`: expected an integer"));
}

TEST(ConfigErrors, MissingFileIsAnIoError) {
  auto config = load_config(data_path("no-such-file.toml"), test_env());
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().code, core::ErrorCode::io);
  EXPECT_THAT(config.error().message, HasSubstr("no-such-file.toml"));
  auto folder = load_config(data_path("full.toml").parent_path(), test_env());
  ASSERT_FALSE(folder);
  EXPECT_THAT(folder.error().message, HasSubstr("is a folder"));
}

}  // namespace
}  // namespace scholard::config
