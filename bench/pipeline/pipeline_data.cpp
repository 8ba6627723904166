#include "pipeline_data.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string_view>
#include <utility>

#include "fetchers/arxiv_fetcher.hpp"
#include "net/http_client.hpp"
#include "render/output_file.hpp"

namespace scholard::bench {
namespace {

using core::ErrorCode;

// The templates scripts/bench-fixtures.sh clones, in its order.
constexpr std::string_view k_crossref_templates[] = {
    "crossref/seed/work-10.1093_jrsssb_qkae005.json",
    "crossref/work-10.1371_journal.pone.0033693.json",
    "crossref/work-10.1136_jclinpath-2020-206745-title-markup-i.json",
    "crossref/work-10.1145_2831244.2831252-proceedings-article.json",
    "crossref/work-10.1016_j.neurobiolaging.2010.03.024.json",
    "crossref/work-10.1016_j.tcs.2015.06.001.json",
};

// The header of a current-format arXiv answer to one id_list request, as
// scholard-fakeapi serves it (tools/fakeapi/arxiv_feed.cpp), fixed times.
std::string feed_open(std::size_t entries, std::size_t batch_size) {
  std::string out =
      "<?xml version='1.0' encoding='UTF-8'?>\n"
      "<feed xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" "
      "xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns=\"http://www.w3.org/2005/Atom\">\n"
      "  <id>https://arxiv.org/api/scholard-bench</id>\n"
      "  <title>arXiv Query: scholard benchmark data set</title>\n"
      "  <updated>2026-01-01T00:00:00Z</updated>\n";
  out += "  <opensearch:itemsPerPage>" + std::to_string(batch_size) + "</opensearch:itemsPerPage>\n";
  out += "  <opensearch:totalResults>" + std::to_string(entries) + "</opensearch:totalResults>\n";
  out += "  <opensearch:startIndex>0</opensearch:startIndex>\n";
  return out;
}

// Every occurrence of `from` in `text` replaced by `to` (literally).
std::string replace_all(std::string_view text, std::string_view from, std::string_view to) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = text.find(from); at != std::string_view::npos; at = text.find(from)) {
    out.append(text.substr(0, at));
    out.append(to);
    text.remove_prefix(at + from.size());
  }
  out.append(text);
  return out;
}

// The first occurrence of `from` in `text` replaced by `to`; false when absent.
bool replace_first(std::string& text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  if (at == std::string::npos) return false;
  text.replace(at, from.size(), to);
  return true;
}

struct ArxivTemplate {
  std::string entry;   // the <entry> lines, indentation and final newline included
  std::string old_id;  // the id it names, unversioned ("2205.14987")
};

// The <entry> block of a seed feed and its id (from its first abs/ link).
core::Result<ArxivTemplate> arxiv_template(const std::filesystem::path& file) {
  auto text = render::read_file(file);
  if (!text) return tl::unexpected(text.error());
  const auto open = text->find("<entry>");
  const auto close = text->find("</entry>");
  if (open == std::string::npos || close == std::string::npos || close < open) {
    return core::fail(ErrorCode::invalid_input, file.string() + ": expected one <entry> ... </entry>");
  }
  const auto line_start = text->rfind('\n', open);
  const auto begin = line_start == std::string::npos ? 0 : line_start + 1;
  const auto line_end = text->find('\n', close);
  const auto end = line_end == std::string::npos ? text->size() : line_end + 1;
  ArxivTemplate t{text->substr(begin, end - begin), {}};
  if (t.entry.back() != '\n') t.entry += '\n';
  const auto abs = t.entry.find("abs/");
  std::size_t at = abs == std::string::npos ? abs : abs + 4;
  std::size_t id_end = at;
  while (at != std::string::npos && id_end < t.entry.size() &&
         (std::isdigit(static_cast<unsigned char>(t.entry[id_end])) || t.entry[id_end] == '.')) {
    ++id_end;
  }
  if (at == std::string::npos || id_end == at || id_end >= t.entry.size() || t.entry[id_end] != 'v') {
    return core::fail(ErrorCode::invalid_input, file.string() + ": expected an abs/NNNN.NNNNNvN link in the entry");
  }
  t.old_id = t.entry.substr(at, id_end - at);
  return t;
}

struct CrossrefTemplate {
  std::string body;
  std::string old_doi;  // as written in the JSON ("10.1371\/journal.pone.0033693")
};

// A recorded work and its own DOI: the "DOI" member directly followed by "type".
core::Result<CrossrefTemplate> crossref_template(const std::filesystem::path& file) {
  auto text = render::read_file(file);
  if (!text) return tl::unexpected(text.error());
  constexpr std::string_view k_key = "\"DOI\":\"";
  constexpr std::string_view k_next = "\",\"type\"";
  for (auto at = text->find(k_key); at != std::string::npos; at = text->find(k_key, at + 1)) {
    const auto value = at + k_key.size();
    const auto quote = text->find('"', value);
    if (quote == std::string::npos) break;
    if (std::string_view(*text).substr(quote, k_next.size()) != k_next) continue;
    CrossrefTemplate t{std::move(*text), {}};
    t.old_doi = t.body.substr(value, quote - value);
    if (t.body.empty() || t.body.back() != '\n') t.body += '\n';
    return t;
  }
  return core::fail(ErrorCode::invalid_input,
                    file.string() + ": expected \"DOI\":\"...\",\"type\" (the work's own DOI)");
}

std::string arxiv_id_of(int k) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "26%02d.%05d", 1 + k / 90000, k % 90000 + 10000);
  return buf;
}

std::string doi_of(int k) { return "10.5555/scholard-bench." + std::to_string(k); }

// bench-lib.sh's scholard.toml without its paths (nothing is written).
config::Config base_config() {
  config::Config cfg;
  cfg.profile = {"Joe Benton", {"Joseph Benton", "J. Benton"}, "", "bench@example.org"};
  using config::OutputFormat;
  for (auto format : {OutputFormat::markdown, OutputFormat::bibtex, OutputFormat::csl_json, OutputFormat::json,
                      OutputFormat::academicpages}) {
    config::Output out;
    out.format = format;
    out.path = std::string(config::to_string(format));
    cfg.outputs.push_back(std::move(out));
  }
  return cfg;
}

core::Result<void> add_papers(config::Config& cfg, int papers) {
  for (int k = 0; k < papers; ++k) {
    config::Paper p;
    if (k % 4 != 3) {
      auto id = core::parse_arxiv_id(arxiv_id_of(k));
      if (!id) return tl::unexpected(id.error());
      p.arxiv = std::move(*id);
    }
    if (k % 4 >= 2) {
      auto doi = core::parse_doi(doi_of(k));
      if (!doi) return tl::unexpected(doi.error());
      p.doi = std::move(*doi);
    }
    cfg.papers.push_back(std::move(p));
  }
  return {};
}

// The feeds answering each batch: entry i (from 0, in config order) is a
// clone of template i mod T; arXiv answers a batch in the order asked.
core::Result<void> add_arxiv(PipelineData& data, const std::filesystem::path& data_dir) {
  std::vector<ArxivTemplate> templates;
  const auto seed_dir = data_dir / "seed" / "arxiv";
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(seed_dir, ec)) {
    const auto name = entry.path().filename().string();
    if (name.starts_with("arxiv-") && entry.path().extension() == ".xml") files.push_back(entry.path());
  }
  if (ec) return core::fail(ErrorCode::io, seed_dir.string() + ": cannot list: " + ec.message());
  std::sort(files.begin(), files.end());  // the shell glob's order
  for (const auto& f : files) {
    auto t = arxiv_template(f);
    if (!t) return tl::unexpected(t.error());
    templates.push_back(std::move(*t));
  }
  if (templates.empty()) return core::fail(ErrorCode::invalid_input, seed_dir.string() + ": no arxiv-*.xml");
  std::vector<std::string> ids;
  for (const auto& p : data.config.papers) {
    if (p.arxiv) ids.push_back(p.arxiv->versioned());
  }
  fetchers::ArxivOptions options;
  options.batch_size = static_cast<std::size_t>(data.config.sources.arxiv.batch_size);
  data.arxiv_batches = fetchers::plan_arxiv_batches(options, ids);
  std::size_t count = 0;
  for (const auto& batch : data.arxiv_batches) {
    std::string feed = feed_open(batch.size(), options.batch_size);
    for (const auto& id : batch) {
      const auto& t = templates[count++ % templates.size()];
      std::string entry = replace_all(t.entry, t.old_id, id);
      replace_first(entry, "<title>", "<title>Study " + std::to_string(count) + ": ");
      feed += entry;
    }
    feed += "</feed>\n";
    data.arxiv_feeds.push_back(std::move(feed));
  }
  return {};
}

core::Result<void> add_crossref(PipelineData& data, const std::filesystem::path& data_dir) {
  std::vector<CrossrefTemplate> templates;
  for (const auto relative : k_crossref_templates) {
    auto t = crossref_template(data_dir / relative);
    if (!t) return tl::unexpected(t.error());
    templates.push_back(std::move(*t));
  }
  for (std::size_t k = 0; k < data.config.papers.size(); ++k) {
    const auto& p = data.config.papers[k];
    if (!p.doi) continue;
    const auto& t = templates[k % templates.size()];
    std::string body = replace_all(t.body, t.old_doi, p.doi->value);
    if (!replace_first(body, "\"title\":[\"", "\"title\":[\"Study " + std::to_string(k) + ": ")) {
      return core::fail(ErrorCode::invalid_input, "Crossref template for " + t.old_doi + ": no \"title\":[\"...\"]");
    }
    // With the spare capacity the net layer leaves after a body
    // (net::k_body_spare_capacity), which lets the parser read it in place.
    body.reserve(body.size() + net::k_body_spare_capacity);
    data.dois.push_back(p.doi->value);
    data.crossref_bodies.push_back(std::move(body));
  }
  return {};
}

}  // namespace

std::size_t PipelineData::body_bytes() const {
  std::size_t bytes = 0;
  for (const auto& f : arxiv_feeds) bytes += f.size();
  for (const auto& b : crossref_bodies) bytes += b.size();
  return bytes;
}

core::Result<PipelineData> make_pipeline_data(int papers, const std::filesystem::path& data_dir) {
  PipelineData data;
  data.config = base_config();
  if (auto ok = add_papers(data.config, papers); !ok) return tl::unexpected(ok.error());
  if (auto ok = add_arxiv(data, data_dir); !ok) return tl::unexpected(ok.error());
  if (auto ok = add_crossref(data, data_dir); !ok) return tl::unexpected(ok.error());
  return data;
}

}  // namespace scholard::bench
