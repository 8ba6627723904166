#include "render/json.hpp"

#include "render/escape.hpp"
#include "render/names.hpp"

namespace scholard::render {
namespace {

// Streams pretty-printed JSON (2-space indent) into one string: no
// per-item temporaries, which matters at 10,000 papers.
class Writer {
 public:
  explicit Writer(std::string& out) : m_out(out) {}

  void open(char bracket) {
    m_out.push_back(bracket);
    m_first.push_back(1);
  }
  void close(char bracket) {
    const bool empty = m_first.back() != 0;
    m_first.pop_back();
    if (!empty) newline();
    m_out.push_back(bracket);
  }
  // Starts the next array element (separator, new line, indent).
  void element() {
    if (m_first.back() == 0) m_out.push_back(',');
    m_first.back() = 0;
    newline();
  }
  void key(std::string_view k) {
    element();
    append_json_string(m_out, k);
    m_out += ": ";
  }
  void str(std::string_view k, std::string_view v) {
    key(k);
    append_json_string(m_out, v);
  }
  void str_if(std::string_view k, std::string_view v) {
    if (!v.empty()) str(k, v);
  }
  void str_or_null(std::string_view k, std::string_view v) {
    key(k);
    if (v.empty()) {
      m_out += "null";
    } else {
      append_json_string(m_out, v);
    }
  }
  void raw(std::string_view k, std::string_view v) {
    key(k);
    m_out += v;
  }
  void boolean(std::string_view k, bool v) { raw(k, v ? "true" : "false"); }
  std::string& out() { return m_out; }

 private:
  void newline() {
    m_out.push_back('\n');
    m_out.append(2 * m_first.size(), ' ');
  }
  std::string& m_out;
  std::vector<char> m_first;  // per open bracket: nothing written in it yet
};

const std::string& title_of(const MergedPaper& p, MathStyle math) {
  return math == MathStyle::keep ? p.title_math : p.title;
}

std::string csl_type(PaperKind kind) {
  switch (kind) {
    case PaperKind::journal_article: return "article-journal";
    case PaperKind::proceedings_paper: return "paper-conference";
    case PaperKind::chapter: return "chapter";
    case PaperKind::preprint: return "article";
    case PaperKind::other: return "article";
  }
  return "article";
}

void csl_author(Writer& w, const MergedAuthor& a) {
  w.element();
  std::string& out = w.out();
  if (a.given.empty()) {
    out += "{\"literal\": ";
    append_json_string(out, a.name);
  } else {
    out += "{\"family\": ";
    append_json_string(out, a.family);
    out += ", \"given\": ";
    append_json_string(out, a.given);
  }
  out += "}";
}

std::string csl_date(const core::PartialDate& date, int year) {
  std::string parts = std::to_string(year);
  if (date.year == year && date.month > 0) {
    parts += ", " + std::to_string(date.month);
    if (date.day > 0) parts += ", " + std::to_string(date.day);
  }
  return "{\"date-parts\": [[" + parts + "]]}";
}

void csl_item(Writer& w, const MergedPaper& p, const JsonOptions& options) {
  w.element();
  w.open('{');
  w.str("id", p.citation_key);
  w.str("type", csl_type(p.kind));
  w.str_if("title", title_of(p, options.math));
  if (!p.authors.empty()) {
    w.key("author");
    w.open('[');
    for (const auto& a : p.authors) csl_author(w, a);
    w.close(']');
  }
  if (p.year > 0) w.raw("issued", csl_date(p.date, p.year));
  if (p.kind == PaperKind::preprint) {
    w.str("publisher", "arXiv");
    if (!p.arxiv_id.empty()) w.str("number", "arXiv:" + p.arxiv_id);
  } else {
    w.str_if("container-title", p.venue);
  }
  w.str_if("volume", p.volume);
  w.str_if("issue", p.issue);
  std::string page = p.pages;
  if (auto at = page.find("–"); at != std::string::npos) page.replace(at, std::string("–").size(), "-");
  w.str_if("page", page);
  w.str_if("DOI", p.doi);
  w.str_if("URL", p.url);
  w.close('}');
}

void data_authors(Writer& w, const MergedPaper& p) {
  w.key("authors");
  w.open('[');
  for (const auto& a : p.authors) {
    w.element();
    w.open('{');
    w.str("name", a.name);
    w.boolean("highlighted", a.highlighted);
    w.boolean("equal_contribution", a.equal_contribution);
    w.close('}');
  }
  w.close(']');
}

void data_item(Writer& w, const MergedPaper& p, const JsonOptions& options) {
  w.element();
  w.open('{');
  w.str_or_null("key", p.key);
  w.str("citation_key", p.citation_key);
  w.str("title", title_of(p, options.math));
  w.str_or_null("url", p.url);
  data_authors(w, p);
  const AuthorCut cut = cut_authors(p.authors, p.max_authors.value_or(options.max_authors), p.authors_truncated);
  w.raw("authors_shown", std::to_string(cut.shown));
  w.boolean("authors_truncated", p.authors_truncated);
  w.str_or_null("venue", p.venue);
  w.str("kind", to_string(p.kind));
  w.boolean("published", p.published);
  w.raw("year", p.year > 0 ? std::to_string(p.year) : "null");
  w.str_or_null("date", p.date.iso());
  w.str_or_null("volume", p.volume);
  w.str_or_null("issue", p.issue);
  w.str_or_null("pages", p.pages);
  w.str_or_null("doi", p.doi);
  w.str_or_null("arxiv", p.arxiv_id);
  w.key("sources");
  w.open('{');
  for (const auto& [name, source] : field_sources(p.sources)) {
    w.str_or_null(name, source == Source::none ? std::string_view() : to_string(source));
  }
  w.close('}');
  w.close('}');
}

// Roughly the bytes a paper takes in either file, so the output is allocated
// once instead of being copied as it grows (tens of MB at 10,000 papers).
std::size_t size_estimate(const std::vector<MergedPaper>& papers) {
  std::size_t bytes = 64;
  for (const auto& p : papers) {
    bytes += 640 + p.title.size() + p.venue.size() + p.url.size() + p.doi.size() + 2 * p.citation_key.size();
    for (const auto& a : p.authors) bytes += 96 + a.name.size() + a.family.size() + a.given.size();
  }
  return bytes;
}

template <typename Item>
std::string render_array(const std::vector<MergedPaper>& papers, const JsonOptions& options, Item item) {
  std::string out;
  out.reserve(size_estimate(papers));
  Writer w(out);
  w.open('[');
  for (const auto& p : papers) {
    if (!p.hidden) item(w, p, options);
  }
  w.close(']');
  out.push_back('\n');
  return out;
}

}  // namespace

std::string render_csl_json(const std::vector<MergedPaper>& papers, const JsonOptions& options) {
  return render_array(papers, options, csl_item);
}

std::string render_json_data(const std::vector<MergedPaper>& papers, const JsonOptions& options) {
  return render_array(papers, options, data_item);
}

}  // namespace scholard::render
