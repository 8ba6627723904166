// `scholard completion bash|zsh|fish`: prints the shell completion script
// (completion_script.hpp), and the hidden `scholard __complete ids|candidates`
// the scripts call for paper ids: one per line, nothing at all (and exit 2)
// when there is no usable config, so a broken setup never fills the
// command line with error text.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/completion_script.hpp"
#include "cli/config_loader.hpp"
#include "cli/store_access.hpp"
#include "core/clock.hpp"

namespace scholard::cli {
namespace {

int print_script(const CLI::App& app, const std::string& shell) {
  const Shell s = shell == "zsh" ? Shell::zsh : shell == "fish" ? Shell::fish : Shell::bash;
  std::fputs(completion_script(s, describe_commands(app), "scholard").c_str(), stdout);
  return k_exit_ok;
}

// The config's papers by the id `show`, `remove` and `--only` take (the
// arXiv id when there is one, else the DOI), in the config's order.
int print_paper_ids(const Context& ctx) {
  auto cfg = load_config_or_report(ctx);
  if (!cfg) return k_exit_usage;
  for (const config::Paper& p : cfg->papers) {
    if (p.arxiv) std::printf("%s\n", p.arxiv->id.c_str());
    else if (p.doi) std::printf("%s\n", p.doi->value.c_str());
  }
  return k_exit_ok;
}

// The discovered papers waiting in the store (`accept` / `reject` take them).
int print_candidate_ids(const Context& ctx) {
  auto cfg = load_config_or_report(ctx);
  if (!cfg) return k_exit_usage;
  if (nothing_synced_yet(*cfg)) return k_exit_ok;
  core::SystemClock clock;
  auto store = open_store_or_report(ctx, *cfg, StoreUse::read, clock, "__complete");
  if (!store) return k_exit_fatal;
  auto pending = store->candidates(store::CandidateState::pending);
  if (!pending) return k_exit_fatal;
  for (const auto& c : *pending) std::printf("%s\n", c.key.c_str());
  return k_exit_ok;
}

}  // namespace

void add_completion_command(CLI::App& app, Context& ctx) {
  auto shell = std::make_shared<std::string>();
  auto* sub = app.add_subcommand("completion", "print the shell completion script for bash, zsh or fish");
  sub->add_option("SHELL", *shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  sub->footer("bash: source <(scholard completion bash)   zsh: scholard completion zsh > ~/.zfunc/_scholard\n"
              "fish: scholard completion fish > ~/.config/fish/completions/scholard.fish\n"
              "(the package and `cmake --install` put them where each shell looks already)");
  // The root app outlives every action: run() parses and runs within its scope.
  const CLI::App* root = &app;
  ctx.on_run(sub, [root, shell] { return print_script(*root, *shell); });

  auto what = std::make_shared<std::string>();
  auto* complete = app.add_subcommand("__complete", "values for the completion scripts (internal)");
  complete->group("");  // hidden from --help and from the scripts themselves
  complete->add_option("WHAT", *what, "ids or candidates")->required()->check(CLI::IsMember({"ids", "candidates"}));
  ctx.on_run(complete, [&ctx, what] { return *what == "ids" ? print_paper_ids(ctx) : print_candidate_ids(ctx); });
}

}  // namespace scholard::cli
