# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The proxy: the hub's route table as the task shows it, and the plans that check or restart the proxy. Pure: nothing
of Ansible, no I/O. Used by jupyterhub_proxy.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call


# The hub retries a proxy that does not answer for 30 s before it answers 500: wait for that answer.
PROXY_CALL_TIMEOUT = 45


# When the hub cannot reach the proxy after a PATCH, it answers a bare 500 and keeps the new settings.
UNREACHABLE_PROXY_HINT = (
    "the hub could not sync the routes with the new proxy settings, probably a wrong proxy_api_url or "
    "proxy_auth_token; it keeps them until the next change or restart, so run the task again with the right ones"
)


def plan_proxy(state, proxy_api_url=None, proxy_auth_token=None, timeout=PROXY_CALL_TIMEOUT):
    """The call to make: PATCH when settings are given (the hub syncs after it), else POST for a sync, else none."""
    body = {}
    if proxy_api_url is not None:
        body["api_url"] = proxy_api_url
    if proxy_auth_token is not None:
        body["auth_token"] = proxy_auth_token
    if body:
        return [Call("PATCH", "/proxy", body, timeout=timeout, error_hints={500: UNREACHABLE_PROXY_HINT})]
    if state == "synced":
        return [Call("POST", "/proxy", timeout=timeout)]
    return []


def route_table(routes):
    """What a change of the routing table is: routespecs, targets and data, without the proxy's own activity stamps."""
    return dict(
        (spec, (route.get("target"), sorted((key, repr(value)) for key, value in (route.get("data") or {}).items() if key != "last_activity")))
        for spec, route in routes.items()
    )


def summarize_routes(routes):
    """What the diff shows of the routing table: routespec -> target."""
    return dict((spec, route.get("target")) for spec, route in routes.items())
