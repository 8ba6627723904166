// The render stamp: what the outputs were last rendered from and what scholard
// left on disk, so that a sync in which nothing can have changed skips the
// render (and never reads the outputs back): on a long list the render is
// most of a nothing-due sync.
//
// A stamp is text, one fact per line:
//   scholard 0.1.0                       the binary (renderers change between versions)
//   config xxh3:...                      digest of the config file's bytes
//   data 42                              Store::data_generation
//   file PATH DEV INO SIZE MTIME CTIME   per single-file output and template
//   folder PATH DEV INO SIZE MTIME CTIME per academicpages folder: the folder itself
// A missing file or folder is "PATH missing". The engine stores the stamp in
// the store's meta after a render that wrote every output, and skips the next
// render when the stamp it computes then is the same text.
//
// When a hand-edited output is restored (docs/reliability.md):
// - a single-file output (the Markdown page, BibTeX, CSL-JSON, JSON) or a
//   template: by the next sync. Any change to the file — content, mode, a
//   rename over it, `touch`, deletion — moves its ctime or inode.
// - a file in the academicpages folder that is deleted, added, or replaced by
//   a rename (how scholard, git, `sed -i`, vim and Emacs save): by the next
//   sync, as the folder's mtime moves. A file edited in place (same inode:
//   `>>`, nano, VS Code) is not seen: it is restored by the next sync that
//   renders — one that fetches a change, after a config edit, with
//   `sync --force`, or by `scholard render`.
// Not seen either: an in-place edit within the same clock tick (a few ms) as
// scholard's own write of that file, keeping its size.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "config/config.hpp"

namespace scholard::daemon {

// The digest of a config file's text, as PassOptions::config_digest wants it
// (a caller that parsed the config from text it holds passes that text).
std::string config_text_digest(std::string_view text);

// config_text_digest() of the file's bytes; "" when it cannot be read.
std::string file_digest(const std::filesystem::path& path);

// The stamp of the outputs of `cfg` as they are now (stat only: no output is
// read), for a config whose file digest is `config_digest` and a store at
// `generation`.
std::string render_stamp(const config::Config& cfg, std::string_view config_digest, std::int64_t generation);

}  // namespace scholard::daemon
