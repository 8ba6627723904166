// libFuzzer target: `scholard import` on a BibTeX file: the BibTeX reader,
// name splitting and the proposals built from its entries.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "importer/bibtex.hpp"
#include "importer/import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto entries = scholard::importer::parse_bibtex(text, "refs.bib");
  if (entries) {
    for (const auto& e : *entries) (void)e;
  }
  (void)scholard::importer::split_bibtex_names(text.substr(0, 4096));
  auto result = scholard::importer::import_text(text, "refs.bib");
  if (result) (void)scholard::importer::format_proposals(result->proposals, "refs.bib");
  return 0;
}
