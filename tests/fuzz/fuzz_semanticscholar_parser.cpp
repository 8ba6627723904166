// libFuzzer target: the Semantic Scholar JSON parsers (batch array, single
// paper, title match, error body) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fetchers/semanticscholar_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)scholard::fetchers::parse_semanticscholar_batch(text);
  (void)scholard::fetchers::parse_semanticscholar_paper(text);
  (void)scholard::fetchers::parse_semanticscholar_match(text);
  (void)scholard::fetchers::parse_semanticscholar_list(text);
  (void)scholard::fetchers::semanticscholar_error_message(text);
  (void)scholard::fetchers::dblp_venue_year(text);
  return 0;
}
