// LaTeX in titles and names → plain Unicode text.
//
// arXiv titles and author strings, BibTeX files and hand-written config
// entries carry TeX: inline math (`Nearly $d$-Linear`), accents
// (`Kam\'elia`, `H\"{a}gele`, `{\'e}`), font switches (`\emph{x}`,
// `\textit{x}`), escaped specials (`\&`, `\%`) and Greek macros. Renderers,
// the BibTeX importer and matching want the words without the TeX.
//
// This is not a TeX engine: it knows the macros that occur in bibliographic
// metadata and degrades gracefully on everything else (an unknown control
// word keeps its name without the backslash, braces are dropped, an unpaired
// `$` stays a dollar sign). Pure; never fails; output is NFC-normalised UTF-8
// (for valid UTF-8 input) with whitespace collapsed. Whitespace is the set
// core::collapse_whitespace knows, so collapsing the TeX first changes
// nothing: latex_to_text(collapse_whitespace(t)) == latex_to_text(t).
#pragma once

#include <string>
#include <string_view>

namespace scholard::core {

enum class MathMode {
  strip,  // `$d$-Linear` → `d-Linear`, `$\alpha$` → `α`
  keep,   // math spans are copied verbatim, dollars included
};

// Plain text of a TeX string. Outside math: accents and special letters
// become Unicode, `--`/`---` become en/em dashes, ``…'' become curly quotes,
// `~` becomes a space, font macros keep their argument, braces vanish.
// Inside math (strip mode): Greek and common symbols become Unicode, font
// macros (\mathrm, \mathcal ...) keep their argument, `^`/`_` are kept.
std::string latex_to_text(std::string_view tex, MathMode mode = MathMode::strip);

// True when `text` contains anything latex_to_text would change apart from
// whitespace (a backslash, a brace, a dollar, `~`, `--` or TeX quotes).
bool looks_like_latex(std::string_view text);

}  // namespace scholard::core
