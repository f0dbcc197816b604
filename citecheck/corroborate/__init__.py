"""Stage 4, corroborate: every claim scored across documents, by independent origin.

Map: `matching.emit` gives each claim's blocking keys; shuffle: `matching.group`; reduce:
`matching.relate` per group. `stories` clusters documents into stories (a blocking key), `origins`
traces statements to who first said them (echoes collapse), `consistency` finds a document
contradicting itself, and `scoring` turns the evidence into labels and scores.
"""
