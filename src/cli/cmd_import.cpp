// `scholard import FILE [--write]`: propose [[paper]] entries from an existing
// Markdown publication list or a BibTeX file. Prints them as TOML (comments
// say where each came from and how sure the id is); with --write, appends the
// new ones to the config (created from the example's header sections when
// missing) and puts the scholard markers around the page's list, after
// showing that change to the page as a diff on a terminal. A page with no
// run of paper-like entries is refused (exit 2) before anything is written.
// Running it twice adds nothing twice.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "cli/commands.hpp"
#include "cli/import_compare.hpp"
#include "cli/import_run.hpp"
#include "cli/style.hpp"
#include "config/config.hpp"
#include "config/edit.hpp"
#include "core/text.hpp"
#include "importer/import.hpp"
#include "importer/starter_config.hpp"
#include "render/line_diff.hpp"
#include "render/output_file.hpp"

namespace scholard::cli {
namespace {
namespace fs = std::filesystem;

// The config file to read or create, and its text ("" when it does not exist).
struct ConfigFile {
  fs::path path;
  bool exists = false;
  std::string text;
};

core::Result<ConfigFile> locate_config(const Context& ctx, const config::Environment& env) {
  ConfigFile cf;
  auto found = config::find_config_path(ctx.config_path, env, config::file_exists_on_disk);
  if (found) {
    cf.path = *found;
    auto text = render::read_file(cf.path);
    if (!text) return tl::unexpected(text.error());
    cf.text = std::move(*text);
    cf.exists = true;
    return cf;
  }
  // Nothing found: create it where the user pointed, else ./scholard.toml.
  fs::path wanted = !ctx.config_path.empty()          ? fs::path(ctx.config_path)
                    : env.get("SCHOLARD_CONFIG")      ? fs::path(*env.get("SCHOLARD_CONFIG"))
                                                      : fs::path("scholard.toml");
  cf.path = (env.cwd / wanted).lexically_normal();
  // A folder stands for its scholard.toml, as in config::find_config_path.
  std::error_code ec;
  if (fs::is_directory(cf.path, ec)) cf.path = (cf.path / "scholard.toml").lexically_normal();
  return cf;
}

void print_summary(const importer::ImportResult& r, const importer::Selection& s, const std::string& name,
                   const ConfigFile& cf) {
  int counts[3] = {0, 0, 0};
  for (const auto& p : r.proposals) ++counts[static_cast<int>(p.certainty)];
  std::printf("# scholard import: %s in %s (%d certain, %d likely, %d manual)",
              core::plural(r.proposals.size(), "entry", "entries").c_str(), name.c_str(), counts[0], counts[1], counts[2]);
  if (cf.exists) std::printf("; %zu already in %s", s.duplicates.size(), cf.path.c_str());
  std::printf("\n");
  for (const auto& w : r.warnings) std::printf("# warning: %s:%s\n", name.c_str(), w.c_str());
  for (const auto& [p, line] : s.duplicates) {
    const std::string where = line > 0 ? "line " + std::to_string(line) + " of the config" : "an earlier entry of " + name;
    std::printf("# skipped %s:%d (%s, \"%s\"): already listed at %s\n", name.c_str(), p.line, p.label().c_str(),
                p.title.c_str(), where.c_str());
  }
  if (!s.fresh.empty()) std::printf("\n");
}

// The existing config's text, or the starter --write creates (which the
// comparison with the sources reads too: its sources and profile).
std::string compare_base_text(const ConfigFile& cf, const importer::ImportResult& r, const std::string& name,
                              const fs::path& file) {
  if (cf.exists) return cf.text;
  std::string profile = importer::guess_profile_name(r.proposals);
  if (profile.empty()) profile = "Your Name";
  // Absolute, like `init` writes it: the config may move (next to a user unit, say).
  const fs::path page = fs::absolute(file).lexically_normal();
  return importer::starter_config(importer::example_config_text(), profile, page.string(), name);
}

// The config text with the new papers appended (a fresh config when none exists).
core::Result<std::string> new_config_text(const ConfigFile& cf, const importer::ImportResult& r,
                                          const importer::Selection& s, const std::string& name, const fs::path& file) {
  std::string text = cf.text;
  if (!cf.exists) {
    if (r.kind != importer::SourceKind::markdown) {
      return core::fail(core::ErrorCode::invalid_input,
                        cf.path.string() + " does not exist; create a config first (import your Markdown page, or copy "
                                           "the example config), then import the BibTeX file");
    }
    text = compare_base_text(cf, r, name, file);
  }
  if (s.fresh.empty()) return text;
  std::string block = "# ---------------------------------------------------------------- imported from " + name + "\n\n";
  block += importer::format_proposals(s.fresh, name);
  return config::append_table(text, block);
}

int write_all(const ConfigFile& cf, const std::string& new_text, const importer::ImportResult& r, const std::string& page,
              const fs::path& file, std::size_t added) {
  auto parsed = config::parse_config(new_text, cf.path.string(), cf.path.parent_path());
  if (!parsed) {
    std::fprintf(stderr, "scholard: the edited config would not parse; nothing written:\n%s\n",
                 parsed.error().message.c_str());
    return k_exit_usage;
  }
  auto wrote = render::write_if_changed(cf.path, new_text);
  if (!wrote) {
    print_error(wrote.error().message);
    return k_exit_fatal;
  }
  std::printf("# %s: %s (%s added)\n", cf.path.c_str(),
              *wrote == render::WriteResult::written ? "written" : "unchanged",
              core::plural(added, "paper", "papers").c_str());
  if (!r.list) return k_exit_ok;
  const std::string marked = importer::mark_list(page, *r.list);
  auto page_written = render::write_if_changed(file, marked);
  if (!page_written) {
    print_error(page_written.error().message);
    return k_exit_fatal;
  }
  std::printf("# %s: %s\n", file.c_str(),
              *page_written == render::WriteResult::written ? "scholard markers added around the list"
                                                            : "unchanged (the list is already marked)");
  return k_exit_ok;
}

}  // namespace

int run_import(const Context& ctx, const ImportOptions& opt) {
  const auto env = config::Environment::from_process();
  const fs::path file = (env.cwd / opt.file).lexically_normal();
  const std::string name = fs::path(opt.file).filename().string();
  auto text = render::read_file(file);
  if (!text) {
    std::fprintf(stderr, "scholard: %s: %s\n", opt.file.c_str(), text.error().message.c_str());
    return k_exit_usage;
  }
  auto result = importer::import_text(*text, name);
  if (!result) {
    print_error(result.error().message);
    return k_exit_usage;
  }
  auto cf = locate_config(ctx, env);
  if (!cf) {
    print_error(cf.error().message);
    return k_exit_usage;
  }
  importer::KnownPapers known;
  if (cf->exists) {
    auto cfg = config::parse_config(cf->text, cf->path.string(), cf->path.parent_path(), env);
    if (!cfg) {
      std::fprintf(stderr, "scholard: invalid configuration:\n%s\n", cfg.error().message.c_str());
      return k_exit_usage;
    }
    known = importer::KnownPapers(cfg->papers);
  }
  importer::Selection sel = importer::select_new(result->proposals, known);
  print_summary(*result, sel, name, *cf);
  if (result->kind == importer::SourceKind::markdown) {
    const CompareSetup setup{compare_base_text(*cf, *result, name, file), cf->path, file, name, opt.offline};
    const CompareReport compared = compare_with_sources(sel.fresh, setup);
    for (const auto& line : compared.lines) std::printf("# %s\n", line.c_str());
    if (!compared.lines.empty()) std::printf("\n");
  }
  std::fputs(importer::format_proposals(sel.fresh, name).c_str(), stdout);
  // The markers are the one change to the researcher's page: show it before
  // it happens (always on a terminal with --write; on request otherwise).
  if (result->list && (opt.diff || (opt.write && ::isatty(STDOUT_FILENO) != 0))) {
    const std::string diff = render::unified_diff(*text, importer::mark_list(*text, *result->list), opt.file);
    std::printf("\n# the change to %s:\n%s", opt.file.c_str(),
                diff.empty() ? "# none (the list is already marked)\n" : diff.c_str());
  }
  if (!opt.write) {
    std::printf("\n# nothing written; `scholard import %s --write` appends these to %s%s\n", opt.file.c_str(),
                cf->path.c_str(), result->list ? " and marks the list in the page" : "");
    return k_exit_ok;
  }
  auto new_text = new_config_text(*cf, *result, sel, name, file);
  if (!new_text) {
    print_error(new_text.error().message);
    return k_exit_usage;
  }
  std::printf("\n");
  return write_all(*cf, *new_text, *result, *text, file, sel.fresh.size());
}

void add_import_command(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<ImportOptions>();
  auto* sub = app.add_subcommand("import", "propose [[paper]] entries from an existing Markdown publication list or a BibTeX file");
  sub->add_option("FILE", opt->file, "the Markdown page or .bib file")->required();
  sub->add_flag("--write", opt->write,
                "append the new entries to the config and mark the list in the page (on a terminal, the change to "
                "the page is shown as a diff first); a page with no entry that looks like a paper is refused with "
                "exit 2 and nothing written");
  sub->add_flag("--diff", opt->diff,
                "show the change to the page as a unified diff even when stdout is not a terminal (with or without "
                "--write)");
  sub->add_flag("--offline", opt->offline,
                "do not compare the entries with arXiv and Crossref (the first sync may then change fields the page "
                "writes differently)");
  ctx.on_run(sub, [&ctx, opt] { return run_import(ctx, *opt); });
}

}  // namespace scholard::cli
