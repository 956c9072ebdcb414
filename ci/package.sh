#!/usr/bin/env bash
# Builds the .deb from ./build, unpacks it into a temporary root (or, with --system, installs it
# with dpkg), then builds tests/consumer/ against that installed tree with find_package(crucible)
# and runs its test: a reversible set must verify on SQLite, a broken one must fail. Also checks
# that nothing installed needs RapidCheck (a test-only library) and that the .deb declares its
# shared-library dependencies.
# Usage: ci/package.sh [--system]
set -euo pipefail
cd "$(dirname "$0")/.."
system=false
[ "${1:-}" = "--system" ] && system=true

# install/cpack must not rebuild every test target: only what the package holds is built here.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON >/dev/null
ninja -C build -j2 crucible crucible_reports crucible_runner crucible_gtest >/dev/null
rm -f build/crucible_*.deb
(cd build && cpack -G DEB >/dev/null)
deb=$(ls build/crucible_*.deb)
echo "package.sh: built $deb"

fail() { echo "package.sh: $*" >&2; exit 1; }
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libpqxx libmysqlcppconn libluajit libsqlite3 libssl; do
  [[ "$depends" == *"$lib"* ]] || fail "$deb: Depends lacks $lib: $depends"
done
contents=$(dpkg-deb -c "$deb")
for file in /usr/bin/crucible /usr/include/crucible/gtest.h /cmake/crucible/crucibleConfig.cmake; do
  grep -q "$file\$" <<<"$contents" || fail "$deb: no $file"
done

# The Depends resolve against the machine's archive (a simulated install; changes nothing).
apt-get install --simulate --no-install-recommends "./$deb" >/dev/null 2>&1 ||
  fail "$deb: apt cannot satisfy its Depends: $depends"

work=$(mktemp -d "${TMPDIR:-/tmp}/crucible-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
if $system; then
  dpkg -i "$deb" >/dev/null
  prefix=/usr
else
  dpkg-deb -x "$deb" "$work/root"
  prefix="$work/root/usr"
fi

package_dir=$(find "$prefix/lib" -path '*/cmake/crucible' -type d)
[ -n "$package_dir" ] || fail "no lib/cmake/crucible under $prefix"
! grep -rqi rapidcheck "$package_dir" || fail "the CMake package names RapidCheck, a test-only library"
sh tests/embed/no_test_symbols.sh $(find "$prefix/lib" -name 'libcrucible_*.a') ||
  fail "an installed library needs a test-only library"

"$prefix/bin/crucible" --version
cmake -S tests/consumer -B "$work/consumer" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
ninja -C "$work/consumer" -j2 >/dev/null
ctest --test-dir "$work/consumer" --output-on-failure
echo "package.sh: $deb installs, and a consumer builds and tests against it"
