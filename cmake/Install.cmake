# Install rules: `cmake --install <build> [--prefix P]` puts
#   bin/scholard
#   libexec/scholard/scholard-daemon               the daemon's supervisor (`scholard daemon` execs it)
#   lib/systemd/system/scholard.service            the daemon (Type=notify)
#   lib/systemd/system/scholard-sync.{service,timer}  one pass a day, the alternative
#   share/man/man1/scholard.1
#   share/doc/scholard/examples/scholard.example.toml, site-access.conf (a drop-in)
#   share/doc/scholard/systemd.md
# The units in systemd/ name /usr/local/bin/scholard; the installed copies name
# the binary under the prefix chosen at configure time (CMAKE_INSTALL_PREFIX),
# so a staged install (DESTDIR=... or --prefix at install time) keeps the path
# the package will have. Include once from the root CMakeLists.txt.
include(GNUInstallDirs)

# Units belong in <prefix>/lib/systemd/system (not lib64 or lib/<triplet>):
# systemd looks in /usr/lib, /usr/local/lib and /etc.
set(SCHOLARD_SYSTEMD_UNIT_DIR "lib/systemd/system" CACHE STRING
    "Where systemd units are installed (relative to the prefix, or absolute)")
# The source tree, whichever project includes this file.
get_filename_component(scholard_root "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)

install(TARGETS scholard RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Found by `scholard daemon` at the path compiled in (src/cli/CMakeLists.txt).
install(TARGETS scholard-daemon RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/scholard)

file(GLOB scholard_units CONFIGURE_DEPENDS
     ${scholard_root}/systemd/*.service ${scholard_root}/systemd/*.timer)
foreach(unit ${scholard_units})
  get_filename_component(unit_name ${unit} NAME)
  file(READ ${unit} unit_text)
  string(REPLACE "/usr/local/bin/scholard" "${CMAKE_INSTALL_FULL_BINDIR}/scholard" unit_text "${unit_text}")
  # Rewritten only when the text changes, so installs stay incremental.
  file(CONFIGURE OUTPUT ${CMAKE_BINARY_DIR}/systemd/${unit_name} CONTENT "${unit_text}" @ONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${unit})
  install(FILES ${CMAKE_BINARY_DIR}/systemd/${unit_name} DESTINATION ${SCHOLARD_SYSTEMD_UNIT_DIR})
endforeach()

install(FILES ${scholard_root}/docs/scholard.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${scholard_root}/config/scholard.example.toml ${scholard_root}/systemd/site-access.conf
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES ${scholard_root}/docs/systemd.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
