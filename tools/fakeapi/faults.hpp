// Fault injection for the fake API server: what a fault is, how a
// `--fault ROUTE:KIND[:PARAM][xCOUNT]` spec or a control request names one,
// and the per-route queue that hands the next request its fault.
//
// A fault with a count applies to that many next requests of its route and
// then leaves the queue; a fault without a count stays until reset. Faults
// queue per route in the order they were set, so "two 503s, then a reset"
// is three specs. A `rejectid` fault is conditional: it applies only to
// arXiv requests whose id_list contains its id, and other requests pass it
// by (it neither answers them nor blocks the faults queued behind it).
// Pure data: no I/O, no clock.
#pragma once

#include <array>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace scholard::fakeapi {

enum class Route { arxiv, crossref, semanticscholar };

enum class FaultKind {
  delay,         // param ms, then the normal answer
  status_429,    // param = Retry-After value (seconds or HTTP-date), absent = no header
  status_503,    // likewise
  status_500,    // arXiv: Atom error feed; Crossref: JSON exception body
  html_504,      // gateway HTML page with 504
  reset,         // close the connection without answering
  truncate,      // announce the full Content-Length, send fewer bytes, close
  malformed,     // 200 with broken XML / JSON
  html_200,      // an HTML error page with status 200
  empty,         // 200 with an empty body
  oversize,      // param bytes (default 17 MiB): a valid-looking body larger than a client cap
  drip,          // param bytes per second: the normal body, slowly
  errorfeed_200, // arXiv only: the error feed with HTTP 200 (legacy behaviour)
  reject_id,     // arXiv only, param = an id: id_list requests containing it get the 400
                 // "incorrect id format for <id>" feed (the server's validator disagreeing)
  status_403,    // Semantic Scholar only: the recorded bad-key 403
  other_paper,   // param = another paper's id (optional): the answer is for that paper
                 // instead of the one asked (other_paper.hpp says how, per route)
  gzip_plain,    // the normal body, unencoded, labelled `Content-Encoding: gzip`
  redirect,      // param = a Location (default http://scholard-test.invalid/moved): 302 there
};

struct Fault {
  Route route = Route::arxiv;
  FaultKind kind = FaultKind::delay;
  std::string param;         // "" = not given
  std::optional<int> count;  // nullopt = until reset
};

std::string_view to_string(Route route);
std::string_view to_string(FaultKind kind);

// "arxiv" / "crossref" / "semanticscholar" (or "s2"). On error: invalid_input naming the text.
core::Result<Route> parse_route(std::string_view text);

// Kind names as written in specs: delay, 429, 503, 500, 504html, reset,
// truncate, malformed, html200, empty, oversize, drip, errorfeed200, rejectid, 403,
// otherpaper, gzipplain, redirect.
core::Result<FaultKind> parse_fault_kind(std::string_view text);

// Builds and validates a fault from its parts (the control endpoint's query
// parameters). `count_text` empty = until reset. Checks that numeric params
// are numbers, that errorfeed200 and rejectid are only set on arxiv and that
// rejectid names one id (non-empty, no comma).
// On error: invalid_input saying which part is wrong.
core::Result<Fault> make_fault(std::string_view route, std::string_view kind,
                               std::string_view param, std::string_view count_text);

// Parses "ROUTE:KIND[:PARAM][xCOUNT]", e.g. "arxiv:503:120x2",
// "crossref:delay:1500", "arxiv:429:Wed, 21 Oct 2015 07:28:00 GMT".
// On error: invalid_input.
core::Result<Fault> parse_fault_spec(std::string_view spec);

// Per-route FIFO of pending faults.
class FaultQueue {
 public:
  void add(Fault fault);
  void clear();

  // The fault the next request of `route` gets, consuming one use of it:
  // the first queued fault that applies to the request. `id_list` is the
  // request's decoded id_list parameter ("" when none); rejectid faults
  // apply only when one of its comma-separated ids equals their param.
  std::optional<Fault> take(Route route, std::string_view id_list = {});

  // Pending faults of a route, for logs and the stats endpoint.
  std::size_t pending(Route route) const;

 private:
  std::array<std::deque<Fault>, 3> m_queues;
};

}  // namespace scholard::fakeapi
