-- sourcecheck.nvim: checks the figures in Markdown / text notes against the
-- source articles, through the `sourcecheck lsp` language server.
--
-- Neovim 0.8 - 0.10:   require('sourcecheck').setup{}
-- Neovim 0.11+:        vim.lsp.enable('sourcecheck')   (see lsp/sourcecheck.lua)
--                      or the same setup{} call.
--
-- This file must stay loadable by older Neovims (plain Lua 5.1, no vim.fs /
-- vim.lsp.start at load time) so that setup() can tell the user their version
-- is unsupported instead of failing with a stack trace.

local M = {}

M.name = 'sourcecheck'

--- Default options for setup().
M.defaults = {
  -- Full command line for the server. Overrides `path` when set.
  cmd = nil,
  -- Path of the sourcecheck binary; the server is started as `{path, 'lsp'}`.
  path = 'sourcecheck',
  -- Source folders/files (absolute or relative to the workspace root).
  -- nil: the server reads seeds/ and sources/ under the root.
  sources = nil,
  -- Severity per verdict, e.g. { contradicted = 'warning', unsourced = 'information',
  -- supported = 'hint', citation = 'error' }; 'off' hides that kind.
  severity = nil,
  -- Ask the server for inlay hints (and show them, on Neovim 0.10+).
  inlay_hints = nil,
  filetypes = { 'markdown', 'text' },
  root_markers = { 'sourcecheck.toml', 'seeds', 'sources', '.git' },
  -- Passed through to vim.lsp.start().
  on_attach = nil,
  capabilities = nil,
  -- Start the server automatically for the filetypes above.
  autostart = true,
  -- Map `gd` in attached buffers to vim.lsp.buf.definition() (the source
  -- passage), unless `gd` is mapped already. Neovim maps only CTRL-] (through
  -- 'tagfunc'); its own `gd` is "go to local declaration".
  keymaps = true,
  -- Show the server's code lens (the figure summary on the first line) and
  -- refresh it whenever the buffer's diagnostics change, i.e. after every
  -- analysis; Neovim 0.10 neither shows nor refreshes lenses by itself.
  codelens = true,
}

M.options = nil

local augroup_name = 'sourcecheck'

local function version_string()
  local v = vim.version and vim.version()
  if type(v) == 'table' and v.major then
    return string.format('%d.%d.%d', v.major, v.minor, v.patch)
  end
  local out = vim.api.nvim_exec('version', true)
  return (out:match('NVIM v([%w%.%-]+)')) or 'unknown'
end

--- true when this Neovim can run the plugin (0.8 or newer).
function M.is_supported()
  return vim.fn.has('nvim-0.8') == 1
end

local function err(msg)
  if vim.notify then
    vim.notify(msg, vim.log.levels.ERROR)
  else
    vim.api.nvim_err_writeln(msg)
  end
end

--- The `initializationOptions` object the server understands, from setup() options.
--- The same object is sent as the `sourcecheck` settings section.
function M.init_options(opts)
  opts = opts or M.options or M.defaults
  local o = vim.empty_dict() -- encodes as {} even when empty
  if opts.sources ~= nil then
    local list = opts.sources
    if type(list) == 'string' then
      list = { list }
    end
    o.sources = {}
    for _, s in ipairs(list) do
      table.insert(o.sources, vim.fn.expand(s))
    end
  end
  if opts.severity ~= nil then
    o.severity = vim.deepcopy(opts.severity)
  end
  if opts.inlay_hints ~= nil then
    o.inlayHints = opts.inlay_hints and true or false
  end
  return o
end

local function server_cmd(opts)
  if opts.cmd then
    return vim.deepcopy(opts.cmd)
  end
  return { opts.path or 'sourcecheck', 'lsp' }
end

local function find_root(bufnr, markers)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start
  if name ~= '' then
    start = vim.fs.dirname(name)
  else
    start = vim.loop.cwd()
  end
  local found = vim.fs.find(markers, { upward = true, path = start, limit = 1 })
  if found[1] then
    return vim.fs.dirname(found[1])
  end
  return start
end

local function get_clients(filter)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients(filter)
  end
  local clients = {}
  for _, c in pairs(vim.lsp.get_active_clients()) do
    if (not filter or not filter.name or c.name == filter.name)
      and (not filter or not filter.bufnr or vim.lsp.buf_is_attached(filter.bufnr, c.id))
    then
      table.insert(clients, c)
    end
  end
  return clients
end
M.get_clients = function(bufnr)
  return get_clients({ name = M.name, bufnr = bufnr })
end

local warned_missing = false

--- Shows the code lens of buffer `bufnr` now and again each time its
--- diagnostics change (the server publishes them after each analysis).
function M.enable_codelens(bufnr)
  if vim.lsp.codelens and vim.lsp.codelens.enable then
    -- 0.12+: Neovim keeps it up to date itself (workspace/codeLens/refresh);
    -- refresh() is deprecated there
    vim.lsp.codelens.enable(true, { bufnr = bufnr })
    return true
  end
  if not (vim.lsp.codelens and vim.lsp.codelens.refresh) then
    return false
  end
  local function refresh()
    if vim.api.nvim_buf_is_valid(bufnr) and vim.api.nvim_buf_is_loaded(bufnr) then
      -- 0.10 takes { bufnr }; older versions refresh the current buffer
      pcall(vim.lsp.codelens.refresh, { bufnr = bufnr })
    end
  end
  local group = vim.api.nvim_create_augroup('sourcecheck_codelens_' .. bufnr, { clear = true })
  vim.api.nvim_create_autocmd('DiagnosticChanged', {
    group = group,
    buffer = bufnr,
    callback = function()
      vim.schedule(refresh)
    end,
    desc = 'sourcecheck: refresh the code lens after an analysis',
  })
  refresh()
  return true
end

--- Buffer-local `gd` → vim.lsp.buf.definition() for buffer `bufnr`, unless
--- the user mapped `gd` already (globally or for this buffer).
function M.set_keymaps(bufnr)
  for _, m in ipairs(vim.api.nvim_buf_get_keymap(bufnr, 'n')) do
    if m.lhs == 'gd' then
      return false
    end
  end
  for _, m in ipairs(vim.api.nvim_get_keymap('n')) do
    if m.lhs == 'gd' then
      return false
    end
  end
  vim.keymap.set('n', 'gd', vim.lsp.buf.definition,
    { buffer = bufnr, desc = 'sourcecheck: go to the source passage (vim.lsp.buf.definition)' })
  return true
end

-- Neovim 0.11 turned client functions into methods (client:notify()).
local has_methods = vim.fn.has('nvim-0.11') == 1

--- Handler for workspace/diagnostic/refresh (the server sends it when the
--- sources or settings change). Neovim 0.12 answers it with a workspace pull
--- alone, whose reports it does not apply to the buffers it pulls by
--- document: an open note would keep its old diagnostics until edited. So
--- each attached buffer is pulled again too, under the server's identifier
--- (the namespace Neovim keeps the buffer's diagnostics in).
function M.on_diagnostic_refresh(err, result, ctx)
  local default = vim.lsp.handlers['workspace/diagnostic/refresh']
  local answer = default and default(err, result, ctx) or vim.NIL
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  local provider = client and client.server_capabilities.diagnosticProvider
  if err or not provider or not vim.lsp.diagnostic.on_diagnostic then
    return answer
  end
  for bufnr in pairs(client.attached_buffers or {}) do
    local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), identifier = provider.identifier }
    if has_methods then
      client:request('textDocument/diagnostic', params, vim.lsp.diagnostic.on_diagnostic, bufnr)
    else
      client.request('textDocument/diagnostic', params, vim.lsp.diagnostic.on_diagnostic, bufnr)
    end
  end
  return answer
end
local function client_notify(client, method, params)
  if has_methods then
    return client:notify(method, params)
  end
  return client.notify(method, params)
end
local function client_stop(client)
  if has_methods then
    return client:stop()
  end
  return client.stop()
end

--- Start (or reuse) the server for buffer `bufnr` and attach it.
function M.attach(bufnr)
  local opts = M.options or M.defaults
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.bo[bufnr].buftype ~= '' then
    return nil
  end
  local cmd = server_cmd(opts)
  if vim.fn.executable(cmd[1]) ~= 1 then
    if not warned_missing then
      warned_missing = true
      err(string.format(
        "sourcecheck: server binary '%s' not found; install sourcecheck or set `path` in require('sourcecheck').setup{}",
        cmd[1]))
    end
    return nil
  end
  local init_options = M.init_options(opts)
  local on_attach = opts.on_attach
  return vim.lsp.start({
    name = M.name,
    cmd = cmd,
    root_dir = find_root(bufnr, opts.root_markers),
    init_options = init_options,
    settings = { sourcecheck = init_options },
    capabilities = opts.capabilities,
    handlers = { ['workspace/diagnostic/refresh'] = M.on_diagnostic_refresh },
    -- LSP's language id for plain text is "plaintext" (Neovim's filetype is "text").
    get_language_id = function(_, filetype)
      return filetype == 'text' and 'plaintext' or filetype
    end,
    on_attach = function(client, b)
      if opts.keymaps then
        M.set_keymaps(b)
      end
      if opts.codelens then
        M.enable_codelens(b)
      end
      if opts.inlay_hints and vim.lsp.inlay_hint and vim.lsp.inlay_hint.enable then
        pcall(vim.lsp.inlay_hint.enable, true, { bufnr = b })
      end
      if on_attach then
        on_attach(client, b)
      end
    end,
  }, { bufnr = bufnr })
end

--- Send the current options to running servers (workspace/didChangeConfiguration).
function M.notify_config()
  local settings = { sourcecheck = M.init_options() }
  for _, client in ipairs(get_clients({ name = M.name })) do
    -- workspace/configuration is answered from client.settings (0.10 and later)
    client.settings = settings
    client.config.settings = settings
    client_notify(client, 'workspace/didChangeConfiguration', { settings = settings })
  end
end

--- Stop the servers and start them again for every attached buffer.
function M.restart()
  local buffers, ids = {}, {}
  for _, client in ipairs(get_clients({ name = M.name })) do
    for b in pairs(client.attached_buffers or {}) do
      buffers[b] = true
    end
    table.insert(ids, client.id)
    client_stop(client)
  end
  -- Start again only once the old servers are gone, or vim.lsp.start would
  -- reuse a stopping client. Force them after 5 s.
  local waited = 0
  local timer = vim.loop.new_timer()
  timer:start(100, 100, vim.schedule_wrap(function()
    waited = waited + 100
    local alive = {}
    for _, id in ipairs(ids) do
      local c = vim.lsp.get_client_by_id(id)
      if c then
        table.insert(alive, c)
      end
    end
    if #alive > 0 and waited < 5000 then
      return
    end
    for _, c in ipairs(alive) do
      if has_methods then
        c:stop(true)
      else
        c.stop(true)
      end
    end
    timer:stop()
    timer:close()
    for b in pairs(buffers) do
      if vim.api.nvim_buf_is_valid(b) then
        M.attach(b)
      end
    end
  end))
end

--- Configure and enable sourcecheck. Returns true on success, false when this
--- Neovim is too old (an error message is shown).
function M.setup(opts)
  if not M.is_supported() then
    err(string.format(
      'sourcecheck: Neovim %s is not supported: sourcecheck.nvim needs Neovim 0.8 or newer (vim.lsp.start).',
      version_string()))
    return false
  end
  opts = opts or {}
  local had = M.options ~= nil
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts)
  -- Lists replace, not merge.
  for _, k in ipairs({ 'filetypes', 'root_markers', 'cmd', 'sources' }) do
    if opts[k] ~= nil then
      M.options[k] = opts[k]
    end
  end
  warned_missing = false

  local group = vim.api.nvim_create_augroup(augroup_name, { clear = true })
  if M.options.autostart then
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = M.options.filetypes,
      callback = function(args)
        M.attach(args.buf)
      end,
      desc = 'Start the sourcecheck language server',
    })
  end

  vim.api.nvim_create_user_command('SourcecheckRestart', function()
    M.restart()
  end, { desc = 'Restart the sourcecheck language server' })

  if had then
    M.notify_config()
  end

  -- Buffers already open when setup() runs.
  if M.options.autostart then
    local fts = {}
    for _, ft in ipairs(M.options.filetypes) do
      fts[ft] = true
    end
    for _, b in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(b) and fts[vim.bo[b].filetype] then
        M.attach(b)
      end
    end
  end
  return true
end

return M
