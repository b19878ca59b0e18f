# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_shutdown through main(), on a mocked hub: POST /shutdown with the flags given, once the hub and the token's
shutdown scope are proved; check mode, --diff, and the hub's refusal (the planning is in test_shutdown.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_shutdown
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, HUB_ROOT, NO_CALL, assert_refused, run_module, writes

ADMIN = {"kind": "service", "name": "ansible", "roles": ["admin"], "scopes": ["admin:users", "shutdown"]}


def mock_hub(rsps, whoami=None):
    """The hub's version (GET /, which proves api_url) and who the token is (GET /user)."""
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/user", json=whoami or ADMIN)


def test_the_hub_is_asked_to_shut_down_with_the_flags_given(rsps, capsys):
    mock_hub(rsps)
    rsps.post(API + "/shutdown", status=202, json={"message": "Shutting down Hub"})

    result, dummy = run_module(jupyterhub_shutdown, capsys, diff=True, proxy=False, servers=True)

    assert result["changed"] is True
    assert result["plan"] == ["POST /shutdown"]
    assert writes(rsps) == [("POST", "/shutdown", {"proxy": False, "servers": True})]
    assert result["version"] == "6.1.1"
    assert result["message"] == "Shutting down Hub"
    assert result["diff"] == {"before": {"hub": "running", "version": "6.1.1"},
                              "after": {"hub": "shut down", "proxy": "left running", "servers": "stopped"}}


def test_unset_flags_are_left_to_the_hub(rsps, capsys):
    mock_hub(rsps, {"kind": "user", "name": "admin"})  # a hub before 2.0 lists no scopes: it may
    rsps.post(API + "/shutdown", status=202, json={"message": "Shutting down Hub"})

    result, dummy = run_module(jupyterhub_shutdown, capsys)

    assert writes(rsps) == [("POST", "/shutdown", {})]
    assert result["changed"] is True


def test_check_mode_sends_nothing_and_is_a_change(rsps, capsys):
    mock_hub(rsps)

    result, dummy = run_module(jupyterhub_shutdown, capsys, check_mode=True, diff=True, servers=False)

    assert result["changed"] is True
    assert result["plan"] == ["POST /shutdown"]
    assert writes(rsps) == []
    assert result["version"] == "6.1.1" and result["message"] is None
    assert result["diff"]["after"] == {"hub": "shut down", "proxy": "as the hub is configured", "servers": "left running"}


def test_a_token_without_the_shutdown_scope_fails_before_any_change(rsps, capsys):
    mock_hub(rsps, {"kind": "user", "name": "ada", "scopes": ["read:users!user=ada"]})

    result, dummy = run_module(jupyterhub_shutdown, capsys)

    assert result["failed"] is True
    assert result["msg"] == "the token of user ada lacks the shutdown scope (the admin role has it). Nothing was changed."
    assert result["status"] == 403 and result["failure"] == NO_CALL
    assert writes(rsps) == []


def test_a_refusal_of_the_hub_is_a_clean_failure(rsps, capsys):
    mock_hub(rsps)
    message = "Action is not authorized with current scopes; requires any of [shutdown]"
    rsps.post(API + "/shutdown", status=403, json={"status": 403, "message": message})

    result, out = run_module(jupyterhub_shutdown, capsys)

    assert_refused(result, out, "POST", "/shutdown", 403, message)
    assert result["changed"] is False
    assert result["done"] == [] and result["not_done"] == ["POST /shutdown"]
