# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/export.py: a hub as the onboard role's variables, and as stable text."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import yaml

from ansible_collections.jupyterhub.hub.plugins.module_utils.export import export_roster, render_roster, token_lifetime
from ansible_collections.jupyterhub.hub.tests.unit.helpers import group_model, token_model, user_model


def hub():
    users = [user_model("zoe"), user_model("ada", groups=["physics"]), user_model("prof", admin=True)]
    groups = [group_model("physics", users=["zoe", "ada"], properties={"room": "B", "course": {"term": 1, "code": "P1"}}),
              group_model("empty")]
    return users, groups


def test_users_and_groups_are_sorted_and_hold_only_what_the_role_takes():
    users, groups = hub()
    roster, left_out = export_roster(users, groups)
    assert roster == {
        "onboard_users": [{"name": "ada"}, {"name": "prof", "admin": True}, {"name": "zoe"}],
        "onboard_groups": [{"name": "empty", "members": []},
                           {"name": "physics", "members": ["ada", "zoe"], "properties": {"course": {"code": "P1", "term": 1}, "room": "B"}}],
    }
    assert left_out == []


def test_members_left_out_by_a_filter_are_not_named():
    users, groups = hub()
    roster, dummy = export_roster([user for user in users if user["name"] != "zoe"], groups)
    assert roster["onboard_groups"][1]["members"] == ["ada"]


def test_tokens_are_metadata_with_their_lifetime_and_the_hubs_own_are_left_out():
    tokens_of = {
        "ada": [token_model("a2", note="grading", user="ada", created=-30, expires=60),
                token_model("a1", note="ci", user="ada", created=-10, expires=None),
                token_model("a3", note="Server at /user/ada/", user="ada"),
                token_model("a4", note="", user="ada")],
        "zoe": [],
    }
    users, groups = hub()
    roster, left_out = export_roster(users, groups, tokens_of)
    assert roster["onboard_tokens"] == [
        {"user": "ada", "note": "ci", "scopes": ["read:users!user=ada"]},
        {"user": "ada", "note": "grading", "scopes": ["read:users!user=ada"], "expires_in": 90 * 86400},
    ]
    assert left_out == [{"user": "ada", "id": "a4", "reason": "no note: nothing names it on another hub"}]
    assert "token" not in repr(roster["onboard_tokens"]).replace("onboard_tokens", "")  # no secret key at all


def test_a_lifetime_is_from_creation_to_expiry_not_what_is_left():
    token = {"id": "a1", "created": "2026-11-01T12:00:00.000000Z", "expires_at": "2027-01-30T12:00:00.000000Z"}
    assert token_lifetime(token) == 90 * 86400
    assert token_lifetime(dict(token, expires_at=None)) is None


def test_the_text_is_stable_one_entry_a_line_and_loads_as_the_same_data():
    users, groups = hub()
    roster, dummy = export_roster(users, groups, {"ada": [token_model("a1", note="ci", user="ada", expires=5)]})
    text = render_roster(roster)
    shuffled, dummy = export_roster(list(reversed(users)), list(reversed(groups)), {"ada": [token_model("a1", note="ci", user="ada", expires=5)]})
    assert render_roster(shuffled) == text
    lines = text.splitlines()
    assert lines[:3] == [
        "# A JupyterHub's users, groups and token metadata, in the form of the jupyterhub.hub.onboard role's variables.",
        "# Exported by jupyterhub.hub.jupyterhub_roster_info: sorted, no timestamps, no secrets. Apply it with",
        "# ansible-playbook ... -e @this-file (the role onboard), see docs/hub-as-code.md.",
    ]
    assert lines[3:8] == ["onboard_users:", '  - {"name": "ada"}', '  - {"name": "prof", "admin": true}', '  - {"name": "zoe"}', "onboard_groups:"]
    assert yaml.safe_load(text) == roster
    assert not any(character.isdigit() for line in lines[:3] for character in line)  # no date in the header


def test_an_empty_section_is_an_empty_list():
    text = render_roster({"onboard_users": [], "onboard_groups": []})
    assert text.splitlines()[3:] == ["onboard_users: []", "onboard_groups: []"]
    assert yaml.safe_load(text) == {"onboard_users": [], "onboard_groups": []}
