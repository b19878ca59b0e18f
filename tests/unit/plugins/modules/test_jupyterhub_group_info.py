# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_group_info through main(), on a mocked hub: groups by name with the missing ones, every group to the
last page, the same in check mode, and the hub's refusal."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import responses

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_group_info
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, HUB_ROOT, assert_refused, group_model, run_module


@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check"])
def test_groups_by_name_and_the_missing_ones(rsps, capsys, check_mode):
    rsps.get(API + "/groups/physics", json=group_model("physics", ["ada"], {"profile": "gpu"}))
    rsps.get(API + "/groups/ghost", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json=HUB_ROOT)  # GET / proves api_url before a 404 is believed

    result, dummy = run_module(jupyterhub_group_info, capsys, check_mode=check_mode, name=["physics", "ghost"])

    assert result["changed"] is False and result["plan"] == []
    assert result["groups"] == [group_model("physics", ["ada"], {"profile": "gpu"})]
    assert result["missing"] == ["ghost"]
    assert [call.request.method for call in rsps.calls] == ["GET", "GET", "GET"]  # an info module only reads


def test_every_group_to_the_last_page(rsps, capsys):
    first = {"items": [group_model("a")], "_pagination": {"offset": 0, "limit": 1, "total": 2, "next": {"offset": 1}}}
    last = {"items": [group_model("b")], "_pagination": {"offset": 1, "limit": 1, "total": 2, "next": None}}
    rsps.get(API + "/groups", json=first, match=[responses.matchers.query_param_matcher({"offset": "0", "limit": "200"})])
    rsps.get(API + "/groups", json=last, match=[responses.matchers.query_param_matcher({"offset": "1", "limit": "200"})])

    result, dummy = run_module(jupyterhub_group_info, capsys)

    assert [group["name"] for group in result["groups"]] == ["a", "b"]
    assert result["missing"] == [] and result["changed"] is False


def test_a_token_that_may_not_list_groups_fails_with_the_hubs_words(rsps, capsys):
    message = "Action is not authorized with current scopes; requires any of [list:groups]"
    rsps.get(API + "/groups", status=403, json={"status": 403, "message": message})

    result, out = run_module(jupyterhub_group_info, capsys)

    assert_refused(result, out, "GET", "/groups", 403, message)
