"""Stage 3, classify: each sentence becomes a `Statement` of one kind (claim, opinion, question, quote,
heading, meta) with a check-worthiness score.

- `statements`: kinds and the statements of a document
- `checkworthy` (with `checkworthy_features`, `contextnet`, `wordpiece`): the check-worthiness model
"""
