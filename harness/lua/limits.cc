#include "harness/lua/limits.h"

#include <cstdlib>

#include <fmt/format.h>

namespace crucible::lua {
namespace {

// Room over the cap once it was hit: enough to raise and report the error, not to keep going.
constexpr size_t kErrorReserve = 1 << 20;

}  // namespace

std::string describe_bytes(size_t bytes) {
  if (bytes >= (1u << 30) && bytes % (1u << 30) == 0) return fmt::format("{} GiB", bytes >> 30);
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return fmt::format("{} MiB", bytes >> 20);
  if (bytes >= (1u << 10) && bytes % (1u << 10) == 0) return fmt::format("{} KiB", bytes >> 10);
  return fmt::format("{} bytes", bytes);
}

SandboxLimits::SandboxLimits(long long instruction_budget, size_t memory_limit)
    : budget_(instruction_budget), memory_limit_(memory_limit) {}

void* SandboxLimits::allocate(void* ud, void* block, size_t old_size, size_t new_size) {
  auto& self = *static_cast<SandboxLimits*>(ud);
  if (!block) old_size = 0;  // Lua passes the type tag for a new block
  if (new_size == 0) {
    std::free(block);
    self.allocated_ -= old_size;
    return nullptr;
  }
  if (new_size > old_size && self.capped_) {
    size_t cap = self.out_of_memory_ ? self.memory_limit_ + kErrorReserve : self.memory_limit_;
    if (self.allocated_ - old_size + new_size > cap) {
      if (!self.out_of_memory_)
        self.set_exceeded(fmt::format("not enough memory (the Lua memory limit of {} per "
                                          "migration file was reached)",
                                          describe_bytes(self.memory_limit_)));
      self.out_of_memory_ = true;
      return nullptr;
    }
  }
  void* grown = std::realloc(block, new_size);
  if (grown) self.allocated_ = self.allocated_ - old_size + new_size;
  return grown;
}

void SandboxLimits::begin_call(const Deadline& deadline) {
  deadline_ = deadline;
  capped_ = true;
}

void SandboxLimits::end_call() { capped_ = false; }

bool SandboxLimits::charge(long long steps) {
  if (!exceeded_.empty()) return false;
  used_ += steps;
  if (used_ > budget_) {
    set_exceeded(fmt::format("instruction budget of {} exceeded (an endless loop?)", budget_));
    return false;
  }
  if (Clock::now() > deadline_.at) {
    set_exceeded(fmt::format("{} passed (an endless loop or a slow pattern?)", deadline_.what));
    return false;
  }
  return true;
}

void SandboxLimits::set_exceeded(std::string what) {
  if (exceeded_.empty()) exceeded_ = std::move(what);
}

void SandboxLimits::locate(const std::string& where) {
  if (located_ || exceeded_.empty() || where.empty()) return;
  exceeded_ = where + exceeded_;
  located_ = true;
}

}  // namespace crucible::lua
