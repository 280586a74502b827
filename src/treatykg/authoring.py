"""The authoring format: one YAML file per source document, checked before it is compiled.

The models below *are* the format's schema (README, "Authoring claims"); pydantic checks each
file against them and every error is reported with the file and line it points at.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import yamlfile
from .errors import UserError

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
DURATION = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)


def _iso_duration(value: str) -> str:
    if not DURATION.match(value):
        raise ValueError(f"{value!r} is not an ISO 8601 duration")
    return value


Duration = Annotated[str, AfterValidator(_iso_duration)]
Text = Annotated[str, Field(min_length=1)]
EId = Annotated[str, Field(pattern=r"^[a-z0-9_]+(/[a-z0-9_]+)*$")]
OneOrMore = Slug | list[Slug]

M = TypeVar("M", bound=BaseModel)
UNKNOWN = "unknown"  # the value that records a detail no source states
SOURCE_KINDS = ("news-article", "report", "transcript", "speech", "agreement-text", "other")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Hop(Strict):
    agent: Slug
    role: Slug
    through: Slug | None = None


class Source(Strict):
    id: Slug
    label: Text
    text: Text
    kind: Literal[SOURCE_KINDS]  # type: ignore[valid-type]
    issued: dt.date | Literal["unknown"]
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")]
    publisher: Slug
    author: Slug = "unknown"
    title: Text = "unknown"
    url: Text = "unknown"
    catalogue: Text | None = None
    about: Slug


class Attestation(Strict):
    chain: Slug
    quote: Text | list[Text]
    date: dt.date | None = None  # when the words were said or reported; default: source.issued

    def quotes(self) -> list[str]:
        return [self.quote] if isinstance(self.quote, str) else list(self.quote)


class AgreementFacts(Strict):
    parties: list[Slug] | None = None
    legal_form: Slug | None = Field(None, alias="legal-form")
    requires_ratification: bool | None = Field(None, alias="requires-ratification")
    binds_successors: bool | None = Field(None, alias="binds-successors")
    duration: Duration | None = None
    annex: Text | None = None
    annex_legally_binding: bool | None = Field(None, alias="annex-legally-binding")
    termination_notice: Duration | None = Field(None, alias="termination-notice")
    entry_into_force: Text | None = Field(None, alias="entry-into-force")
    ordinal: Annotated[int, Field(ge=1)] | None = None
    framework: Slug | None = None  # the agreement under whose framework it was concluded


class Signing(Strict):
    date: dt.date | None = None
    location: Slug | None = None  # a place (graph/entities/places.ttl) or an actor
    during: Slug | None = None
    # where the source gives no exact date: its words, and the bounds they state
    date_as_reported: Text | None = Field(None, alias="date-as-reported")
    not_before: dt.date | None = Field(None, alias="not-before")
    not_after: dt.date | None = Field(None, alias="not-after")
    # false where the source itself says the date is not verified
    date_verified: bool | None = Field(None, alias="date-verified")


class Commitment(Strict):
    bearer: OneOrMore
    beneficiary: OneOrMore
    area: Slug
    modality: Slug
    partner: OneOrMore | None = None
    trigger: Text | None = None
    deadline: Text | None = None
    purpose: Text | None = None
    duration: Duration | None = None
    condition: Text | None = None
    description: Text
    compared_with: Slug | None = Field(None, alias="compared-with")
    set_out_in: EId | None = Field(None, alias="set-out-in")


class Claim(Strict):
    id: Slug
    label: Text
    about: Slug | None = None
    attestations: Annotated[list[Attestation], Field(min_length=1)]
    agreement: AgreementFacts | None = None
    signing: Signing | None = None
    commitments: list[Commitment] = []

    @model_validator(mode="after")
    def asserts_something(self) -> Claim:
        if self.agreement is None and self.signing is None and not self.commitments:
            raise ValueError("a claim must state something: add agreement, signing or commitments")
        return self


class ClaimFile(Strict):
    source: Source
    chains: dict[Slug, Annotated[list[Hop], Field(min_length=1)]]
    claims: Annotated[list[Claim], Field(min_length=1)]


def as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def read(path: Path) -> tuple[ClaimFile, dict[yamlfile.Path_, int]]:
    """Load and check one claim file; the first problem is raised as a `UserError`."""
    parsed, lines = load_as(ClaimFile, path)
    _check_unique(parsed, path, lines)
    return parsed, lines


def load_as(model: type[M], path: Path) -> tuple[M, dict[yamlfile.Path_, int]]:
    """Load a YAML file and check it against `model`; the first problem is a `UserError`
    at its line. The one place where every YAML format of the project is checked."""
    data, lines = yamlfile.load(path)
    try:
        return model.model_validate(data), lines
    except ValidationError as err:
        errors = err.errors()
        # a misspelt field shows up twice: as unknown, and its real name as missing; the
        # unknown one is where the author's eye should go
        first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
        loc = tuple(first["loc"])
        raise UserError(
            f"{_dotted(loc)}: {first['msg']}",
            path,
            yamlfile.line_of(lines, loc),
            _hint(first, errors),
        ) from None


def _check_unique(parsed: ClaimFile, path: Path, lines: dict) -> None:
    seen: set[str] = set()
    for index, claim in enumerate(parsed.claims):
        if claim.id in seen:
            raise UserError(
                f"claims.{index}.id: the claim id {claim.id!r} is used twice in this file",
                path,
                yamlfile.line_of(lines, ("claims", index, "id")),
                "give every claim of a source its own id; ids become IRIs and must not change",
            )
        seen.add(claim.id)


def _dotted(loc: tuple) -> str:
    return ".".join(str(part) for part in loc) or "(top level)"


def _hint(error: dict, errors: list) -> str:
    kind = error["type"]
    count = len(errors)
    if kind == "missing":
        hint = "add this field"
    elif kind == "extra_forbidden":
        parent = tuple(error["loc"][:-1])
        missing = [
            str(e["loc"][-1])
            for e in errors
            if e["type"] == "missing" and tuple(e["loc"][:-1]) == parent
        ]
        close = difflib.get_close_matches(str(error["loc"][-1]), missing, n=1)
        hint = (f"did you mean {close[0]!r}? " if close else "") + (
            "remove this field or correct its spelling (README, 'Authoring claims')"
        )
    elif kind == "value_error" and "ISO 8601" in error["msg"]:
        hint = "write a duration in ISO 8601, e.g. P10Y for ten years, PT24H for 24 hours"
    elif kind == "string_pattern_mismatch":
        hint = "ids and terms are slugs: lower-case letters, digits and single hyphens"
    elif kind.startswith("date"):
        hint = "write dates as YYYY-MM-DD, e.g. 2024-06-13"
    else:
        hint = "see the examples in README.md ('Authoring claims', 'Provisions', 'Assessing')"
    if count > 1:
        hint += f" ({count - 1} more problem(s) may follow once this one is fixed)"
    return hint
