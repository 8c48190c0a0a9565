"""A bounded load test of ``onrecord serve`` on loopback: requests/s and p95 latency.

A store of 1,000 articles (the first 1,000 of the Wikinews and PolNeAR texts in ../shared;
rules-only analysis, linked into people, claims and stories) is built once
and cached under bench/.cache/ (git-ignored): the analysed articles as JSON Lines, and
the SQLite file. Then the real server runs as a separate process on a free loopback
port, and a few concurrent clients call the search, story and article endpoints for a
fixed time each. With PostgreSQL installed (initdb found), the same articles are stored
in a throwaway PostgreSQL cluster and measured side by side.

    python bench/load.py [--articles 1000] [--seconds 30] [--clients 4] [--out FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from corpus import CACHE, REPO, analysed_news

SEARCHES = ["president", "election", "police said", "minister", "court", "trump", "protest"]


def analysed_articles(count: int) -> list[Any]:
    """``count`` analysed articles (rules only: the load test reads, it does not judge)."""
    return analysed_news(count, tagger="off")


def fill_store(target: str, articles: list[Any]) -> float:
    """Store and link the articles; returns the seconds it took."""
    from onrecord.batch import link_unlinked
    from onrecord.store import open_store

    start = time.perf_counter()
    with open_store(target) as store:
        for article in articles:
            store.add(article)
        link_unlinked(store)
    return time.perf_counter() - start


def sqlite_store(articles: list[Any]) -> str:
    """The cached SQLite store of the articles, built when missing."""
    path = CACHE / f"load-{len(articles)}.db"
    if not path.exists():
        partial = path.with_suffix(".partial.db")
        partial.unlink(missing_ok=True)
        seconds = fill_store(str(partial), articles)
        partial.rename(path)
        print(f"built {path.name} in {seconds:.0f} s", file=sys.stderr)
    return str(path)


@contextmanager
def postgres_store(articles: list[Any]) -> Iterator[str | None]:
    """A throwaway PostgreSQL cluster holding the articles, or None without PostgreSQL."""
    sys.path.insert(0, str(REPO))
    from tests.postgres import find_bin_dir, running_cluster

    if find_bin_dir() is None:
        yield None
        return
    try:
        cluster_context = running_cluster()
        cluster = cluster_context.__enter__()
    except BaseException as error:  # pytest's skip and fail are BaseExceptions
        print(f"PostgreSQL did not start: {error}", file=sys.stderr)
        yield None
        return
    try:
        with cluster.database() as url:
            seconds = fill_store(url, articles)
            print(f"built the PostgreSQL store in {seconds:.0f} s", file=sys.stderr)
            yield url
    finally:
        cluster_context.__exit__(None, None, None)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(db: str) -> Iterator[str]:
    """``onrecord serve`` on a free loopback port, as its own process."""
    port = _free_port()
    command = [sys.executable, "-m", "onrecord", "serve", "--db", db, "--port", str(port)]
    server = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ONRECORD_TOKEN": ""},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/api/info", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"the server on {base} did not start")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


async def _client(
    http: httpx.AsyncClient, urls: Iterator[str], stop: float, latencies: list[float]
) -> int:
    errors = 0
    while time.monotonic() < stop:
        start = time.perf_counter()
        response = await http.get(next(urls))
        latencies.append(time.perf_counter() - start)
        errors += response.status_code != 200
    return errors


async def measure(base: str, urls: list[str], seconds: float, clients: int) -> dict[str, Any]:
    """Call the URLs in turn from ``clients`` concurrent clients for ``seconds``."""
    latencies: list[float] = []
    cycle = itertools.cycle(urls)
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        await http.get(urls[0])  # warm up
        stop = time.monotonic() + seconds
        started = time.perf_counter()
        errors = await asyncio.gather(
            *(_client(http, cycle, stop, latencies) for _ in range(clients))
        )
        elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(latencies),
        "errors": sum(errors),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
    }


def endpoints(base: str) -> dict[str, list[str]]:
    """The URLs each measured endpoint is called with, from the store's own content."""
    stories = httpx.get(base + "/api/stories", params={"limit": 50}).json()
    articles = httpx.get(base + "/api/articles", params={"limit": 50}).json()
    return {
        "search": [f"/api/search?q={text}" for text in SEARCHES],
        "story": [f"/api/stories/{story['id']}" for story in stories],
        "article": [f"/api/articles/{article['id']}" for article in articles],
    }


def run_backend(name: str, db: str, seconds: float, clients: int) -> dict[str, Any]:
    with running_server(db) as base:
        results = {}
        for endpoint, urls in endpoints(base).items():
            if not urls:
                continue
            results[endpoint] = asyncio.run(measure(base, urls, seconds, clients))
            print(f"{name:10} {endpoint:8} {results[endpoint]}", file=sys.stderr)
        return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=30, help="per endpoint")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--out", type=Path, default=None, help="also write the JSON here")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--db", default=None, help="measure this store as it is (no build)")
    args = parser.parse_args()
    report: dict[str, Any]

    if args.db:
        report = {"db": args.db, "clients": args.clients, "seconds_per_endpoint": args.seconds}
        report["measured"] = run_backend("given", args.db, args.seconds, args.clients)
        print(json.dumps(report, indent=2))
        return
    articles = analysed_articles(args.articles)
    report = {
        "articles": len(articles),
        "clients": args.clients,
        "seconds_per_endpoint": args.seconds,
        "cpus": os.cpu_count(),
    }
    report["sqlite"] = run_backend("sqlite", sqlite_store(articles), args.seconds, args.clients)
    if not args.no_postgres:
        with postgres_store(articles) as url:
            if url is None:
                report["postgresql"] = "not available (no PostgreSQL server binaries)"
            else:
                report["postgresql"] = run_backend("postgresql", url, args.seconds, args.clients)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
