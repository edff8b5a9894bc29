"""Benchmark of the list pages and the home page (trang danh sách, trang chủ) against the floor of the stack.

A fresh database (SQLite in a temporary folder; with DATABASE_URL set, a throw-away test database on that
server) is migrated, given the demo (users, party members, congresses) and 25,000 extension projects built
as `extension_report.py` builds them (with their ledger and progress reports, seeded). The app is served
by gunicorn on 127.0.0.1 (2 sync workers, the production settings with static files served from the
source folders), and 8 client threads, each logged in through its own session, ask every page the same
bounded number of times:

  floor       a minimal login-required view through the same middleware (session, user, CSP, …)
  projects    the project list: first page, filtered (plan year and status), searched (three words)
  reports     the progress-report list
  members     the party member list (the party officer)
  home        the home page of the agency officer and of the party officer

One page at a time (8 clients at once on it), after a warm-up round. Every answer must be 200 and show
its list. The pages are asked as a user asks them again: nothing changes in between, so a list's table
and filters and the home page are taken from the parts kept under the data version (core.fragments).
The same round is then run against a server with `CNDP_FRAGMENT_CACHE=0` — every part rendered again,
as for the first request after any change — and its ratio printed beside the result (not in it). The
last line is

    RESULT pages_p95_ratio=<worst page's p95 / floor's p95> x (goal <= 3.0)

Run: `.venv/bin/python benchmarks/pages.py [--projects N] [--requests N] [--pages NAME …] [--profile [PATH]]`;
`--pages` measures only the pages whose names contain one of the words given (the floor always), e.g.
`--pages reports`; `--profile` prints where the time of a page goes (cProfile, in-process; the project
list by default).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from extension_report import SEED, World, add_projects, fresh_database  # noqa: E402

CLIENTS = 8
FLOOR_PATH = "/bench/floor/"

SETTINGS = """
from cndp.config.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench_pages_urls"
# Static files from the source folders (no collectstatic): the clients ask only for pages.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
"""

URLS = """
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from cndp.config.urls import urlpatterns as app_patterns


@login_required
def floor(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/floor/", floor), *app_patterns]
"""


def setup(tmp: str, secret: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cndp.config.settings.test")
    os.environ.setdefault("CNDP_DATA_DIR", tmp)
    os.environ["SECRET_KEY"] = secret  # sessions made here must be valid in the server
    sys.path.insert(0, str(HERE.parent / "src"))
    import django

    django.setup()


def load_data(projects: int) -> World:
    from cndp.accounts.models import User
    from cndp.core.demo import demo_load
    from cndp.places.models import Province, ProvinceName, Region
    from cndp.places.reference import load_reference_data

    if not User.objects.filter(username="quantri").exists():
        load_reference_data(Province, ProvinceName, Region)
        demo_load()
    world = World()
    add_projects(world, 0, projects, random.Random(SEED))
    return world


def session_cookie(username: str) -> str:
    from django.conf import settings
    from django.test import Client

    from cndp.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def start_server(tmp: str, port: int, secret: str, extra_env: dict | None = None) -> subprocess.Popen:
    Path(tmp, "staticfiles").mkdir(exist_ok=True)
    Path(tmp, "bench_pages_settings.py").write_text(SETTINGS)
    Path(tmp, "bench_pages_urls.py").write_text(URLS)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_pages_settings",
        "PYTHONPATH": os.pathsep.join([tmp, str(HERE.parent / "src")]),
        "SECRET_KEY": secret,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(),
        "CNDP_DATA_DIR": tmp,
        **(extra_env or {}),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "cndp.config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--log-level", "warning", "--timeout", "120"],
        env=env,
    )  # fmt: skip
    for _ in range(120):
        try:
            status, _ = get(port, "/login/", "")
            if status == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            sys.exit("gunicorn stopped")
        time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not start")


def get(port: int, path: str, cookie: str, connection=None) -> tuple[int, bytes]:
    conn = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"X-Forwarded-Proto": "https", "Cookie": cookie}  # as behind the TLS proxy
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    if connection is None:
        conn.close()
    return response.status, body


def hammer(port: int, path: str, cookie: str, requests: int, marker: bytes) -> list[float]:
    """CLIENTS threads, each with its own keep-alive connection, ask `path` `requests` times; seconds."""
    timings: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(CLIENTS)

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        mine = []
        start.wait()
        for _ in range(requests):
            began = time.perf_counter()
            try:
                status, body = get(port, path, cookie, conn)
            except (OSError, http.client.HTTPException):  # gunicorn closed a kept-alive connection
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                status, body = get(port, path, cookie, conn)
            mine.append(time.perf_counter() - began)
            if status != 200 or marker not in body:
                with lock:
                    errors.append(f"{path}: {status}")
        conn.close()
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        sys.exit(f"bad answers: {errors[:5]}")
    return timings


def serve_and_measure(tmp: str, secret: str, pages: list, requests: int, extra_env: dict) -> dict:
    """Serve the app (gunicorn, `extra_env` added) and ask every page, 8 clients at once; timings by name."""
    port = free_port()
    server = start_server(tmp, port, secret, extra_env)
    try:
        for _name, path, cookie, marker in pages:  # warm-up: each worker's caches
            hammer(port, path, cookie, 1, marker)
        results = {}
        for name, path, cookie, marker in pages:
            count = requests * (3 if name == "floor" else 1)
            results[name] = hammer(port, path, cookie, count, marker)
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def profile_page(path: str, cookie_user: str) -> None:
    import cProfile
    import pstats

    from django.conf import settings
    from django.test import Client

    from cndp.accounts.models import User

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(User.objects.get(username=cookie_user))
    client.get(path)
    with cProfile.Profile() as profile:
        for _ in range(5):
            assert client.get(path).status_code == 200
    print(f"profile: {path} as {cookie_user}, 5 times, in-process (cumulative time)")
    pstats.Stats(profile).sort_stats("cumulative").print_stats(int(os.environ.get("PROFILE_LINES", "35")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=25_000)
    parser.add_argument("--requests", type=int, default=6, help="requests per client and page")
    parser.add_argument(
        "--pages", nargs="+", metavar="NAME", help="only the pages whose names contain one of these words"
    )
    parser.add_argument(
        "--profile", nargs="?", const="/extension/projects/", help="print where a page's time goes (cProfile)"
    )
    args = parser.parse_args()

    secret = secrets.token_urlsafe(50)
    with tempfile.TemporaryDirectory(prefix="cndp-pages-bench-") as tmp:
        setup(tmp, secret)
        from django.db import connection
        from django.urls import reverse

        started = time.perf_counter()
        old_name = fresh_database(tmp)
        migrated = time.perf_counter() - started
        try:
            started = time.perf_counter()
            load_data(args.projects)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # what autovacuum does to a table in use
                    cursor.execute("VACUUM ANALYZE")
            built = time.perf_counter() - started
            from cndp.extension.models import ProgressReport, Project
            from cndp.party.models import Member

            sizes = (Project.objects.count(), ProgressReport.objects.count(), Member.objects.count())
            if args.profile:
                profile_page(args.profile, "danguy" if args.profile.startswith("/party/") else "chuyenvien")
            agency, party = session_cookie("chuyenvien"), session_cookie("danguy")
            projects = reverse("extension:project_list")
            pages = [
                ("floor", FLOOR_PATH, agency, b"ok"),
                ("projects, first page", projects, agency, b"<tbody"),
                ("projects, filtered", f"{projects}?plan_year=2025&status=settled", agency, b"<tbody"),
                ("projects, searched", f"{projects}?q=th%E1%BB%AD+t%E1%BA%A3i+123", agency, b"<tbody"),
                ("progress reports", reverse("extension:progressreport_list"), agency, b"<tbody"),
                ("members", reverse("party:member_list"), party, b"<tbody"),
                ("home (agency officer)", reverse("home"), agency, b"<main"),
                ("home (party officer)", reverse("home"), party, b"<main"),
            ]
            if args.pages:
                pages = [p for p in pages if p[0] == "floor" or any(w in p[0] for w in args.pages)]
            connection.close()
            results = serve_and_measure(tmp, secret, pages, args.requests, {})
            # The same pages with no kept part (every list table, filter and home page rendered again, as
            # on the first request after a change): shown beside the result, not part of it.
            rendered = serve_and_measure(tmp, secret, pages, args.requests, {"CNDP_FRAGMENT_CACHE": "0"})
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)

    floor = p95(results["floor"])
    print(f"database: {connection.vendor} (fresh; migrated in {migrated:.1f} s)")
    print(
        f"data: the demo and {sizes[0]:,} projects, {sizes[1]:,} progress reports, {sizes[2]:,} party "
        f"members (seed {SEED}); built in {built:.1f} s"
    )
    print(f"server: gunicorn, 2 sync workers, production settings; {CLIENTS} concurrent clients")
    worst_name, worst = None, 0.0
    for name, timings in results.items():
        value = p95(timings)
        print(
            f"{name:24} p95 {value * 1000:7.1f} ms  median {statistics.median(timings) * 1000:7.1f} ms  "
            f"({len(timings)} requests){'' if name == 'floor' else f'  {value / floor:5.1f} x floor'}"
        )
        if name != "floor" and value > worst:
            worst_name, worst = name, value
    print(f"worst: {worst_name}")
    again_floor = p95(rendered["floor"])
    again_name, again = max(((n, p95(t)) for n, t in rendered.items() if n != "floor"), key=lambda x: x[1])
    print(
        f"rendered every time (CNDP_FRAGMENT_CACHE=0, the first request after a change): floor p95 "
        f"{again_floor * 1000:.1f} ms, worst {again_name} p95 {again * 1000:.1f} ms = {again / again_floor:.1f} x"
    )
    print(f"RESULT pages_p95_ratio={worst / floor:.1f} x (goal <= 3.0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
