#!/usr/bin/env python3
"""Npq's page crawler for the benchmark (issue 23): every GET page of every role, measured.

Signs in as each role of the generated provider through the real sign-in form, walks the pages that role reaches by
following links from its home page (same origin, GET only, no sign-out/download/export links), keeps the first real
URL of each route shape (numbers and keys in the path and every query value collapsed), and for each shape records:
one request's time after warm-up (median of several, one at a time), HTML size, the status (anything but 2xx is an
error), and with wrk: throughput at full load as a ratio of the bare endpoint and p99 at half that load. A main page
(the budget's ratio) is first loaded for --main-warm-seconds (20 s: until .NET runs its optimised code), then run
--main-rounds times (3) at full load between bare runs; each round's ratio is to the faster of the bare runs either side
of it and the page's is the rounds' median. Its runs and those bare runs last --main-seconds (3 s) at least, however
short the other pages' runs.

New routes are covered without editing this file: whatever a role can reach by a link is measured.

    python3 bench/crawl.py --base http://127.0.0.1:5080 --info bench/out/npq-...info.json --candidates 1000 \
        [--wrk-seconds 3] [--connections 32] [--page-caches on|off] [--results bench/results]

--wrk-seconds 0 measures single requests only (quick runs while developing). Writes bench/results/pages.md (or
pages-caches-off.md; at another scale than 10,000 candidates pages-100000.md and so on), pages*.jsonl, and merges each main page's single-request time into scale.json / scale.md under
the scale run, so the results show each page's time at 1,000, 10,000 and 100,000 candidates side by side.
Python 3 standard library only; wrk and bench/lua/report.lua for the load runs.
"""
import argparse
import html.parser
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.parse
from datetime import datetime, timezone

# Budgets (issue 23), reported, never asserted.
SINGLE_MS = 150
P99_HALF_MS = 100
HTML_KB = 300
# The main pages: each role's home, the evidence list, the mentees list, the webinars list, the completion report.
MAIN_SHAPES = {"/", "/evidence", "/my/mentees", "/webinars", "/reports/completion", "/admin", "/marking"}
MAIN_MIN_RATIO = 0.10
MAIN_P99_MS = 25

# Links never followed: they change state, leave the site, or download a file rather than show a page.
SKIP = re.compile(r"(sign-out|sign-in|/export|/download|\.(csv|pdf|zip|ics|xlsx|json|txt|png|jpg|svg|mp4)(\?|$)|/files/|/bench/|/health)", re.I)
KEY = re.compile(r"^([0-9]+|[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f-]{27})$", re.I)


def shape_of(url, learn=False):
    """A URL's route shape: numeric ids and hex keys in the path become {id}, query values become *. (Named segments,
    such as a framework's areas, stay: a name can't be told from a fixed route by looking at it.)"""
    parts = urllib.parse.urlsplit(url)
    segments = ["{id}" if KEY.match(s) else s for s in parts.path.split("/")]
    query = sorted({k for k, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)})
    shape = "/".join(segments) or "/"
    return shape + ("?" + "&".join(f"{k}=*" for k in query) if query else "")


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a and "download" not in a:
            self.hrefs.append(a["href"])


class Client:
    """One keep-alive connection with a cookie; redirects are not followed (a redirect is a result, not a page)."""

    def __init__(self, base, cookie=""):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port or 80
        self.cookie = cookie
        self.conn = None

    def request(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                h = {"Cookie": self.cookie} if self.cookie else {}
                h.update(headers or {})
                self.conn.request(method, path, body=body, headers=h)
                r = self.conn.getresponse()
                data = r.read()
                return r.status, r.getheaders(), data
            except (http.client.HTTPException, OSError):
                self.conn = None
                if attempt == 2:
                    raise


def sign_in(base, email, password):
    """Through the real form: the antiforgery cookie and token, then the POST; returns the Cookie header value."""
    jar = {}
    client = Client(base)

    def keep(headers):
        for name, value in headers:
            if name.lower() == "set-cookie":
                k, v = value.split(";", 1)[0].split("=", 1)
                jar[k.strip()] = v

    status, headers, body = client.request("GET", "/account/sign-in")
    keep(headers)
    token = re.search(rb'name="__RequestVerificationToken" type="hidden" value="([^"]*)"', body).group(1).decode()
    client.cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    form = urllib.parse.urlencode({"Email": email, "Password": password, "__RequestVerificationToken": token})
    status, headers, _ = client.request("POST", "/account/sign-in", form, {"Content-Type": "application/x-www-form-urlencoded"})
    keep(headers)
    if status not in (302, 303):
        raise SystemExit(f"sign-in as {email} answered {status}")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def largest_size_first(hrefs):
    """A page's links with those naming the largest page size first (keeping the order otherwise): a pager offers every
    size, and the budget holds for each of them, so a list's shape with a size is measured at its largest."""
    def size(href):
        query = urllib.parse.parse_qsl(urllib.parse.urlsplit(href).query)
        return max((int(v) for k, v in query if k.endswith("size") and v.isdigit()), default=0)
    return sorted(hrefs, key=lambda href: -size(href))


def crawl(base, cookie, max_fetches):
    """Breadth first from the home page; the first URL of each shape, in the order found (of a page's links to one
    shape, the one with the largest page size)."""
    client = Client(base, cookie)
    origin = urllib.parse.urlsplit(base)
    seen_shapes, found, queue, fetches = set(), [], ["/"], 0
    seen_shapes.add(shape_of("/"))
    while queue and fetches < max_fetches:
        path = queue.pop(0)
        status, headers, body = client.request("GET", path)
        fetches += 1
        found.append(path)
        head = dict((k.lower(), v) for k, v in headers)
        ctype = head.get("content-type", "")
        if 300 <= status < 400 and "location" in head:
            hrefs = [head["location"]]  # a redirect is measured as itself, and where it leads is crawled
        elif status != 200 or "html" not in ctype:
            continue
        else:
            parser = Links()
            try:
                parser.feed(body.decode("utf-8", "replace"))
            except Exception:  # a page the parser can't read is still measured, only not followed
                continue
            hrefs = parser.hrefs
        for href in largest_size_first(hrefs):
            absolute = urllib.parse.urljoin(base + path, href.strip())
            u = urllib.parse.urlsplit(absolute)
            if u.scheme not in ("http", "https") or u.netloc != origin.netloc:
                continue
            target = u.path + ("?" + u.query if u.query else "")
            if SKIP.search(target):
                continue
            s = shape_of(target, learn=True)
            if s not in seen_shapes:
                seen_shapes.add(s)
                queue.append(target)
    return found


def single(client, path, warm=2, runs=5):
    for _ in range(warm):
        client.request("GET", path)
    times, status, size = [], 0, 0
    for _ in range(runs):
        t0 = time.perf_counter()
        status, _, body = client.request("GET", path)
        times.append((time.perf_counter() - t0) * 1000)
        size = len(body)
    return statistics.median(times), status, size


def wrk(base, path, cookie, seconds, connections, rate=0):
    env = dict(os.environ, WRK_COOKIE=cookie, WRK_CONNECTIONS=str(connections))
    if rate:
        env["WRK_RATE"] = str(rate)
    lua = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lua", "report.lua")
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", lua, base + path],
                         env=env, capture_output=True, text=True).stdout
    line = next((l for l in out.splitlines() if l.startswith("BENCH_JSON ")), None)
    return json.loads(line.split(" ", 1)[1]) if line else None


def rps(run):
    return run["requests"] / (run["duration_us"] / 1e6) if run and run["duration_us"] else 0.0


def wrk_errors(run):
    return sum(run[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")) if run else 0


def measure(args, role, cookie, paths, bare):
    client = Client(args.base, cookie)
    rows = []
    for path in paths:
        ms, status, size = single(client, path)
        row = {"role": role, "shape": shape_of(path), "url": path, "status": status, "single_ms": round(ms, 1), "html_kb": round(size / 1024, 1)}
        if args.wrk_seconds > 0 and 200 <= status < 400:
            main = is_main(row["shape"])
            if main:
                # A main page's ratio is its budget: measured on the page's code once it is compiled for speed, and
                # against the bare endpoint run beside it (below), on the machine as fast as it is in those seconds
                # (its speed drifts by half over a crawl's minutes on a shared host). .NET compiles a method quickly first,
                # then (dynamic PGO) with counters, then optimised, in the background: with two cores busy serving a
                # full load that takes 15-20 s of load on a fresh site (the candidate's home served 1,000-1,100 a
                # second for its first 16 s and 2,600 from the 20th; with call counting started at once,
                # DOTNET_TC_CallCountingDelayMs=0, from the 7th). A provider's site runs for days: its pages are
                # measured as they run then, after --main-warm-seconds of load.
                wrk(args.base, path, cookie, max(args.wrk_seconds, args.main_warm_seconds), args.connections)
            # A main page's runs (full load, half load, and the bare runs beside it) last --main-seconds (3 s, however
            # short the other pages' runs): one second of a 2-core host swings the bare endpoint by a quarter, too much
            # for a ratio that is the budget. Its full load is run --main-rounds times (3) between bare runs (bare,
            # page, bare, page, bare, page, bare); each round's ratio is to the faster of the bare runs on either side
            # of it, so one slow second of the machine (a bare run at half its speed beside a page was seen) never
            # flatters a page, and the page's ratio is the rounds' median, so one disturbed round does not decide it
            # either way. Every round's ratio is reported.
            seconds = max(args.wrk_seconds, args.main_seconds) if main else args.wrk_seconds
            bare_now = lambda: rps(wrk(args.base, "/bench/bare", "", seconds, args.connections))  # noqa: E731
            if main:
                bares, rounds = [bare_now()], []
                for _ in range(max(1, args.main_rounds)):
                    run = wrk(args.base, path, cookie, seconds, args.connections)
                    bares.append(bare_now())
                    near = max(bares[-2], bares[-1])
                    rounds.append((rps(run) / near if near else 0.0, run, near))
                ratio, full, near = sorted(rounds, key=lambda r: r[0])[len(rounds) // 2]
            else:
                full = wrk(args.base, path, cookie, seconds, args.connections)
                ratio = rps(full) / bare if bare else None
            rate = max(1, int(rps(full) / 2))
            half = wrk(args.base, path, cookie, seconds, args.connections, rate)
            row.update(rps=round(rps(full)), ratio=round(ratio, 3) if ratio is not None else None,
                       # No answer at all during a short half-load run (a slow page at a low rate) gives no p99, not 0.
                       p99_half_ms=round(half["p99_us"] / 1000, 1) if half and half["requests"] > 0 else None,
                       load_errors=wrk_errors(half) + (sum(wrk_errors(r[1]) for r in rounds) if main else wrk_errors(full)))
            if main:
                row.update(bare_beside=round(near), rounds=[round(r[0], 3) for r in rounds],
                           ratio_to_first_bare=round(rps(full) / bare, 3) if bare else None)
        row["over"] = over_budget(row)
        rows.append(row)
        print(f"  {role:12} {row['shape'][:60]:60} {status} {ms:8.1f} ms {size / 1024:8.1f} KB"
              + (f" {row.get('rps', 0):7} req/s p99½ {row.get('p99_half_ms')} ms" if "rps" in row else "")
              + (f"  OVER: {', '.join(row['over'])}" if row["over"] else ""), flush=True)
    return rows


def is_main(shape):
    return shape.split("?")[0] in MAIN_SHAPES and "?" not in shape


def over_budget(row):
    over = []
    if not 200 <= row["status"] < 400:
        over.append(f"status {row['status']}")
    if row["single_ms"] > SINGLE_MS:
        over.append(f"single > {SINGLE_MS} ms")
    if row["html_kb"] > HTML_KB:
        over.append(f"HTML > {HTML_KB} KB")
    if row.get("p99_half_ms") is not None and row["p99_half_ms"] > P99_HALF_MS:
        over.append(f"p99 > {P99_HALF_MS} ms")
    if row.get("load_errors"):
        over.append(f"{row['load_errors']} errors under load")
    if is_main(row["shape"]):
        if row.get("ratio") is not None and row["ratio"] < MAIN_MIN_RATIO:
            over.append(f"main page < {MAIN_MIN_RATIO}× bare")
        if row.get("p99_half_ms") is not None and row["p99_half_ms"] > MAIN_P99_MS:
            over.append(f"main page p99 > {MAIN_P99_MS} ms")
    return over


def report(args, rows, bare, commit):
    caches = "off" if args.page_caches == "off" else "on"
    lines = [f"# Every page, every role ({args.candidates:,} candidates, page caches {caches})", "",
             f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}, {os.cpu_count()} cores, "
             + (f"wrk {args.wrk_seconds} s full + {args.wrk_seconds} s at half load, {args.connections} connections, bare endpoint {bare:,.0f} req/s."
                if args.wrk_seconds > 0 else "single requests only (no load runs: --wrk-seconds 0)."),
             "",
             "A redirect (3xx) is measured as itself and where it leads is crawled; 4xx and 5xx are errors. "
             f"Budget: one request ≤ {SINGLE_MS} ms, p99 ≤ {P99_HALF_MS} ms at half load, HTML ≤ {HTML_KB} KB, no errors; "
             f"main pages (each home, /evidence, /my/mentees, /webinars, /marking, /reports/completion) ≥ {MAIN_MIN_RATIO}× bare and p99 ≤ {MAIN_P99_MS} ms. "
             "**Over** marks a row that misses it. Single = median of 5 requests one at a time after 2 warm-ups. "
             + (f"A main page is loaded for {max(args.wrk_seconds, args.main_warm_seconds)} s before its full-load run (not counted: .NET's "
                f"optimised code replaces its first code only after 15-20 s of load on a fresh site), then run {args.main_rounds} times at full load "
                "between bare endpoint runs (bare, page, bare, …); each round's ratio is to the faster of the bare runs either side of it, and its "
                "× bare is the rounds' median (every round is listed below, with the median round's rate against the bare run at the crawl's start). "
                f"A main page's runs, and the bare runs beside it, last {max(args.wrk_seconds, args.main_seconds)} s." if args.wrk_seconds > 0 else ""), ""]
    mains = [r for r in rows if r.get("bare_beside")]
    if mains:
        lines += ["## Main pages against the bare endpoint", "",
                  "| role | page | req/s (median round) | bare runs beside it (the faster) | × bare (median) | each round's × bare | × the first bare run |",
                  "| --- | --- | ---: | ---: | ---: | --- | ---: |"]
        lines += [f"| {r['role']} | `{r['shape']}` | {r['rps']:,} | {r['bare_beside']:,} | {r['ratio']} | {', '.join(str(x) for x in r.get('rounds', [r['ratio']]))} | "
                  f"{r['ratio_to_first_bare']} |" for r in mains]
        lines.append("")
    for role in dict.fromkeys(r["role"] for r in rows):
        mine = [r for r in rows if r["role"] == role]
        lines += [f"## {role} ({len(mine)} route shapes, {sum(1 for r in mine if r['over'])} over budget)", "",
                  "| route shape | first URL | status | single ms | HTML KB | req/s | × bare | p99 ½ load ms | over budget |",
                  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
        for r in mine:
            cell = lambda k: "" if r.get(k) is None else f"{r[k]:,}"
            lines.append(f"| `{r['shape']}` | {r['url']} | {r['status']} | {r['single_ms']:,} | {r['html_kb']:,} | {cell('rps')} | {cell('ratio')} | "
                         f"{cell('p99_half_ms')} | {'**' + '; '.join(r['over']) + '**' if r['over'] else ''} |")
        lines.append("")
    return "\n".join(lines)


def merge_scale(args, rows, commit):
    """scale.json keeps each page's single-request time per scale (and caches setting); scale.md shows them side by side."""
    path = os.path.join(args.results, "scale.json")
    data = json.load(open(path)) if os.path.exists(path) else {}
    key = f"{args.candidates}" + ("" if args.page_caches != "off" else "-caches-off")
    data[key] = {"commit": commit, "when": f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M}",
                 "pages": {f"{r['role']} {r['shape']}": r["single_ms"] for r in rows}}
    with open(path, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
    scales = sorted(data, key=lambda k: (k.endswith("off"), int(k.split("-")[0])))
    pages = sorted({p for k in scales for p in data[k]["pages"]}, key=lambda p: (p.split(" ", 1)[1].split("?")[0] not in MAIN_SHAPES, p))
    lines = ["# Each page's time at each scale (single request, ms)", "",
             "Merged by bench/crawl.py after each run: a column per scale run (candidates; page caches off where named). "
             "Main pages first. The budget: at 100,000 candidates the main pages within 1.5× of their 10,000-candidate time; "
             "**grows** marks a page over that here. The columns come from runs made at different times, and a page of a "
             "millisecond or two moves with the machine between them: scale-pairs-10000-100000.md, written by "
             "bench/scale_pairs.py with both sites running at once and their requests alternating, is the measure of growth.", "",
             "| page | " + " | ".join(f"{k} ({data[k]['commit']}, {data[k]['when']})" for k in scales) + " |",
             "| --- | " + " | ".join("---:" for _ in scales) + " |"]
    for p in pages:
        cells = [data[k]["pages"].get(p) for k in scales]
        flag = ""
        t10, t100 = data.get("10000", {}).get("pages", {}).get(p), data.get("100000", {}).get("pages", {}).get(p)
        if t10 and t100 and t100 > 1.5 * t10:
            flag = " **grows**"
        lines.append(f"| {p}{flag} | " + " | ".join("" if c is None else f"{c:,}" for c in cells) + " |")
    open(os.path.join(args.results, "scale.md"), "w").write("\n".join(lines) + "\n")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--info", required=True)
    p.add_argument("--candidates", type=int, required=True)
    p.add_argument("--wrk-seconds", type=int, default=3)
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--main-warm-seconds", type=int, default=20, help="load on a main page before its measured run")
    p.add_argument("--main-seconds", type=int, default=3, help="a main page's full-load run and the bare runs beside it, at least")
    p.add_argument("--main-rounds", type=int, default=3, help="a main page's full-load runs, each between bare runs; its ratio is their median")
    p.add_argument("--page-caches", default="on")
    p.add_argument("--results", default="bench/results")
    p.add_argument("--max-pages", type=int, default=300, help="pages fetched per role while crawling")
    p.add_argument("--commit", default="unknown")
    args = p.parse_args()
    info = json.load(open(args.info))
    roles = [("candidate", info["CandidateEmail"]), ("mentor", info["MentorEmail"]), ("headteacher", info.get("HeadteacherEmail") or "bench-head-1@npq.bench"),
             ("assessor", info.get("AssessorEmail") or "bench-assessor-1@npq.bench"), ("provider admin", info["AdminEmail"])]
    bare = 0.0
    if args.wrk_seconds > 0:
        bare = rps(wrk(args.base, "/bench/bare", "", args.wrk_seconds, args.connections))
        print(f"== bare endpoint {bare:,.0f} req/s", flush=True)
    rows, shapes = [], {}
    for role, email in roles:
        cookie = sign_in(args.base, email, info["Password"])
        t0 = time.perf_counter()
        paths = crawl(args.base, cookie, args.max_pages)
        print(f"== {role} ({email}): {len(paths)} route shapes found in {time.perf_counter() - t0:.1f} s", flush=True)
        shapes[role] = paths
        rows += measure(args, role, cookie, paths, bare)
    # 10,000 candidates is the budget's scale: pages.md; another scale is written beside it (pages-100000.md).
    suffix = ("" if args.candidates == 10000 else f"-{args.candidates}") + ("" if args.page_caches != "off" else "-caches-off")
    os.makedirs(args.results, exist_ok=True)
    with open(os.path.join(args.results, f"pages{suffix}.jsonl"), "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    text = report(args, rows, bare, args.commit)
    open(os.path.join(args.results, f"pages{suffix}.md"), "w").write(text + "\n")
    merge_scale(args, rows, args.commit)
    over = sum(1 for r in rows if r["over"])
    print(f"== {len(rows)} pages measured, {over} over budget -> {args.results}/pages{suffix}.md", flush=True)


if __name__ == "__main__":
    sys.exit(main())
