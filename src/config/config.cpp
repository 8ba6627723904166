#include "config/config.hpp"

#include <array>
#include <cstdint>
#include <fstream>
#include <utility>

#include "config/sections.hpp"

namespace scholard::config {
namespace {

constexpr std::array<std::pair<OutputFormat, std::string_view>, 5> k_formats = {{
    {OutputFormat::markdown, "markdown"},
    {OutputFormat::bibtex, "bibtex"},
    {OutputFormat::csl_json, "csl-json"},
    {OutputFormat::json, "json"},
    {OutputFormat::academicpages, "academicpages"},
}};

// toml++ reports syntax errors by throwing (this is the edge where a
// third-party exception becomes a value).
std::optional<toml::table> parse_toml(std::string_view text, std::string_view source_name, Problems& problems) {
  try {
    return toml::parse(text, std::string(source_name));
  } catch (const toml::parse_error& e) {
    const std::int64_t line = e.source().begin.line;
    const std::int64_t column = e.source().begin.column;
    problems.add_syntax(line, column, explain_syntax_error(text, line, column, e.description()));
    return std::nullopt;
  }
}

// All of `in`, read into one buffer of `size` bytes (the file's size; -1 when
// unknown), then whatever the file has gained since: a growing string stream
// touches several times the file's size in memory, and a long list's config
// is hundreds of kilobytes.
std::string read_stream(std::ifstream& in, std::uintmax_t size) {
  std::string text;
  if (size != static_cast<std::uintmax_t>(-1)) {
    text.resize(static_cast<std::size_t>(size));
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
  }
  std::array<char, 16384> chunk{};
  while (in) {
    in.read(chunk.data(), chunk.size());
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  return text;
}

}  // namespace

std::string_view to_string(OutputFormat format) {
  for (const auto& [f, name] : k_formats) {
    if (f == format) return name;
  }
  return "markdown";
}

core::Result<OutputFormat> parse_output_format(std::string_view text) {
  std::string known;
  for (const auto& [f, name] : k_formats) {
    if (name == text) return f;
    known += known.empty() ? "" : ", ";
    known += "\"" + std::string(name) + "\"";
  }
  return core::fail(core::ErrorCode::invalid_input,
                    "expected one of " + known + ", found \"" + std::string(text) + "\"");
}

std::string Paper::key() const {
  if (arxiv) return arxiv->id;
  if (doi) return doi->value;
  return {};
}

core::Result<Config> parse_config(std::string_view text, std::string_view source_name,
                                  const std::filesystem::path& base_dir, const Environment& env) {
  Problems problems{std::string(source_name)};
  std::optional<toml::table> root_table = parse_toml(text, source_name, problems);
  if (!root_table) return core::fail(core::ErrorCode::invalid_input, problems.joined());

  Config config;
  config.dir = base_dir.lexically_normal();
  const ParseContext ctx{config.dir, env, resolve_path(config.dir, source_name)};
  TableReader root(*root_table, "", problems);
  read_profile(root, config.profile);
  read_store(root, ctx, config.store);
  read_sources(root, ctx, config.sources);
  read_venues(root, config.venues);
  read_schedule(root, config.schedule);
  read_outputs(root, ctx, config.outputs);
  read_discover(root, config.profile, config.discover);
  read_hook(root, config.hook);
  read_papers(root, config.papers);
  root.finish();
  if (!problems.empty()) return core::fail(core::ErrorCode::invalid_input, problems.joined());
  return config;
}

core::Result<ConfigFile> read_config_file(const std::filesystem::path& path, const Environment& env) {
  const std::filesystem::path file = (path.is_absolute() ? path : env.cwd / path).lexically_normal();
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    return core::fail(core::ErrorCode::io, "config file " + file.string() + " is a folder, not a file");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return core::fail(core::ErrorCode::io, "cannot open config file " + file.string());
  std::string text = read_stream(in, std::filesystem::file_size(file, ec));
  if (in.bad()) return core::fail(core::ErrorCode::io, "cannot read config file " + file.string());
  return ConfigFile{file, std::move(text)};
}

core::Result<Config> parse_config_file(const ConfigFile& file, const Environment& env) {
  auto config = parse_config(file.text, file.path.string(), file.path.parent_path(), env);
  if (!config) return config;
  config->file = file.path;
  return config;
}

core::Result<ConfigSnapshot> load_config_snapshot(const std::filesystem::path& path, const Environment& env) {
  auto file = read_config_file(path, env);
  if (!file) return tl::unexpected(file.error());
  auto config = parse_config_file(*file, env);
  if (!config) return tl::unexpected(config.error());
  return ConfigSnapshot{std::move(*file), std::move(*config)};
}

core::Result<Config> load_config(const std::filesystem::path& path, const Environment& env) {
  auto snapshot = load_config_snapshot(path, env);
  if (!snapshot) return tl::unexpected(snapshot.error());
  return std::move(snapshot->config);
}

}  // namespace scholard::config
