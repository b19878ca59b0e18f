# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/activity.py, the planning of jupyterhub_activity: activity moved forward only (the timestamps are tested in
test_times.py; the module through main() in test_jupyterhub_activity.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.jupyterhub.hub.plugins.module_utils.activity import plan_activity, summarize_activity
from ansible_collections.jupyterhub.hub.tests.unit.helpers import NINE, calls, server_model, user_model


def user(last_activity=None, servers=None):
    """ada, last active at ``last_activity``, with servers {name: last activity}."""
    return user_model("ada", servers=[server_model(name, last_activity=stamp) for name, stamp in (servers or {}).items()],
                      last_activity=last_activity)


def test_first_activity_of_a_user():
    plan, after = plan_activity("ada", user(), NINE)
    assert calls(plan) == [("POST", "/users/ada/activity", {"last_activity": "2026-11-22T09:00:00.000000Z"})]
    assert after == {"name": "ada", "last_activity": "2026-11-22T09:00:00.000000Z", "servers": {}}


def test_the_same_or_an_older_time_is_no_change():
    current = user("2026-11-22T09:00:00Z")
    assert plan_activity("ada", current, NINE)[0] == []
    assert plan_activity("ada", current, NINE - datetime.timedelta(seconds=1))[0] == []
    plan, after = plan_activity("ada", current, NINE)
    assert after == summarize_activity(current)


def test_servers_are_recorded_only_where_activity_moves_forward():
    current = user("2026-11-22T10:00:00Z", {"": "2026-11-22T08:00:00Z", "lab": "2026-11-22T10:00:00Z", "gpu": None})
    plan, after = plan_activity("ada", current, NINE, servers=["", "lab", "gpu"])
    stamp = "2026-11-22T09:00:00.000000Z"
    assert calls(plan) == [("POST", "/users/ada/activity", {"servers": {"": {"last_activity": stamp}, "gpu": {"last_activity": stamp}}})]
    assert after == {"name": "ada", "last_activity": "2026-11-22T10:00:00Z", "servers": {"": stamp, "lab": "2026-11-22T10:00:00Z", "gpu": stamp}}


def test_user_and_server_in_one_call():
    plan, dummy = plan_activity("a b", user(None, {"": None}), NINE, servers=[""])
    assert [c.path for c in plan] == ["/users/a%20b/activity"]
    assert set(plan[0].body) == {"last_activity", "servers"}


def test_summarize_names_only_the_servers_asked_for():
    current = user("2026-11-22T10:00:00Z", {"": "2026-11-22T08:00:00Z", "lab": None})
    assert summarize_activity(current, [""]) == {"name": "ada", "last_activity": "2026-11-22T10:00:00Z", "servers": {"": "2026-11-22T08:00:00Z"}}
