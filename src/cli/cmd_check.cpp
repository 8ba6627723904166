// `scholard check`: validate the configuration, the output paths and the
// store path without touching the network, and say what was found.
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli/commands.hpp"
#include "cli/config_loader.hpp"
#include "daemon/outputs.hpp"
#include "render/output_file.hpp"
#include "store/store.hpp"

namespace scholard::cli {
namespace {
namespace fs = std::filesystem;

struct Findings {
  int config_problems = 0;  // exit 2: fix the configuration or the page
  int fatal_problems = 0;   // exit 3: a path scholard cannot write
};

std::size_t line_at(const std::string& text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

void check_markdown_page(const config::Output& out, Findings& f) {
  auto page = render::read_file(out.path);
  if (!page) {
    std::printf("  FAIL  %s: %s\n", out.path.c_str(), page.error().message.c_str());
    ++(page.error().code == core::ErrorCode::not_found ? f.config_problems : f.fatal_problems);
    return;
  }
  auto block = render::find_marked_block(*page, out.path.string());
  if (!block) {
    std::printf("  FAIL  %s\n", block.error().message.c_str());
    ++f.config_problems;
    return;
  }
  std::printf("  ok    markers at lines %zu-%zu\n", line_at(*page, block->begin), line_at(*page, block->end));
}

void check_output(const config::Output& out, Findings& f) {
  std::printf("output %s -> %s\n", std::string(config::to_string(out.format)).c_str(), out.path.c_str());
  std::error_code ec;
  const bool is_folder_output = out.format == config::OutputFormat::academicpages;
  const fs::path probe = is_folder_output ? out.path / ".scholard-check" : out.path;
  if (auto w = render::check_writable(probe); !w) {
    std::printf("  FAIL  %s\n", w.error().message.c_str());
    ++f.fatal_problems;
    return;
  }
  if (out.format == config::OutputFormat::markdown) {
    check_markdown_page(out, f);
  } else if (fs::exists(out.path, ec)) {
    std::printf("  ok    exists and can be replaced\n");
  } else {
    std::printf("  ok    will be created on the first sync\n");
  }
  if (out.template_path && !fs::is_regular_file(*out.template_path, ec)) {
    std::printf("  FAIL  template %s does not exist\n", out.template_path->c_str());
    ++f.config_problems;
  }
}

void check_store(const fs::path& path, Findings& f) {
  std::printf("store %s\n", path.c_str());
  std::error_code ec;
  if (auto w = render::check_writable(path); !w) {
    std::printf("  FAIL  %s\n", w.error().message.c_str());
    ++f.fatal_problems;
  } else if (fs::exists(path, ec)) {
    std::printf("  ok    exists and is writable\n");
  } else {
    std::printf("  ok    will be created on the first sync\n");
  }
}

// The list as the outputs would show it (daemon::PaperNotes): papers that
// wait, look like somebody else's, or are listed twice. Warnings only: the
// outputs stay right (such papers are left out or rendered once). Uses what
// the store holds when there is one; without it only the config's own
// entries can be compared, and nothing has been fetched to wait for.
void check_papers(const config::Config& cfg) {
  std::vector<store::PaperDetail> stored;
  std::error_code ec;
  const bool have_store = fs::exists(cfg.store.path, ec);
  if (have_store) {
    core::SystemClock clock;
    store::StoreOptions options;
    options.mode = store::AccessMode::read_only;
    auto st = store::Store::open(cfg.store.path.string(), clock, options);
    if (st) {
      if (auto all = st->all_papers()) stored = std::move(*all);
    }
  }
  auto notes = daemon::published_papers(cfg, stored).notes;
  std::erase_if(notes.waiting, [](const daemon::WaitingPaper& w) { return !w.tried; });
  const auto lines = notes.lines();
  std::printf("papers%s\n", have_store ? " (as last fetched)" : "");
  if (lines.empty()) std::printf("  ok    each listed once%s\n", have_store ? ", all yours, none waiting" : "");
  for (const auto& line : lines) std::printf("  WARN  %s\n", line.c_str());
}

int run_check(const Context& ctx) {
  auto cfg = load_config_or_report(ctx);
  if (!cfg) return k_exit_usage;
  std::fputs(config::describe(*cfg).c_str(), stdout);
  Findings f;
  for (const auto& out : cfg->outputs) check_output(out, f);
  check_store(cfg->store.path, f);
  check_papers(*cfg);
  if (f.config_problems + f.fatal_problems == 0) {
    std::printf("check: ok (no network used)\n");
    return k_exit_ok;
  }
  std::printf("check: %d problem(s)\n", f.config_problems + f.fatal_problems);
  return f.fatal_problems > 0 ? k_exit_fatal : k_exit_usage;
}

}  // namespace

void add_check_command(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand("check", "validate the config, output paths and store path; no network");
  ctx.on_run(sub, [&ctx] { return run_check(ctx); });
}

}  // namespace scholard::cli
