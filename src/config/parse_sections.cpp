// Readers for [profile], [store], [sources.*], [schedule], [[output]],
// [discover] and [hook] (declared in sections.hpp).
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>

#include "config/al_folio.hpp"
#include "config/sections.hpp"
#include "core/text.hpp"

namespace scholard::config {
namespace {

// The sub-table `key`, or an empty table (line 0) when it is absent or has
// the wrong type (reported), so readers can apply defaults uniformly.
const toml::table& table_or_empty(TableReader& parent, std::string_view key) {
  static const toml::table k_empty;
  const toml::table* t = parent.table(key);
  return t != nullptr ? *t : k_empty;
}

void missing(TableReader& r, std::string_view key, std::string_view hint) {
  r.problems().add(r.line(), r.path(key), "is required; " + std::string(hint));
}

// A required, non-empty string.
std::optional<std::string> required_string(TableReader& r, std::string_view key, std::string_view example) {
  if (!r.has(key)) {
    missing(r, key, "write e.g. " + std::string(key) + " = " + std::string(example));
    r.string(key, example);  // marks the key known
    return std::nullopt;
  }
  auto value = r.string(key, example);
  if (value && core::trim(*value).empty()) {
    r.problem(key, "must not be empty; write e.g. " + std::string(key) + " = " + std::string(example));
    return std::nullopt;
  }
  return value;
}

// A duration that must be longer than zero.
std::optional<Duration> positive_duration(TableReader& r, std::string_view key, std::string_view example) {
  auto d = r.duration(key, example);
  // value_or, not `d && d->count() <= 0`: GCC -O2 folds that into one branch
  // that reads the payload of an empty optional (valgrind-sync.sh reports it).
  if (d.value_or(Duration{1}).count() <= 0) {
    r.problem(key, "must be longer than zero, e.g. " + std::string(example));
    return std::nullopt;
  }
  return d;
}

// base_url of a source: an http(s) address.
void read_base_url(TableReader& r, std::string_view example, std::string& out) {
  if (auto url = r.string("base_url", example)) {
    if (auto why = url_problem(*url)) {
      r.problem("base_url", *why);
    } else {
      out = *url;
    }
  }
}

void read_arxiv(TableReader& sources, ArxivSource& out) {
  TableReader r(table_or_empty(sources, "arxiv"), sources.path("arxiv"), sources.problems());
  read_base_url(r, "\"https://export.arxiv.org/api/query\"", out.base_url);
  if (auto d = r.duration("min_interval", "\"3s\"")) out.min_interval = *d;
  if (auto n = bounded_int(r, "batch_size", "100", 1, k_max_arxiv_batch)) out.batch_size = *n;
  if (out.min_interval < std::chrono::seconds{1} && !is_loopback_http(out.base_url)) {
    r.problem("min_interval", "must be at least \"1s\" (arXiv asks for one request every 3 seconds), found \"" +
                                  format_duration(out.min_interval) +
                                  "\"; shorter intervals are only allowed for a http://127.0.0.1 test server");
  }
  r.finish();
}

void read_crossref(TableReader& sources, CrossrefSource& out) {
  TableReader r(table_or_empty(sources, "crossref"), sources.path("crossref"), sources.problems());
  read_base_url(r, "\"https://api.crossref.org\"", out.base_url);
  if (auto n = bounded_int(r, "concurrency", "3", 1, k_max_crossref_concurrency)) out.concurrency = *n;
  if (auto n = bounded_int(r, "batch", "50", 1, k_max_crossref_batch)) out.batch = *n;
  r.finish();
}

// The Markdown style's et_al and range_dash (markdown and academicpages).
void read_output_style(TableReader& r, Output& out, bool format_known) {
  const bool markdown = !format_known || out.format == OutputFormat::markdown ||
                        out.format == OutputFormat::academicpages;
  if (auto text = r.string("et_al", "\", et al.\"")) {
    if (auto why = et_al_problem(*text)) r.problem("et_al", *why);
    else if (!markdown) r.problem("et_al", "only applies to format = \"markdown\" or \"academicpages\"; remove the key");
    else out.et_al = *text;
  }
  if (auto dash = r.string("range_dash", "\"\u2212\"")) {
    constexpr std::string_view k_dashes[] = {"\u2013", "\u2212", "-", "\u2014"};
    if (std::find(std::begin(k_dashes), std::end(k_dashes), *dash) == std::end(k_dashes)) {
      r.problem("range_dash", "expected one of \"\u2013\" (en dash, the default), \"\u2212\" (minus sign), \"-\" or "
                              "\"\u2014\", found \"" + *dash + "\"");
    } else if (!markdown) {
      r.problem("range_dash", "only applies to format = \"markdown\" or \"academicpages\"; remove the key");
    } else {
      out.range_dash = *dash;
    }
  }
}

void read_output(TableReader& r, const ParseContext& ctx, Output& out) {
  out.line = static_cast<int>(r.line());
  bool format_known = false;  // a format-specific key is judged only against a valid format
  if (auto format = required_string(r, "format", "\"markdown\"")) {
    if (auto f = parse_output_format(*format)) {
      out.format = *f;
      format_known = true;
    } else {
      r.problem("format", f.error().message);
    }
  }
  if (auto path = required_string(r, "path", "\"site/_pages/research.md\"")) out.path = resolve_path(ctx.base_dir, *path);
  if (auto n = bounded_int(r, "max_authors", "15", 1, 100000)) out.max_authors = *n;
  if (auto t = r.string("template", "\"templates/entry.mustache\"")) {
    if (core::trim(*t).empty()) {
      r.problem("template", "must not be empty; leave the key out to use the built-in style");
    } else {
      out.template_path = resolve_path(ctx.base_dir, *t);
    }
  }
  if (auto g = r.boolean("group_by_year")) out.group_by_year = *g;
  if (auto show = r.boolean("bibtex_show")) {
    if (out.format == OutputFormat::bibtex || !format_known) {
      out.bibtex_show = *show;
    } else {
      r.problem("bibtex_show", "only applies to format = \"bibtex\" (it adds al-folio's bibtex_show field), "
                               "but this output's format is \"" + std::string(to_string(out.format)) +
                               "\"; remove the key");
    }
  }
  read_output_style(r, out, format_known);
  r.finish();
}

}  // namespace

void read_profile(TableReader& root, Profile& out) {
  TableReader r(table_or_empty(root, "profile"), "profile", root.problems());
  if (auto name = required_string(r, "name", "\"Joe Benton\"")) out.name = std::string(core::trim(*name));
  if (auto aliases = r.strings("aliases", "[\"Joseph Benton\", \"J. Benton\"]")) out.aliases = *aliases;
  if (auto orcid = r.string("orcid", "\"0000-0002-1825-0097\"")) {
    if (auto bare = normalise_orcid(*orcid)) {
      out.orcid = *bare;
    } else if (!core::trim(*orcid).empty()) {
      r.problem("orcid", "expected an ORCID iD such as \"0000-0002-1825-0097\", found \"" + *orcid + "\"");
    }
  }
  if (auto contact = required_string(r, "contact", "\"someone@example.org\"")) {
    if (auto why = email_problem(*contact)) {
      r.problem("contact", "expected an e-mail address (sent as mailto: to Crossref), but " + *why);
    } else {
      out.contact = *contact;
      out.contact_line = static_cast<int>(r.line("contact"));
    }
  }
  r.finish();
}

void read_store(TableReader& root, const ParseContext& ctx, StoreConfig& out) {
  TableReader r(table_or_empty(root, "store"), "store", root.problems());
  out.owner = config_identity(ctx.config_file).string();
  auto path = r.string("path", "\"scholard.db\"");
  if (path && core::trim(*path).empty()) {
    r.problem("path", "must not be empty; leave the key out for the default");
  } else if (path) {
    out.path = resolve_path(ctx.base_dir, *path);
  } else if (!r.has("path")) {
    auto def = default_store_path(ctx.env, out.owner);
    auto legacy = legacy_store_path(ctx.env);
    if (def && legacy) {
      out.path = *def;
      out.legacy_path = *legacy;
    } else {
      r.problems().add(r.line(), r.path("path"), def ? legacy.error().message : def.error().message);
    }
  }
  r.finish();
}

namespace {

// The first line of a key file, without surrounding whitespace; nullopt with
// `why` set when it cannot be read or is empty.
std::optional<std::string> read_key_file(const std::filesystem::path& file, std::string& why) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    why = "is a folder, not a file holding the key";
    return std::nullopt;
  }
  errno = 0;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    why = "cannot be read (" + std::string(errno != 0 ? std::strerror(errno) : "open failed") + ")";
    return std::nullopt;
  }
  std::string line;
  if (!std::getline(in, line)) {
    why = "is empty (the key goes on its first line)";
    return std::nullopt;
  }
  std::string key(core::trim(line));
  if (key.empty()) {
    why = "is empty (the key goes on its first line)";
    return std::nullopt;
  }
  return key;
}

// The key: api_key_file, else $SCHOLARD_S2_API_KEY, else systemd's
// credential (docs/systemd.md). A named file that cannot be read is a
// problem; the other two are optional.
void read_s2_api_key(TableReader& r, const ParseContext& ctx, SemanticScholarSource& out) {
  if (auto file = r.string("api_key_file", "\"/etc/scholard/semanticscholar.key\"")) {
    const std::filesystem::path path = resolve_path(ctx.base_dir, *file);
    std::string why;
    if (auto key = read_key_file(path, why)) {
      out.api_key = std::move(*key);
      out.api_key_file = path;
      out.api_key_origin = ApiKeyOrigin::file;
    } else {
      r.problem("api_key_file", path.string() + " " + why);
    }
    return;
  }
  if (auto key = ctx.env.get(k_s2_api_key_variable); key && !core::trim(*key).empty()) {
    out.api_key = std::string(core::trim(*key));
    out.api_key_origin = ApiKeyOrigin::environment;
    return;
  }
  if (auto dir = ctx.env.get("CREDENTIALS_DIRECTORY")) {
    const std::filesystem::path path = std::filesystem::path(*dir) / k_s2_api_key_credential;
    std::string why;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return;
    if (auto key = read_key_file(path, why)) {
      out.api_key = std::move(*key);
      out.api_key_origin = ApiKeyOrigin::credential;
    } else {
      r.problems().add(r.line(), r.path("api_key_file"), "the systemd credential " + path.string() + " " + why);
    }
  }
}

}  // namespace

std::string describe_key_origin(ApiKeyOrigin origin, const std::filesystem::path& file) {
  switch (origin) {
    case ApiKeyOrigin::none: return {};
    case ApiKeyOrigin::file: return "api_key_file " + file.string();
    case ApiKeyOrigin::environment: return "$" + std::string(k_s2_api_key_variable);
    case ApiKeyOrigin::credential: return "systemd credential " + std::string(k_s2_api_key_credential);
  }
  return {};
}

namespace {

void read_semanticscholar(TableReader& sources, const ParseContext& ctx, SemanticScholarSource& out) {
  TableReader r(table_or_empty(sources, "semanticscholar"), sources.path("semanticscholar"), sources.problems());
  read_base_url(r, "\"https://api.semanticscholar.org/graph/v1\"", out.base_url);
  if (auto b = r.boolean("enabled")) out.enabled = *b;
  if (auto d = r.duration("min_interval", "\"1s\"")) out.min_interval = *d;
  if (out.min_interval < std::chrono::seconds{1} && !is_loopback_http(out.base_url)) {
    r.problem("min_interval", "must be at least \"1s\" (Semantic Scholar allows one request per second with a key), "
                              "found \"" + format_duration(out.min_interval) +
                                  "\"; shorter intervals are only allowed for a http://127.0.0.1 test server");
  }
  if (r.has("api_key")) {
    r.problem("api_key", "a key does not belong in the config text (it would be copied, shown and committed); put it "
                         "in a file and write api_key_file = \"/path/to/key\", or set $SCHOLARD_S2_API_KEY");
    r.string("api_key", "");  // marks the key known: one message, not two
  }
  read_s2_api_key(r, ctx, out);
  r.finish();
}

}  // namespace

void read_sources(TableReader& root, const ParseContext& ctx, Sources& out) {
  TableReader r(table_or_empty(root, "sources"), "sources", root.problems());
  read_arxiv(r, out.arxiv);
  read_crossref(r, out.crossref);
  read_semanticscholar(r, ctx, out.semanticscholar);
  r.finish();
}

void read_venues(TableReader& root, std::vector<VenueName>& out) {
  const toml::table* venues = root.table("venues");
  if (venues == nullptr) return;
  for (const auto& [key, node] : *venues) {
    const std::string from = core::collapse_whitespace(key.str());
    const auto line = static_cast<int>(node.source().begin.line);
    const std::string where = "venues.\"" + std::string(key.str()) + "\"";
    const auto* to = node.as_string();
    std::string value = to != nullptr ? core::collapse_whitespace(to->get()) : std::string();
    if (from.empty() || value.empty()) {
      root.problems().add(line, where,
                          "expected a venue as a source names it = the name you write, both non-empty strings, "
                          "such as \"Advances in Neural Information Processing Systems\" = \"NeurIPS\"");
      continue;
    }
    out.push_back({from, std::move(value), line});
  }
}

std::vector<SourceSettings> source_settings(const Sources& sources) {
  const ArxivSource& ax = sources.arxiv;
  const CrossrefSource& cr = sources.crossref;
  const SemanticScholarSource& s2 = sources.semanticscholar;
  return {
      {"arxiv", "arXiv", ax.base_url, ax.min_interval, 1, ax.batch_size, true, {}, {}},
      {"crossref", "Crossref", cr.base_url, Duration{0}, cr.concurrency, cr.batch, true, {}, {}},
      {"semanticscholar", "Semantic Scholar", s2.base_url, s2.min_interval, 1, 0, s2.enabled, s2.api_key,
       describe_key_origin(s2.api_key_origin, s2.api_key_file)},
  };
}

std::optional<SourceSettings> source_settings(const Sources& sources, std::string_view name) {
  for (auto& s : source_settings(sources)) {
    if (s.name == name) return std::move(s);
  }
  return std::nullopt;
}

void read_schedule(TableReader& root, Schedule& out) {
  TableReader r(table_or_empty(root, "schedule"), "schedule", root.problems());
  if (auto d = positive_duration(r, "refresh", "\"1d\"")) out.refresh = *d;
  if (auto d = positive_duration(r, "interval", "\"6h\"")) out.interval = *d;
  if (auto d = r.duration("jitter", "\"10m\"")) out.jitter = *d;
  r.finish();
}

void read_outputs(TableReader& root, const ParseContext& ctx, std::vector<Output>& out) {
  const bool present = root.has("output");
  const toml::array* arr = root.tables("output", "[[output]]");
  if (arr == nullptr || arr->empty()) {
    // A present value of the wrong type has been reported by tables().
    if (!present || arr != nullptr) {
      root.problems().add(0, "output",
                          "at least one [[output]] is required, e.g. [[output]] format = \"markdown\" "
                          "path = \"research.md\"");
    }
    return;
  }
  std::map<std::filesystem::path, int> seen;  // path -> line of its [[output]]
  for (std::size_t i = 0; i < arr->size(); ++i) {
    TableReader r(*arr->get(i)->as_table(), "output[" + std::to_string(i + 1) + "]", root.problems());
    Output& o = out.emplace_back();
    read_output(r, ctx, o);
    if (o.path.empty()) continue;
    auto [it, inserted] = seen.emplace(o.path, o.line);
    if (!inserted) {
      r.problem("path", "\"" + o.path.string() + "\" is also the path of the [[output]] at line " +
                            std::to_string(it->second) + "; two outputs cannot write the same file");
    }
  }
}

void read_discover(TableReader& root, const Profile& profile, Discover& out) {
  static const toml::table k_empty;
  const toml::table* table = root.table("discover");
  out.enabled = table != nullptr;
  TableReader r(table != nullptr ? *table : k_empty, "discover", root.problems());
  if (auto q = r.string("arxiv_query", "\"au:Benton_J\"")) out.arxiv_query = std::string(core::trim(*q));
  const auto orcid = r.boolean("orcid");
  if (orcid) out.orcid = *orcid;
  if (auto d = positive_duration(r, "interval", "\"1d\"")) out.interval = *d;
  if (auto b = r.boolean("auto_accept")) out.auto_accept = *b;
  if (out.orcid && profile.orcid.empty()) {
    r.problem("orcid", "is true, but [profile] has no orcid to look for");
  }
  if (out.enabled && out.arxiv_query.empty() && !out.orcid && (orcid || !r.has("orcid"))) {
    r.problems().add(r.line(), "discover",
                     "has nothing to watch: set arxiv_query (e.g. \"au:Benton_J\") or orcid = true, "
                     "or remove the [discover] table");
  }
  r.finish();
}

void read_hook(TableReader& root, Hook& out) {
  TableReader r(table_or_empty(root, "hook"), "hook", root.problems());
  if (auto argv = r.strings("on_change", "[\"bundle\", \"exec\", \"jekyll\", \"build\"] (argv, run without a shell)")) {
    if (!argv->empty() && core::trim(argv->front()).empty()) {
      r.problem("on_change", "the first element is the program to run and must not be empty");
    } else {
      out.on_change = *argv;
    }
  }
  if (auto d = positive_duration(r, "timeout", "\"10m\"")) out.timeout = *d;
  r.finish();
}

}  // namespace scholard::config
