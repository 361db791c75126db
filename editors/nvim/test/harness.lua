-- What the headless Neovim tests share: results to stdout, the sourcecheck
-- clients of a buffer on every supported Neovim, synchronous requests.
--   local h = dofile(<this folder> .. '/harness.lua')
local M = {}

local passed, failed = 0, 0

function M.out(s)
  io.stdout:write(s .. '\n')
  io.stdout:flush()
end

function M.check(cond, name, detail)
  if cond then
    passed = passed + 1
    M.out('ok   - ' .. name)
  else
    failed = failed + 1
    M.out('FAIL - ' .. name .. (detail and ('\n       ' .. detail) or ''))
  end
  return cond
end

function M.failed()
  return failed
end

--- Prints the counts and leaves Neovim: status 1 when a check failed.
function M.finish(label)
  M.out(string.format('%s: %d passed, %d failed', label, passed, failed))
  if failed > 0 then
    vim.cmd('cquit 1')
  else
    vim.cmd('qall!')
  end
end

--- Counts `msg` as a failure and finishes.
function M.abort(label, msg)
  failed = failed + 1
  M.out('FAIL - ' .. msg)
  M.finish(label)
end

--- The sourcecheck clients attached to `bufnr` (every one when nil).
function M.get_clients(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ name = 'sourcecheck', bufnr = bufnr })
  end
  local r = {}
  for _, c in pairs(vim.lsp.get_active_clients()) do
    if c.name == 'sourcecheck' and (not bufnr or vim.lsp.buf_is_attached(bufnr, c.id)) then
      table.insert(r, c)
    end
  end
  return r
end

-- Neovim 0.11 turned client functions into methods (client:request_sync()).
M.has_methods = vim.fn.has('nvim-0.11') == 1

function M.request_sync(client, method, params, timeout_ms, bufnr)
  if M.has_methods then
    return client:request_sync(method, params, timeout_ms, bufnr)
  end
  return client.request_sync(method, params, timeout_ms, bufnr)
end

return M
