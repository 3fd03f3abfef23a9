#!/usr/bin/env python3
"""Each page's cost at two scales, measured side by side (issue 23: "at 100,000 candidates those main pages within
1.5x of their 10,000-candidate time").

Two sites run at once, each over its own generated provider (10,000 candidates and, say, 100,000). For every page the
same address reaches at both (each role's main pages, and every route shape without an id that both scales' crawls
found), the pages are requested one at a time in alternating blocks, scale after scale, and each scale's median is
kept. Crawls at two scales run minutes or hours apart, on a machine whose speed drifts (other work, the page cache,
the kernel writing back a fresh 2.3 GB copy): a sub-millisecond page measured in two such runs can look twice as slow
when nothing about it changed. Alternating blocks in the same minutes measures the database's size alone.

    python3 bench/scale_pairs.py --site 10000=http://127.0.0.1:5081,bench/out/npq-10000-...info.json \
        --site 100000=http://127.0.0.1:5080,bench/out/npq-100000-...info.json [--rounds 4] [--block 40] \
        [--results bench/results] [--commit abc1234]

Writes bench/results/scale-pairs-10000-100000.md and .jsonl (named by the two scales). Python 3 standard library only.
"""
import argparse
import json
import os
import statistics
import sys
import time
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crawl  # noqa: E402

GROWTH_BUDGET = 1.5
# Each role's main pages (the budget's list): home, evidence, mentees, webinars, marking, the completion report.
MAIN = {
    "candidate": ["/", "/evidence", "/webinars"],
    "mentor": ["/", "/my/mentees", "/webinars", "/reports/completion"],
    "headteacher": ["/", "/webinars", "/reports/completion"],
    "assessor": ["/", "/marking", "/webinars"],
    "provider admin": ["/", "/webinars", "/reports/completion"],
}


def emails(info):
    return {"candidate": info["CandidateEmail"], "mentor": info["MentorEmail"],
            "headteacher": info.get("HeadteacherEmail") or "bench-head-1@npq.bench",
            "assessor": info.get("AssessorEmail") or "bench-assessor-1@npq.bench", "provider admin": info["AdminEmail"]}


def crawled(results, scale, page_caches="on"):
    """(role, url) of every route shape without an id that the crawl at this scale (page caches on or off, as the
    sites run) measured with a 200."""
    name = ("pages" if scale == 10000 else f"pages-{scale}") + ("-caches-off" if page_caches == "off" else "") + ".jsonl"
    path = os.path.join(results, name)
    if not os.path.exists(path):
        return set()
    rows = [json.loads(line) for line in open(path)]
    return {(r["role"], r["url"]) for r in rows if "{id}" not in r["shape"] and r["status"] == 200}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--site", action="append", required=True, help="SCALE=BASE,INFO (two of them)")
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--block", type=int, default=40, help="requests per page per scale per round")
    p.add_argument("--warm", type=int, default=30,
                   help="requests per page per scale before any is measured (the two sites as warm as each other)")
    p.add_argument("--results", default="bench/results")
    p.add_argument("--commit", default="unknown")
    p.add_argument("--page-caches", default="on", choices=["on", "off"],
                   help="how the two sites run: the crawls of the same kind list the pages both reach")
    args = p.parse_args()
    sites = []
    for spec in args.site:
        scale, rest = spec.split("=", 1)
        base, info = rest.split(",", 1)
        sites.append((int(scale), base, json.load(open(info))))
    sites.sort()
    if len(sites) != 2:
        raise SystemExit("give two --site options")
    (small, _, _), (large, _, _) = sites

    pages = [(role, path, True) for role, paths in MAIN.items() for path in paths]
    both = crawled(args.results, small, args.page_caches) & crawled(args.results, large, args.page_caches)
    main = {(r, u) for r, u, _ in pages}
    pages += [(role, url, False) for role, url in sorted(both) if (role, url) not in main]

    clients = {}
    for scale, base, info in sites:
        for role, email in emails(info).items():
            clients[(scale, role)] = crawl.Client(base, crawl.sign_in(base, email, info["Password"]))

    # Both sites equally warm before anything is measured: one of them has just been crawled, the other has just
    # started, and .NET compiles a page's code again, optimised, only after it has run a while. Measured cold, the
    # fresh site's first pages (the main ones) looked slower at 10,000 than at 100,000. Twice, with a pause after each:
    # .NET starts counting a method's calls only once no new code has been compiled for a moment, so on a fresh site
    # the first pass mostly compiles, and the second is what gets the pages' code optimised (with one pass only, the
    # freshly started site's candidate pages measured 1.4-1.7x the crawled site's at the same cost).
    for _ in range(2):
        for _ in range(args.warm):
            for role, path, _ in pages:
                for scale, _, _ in sites:
                    clients[(scale, role)].request("GET", path)
        time.sleep(2)

    rows = []
    t0 = time.perf_counter()
    for role, path, is_main in pages:
        times = {scale: [] for scale, _, _ in sites}
        statuses = {}
        for scale, _, _ in sites:  # warm-up
            for _ in range(5):
                statuses[scale] = clients[(scale, role)].request("GET", path)[0]
        if any(s != 200 for s in statuses.values()):
            rows.append({"role": role, "path": path, "main": is_main, "status": statuses})
            continue
        for _ in range(args.rounds):
            for scale, _, _ in sites:
                client = clients[(scale, role)]
                for _ in range(args.block):
                    start = time.perf_counter()
                    client.request("GET", path)
                    times[scale].append((time.perf_counter() - start) * 1000)
        medians = {scale: statistics.median(ts) for scale, ts in times.items()}
        ratio = medians[large] / medians[small] if medians[small] > 0 else None
        rows.append({"role": role, "path": path, "main": is_main, "ms": {str(k): round(v, 2) for k, v in medians.items()},
                     "ratio": None if ratio is None else round(ratio, 2), "grows": ratio is not None and ratio > GROWTH_BUDGET})
        print(f"{role} {path}: {medians[small]:.2f} ms at {small:,}, {medians[large]:.2f} ms at {large:,} ({ratio:.2f}x)", flush=True)

    os.makedirs(args.results, exist_ok=True)
    name = f"scale-pairs-{small}-{large}"
    with open(os.path.join(args.results, name + ".jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    measured = [r for r in rows if "ratio" in r]
    main_over = [r for r in measured if r["main"] and r["grows"]]
    other_over = [r for r in measured if not r["main"] and r["grows"]]
    lines = [f"# Each page at {small:,} and {large:,} candidates, side by side", "",
             f"Commit {args.commit}, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores. Written by "
             "bench/scale_pairs.py: two sites, one over each generated provider, run at once; each page is requested one "
             f"at a time in alternating blocks of {args.block} ({args.rounds} rounds), and each scale's median is shown. "
             f"The main pages first, then every page without an id in its address that both scales' crawls reached. "
             f"Budget: the main pages at {large:,} within {GROWTH_BUDGET}× their time at {small:,}; **grows** marks a page "
             f"over {GROWTH_BUDGET}×. Measured in {time.perf_counter() - t0:.0f} s.", "",
             f"Main pages over the budget: {len(main_over)} of {sum(1 for r in measured if r['main'])}; "
             f"other pages over {GROWTH_BUDGET}×: {len(other_over)} of {sum(1 for r in measured if not r['main'])}.", "",
             f"| role | page | {small:,} ms | {large:,} ms | × | |", "| --- | --- | ---: | ---: | ---: | --- |"]
    for r in rows:
        if "ratio" not in r:
            lines.append(f"| {r['role']} | `{r['path']}` | | | | status {r['status']} |")
            continue
        flag = ("**grows**" if r["grows"] else "") + (" (main)" if r["main"] else "")
        lines.append(f"| {r['role']} | `{r['path']}` | {r['ms'][str(small)]:.2f} | {r['ms'][str(large)]:.2f} | {r['ratio']:.2f} | {flag.strip()} |")
    open(os.path.join(args.results, name + ".md"), "w").write("\n".join(lines) + "\n")
    print(f"== {len(measured)} pages compared; main pages over {GROWTH_BUDGET}×: {len(main_over)} -> {args.results}/{name}.md")


if __name__ == "__main__":
    sys.exit(main())
