// `scholard add ID [--venue V] [--year Y] [--month M] [--title T] [--url U]
// [--key K] [--after ID2 | --before ID2]`: append a [[paper]] to the config
// file as text (or write it next to the paper ID2, so the page's order
// within a year needs no cut and paste), keeping every other byte. A
// duplicate is refused with the line where the paper already is; an invalid
// id with the parser's reason (exit 2 for both). The edited text is parsed
// again before it is written (atomically).
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "cli/style.hpp"
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
  std::string key;     // citation key
  std::string after;   // an id (or citation key) of a listed paper
  std::string before;
};

// The config's path and text, or an error already reported on stderr.
std::optional<std::pair<fs::path, std::string>> read_config_text(const Context& ctx, const config::Environment& env) {
  auto path = config::find_config_path(ctx.config_path, env, config::file_exists_on_disk);
  if (!path) {
    print_error(path.error().message);
    return std::nullopt;
  }
  auto text = render::read_file(*path);
  if (!text) {
    print_error(text.error().message);
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

// The [[paper]] header line of the listed paper `ref` (an arXiv id, a DOI or
// a citation key), or an error already reported on stderr.
std::optional<int> anchor_line(const config::Config& cfg, const std::string& ref, const char* flag) {
  auto id = core::parse_identifier(ref);
  for (const config::Paper& p : cfg.papers) {
    if (!p.citation_key.empty() && p.citation_key == ref) return p.line;
    if (id && id->kind == core::IdKind::arxiv && p.arxiv && p.arxiv->id == id->arxiv.id) return p.line;
    if (id && id->kind == core::IdKind::doi && p.doi && p.doi->value == id->doi.value) return p.line;
  }
  std::fprintf(stderr, "scholard: %s %s: no listed paper has that arXiv id, DOI or key\n", flag, ref.c_str());
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
  table.key = opt.key;
  std::string edited;
  const std::string formatted = config::format_paper_table(table);
  if (!opt.after.empty() || !opt.before.empty()) {
    const bool after = !opt.after.empty();
    const auto line = anchor_line(*cfg, after ? opt.after : opt.before, after ? "--after" : "--before");
    if (!line) return k_exit_usage;
    auto placed = config::insert_table(text, *line, after ? config::Place::after : config::Place::before, formatted);
    if (!placed) {
      print_error(placed.error().message);
      return k_exit_fatal;
    }
    edited = std::move(*placed);
  } else {
    edited = config::append_table(text, formatted);
  }
  auto check = config::parse_config(edited, path.string(), path.parent_path(), env);
  if (!check) {
    std::fprintf(stderr, "scholard: the config would not parse after adding %s; nothing written:\n%s\n",
                 id->display().c_str(), check.error().message.c_str());
    return k_exit_usage;
  }
  if (auto w = render::write_if_changed(path, edited); !w) {
    print_error(w.error().message);
    return k_exit_fatal;
  }
  int written_at = check->papers.back().line;
  for (const config::Paper& p : check->papers) {
    const bool same = id->kind == core::IdKind::arxiv ? p.arxiv && p.arxiv->id == id->arxiv.id
                                                       : p.doi && p.doi->value == id->doi.value;
    if (same) written_at = p.line;
  }
  std::printf("added %s to %s:%d\n", id->display().c_str(), path.c_str(), written_at);
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
  sub->add_option("--key", opt->key, "citation key for BibTeX / {% cite %} (default: generated, e.g. benton2024nearly)");
  auto* after = sub->add_option("--after", opt->after, "write it right after this listed paper (arXiv id, DOI or key)");
  auto* before = sub->add_option("--before", opt->before, "write it right before this listed paper (arXiv id, DOI or key)");
  after->excludes(before);
  ctx.on_run(sub, [&ctx, opt] { return run_add(ctx, *opt); });
}

}  // namespace scholard::cli
