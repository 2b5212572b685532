"""Crawler speed against a loopback server with many hosts, politeness off.

    .venv/bin/python bench/crawl_speed.py [--hosts 20] [--pages 2000] [--concurrency 64] [--rounds 2]

A separate process serves --hosts loopback ports (one "site" each; a small asyncio HTTP/1.1
server with keep-alive, answering robots.txt and demo article pages of about 7-20 KB). In this
process, each figure fetches the same --pages URLs, spread over the hosts:

  1. baseline: plain httpx.AsyncClient GETs, same concurrency, nothing else            (the baseline)
  2. Fetcher.fetch_all: robots.txt, address checks, per-host slots, size caps, Page records
  3. as 2, plus every response written to a gzip WARC archive
  4. as 3, plus the crawler's own HTML parsing of every page (lxml: links and the
     article/listing test the spider uses)

Each figure: pages/s (wall) and CPU milliseconds per page in this process (the server's CPU is
not counted), with its ratio to the baseline. Rounds alternate the variants and keep the best.
Then the two CPU-bound parts are timed alone on the same pages, without any network: writing
the WARC records, and parsing. On a shared machine the CPU figures are the stable ones.
Results: bench/RESULTS.md, section "Crawling".
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import platform
import tempfile
import time
from pathlib import Path


def _bodies() -> list[bytes]:
    from wirehouse.demo import corpus, render

    bodies = []
    for outlet in corpus.load_outlets():
        site = render.build_site(outlet, f"http://{outlet.id}.example")
        bodies += [site.resources[e.path].body for e in site.entries if e.kind == "article"]
    return bodies


def serve(hosts: int, ready, stop) -> None:
    """Serve ``hosts`` ports until ``stop`` is set; put the port list on ``ready``."""
    bodies = _bodies()
    robots = b"User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n"

    def answer(path: bytes) -> bytes:
        if path == b"/robots.txt":
            body, kind = robots, b"text/plain"
        elif path.startswith(b"/a/"):
            body, kind = bodies[int(path[3:].split(b".")[0]) % len(bodies)], b"text/html; charset=utf-8"
        else:
            return b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
        return (b"HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\nETag: \"1\"\r\n\r\n%s"
                % (kind, len(body), body))

    async def client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1]
                writer.write(answer(path))
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        servers = [await asyncio.start_server(client, "127.0.0.1", 0, backlog=1024) for _ in range(hosts)]
        ready.put([s.sockets[0].getsockname()[1] for s in servers])
        while not stop.is_set():
            await asyncio.sleep(0.1)
        for s in servers:
            s.close()

    asyncio.run(main())


async def _baseline(urls: list[str], concurrency: int) -> int:
    import httpx

    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=concurrency)) as client:
        async def one(url: str) -> int:
            async with gate:
                response = await client.get(url)
                return int(response.status_code == 200 and len(response.content) > 0)

        return sum(await asyncio.gather(*(one(u) for u in urls)))


def run_variant(name: str, urls: list[str], settings, archive_dir: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, pages ok) for one variant."""
    from wirehouse.crawl.archive import WarcWriter
    from wirehouse.crawl.fetch import Fetcher, Target
    from wirehouse.records import Page

    wall, cpu = time.perf_counter(), time.process_time()
    if name == "baseline":
        ok = asyncio.run(_baseline(urls, settings.concurrency))
    else:
        archive = WarcWriter(archive_dir / f"{name}-{time.time_ns()}.warc.gz") if name != "fetch" else None

        async def go():
            async with Fetcher(settings, archive=archive) as fetcher:
                return await fetcher.fetch_all([Target(u) for u in urls])

        try:
            results = asyncio.run(go())
        finally:
            if archive is not None:
                archive.close()
        pages = [r for r in results if isinstance(r, Page) and r.status == 200]
        ok = len(pages)
        if name == "fetch+archive+parse":
            import lxml.html

            from wirehouse.crawl.spider import links, page_is_article

            for page in pages:
                doc = lxml.html.fromstring(page.body)
                links(doc, page.final_url)
                page_is_article(doc, page.final_url)
    return time.perf_counter() - wall, time.process_time() - cpu, ok


def components(pages: int, tmp: Path) -> tuple[float, float]:
    """CPU ms per page of writing WARC records and of parsing, on demo pages, no network."""
    import httpx
    import lxml.html

    from wirehouse.crawl.archive import WarcWriter
    from wirehouse.crawl.fetch import Fetched
    from wirehouse.crawl.spider import links, page_is_article

    bodies = _bodies()
    headers = httpx.Headers({"Content-Type": "text/html; charset=utf-8", "ETag": '"1"'})
    fetched = [Fetched(f"http://h{i % 20}.example/a/{i}.html", 200, headers, bodies[i % len(bodies)])
               for i in range(pages)]
    cpu = time.process_time()
    with WarcWriter(tmp / "components.warc.gz") as writer:
        for f in fetched:
            writer.write_response(f, requested=f.url, source="bench")
    archive_ms = 1000 * (time.process_time() - cpu) / pages
    cpu = time.process_time()
    for f in fetched:
        doc = lxml.html.fromstring(f.content)
        links(doc, f.url)
        page_is_article(doc, f.url)
    parse_ms = 1000 * (time.process_time() - cpu) / pages
    return archive_ms, parse_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    from wirehouse.settings import Settings

    ctx = multiprocessing.get_context("spawn")
    ready, stop = ctx.Queue(), ctx.Event()
    server = ctx.Process(target=serve, args=(args.hosts, ready, stop), daemon=True)
    server.start()
    try:
        ports = ready.get(timeout=120)
        urls = [f"http://127.0.0.1:{ports[i % len(ports)]}/a/{i}.html" for i in range(args.pages)]
        settings = Settings(
            allow_loopback=True, per_host_delay_s=0.0, obey_crawl_delay=False, retries=0,
            concurrency=args.concurrency, per_host_concurrency=max(1, args.concurrency // args.hosts * 2),
        )
        variants = ["baseline", "fetch", "fetch+archive", "fetch+archive+parse"]
        best: dict[str, tuple[float, float, int]] = {}
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(args.rounds):
                for name in variants:
                    result = run_variant(name, urls, settings, Path(tmp))
                    if name not in best or result[0] < best[name][0]:
                        best[name] = result
            archived = sum(f.stat().st_size for f in Path(tmp).glob("*.warc.gz"))
            archive_ms, parse_ms = components(args.pages, Path(tmp))
    finally:
        stop.set()
        server.join(timeout=10)
        if server.is_alive():
            server.terminate()

    print(f"{args.pages} pages over {args.hosts} loopback hosts, concurrency {args.concurrency} "
          f"(per host {settings.per_host_concurrency}), politeness off; best of {args.rounds} rounds")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    base_rate = best["baseline"][2] / best["baseline"][0]
    print(f"{'variant':22} {'pages ok':>8} {'pages/s':>9} {'x base':>7} {'CPU ms/page':>12}")
    for name in variants:
        wall, cpu, ok = best[name]
        rate = ok / wall if wall else 0.0
        print(f"{name:22} {ok:8d} {rate:9.0f} {rate / base_rate:7.2f} {1000 * cpu / max(ok, 1):12.2f}")
    print(f"WARC written: {archived / max(1, args.rounds * 2) / 1e6:.1f} MB per archived run")
    fetch_ms = 1000 * best["fetch"][1] / max(best["fetch"][2], 1)
    print(f"alone, no network: WARC write {archive_ms:.2f} CPU ms/page, parse {parse_ms:.2f} CPU ms/page")
    total = fetch_ms + archive_ms + parse_ms
    print(f"fetch + archive + parse = {total:.2f} CPU ms/page = {1000 / total:.0f} pages per CPU-second "
          f"(the clean stage: about 70-87 pages per CPU-second)")


if __name__ == "__main__":
    main()
