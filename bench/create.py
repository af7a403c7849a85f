"""Create throughput alone: ``python -m bench.create [--runs N] [--size N]``.

Measurement 1 of ``bench.run`` without the rest of the suite: ``POST
/api/v1/claims`` through gunicorn against raw single-row ``BEGIN IMMEDIATE``
commits on a copy of the same corpus, each the best of 3, in the same run.
Each run prints the ratio, and the CPU time the API's processes spent per
create (on a machine of n cores, no more than n / that many creates a
second can be served, whatever the disk), and how evenly the API's worker
processes shared the work: the busiest one's share of their CPU time, in
each API run (50% is even between 2; 100% is one process serving every
connection while the other idles). On a shared machine the ratio is the
figure to compare; the absolute rates move with the neighbours.
"""

from __future__ import annotations

import argparse

from bench import run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="how many measurements (each about a minute)")
    parser.add_argument("--size", type=int, default=min(run.SIZES), help="corpus size in claims")
    arguments = parser.parse_args()
    path, _ = run.corpus(arguments.size)
    for number in range(1, arguments.runs + 1):
        found = run.measure_create(path)
        print(
            f"run {number}: create {found['rps']:.0f} req/s (p99 {found['p99']:.1f} ms, {found['errors']:.0f} errors),"
            f" raw {found['limit']:.0f} commits/s, ratio {found['rps'] / found['limit']:.1%};"
            f" the API's processes used {found['cpu_ms']:.2f} ms of CPU per create;"
            f" the busiest of {run.API_WORKERS} workers did"
            f" {', '.join(f'{share:.0%}' for share in found['busiest_shares'])} of their work in each API run",
            flush=True,
        )


if __name__ == "__main__":
    main()
