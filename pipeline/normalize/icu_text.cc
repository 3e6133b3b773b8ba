#include "pipeline/normalize/icu_text.h"

#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/unistr.h>
#include <unicode/locid.h>

#include <array>
#include <memory>
#include <unordered_map>

#include "pipeline/core/utf8.h"

namespace sohoa::normalize_internal {

namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

// Context of the to-Unicode error callback: where the input starts, so the
// callback can report byte offsets of what it substitutes.
struct ErrorContext {
  const char* begin = nullptr;
  std::vector<size_t>* bad = nullptr;
};

void RecordAndSubstitute(const void* context, UConverterToUnicodeArgs* args,
                         const char* code_units, int32_t length, UConverterCallbackReason reason,
                         UErrorCode* err) {
  if (reason <= UCNV_IRREGULAR) {
    const auto* ctx = static_cast<const ErrorContext*>(context);
    if (ctx->bad != nullptr) {
      ptrdiff_t end = args->source - ctx->begin;
      ptrdiff_t at = end - length;
      ctx->bad->push_back(static_cast<size_t>(at < 0 ? 0 : at));
    }
    // U+FFFD for every undecodable unit, so nothing disappears silently.
    *err = U_ZERO_ERROR;
    static const UChar kFffd = 0xFFFD;
    ucnv_cbToUWriteUChars(args, &kFffd, 1, 0, err);
  }
}

Status Decode(const char* converter_name, std::string_view bytes, std::string* out,
              std::vector<size_t>* bad_offsets) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr conv(ucnv_open(converter_name, &err));
  if (U_FAILURE(err)) {
    return Status::Internal(std::string("ICU has no converter ") + converter_name + ": " +
                            u_errorName(err));
  }
  ErrorContext ctx{bytes.data(), bad_offsets};
  ucnv_setToUCallBack(conv.get(), RecordAndSubstitute, &ctx, nullptr, nullptr, &err);
  if (U_FAILURE(err)) return Status::Internal(std::string("ICU: ") + u_errorName(err));
  std::u16string buf(bytes.size() + 16, u'\0');
  UChar* target = reinterpret_cast<UChar*>(buf.data());
  UChar* target_limit = target + buf.size();
  const char* source = bytes.data();
  ucnv_toUnicode(conv.get(), &target, target_limit, &source, bytes.data() + bytes.size(),
                 nullptr, /*flush=*/true, &err);
  if (U_FAILURE(err)) return Status::Internal(std::string("ICU: ") + u_errorName(err));
  buf.resize(target - reinterpret_cast<UChar*>(buf.data()));
  out->clear();
  icu::UnicodeString(false, reinterpret_cast<const UChar*>(buf.data()),
                     static_cast<int32_t>(buf.size()))
      .toUTF8String(*out);
  return Status::Ok();
}

struct Cp1252Tables {
  std::array<char32_t, 256> to_char{};
  std::unordered_map<char32_t, int> to_byte;
  Cp1252Tables() {
    for (int b = 0; b < 256; ++b) to_char[b] = static_cast<char32_t>(b);
    UErrorCode err = U_ZERO_ERROR;
    ConverterPtr conv(ucnv_open("windows-1252", &err));
    if (U_SUCCESS(err)) {
      for (int b = 0x80; b < 0xA0; ++b) {
        char in = static_cast<char>(b);
        UChar out[4];
        UErrorCode e = U_ZERO_ERROR;
        int32_t n = ucnv_toUChars(conv.get(), out, 4, &in, 1, &e);
        if (U_SUCCESS(e) && n == 1 && out[0] != 0xFFFD && out[0] != 0x1A) to_char[b] = out[0];
      }
    }
    for (int b = 0; b < 256; ++b) to_byte[to_char[b]] = b;
    // Latin-1 readings of 0x80-0x9F (C1 controls) map back too.
    for (int b = 0x80; b < 0xA0; ++b) to_byte.emplace(static_cast<char32_t>(b), b);
  }
};

const Cp1252Tables& Cp1252() {
  static const Cp1252Tables* t = new Cp1252Tables();
  return *t;
}

const icu::Normalizer2* Nfc() {
  UErrorCode err = U_ZERO_ERROR;
  static const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(err);
  return n;
}

}  // namespace

Status DecodeUtf16(std::string_view bytes, bool little_endian, std::string* out,
                   std::vector<size_t>* bad_offsets) {
  return Decode(little_endian ? "UTF-16LE" : "UTF-16BE", bytes, out, bad_offsets);
}

Status DecodeCp1258(std::string_view bytes, std::string* out, std::vector<size_t>* bad_offsets) {
  return Decode("windows-1258", bytes, out, bad_offsets);
}

bool IsNfc(std::string_view utf8) {
  size_t i = 0;
  // Fast path: ASCII is always NFC.
  while (i < utf8.size() && static_cast<unsigned char>(utf8[i]) < 0x80) ++i;
  if (i == utf8.size()) return true;
  // Back up to the ASCII starter before the first non-ASCII character: a
  // combining mark may compose with it.
  if (i > 0) --i;
  const icu::Normalizer2* n = Nfc();
  if (n == nullptr) return false;
  UErrorCode err = U_ZERO_ERROR;
  bool yes = n->isNormalizedUTF8(
      icu::StringPiece(utf8.data() + i, static_cast<int32_t>(utf8.size() - i)), err);
  return U_SUCCESS(err) && yes;
}

std::string ToNfc(std::string_view utf8) {
  std::string valid;
  if (!IsValidUtf8(utf8)) {
    valid = ToValidUtf8(utf8);
    utf8 = valid;
  }
  if (IsNfc(utf8)) return std::string(utf8);
  const icu::Normalizer2* n = Nfc();
  if (n == nullptr) return std::string(utf8);
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode err = U_ZERO_ERROR;
  n->normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink,
                   nullptr, err);
  if (U_FAILURE(err)) return std::string(utf8);
  return out;
}

std::string ToUpperVi(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  s.toUpper(icu::Locale("vi"));
  std::string out;
  s.toUTF8String(out);
  return out;
}

char32_t Cp1252Char(unsigned char b) { return Cp1252().to_char[b]; }

int Cp1252Byte(char32_t c) {
  if (c < 0x80 || (c >= 0xA0 && c < 0x100)) return static_cast<int>(c);  // Latin-1 = CP1252 here
  const auto& m = Cp1252().to_byte;
  auto it = m.find(c);
  return it == m.end() ? -1 : it->second;
}

}  // namespace sohoa::normalize_internal
