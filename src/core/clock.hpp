// Clock: the one gateway to time. Schedulers and rate limiters take a Clock (or
// a time point) so tests drive them with FakeClock and never sleep.
#pragma once

#include <chrono>

namespace scholard::core {

using SysTime = std::chrono::system_clock::time_point;
using SteadyTime = std::chrono::steady_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time: stored in the database, shown to users.
  virtual SysTime now() const = 0;
  // Monotonic time: used for intervals between requests and timeouts.
  virtual SteadyTime steady_now() const = 0;
};

class SystemClock final : public Clock {
 public:
  SysTime now() const override { return std::chrono::system_clock::now(); }
  SteadyTime steady_now() const override { return std::chrono::steady_clock::now(); }
};

// A clock that only moves when told to. Both time lines advance together.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(SysTime start = SysTime{} + std::chrono::hours(24 * 365 * 56))
      : m_sys(start) {}
  SysTime now() const override { return m_sys; }
  SteadyTime steady_now() const override { return m_steady; }
  template <typename Rep, typename Period>
  void advance(std::chrono::duration<Rep, Period> d) {
    m_sys += std::chrono::duration_cast<SysTime::duration>(d);
    m_steady += std::chrono::duration_cast<SteadyTime::duration>(d);
  }

 private:
  SysTime m_sys;
  SteadyTime m_steady{};
};

}  // namespace scholard::core
