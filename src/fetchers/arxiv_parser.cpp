#include "fetchers/arxiv_parser.hpp"

#include <charconv>
#include <chrono>

#include <pugixml.hpp>

#include "core/identifier.hpp"
#include "core/text.hpp"
#include "fetchers/fetch_result.hpp"

namespace scholard::fetchers {
namespace {

using core::ErrorCode;
using core::fail;

// pugixml has no namespace support: resolve a prefix by walking up to the
// nearest xmlns / xmlns:prefix declaration, as the Namespaces spec says.
std::string_view resolve_prefix(pugi::xml_node n, std::string_view prefix) {
  for (; n; n = n.parent()) {
    for (const pugi::xml_attribute& a : n.attributes()) {
      const std::string_view name = a.name();
      const bool match = prefix.empty() ? name == "xmlns"
                                        : (name.size() == prefix.size() + 6 && name.starts_with("xmlns:") &&
                                           name.substr(6) == prefix);
      if (match) return a.value();
    }
  }
  return {};
}

// True when element `n` is {ns}local.
bool is_element(pugi::xml_node n, std::string_view ns, std::string_view local) {
  const std::string_view qname = n.name();
  const auto colon = qname.find(':');
  const std::string_view prefix = colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon);
  const std::string_view name = colon == std::string_view::npos ? qname : qname.substr(colon + 1);
  return name == local && resolve_prefix(n, prefix) == ns;
}

// The character data directly inside an element (text and CDATA children).
std::string text_of(pugi::xml_node n) {
  std::string out;
  for (pugi::xml_node c : n.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  }
  return out;
}

long to_long(std::string_view s) {
  s = core::trim(s);
  long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() ? v : 0;
}

struct StringWriter final : pugi::xml_writer {
  std::string out;
  void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};

std::string entry_hash(pugi::xml_node entry) {
  StringWriter w;
  entry.print(w, "", pugi::format_raw);
  return content_hash(w.out);
}

core::Author read_author(pugi::xml_node author) {
  core::Author a;
  for (pugi::xml_node c : author.children()) {
    if (c.type() != pugi::node_element) continue;
    if (is_element(c, k_atom_ns, "name")) a.name = core::collapse_whitespace(text_of(c));
    else if (is_element(c, k_arxiv_ns, "affiliation")) a.affiliations.push_back(core::collapse_whitespace(text_of(c)));
  }
  return a;
}

// arxiv:doi holds a bare DOI; legacy metadata sometimes lists several in one element.
void add_dois(core::Record& r, std::string_view text) {
  const std::string collapsed = core::collapse_whitespace(text);
  for (std::string_view piece : core::split(collapsed, ' ')) {
    if (piece.empty()) continue;
    auto doi = core::parse_doi(piece);
    std::string value = doi ? doi->value : core::ascii_lower(piece);
    if (r.doi.empty()) r.doi = value;
    r.relations.push_back({"doi", "doi", std::move(value)});
  }
}

// Fields of one <entry> that need post-processing.
struct EntryParts {
  std::string id_url;
  bool has_id = false;
  std::string published;
  std::string updated;
};

void read_entry_child(pugi::xml_node c, core::Record& r, EntryParts& parts) {
  if (is_element(c, k_atom_ns, "id")) {
    parts.has_id = true;
    parts.id_url = std::string(core::trim(text_of(c)));
  } else if (is_element(c, k_atom_ns, "title")) {
    r.title = core::collapse_whitespace(text_of(c));
  } else if (is_element(c, k_atom_ns, "summary")) {
    r.summary = core::collapse_whitespace(text_of(c));
  } else if (is_element(c, k_atom_ns, "published")) {
    parts.published = text_of(c);
  } else if (is_element(c, k_atom_ns, "updated")) {
    parts.updated = text_of(c);
  } else if (is_element(c, k_atom_ns, "author")) {
    r.authors.push_back(read_author(c));
  } else if (is_element(c, k_atom_ns, "category")) {
    std::string term = core::collapse_whitespace(c.attribute("term").value());
    if (!term.empty()) r.categories.push_back(std::move(term));
  } else if (is_element(c, k_arxiv_ns, "primary_category")) {
    r.primary_category = core::collapse_whitespace(c.attribute("term").value());
  } else if (is_element(c, k_arxiv_ns, "doi")) {
    add_dois(r, text_of(c));
  } else if (is_element(c, k_arxiv_ns, "journal_ref")) {
    r.journal_ref = core::collapse_whitespace(text_of(c));
  } else if (is_element(c, k_arxiv_ns, "comment")) {
    r.comment = core::collapse_whitespace(text_of(c));
  }
}

bool is_error_url(std::string_view id) {
  return id.starts_with("http://arxiv.org/api/errors") || id.starts_with("https://arxiv.org/api/errors");
}

enum class EntryKind { paper, error, empty, unusable };

// Reads one <entry> into `out` (a paper) or `feed.error`; says which it was.
EntryKind read_entry(pugi::xml_node entry, ArxivFeed& feed, ArxivEntry& out) {
  core::Record& r = out.record;
  r.source = core::SourceKind::arxiv;
  r.type = "preprint";
  EntryParts parts;
  for (pugi::xml_node c : entry.children()) {
    if (c.type() == pugi::node_element) read_entry_child(c, r, parts);
  }
  auto id = core::parse_arxiv_id(parts.id_url);
  if (is_error_url(parts.id_url) || (r.title == "Error" && !id)) {
    feed.error = ArxivFeedError{r.summary, offending_id_of(r.summary), parts.id_url};
    return EntryKind::error;
  }
  if (!parts.has_id || parts.id_url.empty()) return EntryKind::empty;
  if (!id) {
    feed.warnings.push_back("entry skipped: " + id.error().message);
    return EntryKind::unusable;
  }
  r.arxiv_id = id->id;
  r.arxiv_version = id->version;
  r.title_raw = r.title;  // Atom titles carry no markup; wrapping is transport only
  r.url = "https://arxiv.org/abs/" + id->versioned();
  if (auto d = utc_date_of(parts.published)) r.published = *d;
  if (auto d = utc_date_of(parts.updated)) r.updated = *d;
  out.raw_hash = entry_hash(entry);
  return EntryKind::paper;
}

void read_feed_child(pugi::xml_node c, ArxivFeed& feed) {
  if (is_element(c, k_opensearch_ns, "totalResults")) feed.total_results = to_long(text_of(c));
  else if (is_element(c, k_opensearch_ns, "itemsPerPage")) feed.items_per_page = to_long(text_of(c));
  else if (is_element(c, k_opensearch_ns, "startIndex")) feed.start_index = to_long(text_of(c));
  else if (is_element(c, k_atom_ns, "entry")) {
    ArxivEntry entry;
    switch (read_entry(c, feed, entry)) {
      case EntryKind::paper: feed.entries.push_back(std::move(entry)); break;
      case EntryKind::empty: ++feed.skipped_empty_entries; break;
      case EntryKind::error:
      case EntryKind::unusable: break;
    }
  }
}

bool parse_int(std::string_view s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

core::Result<ArxivFeed> parse_arxiv_feed(std::string_view xml) {
  if (core::trim(xml).empty()) return fail(ErrorCode::invalid_input, "arXiv response is empty");
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return fail(ErrorCode::invalid_input, std::string("arXiv response is not XML: ") + parsed.description() +
                                              " at byte " + std::to_string(parsed.offset));
  }
  const pugi::xml_node root = doc.document_element();
  if (!is_element(root, k_atom_ns, "feed")) {
    return fail(ErrorCode::invalid_input,
                "arXiv response is not an Atom feed (root element <" + std::string(root.name()) + ">)");
  }
  ArxivFeed feed;
  for (pugi::xml_node c : root.children()) {
    if (c.type() == pugi::node_element) read_feed_child(c, feed);
  }
  return feed;
}

core::Result<core::PartialDate> utc_date_of(std::string_view timestamp) {
  const std::string_view s = core::trim(timestamp);
  auto bad = [&] { return fail(ErrorCode::invalid_input, "'" + std::string(s) + "' is not an RFC 3339 timestamp"); };
  if (s.size() == 10) return core::PartialDate::parse(s);
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      s[13] != ':' || s[16] != ':' || !parse_int(s.substr(0, 4), y) || !parse_int(s.substr(5, 2), mo) ||
      !parse_int(s.substr(8, 2), d) || !parse_int(s.substr(11, 2), h) || !parse_int(s.substr(14, 2), mi) ||
      !parse_int(s.substr(17, 2), sec)) {
    return bad();
  }
  std::string_view zone = s.substr(19);
  if (!zone.empty() && zone.front() == '.') {  // fractional seconds
    zone.remove_prefix(1);
    while (!zone.empty() && zone.front() >= '0' && zone.front() <= '9') zone.remove_prefix(1);
  }
  int offset_minutes = 0;
  if (zone == "Z" || zone == "z") {
    offset_minutes = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int oh = 0, om = 0;
    if (!parse_int(zone.substr(1, 2), oh) || !parse_int(zone.substr(4, 2), om)) return bad();
    offset_minutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return bad();
  }
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return bad();
  const auto local = sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec};
  const year_month_day utc{floor<days>(local - minutes{offset_minutes})};
  return core::PartialDate{static_cast<int>(utc.year()), static_cast<int>(static_cast<unsigned>(utc.month())),
                           static_cast<int>(static_cast<unsigned>(utc.day()))};
}

std::string offending_id_of(std::string_view message) {
  constexpr std::string_view k_prefix = "incorrect id format for ";
  const std::string lower = core::ascii_lower(message);
  const auto at = lower.find(k_prefix);
  if (at == std::string::npos) return {};
  return std::string(core::trim(message.substr(at + k_prefix.size())));
}

}  // namespace scholard::fetchers
