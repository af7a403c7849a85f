"""The editors' desk: server-rendered pages under /desk over the API's store.

Forms in, the same marshmallow schemas and store functions as the API,
HTML out. An editor signs in with an editor token; the session is Flask's
signed cookie, holding the token's hash (never the token), and is checked
against the live tokens on every request, so a revoked token ends it; it
also ends after CLAIMS_DESK_SESSION_HOURS, and at sign-out for every copy
of the cookie (service.desk.sessions).
Every form carries a CSRF token (Flask-WTF), checked on the desk's posts
only: the bearer-token JSON API takes no cookies and is left as it is.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask import Flask, Request, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect

from .. import auth

#: The session's signing key, in the instance folder beside tokens.db:
#: claims.db is published, so no secret may live there.
SECRET_FILE = "desk-secret.key"
SECRET_MODE = 0o600
csrf = CSRFProtect()


def session_secret(instance_path: str | Path) -> str:
    """The desk's session key, made once and then read by every worker.

    It is written to a private file and linked into place, so two workers
    starting together agree on one key and none reads a half-written file.
    """
    folder = Path(instance_path)
    folder.mkdir(mode=auth.FOLDER_MODE, parents=True, exist_ok=True)
    path = folder / SECRET_FILE
    if not path.exists():
        draft = folder / f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        descriptor = os.open(draft, os.O_CREAT | os.O_EXCL | os.O_WRONLY, SECRET_MODE)
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_hex(32))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another worker made it first: use theirs
        finally:
            draft.unlink()
    path.chmod(SECRET_MODE)
    return path.read_text(encoding="ascii").strip()


class DeskSessionInterface(SecureCookieSessionInterface):
    """Flask's signed cookie, Secure by the request: a desk reached over
    https gets a Secure cookie whatever the public site's address is.
    SESSION_COOKIE_SECURE (CLAIMS_DESK_SECURE_COOKIE) forces it behind a
    proxy that ends TLS, where every request arrives as plain http."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        """No session outside the desk, where its cookie is never sent (its
        path is the desk's): the API's requests skip building the cookie's
        signer, which cost about a tenth of a claim's read."""
        path = app.config["SESSION_COOKIE_PATH"]
        if request.path != path and not request.path.startswith(path + "/"):
            return self.make_null_session(app)
        return super().open_session(app, request)


def init_app(app: Flask) -> None:
    from .views import blp

    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = session_secret(app.instance_path)
    app.config["SESSION_COOKIE_NAME"] = "claims_desk"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["SESSION_COOKIE_SECURE"] = app.config["DESK_SECURE_COOKIE"]
    app.config["SESSION_COOKIE_PATH"] = "/desk"
    app.session_interface = DeskSessionInterface()
    # One limit for the session (checked against its start, see
    # sessions.expired), its cookie's signature and its forms' CSRF tokens:
    # an article may take an editor hours, but no sign-in outlives a shift.
    lifetime = timedelta(hours=app.config["DESK_SESSION_HOURS"])
    app.config["PERMANENT_SESSION_LIFETIME"] = lifetime
    app.config["WTF_CSRF_TIME_LIMIT"] = int(lifetime.total_seconds())
    # CSRF is checked by the desk's own before_request, not on every view.
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    csrf.init_app(app)
    app.register_blueprint(blp)
