#include "harness/sql/splitter.h"

#include <fmt/format.h>

#include <cctype>
#include <optional>

#include "harness/common/error.h"
#include "harness/sql/compound_body.h"
#include "harness/sql/lexer.h"

namespace crucible::sql {
namespace {

// Stands for every character of a literal or comment when searching for a MySQL delimiter, so
// that `$$` inside a string is never taken for the end of a statement.
constexpr char kMasked = '\x01';

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// A MySQL `/*! … */` comment is code the server runs (mysqldump writes whole statements in them);
// other comments and whitespace are not part of any statement.
bool is_significant(const Token& token, Dialect dialect) {
  if (token.kind == TokenKind::whitespace) return false;
  if (token.kind == TokenKind::comment)
    return dialect == Dialect::mysql && token.text.starts_with("/*!");
  return true;
}

bool is_code(const Token& token) {
  return token.kind == TokenKind::word || token.kind == TokenKind::number ||
         token.kind == TokenKind::op;
}

std::string masked_copy(std::string_view text, const std::vector<Token>& tokens) {
  std::string masked(text);
  for (const Token& token : tokens)
    if (token.kind == TokenKind::string || token.kind == TokenKind::quoted_id ||
        token.kind == TokenKind::comment)
      masked.replace(token.offset, token.text.size(), token.text.size(), kMasked);
  return masked;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (is_blank(text.front()) || text.front() == '\n')) text.remove_prefix(1);
  while (!text.empty() && (is_blank(text.back()) || text.back() == '\n')) text.remove_suffix(1);
  return text;
}

// MySQL's `DELIMITER xx` argument: the first word after the keyword, unquoted.
std::string delimiter_argument(std::string_view rest_of_line) {
  rest_of_line = trim(rest_of_line);
  size_t end = 0;
  while (end < rest_of_line.size() && !is_blank(rest_of_line[end])) ++end;
  std::string_view argument = rest_of_line.substr(0, end);
  if (argument.size() >= 2 &&
      (argument.front() == '\'' || argument.front() == '"' || argument.front() == '`') &&
      argument.back() == argument.front())
    argument = argument.substr(1, argument.size() - 2);
  return std::string(argument);
}

class Splitter {
 public:
  Splitter(std::string_view text, Dialect dialect, const std::string& file, int first_line)
      : text_(text), dialect_(dialect), file_(file), first_line_(first_line) {}

  SplitScript run() {
    size_t pos = 0;
    while (pos < text_.size()) pos = split_from(pos);
    return {std::move(statements_), std::move(defect_)};
  }

 private:
  // Where the statement being collected starts and ends (offsets in the tokenized text).
  struct Pending {
    std::optional<size_t> first;  // index of its first significant token
    size_t end = 0;               // end of its last significant character
  };

  // Splits text_[pos..] into statements; returns where to go on from. Each call tokenizes a
  // window, not the whole rest: restarts happen after every DELIMITER line and every `END$$`,
  // and re-tokenizing to the end each time made MySQL scripts quadratic (found by
  // benchmarks/split_benchmark.cc: 800 KB took 1.4 s). A window that holds no complete statement
  // is doubled, so a huge statement still costs linear time overall.
  size_t split_from(size_t pos) {
    for (size_t window = kWindow;; window *= 2) {
      bool whole = window >= text_.size() - pos;
      if (auto next = split_window(pos, text_.substr(pos, whole ? std::string_view::npos : window),
                                   whole))
        return *next;
    }
  }

  static constexpr size_t kWindow = 4 * 1024;

  // Splits `rest` (text_ from `pos`, possibly cut short unless `whole`) until its end, a DELIMITER
  // line, or a delimiter that ends inside a token. In a cut window the statement in progress at
  // the cut is not emitted: the next window starts at the last statement boundary, where the
  // lexer has no state to carry over. nullopt: not even one statement fits, use a larger window.
  std::optional<size_t> split_window(size_t pos, std::string_view rest, bool whole) {
    std::vector<Token> tokens = tokenize(rest, dialect_);
    int line_base = line_at(pos);
    std::string masked = delimiter_ == ";" ? std::string() : masked_copy(rest, tokens);
    CompoundBody body(dialect_);
    Pending pending;
    size_t boundary = 0;  // offset in `rest` just after the last statement emitted
    for (size_t i = 0; i < tokens.size(); ++i) {
      const Token& token = tokens[i];
      if (!pending.first && is_delimiter_command(pos, token))
        return apply_delimiter_command(pos, token, line_base);
      if (delimiter_ == ";") {
        if (is_terminator(token) && !body.open()) {
          emit(rest, tokens, pending, line_base);
          pending = {};
          boundary = token.offset + token.text.size();
          continue;
        }
      } else if (is_code(token)) {
        if (size_t at = find_delimiter(masked, token); at != std::string::npos) {
          if (at > token.offset) note_significant(pending, body, tokens, i, at);
          emit(rest, tokens, pending, line_base);
          pending = {};
          size_t resume = at + delimiter_.size();
          boundary = resume;
          while (i + 1 < tokens.size() && tokens[i + 1].offset < resume) ++i;
          if (tokens[i].offset + tokens[i].text.size() > resume) return pos + resume;
          continue;
        }
      }
      if (is_significant(token, dialect_))
        note_significant(pending, body, tokens, i, token.offset + token.text.size());
    }
    if (!whole) {
      if (boundary == 0) return std::nullopt;
      return pos + boundary;
    }
    note_unterminated(tokens, pending, body, line_base);
    emit(rest, tokens, pending, line_base);
    return text_.size();
  }

  // At the end of the text: the last token, the statement's body or the DELIMITER block still
  // open means the author's statements are not what the split shows.
  void note_unterminated(const std::vector<Token>& tokens, const Pending& pending,
                         const CompoundBody& body, int line_base) {
    if (!tokens.empty() && !tokens.back().unterminated.empty()) {
      const Token& token = tokens.back();
      defect_ = ScriptDefect{fmt::format("{} (it starts `{}`)", token.unterminated,
                                         excerpt(token.text)),
                             {file_, file_line(line_base, token)}};
      return;
    }
    if (!pending.first) return;
    const Token& first = tokens[*pending.first];
    // A last statement without the custom delimiter is run as the mysql client runs it, unless
    // it holds a `;`: then a body or several statements were glued into one by the missing end.
    if (delimiter_ != ";") {
      bool glued = false;
      for (size_t i = *pending.first; i < tokens.size(); ++i) glued = glued || is_terminator(tokens[i]);
      if (glued)
        defect_ = ScriptDefect{fmt::format("DELIMITER {0} block never ends: no {0} after the "
                                           "statement that starts `{1}`, so the rest of the file "
                                           "is one statement", delimiter_, excerpt(first.text)),
                               {file_, file_line(line_base, first)}};
    }
    else if (!body.unclosed().empty())
      defect_ = ScriptDefect{fmt::format("{} (in the statement that starts `{}`)", body.unclosed(),
                                         excerpt(first.text)),
                             {file_, file_line(line_base, first)}};
  }

  // The first line of a token's text, cut short: enough to find it, never the whole file.
  static std::string excerpt(std::string_view text) {
    text = text.substr(0, text.find('\n'));
    if (text.size() <= 40) return std::string(text);
    size_t cut = 40;  // on a UTF-8 boundary: reports are JSON
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "…";
  }

  int file_line(int line_base, const Token& token) const {
    return line_base + token.line - 1 + first_line_ - 1;
  }

  // Where the custom delimiter starts inside `token`, if it does (it may run on into the next
  // tokens: `$$` is two tokens in MySQL).
  size_t find_delimiter(const std::string& masked, const Token& token) const {
    for (size_t at = token.offset; at < token.offset + token.text.size(); ++at)
      if (masked.compare(at, delimiter_.size(), delimiter_) == 0) return at;
    return std::string::npos;
  }

  bool is_terminator(const Token& token) const {
    return token.kind == TokenKind::op && token.text == ";";
  }

  void note_significant(Pending& pending, CompoundBody& body, const std::vector<Token>& tokens,
                        size_t i, size_t end) {
    if (!pending.first) {
      pending.first = i;
      body.start(tokens, i);
    }
    body.feed(tokens, i);
    pending.end = end;
  }

  void emit(std::string_view rest, const std::vector<Token>& tokens, const Pending& pending,
            int line_base) {
    if (!pending.first) return;  // only blanks and comments
    const Token& first = tokens[*pending.first];
    std::string_view sql = trim(rest.substr(first.offset, pending.end - first.offset));
    statements_.push_back({std::string(sql), SourceLocation{file_, file_line(line_base, first)}});
  }

  // The length of the keyword that switches delimiters when `token` is one, else 0: a MySQL
  // client `DELIMITER xx` line, or DB2's CLP `--#SET TERMINATOR xx` comment.
  size_t delimiter_keyword(const Token& token) const {
    if (dialect_ == Dialect::mysql && is_word(token, "DELIMITER")) return token.text.size();
    constexpr std::string_view kDb2 = "--#SET TERMINATOR";
    if (dialect_ != Dialect::db2 || token.kind != TokenKind::comment ||
        token.text.size() <= kDb2.size())
      return 0;
    for (size_t i = 0; i < kDb2.size(); ++i)
      if (std::toupper(static_cast<unsigned char>(token.text[i])) != kDb2[i]) return 0;
    return kDb2.size();
  }

  // Such a keyword first on its line, between statements.
  bool is_delimiter_command(size_t pos, const Token& token) const {
    size_t keyword = delimiter_keyword(token);
    if (keyword == 0) return false;
    size_t start = pos + token.offset;
    for (size_t i = start; i > 0 && text_[i - 1] != '\n'; --i)
      if (!is_blank(text_[i - 1])) return false;
    size_t after = start + keyword;
    return after >= text_.size() || is_blank(text_[after]) || text_[after] == '\n';
  }

  // Switches to the new delimiter; returns the start of the next line.
  size_t apply_delimiter_command(size_t pos, const Token& token, int line_base) {
    size_t after = pos + token.offset + delimiter_keyword(token);
    size_t eol = text_.find('\n', after);
    if (eol == std::string_view::npos) eol = text_.size();
    std::string delimiter = delimiter_argument(text_.substr(after, eol - after));
    if (delimiter.empty())
      throw Error(fmt::format("{}:{}: DELIMITER must be followed by the new delimiter", file_,
                              line_base + token.line - 1 + first_line_ - 1));
    delimiter_ = std::move(delimiter);
    return eol == text_.size() ? eol : eol + 1;
  }

  // 1-based line of text_[pos]; positions only ever move forward.
  int line_at(size_t pos) {
    for (; counted_ < pos; ++counted_)
      if (text_[counted_] == '\n') ++line_;
    return line_;
  }

  std::string_view text_;
  Dialect dialect_;
  const std::string& file_;
  int first_line_;
  std::string delimiter_ = ";";
  std::vector<Statement> statements_;
  std::optional<ScriptDefect> defect_;
  size_t counted_ = 0;
  int line_ = 1;
};

}  // namespace

SplitScript split_script(std::string_view text, Dialect dialect, const std::string& file,
                         int first_line) {
  return Splitter(text, dialect, file, first_line).run();
}

std::vector<Statement> split_statements(std::string_view text, Dialect dialect,
                                        const std::string& file, int first_line) {
  SplitScript split = split_script(text, dialect, file, first_line);
  if (split.defect)
    throw Error(fmt::format("{}: {}", split.defect->where.str(), split.defect->message));
  return std::move(split.statements);
}

}  // namespace crucible::sql
