// scholard-fakeapi: a fake arXiv + Crossref API server on loopback for tests
// and demos (docs/fakeapi.md). Prints "listening on HOST:PORT" once, serves
// until SIGTERM/SIGINT, exits 0. Exit 2 on a usage error, 1 when the
// fixtures cannot be loaded or the port cannot be bound.
#include <csignal>
#include <exception>
#include <iostream>

#include "asio_beast.hpp"
#include "options.hpp"
#include "server.hpp"

int main(int argc, char** argv) {
  using namespace scholard::fakeapi;
  std::signal(SIGPIPE, SIG_IGN);
  try {
    ParsedCommandLine parsed = parse_command_line(argc, argv, std::cout, std::cerr);
    if (!parsed.options) return parsed.exit_code;
    const ArxivSource source =
        parsed.options->arxiv_format == FeedFormat::legacy ? ArxivSource::legacy_dir : ArxivSource::current_dir;
    auto catalog = Catalog::load(parsed.options->fixtures, source);
    if (!catalog) {
      std::cerr << "scholard-fakeapi: " << catalog.error().message << "\n";
      return 1;
    }
    std::cerr << "scholard-fakeapi: " << catalog->arxiv_count() << " arXiv entries, " << catalog->works().size()
              << " Crossref works, "
              << catalog->semanticscholar().size() << " Semantic Scholar papers from " << parsed.options->fixtures.string() << "\n";
    boost::asio::io_context io{1};
    const std::string host = parsed.options->host;
    Server server(io, std::move(*parsed.options), std::move(*catalog));
    auto port = server.listen();
    if (!port) {
      std::cerr << "scholard-fakeapi: " << port.error().message << "\n";
      return 1;
    }
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int) {
      server.stop();
      io.stop();
    });
    server.start();
    std::cout << "listening on " << host << ":" << *port << std::endl;
    io.run();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "scholard-fakeapi: " << e.what() << "\n";
    return 1;
  }
}
