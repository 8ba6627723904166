#include "net/curl_client.hpp"

#include <deque>
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>


#include "core/clock.hpp"
#include "net/asio.hpp"
#include "net/classify.hpp"
#include "net/curl_multi.hpp"
#include "net/headers.hpp"
#include "net/rate_limiter.hpp"
#include "net/retry_policy.hpp"
#include "net/transfer.hpp"
#include "net/url.hpp"

namespace scholard::net {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;

// One Request on its way through attempts, retries and redirect hops.
struct Job {
  Request request;
  ResponseHandler done;
  std::string url;   // current location (changes with redirects)
  std::string host;  // of `url`, named in error messages
  int attempts = 0;
  int hops = 0;
  bool next_is_hop = false;  // the next start follows a redirect, not a new attempt
  core::SteadyTime queued_at{};
};

// The queue, limiter and counters of one policy key. Redirect hops stay in
// the lane of the original request.
struct Lane {
  Lane(asio::io_context& io, HostPolicy p) : policy(p), limiter(initial_state(p.limiter)), timer(io) {}
  HostPolicy policy;
  LimiterState limiter;
  std::deque<std::shared_ptr<Job>> queue;
  asio::steady_timer timer;
  std::optional<core::SteadyTime> timer_at;
  bool pump_posted = false;  // a pump is queued on the io_context (after a send)
  // Set when a server asked to wait longer than the retry policy allows: the
  // lane answers rate_limited without asking again until then.
  // Also set when the host name does not resolve: without DNS nothing on this
  // lane can succeed soon, so the rest of the pass fails fast (transient).
  std::optional<core::SteadyTime> refuse_until;
  std::string refuse_reason;
  Outcome refuse_outcome = Outcome::rate_limited;
  HostStats stats;
  std::multiset<core::SteadyTime> retry_at;  // when each request waiting out a retry delay goes again
  HostStats observed_from;                   // stats when the observer was set
};

// The least time between sends the limiter allows now (LaneActivity::per_request).
milliseconds per_request(const LimiterState& limiter) {
  milliseconds by_window{0};
  if (limiter.window_limit > 0) by_window = window_span(limiter.window) / limiter.window_limit;
  return std::max(limiter.spacing, by_window);
}

constexpr auto k_unresolvable_pause = std::chrono::seconds(60);

bool is_redirect_status(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

struct CurlHttpClient::Impl {
  Impl(asio::io_context& context, ClientOptions opts)
      : io(context), options(std::move(opts)), agent(user_agent(options.contact)),
        random(options.random ? options.random : make_system_random()),
        driver(std::make_unique<detail::MultiDriver>(context)) {}

  void submit(Request request, ResponseHandler done);
  Lane& lane_for(const std::string& key);
  void pump(Lane& lane);
  void arm_timer(Lane& lane, core::SteadyTime at);
  void start(Lane& lane, const std::shared_ptr<Job>& job, core::SteadyTime now);
  void sent(Lane& lane, const detail::Transfer& transfer);
  void finished(Lane& lane, const std::shared_ptr<Job>& job, detail::Transfer* raw, CURLcode rc);
  bool follow_redirect(Lane& lane, const std::shared_ptr<Job>& job, const detail::Transfer& transfer,
                       AttemptFacts& facts);
  Response make_response(const Job& job, detail::Transfer& transfer, const AttemptFacts& facts);
  void note_rate_limit(Lane& lane, const Response& response, core::SteadyTime now);
  void retry_later(Lane& lane, const std::shared_ptr<Job>& job, milliseconds delay);
  void complete(Job& job, Response response);
  void fail_without_request(Job& job, Outcome outcome, std::string error);
  void report(const std::string& key, const Lane& lane) const;
  const std::string& lane_key(const Lane& lane) const;

  asio::io_context& io;
  ClientOptions options;
  std::string agent;
  UnitRandom random;
  core::SystemClock clock;
  std::map<std::string, std::unique_ptr<Lane>, std::less<>> lanes;
  std::unordered_map<detail::Transfer*, std::unique_ptr<detail::Transfer>> transfers;
  std::size_t jobs = 0;
  ActivityObserver observer;
  std::shared_ptr<int> life = std::make_shared<int>(0);  // handlers hold a weak_ptr
  std::unique_ptr<detail::MultiDriver> driver;           // declared last: destroyed first
};

void CurlHttpClient::Impl::submit(Request request, ResponseHandler done) {
  auto job = std::make_shared<Job>();
  job->url = request.url;
  job->request = std::move(request);
  job->done = std::move(done);
  ++jobs;
  auto parts = parse_url(job->url);
  if (!parts) {
    fail_without_request(*job, Outcome::permanent, parts.error().message);
    return;
  }
  job->host = parts->host;
  Lane& lane = lane_for(job->request.source.empty() ? parts->host : job->request.source);
  job->queued_at = clock.steady_now();
  lane.queue.push_back(job);
  pump(lane);
}

Lane& CurlHttpClient::Impl::lane_for(const std::string& key) {
  auto it = lanes.find(key);
  if (it == lanes.end()) {
    const auto policy = options.policies.find(key);
    const HostPolicy& chosen = policy == options.policies.end() ? options.fallback : policy->second;
    it = lanes.emplace(key, std::make_unique<Lane>(io, chosen)).first;
  }
  return *it->second;
}

void CurlHttpClient::Impl::pump(Lane& lane) {
  const auto now = clock.steady_now();
  while (!lane.queue.empty()) {
    if (lane.refuse_until && now < *lane.refuse_until) {
      auto job = lane.queue.front();
      lane.queue.pop_front();
      fail_without_request(*job, lane.refuse_outcome, lane.refuse_reason + "; not asked again in this pass");
      continue;
    }
    const Admission admission = admit(lane.limiter, now);
    if (admission.kind == AdmitKind::wait_for_slot) break;  // a finishing request pumps again
    if (admission.kind == AdmitKind::wait_for_send) break;  // the send pumps again
    if (admission.kind == AdmitKind::wait_until) {
      arm_timer(lane, admission.at);
      break;
    }
    auto job = lane.queue.front();
    lane.queue.pop_front();
    start(lane, job, now);
  }
  if (observer) report(lane_key(lane), lane);
}

void CurlHttpClient::Impl::arm_timer(Lane& lane, core::SteadyTime at) {
  if (lane.timer_at && *lane.timer_at <= at) return;  // an earlier wake-up will re-check
  lane.timer_at = at;
  lane.timer.expires_at(at);
  lane.timer.async_wait([weak = std::weak_ptr<int>(life), this, lane_ptr = &lane](const boost::system::error_code& ec) {
    if (ec || weak.expired()) return;
    lane_ptr->timer_at.reset();
    pump(*lane_ptr);
  });
}

void CurlHttpClient::Impl::start(Lane& lane, const std::shared_ptr<Job>& job, core::SteadyTime now) {
  record_admit(lane.limiter);
  ++lane.stats.requests;
  lane.stats.limiter_wait += std::chrono::duration_cast<milliseconds>(now - job->queued_at);
  if (job->next_is_hop) {
    job->next_is_hop = false;
  } else if (++job->attempts > 1) {
    ++lane.stats.retries;
  }
  detail::TransferSpec spec{job->url,
                            job->request.headers,
                            job->request.etag,
                            job->request.last_modified,
                            agent,
                            options.connect_timeout,
                            options.total_timeout,
                            options.max_body_bytes,
                            lane.policy.reuse_connections,
                            job->request.body,
                            job->request.content_type};
  auto created = detail::Transfer::create(spec);
  if (!created) {
    record_withdrawn(lane.limiter);
    fail_without_request(*job, Outcome::permanent, job->host + ": " + created.error().message);
    return;
  }
  detail::Transfer* raw = created->get();
  raw->set_on_send([this, lane_ptr = &lane, raw] { sent(*lane_ptr, *raw); });
  transfers.emplace(raw, std::move(*created));
  auto added = driver->add(raw->easy(), [this, lane_ptr = &lane, job, raw](CURLcode rc) {
    finished(*lane_ptr, job, raw, rc);
  });
  if (!added) {
    transfers.erase(raw);
    record_withdrawn(lane.limiter);
    fail_without_request(*job, Outcome::permanent, job->host + ": " + added.error().message);
  }
}

// Runs inside libcurl (CURLOPT_PREREQFUNCTION), just before the request's
// bytes go out: the limiter counts from here. Multi calls are not allowed in
// this frame, so a lane waiting for this send is pumped from the loop.
void CurlHttpClient::Impl::sent(Lane& lane, const detail::Transfer& transfer) {
  const auto now = clock.steady_now();
  if (transfer.sends() == 1) {
    record_sent(lane.limiter, now);
  } else {
    record_resent(lane.limiter, now);  // libcurl re-sent it on a fresh connection
  }
  if (lane.queue.empty() || lane.pump_posted) return;
  lane.pump_posted = true;
  asio::post(io, [weak = std::weak_ptr<int>(life), this, lane_ptr = &lane] {
    if (weak.expired()) return;
    lane_ptr->pump_posted = false;
    pump(*lane_ptr);
  });
}

void CurlHttpClient::Impl::finished(Lane& lane, const std::shared_ptr<Job>& job, detail::Transfer* raw,
                                    CURLcode rc) {
  auto owned = std::move(transfers.at(raw));
  transfers.erase(raw);
  const auto now = clock.steady_now();
  // Never sent (no connection, say): whether any byte reached the server is
  // unknown, so it counts as sent now, which keeps the next request spaced.
  if (owned->sends() == 0) record_sent(lane.limiter, now);
  record_finish(lane.limiter);
  AttemptFacts facts = owned->facts(rc, job->host);
  if (facts.status != 0) adapt(lane.limiter, lane.policy.limiter, rate_headers_from(owned->headers()));
  if (facts.status == 429 || facts.status == 503) {
    for (const auto& [name, value] : owned->headers()) {
      if (name == "retry-after") facts.retry_after = parse_retry_after(value, clock.now());
    }
  }
  if (follow_redirect(lane, job, *owned, facts)) return;
  Response response = make_response(*job, *owned, facts);
  if (response.outcome == Outcome::not_modified) ++lane.stats.not_modified;
  note_rate_limit(lane, response, now);
  // An unresolvable host is not retried: a DNS failure (typically no network)
  // will not heal within seconds, and arXiv's backoff would hold the pass for
  // minutes. Later requests on the lane fail at once for a while.
  const bool unresolvable = facts.error == TransportError::resolve;
  if (unresolvable) {
    lane.refuse_until = now + k_unresolvable_pause;
    lane.refuse_reason = response.error;
    lane.refuse_outcome = Outcome::transient;
  }
  const auto decision = unresolvable ? RetryDecision{}
                                     : decide_retry(lane.policy.retry, response.outcome, job->attempts,
                                                    response.retry_after, random);
  if (decision.action == RetryAction::retry) {
    retry_later(lane, job, decision.delay);
  } else {
    complete(*job, std::move(response));
  }
  pump(lane);
}

// Returns true when the answer was a redirect we follow (the job is queued
// again); marks `facts` refused when the redirect breaks the policy.
bool CurlHttpClient::Impl::follow_redirect(Lane& lane, const std::shared_ptr<Job>& job,
                                           const detail::Transfer& transfer, AttemptFacts& facts) {
  if (facts.error != TransportError::none || !is_redirect_status(facts.status)) return false;
  const std::string target = transfer.redirect_url();
  if (target.empty()) return false;  // classified as an unfollowed 3xx
  const auto decision = decide_redirect(target, job->hops, options.max_redirects);
  if (decision.verdict == RedirectVerdict::refuse) {
    facts.error = TransportError::refused_redirect;
    facts.detail = decision.reason;
    return false;
  }
  ++job->hops;
  // 301/302/303 turn a POST into a GET (RFC 9110 §15.4, what libcurl and
  // browsers do); 307/308 keep the method and body.
  if (facts.status == 301 || facts.status == 302 || facts.status == 303) {
    job->request.body.clear();
    job->request.content_type.clear();
  }
  job->url = target;
  job->host = url_host(target);
  job->next_is_hop = true;
  job->queued_at = clock.steady_now();
  lane.queue.push_front(job);
  pump(lane);
  return true;
}

Response CurlHttpClient::Impl::make_response(const Job& job, detail::Transfer& transfer, const AttemptFacts& facts) {
  const Classification classified = classify(facts);
  Response response;
  response.outcome = classified.outcome;
  response.status = facts.status;
  response.error = classified.error;
  response.retry_after = facts.retry_after;
  response.attempts = job.attempts;
  response.body = transfer.take_body();
  response.headers = transfer.take_headers();
  response.etag = std::string(response.header("etag"));
  response.last_modified = std::string(response.header("last-modified"));
  return response;
}

void CurlHttpClient::Impl::note_rate_limit(Lane& lane, const Response& response, core::SteadyTime now) {
  if (response.status == 429) slow_down(lane.limiter, now);  // half the rate for a while
  if (response.outcome != Outcome::rate_limited || !response.retry_after) return;
  if (*response.retry_after <= lane.policy.retry.max_delay) {
    pause_until(lane.limiter, now + *response.retry_after);  // nobody asks sooner
  } else {
    lane.refuse_until = now + *response.retry_after;
    lane.refuse_reason = response.error;
    lane.refuse_outcome = Outcome::rate_limited;
  }
}

void CurlHttpClient::Impl::retry_later(Lane& lane, const std::shared_ptr<Job>& job, milliseconds delay) {
  auto timer = std::make_shared<asio::steady_timer>(io, delay);
  const auto at = lane.retry_at.insert(clock.steady_now() + delay);
  timer->async_wait([weak = std::weak_ptr<int>(life), this, lane_ptr = &lane, job, timer, at](
                        const boost::system::error_code& ec) {
    if (ec || weak.expired()) return;
    lane_ptr->retry_at.erase(at);
    job->queued_at = clock.steady_now();
    lane_ptr->queue.push_front(job);  // retries go before requests not yet tried
    pump(*lane_ptr);
  });
}

const std::string& CurlHttpClient::Impl::lane_key(const Lane& lane) const {
  static const std::string none;
  for (const auto& [key, owned] : lanes) {
    if (owned.get() == &lane) return key;
  }
  return none;
}

// A lane waits when nothing of it is in flight and its next request has a
// time to wait for: the limiter's timer (a Retry-After pause when that is
// what holds it) or the earliest retry delay, whichever ends first.
void CurlHttpClient::Impl::report(const std::string& key, const Lane& lane) const {
  LaneActivity a;
  a.key = key;
  a.requests = lane.stats.requests - lane.observed_from.requests;
  a.retries = lane.stats.retries - lane.observed_from.retries;
  a.in_flight = lane.limiter.in_flight;
  a.queued = lane.queue.size();
  a.backing_off = static_cast<int>(lane.retry_at.size());
  a.per_request = per_request(lane.limiter);
  if (a.in_flight == 0) {
    if (!lane.queue.empty() && lane.timer_at) {
      a.until = lane.timer_at;
      const bool paused = lane.limiter.paused_until && *lane.limiter.paused_until >= *lane.timer_at;
      a.waiting = paused ? WaitReason::server_asked : WaitReason::rate_limit;
    }
    if (!lane.retry_at.empty() && (!a.until || *lane.retry_at.begin() < *a.until)) {
      a.until = *lane.retry_at.begin();
      // A retry the server's Retry-After holds back (the lane is paused until then).
      const bool asked = lane.limiter.paused_until && *lane.limiter.paused_until >= clock.steady_now();
      a.waiting = asked ? WaitReason::server_asked : WaitReason::backoff;
    }
  }
  observer(a);
}

void CurlHttpClient::Impl::complete(Job& job, Response response) {
  --jobs;
  asio::post(io, [weak = std::weak_ptr<int>(life), done = std::move(job.done),
                  response = std::move(response)]() mutable {
    if (!weak.expired()) done(std::move(response));
  });
}

void CurlHttpClient::Impl::fail_without_request(Job& job, Outcome outcome, std::string error) {
  Response response;
  response.outcome = outcome;
  response.error = std::move(error);
  response.attempts = job.attempts;
  complete(job, std::move(response));
}

CurlHttpClient::CurlHttpClient(asio::io_context& io, ClientOptions options)
    : m_impl(std::make_unique<Impl>(io, std::move(options))) {}

CurlHttpClient::~CurlHttpClient() = default;

void CurlHttpClient::get(Request request, ResponseHandler done) {
  m_impl->submit(std::move(request), std::move(done));
}

ClientStats CurlHttpClient::stats() const {
  ClientStats out;
  for (const auto& [key, lane] : m_impl->lanes) out.emplace(key, lane->stats);
  return out;
}

std::size_t CurlHttpClient::pending() const { return m_impl->jobs; }

void CurlHttpClient::observe(ActivityObserver observer) {
  m_impl->observer = std::move(observer);
  for (auto& [key, lane] : m_impl->lanes) lane->observed_from = lane->stats;
}

}  // namespace scholard::net
