"""The SPARQL 1.1 Protocol's query operation at `/sparql` (https://www.w3.org/TR/sparql11-protocol/).

Query by GET, by URL-encoded POST or by direct POST (`application/sparql-query`, UTF-8). The
endpoint is read-only: an update request, in any of its forms, is refused (403 when it is a
well-formed update request, 400/415 when the request itself is malformed). Status codes:
400 malformed request or query, 403 refused (update, SERVICE to a host not allowed),
405 other methods, 406 no acceptable result format, 413 body too large, 415 unsupported
request media type or charset, 500 result cap exceeded, 503 timeout.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response

from .engine import TEXT, Job, Reply

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
READ_ONLY = (
    "this endpoint is read-only: SPARQL Update is not accepted (nothing was changed)\n"
    "how to fix: send queries only; to change the graph, edit its sources and rebuild"
)


class Refusal(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message

    def response(self) -> Response:
        headers = {"Allow": "GET, POST"} if self.status == 405 else None
        return Response(self.message.rstrip() + "\n", self.status, headers, TEXT)


def as_response(reply: Reply) -> Response:
    return Response(reply.body, reply.status, {"Vary": "Accept"}, reply.media_type)


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it passes `limit` bytes (declared or streamed)."""
    too_big = Refusal(413, f"the request body is larger than the server's limit of {limit} bytes")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def _media(request: Request) -> tuple[str, str]:
    """The request's media type and charset (lower case; charset '' when not given)."""
    header = request.headers.get("content-type", "")
    media, *params = (p.strip() for p in header.split(";"))
    charset = ""
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.lower(), charset


def _decode(body: bytes, charset: str) -> str:
    if charset not in ("", "utf-8", "utf8"):
        raise Refusal(415, f"charset {charset!r} is not supported: send the request in UTF-8")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refusal(400, "the request body is not valid UTF-8") from None


def _one(params: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise Refusal(400, f"more than one {name!r} parameter: send exactly one")
    return values[0] if values else None


def _graphs(params: list[tuple[str, str]], name: str) -> tuple[str, ...] | None:
    values = tuple(v for k, v in params if k == name)
    return values or None


async def job_of(request: Request, max_body: int) -> Job | None:
    """The query job a request asks for; None for a GET with no query (the service
    description); `Refusal` for everything the protocol or a read-only endpoint turns down."""
    params = parse_qsl(request.url.query, keep_blank_values=True)
    if request.method == "POST":
        media, charset = _media(request)
        body = await read_body(request, max_body)
        if media == FORM:
            params += parse_qsl(_decode(body, charset), keep_blank_values=True)
        elif media == UPDATE:
            raise Refusal(403, READ_ONLY)
        elif media == QUERY:
            if _one(params, "query") is not None:
                raise Refusal(400, "a direct POST carries its query in the body, not in ?query=")
            params.append(("query", _decode(body, charset)))
        else:
            raise Refusal(
                415,
                f"unsupported request media type {media or '(none)'!r}: send a query as "
                f"{QUERY} or as {FORM} (query=...)",
            )
    update = _one(params, "update")
    if update is not None:
        if request.method == "GET":
            raise Refusal(400, "an update cannot be sent by GET; and " + READ_ONLY)
        if _one(params, "query") is not None:
            raise Refusal(400, "a request carries either 'query' or 'update', not both")
        raise Refusal(403, READ_ONLY)
    text = _one(params, "query")
    if text is None:
        if request.method == "POST":
            raise Refusal(400, "no 'query' parameter: send query=... or a direct POST")
        return None
    return Job(
        query=text,
        default_graphs=_graphs(params, "default-graph-uri"),
        named_graphs=_graphs(params, "named-graph-uri"),
        accept=request.headers.get("accept"),
        base_iri=str(request.url.replace(query="", fragment="")),
    )
