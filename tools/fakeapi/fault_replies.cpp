#include "fault_replies.hpp"

#include <charconv>

#include "arxiv_route.hpp"
#include "semanticscholar_route.hpp"

namespace scholard::fakeapi {
namespace {

constexpr std::string_view k_html_200 =
    "<!DOCTYPE html>\n<html><head><title>Service notice</title></head>\n"
    "<body><h1>We are sorry</h1><p>Something went wrong while processing your request. "
    "Please try again later.</p></body></html>\n";
constexpr std::string_view k_html_504 =
    "<html>\n<head><title>504 Gateway Time-out</title></head>\n<body>\n"
    "<center><h1>504 Gateway Time-out</h1></center>\n</body>\n</html>\n";
constexpr std::string_view k_html_503 =
    "<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head>\n"
    "<body><h1>Error 503 Service Unavailable</h1><p>Service Unavailable</p>"
    "<h3>Guru Meditation:</h3><p>first byte timeout</p></body></html>\n";
constexpr std::string_view k_crossref_429 =
    "<html><body><h1>429 Too Many Requests</h1>\n"
    "You have sent too many requests in a given amount of time.\n</body></html>";
constexpr std::string_view k_crossref_500 =
    R"json({"status":"failed","message-type":"exception","message-version":"1.0.0",)json"
    R"json("message":{"name":"class java.lang.NullPointerException","description":"java.lang.NullPointerException",)json"
    R"json("message":null,"stack":["cayenne.api.v1.routes$work_resource.invokeStatic(routes.clj:245)",)json"
    R"json("clojure.lang.AFn.applyToHelper(AFn.java:154)"],"cause":null}})json";
constexpr std::string_view k_broken_feed =
    "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
    "  <entry>\n    <title>unterminated";
constexpr std::string_view k_broken_json = R"({"status":"ok","message-type":"work","message":{"DOI":"10.)";

// Not loopback and plain http: a Location scholard's client refuses.
constexpr std::string_view k_default_redirect = "http://scholard-test.invalid/moved";

Reply make(unsigned status, std::string_view content_type, std::string body) {
  Reply reply;
  reply.status = status;
  reply.set_header("Content-Type", std::string(content_type));
  reply.body = std::move(body);
  return reply;
}

std::size_t oversize_bytes(const Fault& fault) {
  std::size_t bytes = k_default_oversize_bytes;
  if (!fault.param.empty()) {
    std::from_chars(fault.param.data(), fault.param.data() + fault.param.size(), bytes);
  }
  return bytes;
}

std::string oversize_body(Route route, std::size_t bytes) {
  // A well-formed document whose one text field carries the bulk.
  const std::string head = route == Route::arxiv
                               ? "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
                                 "  <entry>\n    <id>http://arxiv.org/abs/9912.99999v1</id>\n"
                                 "    <title>Oversize body</title>\n    <summary>"
                               : R"({"status":"ok","message-type":"work","message-version":"1.0.0",)"
                                 R"("message":{"DOI":"10.5555/oversize","abstract":")";
  const std::string tail = route == Route::arxiv ? "</summary>\n  </entry>\n</feed>\n" : "\"}}";
  std::string body = head;
  const std::size_t fill = bytes + 1 > head.size() + tail.size() ? bytes + 1 - head.size() - tail.size() : 1;
  body.reserve(head.size() + fill + tail.size());
  for (std::size_t i = 0; i < fill; ++i) body += (i % 64 == 63) ? ' ' : 'a';
  body += tail;
  return body;
}

Reply malformed_reply(Route route, const Reply& normal) {
  if (route == Route::arxiv) {
    const bool xml = !normal.body.empty() && normal.body.front() == '<';
    std::string body = xml ? normal.body.substr(0, normal.body.size() / 2) + "<entry><title>broken &"
                           : std::string(k_broken_feed);
    return make(200, k_atom_content_type, std::move(body));
  }
  const bool json = !normal.body.empty() && normal.body.front() == '{';
  std::string body = json ? normal.body.substr(0, normal.body.size() / 2) + ",\"tru" : std::string(k_broken_json);
  return make(200, "application/json", std::move(body));
}

Reply rate_reply(unsigned status, Route route, const Fault& fault) {
  Reply reply = status == 429 ? (route == Route::arxiv ? make(429, "text/plain", "Rate exceeded.")
                                                       : make(429, "text/html", std::string(k_crossref_429)))
                              : make(503, "text/html", std::string(k_html_503));
  if (!fault.param.empty()) reply.set_header("Retry-After", fault.param);
  return reply;
}

}  // namespace

bool replaces_reply(FaultKind kind) {
  switch (kind) {
    case FaultKind::delay:
    case FaultKind::reset:
    case FaultKind::truncate:
    case FaultKind::drip:
    case FaultKind::other_paper: return false;  // the route answers the rewritten request
    default: return true;
  }
}

Reply fault_reply(const Fault& fault, const Reply& normal, FeedFormat format, WallTime now) {
  const Route route = fault.route;
  if (route == Route::semanticscholar) {
    if (auto reply = s2_fault_reply(fault, normal)) return *reply;
  }
  switch (fault.kind) {
    case FaultKind::status_429: return rate_reply(429, route, fault);
    case FaultKind::status_503: return rate_reply(503, route, fault);
    case FaultKind::status_500:
      if (route == Route::arxiv) {
        const std::string scheme = format == FeedFormat::current ? "https" : "http";
        return make(500, k_atom_content_type,
                    build_error_feed(format,
                                     {"The server encountered an internal error and was unable to complete "
                                      "your request.",
                                      scheme + "://arxiv.org/api/errors"},
                                     now));
      } else {
        Reply reply = make(500, "application/json;charset=utf-8", std::string(k_crossref_500));
        reply.set_header("exception-name", "java.lang.NullPointerException");
        return reply;
      }
    case FaultKind::html_504: return make(504, "text/html", std::string(k_html_504));
    case FaultKind::malformed: return malformed_reply(route, normal);
    case FaultKind::html_200: return make(200, "text/html; charset=utf-8", std::string(k_html_200));
    case FaultKind::empty: {
      const std::string_view type = normal.header("Content-Type");
      return make(200, type.empty() ? std::string_view("text/plain") : type, std::string());
    }
    case FaultKind::oversize:
      return make(200, route == Route::arxiv ? k_atom_content_type : "application/json",
                  oversize_body(route, oversize_bytes(fault)));
    case FaultKind::errorfeed_200: {
      const std::string message = "incorrect id format for 1234.123";
      return make(200, k_atom_content_type, build_error_feed(format, {message, error_url_for(message, format)}, now));
    }
    case FaultKind::status_403: return s2_forbidden_reply();
    case FaultKind::reject_id: {
      // Exactly what arXiv answers when its validator refuses one id of the list.
      const std::string message = "incorrect id format for " + fault.param;
      return make(400, k_atom_content_type, build_error_feed(format, {message, error_url_for(message, format)}, now));
    }
    case FaultKind::gzip_plain: {
      // A server (or proxy) labelling a body it never compressed.
      Reply reply = normal;
      reply.set_header("Content-Encoding", "gzip");
      return reply;
    }
    case FaultKind::redirect: {
      Reply reply = make(302, "text/plain", "moved");
      reply.set_header("Location", fault.param.empty() ? std::string(k_default_redirect) : fault.param);
      return reply;
    }
    case FaultKind::delay:
    case FaultKind::reset:
    case FaultKind::truncate:
    case FaultKind::drip:
    case FaultKind::other_paper: break;
  }
  return normal;
}

}  // namespace scholard::fakeapi
