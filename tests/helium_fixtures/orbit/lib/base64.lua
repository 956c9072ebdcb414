-- A small base64 in pure Lua 5.1 (LuaJIT's bit library for the shifts).
local bit = require("bit")
local band, bor, lshift, rshift = bit.band, bit.bor, bit.lshift, bit.rshift

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local encode_table = {}
for i = 1, #alphabet do encode_table[i - 1] = alphabet:sub(i, i) end

local M = {}

function M.encode(data)
  local out = {}
  for i = 1, #data, 3 do
    local a, b, c = data:byte(i, i + 2)
    local n = bor(lshift(a, 16), lshift(b or 0, 8), c or 0)
    out[#out + 1] = encode_table[rshift(n, 18)]
      .. encode_table[band(rshift(n, 12), 63)]
      .. (b and encode_table[band(rshift(n, 6), 63)] or "=")
      .. (c and encode_table[band(n, 63)] or "=")
  end
  return table.concat(out)
end

return M
