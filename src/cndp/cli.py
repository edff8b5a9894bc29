"""The `cndp` console script.

    cndp setup               migrate and load the demo data (idempotent)
    cndp run [--host --port] serve the system (development server) with a task worker beside it
    cndp demo                load / refresh the demo data and print the demo logins
    cndp worker              run the background-task worker (database queue)
    cndp tally FILE|-        count one secret-ballot election (no Django, no database)
    cndp indicators …        import indicator values / aggregate an indicator (JSON)
    cndp backup [FILE]       the database and uploaded files into one .tar.gz (manifest, SHA-256s)
    cndp restore FILE        put a backup back into an empty database (--force: replace what is there)
    cndp manage ARGS…        any Django management command

Each subcommand imports only what it needs: Django is not imported until a subcommand needs it.
"""

from __future__ import annotations

import os
import sys


def _django(settings: str | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings or "cndp.config.settings.dev")
    data_dir = os.environ.get("CNDP_DATA_DIR")
    if data_dir:  # a folder named but not made yet: SQLite would say only "unable to open database file"
        os.makedirs(data_dir, exist_ok=True)
    import django

    django.setup()


def _call(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def cmd_setup(args) -> int:
    _django()
    _call("migrate", "--no-input", "-v", "0")
    from cndp.core.demo import demo_load, print_logins

    demo_load(stdout=sys.stdout)
    print_logins(sys.stdout)
    return 0


def cmd_demo(args) -> int:
    _django()
    from cndp.core.demo import demo_load, print_logins

    demo_load(stdout=sys.stdout)
    print_logins(sys.stdout)
    return 0


def cmd_run(args) -> int:
    _django()
    from cndp.core.demo import print_logins

    print_logins(sys.stdout)
    import subprocess

    worker = None
    if not args.no_worker:
        worker = subprocess.Popen([sys.executable, "-m", "cndp", "worker"], env=os.environ.copy())
    try:
        from django.core.management import call_command

        print(f"CNĐP: http://{args.host}:{args.port}/", flush=True)
        call_command("runserver", f"{args.host}:{args.port}", use_reloader=args.reload, skip_checks=False)
    except KeyboardInterrupt:
        pass
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=10)
    return 0


def cmd_worker(args) -> int:
    _django()
    _call("db_worker", *args.rest)
    return 0


def cmd_tally(args) -> int:
    # Counting needs no Django and no database: an auditor can recount from the exported ballots.
    from cndp.elections.tally_cli import main as tally_main

    return tally_main(args.rest)


def cmd_indicators(args) -> int:
    # The exchange contract of indicator values (import, aggregate) on the configured database; standard
    # error carries only the refusal's one line (no start-up notices below WARNING).
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    _django()
    from cndp.indicators.commands import main as indicators_main

    return indicators_main(args.rest)


def _call_or_explain(*args: str) -> int:
    """Run a command; a refusal (CommandError) is printed as its message, not a traceback."""
    from django.core.management import CommandError

    try:
        _call(*args)
    except CommandError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def cmd_backup(args) -> int:
    _django()
    return _call_or_explain("backup", *([args.path] if args.path else []))


def cmd_restore(args) -> int:
    _django()
    return _call_or_explain("restore", args.path, *(["--force"] if args.force else []))


def cmd_manage(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cndp.config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cndp manage", *args.rest])
    return 0


def build_parser():
    import argparse

    parser = argparse.ArgumentParser(prog="cndp", description="CNĐP — Cục Công nghiệp địa phương")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("setup", help="migrate and load the demo data").set_defaults(func=cmd_setup)
    sub.add_parser("demo", help="load the demo data").set_defaults(func=cmd_demo)
    run = sub.add_parser("run", help="serve CNĐP (development server + task worker)")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", default="8000")
    run.add_argument("--reload", action="store_true", help="reload on code changes")
    run.add_argument("--no-worker", action="store_true", help="do not start the task worker")
    run.set_defaults(func=cmd_run)
    worker = sub.add_parser("worker", help="run the background-task worker")
    worker.add_argument("rest", nargs=argparse.REMAINDER)
    worker.set_defaults(func=cmd_worker)
    tally = sub.add_parser("tally", help="count one election from a JSON request (FILE or -)", add_help=False)
    tally.add_argument("rest", nargs=argparse.REMAINDER)
    tally.set_defaults(func=cmd_tally)
    indicators = sub.add_parser(
        "indicators", help="import indicator values or aggregate an indicator (JSON)", add_help=False
    )
    indicators.add_argument("rest", nargs=argparse.REMAINDER)
    indicators.set_defaults(func=cmd_indicators)
    backup = sub.add_parser("backup", help="back up the database and uploaded files into one archive")
    backup.add_argument("path", nargs="?", help="archive to write (default: backups/cndp-<date-time>.tar.gz)")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser("restore", help="restore a backup archive into an empty database")
    restore.add_argument("path", help="a .tar.gz written by `cndp backup`")
    restore.add_argument("--force", action="store_true", help="replace the data already there")
    restore.set_defaults(func=cmd_restore)
    manage = sub.add_parser("manage", help="a Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["tally"]:
        # The recount path stays minimal: no argparse, no Django; options go to the tally command itself.
        from cndp.elections.tally_cli import main as tally_main

        return tally_main(argv[1:])
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
