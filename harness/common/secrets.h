// Passwords never reach an output: every text Crucible prints or writes passes through
// redact_secrets().
//
// Two nets, because a secret can surface in any shape: every password Crucible knows (from the
// DSNs it was given or found in $CRUCIBLE_*_URL, and the per-run logins it creates) is replaced
// wherever it appears — also when a migration echoes it back in an error message or a Lua value —
// and anything shaped like a credential (`scheme://user:secret@`, `password=secret`,
// `Pwd=secret;`) is masked even when Crucible never saw the secret itself.
#pragma once

#include <string>
#include <string_view>

namespace crucible {

// Remembers `secret` for redaction (thread-safe). Secrets shorter than 4 characters, and a
// password equal to its own login name or to "crucible" (the public local default, which
// redacting would garble every scratch database name with), are masked only in credential-shaped
// text.
void register_secret(const std::string& secret, const std::string& login = "");

// Registers the passwords of every $CRUCIBLE_<ENGINE>_URL, used or not: a migration that reads
// one (os.getenv in Lua, a Helium ${…} macro) must not get it printed either.
void register_environment_secrets();

// `text` with every known secret and every credential-shaped secret replaced by "***".
std::string redact_secrets(std::string_view text);

}  // namespace crucible
