#include "harness/common/secrets.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <set>
#include <vector>

namespace crucible {
namespace {

constexpr std::size_t kShortestSecret = 4;

struct Secrets {
  std::mutex mutex;
  std::set<std::string> known;
};

Secrets& secrets() {
  static Secrets* all = new Secrets;  // never destroyed: redaction may run while exiting
  return *all;
}

bool ieq_prefix(std::string_view text, std::size_t at, std::string_view word) {
  if (at + word.size() > text.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[at + i])) != word[i]) return false;
  return true;
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// The end of a secret that starts at `from` in credential-shaped text: up to whitespace, a quote
// or one of `stops`.
std::size_t secret_end(std::string_view text, std::size_t from, std::string_view stops) {
  std::size_t end = from;
  while (end < text.size() && !is_space(text[end]) && text[end] != '"' && text[end] != '\'' &&
         stops.find(text[end]) == std::string_view::npos)
    ++end;
  return end;
}

// `scheme://user:secret@host` and `scheme:user:secret@host`: the secret runs from the colon after
// the user to the last '@' before the next whitespace (a password may itself hold '@').
void mask_url_passwords(std::string& text) {
  for (std::size_t scheme = text.find(':'); scheme != std::string::npos;
       scheme = text.find(':', scheme + 1)) {
    std::size_t user = scheme + 1;
    if (text.compare(user, 2, "//") == 0) user += 2;
    std::size_t end = user;
    while (end < text.size() && !is_space(text[end]) && text[end] != '"' && text[end] != '\'' &&
           text[end] != '<' && text[end] != '>')
      ++end;
    std::size_t at = text.rfind('@', end == 0 ? 0 : end - 1);
    if (at == std::string::npos || at < user) continue;
    std::size_t colon = text.find(':', user);
    std::size_t slash = text.find('/', user);
    if (colon == std::string::npos || colon >= at || (slash != std::string::npos && slash < colon))
      continue;
    if (colon == user) continue;  // no user name: not a credential
    if (text.compare(colon + 1, at - colon - 1, "***") == 0) continue;
    text.replace(colon + 1, at - colon - 1, "***");
  }
}

// `password=secret`, `pwd=secret;`, `PGPASSWORD=secret` (any case).
void mask_key_value_passwords(std::string& text) {
  static const std::vector<std::string_view> keys = {"password=", "passwd=", "pwd=",
                                                      "password: ", "password\":\""};
  for (std::size_t i = 0; i < text.size(); ++i)
    for (std::string_view key : keys) {
      if (!ieq_prefix(text, i, key)) continue;
      std::size_t from = i + key.size();
      bool braced = from < text.size() && text[from] == '{';  // ODBC: Pwd={a;b}
      std::size_t end = braced ? text.find('}', from) : secret_end(text, from, ";&,)");
      if (end == std::string::npos) end = text.size();
      if (braced && end < text.size()) ++end;
      if (end > from && text.compare(from, end - from, "***") != 0) text.replace(from, end - from, "***");
      break;
    }
}

}  // namespace

void register_secret(const std::string& secret, const std::string& login) {
  if (secret.size() < kShortestSecret || secret == login || secret == "crucible") return;
  Secrets& all = secrets();
  std::lock_guard lock(all.mutex);
  all.known.insert(secret);
}

void register_environment_secrets() {
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string_view variable(*entry);
    std::size_t eq = variable.find('=');
    if (eq == std::string_view::npos || !variable.starts_with("CRUCIBLE_") ||
        !variable.substr(0, eq).ends_with("_URL"))
      continue;
    std::string url(variable.substr(eq + 1));
    // user:password@ after the scheme; the last '@' ends the password (it may hold one).
    std::size_t start = url.find("://");
    start = start == std::string::npos ? url.find(':') : start + 2;
    std::size_t at = url.rfind('@');
    if (start == std::string::npos || at == std::string::npos || at <= start) continue;
    std::size_t colon = url.find(':', start + 1);
    if (colon == std::string::npos || colon > at) continue;
    register_secret(url.substr(colon + 1, at - colon - 1), url.substr(start + 1, colon - start - 1));
  }
}

std::string redact_secrets(std::string_view input) {
  std::string text(input);
  {
    Secrets& all = secrets();
    std::lock_guard lock(all.mutex);
    // Longest first, so that a secret containing another is masked whole.
    std::vector<std::string> known(all.known.begin(), all.known.end());
    std::sort(known.begin(), known.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const std::string& secret : known)
      for (std::size_t at = text.find(secret); at != std::string::npos;
           at = text.find(secret, at + 3))
        text.replace(at, secret.size(), "***");
  }
  mask_url_passwords(text);
  mask_key_value_passwords(text);
  return text;
}

}  // namespace crucible
