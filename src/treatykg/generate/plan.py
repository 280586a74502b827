"""The corpus as plain data, before it is written: what the generator decides, in the shape
of the project's authoring format (claim files, provisions, assessment batches, entities).

Each dataclass also knows how many quads the build will make of it (`quads`), mirroring
compile.py, assertion.py, provisions.py and assessments.py: that count is how the generator
stops at the requested size without building anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ANCHOR_QUADS = 11  # anchor.add_anchor: the SpecificResource, its two selectors and their values
SOURCE_QUADS = 11  # compile._emit_source: 7 always + creator/title/url/issued (value or unknown)
INITIAL_ASSESSMENT_QUADS = 6  # compile._emit_initial
NANOPUB_QUADS = 4 + 3 + 2  # head graph, pubinfo graph, claim type + label in provenance
PROVISION_QUADS = 6 + ANCHOR_QUADS  # provisions.compile_file, per anchored provision
PROVISION_FILE_QUADS = 2  # eli:is_realized_by and eli:embodies
BATCH_QUADS = 2  # the batch graph's own attribution and date
CODING_QUADS = 11  # codings._compile, per coding (with its authoring file and line)


@dataclass
class Actor:
    slug: str
    label: str
    types: list[str]  # compact IRIs (Turtle prefixes of write.ENTITY_PREFIXES)
    wikidata: int | None = None  # a Q number far beyond any real item (proportions.py)
    on_behalf_of: str | None = None
    role: str = "state"  # what the generator uses it for: state, outlet, office, official, …

    def quads(self) -> int:
        return len(self.types) + 1 + (self.wikidata is not None) + (self.on_behalf_of is not None)


@dataclass
class Document:
    """A document a chain passes through whose text the corpus does not keep (entities)."""

    slug: str
    label: str
    kind: str  # speech | back-translation
    issued: dt.date | None
    agent: str  # creator of a speech, publisher of a back-translation
    derived_from: str | None = None

    def quads(self) -> int:
        # type, label, language, agent; speech: issued; back-translation: wasDerivedFrom and
        # two unknowns (creator, issued)
        return 4 + (1 if self.kind == "speech" else 3)


@dataclass
class Hop:
    agent: str
    role: str
    through: str | None = None


@dataclass
class Attestation:
    chain: str
    quotes: list[str]


@dataclass
class Commitment:
    bearer: list[str]  # ["unknown"] records an unknown bearer
    beneficiary: list[str]
    area: str
    modality: str
    description: str
    partner: list[str] | None = None
    extras: dict[str, str] = field(default_factory=dict)  # trigger, deadline, purpose, …
    compared_with: str | None = None
    set_out_in: str | None = None

    def quads(self) -> int:
        n = 5 + len(self.bearer) + len(self.beneficiary) + len(self.partner or [])
        return n + len(self.extras) + (self.compared_with is not None) + bool(self.set_out_in)


@dataclass
class Claim:
    id: str
    label: str
    attestations: list[Attestation]
    agreement: dict[str, object] = field(default_factory=dict)  # YAML key -> value
    signing: dict[str, object] = field(default_factory=dict)
    commitments: list[Commitment] = field(default_factory=list)

    def quads(self, chains: dict[str, list[Hop]]) -> int:
        n = NANOPUB_QUADS + INITIAL_ASSESSMENT_QUADS
        for att in self.attestations:
            hops = chains[att.chain]
            n += 3 + len(att.quotes) * (1 + ANCHOR_QUADS)
            n += sum(5 + (h == 0 or hop.through is not None) for h, hop in enumerate(hops))
        n += sum(c.quads() for c in self.commitments)
        return n + _agreement_quads(self.agreement) + _signing_quads(self.signing)


def _agreement_quads(facts: dict[str, object]) -> int:
    n = 0
    for key, value in facts.items():
        n += len(value) if key == "parties" else 3 if key == "annex" else 1  # type: ignore[arg-type]
    return n


def _signing_quads(signing: dict[str, object]) -> int:
    return 2 + len(signing) if signing else 0


@dataclass
class Source:
    id: str
    label: str
    kind: str
    issued: dt.date
    publisher: str
    about: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    chains: dict[str, list[Hop]] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs) + "\n"

    def claim_quads(self, claim: Claim) -> int:
        return claim.quads(self.chains)


@dataclass
class Evidence:
    provision: str
    quote: str


@dataclass
class Assessment:
    claim: str  # source-id/claim-id
    status: str
    note: str
    differences: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def quads(self) -> int:
        # type, claim, status, by, date, comment, supersedes (every assessed claim has an
        # initial assessment), differences, and per evidence: link, provision and anchor
        return 7 + len(self.differences) + len(self.evidence) * (2 + ANCHOR_QUADS)


@dataclass
class Batch:
    id: str
    assessor: str
    date: dt.date
    agreement: str
    assessments: list[Assessment] = field(default_factory=list)
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # claim, relation, other


@dataclass
class Coding:
    type: str  # scheme/notation, e.g. atop/consultation
    value: bool
    provision: str  # the eId it rests on
    reasoning: str


@dataclass
class CodingBatch:
    id: str
    coder: str
    date: dt.date
    agreement: str
    codings: list[Coding] = field(default_factory=list)


@dataclass
class Provision:
    eid: str
    label: str
    starts: str
    ends: str
    sentence: str  # its own words (unique in the text): what claims and evidence quote


@dataclass
class Agreement:
    slug: str
    label: str
    title: str
    parties: list[str]
    signed: dt.date
    provisions: list[Provision] = field(default_factory=list)
    text: Source | None = None  # the signed text, as an agreement-text source
    reports: list[Source] = field(default_factory=list)
    batch: Batch | None = None
    codings: CodingBatch | None = None
    summit: str | None = None

    def entity_quads(self) -> int:
        return 3  # type, label, title


@dataclass
class Corpus:
    """Everything the generator decided, and the quads it predicts the build will make."""

    triples: int
    seed: int
    actors: list[Actor] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    summits: list[tuple[str, str]] = field(default_factory=list)  # slug, label
    # obligation types of ontology/typology.ttl: (scheme/notation, the areas it maps to)
    typology: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    quads: int = 0

    def sources(self) -> list[Source]:
        found = []
        for a in self.agreements:
            found.extend([a.text] if a.text else [])
            found.extend(a.reports)
        return found
