"""The language server end to end: pygls's client starts `python -m citecheck lsp` over stdio in a
workspace of drafts, opens and edits them, and checks what comes back: diagnostics (codes, ranges in
UTF-16 code units, severities, the `citecheck rules CODE` pointer) and the edits the quick fixes make,
re-analysed to show they do what they say. No network: the server never fetches."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the lsp extra is not installed: pip install -e '.[test]'")

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from citecheck.cli import main
from citecheck.cli.commands import LSP_MISSING

WAIT = 60.0  # seconds for any one answer; a first analysis loads the models

ARTICLE = """\
# Velmora approves desalination plant

The city council of Velmora approved a $1.2 billion seawater desalination plant on Monday [1].

\N{WATER WAVE} The plant will produce 300,000 cubic metres of drinking water a day when it opens in 2029 [3].

Construction costs rose 40% over the original estimate of $850 million last year.

## Sources

- [1] Reuters. "Velmora council backs $1.2 billion desalination plant." March 9, 2026. https://www.reuters.com/world/velmora-2026-03-09/
"""
OTHER = """\
# Velmora's sea water plant

Velmora's council approved a $1.2 billion desalination plant this week, according to Reuters.

The plant will produce 450,000 cubic metres of water a day when it opens in 2029, Reuters and Bloomberg reported.
"""
NOTES = """\
Harbour report

The Port of Kessel handled 2.4 million containers in 2025.

Dredging the channel cost \N{EURO SIGN}75 million \N{EM DASH} a record.
"""
PAGE = """\
<!doctype html>
<html><head><title>Harbour</title></head>
<body>
<article>
<h1>Harbour</h1>
<p>The <em>Port of Kessel</em> handled 2.4 million containers in 2025.</p>
<p>Dredging the channel cost &euro;75 million, a record for the port authority.</p>
</article>
</body></html>
"""
EVIDENCE = """\
# Port statistics

The Port of Kessel handled 2.4 million containers in 2025, the port authority said.
"""
CONFIG = """\
against = ["../evidence/"]

[severity]
CC201 = "info"
"""


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def where(text: str, needle: str, end: bool = False) -> tuple[int, int]:
    """(line, UTF-16 character) of `needle` in `text` (of its end with `end`), counted independently."""
    offset = text.index(needle) + (len(needle) if end else 0)
    before = text[:offset]
    line = before.count("\n")
    return line, utf16(before[before.rfind("\n") + 1 :])


def span_of(text: str, needle: str) -> tuple[tuple[int, int], tuple[int, int]]:
    return where(text, needle), where(text, needle, end=True)


def as_pair(position: types.Position) -> tuple[int, int]:
    return position.line, position.character


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) the way an editor does, last first."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        start = sum(len(line) + 1 for line in lines[: position.line])
        units, index, line = 0, 0, lines[position.line] if position.line < len(lines) else ""
        while units < position.character:
            units += utf16(line[index])
            index += 1
        return start + index

    for edit in sorted(edits, key=lambda e: as_pair(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


class Editor:
    """One client session: documents the test opened and everything the server published."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.published: list[types.PublishDiagnosticsParams] = []
        self.shown: list[types.ShowMessageParams] = []
        self.versions: dict[str, int] = {}

    def count(self, uri: str) -> int:
        return sum(1 for p in self.published if p.uri == uri)

    async def diagnostics(self, uri: str, version: int, after: int = 0) -> list[types.Diagnostic]:
        """The first diagnostics published for `uri` at `version`, beyond the first `after` for it."""

        async def arrived() -> list[types.Diagnostic]:
            while True:
                mine = [p for p in self.published if p.uri == uri][after:]
                hit = next((p for p in mine if p.version == version), None)
                if hit is not None:
                    return list(hit.diagnostics)
                await asyncio.sleep(0.05)

        return await asyncio.wait_for(arrived(), WAIT)

    def open(self, path: Path, language: str) -> str:
        uri = from_fs_path(str(path))
        self.versions[uri] = 1
        item = types.TextDocumentItem(uri=uri, language_id=language, version=1, text=path.read_text(encoding="utf-8"))
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
        return uri

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        document = types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri])
        change = types.TextDocumentContentChangeWholeDocument(text=text)
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(text_document=document, content_changes=[change])
        )
        return self.versions[uri]

    async def fixes(self, uri: str, diagnostic: types.Diagnostic) -> list[types.CodeAction]:
        params = types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
        answer = await asyncio.wait_for(self.client.text_document_code_action_async(params), WAIT)
        return [a for a in answer or [] if isinstance(a, types.CodeAction)]


async def session(root: Path, script: object) -> None:
    client = LanguageClient("citecheck-test", "1")
    editor = Editor(client)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams) -> None:
        editor.published.append(params)

    @client.feature(types.WINDOW_SHOW_MESSAGE)
    def shown(params: types.ShowMessageParams) -> None:
        editor.shown.append(params)

    await client.start_io(sys.executable, "-m", "citecheck", "lsp", "--stdio", cwd=str(root))
    try:
        folder = types.WorkspaceFolder(uri=from_fs_path(str(root)), name=root.name)
        await asyncio.wait_for(
            client.initialize_async(
                types.InitializeParams(
                    capabilities=types.ClientCapabilities(), root_uri=folder.uri, workspace_folders=[folder]
                )
            ),
            WAIT,
        )
        client.initialized(types.InitializedParams())
        await script(editor)  # type: ignore[operator]
        await asyncio.wait_for(client.shutdown_async(None), WAIT)
        client.exit(None)
    except BaseException:
        server = client._server  # pygls keeps the process private; a failed test must not leave it running
        if server is not None and server.returncode is None:
            server.kill()
        raise
    finally:
        await asyncio.wait_for(client.stop(), WAIT)


def by_code(diagnostics: list[types.Diagnostic], code: str) -> list[types.Diagnostic]:
    return [d for d in diagnostics if d.code == code]


def test_markdown_draft_diagnostics_and_quick_fixes(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.md").write_text(ARTICLE, encoding="utf-8")
    (drafts / "b.md").write_text(OTHER, encoding="utf-8")

    async def script(editor: Editor) -> None:
        uri = editor.open(drafts / "a.md", "markdown")
        found = await editor.diagnostics(uri, 1)
        assert all(d.source == "citecheck" for d in found)
        for d in found:  # every diagnostic says how to learn about its rule
            assert f"citecheck rules {d.code}" in d.message and d.data["explain"] == f"citecheck rules {d.code}"

        # the dangling [3], placed in UTF-16 units: the wave emoji before it on its line counts two
        (dangling,) = by_code(found, "CC101")
        assert (as_pair(dangling.range.start), as_pair(dangling.range.end)) == span_of(ARTICLE, "[3]")
        assert dangling.range.start.character == ARTICLE.split("\n")[4].index("[3]") + 1
        assert dangling.severity == types.DiagnosticSeverity.Error
        assert "add the entry to the reference list" in dangling.message

        (uncited,) = by_code(found, "CC201")
        sentence = "Construction costs rose 40% over the original estimate of $850 million last year."
        assert (as_pair(uncited.range.start), as_pair(uncited.range.end)) == span_of(ARTICLE, sentence)
        assert uncited.severity == types.DiagnosticSeverity.Warning

        # the contradiction exists only because b.md, unopened, sits in the same workspace folder
        (conflict,) = by_code(found, "CC301")
        assert "b.md" in conflict.message and conflict.severity == types.DiagnosticSeverity.Error

        # quick fix 1: a reference stub, written like the list's last entry, ends the CC101
        actions = await editor.fixes(uri, dangling)
        titles = [a.title for a in actions]
        assert titles[0] == "Add a reference entry for [3]" and actions[0].is_preferred
        assert any(t.startswith("Suppress CC101") for t in titles)
        (edit,) = actions[0].edit.changes[uri]
        text = apply(ARTICLE, [edit])
        assert text.endswith('velmora-2026-03-09/\n- [3] TODO publisher. "Title." Date. URL\n')
        version = editor.change(uri, text)  # unsaved: only the buffer has the stub
        found = await editor.diagnostics(uri, version)
        assert not by_code(found, "CC101")
        assert "- [3]" not in (drafts / "a.md").read_text(encoding="utf-8")

        # quick fix 2: a suppression comment above the paragraph silences that CC201 and nothing else
        (uncited,) = by_code(found, "CC201")
        (suppress,) = [a for a in await editor.fixes(uri, uncited) if a.title.startswith("Suppress CC201")]
        text = apply(text, suppress.edit.changes[uri])
        assert f"<!-- citecheck: ignore[CC201] reason -->\n{sentence}" in text
        version = editor.change(uri, text)
        found = await editor.diagnostics(uri, version)
        assert not by_code(found, "CC201") and not by_code(found, "CC901")
        assert by_code(found, "CC301")

        # saving the other draft with the same figure: this open draft is analysed again, conflict gone
        seen = editor.count(uri)
        (drafts / "b.md").write_text(OTHER.replace("450,000", "300,000"), encoding="utf-8")
        other = types.TextDocumentIdentifier(uri=from_fs_path(str(drafts / "b.md")))
        editor.client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=other))
        found = await editor.diagnostics(uri, version, after=seen)
        assert not by_code(found, "CC301")

    asyncio.run(session(tmp_path, script))


def test_text_and_html_drafts_with_config_and_sources(tmp_path):
    site = tmp_path / "site"
    (tmp_path / "evidence").mkdir()
    site.mkdir()
    (site / "citecheck.toml").write_text(CONFIG, encoding="utf-8")
    (site / "notes.txt").write_text(NOTES, encoding="utf-8")
    (site / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "evidence" / "port.md").write_text(EVIDENCE, encoding="utf-8")

    async def script(editor: Editor) -> None:
        uri = editor.open(site / "notes.txt", "plaintext")
        found = await editor.diagnostics(uri, 1)
        port = "The Port of Kessel handled 2.4 million containers in 2025."
        # confirmed by page.html (workspace) and by evidence/port.md (configured `against`, outside it)
        (confirmed,) = [d for d in by_code(found, "CC202") if as_pair(d.range.start) == where(NOTES, port)]
        assert "2 other document" in confirmed.message
        assert confirmed.severity == types.DiagnosticSeverity.Information

        # an edited figure nobody else states: CC201, made info by the config's [severity]
        edited = NOTES.replace("Dredging the channel", "Twelve new cranes from Rotterdam")
        version = editor.change(uri, edited)
        found = await editor.diagnostics(uri, version)
        (uncited,) = by_code(found, "CC201")
        assert as_pair(uncited.range.start) == where(edited, "Twelve")
        assert uncited.severity == types.DiagnosticSeverity.Information
        (suppress,) = await editor.fixes(uri, uncited)
        text = apply(edited, suppress.edit.changes[uri])
        assert "\n\ncitecheck: ignore[CC201] reason\nTwelve" in text
        version = editor.change(uri, text)
        found = await editor.diagnostics(uri, version)
        assert not by_code(found, "CC201") and not by_code(found, "CC901")

        # HTML: ranges point into the source, through the markup and the &euro; entity
        page = editor.open(site / "page.html", "html")
        found = await editor.diagnostics(page, 1)
        ranges = sorted((as_pair(d.range.start), as_pair(d.range.end)) for d in by_code(found, "CC202"))
        assert ranges == [
            (where(PAGE, "The <em>"), where(PAGE, "2025.", end=True)),
            (where(PAGE, "Dredging"), where(PAGE, "authority.", end=True)),
        ]
        # the quick fix in HTML: a comment on its own line above the paragraph's element, which works
        dredging = next(d for d in by_code(found, "CC202") if as_pair(d.range.start) == where(PAGE, "Dredging"))
        (suppress,) = await editor.fixes(page, dredging)
        text = apply(PAGE, suppress.edit.changes[page])
        assert "</p>\n<!-- citecheck: ignore[CC202] reason -->\n<p>Dredging" in text
        version = editor.change(page, text)
        found = await editor.diagnostics(page, version)
        assert [as_pair(d.range.start) for d in by_code(found, "CC202")] == [where(text, "The <em>")]
        assert not by_code(found, "CC901")
        # a comment that matches nothing: CC901 underlines the comment itself (the text has no comments)
        text = text.replace("ignore[CC202]", "ignore[CC303]")
        version = editor.change(page, text)
        (unused,) = by_code(await editor.diagnostics(page, version), "CC901")
        assert as_pair(unused.range.start) == where(text, "<!-- citecheck")
        assert as_pair(unused.range.end) == where(text, "reason -->", end=True)

        # a dangling marker in HTML: the stub fix writes a References section inside the <article>
        text = PAGE.replace("in 2025.</p>", "in 2025 [4].</p>")
        version = editor.change(page, text)
        (dangling,) = by_code(await editor.diagnostics(page, version), "CC101")
        stub = (await editor.fixes(page, dangling))[0]
        assert stub.title == "Add a reference entry for [4]" and stub.is_preferred
        text = apply(text, stub.edit.changes[page])
        assert '<ul>\n  <li>[4] TODO publisher. "Title." Date. URL</li>\n</ul>\n</article>' in text
        version = editor.change(page, text)
        assert not by_code(await editor.diagnostics(page, version), "CC101")

    asyncio.run(session(site, script))  # the evidence folder is outside the workspace


def test_a_broken_config_is_one_error_message_and_no_diagnostics(tmp_path):
    (tmp_path / "citecheck.toml").write_text('selct = ["CC1"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")

    async def script(editor: Editor) -> None:
        editor.open(tmp_path / "a.md", "markdown")

        async def told() -> types.ShowMessageParams:
            while not editor.shown:
                await asyncio.sleep(0.05)
            return editor.shown[0]

        message = await asyncio.wait_for(told(), WAIT)
        assert message.type == types.MessageType.Error
        assert "citecheck.toml:1:1: unknown key 'selct' (did you mean 'select'?)" in message.message
        assert editor.published == []

    asyncio.run(session(tmp_path, script))


def test_without_the_extra_one_line_and_exit_2(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pygls", None)  # import pygls now raises ImportError
    assert main(["lsp"]) == 2
    err = capsys.readouterr().err
    assert err == LSP_MISSING + "\n" and "citecheck[lsp]" in err
