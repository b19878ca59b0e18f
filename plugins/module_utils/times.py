# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Time as the hub writes it (ISO 8601 in UTC) and as users give it (durations such as 90d). Nothing of Ansible."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

UTC = datetime.timezone.utc
_TIMESTAMP = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2})?)(?:[.,](?P<fraction>\d+))?)?"
    r"\s*(?P<zone>Z|z|[+-]\d{2}(?::?\d{2})?)?$"
)


def parse_timestamp(text):
    """An ISO 8601 timestamp (the hub's own, or a user's) as an aware UTC datetime; None for None.

    Without a time zone it is UTC, as for the hub. Raises ValueError.
    """
    if text is None:
        return None
    match = _TIMESTAMP.match(str(text).strip())
    if not match:
        raise ValueError("%r is not an ISO 8601 timestamp such as 2026-11-22T09:30:00Z" % (text,))
    clock = match.group("time") or "00:00"
    if len(clock) == 5:
        clock += ":00"
    fraction = (match.group("fraction") or "0")[:6].ljust(6, "0")
    stamp = datetime.datetime.strptime("%s %s.%s" % (match.group("date"), clock, fraction), "%Y-%m-%d %H:%M:%S.%f")
    zone = match.group("zone")
    offset = datetime.timedelta(0)
    if zone and zone not in ("Z", "z"):
        digits = zone[1:].replace(":", "")
        offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
        if zone[0] == "-":
            offset = -offset
    return (stamp - offset).replace(tzinfo=UTC)


def format_timestamp(stamp):
    """An aware datetime as the hub reads and writes it: ISO 8601 in UTC with a Z."""
    return stamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$")
_SECONDS_PER = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(value):
    """Seconds in a duration: a number of seconds, or a number with s, m, h, d or w (90d, 12h, 30m). Raises ValueError."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value).lower())
        if not match:
            raise ValueError("%r is not a duration: give seconds, or a number with s, m, h, d or w, such as 90d or 12h" % (value,))
        seconds = float(match.group(1)) * _SECONDS_PER[match.group(2)]
    if seconds < 0:
        raise ValueError("%r is not a duration: it is negative" % (value,))
    return seconds


def older_than(stamp, seconds, now):
    """Whether the hub's timestamp ``stamp`` is more than ``seconds`` before ``now`` (an aware datetime)."""
    return parse_timestamp(stamp) < now - datetime.timedelta(seconds=seconds)
