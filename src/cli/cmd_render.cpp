// `scholard render [--dry-run]` and `scholard export --format F [-o FILE]`:
// outputs from the store alone, no network. `render` holds the store's
// writer lock while it reads the store and writes, and runs the [hook] when
// it changed an output, as `sync` does.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <optional>

#include "cli/commands.hpp"
#include "cli/config_loader.hpp"
#include "cli/store_access.hpp"
#include "cli/style.hpp"
#include "daemon/hook.hpp"
#include "daemon/outputs.hpp"
#include "render/output_file.hpp"

namespace scholard::cli {
namespace {

struct RenderArgs {
  bool dry_run = false;
};

// 0, or 2 when an output's configuration is wrong, 3 when one could not be written.
int exit_code_of(const daemon::RenderReport& report) {
  int code = k_exit_ok;
  for (const auto& o : report.outputs) {
    if (o.error.empty()) continue;
    const bool config_problem =
        o.error_code == core::ErrorCode::invalid_input || o.error_code == core::ErrorCode::not_found;
    code = std::max(code, static_cast<int>(config_problem ? k_exit_usage : k_exit_fatal));
  }
  return code;
}

int exit_for(const daemon::RenderReport& report) {
  for (const auto& line : report.notes.lines()) print_error(line);
  for (const auto& o : report.outputs) {
    for (const auto& s : o.skipped) {
      std::fprintf(stderr, "scholard: %s: not written by scholard; left alone\n", (o.path / s).c_str());
    }
    if (!o.error.empty()) print_error(o.error);
  }
  return exit_code_of(report);
}

// "render: research.md rewritten", "render: outputs unchanged", or with the
// outputs that could not be written named.
std::string render_line(const daemon::RenderReport& report, bool dry_run) {
  std::string changed;
  std::string failed;
  for (const auto& o : report.outputs) {
    if (o.changed) changed += (changed.empty() ? "" : ", ") + o.path.filename().string();
    if (!o.error.empty()) failed += (failed.empty() ? "" : ", ") + o.path.filename().string();
  }
  // "outputs unchanged" only when every output is as rendered: a failed
  // one is named instead, its reason on stderr.
  std::string line = changed.empty() ? (failed.empty() ? "outputs unchanged" : "")
                                     : changed + (dry_run ? " would be rewritten" : " rewritten");
  if (!failed.empty()) line += (line.empty() ? "" : "; ") + failed + " not written";
  return "render: " + line;
}

// A render that writes is a run of the store (`status` lists it): begun
// once the writer lock is held, finished before it is let go. Best effort:
// the outputs are what matters, a run that cannot be recorded is only said.
// Returns the run's id, 0 when none was begun (ids start at 1).
std::int64_t begin_render_run(store::Store& store) {
  auto run = store.begin_run("render");
  if (run) return *run;
  print_warning("the run is not recorded: " + run.error().message);
  return 0;
}

void finish_render_run(store::Store& store, std::int64_t run_id, const daemon::RenderReport& report,
                       const std::string& line) {
  store::RunSummary summary;
  summary.outputs_written = report.changed();
  summary.outcome = exit_code_of(report) == k_exit_ok ? store::RunOutcome::ok : store::RunOutcome::failed;
  summary.message = line;
  if (auto ok = store.finish_run(run_id, summary); !ok) {
    print_warning("the run is not recorded: " + ok.error().message);
  }
}

int run_render(const Context& ctx, const RenderArgs& a) {
  auto cfg = load_config_or_report(ctx);
  if (!cfg) return k_exit_usage;
  core::SystemClock clock;
  // Writing takes the writer lock, as `sync` does, and reads the store only
  // once it holds it: a render racing a sync then waits for the sync's
  // outputs and renders from the same (or a newer) store, never writes older
  // outputs over them. A dry run writes nothing and needs no lock.
  const bool write = !a.dry_run && !nothing_synced_yet(*cfg);
  auto store = open_store_or_report(ctx, *cfg, write ? StoreUse::write : StoreUse::read, clock, "render");
  if (!store) return k_exit_fatal;
  std::optional<store::Store::WriterGuard> guard;
  if (write) {
    auto locked = store->lock_for_writing();
    if (!locked) {
      print_error(locked.error().message);
      return k_exit_fatal;
    }
    guard.emplace(std::move(*locked));
  }
  const std::int64_t run_id = write ? begin_render_run(*store) : 0;
  auto stored = store->all_papers();
  if (!stored) {
    print_error(stored.error().message);
    if (run_id != 0) {
      store::RunSummary failed;
      failed.outcome = store::RunOutcome::failed;
      failed.message = "render: " + stored.error().message;
      (void)store->finish_run(run_id, failed);  // best effort: the store just failed a read
    }
    return k_exit_fatal;
  }
  const auto mode = a.dry_run ? daemon::WriteMode::dry_run : daemon::WriteMode::write;
  const auto report = daemon::render_outputs(*cfg, *stored, mode);
  const std::string line = render_line(report, a.dry_run);
  if (run_id != 0) finish_render_run(*store, run_id, report, line);
  guard.reset();
  for (const auto& o : report.outputs) {
    if (a.dry_run) std::fputs(o.diff.c_str(), stdout);
  }
  if (!ctx.quiet || exit_code_of(report) != k_exit_ok) std::printf("%s\n", line.c_str());
  // The next sync finds these outputs already as it would render them and
  // would not run the hook: the site is rebuilt now or not at all.
  if (!a.dry_run) daemon::run_change_hook(cfg->hook, cfg->file, cfg->dir, report.changed_paths());
  return exit_for(report);
}

struct ExportArgs {
  std::string format;
  std::string output;
};

int run_export(const Context& ctx, const ExportArgs& a) {
  auto cfg = load_config_or_report(ctx);
  if (!cfg) return k_exit_usage;
  auto format = config::parse_output_format(a.format);
  if (!format) {
    print_error(format.error().message);
    return k_exit_usage;
  }
  core::SystemClock clock;
  auto store = open_store_or_report(ctx, *cfg, StoreUse::read, clock, "export");
  if (!store) return k_exit_fatal;
  auto stored = store->all_papers();
  if (!stored) {
    print_error(stored.error().message);
    return k_exit_fatal;
  }
  config::Output out;
  out.format = *format;
  auto bytes = daemon::render_single(out, daemon::published_papers(*cfg, *stored).papers);
  if (!bytes) {
    print_error(bytes.error().message);
    return k_exit_usage;
  }
  if (a.output.empty() || a.output == "-") {
    std::fwrite(bytes->data(), 1, bytes->size(), stdout);
    return k_exit_ok;
  }
  auto written = render::write_if_changed(a.output, *bytes);
  if (!written) {
    print_error(written.error().message);
    return k_exit_fatal;
  }
  return k_exit_ok;
}

}  // namespace

void add_render_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<RenderArgs>();
  auto* sub = app.add_subcommand("render", "rebuild the outputs from the cache only (no network)");
  sub->add_flag("--dry-run", a->dry_run, "print the diff of each output; write nothing");
  ctx.on_run(sub, [&ctx, a] { return run_render(ctx, *a); });
}

void add_export_command(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<ExportArgs>();
  auto* sub = app.add_subcommand("export", "write one format of the list to stdout or a file");
  sub->add_option("--format", a->format, "bibtex, csl-json or json")
      ->required()
      ->check(CLI::IsMember({"bibtex", "csl-json", "json"}));
  sub->add_option("-o,--output", a->output, "file to write (atomically); default stdout");
  ctx.on_run(sub, [&ctx, a] { return run_export(ctx, *a); });
}

}  // namespace scholard::cli
