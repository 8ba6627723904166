// libFuzzer target: the Crossref JSON parsers (singleton work, work list) and
// the answer classifier on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fetchers/crossref_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)scholard::fetchers::parse_crossref_work(text);
  (void)scholard::fetchers::parse_crossref_work_list(text);
  const long status = size > 0 && (data[0] & 1) ? 404 : 200;
  (void)scholard::fetchers::classify_crossref_response(status, text);
  return 0;
}
