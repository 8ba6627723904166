#!/usr/bin/env bash
# Generates a benchmark data set of N papers for scripts/bench-e2e.sh and
# scripts/bench-idle.sh: fixtures for scholard-fakeapi (arXiv entries and
# Crossref works cloned from the recorded ones in tests/data with new ids)
# and the matching [[paper]] list. Output goes to OUTDIR (a temp folder:
# generated data never goes into the repository).
#
#   scripts/bench-fixtures.sh N OUTDIR [MIX]
#
# Writes OUTDIR/fixtures/arxiv/bench.xml (one feed, every arXiv entry),
# OUTDIR/fixtures/crossref/work-*.json (one envelope per DOI), and
# OUTDIR/papers.toml ([[paper]] entries, config order = k) and prints
# "papers=N arxiv_ids=A dois=D".
#
# MIX "half" (the default), by k mod 4: 0,1 = arXiv id only (preprints); 2 =
# arXiv id and the DOI of its published version; 3 = DOI only. So 3/4 of the
# papers have an arXiv id and 1/2 a DOI. MIX "doi20", by k mod 5: 0-3 =
# arXiv id only, 4 = DOI only (1,000 papers: 800 arXiv ids, 200 DOIs).
# Ids: arXiv 26MM.NNNNN (new-style, unique), DOIs 10.5555/scholard-bench.K
# (10.5555 is Crossref's test prefix).
set -euo pipefail

n=${1:?usage: bench-fixtures.sh N OUTDIR [MIX]}
out=${2:?usage: bench-fixtures.sh N OUTDIR [MIX]}
mix=${3:-half}
case $mix in
  half | doi20) ;;
  *) echo "bench-fixtures: MIX must be half or doi20, not $mix" >&2; exit 2 ;;
esac

# has_arxiv K / has_doi K: whether paper k has that id under the mix.
has_arxiv() { if [[ $mix == doi20 ]]; then (($1 % 5 != 4)); else (($1 % 4 != 3)); fi; }
has_doi() { if [[ $mix == doi20 ]]; then (($1 % 5 == 4)); else (($1 % 4 >= 2)); fi; }
root=$(cd "$(dirname "$0")/.." && pwd)
data=$root/tests/data

mkdir -p "$out/fixtures/arxiv" "$out/fixtures/crossref"

# Templates: the seed researcher's 15 arXiv entries (current format) and six
# recorded Crossref works of different shapes (journal, proceedings, markup).
arxiv_templates=("$data"/seed/arxiv/arxiv-*.xml)
crossref_templates=(
  "$data/crossref/seed/work-10.1093_jrsssb_qkae005.json"
  "$data/crossref/work-10.1371_journal.pone.0033693.json"
  "$data/crossref/work-10.1136_jclinpath-2020-206745-title-markup-i.json"
  "$data/crossref/work-10.1145_2831244.2831252-proceedings-article.json"
  "$data/crossref/work-10.1016_j.neurobiolaging.2010.03.024.json"
  "$data/crossref/work-10.1016_j.tcs.2015.06.001.json"
)

# Sets $id / $doi for paper k (printf -v: no subshell per paper).
arxiv_id() { printf -v id '26%02d.%05d' $((1 + $1 / 90000)) $(($1 % 90000 + 10000)); }
doi_of() { printf -v doi '10.5555/scholard-bench.%d' "$1"; }

# --- arXiv: one feed holding every entry ------------------------------------
# awk reads the templates' <entry> blocks once, then prints clone i of
# template i mod T with the id (in <id> and the links) replaced and a
# distinct title, so citation keys and rendered lines differ like real ones.
ids_file=$out/arxiv-ids.txt
: > "$ids_file"
for ((k = 0; k < n; k++)); do
  if has_arxiv "$k"; then arxiv_id "$k"; echo "$id"; fi
done > "$ids_file"
{
  cat <<'EOF'
<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/scholard-bench</id>
  <title>arXiv Query: scholard benchmark data set</title>
  <updated>2026-01-01T00:00:00Z</updated>
  <opensearch:itemsPerPage>10</opensearch:itemsPerPage>
  <opensearch:totalResults>0</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
EOF
  awk '
    FNR == 1 { file++ }
    FILENAME != ids && /<entry>/ { inside = 1; body = "" }
    FILENAME != ids && inside { body = body $0 "\n" }
    FILENAME != ids && /<\/entry>/ {
      inside = 0; tpl[t++] = body
      match(body, /abs\/[0-9]+\.[0-9]+v[0-9]+/)
      old = substr(body, RSTART + 4, RLENGTH - 4); sub(/v[0-9]+$/, "", old); old_id[t - 1] = old
    }
    FILENAME == ids && NF {
      i = count++ % t; e = tpl[i]
      gsub(old_id[i], $1, e)
      sub(/<title>/, "<title>Study " count ": ", e)
      printf "%s", e
    }
  ' ids="$ids_file" "${arxiv_templates[@]}" "$ids_file"
  echo '</feed>'
} > "$out/fixtures/arxiv/bench.xml"

# --- Crossref: one envelope per DOI ------------------------------------------
# The template's own DOI is replaced everywhere (top-level DOI, URL, links),
# references keep theirs; the title gets the paper number. The researcher
# (the benchmark config's profile, Joe Benton) is added as an author
# where the template lacks him: a list of one's own papers names one, and a
# paper whose authors do not match the profile is flagged on every sync,
# which makes each nothing-due sync render again to repeat the note.
awk -v n="$n" -v mix="$mix" -v dir="$out/fixtures/crossref" '
  # Literal (not regex) replacement of every occurrence of `old` in `s`.
  function replace_all(s, old, new,    out, at) {
    out = ""
    while ((at = index(s, old)) > 0) { out = out substr(s, 1, at - 1) new; s = substr(s, at + length(old)) }
    return out s
  }
  FNR == 1 { t = file++ }
  { text[t] = text[t] (FNR > 1 ? "\n" : "") $0 }
  END {
    for (i = 0; i < file; i++) {
      match(text[i], /"DOI":"[^"]*","type"/)
      old[i] = substr(text[i], RSTART + 7, RLENGTH - 15)
    }
    for (k = 0; k < n; k++) {
      if (mix == "doi20" ? k % 5 != 4 : k % 4 < 2) continue
      i = k % file; doi = "10.5555/scholard-bench." k
      body = replace_all(text[i], old[i], doi)
      sub(/"title":\["/, "\"title\":[\"Study " k ": ", body)
      if (index(body, "Benton") == 0) {
        sub(/"author":\[/, "\"author\":[{\"given\":\"Joe\",\"family\":\"Benton\",\"sequence\":\"additional\",\"affiliation\":[]},", body)
      }
      name = doi; gsub(/\//, "_", name)
      path = dir "/work-" name ".json"
      print body > path
      close(path)
    }
  }
' "${crossref_templates[@]}"
dois=$(find "$out/fixtures/crossref" -name 'work-*.json' | wc -l)

# --- the [[paper]] list --------------------------------------------------------
{
  for ((k = 0; k < n; k++)); do
    echo '[[paper]]'
    arxiv_id "$k"
    doi_of "$k"
    if has_arxiv "$k"; then echo "arxiv = \"$id\""; fi
    if has_doi "$k"; then echo "doi = \"$doi\""; fi
    echo
  done
} > "$out/papers.toml"

echo "papers=$n arxiv_ids=$(grep -c . "$ids_file") dois=$dois"
