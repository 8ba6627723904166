// Transfer: one HTTP GET (or POST, when the spec has a body) as a configured libcurl easy handle, plus what it
// collected (status, headers, body under a size cap). The client runs it on a
// MultiDriver and turns the result into AttemptFacts for `classify`.
//
// The moment the request goes out (after any connect, before its first byte:
// CURLOPT_PREREQFUNCTION, libcurl >= 7.80) is reported to an `on_send`
// callback, so the limiter counts intervals from sends, not from admissions.
//
// Policy lives in the options set here: User-Agent, gzip, timeouts, TLS
// verification on, http/https only, no automatic redirects (the client
// decides each hop with decide_redirect), and a body cap enforced both from
// Content-Length and in the write callback, so nothing beyond the cap is
// ever buffered.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include <curl/curl.h>

#include "core/result.hpp"
#include "net/classify.hpp"
#include "net/curl_handles.hpp"
#include "net/headers.hpp"

namespace scholard::net::detail {

struct TransferSpec {
  std::string url;
  net::HeaderList extra_headers;
  std::string etag;           // If-None-Match when non-empty
  std::string last_modified;  // If-Modified-Since when non-empty
  std::string user_agent;
  std::chrono::milliseconds connect_timeout{0};
  std::chrono::milliseconds total_timeout{0};
  std::size_t max_body_bytes = 0;
  // false: close the connection after this transfer. libcurl silently
  // re-sends a request whose reused connection turns out dead, which would
  // put two requests on the wire back to back (see HostPolicy).
  bool reuse_connection = true;
  // Non-empty: a POST of these bytes (libcurl copies them), with
  // `content_type` as Content-Type when set. Empty: a GET.
  std::string body;
  std::string content_type;
};

class Transfer {
 public:
  // Error: permanent when libcurl cannot allocate or rejects an option.
  static core::Result<std::unique_ptr<Transfer>> create(const TransferSpec& spec);

  CURL* easy() const { return m_easy.get(); }

  // `on_send` runs inside libcurl each time the request is about to be sent
  // (more than once when libcurl re-sends it on a fresh connection). It must
  // not call libcurl's multi functions; an exception from it aborts the transfer.
  void set_on_send(std::function<void()> on_send) { m_on_send = std::move(on_send); }

  // After completion: the facts `classify` needs (redirects not yet judged).
  AttemptFacts facts(CURLcode result, const std::string& host) const;
  long status() const;
  // The absolute Location of a 3xx answer, or "" when there is none.
  std::string redirect_url() const;

  // How often the request was sent (0: it never got that far, e.g. no connection).
  int sends() const { return m_sends; }

  std::string take_body() { return std::move(m_body); }
  net::HeaderList take_headers() { return std::move(m_headers); }
  const net::HeaderList& headers() const { return m_headers; }

 private:
  Transfer() = default;
  core::Result<void> configure(const TransferSpec& spec);

  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self);
  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
  static int on_prereq(void* self, char* primary_ip, char* local_ip, int primary_port, int local_port);

  EasyHandle m_easy;
  CurlSlist m_request_headers;
  std::string m_url;
  std::string m_body;
  net::HeaderList m_headers;  // lower-cased names, in order
  std::size_t m_max_body = 0;
  bool m_oversize = false;
  int m_sends = 0;
  std::function<void()> m_on_send;
  std::array<char, CURL_ERROR_SIZE> m_error{};
};

// Maps a libcurl result code to the transport error it stands for.
TransportError transport_error_of(CURLcode code);

}  // namespace scholard::net::detail
