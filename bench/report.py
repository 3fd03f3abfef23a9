#!/usr/bin/env python3
"""Turns bench/run's results.jsonl into the markdown table in bench/results/latest.md, checking the budget."""
import json
import sys
from datetime import datetime, timezone

path, cores, commit, candidates, cohorts, seed, duration, connections = sys.argv[1:9]
cores = int(cores)
rows = [json.loads(line) for line in open(path) if line.strip()]
by = {r["name"]: r for r in rows}


def rps(run):
    return run["requests"] / (run["duration_us"] / 1e6)


def errors(run):
    return run["connect_errors"] + run["read_errors"] + run["write_errors"] + run["status_errors"] + run["timeouts"]


def ms(us):
    return f"{us / 1000:.1f}"


bare = rps(by["bare"]["full"]) if "bare" in by else None
lines = [
    "# Benchmark results",
    "",
    f"- When: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; commit `{commit}`; {cores} cores",
    f"- Data: {candidates} candidates in {cohorts} cohorts, seed {seed}; SQLite; Production mode on 127.0.0.1",
    f"- Load: wrk, keep-alive, no pipelining, {connections} connections, {duration} s per run; \"half\" = paced at half of that scenario's own peak",
    "",
    "| scenario | req/s | × bare | p50 ms | p95 ms | p99 ms | p99 ms at half load | errors | peak MB |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
]
checks = []
for r in rows:
    if "full" in r:
        full, half = r["full"], r["half"]
        ratio = rps(full) / bare if bare else 0
        lines.append(
            f"| {r['name']} (`{r['path']}`) | {rps(full):,.0f} | {ratio:.2f} | {ms(full['p50_us'])} | {ms(full['p95_us'])} | {ms(full['p99_us'])} | "
            f"{ms(half['p99_us'])} | {errors(full) + errors(half)} | {r['peak_mb']} |")
        checks.append((f"{r['name']}: zero errors", errors(full) + errors(half) == 0, f"{errors(full) + errors(half)} errors"))
        if r["name"] == "framework-area":
            checks.append(("framework area page ≥ 0.30× bare", ratio >= 0.30, f"{ratio:.2f}×"))
            checks.append(("framework area page p99 ≤ 25 ms at half load", half["p99_us"] <= 25_000, f"{ms(half['p99_us'])} ms"))
        if r["name"] == "candidate-dashboard":
            checks.append(("signed-in dashboard ≥ 0.20× bare", ratio >= 0.20, f"{ratio:.2f}×"))
            checks.append(("signed-in dashboard p99 ≤ 50 ms at half load", half["p99_us"] <= 50_000, f"{ms(half['p99_us'])} ms"))
        if r["name"] == "final-record-pdf":
            per_core_minute = rps(full) * 60 / cores
            checks.append(("final-assessment record PDF ≥ 1,000 per minute per core", per_core_minute >= 1000, f"{per_core_minute:,.0f} per minute per core"))
    elif r["name"] == "evidence-submission":
        mixed = r["mixed"]
        total = rps(mixed)
        writes, reads = total / 2, total / 2
        read_only = rps(by["evidence-list"]["full"]) if "evidence-list" in by else 0
        keep = reads / read_only if read_only else 0
        lines.append(
            f"| evidence submission, 1 write : 1 read (`{r['path']}`) | {total:,.0f} ({writes:,.0f} writes/s) | – | {ms(mixed['p50_us'])} | {ms(mixed['p95_us'])} | "
            f"{ms(mixed['p99_us'])} | – | {errors(mixed)} | {r['peak_mb']} |")
        checks.append(("evidence submission ≥ 500 writes/s with reads running", writes >= 500, f"{writes:,.0f} writes/s"))
        checks.append(("reads keep ≥ 0.8× their read-only rate", keep >= 0.8, f"{keep:.2f}× ({reads:,.0f} vs {read_only:,.0f} reads/s)"))
        checks.append(("evidence submission: zero errors", errors(mixed) == 0, f"{errors(mixed)} errors"))
    elif r["name"] == "completion-csv":
        growth = r["peak_mb"] - r["rss_before_mb"]
        lines.append(
            f"| completion CSV, {r['rows']:,} rows (`{r['path']}`) | – | – | first byte {r['ttfb_s'] * 1000:.0f} | – | whole file {r['total_s'] * 1000:.0f} | – | "
            f"{0 if r['status'] == 200 else 1} | {r['peak_mb']} (+{growth}) |")
        checks.append(("completion CSV first byte ≤ 200 ms", r["ttfb_s"] <= 0.2, f"{r['ttfb_s'] * 1000:.0f} ms"))
        checks.append(("completion CSV whole file ≤ 2 s", r["total_s"] <= 2, f"{r['total_s']:.2f} s"))
        checks.append(("completion CSV memory growth ≤ 64 MB", growth <= 64, f"+{growth} MB"))
        checks.append(("completion CSV: zero errors", r["status"] == 200, f"HTTP {r['status']}"))

lines += ["", "## Budget", "", "| check | result | measured |", "| --- | --- | --- |"]
for name, ok, measured in checks:
    lines.append(f"| {name} | {'met' if ok else '**missed**'} | {measured} |")
print("\n".join(lines))
