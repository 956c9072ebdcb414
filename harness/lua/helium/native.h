// Native helpers for Helium designs: real base64 and real Brotli (Debian's libbrotli), offered
// to Lua as modules and to SQLite as SQL functions (the server's crypto_* and brotli_decompress).
#pragma once

#include <string>
#include <string_view>

#include "harness/lua/sandbox.h"

namespace crucible::lua::helium {

std::string base64_encode(std::string_view bytes);
// Throws crucible::Error for text that is not base64.
std::string base64_decode(std::string_view text);
std::string brotli_compress(std::string_view bytes);

// Decompressed output larger than this is refused: a few KB of Brotli can expand to gigabytes
// (a decompression bomb), and stored code is nowhere near it.
constexpr size_t kMaxDecompressedBytes = size_t{256} << 20;
// Throws crucible::Error for data that is not a complete Brotli stream, or that expands to more
// than `max_output` bytes.
std::string brotli_decompress(std::string_view bytes, size_t max_output = kMaxDecompressedBytes);

// require("brotli") → { compress = , decompress = }; require("crucible_base64") → { encode =,
// decode = }. Errors are raised as Lua errors.
void preload_native_modules(Sandbox& sandbox);

// Registers crypto_decode(text, 'base64'), crypto_encode(blob, 'base64'), crypto_sha256(text)
// (the digest as a blob, like sqlean's), brotli_decompress(blob) and raise_error(text) on every
// SQLite connection opened afterwards (sqlite3_auto_extension). Idempotent.
void register_sqlite_functions();

}  // namespace crucible::lua::helium
