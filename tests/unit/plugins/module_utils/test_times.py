# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/times.py: durations as users give them, and the hub's timestamps read and written."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.times import UTC, format_timestamp, older_than, parse_duration, parse_timestamp
from ansible_collections.jupyterhub.hub.tests.unit.helpers import DAY, NINE, NOW


@pytest.mark.parametrize(
    "value, seconds",
    [("90d", 90 * 86400), ("12h", 43200), ("30m", 1800), ("45s", 45), ("2w", 1209600), ("3600", 3600), (3600, 3600), ("1.5h", 5400), (" 7D ", 604800)],
)
def test_durations(value, seconds):
    assert parse_duration(value) == seconds


@pytest.mark.parametrize("value", ["", "ninety days", "90y", "-5m", "d", True])
def test_not_durations(value):
    with pytest.raises(ValueError) as caught:
        parse_duration(value)
    assert "is not a duration" in str(caught.value)


def test_older_than():
    assert older_than("2026-08-03T12:00:00.000000Z", 120 * DAY, NOW) is False  # exactly 120 days before NOW
    assert older_than("2026-08-03T11:59:59Z", 120 * DAY, NOW) is True


# -- the hub's timestamps ---------------------------------------------------------------------


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
