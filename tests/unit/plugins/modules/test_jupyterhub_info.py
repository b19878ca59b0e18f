# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_info: which optional reads the token's scopes allow, and runs through main() on a mocked hub: what a token
may read, the version alone without one, the same in check mode, and the hub's refusals."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_info
from ansible_collections.jupyterhub.hub.plugins.modules.jupyterhub_info import _may_list_services
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, HUB_ROOT, assert_refused, hub_info, run_module, service_model

ADMIN = {"kind": "service", "name": "ansible", "roles": ["admin"], "scopes": ["admin:users", "list:services", "read:hub", "read:services"]}


@pytest.mark.parametrize(
    "scopes, expected",
    [
        (["list:services", "read:services"], True),
        (["list:services!service=ansible"], True),  # the hub then lists that service only
        (["read:services", "list:users"], False),
        ([], False),
        (None, False),
    ],
)
def test_services_are_listed_only_with_list_services(scopes, expected):
    assert _may_list_services(scopes) is expected


# -- through main() ----------------------------------------------------------------------------


@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check"])
def test_a_token_that_may_read_everything_gets_it_all(rsps, capsys, check_mode):
    rsps.get(API + "/user", json=ADMIN)
    rsps.get(API + "/info", json=hub_info())
    rsps.get(API + "/services", json={"grader": service_model("grader"), "announcer": service_model("announcer")})
    rsps.get(API + "/", json=HUB_ROOT)

    result, dummy = run_module(jupyterhub_info, capsys, check_mode=check_mode)

    assert result["changed"] is False and result["plan"] == []
    assert result["version"] == "6.1.1" and result["version_info"] == [6, 1, 1]
    assert result["whoami"] == ADMIN
    assert result["info"] == hub_info()
    assert result["services"] == [service_model("announcer"), service_model("grader")]  # sorted by name
    assert all(call.request.method == "GET" for call in rsps.calls)


def test_a_token_without_read_hub_or_list_services_reads_neither(rsps, capsys):
    grace = {"kind": "user", "name": "grace", "admin": False, "scopes": ["read:users!user=grace"]}
    rsps.get(API + "/user", json=grace)
    rsps.get(API + "/", json=HUB_ROOT)

    result, dummy = run_module(jupyterhub_info, capsys)

    assert result["whoami"] == grace
    assert result["info"] is None and result["services"] is None
    assert len(rsps.calls) == 2


def test_without_a_token_only_the_version_is_read_and_no_token_sent(rsps, capsys):
    rsps.get(API + "/", json={"version": "5.5.4"})

    result, dummy = run_module(jupyterhub_info, capsys, api_token=None)

    assert result["version"] == "5.5.4" and result["version_info"] == [5, 5, 4]
    assert (result["whoami"], result["info"], result["services"]) == (None, None, None)
    assert "Authorization" not in rsps.calls[0].request.headers


def test_a_token_the_hub_does_not_accept_fails_saying_so(rsps, capsys):
    rsps.get(API + "/user", status=403, json={"status": 403, "message": "Forbidden"})

    result, out = run_module(jupyterhub_info, capsys)

    assert result["failed"] is True
    assert result["msg"] == ("GET /user: 403 Forbidden: Forbidden (the hub did not accept the credentials: a missing, wrong, expired or revoked "
                             "token, or a wrong password)")
    assert result["failure"] == {"method": "GET", "path": "/user", "status": 403, "message": "Forbidden"}
    assert "Traceback" not in out


def test_a_refused_read_of_the_configuration_is_a_clean_failure(rsps, capsys):
    # no scopes listed (as by a hub before 2.0): GET /info is tried anyway, and the hub's refusal fails the task
    message = "Action is not authorized with current scopes; requires any of [read:hub]"
    rsps.get(API + "/user", json={"kind": "user", "name": "admin"})
    rsps.get(API + "/info", status=403, json={"status": 403, "message": message})

    result, out = run_module(jupyterhub_info, capsys)

    assert_refused(result, out, "GET", "/info", 403, message)
