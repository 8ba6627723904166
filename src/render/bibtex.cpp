#include "render/bibtex.hpp"

#include "render/escape.hpp"
#include "render/names.hpp"

namespace scholard::render {
namespace {

bool braces_balance(std::string_view s) {
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
      continue;
    }
    if (s[i] == '{') ++depth;
    if (s[i] == '}' && --depth < 0) return false;
  }
  return depth == 0;
}

// For verbatim fields (doi, url): %-encodes what would end the field or the
// entry, keeps everything else as written.
std::string verbatim(std::string_view s) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : clean_text(s)) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '{' || c == '}' || c == '\\' || c == '%' || c == ' ' || c == '"') {
      out.push_back('%');
      out.push_back(k_hex[c >> 4]);
      out.push_back(k_hex[c & 0x0F]);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

void append_bib_author(std::string& out, const MergedAuthor& a) {
  if (a.given.empty()) {
    out += '{';
    append_latex_text(out, a.family.empty() ? a.name : a.family);
    out += '}';
    return;
  }
  append_latex_text(out, a.family);
  out += ", ";
  append_latex_text(out, a.given);
}

// The author field, written straight into the entry.
void append_authors_field(std::string& out, const MergedPaper& paper) {
  if (paper.authors.empty() && !paper.authors_truncated) return;
  out += ",\n  author = {";
  for (std::size_t i = 0; i < paper.authors.size(); ++i) {
    if (i > 0) out += " and ";
    append_bib_author(out, paper.authors[i]);
  }
  if (paper.authors_truncated) out += paper.authors.empty() ? "others" : " and others";
  out += '}';
}

std::string bib_pages(std::string_view pages) {
  std::string out(pages);
  const std::string en_dash = "–";
  auto at = out.find(en_dash);
  if (at != std::string::npos) out.replace(at, en_dash.size(), "--");
  return latex_text(out);
}

struct EntryType {
  std::string_view type;
  std::string_view venue_field;
};

EntryType entry_type(PaperKind kind) {
  switch (kind) {
    case PaperKind::journal_article: return {"article", "journal"};
    case PaperKind::proceedings_paper: return {"inproceedings", "booktitle"};
    case PaperKind::chapter: return {"incollection", "booktitle"};
    case PaperKind::preprint: return {"misc", ""};
    case PaperKind::other: return {"misc", "howpublished"};
  }
  return {"misc", "howpublished"};
}

void field(std::string& out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out += ",\n  ";
  out += name;
  out += " = {";
  out += value;
  out += "}";
}

// field(out, name, latex_text(value)) without the temporary (latex_text of
// a non-empty value is never empty).
void latex_field(std::string& out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out += ",\n  ";
  out += name;
  out += " = {";
  append_latex_text(out, value);
  out += "}";
}

void append_entry(std::string& out, const MergedPaper& paper, const BibtexOptions& options) {
  const EntryType type = entry_type(paper.kind);
  out.append("@").append(type.type).append("{").append(paper.citation_key);
  const bool raw_tex = options.math == MathStyle::keep && !paper.title_tex.empty() && braces_balance(paper.title_tex);
  if (raw_tex) {
    field(out, "title", clean_text(paper.title_tex));
  } else {
    latex_field(out, "title", paper.title);
  }
  append_authors_field(out, paper);
  if (!type.venue_field.empty()) latex_field(out, type.venue_field, paper.venue);
  field(out, "year", paper.year > 0 ? std::to_string(paper.year) : std::string());
  latex_field(out, "volume", paper.volume);
  latex_field(out, "number", paper.issue);
  field(out, "pages", bib_pages(paper.pages));
  field(out, "doi", verbatim(paper.doi));
  field(out, "url", verbatim(markdown_url(paper.url)));
  if (!paper.arxiv_id.empty()) {
    field(out, "eprint", verbatim(paper.arxiv_id));
    field(out, "archivePrefix", "arXiv");
    field(out, "primaryClass", verbatim(paper.primary_category));
    field(out, "arxiv", verbatim(paper.arxiv_id));
  }
  out += "\n}\n";
}

}  // namespace

std::string render_bibtex_entry(const MergedPaper& paper, const BibtexOptions& options) {
  std::string out;
  append_entry(out, paper, options);
  return out;
}

std::string render_bibtex(const std::vector<MergedPaper>& papers, const BibtexOptions& options) {
  std::string out;
  for (const auto& paper : papers) {
    if (paper.hidden) continue;
    if (!out.empty()) out += "\n";
    append_entry(out, paper, options);
  }
  return out;
}

}  // namespace scholard::render
