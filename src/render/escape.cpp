#include "render/escape.hpp"

#include <algorithm>
#include <array>

#include <utf8proc.h>

#include "core/text.hpp"

namespace scholard::render {
namespace {

constexpr char k_hex[] = "0123456789ABCDEF";

void percent(std::string& out, unsigned char c) {
  out.push_back('%');
  out.push_back(k_hex[c >> 4]);
  out.push_back(k_hex[c & 0x0F]);
}

bool starts_with_ci(std::string_view s, std::string_view lower_prefix) {
  if (s.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower_prefix[i]) return false;
  }
  return true;
}

// Printable ASCII only: clean_text returns such text as it is.
bool is_plain(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F;
  });
}

// What the escaping loops do with a byte: copy it (as part of a run),
// escape it, or look closer (controls; non-ASCII, whose UTF-8 is checked).
// One bit each, so the classes of several bytes can be OR-ed and masked.
enum ByteClass : unsigned char { k_copy = 0, k_escape = 1, k_control = 2, k_high = 4 };
using ByteClasses = std::array<unsigned char, 256>;

// Controls and DEL are k_control, bytes >= 0x80 k_high, the ASCII bytes in
// `special` k_escape, the rest k_copy.
constexpr ByteClasses byte_classes(std::string_view special) {
  ByteClasses t{};
  for (std::size_t c = 0; c < t.size(); ++c) {
    if (c < 0x20 || c == 0x7F) {
      t[c] = k_control;
    } else if (c >= 0x80) {
      t[c] = k_high;
    } else if (special.find(static_cast<char>(c)) != std::string_view::npos) {
      t[c] = k_escape;
    }
  }
  return t;
}

constexpr ByteClasses k_markdown_bytes = byte_classes("\\[]*_`#|$&<>{}");
constexpr ByteClasses k_latex_bytes = byte_classes("&%$#_{}\\~^");

// The index of the first byte at or after `i` whose class, masked by
// `mask`, is not k_copy; text.size() when there is none. Most texts need
// no escaping at all: eight bytes are classified per test.
std::size_t next_special(std::string_view text, std::size_t i, const ByteClasses& classes, unsigned mask) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (; i + 8 <= n; i += 8) {
    const unsigned any = classes[p[i]] | classes[p[i + 1]] | classes[p[i + 2]] | classes[p[i + 3]] |
                         classes[p[i + 4]] | classes[p[i + 5]] | classes[p[i + 6]] | classes[p[i + 7]];
    if ((any & mask) != 0) break;
  }
  while (i < n && (classes[p[i]] & mask) == 0) ++i;
  return i;
}

// Appends `text` with every k_escape byte written by `escape(out, text, i)`
// and runs of other bytes copied in one go. Returns false, with `out` as it
// was, when `text` holds a control character or invalid UTF-8: clean_text
// must go first (the fast path never allocates; that one does).
template <typename Escape>
bool append_escaped(std::string& out, std::string_view text, const ByteClasses& classes, Escape escape) {
  const std::size_t start = out.size();
  std::size_t run = 0;  // start of the pending run of bytes copied as they are
  unsigned mask = k_escape | k_control | k_high;  // k_high leaves it once the UTF-8 is known valid
  for (std::size_t i = next_special(text, 0, classes, mask); i < text.size();
       i = next_special(text, i + 1, classes, mask)) {
    const unsigned char cls = classes[static_cast<unsigned char>(text[i])];
    if (cls == k_high) {
      // The bytes before are ASCII: the rest decides whether the text is valid.
      if (!core::is_valid_utf8(text.substr(i))) {
        out.resize(start);
        return false;
      }
      mask &= ~static_cast<unsigned>(k_high);
      continue;
    }
    if (cls != k_escape) {
      out.resize(start);
      return false;
    }
    out.append(text.data() + run, i - run);
    run = i + 1;
    escape(out, text, i);
  }
  out.append(text.data() + run, text.size() - run);
  return true;
}

void markdown_escape(std::string& out, std::string_view text, std::size_t i) {
  const char c = text[i];
  switch (c) {
    case '$':
      if ((i + 1 < text.size() && text[i + 1] == '$') || (i > 0 && text[i - 1] == '$')) out.push_back('\\');
      out.push_back('$');
      break;
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '{': out += "&#123;"; break;
    case '}': out += "&#125;"; break;
    default:
      out.push_back('\\');
      out.push_back(c);
  }
}

void latex_escape(std::string& out, std::string_view text, std::size_t i) {
  const char c = text[i];
  switch (c) {
    case '\\': out += "\\textbackslash{}"; break;
    case '~': out += "\\textasciitilde{}"; break;
    case '^': out += "\\textasciicircum{}"; break;
    default:
      out.push_back('\\');
      out.push_back(c);
  }
}

// JSON: controls are escaped, not cleaned; DEL passes.
constexpr ByteClasses json_classes() {
  ByteClasses t = byte_classes("\"\\");
  for (std::size_t c = 0; c < 0x20; ++c) t[c] = k_escape;
  t[0x7F] = k_copy;
  return t;
}
constexpr ByteClasses k_json_bytes = json_classes();

void json_escape(std::string& out, std::string_view text, std::size_t i) {
  const auto u = static_cast<unsigned char>(text[i]);
  switch (u) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\t': out += "\\t"; break;
    case '\r': out += "\\r"; break;
    default:
      out += "\\u00";
      out.push_back(k_hex[u >> 4]);
      out.push_back(k_hex[u & 0x0F]);
  }
}

// html_text's entities, and, for text inside a YAML double-quoted scalar,
// the backslash and the quote of yaml_string (html_text leaves no quote).
constexpr ByteClasses k_html_bytes = byte_classes("&<>\"{}");
constexpr ByteClasses k_yaml_bytes = byte_classes("\"\\");
constexpr ByteClasses k_html_yaml_bytes = byte_classes("&<>\"{}\\");

void html_escape(std::string& out, std::string_view text, std::size_t i) {
  switch (text[i]) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '{': out += "&#123;"; break;
    case '}': out += "&#125;"; break;
    default: out.push_back(text[i]);  // not reached: the table escapes only the above
  }
}

void yaml_escape(std::string& out, std::string_view text, std::size_t i) {
  out.push_back('\\');
  out.push_back(text[i]);
}

// yaml_string's escaping of html_text's output: the entities carry no quote
// or backslash, so only a backslash of the text itself gets one more.
void html_yaml_escape(std::string& out, std::string_view text, std::size_t i) {
  if (text[i] == '\\') {
    out += "\\\\";
  } else {
    html_escape(out, text, i);
  }
}

// Appends `s` escaped as the table says; text with controls or invalid
// UTF-8 is cleaned first (clean_text), as every escaper here does.
template <typename Escape>
void append_cleaned_escaped(std::string& out, std::string_view s, const ByteClasses& classes, Escape escape) {
  if (!append_escaped(out, s, classes, escape)) append_escaped(out, clean_text(s), classes, escape);
}

// The bytes markdown_url %-encodes: controls, space, DEL and the brackets,
// quotes and braces a Markdown link or Liquid would read (one lookup a byte).
constexpr std::array<bool, 256> k_url_percent = [] {
  std::array<bool, 256> t{};
  for (std::size_t c = 0; c <= 0x20; ++c) t[c] = true;
  t[0x7F] = true;
  for (const char c : std::string_view("()<>{}\"'\\`|[]")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

}  // namespace

std::string clean_text(std::string_view s) {
  if (is_plain(s)) return std::string(s);  // the common case
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  auto left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    unsigned char c = *p;
    if (c < 0x80) {
      out.push_back(c < 0x20 || c == 0x7F ? ' ' : static_cast<char>(c));
      ++p;
      --left;
      continue;
    }
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++p;
      --left;
      continue;
    }
    out.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    p += n;
    left -= n;
  }
  return out;
}

std::string markdown_text(std::string_view s) {
  std::string out;
  append_markdown_text(out, s);
  return out;
}

void append_markdown_text(std::string& out, std::string_view s) {
  if (!append_escaped(out, s, k_markdown_bytes, markdown_escape)) {
    append_escaped(out, clean_text(s), k_markdown_bytes, markdown_escape);
  }
}

bool is_http_url(std::string_view url) {
  const std::string_view u = core::trim(url);
  return starts_with_ci(u, "https://") || starts_with_ci(u, "http://");
}

std::string markdown_url(std::string_view url) {
  std::string out;
  append_markdown_url(out, url);
  return out;
}

void append_markdown_url(std::string& out, std::string_view url) {
  if (!is_http_url(url)) return;
  const std::string_view u = core::trim(url);
  std::size_t run = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(u.data());
  for (std::size_t i = 0; i < u.size(); ++i) {
    // Eight bytes a test while none needs encoding (most URLs have none).
    while (i + 8 <= u.size() && !(k_url_percent[p[i]] | k_url_percent[p[i + 1]] | k_url_percent[p[i + 2]] |
                                  k_url_percent[p[i + 3]] | k_url_percent[p[i + 4]] | k_url_percent[p[i + 5]] |
                                  k_url_percent[p[i + 6]] | k_url_percent[p[i + 7]])) {
      i += 8;
    }
    if (i >= u.size()) break;
    const auto c = p[i];
    if (!k_url_percent[c]) continue;
    out.append(u.data() + run, i - run);
    run = i + 1;
    percent(out, c);
  }
  out.append(u.data() + run, u.size() - run);
}

std::string latex_text(std::string_view s) {
  std::string out;
  append_latex_text(out, s);
  return out;
}

void append_latex_text(std::string& out, std::string_view s) {
  if (!append_escaped(out, s, k_latex_bytes, latex_escape)) {
    append_escaped(out, clean_text(s), k_latex_bytes, latex_escape);
  }
}

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  append_json_chars(out, s);
  out.push_back('"');
}

void append_json_chars(std::string& out, std::string_view s) {
  // Invalid UTF-8 is cleaned (bad bytes become U+FFFD, controls spaces).
  if (!append_escaped(out, s, k_json_bytes, json_escape)) append_escaped(out, clean_text(s), k_json_bytes, json_escape);
}

void append_clean_text(std::string& out, std::string_view s) {
  if (is_plain(s)) {
    out.append(s);  // the common case
  } else {
    out += clean_text(s);
  }
}

std::string yaml_string(std::string_view s) {
  std::string out;
  append_yaml_string(out, s);
  return out;
}

void append_yaml_string(std::string& out, std::string_view s) {
  out.push_back('"');
  append_cleaned_escaped(out, s, k_yaml_bytes, yaml_escape);
  out.push_back('"');
}

std::string html_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_html_text(out, s);
  return out;
}

void append_html_text(std::string& out, std::string_view s) {
  append_cleaned_escaped(out, s, k_html_bytes, html_escape);
}

void append_yaml_html_chars(std::string& out, std::string_view s) {
  append_cleaned_escaped(out, s, k_html_yaml_bytes, html_yaml_escape);
}

namespace {

// ascii_slug's output, fed one folded character at a time. Written into a
// buffer kept at least one byte larger than the text (grown by hand, so the
// per-character path is a store, not a push_back call).
class Slug {
 public:
  Slug(std::size_t max_length, std::size_t expected) : m_max(max_length) {
    m_out.resize(std::min(max_length, expected) + 1);
  }

  // Takes the next character of the folded text; false once the slug is full.
  bool add(char c) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!keep) {
      m_pending_dash = m_size != 0;
      return true;
    }
    if (m_pending_dash) {
      if (m_size + 2 > m_max) return false;
      put('-');
    }
    m_pending_dash = false;
    if (m_size + 1 > m_max) return false;
    put(c);
    return true;
  }

  std::string take() {
    while (m_size != 0 && m_out[m_size - 1] == '-') --m_size;
    m_out.resize(m_size);
    return std::move(m_out);
  }

 private:
  void put(char c) {
    if (m_size + 1 >= m_out.size()) m_out.resize(2 * m_out.size());
    m_out[m_size++] = c;
  }

  std::size_t m_max;
  std::string m_out;   // the slug is m_out[0, m_size)
  std::size_t m_size = 0;
  bool m_pending_dash = false;
};

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Feeds fold_for_match(clean_text(piece)) of one whitespace-free piece.
// Folding maps ASCII text character by character (letters lower-cased;
// every other ASCII byte is, for a slug, a separator either way), so only a
// piece with non-ASCII bytes goes through clean_text and utf8proc.
bool add_piece(Slug& slug, std::string_view piece) {
  const bool ascii = std::all_of(piece.begin(), piece.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii) {
    for (char c : core::fold_for_match(clean_text(piece))) {
      if (!slug.add(c)) return false;
    }
    return true;
  }
  for (char c : piece) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (!slug.add(c)) return false;
  }
  return true;
}

}  // namespace

std::string ascii_slug(std::string_view s, std::size_t max_length) {
  // Folding never joins characters across ASCII whitespace, and clean_text
  // keeps it where it is, so the text is folded one piece at a time (most
  // titles then never reach utf8proc) and only until the slug is full.
  Slug slug(max_length, s.size());
  std::size_t at = 0;
  while (at < s.size()) {
    std::size_t end = at;
    while (end < s.size() && !is_ascii_space(s[end])) ++end;
    if (end > at && !add_piece(slug, s.substr(at, end - at))) break;
    if (end < s.size() && !slug.add(' ')) break;
    at = end + 1;
  }
  return slug.take();
}

}  // namespace scholard::render
