#include "net/transfer.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "net/http_client.hpp"

namespace scholard::net::detail {
namespace {

long to_long_ms(std::chrono::milliseconds d) { return static_cast<long>(d.count()); }

}  // namespace

core::Result<std::unique_ptr<Transfer>> Transfer::create(const TransferSpec& spec) {
  std::unique_ptr<Transfer> transfer(new Transfer());
  transfer->m_easy.reset(curl_easy_init());
  if (!transfer->m_easy) return core::fail(core::ErrorCode::permanent, "libcurl: curl_easy_init failed");
  auto configured = transfer->configure(spec);
  if (!configured) return tl::unexpected(configured.error());
  return transfer;
}

core::Result<void> Transfer::configure(const TransferSpec& spec) {
  m_url = spec.url;
  m_max_body = spec.max_body_bytes;
  for (const auto& [name, value] : spec.extra_headers) {
    if (!m_request_headers.append(name + ": " + value)) {
      return core::fail(core::ErrorCode::permanent, "libcurl: out of memory for headers");
    }
  }
  if (!spec.etag.empty() && !m_request_headers.append("If-None-Match: " + spec.etag)) {
    return core::fail(core::ErrorCode::permanent, "libcurl: out of memory for headers");
  }
  if (!spec.last_modified.empty() && !m_request_headers.append("If-Modified-Since: " + spec.last_modified)) {
    return core::fail(core::ErrorCode::permanent, "libcurl: out of memory for headers");
  }
  if (!spec.body.empty()) {
    if (!spec.content_type.empty() && !m_request_headers.append("Content-Type: " + spec.content_type)) {
      return core::fail(core::ErrorCode::permanent, "libcurl: out of memory for headers");
    }
    // No "Expect: 100-continue" (libcurl adds it to large bodies): it costs a
    // round trip, or a second's wait on servers that never answer it.
    if (!m_request_headers.append("Expect:")) {
      return core::fail(core::ErrorCode::permanent, "libcurl: out of memory for headers");
    }
  }
  CURL* e = m_easy.get();
  CURLcode rc = CURLE_OK;
  const auto check = [&rc](CURLcode r) {
    if (rc == CURLE_OK) rc = r;
  };
  check(curl_easy_setopt(e, CURLOPT_URL, m_url.c_str()));
  check(curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https"));
  check(curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "https"));
  check(curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L));
  check(curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L));
  check(curl_easy_setopt(e, CURLOPT_USERAGENT, spec.user_agent.c_str()));  // copied by libcurl
  check(curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, ""));                 // all it can decode
  check(curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, to_long_ms(spec.connect_timeout)));
  check(curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, to_long_ms(spec.total_timeout)));
  check(curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L));
  check(curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L));
  check(curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L));
  if (!spec.reuse_connection) {
    check(curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L));  // not a pooled one (another lane's)
    check(curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L));   // and closed afterwards
  }
  check(curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(m_max_body)));
  check(curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Transfer::on_body));
  check(curl_easy_setopt(e, CURLOPT_WRITEDATA, this));
  check(curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Transfer::on_header));
  check(curl_easy_setopt(e, CURLOPT_HEADERDATA, this));
  check(curl_easy_setopt(e, CURLOPT_ERRORBUFFER, m_error.data()));
  check(curl_easy_setopt(e, CURLOPT_HTTPHEADER, m_request_headers.get()));
  check(curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, &Transfer::on_prereq));
  check(curl_easy_setopt(e, CURLOPT_PREREQDATA, this));
  if (!spec.body.empty()) {
    // The size first: COPYPOSTFIELDS copies that many bytes (the body may hold NULs).
    check(curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(spec.body.size())));
    check(curl_easy_setopt(e, CURLOPT_COPYPOSTFIELDS, spec.body.c_str()));
  }
  if (rc != CURLE_OK) {
    return core::fail(core::ErrorCode::permanent,
                      std::string("libcurl rejected an option: ") + curl_easy_strerror(rc));
  }
  return {};
}

std::size_t Transfer::on_body(char* data, std::size_t size, std::size_t count, void* self) {
  auto* t = static_cast<Transfer*>(self);
  const std::size_t bytes = size * count;
  if (bytes > t->m_max_body - t->m_body.size()) {
    t->m_oversize = true;
    return 0;  // anything but `bytes` aborts the transfer (CURLE_WRITE_ERROR)
  }
  // Grown here rather than by append, to keep k_body_spare_capacity bytes
  // after the body (http_client.hpp); doubling keeps the growth geometric.
  const std::size_t needed = t->m_body.size() + bytes + k_body_spare_capacity;
  if (needed > t->m_body.capacity()) t->m_body.reserve(std::max(needed, 2 * t->m_body.capacity()));
  t->m_body.append(data, bytes);
  return bytes;
}

std::size_t Transfer::on_header(char* data, std::size_t size, std::size_t count, void* self) {
  auto* t = static_cast<Transfer*>(self);
  const std::size_t bytes = size * count;
  const std::string_view line(data, bytes);
  if (line.substr(0, 5) == "HTTP/") {
    t->m_headers.clear();  // a new response (after 1xx) starts
  } else if (auto header = parse_header_line(line)) {
    t->m_headers.push_back(std::move(*header));
  }
  return bytes;
}

int Transfer::on_prereq(void* self, char* /*primary_ip*/, char* /*local_ip*/, int /*primary_port*/,
                        int /*local_port*/) {
  auto* t = static_cast<Transfer*>(self);
  ++t->m_sends;
  if (!t->m_on_send) return CURL_PREREQFUNC_OK;
  try {
    t->m_on_send();
  } catch (...) {
    return CURL_PREREQFUNC_ABORT;  // no exception may cross libcurl's C frames
  }
  return CURL_PREREQFUNC_OK;
}

long Transfer::status() const {
  long code = 0;
  curl_easy_getinfo(m_easy.get(), CURLINFO_RESPONSE_CODE, &code);
  return code;
}

std::string Transfer::redirect_url() const {
  char* location = nullptr;
  if (curl_easy_getinfo(m_easy.get(), CURLINFO_REDIRECT_URL, &location) != CURLE_OK || location == nullptr) {
    return {};
  }
  return location;
}

AttemptFacts Transfer::facts(CURLcode result, const std::string& host) const {
  AttemptFacts f;
  f.host = host;
  f.status = status();
  f.max_body_bytes = m_max_body;
  f.error = m_oversize ? TransportError::oversize : transport_error_of(result);
  f.location = redirect_url();
  for (const auto& [name, value] : m_headers) {
    if (name == "content-encoding") f.content_encoding = value;
  }
  if (f.error == TransportError::oversize && result == CURLE_FILESIZE_EXCEEDED) {
    f.detail = "announced by Content-Length";
  } else if (f.error != TransportError::none && f.error != TransportError::oversize) {
    const std::string_view buffer(m_error.data());
    f.detail = std::string(core::trim(buffer.empty() ? curl_easy_strerror(result) : buffer));
  }
  return f;
}

TransportError transport_error_of(CURLcode code) {
  switch (code) {
    case CURLE_OK: return TransportError::none;
    case CURLE_OPERATION_TIMEDOUT: return TransportError::timeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY: return TransportError::resolve;
    case CURLE_COULDNT_CONNECT: return TransportError::connect;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM: return TransportError::reset;
    case CURLE_PARTIAL_FILE: return TransportError::truncated;
    case CURLE_BAD_CONTENT_ENCODING: return TransportError::bad_encoding;
    case CURLE_FILESIZE_EXCEEDED: return TransportError::oversize;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED: return TransportError::tls;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT: return TransportError::bad_url;
    default: return TransportError::other;
  }
}

}  // namespace scholard::net::detail
