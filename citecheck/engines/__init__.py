"""Engines that run the pipeline somewhere other than this process: the same stage functions as
`citecheck.pipeline`, arranged as map, shuffle-by-key, reduce and join.

`steps` holds the per-record functions (plain values in, plain values out; no engine imported);
`on_dask` arranges them on a Dask cluster and imports dask only when it is asked to run
(`citecheck report --engine dask`, the `citecheck[dask]` extra).
"""

__all__: list[str] = []
