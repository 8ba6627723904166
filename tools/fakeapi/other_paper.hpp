// The `otherpaper` fault: the server answers for another paper than the one
// asked, as a misconfigured proxy, a cache keyed wrongly or a server bug
// would. The request is rewritten to ask for the other paper and the route
// answers it normally, so the reply is a real, well-formed answer:
//   arXiv:     id_list becomes the other id (the feed holds its entry only);
//   Crossref:  /works/{doi} asks for the other DOI (its work, 200); a list
//              (filter=doi:...) asks for the other DOI alone;
//   S2 batch:  the first id of the body becomes the other id (position 0
//              answers another paper, the rest as asked).
// The other paper is the fault's param (an arXiv id, a DOI, any S2 id), or
// by default the first paper of the fixture set that was not asked. Pure.
#pragma once

#include <string>
#include <string_view>

#include "faults.hpp"
#include "fixtures.hpp"
#include "http_util.hpp"

namespace scholard::fakeapi {

struct AskedFor {
  std::string path;    // raw (percent-encoded) path
  QueryParams params;  // decoded query (and arXiv form) parameters
  std::string body;    // the raw request body (S2's batch JSON)
};

// The request rewritten to ask for the other paper; unchanged when the
// request names no paper or the fixture set has no other one.
AskedFor ask_for_other_paper(const Catalog& catalog, Route route, AskedFor asked, std::string_view other);

}  // namespace scholard::fakeapi
