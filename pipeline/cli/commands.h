// The sohoa subcommands. Each parses its own flags (flags.h), calls the
// pipeline, prints to stdout (results) and stderr (progress, errors), and
// returns the process exit code documented in README "Exit codes".
#ifndef SOHOA_CLI_COMMANDS_H_
#define SOHOA_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace sohoa::cli {

using Args = std::vector<std::string>;

int RunText(const Args& args);
int RunNormalize(const Args& args);
int RunRestore(const Args& args);
int RunLm(const Args& args);
int RunTables(const Args& args);
int RunCheck(const Args& args);
int RunIngest(const Args& args);
int RunSeries(const Args& args);
int RunFindings(const Args& args);
int RunSearch(const Args& args);
int RunReport(const Args& args);

// For commands whose stage has not landed: says so, exit code 2.
int NotYetAvailable(const std::string& command);

}  // namespace sohoa::cli

#endif  // SOHOA_CLI_COMMANDS_H_
