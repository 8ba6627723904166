// `scholard check`: validate the configuration, the output paths and the
// store path without touching the network, and say what was found.
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli/commands.hpp"
#include "cli/config_loader.hpp"
#include "render/output_file.hpp"

namespace scholard::cli {
namespace {
namespace fs = std::filesystem;

struct Findings {
  int config_problems = 0;  // exit 2: fix the configuration or the page
  int fatal_problems = 0;   // exit 3: a path scholard cannot write
  int warnings = 0;         // reported, exit status unchanged
};

std::string count(int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

void check_profile(const config::Config& cfg, Findings& f) {
  if (auto warning = config::placeholder_contact_warning(cfg)) {
    std::printf("profile\n  warn  %s\n", warning->c_str());
    ++f.warnings;
  }
}

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

int run_check(const Context& ctx) {
  auto cfg = load_config_or_report(ctx);
  if (!cfg) return k_exit_usage;
  std::fputs(config::describe(*cfg).c_str(), stdout);
  Findings f;
  check_profile(*cfg, f);
  for (const auto& out : cfg->outputs) check_output(out, f);
  check_store(cfg->store.path, f);
  const std::string warned = f.warnings > 0 ? ", " + count(f.warnings, "warning", "warnings") : "";
  if (f.config_problems + f.fatal_problems == 0) {
    std::printf("check: ok%s (no network used)\n", warned.c_str());
    return k_exit_ok;
  }
  std::printf("check: %s%s\n", count(f.config_problems + f.fatal_problems, "problem", "problems").c_str(),
              warned.c_str());
  return f.fatal_problems > 0 ? k_exit_fatal : k_exit_usage;
}

}  // namespace

void add_check_command(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand("check", "validate the config, output paths and store path; no network");
  ctx.on_run(sub, [&ctx] { return run_check(ctx); });
}

}  // namespace scholard::cli
