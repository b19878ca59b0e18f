# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The revoke_stale_tokens role's variables against its argument spec, its defaults and docs/tokens.md, and the
playbook that applies it. The revoke_stale_tokens integration target runs the playbook against real hubs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROLE = os.path.join(ROOT, "roles", "revoke_stale_tokens")


def _load(*path):
    with open(os.path.join(*path)) as handle:
        return yaml.safe_load(handle)


def _spec():
    return _load(ROLE, "meta", "argument_specs.yml")["argument_specs"]["main"]


def test_every_variable_the_role_reads_is_in_its_argument_spec_and_the_guide():
    used = set()
    for part in ("tasks", "vars"):  # the connection is in vars/main.yml
        with open(os.path.join(ROLE, part, "main.yml")) as handle:
            used |= set(re.findall(r"\brevoke_stale_tokens_[a-z_]+", handle.read()))
    options = set(_spec()["options"])
    assert used - options == set()
    assert options - used == set(), "options the role never reads"
    with open(os.path.join(ROOT, "docs", "tokens.md")) as handle:
        guide = handle.read()
    assert set(re.findall(r"^\| `(revoke_stale_tokens_[a-z_]+)` \|", guide, re.M)) == options


def test_the_playbook_applies_the_role_on_the_controller():
    (play,) = _load(ROOT, "playbooks", "revoke_stale_tokens.yml")
    assert (play["hosts"], play["connection"], play["gather_facts"]) == ("localhost", "local", False)
    assert play["roles"] == [{"role": "jupyterhub.hub.revoke_stale_tokens"}]
    assert set(play) == {"name", "hosts", "connection", "gather_facts", "vars", "roles"}, "the role does all the work"
