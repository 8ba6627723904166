// The configuration (docs/user-guide.md, "2. Configure"; scholard(1), CONFIGURATION) as a plain
// struct with documented defaults, and the functions that read and describe it.
//
// Reading reports every problem at once, one per line of Error.message:
//   FILE:LINE: key `paper[3].venue`: expected a string such as "NeurIPS", found an integer (3)
// Papers and outputs are numbered from 1 in key paths (`paper[1]` is the first
// [[paper]]). Unknown keys are errors with a "did you mean" when a known key is
// close. TOML syntax errors carry FILE:LINE:COLUMN (toml++ stops at the first).
//
// Rules checked beyond types (see also parse_sections.cpp / parse_papers.cpp):
//  - profile.name is required; profile.contact is required and must look like an
//    e-mail address (it is sent as mailto: to Crossref and in the User-Agent).
//  - at least one [[output]]; output paths unique; max_authors >= 1;
//    bibtex_show only on a format = "bibtex" output.
//  - sources.arxiv.batch_size in 1..500 (the id_list URL must stay short);
//    sources.crossref.concurrency in 1..10; sources.crossref.batch in 1..100
//    (DOIs per list request: 100 DOIs make a URL of about 4 KB, well under
//    the 8 KB servers commonly accept; the fetcher also cuts a list whose URL
//    would pass 4 KB).
//  - sources.semanticscholar.min_interval >= 1s (S2's rate with a key), with the same
//    loopback exception as arXiv's; sources.semanticscholar.api_key is refused (a
//    secret does not belong in the config text: api_key_file, $SCHOLARD_S2_API_KEY or
//    systemd's credential instead); api_key_file must be readable and non-empty.
//  - [venues] maps non-empty strings to non-empty strings.
//  - sources.arxiv.min_interval >= 1s (arXiv's terms ask for 3s), EXCEPT when
//    base_url is a plain-http loopback URL (http://127.0.0.1, http://localhost,
//    http://[::1]): tests scale time down against the fake API server there.
//  - schedule.refresh and schedule.interval > 0; hook.timeout > 0.
//  - [discover] present (enabled) needs arxiv_query or orcid = true, and
//    orcid = true needs profile.orcid.
//  - a [[paper]]'s pdf is an http(s) URL (it contains "://") or a file name
//    (no control characters, not starting with "/"); its code is an http(s) URL.
//  - a [[paper]]'s month is 1..12 or an English month name ("February", "Feb");
//    its author_names is a table of non-empty strings (source spelling = name as written).
//  - a [[paper]] needs an arXiv id, a DOI or a title; the same arXiv id or DOI
//    listed twice is an error naming both lines. A DOI 10.48550/arXiv.X is
//    arXiv's own DOI and is stored as the arXiv id X.
// Relative paths (store.path, output path, output template) are resolved
// against the config file's folder.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/duration.hpp"
#include "config/paths.hpp"
#include "core/identifier.hpp"
#include "core/result.hpp"

namespace scholard::config {

inline constexpr std::string_view k_default_arxiv_url = "https://export.arxiv.org/api/query";
inline constexpr std::string_view k_default_crossref_url = "https://api.crossref.org";
inline constexpr std::string_view k_default_semanticscholar_url = "https://api.semanticscholar.org/graph/v1";
// Where a Semantic Scholar API key is looked for when api_key_file is not
// set: this environment variable, then systemd's credential of this name in
// $CREDENTIALS_DIRECTORY (LoadCredential=; docs/systemd.md).
inline constexpr std::string_view k_s2_api_key_variable = "SCHOLARD_S2_API_KEY";
inline constexpr std::string_view k_s2_api_key_credential = "semanticscholar-api-key";
inline constexpr int k_default_max_authors = 15;
inline constexpr int k_max_arxiv_batch = 500;
inline constexpr int k_max_crossref_concurrency = 10;
inline constexpr int k_max_crossref_batch = 100;

struct Profile {
  std::string name;                  // required; highlighted in outputs
  std::vector<std::string> aliases;  // also matched (accents and case folded)
  std::string orcid;                 // "" or "0000-0002-1825-0097" (bare, no URL)
  std::string contact;               // e-mail, sent as mailto
  int contact_line = 0;              // of the contact key, for warnings
};

struct StoreConfig {
  std::filesystem::path path;  // absolute: [store] path, else default_store_path() (one per config file)
  // Only when `path` is the default: the store that configs without [store]
  // path all shared before (legacy_store_path()). It stays in use, in place,
  // for the config that owns it (store/owner.hpp; docs/user-guide.md).
  std::filesystem::path legacy_path;
  // config_identity() of the config file: the store records it and refuses
  // to serve another config (docs/user-guide.md, "Where the store lives").
  std::string owner;
};

struct ArxivSource {
  std::string base_url{k_default_arxiv_url};
  Duration min_interval = std::chrono::seconds{3};  // between two requests, one connection
  int batch_size = 100;        // ids per id_list request, 1..500
};

struct CrossrefSource {
  std::string base_url{k_default_crossref_url};
  int concurrency = 3;  // requests in flight, 1..10
  int batch = 50;       // DOIs per list request, 1..100; 1 = one /works/{doi} request per DOI
};

// Where the Semantic Scholar key came from, for `check` and logs (never
// the key itself).
enum class ApiKeyOrigin { none, file, environment, credential };
// "api_key_file /etc/scholard/s2.key", "$SCHOLARD_S2_API_KEY", "systemd credential semanticscholar-api-key", "".
std::string describe_key_origin(ApiKeyOrigin origin, const std::filesystem::path& file);

struct SemanticScholarSource {
  std::string base_url{k_default_semanticscholar_url};
  bool enabled = true;
  Duration min_interval = std::chrono::seconds{1};  // between two requests
  // The API key (sent as x-api-key). Secret: never written by describe(),
  // `show`, `status`, JSON or logs. Read from api_key_file (absolute after
  // parsing), else $SCHOLARD_S2_API_KEY, else the systemd credential.
  std::string api_key;
  std::filesystem::path api_key_file;  // the file it was read from; empty for the others
  ApiKeyOrigin api_key_origin = ApiKeyOrigin::none;
};

struct Sources {
  ArxivSource arxiv;
  CrossrefSource crossref;
  SemanticScholarSource semanticscholar;
};

// One [sources.NAME] table in the shape every source shares, for code that
// handles sources by name (daemon/engine.hpp builds each source from it). A
// setting the source has no key for is 0.
struct SourceSettings {
  std::string name;          // the source's name ("arxiv"), as the store knows it
  std::string display_name;  // for people ("arXiv")
  std::string base_url;
  Duration min_interval{0};  // between two requests
  int concurrency = 0;       // requests in flight
  int batch_size = 0;        // ids per request
  bool enabled = true;       // false: the source is not asked ([sources.NAME] enabled = false)
  std::string api_key;       // secret: never shown (SemanticScholarSource::api_key)
  std::string api_key_origin;  // where it came from, for people ("$SCHOLARD_S2_API_KEY"); "" with no key
  friend bool operator==(const SourceSettings&, const SourceSettings&) = default;
};

// Every [sources.*] table the config knows, in a fixed order (parse_sections.cpp).
std::vector<SourceSettings> source_settings(const Sources& sources);
// The table of the source called `name`; nullopt when the config has none.
std::optional<SourceSettings> source_settings(const Sources& sources, std::string_view name);

struct Schedule {
  Duration refresh = std::chrono::hours{24};  // a paper is due when its last good fetch is older
  Duration interval = std::chrono::hours{6}; // daemon: how often it looks for due papers
  Duration jitter = std::chrono::minutes{10};
};

enum class OutputFormat { markdown, bibtex, csl_json, json, academicpages };

// "markdown", "bibtex", "csl-json", "json", "academicpages".
std::string_view to_string(OutputFormat format);
// The inverse of to_string; invalid_input listing the formats otherwise.
core::Result<OutputFormat> parse_output_format(std::string_view text);

struct Output {
  OutputFormat format = OutputFormat::markdown;
  std::filesystem::path path;  // absolute; a folder for academicpages
  int max_authors = k_default_max_authors;
  std::optional<std::filesystem::path> template_path;  // absolute when set
  bool group_by_year = false;
  bool bibtex_show = false;  // bibtex only: bibtex_show = {true} in every entry (al-folio's "Bib" button)
  int line = 0;  // of its [[output]] header
  // markdown and academicpages only: the text after a cut author list ("" =
  // " et al.") and the dash of a source's page range ("" = en dash); the
  // config's own pages = "..." are always shown as written.
  std::string et_al = {};
  std::string range_dash = {};
};

struct Discover {
  bool enabled = false;  // true when a [discover] table is present
  std::string arxiv_query;
  bool orcid = false;
  Duration interval = std::chrono::hours{24};
  bool auto_accept = false;
};

struct Hook {
  std::vector<std::string> on_change;  // argv, run without a shell; empty = none
  Duration timeout = std::chrono::minutes{10};
};

struct Paper {
  std::optional<core::ArxivId> arxiv;
  std::optional<core::Doi> doi;
  std::string title;
  std::vector<std::string> authors;  // a last "others" means "et al."
  std::string venue;
  std::optional<int> year;
  std::string volume;
  std::string issue;
  std::string pages;  // rendered by the Markdown style exactly as written
  std::optional<int> month;  // 1..12 (`month = 2` or "February"): "February 2024" on the page
  // `author_names = { "Marvin Li" = "Meihua Li" }`: a source's spelling of one
  // author (matched with case and accents folded) -> the name the page shows.
  // The rest of the list still comes from the sources.
  std::vector<std::pair<std::string, std::string>> author_names;
  std::string url;
  std::optional<int> max_authors;
  std::vector<std::string> equal_contribution;
  bool hidden = false;
  // "I know I am not among its authors": no warning that none of its authors matches [profile].
  bool not_an_author = false;
  // al-folio's own BibTeX fields (written by the bibtex output, and in the json output):
  bool selected = false;  // listed in al-folio's "selected publications"
  std::string abbr;       // the venue badge, e.g. "ICLR"
  std::string pdf;        // a file under al-folio's assets/pdf/, or an http(s) URL
  std::string code;       // an http(s) URL of the code
  int line = 0;  // of its [[paper]] header
  // `semanticscholar = "CorpusId:269085201"` on a manual entry: Semantic
  // Scholar is asked for it by that id, and its venue and year fill what the
  // entry leaves out (`scholard accept` of a title-match proposal writes it).
  std::string semanticscholar;
  // `key = "benton2024nearly"`: the BibTeX citation key (and CSL id), kept
  // whatever the sources say later; unique among the papers.
  std::string citation_key = {};
  // `et_al = ", et al."`: the text after this paper's cut author list
  // (the output's et_al otherwise).
  std::string et_al = {};
  // al-folio's other fields (config/al_folio.hpp), as (name, value) in the
  // order of k_al_folio_fields.
  std::vector<std::pair<std::string, std::string>> al_folio = {};
  std::optional<bool> bibtex_show = {};  // this entry's bibtex_show, whatever the output says
  bool abstract = false;                 // abstract = true: the BibTeX entry carries the sources' abstract

  // Neither an arXiv id nor a DOI: rendered as written; fetched only from
  // Semantic Scholar, and only with a `semanticscholar` id.
  bool is_manual() const { return !arxiv && !doi; }
  // True when the authors list ends in "others" (BibTeX's "and others").
  bool authors_truncated() const { return !authors.empty() && authors.back() == "others"; }
  // The canonical key: the arXiv id, else the DOI, else "" for a manual entry.
  std::string key() const;
};

// [venues]: how the researcher writes a venue a source names, e.g.
// "Advances in Neural Information Processing Systems" = "NeurIPS". Keys are
// matched with accents and case folded; in file order.
struct VenueName {
  std::string source_name;
  std::string preferred;
  int line = 0;
};

struct Config {
  Profile profile;
  std::vector<VenueName> venues;
  StoreConfig store;
  Sources sources;
  Schedule schedule;
  std::vector<Output> outputs;
  Discover discover;
  Hook hook;
  std::vector<Paper> papers;
  std::filesystem::path file;  // absolute path of the config file
  std::filesystem::path dir;   // its folder; relative paths are resolved here
};

// Parses config text. `source_name` prefixes every message (usually the file
// path) and, resolved against `base_dir`, names the config file whose
// default store and owner (StoreConfig) are set; `base_dir` resolves relative
// paths; `env` gives the default store folder.
// Error: invalid_input with every problem found, one per line (see above).
core::Result<Config> parse_config(std::string_view text, std::string_view source_name,
                                  const std::filesystem::path& base_dir,
                                  const Environment& env = Environment::from_process());

// A config file's absolute path and bytes, read once: the daemon keeps the
// bytes it validated and hands exactly those to each pass.
struct ConfigFile {
  std::filesystem::path path;  // absolute, normalised
  std::string text;
};

// Reads the file at `path` (made absolute against env.cwd). Error: io.
core::Result<ConfigFile> read_config_file(const std::filesystem::path& path,
                                          const Environment& env = Environment::from_process());

// parse_config of the file's text, named and based at its path; sets Config::file.
core::Result<Config> parse_config_file(const ConfigFile& file, const Environment& env = Environment::from_process());

// A config file read once and parsed from exactly those bytes.
struct ConfigSnapshot {
  ConfigFile file;
  Config config;
};

// read_config_file, then parse_config_file. Errors: as those.
core::Result<ConfigSnapshot> load_config_snapshot(const std::filesystem::path& path,
                                                  const Environment& env = Environment::from_process());

// Reads and parses the file at `path` (made absolute against env.cwd); sets
// Config::file and Config::dir. Errors: io when the file cannot be read, else
// as parse_config.
core::Result<Config> load_config(const std::filesystem::path& path,
                                 const Environment& env = Environment::from_process());

// A warning when profile.contact is a placeholder rather than the
// researcher's address: the example config's own address, or an address at a
// domain reserved for examples (RFC 2606/6761: example.org/.com/.net,
// *.example, *.invalid, *.test, localhost). Crossref's etiquette asks for a
// real contact so that it can reach the owner of misbehaving traffic before
// blocking it; such a config still parses (the demo and tests use one).
// "FILE:LINE: profile.contact \"...\" is a placeholder: ..." or nullopt.
std::optional<std::string> placeholder_contact_warning(const Config& config);

// A short human summary for `scholard check`: profile, papers (arXiv / DOI /
// manual / hidden counts), outputs with formats and paths, store path, sources
// and schedule with their intervals, discover and hook. Ends with a newline.
std::string describe(const Config& config);

}  // namespace scholard::config
