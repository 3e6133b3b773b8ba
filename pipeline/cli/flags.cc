#include "pipeline/cli/flags.h"

#include <cstdio>
#include <cstdlib>

namespace sohoa::cli {

const FlagSpec* Flags::Find(const std::string& name) const {
  for (const FlagSpec& f : spec_.flags)
    if (f.name == name) return &f;
  return nullptr;
}

Status Flags::Parse(const std::vector<std::string>& args) {
  bool only_positional = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (only_positional || a == "-" || a.size() < 2 || a[0] != '-') {
      positional_.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    if (a == "-h" || a == "--help") {
      help_ = true;
      continue;
    }
    std::string arg = a;
    if (a.size() == 2 && a[0] == '-')  // "-o FILE": the flag whose short name it is
      for (const FlagSpec& f : spec_.flags)
        if (f.short_name == a[1]) arg = "--" + f.name;
    if (arg.rfind("--", 0) != 0) return Status::InvalidArgument("unknown option " + a);
    std::string name = arg.substr(2), value;
    bool has_value = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    const FlagSpec* f = Find(name);
    if (!f) return Status::InvalidArgument("unknown option --" + name);
    if (f->value_name.empty()) {
      if (has_value && value != "true" && value != "false")
        return Status::InvalidArgument("--" + name + " takes no value");
      if (!has_value) value = "true";
    } else if (!has_value) {
      if (i + 1 >= args.size())
        return Status::InvalidArgument("--" + name + " needs a value (" + f->value_name + ")");
      value = args[++i];
    }
    if (!f->repeatable) values_[name].clear();
    values_[name].push_back(value);
  }
  return Status::Ok();
}

bool Flags::Has(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return false;
  const FlagSpec* f = Find(name);
  if (f && f->value_name.empty()) return it->second.back() == "true";
  return true;
}

std::string Flags::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it != values_.end() && !it->second.empty()) return it->second.back();
  const FlagSpec* f = Find(name);
  return f ? f->default_value : "";
}

std::vector<std::string> Flags::GetAll(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return {};
  return it->second;
}

int Flags::GetInt(const std::string& name, int fallback) const {
  std::string v = Get(name);
  if (v.empty()) return fallback;
  char* end = nullptr;
  long n = std::strtol(v.c_str(), &end, 10);
  if (end == v.c_str() || *end != '\0') return fallback;
  return static_cast<int>(n);
}

std::string Flags::HelpText() const {
  std::string out = "Usage: " + spec_.usage + "\n\n" + spec_.summary + "\n";
  if (!spec_.description.empty()) out += "\n" + spec_.description + "\n";
  if (!spec_.flags.empty()) {
    out += "\nOptions:\n";
    for (const FlagSpec& f : spec_.flags) {
      std::string left = f.short_name ? std::string("  -") + f.short_name + ", --" + f.name
                                      : "  --" + f.name;
      if (!f.value_name.empty()) left += "=" + f.value_name;
      if (left.size() < 26) left.resize(26, ' ');
      else left += "\n" + std::string(26, ' ');
      out += left + f.help;
      if (!f.default_value.empty()) out += " (default: " + f.default_value + ")";
      out += "\n";
    }
    out += "  -h, --help              this help\n";
  }
  if (!spec_.examples.empty()) out += "\nExamples:\n" + spec_.examples;
  if (!out.empty() && out.back() != '\n') out += "\n";
  return out;
}

int UsageError(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "sohoa %s: %s (try 'sohoa %s --help')\n", command.c_str(), message.c_str(),
               command.c_str());
  return 2;
}

}  // namespace sohoa::cli
