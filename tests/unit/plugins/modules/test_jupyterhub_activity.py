# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The planning logic of jupyterhub_activity: timestamps, and activity moved forward only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.times import format_timestamp, parse_timestamp
from ansible_collections.jupyterhub.hub.plugins.modules.jupyterhub_activity import plan_activity, summarize_activity
from ansible_collections.jupyterhub.hub.tests.unit.helpers import calls

UTC = datetime.timezone.utc
NINE = datetime.datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def user(last_activity=None, servers=None):
    return {
        "name": "ada",
        "last_activity": last_activity,
        "servers": dict((name, {"name": name, "last_activity": stamp}) for name, stamp in (servers or {}).items()),
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-11-22T09:00:00Z", NINE),
        ("2026-11-22T09:00:00.000000Z", NINE),
        ("2026-11-22T09:00Z", NINE),
        ("2026-11-22T10:00:00+01:00", NINE),
        ("2026-11-22T10:30:00+0130", NINE),
        ("2026-11-22T04:00:00-05:00", NINE),
        ("2026-11-22T09:00:00", NINE),  # no zone: UTC, as for the hub
        ("2026-11-22 09:00:00", NINE),
        ("2026-11-22T09:00:00.5Z", NINE.replace(microsecond=500000)),
        ("2026-11-22T09:00:00.1234567Z", NINE.replace(microsecond=123456)),
        ("2026-11-22", datetime.datetime(2026, 11, 22, tzinfo=UTC)),
    ],
)
def test_parse_timestamp(text, expected):
    assert parse_timestamp(text) == expected


@pytest.mark.parametrize("text", ["garbage", "22/11/2026", "2026-11-22T9:00", "2026-11-22T09:00:00 CET", ""])
def test_parse_timestamp_refuses_what_is_not_iso_8601(text):
    with pytest.raises(ValueError, match="not an ISO 8601 timestamp"):
        parse_timestamp(text)


def test_parse_none():
    assert parse_timestamp(None) is None


def test_format_timestamp_is_utc_with_a_z():
    assert format_timestamp(NINE) == "2026-11-22T09:00:00.000000Z"
    plus_one = datetime.timezone(datetime.timedelta(hours=1))
    assert format_timestamp(datetime.datetime(2026, 11, 22, 10, 0, tzinfo=plus_one)) == "2026-11-22T09:00:00.000000Z"
    assert parse_timestamp(format_timestamp(NINE)) == NINE


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
