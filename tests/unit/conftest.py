# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures shared by the unit tests (the plain helpers are in helpers.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib

import pytest
import responses

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import JupyterHubClient
from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule

# helpers.py asserts too (assert_refused...): rewritten as a test's, they show what failed. This must come before
# anything imports helpers, so the fixtures below import it when they run.
pytest.register_assert_rewrite("ansible_collections.jupyterhub.hub.tests.unit.helpers")


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


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch):
    """ansible-core keeps a module's warnings in a global (a list before 2.19, a dict since): start each run without
    those of the last."""
    from ansible.module_utils.common import warnings

    if hasattr(warnings, "_global_warnings"):
        monkeypatch.setattr(warnings, "_global_warnings", type(warnings._global_warnings)())


@pytest.fixture
def make_module():
    """make_module(check_mode, diff, token_required, **params): a JupyterHubModule of API with TOKEN and ``params``; its
    module args stay in place until the test ends (exit_json needs them)."""
    from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, TOKEN, patch_module_args

    with contextlib.ExitStack() as stack:

        def make(check_mode=False, diff=False, token_required=True, **params):
            args = dict(api_url=API, api_token=TOKEN, _ansible_check_mode=check_mode, _ansible_diff=diff)
            args.update(params)
            stack.enter_context(patch_module_args(args))
            return JupyterHubModule(token_required=token_required)

        yield make


@pytest.fixture
def clock():
    """A FakeClock: at 1000 s, it moves only when slept on."""
    from ansible_collections.jupyterhub.hub.tests.unit.helpers import FakeClock

    return FakeClock()


@pytest.fixture
def sleeps():
    """The delays a client made by make_client asked to sleep, in order (the sleep itself is a no-op)."""
    return []


@pytest.fixture
def make_client(sleeps):
    """make_client(**settings): a JupyterHubClient of API with TOKEN that records its sleeps in ``sleeps``."""

    from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, TOKEN

    def make(**kwargs):
        kwargs.setdefault("api_url", API)
        kwargs.setdefault("api_token", TOKEN)
        kwargs.setdefault("sleep", sleeps.append)
        return JupyterHubClient(**kwargs)

    return make


@pytest.fixture
def client(make_client):
    """A JupyterHubClient of API with TOKEN (make_client)."""
    return make_client()
