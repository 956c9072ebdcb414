#include "harness/lua/patterns.h"

#include "harness/lua/sandbox.h"

#include <cctype>
#include <cstring>

namespace crucible::lua {
namespace {

constexpr char kEscape = '%';
constexpr char kSpecials[] = "^$*+?.([%-";
constexpr int kMaxCaptures = 32;
constexpr int kCapUnfinished = -1;
constexpr int kCapPosition = -2;
constexpr int kMaxDepth = 200;       // recursion of match(): Lua 5.1's MAXCCALLS
constexpr long long kChargeEvery = 4096;

struct MatchState {
  const char* src_init;
  const char* src_end;
  lua_State* L;
  SandboxLimits* limits;
  long long steps;
  int depth;
  int level;
  struct {
    const char* init;
    ptrdiff_t len;
  } capture[kMaxCaptures];
};

// One step of the matcher; every kChargeEvery of them go to the budget and the clock.
void step(MatchState* ms) {
  if (++ms->steps < kChargeEvery) return;
  bool within = ms->limits->charge(ms->steps);
  ms->steps = 0;
  if (within) return;
  ms->limits->locate(where_in_migration(ms->L));
  luaL_error(ms->L, "%s", ms->limits->exceeded().c_str());
}

int check_capture(MatchState* ms, int l) {
  l -= '1';
  if (l < 0 || l >= ms->level || ms->capture[l].len == kCapUnfinished)
    return luaL_error(ms->L, "invalid capture index");
  return l;
}

int capture_to_close(MatchState* ms) {
  int level = ms->level;
  for (level--; level >= 0; level--)
    if (ms->capture[level].len == kCapUnfinished) return level;
  return luaL_error(ms->L, "invalid pattern capture");
}

const char* class_end(MatchState* ms, const char* p) {
  switch (*p++) {
    case kEscape:
      if (*p == '\0') luaL_error(ms->L, "malformed pattern (ends with '%%')");
      return p + 1;
    case '[':
      if (*p == '^') p++;
      do {
        if (*p == '\0') luaL_error(ms->L, "malformed pattern (missing ']')");
        if (*(p++) == kEscape && *p != '\0') p++;
      } while (*p != ']');
      return p + 1;
    default:
      return p;
  }
}

bool single_class(int c, int cl) {
  bool res;
  switch (std::tolower(cl)) {
    case 'a': res = std::isalpha(c); break;
    case 'c': res = std::iscntrl(c); break;
    case 'd': res = std::isdigit(c); break;
    case 'l': res = std::islower(c); break;
    case 'p': res = std::ispunct(c); break;
    case 's': res = std::isspace(c); break;
    case 'u': res = std::isupper(c); break;
    case 'w': res = std::isalnum(c); break;
    case 'x': res = std::isxdigit(c); break;
    case 'z': res = (c == 0); break;
    default: return cl == c;
  }
  return std::islower(cl) ? res : !res;
}

bool class_matches(int c, const char* p, const char* ec) {
  bool sig = true;
  if (*(p + 1) == '^') {
    sig = false;
    p++;
  }
  while (++p < ec) {
    if (*p == kEscape) {
      p++;
      if (single_class(c, static_cast<unsigned char>(*p))) return sig;
    } else if (*(p + 1) == '-' && (p + 2 < ec)) {
      p += 2;
      if (static_cast<unsigned char>(*(p - 2)) <= c && c <= static_cast<unsigned char>(*p))
        return sig;
    } else if (static_cast<unsigned char>(*p) == c) {
      return sig;
    }
  }
  return !sig;
}

bool single_match(int c, const char* p, const char* ep) {
  switch (*p) {
    case '.': return true;
    case kEscape: return single_class(c, static_cast<unsigned char>(*(p + 1)));
    case '[': return class_matches(c, p, ep - 1);
    default: return static_cast<unsigned char>(*p) == c;
  }
}

const char* match(MatchState* ms, const char* s, const char* p);

const char* match_balance(MatchState* ms, const char* s, const char* p) {
  if (*p == 0 || *(p + 1) == 0) luaL_error(ms->L, "unbalanced pattern");
  if (*s != *p) return nullptr;
  int b = *p, e = *(p + 1), cont = 1;
  while (++s < ms->src_end) {
    step(ms);
    if (*s == e) {
      if (--cont == 0) return s + 1;
    } else if (*s == b) {
      cont++;
    }
  }
  return nullptr;
}

const char* max_expand(MatchState* ms, const char* s, const char* p, const char* ep) {
  ptrdiff_t i = 0;
  while ((s + i) < ms->src_end && single_match(static_cast<unsigned char>(*(s + i)), p, ep)) {
    step(ms);
    i++;
  }
  while (i >= 0) {
    const char* res = match(ms, (s + i), ep + 1);
    if (res) return res;
    i--;
  }
  return nullptr;
}

const char* min_expand(MatchState* ms, const char* s, const char* p, const char* ep) {
  for (;;) {
    const char* res = match(ms, s, ep + 1);
    if (res != nullptr) return res;
    if (s < ms->src_end && single_match(static_cast<unsigned char>(*s), p, ep)) s++;
    else return nullptr;
  }
}

const char* start_capture(MatchState* ms, const char* s, const char* p, int what) {
  int level = ms->level;
  if (level >= kMaxCaptures) luaL_error(ms->L, "too many captures");
  ms->capture[level].init = s;
  ms->capture[level].len = what;
  ms->level = level + 1;
  const char* res = match(ms, s, p);
  if (res == nullptr) ms->level--;
  return res;
}

const char* end_capture(MatchState* ms, const char* s, const char* p) {
  int l = capture_to_close(ms);
  ms->capture[l].len = s - ms->capture[l].init;
  const char* res = match(ms, s, p);
  if (res == nullptr) ms->capture[l].len = kCapUnfinished;
  return res;
}

const char* match_capture(MatchState* ms, const char* s, int l) {
  l = check_capture(ms, l);
  size_t len = ms->capture[l].len;
  if (static_cast<size_t>(ms->src_end - s) >= len && std::memcmp(ms->capture[l].init, s, len) == 0)
    return s + len;
  return nullptr;
}

// Lua 5.1.5's do_match, with a step per call and per loop round.
const char* match_here(MatchState* ms, const char* s, const char* p) {
init:
  step(ms);
  switch (*p) {
    case '(':
      if (*(p + 1) == ')') return start_capture(ms, s, p + 2, kCapPosition);
      return start_capture(ms, s, p + 1, kCapUnfinished);
    case ')':
      return end_capture(ms, s, p + 1);
    case kEscape:
      switch (*(p + 1)) {
        case 'b':
          s = match_balance(ms, s, p + 2);
          if (s == nullptr) return nullptr;
          p += 4;
          goto init;
        case 'f': {
          p += 2;
          if (*p != '[') luaL_error(ms->L, "missing '[' after '%%f' in pattern");
          const char* ep = class_end(ms, p);
          int previous = (s == ms->src_init) ? '\0' : static_cast<unsigned char>(*(s - 1));
          int current = (s < ms->src_end) ? static_cast<unsigned char>(*s) : '\0';
          if (class_matches(previous, p, ep - 1) || !class_matches(current, p, ep - 1))
            return nullptr;
          p = ep;
          goto init;
        }
        default:
          if (std::isdigit(static_cast<unsigned char>(*(p + 1)))) {
            s = match_capture(ms, s, static_cast<unsigned char>(*(p + 1)));
            if (s == nullptr) return nullptr;
            p += 2;
            goto init;
          }
          goto dflt;
      }
    case '\0':
      return s;
    case '$':
      if (*(p + 1) == '\0') return (s == ms->src_end) ? s : nullptr;
      goto dflt;
    default:
    dflt: {
      const char* ep = class_end(ms, p);
      bool m = s < ms->src_end && single_match(static_cast<unsigned char>(*s), p, ep);
      switch (*ep) {
        case '?': {
          const char* res;
          if (m && ((res = match(ms, s + 1, ep + 1)) != nullptr)) return res;
          p = ep + 1;
          goto init;
        }
        case '*':
          return max_expand(ms, s, p, ep);
        case '+':
          return m ? max_expand(ms, s + 1, p, ep) : nullptr;
        case '-':
          return min_expand(ms, s, p, ep);
        default:
          if (!m) return nullptr;
          s++;
          p = ep;
          goto init;
      }
    }
  }
}

const char* match(MatchState* ms, const char* s, const char* p) {
  if (++ms->depth > kMaxDepth) luaL_error(ms->L, "pattern too complex");
  const char* res = match_here(ms, s, p);
  ms->depth--;
  return res;
}

void push_onecapture(MatchState* ms, int i, const char* s, const char* e) {
  if (i >= ms->level) {
    if (i == 0) lua_pushlstring(ms->L, s, e - s);  // the whole match
    else luaL_error(ms->L, "invalid capture index");
  } else {
    ptrdiff_t l = ms->capture[i].len;
    if (l == kCapUnfinished) luaL_error(ms->L, "unfinished capture");
    if (l == kCapPosition) lua_pushinteger(ms->L, ms->capture[i].init - ms->src_init + 1);
    else lua_pushlstring(ms->L, ms->capture[i].init, l);
  }
}

int push_captures(MatchState* ms, const char* s, const char* e) {
  int nlevels = (ms->level == 0 && s) ? 1 : ms->level;
  luaL_checkstack(ms->L, nlevels, "too many captures");
  for (int i = 0; i < nlevels; i++) push_onecapture(ms, i, s, e);
  return nlevels;
}

SandboxLimits& limits_of(lua_State* L) {
  return *static_cast<SandboxLimits*>(lua_touserdata(L, lua_upvalueindex(1)));
}

void init_state(MatchState& ms, lua_State* L, SandboxLimits& limits, const char* s, size_t ls) {
  ms.src_init = s;
  ms.src_end = s + ls;
  ms.L = L;
  ms.limits = &limits;
  ms.steps = 0;
  ms.depth = 0;
  ms.level = 0;
}

ptrdiff_t start_index(ptrdiff_t pos, size_t len) {
  if (pos < 0) pos += static_cast<ptrdiff_t>(len) + 1;
  return pos >= 0 ? pos : 0;
}

// Plain search, charged by the bytes it may compare.
const char* find_plain(MatchState* ms, const char* s1, size_t l1, const char* s2, size_t l2) {
  if (l2 == 0) return s1;
  if (l2 > l1) return nullptr;
  for (const char* end = s1 + (l1 - l2); s1 <= end; s1++) {
    s1 = static_cast<const char*>(std::memchr(s1, *s2, end - s1 + 1));
    if (!s1) return nullptr;
    for (size_t k = 0; k < l2; k += 64) step(ms);
    if (std::memcmp(s1, s2, l2) == 0) return s1;
  }
  return nullptr;
}

int find_aux(lua_State* L, bool find) {
  size_t l1, l2;
  const char* s = luaL_checklstring(L, 1, &l1);
  const char* p = luaL_checklstring(L, 2, &l2);
  ptrdiff_t init = start_index(luaL_optinteger(L, 3, 1), l1) - 1;
  if (init < 0) init = 0;
  if (static_cast<size_t>(init) > l1) {
    lua_pushnil(L);
    return 1;
  }
  MatchState ms;
  init_state(ms, L, limits_of(L), s, l1);
  if (find && (lua_toboolean(L, 4) || std::strpbrk(p, kSpecials) == nullptr)) {
    const char* s2 = find_plain(&ms, s + init, l1 - init, p, l2);
    if (!s2) {
      lua_pushnil(L);
      return 1;
    }
    lua_pushinteger(L, s2 - s + 1);
    lua_pushinteger(L, s2 - s + l2);
    return 2;
  }
  bool anchor = (*p == '^') && (p++, true);
  const char* s1 = s + init;
  do {
    ms.level = 0;
    ms.depth = 0;
    if (const char* e = match(&ms, s1, p)) {
      if (find) {
        lua_pushinteger(L, s1 - s + 1);
        lua_pushinteger(L, e - s);
        return push_captures(&ms, nullptr, nullptr) + 2;
      }
      return push_captures(&ms, s1, e);
    }
  } while (s1++ < ms.src_end && !anchor);
  lua_pushnil(L);
  return 1;
}

int str_find(lua_State* L) { return find_aux(L, true); }
int str_match(lua_State* L) { return find_aux(L, false); }

// gmatch's iterator: upvalues limits, subject, pattern, position.
int gmatch_aux(lua_State* L) {
  size_t ls;
  const char* s = lua_tolstring(L, lua_upvalueindex(2), &ls);
  const char* p = lua_tostring(L, lua_upvalueindex(3));
  MatchState ms;
  init_state(ms, L, limits_of(L), s, ls);
  for (const char* src = s + static_cast<size_t>(lua_tointeger(L, lua_upvalueindex(4)));
       src <= ms.src_end; src++) {
    ms.level = 0;
    ms.depth = 0;
    if (const char* e = match(&ms, src, p)) {
      lua_Integer newstart = e - s;
      if (e == src) newstart++;  // empty match: go at least one position
      lua_pushinteger(L, newstart);
      lua_replace(L, lua_upvalueindex(4));
      return push_captures(&ms, src, e);
    }
  }
  return 0;
}

int str_gmatch(lua_State* L) {
  luaL_checkstring(L, 1);
  luaL_checkstring(L, 2);
  lua_settop(L, 2);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_pushinteger(L, 0);
  lua_pushcclosure(L, gmatch_aux, 4);
  return 1;
}

void add_s(MatchState* ms, luaL_Buffer* b, const char* s, const char* e) {
  size_t l;
  const char* news = lua_tolstring(ms->L, 3, &l);
  for (size_t i = 0; i < l; i++) {
    step(ms);
    if (news[i] != kEscape) {
      luaL_addchar(b, news[i]);
    } else {
      i++;
      if (!std::isdigit(static_cast<unsigned char>(news[i]))) {
        luaL_addchar(b, news[i]);
      } else if (news[i] == '0') {
        luaL_addlstring(b, s, e - s);
      } else {
        push_onecapture(ms, news[i] - '1', s, e);
        luaL_addvalue(b);
      }
    }
  }
}

void add_value(MatchState* ms, luaL_Buffer* b, const char* s, const char* e) {
  lua_State* L = ms->L;
  switch (lua_type(L, 3)) {
    case LUA_TNUMBER:
    case LUA_TSTRING:
      add_s(ms, b, s, e);
      return;
    case LUA_TFUNCTION: {
      lua_pushvalue(L, 3);
      int n = push_captures(ms, s, e);
      lua_call(L, n, 1);
      break;
    }
    case LUA_TTABLE:
      push_onecapture(ms, 0, s, e);
      lua_gettable(L, 3);
      break;
  }
  if (!lua_toboolean(L, -1)) {
    lua_pop(L, 1);
    lua_pushlstring(L, s, e - s);
  } else if (!lua_isstring(L, -1)) {
    luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
  }
  luaL_addvalue(b);
}

int str_gsub(lua_State* L) {
  size_t srcl;
  const char* src = luaL_checklstring(L, 1, &srcl);
  const char* p = luaL_checkstring(L, 2);
  int tr = lua_type(L, 3);
  int max_s = static_cast<int>(luaL_optinteger(L, 4, static_cast<lua_Integer>(srcl) + 1));
  luaL_argcheck(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION || tr == LUA_TTABLE,
                3, "string/function/table expected");
  bool anchor = (*p == '^') && (p++, true);
  int n = 0;
  MatchState ms;
  init_state(ms, L, limits_of(L), src, srcl);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  while (n < max_s) {
    ms.level = 0;
    ms.depth = 0;
    const char* e = match(&ms, src, p);
    if (e) {
      n++;
      add_value(&ms, &b, src, e);
    }
    if (e && e > src) {
      src = e;
    } else if (src < ms.src_end) {
      step(&ms);
      luaL_addchar(&b, *src++);
    } else {
      break;
    }
    if (anchor) break;
  }
  luaL_addlstring(&b, src, ms.src_end - src);
  luaL_pushresult(&b);
  lua_pushinteger(L, n);
  return 2;
}

}  // namespace

void install_bounded_patterns(lua_State* L, SandboxLimits& limits) {
  lua_getglobal(L, "string");
  static const luaL_Reg functions[] = {
      {"find", str_find}, {"match", str_match}, {"gmatch", str_gmatch}, {"gsub", str_gsub}};
  for (const luaL_Reg& function : functions) {
    lua_pushlightuserdata(L, &limits);
    lua_pushcclosure(L, function.func, 1);
    lua_setfield(L, -2, function.name);
  }
  lua_pop(L, 1);
}

}  // namespace crucible::lua
