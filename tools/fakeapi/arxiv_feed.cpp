#include "arxiv_feed.hpp"

#include <array>
#include <cstdint>
#include <ctime>
#include <regex>

#include <fmt/format.h>

#include "core/url.hpp"
#include "http_util.hpp"

namespace scholard::fakeapi {
namespace {

constexpr std::string_view k_current_open =
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    "<feed xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" "
    "xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns=\"http://www.w3.org/2005/Atom\">\n";
constexpr std::string_view k_legacy_open =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
constexpr std::string_view k_opensearch_ns = "http://a9.com/-/spec/opensearch/1.1/";
constexpr std::string_view k_arxiv_ns = "http://arxiv.org/schemas/atom";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool digits_at(std::string_view s, std::size_t pos, std::size_t count) {
  if (pos + count > s.size()) return false;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!is_digit(s[i])) return false;
  }
  return true;
}

std::tm utc(WallTime now) {
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

std::string title_query(const FeedQuery& q) {
  return fmt::format("search_query={}&id_list={}&start={}&max_results={}", q.search_query, q.id_list,
                     q.start, q.max_results);
}

std::string opensearch(FeedFormat format, std::string_view name, long value) {
  if (format == FeedFormat::current) {
    return fmt::format("  <opensearch:{0}>{1}</opensearch:{0}>\n", name, value);
  }
  return fmt::format("  <opensearch:{0} xmlns:opensearch=\"{2}\">{1}</opensearch:{0}>\n", name, value,
                     k_opensearch_ns);
}

std::string entry_text(const ArxivEntry& entry, FeedFormat feed_format) {
  if (feed_format == FeedFormat::current || entry.format == FeedFormat::legacy) return entry.xml;
  // A current entry uses the arxiv: prefix declared on the current <feed>.
  std::string text = entry.xml;
  text.insert(6, fmt::format(" xmlns:arxiv=\"{}\"", k_arxiv_ns));
  return text;
}

std::string feed_header(FeedFormat format, const FeedQuery& q, WallTime now) {
  const std::string title = title_query(q);
  std::string out;
  if (format == FeedFormat::current) {
    out += k_current_open;
    out += fmt::format("  <id>{}</id>\n", feed_hash(title));
    out += fmt::format("  <title>arXiv Query: {}</title>\n", xml_escape(title));
    out += fmt::format("  <updated>{}</updated>\n", feed_updated(format, now));
    const std::string link = fmt::format(
        "https://arxiv.org/api/query?search_query={}&start={}&max_results={}&id_list={}",
        q.search_query, q.start, q.max_results, q.id_list);
    out += fmt::format("  <link href=\"{}\" type=\"application/atom+xml\"/>\n", xml_escape(link));
    return out;
  }
  out += k_legacy_open;
  const std::string link = "http://arxiv.org/api/query?" + core::percent_encode(title);
  out += fmt::format("  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n", xml_escape(link));
  out += fmt::format("  <title type=\"html\">ArXiv Query: {}</title>\n", xml_escape(title));
  std::string id = feed_hash(title);
  id.replace(0, 5, "http");  // legacy ids are http://
  out += fmt::format("  <id>{}</id>\n", id);
  out += fmt::format("  <updated>{}</updated>\n", feed_updated(format, now));
  return out;
}

}  // namespace

bool passes_loose_validation(std::string_view id) {
  for (std::size_t p = 0; p + 9 <= id.size(); ++p) {
    if (p > 0 && (is_digit(id[p - 1]) || id[p - 1] == '=' || id[p - 1] == '.')) continue;
    if (digits_at(id, p, 4) && id[p + 4] == '.' && digits_at(id, p + 5, 4)) return true;
  }
  static const std::regex old_style(
      R"(^([a-z]{1,}(\-[a-z]{2,})?)(\.([a-zA-Z\-]{2,}))?\/(\d\d\d\d)(\d\d\d)(v([1-9]\d*))?$)");
  return std::regex_match(id.begin(), id.end(), old_style);
}

std::string feed_hash(std::string_view query) {
  // Three FNV-1a passes with different offsets give 24 bytes; 20 of them make
  // 27 base64 characters once the padding is dropped, like a SHA-1 digest.
  static constexpr char k_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::array<unsigned char, 21> bytes{};
  for (std::size_t round = 0; round < 3; ++round) {
    std::uint64_t h = 14695981039346656037ULL + round * 0x9E3779B97F4A7C15ULL;
    for (const char c : query) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
    for (std::size_t i = 0; i < 7; ++i) bytes[round * 7 + i] = static_cast<unsigned char>(h >> (8 * i));
  }
  std::string out = "https://arxiv.org/api/";
  for (std::size_t i = 0; i + 3 <= bytes.size() && out.size() < 22 + 27; i += 3) {
    const unsigned v = (unsigned{bytes[i]} << 16) | (unsigned{bytes[i + 1]} << 8) | bytes[i + 2];
    for (int shift = 18; shift >= 0 && out.size() < 22 + 27; shift -= 6) {
      out += k_b64[(v >> shift) & 0x3F];
    }
  }
  return out;
}

std::string feed_updated(FeedFormat format, WallTime now) {
  const std::tm tm = utc(now);
  if (format == FeedFormat::legacy) {
    return fmt::format("{:04}-{:02}-{:02}T00:00:00-05:00", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  }
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string build_feed(FeedFormat format, const FeedQuery& query,
                       const std::vector<const ArxivEntry*>& entries, WallTime now) {
  std::string out = feed_header(format, query, now);
  if (format == FeedFormat::current) {
    out += opensearch(format, "itemsPerPage", query.max_results);
    out += opensearch(format, "totalResults", query.total_results);
    out += opensearch(format, "startIndex", query.start);
  } else {
    out += opensearch(format, "totalResults", query.total_results);
    out += opensearch(format, "startIndex", query.start);
    out += opensearch(format, "itemsPerPage", query.max_results);
  }
  for (const ArxivEntry* entry : entries) {
    out += "  ";
    out += entry_text(*entry, format);
    out += '\n';
  }
  out += "</feed>\n";
  return out;
}

std::string error_url_for(std::string_view message, FeedFormat format) {
  std::string fragment(message);
  for (char& c : fragment) {
    if (c == ' ') c = '_';
  }
  const std::string_view scheme = format == FeedFormat::current ? "https" : "http";
  return fmt::format("{}://arxiv.org/api/errors#{}", scheme, fragment);
}

std::string build_error_feed(FeedFormat format, const ErrorInfo& error, WallTime now) {
  const std::string updated = feed_updated(format, now);
  const std::string url = xml_escape(error.error_url);
  std::string out;
  if (format == FeedFormat::current) {
    out += k_current_open;
    out += "  <id>https://arxiv.org/</id>\n  <title>arXiv Search Results</title>\n";
    out += fmt::format("  <updated>{}</updated>\n", updated);
    out += opensearch(format, "itemsPerPage", 1);
    out += opensearch(format, "totalResults", 1);
    out += opensearch(format, "startIndex", 0);
  } else {
    out += k_legacy_open;
    out += "  <link href=\"http://arxiv.org/api/query?\" rel=\"self\" type=\"application/atom+xml\"/>\n";
    out += "  <title type=\"html\">ArXiv Query: search_query=&amp;id_list=&amp;start=0&amp;max_results=10</title>\n";
    out += "  <id>http://arxiv.org/api/errors</id>\n";
    out += fmt::format("  <updated>{}</updated>\n", updated);
    out += opensearch(format, "totalResults", 1);
    out += opensearch(format, "startIndex", 0);
    out += opensearch(format, "itemsPerPage", 1);
  }
  out += "  <entry>\n";
  out += fmt::format("    <id>{}</id>\n    <title>Error</title>\n", url);
  out += fmt::format("    <updated>{}</updated>\n", updated);
  out += fmt::format("    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n", url);
  out += fmt::format("    <summary>{}</summary>\n", xml_escape(error.message));
  out += "    <author>\n      <name>arXiv api core</name>\n    </author>\n  </entry>\n</feed>\n";
  return out;
}

}  // namespace scholard::fakeapi
