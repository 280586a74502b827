"""The web application: routes of `treatykg serve` over one built, read-only dataset.

`/sparql` (protocol), `/.well-known/void`, `/.well-known/sparql-examples`, `/catalogue.json`,
the query page at `/` with YASGUI's files under `/static/yasgui/`, and every other path as an
entity of the graph (`deref`).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .. import catalogue, paths
from . import deref, describe
from .engine import RDF_FORMATS, TEXT, not_acceptable, serialize, with_charset, write_store
from .limits import Limits
from .negotiate import choose
from .pool import Pool
from .protocol import Refusal, as_response, job_of

YASGUI_BUILD = Path("node_modules/@zazuko/yasgui/build")
FORMAT_PARAM = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
}
SETUP_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>treatykg: query page not installed</title></head><body>
<h1>The query page is not installed</h1>
<p>YASGUI is installed from the npm registry, not kept in the repository. Run the setup once:</p>
<pre>npm ci --prefix web</pre>
<p>(or start the server with <code>make serve</code>, which does it),
then reload this page. The SPARQL endpoint works without it:
<a href="/sparql">/sparql</a>.</p>
</body></html>
"""


def rdf_response(triples: list, accept: str | None) -> Response:
    media = choose(accept, list(RDF_FORMATS))
    if media is None:
        reply = not_acceptable(list(RDF_FORMATS))
        return Response(reply.body, reply.status, media_type=reply.media_type)
    return Response(serialize(triples, media), 200, {"Vary": "Accept"}, with_charset(media))


class Site:
    """What the routes serve: the dataset's lookups and figures (made once), the worker pool
    (started and stopped by the app's lifespan) and the project's `web/` directory."""

    def __init__(self, ds: Dataset | ox.Store, limits: Limits, root: Path | str | None) -> None:
        project = paths.find(root)
        self.ds, self.limits, self.web = ds, limits, project.root / "web"
        self.store = catalogue.store_of(ds)
        self.figures = describe.figures(ds)
        self.examples = describe.examples(project.root)
        self.entries = [
            {"name": e.name, "question": e.question, "returns": e.returns, "example": e.example}
            | {"query": e.text}
            for e in catalogue.catalogue(project.root)
        ]
        self.pool: Pool | None = None

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        directory = Path(tempfile.mkdtemp(prefix="treatykg-serve-"))
        try:
            write_store(self.ds, directory / "dataset.nq")
            self.pool = Pool(str(directory / "dataset.nq"), self.limits)
            await self.pool.start()
            yield
        finally:
            if self.pool is not None:
                self.pool.stop()
            shutil.rmtree(directory, ignore_errors=True)

    async def sparql(self, request: Request) -> Response:
        try:
            job = await job_of(request, self.limits.max_body)
        except Refusal as refusal:
            return refusal.response()
        if job is None:  # GET /sparql with no query: the service description
            here = str(request.url.replace(query="", fragment="")).removesuffix("/")
            federated = bool(self.limits.allow_hosts)
            triples = describe.service_triples(self.figures, here, federated)
            triples += describe.example_triples(self.examples, here)
            return rdf_response(triples, request.headers.get("accept"))
        assert self.pool is not None, "the lifespan starts the pool"
        return as_response(await self.pool.run(job))

    async def void(self, request: Request) -> Response:
        dataset = describe.dataset_iri(self.figures)
        triples = describe.void_triples(self.figures, sparql_url(request), dataset)
        return rdf_response(triples, request.headers.get("accept"))

    async def sparql_examples(self, request: Request) -> Response:
        triples = describe.example_triples(self.examples, sparql_url(request))
        return rdf_response(triples, request.headers.get("accept"))

    async def catalogue_json(self, request: Request) -> Response:
        return JSONResponse(self.entries)

    async def index(self, request: Request) -> Response:
        if not (self.web / "node_modules").is_dir() or not (self.web / "index.html").is_file():
            return HTMLResponse(SETUP_PAGE, 503)
        return FileResponse(self.web / "index.html", media_type="text/html; charset=utf-8")

    async def yasgui(self, request: Request) -> Response:
        base = (self.web / YASGUI_BUILD).resolve()
        target = (base / request.path_params["file"]).resolve()
        if not target.is_relative_to(base) or not target.is_file():
            return Response("not found\n", 404, media_type=TEXT)
        return FileResponse(target)

    def entity(self, request: Request) -> Response:
        iri = deref.iri_of(request.path_params["path"])
        triples = deref.triples_about(self.store, iri)
        if not triples:
            return Response(f"no such entity: {iri}\n", 404, media_type=TEXT)
        offers = [*RDF_FORMATS, "text/html"]
        forced = FORMAT_PARAM.get(request.query_params.get("format", ""))
        media = forced or choose(request.headers.get("accept"), offers)
        if media is None:
            reply = not_acceptable(offers)
            return Response(reply.body, reply.status, media_type=reply.media_type)
        if media == "text/html":
            html = deref.page(self.store, iri, triples)
            return HTMLResponse(html, headers={"Vary": "Accept"})
        return Response(serialize(triples, media), 200, {"Vary": "Accept"}, with_charset(media))


def sparql_url(request: Request) -> str:
    return str(request.url_for("sparql")).removesuffix("/")


def create_app(
    ds: Dataset | ox.Store, limits: Limits | None = None, root: Path | str | None = None
) -> Starlette:
    """The application for `ds` (a built dataset, or a store made by `build --store`); the
    worker pool starts and stops with the app's lifespan."""
    site = Site(ds, limits or Limits(), root)
    routes = [
        Route("/sparql", site.sparql, methods=["GET", "POST"], name="sparql"),
        Route("/sparql/", site.sparql, methods=["GET", "POST"]),
        Route("/.well-known/void", site.void),
        Route("/.well-known/sparql-examples", site.sparql_examples),
        Route("/catalogue.json", site.catalogue_json),
        Route("/", site.index),
        Route("/static/yasgui/{file:path}", site.yasgui),
        Route("/{path:path}", site.entity),
    ]
    return Starlette(routes=routes, lifespan=site.lifespan)
