// run_change_hook (hook.hpp): the [hook] after a render that changed outputs.
// Kept apart from hook.cpp so that the supervisor, which links hook.cpp's
// process helpers only, does not pull in logging for it.
#include <spdlog/spdlog.h>

#include "daemon/hook.hpp"

namespace scholard::daemon {

HookReport run_change_hook(const config::Hook& hook, const std::filesystem::path& config_file,
                           const std::filesystem::path& working_dir,
                           const std::vector<std::filesystem::path>& changed_outputs) {
  HookReport report;
  if (changed_outputs.empty() || hook.on_change.empty()) return report;
  const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(hook.timeout);
  auto result = run_hook(hook.on_change, timeout, hook_environment(changed_outputs, config_file), working_dir);
  if (!result) {
    report.error = result.error().message;
    spdlog::error("hook: {}", report.error);
    return report;
  }
  report.result = std::move(*result);
  const auto& r = *report.result;
  if (r.succeeded()) {
    spdlog::info("hook: {} in {} ms", r.describe(), r.duration.count());
  } else {
    spdlog::error("hook: {}; last output:\n{}", r.describe(), r.output_tail);
  }
  return report;
}

}  // namespace scholard::daemon
