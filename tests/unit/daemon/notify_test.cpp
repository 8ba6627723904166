#include "daemon/notify.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "support/notify_socket.hpp"

namespace scholard::daemon {
namespace {

namespace fs = std::filesystem;

std::string unique_suffix() {
  std::random_device rd;
  return std::to_string(::getpid()) + "-" + std::to_string(rd());
}

void expect_all_messages(const Notifier& notifier, testing::NotifySocket& rx) {
  ASSERT_TRUE(notifier.ready());
  EXPECT_EQ(rx.next(), "READY=1");
  ASSERT_TRUE(notifier.status("sync: 23 papers,\n1 changed\r"));
  EXPECT_EQ(rx.next(), "STATUS=sync: 23 papers, 1 changed ");
  ASSERT_TRUE(notifier.stopping());
  EXPECT_EQ(rx.next(), "STOPPING=1");
  ASSERT_TRUE(notifier.watchdog());
  EXPECT_EQ(rx.next(), "WATCHDOG=1");
  EXPECT_TRUE(rx.empty());
}

TEST(Notify, SendsExactDatagramsToAPathSocket) {
  const std::string path = (fs::temp_directory_path() / ("scholard-notify-" + unique_suffix())).string();
  testing::NotifySocket rx(path);
  ASSERT_TRUE(rx.bound());
  Notifier notifier(path);
  EXPECT_TRUE(notifier.enabled());
  expect_all_messages(notifier, rx);
}

TEST(Notify, SendsExactDatagramsToAnAbstractSocket) {
  const std::string name = "@scholard-notify-test-" + unique_suffix();
  testing::NotifySocket rx(name);
  ASSERT_TRUE(rx.bound());
  Notifier notifier(name);
  expect_all_messages(notifier, rx);
}

// The abstract address length must be exact: a receiver at "@name" must not
// get messages meant for "@name-longer", and vice versa.
TEST(Notify, AbstractNamesAreMatchedExactly) {
  const std::string name = "@scholard-exact-" + unique_suffix();
  testing::NotifySocket rx(name);
  ASSERT_TRUE(rx.bound());
  Notifier other(name + "-longer");
  EXPECT_FALSE(other.ready());  // nobody listens there: ECONNREFUSED
  EXPECT_TRUE(rx.empty());
}

TEST(Notify, ReloadingCarriesMonotonicMicroseconds) {
  const std::string name = "@scholard-reload-" + unique_suffix();
  testing::NotifySocket rx(name);
  ASSERT_TRUE(rx.bound());
  Notifier notifier(name);
  const std::uint64_t before = monotonic_usec();
  ASSERT_TRUE(notifier.reloading());
  const std::uint64_t after = monotonic_usec();
  auto msg = rx.next();
  ASSERT_TRUE(msg);
  const std::string prefix = "RELOADING=1\nMONOTONIC_USEC=";
  ASSERT_EQ(msg->rfind(prefix, 0), 0u) << *msg;
  const std::string digits = msg->substr(prefix.size());
  ASSERT_FALSE(digits.empty());
  EXPECT_EQ(digits.find_first_not_of("0123456789"), std::string::npos) << digits;
  const std::uint64_t value = std::stoull(digits);
  EXPECT_GE(value, before);
  EXPECT_LE(value, after);
}

TEST(Notify, FromEnvironmentReadsNotifySocket) {
  const std::string name = "@scholard-env-" + unique_suffix();
  testing::NotifySocket rx(name);
  ASSERT_TRUE(rx.bound());
  ::setenv("NOTIFY_SOCKET", name.c_str(), 1);
  Notifier notifier = Notifier::from_environment();
  ::unsetenv("NOTIFY_SOCKET");
  EXPECT_EQ(notifier.address(), name);
  ASSERT_TRUE(notifier.ready());
  EXPECT_EQ(rx.next(), "READY=1");
}

TEST(Notify, WithoutNotifySocketEveryCallIsANoOp) {
  ::unsetenv("NOTIFY_SOCKET");
  Notifier notifier = Notifier::from_environment();
  EXPECT_FALSE(notifier.enabled());
  EXPECT_TRUE(notifier.ready());
  EXPECT_TRUE(notifier.status("x"));
  EXPECT_TRUE(notifier.reloading());
  EXPECT_TRUE(notifier.stopping());
  EXPECT_TRUE(notifier.watchdog());
  EXPECT_TRUE(notifier.send(""));
}

TEST(Notify, ErrorsAreValues) {
  auto missing = Notifier("/nonexistent-dir/scholard.sock").ready();
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::io);
  EXPECT_NE(missing.error().message.find("/nonexistent-dir/scholard.sock"), std::string::npos);

  auto vsock = Notifier("vsock:2:1234").ready();
  ASSERT_FALSE(vsock);
  EXPECT_EQ(vsock.error().code, core::ErrorCode::invalid_input);

  auto too_long = Notifier("/" + std::string(200, 'a')).ready();
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, core::ErrorCode::invalid_input);

  auto empty = Notifier("@x").send("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, core::ErrorCode::invalid_input);
}

TEST(Notify, WatchdogIntervalIsHalfTheTimeoutForThisProcess) {
  using std::chrono::microseconds;
  const pid_t self = 4242;
  EXPECT_EQ(watchdog_interval_from("60000000", nullptr, self), microseconds{30'000'000});
  EXPECT_EQ(watchdog_interval_from("60000000", "4242", self), microseconds{30'000'000});
  EXPECT_EQ(watchdog_interval_from("3", nullptr, self), microseconds{1});
  EXPECT_EQ(watchdog_interval_from("60000000", "4243", self), std::nullopt);  // another process's
  EXPECT_EQ(watchdog_interval_from(nullptr, nullptr, self), std::nullopt);
  EXPECT_EQ(watchdog_interval_from(nullptr, "4242", self), std::nullopt);
  EXPECT_EQ(watchdog_interval_from("0", nullptr, self), std::nullopt);
  EXPECT_EQ(watchdog_interval_from("", nullptr, self), std::nullopt);
  EXPECT_EQ(watchdog_interval_from("60s", nullptr, self), std::nullopt);
  EXPECT_EQ(watchdog_interval_from("-5", nullptr, self), std::nullopt);
  EXPECT_EQ(watchdog_interval_from("60000000", "abc", self), std::nullopt);
}

TEST(Notify, WatchdogIntervalFromEnvironment) {
  ::setenv("WATCHDOG_USEC", "120000000", 1);
  ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
  EXPECT_EQ(Notifier::from_environment().watchdog_interval(), std::chrono::microseconds{60'000'000});
  ::setenv("WATCHDOG_PID", std::to_string(::getpid() + 1).c_str(), 1);
  EXPECT_EQ(Notifier::from_environment().watchdog_interval(), std::nullopt);
  ::unsetenv("WATCHDOG_PID");
  EXPECT_EQ(Notifier::from_environment().watchdog_interval(), std::chrono::microseconds{60'000'000});
  ::unsetenv("WATCHDOG_USEC");
  EXPECT_EQ(Notifier::from_environment().watchdog_interval(), std::nullopt);
}

}  // namespace
}  // namespace scholard::daemon
