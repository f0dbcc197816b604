"""The only package that touches the network.

- `client`: `fetch_all` fetches cited URLs under the limits of reliability.md section 5
- `policy`: which addresses, schemes and ports may be reached, checked at connect time on every hop
- `body`: reading and decoding a response body under a size cap
- `cache`: the on-disk cache of fetch results
- `result`: `FetchResult`, the value every consumer reads
"""
