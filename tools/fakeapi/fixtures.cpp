#include "fixtures.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include <pugixml.hpp>
#include <simdjson.h>

#include "core/text.hpp"

namespace scholard::fakeapi {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view k_abs_marker = "/abs/";

core::Result<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::fail(core::ErrorCode::io, "cannot open " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return core::fail(core::ErrorCode::io, "cannot read " + path.string());
  return text.str();
}

// Files in `dir` whose name starts with `prefix` and ends with `suffix`, sorted.
std::vector<fs::path> list_files(const fs::path& dir, std::string_view prefix, std::string_view suffix) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  for (const auto& item : fs::directory_iterator(dir, ec)) {
    const std::string name = item.path().filename().string();
    if (item.is_regular_file(ec) && name.starts_with(prefix) && name.ends_with(suffix)) {
      files.push_back(item.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The raw "<entry ...>...</entry>" substrings of a feed, in document order.
std::vector<std::string_view> cut_entries(std::string_view text) {
  std::vector<std::string_view> pieces;
  std::size_t pos = 0;
  while ((pos = text.find("<entry", pos)) != std::string_view::npos) {
    const std::size_t after = pos + 6;
    if (after < text.size() && text[after] != '>' && text[after] != ' ' && text[after] != '\n' &&
        text[after] != '/') {
      pos = after;  // e.g. "<entrypoint"
      continue;
    }
    const std::size_t end = text.find("</entry>", after);
    if (end == std::string_view::npos) break;
    pieces.push_back(text.substr(pos, end + 8 - pos));
    pos = end + 8;
  }
  return pieces;
}

std::string child_text(const pugi::xml_node& node, const char* name) {
  return core::collapse_whitespace(node.child(name).text().as_string());
}

}  // namespace

std::string ArxivEntry::versioned_id() const {
  return version > 0 ? id + "v" + std::to_string(version) : id;
}

std::pair<std::string, int> split_version(std::string_view id) {
  const auto v = id.rfind('v');
  if (v == std::string_view::npos || v + 1 >= id.size() || v == 0) return {std::string(id), 0};
  const auto digits = id.substr(v + 1);
  if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      digits.size() > 6) {
    return {std::string(id), 0};
  }
  return {std::string(id.substr(0, v)), std::stoi(std::string(digits))};
}

core::Result<std::vector<ArxivEntry>> parse_feed_entries(std::string_view text) {
  pugi::xml_document doc;
  const auto parsed = doc.load_buffer(text.data(), text.size());
  if (!parsed) {
    return core::fail(core::ErrorCode::invalid_input,
                      std::string("not well-formed XML: ") + parsed.description());
  }
  const pugi::xml_node feed = doc.child("feed");
  if (!feed) return core::fail(core::ErrorCode::invalid_input, "no <feed> root element");
  const FeedFormat format = feed.attribute("xmlns:arxiv") ? FeedFormat::current : FeedFormat::legacy;
  const auto raw = cut_entries(text);
  const auto nodes = feed.children("entry");
  if (static_cast<std::size_t>(std::distance(nodes.begin(), nodes.end())) != raw.size()) {
    return core::fail(core::ErrorCode::invalid_input, "could not cut <entry> elements out of the feed");
  }
  std::vector<ArxivEntry> entries;
  std::size_t index = 0;
  for (const pugi::xml_node node : nodes) {
    const std::string_view raw_text = raw[index++];
    const std::string id_url = child_text(node, "id");
    const auto marker = id_url.find(k_abs_marker);
    if (marker == std::string::npos) continue;  // error entries, empty legacy placeholders
    ArxivEntry entry;
    std::tie(entry.id, entry.version) = split_version(id_url.substr(marker + k_abs_marker.size()));
    entry.xml = std::string(raw_text);
    entry.format = format;
    entry.published = child_text(node, "published");
    entry.updated = child_text(node, "updated");
    for (const pugi::xml_node author : node.children("author")) {
      entry.authors.push_back(child_text(author, "name"));
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

core::Result<CrossrefWork> parse_work(std::string body) {
  CrossrefWork work;
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(body);
  auto doc = parser.iterate(padded);
  std::string_view message_raw;
  simdjson::ondemand::object message_object;
  if (doc.error() || doc["message"].get_object().get(message_object) ||
      message_object.raw_json().get(message_raw)) {
    return core::fail(core::ErrorCode::invalid_input, "not a Crossref envelope with a \"message\" object");
  }
  work.message = std::string(message_raw);
  const simdjson::padded_string message(work.message);
  auto msg = parser.iterate(message);
  std::string_view doi;
  if (msg.error() || msg.find_field_unordered("DOI").get_string().get(doi)) {
    return core::fail(core::ErrorCode::invalid_input, "message has no DOI string");
  }
  work.doi = core::ascii_lower(doi);
  simdjson::ondemand::array authors;
  if (!msg.find_field_unordered("author").get_array().get(authors)) {
    for (auto author : authors) {
      std::string_view orcid;
      simdjson::ondemand::object object;
      if (author.get_object().get(object)) continue;
      if (object.find_field_unordered("ORCID").get_string().get(orcid)) continue;
      const auto slash = orcid.rfind('/');
      work.orcids.push_back(std::string(slash == std::string_view::npos ? orcid : orcid.substr(slash + 1)));
    }
  }
  work.body = std::move(body);
  return work;
}

core::Result<Catalog> Catalog::load(const fs::path& dir, ArxivSource source) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return core::fail(core::ErrorCode::io, "fixture directory " + dir.string() + " does not exist");
  }
  Catalog catalog;
  fs::path arxiv_dir = dir / "arxiv";
  if (source == ArxivSource::legacy_dir && fs::is_directory(dir / "arxiv-legacy", ec)) {
    arxiv_dir = dir / "arxiv-legacy";
  }
  const auto load_feeds = [](const fs::path& folder, std::vector<ArxivEntry>& into) -> core::Result<void> {
    for (const auto& path : list_files(folder, "", ".xml")) {
      auto text = read_file(path);
      if (!text) return tl::unexpected(text.error());
      auto entries = parse_feed_entries(*text);
      if (!entries) {
        return core::fail(entries.error().code, path.string() + ": " + entries.error().message);
      }
      into.insert(into.end(), entries->begin(), entries->end());
    }
    return {};
  };
  if (auto ok = load_feeds(arxiv_dir, catalog.m_entries); !ok) return tl::unexpected(ok.error());
  if (auto ok = load_feeds(dir / "arxiv-search", catalog.m_search_entries); !ok) {
    return tl::unexpected(ok.error());
  }
  for (std::size_t i = 0; i < catalog.m_entries.size(); ++i) {
    catalog.m_by_id[catalog.m_entries[i].id].push_back(i);
  }
  for (const auto& path : list_files(dir / "crossref", "work-", ".json")) {
    auto text = read_file(path);
    if (!text) return tl::unexpected(text.error());
    auto work = parse_work(std::move(*text));
    if (!work) return core::fail(work.error().code, path.string() + ": " + work.error().message);
    catalog.m_works.push_back(std::move(*work));
  }
  auto s2 = S2Catalog::load(dir / "semanticscholar", true);
  if (!s2) return tl::unexpected(s2.error());
  catalog.m_semanticscholar = std::move(*s2);
  return catalog;
}

const ArxivEntry* Catalog::find_arxiv(std::string_view id) const {
  const auto [bare, version] = split_version(id);
  const auto found = m_by_id.find(bare);
  if (found == m_by_id.end()) return nullptr;
  const ArxivEntry* best = nullptr;
  for (const std::size_t index : found->second) {
    const ArxivEntry& entry = m_entries[index];
    if (version > 0 && entry.version == version) return &entry;
    if (version == 0 && (best == nullptr || entry.version > best->version)) best = &entry;
  }
  return best;
}

std::vector<const ArxivEntry*> Catalog::search_pool() const {
  std::map<std::string, const ArxivEntry*> latest;
  const auto consider = [&latest](const ArxivEntry& entry) {
    auto& slot = latest[entry.id];
    if (slot == nullptr || entry.version > slot->version) slot = &entry;
  };
  for (const auto& entry : m_entries) consider(entry);
  for (const auto& entry : m_search_entries) consider(entry);
  std::vector<const ArxivEntry*> pool;
  pool.reserve(latest.size());
  for (const auto& [id, entry] : latest) pool.push_back(entry);
  return pool;
}

const CrossrefWork* Catalog::find_work(std::string_view doi) const {
  const std::string key = core::ascii_lower(doi);
  for (const auto& work : m_works) {
    if (work.doi == key) return &work;
  }
  return nullptr;
}

}  // namespace scholard::fakeapi
