"""The OpenAPI document and its docs page are generated from the schemas."""

from __future__ import annotations

import json


def test_openapi_document_lists_every_route(client, app):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["info"]["title"] == "Claims service"
    documented = {(path, method.upper()) for path, item in spec["paths"].items() for method in item}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or "docs" in rule.rule or rule.rule.endswith("openapi.json"):
            continue
        path = rule.rule
        for argument in rule.arguments:
            path = path.replace(f"<id:{argument}>", "{" + argument + "}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method) in documented


def test_writes_are_documented_as_needing_a_bearer_token(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {"type": "http", "scheme": "bearer"}
    assert spec["paths"]["/api/v1/claims"]["post"]["security"] == [{"bearerAuth": []}]
    assert "security" not in spec["paths"]["/api/v1/claims"]["get"]


def test_errors_are_documented_as_problem_details(client):
    spec = client.get("/api/v1/openapi.json").json
    assert set(spec["components"]["schemas"]["Problem"]["properties"]) >= {
        "type",
        "title",
        "status",
        "errors",
    }


def test_docs_page_is_served_with_local_assets(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in html
    with client.get("/api/v1/docs/assets/swagger-ui-bundle.js") as asset:
        assert asset.status_code == 200
        assert asset.mimetype == "text/javascript"


def test_the_cli_prints_the_same_document_as_the_api_serves(client, runner):
    # The HTTP rules are added as each path is registered (an apispec
    # plugin), not by rewriting the served document, so every way of
    # reading the spec gives the whole of it.
    printed = runner.invoke(args=["openapi", "print"])
    assert printed.exit_code == 0, printed.output
    assert json.loads(printed.output) == client.get("/api/v1/openapi.json").json
