#include "cli/app.hpp"

int main(int argc, char** argv) { return scholard::cli::run(argc, argv); }
