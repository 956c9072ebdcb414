// The HTML report's style sheet and script, embedded in the page (no network, no CDN).
#pragma once

namespace crucible::reports {

extern const char* const kHtmlStyle;   // CSS
extern const char* const kHtmlScript;  // JS: the engine and status filters

}  // namespace crucible::reports
