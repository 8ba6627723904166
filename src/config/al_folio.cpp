#include "config/al_folio.hpp"

#include <algorithm>

#include "config/sections.hpp"
#include "core/braces.hpp"

namespace scholard::config {
namespace {

bool has_control(std::string_view s, bool newline_ok) {
  return std::any_of(s.begin(), s.end(), [newline_ok](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && !(newline_ok && c == '\n')) || u == 0x7f;
  });
}

}  // namespace

const AlFolioField* find_al_folio_field(std::string_view name) {
  for (const AlFolioField& f : k_al_folio_fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::optional<std::string> al_folio_problem(const AlFolioField& field, std::string_view value) {
  if (value.empty()) return std::string("must not be empty; leave the key out instead");
  switch (field.value) {
    case AlFolioValue::link:
      // A page of the site itself ("/blog/2021/chesscog", as al-folio's own examples link posts).
      if (value.front() == '/' && value.substr(0, 2) != "//" &&
          !std::any_of(value.begin(), value.end(), [](char c) { return c <= 0x20 || c == 0x7f || c == '{' || c == '}'; })) {
        return std::nullopt;
      }
      return url_problem(value);
    case AlFolioValue::file_or_link:
      if (value.find("://") != std::string_view::npos) return url_problem(value);
      if (value.front() == '/' || has_control(value, false) || value.find_first_of("{}") != std::string_view::npos) {
        return "expected a file name relative to al-folio's assets folder or an http(s) URL, such as " +
               std::string(field.example) + ", found \"" + std::string(value) + "\"";
      }
      return std::nullopt;
    case AlFolioValue::text:
      if (has_control(value, true)) return std::string("contains control characters");
      if (!core::tex_braces_balance(value)) {
        return std::string("its braces { } do not balance (BibTeX ends the field at the first unmatched })");
      }
      return std::nullopt;
    case AlFolioValue::id:
      if (std::any_of(value.begin(), value.end(), [](char c) { return c <= 0x20 || c >= 0x7f || c == '{' || c == '}'; })) {
        return "expected an id of printable ASCII without spaces or braces, such as " + std::string(field.example) +
               ", found \"" + std::string(value) + "\"";
      }
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::string> citation_key_problem(std::string_view key) {
  const auto ok = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("-_:.+/").find(c) != std::string_view::npos;
  };
  if (key.empty() || key.size() > 100 || !std::all_of(key.begin(), key.end(), ok)) {
    return "expected a citation key of 1 to 100 ASCII letters, digits and - _ : . + / (such as \"benton2024nearly\"), "
           "found \"" + std::string(key) + "\"";
  }
  return std::nullopt;
}

std::optional<std::string> et_al_problem(std::string_view text) {
  if (text.empty() || text.size() > 40 || has_control(text, false)) {
    return "expected the text written after the last name shown, 1 to 40 characters on one line, such as "
           "\", et al.\" or \" et al.\", found \"" + std::string(text) + "\"";
  }
  return std::nullopt;
}

}  // namespace scholard::config
