# `cmake --build build --target package`: a Debian package,
# scholard_<version>_<arch>.deb, of what cmake/Install.cmake installs.
# Configure the build for it with the Debian paths, so that the paths
# compiled into scholard (libexec) and written into the units match the
# package (scripts/check-package.sh does this):
#   cmake -S . -B build-pkg -G Ninja -DCMAKE_INSTALL_PREFIX=/usr \
#         -DSCHOLARD_SYSTEMD_UNIT_DIR=/lib/systemd/system -DSCHOLARD_BUILD_TESTS=OFF
# Dependencies come from the binaries' shared libraries (dpkg-shlibdeps, in
# dpkg-dev). Include once from the root CMakeLists.txt, after Install.cmake.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "scholard")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "scholard authors <scholard-demo@example.org>")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
# The Debian policy wants stripped binaries (lintian: unstripped-binary-or-object).
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME "DEB-DEFAULT")  # scholard_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The first line is the synopsis; the rest the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "keeps a researcher's publication list true
scholard polls arXiv, Crossref and Semantic Scholar for the papers a
researcher lists in its configuration, caches what it learns in a SQLite
store, and rewrites the publication list of a static site (academicpages,
al-folio, Hugo: Markdown, BibTeX, per-paper pages or JSON) when something
changes. It runs once (scholard sync), as a daemon or from a systemd timer,
for the system or for one user.")
# Recommended, not needed: the site build the hook runs, and the shells'
# completion frameworks, are the user's choice.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
include(CPack)
