"""GET /api/catalog, the OpenAPI schema, the docs page (no CDN) and the README's list of endpoints."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from django.contrib.staticfiles import finders
from django.test import Client

from caitien.api.api import api

ROOT = Path(__file__).resolve().parents[2]


def test_catalog_is_what_the_command_line_prints(tmp_path, db):
    env = {**os.environ, "CAITIEN_VAR_DIR": str(tmp_path / "var")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run = subprocess.run(
        [str(Path(sys.executable).parent / "caitien"), "catalog", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    response = Client().get("/api/catalog")
    assert response.status_code == 200
    assert response.json() == json.loads(run.stdout)
    slugs = [r["slug"] for r in response.json()["regulations"]]
    assert {"tt17-2018", "tt18-2018", "tt19-2018", "tt57-2026-pl2"} <= set(slugs)


def test_openapi_schema_is_served_in_vietnamese(db):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Cải Tiến API"
    assert "kế hoạch cải tiến chất lượng giáo dục" in schema["info"]["description"]
    assert set(schema["paths"]) >= {
        "/api/catalog",
        "/api/plans",
        "/api/plans/{plan_id}",
        "/api/plans/{plan_id}/findings",
        "/api/offices/{code}/rollup",
        "/api/plans/{plan_id}/reviews",
        "/api/check",
    }
    assert schema["paths"]["/api/check"]["post"]["summary"] == "Kiểm tra một kế hoạch (JSON)"


def test_docs_page_uses_only_the_packaged_swagger_files(db):
    response = Client().get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Cải Tiến API</title>" in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in assets and "/static/ninja/swagger-ui.css" in assets
    for url in assets:
        assert url.startswith("/static/"), f"the docs page loads {url} from outside the product"
        assert finders.find(url.removeprefix("/static/")), f"{url} is not among the static files"
    assert '"validatorUrl": null' in html  # the validator badge would call validator.swagger.io


def api_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    vietnamese = readme.split("\n---\n", 1)[0]
    assert "\n### API\n" in vietnamese, "README.md has no “### API” section in its Vietnamese part"
    return vietnamese.split("\n### API\n", 1)[1]


def test_readme_lists_every_api_route():
    section = api_section()
    patterns, _app, _namespace = api.urls
    routes = [str(p.pattern) for p in patterns if str(p.pattern)]  # "" is django-ninja's own root
    assert "plans/<plan_id>/findings" in routes
    for route in routes:
        path = "/api/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
        assert f" {path}`" in section, f"{path} is not listed in README.md's API section"
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            assert f"`{method.upper()} {path}`" in section, f"{method.upper()} {path} is not in README.md"
