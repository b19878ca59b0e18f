# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_activity through main(), on a mocked hub: activity recorded where it moves forward, check mode, --diff,
the hub's refusal and what fails before any change (the planning is in test_activity.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_activity
from ansible_collections.jupyterhub.hub.tests.unit.helpers import (API, HUB_ROOT, assert_failed_before_any_call, assert_refused, run_module,
                                                                   server_model, user_model, writes)

# 10:00 in UTC+1: the hub is told 9:00 UTC.
WHEN = "2026-11-22T10:00:00+01:00"
STAMP = "2026-11-22T09:00:00.000000Z"


def mock_ada(rsps):
    """ada, last active at 8:00, her default server at 8:00 and lab at 10:00 (UTC)."""
    rsps.get(API + "/users/ada", json=user_model("ada", last_activity="2026-11-22T08:00:00Z", servers=[
        server_model("", last_activity="2026-11-22T08:00:00Z"), server_model("lab", last_activity="2026-11-22T10:00:00Z")]))


BEFORE = {"name": "ada", "last_activity": "2026-11-22T08:00:00Z", "servers": {"": "2026-11-22T08:00:00Z", "lab": "2026-11-22T10:00:00Z"}}
AFTER = {"name": "ada", "last_activity": STAMP, "servers": {"": STAMP, "lab": "2026-11-22T10:00:00Z"}}


def test_activity_is_recorded_where_it_moves_forward_and_the_diff_shows_it(rsps, capsys):
    mock_ada(rsps)
    rsps.post(API + "/users/ada/activity", status=200, body="")

    result, dummy = run_module(jupyterhub_activity, capsys, diff=True, name="ada", servers=["", "lab"], last_activity=WHEN)

    assert result["changed"] is True
    assert result["plan"] == ["POST /users/ada/activity"]
    assert writes(rsps) == [("POST", "/users/ada/activity", {"last_activity": STAMP, "servers": {"": {"last_activity": STAMP}}})]
    assert rsps.calls[0].request.params == {"include_stopped_servers": "true"}
    assert result["activity"] == AFTER
    assert result["last_activity"] == STAMP
    assert result["diff"] == {"before": BEFORE, "after": AFTER}


def test_check_mode_sends_nothing_and_predicts(rsps, capsys):
    mock_ada(rsps)

    result, dummy = run_module(jupyterhub_activity, capsys, check_mode=True, diff=True, name="ada", servers=["", "lab"], last_activity=WHEN)

    assert result["changed"] is True
    assert result["plan"] == ["POST /users/ada/activity"]
    assert writes(rsps) == []
    assert result["activity"] == AFTER and result["diff"]["after"] == AFTER


def test_activity_the_hub_has_already_is_no_change(rsps, capsys):
    mock_ada(rsps)

    result, dummy = run_module(jupyterhub_activity, capsys, diff=True, name="ada", servers=["lab"], last_activity="2026-11-22T07:00:00Z")

    assert result["changed"] is False and result["plan"] == []
    assert writes(rsps) == []
    assert result["activity"] == {"name": "ada", "last_activity": "2026-11-22T08:00:00Z", "servers": {"lab": "2026-11-22T10:00:00Z"}}
    assert result["diff"]["before"] == result["diff"]["after"]


def test_a_refusal_of_the_hub_is_a_clean_failure(rsps, capsys):
    mock_ada(rsps)
    message = "Action is not authorized with current scopes; requires any of [users:activity]"
    rsps.post(API + "/users/ada/activity", status=403, json={"status": 403, "message": message})

    result, out = run_module(jupyterhub_activity, capsys, name="ada", last_activity=WHEN)

    assert_refused(result, out, "POST", "/users/ada/activity", 403, message)
    assert result["changed"] is False
    assert result["done"] == [] and result["not_done"] == ["POST /users/ada/activity"]


def test_a_server_ada_does_not_have_fails_before_any_change(rsps, capsys):
    mock_ada(rsps)

    result, dummy = run_module(jupyterhub_activity, capsys, name="ada", servers=["", "gpu"])

    assert result["failed"] is True
    assert result["msg"] == "ada has no server named 'gpu' (its servers: '', 'lab'). Nothing was changed."
    assert result["unknown_servers"] == ["gpu"]
    assert writes(rsps) == []


def test_a_user_the_hub_does_not_have_fails_before_any_change(rsps, capsys):
    rsps.get(API + "/users/ghost", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json=HUB_ROOT)  # GET / proves api_url before a 404 is believed

    result, dummy = run_module(jupyterhub_activity, capsys, name="ghost")

    assert result["failed"] is True
    assert result["msg"] == "ghost is not a user of the hub. Nothing was changed."
    assert writes(rsps) == []


def test_a_bad_timestamp_fails_before_any_call(rsps, capsys):
    result, dummy = run_module(jupyterhub_activity, capsys, name="ada", last_activity="yesterday")

    assert_failed_before_any_call(result, rsps, "last_activity: ")
