// `scholard add ID [--venue V] [--year Y] [--month M] [--title T] [--url U]`: append a
// [[paper]] to the config file as text, keeping every other byte. A
// duplicate is refused with the line where the paper already is; an invalid
// id with the parser's reason (exit 2 for both). The edited text is parsed
// again before it is written (atomically).
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "config/config.hpp"
#include "config/edit.hpp"
#include "core/month.hpp"
#include "render/output_file.hpp"

namespace scholard::cli {
namespace {
namespace fs = std::filesystem;

struct AddOptions {
  std::string id;
  std::string venue;
  std::optional<int> year;
  std::string month;  // "February", "Feb" or "2"
  std::string title;
  std::string url;
};

// The config's path and text, or an error already reported on stderr.
std::optional<std::pair<fs::path, std::string>> read_config_text(const Context& ctx, const config::Environment& env) {
  auto path = config::find_config_path(ctx.config_path, env, config::file_exists_on_disk);
  if (!path) {
    std::fprintf(stderr, "scholard: %s\n", path.error().message.c_str());
    return std::nullopt;
  }
  auto text = render::read_file(*path);
  if (!text) {
    std::fprintf(stderr, "scholard: %s\n", text.error().message.c_str());
    return std::nullopt;
  }
  return std::make_pair(*path, std::move(*text));
}

// The line of the paper `id` duplicates, if any.
std::optional<int> listed_at(const config::Config& cfg, const core::Identifier& id) {
  for (const config::Paper& p : cfg.papers) {
    if (id.kind == core::IdKind::arxiv && p.arxiv && p.arxiv->id == id.arxiv.id) return p.line;
    if (id.kind == core::IdKind::doi && p.doi && p.doi->value == id.doi.value) return p.line;
  }
  return std::nullopt;
}

int run_add(const Context& ctx, const AddOptions& opt) {
  auto id = core::parse_identifier(opt.id);
  if (!id) {
    std::fprintf(stderr, "scholard: invalid id \"%s\": %s\n", opt.id.c_str(), id.error().message.c_str());
    return k_exit_usage;
  }
  const auto env = config::Environment::from_process();
  auto file = read_config_text(ctx, env);
  if (!file) return k_exit_usage;
  const auto& [path, text] = *file;
  auto cfg = config::parse_config(text, path.string(), path.parent_path(), env);
  if (!cfg) {
    std::fprintf(stderr, "scholard: invalid configuration:\n%s\n", cfg.error().message.c_str());
    return k_exit_usage;
  }
  if (auto line = listed_at(*cfg, *id)) {
    std::fprintf(stderr, "scholard: %s is already listed at %s:%d\n", id->display().c_str(), path.c_str(), *line);
    return k_exit_usage;
  }
  config::PaperTable table;
  if (id->kind == core::IdKind::arxiv) {
    table.arxiv = id->arxiv.versioned();  // a version the user gave is kept
  } else {
    table.doi = id->doi.value;
  }
  table.title = opt.title;
  table.venue = opt.venue;
  table.year = opt.year;
  if (!opt.month.empty()) {
    const bool number = opt.month.find_first_not_of("0123456789") == std::string::npos && opt.month.size() <= 2;
    const auto month = number ? std::optional<int>(std::stoi(opt.month)) : core::parse_month_name(opt.month);
    if (!month || *month < 1 || *month > 12) {
      std::fprintf(stderr, "scholard: --month: expected 1-12 or a month's English name (February, Feb), found \"%s\"\n",
                   opt.month.c_str());
      return k_exit_usage;
    }
    table.month = month;
  }
  table.url = opt.url;
  const std::string edited = config::append_table(text, config::format_paper_table(table));
  auto check = config::parse_config(edited, path.string(), path.parent_path(), env);
  if (!check) {
    std::fprintf(stderr, "scholard: the config would not parse after adding %s; nothing written:\n%s\n",
                 id->display().c_str(), check.error().message.c_str());
    return k_exit_usage;
  }
  if (auto w = render::write_if_changed(path, edited); !w) {
    std::fprintf(stderr, "scholard: %s\n", w.error().message.c_str());
    return k_exit_fatal;
  }
  std::printf("added %s to %s:%d\n", id->display().c_str(), path.c_str(), check->papers.back().line);
  return k_exit_ok;
}

}  // namespace

void add_add_command(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<AddOptions>();
  auto* sub = app.add_subcommand("add", "append a [[paper]] to the config file (comments kept)");
  sub->add_option("ID", opt->id, "arXiv id or DOI, in any form (2308.03686, arXiv:..., https://doi.org/...)")->required();
  sub->add_option("--venue", opt->venue, "venue override, e.g. \"International Conference on Learning Representations\"");
  sub->add_option("--year", opt->year, "year override")->check(CLI::Range(1000, 9999));
  sub->add_option("--month", opt->month, "month shown before the year (\"February\" or 2), as your page writes it");
  sub->add_option("--title", opt->title, "title override");
  sub->add_option("--url", opt->url, "the link the list should use instead of the arXiv / DOI page");
  ctx.on_run(sub, [&ctx, opt] { return run_add(ctx, *opt); });
}

}  // namespace scholard::cli
