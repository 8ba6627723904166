// Where scholard meets the rest of the system: the hook runs without a shell,
// the store and the config it edits are private to the user, TLS is verified
// (a self-signed server on loopback is refused) and no answer can send the
// client from https to plain http on another host.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "integration/security/canned_server.hpp"
#include "net/url.hpp"
#include "support/seed_site.hpp"


namespace scholard::testing {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? static_cast<unsigned>(st.st_mode & 07777) : 0xFFFFu;
}

void point_arxiv_at(const SeedSite& site, const std::string& url) {
  std::string text = slurp_file(site.config());
  ASSERT_EQ(replace_all(text, "\"http://127.0.0.1:9/api/query\"", "\"" + url + "\""), 1);
  std::ofstream(site.config(), std::ios::binary | std::ios::trunc) << text;
}

TEST(Hook, ArgumentsReachTheProgramLiterallyWithoutAShell) {
  SeedSite site({"150ms", "100ms", {"/usr/bin/touch", "$(touch pwned1)", "`touch pwned2`", "x; touch pwned3", "*"}, {}, {}});
  std::string error;
  ASSERT_TRUE(site.start_server(error)) << error;
  auto r = site.scholard({"sync"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const fs::path dir = site.config().parent_path();  // the hook runs in the config's folder
  for (const char* literal : {"$(touch pwned1)", "`touch pwned2`", "x; touch pwned3", "*"}) {
    EXPECT_TRUE(fs::exists(dir / literal)) << "the hook did not get " << literal << " as one argument";
  }
  for (const char* injected : {"pwned1", "pwned2", "pwned3"}) EXPECT_FALSE(fs::exists(dir / injected)) << injected;
}

TEST(Permissions, StoreAndItsFolderArePrivate) {
  SeedSite site;
  std::string error;
  ASSERT_TRUE(site.start_server(error)) << error;
  ASSERT_FALSE(fs::exists(site.store().parent_path()));
  auto r = site.scholard({"sync"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(mode_of(site.store()), 0600u) << std::oct << mode_of(site.store());
  EXPECT_EQ(mode_of(site.store().parent_path()), 0700u) << std::oct << mode_of(site.store().parent_path());
  // Whatever else lives beside it (WAL, shared memory, the writer lock) is private too.
  for (const auto& e : fs::directory_iterator(site.store().parent_path())) {
    EXPECT_EQ(mode_of(e.path()) & 077u, 0u) << e.path() << " is mode " << std::oct << mode_of(e.path());
  }
}

TEST(Permissions, EditingTheConfigNeverWidensItsMode) {
  SeedSite site;
  fs::permissions(site.config(), fs::perms::owner_read | fs::perms::owner_write);
  auto r = site.scholard({"add", "2401.00001"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(slurp_file(site.config()).find("2401.00001"), std::string::npos);
  EXPECT_EQ(mode_of(site.config()), 0600u) << std::oct << mode_of(site.config());
  for (const auto& e : fs::directory_iterator(site.config().parent_path())) {
    EXPECT_EQ(e.path().filename().string().find(".scholard-"), std::string::npos) << "temporary file left: " << e.path();
  }
}

// `openssl s_server` with a fresh self-signed certificate, on a free loopback port.
class SelfSignedServer {
 public:
  explicit SelfSignedServer(const fs::path& dir) {
    const std::string key = (dir / "key.pem").string(), cert = (dir / "cert.pem").string();
    auto gen = run_command({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out",
                            cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
    if (gen.exit_code != 0) return;
    m_port = free_port();
    m_pid = spawn_background({"/usr/bin/openssl", "s_server", "-quiet", "-accept", std::to_string(m_port), "-cert",
                              cert, "-key", key, "-www"});
  }
  ~SelfSignedServer() {
    if (m_pid > 0) {
      ::kill(m_pid, SIGTERM);
      ::waitpid(m_pid, nullptr, 0);
    }
  }
  SelfSignedServer(const SelfSignedServer&) = delete;
  SelfSignedServer& operator=(const SelfSignedServer&) = delete;

  // Waits until the port accepts connections; false when it never does.
  bool ready() const {
    for (int i = 0; i < 200 && m_pid > 0; ++i) {
      const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      a.sin_port = htons(m_port);
      const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
      ::close(fd);
      if (ok) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }
  unsigned short port() const { return m_port; }

 private:
  static unsigned short free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), len);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
  }
  pid_t m_pid = -1;
  unsigned short m_port = 0;
};

TEST(Tls, SelfSignedCertificateIsRefused) {
  if (!fs::exists("/usr/bin/openssl")) GTEST_SKIP() << "no openssl command to run a TLS server";
  SeedSite site({"1s", "100ms", {}, {}, {}});  // sub-second intervals are for http://127.0.0.1 only
  SelfSignedServer server(site.root());
  ASSERT_TRUE(server.ready()) << "openssl s_server did not start";
  point_arxiv_at(site, "https://127.0.0.1:" + std::to_string(server.port()) + "/api/query");
  auto r = site.scholard({"sync", "--only", "arXiv:2305.16860"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("scholard: arXiv: "), std::string::npos) << r.err;
  EXPECT_TRUE(r.err.find("certificate") != std::string::npos || r.err.find("SSL") != std::string::npos ||
              r.err.find("TLS") != std::string::npos)
      << r.err;
  auto show = site.scholard({"show", "2305.16860", "--json"});
  EXPECT_NE(show.out.find("\"has_record\":false"), std::string::npos) << show.out;
}

TEST(Redirect, PolicyRefusesHttpsToHttpOnAForeignHost) {
  using net::decide_redirect;
  using net::RedirectVerdict;
  EXPECT_EQ(decide_redirect("http://export.arxiv.org/api/query", 0, 5).verdict, RedirectVerdict::refuse);
  EXPECT_EQ(decide_redirect("http://10.0.0.1/api/query", 0, 5).verdict, RedirectVerdict::refuse);
  EXPECT_EQ(decide_redirect("HTTP://api.crossref.org/works", 0, 5).verdict, RedirectVerdict::refuse);
  EXPECT_EQ(decide_redirect("http://127.0.0.1.evil.example/x", 0, 5).verdict, RedirectVerdict::refuse);
  EXPECT_EQ(decide_redirect("http://localhost.evil.example/x", 0, 5).verdict, RedirectVerdict::refuse);
  EXPECT_EQ(decide_redirect("file:///etc/passwd", 0, 5).verdict, RedirectVerdict::refuse);
  EXPECT_EQ(decide_redirect("https://export.arxiv.org/api/query", 0, 5).verdict, RedirectVerdict::follow);
}

TEST(Redirect, AnswerRedirectingToPlainHttpElsewhereIsNotFollowed) {
  CannedServer server(CannedServer::response(301, "text/plain", "moved",
                                             "Location: http://scholard-test.invalid/api/query?id_list=2305.16860\r\n"));
  ASSERT_NE(server.port(), 0);
  SeedSite site;
  point_arxiv_at(site, server.base_url() + "/api/query");
  auto r = site.scholard({"sync", "--only", "arXiv:2305.16860"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.err.find("scholard-test.invalid"), std::string::npos) << r.err;
  EXPECT_EQ(server.requests(), 1) << "a refused redirect is not worth a retry";
}

}  // namespace
}  // namespace scholard::testing
