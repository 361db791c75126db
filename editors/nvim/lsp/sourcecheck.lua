-- sourcecheck language server configuration for Neovim 0.11+:
--
--   vim.lsp.enable('sourcecheck')
--
-- Override any field with vim.lsp.config, e.g.
--
--   vim.lsp.config('sourcecheck', {
--     cmd = { '/path/to/sourcecheck', 'lsp' },
--     init_options = { sources = { 'articles' }, severity = { supported = 'off' } },
--   })
--
-- `init_options` is sent as initializationOptions; `settings.sourcecheck` (same
-- shape) is sent with workspace/didChangeConfiguration after start-up and can
-- be changed at run time. See :help sourcecheck.

---@type vim.lsp.Config
return {
  cmd = { 'sourcecheck', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'sourcecheck.toml', 'seeds', 'sources', '.git' },
  -- LSP's language id for plain text is "plaintext" (Neovim's filetype is "text").
  get_language_id = function(_, filetype)
    return filetype == 'text' and 'plaintext' or filetype
  end,
  -- `gd` goes to the source passage (vim.lsp.buf.definition) unless `gd` is
  -- mapped already, and the code lens is shown and refreshed after each
  -- analysis; override on_attach to have neither.
  on_attach = function(_, bufnr)
    local ok, sourcecheck = pcall(require, 'sourcecheck')
    if ok then
      sourcecheck.set_keymaps(bufnr)
      sourcecheck.enable_codelens(bufnr)
    end
  end,
  -- Open notes pulled again when the server asks for a refresh (see
  -- require('sourcecheck').on_diagnostic_refresh).
  handlers = {
    ['workspace/diagnostic/refresh'] = function(err, result, ctx)
      return require('sourcecheck').on_diagnostic_refresh(err, result, ctx)
    end,
  },
  -- Example: { sources = { 'seeds' }, severity = { contradicted = 'error' }, inlayHints = true }
  init_options = vim.empty_dict(),
  -- Example: { sourcecheck = { severity = { supported = 'off' } } }. Left empty
  -- so that nothing overrides init_options after start-up.
  settings = {},
}
