// How a stored record's fields are kept in one value (table `records`,
// column `fields`, schema 5): the non-empty fields of core::record_fields,
// each written as
//
//     <name> ' ' <byte length of value, decimal> ':' <value> '\n'
//
// so a value may hold any bytes (line breaks, colons, digits) and is found
// without escaping. Order carries no meaning. Schema 5's SQL patch builds
// the same text from the old one-row-per-field table (migrations.cpp).
//
// One row per record instead of one per field: a row per field means ~15
// inserts per record (each with its primary-key entry).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"
#include "core/result.hpp"

namespace scholard::store {

// Appends the encoding of `fields` to `out`; empty values are left out (an
// absent field reads as "").
void append_fields(const std::vector<core::Field>& fields, std::string& out);

// Appends the encoding of `r`: its non-empty fields in record_fields' order.
// The same bytes as append_fields(core::record_fields(r)), without building
// a string per field.
void append_record(const core::Record& r, std::string& out);

// The record `blob` holds. Unknown field names are skipped (as
// core::record_from_fields does). Error: io for a damaged encoding
// (for_each_field's message), invalid_input for a malformed value.
core::Result<core::Record> decode_record(std::string_view source, std::string_view blob);

// decode_record into `r`, a default Record (the store's reader builds each
// record where its list keeps it): sets r.source and every field `blob`
// holds; a field it does not hold is left as it is. On error `r` is partly
// set. Errors: as decode_record.
core::Result<void> decode_record_into(core::Record& r, std::string_view source, std::string_view blob);

// Calls `each(name, value)` for every field of `blob`, in stored order.
// Error: io, "damaged record: <what> at byte N" (nothing after it is read).
template <typename F>
core::Result<void> for_each_field(std::string_view blob, F&& each);

// Every field of `blob`. Error: as for_each_field.
core::Result<std::vector<core::Field>> decode_fields(std::string_view blob);

namespace detail {
// One field from `blob` at `pos`: sets name, value and advances pos, or
// returns what is wrong ("" when fine).
std::string_view next_field(std::string_view blob, std::size_t& pos, std::string_view& name, std::string_view& value);
core::Error damaged(std::string_view what, std::size_t at);
}  // namespace detail

template <typename F>
core::Result<void> for_each_field(std::string_view blob, F&& each) {
  std::size_t pos = 0;
  while (pos < blob.size()) {
    const std::size_t start = pos;
    std::string_view name, value;
    if (auto what = detail::next_field(blob, pos, name, value); !what.empty()) {
      return tl::unexpected(detail::damaged(what, start));
    }
    each(name, value);
  }
  return {};
}

}  // namespace scholard::store
