// `scholard import` as a function, for the commands that import a page as one
// of their steps (`scholard init`): the same proposals, comparison with the
// sources, duplicate filter and page-safety rules as the command itself.
#pragma once

#include <string>

#include "cli/command.hpp"

namespace scholard::cli {

struct ImportOptions {
  std::string file;
  bool write = false;
  bool diff = false;
  bool offline = false;  // propose without asking the sources (import_compare.hpp)
};

// Imports opt.file into the config ctx names (--config, else the usual
// lookup; created from the example's header sections when missing and the
// file is a Markdown page). Prints what `scholard import` prints and returns
// its exit status: 2 for a page with no publication list or a config that
// would not parse (nothing written), 3 when a file cannot be written.
int run_import(const Context& ctx, const ImportOptions& opt);

}  // namespace scholard::cli
