#include "fetchers/crossref_parser.hpp"

#include <simdjson.h>

#include "core/identifier.hpp"
#include "core/markup.hpp"
#include "fetchers/fetch_result.hpp"
#include "core/text.hpp"
#include "fetchers/crossref_work.hpp"
#include "net/http_client.hpp"

namespace scholard::fetchers {
namespace {

namespace od = simdjson::ondemand;
using core::ErrorCode;
using core::fail;
using simdjson::error_code;

static_assert(net::k_body_spare_capacity >= simdjson::SIMDJSON_PADDING,
              "the net layer's bodies must keep simdjson's padding to be parsed in place");

// One parser per thread: simdjson parsers own large reusable buffers.
od::parser& thread_parser() {
  thread_local od::parser parser;
  return parser;
}

// `json` copied into this thread's input buffer, followed by the zeroed
// padding simdjson reads past the end. The buffer is reused across calls, as
// the parser is, so a body costs a copy but no allocation. The view is valid
// until the next call on this thread.
simdjson::padded_string_view padded_copy(std::string_view json) {
  thread_local std::string buffer;
  buffer.assign(json);
  buffer.append(simdjson::SIMDJSON_PADDING, '\0');
  return simdjson::padded_string_view(buffer.data(), json.size(), buffer.size());
}

// What simdjson reads for `json`: `json` itself when the `readable_after`
// bytes that follow it in memory cover simdjson's padding (a body from the
// net layer, which reserves them), else a padded copy.
simdjson::padded_string_view padded(std::string_view json, std::size_t readable_after) {
  if (readable_after >= simdjson::SIMDJSON_PADDING) {
    return simdjson::padded_string_view(json.data(), json.size(), json.size() + readable_after);
  }
  return padded_copy(json);
}

enum class Envelope { work, work_list, listed_works };

struct EnvelopeParts {
  std::string status;
  std::string message_type;
  std::vector<core::Record> records;
  std::vector<ListedWork> listed;  // Envelope::listed_works
  bool has_message = false;
};

// A second parser and input buffer for the items of a list read with their
// raw text: the outer document is still being iterated by thread_parser(),
// and may live in padded_copy()'s buffer.
od::parser& item_parser() {
  thread_local od::parser parser;
  return parser;
}

// One list item's raw JSON object parsed as a work of its own, so that its
// raw hash is that of exactly the text the record came from.
error_code read_listed_item(std::string_view raw, ListedWork& out) {
  thread_local std::string buffer;
  buffer.assign(raw);
  buffer.append(simdjson::SIMDJSON_PADDING, '\0');
  od::document doc;
  if (auto e = item_parser().iterate(simdjson::padded_string_view(buffer.data(), raw.size(), buffer.size())).get(doc)) {
    return e;
  }
  od::value value;
  if (auto e = doc.get_value().get(value)) return e;
  if (auto e = read_crossref_work(value, out.record)) return e;
  out.raw_hash = content_hash(raw);
  return simdjson::SUCCESS;
}

error_code read_listed_items(od::value& v, std::vector<ListedWork>& out) {
  od::array items;
  if (auto e = v.get_array().get(items)) return e;
  for (auto item : items) {
    od::object obj;
    if (auto e = item.get_object().get(obj)) return e;
    std::string_view raw;
    if (auto e = obj.raw_json().get(raw)) return e;
    ListedWork work;
    if (auto e = read_listed_item(raw, work)) return e;
    out.push_back(std::move(work));
  }
  return simdjson::SUCCESS;
}

error_code read_items(od::value& v, std::vector<core::Record>& out) {
  od::array items;
  if (auto e = v.get_array().get(items)) return e;
  for (auto item : items) {
    od::value value;
    if (auto e = std::move(item).get(value)) return e;
    core::Record r;
    if (auto e = read_crossref_work(value, r)) return e;
    out.push_back(std::move(r));
  }
  return simdjson::SUCCESS;
}

error_code read_list_message(od::value& v, Envelope want, EnvelopeParts& parts) {
  od::object obj;
  if (auto e = v.get_object().get(obj)) return e;
  for (auto f : obj) {
    od::field field;
    if (auto e = std::move(f).get(field)) return e;
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    if (key == "items") {
      if (auto e = want == Envelope::listed_works ? read_listed_items(field.value(), parts.listed)
                                                  : read_items(field.value(), parts.records)) {
        return e;
      }
    }
  }
  return simdjson::SUCCESS;
}

error_code read_message(od::value& v, Envelope want, EnvelopeParts& parts) {
  od::json_type type;
  if (auto e = v.type().get(type)) return e;
  if (type != od::json_type::object) return simdjson::SUCCESS;  // error envelopes carry an array
  parts.has_message = true;
  if (want != Envelope::work) return read_list_message(v, want, parts);
  core::Record r;
  if (auto e = read_crossref_work(v, r)) return e;
  parts.records.push_back(std::move(r));
  return simdjson::SUCCESS;
}

error_code read_envelope(od::document& doc, Envelope want, EnvelopeParts& parts) {
  od::object root;
  if (auto e = doc.get_object().get(root)) return e;
  for (auto f : root) {
    od::field field;
    if (auto e = std::move(f).get(field)) return e;
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    if (key == "status") {
      if (auto e = read_text(field.value(), parts.status)) return e;
    } else if (key == "message-type") {
      if (auto e = read_text(field.value(), parts.message_type)) return e;
    } else if (key == "message") {
      if (auto e = read_message(field.value(), want, parts)) return e;
    }
  }
  // Past the root, current_location() is OUT_OF_BOUNDS unless more tokens follow.
  const char* trailing = nullptr;
  return doc.current_location().get(trailing) == simdjson::OUT_OF_BOUNDS ? simdjson::SUCCESS
                                                                          : simdjson::TRAILING_CONTENT;
}

core::Result<EnvelopeParts> parse_envelope(std::string_view json, Envelope want, std::size_t readable_after = 0) {
  od::document doc;
  EnvelopeParts parts;
  error_code e = thread_parser().iterate(padded(json, readable_after)).get(doc);
  if (!e) e = read_envelope(doc, want, parts);
  if (e) return fail(ErrorCode::invalid_input, std::string("Crossref response is not valid JSON: ") +
                                                   simdjson::error_message(e));
  const std::string_view expected = want == Envelope::work ? "work" : "work-list";
  if (parts.message_type != expected) {
    return fail(ErrorCode::invalid_input, "Crossref response has message-type '" + parts.message_type +
                                              "', expected '" + std::string(expected) + "'");
  }
  if (parts.status != "ok") {
    return fail(ErrorCode::invalid_input, "Crossref response has status '" + parts.status + "'");
  }
  if (!parts.has_message) return fail(ErrorCode::invalid_input, "Crossref response has no message object");
  return parts;
}

// The human part of a JSON error body: message[0].message, else the type.
struct ErrorBody {
  std::string message_type;
  std::string detail;
};

error_code read_error_detail(od::value& v, std::string& detail) {
  od::json_type type;
  if (auto e = v.type().get(type)) return e;
  if (type == od::json_type::string) return read_text(v, detail);
  if (type != od::json_type::array) return simdjson::SUCCESS;
  od::array items;
  if (auto e = v.get_array().get(items)) return e;
  for (auto item : items) {
    od::object obj;
    if (auto e = item.get_object().get(obj)) return e;
    for (auto f : obj) {
      od::field field;
      if (auto e = std::move(f).get(field)) return e;
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return e;
      if (key == "message" && detail.empty()) {
        if (auto e = read_text(field.value(), detail)) return e;
      }
    }
  }
  return simdjson::SUCCESS;
}

ErrorBody parse_error_body(std::string_view json) {
  ErrorBody out;
  const simdjson::padded_string_view padded = padded_copy(json);
  od::document doc;
  od::object root;
  if (thread_parser().iterate(padded).get(doc) || doc.get_object().get(root)) return out;
  for (auto f : root) {
    od::field field;
    std::string_view key;
    if (std::move(f).get(field) || field.unescaped_key().get(key)) return out;
    if (key == "message-type" && read_text(field.value(), out.message_type)) return out;
    if (key == "message" && read_error_detail(field.value(), out.detail)) return out;
  }
  return out;
}

// A one-line description of a non-JSON body (HTML gateway page, plain text).
std::string describe_text_body(std::string_view body) {
  std::string text = core::strip_markup(body);
  if (text.size() > 120) text = text.substr(0, 117) + "...";
  return text.empty() ? "empty body" : text;
}

std::string describe_error(long status, std::string_view body) {
  std::string out = "Crossref: HTTP " + std::to_string(status);
  const std::string_view t = core::trim(body);
  if (!t.empty() && t.front() == '{') {
    const ErrorBody err = parse_error_body(t);
    if (!err.message_type.empty()) out += " " + err.message_type;
    if (!err.detail.empty()) out += ": " + err.detail;
  } else if (!t.empty() && t.front() == '<') {
    out += " (HTML page: " + describe_text_body(t) + ")";
  } else {
    out += ": " + describe_text_body(t);
  }
  return out;
}

}  // namespace

core::Result<core::Record> parse_crossref_work(std::string_view json) {
  auto parts = parse_envelope(json, Envelope::work);
  if (!parts) return tl::unexpected(parts.error());
  return std::move(parts->records.front());
}

core::Result<std::vector<core::Record>> parse_crossref_work_list(std::string_view json) {
  auto parts = parse_envelope(json, Envelope::work_list);
  if (!parts) return tl::unexpected(parts.error());
  return std::move(parts->records);
}

core::Result<std::vector<ListedWork>> parse_crossref_listed_works(std::string_view json) {
  auto parts = parse_envelope(json, Envelope::listed_works);
  if (!parts) return tl::unexpected(parts.error());
  return std::move(parts->listed);
}

core::Result<std::vector<ListedWork>> classify_crossref_list_response(long status, std::string_view body) {
  const std::string_view t = core::trim(body);
  const char first = t.empty() ? '\0' : t.front();
  if (status == 200) {
    if (first == '<') {
      return fail(ErrorCode::transient, "Crossref: HTTP 200 with an HTML page instead of JSON: blocked by a proxy "
                                        "or a block page (" + describe_text_body(t) + ")");
    }
    if (first != '{') {
      return fail(ErrorCode::invalid_input, "Crossref: HTTP 200 but the body is not JSON (" +
                                                describe_text_body(t) + ")");
    }
    return parse_crossref_listed_works(t);
  }
  if (status == 404) return fail(ErrorCode::transient, describe_error(status, t) + " (the list route itself)");
  if (status == 429) return fail(ErrorCode::rate_limited, describe_error(status, t));
  if (status >= 500) return fail(ErrorCode::transient, describe_error(status, t));
  return fail(ErrorCode::permanent, describe_error(status, t));
}

core::Result<core::Record> classify_crossref_response(long status, std::string_view body) {
  return detail::classify_crossref_body(status, body, 0);
}

core::Result<core::Record> detail::classify_crossref_body(long status, std::string_view body,
                                                          std::size_t readable_after) {
  const std::string_view t = core::trim(body);
  const char first = t.empty() ? '\0' : t.front();
  if (status == 200) {
    if (first != '{') {
      return fail(ErrorCode::invalid_input, "Crossref: HTTP 200 but the body is not JSON (" +
                                                describe_text_body(t) + ")");
    }
    // The bytes trimmed off the end are readable too.
    const auto trimmed_off = static_cast<std::size_t>((body.data() + body.size()) - (t.data() + t.size()));
    auto parts = parse_envelope(t, Envelope::work, readable_after + trimmed_off);
    if (!parts) return tl::unexpected(parts.error());
    return std::move(parts->records.front());
  }
  if (status == 404) return fail(ErrorCode::not_found, describe_error(status, t));
  if (status == 429) return fail(ErrorCode::rate_limited, describe_error(status, t));
  if (status >= 500) return fail(ErrorCode::transient, describe_error(status, t));
  return fail(ErrorCode::permanent, describe_error(status, t));
}

}  // namespace scholard::fetchers
