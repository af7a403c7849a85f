"""Health: is the database there, at the schema this code expects?"""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from marshmallow import Schema, fields

from ..db import connect, latest_version, schema_version
from .common import Blueprint

blp = Blueprint("health", __name__, description="For load balancers and container health checks.")


class HealthOut(Schema):
    status = fields.String(metadata={"description": "ok, or unavailable."})
    database = fields.String(metadata={"description": "reachable, or what is wrong with it."})
    schema_version = fields.Integer(allow_none=True)
    expected_schema_version = fields.Integer()
    claims = fields.Integer(allow_none=True, metadata={"description": "Published (not retracted) claims."})


@blp.route("/health")
class Health(MethodView):
    @blp.response(200, HealthOut)
    @blp.alt_response(503, schema=HealthOut, description="The database cannot be used.")
    def get(self):
        """Report database reachability, the schema version and the claim count

        Answers 503 when the database cannot be opened or read, or is not at
        the schema version this code expects.
        """
        report = {"status": "ok", "database": "reachable", "schema_version": None,
                  "expected_schema_version": latest_version(), "claims": None}  # fmt: skip
        try:
            database = connect(current_app.config["DATABASE"], busy_timeout_ms=1000, must_exist=True)
            try:
                report["schema_version"] = schema_version(database)
                if report["schema_version"] == latest_version():
                    report["claims"] = database.conn.execute(
                        "SELECT count(*) FROM claims WHERE retracted_at IS NULL"
                    ).fetchone()[0]
            finally:
                database.close()
        except Exception as error:  # any failure to read is what this reports
            report.update(status="unavailable", database=f"{type(error).__name__}: {error}")
            return report, 503
        if report["schema_version"] != latest_version():
            report.update(status="unavailable", database="schema is not at the expected version; run init-db")
            return report, 503
        return report
