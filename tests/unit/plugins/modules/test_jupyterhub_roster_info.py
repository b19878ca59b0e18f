# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_roster_info through main(), on a mocked hub: one listing each of users and groups, filters, tokens,
the file written only when it changes, check mode and --diff."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import stat

import yaml

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_roster_info
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, TOKEN, group_model, listing, run_module, token_model, user_model


def hub(rsps, users=None):
    rsps.get(API + "/users", json=listing(*(users or [user_model("ada"), user_model("prof", admin=True), user_model("zoe")])))
    rsps.get(API + "/groups", json=listing(group_model("physics", users=["ada", "zoe"], properties={"room": "B"}), group_model("staff", users=["prof"])))


def test_the_hub_is_read_with_one_listing_each_and_returned_as_the_roles_variables(rsps, capsys):
    hub(rsps)

    result, dummy = run_module(jupyterhub_roster_info, capsys)

    assert result["changed"] is False
    assert result["roster"] == {
        "onboard_users": [{"name": "ada"}, {"name": "prof", "admin": True}, {"name": "zoe"}],
        "onboard_groups": [{"name": "physics", "members": ["ada", "zoe"], "properties": {"room": "B"}}, {"name": "staff", "members": ["prof"]}],
    }
    assert yaml.safe_load(result["content"]) == result["roster"]
    assert result["counts"] == {"users": 3, "groups": 2, "tokens": 0}
    assert [(c.request.method, c.request.path_url.split("?")[0]) for c in rsps.calls] == [("GET", "/hub/api/users"), ("GET", "/hub/api/groups")]


def test_a_group_filter_exports_its_members_and_it_only(rsps, capsys):
    hub(rsps)

    result, dummy = run_module(jupyterhub_roster_info, capsys, group=["physics"])

    assert result["roster"]["onboard_users"] == [{"name": "ada"}, {"name": "zoe"}]
    assert [group["name"] for group in result["roster"]["onboard_groups"]] == ["physics"]


def test_a_group_that_does_not_exist_fails(rsps, capsys):
    hub(rsps)

    result, dummy = run_module(jupyterhub_roster_info, capsys, group=["ghosts"])

    assert result["failed"] is True
    assert result["msg"].startswith("unknown group(s): ghosts.")


def test_name_filter_goes_to_the_hub_and_groups_keep_only_exported_members(rsps, capsys):
    hub(rsps, users=[user_model("ada")])

    result, dummy = run_module(jupyterhub_roster_info, capsys, name_filter="ad")

    assert rsps.calls[0].request.params["name_filter"] == "ad"
    assert result["roster"]["onboard_groups"] == [{"name": "physics", "members": ["ada"], "properties": {"room": "B"}}]


def test_tokens_are_exported_as_metadata_never_a_secret(rsps, capsys):
    hub(rsps)
    for name in ("ada", "prof", "zoe"):
        tokens = [token_model("t-" + name, note="ci", user=name, expires=30, token="the-secret-of-" + name)] if name == "ada" else []
        rsps.get(API + "/users/%s/tokens" % name, json={"api_tokens": tokens, "oauth_tokens": []})

    result, out = run_module(jupyterhub_roster_info, capsys, include_tokens=True)

    assert result["roster"]["onboard_tokens"] == [{"user": "ada", "note": "ci", "scopes": ["read:users!user=ada"], "expires_in": 60 * 86400}]
    assert "the-secret-of" not in out and TOKEN not in out


def test_tokens_without_the_scope_fail_naming_it(rsps, capsys):
    hub(rsps, users=[user_model("ada")])
    refused = "Action is not authorized with current scopes; requires any of [read:tokens]"
    rsps.get(API + "/users/ada/tokens", status=403, json={"status": 403, "message": refused})

    result, out = run_module(jupyterhub_roster_info, capsys, include_tokens=True)

    assert result["failed"] is True
    assert result["msg"].startswith("GET /users/ada/tokens: 403 Forbidden: Action is not authorized")
    assert result["msg"].endswith("(reading the tokens of a user needs the read:tokens scope on that user (the admin role has it, for every user))")
    assert result["failure"] == {"method": "GET", "path": "/users/ada/tokens", "status": 403,
                                 "message": refused}
    assert "Traceback" not in out


def test_dest_is_written_once_and_check_mode_writes_nothing(rsps, capsys, tmp_path):
    dest = str(tmp_path / "hub.yml")
    hub(rsps)
    checked, dummy = run_module(jupyterhub_roster_info, capsys, check_mode=True, diff=True, dest=dest)
    assert checked["changed"] is True and not os.path.exists(dest)
    assert checked["diff"]["before"] == "" and yaml.safe_load(checked["diff"]["after"]) == checked["roster"]
    assert "content" not in checked  # the file holds it

    written, dummy = run_module(jupyterhub_roster_info, capsys, dest=dest)
    assert written["changed"] is True and written["dest"] == dest
    with open(dest) as handle:
        assert handle.read() == checked["diff"]["after"]
    assert stat.S_IMODE(os.stat(dest).st_mode) == 0o600

    again, dummy = run_module(jupyterhub_roster_info, capsys, diff=True, dest=dest)
    assert again["changed"] is False
    assert again["diff"]["before"] == again["diff"]["after"]


def test_a_hub_changed_by_hand_shows_as_a_changed_file_in_check_mode(rsps, capsys, tmp_path):
    dest = str(tmp_path / "hub.yml")
    hub(rsps)
    run_module(jupyterhub_roster_info, capsys, dest=dest)
    rsps.replace(rsps.GET, API + "/users", json=listing(user_model("ada"), user_model("prof", admin=True), user_model("zoe", admin=True)))

    drift, dummy = run_module(jupyterhub_roster_info, capsys, check_mode=True, diff=True, dest=dest)

    assert drift["changed"] is True
    assert '  - {"name": "zoe"}' in drift["diff"]["before"] and '  - {"name": "zoe", "admin": true}' in drift["diff"]["after"]
    with open(dest) as handle:
        assert handle.read() == drift["diff"]["before"]  # check mode left the file as it was


def test_a_dest_that_cannot_take_the_file_fails_before_writing(rsps, capsys, tmp_path):
    hub(rsps)

    result, dummy = run_module(jupyterhub_roster_info, capsys, dest=str(tmp_path / "no" / "hub.yml"))

    assert result["failed"] is True
    assert result["msg"].startswith("the directory of dest %s does not exist" % (tmp_path / "no" / "hub.yml"))
