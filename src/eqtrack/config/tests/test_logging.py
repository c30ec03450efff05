"""Server errors reach standard error with their traceback under every settings module."""

import os
import subprocess
import sys

import pytest

# A view that fails, beside our own, served through the whole middleware stack of the settings
# module given.
SCRIPT = """
import sys, types
import django
django.setup()
from django.test import Client, override_settings
from django.urls import path

def boom(request):
    raise RuntimeError("kaboom-4711")

from eqtrack.config import urls as ours
urls = types.ModuleType("boom_urls")
urls.__dict__.update({k: v for k, v in vars(ours).items() if k.startswith("handler")})
urls.urlpatterns = [path("boom/", boom), *ours.urlpatterns]
sys.modules["boom_urls"] = urls
with override_settings(ROOT_URLCONF="boom_urls"):
    response = Client(raise_request_exception=False).get("/boom/", secure=True)
print("STATUS", response.status_code)
"""


@pytest.mark.parametrize("module", ["base", "test", "production"])
def test_a_server_error_is_logged_with_its_traceback(module, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": f"eqtrack.config.settings.{module}",
        "EQTRACK_DATA_DIR": str(tmp_path),
        "EQTRACK_SECRET_KEY": "x9" * 30,
        "EQTRACK_ALLOWED_HOSTS": "testserver",
    }
    env.pop("EQTRACK_DATABASE_URL", None)
    env.pop("EQTRACK_DEBUG", None)
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert "STATUS 500" in run.stdout, run.stdout + run.stderr
    assert "ERROR django.request: Internal Server Error: /boom/" in run.stderr
    assert "Traceback (most recent call last)" in run.stderr
    assert "RuntimeError: kaboom-4711" in run.stderr
