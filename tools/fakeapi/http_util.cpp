#include "http_util.hpp"

#include <algorithm>

#include "core/identifier.hpp"
#include "core/text.hpp"
#include "core/url.hpp"

namespace scholard::fakeapi {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && core::ascii_lower(a) == core::ascii_lower(b);
}

std::string form_decode(std::string_view text) {
  std::string plus_as_space(text);
  std::replace(plus_as_space.begin(), plus_as_space.end(), '+', ' ');
  return core::percent_decode(plus_as_space);
}

}  // namespace

void Reply::set_header(std::string name, std::string value) {
  for (auto& [key, existing] : headers) {
    if (iequals(key, name)) {
      existing = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

std::string_view Reply::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return {};
}

QueryParams QueryParams::parse(std::string_view text) {
  QueryParams params;
  for (const std::string_view piece : core::split(text, '&')) {
    if (piece.empty()) continue;
    const auto eq = piece.find('=');
    if (eq == std::string_view::npos) {
      params.m_items.emplace_back(form_decode(piece), std::string());
    } else {
      params.m_items.emplace_back(form_decode(piece.substr(0, eq)), form_decode(piece.substr(eq + 1)));
    }
  }
  return params;
}

void QueryParams::append(const QueryParams& other) {
  m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

void QueryParams::set(std::string_view name, std::string value) {
  bool placed = false;
  std::vector<std::pair<std::string, std::string>> kept;
  for (auto& item : m_items) {
    if (item.first != name) {
      kept.push_back(std::move(item));
    } else if (!placed) {
      kept.emplace_back(std::move(item.first), std::move(value));
      placed = true;
    }
  }
  if (!placed) kept.emplace_back(std::string(name), std::move(value));
  m_items = std::move(kept);
}

std::optional<std::string> QueryParams::get(std::string_view name) const {
  for (const auto& [key, value] : m_items) {
    if (key == name) return value;
  }
  return std::nullopt;
}

Target split_target(std::string_view target) {
  const auto hash = target.find('#');
  target = target.substr(0, hash);
  const auto question = target.find('?');
  if (question == std::string_view::npos) return {target, {}};
  return {target.substr(0, question), target.substr(question + 1)};
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view media_type(std::string_view content_type) {
  return core::trim(content_type.substr(0, content_type.find(';')));
}

}  // namespace scholard::fakeapi
