#include "harness/lua/helium/native.h"

#include <array>
#include <mutex>
#include <new>

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <fmt/format.h>
#include <openssl/sha.h>
#include <sqlite3.h>

#include "harness/common/error.h"

namespace crucible::lua::helium {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(char c) {
  auto at = kAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

std::string_view arg(lua_State* L, int index) {
  size_t size = 0;
  const char* data = luaL_checklstring(L, index, &size);
  return {data, size};
}

// Runs `convert` on argument 1 and pushes the result; a crucible::Error becomes a Lua error.
template <typename Convert>
int lua_convert(lua_State* L, Convert convert) {
  std::string out, error;
  try {
    out = convert(arg(L, 1));
  } catch (const Error& e) {
    error = e.what();
  } catch (const std::bad_alloc&) {
    error = "not enough memory";
  }
  if (!error.empty()) return luaL_error(L, "%s", error.c_str());
  lua_pushlstring(L, out.data(), out.size());
  return 1;
}

int open_brotli(lua_State* L) {
  lua_newtable(L);
  lua_pushcfunction(L, [](lua_State* L) { return lua_convert(L, brotli_compress); });
  lua_setfield(L, -2, "compress");
  lua_pushcfunction(L, [](lua_State* L) {
    return lua_convert(L, [](std::string_view bytes) { return brotli_decompress(bytes); });
  });
  lua_setfield(L, -2, "decompress");
  return 1;
}

int open_base64(lua_State* L) {
  lua_newtable(L);
  lua_pushcfunction(L, [](lua_State* L) { return lua_convert(L, base64_encode); });
  lua_setfield(L, -2, "encode");
  lua_pushcfunction(L, [](lua_State* L) { return lua_convert(L, base64_decode); });
  lua_setfield(L, -2, "decode");
  return 1;
}

std::string_view sqlite_arg(sqlite3_value* value) {
  const void* data = sqlite3_value_blob(value);
  return {static_cast<const char*>(data), static_cast<size_t>(sqlite3_value_bytes(value))};
}

void result_text(sqlite3_context* ctx, const std::string& text) {
  sqlite3_result_text(ctx, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

bool valid_utf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += n;
  }
  return true;
}

// crypto_decode(text, 'base64'): text when the bytes are UTF-8 (stored code), else a blob
// (a Brotli stream on its way to brotli_decompress).
void crypto_decode(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  try {
    std::string out = base64_decode(sqlite_arg(argv[0]));
    if (valid_utf8(out)) return result_text(ctx, out);
    sqlite3_result_blob(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
  } catch (const Error& e) {
    sqlite3_result_error(ctx, e.what(), -1);
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(ctx);
  }
}

void crypto_encode(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  try {
    result_text(ctx, base64_encode(sqlite_arg(argv[0])));
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(ctx);
  }
}

void crypto_sha256(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  std::string_view in = sqlite_arg(argv[0]);
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(in.data()), in.size(), digest.data());
  // The raw digest as a blob, like sqlean's crypto_sha256: the real library base64-encodes it
  // with crypto_encode (SHA256_HASH_START/END on SQLite).
  sqlite3_result_blob(ctx, digest.data(), static_cast<int>(digest.size()), SQLITE_TRANSIENT);
}

void sqlite_brotli_decompress(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(ctx);
  try {
    result_text(ctx, brotli_decompress(sqlite_arg(argv[0])));
  } catch (const Error& e) {
    sqlite3_result_error(ctx, e.what(), -1);
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(ctx);
  }
}

void raise_error(sqlite3_context* ctx, int, sqlite3_value** argv) {
  sqlite3_result_error(ctx, reinterpret_cast<const char*>(sqlite3_value_text(argv[0])), -1);
}

int install_functions(sqlite3* db, const char**, const sqlite3_api_routines*) {
  constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  sqlite3_create_function(db, "crypto_decode", 2, kFlags, nullptr, crypto_decode, nullptr, nullptr);
  sqlite3_create_function(db, "crypto_encode", 2, kFlags, nullptr, crypto_encode, nullptr, nullptr);
  sqlite3_create_function(db, "crypto_sha256", 1, kFlags, nullptr, crypto_sha256, nullptr, nullptr);
  sqlite3_create_function(db, "brotli_decompress", 1, kFlags, nullptr, sqlite_brotli_decompress,
                          nullptr, nullptr);
  sqlite3_create_function(db, "raise_error", 1, SQLITE_UTF8, nullptr, raise_error, nullptr, nullptr);
  return SQLITE_OK;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

std::string base64_decode(std::string_view text) {
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    if (c == '=' || c == '\n' || c == '\r' || c == ' ') continue;
    int value = base64_value(c);
    if (value < 0) throw Error(fmt::format("base64: invalid character '{}'", c));
    bits = (bits << 6) | static_cast<uint32_t>(value);
    if (++count == 4) {
      out += static_cast<char>((bits >> 16) & 0xff);
      out += static_cast<char>((bits >> 8) & 0xff);
      out += static_cast<char>(bits & 0xff);
      bits = 0;
      count = 0;
    }
  }
  if (count == 1) throw Error("base64: truncated input");
  if (count == 2) out += static_cast<char>((bits >> 4) & 0xff);
  if (count == 3) {
    out += static_cast<char>((bits >> 10) & 0xff);
    out += static_cast<char>((bits >> 2) & 0xff);
  }
  return out;
}

std::string brotli_compress(std::string_view bytes) {
  std::string out(BrotliEncoderMaxCompressedSize(bytes.size()) + 16, '\0');
  size_t size = out.size();
  if (!BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                             bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data())))
    throw Error("brotli: compression failed");
  out.resize(size);
  return out;
}

std::string brotli_decompress(std::string_view bytes, size_t max_output) {
  BrotliDecoderState* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (!state) throw Error("brotli: cannot create a decoder (out of memory)");
  std::string out;
  size_t in_left = bytes.size();
  const uint8_t* in = reinterpret_cast<const uint8_t*>(bytes.data());
  BrotliDecoderResult result = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
  while (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
    std::array<uint8_t, 16384> buffer;
    size_t out_left = buffer.size();
    uint8_t* next = buffer.data();
    result = BrotliDecoderDecompressStream(state, &in_left, &in, &out_left, &next, nullptr);
    size_t produced = buffer.size() - out_left;
    if (out.size() + produced > max_output) {
      BrotliDecoderDestroyInstance(state);
      throw Error(fmt::format("brotli: the data decompresses to more than {} (a decompression "
                              "bomb?): refused", describe_bytes(max_output)));
    }
    out.append(reinterpret_cast<char*>(buffer.data()), produced);
  }
  BrotliDecoderDestroyInstance(state);
  if (result != BROTLI_DECODER_RESULT_SUCCESS) throw Error("brotli: not a complete Brotli stream");
  return out;
}

void preload_native_modules(Sandbox& sandbox) {
  sandbox.preload("brotli", open_brotli);
  sandbox.preload("crucible_base64", open_base64);
}

void register_sqlite_functions() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_auto_extension(reinterpret_cast<void (*)()>(install_functions));
  });
}

}  // namespace crucible::lua::helium
