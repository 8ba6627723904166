#include "fetchers/arxiv_parser.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <utility>

#include <pugixml.hpp>

#include "core/identifier.hpp"
#include "core/text.hpp"
#include "fetchers/fetch_result.hpp"

namespace scholard::fetchers {
namespace {

using core::ErrorCode;
using core::fail;

// The namespace URI element `n` itself declares for `prefix` (an xmlns or
// xmlns:prefix attribute); `found` says whether it declares one.
std::string_view declared_ns(pugi::xml_node n, std::string_view prefix, bool& found) {
  for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
    const std::string_view name = a.name();
    const bool match = prefix.empty() ? name == "xmlns"
                                      : (name.size() == prefix.size() + 6 && name.starts_with("xmlns:") &&
                                         name.substr(6) == prefix);
    if (match) {
      found = true;
      return a.value();
    }
  }
  found = false;
  return {};
}

// pugixml has no namespace support: resolve a prefix by walking up to the
// nearest xmlns / xmlns:prefix declaration, as the Namespaces spec says.
std::string_view resolve_prefix(pugi::xml_node n, std::string_view prefix) {
  for (; n; n = n.parent()) {
    bool found = false;
    const std::string_view ns = declared_ns(n, prefix, found);
    if (found) return ns;
  }
  return {};
}

struct QName {
  std::string_view prefix;
  std::string_view local;
};

QName qname_of(pugi::xml_node n) {
  const std::string_view qname = n.name();
  const auto colon = qname.find(':');
  if (colon == std::string_view::npos) return {{}, qname};
  return {qname.substr(0, colon), qname.substr(colon + 1)};
}

// True when element `n` is {ns}local.
bool is_element(pugi::xml_node n, std::string_view ns, std::string_view local) {
  const QName q = qname_of(n);
  return q.local == local && resolve_prefix(n, q.prefix) == ns;
}

// The namespaces in scope at one element (the feed, an entry), remembered
// per prefix as they are asked for. Most elements declare nothing, so an
// element's lookup checks its own attributes and its parents' up to the
// nearest scope, which answers from memory, or once from its element and the
// scope around it.
class NsScope {
 public:
  enum class Inside { may_declare, declares_nothing };

  // `inside`: declares_nothing when no element within `element` (below it)
  // declares a namespace, which spares each lookup the walk up to `element`.
  NsScope(pugi::xml_node element, NsScope* outer, Inside inside = Inside::may_declare)
      : m_element(element), m_outer(outer), m_inside(inside) {}

  // The namespace URI of `prefix` at `n`: this scope's element or a descendant.
  std::string_view resolve(pugi::xml_node n, std::string_view prefix) {
    if (m_inside == Inside::declares_nothing) n = m_element;
    for (; n && n != m_element; n = n.parent()) {
      bool found = false;
      const std::string_view ns = declared_ns(n, prefix, found);
      if (found) return ns;
    }
    for (std::size_t i = 0; i < m_size; ++i) {
      if (m_known[i].first == prefix) return m_known[i].second;
    }
    bool found = false;
    std::string_view ns = declared_ns(m_element, prefix, found);
    if (!found) ns = m_outer ? m_outer->resolve(m_element.parent(), prefix) : resolve_prefix(m_element.parent(), prefix);
    if (m_size < m_known.size()) m_known[m_size++] = {prefix, ns};
    return ns;
  }

  // True when element `n` is in namespace `ns` (its local name is checked by the caller).
  bool in(pugi::xml_node n, std::string_view prefix, std::string_view ns) { return resolve(n, prefix) == ns; }

 private:
  pugi::xml_node m_element;
  NsScope* m_outer;
  Inside m_inside;
  std::array<std::pair<std::string_view, std::string_view>, 8> m_known{};
  std::size_t m_size = 0;
};

// The character data directly inside an element (text and CDATA children).
// The view borrows from the document when there is one such child (the usual
// case), else from `scratch`, which holds the pieces joined.
std::string_view text_in(pugi::xml_node n, std::string& scratch) {
  std::string_view first;
  int pieces = 0;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    const pugi::xml_node_type type = c.type();
    if (type != pugi::node_pcdata && type != pugi::node_cdata) continue;
    const std::string_view value = c.value();
    if (++pieces == 1) {
      first = value;
      continue;
    }
    if (pieces == 2) scratch.assign(first);
    scratch.append(value);
  }
  return pieces > 1 ? std::string_view(scratch) : first;
}

// `out` = collapse_whitespace(text), built in `out`'s own buffer.
void assign_collapsed(std::string& out, std::string_view text) {
  out.assign(core::trim(text));
  core::collapse_whitespace_in_place(out);
}

void assign_collapsed_text(std::string& out, pugi::xml_node n) {
  std::string scratch;
  assign_collapsed(out, text_in(n, scratch));
}

long to_long(std::string_view s) {
  s = core::trim(s);
  long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() ? v : 0;
}

// The end of the document's last element: the end of `xml` less the
// whitespace, comments and processing instructions that may follow it, which
// pugixml keeps no node for. (A comment cannot contain "--", so the last
// "<!--" before a trailing "-->" opens it.)
std::size_t document_end(std::string_view xml) {
  std::string_view rest = xml;
  while (true) {
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t' || rest.back() == '\n' || rest.back() == '\r')) {
      rest.remove_suffix(1);
    }
    std::size_t open = std::string_view::npos;
    if (rest.ends_with("-->")) open = rest.rfind("<!--", rest.size() - 3);
    else if (rest.ends_with("?>")) open = rest.rfind("<?", rest.size() - 2);
    if (open == std::string_view::npos) return rest.size();
    rest = rest.substr(0, open);
  }
}

// Where the bytes of element `n` can end at the latest: the offset of the
// node after it, else the start of its parent's end tag ("</feed>" for the
// last entry), else the end of the document. npos when pugixml cannot say.
std::size_t limit_after(std::string_view xml, pugi::xml_node n) {
  if (pugi::xml_node next = n.next_sibling()) {
    const std::ptrdiff_t at = next.offset_debug();
    return at < 0 ? std::string_view::npos : static_cast<std::size_t>(at);
  }
  const pugi::xml_node parent = n.parent();
  if (!parent || parent.type() == pugi::node_document) return document_end(xml);
  const std::size_t parent_limit = limit_after(xml, parent);
  if (parent_limit == std::string_view::npos || parent_limit == 0) return std::string_view::npos;
  return xml.rfind("</", parent_limit - 1);
}

// Element `n` as received: from its '<' to the last '>' before the node that
// follows it, i.e. its end tag (plus any comment or processing instruction
// between it and the next node, which pugixml does not keep). The view
// borrows from `xml`. Empty when `n` does not lie in `xml` (never for a
// document parsed from `xml` with load_buffer).
std::string_view element_bytes(std::string_view xml, pugi::xml_node n) {
  const std::ptrdiff_t name_at = n.offset_debug();
  if (name_at < 1 || static_cast<std::size_t>(name_at) > xml.size() ||
      xml[static_cast<std::size_t>(name_at) - 1] != '<') {
    return {};
  }
  const std::size_t start = static_cast<std::size_t>(name_at) - 1;
  const std::size_t limit = limit_after(xml, n);
  if (limit == std::string_view::npos || limit <= start + 1) return {};
  const std::size_t close = xml.rfind('>', limit - 1);
  if (close == std::string_view::npos || close <= start) return {};
  return xml.substr(start, close + 1 - start);
}

struct StringWriter final : pugi::xml_writer {
  std::string out;
  void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};

// content_hash of the <entry> element as received (`bytes`, from
// element_bytes). Re-serialising the element is the fallback for a node
// pugixml cannot place in the buffer (`bytes` empty).
std::string entry_hash(std::string_view bytes, pugi::xml_node entry) {
  if (!bytes.empty()) return content_hash(bytes);
  StringWriter w;
  entry.print(w, "", pugi::format_raw);
  return content_hash(w.out);
}

core::Author read_author(pugi::xml_node author, NsScope& ns) {
  core::Author a;
  for (pugi::xml_node c = author.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const QName q = qname_of(c);
    if (q.local == "name" && ns.in(c, q.prefix, k_atom_ns)) {
      assign_collapsed_text(a.name, c);
    } else if (q.local == "affiliation" && ns.in(c, q.prefix, k_arxiv_ns)) {
      assign_collapsed_text(a.affiliations.emplace_back(), c);
    }
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

// Fields of one <entry> that need post-processing. The views borrow from the
// document or from the scratch strings beside them.
struct EntryParts {
  std::string_view id_url;
  bool has_id = false;
  std::string_view published;
  std::string_view updated;
  std::string id_scratch;
  std::string published_scratch;
  std::string updated_scratch;
};

void read_atom_child(pugi::xml_node c, std::string_view local, core::Record& r, EntryParts& parts,
                     NsScope& ns) {
  if (local == "id") {
    parts.has_id = true;
    parts.id_url = core::trim(text_in(c, parts.id_scratch));
  } else if (local == "title") {
    assign_collapsed_text(r.title, c);
  } else if (local == "summary") {
    assign_collapsed_text(r.summary, c);
  } else if (local == "published") {
    parts.published = text_in(c, parts.published_scratch);
  } else if (local == "updated") {
    parts.updated = text_in(c, parts.updated_scratch);
  } else if (local == "author") {
    r.authors.push_back(read_author(c, ns));
  } else if (local == "category") {
    std::string term;
    assign_collapsed(term, c.attribute("term").value());
    if (!term.empty()) r.categories.push_back(std::move(term));
  }
}

void read_arxiv_child(pugi::xml_node c, std::string_view local, core::Record& r) {
  if (local == "primary_category") {
    assign_collapsed(r.primary_category, c.attribute("term").value());
  } else if (local == "doi") {
    std::string scratch;
    add_dois(r, text_in(c, scratch));
  } else if (local == "journal_ref") {
    assign_collapsed_text(r.journal_ref, c);
  } else if (local == "comment") {
    assign_collapsed_text(r.comment, c);
  }
}

bool is_atom_field(std::string_view local) {
  return local == "id" || local == "title" || local == "summary" || local == "published" || local == "updated" ||
         local == "author" || local == "category";
}

bool is_arxiv_field(std::string_view local) {
  return local == "primary_category" || local == "doi" || local == "journal_ref" || local == "comment";
}

// The local name is checked first, so elements scholard does not read (links)
// cost no namespace lookup.
void read_entry_child(pugi::xml_node c, core::Record& r, EntryParts& parts, NsScope& ns) {
  const QName q = qname_of(c);
  if (is_atom_field(q.local)) {
    if (ns.in(c, q.prefix, k_atom_ns)) read_atom_child(c, q.local, r, parts, ns);
  } else if (is_arxiv_field(q.local)) {
    if (ns.in(c, q.prefix, k_arxiv_ns)) read_arxiv_child(c, q.local, r);
  }
}

bool is_error_url(std::string_view id) {
  return id.starts_with("http://arxiv.org/api/errors") || id.starts_with("https://arxiv.org/api/errors");
}

enum class EntryKind { paper, error, empty, unusable };

// Reads one <entry> into `out` (a paper) or `feed.error`; says which it was.
EntryKind read_entry(std::string_view xml, pugi::xml_node entry, NsScope& feed_ns, ArxivFeed& feed,
                     ArxivEntry& out) {
  core::Record& r = out.record;
  r.source = std::string(k_arxiv_source);
  r.type = "preprint";
  EntryParts parts;
  // An element can declare a namespace only with an attribute named xmlns or
  // xmlns:*, written out in the bytes: when the entry's own start tag and
  // everything in it holds no "xmlns", the names inside resolve as at the
  // entry (the current serializer declares everything on <feed>).
  const std::string_view bytes = element_bytes(xml, entry);
  const bool declares_nothing = !bytes.empty() && bytes.find("xmlns") == std::string_view::npos;
  NsScope entry_ns(entry, &feed_ns,
                   declares_nothing ? NsScope::Inside::declares_nothing : NsScope::Inside::may_declare);
  std::size_t authors = 0;  // at least the authors to come: the list is sized once
  for (pugi::xml_node c = entry.first_child(); c; c = c.next_sibling()) authors += qname_of(c).local == "author";
  r.authors.reserve(authors);
  for (pugi::xml_node c = entry.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) read_entry_child(c, r, parts, entry_ns);
  }
  auto id = core::parse_arxiv_id(parts.id_url);
  if (is_error_url(parts.id_url) || (r.title == "Error" && !id)) {
    feed.error = ArxivFeedError{r.summary, offending_id_of(r.summary), std::string(parts.id_url)};
    return EntryKind::error;
  }
  if (!parts.has_id || parts.id_url.empty()) return EntryKind::empty;
  if (!id) {
    feed.warnings.push_back("entry skipped: " + id.error().message);
    return EntryKind::unusable;
  }
  r.url = "https://arxiv.org/abs/" + id->versioned();
  r.arxiv_id = std::move(id->id);
  r.arxiv_version = id->version;
  r.title_raw = r.title;  // Atom titles carry no markup; wrapping is transport only
  if (auto d = utc_date_of(parts.published)) r.published = *d;
  if (auto d = utc_date_of(parts.updated)) r.updated = *d;
  out.raw_hash = entry_hash(bytes, entry);
  return EntryKind::paper;
}

void read_feed_child(std::string_view xml, pugi::xml_node c, NsScope& ns, ArxivFeed& feed) {
  const QName q = qname_of(c);
  std::string scratch;
  if (q.local == "entry") {
    if (!ns.in(c, q.prefix, k_atom_ns)) return;
    // Read in place; dropped again unless it is a paper.
    ArxivEntry& entry = feed.entries.emplace_back();
    const EntryKind kind = read_entry(xml, c, ns, feed, entry);
    if (kind != EntryKind::paper) feed.entries.pop_back();
    if (kind == EntryKind::empty) ++feed.skipped_empty_entries;
  } else if (q.local == "totalResults") {
    if (ns.in(c, q.prefix, k_opensearch_ns)) feed.total_results = to_long(text_in(c, scratch));
  } else if (q.local == "itemsPerPage") {
    if (ns.in(c, q.prefix, k_opensearch_ns)) feed.items_per_page = to_long(text_in(c, scratch));
  } else if (q.local == "startIndex") {
    if (ns.in(c, q.prefix, k_opensearch_ns)) feed.start_index = to_long(text_in(c, scratch));
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
  std::size_t elements = 0;  // an upper bound on the entries, to size the list once
  for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) elements += c.type() == pugi::node_element;
  feed.entries.reserve(elements);
  NsScope ns(root, nullptr);
  for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) read_feed_child(xml, c, ns, feed);
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
