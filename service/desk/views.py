"""The desk's pages: forms in, the API's schemas and store, HTML out.

Every write goes through :func:`service.db.write` and the store function
the API's view for it calls, with the version the form was opened at as
its If-Match: the same validation, versions and revisions as the API.
A form that fails comes back with what was typed and the API's message
beside each field; one that succeeds redirects (post, redirect, get).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf.csrf import CSRFError
from sqlite_utils import Database
from werkzeug.wrappers import Response

from .. import auth, fixtures
from ..api.intake import find_drafts
from ..api.problems import Unauthorized
from ..db import get_db, read_snapshot, write
from ..errors import DomainError, NotFound, PreconditionFailed
from ..schemas import ArticleIn, ClaimPatch, LinkIn, RetractQuery, ReviewIn, SourceIn, SpeakerPatch
from ..store import claims, reviews, revisions, sources, speakers
from ..vocab import CLAIM_KINDS, LINK_RELATIONS, RATINGS, SPEAKER_KINDS
from . import articles, csrf, forms, sessions

blp = Blueprint(
    auth.DESK_BLUEPRINT,
    __name__,
    url_prefix="/desk",
    template_folder="templates",
    static_folder="static",
)

#: Pages a visitor may open before signing in.
OPEN_ENDPOINTS = {"desk.login", "desk.static"}
SHORT_LIST = 10


def public_url() -> str:
    return current_app.config["PUBLIC_URL"]


@blp.before_request
def check_form_and_session() -> Response | None:
    """CSRF on every post (the sign-in form too), then the session: a
    revoked token ends it here, on the next request."""
    if request.method == "POST" and current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()
    digest = session.get("token")
    ended = None
    if isinstance(digest, str):
        who = auth.holder(current_app.instance_path, digest)
        if who is None:
            ended = "Your session has ended: the token was revoked. Sign in with a live token."
        elif sessions.expired(session, _lifetime_seconds()):
            ended = "Your session has ended: sign-ins last a working day. Sign in again."
        elif sessions.signed_out(current_app.instance_path, session):
            ended = "This session was signed out. Sign in again."
        else:
            g.actor, g.role = who
            return None
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    session.clear()
    if request.endpoint == "desk.speaker_options":
        return Response('{"error": "Sign in again."}', status=401, mimetype="application/json")
    if ended is not None:
        flash(ended, "error")
    return redirect(url_for("desk.login", next=request.path), code=303)


def _lifetime_seconds() -> float:
    return current_app.permanent_session_lifetime.total_seconds()


@blp.errorhandler(CSRFError)
def csrf_refused(error: CSRFError) -> tuple[str, int]:
    return render_template(
        "desk/error.html",
        title="Form refused",
        message="This form was refused: it did not carry this desk's security token, or the token has expired. "
        "Open the page again and resend the form.",
        detail=error.description,
    ), 400


@blp.errorhandler(DomainError)
def domain_error(error: DomainError) -> tuple[str, int]:
    return render_template("desk/error.html", title="Not found", message=error.detail, detail=None), error.status


def _local(target: str | None) -> str:
    """Only a path on this desk is followed after signing in."""
    if target and target.startswith("/desk") and not target.startswith("//"):
        return target
    return url_for("desk.home")


# -- signing in and out -------------------------------------------------------


@blp.route("/login", methods=["GET", "POST"])
def login() -> Response | str | tuple[str, int]:
    if request.method == "GET":
        return render_template("desk/login.html", errors={}, next=request.args.get("next", ""))
    token = request.form.get("token", "").strip()
    try:
        name, _ = auth.authenticate(current_app.instance_path, f"Bearer {token}")
    except Unauthorized:
        message = "Paste your editor token." if not token else "This token is not valid, or has been revoked."
        return render_template("desk/login.html", errors={"token": message}, next=request.form.get("next", "")), 401
    session.clear()
    session["token"] = auth.token_digest(token)
    sessions.begin(session)
    # The cookie goes when the browser closes; the session ends, at the
    # latest, a lifetime after this sign-in (checked on every request).
    session.permanent = False
    flash(f"Signed in as {name}.", "info")
    return redirect(_local(request.form.get("next")), code=303)


@blp.route("/logout", methods=["POST"])
def logout() -> Response:
    # Ended on the server too: a copy of this cookie is refused from now on.
    sessions.end(current_app.instance_path, session, _lifetime_seconds())
    session.clear()
    flash("Signed out.", "info")
    return redirect(url_for("desk.login"), code=303)


# -- home ------------------------------------------------------------------------


def _recently_changed(db: Database) -> list[dict[str, Any]]:
    """The claims most recently added or changed (their latest revisions)."""
    latest = db.conn.execute(
        "SELECT claim_id FROM revisions WHERE claim_id IS NOT NULL ORDER BY id DESC LIMIT 200"
    ).fetchall()
    claim_ids = list(dict.fromkeys(claim_id for (claim_id,) in latest))
    found = claims.summaries(db, claim_ids, public_url()) if claim_ids else {}
    live = [found[claim_id] for claim_id in claim_ids if claim_id in found and not found[claim_id]["retracted"]]
    return live[:SHORT_LIST]


@blp.route("/")
def home() -> str:
    db = get_db()
    q = request.args.get("q", "").strip()[:300]
    with read_snapshot(db):
        recent = _recently_changed(db)
        contested = claims.listing(db, {"status": "contested"}, after=None, limit=50, public_url=public_url()).items
        unsettled = [claim for claim in contested if claim["verdict"] is None][:SHORT_LIST]
        awaiting = claims.listing(
            db, {"status": "unreviewed"}, after=None, limit=SHORT_LIST, public_url=public_url()
        ).items
        results = None
        if q:
            results = {
                "claims": claims.listing(db, {"q": q}, after=None, limit=20, public_url=public_url()).items,
                "speakers": speakers.search(db, q, limit=20)[0],
                "sources": sources.listing(db, q=q, publisher=None, kind=None, after=None, limit=20).items,
            }
    return render_template(
        "desk/home.html", recent=recent, unsettled=unsettled, awaiting=awaiting, q=q, results=results
    )


@blp.route("/speakers.json")
def speaker_options() -> Response:
    """The type-ahead: the API's speaker search, as labels for a speaker field."""
    q = request.args.get("q", "").strip()[:300]
    db = get_db()
    with read_snapshot(db):
        found = speakers.search(db, q, limit=8)[0] if q else []
    return jsonify(
        [
            {"id": speaker["id"], "label": forms.speaker_label(speaker), "role": speaker["description"]}
            for speaker in found
        ]
    )


# -- a new article -------------------------------------------------------------------


def _source_values(form: Any) -> dict[str, Any]:
    # Browsers post line breaks as CRLF: the text is kept with LF, as the
    # API's clients send it, so offsets agree between the steps.
    text = form.get("text", "").replace("\r\n", "\n")
    values: dict[str, Any] = {"title": form.get("title", ""), "kind": "article", "text": text}
    for name in ("url", "publisher", "published_on"):
        values[name] = forms.optional(form, name)
    return values


def _render_article(
    source: dict[str, Any], drafts: list[articles.Draft] | None, errors: dict[str, str], status: int = 200
) -> tuple[str, int]:
    text = source.get("text") or ""
    pieces = articles.segments(text, drafts) if drafts is not None else []
    return render_template(
        "desk/article_new.html",
        source=source,
        drafts=drafts,
        pieces=pieces,
        errors=errors,
        kinds=CLAIM_KINDS,
        accepted=sum(1 for draft in drafts or [] if draft.state == "accepted"),
    ), status


@blp.route("/articles/new", methods=["GET", "POST"])
def new_article() -> Response | tuple[str, int]:
    if request.method == "GET":
        return _render_article({"title": "", "text": ""}, None, {})
    form = request.form
    source = _source_values(form)
    loaded, errors = forms.validate(SourceIn(), source)
    if not source["text"].strip():
        errors["text"] = "Paste the article's text."
    if errors:
        drafts = articles.from_form(form) if "draft_count" in form else None
        if drafts is not None:
            articles.place(source["text"], drafts)
        return _render_article(source, drafts, errors, 422)
    db = get_db()
    if form.get("action") == "find" or "draft_count" not in form:
        with read_snapshot(db):
            drafts = articles.from_extractor(db, find_drafts(db, loaded["text"], None))
        return _render_article(source, drafts, {})
    drafts = articles.from_form(form)
    articles.place(loaded["text"], drafts)
    errors = _decide(form, loaded["text"], drafts)
    if form.get("action") != "save" or errors:
        return _render_article(source, drafts, errors, 422 if errors else 200)
    return _save_article(db, loaded, source, drafts)


def _decide(form: Any, text: str, drafts: list[articles.Draft]) -> dict[str, str]:
    """Apply the button pressed: accept or reject a draft, or add the words
    the extractor missed."""
    decision = form.get("decide", "")
    verb, _, number = decision.partition(":")
    if verb in ("accept", "reject") and number.isdigit() and int(number) < len(drafts):
        drafts[int(number)].state = "accepted" if verb == "accept" else "rejected"
    if form.get("action") != "add":
        return {}
    words = form.get("missed_words", "").strip()
    span = articles.locate(text, words, None)
    if span is None:
        return {"missed_words": "These words are not in the article's text." if words else "Select or paste the words."}
    drafts.append(
        articles.Draft(
            words=words,
            kind=form.get("missed_kind", "quote") if form.get("missed_kind") in CLAIM_KINDS else "quote",
            speaker=form.get("missed_speaker", "").strip(),
            state="accepted",
            start=span[0],
            end=span[1],
        )
    )
    return {}


def _save_article(
    db: Database, loaded_source: dict[str, Any], source: dict[str, Any], drafts: list[articles.Draft]
) -> Response | tuple[str, int]:
    """Record the accepted drafts as POST /api/v1/articles does: the same
    schema, the same loader, one transaction."""
    with read_snapshot(db):
        article, errors = articles.document(db, loaded_source, drafts)
    if errors:
        return _render_article(source, drafts, errors, 422)
    data, problems = forms.validate(ArticleIn(), article.body)
    if problems:
        errors = {articles.form_field(article, field): message for field, message in problems.items()}
        return _render_article(source, drafts, errors, 422)
    editor = g.actor
    try:
        recorded = write(db, lambda database: fixtures.load_article(database, data, editor))
    except DomainError as refused:
        found = forms.domain_messages(refused)
        errors = {articles.form_field(article, field) if field else "": message for field, message in found.items()}
        return _render_article(source, drafts, errors, refused.status)
    counts = recorded.counts
    flash(
        f"Recorded: {counts['claims created']} new claim(s), {counts['appearances created']} appearance(s), "
        f"{counts['speakers created']} new speaker(s).",
        "info",
    )
    return redirect(url_for("desk.article", source_id=recorded.source_id), code=303)


@blp.route("/articles/<id:source_id>")
def article(source_id: int) -> str:
    db = get_db()
    with read_snapshot(db):
        source = sources.get(db, source_id)
        found = claims.listing(db, {"source_id": source_id}, after=None, limit=200, public_url=public_url()).items
    # In the order they were recorded, which is the article's order.
    return render_template("desk/article.html", source=source, claims=sorted(found, key=lambda claim: claim["id"]))


# -- a claim ---------------------------------------------------------------------


def _claim_values(claim: dict[str, Any]) -> dict[str, str]:
    return {
        "text": claim["text"],
        "kind": claim["kind"],
        "speaker": forms.speaker_label(claim["speaker"]),
        "said_on": claim["said_on"] or "",
        "venue": claim["venue"] or "",
        "context": claim["context"] or "",
        "tags": ", ".join(claim["tags"]),
        "version": str(claim["version"]),
    }


def _last_editor(db: Database, table: str, row_id: int) -> str:
    row = db.conn.execute(
        "SELECT actor FROM revisions WHERE table_name = ? AND row_id = ? ORDER BY id DESC LIMIT 1", [table, row_id]
    ).fetchone()
    return row[0] if row else "another editor"


@dataclass(frozen=True)
class OpenForm:
    """The form a claim's or a speaker's page shows open after a post that
    came back: what was typed, each field's error, a stale save's conflict."""

    name: str | None = None
    typed: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    conflict: dict[str, Any] | None = None
    status: int = 200


#: A page as it opens, every form closed.
CLOSED = OpenForm()


def _render_record(template: str, stored: dict[str, str], opened: OpenForm, **page: Any) -> tuple[str, int]:
    """A claim's or a speaker's page: the edit form shows what was typed
    over the stored values; the open form gets its errors and conflict."""
    shown = {**stored, **opened.typed} if opened.name == "edit" else stored
    return render_template(
        template,
        values=shown,
        form=opened.name,
        typed=opened.typed,
        errors=opened.errors,
        conflict=opened.conflict,
        **page,
    ), opened.status


def render_claim(claim_id: int, opened: OpenForm = CLOSED) -> tuple[str, int]:
    db = get_db()
    find = request.args.get("find", "").strip()[:300]
    with read_snapshot(db):
        claim = claims.get(db, claim_id, public_url(), retracted=True)
        history = revisions.listing(db, {"claim_id": claim_id}, after=None, limit=100).items
        claim_reviews = reviews.for_claim(db, claim_id)
        linked = {link["claim"]["id"] for link in claim["links"]}
        suggestions = [
            match["claim"]
            for match in claims.match(db, claim["text"], speaker_id=None, limit=8, public_url=public_url())
            if match["claim"]["id"] != claim_id and match["claim"]["id"] not in linked
        ]
        found = (
            [
                candidate
                for candidate in claims.listing(db, {"q": find}, after=None, limit=10, public_url=public_url()).items
                if candidate["id"] != claim_id
            ]
            if find
            else []
        )
    return _render_record(
        "desk/claim.html",
        _claim_values(claim),
        opened,
        claim=claim,
        history=history,
        reviews=claim_reviews,
        suggestions=suggestions,
        found=found,
        find=find,
        kinds=CLAIM_KINDS,
        relations=LINK_RELATIONS,
        ratings=RATINGS,
        today=date.today().isoformat(),
    )


@blp.route("/claims/<id:claim_id>")
def claim(claim_id: int) -> tuple[str, int]:
    return render_claim(claim_id)


def _stale(kind: str, table: str, record: dict[str, Any], typed: dict[str, str], shown: dict[str, str]) -> dict:
    """What a stale save shows: who changed the record, and both versions."""
    db = get_db()
    with read_snapshot(db):
        who = _last_editor(db, table, record["id"])
    rows = [
        {"field": name, "yours": typed.get(name, ""), "theirs": shown.get(name, "")}
        for name in shown
        if name != "version"
    ]
    return {"who": who, "kind": kind, "rows": rows, "version": record["version"]}


@dataclass(frozen=True)
class RecordPage:
    """What the desk's writes need to know of a claim's or a speaker's page."""

    kind: str
    table: str
    read: Callable[[Database, int], dict[str, Any]]
    values: Callable[[dict[str, Any]], dict[str, str]]
    render: Callable[[int, OpenForm], tuple[str, int]]
    #: The store's field names, as the page's form fields.
    fields: dict[str, str]


def _saved(
    page: RecordPage, record_id: int, opened: OpenForm, work: Callable[[Database], Any]
) -> tuple[str, int] | None:
    """Run a desk write: None once it lands, else the page again with the
    form open. A stale version (412) shows who changed the record; an edit
    form compares the fields and now carries the current version."""
    db = get_db()
    try:
        write(db, work)
    except PreconditionFailed:
        with read_snapshot(db):
            current = page.read(db, record_id)
        editing = opened.name == "edit"
        conflict = _stale(page.kind, page.table, current, opened.typed, page.values(current))
        typed = opened.typed
        if editing:
            typed = {**typed, "version": str(current["version"])}
        else:
            conflict["rows"] = []
        return page.render(record_id, replace(opened, typed=typed, conflict=conflict, status=412))
    except DomainError as refused:
        errors = forms.domain_messages(refused, page.fields)
        return page.render(record_id, replace(opened, errors=errors, status=refused.status))
    return None


@blp.route("/claims/<id:claim_id>", methods=["POST"])
def edit_claim(claim_id: int) -> Response | tuple[str, int]:
    form = request.form
    typed = {name: form.get(name, "") for name in ("text", "kind", "speaker", "said_on", "venue", "context", "tags")}
    typed["version"] = form.get("version", "")
    typed["change_reason"] = form.get("change_reason", "")
    db = get_db()
    with read_snapshot(db):
        speaker_id = forms.resolve_speaker(db, typed["speaker"])
    changes: dict[str, Any] = {
        "text": typed["text"],
        "kind": typed["kind"],
        "said_on": forms.optional(form, "said_on"),
        "venue": forms.optional(form, "venue"),
        "context": forms.optional(form, "context"),
        "tags": [tag.strip() for tag in typed["tags"].split(",") if tag.strip()],
    }
    loaded, errors = forms.validate(ClaimPatch(), changes)
    if speaker_id is None:
        errors["speaker"] = "No stored speaker by that name; choose one from the list."
    if errors:
        return render_claim(claim_id, OpenForm(name="edit", typed=typed, errors=errors, status=422))
    loaded["speaker_id"] = speaker_id
    version = forms.expected(typed["version"])
    editor, reason = g.actor, forms.optional(form, "change_reason")
    refused = _saved(
        CLAIM_PAGE,
        claim_id,
        OpenForm(name="edit", typed=typed),
        lambda database: claims.update(database, claim_id, loaded, version, editor, reason),
    )
    if refused:
        return refused
    flash("Claim saved.", "info")
    return redirect(url_for("desk.claim", claim_id=claim_id), code=303)


CLAIM_PAGE = RecordPage(
    kind="claim",
    table="claims",
    read=lambda db, claim_id: claims.get(db, claim_id, public_url()),
    values=_claim_values,
    render=render_claim,
    fields={"speaker_id": "speaker", "target_id": "target", "anchor": "text"},
)


@blp.route("/claims/<id:claim_id>/links", methods=["POST"])
def link_claim(claim_id: int) -> Response | tuple[str, int]:
    form = request.form
    typed = {name: form.get(name, "") for name in ("target", "target_number", "relation", "note")}
    target = typed["target_number"].strip().lstrip("#") or typed["target"]
    # A form posts text; the schema takes the id as JSON's number.
    target_id: int | str | None = int(target) if target.isascii() and target.isdigit() and len(target) < 19 else target
    loaded, errors = forms.validate(
        LinkIn(), {"target_id": target_id or None, "relation": typed["relation"], "note": forms.optional(form, "note")}
    )
    errors = {("target" if name == "target_id" else name): message for name, message in errors.items()}
    if not target:
        errors["target"] = "Choose the claim to link, or give its number."
    if errors:
        return render_claim(claim_id, OpenForm(name="link", typed=typed, errors=errors, status=422))
    editor = g.actor
    opened = OpenForm(name="link", typed=typed)
    refused = _saved(CLAIM_PAGE, claim_id, opened, lambda database: claims.add_link(database, claim_id, loaded, editor))
    if refused:
        return refused
    flash(f"Linked: this claim {loaded['relation'].replace('_', ' ')} claim {loaded['target_id']}.", "info")
    return redirect(url_for("desk.claim", claim_id=claim_id), code=303)


@blp.route("/claims/<id:claim_id>/verdicts", methods=["POST"])
def record_verdict(claim_id: int) -> Response | tuple[str, int]:
    form = request.form
    names = ("rating", "rating_label", "summary", "evidence", "reviewer", "reviewed_on")
    typed = {name: form.get(name, "") for name in names}
    values = {
        "rating": typed["rating"],
        "rating_label": typed["rating_label"],
        "summary": typed["summary"],
        "evidence": forms.lines(form, "evidence"),
        "reviewer": typed["reviewer"],
        "reviewed_on": typed["reviewed_on"],
    }
    loaded, errors = forms.validate(ReviewIn(), values)
    errors = {name.split(".")[0]: message for name, message in errors.items()}
    if errors:
        return render_claim(claim_id, OpenForm(name="verdict", typed=typed, errors=errors, status=422))
    editor = g.actor
    opened = OpenForm(name="verdict", typed=typed)
    refused = _saved(CLAIM_PAGE, claim_id, opened, lambda database: reviews.create(database, claim_id, loaded, editor))
    if refused:
        return refused
    flash("Verdict saved.", "info")
    return redirect(url_for("desk.claim", claim_id=claim_id), code=303)


@blp.route("/claims/<id:claim_id>/retract", methods=["POST"])
def retract_claim(claim_id: int) -> Response | tuple[str, int]:
    form = request.form
    typed = {"reason": form.get("reason", ""), "version": form.get("version", "")}
    loaded, errors = forms.validate(RetractQuery(), {"reason": typed["reason"]})
    if errors:
        return render_claim(claim_id, OpenForm(name="retract", typed=typed, errors=errors, status=422))
    version = forms.expected(typed["version"])
    editor, reason = g.actor, loaded["reason"]
    refused = _saved(
        CLAIM_PAGE,
        claim_id,
        OpenForm(name="retract", typed=typed),
        lambda database: claims.retract(database, claim_id, version, editor, reason),
    )
    if refused:
        return refused
    flash("Claim retracted. Its page and history stay on record.", "info")
    return redirect(url_for("desk.claim", claim_id=claim_id), code=303)


# -- a speaker -------------------------------------------------------------------


def _speaker_values(speaker: dict[str, Any]) -> dict[str, str]:
    affiliation = speaker["affiliation"]
    return {
        "name": speaker["name"],
        "kind": speaker["kind"],
        "description": speaker["description"] or "",
        "affiliation": forms.speaker_label(affiliation) if affiliation else "",
        "aliases": "\n".join(speaker["aliases"]),
        "version": str(speaker["version"]),
    }


def render_speaker(speaker_id: int, opened: OpenForm = CLOSED) -> tuple[str, int]:
    db = get_db()
    with read_snapshot(db):
        speaker = speakers.get(db, speaker_id)
        said = claims.listing(db, {"speaker_id": speaker_id}, after=None, limit=200, public_url=public_url()).items
    return _render_record(
        "desk/speaker.html",
        _speaker_values(speaker),
        opened,
        speaker=speaker,
        claims=said,
        kinds=SPEAKER_KINDS,
    )


SPEAKER_PAGE = RecordPage(
    kind="speaker",
    table="speakers",
    read=speakers.get,
    values=_speaker_values,
    render=render_speaker,
    fields={"affiliation_id": "affiliation", "target_id": "target"},
)


@blp.route("/speakers/<id:speaker_id>")
def speaker(speaker_id: int) -> Response | tuple[str, int]:
    try:
        return render_speaker(speaker_id)
    except NotFound as missing:
        if "merged_into" not in missing.extra:
            raise
        flash(f"Speaker {speaker_id} was merged into this one.", "info")
        return redirect(url_for("desk.speaker", speaker_id=missing.extra["merged_into"]), code=308)


@blp.route("/speakers/<id:speaker_id>", methods=["POST"])
def edit_speaker(speaker_id: int) -> Response | tuple[str, int]:
    form = request.form
    typed = {
        name: form.get(name, "")
        for name in ("name", "kind", "description", "affiliation", "aliases", "version", "change_reason")
    }
    db = get_db()
    changes: dict[str, Any] = {
        "name": typed["name"],
        "kind": typed["kind"],
        "description": forms.optional(form, "description"),
        "aliases": forms.lines(form, "aliases"),
    }
    loaded, errors = forms.validate(SpeakerPatch(), changes)
    errors = {name.split(".")[0]: message for name, message in errors.items()}
    affiliation = typed["affiliation"].strip()
    with read_snapshot(db):
        affiliation_id = forms.resolve_speaker(db, affiliation) if affiliation else None
    if affiliation and affiliation_id is None:
        errors["affiliation"] = "No stored speaker by that name; choose one from the list."
    if errors:
        return render_speaker(speaker_id, OpenForm(name="edit", typed=typed, errors=errors, status=422))
    loaded["affiliation_id"] = affiliation_id
    version = forms.expected(typed["version"])
    editor, reason = g.actor, forms.optional(form, "change_reason")
    refused = _saved(
        SPEAKER_PAGE,
        speaker_id,
        OpenForm(name="edit", typed=typed),
        lambda database: speakers.update(database, speaker_id, loaded, version, editor, reason),
    )
    if refused:
        return refused
    flash("Speaker saved.", "info")
    return redirect(url_for("desk.speaker", speaker_id=speaker_id), code=303)


@blp.route("/speakers/<id:speaker_id>/merge", methods=["POST"])
def merge_speaker(speaker_id: int) -> Response | tuple[str, int]:
    form = request.form
    typed = {"target": form.get("target", ""), "version": form.get("version", "")}
    db = get_db()
    with read_snapshot(db):
        target_id = forms.resolve_speaker(db, typed["target"])
    if target_id is None:
        errors = {"target": "No stored speaker by that name; choose one from the list."}
        return render_speaker(speaker_id, OpenForm(name="merge", typed=typed, errors=errors, status=422))
    version = forms.expected(typed["version"])
    editor = g.actor
    refused = _saved(
        SPEAKER_PAGE,
        speaker_id,
        OpenForm(name="merge", typed=typed),
        lambda database: speakers.merge(database, speaker_id, target_id, version, editor),
    )
    if refused:
        return refused
    flash(f"Merged speaker {speaker_id} into this one; its claims moved here and kept their permalinks.", "info")
    return redirect(url_for("desk.speaker", speaker_id=target_id), code=303)
