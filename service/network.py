"""The claim network, drawn: who contradicts whom, as pictures made on the server.

Three pictures, each read in a constant number of indexed statements and
bounded however large the record grows:

- a claim's neighbourhood, two links deep, at most ``MAX_CLAIMS`` claims;
- a speaker's network: the speakers whose claims this speaker's claims
  contradict, and who contradict theirs, with counts on the edges;
- the whole record's speaker network, the ``TOP_SPEAKERS`` speakers with the
  most contested claims.

Graphviz (``dot``, through the ``graphviz`` binding) lays them out. Laying
out costs milliseconds, so each picture is kept in an in-process LRU
(:data:`PICTURES`) under a *signature*: one statement that reads the versions
of everything the picture shows, cheaper than reading the picture's rows.
A changed claim, speaker, verdict or link changes the signature, and so the
picture is laid out again. The same signatures are the public site's ETags
(``service/publish/plugins/http_cache.py``).

Framework-free: a sqlite3 connection in, strings and bytes out.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import graphviz

from service.lru import LRU

#: The most claims a neighbourhood picture shows; the rest are counted.
MAX_CLAIMS = 40
#: Links read per claim and direction: a claim linked ten thousand times costs
#: the same to draw as one linked fifty times (the picture says "at least").
LINKS_PER_CLAIM = 20
#: The most other speakers a speaker's picture shows.
MAX_SPEAKERS = 24
#: Contested claims of one speaker read for their picture, latest first.
SPEAKER_CLAIMS_READ = 2000
#: Speakers in the whole record's picture.
TOP_SPEAKERS = 20
#: Rendered pictures kept in each process.
CACHE_SIZE = 1024

#: Okabe and Ito's palette, told apart with any colour vision; each colour
#: with the text colour that reads on it at a contrast of 4.5:1 or more.
PALETTE = (
    ("#E69F00", "#000000"),
    ("#56B4E9", "#000000"),
    ("#009E73", "#000000"),
    ("#F0E442", "#000000"),
    ("#0072B2", "#FFFFFF"),
    ("#D55E00", "#000000"),
    ("#CC79A7", "#000000"),
    ("#000000", "#FFFFFF"),
)

#: How each relation is drawn; style as well as colour, so that the
#: relations stay apart in grey. Read "claim <relation> target".
RELATION_STYLES: dict[str, dict[str, str]] = {
    "contradicts": {
        "color": "#D55E00",
        "style": "bold",
        "penwidth": "2.5",
        "dir": "both",
        "arrowhead": "tee",
        "arrowtail": "tee",
    },
    "supports": {"color": "#009E73", "style": "solid", "penwidth": "1.5", "arrowhead": "normal"},
    "responds_to": {"color": "#0072B2", "style": "dashed", "penwidth": "1.5", "arrowhead": "vee"},
    "qualifies": {"color": "#CC79A7", "style": "dotted", "penwidth": "2", "arrowhead": "diamond"},
    "repeats": {"color": "#555555", "style": "solid", "penwidth": "1", "arrowhead": "onormal"},
}
RELATION_WORDS = {
    "contradicts": "contradicts",
    "supports": "supports",
    "responds_to": "responds to",
    "qualifies": "qualifies",
    "repeats": "repeats",
}
RELATION_DRAWN = {
    "contradicts": "thick vermilion line, bars at both ends",
    "supports": "green line, arrow",
    "responds_to": "blue dashed line, open arrow",
    "qualifies": "purple dotted line, diamond",
    "repeats": "thin grey line, hollow arrow",
}

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}


def colour(speaker_id: int) -> tuple[str, str]:
    """A speaker's colour and the text colour on it: the same on every picture."""
    return PALETTE[speaker_id % len(PALETTE)]


# -- a claim's neighbourhood ---------------------------------------------------

#: The links within two links of :claim, bounded: LINKS_PER_CLAIM per claim
#: and direction, each read from the claim_links_claim_id or
#: claim_links_target_id index in id order (no sort, no scan).
_NEIGHBOURHOOD_LINKS = """
WITH first_links AS (
    SELECT * FROM (SELECT id, claim_id, target_id, relation FROM claim_links
                   WHERE claim_id = :claim ORDER BY id LIMIT :per_claim)
    UNION
    SELECT * FROM (SELECT id, claim_id, target_id, relation FROM claim_links
                   WHERE target_id = :claim ORDER BY id LIMIT :per_claim)
),
first_ring AS (
    SELECT iif(claim_id = :claim, target_id, claim_id) AS id FROM first_links GROUP BY 1
),
second_links AS (
    SELECT l.id, l.claim_id, l.target_id, l.relation FROM first_ring JOIN claim_links AS l
        ON l.id IN (SELECT id FROM claim_links WHERE claim_id = first_ring.id ORDER BY id LIMIT :per_claim)
    UNION
    SELECT l.id, l.claim_id, l.target_id, l.relation FROM first_ring JOIN claim_links AS l
        ON l.id IN (SELECT id FROM claim_links WHERE target_id = first_ring.id ORDER BY id LIMIT :per_claim)
),
links AS (
    SELECT *, 1 AS depth FROM first_links
    UNION ALL
    SELECT *, 2 FROM second_links WHERE id NOT IN (SELECT id FROM first_links)
)
"""

_LINKS_QUERY = _NEIGHBOURHOOD_LINKS + "SELECT id, claim_id, target_id, relation, depth FROM links ORDER BY depth, id"

#: One statement: the versions of every claim, speaker and link the picture
#: may show (every claim found, not only those drawn: a superset), and of what
#: the claim's own page and card show besides: its source, the other
#: articles that carry it, its reviews, its speaker's affiliation.
_CLAIM_SIGNATURE = (
    _NEIGHBOURHOOD_LINKS
    + """,
found AS (SELECT :claim AS id UNION SELECT claim_id FROM links UNION SELECT target_id FROM links)
SELECT
    (SELECT group_concat(id || relation, ',') FROM (SELECT id, relation FROM links ORDER BY id)),
    (SELECT group_concat(
        c.id || '.' || c.version || '.' || c.counter_claims || '.' || coalesce(c.verdict_on, '')
        || coalesce(c.verdict, '') || '.' || coalesce(c.retracted_at, '') || '.' || s.id || '.' || s.version, ','
     ) FROM (SELECT id FROM found ORDER BY id) AS f
        JOIN claims AS c ON c.id = f.id JOIN speakers AS s ON s.id = c.speaker_id),
    (SELECT version FROM sources WHERE id = claim.source_id),
    (SELECT group_concat(a.id || '.' || s.version, ',') FROM appearances AS a
        JOIN sources AS s ON s.id = a.source_id WHERE a.claim_id = claim.id),
    (SELECT group_concat(id || '.' || version, ',') FROM reviews WHERE claim_id = claim.id),
    (SELECT version FROM speakers WHERE id = (SELECT affiliation_id FROM speakers WHERE id = claim.speaker_id))
FROM claims AS claim WHERE claim.id = :claim
"""
)


@dataclass(frozen=True)
class ClaimNode:
    id: int
    text: str
    speaker_id: int
    speaker_name: str
    depth: int
    retracted: bool

    @property
    def url(self) -> str:
        return f"/c/{self.id}"

    def short_text(self, width: int = 60) -> str:
        return textwrap.shorten(self.text, width=width, placeholder="…")


@dataclass(frozen=True)
class Link:
    id: int
    source: int
    target: int
    relation: str

    @property
    def words(self) -> str:
        return RELATION_WORDS[self.relation]


@dataclass
class Neighbourhood:
    claim_id: int
    nodes: list[ClaimNode]
    links: list[Link]
    #: Claims found within two links but not drawn.
    left_out: int
    #: Whether some claim has more links than were read (so more may be left out).
    more_unread: bool

    def node(self, claim_id: int) -> ClaimNode:
        return next(node for node in self.nodes if node.id == claim_id)

    @property
    def speakers(self) -> list[tuple[int, str]]:
        """The speakers on the picture, for its legend, the claim's speaker first."""
        seen: dict[int, str] = {}
        for node in self.nodes:
            seen.setdefault(node.speaker_id, node.speaker_name)
        return list(seen.items())

    @property
    def left_out_note(self) -> str | None:
        if self.more_unread and not self.left_out:
            return f"Only the first {LINKS_PER_CLAIM} links of each claim are read; some claims may be left out."
        if not self.left_out:
            return None
        count = f"at least {self.left_out}" if self.more_unread else str(self.left_out)
        claims, are = ("claim", "is") if count == "1" else ("claims", "are")
        return f"{count} more linked {claims} within two links {are} not drawn (the picture shows {len(self.nodes)})."


def _digest(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=12).hexdigest()


def claim_signature(connection: sqlite3.Connection, claim_id: int) -> str | None:
    """The signature of a claim's neighbourhood and of what its page shows,
    or None if there is no such claim. One statement."""
    row = connection.execute(_CLAIM_SIGNATURE, {"claim": claim_id, "per_claim": LINKS_PER_CLAIM}).fetchone()
    return None if row is None else _digest(*row)


def neighbourhood(connection: sqlite3.Connection, claim_id: int) -> Neighbourhood | None:
    """The claims within two links of ``claim_id``, at most MAX_CLAIMS of them:
    the claim, then those one link away, then two, each ring in link order."""
    parameters = {"claim": claim_id, "per_claim": LINKS_PER_CLAIM}
    rows = _tuples(connection.execute(_LINKS_QUERY, parameters))
    # Rows come nearest first, so the order of first sight is the order kept.
    depth_of = {claim_id: 0}
    for _, source, target, _, depth in rows:
        for end in (source, target):
            depth_of.setdefault(end, depth)
    kept = list(depth_of)[:MAX_CLAIMS]
    kept_set = set(kept)
    found = _tuples(
        connection.execute(
            "SELECT claims.id, claims.text, claims.speaker_id, speakers.name, claims.retracted_at IS NOT NULL"
            " FROM json_each(:ids) AS wanted JOIN claims ON claims.id = wanted.value"
            " JOIN speakers ON speakers.id = claims.speaker_id",
            {"ids": _json_ids(kept)},
        )
    )
    by_id = {row[0]: row for row in found}
    if claim_id not in by_id:
        return None
    nodes = [
        ClaimNode(
            id=i,
            text=by_id[i][1],
            speaker_id=by_id[i][2],
            speaker_name=by_id[i][3],
            depth=depth_of[i],
            retracted=bool(by_id[i][4]),
        )
        for i in kept
        if i in by_id
    ]
    links = [
        Link(id=link_id, source=source, target=target, relation=relation)
        for link_id, source, target, relation, _ in rows
        if source in kept_set and target in kept_set
    ]
    return Neighbourhood(
        claim_id=claim_id,
        nodes=nodes,
        links=links,
        left_out=len(depth_of) - len(kept),
        more_unread=_more_unread(connection, [node.id for node in nodes if node.depth < 2]),
    )


def _tuples(cursor: Iterable) -> list[tuple]:
    # Datasette's connections return sqlite3.Row, which neither sorts nor hashes.
    return [tuple(row) for row in cursor]


def _json_ids(ids: Iterable[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def _more_unread(connection: sqlite3.Connection, claim_ids: list[int]) -> bool:
    """Whether any of these claims has more links, one way, than are read."""
    for column in ("claim_id", "target_id"):
        over = connection.execute(
            f"SELECT 1 FROM json_each(:ids) AS wanted WHERE (SELECT count(*) FROM (SELECT 1 FROM claim_links"
            f" WHERE {column} = wanted.value LIMIT :limit)) > :per_claim LIMIT 1",
            {"ids": _json_ids(claim_ids), "limit": LINKS_PER_CLAIM + 1, "per_claim": LINKS_PER_CLAIM},
        ).fetchone()
        if over:
            return True
    return False


def claim_graph(hood: Neighbourhood) -> graphviz.Digraph:
    """The neighbourhood as a Graphviz graph: every claim a link to its page."""
    graph = graphviz.Digraph(name=f"Claims linked to claim {hood.claim_id}")
    graph.attr(rankdir="LR", bgcolor="transparent", nodesep="0.25", ranksep="0.5", fontname="Helvetica")
    graph.attr("node", shape="box", style="rounded,filled", fontname="Helvetica", fontsize="11", margin="0.12,0.06")
    graph.attr("edge", fontname="Helvetica", fontsize="9")
    for node in hood.nodes:
        label = (
            "\n".join(textwrap.wrap(node.short_text(70), width=26))
            + f"\n— {textwrap.shorten(node.speaker_name, 30, placeholder='…')}"
        )
        attributes = _node_attributes(
            label, node.speaker_id, node.url, f"Claim {node.id}, {node.speaker_name}: {node.short_text(200)}"
        )
        if node.id == hood.claim_id:
            attributes.update(penwidth="3", color="#000000", fontsize="12")
        if node.retracted:
            attributes.update(style="rounded,filled,dashed")
        graph.node(_claim_node_name(node), **attributes)
    names = {node.id: _claim_node_name(node) for node in hood.nodes}
    for link in hood.links:
        graph.edge(
            names[link.source],
            names[link.target],
            tooltip=graphviz.escape(f"Claim {link.source} {link.words} claim {link.target}"),
            **RELATION_STYLES[link.relation],
        )
    return graph


def _node_attributes(label: str, speaker_id: int, url: str, tooltip: str) -> dict[str, str]:
    """A box in the speaker's colours that links to ``url`` (in the whole page, not the picture's frame)."""
    fill, ink = colour(speaker_id)
    return {
        "label": graphviz.escape(label),
        "fillcolor": fill,
        "fontcolor": ink,
        "URL": url,
        "target": "_top",
        "tooltip": graphviz.escape(tooltip),
    }


def _claim_node_name(node: ClaimNode) -> str:
    # The node's name is its <title> in the SVG: it should read well. A name
    # is no escString (backslashes stay as written), and never HTML-like.
    return graphviz.nohtml(f"Claim {node.id} by {node.speaker_name}")


# -- speaker networks ------------------------------------------------------------

#: Contradictions between one speaker's contested claims and others', counted
#: per (speaker, speaker, direction). Reads the speaker's contested claims
#: from the claims_published_contested partial index, at most
#: SPEAKER_CLAIMS_READ of them, the latest first, and each one's links from the link indexes.
_SPEAKER_CONTRADICTIONS = """
WITH contested AS (
    SELECT id FROM claims INDEXED BY claims_published_contested
    WHERE speaker_id = :speaker AND counter_claims > 0 AND retracted_at IS NULL
    ORDER BY id DESC LIMIT :read
),
pairs AS (
    SELECT :speaker AS from_speaker, other.speaker_id AS to_speaker
    FROM contested JOIN claim_links AS l ON l.claim_id = contested.id AND l.relation = 'contradicts'
    JOIN claims AS other ON other.id = l.target_id
    UNION ALL
    SELECT other.speaker_id, :speaker
    FROM contested JOIN claim_links AS l ON l.target_id = contested.id AND l.relation = 'contradicts'
    JOIN claims AS other ON other.id = l.claim_id
)
SELECT from_speaker, to_speaker, count(*) FROM pairs GROUP BY 1, 2
"""

_SPEAKER_COUNT = (
    "SELECT count(*) FROM (SELECT 1 FROM claims INDEXED BY claims_published_contested"
    " WHERE speaker_id = :speaker AND counter_claims > 0 AND retracted_at IS NULL LIMIT :limit)"
)

#: Speakers ranked by their number of contested claims, read from the
#: claims_published_contested partial index (contested claims only).
_TOP_SPEAKERS = """
SELECT speaker_id, count(*) AS contested FROM claims INDEXED BY claims_published_contested
WHERE counter_claims > 0 AND retracted_at IS NULL
GROUP BY speaker_id ORDER BY contested DESC, speaker_id LIMIT :top
"""
_CONTESTED_SPEAKERS = (
    "SELECT count(DISTINCT speaker_id) FROM claims INDEXED BY claims_published_contested"
    " WHERE counter_claims > 0 AND retracted_at IS NULL"
)

#: The contradictions among the top speakers, from each one's contested claims.
_AMONG_SPEAKERS = """
WITH top(speaker_id) AS (SELECT value FROM json_each(:speakers)),
contested AS (
    SELECT claims.id, claims.speaker_id FROM top JOIN claims INDEXED BY claims_published_contested
        ON claims.speaker_id = top.speaker_id AND claims.counter_claims > 0 AND claims.retracted_at IS NULL
)
SELECT contested.speaker_id, other.speaker_id, count(*)
FROM contested JOIN claim_links AS l ON l.claim_id = contested.id AND l.relation = 'contradicts'
JOIN claims AS other ON other.id = l.target_id
WHERE other.speaker_id IN (SELECT speaker_id FROM top) AND other.retracted_at IS NULL
GROUP BY 1, 2
"""


@dataclass(frozen=True)
class SpeakerNode:
    id: int
    name: str
    contested: int | None = None

    @property
    def url(self) -> str:
        return f"/claims/speakers/{self.id}"


@dataclass(frozen=True)
class SpeakerEdge:
    source: int
    target: int
    count: int


@dataclass
class SpeakerNetwork:
    #: The speaker the picture is about, or None for the whole record.
    focus: int | None
    nodes: list[SpeakerNode]
    edges: list[SpeakerEdge]
    left_out: int
    #: Whether the focus speaker has more contested claims than were read.
    more_unread: bool
    signature: str

    def node(self, speaker_id: int) -> SpeakerNode:
        return next(node for node in self.nodes if node.id == speaker_id)

    @property
    def left_out_note(self) -> str | None:
        if self.focus is None:
            if not self.left_out:
                return None
            plural = "speaker" if self.left_out == 1 else "speakers"
            return (
                f"{self.left_out} more {plural} with contested claims are left out;"
                f" the picture shows the {len(self.nodes)} with the most."
            )
        notes = []
        if self.left_out:
            plural = "speaker" if self.left_out == 1 else "speakers"
            shown = len(self.nodes) - 1
            notes.append(f"{self.left_out} more {plural} left out; the picture shows the {shown} with the most links.")
        if self.more_unread:
            notes.append(f"Counted from this speaker's {SPEAKER_CLAIMS_READ} latest contested claims.")
        return " ".join(notes) or None


def _speaker_names(connection: sqlite3.Connection, ids: Iterable[int]) -> dict[int, tuple[str, int]]:
    rows = connection.execute(
        "SELECT speakers.id, speakers.name, speakers.version FROM json_each(:ids) AS wanted"
        " JOIN speakers ON speakers.id = wanted.value",
        {"ids": _json_ids(ids)},
    )
    return {speaker_id: (name, version) for speaker_id, name, version in rows}


def speaker_network(connection: sqlite3.Connection, speaker_id: int) -> SpeakerNetwork | None:
    """Whom ``speaker_id``'s claims contradict and whose contradict theirs,
    speaker to speaker, with the number of links on each edge."""
    if connection.execute("SELECT 1 FROM speakers WHERE id = ?", [speaker_id]).fetchone() is None:
        return None
    counts = _tuples(connection.execute(_SPEAKER_CONTRADICTIONS, {"speaker": speaker_id, "read": SPEAKER_CLAIMS_READ}))
    totals: dict[int, int] = {}
    for source, target, count in counts:
        other = target if source == speaker_id else source
        totals[other] = totals.get(other, 0) + count
    ranked = sorted(totals, key=lambda other: (-totals[other], other))
    shown = [other for other in ranked if other != speaker_id][:MAX_SPEAKERS]
    names = _speaker_names(connection, [speaker_id, *shown])
    kept = {speaker_id, *shown}
    edges = [
        SpeakerEdge(source, target, count)
        for source, target, count in sorted(counts)
        if source in kept and target in kept
    ]
    read = connection.execute(_SPEAKER_COUNT, {"speaker": speaker_id, "limit": SPEAKER_CLAIMS_READ + 1}).fetchone()[0]
    return SpeakerNetwork(
        focus=speaker_id,
        nodes=[SpeakerNode(id=i, name=names[i][0]) for i in [speaker_id, *shown] if i in names],
        edges=edges,
        left_out=len([other for other in ranked if other != speaker_id]) - len(shown),
        more_unread=read > SPEAKER_CLAIMS_READ,
        signature=_digest(sorted(counts), sorted(names.items())),
    )


def record_network(connection: sqlite3.Connection, top: int = TOP_SPEAKERS) -> SpeakerNetwork:
    """The speakers with the most contested claims, and the contradictions among them."""
    ranked = _tuples(connection.execute(_TOP_SPEAKERS, {"top": top}))
    (contested_speakers,) = connection.execute(_CONTESTED_SPEAKERS).fetchone()
    ids = [speaker_id for speaker_id, _ in ranked]
    names = _speaker_names(connection, ids)
    counts = _tuples(connection.execute(_AMONG_SPEAKERS, {"speakers": _json_ids(ids)}))
    return SpeakerNetwork(
        focus=None,
        nodes=[SpeakerNode(id=i, name=names[i][0], contested=contested) for i, contested in ranked if i in names],
        edges=[SpeakerEdge(source, target, count) for source, target, count in sorted(counts)],
        left_out=contested_speakers - len(ids),
        more_unread=False,
        signature=_digest(ranked, sorted(counts), sorted(names.items()), contested_speakers),
    )


def record_signature(connection: sqlite3.Connection) -> str:
    """Changes with every write through the store: each one records a revision."""
    (last,) = connection.execute("SELECT max(id) FROM revisions").fetchone()
    return _digest("record", last)


def speaker_graph(network: SpeakerNetwork) -> graphviz.Digraph:
    title = "Who contradicts whom" if network.focus is None else f"Who contradicts speaker {network.focus}"
    graph = graphviz.Digraph(name=title)
    graph.attr(rankdir="LR", bgcolor="transparent", fontname="Helvetica", nodesep="0.3")
    graph.attr("node", shape="box", style="rounded,filled", fontname="Helvetica", fontsize="11")
    graph.attr(
        "edge",
        fontname="Helvetica",
        fontsize="10",
        **RELATION_STYLES["contradicts"] | {"dir": "forward", "arrowhead": "normal"},
    )
    names = {}
    for node in network.nodes:
        label = textwrap.shorten(node.name, 40, placeholder="…")
        if node.contested is not None:
            label += f"\n{node.contested} contested"
        names[node.id] = graphviz.nohtml(f"{node.name} (speaker {node.id})")
        attributes = _node_attributes(label, node.id, node.url, node.name)
        if node.id == network.focus:
            attributes.update(penwidth="3", color="#000000")
        graph.node(names[node.id], **attributes)
    for edge in network.edges:
        if edge.source == edge.target:
            continue  # a speaker contradicting themselves is listed, not drawn
        graph.edge(
            names[edge.source],
            names[edge.target],
            label=str(edge.count),
            tooltip=graphviz.escape(
                f"{network.node(edge.source).name} contradicts {network.node(edge.target).name}: {edge.count}"
            ),
        )
    return graph


# -- rendering and the cache -----------------------------------------------------


#: (what a picture shows, the picture), by what it shows and its signature. Per
#: process: each ``datasette`` process lays a picture out once per change.
PICTURES: LRU[tuple[Any, bytes]] = LRU(CACHE_SIZE)

_COMMENT = re.compile(r"<!--.*?-->\n?", re.DOTALL)
_ROOT_SIZE = re.compile(r'<svg width="(?P<width>[0-9.]+pt)" height="[0-9.]+pt"')
#: Inline, the site's styles reach the picture: its links are the boxes, not underlined text.
_PICTURE_STYLE = "<style>svg.network-picture a { text-decoration: none; }</style>"


def render(graph: graphviz.Digraph, format: str = "svg") -> bytes:
    """Lay ``graph`` out with Graphviz; SVG is made to fit its container."""
    if format not in FORMATS:
        raise ValueError(f"no format {format!r}")
    if format == "png":
        return graph.pipe(format="png", engine=graph.engine, renderer="cairo")
    svg = graph.pipe(format="svg", encoding="utf-8")
    # From the root element on (no XML prolog, so it can be inlined), without
    # Graphviz's comments, which repeat the names (escaped) to no one's use.
    svg = _COMMENT.sub("", svg[svg.index("<svg") :])
    # The root keeps its width and viewBox, and shrinks to fit a narrow page.
    svg = _ROOT_SIZE.sub(
        r'<svg class="network-picture" width="\g<width>" style="max-width:100%;height:auto"', svg, count=1
    )
    root_end = svg.index(">") + 1
    svg = svg[:root_end] + "\n" + _PICTURE_STYLE + svg[root_end:]
    return svg.encode("utf-8")
