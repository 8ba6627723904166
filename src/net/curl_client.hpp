// CurlHttpClient: the production HttpClient. libcurl's multi interface runs
// on the caller's Boost.Asio io_context (no thread of its own, nothing blocks
// the loop). Requests queue per policy key (Request::source, else the host);
// each key has a rate limiter (spacing and a sliding window over the moments
// requests are actually sent, requests in flight, adapted to Crossref's
// headers) and a retry policy. Redirects are followed by the client itself,
// hop by hop, only to https (or http on loopback).
//
// Every response arrives classified (see Outcome); failures are values, the
// message names the host. Handlers run on the io_context thread, once per
// request, never from inside get(). Destroying the client drops unfinished
// requests without calling their handlers.
#pragma once

#include <memory>

#include "net/asio_fwd.hpp"
#include "net/http_client.hpp"
#include "net/options.hpp"

namespace scholard::net {

class CurlHttpClient final : public HttpClient {
 public:
  // Throws std::runtime_error only when libcurl cannot initialise (start-up).
  CurlHttpClient(boost::asio::io_context& io, ClientOptions options);
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  // Queues `request`; `done` receives the final Response after retries.
  // A URL that cannot be parsed is answered `permanent` (posted).
  void get(Request request, ResponseHandler done) override;
  // Each lane reports after every change of its queue, limiter or retries.
  void observe(ActivityObserver observer) override;

  // Counters per policy key so far.
  ClientStats stats() const;

  // Requests accepted but not yet answered.
  std::size_t pending() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace scholard::net
