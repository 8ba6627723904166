#include "core/latex.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string_view>

#include <utf8proc.h>

#include "core/text.hpp"

namespace scholard::core {
namespace {

struct MacroText {
  std::string_view name;
  std::string_view text;
};

// Special letters of text mode; spaces after them are eaten, as TeX does.
constexpr MacroText k_letters[] = {
    {"o", "ø"},  {"O", "Ø"},  {"ae", "æ"}, {"AE", "Æ"}, {"oe", "œ"}, {"OE", "Œ"}, {"aa", "å"},
    {"AA", "Å"}, {"ss", "ß"}, {"l", "ł"},  {"L", "Ł"},  {"i", "ı"},  {"j", "ȷ"},  {"dh", "ð"},
    {"DH", "Ð"}, {"th", "þ"}, {"TH", "Þ"}, {"ng", "ŋ"}, {"NG", "Ŋ"},
};

// Greek letters and symbols (both modes).
constexpr MacroText k_symbols[] = {
    {"alpha", "α"},     {"beta", "β"},       {"gamma", "γ"},     {"delta", "δ"},     {"epsilon", "ϵ"},
    {"varepsilon", "ε"}, {"zeta", "ζ"},      {"eta", "η"},       {"theta", "θ"},     {"vartheta", "ϑ"},
    {"iota", "ι"},      {"kappa", "κ"},      {"lambda", "λ"},    {"mu", "μ"},        {"nu", "ν"},
    {"xi", "ξ"},        {"pi", "π"},         {"varpi", "ϖ"},     {"rho", "ρ"},       {"varrho", "ϱ"},
    {"sigma", "σ"},     {"varsigma", "ς"},   {"tau", "τ"},       {"upsilon", "υ"},   {"phi", "ϕ"},
    {"varphi", "φ"},    {"chi", "χ"},        {"psi", "ψ"},       {"omega", "ω"},     {"Gamma", "Γ"},
    {"Delta", "Δ"},     {"Theta", "Θ"},      {"Lambda", "Λ"},    {"Xi", "Ξ"},        {"Pi", "Π"},
    {"Sigma", "Σ"},     {"Upsilon", "Υ"},    {"Phi", "Φ"},       {"Psi", "Ψ"},       {"Omega", "Ω"},
    {"infty", "∞"},     {"leq", "≤"},        {"le", "≤"},        {"geq", "≥"},       {"ge", "≥"},
    {"neq", "≠"},       {"ne", "≠"},         {"approx", "≈"},    {"sim", "∼"},       {"simeq", "≃"},
    {"equiv", "≡"},     {"propto", "∝"},     {"ll", "≪"},        {"gg", "≫"},        {"times", "×"},
    {"cdot", "·"},      {"pm", "±"},         {"mp", "∓"},        {"div", "÷"},       {"to", "→"},
    {"rightarrow", "→"}, {"leftarrow", "←"}, {"Rightarrow", "⇒"}, {"Leftarrow", "⇐"}, {"mapsto", "↦"},
    {"leftrightarrow", "↔"}, {"in", "∈"},    {"notin", "∉"},     {"subset", "⊂"},    {"subseteq", "⊆"},
    {"supset", "⊃"},    {"cup", "∪"},        {"cap", "∩"},       {"emptyset", "∅"},  {"forall", "∀"},
    {"exists", "∃"},    {"partial", "∂"},    {"nabla", "∇"},     {"sum", "∑"},       {"prod", "∏"},
    {"int", "∫"},       {"ell", "ℓ"},        {"hbar", "ℏ"},      {"star", "⋆"},      {"ast", "∗"},
    {"circ", "∘"},      {"bullet", "•"},     {"dagger", "†"},    {"ddagger", "‡"},   {"perp", "⊥"},
    {"top", "⊤"},       {"langle", "⟨"},     {"rangle", "⟩"},    {"mid", "|"},       {"vert", "|"},
    {"Vert", "‖"},      {"lfloor", "⌊"},     {"rfloor", "⌋"},    {"lceil", "⌈"},     {"rceil", "⌉"},
    {"cdots", "⋯"},     {"ldots", "…"},      {"dots", "…"},      {"wedge", "∧"},     {"vee", "∨"},
    {"neg", "¬"},       {"oplus", "⊕"},      {"otimes", "⊗"},    {"S", "§"},         {"P", "¶"},
    {"copyright", "©"}, {"pounds", "£"},     {"euro", "€"},      {"textendash", "–"}, {"textemdash", "—"},
    {"textquoteright", "’"}, {"textquoteleft", "‘"}, {"textquotedblleft", "“"}, {"textquotedblright", "”"},
    {"textasciitilde", "~"}, {"textasciicircum", "^"}, {"textbackslash", "\\"}, {"textbar", "|"},
    {"textless", "<"},  {"textgreater", ">"}, {"textunderscore", "_"}, {"degree", "°"}, {"textdegree", "°"},
};

// Words that stay words (space after them kept, unlike TeX, for readability).
constexpr MacroText k_words[] = {
    {"LaTeX", "LaTeX"}, {"TeX", "TeX"}, {"BibTeX", "BibTeX"}, {"log", "log"}, {"exp", "exp"},
    {"sin", "sin"},     {"cos", "cos"}, {"tan", "tan"},       {"max", "max"}, {"min", "min"},
    {"sup", "sup"},     {"inf", "inf"}, {"lim", "lim"},       {"det", "det"}, {"ln", "ln"},
    {"arg", "arg"},     {"dim", "dim"}, {"ker", "ker"},       {"Pr", "Pr"},
};

// Macros whose argument is kept as it is (fonts, boxes, text in math).
constexpr std::string_view k_keep_argument[] = {
    "emph",    "textit",  "textbf",   "textrm",   "textsf",     "texttt",   "textsc",      "textsl",
    "textup",  "textnormal", "text",  "mbox",     "hbox",       "underline", "mathrm",     "mathbf",
    "mathit",  "mathcal", "mathbb",   "mathsf",   "mathtt",     "mathfrak", "mathscr",     "boldsymbol",
    "bm",      "operatorname", "mathnormal", "textmd", "uppercase", "MakeUppercase", "ensuremath", "hat",
    "tilde",   "bar",     "vec",      "widehat",  "widetilde",  "overline", "dot",         "ddot",
    "mathbbm", "textsuperscript", "textsubscript", "url", "href",
};

// Declarations and spacing that produce nothing.
constexpr std::string_view k_drop[] = {
    "it",    "bf",    "em",      "rm",     "sf",     "tt",     "sc",      "sl",    "normalfont",
    "left",  "right", "big",     "Big",    "bigg",   "Bigg",   "bigl",    "bigr",  "Bigl",
    "Bigr",  "displaystyle", "textstyle", "scriptstyle", "quad", "qquad", "relax", "protect",
    "noindent", "xspace", "limits", "nolimits", "small", "large", "Large", "footnotesize", "upshape",
    "itshape", "bfseries", "mdseries", "scshape", "nobreak", "allowbreak", "hfill",
};

// Accents: the macro character or letter, and the combining mark it adds.
struct Accent {
  std::string_view name;
  char32_t mark;
};
constexpr Accent k_accents[] = {
    {"\"", 0x0308}, {"'", 0x0301}, {"`", 0x0300}, {"^", 0x0302}, {"~", 0x0303}, {"=", 0x0304},
    {".", 0x0307},  {"u", 0x0306}, {"v", 0x030C}, {"H", 0x030B}, {"c", 0x0327}, {"k", 0x0328},
    {"r", 0x030A},  {"d", 0x0323}, {"b", 0x0331},
};

template <typename Table>
const MacroText* find_text(const Table& table, std::string_view name) {
  for (const auto& m : table) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

template <typename Table>
bool contains(const Table& table, std::string_view name) {
  for (const auto& n : table) {
    if (n == name) return true;
  }
  return false;
}

std::optional<char32_t> accent_mark(std::string_view name) {
  for (const auto& a : k_accents) {
    if (a.name == name) return a.mark;
  }
  return std::nullopt;
}

void append_code_point(std::string& out, char32_t cp) {
  utf8proc_uint8_t buf[4];
  auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

// Length in bytes of the UTF-8 sequence starting with `lead` (1 for stray bytes).
std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// The same set as collapse_whitespace's, so converting collapsed TeX gives the
// same text as converting the TeX as written.
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// What NFC makes of an ASCII character followed by one of the accents' marks
// (U+0300-U+033F): the precomposed code point, or 0 when there is none.
// Built once with utf8proc itself, so composing a pair here gives exactly
// what normalising the whole text would (see Converter::accent).
class AsciiCompositions {
 public:
  AsciiCompositions() {
    for (const auto& a : k_accents) {
      for (char32_t c = 0x20; c < 0x7F; ++c) {
        std::string pair(1, static_cast<char>(c));
        append_mark(pair, a.mark);
        utf8proc_uint8_t* composed = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(pair.c_str()));
        if (composed == nullptr) continue;
        utf8proc_int32_t cp = 0;
        const auto len = static_cast<utf8proc_ssize_t>(std::char_traits<char>::length(reinterpret_cast<char*>(composed)));
        if (utf8proc_iterate(composed, len, &cp) == len) m_table[a.mark - k_first_mark][c] = static_cast<std::uint16_t>(cp);
        std::free(composed);
      }
    }
  }

  char32_t find(char base, char32_t mark) const {
    const auto c = static_cast<unsigned char>(base);
    if (c >= 0x80 || mark < k_first_mark || mark >= k_first_mark + k_marks) return 0;
    return m_table[mark - k_first_mark][c];
  }

 private:
  static constexpr char32_t k_first_mark = 0x0300;
  static constexpr std::size_t k_marks = 0x40;
  static void append_mark(std::string& out, char32_t mark) {
    utf8proc_uint8_t buf[4];
    auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(mark), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
  }
  // Every precomposed Latin letter lies below U+FFFF.
  std::array<std::array<std::uint16_t, 128>, k_marks> m_table{};
};

const AsciiCompositions& ascii_compositions() {
  static const AsciiCompositions table;
  return table;
}

class Converter {
 public:
  // `ascii_input`: the whole text is ASCII, so accents may be composed on the
  // spot (see accent()).
  Converter(std::string_view in, MathMode mode, bool ascii_input)
      : m_in(in), m_mode(mode), m_ascii_input(ascii_input) {}

  std::string run() {
    std::string out;
    out.reserve(m_in.size() + 8);
    convert(out, false);
    return out;
  }

 private:
  bool at_end() const { return m_pos >= m_in.size(); }
  char peek(std::size_t ahead = 0) const {
    return m_pos + ahead < m_in.size() ? m_in[m_pos + ahead] : '\0';
  }
  void skip_spaces() {
    while (!at_end() && is_space(peek())) ++m_pos;
  }

  // Converts until the end of input, or until the `}` closing the current
  // group when `in_group` (the brace is consumed).
  void convert(std::string& out, bool in_group) {
    while (!at_end()) {
      char c = peek();
      if (c == '}') {
        ++m_pos;
        if (in_group) return;
        continue;  // a stray closing brace is dropped
      }
      step(out);
    }
  }

  void step(std::string& out) {
    char c = peek();
    if (c == '\\') return control(out);
    if (c == '{') {
      if (liquid(out)) return;
      ++m_pos;
      return convert(out, true);
    }
    if (c == '$') return dollar(out);
    ++m_pos;
    if (m_math && is_space(c)) return;  // TeX ignores spaces in math
    if (c == '~') {
      out.push_back(' ');
    } else if (!m_math && c == '-' && peek() == '-') {
      ++m_pos;
      if (peek() == '-') {
        ++m_pos;
        out += "—";
      } else {
        out += "–";
      }
    } else if (!m_math && c == '`' && peek() == '`' && closes_quote()) {
      // TeX's ``…'' only: a single backtick is code (`grep`) far more often
      // than an opening quote, and stays a backtick.
      ++m_pos;
      out += "“";
    } else if (!m_math && c == '\'' && peek() == '\'') {
      ++m_pos;
      out += "”";
    } else {
      out.push_back(c);
    }
  }

  // True when the `` at m_pos - 1 is closed by '' before any other backtick.
  bool closes_quote() const {
    const std::size_t closed = m_in.find("''", m_pos + 1);
    return closed != std::string_view::npos && m_in.find('`', m_pos + 1) > closed;
  }

  // Liquid's `{{ … }}` and `{% … %}` are no TeX group: a title that names
  // them means the characters, kept verbatim (the renderers make them inert).
  // "{{" counts only with a space after it, as Liquid is written: a BibTeX
  // title's "{{BERT}}" stays a doubly protected group.
  bool liquid(std::string& out) {
    if (m_math) return false;
    const bool output = peek(1) == '{' && is_space(peek(2));
    if (!output && peek(1) != '%') return false;
    const std::size_t close = m_in.find(output ? "}}" : "%}", m_pos + 2);
    if (close == std::string_view::npos) return false;
    out.append(m_in.substr(m_pos, close + 2 - m_pos));
    m_pos = close + 2;
    return true;
  }

  // A `$` opens math when an unescaped closing `$` follows; else it is text.
  void dollar(std::string& out) {
    std::size_t open = m_pos;
    std::size_t width = peek(1) == '$' ? 2 : 1;
    std::size_t close = find_closing_dollar(open + width, width);
    if (close == std::string_view::npos || m_math) {
      out.push_back('$');
      ++m_pos;
      return;
    }
    if (m_mode == MathMode::keep) {
      out.append(m_in.substr(open, close + width - open));
      m_pos = close + width;
      return;
    }
    Converter inner(m_in.substr(open + width, close - open - width), m_mode, m_ascii_input);
    inner.m_math = true;
    out += inner.run();
    m_pos = close + width;
  }

  std::size_t find_closing_dollar(std::size_t from, std::size_t width) const {
    for (std::size_t i = from; i < m_in.size(); ++i) {
      if (m_in[i] == '\\') {
        ++i;
        continue;
      }
      if (m_in[i] == '$') {
        if (width == 1 || (i + 1 < m_in.size() && m_in[i + 1] == '$')) return i;
      }
    }
    return std::string_view::npos;
  }

  void control(std::string& out) {
    ++m_pos;  // the backslash
    if (at_end()) return;
    if (!is_letter(peek())) return control_symbol(out);
    std::size_t start = m_pos;
    while (!at_end() && is_letter(peek())) ++m_pos;
    control_word(out, m_in.substr(start, m_pos - start));
  }

  void control_symbol(std::string& out) {
    char c = peek();
    ++m_pos;
    std::string_view name(&m_in[m_pos - 1], 1);
    if (auto mark = accent_mark(name); mark && !m_math) return accent(out, *mark);
    switch (c) {
      case '\\': case ' ': case ',': case ';': case ':': case '!': case '\n':
        out.push_back(' ');
        return;
      case '-': case '/':
        return;
      default:
        out.push_back(c);  // \& \% \$ \# \_ \{ \} and the rest: the character itself
    }
  }

  void control_word(std::string& out, std::string_view name) {
    if (auto mark = accent_mark(name); mark && name.size() == 1 && !m_math) return accent(out, *mark);
    if (const auto* m = find_text(k_letters, name); m && !m_math) {
      out += m->text;
      return skip_spaces();
    }
    if (const auto* m = find_text(k_symbols, name)) {
      out += m->text;
      return skip_spaces();
    }
    if (const auto* m = find_text(k_words, name)) {
      out += m->text;
      if (m_math) skip_spaces();
      return;
    }
    if (contains(k_drop, name)) return skip_spaces();
    if (name == "frac" || name == "dfrac" || name == "tfrac") {
      out += argument();
      out.push_back('/');
      out += argument();
      return;
    }
    if (name == "sqrt") {
      out += "√";
      out += argument();
      return;
    }
    if (contains(k_keep_argument, name)) {
      out += argument();
      return;
    }
    out += name;  // unknown: keep the word, lose the backslash
    if (m_math) skip_spaces();
  }

  // One macro argument: a braced group, a control sequence or one character.
  std::string argument() {
    skip_spaces();
    std::string arg;
    if (at_end()) return arg;
    if (peek() == '{') {
      ++m_pos;
      convert(arg, true);
    } else if (peek() == '\\') {
      control(arg);
    } else {
      std::size_t n = utf8_length(static_cast<unsigned char>(peek()));
      arg.append(m_in.substr(m_pos, n));
      m_pos += n;
    }
    return arg;
  }

  // Puts the combining mark after the first character of the argument; NFC
  // composition at the end turns the pair into one precomposed letter. When
  // the whole input is ASCII and the pair has a precomposed form, it is
  // written at once: what NFC would give, since nothing else in such a text
  // can compose with it (a mark left over still sends the whole text
  // through NFC, and canonically equivalent texts normalise alike).
  void accent(std::string& out, char32_t mark) {
    ++m_accent_depth;
    std::string arg = argument();
    --m_accent_depth;
    if (arg == "ı") arg = "i";  // \'{\i} is í, not a dotless i with an accent
    if (arg == "ȷ") arg = "j";
    if (arg.empty()) {
      append_code_point(out, mark);
      return;
    }
    // A stray lead byte may promise more bytes than the argument has.
    const std::size_t first = std::min(utf8_length(static_cast<unsigned char>(arg[0])), arg.size());
    // Not inside another accent's argument: that one puts its mark right
    // after the base letter, before this mark, so this pair must stay apart.
    if (m_ascii_input && m_accent_depth == 0 && first == 1) {
      if (const char32_t composed = ascii_compositions().find(arg[0], mark); composed != 0) {
        append_code_point(out, composed);
        out.append(arg, 1);
        return;
      }
    }
    out.append(arg, 0, first);
    append_code_point(out, mark);
    out.append(arg, first);
  }

  std::string_view m_in;
  MathMode m_mode;
  bool m_ascii_input = false;
  int m_accent_depth = 0;  // accents whose argument is being read
  std::size_t m_pos = 0;
  bool m_math = false;
};

// NFC, in place. Only accents add combining marks (U+0300–U+036F: lead bytes
// CC, CD), so text without those bytes is left alone. (Accents composed on the
// spot leave no mark; they only happen in all-ASCII input, whose output holds
// nothing else NFC would change.)
void nfc(std::string& s) {
  if (s.find_first_of("\xCC\xCD") == std::string::npos || !is_valid_utf8(s)) return;
  utf8proc_uint8_t* composed = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
  if (composed == nullptr) return;
  s.assign(reinterpret_cast<const char*>(composed));
  std::free(composed);
}

}  // namespace

std::string latex_to_text(std::string_view tex, MathMode mode) {
  if (!looks_like_latex(tex)) return collapse_whitespace(tex);
  std::string out = Converter(tex, mode, is_ascii(tex)).run();
  nfc(out);
  collapse_whitespace_in_place(out);
  return out;
}

bool looks_like_latex(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\\' || c == '{' || c == '}' || c == '$' || c == '~' || c == '`') return true;
    if (i + 1 < text.size() && ((c == '-' && text[i + 1] == '-') || (c == '\'' && text[i + 1] == '\''))) {
      return true;
    }
  }
  return false;
}

}  // namespace scholard::core
