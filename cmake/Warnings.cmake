# Project-wide warning set: the INTERFACE target scholard_warnings, which every
# target of ours links PRIVATE (target_link_libraries(T PRIVATE
# scholard_warnings)), so the flags are stated once and reach neither the
# dependencies nor whoever links our libraries.
# -Wconversion is on: narrowing between sizes and signs is where parsers of
# untrusted input go wrong.
add_library(scholard_warnings INTERFACE)
target_compile_options(scholard_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
  -Wimplicit-fallthrough)
if(SCHOLARD_SANITIZE)
  # GCC 12's -Wmaybe-uninitialized misfires on sanitizer-instrumented code
  # (inside libstdc++'s std::function as reached from std::regex); it stays
  # on, and an error, in the normal build.
  target_compile_options(scholard_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
if(SCHOLARD_WERROR)
  target_compile_options(scholard_warnings INTERFACE -Werror)
endif()
