// `scholard remove ID`: cut that paper's whole [[paper]] table (its keys, the
// comments among them and the comment lines directly above it) out of the
// config text, leaving every other byte as it was. An id not listed, or an
// invalid one, is refused with exit 2. The edited text is parsed again
// before it is written (atomically).
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/style.hpp"
#include "config/config.hpp"
#include "config/edit.hpp"
#include "render/output_file.hpp"

namespace scholard::cli {
namespace {
namespace fs = std::filesystem;

// The [[paper]] `id` names, or nullptr.
const config::Paper* find_paper(const config::Config& cfg, const core::Identifier& id) {
  for (const config::Paper& p : cfg.papers) {
    if (id.kind == core::IdKind::arxiv && p.arxiv && p.arxiv->id == id.arxiv.id) return &p;
    if (id.kind == core::IdKind::doi && p.doi && p.doi->value == id.doi.value) return &p;
  }
  return nullptr;
}

int run_remove(const Context& ctx, const std::string& raw_id) {
  auto id = core::parse_identifier(raw_id);
  if (!id) {
    std::fprintf(stderr, "scholard: invalid id \"%s\": %s\n", raw_id.c_str(), id.error().message.c_str());
    return k_exit_usage;
  }
  const auto env = config::Environment::from_process();
  auto path = config::find_config_path(ctx.config_path, env, config::file_exists_on_disk);
  if (!path) {
    print_error(path.error().message);
    return k_exit_usage;
  }
  auto text = render::read_file(*path);
  if (!text) {
    print_error(text.error().message);
    return k_exit_usage;
  }
  auto cfg = config::parse_config(*text, path->string(), path->parent_path(), env);
  if (!cfg) {
    std::fprintf(stderr, "scholard: invalid configuration:\n%s\n", cfg.error().message.c_str());
    return k_exit_usage;
  }
  const config::Paper* paper = find_paper(*cfg, *id);
  if (paper == nullptr) {
    std::fprintf(stderr, "scholard: %s is not listed in %s\n", id->display().c_str(), path->c_str());
    return k_exit_usage;
  }
  auto edited = config::remove_table(*text, paper->line);
  if (!edited) {
    std::fprintf(stderr, "scholard: %s:%d: %s (is the paper written as a [[paper]] table?)\n", path->c_str(),
                 paper->line, edited.error().message.c_str());
    return k_exit_usage;
  }
  auto check = config::parse_config(*edited, path->string(), path->parent_path(), env);
  if (!check || check->papers.size() + 1 != cfg->papers.size()) {
    std::fprintf(stderr, "scholard: the config would not parse after removing %s; nothing written:\n%s\n",
                 id->display().c_str(), check ? "the number of papers did not drop by one" : check.error().message.c_str());
    return k_exit_usage;
  }
  if (auto w = render::write_if_changed(*path, *edited); !w) {
    print_error(w.error().message);
    return k_exit_fatal;
  }
  std::printf("removed %s (was at %s:%d)\n", id->display().c_str(), path->c_str(), paper->line);
  return k_exit_ok;
}

}  // namespace

void add_remove_command(CLI::App& app, Context& ctx) {
  auto id = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("remove", "remove a paper's [[paper]] table from the config file (other bytes kept)");
  sub->add_option("ID", *id, "arXiv id or DOI of a listed paper")->required();
  ctx.on_run(sub, [&ctx, id] { return run_remove(ctx, *id); });
}

}  // namespace scholard::cli
