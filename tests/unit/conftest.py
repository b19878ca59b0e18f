# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures shared by the unit tests."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import responses


@pytest.fixture
def rsps():
    """The mocked HTTP layer; every registered answer must be used, and an unregistered call fails."""
    with responses.RequestsMock() as mocked:
        yield mocked


@pytest.fixture(autouse=True)
def no_connection_env(monkeypatch):
    """The modules fall back to these: a developer's own hub must not leak into a test."""
    monkeypatch.delenv("JUPYTERHUB_API_URL", raising=False)
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
