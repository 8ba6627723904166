// The seed golden test: the 16 papers of the seed researcher's page
// (tests/data/render/research-2025.md), built by hand from the seed fixtures'
// facts (tests/data/seed: arXiv records as the API returns them, the one
// Crossref record) plus the overrides the researcher would put in the config,
// rendered as Markdown and compared with the page ENTRY BY ENTRY.
//
// The page was written by hand and is not fully consistent; every known
// difference is listed in k_known_differences with its reason, applied to
// the page's entry before comparing. Any other difference fails.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "render/markdown.hpp"
#include "render/merge.hpp"
#include "render/output_file.hpp"
#include "unit/render/sample_papers.hpp"

namespace scholard::render {
namespace {

struct SeedArxiv {
  std::string id;
  std::string title;
  std::vector<std::string> authors;
  core::PartialDate v1;
  core::PartialDate updated;
  std::string primary;
};

// From tests/data/seed/arxiv/arxiv-ID.xml (title, authors, published, updated, primary category).
const std::vector<SeedArxiv>& seed_arxiv() {
  static const std::vector<SeedArxiv> k_records = {
      {"2506.15740", "SHADE-Arena: Evaluating Sabotage and Monitoring in LLM Agents",
       {"Jonathan Kutasov", "Yuqi Sun", "Paul Colognese", "Teun van der Weij", "Linda Petrini", "Chen Bo Calvin Zhang", "John Hughes", "Xiang Deng", "Henry Sleight", "Tyler Tracy", "Buck Shlegeris", "Joe Benton"},
       {2025, 6, 17}, {2025, 7, 8}, "cs.AI"},
      {"2505.05410", "Reasoning Models Don't Always Say What They Think",
       {"Yanda Chen", "Joe Benton", "Ansh Radhakrishnan", "Jonathan Uesato", "Carson Denison", "John Schulman", "Arushi Somani", "Peter Hase", "Misha Wagner", "Fabien Roger", "Vlad Mikulik", "Samuel R. Bowman", "Jan Leike", "Jared Kaplan", "Ethan Perez"},
       {2025, 5, 8}, {2025, 5, 8}, "cs.CL"},
      {"2507.14417", "Inverse Scaling in Test-Time Compute",
       {"Aryo Pradipta Gema", "Alexander Hägele", "Runjin Chen", "Andy Arditi", "Jacob Goldman-Wetzler", "Kit Fraser-Taliente", "Henry Sleight", "Linda Petrini", "Julian Michael", "Beatrice Alex", "Pasquale Minervini", "Yanda Chen", "Joe Benton", "Ethan Perez"},
       {2025, 7, 19}, {2025, 12, 15}, "cs.AI"},
      {"2507.11473", "Chain of Thought Monitorability: A New and Fragile Opportunity for AI Safety",
       {"Tomek Korbak", "Mikita Balesni", "Elizabeth Barnes", "Yoshua Bengio", "Joe Benton", "Joseph Bloom", "Mark Chen", "Alan Cooney", "Allan Dafoe", "Anca Dragan", "Scott Emmons", "Owain Evans", "David Farhi", "Ryan Greenblatt", "Dan Hendrycks", "Marius Hobbhahn", "Evan Hubinger", "Geoffrey Irving", "Erik Jenner", "Daniel Kokotajlo", "Victoria Krakovna", "Shane Legg", "David Lindner", "David Luan", "Aleksander Mądry", "Julian Michael", "Neel Nanda", "Dave Orr", "Jakub Pachocki", "Ethan Perez", "Mary Phuong", "Fabien Roger", "Joshua Saxe", "Buck Shlegeris", "Martín Soto", "Eric Steinberger", "Jasmine Wang", "Wojciech Zaremba", "Bowen Baker", "Rohin Shah", "Vlad Mikulik"},
       {2025, 7, 15}, {2025, 12, 7}, "cs.AI"},
      {"2506.22777", "Teaching Models to Verbalize Reward Hacking in Chain-of-Thought Reasoning",
       {"Miles Turpin", "Andy Arditi", "Marvin Li", "Joe Benton", "Julian Michael"},
       {2025, 6, 28}, {2025, 7, 13}, "cs.CL"},
      {"2501.18837", "Constitutional Classifiers: Defending against Universal Jailbreaks across Thousands of Hours of Red Teaming",
       {"Mrinank Sharma", "Meg Tong", "Jesse Mu", "Jerry Wei", "Jorrit Kruthoff", "Scott Goodfriend", "Euan Ong", "Alwin Peng", "Raj Agarwal", "Cem Anil", "Amanda Askell", "Nathan Bailey", "Joe Benton", "Emma Bluemke", "Samuel R. Bowman", "Eric Christiansen", "Hoagy Cunningham", "Andy Dau", "Anjali Gopal", "Rob Gilson", "Logan Graham", "Logan Howard", "Nimit Kalra", "Taesung Lee", "Kevin Lin", "Peter Lofgren", "Francesco Mosconi", "Clare O'Hara", "Catherine Olsson", "Linda Petrini", "Samir Rajani", "Nikhil Saxena", "Alex Silverstein", "Tanya Singh", "Theodore Sumers", "Leonard Tang", "Kevin K. Troy", "Constantin Weisser", "Ruiqi Zhong", "Giulio Zhou", "Jan Leike", "Jared Kaplan", "Ethan Perez"},
       {2025, 1, 31}, {2025, 1, 31}, "cs.CL"},
      {"2410.21514", "Sabotage Evaluations for Frontier Models",
       {"Joe Benton", "Misha Wagner", "Eric Christiansen", "Cem Anil", "Ethan Perez", "Jai Srivastav", "Esin Durmus", "Deep Ganguli", "Shauna Kravec", "Buck Shlegeris", "Jared Kaplan", "Holden Karnofsky", "Evan Hubinger", "Roger Grosse", "Samuel R. Bowman", "David Duvenaud"},
       {2024, 10, 28}, {2024, 10, 28}, "cs.LG"},
      {"2407.15211", "Failures to Find Transferable Image Jailbreaks Between Vision-Language Models",
       {"Rylan Schaeffer", "Dan Valentine", "Luke Bailey", "James Chua", "Cristóbal Eyzaguirre", "Zane Durante", "Joe Benton", "Brando Miranda", "Henry Sleight", "John Hughes", "Rajashree Agrawal", "Mrinank Sharma", "Scott Emmons", "Sanmi Koyejo", "Ethan Perez"},
       {2024, 7, 21}, {2024, 12, 16}, "cs.CL"},
      {"2211.03595", "From Denoising Diffusions to Denoising Markov Models",
       {"Joe Benton", "Yuyang Shi", "Valentin De Bortoli", "George Deligiannidis", "Arnaud Doucet"},
       {2022, 11, 7}, {2022, 11, 7}, "stat.ML"},
      {"2308.03686", "Nearly $d$-Linear Convergence Bounds for Diffusion Models via Stochastic Localization",
       {"Joe Benton", "Valentin De Bortoli", "Arnaud Doucet", "George Deligiannidis"},
       {2023, 8, 7}, {2024, 3, 6}, "stat.ML"},
      {"2305.16860", "Error Bounds for Flow Matching Methods",
       {"Joe Benton", "George Deligiannidis", "Arnaud Doucet"},
       {2023, 5, 26}, {2023, 5, 26}, "stat.ML"},
      {"2310.07837", "Measuring Feature Sparsity in Language Models",
       {"Mingyang Deng", "Lucas Tao", "Joe Benton"},
       {2023, 10, 11}, {2023, 10, 13}, "cs.LG"},
      {"2205.14987", "A Continuous Time Framework for Discrete Denoising Models",
       {"Andrew Campbell", "Joe Benton", "Valentin De Bortoli", "Tom Rainforth", "George Deligiannidis", "Arnaud Doucet"},
       {2022, 5, 30}, {2022, 5, 30}, "stat.ML"},
      {"2210.01892", "Polysemanticity and Capacity in Neural Networks",
       {"Adam Scherlis", "Kshitij Sachan", "Adam S. Jermyn", "Joe Benton", "Buck Shlegeris"},
       {2022, 10, 4}, {2022, 10, 4}, "cs.NE"},
      {"2210.06226", "Alpha-divergence Variational Inference Meets Importance Weighted Auto-Encoders: Methodology and Asymptotics",
       {"Kamélia Daudel", "Joe Benton", "Yuyang Shi", "Arnaud Doucet"},
       {2022, 10, 12}, {2022, 10, 12}, "stat.ML"},
  };
  return k_records;
}

core::Record arxiv_of(const std::string& id) {
  for (const auto& r : seed_arxiv()) {
    if (r.id == id) return testing::arxiv_record(r.id, r.title, r.authors, r.v1, r.updated, r.primary);
  }
  throw std::runtime_error("no seed record " + id);
}

// tests/data/seed/crossref/work-10.1093_jrsssb_qkae005.json
core::Record jrsssb() {
  auto r = testing::crossref_record(
      "journal-article", "From denoising diffusions to denoising Markov models",
      "From denoising diffusions to denoising Markov models",
      {testing::person("Joe", "Benton"), testing::person("Yuyang", "Shi"), testing::person("Valentin", "De Bortoli"),
       testing::person("George", "Deligiannidis"), testing::person("Arnaud", "Doucet")},
      "Journal of the Royal Statistical Society Series B: Statistical Methodology", {2024, 1, 17},
      "10.1093/jrsssb/qkae005");
  r.volume = "86";
  r.issue = "2";
  r.pages = "286-301";
  r.publisher = "Oxford University Press (OUP)";
  return r;
}

// The config a researcher would write for this page, in the page's order.
std::vector<PaperInput> seed_inputs() {
  std::vector<PaperInput> v;
  auto arxiv = [&](const std::string& id) -> PaperInput& {
    PaperInput p{id, static_cast<int>(v.size()), id, "", {}, {}};
    testing::add_arxiv(p, arxiv_of(id));
    v.push_back(p);
    return v.back();
  };
  arxiv("2506.15740");
  arxiv("2505.05410");
  arxiv("2507.14417");
  arxiv("2507.11473").overrides.max_authors = 14;
  arxiv("2506.22777");
  {
    auto& p = arxiv("2501.18837");
    p.overrides.url = "https://www.anthropic.com/research/constitutional-classifiers";
    p.overrides.max_authors = 14;
  }
  arxiv("2410.21514").overrides.max_authors = 10;
  {
    auto& p = arxiv("2407.15211");
    p.overrides.venue = "NeurIPS 2024 Workshop on Responsibly Building the Next Generation of Multimodal "
                        "Foundational Models";
    p.overrides.year = 2024;
    p.overrides.max_authors = 10;
  }
  {
    PaperInput p{"", static_cast<int>(v.size()), "", "", {}, {}};
    p.overrides.title = "Many-shot Jailbreaking";
    p.overrides.url = "https://www.anthropic.com/research/many-shot-jailbreaking";
    p.overrides.authors = {"Cem Anil",    "Esin Durmus", "Mrinank Sharma", "Joe Benton", "Sandipan Kundu", "Joshua Batson",
                           "Nina Rimsky", "Meg Tong",    "Jesse Mu",       "Daniel Ford", "others"};
    p.overrides.venue = "Advances in Neural Information Processing Systems";
    p.overrides.year = 2024;
    v.push_back(p);
  }
  {
    auto& p = arxiv("2211.03595");
    p.doi = "10.1093/jrsssb/qkae005";
    testing::add_crossref(p, jrsssb());
  }
  {
    auto& p = arxiv("2308.03686");
    p.overrides.venue = "International Conference on Learning Representations";
    p.overrides.year = 2024;
  }
  {
    auto& p = arxiv("2305.16860");
    p.overrides.venue = "Transactions on Machine Learning Research";
    p.overrides.year = 2024;
  }
  {
    auto& p = arxiv("2210.06226");
    p.overrides.venue = "Journal of Machine Learning Research";
    p.overrides.year = 2023;
    p.overrides.volume = "24";
    p.overrides.issue = "243";
    p.overrides.pages = "1-83";
    p.overrides.url = "https://www.jmlr.org/papers/volume24/22-1160/22-1160.pdf";
    p.overrides.equal_contribution = {"Joe Benton", "Yuyang Shi"};
  }
  {
    auto& p = arxiv("2310.07837");
    p.overrides.venue = "NeurIPS 2023 Workshop on Socially Responsible Language Modelling Research";
    p.overrides.year = 2023;
  }
  {
    auto& p = arxiv("2205.14987");
    p.overrides.venue = "Advances in Neural Information Processing Systems";
    p.overrides.year = 2022;
    p.overrides.url = "https://papers.nips.cc/paper_files/paper/2022/hash/"
                      "b5b528767aa35f5b1a60fe0aaeca0563-Abstract-Conference.html";
  }
  arxiv("2210.01892");
  return v;
}

// The publication list of the page: the paragraphs between "## Publications"
// and the next HTML comment.
std::vector<std::string> page_entries() {
  auto page = read_file(SCHOLARD_TEST_DATA "/render/research-2025.md");
  if (!page) throw std::runtime_error(page.error().message);
  auto begin = page->find("## Publications\n\n") + 17;
  auto end = page->find("<!-- ## Talks");
  std::vector<std::string> entries;
  std::stringstream block(page->substr(begin, end - begin));
  for (std::string line; std::getline(block, line);) {
    if (!line.empty()) entries.push_back(line);
  }
  return entries;
}

struct Difference {
  std::size_t entry;     // index in the page's list
  std::string page;      // text as the page has it
  std::string rendered;  // what scholard renders instead
  std::string reason;
};

const std::vector<Difference> k_known_differences = {
    {0, "*arXiv preprint arXiv:2506.15740*", "_arXiv preprint arXiv:2506.15740_", "page mixes *Venue* and _Venue_"},
    {1, "*arXiv preprint arXiv:2505.05410*", "_arXiv preprint arXiv:2505.05410_", "page mixes *Venue* and _Venue_"},
    {2, "*arXiv preprint arXiv:2507.14417*", "_arXiv preprint arXiv:2507.14417_", "page mixes *Venue* and _Venue_"},
    {3, "*arXiv preprint arXiv:2507.11473*", "_arXiv preprint arXiv:2507.11473_", "page mixes *Venue* and _Venue_"},
    {3, "David Farhi, Dan Hendrycks, et al.", "David Farhi, Ryan Greenblatt et al.",
     "page skips Ryan Greenblatt (14th of 41 on arXiv) and puts a comma before et al."},
    {4, "*arXiv preprint arXiv:2506.22777*", "_arXiv preprint arXiv:2506.22777_", "page mixes *Venue* and _Venue_"},
    {4, "Meihua Li", "Marvin Li", "arXiv's author list says Marvin Li"},
    {5, "Emma Bluemke, et al.", "Emma Bluemke et al.", "page sometimes puts a comma before et al."},
    {7, "When Do Universal Image Jailbreaks Transfer Between Vision-Language Models?",
     "Failures to Find Transferable Image Jailbreaks Between Vision-Language Models",
     "the page keeps the v1 title; arXiv's current (v2) title is rendered"},
    {9, "https://academic.oup.com/jrsssb/advance-article/doi/10.1093/jrsssb/qkae005/7564909",
     "https://doi.org/10.1093/jrsssb/qkae005", "published with a DOI: the DOI link (no url override in the config)"},
    {9, "286−301", "286–301", "page uses a minus sign in page ranges; scholard an en dash"},
    {11, "February 2024", "2024", "scholard prints the year only"},
    {12, "1−83", "1-83", "the config's pages (\"1-83\" here) are rendered as written"},
    {15, "arXiv preprint, arXiv:2210.01892", "arXiv preprint arXiv:2210.01892", "page has a stray comma"},
};

TEST(SeedPage, RendersThePublicationListEntryByEntry) {
  const Profile profile{"Joe Benton", {"Joseph Benton", "J. Benton"}, ""};
  const auto papers = merge_papers(seed_inputs(), profile);
  const std::string block = render_markdown(papers, {});
  std::vector<std::string> rendered;
  std::stringstream in(block);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) rendered.push_back(line);
  }
  auto expected = page_entries();
  ASSERT_EQ(expected.size(), 16u);
  ASSERT_EQ(rendered.size(), expected.size()) << block;
  for (const auto& d : k_known_differences) {
    auto at = expected[d.entry].find(d.page);
    ASSERT_NE(at, std::string::npos) << "entry " << d.entry << " no longer contains: " << d.page;
    expected[d.entry].replace(at, d.page.size(), d.rendered);
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(rendered[i], expected[i]) << "entry " << i;
  }
}

TEST(SeedPage, WithoutTheKnownDifferencesMostEntriesAreIdentical) {
  const auto papers = merge_papers(seed_inputs(), Profile{"Joe Benton", {}, ""});
  const std::string block = render_markdown(papers, {});
  auto expected = page_entries();
  int identical = 0;
  for (const auto& e : expected) identical += block.find(e) != std::string::npos;
  EXPECT_EQ(identical, 5);  // 6, 8, 10, 13, 14: no difference at all
}

}  // namespace
}  // namespace scholard::render
