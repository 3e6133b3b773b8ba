// A minimal JSON reader for the tables tests (golden files, command output).
// Not a general parser: UTF-8 in, no \u surrogate pairs beyond the BMP.
#ifndef SOHOA_TESTS_TABLES_JSON_VALUE_H_
#define SOHOA_TESTS_TABLES_JSON_VALUE_H_

#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sohoa::testing {

struct JsonValue {
  enum Type { kNull, kBool, kNumber, kString, kArray, kObject } type = kNull;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsonValue> array;
  // Not std::pair: a pair of an incomplete type does not compile with clang
  // and libstdc++ (the sanitizer build).
  struct Member;
  std::vector<Member> object;

  const JsonValue& operator[](const std::string& key) const;
  const JsonValue& operator[](size_t i) const { return array.at(i); }
  size_t size() const;
  bool is_null() const { return type == kNull; }
};

struct JsonValue::Member {
  std::string first;
  JsonValue second;
};

inline size_t JsonValue::size() const {
  return type == kArray ? array.size() : object.size();
}

inline const JsonValue& JsonValue::operator[](const std::string& key) const {
  static const JsonValue kNullValue;
  for (const Member& m : object)
    if (m.first == key) return m.second;
  return kNullValue;
}

class JsonReader {
 public:
  explicit JsonReader(const std::string& text) : s_(text) {}
  // False on a syntax error (error() says where).
  bool Parse(JsonValue* out) {
    ok_ = true;
    Value(out);
    Space();
    if (p_ != s_.size()) Fail("trailing text");
    return ok_;
  }
  const std::string& error() const { return error_; }

 private:
  void Fail(const std::string& what) {
    if (ok_) error_ = what + " at offset " + std::to_string(p_);
    ok_ = false;
    p_ = s_.size();
  }
  void Space() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\n' || s_[p_] == '\t' || s_[p_] == '\r')) ++p_;
  }
  bool Eat(char c) {
    Space();
    if (p_ < s_.size() && s_[p_] == c) {
      ++p_;
      return true;
    }
    return false;
  }
  void Value(JsonValue* v) {
    Space();
    if (p_ >= s_.size()) return Fail("unexpected end");
    char c = s_[p_];
    if (c == '{') {
      ++p_;
      v->type = JsonValue::kObject;
      if (Eat('}')) return;
      do {
        Space();
        JsonValue key;
        if (p_ >= s_.size() || s_[p_] != '"') return Fail("expected key");
        String(&key.string);
        if (!Eat(':')) return Fail("expected ':'");
        v->object.push_back(JsonValue::Member{key.string, JsonValue()});
        Value(&v->object.back().second);
      } while (ok_ && Eat(','));
      if (!Eat('}')) Fail("expected '}'");
    } else if (c == '[') {
      ++p_;
      v->type = JsonValue::kArray;
      if (Eat(']')) return;
      do {
        v->array.emplace_back();
        Value(&v->array.back());
      } while (ok_ && Eat(','));
      if (!Eat(']')) Fail("expected ']'");
    } else if (c == '"') {
      v->type = JsonValue::kString;
      String(&v->string);
    } else if (s_.compare(p_, 4, "null") == 0) {
      p_ += 4;
    } else if (s_.compare(p_, 4, "true") == 0) {
      p_ += 4;
      v->type = JsonValue::kBool;
      v->boolean = true;
    } else if (s_.compare(p_, 5, "false") == 0) {
      p_ += 5;
      v->type = JsonValue::kBool;
    } else {
      const char* b = s_.c_str() + p_;
      char* e = nullptr;
      v->number = std::strtod(b, &e);
      if (e == b) return Fail("bad value");
      v->type = JsonValue::kNumber;
      p_ += static_cast<size_t>(e - b);
    }
  }
  void String(std::string* out) {
    ++p_;  // opening quote
    while (p_ < s_.size() && s_[p_] != '"') {
      char c = s_[p_++];
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (p_ >= s_.size()) return Fail("bad escape");
      char e = s_[p_++];
      switch (e) {
        case 'n': out->push_back('\n'); break;
        case 't': out->push_back('\t'); break;
        case 'r': out->push_back('\r'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'u': {
          unsigned cp = static_cast<unsigned>(std::strtoul(s_.substr(p_, 4).c_str(), nullptr, 16));
          p_ += 4;
          if (cp < 0x80) {
            out->push_back(static_cast<char>(cp));
          } else if (cp < 0x800) {
            out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          } else {
            out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          }
          break;
        }
        default: out->push_back(e);
      }
    }
    if (p_ >= s_.size()) return Fail("unterminated string");
    ++p_;
  }

  const std::string& s_;
  size_t p_ = 0;
  bool ok_ = true;
  std::string error_;
};

}  // namespace sohoa::testing

#endif  // SOHOA_TESTS_TABLES_JSON_VALUE_H_
