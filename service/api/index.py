"""Where to start: the API's root lists its resources, and the bare root
of the API's port sends a browser to the editors' desk."""

from __future__ import annotations

from typing import Any

from flask import Flask, redirect, url_for
from flask.views import MethodView
from marshmallow import Schema, fields
from werkzeug.wrappers import Response

from .common import Blueprint, public_url

blp = Blueprint("index", __name__, description="The API's root: where each resource is.")

#: The collections a client starts from, by name: their endpoints.
RESOURCES = {
    "claims": "claims.Claims",
    "speakers": "speakers.Speakers",
    "sources": "sources.Sources",
    "revisions": "revisions.Revisions",
    "claimreview": "claims.ClaimReviewFeed",
    "health": "health.Health",
}


class IndexOut(Schema):
    title = fields.String()
    version = fields.String()
    docs = fields.String(metadata={"description": "The interactive API documentation."})
    openapi = fields.String(metadata={"description": "The OpenAPI document."})
    public_site = fields.String(metadata={"description": "The public site, where claims have their permalinks."})
    resources = fields.Dict(keys=fields.String(), values=fields.String(), metadata={"description": "Name: path."})


@blp.route("/")
class Index(MethodView):
    @blp.response(200, IndexOut)
    def get(self) -> dict[str, Any]:
        """List the API's resources, its documentation and the public site"""
        return {
            "title": "Claims service",
            "version": "v1",
            "docs": url_for("api-docs.openapi_swagger_ui"),
            "openapi": url_for("api-docs.openapi_json"),
            "public_site": public_url(),
            "resources": {name: url_for(endpoint) for name, endpoint in RESOURCES.items()},
        }


def to_desk() -> Response:
    return redirect(url_for("desk.home"), code=302)


def init_app(app: Flask) -> None:
    app.add_url_rule("/", "root", to_desk)
