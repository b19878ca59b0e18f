# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_service_info through main(), on a mocked hub: services by name (read by name from 5.0, picked from the
listing before), every service, the same in check mode, and the hub's refusal."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_service_info
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, assert_refused, run_module, service_model


@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check"])
def test_services_by_name_on_a_hub_that_reads_them_by_name(rsps, capsys, check_mode):
    rsps.get(API + "/", json={"version": "5.5.4"})
    rsps.get(API + "/services/grader", json=service_model("grader"))
    rsps.get(API + "/services/announcer", json=service_model("announcer", admin=True))
    rsps.get(API + "/services/ghost", status=404, json={"status": 404, "message": "Not Found"})

    result, dummy = run_module(jupyterhub_service_info, capsys, check_mode=check_mode, name=["grader", "announcer", "ghost"])

    assert result["changed"] is False and result["plan"] == []
    assert result["services"] == [service_model("announcer", admin=True), service_model("grader")]  # sorted by name
    assert result["missing"] == ["ghost"]
    assert all(call.request.method == "GET" for call in rsps.calls)


def test_services_by_name_on_a_4x_hub_are_picked_from_the_listing(rsps, capsys):
    # JupyterHub 4 answers 500 for a service it does not have: the module does not ask it by name
    rsps.get(API + "/", json={"version": "4.1.6"})
    rsps.get(API + "/services", json={"grader": service_model("grader"), "announcer": service_model("announcer")})

    result, dummy = run_module(jupyterhub_service_info, capsys, name=["grader", "ghost", "grader"])

    assert result["services"] == [service_model("grader")]
    assert result["missing"] == ["ghost"]


def test_every_service_sorted_by_name_without_reading_the_version(rsps, capsys):
    rsps.get(API + "/services", json={"grader": service_model("grader"), "announcer": service_model("announcer")})

    result, dummy = run_module(jupyterhub_service_info, capsys)

    assert [entry["name"] for entry in result["services"]] == ["announcer", "grader"]
    assert result["missing"] == [] and len(rsps.calls) == 1


def test_a_token_that_may_not_list_services_fails_with_the_hubs_words(rsps, capsys):
    message = "Action is not authorized with current scopes; requires any of [list:services]"
    rsps.get(API + "/services", status=403, json={"status": 403, "message": message})

    result, out = run_module(jupyterhub_service_info, capsys)

    assert_refused(result, out, "GET", "/services", 403, message)
