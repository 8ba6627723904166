# Install rules: `cmake --install <build> [--prefix P]` puts
#   bin/scholard
#   libexec/scholard/scholard-daemon               the daemon's supervisor (`scholard daemon` execs it)
#   lib/systemd/system/scholard.service            the daemon (Type=notify)
#   lib/systemd/system/scholard-sync.{service,timer}  one pass a day, the alternative
#   lib/systemd/user/scholard.service, scholard-sync.{service,timer}  the same for `systemctl --user`
#   share/man/man1/scholard.1.gz
#   share/bash-completion/completions/scholard, share/zsh/{vendor-completions,site-functions}/_scholard,
#   share/fish/vendor_completions.d/scholard.fish   (written by the built `scholard completion`)
#   share/doc/scholard/examples/scholard.example.toml, site-access.conf (a drop-in),
#     github-pages-sync.yml (a scheduled CI workflow)
#   share/doc/scholard/{README.md,user-guide.md,systemd.md,copyright,changelog.gz}
# The units in systemd/ name /usr/local/bin/scholard; the installed copies name
# the binary under the prefix chosen at configure time (CMAKE_INSTALL_PREFIX),
# so a staged install (DESTDIR=... or --prefix at install time) keeps the path
# the package will have. Include once from the root CMakeLists.txt.
include(GNUInstallDirs)

# Units belong in <prefix>/lib/systemd/system (not lib64 or lib/<triplet>):
# systemd looks in /usr/lib, /usr/local/lib and /etc.
set(SCHOLARD_SYSTEMD_UNIT_DIR "lib/systemd/system" CACHE STRING
    "Where systemd units are installed (relative to the prefix, or absolute)")
set(SCHOLARD_SYSTEMD_USER_UNIT_DIR "lib/systemd/user" CACHE STRING
    "Where systemd user units are installed (relative to the prefix, or absolute)")
# The source tree, whichever project includes this file.
get_filename_component(scholard_root "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)

install(TARGETS scholard RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Found by `scholard daemon` at the path compiled in (src/cli/CMakeLists.txt).
install(TARGETS scholard-daemon RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/scholard)

foreach(kind system user)
  if(kind STREQUAL "system")
    set(unit_src ${scholard_root}/systemd)
    set(unit_dest ${SCHOLARD_SYSTEMD_UNIT_DIR})
  else()
    set(unit_src ${scholard_root}/systemd/user)
    set(unit_dest ${SCHOLARD_SYSTEMD_USER_UNIT_DIR})
  endif()
  file(GLOB scholard_units CONFIGURE_DEPENDS ${unit_src}/*.service ${unit_src}/*.timer)
  foreach(unit ${scholard_units})
    get_filename_component(unit_name ${unit} NAME)
    file(READ ${unit} unit_text)
    string(REPLACE "/usr/local/bin/scholard" "${CMAKE_INSTALL_FULL_BINDIR}/scholard" unit_text "${unit_text}")
    # Rewritten only when the text changes, so installs stay incremental.
    file(CONFIGURE OUTPUT ${CMAKE_BINARY_DIR}/systemd/${kind}/${unit_name} CONTENT "${unit_text}" @ONLY)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${unit})
    install(FILES ${CMAKE_BINARY_DIR}/systemd/${kind}/${unit_name} DESTINATION ${unit_dest})
  endforeach()
endforeach()

# Compressed with -n (no name or time stamp), so the bytes depend on the
# text only; Debian wants man pages and changelogs gzipped.
set(gz_dir ${CMAKE_BINARY_DIR}/gz)
add_custom_command(OUTPUT ${gz_dir}/scholard.1.gz ${gz_dir}/changelog.gz
                   COMMAND ${CMAKE_COMMAND} -E make_directory ${gz_dir}
                   COMMAND sh -c "gzip -9n < '${scholard_root}/docs/scholard.1' > '${gz_dir}/scholard.1.gz'"
                   COMMAND sh -c "gzip -9n < '${scholard_root}/packaging/debian/changelog' > '${gz_dir}/changelog.gz'"
                   DEPENDS ${scholard_root}/docs/scholard.1 ${scholard_root}/packaging/debian/changelog VERBATIM)
add_custom_target(scholard_compressed_docs ALL DEPENDS ${gz_dir}/scholard.1.gz ${gz_dir}/changelog.gz)
install(FILES ${gz_dir}/scholard.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${gz_dir}/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})

if(TARGET scholard)
  # The scripts come from the command line the binary has (`scholard completion SHELL`).
  set(comp_dir ${CMAKE_BINARY_DIR}/completions)
  add_custom_command(OUTPUT ${comp_dir}/scholard ${comp_dir}/_scholard ${comp_dir}/scholard.fish
                     COMMAND ${CMAKE_COMMAND} -E make_directory ${comp_dir}
                     COMMAND sh -c "'$<TARGET_FILE:scholard>' completion bash > '${comp_dir}/scholard'"
                     COMMAND sh -c "'$<TARGET_FILE:scholard>' completion zsh > '${comp_dir}/_scholard'"
                     COMMAND sh -c "'$<TARGET_FILE:scholard>' completion fish > '${comp_dir}/scholard.fish'"
                     DEPENDS scholard VERBATIM)
  add_custom_target(scholard_completions ALL
                    DEPENDS ${comp_dir}/scholard ${comp_dir}/_scholard ${comp_dir}/scholard.fish)
  install(FILES ${comp_dir}/scholard DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
  # Debian's zsh looks in /usr/share/zsh/vendor-completions; any zsh in
  # <prefix>/share/zsh/site-functions of its own prefix (/usr/local).
  if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
    set(zsh_dir ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
  else()
    set(zsh_dir ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)
  endif()
  install(FILES ${comp_dir}/_scholard DESTINATION ${zsh_dir})
  install(FILES ${comp_dir}/scholard.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
endif()

install(FILES ${scholard_root}/config/scholard.example.toml ${scholard_root}/systemd/site-access.conf
              ${scholard_root}/examples/ci/github-pages-sync.yml
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES ${scholard_root}/README.md ${scholard_root}/docs/user-guide.md ${scholard_root}/docs/systemd.md
              ${scholard_root}/packaging/debian/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
