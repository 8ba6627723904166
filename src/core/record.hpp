// Record: what one metadata source says about one paper, normalised.
//
// Fetchers produce Records, the store keeps them (one per paper and source,
// with a per-field history), and render merges them with the config's
// overrides. `record_fields` flattens a Record into named text fields so the
// store can detect and log changes field by field without knowing the struct.
#pragma once

#include <compare>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace scholard::core {

// What kind of service a source is, which says how its records are read
// when papers are merged (render/ranking.hpp ranks records by it). Each
// source names its kind in the registry (fetchers/registry.hpp, and
// docs/sources.md for what each kind promises). A new kind is a compile
// error wherever a switch over SourceKind decides what a kind means.
//  - preprint_server: one record per preprint; the title is TeX source,
//    `published` is the first version's date, `updated` this version's,
//    `journal_ref` and `doi` are the authors' notes of a publication.
//  - doi_registry: the record a DOI's registration agency holds; `type`
//    says whether it describes a published work or a preprint
//    ("posted-content"); titles may carry JATS/HTML markup in title_raw.
//  - bibliographic_index: an index that links a paper's preprint to where
//    it was published (Semantic Scholar). `venue` is set only when the
//    index knows a venue other than a preprint server, and `published` is
//    then the VENUE's year (never the first version's date); volume, issue
//    and pages are the venue's; `relations` carry the evidence (a DBLP key,
//    the index's venue id); the title is plain text.
enum class SourceKind { preprint_server, doi_registry, bibliographic_index };
std::string_view to_string(SourceKind k);  // "preprint-server", "doi-registry", "bibliographic-index"

// A source's name as the store, the config and the outputs know it
// ("arxiv"): lower-case ASCII letters, digits and '_', starting with a
// letter, at most 32 bytes. "config" is taken (the config's own overrides).
bool is_source_name(std::string_view name);

// A date known to the year, the month or the day (0 = unknown part).
struct PartialDate {
  int year = 0;
  int month = 0;
  int day = 0;

  bool empty() const { return year == 0; }
  // "2024", "2024-01" or "2024-01-17"; "" when empty.
  std::string iso() const;
  // Accepts what iso() writes, and an RFC 3339 timestamp (the date part is kept).
  static Result<PartialDate> parse(std::string_view text);
  friend auto operator<=>(const PartialDate&, const PartialDate&) = default;
};

struct Author {
  std::string name;    // as displayed: "Given Family", or an organisation's name
  std::string given;   // empty when the source gives one string only (arXiv, groups)
  std::string family;
  std::string orcid;   // bare "0000-0002-1825-0097", no URL
  std::string sequence;  // a registry's "first"/"additional"; empty elsewhere
  std::vector<std::string> affiliations;
  friend bool operator==(const Author&, const Author&) = default;
};

// A link to another work, in a DOI registry's relation types (has-preprint, is-preprint-of,
// is-version-of ...). id_type is "doi", "arxiv", "uri" ...
struct Relation {
  std::string type;
  std::string id_type;
  std::string id;
  friend bool operator==(const Relation&, const Relation&) = default;
};

// A notice about this work (a registry's updated-by): correction, retraction ...
struct UpdateNotice {
  std::string type;
  std::string doi;
  std::string label;
  PartialDate date;
  friend bool operator==(const UpdateNotice&, const UpdateNotice&) = default;
};

struct Record {
  std::string source;       // the name of the source that said this (is_source_name)
  std::string title;        // plain text: markup removed, whitespace collapsed
  std::string title_raw;    // as the source sent it (markup kept), for re-rendering
  std::string summary;
  std::vector<Author> authors;
  std::string type;         // a work type in the DOI registries' words ("journal-article",
                            // "posted-content" ...); "preprint" for a preprint server's record
  std::string venue;        // container title
  std::string venue_short;
  std::string publisher;
  std::string volume;
  std::string issue;
  std::string pages;
  std::string article_number;
  PartialDate published;          // preprint server: v1 date; registry: published (else issued)
  PartialDate updated;            // preprint server: date of this version
  PartialDate published_print;
  PartialDate published_online;
  std::string doi;                // lower-cased, bare
  std::string url;
  std::string arxiv_id;           // canonical, unversioned
  int arxiv_version = 0;
  std::string journal_ref;
  std::string comment;
  std::string primary_category;
  std::vector<std::string> categories;
  std::vector<Relation> relations;
  std::vector<UpdateNotice> updates;

  friend bool operator==(const Record&, const Record&) = default;
};

// One named field of a flattened record. Lists are encoded as lines of
// tab-separated cells with \\, \t and \n escaped, so any text round-trips.
struct Field {
  std::string name;
  std::string value;
  friend bool operator==(const Field&, const Field&) = default;
};

// Every field of the record, in a fixed order, including empty ones.
std::vector<Field> record_fields(const Record& r);

// The inverse of record_fields. Unknown names are ignored (forward
// compatibility); a malformed list or date gives invalid_input.
Result<Record> record_from_fields(std::string_view source, const std::vector<Field>& fields);

// The same, one field at a time without building strings per field: the
// i-th field's name (i < record_field_count(), record_fields' order) and its
// text appended to `out`.
std::size_t record_field_count();
std::string_view record_field_name(std::size_t i);
void append_record_field(const Record& r, std::size_t i, std::string& out);

// Sets the field `name` of `r` from its text (as record_from_fields does for
// each field). Unknown names are ignored; invalid_input as above.
Result<void> set_record_field(Record& r, std::string_view name, std::string_view value);

// The same, for a caller setting many fields, most of them in
// record_fields' order (as the store keeps them): the search for `name`
// starts at field `next` (start with 0) and `next` is left after the field
// found, so such fields are found at once. Any order gives the same record.
Result<void> set_record_field(Record& r, std::string_view name, std::string_view value, std::size_t& next);

// Names of the fields that differ between two records ("title", "arxiv_version" ...).
std::vector<std::string> changed_fields(const Record& before, const Record& after);

}  // namespace scholard::core
