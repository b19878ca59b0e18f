# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_share_code: the planning logic as plain functions (valid codes + options -> calls), and whole runs
against a mocked hub (the code only in ``share_code``, and only in the run that created it)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_share_code
from ansible_collections.jupyterhub.hub.plugins.module_utils.shares import plan_share_codes, summarize_code, without_secret
from ansible_collections.jupyterhub.hub.tests.unit.helpers import ACCESS, ACTIVITY, API, HUB_ROOT, calls, listing, run_module, share_code_model

SECRET = "VMJegd6T_gshsaYA5XTyewyQX2PeMNGDG7RtPRT76CA"


def created(code_id="sc_9", scopes=(ACCESS,)):
    """The hub's answer to a creation: the only one that holds the code."""
    return dict(share_code_model(code_id, scopes), code=SECRET, accept_url="/hub/accept-share?code=" + SECRET, full_accept_url=None)


# -- planning -------------------------------------------------------------------------


def test_new_code_when_none_has_these_scopes():
    plan, after = plan_share_codes("ada", "", [share_code_model(scopes=[ACTIVITY])], "present", expires_in=3600)
    assert calls(plan) == [("POST", "/share-codes/ada/", {"expires_in": 3600})]
    assert 500 in plan[0].error_hints  # an unknown scope name is a bare 500 on the hub
    assert after[-1] == {"id": None, "scopes": [ACCESS], "expires_at": None}
    assert len(after) == 2


def test_a_valid_code_with_the_same_scopes_is_no_change():
    codes = [share_code_model(scopes=[ACTIVITY])]
    assert plan_share_codes("ada", "", codes, "present", scopes=[ACTIVITY]) == ([], codes)


def test_new_code_with_scopes():
    plan, dummy = plan_share_codes("ada", "", [], "present", scopes=[ACTIVITY])
    assert calls(plan) == [("POST", "/share-codes/ada/", {"scopes": [ACTIVITY]})]


def test_absent_revokes_every_code_in_one_call():
    plan, after = plan_share_codes("ada", "", [share_code_model("sc_1"), share_code_model("sc_2")], "absent")
    assert calls(plan) == [("DELETE", "/share-codes/ada/", None)]
    assert after == []
    assert plan_share_codes("ada", "", [], "absent") == ([], [])


def test_absent_with_scopes_revokes_the_codes_with_those_scopes_by_id():
    codes = [share_code_model("sc_1", [ACCESS]), share_code_model("sc_2", [ACTIVITY]), share_code_model("sc_3", [ACCESS])]
    plan, after = plan_share_codes("ada", "", codes, "absent", scopes=[ACCESS])
    assert calls(plan) == [("DELETE", "/share-codes/ada/?id=sc_1", None), ("DELETE", "/share-codes/ada/?id=sc_3", None)]
    assert all(call.done_statuses == (404,) for call in plan)
    assert after == [codes[1]]


def test_names_are_quoted():
    plan, dummy = plan_share_codes("a b@c", "x/y", [], "present")
    assert plan[0].path == "/share-codes/a%20b%40c/x%2Fy"


def test_neither_a_summary_nor_a_listed_code_holds_the_code():
    assert SECRET not in repr(summarize_code(created()))
    assert SECRET not in repr(without_secret(created()))
    assert without_secret(created())["id"] == "sc_9"


# -- whole runs on a mocked hub -----------------------------------------------------------


def test_a_new_code_is_returned_once_and_nowhere_else(rsps, capsys):
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/share-codes/ada/", json=listing(share_code_model("sc_1", [ACTIVITY])))
    rsps.post(API + "/share-codes/ada/", json=created())

    result, out = run_module(jupyterhub_share_code, capsys, diff=True, owner="ada", expires_in=3600)

    assert result["changed"] is True
    assert result["plan"] == ["POST /share-codes/ada/"]
    assert result["share_code"]["code"] == SECRET
    assert [c["id"] for c in result["share_codes"]] == ["sc_1", "sc_9"]
    assert out.count(SECRET) == 2  # share_code.code and share_code.accept_url
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


def test_a_listed_code_is_never_returned_with_its_secret(rsps, capsys):
    # a hub that listed the code itself: the module still does not return it
    rsps.get(API + "/", json=HUB_ROOT)
    rsps.get(API + "/share-codes/ada/", json=listing(created("sc_1")))

    result, out = run_module(jupyterhub_share_code, capsys, owner="ada")

    assert result["changed"] is False
    assert SECRET not in out


def test_bad_options_fail_before_any_call(rsps, capsys):
    too_short, dummy = run_module(jupyterhub_share_code, capsys, owner="ada", expires_in=10)
    empty, dummy = run_module(jupyterhub_share_code, capsys, owner="ada", scopes=[])
    other_server, dummy = run_module(jupyterhub_share_code, capsys, owner="ada", scopes=["access:servers!server=bob/"])

    assert too_short["msg"] == "expires_in must be from 60 to 31536000 seconds, not 10"
    assert empty["msg"].startswith("scopes is empty")
    assert other_server["msg"] == "scope access:servers!server=bob/: !server=bob/ is not allowed in a share, only !server=ada/. Nothing was changed."
    assert len(rsps.calls) == 0
