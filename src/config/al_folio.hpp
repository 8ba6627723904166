// al-folio's per-paper BibTeX fields (its _bibliography/papers.bib), as a
// [[paper]] carries them and `import` reads them: one table, so the config
// reader, the config writer (edit.hpp) and the importer agree on the names,
// the order the BibTeX output writes them in, and what a valid value is.
// docs/output-formats.md ("al-folio fields") says what each one does.
//
// Also the citation key rule (`key = "benton2024nearly"`): the characters
// BibTeX and Jekyll's {% cite %} accept in a key.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace scholard::config {

enum class AlFolioValue {
  file_or_link,  // a file name under al-folio's assets folder, or an http(s) URL ("://" = a link)
  link,          // an http(s) URL, or a path on the site itself ("/blog/2021/post")
  text,          // free text, written to BibTeX as given (al-folio renders it as Markdown)
  id,            // printable ASCII without spaces (google_scholar_id)
};

struct AlFolioField {
  std::string_view name;     // the TOML key and the BibTeX field
  AlFolioValue value;
  std::string_view example;  // for messages
};

// In the order the BibTeX output writes them (after selected, abbr, pdf, code).
inline constexpr AlFolioField k_al_folio_fields[] = {
    {"preview", AlFolioValue::file_or_link, "\"benton2024nearly.png\" (under assets/img/publication_preview/)"},
    {"slides", AlFolioValue::file_or_link, "\"slides.pdf\" (under assets/pdf/) or \"https://...\""},
    {"poster", AlFolioValue::file_or_link, "\"poster.pdf\" (under assets/pdf/) or \"https://...\""},
    {"supp", AlFolioValue::file_or_link, "\"appendix.pdf\" (under assets/pdf/) or \"https://...\""},
    {"html", AlFolioValue::link, "\"https://openreview.net/forum?id=...\""},
    {"video", AlFolioValue::link, "\"https://www.youtube.com/watch?v=...\""},
    {"blog", AlFolioValue::link, "\"https://example.org/blog/post\""},
    {"website", AlFolioValue::link, "\"https://example.org/project\""},
    {"award", AlFolioValue::text, "\"Outstanding paper award\""},
    {"award_name", AlFolioValue::text, "\"Oral\""},
    {"additional_info", AlFolioValue::text, "\". *Spotlight*\""},
    {"annotation", AlFolioValue::text, "\"* Equal contribution\""},
    {"google_scholar_id", AlFolioValue::id, "\"qyhmnyLat1gC\""},
};

// The field named `name`, or nullptr.
const AlFolioField* find_al_folio_field(std::string_view name);

// Why `value` cannot be written for `field` (the message names what is
// expected), or nullopt when it can. Empty values are refused: leave the key out.
std::optional<std::string> al_folio_problem(const AlFolioField& field, std::string_view value);

// Why `key` cannot be a citation key, or nullopt: 1 to 100 ASCII letters,
// digits and - _ : . + / (no spaces, commas or braces: BibTeX ends a key at
// those, and {% cite %} splits at spaces).
std::optional<std::string> citation_key_problem(std::string_view key);

// Why `text` cannot be the text after a cut author list (et_al = ", et al."),
// or nullopt: 1 to 40 bytes, no line breaks or control characters.
std::optional<std::string> et_al_problem(std::string_view text);

}  // namespace scholard::config
