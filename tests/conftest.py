"""Shared fixtures: the project's dataset is built once per test session (it is immutable
for the tests that share it; tests that change a graph build or copy their own)."""

from __future__ import annotations

import pytest
from rdflib import Dataset

import treatykg


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return treatykg.build()
