# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/redact.py: the secrets a hub's answer may hold, hidden wherever they are; null stays null."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.redact import HIDDEN, hide_secrets
from ansible_collections.jupyterhub.hub.tests.unit.helpers import group_model, listing, running, server_model, user_model


def test_a_users_auth_state_and_its_servers_state_are_hidden():
    user = user_model("ada", servers=[running(state={"pid": 42, "token": "s3cret"}), server_model("gpu", state=None)],
                      auth_state={"access_token": "s3cret"})
    hidden = hide_secrets(user)
    assert hidden["auth_state"] == HIDDEN
    assert hidden["servers"][""]["state"] == HIDDEN and hidden["servers"][""]["ready"] is True
    assert hidden["servers"]["gpu"]["state"] is None  # null stays null: a result still tells none is set
    assert "s3cret" not in repr(hidden)
    assert hidden["name"] == "ada" and hidden["groups"] == []


def test_secrets_are_hidden_in_lists_and_pages_and_nested_answers():
    page = listing(user_model("a", auth_state="x"), user_model("b", auth_state=None), group_model("g"))
    hidden = hide_secrets(page)
    assert [item.get("auth_state") for item in hidden["items"]] == [HIDDEN, None, None]
    assert "auth_state" not in hidden["items"][2]
    assert hide_secrets([{"user": {"auth_state": "x"}}]) == [{"user": {"auth_state": HIDDEN}}]
    assert hide_secrets({"share": {"server": {"user": {"servers": {"": {"state": "x"}}}}}})["share"]["server"]["user"]["servers"][""]["state"] == HIDDEN


def test_the_answer_itself_is_not_changed():
    user = user_model("ada", servers=[running(state={"pid": 42})], auth_state={"access_token": "s3cret"})
    before = copy.deepcopy(user)
    hide_secrets(user)
    assert user == before


@pytest.mark.parametrize("answer", [None, "text", 42, True, [], {}, {"state": "not a server's"}, {"servers": "not a dict"},
                                    {"servers": {"": "not a server"}}])
def test_what_holds_no_secret_passes_unchanged(answer):
    assert hide_secrets(answer) == answer
