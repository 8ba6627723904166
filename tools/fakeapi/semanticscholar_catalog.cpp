#include "semanticscholar_catalog.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <simdjson.h>

#include "core/text.hpp"

namespace scholard::fakeapi {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t k_paper_id_length = 40;

bool is_paper_id(std::string_view text) {
  return text.size() == k_paper_id_length && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

// "Prefix:rest" with the prefix compared case-insensitively; nullopt otherwise.
std::optional<std::string_view> after_prefix(std::string_view id, std::string_view prefix) {
  if (id.size() <= prefix.size() || id[prefix.size()] != ':') return std::nullopt;
  if (core::ascii_lower(id.substr(0, prefix.size())) != core::ascii_lower(prefix)) return std::nullopt;
  return id.substr(prefix.size() + 1);
}

std::string title_key(std::string_view title) { return core::ascii_lower(core::collapse_whitespace(title)); }

// The raw text of the value the field iterator stands on (consumed).
simdjson::error_code raw_value(simdjson::ondemand::value value, std::string_view& raw) {
  simdjson::ondemand::json_type type;
  if (auto error = value.type().get(type)) return error;
  if (type == simdjson::ondemand::json_type::object) {
    simdjson::ondemand::object object;
    if (auto error = value.get_object().get(object)) return error;
    return object.raw_json().get(raw);
  }
  if (type == simdjson::ondemand::json_type::array) {
    simdjson::ondemand::array array;
    if (auto error = value.get_array().get(array)) return error;
    return array.raw_json().get(raw);
  }
  raw = core::trim(value.raw_json_token());
  // raw_json_token does not validate scalars: ask for the typed value too.
  switch (type) {
    case simdjson::ondemand::json_type::string: return value.get_string().error();
    case simdjson::ondemand::json_type::number: return value.get_number().error();
    case simdjson::ondemand::json_type::boolean: return value.get_bool().error();
    default: {
      bool is_null = false;
      if (auto error = value.is_null().get(is_null)) return error;
      return is_null ? simdjson::SUCCESS : simdjson::INCORRECT_TYPE;
    }
  }
}

// Reads the ids scholard's lookups use out of an externalIds object's raw text.
void read_external_ids(std::string_view raw, S2Paper& paper) {
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(raw);
  auto doc = parser.iterate(padded);
  simdjson::ondemand::object object;
  if (doc.get_object().get(object)) return;
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return;
    simdjson::ondemand::value value = field.value();
    std::string_view text;
    int64_t number = 0;
    if (key == "CorpusId" && !value.get_int64().get(number)) paper.corpus_id = std::to_string(number);
    else if (key == "ArXiv" && !value.get_string().get(text)) paper.arxiv = std::string(text);
    else if (key == "DOI" && !value.get_string().get(text)) paper.doi = core::ascii_lower(text);
  }
}

core::Result<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::fail(core::ErrorCode::io, "cannot open " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return core::fail(core::ErrorCode::io, "cannot read " + path.string());
  return text.str();
}

}  // namespace

core::Result<S2Paper> parse_s2_paper(std::string_view text) {
  S2Paper paper;
  const simdjson::padded_string padded(text);
  // The DOM parser validates the whole text (trailing text included); the
  // on-demand pass below then cuts the fields' raw text out.
  simdjson::dom::parser validator;
  if (validator.parse(padded).error()) return core::fail(core::ErrorCode::invalid_input, "not well-formed JSON");
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  simdjson::ondemand::object object;
  if (parser.iterate(padded).get(doc) || doc.get_object().get(object)) {
    return core::fail(core::ErrorCode::invalid_input, "not a JSON object");
  }
  for (auto field : object) {
    std::string_view key;
    std::string_view raw;
    if (field.unescaped_key().get(key) || raw_value(field.value(), raw)) {
      return core::fail(core::ErrorCode::invalid_input, "not well-formed JSON");
    }
    paper.fields.emplace_back(std::string(key), std::string(raw));
  }
  for (const auto& [key, raw] : paper.fields) {
    const simdjson::padded_string value(raw);
    std::string_view text_value;
    if (key == "paperId" || key == "title") {
      auto scalar = parser.iterate(value);
      if (scalar.get_string().get(text_value)) continue;
      if (key == "paperId") paper.paper_id = core::ascii_lower(text_value);
      else paper.title = std::string(text_value);
    } else if (key == "externalIds") {
      read_external_ids(raw, paper);
    }
  }
  if (!is_paper_id(paper.paper_id)) {
    return core::fail(core::ErrorCode::invalid_input, "no 40-hex \"paperId\" string");
  }
  if (paper.title.empty()) return core::fail(core::ErrorCode::invalid_input, "no \"title\" string");
  return paper;
}

core::Result<S2Catalog> S2Catalog::load(const fs::path& dir, bool missing_ok) {
  S2Catalog catalog;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    if (missing_ok) return catalog;
    return core::fail(core::ErrorCode::io, "Semantic Scholar fixture folder " + dir.string() + " does not exist");
  }
  std::vector<fs::path> files;
  for (const auto& item : fs::directory_iterator(dir, ec)) {
    if (item.is_regular_file(ec) && item.path().extension() == ".json") files.push_back(item.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    auto text = read_file(path);
    if (!text) return tl::unexpected(text.error());
    auto paper = parse_s2_paper(*text);
    if (!paper) return core::fail(paper.error().code, path.string() + ": " + paper.error().message);
    catalog.m_papers.push_back(std::move(*paper));
  }
  return catalog;
}

const S2Paper* S2Catalog::find(std::string_view id) const {
  const auto first = [this](auto&& matches) -> const S2Paper* {
    const auto it = std::find_if(m_papers.begin(), m_papers.end(), matches);
    return it == m_papers.end() ? nullptr : &*it;
  };
  if (is_paper_id(id)) {
    const std::string key = core::ascii_lower(id);
    return first([&key](const S2Paper& p) { return p.paper_id == key; });
  }
  if (const auto corpus = after_prefix(id, "CorpusId")) {
    return first([corpus](const S2Paper& p) { return !p.corpus_id.empty() && p.corpus_id == *corpus; });
  }
  if (const auto arxiv = after_prefix(id, "ARXIV")) {
    return first([arxiv](const S2Paper& p) { return !p.arxiv.empty() && p.arxiv == *arxiv; });
  }
  std::optional<std::string_view> doi = after_prefix(id, "DOI");
  if (!doi && id.starts_with("10.")) doi = id;
  if (doi) {
    const std::string key = core::ascii_lower(*doi);
    return first([&key](const S2Paper& p) { return !p.doi.empty() && p.doi == key; });
  }
  return nullptr;
}

const S2Paper* S2Catalog::match_title(std::string_view query) const {
  const std::string key = title_key(query);
  if (key.empty()) return nullptr;
  for (const auto& paper : m_papers) {
    if (title_key(paper.title) == key) return &paper;
  }
  return nullptr;
}

}  // namespace scholard::fakeapi
