#include "render/escape.hpp"

#include <algorithm>

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

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && core::ascii_lower(s.substr(0, prefix.size())) == prefix;
}

// Printable ASCII only: clean_text returns such text as it is.
bool is_plain(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F;
  });
}

void append_markdown_clean(std::string& out, std::string_view text) {
  std::size_t run = 0;  // start of the pending run of bytes that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': case '[': case ']': case '*': case '_': case '`': case '#': case '|':
      case '$': case '&': case '<': case '>': case '{': case '}': break;
      default: continue;
    }
    out.append(text.substr(run, i - run));
    run = i + 1;
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
  out.append(text.substr(run));
}

void append_latex_clean(std::string& out, std::string_view text) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '&': case '%': case '$': case '#': case '_': case '{': case '}': case '\\': case '~': case '^': break;
      default: continue;
    }
    out.append(text.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '\\': out += "\\textbackslash{}"; break;
      case '~': out += "\\textasciitilde{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      default:
        out.push_back('\\');
        out.push_back(c);
    }
  }
  out.append(text.substr(run));
}

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
  if (is_plain(s)) return append_markdown_clean(out, s);
  append_markdown_clean(out, clean_text(s));
}

std::string markdown_url(std::string_view url) {
  std::string_view u = core::trim(url);
  if (!starts_with_ci(u, "https://") && !starts_with_ci(u, "http://")) return "";
  std::string out;
  out.reserve(u.size());
  for (char ch : u) {
    auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F || c == '(' || c == ')' || c == '<' || c == '>' || c == '{' || c == '}' ||
        c == '"' || c == '\'' || c == '\\' || c == '`' || c == '|' || c == '[' || c == ']') {
      percent(out, c);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

std::string latex_text(std::string_view s) {
  std::string out;
  append_latex_text(out, s);
  return out;
}

void append_latex_text(std::string& out, std::string_view s) {
  if (is_plain(s)) return append_latex_clean(out, s);
  append_latex_clean(out, clean_text(s));
}

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

void append_json_string(std::string& out, std::string_view s) {
  const std::size_t start = out.size();
  out.push_back('"');
  std::size_t run = 0;  // start of the pending run of bytes that need no escape
  bool checked = false;  // UTF-8 validity is checked once, at the first non-ASCII byte
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto u = static_cast<unsigned char>(s[i]);
    if (u >= 0x20 && u != '"' && u != '\\') {
      if (u >= 0x80 && !checked) {
        if (!core::is_valid_utf8(s)) {
          out.resize(start);
          return append_json_string(out, clean_text(s));
        }
        checked = true;
      }
      continue;
    }
    out.append(s.substr(run, i - run));
    run = i + 1;
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
  out.append(s.substr(run));
  out.push_back('"');
}

std::string yaml_string(std::string_view s) {
  const std::string text = clean_text(s);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string html_text(std::string_view s) {
  const std::string text = clean_text(s);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '{': out += "&#123;"; break;
      case '}': out += "&#125;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string ascii_slug(std::string_view s, std::size_t max_length) {
  std::string out;
  bool pending_dash = false;
  for (char c : core::fold_for_match(clean_text(s))) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!keep) {
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

}  // namespace scholard::render
