// `scholard init [DIR]`: a starter config for the static site in DIR. It
// looks for the site's publication list (academicpages: a `_pages/*.md`
// with the scholard markers or a publication list the importer recognises,
// else a `_publications/` collection; al-folio: `_bibliography/papers.bib`;
// Hugo: `content/publication/`), writes DIR/scholard.toml from the example
// config's header sections with one [[output]] for it and an explicit
// [store] path, then imports the list with `scholard import --write`
// (import_run.hpp: the same page-safety rules, the same diff on a terminal).
// Paths in the file are absolute, so the config can be moved (next to a user
// unit, say) and still find the site; --relative keeps them relative to the
// config for a config that travels with the site (a CI checkout).
// An existing config is never replaced without --force; when the import
// fails, the file is put back as it was.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/import_run.hpp"
#include "cli/store_access.hpp"
#include "config/config.hpp"
#include "config/edit.hpp"
#include "core/text.hpp"
#include "importer/import.hpp"
#include "importer/starter_config.hpp"
#include "render/output_file.hpp"

namespace scholard::cli {
namespace {
namespace fs = std::filesystem;

struct InitOptions {
  std::string dir = ".";
  std::string store;  // --store; "" = the per-config default, written out
  bool force = false;
  bool offline = false;
  bool relative = false;
};

// What init found in the site: the file to import (may be empty) and the
// output scholard will write.
struct SiteLayout {
  std::string description;  // "academicpages page _pages/research.md"
  fs::path import_from;
  std::string format;  // [[output]] format
  fs::path output;
};

bool is_publication_page(const fs::path& page) {
  auto text = render::read_file(page);
  if (!text) return false;
  if (text->find("<!-- scholard:begin -->") != std::string::npos) return true;
  auto imported = importer::import_text(*text, page.filename().string());
  return imported && imported->list.has_value();
}

// academicpages keeps its pages in _pages/: the marked one, else the first
// with a publication list, trying the likely names first.
std::optional<fs::path> find_academicpages_page(const fs::path& site) {
  std::error_code ec;
  std::vector<fs::path> pages;
  for (const auto& e : fs::directory_iterator(site / "_pages", ec)) {
    if (e.path().extension() == ".md") pages.push_back(e.path());
  }
  const auto rank = [](const fs::path& p) {
    std::string name = p.filename().string();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return name.find("publication") != std::string::npos ? 0 : name.find("research") != std::string::npos ? 1 : 2;
  };
  std::sort(pages.begin(), pages.end(), [&](const fs::path& a, const fs::path& b) {
    return std::pair(rank(a), a.filename()) < std::pair(rank(b), b.filename());
  });
  for (const auto& p : pages) {
    auto text = render::read_file(p);
    if (text && text->find("<!-- scholard:begin -->") != std::string::npos) return p;
  }
  for (const auto& p : pages) {
    if (is_publication_page(p)) return p;
  }
  return std::nullopt;
}

std::optional<SiteLayout> find_layout(const fs::path& site) {
  std::error_code ec;
  if (auto page = find_academicpages_page(site)) {
    return SiteLayout{"academicpages page " + page->lexically_relative(site).string(), *page, "markdown", *page};
  }
  const fs::path bib = site / "_bibliography" / "papers.bib";
  if (fs::is_regular_file(bib, ec)) {
    return SiteLayout{"al-folio bibliography _bibliography/papers.bib", bib, "bibtex", bib};
  }
  if (fs::is_directory(site / "_publications", ec)) {
    return SiteLayout{"academicpages collection _publications/", {}, "academicpages", site / "_publications"};
  }
  if (fs::is_directory(site / "content" / "publication", ec)) {
    // Hugo Academic keeps one folder per paper; scholard gives the site the
    // merged records as data for its templates instead.
    return SiteLayout{"Hugo site with content/publication/", {}, "json", site / "data" / "publications.json"};
  }
  return std::nullopt;
}

// The site owner's name from Jekyll's _config.yml (`author:` then `name:`),
// for a site whose list does not say it in bold.
std::string site_author(const fs::path& site) {
  auto text = render::read_file(site / "_config.yml");
  if (!text) return "";
  bool in_author = false;
  for (std::string_view line : core::split(*text, '\n')) {
    if (!line.empty() && line[0] != ' ') in_author = line.starts_with("author:");
    const std::string_view t = core::trim(line);
    if (in_author && t.starts_with("name")) {
      const auto colon = t.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view v = core::trim(t.substr(colon + 1));
      if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
      return std::string(v);
    }
  }
  return "";
}

std::string profile_name(const SiteLayout& layout, const fs::path& site) {
  if (!layout.import_from.empty()) {
    if (auto text = render::read_file(layout.import_from)) {
      if (auto imported = importer::import_text(*text, layout.import_from.filename().string())) {
        std::string name = importer::guess_profile_name(imported->proposals);
        if (!name.empty()) return name;
      }
    }
  }
  std::string name = site_author(site);
  return name.empty() ? "Your Name" : name;
}

// The starter text from the example's header sections, with init's own
// header comment instead of import's.
std::string starter_text(const SiteLayout& layout, const fs::path& site, const std::string& output_path) {
  std::string text = importer::starter_config(importer::example_config_text(), profile_name(layout, site), output_path,
                                              layout.description);
  text = text.substr(text.find("\n\n") + 1);  // drop import's header comment
  text = importer::replace_value(text, "format", config::toml_quote(layout.format));
  if (layout.format != "markdown") {
    // The example's comment describes the markdown output's markers.
    const std::string marker_note = "# replaces the text between <!-- scholard:begin/end --> markers";
    if (auto at = text.find(marker_note); at != std::string::npos) {
      text.replace(at, marker_note.size(), "# scholard writes the whole of this path");
    }
  }
  return "# scholard configuration for the site in " + site.string() + " (" + layout.description +
         "),\n# started by `scholard init`. Check [profile] (contact especially), then run\n"
         "# `scholard check` and `scholard sync`. Paths are " +
         (output_path.starts_with('/') ? std::string("absolute, so this file may move")
                                       : std::string("relative to the folder of this file")) +
         ".\n" + text;
}

std::string path_in_config(const fs::path& p, const fs::path& config_dir, bool relative) {
  return relative ? p.lexically_relative(config_dir).string() : p.string();
}

// `text` with [store] path set: --store, or the file this config would get
// by default (written out, so the store stays when the config moves).
core::Result<std::string> with_store(const std::string& text, const fs::path& config_file, const InitOptions& opt) {
  std::string store = opt.store;
  if (store.empty()) {
    auto cfg = config::parse_config(text, config_file.string(), config_file.parent_path());
    if (!cfg) return tl::unexpected(cfg.error());
    store = effective_store_path(*cfg);
  }
  const fs::path cwd = fs::current_path();
  const fs::path absolute = (cwd / store).lexically_normal();
  const std::string value = path_in_config(absolute, config_file.parent_path(), opt.relative);
  return config::append_table(text, "[store]\npath = " + config::toml_quote(value) +
                                        "  # the SQLite cache; move it with the config (docs/systemd.md)\n");
}

int run_init(const Context& ctx, const InitOptions& opt) {
  std::error_code ec;
  const fs::path site = fs::weakly_canonical(fs::absolute(opt.dir), ec);
  if (ec || !fs::is_directory(site)) {
    std::fprintf(stderr, "scholard: init: %s is not a folder\n", opt.dir.c_str());
    return k_exit_usage;
  }
  const fs::path config_file =
      ctx.config_path.empty() ? site / "scholard.toml" : fs::absolute(ctx.config_path).lexically_normal();
  std::optional<std::string> previous;
  if (fs::exists(config_file, ec)) {
    if (!opt.force) {
      std::fprintf(stderr, "scholard: init: %s exists; nothing written (--force replaces it)\n", config_file.c_str());
      return k_exit_usage;
    }
    auto old = render::read_file(config_file);
    if (!old) {
      std::fprintf(stderr, "scholard: init: %s\n", old.error().message.c_str());
      return k_exit_fatal;
    }
    previous = std::move(*old);
  }
  auto layout = find_layout(site);
  if (!layout) {
    std::fprintf(stderr,
                 "scholard: init: no publication list found in %s: looked for _pages/*.md with a publication list "
                 "(academicpages), _publications/, _bibliography/papers.bib (al-folio) and content/publication/ "
                 "(Hugo). Start from the example config instead (docs/user-guide.md)\n",
                 site.c_str());
    return k_exit_usage;
  }
  if (!layout->import_from.empty() && layout->format == "markdown") {
    // Refused pages are refused before anything is written (import's rule).
    auto text = render::read_file(layout->import_from);
    auto checked = text ? importer::import_text(*text, layout->import_from.filename().string())
                        : core::Result<importer::ImportResult>(tl::unexpected(text.error()));
    if (!checked) {
      std::fprintf(stderr, "scholard: init: %s\n", checked.error().message.c_str());
      return k_exit_usage;
    }
  }
  const std::string output = path_in_config(layout->output, config_file.parent_path(), opt.relative);
  auto text = with_store(starter_text(*layout, site, output), config_file, opt);
  if (!text) {
    std::fprintf(stderr, "scholard: init: the starter config would not parse: %s\n", text.error().message.c_str());
    return k_exit_usage;
  }
  fs::create_directories(config_file.parent_path(), ec);
  if (auto wrote = render::write_if_changed(config_file, *text); !wrote) {
    std::fprintf(stderr, "scholard: init: %s\n", wrote.error().message.c_str());
    return k_exit_fatal;
  }
  std::printf("# found %s in %s\n# %s: written\n", layout->description.c_str(), site.c_str(), config_file.c_str());
  if (layout->import_from.empty()) {
    std::printf("# nothing to import: add papers with `scholard add ID`, then `scholard sync`\n");
    return k_exit_ok;
  }
  Context import_ctx = ctx;
  import_ctx.config_path = config_file.string();
  const int status = run_import(import_ctx, ImportOptions{layout->import_from.string(), true, false, opt.offline});
  if (status != k_exit_ok) {
    // Leave the folder as it was: the old config back, or none.
    if (previous) (void)render::write_if_changed(config_file, *previous);
    else fs::remove(config_file, ec);
    std::fprintf(stderr, "scholard: init: the import failed; %s %s\n", config_file.c_str(),
                 previous ? "restored" : "removed");
    return status;
  }
  std::printf("# next: scholard --config %s check && scholard --config %s sync\n", config_file.c_str(),
              config_file.c_str());
  return k_exit_ok;
}

}  // namespace

void add_init_command(CLI::App& app, Context& ctx) {
  auto opt = std::make_shared<InitOptions>();
  auto* sub = app.add_subcommand("init", "write a starter config for the site in DIR and import its publication list");
  sub->add_option("DIR", opt->dir, "the site's folder (default: the current folder)");
  sub->add_flag("--force", opt->force, "replace an existing config (--config, else DIR/scholard.toml)");
  sub->add_flag("--offline", opt->offline, "do not compare the imported entries with arXiv and Crossref");
  sub->add_option("--store", opt->store, "the store file (default: the one this config would get, written out)");
  sub->add_flag("--relative", opt->relative,
                "write paths relative to the config's folder (a config kept in the site's repository for CI)");
  ctx.on_run(sub, [&ctx, opt] { return run_init(ctx, *opt); });
}

}  // namespace scholard::cli
