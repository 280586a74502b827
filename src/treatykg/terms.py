"""Resolve the slugs an analyst writes in YAML to the IRIs the graph already defines.

A slug is valid only if the vocabulary or an entity file defines it: this keeps the YAML from
silently minting a new actor or area through a typo.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF, SKOS

from . import namespaces as ns

KINDS = ("actor", "agreement", "event", "source")


@dataclass
class Terms:
    subjects: set[URIRef] = field(default_factory=set)
    concepts: dict[str, dict[str, URIRef]] = field(default_factory=dict)
    # provision IRI -> (source document, its text, start, end): where evidence may be quoted
    spans: dict[URIRef, tuple[URIRef, str, int, int]] = field(default_factory=dict)
    claims: set[URIRef] = field(default_factory=set)

    @classmethod
    def of(cls, ds: Dataset) -> Terms:
        terms = cls(subjects={s for s in ds.subjects(unique=True) if isinstance(s, URIRef)})
        for concept in ds.subjects(RDF.type, SKOS.Concept, unique=True):
            for scheme in ds.objects(concept, SKOS.inScheme):
                name = str(scheme).removeprefix(str(ns.SCHEME))
                for notation in ds.objects(concept, SKOS.notation):
                    terms.concepts.setdefault(name, {})[str(notation)] = concept
        return terms

    def entity(self, kind: str, slug: str) -> URIRef | None:
        iri = ns.ID[f"{kind}/{slug}"]
        return iri if iri in self.subjects else None

    def known(self, kind: str) -> list[str]:
        prefix = str(ns.ID[f"{kind}/"])
        return sorted(
            s.removeprefix(prefix)
            for s in self.subjects
            if s.startswith(prefix) and "/" not in s.removeprefix(prefix)
        )

    def concept(self, scheme: str, slug: str) -> URIRef | None:
        return self.concepts.get(scheme, {}).get(slug)

    def add_source(self, slug: str) -> None:
        self.subjects.add(ns.source(slug))
