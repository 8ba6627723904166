// libFuzzer target: the arXiv Atom parser on arbitrary bytes. It must never
// crash, hang, leak or read outside the input (ASan + UBSan), and whatever
// it returns must be consistent.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fetchers/arxiv_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto feed = scholard::fetchers::parse_arxiv_feed(text);
  if (feed) {
    for (const auto& e : feed->entries) {
      if (e.record.arxiv_id.empty()) __builtin_trap();  // an entry is only kept with a usable id
    }
    if (feed->error) (void)scholard::fetchers::offending_id_of(feed->error->message);
  }
  (void)scholard::fetchers::utc_date_of(text.substr(0, 40));
  return 0;
}
