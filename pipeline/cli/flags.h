// Flag parsing for the sohoa subcommands: --name=value, --name value,
// boolean --name, "-" and "--" handled, and --help text generated from the
// same specs the parser uses, so help and behaviour cannot drift apart.
#ifndef SOHOA_CLI_FLAGS_H_
#define SOHOA_CLI_FLAGS_H_

#include <map>
#include <string>
#include <vector>

#include "pipeline/core/status.h"

namespace sohoa::cli {

struct FlagSpec {
  std::string name;        // without dashes: "ocr"
  std::string value_name;  // "MODE"; empty for a boolean flag
  std::string default_value;
  std::string help;
  bool repeatable = false;
  char short_name = 0;     // 'o' for "-o FILE"; 0 for none
};

struct CommandSpec {
  std::string name;         // "text"
  std::string usage;        // "sohoa text [options] FILE..."
  std::string summary;      // one line
  std::string description;  // paragraphs
  std::vector<FlagSpec> flags;
  std::string examples;     // lines
};

class Flags {
 public:
  explicit Flags(const CommandSpec& spec) : spec_(spec) {}
  // Parses args (after the subcommand name). --help sets help().
  Status Parse(const std::vector<std::string>& args);
  bool help() const { return help_; }
  bool Has(const std::string& name) const;
  std::string Get(const std::string& name) const;  // value or the spec's default
  std::vector<std::string> GetAll(const std::string& name) const;
  int GetInt(const std::string& name, int fallback) const;
  const std::vector<std::string>& positional() const { return positional_; }
  std::string HelpText() const;

 private:
  const FlagSpec* Find(const std::string& name) const;
  const CommandSpec& spec_;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
  bool help_ = false;
};

// Prints "sohoa <cmd>: <message>" and the hint to use --help; returns 2.
int UsageError(const std::string& command, const std::string& message);

}  // namespace sohoa::cli

#endif  // SOHOA_CLI_FLAGS_H_
