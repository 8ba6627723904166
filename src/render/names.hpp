// Author names: splitting into given/family, recognising the profile's
// author (highlighting), and the "et al." cut of long author lists.
//
// Matching rules (what docs/user-guide.md, "Who you are", promises):
//  - names are compared after core::fold_for_match (accents, case and
//    punctuation folded), in "Given Family" and "Family, Given" forms;
//  - the family name must equal one of the profile's (name or alias);
//  - the first given name must be one of the profile's FULL given names
//    ("joe", "joseph"), or an initial of one of them ("J." matches Joe);
//    a different full given name with the same initial ("Jane") never matches;
//  - when both the author and the profile carry an ORCID, the ORCID decides.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "render/paper.hpp"

namespace scholard::render {

struct NameParts {
  std::string given;
  std::string family;
  std::string suffix = {};  // "Jr.", "III": written after the family name
};

// "Valentin De Bortoli" → {Valentin, De Bortoli}; "Benton, Joe" → {Joe,
// Benton}; "Teun van der Weij" → {Teun, van der Weij}; a single word is a
// family name with no given name. Lower-case particles (and De/Van/Von/Del
// ... before the last word) join the family name. A suffix (Jr., Sr., II to
// IV) is set apart, after a comma in any of "J. R. R. Tolkien, Jr.",
// "Tolkien, J. R. R., Jr." and "Tolkien, Jr., J. R. R.", or as the last of
// three or more words ("Martin Luther King Jr.").
NameParts split_name(std::string_view name);

// "Given Family Suffix" ("J. R. R. Tolkien Jr."), the parts that are there.
std::string written_name(const NameParts& parts);

// The suffix of a merged author's shown name ("Jr." of "J. R. R. Tolkien
// Jr." with given "J. R. R." and family "Tolkien"): what the name has after
// "Given Family ", else "".
std::string_view name_suffix(const MergedAuthor& author);

// split_name's parts as slices of `name`, without copies.
struct NameViews {
  std::string_view given;
  std::string_view family;
};

// split_name(name) as views into `name` (they live as long as its bytes),
// for the usual name: one without a comma whose whitespace is collapsed
// (core::collapse_whitespace would return it unchanged). nullopt for any
// other name: split_name must be used then.
std::optional<NameViews> split_collapsed_name(std::string_view name);

// split_collapsed_name without its check, for a caller that has made it:
// `name` must be one split_collapsed_name accepts (else the parts are
// unspecified, though still views into `name`).
NameViews split_usual_name(std::string_view name);

// core::fold_for_match with a fast path for plain-ASCII text (same result).
std::string fold_name(std::string_view s);

// The bare ORCID of "https://orcid.org/0000-…", upper-cased check digit.
std::string normalize_orcid(std::string_view orcid);

class NameMatcher {
 public:
  explicit NameMatcher(const Profile& profile);

  // True when the author is the profile's person (rules above). `given` and
  // `family` may be empty, then `name` is parsed. Remembers the folded form
  // of non-ASCII names (co-authors recur across a list), so one NameMatcher
  // must not be used by two threads at once.
  bool matches(std::string_view name, std::string_view given, std::string_view family,
               std::string_view orcid) const;

 private:
  // `first_given`: the first word of the folded given names ("" = none).
  bool matches_parts(std::string_view first_given, std::string_view family) const;
  // fold_name, memoised for non-ASCII text (the slow Unicode path).
  std::string folded(std::string_view s) const;

  std::vector<std::string> m_families;     // folded: "benton", "de bortoli"
  std::vector<std::string> m_full_givens;  // folded first given names: "joe", "joseph"
  std::string m_initials;                  // first letters of full given names and alias initials
  std::string m_family_initials;           // first bytes of m_families (a quick reject)
  std::string m_orcid;
  mutable std::unordered_map<std::string, std::string> m_fold_cache;  // non-ASCII text -> folded
};

// How much of an author list to show.
struct AuthorCut {
  std::size_t shown = 0;  // the first `shown` authors are printed
  bool et_al = false;     // then " et al."
};

// At most `max_authors` (0 = no limit) are shown, but never fewer than up to
// and including the last highlighted author. " et al." follows when some were
// left out or the list itself was incomplete (`truncated`).
AuthorCut cut_authors(const AuthorList& authors, int max_authors, bool truncated);

// True when `name` is listed in `names` (compared folded; "Family, Given"
// entries are accepted too).
bool name_listed(std::string_view name, const std::vector<std::string>& names);

}  // namespace scholard::render
