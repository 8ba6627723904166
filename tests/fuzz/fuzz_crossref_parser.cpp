// libFuzzer target: the Crossref JSON parsers (singleton work, work list) and
// the answer classifier on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fetchers/crossref_parser.hpp"
#include "net/http_client.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)scholard::fetchers::parse_crossref_work(text);
  (void)scholard::fetchers::parse_crossref_work_list(text);
  const long status = size > 0 && (data[0] & 1) ? 404 : 200;
  (void)scholard::fetchers::classify_crossref_response(status, text);
  // A body as the net layer leaves it, with spare capacity: parsed in place,
  // so AddressSanitizer sees any read past the allocation.
  std::string body(text);
  body.reserve(size + scholard::net::k_body_spare_capacity);
  (void)scholard::fetchers::classify_crossref_response(status, body);
  return 0;
}
