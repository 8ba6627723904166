// `scholard check`: validate the configuration, the output paths and the
// store path without touching the network, and say what was found.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "cli/commands.hpp"
#include "cli/config_loader.hpp"
#include "cli/store_access.hpp"
#include "cli/style.hpp"
#include "core/text.hpp"
#include "daemon/outputs.hpp"
#include "render/output_file.hpp"
#include "store/owner.hpp"
#include "store/store.hpp"

namespace scholard::cli {
namespace {
namespace fs = std::filesystem;

struct Findings {
  int config_problems = 0;  // exit 2: fix the configuration, the page or the store
  int fatal_problems = 0;   // exit 3: a path scholard cannot write
  int warnings = 0;         // reported, exit status unchanged
};

// "ok", "WARN" or "FAIL", coloured when stdout gets colour (cli/style.hpp).
// The text stays put: the words of a line are padded as if uncoloured.
const char* mark(Tone tone) {
  static const std::string ok = paint("ok", Tone::ok, stdout_color());
  static const std::string warn = paint("WARN", Tone::warning, stdout_color());
  static const std::string failed = paint("FAIL", Tone::error, stdout_color());
  return (tone == Tone::ok ? ok : tone == Tone::warning ? warn : failed).c_str();
}

void check_profile(const config::Config& cfg, Findings& f) {
  if (auto warning = config::placeholder_contact_warning(cfg)) {
    std::printf("profile\n  %s  %s\n", mark(Tone::warning), warning->c_str());
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
    std::printf("  %s  %s: %s\n", mark(Tone::error), out.path.c_str(), page.error().message.c_str());
    ++(page.error().code == core::ErrorCode::not_found ? f.config_problems : f.fatal_problems);
    return;
  }
  auto block = render::find_marked_block(*page, out.path.string());
  if (!block) {
    std::printf("  %s  %s\n", mark(Tone::error), block.error().message.c_str());
    ++f.config_problems;
    return;
  }
  std::printf("  %s    markers at lines %zu-%zu\n", mark(Tone::ok), line_at(*page, block->begin), line_at(*page, block->end));
}

void check_output(const config::Output& out, Findings& f) {
  std::printf("output %s -> %s\n", std::string(config::to_string(out.format)).c_str(), out.path.c_str());
  std::error_code ec;
  const bool is_folder_output = out.format == config::OutputFormat::academicpages;
  const fs::path probe = is_folder_output ? out.path / ".scholard-check" : out.path;
  if (auto w = render::check_writable(probe); !w) {
    std::printf("  %s  %s\n", mark(Tone::error), w.error().message.c_str());
    ++f.fatal_problems;
    return;
  }
  if (out.format == config::OutputFormat::markdown) {
    check_markdown_page(out, f);
  } else if (fs::exists(out.path, ec)) {
    std::printf("  %s    exists and can be replaced\n", mark(Tone::ok));
  } else {
    std::printf("  %s    will be created on the first sync\n", mark(Tone::ok));
  }
  if (out.template_path && !fs::is_regular_file(*out.template_path, ec)) {
    std::printf("  %s  template %s does not exist\n", mark(Tone::error), out.template_path->c_str());
    ++f.config_problems;
  }
}

// Whether the missing store file `path` could be created, without creating
// it: in the nearest existing folder above it, a probe folder is made and
// removed (access(2) would say yes to root in /proc, and cannot see a file
// where a folder is needed). Error: io naming the folder and why.
core::Result<void> store_can_be_created(const fs::path& path) {
  std::error_code ec;
  fs::path folder = path.parent_path();
  while (!folder.empty() && !fs::exists(folder, ec) && folder != folder.parent_path()) folder = folder.parent_path();
  if (!fs::is_directory(folder, ec)) {
    return core::fail(core::ErrorCode::io, "cannot create " + path.string() + ": " + folder.string() + " is not a folder");
  }
  std::string probe = (folder / ".scholard-check-XXXXXX").string();
  if (::mkdtemp(probe.data()) == nullptr) {
    const int err = errno;
    fs::path first_missing = path;
    while (first_missing.parent_path() != folder && first_missing != first_missing.parent_path()) {
      first_missing = first_missing.parent_path();
    }
    return core::fail(core::ErrorCode::io, "cannot create " + first_missing.string() + " in " + folder.string() + ": " +
                                               std::strerror(err));
  }
  ::rmdir(probe.c_str());
  return {};
}

// Whether this process can really write the existing store at `path`: the
// file opened for writing (nothing written), each -wal/-shm file likewise
// (or owned by this user, so the next sync gives it the store's mode), and
// a file made and removed in its folder (sqlite creates the -wal, -shm and
// lock files there). access(2) would not do: it says yes to root, and
// nothing about the side files. Error: io naming the file or folder.
core::Result<void> store_write_access(const fs::path& path) {
  auto cannot = [](const std::string& what, int err) {
    return core::fail(core::ErrorCode::io, "cannot write " + what + ": " + std::strerror(err));
  };
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    struct stat st {};
    char mode[16] = "";
    if (::stat(path.c_str(), &st) == 0) std::snprintf(mode, sizeof mode, " (mode %04o)", st.st_mode & 07777);
    return cannot("the store " + path.string() + mode, err);
  }
  ::close(fd);
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string side = path.string() + suffix;
    fd = ::open(side.c_str(), O_RDWR | O_CLOEXEC);
    if (fd >= 0) {
      ::close(fd);
      continue;
    }
    const int err = errno;
    struct stat st {};
    if (err == ENOENT || (::stat(side.c_str(), &st) == 0 && st.st_uid == ::geteuid())) continue;
    return cannot(side + " (another user's file; give it the store's owner and mode)", err);
  }
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::string probe = (folder / ".scholard-check-XXXXXX").string();
  fd = ::mkstemp(probe.data());
  if (fd < 0) return cannot("files in the store's folder " + folder.string() + " (its -wal, -shm and lock files)", errno);
  ::close(fd);
  ::unlink(probe.c_str());
  return {};
}

// The store opened for real (read-only: check changes nothing): a file that
// is not a store, a newer schema, another config's store and a path that
// cannot be created are problems (exit 2). No store file is created.
// The store's path when it exists and may be read for this config (for
// check_papers), else empty. The path is worked out once: finding it may
// read the owner recorded in an older scholard's shared store.
fs::path check_store(const Context& ctx, const config::Config& cfg, Findings& f) {
  const fs::path path = effective_store_path(cfg);
  std::printf("store %s\n", path.c_str());
  auto fail = [&f](const std::string& why) -> fs::path {
    std::printf("  %s  %s\n", mark(Tone::error), why.c_str());
    ++f.config_problems;
    return {};
  };
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    if (auto ok = store_can_be_created(path); !ok) return fail(ok.error().message);
    std::printf("  %s    will be created at %s by the first sync\n", mark(Tone::ok), path.c_str());
    return {};
  }
  auto fatal = [&f](const std::string& why) -> fs::path {
    std::printf("  %s  %s\n", mark(Tone::error), why.c_str());
    ++f.fatal_problems;
    return {};
  };
  if (!fs::is_regular_file(path, ec)) return fail(path.string() + ": exists but is not a regular file");
  if (auto w = store_write_access(path); !w) return fatal(w.error().message);
  if (path != cfg.store.path) {
    std::printf("  %s    the store this config used before each config had its own (kept in place)\n", mark(Tone::ok));
  }
  auto owner = store::read_store_owner(path.string());
  if (!owner) return fail(owner.error().message);
  if (!*owner) {
    if (fs::file_size(path, ec) == 0) {
      std::printf("  %s    exists (empty); the first sync sets it up\n", mark(Tone::ok));
      return {};
    } else {
      std::printf("  %s    made by an older scholard; the next sync makes it the store of %s\n", mark(Tone::ok),
                  cfg.store.owner.c_str());
    }
  } else if (**owner != cfg.store.owner) {
    if (!ctx.adopt_store) return fail(store::foreign_store_message(path.string(), **owner, cfg.store.owner));
    std::printf("  %s    belongs to %s; with --adopt-store the next sync takes it over\n", mark(Tone::ok), (*owner)->c_str());
  } else {
    std::printf("  %s    exists, is writable and belongs to this config\n", mark(Tone::ok));
  }
  // Damage (a file cut short, pages overwritten): the full quick check, not
  // only the one an open runs when the file changed since its last close.
  core::SystemClock clock;
  store::StoreOptions options;
  options.mode = store::AccessMode::read_only;
  auto st = store::Store::open(path.string(), clock, options);
  auto sound = st ? st->check_integrity(store::Store::CheckWhen::always) : core::Result<void>(tl::unexpected(st.error()));
  if (!sound) {
    // An older schema or an empty store was described above; damage is io.
    if (sound.error().code == core::ErrorCode::io) return fatal(sound.error().message);
    return path;
  }
  std::printf("  %s    passes its integrity check\n", mark(Tone::ok));
  return path;
}

// The list as the outputs would show it (daemon::PaperNotes): papers that
// wait, look like somebody else's, or are listed twice. Warnings only: the
// outputs stay right (such papers are left out or rendered once). Uses what
// the store holds when there is one; without it only the config's own
// entries can be compared, and nothing has been fetched to wait for.
// `store_path` is empty when there is no store this config may read.
void check_papers(const config::Config& cfg, const fs::path& store_path, Findings& f) {
  std::vector<store::PaperDetail> stored;
  const bool have_store = !store_path.empty();
  if (have_store) {
    core::SystemClock clock;
    store::StoreOptions options;
    options.mode = store::AccessMode::read_only;
    auto st = store::Store::open(store_path.string(), clock, options);
    if (st) {
      if (auto all = st->all_papers()) stored = std::move(*all);
    }
  }
  auto notes = daemon::published_papers(cfg, stored).notes;
  std::erase_if(notes.waiting, [](const daemon::WaitingPaper& w) { return !w.tried; });
  const auto lines = notes.lines();
  std::printf("papers%s\n", have_store ? " (as last fetched)" : "");
  if (lines.empty()) std::printf("  %s    each listed once%s\n", mark(Tone::ok), have_store ? ", all yours, none waiting" : "");
  for (const auto& line : lines) std::printf("  %s  %s\n", mark(Tone::warning), line.c_str());
  f.warnings += static_cast<int>(lines.size());
}

int run_check(const Context& ctx) {
  auto cfg = load_config_or_report(ctx);
  if (!cfg) return k_exit_usage;
  std::fputs(config::describe(*cfg).c_str(), stdout);
  Findings f;
  check_profile(*cfg, f);
  for (const auto& out : cfg->outputs) check_output(out, f);
  check_papers(*cfg, check_store(ctx, *cfg, f), f);
  const std::string warned = f.warnings > 0 ? ", " + core::plural(f.warnings, "warning", "warnings") : "";
  if (f.config_problems + f.fatal_problems == 0) {
    std::printf("check: %s%s (no network used)\n", mark(Tone::ok), warned.c_str());
    return k_exit_ok;
  }
  std::printf("check: %s%s\n", core::plural(f.config_problems + f.fatal_problems, "problem", "problems").c_str(),
              warned.c_str());
  return f.fatal_problems > 0 ? k_exit_fatal : k_exit_usage;
}

}  // namespace

void add_check_command(CLI::App& app, Context& ctx) {
  auto* sub = app.add_subcommand("check", "validate the config, output paths and store path; no network");
  ctx.on_run(sub, [&ctx] { return run_check(ctx); });
}

}  // namespace scholard::cli
