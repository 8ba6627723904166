// Internal to scholard_fetchers (includes simdjson, which only this library
// links): reads one Crossref `work` object from a simdjson On-Demand value.
// crossref_parser.cpp handles the envelope; this file maps the work itself
// (see the field table in crossref_parser.hpp).
//
// Both functions return simdjson::SUCCESS or the simdjson error met; on error
// the Record is partly filled and must be discarded. Strings are copied, so
// the Record stays valid after the parser is reused.
#pragma once

#include <string>

#include <simdjson.h>

#include "core/record.hpp"

namespace scholard::fetchers {

// A string value copied into `out`; numbers are copied as their JSON text;
// null, booleans, arrays and objects leave `out` unchanged.
simdjson::error_code read_text(simdjson::ondemand::value& v, std::string& out);

// Fills `r` (source crossref) from a work object.
simdjson::error_code read_crossref_work(simdjson::ondemand::value& v, core::Record& r);

}  // namespace scholard::fetchers
