-- Driven by neovim.test.ts: nvim --headless --clean -n -u NONE -c "luafile neovim.lua"
-- Opens the draft, waits for cuomin's diagnostics, applies the preferred quick fix, writes a JSON report.
local workspace = os.getenv('CUOMIN_WORKSPACE')
local server = os.getenv('CUOMIN_SERVER')
local report_path = os.getenv('CUOMIN_REPORT')
local report = { errors = {} }

local function finish()
  local file = io.open(report_path, 'w')
  file:write(vim.fn.json_encode(report))
  file:close()
  vim.cmd('qall!')
end

local function fail(message)
  table.insert(report.errors, message)
  finish()
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/draft.md'))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'markdown'
  local client_id = vim.lsp.start_client({
    name = 'cuomin',
    cmd = { 'node', server, '--stdio' },
    root_dir = workspace,
    settings = { cuomin = { enable = true } },
  })
  if not client_id then return fail('start_client returned nil') end
  vim.lsp.buf_attach_client(bufnr, client_id)

  if not vim.wait(30000, function() return #vim.diagnostic.get(bufnr) >= 3 end, 50) then
    return fail('no diagnostics within 30 s, got ' .. #vim.diagnostic.get(bufnr))
  end
  local diagnostics = vim.diagnostic.get(bufnr)
  table.sort(diagnostics, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  report.diagnostics = {}
  for _, d in ipairs(diagnostics) do
    local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or vim.NIL
    table.insert(report.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, source = d.source, message = d.message, code = code,
    })
  end

  -- Ask for code actions on the 按步就班 line, as :lua vim.lsp.buf.code_action() would.
  local target
  for _, d in ipairs(diagnostics) do
    local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code
    if code == 'test/anbu-jiuban' then target = d end
  end
  if not target then return fail('no diagnostic for test/anbu-jiuban') end
  vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, target.lnum) }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
  if not responses or not responses[client_id] or not responses[client_id].result then
    return fail('no code action response: ' .. vim.inspect(responses))
  end
  local chosen
  report.actions = {}
  for _, action in ipairs(responses[client_id].result) do
    table.insert(report.actions, action.title)
    if action.isPreferred and not chosen then chosen = action end
  end
  if not chosen then return fail('no preferred code action') end
  vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
  report.lines_after = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)

  -- The edit goes back to the server as a change; the fixed finding disappears.
  if not vim.wait(30000, function() return #vim.diagnostic.get(bufnr) == 2 end, 50) then
    return fail('diagnostics did not update after the fix, got ' .. #vim.diagnostic.get(bufnr))
  end
  report.count_after = #vim.diagnostic.get(bufnr)
  finish()
end)
if not ok then fail(tostring(err)) end
