# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers shared by the unit tests (plain functions; the fixtures are in conftest.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import json
from unittest import mock

import pytest

from ansible.module_utils import basic

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core before 2.19 has no helper: set the arguments it would read

    @contextlib.contextmanager
    def patch_module_args(args=None):
        with mock.patch.object(basic, "_ANSIBLE_ARGS", json.dumps(dict(ANSIBLE_MODULE_ARGS=args or {})).encode()):
            yield

API = "http://hub.test/hub/api"
TOKEN = "0123456789abcdef-secret-token"
# GET / answers the version: a module reads it once, to prove api_url before it believes a 404.
HUB_ROOT = {"version": "6.1.1"}


def hub_info(spawner="jupyterhub.spawner.SimpleLocalProcessSpawner"):
    """GET /info of a hub with this spawner class: what a deletion reads first."""
    return {"version": "6.1.1", "spawner": {"class": spawner, "version": "6.1.1"},
            "authenticator": {"class": "jupyterhub.auth.DummyAuthenticator", "version": "6.1.1"}}


def calls(plan):
    """A plan as (method, path, body) tuples, to compare in asserts."""
    return [(c.method, c.path, c.body) for c in plan]


def run_module(module, capsys, check_mode=False, diff=False, **params):
    """Run ``module.main()`` against API with TOKEN and ``params``; its result, and the whole output."""
    args = dict(api_url=API, api_token=TOKEN, _ansible_check_mode=check_mode, _ansible_diff=diff)
    args.update(params)
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            module.main()
    out = capsys.readouterr().out
    return json.loads(out), out
