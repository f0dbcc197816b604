"""Stage 6, verify: do cited pages exist and back the sentences that cite them (`--fetch`).

- `pages`: which URLs to fetch and the fetched pages as evidence (uses `citecheck.fetch`)
- `citations`: each citation checked against its page
- `support` (with `page_index`, `support_facts`, `words`): does a page back a claim
"""
