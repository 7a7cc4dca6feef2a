-- nvim.lua — Neovim's built-in LSP client (headless) against `pacta lsp`:
-- it opens a file with errors and checks the diagnostics Neovim shows, the
-- fix it offers, then on a clean file the hover text and where "go to
-- definition" takes the cursor.  tests/lsp/run.sh runs it as
--   PACTA=build/pacta nvim --headless --clean -c 'luafile tests/lsp/nvim.lua'
-- and reads the report it writes to $REPORT.
local pacta = vim.env.PACTA
local fixtures = vim.env.FIXTURES
local report = io.open(vim.env.REPORT, 'w')
local passed, failed = 0, 0

local function check(name, ok, detail)
  if ok then
    passed = passed + 1
  else
    failed = failed + 1
    report:write('FAIL: ' .. name .. (detail and ('\n  ' .. detail) or '') .. '\n')
  end
end

local function finish()
  report:write(string.format('nvim: %d passed, %d failed\n', passed, failed))
  report:close()
  vim.cmd(failed == 0 and 'qall!' or 'cquit!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. fixtures .. '/agreement.pacta')
  local bad = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({ name = 'pacta', cmd = { pacta, 'lsp' }, root_dir = fixtures })
  check('the client starts', id ~= nil)
  vim.lsp.buf_attach_client(bad, id)
  check('the client initialises', vim.wait(10000, function()
    local c = vim.lsp.get_client_by_id(id)
    return c ~= nil and c.initialized
  end, 20))

  -- the diagnostics of the file with errors, as Neovim holds them
  check('diagnostics arrive', vim.wait(10000, function() return #vim.diagnostic.get(bad) >= 2 end, 20))
  local d = vim.diagnostic.get(bad)
  table.sort(d, function(a, b) return a.lnum < b.lnum end)
  check('two errors', #d == 2, vim.inspect(d))
  if #d == 2 then
    check('the first: an enum member, with the fix', d[1].lnum == 17 and d[1].col == 25 and
      d[1].severity == vim.diagnostic.severity.ERROR and
      d[1].message == "unknown member 'illegal_acces' of enum 'offence'; did you mean 'illegal_access'?",
      vim.inspect(d[1]))
    check('the second: a field', d[2].lnum == 22 and d[2].col == 16 and
      d[2].message == "unknown name 'politcal_offence'; did you mean 'political_offence'?", vim.inspect(d[2]))
  end
  -- the quick fix, applied as Neovim applies workspace edits
  local r = vim.lsp.buf_request_sync(bad, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bad) },
    range = { start = { line = 17, character = 0 }, ['end'] = { line = 17, character = 40 } },
    context = { diagnostics = {} } }, 5000)
  local acts = r and r[id] and r[id].result or {}
  check('one code action', #acts == 1, vim.inspect(r))
  if #acts == 1 then
    vim.lsp.util.apply_workspace_edit(acts[1].edit, 'utf-16')
    local line = vim.api.nvim_buf_get_lines(bad, 17, 18, false)[1]
    check('the fix applied', line == '    grant when offence = illegal_access', line)
    -- Neovim sends the change; the server answers with one error fewer
    check('the diagnostics follow the edit', vim.wait(10000, function() return #vim.diagnostic.get(bad) == 1 end, 20),
      vim.inspect(vim.diagnostic.get(bad)))
  end

  -- hover and definition on the clean file
  vim.cmd('edit ' .. fixtures .. '/clean.pacta')
  local clean = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(clean, id)
  local pos = { textDocument = { uri = vim.uri_from_bufnr(clean) }, position = { line = 20, character = 20 } }
  r = vim.lsp.buf_request_sync(clean, 'textDocument/hover', pos, 5000)
  local h = r and r[id] and r[id].result
  local text = h and h.contents and h.contents.value or ''
  check('hover: the field and its comment', text:find('political_offence: bool = false', 1, true) ~= nil and
    text:find('political or connected offence', 1, true) ~= nil, text)
  -- go to definition as the user does: the cursor on the name
  vim.api.nvim_win_set_cursor(0, { 21, 20 })
  vim.lsp.buf.definition()
  check('definition: the cursor goes to the standard library', vim.wait(5000, function()
    return vim.api.nvim_buf_get_name(0):match('stdlib/std/mla%.pacta$') ~= nil
  end, 20), vim.api.nvim_buf_get_name(0))
  local cur = vim.api.nvim_win_get_cursor(0)
  local line = vim.api.nvim_buf_get_lines(0, cur[1] - 1, cur[1], false)[1] or ''
  check('definition: on the field declaration', line:sub(cur[2] + 1):match('^political_offence:') ~= nil, line)
  -- and back, then to a clause label's definition in the same file
  vim.cmd('buffer ' .. clean)
  vim.api.nvim_win_set_cursor(0, { 25, 13 })
  vim.lsp.buf.definition()
  check('definition: a label in exempts', vim.wait(5000, function()
    local c = vim.api.nvim_win_get_cursor(0)
    return c[1] == 20 and c[2] == 9
  end, 20), vim.inspect(vim.api.nvim_win_get_cursor(0)))
  vim.lsp.stop_client(id)
end)
if not ok then
  check('the script ran', false, tostring(err))
end
finish()
