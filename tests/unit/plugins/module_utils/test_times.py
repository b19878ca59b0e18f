# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Durations as users give them, and the hub's timestamps."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.times import UTC, older_than, parse_duration


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
    now = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert older_than("2026-08-03T12:00:00.000000Z", 120 * 86400, now) is False  # exactly 120 days
    assert older_than("2026-08-03T11:59:59Z", 120 * 86400, now) is True
