#include "scripted_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <stdexcept>

namespace scholard::net::testing {
namespace {

int bind_loopback(int& port_out) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("bind() on 127.0.0.1 failed");
  }
  port_out = ntohs(addr.sin_port);
  return fd;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Exchange parse_request(const std::string& head) {
  Exchange ex;
  std::size_t pos = head.find("\r\n");
  const std::string request_line = head.substr(0, pos);
  const auto sp1 = request_line.find(' ');
  const auto sp2 = request_line.find(' ', sp1 + 1);
  ex.method = request_line.substr(0, sp1);
  ex.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  while (pos != std::string::npos && pos + 2 < head.size()) {
    const auto next = head.find("\r\n", pos + 2);
    const std::string line = head.substr(pos + 2, next - pos - 2);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      auto value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      ex.headers[lower(line.substr(0, colon))] = value;
    }
    pos = next;
  }
  return ex;
}

}  // namespace

ScriptedServer::ScriptedServer(Responder responder) : m_responder(std::move(responder)) {
  m_listen = bind_loopback(m_port);
  if (::listen(m_listen, 16) != 0) {
    ::close(m_listen);
    throw std::runtime_error("listen() failed");
  }
  m_thread = std::thread([this] { serve(); });
}

ScriptedServer::~ScriptedServer() {
  m_stop = true;
  m_thread.join();
  ::close(m_listen);
}

std::vector<Exchange> ScriptedServer::exchanges() const {
  std::lock_guard lock(m_mutex);
  return m_exchanges;
}

std::string ScriptedServer::reply(int status, const std::string& extra_headers, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " Scripted\r\n" + extra_headers +
         "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

void ScriptedServer::serve() {
  while (!m_stop) {
    pollfd p{m_listen, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const int client = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    handle(client);
    ::close(client);
  }
}

void ScriptedServer::handle(int client) {
  std::string head;
  char buffer[4096];
  while (head.find("\r\n\r\n") == std::string::npos) {
    pollfd p{client, POLLIN, 0};
    if (::poll(&p, 1, 2000) <= 0) return;
    const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
    if (n <= 0) return;
    head.append(buffer, static_cast<std::size_t>(n));
  }
  const std::size_t head_end = head.find("\r\n\r\n");
  Exchange ex = parse_request(head.substr(0, head_end));
  ex.body = head.substr(head_end + 4);
  if (auto length = ex.headers.find("content-length"); length != ex.headers.end()) {
    const auto want = static_cast<std::size_t>(std::stoul(length->second));
    while (ex.body.size() < want) {
      pollfd p{client, POLLIN, 0};
      if (::poll(&p, 1, 2000) <= 0) return;
      const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      ex.body.append(buffer, static_cast<std::size_t>(n));
    }
  }
  int index = 0;
  {
    std::lock_guard lock(m_mutex);
    index = static_cast<int>(m_exchanges.size());
    m_exchanges.push_back(ex);
  }
  const std::string out = m_responder(ex, index);
  std::size_t sent = 0;
  while (sent < out.size()) {
    const ssize_t n = ::send(client, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;  // the client gave up (e.g. an oversize body): fine
    sent += static_cast<std::size_t>(n);
  }
  ::shutdown(client, SHUT_WR);
}

RefusingPort::RefusingPort() : m_fd(bind_loopback(m_port)) {}

RefusingPort::~RefusingPort() { ::close(m_fd); }

}  // namespace scholard::net::testing
