#include "daemon/outputs.hpp"

#include <algorithm>
#include <set>

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
                                               const std::vector<store::PaperDetail>& stored) {
  return render::merge_papers(render_inputs(cfg, stored), render_profile(cfg.profile));
}

namespace {

render::MarkdownOptions markdown_options(const config::Output& out) {
  render::MarkdownOptions o;
  o.max_authors = out.max_authors;
  o.grouping = out.group_by_year ? render::YearGrouping::headings : render::YearGrouping::none;
  return o;
}

core::Result<std::string> markdown_page(const config::Output& out, const std::vector<render::MergedPaper>& papers) {
  auto page = render::read_file(out.path);
  if (!page) return tl::unexpected(page.error());
  std::string block;
  if (out.template_path) {
    auto tmpl = render::read_file(*out.template_path);
    if (!tmpl) return tl::unexpected(tmpl.error());
    auto rendered = render::render_markdown_template(papers, *tmpl, markdown_options(out));
    if (!rendered) return tl::unexpected(rendered.error());
    block = std::move(*rendered);
  } else {
    block = render::render_markdown(papers, markdown_options(out));
  }
  return render::replace_marked_block(*page, block, out.path.string());
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
  switch (out.format) {
    case OutputFormat::markdown: return markdown_page(out, papers);
    case OutputFormat::bibtex: return render::render_bibtex(papers, {render::MathStyle::plain, out.bibtex_show});
    case OutputFormat::csl_json: return render::render_csl_json(papers, {out.max_authors, render::MathStyle::plain});
    case OutputFormat::json: return render::render_json_data(papers, {out.max_authors, render::MathStyle::plain});
    case OutputFormat::academicpages: break;
  }
  return core::fail(core::ErrorCode::invalid_input, "academicpages is a folder of files, not a single output");
}

RenderReport render_outputs(const config::Config& cfg, const std::vector<store::PaperDetail>& stored, WriteMode mode) {
  const auto papers = merged_papers(cfg, stored);
  RenderReport report;
  for (const auto& out : cfg.outputs) {
    if (out.format == OutputFormat::academicpages) {
      report.outputs.push_back(folder_output(out, papers, mode));
      continue;
    }
    auto bytes = render_single(out, papers);
    if (!bytes) {
      report.outputs.push_back(failed(out, bytes.error()));
      continue;
    }
    OutputResult r{out.format, out.path, false, {}, {}, {}, {}, core::ErrorCode::io};
    if (mode == WriteMode::dry_run) {
      auto old = render::read_file(out.path);
      r.diff = render::unified_diff(old ? *old : std::string(), *bytes, out.path.string());
      r.changed = !r.diff.empty();
    } else {
      auto written = render::write_if_changed(out.path, *bytes);
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
