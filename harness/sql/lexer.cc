#include "harness/sql/lexer.h"

#include <cctype>

namespace crucible::sql {
namespace {

bool is_word_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool is_word_char(unsigned char c) { return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80; }
bool is_operator_char(char c) {
  return std::string_view("+-*/<>=~!@%^&|?:").find(c) != std::string_view::npos;
}

class Lexer {
 public:
  Lexer(std::string_view text, Dialect dialect) : text_(text), dialect_(dialect) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    while (pos_ < text_.size()) {
      size_t start = pos_;
      int line = line_;
      unterminated_ = {};
      TokenKind kind = scan();
      tokens.push_back({kind, text_.substr(start, pos_ - start), start, line, unterminated_});
    }
    return tokens;
  }

 private:
  char peek(size_t ahead = 0) const {
    return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0';
  }
  void advance(size_t n = 1) {
    for (size_t i = 0; i < n && pos_ < text_.size(); ++i)
      if (text_[pos_++] == '\n') ++line_;
  }

  TokenKind scan() {
    char c = peek();
    if (std::isspace(static_cast<unsigned char>(c))) {
      while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(peek()))) advance();
      return TokenKind::whitespace;
    }
    if (c == '-' && peek(1) == '-' && line_comment_allowed()) return line_comment();
    if (c == '#' && dialect_ == Dialect::mysql) return line_comment();
    if (c == '/' && peek(1) == '*') return block_comment();
    if (c == '\'')
      return quoted('\'', TokenKind::string, backslash_escapes_in_plain_strings(),
                    "unterminated string literal: no closing '");
    if ((c == 'E' || c == 'e') && peek(1) == '\'' && dialect_ == Dialect::postgres) {
      advance();
      return quoted('\'', TokenKind::string, true, "unterminated E'…' string: no closing '");
    }
    if ((c == 'X' || c == 'x' || c == 'N' || c == 'n' || c == 'B' || c == 'b') && peek(1) == '\'') {
      advance();
      return quoted('\'', TokenKind::string, backslash_escapes_in_plain_strings(),
                    "unterminated string literal: no closing '");
    }
    if (c == '"')
      return dialect_ == Dialect::mysql
                 ? quoted('"', TokenKind::string, true,
                          "unterminated string literal: no closing \"")
                 : quoted('"', TokenKind::quoted_id, false,
                          "unterminated quoted identifier: no closing \"");
    if (c == '`' && dialect_ != Dialect::postgres)
      return quoted('`', TokenKind::quoted_id, false,
                    "unterminated quoted identifier: no closing `");
    if (c == '[' && dialect_ == Dialect::sqlite)
      return quoted(']', TokenKind::quoted_id, false,
                    "unterminated quoted identifier: no closing ]");
    if (c == '$' && dialect_ == Dialect::postgres) {
      if (size_t tag_len = dollar_tag_length(); tag_len > 0) return dollar_quoted(tag_len);
    }
    if (std::isdigit(static_cast<unsigned char>(c)) ||
        (c == '.' && std::isdigit(static_cast<unsigned char>(peek(1)))))
      return number();
    if (is_word_start(static_cast<unsigned char>(c))) {
      while (pos_ < text_.size() && is_word_char(static_cast<unsigned char>(peek()))) advance();
      return TokenKind::word;
    }
    if (is_operator_char(c)) {
      advance();
      while (is_operator_char(peek()) && !(peek() == '-' && peek(1) == '-') &&
             !(peek() == '/' && peek(1) == '*'))
        advance();
      return TokenKind::op;
    }
    advance();  // ( ) , ; . and anything else: one character
    return TokenKind::op;
  }

  // MySQL only treats "--" as a comment when followed by whitespace or a control character.
  bool line_comment_allowed() const {
    if (dialect_ != Dialect::mysql) return true;
    unsigned char next = static_cast<unsigned char>(peek(2));
    return next == '\0' || std::isspace(next) || std::iscntrl(next);
  }
  bool backslash_escapes_in_plain_strings() const { return dialect_ == Dialect::mysql; }

  TokenKind line_comment() {
    while (pos_ < text_.size() && peek() != '\n') advance();
    return TokenKind::comment;
  }

  TokenKind block_comment() {
    advance(2);
    int depth = 1;  // PostgreSQL nests block comments; the others end at the first */
    while (pos_ < text_.size() && depth > 0) {
      if (peek() == '*' && peek(1) == '/') {
        advance(2);
        --depth;
      } else if (dialect_ == Dialect::postgres && peek() == '/' && peek(1) == '*') {
        advance(2);
        ++depth;
      } else {
        advance();
      }
    }
    if (depth > 0) unterminated_ = "unterminated /* comment: no closing */";
    return TokenKind::comment;
  }

  TokenKind quoted(char close, TokenKind kind, bool backslash_escapes,
                   std::string_view if_unterminated) {
    advance();  // opening quote
    while (pos_ < text_.size()) {
      char c = peek();
      if (backslash_escapes && c == '\\') {
        advance(2);
      } else if (c == close) {
        advance();
        if (peek() == close && close != ']') {
          advance();  // doubled quote is an escaped quote
          continue;
        }
        return kind;
      } else {
        advance();
      }
    }
    unterminated_ = if_unterminated;
    return kind;
  }

  // Length of "$tag$" at the current position, or 0 when this is not a dollar quote ($1 is a
  // positional parameter, not a quote).
  size_t dollar_tag_length() const {
    size_t i = pos_ + 1;
    if (i < text_.size() && std::isdigit(static_cast<unsigned char>(text_[i]))) return 0;
    while (i < text_.size() && text_[i] != '$') {
      unsigned char c = static_cast<unsigned char>(text_[i]);
      if (!(std::isalnum(c) || c == '_' || c >= 0x80)) return 0;
      ++i;
    }
    return i < text_.size() ? i - pos_ + 1 : 0;
  }

  TokenKind dollar_quoted(size_t tag_len) {
    std::string_view tag = text_.substr(pos_, tag_len);
    advance(tag_len);
    size_t end = text_.find(tag, pos_);
    if (end == std::string_view::npos) {
      unterminated_ = "unterminated dollar-quoted string: no closing tag";
      advance(text_.size() - pos_);
      return TokenKind::string;
    }
    advance(end - pos_ + tag_len);
    return TokenKind::string;
  }

  TokenKind number() {
    if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
      advance(2);
      while (std::isxdigit(static_cast<unsigned char>(peek()))) advance();
      return TokenKind::number;
    }
    while (std::isdigit(static_cast<unsigned char>(peek())) || peek() == '.') advance();
    if ((peek() == 'e' || peek() == 'E') &&
        (std::isdigit(static_cast<unsigned char>(peek(1))) ||
         ((peek(1) == '+' || peek(1) == '-') && std::isdigit(static_cast<unsigned char>(peek(2)))))) {
      advance(2);
      while (std::isdigit(static_cast<unsigned char>(peek()))) advance();
    }
    return TokenKind::number;
  }

  std::string_view text_;
  Dialect dialect_;
  size_t pos_ = 0;
  int line_ = 1;
  std::string_view unterminated_;  // set by scan() for a token that runs to the end
};

}  // namespace

std::vector<Token> tokenize(std::string_view text, Dialect dialect) {
  return Lexer(text, dialect).run();
}

std::vector<Token> significant_tokens(std::string_view text, Dialect dialect) {
  std::vector<Token> tokens = tokenize(text, dialect);
  std::erase_if(tokens, [](const Token& token) {
    return token.kind == TokenKind::whitespace || token.kind == TokenKind::comment;
  });
  return tokens;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_word(const Token& token, std::string_view keyword) {
  if (token.kind != TokenKind::word || token.text.size() != keyword.size()) return false;
  for (size_t i = 0; i < keyword.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(token.text[i])) !=
        std::tolower(static_cast<unsigned char>(keyword[i])))
      return false;
  return true;
}

bool is_phrase(std::string_view text, Dialect dialect, std::initializer_list<Phrase> phrases) {
  std::vector<Token> words = significant_tokens(text, dialect);
  for (Phrase phrase : phrases) {
    if (phrase.size() != words.size()) continue;
    bool same = true;
    size_t i = 0;
    for (std::string_view word : phrase) same = same && is_word(words[i++], word);
    if (same) return true;
  }
  return false;
}

bool ends_transaction(std::string_view text, Dialect dialect) {
  std::vector<Token> words = significant_tokens(text, dialect);
  auto word = [&](size_t i, std::string_view keyword) {
    return i < words.size() && is_word(words[i], keyword);
  };
  if (!word(0, "commit") && !word(0, "end") && !word(0, "rollback") && !word(0, "abort"))
    return false;
  if (word(1, "prepared") || word(1, "to")) return false;
  return !((word(1, "transaction") || word(1, "work")) && word(2, "to"));
}

std::string_view identifier_text(const Token& token) {
  if (token.kind == TokenKind::quoted_id && token.text.size() >= 2)
    return token.text.substr(1, token.text.size() - 2);
  return token.text;
}

}  // namespace crucible::sql
