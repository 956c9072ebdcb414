#include "reports/text.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "harness/common/error.h"

namespace crucible::reports {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026

// Length of the well-formed UTF-8 sequence at text[i] and its code point, or 0 when the bytes
// there are not well-formed (overlong forms, surrogates and values past U+10FFFF included).
std::size_t decode(std::string_view text, std::size_t i, char32_t* code_point) {
  auto byte = [&](std::size_t k) { return static_cast<uint8_t>(text[k]); };
  uint8_t lead = byte(i);
  if (lead < 0x80) {
    *code_point = lead;
    return 1;
  }
  std::size_t length;
  char32_t cp;
  char32_t minimum;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, cp = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, cp = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, cp = lead & 0x07, minimum = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *code_point = cp;
  return length;
}

bool forbidden(char32_t cp) {
  if (cp == '\n' || cp == '\t') return false;
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

bool starts_code_point(char c) { return (static_cast<uint8_t>(c) & 0xC0) != 0x80; }

// Byte offset just past the first `count` code points of clean text.
std::size_t offset_of(std::string_view text, std::size_t count) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (starts_code_point(text[i]) && seen++ == count) return i;
  return text.size();
}

}  // namespace

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\r') {
      out += '\n';
      i += (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
      continue;
    }
    char32_t cp = 0;
    std::size_t length = decode(text, i, &cp);
    if (length == 0) {
      out += kReplacement;
      ++i;
    } else {
      if (forbidden(cp)) {
        out += kReplacement;
      } else {
        out.append(text, i, length);
      }
      i += length;
    }
  }
  return out;
}

std::string one_line(std::string_view text) {
  std::string cleaned = clean_text(text);
  std::string out;
  out.reserve(cleaned.size());
  bool pending_space = false;
  for (char c : cleaned) {
    if (c == ' ' || c == '\n' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (char c : text)
    if (starts_code_point(c)) ++width;
  return width;
}

std::string truncate(std::string_view text, std::size_t max_width) {
  if (display_width(text) <= max_width) return std::string(text);
  if (max_width == 0) return "";
  std::string out(text.substr(0, offset_of(text, max_width - 1)));
  out += kEllipsis;
  return out;
}

std::string pad_right(std::string_view text, std::size_t width) {
  std::string out(text);
  std::size_t have = display_width(text);
  if (have < width) out.append(width - have, ' ');
  return out;
}

void write_text_file(const std::string& path, std::string_view contents, std::string_view what) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) throw Error(fmt::format("cannot write {} to {}: {}", what, path, std::strerror(errno)));
  file.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  file.close();
  if (!file) throw Error(fmt::format("cannot write {} to {}: write failed", what, path));
}

std::string escape_markup(std::string_view raw, Markup where) {
  const bool quotes = where != Markup::xml_text;
  const bool whitespace_refs = where == Markup::xml_attribute;
  std::string text = clean_text(raw);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += quotes ? "&quot;" : "\""; break;
      case '\'': out += quotes ? "&#39;" : "'"; break;
      case '\n': out += whitespace_refs ? "&#10;" : "\n"; break;
      case '\t': out += whitespace_refs ? "&#9;" : "\t"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace crucible::reports
