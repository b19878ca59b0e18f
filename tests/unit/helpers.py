# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers shared by the unit tests (plain functions; the fixtures are in conftest.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

API = "http://hub.test/hub/api"
# GET / answers the version: a module reads it once, to prove api_url before it believes a 404.
HUB_ROOT = {"version": "6.1.1"}


def calls(plan):
    """A plan as (method, path, body) tuples, to compare in asserts."""
    return [(c.method, c.path, c.body) for c in plan]
