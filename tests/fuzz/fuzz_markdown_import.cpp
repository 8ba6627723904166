// libFuzzer target: `scholard import` on a Markdown page: finding the
// publication list, proposals from its entries, and marking the list.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "importer/import.hpp"
#include "importer/markdown_page.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto result = scholard::importer::import_text(text, "page.md");
  if (!result) return 0;
  if (result->list) {
    const std::string marked = scholard::importer::mark_list(text, *result->list);
    if (marked.size() < text.size()) __builtin_trap();  // marking only adds lines
  }
  (void)scholard::importer::guess_profile_name(result->proposals);
  (void)scholard::importer::format_proposals(result->proposals, "page.md");
  return 0;
}
