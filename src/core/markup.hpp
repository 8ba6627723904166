// Markup in titles and abstracts → plain text.
//
// DOI registries' titles carry inline HTML/JATS (<i>, <sub>, <scp>, <jats:p>),
// MathML (<mml:math>…), character entities (&amp;, &#8211;) and sometimes
// entity-ENCODED markup (&lt;i&gt;…&lt;/i&gt;, Preprints.org, SciELO, SSRN).
// Pretty-printed deposits also wrap inline tags in newlines and indentation.
// The fetchers keep the raw string (Record::title_raw) and store the plain text
// made here in Record::title; renderers that want emphasis re-read title_raw.
//
// Everything here is pure and never fails: malformed markup degrades to text.
#pragma once

#include <string>
#include <string_view>

namespace scholard::core {

// Decodes character references once: the named entities of HTML that occur in
// bibliographic metadata (amp, lt, gt, quot, apos, nbsp, dashes, quotes,
// Latin-1 letters, Greek letters, common math signs) and numeric references
// (&#8211; &#x2013;). Unknown names and malformed references are kept as
// written; a numeric reference to an invalid code point becomes U+FFFD. A
// no-break space (&nbsp; &#160;) becomes a plain space.
std::string decode_entities(std::string_view text);

// Plain text of a marked-up title: entities are decoded first, again while
// decoding leaves references (markup encoded twice, "and&amp;nbsp;Network"
// gives "and Network"; encoded tags become tags), then the tags of HTML, JATS (jats:*) and MathML (mml:*) are
// removed keeping their text, and whitespace is collapsed. Two repairs make
// real deposits read right:
//   - layout whitespace (a run containing a newline next to a tag, from
//     pretty-printed XML) is dropped after "(", "[", "/", "-" and before ")",
//     "]", "/", "-", ",", ";", so "(\n  <i>PIK3CA</i>\n  )" gives "(PIK3CA)";
//   - an emphasis tag (<i>, <b>, <em>, <strong>) glued between two letters
//     ("in<i>PRCC-TFE3</i>fusion", bioRxiv) stands for a space. Sub- and
//     superscripts and small caps never add one ("c<sub>p</sub>" gives "cp").
// Block tags (<p>, <br>, <div>, jats:p, jats:title ...) separate words.
// A "<" that does not open a known tag is kept as text ("p < 0.05").
std::string strip_markup(std::string_view text);

}  // namespace scholard::core
