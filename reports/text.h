// Text hygiene shared by the reports.
//
// Engine messages, statements and migration names are arbitrary bytes: they may hold invalid
// UTF-8, NUL, escape sequences (which would repaint a terminal) or characters that XML 1.0
// forbids. Every report passes such text through clean_text() before printing it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace crucible::reports {

// Valid UTF-8 with newline and tab kept, "\r\n" and lone "\r" turned into "\n", and every other
// control character (C0, DEL, C1), U+FFFE/U+FFFF and each invalid byte replaced by U+FFFD.
std::string clean_text(std::string_view text);

// clean_text() on one line: every run of whitespace (newlines included) becomes one space,
// and leading and trailing whitespace goes.
std::string one_line(std::string_view text);

// Number of code points: the width of clean text in a terminal (wide CJK glyphs aside).
std::size_t display_width(std::string_view text);

// At most `max_width` code points; text that was cut ends in "…".
std::string truncate(std::string_view text, std::size_t max_width);

// `text` followed by spaces up to `width` code points.
std::string pad_right(std::string_view text, std::size_t width);

// Writes `contents` to `path`, replacing the file. Throws crucible::Error naming `what` (e.g.
// "JUnit report") and the path, with the system's reason, when it cannot.
// Where escaped text goes. XML attributes also need newlines and tabs as character references
// (attribute-value normalisation would turn them into spaces); HTML keeps them, because a
// newline in a title attribute is a line break of the tooltip.
enum class Markup { xml_text, xml_attribute, html };

// Escapes cleaned text: & < > always; quotes too in XML attributes and in HTML.
std::string escape_markup(std::string_view raw, Markup where);

void write_text_file(const std::string& path, std::string_view contents, std::string_view what);

}  // namespace crucible::reports
