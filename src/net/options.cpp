#include "net/options.hpp"

namespace scholard::net {

using std::chrono::seconds;

HostPolicy default_host_policy() {
  HostPolicy p;
  p.limiter = {seconds(1), 1, Adaptation::fixed};
  p.retry = {3, seconds(2), seconds(60)};
  return p;
}

}  // namespace scholard::net
