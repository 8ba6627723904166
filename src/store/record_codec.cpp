#include "store/record_codec.hpp"

#include <charconv>
#include <limits>

namespace scholard::store {

namespace {

void append_field(std::string_view name, std::string_view value, std::string& out) {
  if (value.empty()) return;
  char digits[std::numeric_limits<std::size_t>::digits10 + 2];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value.size());
  (void)ec;  // the buffer holds any size_t
  out.append(name).push_back(' ');
  out.append(digits, end).push_back(':');
  out.append(value).push_back('\n');
}

}  // namespace

void append_fields(const std::vector<core::Field>& fields, std::string& out) {
  for (const auto& f : fields) append_field(f.name, f.value, out);
}

void append_record(const core::Record& r, std::string& out) {
  thread_local std::string value;  // one field's text; its capacity is kept
  for (std::size_t i = 0; i < core::record_field_count(); ++i) {
    value.clear();
    core::append_record_field(r, i, value);
    append_field(core::record_field_name(i), value, out);
  }
}

core::Result<core::Record> decode_record(std::string_view source, std::string_view blob) {
  core::Record r;
  if (auto ok = decode_record_into(r, source, blob); !ok) return tl::unexpected(ok.error());
  return r;
}

core::Result<void> decode_record_into(core::Record& r, std::string_view source, std::string_view blob) {
  r.source.assign(source);
  core::Result<void> set;
  std::size_t next = 0;  // append_record writes the fields in record_fields' order
  auto ok = for_each_field(blob, [&](std::string_view name, std::string_view value) {
    if (set) set = core::set_record_field(r, name, value, next);
  });
  if (!ok) return ok;
  return set;
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
