"""Stage 1, read: an input (file, stdin, URL body) becomes a `Document` with blocks, links, metadata,
reference sections and sentences, every span in character offsets.

- `files`: discovering and decoding inputs (`read_input`, `read_text`, `InputSpec`, `ReadOptions`)
- `layout`: plain text and Markdown as blocks
- `webpage/`: HTML as the main content's blocks, with a map back to source offsets
- `sections`: reference lists, furniture and metadata lines
- `segment`: sentences
- `isodate`: written calendar dates as ISO dates
"""
