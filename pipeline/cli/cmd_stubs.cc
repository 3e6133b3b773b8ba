// Commands whose stage has not landed yet. Each says so plainly; none
// pretends to work. A stage's own cmd_<name>.cc replaces its entry here.
#include <cstdio>

#include "pipeline/cli/commands.h"

namespace sohoa::cli {

int NotYetAvailable(const std::string& command) {
  std::fprintf(stderr, "sohoa %s: not yet available in this version (see README)\n",
               command.c_str());
  return 2;
}


}  // namespace sohoa::cli
