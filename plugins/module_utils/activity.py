# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Activity: the plan that records a user's (and its servers') last activity, only when it is later. Pure: nothing of
Ansible, no I/O. Used by jupyterhub_activity, as an external idle culler's or a service's report.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call
from ansible_collections.jupyterhub.hub.plugins.module_utils.times import format_timestamp, parse_timestamp


def plan_activity(name, user, when, servers=()):
    """The call recording activity at ``when`` for the user and ``servers``, only where it moves activity forward.

    ``user`` is the user's model (with stopped servers). Returns the plan and the predicted activity.
    Pure: no I/O, so it is unit-tested directly.
    """
    stamp = format_timestamp(when)
    before = summarize_activity(user, servers)
    after = dict(before, servers=dict(before["servers"]))
    body = {}
    if _is_later(when, before["last_activity"]):
        body["last_activity"] = stamp
        after["last_activity"] = stamp
    for server in servers:
        if _is_later(when, before["servers"][server]):
            body.setdefault("servers", {})[server] = {"last_activity": stamp}
            after["servers"][server] = stamp
    if not body:
        return [], before
    return [Call("POST", quote_path("users", name, "activity"), body)], after


def summarize_activity(user, servers=()):
    """The user's recorded activity, and that of ``servers``."""
    known = user.get("servers") or {}
    return {
        "name": user["name"],
        "last_activity": user.get("last_activity"),
        "servers": dict((server, (known.get(server) or {}).get("last_activity")) for server in servers),
    }


def _is_later(when, recorded):
    return recorded is None or when > parse_timestamp(recorded)
