#include "store/record_codec.hpp"

#include <charconv>
#include <limits>

namespace scholard::store {

void append_fields(const std::vector<core::Field>& fields, std::string& out) {
  char digits[std::numeric_limits<std::size_t>::digits10 + 2];
  for (const auto& f : fields) {
    if (f.value.empty()) continue;
    auto [end, ec] = std::to_chars(digits, digits + sizeof digits, f.value.size());
    (void)ec;  // the buffer holds any size_t
    out.append(f.name).push_back(' ');
    out.append(digits, end).push_back(':');
    out.append(f.value).push_back('\n');
  }
}

core::Result<std::vector<core::Field>> decode_fields(std::string_view blob) {
  std::vector<core::Field> out;
  auto ok = for_each_field(blob, [&](std::string_view name, std::string_view value) {
    out.push_back({std::string(name), std::string(value)});
  });
  if (!ok) return tl::unexpected(ok.error());
  return out;
}

namespace detail {

std::string_view next_field(std::string_view blob, std::size_t& pos, std::string_view& name, std::string_view& value) {
  const auto space = blob.find(' ', pos);
  if (space == std::string_view::npos) return "no ' ' after a field name";
  if (space == pos) return "an empty field name";
  name = blob.substr(pos, space - pos);
  if (name.find('\n') != std::string_view::npos || name.find(':') != std::string_view::npos) {
    return "a field name with ':' or a line break";
  }
  const char* first = blob.data() + space + 1;
  const char* last = blob.data() + blob.size();
  std::size_t length = 0;
  auto [end, ec] = std::from_chars(first, last, length);
  if (ec != std::errc() || end == first) return "no length after a field name";
  if (end == last || *end != ':') return "no ':' after a field's length";
  const auto begin = static_cast<std::size_t>(end + 1 - blob.data());
  if (length > blob.size() - begin) return "a value longer than the record";
  if (begin + length == blob.size() || blob[begin + length] != '\n') return "no line break after a value";
  value = blob.substr(begin, length);
  pos = begin + length + 1;
  return {};
}

core::Error damaged(std::string_view what, std::size_t at) {
  return core::Error{core::ErrorCode::io, "damaged record: " + std::string(what) + " at byte " + std::to_string(at)};
}

}  // namespace detail
}  // namespace scholard::store
