# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_proxy through main(), on a mocked hub: the routing table read to its last page, a sync that is a change
only if the table changed, new proxy settings (through the hub: the module never calls the proxy itself), check mode,
--diff and the hub's refusals (the planning is in test_proxy.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.proxy import UNREACHABLE_PROXY_HINT
from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_proxy
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, assert_refused, route_model, run_module, writes

PROXY_API_URL = "http://proxy.internal:8001"
PROXY_TOKEN = "configproxy-s3cret-token"
HUB = route_model("/", "http://127.0.0.1:8081", hub=True, jupyterhub=True, last_activity="2026-11-22T10:43:21.945Z")
ADA = route_model("/user/ada/", "http://127.0.0.1:50001", user="ada", server_name="", jupyterhub=True)
GHOST = route_model("/user/ghost/", "http://127.0.0.1:50999", user="ghost", server_name="", jupyterhub=True)
UNREADABLE = "unreadable: the hub could not reach its proxy"


def routes(*listed):
    """The routing table by routespec."""
    return dict((route["routespec"], route) for route in listed)


def page(*listed, **pagination):
    """One page of GET /proxy: the routes by routespec; ``next`` (an offset) if another page follows."""
    following = pagination.get("next")
    return {"items": routes(*listed), "_pagination": {"offset": 0, "limit": 200, "total": len(listed),
                                                      "next": {"offset": following} if following else None}}


@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check"])
def test_the_table_is_read_to_its_last_page_and_nothing_sent(rsps, capsys, check_mode):
    rsps.get(API + "/proxy?offset=0&limit=200", json=page(HUB, next=1))
    rsps.get(API + "/proxy?offset=1&limit=200", json=page(ADA))

    result, dummy = run_module(jupyterhub_proxy, capsys, check_mode=check_mode, diff=True)

    assert result["changed"] is False and result["plan"] == []
    assert result["routes"] == routes(HUB, ADA)
    assert result["diff"]["before"] == result["diff"]["after"] == {"routes": {"/": "http://127.0.0.1:8081", "/user/ada/": "http://127.0.0.1:50001"}}
    assert writes(rsps) == []


def test_a_sync_that_changes_the_table_returns_the_new_one_and_the_diff_shows_it(rsps, capsys):
    rsps.get(API + "/proxy", json=page(HUB, ADA, GHOST))
    rsps.post(API + "/proxy", status=200, body="")
    rsps.get(API + "/proxy", json=page(HUB, ADA))

    result, dummy = run_module(jupyterhub_proxy, capsys, diff=True, state="synced")

    assert result["changed"] is True
    assert result["plan"] == ["POST /proxy"]
    assert writes(rsps) == [("POST", "/proxy", None)]
    assert result["routes"] == routes(HUB, ADA)
    assert result["diff"] == {
        "before": {"routes": {"/": "http://127.0.0.1:8081", "/user/ada/": "http://127.0.0.1:50001", "/user/ghost/": "http://127.0.0.1:50999"}},
        "after": {"routes": {"/": "http://127.0.0.1:8081", "/user/ada/": "http://127.0.0.1:50001"}},
    }


def test_a_sync_that_only_moves_the_activity_stamps_is_no_change(rsps, capsys):
    later = route_model("/", "http://127.0.0.1:8081", hub=True, jupyterhub=True, last_activity="2026-11-22T10:43:22.072Z")
    rsps.get(API + "/proxy", json=page(HUB))
    rsps.post(API + "/proxy", status=200, body="")
    rsps.get(API + "/proxy", json=page(later))

    result, dummy = run_module(jupyterhub_proxy, capsys, state="synced")

    assert result["changed"] is False
    assert result["plan"] == ["POST /proxy"]  # sent, but the hub found nothing to fix
    assert result["routes"] == routes(later)


def test_a_sync_in_check_mode_is_a_change_and_sends_nothing(rsps, capsys):
    rsps.get(API + "/proxy", json=page(HUB, GHOST))

    result, dummy = run_module(jupyterhub_proxy, capsys, check_mode=True, diff=True, state="synced")

    assert result["changed"] is True
    assert result["plan"] == ["POST /proxy"]
    assert writes(rsps) == []
    assert result["routes"] == routes(HUB, GHOST)  # the hub decides what a sync changes: the table as it is
    assert result["diff"]["before"] == result["diff"]["after"]


def test_new_proxy_settings_go_to_the_hub_and_are_a_change_without_the_token_in_the_output(rsps, capsys):
    rsps.get(API + "/proxy", json=page(HUB, ADA))
    rsps.patch(API + "/proxy", status=200, body="")
    rsps.get(API + "/proxy", json=page(HUB, ADA))

    result, out = run_module(jupyterhub_proxy, capsys, diff=True, proxy_api_url=PROXY_API_URL, proxy_auth_token=PROXY_TOKEN)

    assert result["changed"] is True  # the same routes: the settings are the change
    assert result["plan"] == ["PATCH /proxy"]
    assert writes(rsps) == [("PATCH", "/proxy", {"api_url": PROXY_API_URL, "auth_token": PROXY_TOKEN})]
    assert all(call.request.url.startswith(API + "/") for call in rsps.calls)  # never the proxy's own API
    assert result["diff"]["after"] == {"routes": {"/": "http://127.0.0.1:8081", "/user/ada/": "http://127.0.0.1:50001"}, "proxy_api_url": PROXY_API_URL}
    assert PROXY_TOKEN not in out


def test_new_settings_get_through_to_a_hub_that_cannot_read_its_routes(rsps, capsys):
    # wrong settings earlier: the hub answers a bare 500 for the routes, and the task must still repair it
    rsps.get(API + "/proxy", status=500, json={"status": 500, "message": "Internal Server Error"})
    rsps.patch(API + "/proxy", status=200, body="")
    rsps.get(API + "/proxy", json=page(HUB))

    result, dummy = run_module(jupyterhub_proxy, capsys, diff=True, proxy_api_url=PROXY_API_URL)

    assert result["changed"] is True
    assert writes(rsps) == [("PATCH", "/proxy", {"api_url": PROXY_API_URL})]
    assert result["routes"] == routes(HUB)
    assert result["diff"] == {"before": {"routes": UNREADABLE}, "after": {"routes": {"/": "http://127.0.0.1:8081"}, "proxy_api_url": PROXY_API_URL}}


def test_settings_the_hub_cannot_reach_the_proxy_with_fail_saying_so(rsps, capsys):
    rsps.get(API + "/proxy", json=page(HUB))
    rsps.patch(API + "/proxy", status=500, json={"status": 500, "message": "Internal Server Error"})

    result, out = run_module(jupyterhub_proxy, capsys, proxy_api_url="http://nowhere:8001")

    assert result["failed"] is True
    assert result["msg"] == "PATCH /proxy: 500 Internal Server Error: Internal Server Error (%s)" % UNREACHABLE_PROXY_HINT
    assert result["failure"] == {"method": "PATCH", "path": "/proxy", "status": 500, "message": "Internal Server Error"}
    assert result["changed"] is False and result["not_done"] == ["PATCH /proxy"]
    assert "Traceback" not in out


def test_a_refused_sync_is_a_clean_failure(rsps, capsys):
    message = "Action is not authorized with current scopes; requires any of [proxy]"
    rsps.get(API + "/proxy", json=page(HUB))
    rsps.post(API + "/proxy", status=403, json={"status": 403, "message": message})

    result, out = run_module(jupyterhub_proxy, capsys, state="synced")

    assert_refused(result, out, "POST", "/proxy", 403, message)
    assert result["done"] == [] and result["not_done"] == ["POST /proxy"]


def test_a_refused_read_is_a_clean_failure_and_sends_nothing(rsps, capsys):
    message = "Action is not authorized with current scopes; requires any of [proxy]"
    rsps.get(API + "/proxy", status=403, json={"status": 403, "message": message})

    result, out = run_module(jupyterhub_proxy, capsys, state="synced")

    assert_refused(result, out, "GET", "/proxy", 403, message)
    assert writes(rsps) == []
