"""The Language Server Protocol on pygls: diagnostics on open, change (debounced) and save; quick fixes.

Analyses run one at a time in a worker thread so the protocol keeps answering while one runs; a
result is published only if the buffer has not changed since it was taken. Every diagnostic carries
the rule code, the hint, and `citecheck rules CODE`, the command that explains the rule (there is no
web page per rule to link to, so `codeDescription` is left out).
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

from attrs import frozen
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import TextDocument

from citecheck.errors import ConfigError
from citecheck.lsp.drafts import Analysis, DraftCache, analyse_buffer, draft_format
from citecheck.lsp.fixes import fixes_for
from citecheck.lsp.positions import LinePositions, source_span
from citecheck.model import Finding
from citecheck.text import Span
from citecheck.version import __version__

__all__ = ["CitecheckServer", "SERVER", "serve", "DEBOUNCE_SECONDS"]

log = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.5  # after the last keystroke: a paragraph typed is analysed once, not per letter
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


@frozen
class Published:
    """The analysis behind the diagnostics last published for a buffer: code actions read it back."""

    version: int | None
    analysis: Analysis


class CitecheckServer(LanguageServer):
    def __init__(self) -> None:
        # Full sync: the server keeps no incremental line arithmetic of its own to get wrong.
        super().__init__("citecheck", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.published: dict[str, Published] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="citecheck-analysis")
        self.drafts = DraftCache()

    def schedule(self, uri: str, delay: float) -> None:
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.ensure_future(self._later(uri, delay))

    async def _later(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        await self.refresh(uri)

    async def refresh(self, uri: str) -> None:
        """Analyse the buffer as it stands and publish its diagnostics, unless it changed meanwhile."""
        doc = self.workspace.text_documents.get(uri)
        fmt = draft_format(doc.path or uri, doc.language_id) if doc else None
        if doc is None or fmt is None or not doc.path:
            return
        path = Path(doc.path).resolve()
        version, text = doc.version, doc.source
        job = partial(analyse_buffer, path, text, fmt, self.folder_of(path), self.open_buffers(uri), self.drafts)
        try:
            analysis = await asyncio.get_running_loop().run_in_executor(self.worker, job)
        except ConfigError as exc:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"citecheck: {exc}"))
            return
        for problem in analysis.problems:
            self.tell(types.MessageType.Warning, problem)
        now = self.workspace.text_documents.get(uri)
        if now is None or now.version != version:
            return  # a newer analysis is on its way
        self.published[uri] = Published(version, analysis)
        diagnostics = [self.diagnostic(analysis, i, text, version) for i in range(len(analysis.findings))]
        params = types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        self.text_document_publish_diagnostics(params)

    def tell(self, kind: types.MessageType, message: str) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=f"citecheck: {message}"))

    def folder_of(self, path: Path) -> Path | None:
        """The innermost workspace folder holding `path`: whose other drafts corroborate it."""
        roots = [Path(to_fs_path(f.uri) or "").resolve() for f in self.workspace.folders.values()]
        if not roots and self.workspace.root_path:
            roots = [Path(self.workspace.root_path).resolve()]
        holding = [r for r in roots if path.is_relative_to(r)]
        return max(holding, key=lambda r: len(r.parts)) if holding else None

    def open_buffers(self, skip: str) -> dict[Path, str]:
        docs = self.workspace.text_documents.values()
        return {Path(d.path).resolve(): d.source for d in docs if d.uri != skip and d.path}

    def diagnostic(self, analysis: Analysis, index: int, text: str, version: int | None) -> types.Diagnostic:
        finding = analysis.findings[index]
        message = finding.message + (f"\nhint: {finding.hint}" if finding.hint else "")
        explain = f"citecheck rules {finding.code}"
        return types.Diagnostic(
            range=self.range_of(analysis, finding, text),
            message=f"{message}\nexplained by: {explain}",
            severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Information),
            code=finding.code,
            source="citecheck",
            data={"rule": finding.rule, "explain": explain, "hint": finding.hint, "index": index, "version": version},
        )

    def range_of(self, analysis: Analysis, finding: Finding, text: str) -> types.Range:
        lines = LinePositions.of(text, self.workspace.position_codec.client_num_units)
        if finding.span:
            span = source_span(analysis.document, finding.span)
        elif finding.line:  # a place in the source only (an HTML suppression comment): to the end of its line
            at = lines.lines.starts[min(finding.line, len(lines.lines.starts)) - 1] + (finding.column or 1) - 1
            span = Span(at, lines.line_end(at))
        else:  # a finding about the whole draft: shown on the first line
            span = Span(0, lines.line_end(0))
        return types.Range(start=_position(lines, span.start), end=_position(lines, span.end))

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        held = self.published.get(uri)
        doc = self.workspace.text_documents.get(uri)
        if held is None or doc is None or doc.version != held.version or held.analysis.article is None:
            return []  # the buffer changed since its diagnostics: fixes would land in the wrong place
        actions = []
        for diagnostic in params.context.diagnostics:
            finding = _finding_of(held, diagnostic)
            if finding is not None:
                actions.extend(self.actions_for(uri, held, finding, diagnostic, doc))
        return actions

    def actions_for(
        self, uri: str, held: Published, finding: Finding, diagnostic: types.Diagnostic, doc: TextDocument
    ) -> list[types.CodeAction]:
        lines = LinePositions.of(doc.source, self.workspace.position_codec.client_num_units)
        actions = []
        article = held.analysis.article
        for n, fix in enumerate(fixes_for(article, finding, doc.source) if article is not None else ()):
            at = _position(lines, fix.offset)
            edit = types.TextEdit(range=types.Range(start=at, end=at), new_text=fix.text)
            actions.append(
                types.CodeAction(
                    title=fix.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=n == 0,
                    edit=types.WorkspaceEdit(changes={uri: [edit]}),
                )
            )
        return actions

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.published.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def _position(lines: LinePositions, offset: int) -> types.Position:
    line, character = lines.position(offset)
    return types.Position(line=line, character=character)


def _finding_of(held: Published, diagnostic: types.Diagnostic) -> Finding | None:
    data: Any = diagnostic.data
    if diagnostic.source != "citecheck" or not isinstance(data, dict) or data.get("version") != held.version:
        return None
    index = data.get("index")
    findings = held.analysis.findings
    if not isinstance(index, int) or not 0 <= index < len(findings) or findings[index].code != diagnostic.code:
        return None
    return findings[index]


SERVER = CitecheckServer()


@SERVER.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: CitecheckServer, params: types.DidOpenTextDocumentParams) -> None:
    await ls.refresh(params.text_document.uri)


@SERVER.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: CitecheckServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)


@SERVER.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: CitecheckServer, params: types.DidSaveTextDocumentParams) -> None:
    """A saved draft is evidence for the others: every open draft is analysed again, this one first."""
    uri = params.text_document.uri
    ls.schedule(uri, 0)
    for other in list(ls.workspace.text_documents):
        if other != uri:
            ls.schedule(other, 0)


@SERVER.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: CitecheckServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


@SERVER.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_action(ls: CitecheckServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    return ls.code_actions(params)


def serve() -> None:
    """Talk LSP over stdin/stdout until the client sends exit."""
    SERVER.start_io()
