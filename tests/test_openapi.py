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


def test_the_api_root_lists_its_resources_and_every_listed_path_answers(client, app):
    index = client.get("/api/v1/")
    assert index.status_code == 200
    body = index.json
    assert (body["docs"], body["openapi"]) == ("/api/v1/docs", "/api/v1/openapi.json")
    assert body["public_site"] == app.config["PUBLIC_URL"]
    assert set(body["resources"]) >= {"claims", "speakers", "sources", "revisions", "health"}
    for path in [body["docs"], body["openapi"], *body["resources"].values()]:
        assert client.get(path).status_code == 200, path


def test_the_bare_root_redirects_to_the_desk(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/desk/"
    # Signed out, the desk sends a browser on to its sign-in page.
    assert client.get("/", follow_redirects=True).request.path == "/desk/login"


def test_the_start_banner_names_the_desk_the_api_root_its_docs_and_the_public_site():
    from service import serve

    assert serve.banner("127.0.0.1", 5000, 8001) == [
        "desk: http://127.0.0.1:5000/desk/",
        "api: http://127.0.0.1:5000/api/v1/",
        "api docs: http://127.0.0.1:5000/api/v1/docs",
        "public site: http://127.0.0.1:8001/",
    ]
