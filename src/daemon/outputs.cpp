#include "daemon/outputs.hpp"

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>

#include "daemon/inputs.hpp"
#include "render/academicpages.hpp"
#include "render/bibtex.hpp"
#include "render/json.hpp"
#include "render/line_diff.hpp"
#include "render/markdown.hpp"
#include "render/merge.hpp"
#include "render/output_file.hpp"

namespace scholard::daemon {
namespace fs = std::filesystem;
using config::OutputFormat;

int RenderReport::changed() const {
  return static_cast<int>(std::count_if(outputs.begin(), outputs.end(), [](const auto& o) { return o.changed; }));
}

int RenderReport::failed() const {
  return static_cast<int>(std::count_if(outputs.begin(), outputs.end(), [](const auto& o) { return !o.error.empty(); }));
}

std::vector<fs::path> RenderReport::changed_paths() const {
  std::vector<fs::path> paths;
  for (const auto& o : outputs) {
    if (o.changed) paths.push_back(o.path);
  }
  return paths;
}

std::vector<render::MergedPaper> merged_papers(const config::Config& cfg,
                                               const std::vector<store::PaperDetail>& stored,
                                               const SourceList& sources) {
  // The inputs carry the config's side only; the stored records are merged
  // where they are (render::PaperRecords) rather than copied into the inputs
  // and destroyed again: the copies would cost as much as the merge.
  // Same choice of record as render_inputs: the first paper of a key, the
  // last record of a source.
  const auto inputs = render_inputs(cfg, {}, sources);
  std::unordered_map<std::string_view, const store::PaperDetail*> by_key;
  by_key.reserve(stored.size());
  for (const auto& d : stored) by_key.emplace(d.key, &d);
  std::vector<render::PaperRecords> records(inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto it = by_key.find(inputs[i].key);
    if (it == by_key.end()) continue;
    records[i] = stored_records(*it->second, sources);
  }
  return render::merge_papers(inputs, records, render_profile(cfg));
}

namespace {

// "HTTP 503" out of "export.arxiv.org: HTTP 503 (service unavailable) ...":
// the host is the source's, and the rest is in `status`'s last error.
std::string http_status_of(const std::string& message) {
  const auto at = message.find(": HTTP ");
  if (at == std::string::npos) return message;
  auto end = at + 7;
  while (end < message.size() && message[end] >= '0' && message[end] <= '9') ++end;
  return message.substr(at + 2, end - at - 2);
}

bool looks_unreachable(const std::string& message) {
  for (const char* sign : {"HTTP ", "no response", "resolve", "connect", "timed out", "timeout", "reset"}) {
    if (message.find(sign) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

namespace {

// What a source answering "not found" means, by what it is.
std::string not_found_reason(const SourceInfo* source, const std::string& name) {
  if (source == nullptr) return name + " has no such paper — typo?";
  switch (source->kind) {
    case core::SourceKind::preprint_server: return name + " has no such paper — typo?";
    case core::SourceKind::doi_registry: return name + " does not know this DOI — typo?";
    case core::SourceKind::bibliographic_index: return name + " does not know this paper";
  }
  return name + " has no such paper — typo?";
}

}  // namespace

std::string waiting_reason(const SourceInfo* source, std::string_view source_name, const store::FetchState& st) {
  const std::string name = source != nullptr ? source->display_name : std::string(source_name);
  switch (st.outcome) {
    case store::StoredOutcome::not_found: return not_found_reason(source, name);
    case store::StoredOutcome::invalid: return name + " rejects the id (" + st.last_error + ") — typo?";
    case store::StoredOutcome::error:
      return looks_unreachable(st.last_error) ? name + " unreachable (" + http_status_of(st.last_error) + "), will retry"
                                              : name + " failed (" + st.last_error + "), will retry";
    case store::StoredOutcome::never:
    case store::StoredOutcome::ok:
    case store::StoredOutcome::not_modified: break;
  }
  return {};
}

namespace {

WaitingPaper waiting_paper(const std::string& key, const store::PaperDetail* detail, const SourceList& sources) {
  WaitingPaper w{key, {}, false};
  if (detail != nullptr) {
    for (const auto& rec : detail->records) {
      const SourceInfo* source = find_source(sources, rec.source);
      if (source == nullptr) continue;  // a source this run does not ask
      // An index not knowing a paper says nothing about the id (engine.cpp).
      if (source->kind == core::SourceKind::bibliographic_index && rec.state.outcome == store::StoredOutcome::not_found) {
        continue;
      }
      std::string why = waiting_reason(source, rec.source, rec.state);
      if (why.empty()) continue;
      w.tried = true;
      w.reason += (w.reason.empty() ? "" : "; ") + why;
    }
  }
  if (w.reason.empty()) w.reason = "not fetched yet";
  return w;
}

std::string quoted_authors(const render::ForeignPaper& f) {
  std::string s;
  for (const auto& a : f.authors) s += (s.empty() ? "" : ", ") + a;
  return f.author_count > f.authors.size() ? s + ", ..." : s;
}

}  // namespace

std::vector<std::string> PaperNotes::lines() const {
  std::vector<std::string> out;
  for (const auto& w : waiting) out.push_back(w.key + ": not on the page yet: " + w.reason);
  for (const auto& f : foreign) {
    out.push_back(f.key + ": none of the authors matches your profile (" + quoted_authors(f) +
                  "); typo? (if you know you are not among them: not_an_author = true in its [[paper]])");
  }
  for (const auto& d : duplicates) {
    out.push_back(d.key + ": the same paper as " + d.kept_key + " (" + d.why + "): rendered once, as " + d.kept_key +
                  "; list it in one [[paper]]");
  }
  return out;
}

PublishedList published_papers(const config::Config& cfg, const std::vector<store::PaperDetail>& stored,
                               const SourceList& sources) {
  PublishedList list{merged_papers(cfg, stored, sources), {}};
  auto screened = render::screen_papers(list.papers, render_profile(cfg));
  if (!screened.waiting.empty()) {
    std::unordered_map<std::string_view, const store::PaperDetail*> by_key;
    for (const auto& d : stored) by_key.emplace(d.key, &d);
    for (const auto& key : screened.waiting) {
      const auto it = by_key.find(key);
      list.notes.waiting.push_back(waiting_paper(key, it == by_key.end() ? nullptr : it->second, sources));
    }
  }
  list.notes.foreign = std::move(screened.foreign);
  list.notes.duplicates = std::move(screened.duplicates);
  return list;
}

namespace {

render::MarkdownOptions markdown_options(const config::Output& out) {
  render::MarkdownOptions o;
  o.max_authors = out.max_authors;
  o.grouping = out.group_by_year ? render::YearGrouping::headings : render::YearGrouping::none;
  o.et_al = out.et_al;
  o.range_dash = out.range_dash;
  return o;
}

// The whole page, its block rendered through `bytes` (the pass's buffer).
core::Result<void> markdown_page(std::string& bytes, const config::Output& out,
                                 const std::vector<render::MergedPaper>& papers) {
  // Said as it is: read as a file, a folder would be "no begin marker".
  std::error_code ec;
  if (fs::is_directory(out.path, ec)) {
    return core::fail(core::ErrorCode::invalid_input,
                      out.path.string() + ": is a folder, expected a Markdown file");
  }
  auto page = render::read_file(out.path);
  if (!page) return tl::unexpected(page.error());
  std::string templated;
  std::string_view block;
  if (out.template_path) {
    auto tmpl = render::read_file(*out.template_path);
    if (!tmpl) return tl::unexpected(tmpl.error());
    auto rendered = render::render_markdown_template(papers, *tmpl, markdown_options(out));
    if (!rendered) return tl::unexpected(rendered.error());
    templated = std::move(*rendered);
    block = templated;
  } else {
    render::append_markdown(bytes, papers, markdown_options(out));
    block = bytes;
  }
  auto replaced = render::replace_marked_block(*page, block, out.path.string());
  if (!replaced) return tl::unexpected(replaced.error());
  bytes.assign(*replaced);  // keeps the buffer's memory for the next output
  return {};
}

// The bytes of a single-file output, into `bytes` (cleared first): one buffer
// serves every output of a pass, so its memory is faulted in once.
core::Result<void> render_into(std::string& bytes, const config::Output& out,
                               const std::vector<render::MergedPaper>& papers) {
  bytes.clear();
  switch (out.format) {
    case OutputFormat::markdown: return markdown_page(bytes, out, papers);
    case OutputFormat::bibtex:
      render::append_bibtex(bytes, papers, {render::MathStyle::plain, out.bibtex_show});
      return {};
    case OutputFormat::csl_json:
      render::append_csl_json(bytes, papers, {out.max_authors, render::MathStyle::plain});
      return {};
    case OutputFormat::json:
      render::append_json_data(bytes, papers, {out.max_authors, render::MathStyle::plain});
      return {};
    case OutputFormat::academicpages: break;
  }
  return core::fail(core::ErrorCode::invalid_input, "academicpages is a folder of files, not a single output");
}

OutputResult failed(const config::Output& out, const core::Error& e) {
  OutputResult r{out.format, out.path, false, {}, {}, {}, e.message, e.code};
  return r;
}

// The generated files of an academicpages folder, compared with what is there.
OutputResult folder_output(const config::Output& out, const std::vector<render::MergedPaper>& papers, WriteMode mode) {
  const auto files = render::render_academicpages(papers, markdown_options(out));
  OutputResult r{out.format, out.path, false, {}, {}, {}, {}, core::ErrorCode::io};
  if (mode == WriteMode::write) {
    auto sync = render::sync_publication_folder(out.path, files);
    if (!sync) return failed(out, sync.error());
    r.changed = !sync->written.empty() || !sync->removed.empty();
    r.removed = sync->removed;
    r.skipped = sync->skipped;
    return r;
  }
  std::set<std::string> names;
  for (const auto& f : files) {
    names.insert(f.name);
    auto old = render::read_file(out.path / f.name);
    r.diff += render::unified_diff(old ? *old : std::string(), f.bytes, (out.path / f.name).string());
  }
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(out.path, ec)) {
    const std::string name = entry.path().filename().string();
    if (names.count(name) || !entry.is_regular_file() || entry.path().extension() != ".md") continue;
    auto old = render::read_file(entry.path());
    if (old && render::has_generated_marker(*old)) {
      r.removed.push_back(name);
      r.diff += render::unified_diff(*old, "", entry.path().string());
    }
  }
  r.changed = !r.diff.empty();
  return r;
}

}  // namespace

core::Result<std::string> render_single(const config::Output& out, const std::vector<render::MergedPaper>& papers) {
  std::string bytes;
  auto rendered = render_into(bytes, out, papers);
  if (!rendered) return tl::unexpected(rendered.error());
  return bytes;
}

RenderReport render_outputs(const config::Config& cfg, const std::vector<store::PaperDetail>& stored, WriteMode mode,
                            const SourceList& sources) {
  auto published = published_papers(cfg, stored, sources);
  const auto& papers = published.papers;
  RenderReport report;
  report.notes = std::move(published.notes);
  std::string bytes;  // every single-file output in turn
  for (const auto& out : cfg.outputs) {
    if (out.format == OutputFormat::academicpages) {
      report.outputs.push_back(folder_output(out, papers, mode));
      continue;
    }
    auto rendered = render_into(bytes, out, papers);
    if (!rendered) {
      report.outputs.push_back(failed(out, rendered.error()));
      continue;
    }
    OutputResult r{out.format, out.path, false, {}, {}, {}, {}, core::ErrorCode::io};
    if (mode == WriteMode::dry_run) {
      auto old = render::read_file(out.path);
      r.diff = render::unified_diff(old ? *old : std::string(), bytes, out.path.string());
      r.changed = !r.diff.empty();
    } else {
      auto written = render::write_if_changed(out.path, bytes);
      if (!written) {
        report.outputs.push_back(failed(out, written.error()));
        continue;
      }
      r.changed = *written == render::WriteResult::written;
    }
    report.outputs.push_back(std::move(r));
  }
  return report;
}

}  // namespace scholard::daemon
