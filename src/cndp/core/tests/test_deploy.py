"""Production start: the production settings refuse the development key, collect the static files
(hashed names, every referenced file present) and then serve the login page and a 404."""

import json
import os
import re
import runpy
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PROD = "cndp.config.settings.prod"
GOOD_KEY = "test-" + "k3y-" * 14


def _prod_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CNDP_ALLOW_DEFAULT_SECRET"}}
    env.update(
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="testserver",
        STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PYTHONPATH=os.pathsep.join([str(tmp_path), env.get("PYTHONPATH", "")]),
    )
    env.update(extra)
    return env


@pytest.mark.parametrize("key", [None, "", "  ", "DEVELOPMENT"])
def test_production_refuses_to_start_without_a_real_secret_key(monkeypatch, key):
    monkeypatch.setenv("CNDP_ALLOW_DEFAULT_SECRET", "1")  # the old bypass no longer exists
    if key is None:
        monkeypatch.delenv("SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("SECRET_KEY", settings.DEVELOPMENT_SECRET_KEY if key == "DEVELOPMENT" else key)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        runpy.run_module(PROD)


def test_production_settings_load_with_a_real_key(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", GOOD_KEY)
    monkeypatch.setenv("STATIC_ROOT", str(tmp_path))
    values = runpy.run_module(PROD)
    assert values["DEBUG"] is False
    assert values["STATIC_ROOT"] == tmp_path


def test_vendored_files_reference_no_missing_source_map():
    """A sourceMappingURL to a file we do not ship makes the hashed storage fail in collectstatic."""
    vendor = settings.PACKAGE_DIR / "static" / "vendor"
    for path in vendor.iterdir():
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "sourceMappingURL" not in text, path.name


def test_production_collectstatic_then_login_page_and_404(tmp_path):
    """collectstatic under the production settings, then the login page (200, hashed static names that
    are served) and an unknown address (404), each in a fresh process as gunicorn would run them.

    The hashing storage is the production one without whitenoise's compression (a minute of CPU for
    brotli, run by CI's own production step): the manifest is what failed and what the pages need."""
    (tmp_path / "prod_check_settings.py").write_text(
        textwrap.dedent(f"""
            from {PROD} import *  # noqa: F403
            STORAGES = {{**STORAGES, "staticfiles": {{
                "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}}}
            """),
        encoding="utf-8",
    )
    env = _prod_env(tmp_path, DJANGO_SETTINGS_MODULE="prod_check_settings")
    manage = settings.PROJECT_DIR / "manage.py"
    collected = subprocess.run(
        [sys.executable, str(manage), "collectstatic", "--noinput", "-v0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collected.returncode == 0, collected.stderr[-2000:]
    assert (tmp_path / "static" / "staticfiles.json").exists()

    probe = textwrap.dedent("""
        import json, re
        import django
        django.setup()
        from django.test import Client
        client = Client()
        login = client.get("/login/", secure=True)
        assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', login.content.decode())
        print(json.dumps({
            "login": login.status_code,
            "missing": client.get("/khong-co-trang-nay/", secure=True).status_code,
            "assets": {a: client.get(a, secure=True).status_code for a in assets},
        }))
        """)
    ran = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr[-2000:]
    result = json.loads(ran.stdout.strip().splitlines()[-1])
    assert result["login"] == 200
    assert result["missing"] == 404
    assert any("/vendor/bootstrap-5.3.9.min." in a for a in result["assets"]), result["assets"]
    assert all(re.search(r"\.[0-9a-f]{12}\.\w+$", a) for a in result["assets"]), result["assets"]  # hashed
    assert set(result["assets"].values()) == {200}, result["assets"]


def test_the_wsgi_application_starts_with_its_start_up_objects_frozen(tmp_path):
    """A server's worker imports `cndp.config.wsgi`: the URLconf is loaded there and every object made by
    then is moved out of the garbage collector's reach (`gc.freeze`), so that a full collection in the
    middle of a request scans the request's objects, not the whole application's (≈ 180,000 objects,
    80 ms a full collection on this machine: the slowest requests of a list page under load)."""
    probe = textwrap.dedent("""
        import gc, json
        frozen_before = gc.get_freeze_count()
        import cndp.config.wsgi
        from django.urls import get_resolver
        print(json.dumps({
            "before": frozen_before,
            "frozen": gc.get_freeze_count(),
            "urls_loaded": "url_patterns" in vars(get_resolver()),
        }))
        """)
    env = _prod_env(tmp_path, DJANGO_SETTINGS_MODULE=PROD)
    ran = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr[-2000:]
    result = json.loads(ran.stdout.strip().splitlines()[-1])
    assert result["before"] == 0 and result["frozen"] > 50_000, result
    assert result["urls_loaded"], result
