#include "fetchers/semanticscholar_venues.hpp"

#include <cctype>
#include <string>

#include "core/markup.hpp"
#include "core/text.hpp"

namespace scholard::fetchers {
namespace {

using K = VenueKind;

// Ids are S2's publicationVenue.id as recorded in real answers (docs/sources.md
// lists the recordings); a venue without a confirmed id is found by name.
// Aliases hold S2's alternate_names and the abbreviations its `venue` and
// journal.name use.
// clang-format off
constexpr std::array k_venues{
  S2Venue{"939c6e1d-0d17-4d6e-8a82-66d960df0e40", "International Conference on Learning Representations", "ICLR", K::conference,
          {"ICLR", "Int Conf Learn Represent"}},
  S2Venue{"d9720b90-d60b-48bc-9df8-87a30b9a60dd", "Advances in Neural Information Processing Systems", "NeurIPS", K::conference,
          {"Neural Information Processing Systems", "NeurIPS", "NIPS", "Neural Inf Process Syst"}},
  S2Venue{"c22e7c36-3bfa-43e1-bb7b-edccdea2a780", "Journal of Machine Learning Research", "JMLR", K::journal,
          {"JMLR", "J. Mach. Learn. Res."}},
  S2Venue{"", "Transactions on Machine Learning Research", "TMLR", K::journal,
          {"TMLR", "Trans. Mach. Learn. Res."}},
  S2Venue{"", "International Conference on Machine Learning", "ICML", K::conference,
          {"ICML", "Int Conf Mach Learn"}},
  S2Venue{"1e33b3be-b2ab-46e9-96e8-d4eb4bad6e44", "Annual Meeting of the Association for Computational Linguistics", "ACL", K::conference,
          {"ACL", "Meeting of the Association for Computational Linguistics", "Annu Meet Assoc Comput Linguistics", "Meet Assoc Comput Linguistics"}},
  S2Venue{"41bf9ed3-85b3-4c90-b015-150e31690253", "Conference on Empirical Methods in Natural Language Processing", "EMNLP", K::conference,
          {"EMNLP", "Empirical Methods in Natural Language Processing", "Conf Empir Method Nat Lang Process", "Empir Method Nat Lang Process"}},
  S2Venue{"01103732-3808-4930-b8e4-7e9e68d5c68d", "North American Chapter of the Association for Computational Linguistics", "NAACL", K::conference,
          {"NAACL", "North Am Chapter Assoc Comput Linguistics"}},
  S2Venue{"cdc83875-a82d-445c-b097-cbe91afe99a8", "Conference on Fairness, Accountability, and Transparency", "FAccT", K::conference,
          {"FAccT", "Conference on Fairness, Accountability and Transparency", "Conf Fairness Account Transpar"}},
  S2Venue{"", "AAAI Conference on Artificial Intelligence", "AAAI", K::conference,
          {"AAAI"}},
  S2Venue{"", "International Joint Conference on Artificial Intelligence", "IJCAI", K::conference,
          {"IJCAI"}},
  S2Venue{"", "IEEE/CVF Conference on Computer Vision and Pattern Recognition", "CVPR", K::conference,
          {"CVPR", "Computer Vision and Pattern Recognition", "IEEE Conference on Computer Vision and Pattern Recognition"}},
  S2Venue{"", "IEEE/CVF International Conference on Computer Vision", "ICCV", K::conference,
          {"ICCV", "IEEE International Conference on Computer Vision"}},
  S2Venue{"", "European Conference on Computer Vision", "ECCV", K::conference,
          {"ECCV"}},
  S2Venue{"", "International Conference on Artificial Intelligence and Statistics", "AISTATS", K::conference,
          {"AISTATS"}},
  S2Venue{"", "Conference on Uncertainty in Artificial Intelligence", "UAI", K::conference,
          {"UAI"}},
  S2Venue{"", "Conference on Learning Theory", "COLT", K::conference,
          {"COLT", "Annual Conference Computational Learning Theory"}},
  S2Venue{"", "Conference on Robot Learning", "CoRL", K::conference,
          {"CoRL"}},
  S2Venue{"", "Nature Machine Intelligence", "", K::journal,
          {"Nat. Mac. Intell.", "Nat. Mach. Intell.", "Nat Mach Intell"}},
  S2Venue{"69b9bcdd-8229-4a00-a6e0-00f0e99a2bf3", "Neural Computation", "", K::journal,
          {"Neural Comput"}},
  // Preprint servers: a venue of theirs is no publication.
  S2Venue{k_s2_arxiv_venue_id, "arXiv", "", K::preprint_server,
          {"arXiv.org", "ArXiv"}},
  S2Venue{"d5e5b5e7-54b1-4f53-82fc-4853f3e71c58", "medRxiv", "", K::preprint_server,
          {}},
  S2Venue{"", "bioRxiv", "", K::preprint_server,
          {}},
  S2Venue{"", "ChemRxiv", "", K::preprint_server,
          {}},
  S2Venue{"", "Research Square", "", K::preprint_server,
          {}},
};
// clang-format on

// Case, accents and punctuation ignored: "arXiv: Learning" is "arxiv learning".
std::string fold(std::string_view name) {
  std::string folded = core::fold_for_match(core::decode_entities(name));
  for (char& c : folded) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && std::isalnum(u) == 0) c = ' ';
  }
  return core::collapse_whitespace(folded);
}

bool names_venue(const S2Venue& v, const std::string& folded) {
  if (folded.empty()) return false;
  if (fold(v.name) == folded) return true;
  for (std::string_view alias : v.aliases) {
    if (!alias.empty() && fold(alias) == folded) return true;
  }
  return false;
}

}  // namespace

std::span<const S2Venue> s2_venues() { return k_venues; }

const S2Venue* find_s2_venue(std::string_view s2_id, std::span<const std::string_view> names) {
  if (!s2_id.empty()) {
    for (const S2Venue& v : k_venues) {
      if (v.s2_id == s2_id) return &v;
    }
  }
  for (std::string_view name : names) {
    const std::string folded = fold(name);
    for (const S2Venue& v : k_venues) {
      if (names_venue(v, folded)) return &v;
    }
  }
  return nullptr;
}

bool is_preprint_venue_name(std::string_view name) {
  const std::string folded = fold(name);
  // "arXiv: Learning", "arXiv: Optics": S2's names for arXiv's subject lists.
  if (folded == "arxiv" || folded.starts_with("arxiv ")) return true;
  const std::string_view none[] = {name};
  const S2Venue* v = find_s2_venue({}, none);
  return v != nullptr && v->kind == VenueKind::preprint_server;
}

}  // namespace scholard::fetchers
