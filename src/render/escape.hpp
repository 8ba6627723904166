// Escaping for every output syntax the renderers write: Markdown (rendered
// by Jekyll/kramdown, so also HTML and Liquid), URLs inside Markdown links,
// LaTeX/BibTeX, JSON, YAML front matter, and ASCII file-name slugs.
//
// Every function is pure, total (never fails) and returns a new string (the
// append_* forms write to the end of a given one instead).
// Input that is not valid UTF-8 has its bad bytes replaced by U+FFFD first,
// so every output is valid UTF-8; control characters never pass through raw.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace scholard::render {

// Valid UTF-8 with bad bytes replaced by U+FFFD; C0 controls and DEL become
// a space (tabs and newlines included), so the text stays on one line.
std::string clean_text(std::string_view s);

// clean_text appended to `out` (no temporary for printable ASCII text).
void append_clean_text(std::string& out, std::string_view s);

// Text that cannot break Markdown, inject HTML or trigger Liquid:
// `\ [ ] * _ ` # |` are backslash-escaped, `$$` becomes `\$\$`, `&` `<` `>`
// become entities, `{` `}` become `&#123;` `&#125;` (so `{{ … }}` and
// `{% … %}` are inert), newlines become spaces.
std::string markdown_text(std::string_view s);

// markdown_text appended to `out` (no temporary; for large outputs).
void append_markdown_text(std::string& out, std::string_view s);

// A URL safe inside a Markdown link's parentheses and inert for Liquid: only
// http and https URLs are kept (anything else gives ""); spaces, quotes,
// brackets, braces, parentheses, backslashes and controls are %-encoded.
std::string markdown_url(std::string_view url);

// markdown_url appended to `out` (nothing for a URL it would drop).
void append_markdown_url(std::string& out, std::string_view url);

// True when markdown_url keeps `url` (it starts with http:// or https://,
// any case, after trimming): then markdown_url(url) is never empty.
bool is_http_url(std::string_view url);

// LaTeX-safe text for BibTeX fields: `& % $ # _ { }` get a backslash, `\`,
// `~`, `^` become \textbackslash{}, \textasciitilde{}, \textasciicircum{}.
// UTF-8 passes through.
std::string latex_text(std::string_view s);

// latex_text appended to `out` (no temporary; for large outputs).
void append_latex_text(std::string& out, std::string_view s);

// A JSON string literal, quotes included: `"` `\` and controls escaped.
std::string json_string(std::string_view s);

// json_string appended to `out` (no temporary; for large outputs).
void append_json_string(std::string& out, std::string_view s);

// json_string without the surrounding quotes, appended to `out`.
void append_json_chars(std::string& out, std::string_view s);

// A YAML double-quoted scalar, quotes included.
std::string yaml_string(std::string_view s);

// yaml_string appended to `out`.
void append_yaml_string(std::string& out, std::string_view s);

// `&`, `<`, `>`, `"` as HTML entities, `{` `}` as `&#123;` `&#125;` (for
// values Jekyll prints into HTML unescaped, e.g. front-matter titles).
std::string html_text(std::string_view s);

// html_text appended to `out`.
void append_html_text(std::string& out, std::string_view s);

// The characters yaml_string(html_text(s)) has between its quotes, appended
// to `out`: the HTML text of `s` escaped for a YAML double-quoted scalar.
void append_yaml_html_chars(std::string& out, std::string_view s);

// Lower-case ASCII slug of `s`: accents folded, every run of other
// characters one `-`, no leading/trailing `-`, at most `max_length` bytes.
// Never contains `/`, `.`, NUL or anything but [a-z0-9-]; may be empty.
std::string ascii_slug(std::string_view s, std::size_t max_length);

}  // namespace scholard::render
