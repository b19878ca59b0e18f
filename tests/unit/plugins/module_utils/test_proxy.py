# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/proxy.py, the planning of jupyterhub_proxy: which call, and what a change of the routing table is (the module
through main() in test_jupyterhub_proxy.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.proxy import plan_proxy, route_table, summarize_routes
from ansible_collections.jupyterhub.hub.tests.unit.helpers import calls, route_model


def test_reading_is_no_call():
    assert plan_proxy("present") == []


def test_synced_is_a_post():
    assert calls(plan_proxy("synced")) == [("POST", "/proxy", None)]


def test_settings_are_one_patch_which_syncs_too():
    plan = plan_proxy("synced", proxy_api_url="http://proxy:8001", proxy_auth_token="s3cret")
    assert calls(plan) == [("PATCH", "/proxy", {"api_url": "http://proxy:8001", "auth_token": "s3cret"})]
    assert "s3cret" not in str(plan[0]) + repr(plan[0])
    assert 500 in plan[0].error_hints
    assert plan[0].timeout == 45  # the hub retries an unreachable proxy for 30 s before it answers
    assert calls(plan_proxy("present", proxy_auth_token="t")) == [("PATCH", "/proxy", {"auth_token": "t"})]


def test_the_proxys_activity_stamps_are_not_a_change():
    before = {"/": route_model("/", "http://127.0.0.1:8081", hub=True, last_activity="2026-11-22T10:43:21.945Z")}
    after = {"/": route_model("/", "http://127.0.0.1:8081", hub=True, last_activity="2026-11-22T10:43:22.072Z")}
    assert route_table(before) == route_table(after)


def test_a_route_added_removed_or_moved_is_a_change():
    hub = route_model("/", "http://127.0.0.1:8081", hub=True)
    ada = route_model("/user/ada/", "http://127.0.0.1:50001", user="ada", server_name="")
    moved = route_model("/user/ada/", "http://127.0.0.1:50002", user="ada", server_name="")
    assert route_table({"/": hub}) != route_table({"/": hub, "/user/ada/": ada})
    assert route_table({"/": hub, "/user/ada/": ada}) != route_table({"/": hub})
    assert route_table({"/user/ada/": ada}) != route_table({"/user/ada/": moved})


def test_summarize_is_routespec_to_target():
    assert summarize_routes({"/": route_model("/", "http://127.0.0.1:8081", hub=True)}) == {"/": "http://127.0.0.1:8081"}
