# Project-wide warning set, applied per target with scholard_warnings(target).
# -Wconversion is on: narrowing between sizes and signs is where parsers of
# untrusted input go wrong.
function(scholard_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
    -Wimplicit-fallthrough)
  if(SCHOLARD_SANITIZE)
    # GCC 12's -Wmaybe-uninitialized misfires on sanitizer-instrumented code
    # (inside libstdc++'s std::function as reached from std::regex); it stays
    # on, and an error, in the normal build.
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
  if(SCHOLARD_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
