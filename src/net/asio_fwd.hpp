// Boost.Asio's io_context, declared only, for headers that take or keep a
// reference to one. Asio is header-only: <boost/asio/io_context.hpp> brings
// its whole reactor into every file that includes it, so headers name the
// type through this file and only the .cpp files that run, post to or
// construct an io_context include net/asio.hpp.
#pragma once

namespace boost::asio {
class io_context;
}  // namespace boost::asio
