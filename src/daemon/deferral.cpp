#include "daemon/deferral.hpp"

#include <algorithm>
#include <charconv>

#include "daemon/schedule.hpp"

namespace scholard::daemon {
namespace {

constexpr auto k_first_backoff = std::chrono::minutes(1);
constexpr auto k_max_backoff = std::chrono::hours(6);

std::string key(std::string_view source, std::string_view what) { return std::string(source) + "_" + std::string(what); }

std::optional<std::int64_t> meta_int(store::Store& store, const std::string& name) {
  auto value = store.get_meta(name);
  if (!value || !*value) return std::nullopt;
  const std::string& text = **value;
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

std::int64_t unix_ms(core::SysTime t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

}  // namespace

std::chrono::milliseconds refusal_backoff(int refusals, double unit) {
  const int doublings = std::clamp(refusals - 1, 0, 20);
  const auto full = std::min<std::chrono::milliseconds>(k_max_backoff, k_first_backoff * (std::int64_t{1} << doublings));
  const auto half = full / 2;
  return half + std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(half.count()) * (1.0 - unit)));
}

std::optional<SourceDeferral> load_deferral(store::Store& store, std::string_view source) {
  const auto until = meta_int(store, key(source, "deferred_until_ms"));
  if (!until) return std::nullopt;
  SourceDeferral d;
  d.until = core::SysTime(std::chrono::duration_cast<core::SysTime::duration>(std::chrono::milliseconds(*until)));
  d.refusals = static_cast<int>(std::max<std::int64_t>(1, meta_int(store, key(source, "refusals")).value_or(1)));
  if (auto reason = store.get_meta(key(source, "refusal")); reason && *reason) d.reason = **reason;
  return d;
}

core::Result<SourceDeferral> record_refusal(store::Store& store, std::string_view source, const std::string& reason,
                                            core::SysTime now, Random& random) {
  const auto before = load_deferral(store, source);
  SourceDeferral d;
  d.refusals = before ? before->refusals + 1 : 1;
  d.reason = reason;
  d.until = now + std::chrono::duration_cast<core::SysTime::duration>(refusal_backoff(d.refusals, random.next_unit()));
  if (auto ok = store.set_meta(key(source, "deferred_until_ms"), std::to_string(unix_ms(d.until))); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = store.set_meta(key(source, "refusals"), std::to_string(d.refusals)); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = store.set_meta(key(source, "refusal"), reason); !ok) return tl::unexpected(ok.error());
  return d;
}

core::Result<void> clear_deferral(store::Store& store, std::string_view source) {
  for (const char* what : {"deferred_until_ms", "refusals", "refusal"}) {
    if (auto ok = store.delete_meta(key(source, what)); !ok) return ok;
  }
  return {};
}

}  // namespace scholard::daemon
