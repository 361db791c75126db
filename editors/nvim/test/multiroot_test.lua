-- Headless test of two workspace folders in one Neovim and one server: two
-- note folders, a/ and b/, whose sourcecheck.toml read one sources folder,
-- shared/; b's sets contradicted = "error". Driven by test/multiroot.sh;
-- reads SOURCECHECK_BIN, SOURCECHECK_TOP (the folder holding a/, b/,
-- shared/), SOURCECHECK_MODE ('setup': require('sourcecheck').setup{};
-- 'config': vim.lsp.enable, Neovim 0.11+) and SOURCECHECK_TIMEOUT (seconds
-- per step, default 60).
local h = dofile(vim.fs.dirname(debug.getinfo(1, 'S').source:sub(2)) .. '/harness.lua')
local check = h.check

local FIGURE = 'more than 5,000 militants'
local bin = os.getenv('SOURCECHECK_BIN')
local top = os.getenv('SOURCECHECK_TOP')
local mode = os.getenv('SOURCECHECK_MODE') or 'setup'
local timeout_ms = (tonumber(os.getenv('SOURCECHECK_TIMEOUT') or '') or 60) * 1000
local label = 'nvim multi-root (' .. mode .. ')'

-- The note's contradicted diagnostic on FIGURE, once the server sent it.
local function contradicted(buf)
  local line = vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1] or ''
  local col = line:find(FIGURE, 1, true)
  local found
  vim.wait(timeout_ms, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == 'contradicted' then
        found = d
        return true
      end
    end
    return false
  end, 50)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    h.out(string.format('  %s %d:%d-%d:%d severity %d %s', vim.fs.basename(vim.fs.dirname(vim.api.nvim_buf_get_name(buf))),
      d.lnum, d.col, d.end_lnum, d.end_col, d.severity, d.message))
  end
  return found, col and col - 1
end

local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  vim.wait(timeout_ms, function()
    return #h.get_clients(buf) > 0
  end, 50)
  return buf
end

local function run()
  h.out('neovim ' .. tostring(vim.version()) .. ', mode ' .. mode .. ', server ' .. tostring(bin))
  if mode == 'setup' then
    check(require('sourcecheck').setup({ path = bin }) == true, "require('sourcecheck').setup{}")
  else
    vim.lsp.config('sourcecheck', { cmd = { bin, 'lsp' } })
    vim.lsp.enable('sourcecheck')
  end

  -- a/notes.md starts the server with a/ as its first folder (root marker sourcecheck.toml)
  local a = open(top .. '/a/notes.md')
  check(#h.get_clients(a) == 1, 'a sourcecheck client attached to a/notes.md')
  local da = contradicted(a)
  check(da ~= nil and da.severity == vim.diagnostic.severity.WARN,
    "a/notes.md: the contradiction is a Warning (a's sourcecheck.toml)", vim.inspect(da))

  -- b/ added as a second folder of the same server, as the README says
  vim.lsp.buf.add_workspace_folder(top .. '/b')
  local b = open(top .. '/b/notes.md')
  local clients = h.get_clients(nil)
  check(#clients == 1 and #h.get_clients(b) == 1 and clients[1].id == h.get_clients(b)[1].id,
    'b/notes.md is attached to the same client', tostring(#clients) .. ' clients')
  local folders = {}
  for _, f in ipairs(clients[1] and clients[1].workspace_folders or {}) do
    table.insert(folders, vim.fs.basename(vim.uri_to_fname(f.uri)))
  end
  check(table.concat(folders, ' ') == 'a b', 'the client has the workspace folders a and b', table.concat(folders, ' '))
  local db, col = contradicted(b)
  if check(db ~= nil, 'b/notes.md: the contradicted figure has its diagnostic') then
    check(db.severity == vim.diagnostic.severity.ERROR,
      "b/notes.md: the contradiction is an Error (b's sourcecheck.toml, not a's)", tostring(db.severity))
    check(db.lnum == 2 and db.col == col and db.end_col == col + #FIGURE,
      string.format('range is exactly %q (2:%d-2:%d)', FIGURE, col, col + #FIGURE),
      string.format('got %d:%d-%d:%d', db.lnum, db.col, db.end_lnum, db.end_col))
    check(db.message:sub(1, #'Contradicted: 004 says less than 1,000') == 'Contradicted: 004 says less than 1,000',
      'the message names the shared source 004', db.message)
  end
end

local ok, e = xpcall(run, debug.traceback)
if not ok then
  h.abort(label, 'error: ' .. tostring(e))
else
  h.finish(label)
end
