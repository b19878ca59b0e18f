# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_user_info through main(), on a mocked hub: users by name with the hub's filters applied here, every
user with the hub's own filters, idle users, the same in check mode, options refused before any call, and the hub's refusal."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from responses.matchers import query_param_matcher

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_user_info
from ansible_collections.jupyterhub.hub.tests.unit.helpers import (API, HUB_ROOT, assert_failed_before_any_call, assert_refused, from_now, listing,
                                                                   run_module, running, server_model, user_model)

FIRST_PAGE = {"offset": "0", "limit": "200"}


@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check"])
def test_users_by_name_and_the_missing_ones(rsps, capsys, check_mode):
    rsps.get(API + "/users/ada", json=user_model("ada", servers=[running()]), match=[query_param_matcher({})])
    rsps.get(API + "/users/ghost", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json=HUB_ROOT)  # GET / proves api_url before a 404 is believed

    result, dummy = run_module(jupyterhub_user_info, capsys, check_mode=check_mode, name=["ada", "ghost"])

    assert result["changed"] is False and result["plan"] == []
    assert result["users"] == [user_model("ada", servers=[running()])]
    assert result["missing"] == ["ghost"]
    assert all(call.request.method == "GET" for call in rsps.calls)


@pytest.mark.parametrize(
    "state, name_filter, kept",
    [("active", None, ["ada", "cy"]), ("ready", None, ["ada"]), ("inactive", None, ["bob"]), (None, "A", ["ada"]), ("active", "y", ["cy"])],
)
def test_users_read_by_name_are_filtered_as_the_hub_filters_a_listing(rsps, capsys, state, name_filter, kept):
    users = [user_model("ada", servers=[running(), server_model("gpu")]), user_model("bob", servers=[server_model("gpu")]),
             user_model("cy", servers=[server_model(status="starting")])]
    # three names: the first page of the listing, which answers for all of them on this small hub
    rsps.get(API + "/users", json=listing(*users), match=[query_param_matcher(dict(FIRST_PAGE, include_stopped_servers="true"))])

    filters = dict((key, value) for key, value in dict(state=state, name_filter=name_filter).items() if value is not None)
    result, dummy = run_module(jupyterhub_user_info, capsys, name=["ada", "bob", "cy"], include_stopped_servers=True, **filters)

    assert [user["name"] for user in result["users"]] == kept
    assert result["missing"] == []


def test_every_user_with_the_hubs_own_filters(rsps, capsys):
    rsps.get(API + "/users", json=listing(user_model("student1", servers=[running()])),
             match=[query_param_matcher(dict(FIRST_PAGE, state="ready", name_filter="student"))])

    result, dummy = run_module(jupyterhub_user_info, capsys, state="ready", name_filter="student")

    assert [user["name"] for user in result["users"]] == ["student1"]


def test_idle_users_since_their_last_activity_or_their_creation(rsps, capsys):
    users = [
        user_model("away", last_activity=from_now(-100), created=from_now(-300)),
        user_model("busy", last_activity=from_now(-10), created=from_now(-300)),
        user_model("never", last_activity=None, created=from_now(-200)),
        user_model("new", last_activity=None, created=from_now(-1)),
    ]
    rsps.get(API + "/users", json=listing(*users))

    result, dummy = run_module(jupyterhub_user_info, capsys, inactive_for="90d")

    assert [user["name"] for user in result["users"]] == ["away", "never"]


def test_idle_users_need_a_token_that_reads_activity(rsps, capsys):
    rsps.get(API + "/users", json=listing(user_model("ada"), user_model("bob", last_activity=None, created=from_now(-1))))

    result, dummy = run_module(jupyterhub_user_info, capsys, inactive_for="90d")

    assert result["failed"] is True
    assert result["msg"] == "the token cannot read when ada were last active (scope read:users:activity)"


def test_a_token_that_may_not_list_users_fails_with_the_hubs_words(rsps, capsys):
    message = "Action is not authorized with current scopes; requires any of [list:users]"
    rsps.get(API + "/users", status=403, json={"status": 403, "message": message})

    result, out = run_module(jupyterhub_user_info, capsys)

    assert_refused(result, out, "GET", "/users", 403, message)


@pytest.mark.parametrize(
    "params, message",
    [
        (dict(inactive_for="soon"), "inactive_for: 'soon' is not a duration"),
        (dict(name=["ada", " bob"]), "name: user name ' bob' has white space before or after it: use 'bob'"),
        (dict(state="running"), "value of state must be one of: active, ready, inactive, got: running"),
    ],
    ids=["bad-duration", "bad-name", "bad-state"],
)
def test_bad_options_fail_before_any_call(rsps, capsys, params, message):
    result, dummy = run_module(jupyterhub_user_info, capsys, check_mode=True, **params)

    assert_failed_before_any_call(result, rsps, message)
