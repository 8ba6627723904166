// RAII owners for libcurl handles (easy, multi, header lists). Internal to
// src/net: nothing outside this folder includes curl.
#pragma once

#include <memory>
#include <string>

#include <curl/curl.h>

namespace scholard::net::detail {

struct EasyDeleter {
  void operator()(CURL* handle) const noexcept { curl_easy_cleanup(handle); }
};
struct MultiDeleter {
  void operator()(CURLM* handle) const noexcept { curl_multi_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;

// A curl_slist of header lines ("Name: value"), freed on destruction.
class CurlSlist {
 public:
  // Returns false when libcurl could not allocate; the list is unchanged then.
  bool append(const std::string& line) {
    curl_slist* grown = curl_slist_append(m_list.get(), line.c_str());
    if (grown == nullptr) return false;
    (void)m_list.release();  // `grown` now owns the old nodes too
    m_list.reset(grown);
    return true;
  }
  curl_slist* get() const noexcept { return m_list.get(); }

 private:
  std::unique_ptr<curl_slist, SlistDeleter> m_list;
};

// Calls curl_global_init once per process (thread-safe).
void ensure_curl_global_init();

}  // namespace scholard::net::detail
