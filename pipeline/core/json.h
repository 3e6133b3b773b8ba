// JsonWriter: a small streaming JSON writer for the commands' --json output.
// Strings must be UTF-8; invalid bytes are written as U+FFFD so the output
// is always valid JSON. Not synchronised.
#ifndef SOHOA_CORE_JSON_H_
#define SOHOA_CORE_JSON_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sohoa {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Number(double value);  // integers print without a fraction
  JsonWriter& Int(long long value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  JsonWriter& OptionalNumber(const std::optional<double>& value);

  const std::string& str() const { return out_; }

  static std::string Escape(std::string_view s);  // quoted

 private:
  void Separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  bool after_key_ = false;
};

}  // namespace sohoa

#endif  // SOHOA_CORE_JSON_H_
