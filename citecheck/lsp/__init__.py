"""The language server (`citecheck lsp`): the command line's findings, underlined in an editor as the
draft is written, with quick fixes. Needs the optional `lsp` extra (pygls, lsprotocol); nothing here is
imported by the library or by the other commands.

Modules: `positions` (offsets to LSP positions), `drafts` (what is analysed: the open buffer, the
other drafts of the workspace folder, configured sources), `fixes` (the edits a quick fix makes),
`server` (the protocol, on pygls).
"""
