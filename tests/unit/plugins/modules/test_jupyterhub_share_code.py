# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_share_code through main(), on a mocked hub: the code only in ``share_code``, and only in the run that
created it; check mode, revocation, the hub's refusal, and options refused before any call (the planning is in test_shares.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_share_code
from ansible_collections.jupyterhub.hub.tests.unit.helpers import (ACCESS, ACTIVITY, API, HUB_ROOT, SHARE_CODE_SECRET, assert_refused, listing,
                                                                   new_share_code_model, run_module, share_code_model)


def test_a_new_code_is_returned_once_and_nowhere_else(rsps, capsys):
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/share-codes/ada/", json=listing(share_code_model("sc_1", [ACTIVITY])))
    rsps.post(API + "/share-codes/ada/", json=new_share_code_model())

    result, out = run_module(jupyterhub_share_code, capsys, diff=True, owner="ada", expires_in=3600)

    assert result["changed"] is True
    assert result["plan"] == ["POST /share-codes/ada/"]
    assert result["share_code"]["code"] == SHARE_CODE_SECRET
    assert [c["id"] for c in result["share_codes"]] == ["sc_1", "sc_9"]
    assert out.count(SHARE_CODE_SECRET) == 2  # share_code.code and share_code.accept_url
    assert result["diff"]["after"]["share_codes"][-1] == {"id": "sc_9", "scopes": [ACCESS], "expires_at": "2026-11-23T10:40:37Z"}


def test_check_mode_predicts_a_code_and_returns_none(rsps, capsys):
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/share-codes/ada/lab", json=listing())

    result, dummy = run_module(jupyterhub_share_code, capsys, check_mode=True, owner="ada", server_name="lab")

    assert result["changed"] is True
    assert result["plan"] == ["POST /share-codes/ada/lab"]
    assert result["share_code"] is None
    assert result["share_codes"] == [{"id": None, "scopes": ["access:servers!server=ada/lab"], "expires_at": None}]


def test_revoking_returns_no_code(rsps, capsys):
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/share-codes/ada/", json=listing(share_code_model("sc_1"), share_code_model("sc_2", [ACTIVITY])))
    rsps.delete(API + "/share-codes/ada/?id=sc_2", status=204, body="")

    result, dummy = run_module(jupyterhub_share_code, capsys, owner="ada", scopes=["read:users:activity"], state="absent")

    assert result["changed"] is True
    assert result["share_code"] is None
    assert [c["id"] for c in result["share_codes"]] == ["sc_1"]


def test_a_refusal_of_the_hub_is_a_clean_failure(rsps, capsys):
    message = "Action is not authorized with current scopes; requires any of [shares]"
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/share-codes/ada/", json=listing(share_code_model("sc_1")))
    rsps.delete(API + "/share-codes/ada/", status=403, json={"status": 403, "message": message})

    result, out = run_module(jupyterhub_share_code, capsys, owner="ada", state="absent")

    assert_refused(result, out, "DELETE", "/share-codes/ada/", 403, message)
    assert result["changed"] is False and result["not_done"] == ["DELETE /share-codes/ada/"]


def test_a_listed_code_is_never_returned_with_its_secret(rsps, capsys):
    # a hub that listed the code itself: the module still does not return it
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/share-codes/ada/", json=listing(new_share_code_model("sc_1")))

    result, out = run_module(jupyterhub_share_code, capsys, owner="ada")

    assert result["changed"] is False
    assert SHARE_CODE_SECRET not in out


def test_bad_options_fail_before_any_call(rsps, capsys):
    too_short, dummy = run_module(jupyterhub_share_code, capsys, owner="ada", expires_in=10)
    empty, dummy = run_module(jupyterhub_share_code, capsys, owner="ada", scopes=[])
    other_server, dummy = run_module(jupyterhub_share_code, capsys, owner="ada", scopes=["access:servers!server=bob/"])

    assert too_short["msg"] == "expires_in must be from 60 to 31536000 seconds, not 10"
    assert empty["msg"].startswith("scopes is empty")
    assert other_server["msg"] == "scope access:servers!server=bob/: !server=bob/ is not allowed in a share, only !server=ada/. Nothing was changed."
    assert len(rsps.calls) == 0
