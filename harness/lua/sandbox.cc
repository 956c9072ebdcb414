#include "harness/lua/sandbox.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "harness/common/secrets.h"
#include "harness/common/source_file.h"
#include "harness/lua/patterns.h"

namespace crucible::lua {
namespace {

constexpr int kHookEvery = 1000;  // instructions between limit checks
const char kSandboxKey = 0;       // registry key: &kSandboxKey → Sandbox*

// Raises the sticky limit error, located at `where` if it has no position yet.
int raise_limit(lua_State* L, SandboxLimits& limits, const std::string& where) {
  limits.locate(where);
  const std::string& message = limits.exceeded();
  lua_pushlstring(L, message.data(), message.size());
  return lua_error(L);
}

void limits_hook(lua_State* L, lua_Debug* ar) {
  SandboxLimits& limits = sandbox_of(L).limits();
  if (limits.charge(kHookEvery)) return;
  lua_getinfo(L, "Sl", ar);
  raise_limit(L, limits, ar->currentline > 0 ? fmt::format("{}:{}: ", ar->short_src, ar->currentline)
                                              : fmt::format("{}: ", ar->short_src));
}

// check(...): its arguments, unless a limit was exceeded — then that error again. pcall, xpcall
// and coroutine.resume pass their results through it, so none of them can swallow a limit.
int pass_unless_exceeded(lua_State* L) {
  SandboxLimits& limits = sandbox_of(L).limits();
  if (!limits.exceeded().empty()) return raise_limit(L, limits, where_in_migration(L));
  return lua_gettop(L);
}

// Lua-level wrappers keep pcall and coroutine.resume yieldable (LuaJIT resumes through its own
// pcall, not through a C function's lua_pcall).
constexpr char kGuards[] = R"lua(
local check, pcall, xpcall, resume, collect = ...
_G.pcall = function(...) return check(pcall(...)) end
_G.xpcall = function(...) return check(xpcall(...)) end
coroutine.resume = function(...) return check(resume(...)) end
-- "stop" would let garbage pile up to the memory limit; the tuning options have no business here.
local allowed = { collect = true, count = true, step = true }
_G.collectgarbage = function(option, ...)
  if option == nil or allowed[option] then return collect(option, ...) end
  return 0
end
)lua";

bool is_binary(const std::string& chunk) { return !chunk.empty() && chunk[0] == '\033'; }

// load(chunk [, name [, mode [, env]]]) and loadstring(s [, name]): text chunks only.
int safe_load(lua_State* L) {
  std::string chunk;
  if (lua_type(L, 1) == LUA_TFUNCTION) {
    for (;;) {
      lua_pushvalue(L, 1);
      lua_call(L, 0, 1);
      if (lua_isnil(L, -1) || (lua_isstring(L, -1) && lua_objlen(L, -1) == 0)) {
        lua_pop(L, 1);
        break;
      }
      if (!lua_isstring(L, -1)) return luaL_error(L, "load: reader function must return a string");
      size_t size = 0;
      const char* piece = lua_tolstring(L, -1, &size);
      // The chunk is C++ memory, outside the Lua memory limit: hold it to the same cap.
      if (chunk.size() + size > sandbox_of(L).options().memory_limit)
        return luaL_error(L, "load: the chunk is larger than the Lua memory limit");
      chunk.append(piece, size);
      lua_pop(L, 1);
    }
  } else {
    size_t size = 0;
    const char* text = luaL_checklstring(L, 1, &size);
    chunk.assign(text, size);
  }
  if (is_binary(chunk)) {
    lua_pushnil(L);
    lua_pushstring(L, "binary chunks are not allowed in Crucible's sandbox");
    return 2;
  }
  const char* name = luaL_optstring(L, 2, "=(load)");
  if (luaL_loadbuffer(L, chunk.data(), chunk.size(), name) != 0) {
    lua_pushnil(L);
    lua_insert(L, -2);
    return 2;
  }
  if (lua_gettop(L) >= 5 && !lua_isnil(L, 4) && lua_istable(L, 4)) {  // env (Lua 5.2 style)
    lua_pushvalue(L, 4);
    lua_setfenv(L, -2);
  }
  return 1;
}

// Crucible's own credentials ($CRUCIBLE_POSTGRES_URL, …) and the client libraries' password
// variables: a migration has no business reading them.
bool is_credential_variable(const std::string& name) {
  return (name.starts_with("CRUCIBLE_") && name.ends_with("_URL")) || name == "PGPASSWORD" ||
         name == "PGPASSFILE" || name == "MYSQL_PWD";
}

// os.getenv(name): --define values first, then the real environment but for credentials.
int sandbox_getenv(lua_State* L) {
  const char* name = luaL_checkstring(L, 1);
  const auto& defines = sandbox_of(L).options().defines;
  if (auto it = defines.find(name); it != defines.end()) {
    lua_pushlstring(L, it->second.data(), it->second.size());
  } else if (is_credential_variable(name)) {
    lua_pushnil(L);
  } else if (const char* value = std::getenv(name)) {
    lua_pushstring(L, value);
  } else {
    lua_pushnil(L);
  }
  return 1;
}

// Module names as Lua's package.path "./?.lua;./?/init.lua" sees them: dots separate folders.
// Each part is a plain name (letters, digits, `_`, `-`), so nothing can climb out of the folder.
bool valid_module_name(const std::string& name) {
  if (name.empty() || name.front() == '.' || name.back() == '.') return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '.' && name[i + 1] == '.') return false;
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
      return false;
  }
  return true;
}

// "lib.base64" → {"lib/base64.lua", "lib/base64/init.lua"}
std::vector<std::string> module_files(std::string name) {
  std::replace(name.begin(), name.end(), '.', '/');
  return {name + ".lua", name + "/init.lua"};
}

// A module or migration file; nullopt when there is none. Throws crucible::Error for a file that
// must not be read (a FIFO, a link to /dev/zero, a huge file).
std::optional<std::string> read_file(const std::string& path) {
  return read_source_file_if_exists(path);
}

// require(name): package.loaded, then package.preload, then name.lua in the module folders.
int sandbox_require(lua_State* L) {
  std::string name = luaL_checkstring(L, 1);
  lua_getglobal(L, "package");
  int package = lua_gettop(L);
  lua_getfield(L, package, "loaded");
  lua_getfield(L, -1, name.c_str());
  if (!lua_isnil(L, -1)) return 1;
  lua_pop(L, 1);
  int loaded = lua_gettop(L);

  lua_getfield(L, package, "preload");
  lua_getfield(L, -1, name.c_str());
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    std::optional<std::string> source;
    std::string file;
    std::string unreadable;
    try {
      if (valid_module_name(name))
        for (const std::string& dir : sandbox_of(L).options().module_dirs)
          for (const std::string& candidate : module_files(name))
            if (!source && (source = read_file(dir + "/" + candidate))) file = candidate;
    } catch (const Error& e) {
      unreadable = e.what();
    }
    if (!unreadable.empty()) return luaL_error(L, "require '%s': %s", name.c_str(), unreadable.c_str());
    if (!source)
      return luaL_error(L, "module '%s' is not available in Crucible's sandbox (only Crucible's "
                        "own modules and .lua files next to the migrations can be required)",
                        name.c_str());
    if (is_binary(*source)) return luaL_error(L, "%s: binary chunks are not allowed", file.c_str());
    if (luaL_loadbuffer(L, source->data(), source->size(), ("@" + file).c_str()) != 0)
      return lua_error(L);
  }
  lua_pushstring(L, name.c_str());
  lua_call(L, 1, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
  }
  lua_pushvalue(L, -1);
  lua_setfield(L, loaded, name.c_str());
  return 1;
}

// A migration may print; it may not flood the CI log.
constexpr size_t kMaxPrintLine = 64 << 10;

// print(...) goes to stderr: stdout belongs to Crucible's report. A design's database.lua may
// print progress the way it would on the server.
int sandbox_print(lua_State* L) {
  std::string line = "lua:";
  for (int i = 1, n = lua_gettop(L); i <= n; ++i) {
    line += i == 1 ? " " : "\t";
    lua_getglobal(L, "tostring");
    lua_pushvalue(L, i);
    lua_call(L, 1, 1);
    const char* text = lua_tostring(L, -1);
    line += text ? text : "?";
    lua_pop(L, 1);
    if (line.size() > kMaxPrintLine) break;
  }
  if (line.size() > kMaxPrintLine) line = line.substr(0, kMaxPrintLine) + "… (cut at 64 KiB)";
  std::fprintf(stderr, "%s\n", redact_secrets(line).c_str());
  return 0;
}

void open(lua_State* L, const char* name, lua_CFunction function) {
  lua_pushcfunction(L, function);
  lua_pushstring(L, name);
  lua_call(L, 1, 0);
}

}  // namespace

std::string where_in_migration(lua_State* L) {
  lua_Debug ar;
  for (int level = 1; level < 20 && lua_getstack(L, level, &ar); ++level) {
    if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0) continue;
    if (std::string_view(ar.source) == "=crucible") continue;
    return fmt::format("{}:{}: ", ar.short_src, ar.currentline);
  }
  return "";
}

Sandbox& sandbox_of(lua_State* L) {
  lua_pushlightuserdata(L, const_cast<char*>(&kSandboxKey));
  lua_rawget(L, LUA_REGISTRYINDEX);
  auto* sandbox = static_cast<Sandbox*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  return *sandbox;
}

Sandbox::Sandbox(SandboxOptions options)
    : options_(std::move(options)),
      limits_(options_.instruction_budget, options_.memory_limit),
      L_(lua_newstate(SandboxLimits::allocate, &limits_)) {
  if (!L_) throw Error("lua: cannot create a LuaJIT state (out of memory)");
  luaJIT_setmode(L_, 0, LUAJIT_MODE_ENGINE | LUAJIT_MODE_OFF);  // count hooks skip JIT code
  lua_pushlightuserdata(L_, const_cast<char*>(&kSandboxKey));
  lua_pushlightuserdata(L_, this);
  lua_rawset(L_, LUA_REGISTRYINDEX);
  open_libraries();
  install_require();
  install_guards();
  // LuaJIT keeps one hook for the whole state: coroutines are counted as well.
  lua_sethook(L_, limits_hook, LUA_MASKCOUNT, kHookEvery);
}

Sandbox::~Sandbox() { lua_close(L_); }

void Sandbox::open_libraries() {
  open(L_, "", luaopen_base);
  open(L_, LUA_TABLIBNAME, luaopen_table);
  open(L_, LUA_STRLIBNAME, luaopen_string);
  open(L_, LUA_MATHLIBNAME, luaopen_math);
  open(L_, LUA_BITLIBNAME, luaopen_bit);
  open(L_, LUA_OSLIBNAME, luaopen_os);
  // os: keep only what cannot touch the machine.
  lua_getglobal(L_, "os");
  lua_newtable(L_);
  for (const char* keep : {"time", "clock", "date", "difftime"}) {
    lua_getfield(L_, -2, keep);
    lua_setfield(L_, -2, keep);
  }
  lua_pushcfunction(L_, sandbox_getenv);
  lua_setfield(L_, -2, "getenv");
  lua_setglobal(L_, "os");
  lua_pop(L_, 1);
  for (const char* removed : {"dofile", "loadfile", "module", "newproxy"}) {
    lua_pushnil(L_);
    lua_setglobal(L_, removed);
  }
  lua_pushcfunction(L_, sandbox_print);
  lua_setglobal(L_, "print");
  // Lua 5.2+ spellings a database.lua written for PUC Lua may use; LuaJIT has them only with
  // its 5.2 compatibility switch.
  luaL_dostring(L_, "table.unpack = table.unpack or unpack\n"
                    "table.pack = table.pack or function(...) "
                    "return { n = select('#', ...), ... } end");
  lua_pushcfunction(L_, safe_load);
  lua_setglobal(L_, "load");
  lua_pushcfunction(L_, safe_load);
  lua_setglobal(L_, "loadstring");
  lua_getglobal(L_, "string");
  lua_pushnil(L_);
  lua_setfield(L_, -2, "dump");
  lua_pop(L_, 1);
}

void Sandbox::install_guards() {
  install_bounded_patterns(L_, limits_);
  if (luaL_loadbuffer(L_, kGuards, sizeof kGuards - 1, "=crucible") != 0)
    throw Error(fmt::format("lua: sandbox guards: {}", lua_tostring(L_, -1)));
  lua_pushcfunction(L_, pass_unless_exceeded);
  lua_getglobal(L_, "pcall");
  lua_getglobal(L_, "xpcall");
  lua_getglobal(L_, "coroutine");
  lua_getfield(L_, -1, "resume");
  lua_remove(L_, -2);
  lua_getglobal(L_, "collectgarbage");
  if (lua_pcall(L_, 5, 0, 0) != 0) throw Error(fmt::format("lua: sandbox guards: {}", lua_tostring(L_, -1)));
}

void Sandbox::install_require() {
  lua_newtable(L_);  // package
  lua_newtable(L_);
  lua_setfield(L_, -2, "loaded");
  lua_newtable(L_);
  lua_setfield(L_, -2, "preload");
  lua_pushstring(L_, "");
  lua_setfield(L_, -2, "path");
  lua_pushstring(L_, "");
  lua_setfield(L_, -2, "cpath");
  // Standard libraries are "loaded" so that require("string") works as in plain Lua.
  lua_getfield(L_, -1, "loaded");
  for (const char* lib : {"string", "table", "math", "bit", "os"}) {
    lua_getglobal(L_, lib);
    lua_setfield(L_, -2, lib);
  }
  lua_pop(L_, 1);
  lua_setglobal(L_, "package");
  lua_pushcfunction(L_, sandbox_require);
  lua_setglobal(L_, "require");
}

void Sandbox::preload(const std::string& name, lua_CFunction open) {
  lua_getglobal(L_, "package");
  lua_getfield(L_, -1, "preload");
  lua_pushcfunction(L_, open);
  lua_setfield(L_, -2, name.c_str());
  lua_pop(L_, 2);
}

void Sandbox::preload_source(const std::string& name, const std::string& source) {
  if (luaL_loadbuffer(L_, source.data(), source.size(), ("@" + name + ".lua").c_str()) != 0) {
    std::string message = lua_tostring(L_, -1);
    lua_pop(L_, 1);
    throw LuaError(fmt::format("lua: built-in module {}: {}", name, message));
  }
  lua_getglobal(L_, "package");
  lua_getfield(L_, -1, "preload");
  lua_pushvalue(L_, -3);
  lua_setfield(L_, -2, name.c_str());
  lua_pop(L_, 3);
}

int Sandbox::run_file(const std::string& path, const std::string& display) {
  std::optional<std::string> source = read_file(path);
  if (!source) throw Error(fmt::format("{}: cannot read the file", display));
  return run_string(*source, display);
}

int Sandbox::run_string(const std::string& source, const std::string& display) {
  display_ = display;
  int base = lua_gettop(L_);
  if (is_binary(source)) throw LuaError(fmt::format("{}: binary Lua chunks are not allowed", display));
  if (luaL_loadbuffer(L_, source.data(), source.size(), ("@" + display).c_str()) != 0) {
    std::string message = lua_tostring(L_, -1);
    lua_pop(L_, 1);
    throw LuaError(message);
  }
  call(0, LUA_MULTRET);
  return lua_gettop(L_) - base;
}

void Sandbox::call(int nargs, int nresults) {
  call_until(nargs, nresults,
             Deadline{Clock::now() + options_.time_limit,
                      fmt::format("the Lua time limit of {}", describe_duration(options_.time_limit))});
}

void Sandbox::call_until(int nargs, int nresults, const std::optional<Deadline>& deadline) {
  limits_.begin_call(deadline.value_or(Deadline{Clock::time_point::max(), "no deadline"}));
  int status = lua_pcall(L_, nargs, nresults, 0);
  limits_.end_call();
  if (status == 0 && limits_.exceeded().empty()) return;
  std::string message;
  if (!limits_.exceeded().empty()) message = limits_.exceeded();
  else if (lua_isstring(L_, -1)) message = lua_tostring(L_, -1);
  else message = fmt::format("(a Lua error of type {})", luaL_typename(L_, -1));
  if (status != 0) lua_pop(L_, 1);
  // "stack overflow", "not enough memory" and errors raised without a position name the file.
  if (!display_.empty() && message.rfind(display_ + ":", 0) != 0) message = display_ + ": " + message;
  throw LuaError(message);
}

}  // namespace crucible::lua
