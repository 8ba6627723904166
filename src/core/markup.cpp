#include "core/markup.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <utility>

#include "core/text.hpp"

namespace scholard::core {
namespace {

struct NamedEntity {
  std::string_view name;
  std::uint32_t code_point;
};

// Sorted by name (std::lower_bound below). The HTML entities that occur in
// bibliographic metadata; anything else is kept as written.
constexpr auto k_entities = std::to_array<NamedEntity>({
    {"AElig", 0xC6},   {"Aacute", 0xC1},  {"Acirc", 0xC2},   {"Agrave", 0xC0},  {"Alpha", 0x391},
    {"Aring", 0xC5},   {"Atilde", 0xC3},  {"Auml", 0xC4},    {"Beta", 0x392},   {"Ccedil", 0xC7},
    {"Delta", 0x394},  {"Eacute", 0xC9},  {"Egrave", 0xC8},  {"Euml", 0xCB},    {"Gamma", 0x393},
    {"Iacute", 0xCD},  {"Lambda", 0x39B}, {"Ntilde", 0xD1},  {"Oacute", 0xD3},  {"Omega", 0x3A9},
    {"Oslash", 0xD8},  {"Ouml", 0xD6},    {"Phi", 0x3A6},    {"Pi", 0x3A0},     {"Psi", 0x3A8},
    {"Sigma", 0x3A3},  {"Theta", 0x398},  {"Uacute", 0xDA},  {"Uuml", 0xDC},    {"Xi", 0x39E},
    {"aacute", 0xE1},  {"acirc", 0xE2},   {"aelig", 0xE6},   {"agrave", 0xE0},  {"alpha", 0x3B1},
    {"amp", 0x26},     {"apos", 0x27},    {"aring", 0xE5},   {"asymp", 0x2248}, {"atilde", 0xE3},
    {"auml", 0xE4},    {"bdquo", 0x201E}, {"beta", 0x3B2},   {"bull", 0x2022},  {"ccedil", 0xE7},
    {"chi", 0x3C7},    {"copy", 0xA9},    {"dagger", 0x2020}, {"deg", 0xB0},    {"delta", 0x3B4},
    {"divide", 0xF7},  {"eacute", 0xE9},  {"ecirc", 0xEA},   {"egrave", 0xE8},  {"emsp", 0x2003},
    {"ensp", 0x2002},  {"epsilon", 0x3B5}, {"eta", 0x3B7},   {"euml", 0xEB},    {"euro", 0x20AC},
    {"gamma", 0x3B3},  {"ge", 0x2265},    {"gt", 0x3E},      {"hellip", 0x2026}, {"iacute", 0xED},
    {"icirc", 0xEE},   {"igrave", 0xEC},  {"infin", 0x221E}, {"iota", 0x3B9},   {"iuml", 0xEF},
    {"kappa", 0x3BA},  {"lambda", 0x3BB}, {"laquo", 0xAB},   {"ldquo", 0x201C}, {"le", 0x2264},
    {"lsaquo", 0x2039}, {"lsquo", 0x2018}, {"lt", 0x3C},     {"mdash", 0x2014}, {"micro", 0xB5},
    {"middot", 0xB7},  {"minus", 0x2212}, {"mu", 0x3BC},     {"nbsp", 0x20},    {"ndash", 0x2013},
    {"ne", 0x2260},    {"ntilde", 0xF1},  {"nu", 0x3BD},     {"oacute", 0xF3},  {"ocirc", 0xF4},
    {"oelig", 0x153},  {"ograve", 0xF2},  {"omega", 0x3C9},  {"oslash", 0xF8},  {"otilde", 0xF5},
    {"ouml", 0xF6},    {"phi", 0x3C6},    {"pi", 0x3C0},     {"plusmn", 0xB1},  {"pm", 0xB1},
    {"pound", 0xA3},   {"prime", 0x2032}, {"psi", 0x3C8},    {"quot", 0x22},    {"raquo", 0xBB},
    {"rdquo", 0x201D}, {"reg", 0xAE},     {"rho", 0x3C1},    {"rsaquo", 0x203A}, {"rsquo", 0x2019},
    {"sbquo", 0x201A}, {"sect", 0xA7},    {"shy", 0xAD},     {"sigma", 0x3C3},  {"szlig", 0xDF},
    {"tau", 0x3C4},    {"theta", 0x3B8},  {"thinsp", 0x2009}, {"times", 0xD7},  {"trade", 0x2122},
    {"uacute", 0xFA},  {"ucirc", 0xFB},   {"ugrave", 0xF9},  {"upsilon", 0x3C5}, {"uuml", 0xFC},
    {"xi", 0x3BE},     {"yacute", 0xFD},  {"yuml", 0xFF},    {"zeta", 0x3B6},   {"zwj", 0x200D},
    {"zwnj", 0x200C},
});
static_assert(std::is_sorted(k_entities.begin(), k_entities.end(),
                             [](const NamedEntity& a, const NamedEntity& b) { return a.name < b.name; }));

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code point of a reference body ("amp", "#8211", "#x2013"), if valid.
std::optional<std::uint32_t> reference_value(std::string_view body) {
  if (body.empty()) return std::nullopt;
  if (body.front() != '#') {
    auto it = std::lower_bound(k_entities.begin(), k_entities.end(), body,
                               [](const NamedEntity& e, std::string_view n) { return e.name < n; });
    if (it == k_entities.end() || it->name != body) return std::nullopt;
    return it->code_point;
  }
  body.remove_prefix(1);
  const bool hex = !body.empty() && (body.front() == 'x' || body.front() == 'X');
  if (hex) body.remove_prefix(1);
  if (body.empty() || body.size() > 8) return std::nullopt;
  std::uint32_t cp = 0;
  for (char c : body) {
    const int v = hex ? hex_value(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
    if (v < 0) return std::nullopt;
    cp = cp * (hex ? 16u : 10u) + static_cast<std::uint32_t>(v);
  }
  return cp;
}

enum class TagKind { inline_tag, emphasis, script, block, skip_content };

struct Tag {
  TagKind kind = TagKind::inline_tag;
  bool closing = false;
  std::string name;  // local name, lower-case
  std::size_t end = 0;  // index just past '>'
};

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '-' ||
         c == '_' || c == '.';
}

bool in_list(std::string_view name, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// Classifies a tag name; nullopt when it is not markup we know (then the "<"
// is text). Prefixed names count when the prefix is JATS or MathML.
std::optional<TagKind> classify(std::string_view qname, std::string_view& local) {
  auto colon = qname.find(':');
  std::string_view prefix = colon == std::string_view::npos ? std::string_view{} : qname.substr(0, colon);
  local = colon == std::string_view::npos ? qname : qname.substr(colon + 1);
  const bool known_prefix = in_list(prefix, {"jats", "mml", "m", "html", "xhtml"});
  if (!prefix.empty() && !known_prefix) return std::nullopt;
  if (in_list(local, {"i", "b", "em", "strong", "italic", "bold"})) return TagKind::emphasis;
  if (in_list(local, {"sub", "sup", "scp", "sc", "small", "smallcaps"})) return TagKind::script;
  if (in_list(local, {"p", "br", "div", "hr", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                      "blockquote", "title", "sec", "list", "list-item", "table", "tr", "td", "th",
                      "abstract", "section", "label", "caption", "html", "head", "body", "center", "pre"})) {
    return TagKind::block;
  }
  if (in_list(local, {"annotation", "annotation-xml", "script", "style"})) return TagKind::skip_content;
  if (in_list(local, {"u", "s", "span", "font", "a", "tt", "code", "big", "strike", "q", "cite", "abbr",
                      "dfn", "var", "kbd", "samp", "mark", "ins", "del", "underline", "monospace",
                      "inline-formula", "tex-math", "alternatives", "styled-content", "named-content",
                      "ovl", "roman", "sans-serif", "semantics", "mi", "mo", "mn", "ms", "mtext", "mrow",
                      "msub", "msup", "msubsup", "mfrac", "msqrt", "mroot", "mover", "munder", "munderover",
                      "mstyle", "mspace", "mtable", "mtr", "mtd", "mfenced", "mpadded", "mphantom", "menclose"})) {
    return TagKind::inline_tag;
  }
  if (!prefix.empty() || local == "math") return TagKind::inline_tag;  // jats:* / mml:* / <math>
  return std::nullopt;
}

// Reads a tag starting at text[at] == '<'. Comments count as inline tags.
std::optional<Tag> read_tag(std::string_view text, std::size_t at) {
  if (text.substr(at, 4) == "<!--") {
    auto close = text.find("-->", at + 4);
    if (close == std::string_view::npos) return std::nullopt;
    return Tag{TagKind::inline_tag, false, {}, close + 3};
  }
  std::size_t i = at + 1;
  Tag tag;
  if (i < text.size() && text[i] == '/') {
    tag.closing = true;
    ++i;
  }
  const std::size_t name_start = i;
  if (i >= text.size() || !std::isalpha(static_cast<unsigned char>(text[i]))) return std::nullopt;
  while (i < text.size() && is_name_char(text[i])) ++i;
  if (i >= text.size() || !(text[i] == '>' || text[i] == '/' || std::isspace(static_cast<unsigned char>(text[i])))) {
    return std::nullopt;
  }
  const std::size_t gt = text.find('>', i);
  if (gt == std::string_view::npos || text.substr(i, gt - i).find('<') != std::string_view::npos) return std::nullopt;
  std::string qname = ascii_lower(text.substr(name_start, i - name_start));
  std::string_view local;
  auto kind = classify(qname, local);
  if (!kind) return std::nullopt;
  tag.kind = *kind;
  tag.name = std::string(local);
  tag.end = gt + 1;
  return tag;
}

// Skips past the matching close tag of a skip_content element (MathML
// annotations repeat the formula as TeX). Nesting of the same name counts.
std::size_t skip_element(std::string_view text, const Tag& open) {
  if (open.closing || text[open.end - 2] == '/') return open.end;
  int depth = 1;
  std::size_t i = open.end;
  while ((i = text.find('<', i)) != std::string_view::npos) {
    auto tag = read_tag(text, i);
    if (!tag) {
      ++i;
      continue;
    }
    if (tag->name == open.name) depth += tag->closing ? -1 : 1;
    i = tag->end;
    if (depth == 0) return i;
  }
  return text.size();
}

// What lies between two pieces of text: whitespace and/or tags.
struct Boundary {
  bool space = false;
  bool newline = false;
  bool tag = false;
  bool emphasis = false;
  bool script = false;
  bool block = false;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; }
bool joins_after(char c) { return c == '(' || c == '[' || c == '/' || c == '-'; }
bool joins_before(char c) {
  return c == ')' || c == ']' || c == '/' || c == '-' || c == ',' || c == ';' || c == ':' || c == '.' || c == '!' ||
         c == '?';
}

bool needs_space(const Boundary& b, char prev, char next) {
  if (b.block) return true;
  if (b.space) return !(b.tag && b.newline && (joins_after(prev) || joins_before(next)));
  return b.emphasis && !b.script && is_word(prev) && is_word(next);
}

// Bytes that end a run of plain text: '<' (a tag may start there) and whitespace.
constexpr std::array<bool, 256> k_text_stop = [] {
  std::array<bool, 256> t{};
  for (const char c : {'<', ' ', '\t', '\n', '\r', '\f', '\v'}) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

bool is_text(char c) { return !k_text_stop[static_cast<unsigned char>(c)]; }

// The end of the text that starts at s[first], which strip_markup copies as
// it stands: s[first] itself (whatever it is: a '<' that opens no tag is
// text), then text bytes, and single spaces that have a text byte after them
// (a space between two words is kept as one space). It stops at '<', at other
// whitespace, and at a space followed by no text byte: those need the
// boundary rules. Copying a run at once, rather than byte by byte, is what
// makes long abstracts cheap.
std::size_t text_run_end(std::string_view s, std::size_t first) {
  const std::size_t n = s.size();
  std::size_t i = first + 1;
  while (i < n) {
    if (is_text(s[i])) {
      ++i;
    } else if (s[i] == ' ' && i + 1 < n && is_text(s[i + 1])) {
      i += 2;
    } else {
      break;
    }
  }
  return i;
}

// Deposits that encode markup twice ("and&amp;nbsp;Network", SSRN) leave a
// reference after one decoding, and every reference left then was made by
// decoding. A few passes undo any encoding seen in real records; the bound
// keeps a hostile "&amp;amp;amp;..." cheap.
constexpr int k_decode_passes = 4;

std::string decode_until_plain(std::string_view text) {
  std::string decoded = decode_entities(text);
  for (int pass = 1; pass < k_decode_passes && decoded.find('&') != std::string::npos; ++pass) {
    std::string again = decode_entities(decoded);
    if (again == decoded) break;
    decoded = std::move(again);
  }
  return decoded;
}

}  // namespace

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) break;
    out.append(text.substr(i, amp - i));
    const std::size_t semi = text.find(';', amp + 1);
    std::optional<std::uint32_t> cp;
    if (semi != std::string_view::npos && semi - amp <= 12) cp = reference_value(text.substr(amp + 1, semi - amp - 1));
    if (cp) {
      append_utf8(out, *cp == 0xA0 ? 0x20 : *cp);  // &#160; as &nbsp;: a space in titles
      i = semi + 1;
    } else {
      out.push_back('&');
      i = amp + 1;
    }
  }
  out.append(text.substr(std::min(i, text.size())));
  return out;
}

std::string strip_markup(std::string_view text) {
  // Text without '&' has no reference to decode: it is read in place.
  const bool has_reference = text.find('&') != std::string_view::npos;
  const std::string decoded = has_reference ? decode_until_plain(text) : std::string();
  const std::string_view s = has_reference ? std::string_view(decoded) : text;
  std::string out;
  out.reserve(s.size());
  Boundary b;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '<') {
      if (auto tag = read_tag(s, i)) {
        b.tag = true;
        b.emphasis |= tag->kind == TagKind::emphasis;
        b.script |= tag->kind == TagKind::script;
        b.block |= tag->kind == TagKind::block;
        i = tag->kind == TagKind::skip_content ? skip_element(s, *tag) : tag->end;
        continue;
      }
    }
    if (is_space(c)) {
      b.space = true;
      b.newline |= c == '\n' || c == '\r';
      ++i;
      continue;
    }
    if (!out.empty() && needs_space(b, out.back(), c)) out.push_back(' ');
    const std::size_t end = text_run_end(s, i);
    out.append(s.substr(i, end - i));
    b = {};
    i = end;
  }
  return out;
}

}  // namespace scholard::core
