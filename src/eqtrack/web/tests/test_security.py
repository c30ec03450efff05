"""Security headers, the health check, the deployment checks and the gunicorn server."""

import contextlib
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_a_strict_content_security_policy_and_no_inline_script(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    assert "script-src 'self'" in policy and "nonce" not in policy
    html = response.content.decode()
    # Every script is a file of ours, so the policy can forbid inline ones outright.
    assert re.findall(r"<script[^>]*>", html) == [
        '<script src="/static/govuk/js-enabled.js">',
        '<script type="module" src="/static/govuk/eqtrack.js">',
    ]
    assert "frame-ancestors 'none'" in policy


def test_healthz_answers_without_a_session(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "sessionid" not in response.cookies
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def _env(tmp_path, **extra):
    env = {**os.environ, "EQTRACK_DATA_DIR": str(tmp_path), **extra}
    env.pop("EQTRACK_DATABASE_URL", None)
    return env


def test_production_settings_pass_the_deployment_checks(tmp_path):
    env = _env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="eqtrack.config.settings.production",
        EQTRACK_SECRET_KEY="x9" * 30 + "-a-long-random-looking-key-for-the-check",
        EQTRACK_ALLOWED_HOSTS="equality.example-council.gov.uk",
    )
    run = subprocess.run(
        [sys.executable, "-m", "eqtrack", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "System check identified no issues" in run.stdout


@pytest.fixture
def execv(monkeypatch):
    """What serve would replace itself with (gunicorn's command line), instead of doing so."""
    started: list[list[str]] = []
    monkeypatch.setattr(os, "execv", lambda path, args: started.append(args))
    return started


def test_serve_refuses_the_development_key_on_a_public_address(execv, settings):
    assert settings.SECRET_KEY == "insecure-development-key-change-me"
    with pytest.raises(CommandError, match="development secret key: set EQTRACK_SECRET_KEY"):
        call_command("serve", host="0.0.0.0", port=8123)
    assert execv == []


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_serve_uses_the_development_key_on_this_machine_only(execv, host):
    call_command("serve", host=host, port=8123, stdout=io.StringIO())
    [args] = execv
    assert args[args.index("--bind") + 1] in (f"{host}:8123", "[::1]:8123")


def test_serve_with_a_secret_key_serves_on_any_address(execv, settings):
    settings.SECRET_KEY = "x9" * 30
    call_command("serve", host="0.0.0.0", port=8123, stdout=io.StringIO())
    [args] = execv
    assert args[args.index("--bind") + 1] == "0.0.0.0:8123"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_gunicorn_and_serves_the_app(tmp_path):
    env = _env(tmp_path)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("EQTRACK_BASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "eqtrack", "migrate", "-v", "0"], env=env, check=True, timeout=120
    )
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "eqtrack", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = None
        for _ in range(60):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = r.read()
                    break
            except OSError:
                time.sleep(0.5)
        assert body == b"ok\n"
        # Links in e-mails point at this server, not at the default port.
        environ = Path(f"/proc/{server.pid}/environ").read_bytes().split(b"\0")
        assert f"EQTRACK_BASE_URL=http://127.0.0.1:{port}".encode() in environ
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/govuk/eqtrack.css", timeout=5
        ) as r:
            assert r.status == 200 and len(r.read()) > 10000  # WhiteNoise serves the assets
        # The access log leaves out the secret of a listing's change link.
        with contextlib.suppress(urllib.error.HTTPError):
            urllib.request.urlopen(
                f"http://127.0.0.1:{port}/borough/directory/change/Secret0123456789abc/", timeout=5
            )
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "gunicorn" in output.lower() or "Booting worker" in output
    assert "GET /borough/directory/change/[link]/ HTTP/1.1" in output
    assert "Secret0123456789abc" not in output


def test_the_access_log_leaves_out_the_secrets_of_emailed_links():
    import datetime as dt
    from types import SimpleNamespace

    from gunicorn.config import Config

    from eqtrack.web.accesslog import RedactingLogger

    logger = RedactingLogger(Config())
    path = "/borough/directory/change/0_RXY4Hb9hMgeER92FM7Yb3leaU1yBeUyDdAFdnJdDk/"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "QUERY_STRING": "",
        "HTTP_REFERER": "https://council.example/borough/directory/confirm/eyJzIjo.1xY:abc/",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    atoms = logger.atoms(response, request, environ, dt.timedelta(seconds=1))
    line = Config().access_log_format % atoms
    assert "0_RXY4" not in line and "eyJzIjo" not in line
    assert '"GET /borough/directory/change/[link]/ HTTP/1.1" 200' in line
    assert all("0_RXY4" not in str(v) and "eyJzIjo" not in str(v) for v in atoms.values())
