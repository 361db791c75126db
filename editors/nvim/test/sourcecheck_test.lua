-- Headless end-to-end test of the sourcecheck Neovim integration against the
-- real `sourcecheck lsp` server. Driven by test/run.sh; reads:
--   SOURCECHECK_BIN       server binary
--   SOURCECHECK_NOTE      the note to open (inside a workspace with seeds/)
--   SOURCECHECK_MODE      'setup'  -> require('sourcecheck').setup{}
--                         'config' -> lsp/sourcecheck.lua (vim.lsp.enable on 0.11+,
--                                     vim.lsp.start with the same table before)
--   SOURCECHECK_TIMEOUT   seconds to wait for each step (default 60)
-- Results go to stdout; any failure exits with :cquit 1.

local FIGURE = 'more than 5,000 militants'
local SOURCE_FILES = { '004_373bdf90062bec4d.txt', '003_9720369bb28d1618.txt' }

local bin = os.getenv('SOURCECHECK_BIN')
local note = os.getenv('SOURCECHECK_NOTE')
local mode = os.getenv('SOURCECHECK_MODE') or 'setup'
local timeout_ms = (tonumber(os.getenv('SOURCECHECK_TIMEOUT') or '') or 60) * 1000

local h = dofile(vim.fs.dirname(debug.getinfo(1, 'S').source:sub(2)) .. '/harness.lua')
local out, check, get_clients, has_methods = h.out, h.check, h.get_clients, h.has_methods
local function request_sync(client, method, params, bufnr)
  return h.request_sync(client, method, params, timeout_ms, bufnr)
end

-- Byte offset (0-based) in `line` of a position `character` in the client's encoding.
local function to_byte(line, character, encoding)
  if encoding == 'utf-8' then
    return character
  end
  local units, i = 0, 1
  while i <= #line and units < character do
    local b = line:byte(i)
    local len = b < 0x80 and 1 or b < 0xE0 and 2 or b < 0xF0 and 3 or 4
    units = units + ((encoding == 'utf-16' and len == 4) and 2 or 1)
    i = i + len
  end
  return i - 1
end

-- Byte ranges [s, e) (0-based) of the sentences in `line` that contain `needle`.
local function sentences_with(line, needle)
  local spans = {}
  local from = 1
  while true do
    local s, e = line:find(needle, from, true)
    if not s then
      break
    end
    local start = 0
    local p = 1
    while true do
      local a, b = line:find('[%.!?][”"]?%s+', p)
      if not a or a >= s then
        break
      end
      start = b
      p = b + 1
    end
    local stop = #line
    local a2, b2 = line:find('[%.!?][”"]?%s', e + 1)
    if a2 then
      stop = b2 - 1
    end
    table.insert(spans, { start, stop })
    from = e + 1
  end
  return spans
end
local function in_spans(spans, col)
  for _, sp in ipairs(spans) do
    if col >= sp[1] and col <= sp[2] then
      return true
    end
  end
  return false
end
local function basename(p)
  return (p:gsub('^file://', ''):match('[^/]+$')) or p
end
local function is_source_file(path)
  local b = basename(path)
  for _, f in ipairs(SOURCE_FILES) do
    if b == f then
      return true
    end
  end
  return false
end

local function run()
  out('neovim ' .. tostring(vim.version()) .. ', mode ' .. mode .. ', server ' .. tostring(bin))
  assert(bin and bin ~= '', 'SOURCECHECK_BIN is not set')
  assert(note and note ~= '', 'SOURCECHECK_NOTE is not set')

  -- 0. :help sourcecheck
  local hok, herr = pcall(vim.cmd, 'help sourcecheck')
  check(hok and vim.bo.buftype == 'help' and vim.api.nvim_buf_get_name(0):match('sourcecheck%.txt$') ~= nil,
    ':help sourcecheck opens doc/sourcecheck.txt', tostring(herr))
  if hok then
    vim.cmd('helpclose')
  end

  -- 1. Start the integration.
  if mode == 'setup' then
    local ok = require('sourcecheck').setup({ path = bin })
    check(ok == true, "require('sourcecheck').setup{} accepted this Neovim")
  elseif mode == 'config' then
    local files = vim.api.nvim_get_runtime_file('lsp/sourcecheck.lua', false)
    assert(files[1], 'lsp/sourcecheck.lua not on the runtimepath')
    if vim.lsp.config and vim.lsp.enable then
      vim.lsp.config('sourcecheck', { cmd = { bin, 'lsp' } })
      vim.lsp.enable('sourcecheck')
    else
      -- Neovim < 0.11 has no vim.lsp.config: start the same table by hand,
      -- the way 0.11 would (root from root_markers, filetypes autocmd).
      local cfg = dofile(files[1])
      check(cfg.cmd[2] == 'lsp' and vim.tbl_contains(cfg.filetypes, 'markdown')
        and vim.tbl_contains(cfg.filetypes, 'text'), 'lsp/sourcecheck.lua: cmd and filetypes')
      cfg.cmd = { bin, 'lsp' }
      cfg.name = 'sourcecheck'
      vim.api.nvim_create_autocmd('FileType', {
        pattern = cfg.filetypes,
        callback = function(args)
          local c = vim.deepcopy(cfg)
          local found = vim.fs.find(cfg.root_markers, {
            upward = true, path = vim.fs.dirname(vim.api.nvim_buf_get_name(args.buf)), limit = 1,
          })
          c.root_dir = found[1] and vim.fs.dirname(found[1]) or nil
          c.root_markers, c.filetypes = nil, nil
          vim.lsp.start(c, { bufnr = args.buf })
        end,
      })
    end
  else
    error('unknown SOURCECHECK_MODE ' .. mode)
  end

  -- 2. Open the note.
  vim.cmd('edit ' .. vim.fn.fnameescape(note))
  local buf = vim.api.nvim_get_current_buf()
  check(vim.bo[buf].filetype == 'markdown', 'note has filetype markdown', vim.bo[buf].filetype)
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local lnum, col
  for i, l in ipairs(lines) do
    local s = l:find(FIGURE, 1, true)
    if s then
      lnum, col = i - 1, s - 1
      break
    end
  end
  assert(lnum, 'the note does not contain ' .. FIGURE)
  local end_col = col + #FIGURE

  local t0 = vim.loop.now()
  local attached = vim.wait(timeout_ms, function()
    if #get_clients(buf) > 0 then
      return true
    end
    -- No sourcecheck client at all any more: the server exited straight away.
    return vim.loop.now() - t0 > 2000 and #get_clients(nil) == 0
  end, 50) and #get_clients(buf) > 0
  if not check(attached, 'sourcecheck client attached to the note') then
    error('no sourcecheck client: the server did not start or exited; see lsp.log', 0)
  end
  local client = get_clients(buf)[1]
  local client_id = client.id
  -- The server died or failed to initialize: stop waiting.
  local function gone()
    local c = vim.lsp.get_client_by_id(client_id)
    return c == nil or (c.is_stopped and (has_methods and c:is_stopped() or (not has_methods and c.is_stopped())))
  end
  local function wait_for(pred)
    vim.wait(timeout_ms, function()
      return pred() or gone()
    end, 50)
    if gone() then
      error('the sourcecheck server stopped (exited or failed to initialize); see lsp.log', 0)
    end
    return pred()
  end
  local root = client.config.root_dir
  check(root and vim.loop.fs_realpath(root) == vim.loop.fs_realpath(vim.fs.dirname(note)),
    'root_dir is the workspace (found by root markers)', tostring(root))

  -- 3. Diagnostics.
  local function contradicted()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == 'contradicted' and d.lnum == lnum then
        return d
      end
    end
  end
  local got = wait_for(function()
    return contradicted() ~= nil
  end)
  local all = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(all, string.format('%d:%d-%d:%d %s %s', d.lnum, d.col, d.end_lnum, d.end_col,
      tostring(d.code), d.message))
  end
  out('diagnostics: ' .. (#all > 0 and ('\n  ' .. table.concat(all, '\n  ')) or 'none'))
  if check(got, 'a "contradicted" diagnostic on line ' .. (lnum + 1), table.concat(all, '; ')) then
    local d = contradicted()
    check(d.severity == vim.diagnostic.severity.WARN, 'severity is Warning', tostring(d.severity))
    check(d.source == 'sourcecheck', 'source is "sourcecheck"', tostring(d.source))
    check(d.message:sub(1, #'Contradicted:') == 'Contradicted:', 'message starts with "Contradicted:"', d.message)
    check(d.lnum == lnum and d.col == col and d.end_lnum == lnum and d.end_col == end_col,
      string.format('range is exactly %q (%d:%d-%d:%d)', FIGURE, lnum, col, lnum, end_col),
      string.format('got %d:%d-%d:%d', d.lnum, d.col, d.end_lnum, d.end_col))
  end

  -- 4. Hover, as a user sees it: vim.lsp.buf.hover() opens a floating window.
  vim.api.nvim_win_set_cursor(0, { lnum + 1, col + 3 })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local hover = request_sync(client, 'textDocument/hover', params, buf)
  local htext = ''
  if hover and hover.result and hover.result.contents then
    local c = hover.result.contents
    if type(c) == 'string' then
      htext = c
    elseif c.value then
      htext = c.value
    else
      for _, part in ipairs(c) do
        htext = htext .. '\n' .. (type(part) == 'string' and part or part.value or '')
      end
    end
  end
  check(htext:find('Contradicted', 1, true) ~= nil, 'hover (request) mentions "Contradicted"',
    vim.inspect(hover))
  check(htext:find('1,000', 1, true) ~= nil, 'hover (request) quotes the source passage ("1,000")', htext)

  local wins_before = #vim.api.nvim_list_wins()
  vim.lsp.buf.hover()
  local float
  wait_for(function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then
        float = w
        return true
      end
    end
    return false
  end)
  if check(float ~= nil, 'vim.lsp.buf.hover() opens a floating window', 'windows: ' .. wins_before) then
    local ftext = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false), '\n')
    out('hover window:\n  ' .. ftext:gsub('\n', '\n  '))
    check(ftext:find('Contradicted', 1, true) ~= nil, 'hover window shows "Contradicted"', ftext)
    vim.api.nvim_win_close(float, true)
  end

  -- 5. Definition: raw response, then vim.lsp.buf.definition() jumping there.
  vim.api.nvim_set_current_win(vim.fn.bufwinid(buf))
  vim.api.nvim_win_set_cursor(0, { lnum + 1, col + 3 })
  local def = request_sync(client, 'textDocument/definition', params, buf)
  local target
  local res = def and def.result
  if res and (res.uri or res.targetUri) then
    res = { res }
  end
  if type(res) == 'table' and res[1] then
    local r = res[1]
    target = { uri = r.targetUri or r.uri, range = r.targetSelectionRange or r.range }
  end
  if check(target ~= nil, 'definition returns a location', vim.inspect(def)) then
    out('definition: ' .. target.uri .. ' ' .. vim.inspect(target.range):gsub('%s+', ' '))
    check(is_source_file(target.uri), 'definition target is seeds/004_... or seeds/003_...', target.uri)
    local path = vim.uri_to_fname(target.uri)
    local flines = vim.fn.readfile(path)
    local line = flines[target.range.start.line + 1] or ''
    local spans = sentences_with(line, '1,000')
    local sc = to_byte(line, target.range.start.character, client.offset_encoding)
    local on_sentence = #spans > 0 and in_spans(spans, sc)
    if on_sentence and target.range['end'].line == target.range.start.line then
      on_sentence = in_spans(spans, to_byte(line, target.range['end'].character, client.offset_encoding))
    end
    check(on_sentence, 'definition range lies on the sentence containing "1,000"', line)
  end

  vim.lsp.buf.definition()
  local jumped = wait_for(function()
    return vim.api.nvim_get_current_buf() ~= buf
  end)
  if jumped and vim.bo.buftype == 'quickfix' then
    -- Several locations: Neovim lists them; take the first, as a user would.
    out('definition gave a list of ' .. #vim.fn.getqflist() .. ' locations; opening the first')
    vim.cmd('cc 1')
  end
  local cur = vim.api.nvim_get_current_buf()
  local cur_name = vim.api.nvim_buf_get_name(cur)
  if check(jumped and is_source_file(cur_name), 'vim.lsp.buf.definition() opens the source article',
    cur_name) then
    local pos = vim.api.nvim_win_get_cursor(0)
    local line = vim.api.nvim_buf_get_lines(cur, pos[1] - 1, pos[1], false)[1] or ''
    out(string.format('cursor after definition: %s:%d:%d', basename(cur_name), pos[1], pos[2] + 1))
    check(in_spans(sentences_with(line, '1,000'), pos[2]),
      'cursor is on the sentence containing "1,000"', line)
  end

  -- 6. `gd`, as a person types it, goes to the source passage too.
  vim.cmd('buffer ' .. buf)
  vim.api.nvim_win_set_cursor(0, { lnum + 1, col + 3 })
  local gd = vim.fn.maparg('gd', 'n', false, true)
  check(gd.buffer == 1, '`gd` is mapped in the note buffer', vim.inspect(gd))
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('gd', true, false, true), 'mx', false)
  local gd_jumped = wait_for(function()
    return vim.api.nvim_get_current_buf() ~= buf
  end)
  if gd_jumped and vim.bo.buftype == 'quickfix' then
    vim.cmd('cc 1')
  end
  check(gd_jumped and is_source_file(vim.api.nvim_buf_get_name(0)), '`gd` opens the source article',
    vim.api.nvim_buf_get_name(0))
  vim.cmd('buffer ' .. buf)
end

-- A plain-text note (filetype text) is checked too, sent as languageId "plaintext".
-- setup() called again sends the new options (workspace/didChangeConfiguration).
local function run_reconfigure()
  local buf = vim.fn.bufnr(note)
  require('sourcecheck').setup({ path = bin, severity = { contradicted = 'error' } })
  local ok = vim.wait(timeout_ms, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == 'contradicted' and d.severity == vim.diagnostic.severity.ERROR then
        return true
      end
    end
    return false
  end, 50)
  check(ok, 'setup{ severity = { contradicted = "error" } } again: the diagnostic becomes an Error')
  check(#get_clients(nil) == 1, 'still one sourcecheck server', tostring(#get_clients(nil)))

  local old_id = get_clients(buf)[1].id
  vim.cmd('SourcecheckRestart')
  local restarted = vim.wait(timeout_ms, function()
    local c = get_clients(buf)[1]
    return c ~= nil and c.id ~= old_id and c.initialized ~= false
  end, 50)
  check(restarted, ':SourcecheckRestart starts a new server for the note')
  local back = vim.wait(timeout_ms, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == 'contradicted' and get_clients(buf)[1] and get_clients(buf)[1].id ~= old_id then
        return true
      end
    end
    return false
  end, 50)
  check(back and #get_clients(nil) == 1, 'after the restart: one server, diagnostics back',
    tostring(#get_clients(nil)) .. ' servers')
end

local function run_text()
  local txt = note:gsub('%.md$', '.txt')
  vim.fn.writefile({ 'The coalition says more than 5,000 militants remain in Iraq and Syria.' }, txt)
  vim.cmd('edit ' .. vim.fn.fnameescape(txt))
  local buf = vim.api.nvim_get_current_buf()
  check(vim.bo[buf].filetype == 'text', 'notes.txt has filetype text', vim.bo[buf].filetype)
  local found = vim.wait(timeout_ms, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if (d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)) == 'contradicted' then
        return d.lnum == 0 and d.col == 19 and d.end_col == 19 + #FIGURE
      end
    end
    return false
  end, 50)
  check(found, 'notes.txt: "contradicted" diagnostic on exactly the figure')
end

local function code_of(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

-- Neovim 0.10 pulls diagnostics but cannot be told to pull again: it is
-- pushed to, and offered no diagnosticProvider (no second, pulled copy of
-- each diagnostic); 0.12 can, and pulls. A source rewritten on disk re-judges the note: the
-- figure it supported and now contradicts says "Newly contradicted by 004".
local function run_workspace()
  local buf = vim.fn.bufnr(note)
  local client = get_clients(buf)[1]
  -- 0.12 can be told to pull again: it is offered pull diagnostics instead
  local pulls = vim.tbl_get(client and client.capabilities or {}, 'workspace', 'diagnostics', 'refreshSupport') == true
  check(client and (client.server_capabilities.diagnosticProvider ~= nil) == pulls,
    pulls and 'a diagnosticProvider for a client with workspace.diagnostics.refreshSupport'
      or 'no diagnosticProvider for a client without workspace.diagnostics.refreshSupport',
    client and vim.inspect(client.server_capabilities.diagnosticProvider))
  local contradicted = vim.tbl_filter(function(d)
    return code_of(d) == 'contradicted'
  end, vim.diagnostic.get(buf))
  check(#contradicted == 1, 'each diagnostic once (pushed, not pulled too)', vim.inspect(contradicted))
  local source = vim.fs.dirname(note) .. '/seeds/004_373bdf90062bec4d.txt'
  local f = assert(io.open(source, 'r'))
  local text = f:read('*a')
  f:close()
  local changed, n = text:gsub('more than 45,000 fighters', 'about 20,000 fighters')
  assert(n == 1, 'the seed states more than 45,000 fighters')
  f = assert(io.open(source, 'w'))
  f:write(changed)
  f:close()
  local newly
  local ok = vim.wait(timeout_ms, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if code_of(d) == 'contradicted' and d.message:find('^Newly contradicted by 004: ') then
        newly = d
        return true
      end
    end
    return false
  end, 50)
  check(ok and newly.lnum == 4, 'the source rewritten on disk: "Newly contradicted by 004" on the 45,000 line',
    vim.inspect(vim.diagnostic.get(buf)))
end

local ok, e = xpcall(function()
  run()
  if h.failed() == 0 and mode == 'setup' then
    run_reconfigure()
  end
  if h.failed() == 0 then
    run_text()
  end
  if h.failed() == 0 and mode == 'setup' then
    run_workspace()
  end
end, debug.traceback)
local label = 'nvim (' .. mode .. ')'
if not ok then
  h.abort(label, 'error: ' .. tostring(e))
else
  h.finish(label)
end
