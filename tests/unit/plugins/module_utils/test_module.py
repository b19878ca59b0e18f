# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/module.py, the Ansible side shared by the modules: building, plan/apply, finish, failures (Call is tested in test_plan.py; make_module
is in conftest.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from unittest import mock

import pytest
import requests

from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, TOKEN, exit_result, patch_module_args

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call


PLAN = [
    Call("POST", "/users", {"usernames": ["a"]}),
    Call("POST", "/x", {"token": "s3cret"}),
    Call("DELETE", "/groups/g"),
]


# -- building the module ----------------------------------------------------------


def test_client_is_built_from_the_options(make_module):
    module = make_module(check_mode=True, validate_certs=False, timeout=5, retries=1)

    client = module.client
    assert (client.api_url, client.api_token, client.timeout, client.retries) == (API, TOKEN, 5.0, 1)
    assert client.check_mode is True
    assert client.session.verify is False


def test_connection_options_from_the_environment(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_API_URL", "http://env.test/hub/api")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", TOKEN)
    with patch_module_args({}):
        module = JupyterHubModule()

    assert (module.client.api_url, module.client.api_token) == ("http://env.test/hub/api", TOKEN)


def test_missing_token_fails_cleanly(make_module, capsys):
    result = exit_result(capsys, lambda: make_module(api_token=None))

    assert result["failed"] is True
    assert result["msg"].startswith("api_token is required")


def test_token_not_required_when_told_so(make_module):
    module = make_module(api_token=None, token_required=False)

    assert module.client.api_token is None


# -- apply ------------------------------------------------------------------------


def test_apply_sends_every_call_in_order(make_module, rsps):
    rsps.post(API + "/users", status=201, json=[{"name": "a"}])
    rsps.post(API + "/x", status=201, json={"ok": True})
    rsps.delete(API + "/groups/g", status=204)

    assert make_module().apply(PLAN) == [[{"name": "a"}], {"ok": True}, None]
    assert [(call.request.method, call.request.url) for call in rsps.calls] == [
        ("POST", API + "/users"),
        ("POST", API + "/x"),
        ("DELETE", API + "/groups/g"),
    ]
    assert json.loads(rsps.calls[1].request.body) == {"token": "s3cret"}


def test_apply_in_check_mode_sends_nothing(make_module, rsps):
    assert make_module(check_mode=True).apply(PLAN) == [None, None, None]
    assert len(rsps.calls) == 0


@pytest.mark.parametrize(
    "failing, changed",
    [(0, False), (1, True), (2, True)],
    ids=["first-call", "second-call", "last-call"],
)
def test_apply_failure_reports_done_and_not_done(make_module, rsps, capsys, failing, changed):
    for index, call in enumerate(PLAN):
        if index < failing:
            rsps.add(call.method, API + call.path, status=201, json={})
        elif index == failing:
            rsps.add(call.method, API + call.path, status=400, json={"status": 400, "message": "invalid username"})

    result = exit_result(capsys, lambda: make_module().apply(PLAN))

    assert result["failed"] is True
    assert result["msg"] == "%s: 400 Bad Request: invalid username" % PLAN[failing]
    assert result["status"] == 400
    assert result["changed"] is changed
    assert result["done"] == [str(call) for call in PLAN[:failing]]
    assert result["not_done"] == [str(call) for call in PLAN[failing:]]
    assert len(rsps.calls) == failing + 1  # nothing after the failing call is sent


def test_apply_failure_at_call_2_of_3(make_module, rsps, capsys):
    rsps.post(API + "/users", status=201, json=[])
    rsps.post(API + "/x", status=400, json={"status": 400, "message": "x is not valid"})

    result = exit_result(capsys, lambda: make_module().apply(PLAN))

    assert result["msg"] == "POST /x: 400 Bad Request: x is not valid"
    assert result["changed"] is True
    assert result["done"] == ["POST /users"]
    assert result["not_done"] == ["POST /x", "DELETE /groups/g"]
    assert "s3cret" not in json.dumps(result)


def test_apply_failure_adds_the_calls_hint_for_that_status(make_module, rsps, capsys):
    rsps.post(API + "/shares/a/", status=500, json={"status": 500, "message": "Internal Server Error"})
    plan = [Call("POST", "/shares/a/", {"user": "b"}, error_hints={500: "an unknown scope?"})]

    result = exit_result(capsys, lambda: make_module().apply(plan))
    assert result["msg"] == "POST /shares/a/: 500 Internal Server Error: Internal Server Error (an unknown scope?)"
    assert result["status"] == 500


def test_apply_failure_without_a_hint_for_that_status(make_module, rsps, capsys):
    rsps.post(API + "/shares/a/", status=400, json={"status": 400, "message": "No such user: b"})
    plan = [Call("POST", "/shares/a/", {"user": "b"}, error_hints={500: "an unknown scope?"})]

    result = exit_result(capsys, lambda: make_module().apply(plan))
    assert result["msg"] == "POST /shares/a/: 400 Bad Request: No such user: b"


def test_apply_calls_on_answer_after_each_answer_before_the_next_call(make_module, rsps):
    rsps.post(API + "/users", status=201, json=[{"name": "a"}])
    rsps.post(API + "/x", status=201, json={"ok": True})
    rsps.delete(API + "/groups/g", status=204)
    seen = []

    def on_answer(index, answer):
        seen.append((index, answer, len(rsps.calls)))  # how many calls were sent when it ran

    make_module().apply(PLAN, on_answer=on_answer)
    assert seen == [(0, [{"name": "a"}], 1), (1, {"ok": True}, 2), (2, None, 3)]


def test_apply_in_check_mode_calls_on_answer_with_no_answer(make_module, rsps):
    seen = []
    assert make_module(check_mode=True).apply(PLAN, on_answer=lambda index, answer: seen.append((index, answer))) == [None] * 3
    assert seen == [(0, None), (1, None), (2, None)]
    assert len(rsps.calls) == 0


def test_apply_skips_on_answer_for_a_call_already_done_elsewhere(make_module, rsps):
    rsps.delete(API + "/users/a", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json={"version": "6.1.1"})
    seen = []
    make_module().apply([Call("DELETE", "/users/a", done_statuses=(404,))], on_answer=lambda index, answer: seen.append(index))
    assert seen == []


def test_a_message_of_on_answer_fails_before_the_next_call(make_module, rsps, capsys):
    rsps.post(API + "/users", status=201, json=[{"name": "a"}])
    rsps.post(API + "/x", status=201, json={"ok": True})

    def on_answer(index, answer):
        return "the answer to call %d could not be kept" % index if index == 1 else None

    result = exit_result(capsys, lambda: make_module().apply(PLAN, on_answer=on_answer, keep=lambda answers: dict(kept=answers)))

    assert result["failed"] is True
    assert result["msg"] == "the answer to call 1 could not be kept"
    assert result["changed"] is True
    assert result["done"] == ["POST /users", "POST /x"]
    assert result["not_done"] == ["DELETE /groups/g"]
    assert result["kept"] == [[{"name": "a"}], {"ok": True}, None]
    assert result["failure"] == {"method": None, "path": None, "status": None, "message": None}
    assert len(rsps.calls) == 2  # the DELETE was not sent


# -- finish -------------------------------------------------------------------------


@pytest.mark.parametrize("diff", [True, False])
def test_finish(make_module, capsys, diff):
    module = make_module(diff=diff, check_mode=True)
    result = exit_result(capsys, lambda: module.finish(PLAN, before={"admin": False}, after={"admin": True}, user={"name": "a"}))

    assert result["changed"] is True
    assert result["plan"] == ["POST /users", "POST /x", "DELETE /groups/g"]
    assert result["user"] == {"name": "a"}
    assert "s3cret" not in json.dumps(result)
    if diff:
        assert result["diff"] == {"before": {"admin": False}, "after": {"admin": True}}
    else:
        assert "diff" not in result


def test_finish_after_apply_reports_the_calls_made(make_module, rsps, capsys):
    rsps.post(API + "/users", status=201, json=[])
    module = make_module()
    module.apply(PLAN[:1])
    result = exit_result(capsys, lambda: module.finish(PLAN[:1]))

    assert result["changed"] is True
    assert result["plan"] == ["POST /users"]


def test_calls_already_done_elsewhere_are_not_changes(make_module, rsps, capsys):
    """A 409 on a create or a 404 on a delete, declared as done_statuses, means a parallel run got there first."""
    rsps.post(API + "/users", status=409, json={"status": 409, "message": "All 1 users already exist"})
    rsps.delete(API + "/users/a", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json={"version": "6.1.1"})  # GET / proves api_url before a 404 is believed
    plan = [Call("POST", "/users", {"usernames": ["a"]}, done_statuses=(409,)), Call("DELETE", "/users/a", done_statuses=(404,))]
    module = make_module()

    assert module.apply(plan) == [None, None]
    result = exit_result(capsys, lambda: module.finish(plan))
    assert result["changed"] is False
    assert result["plan"] == ["POST /users", "DELETE /users/a"]


def test_an_error_status_not_declared_done_still_fails(make_module, rsps, capsys):
    rsps.post(API + "/users", status=400, json={"status": 400, "message": "Invalid username: -"})
    plan = [Call("POST", "/users", {"usernames": ["-"]}, done_statuses=(409,))]

    result = exit_result(capsys, lambda: make_module().apply(plan))
    assert result["msg"] == "POST /users: 400 Bad Request: Invalid username: -"
    assert result["changed"] is False


def test_finish_empty_plan_is_unchanged(make_module, capsys):
    result = exit_result(capsys, lambda: make_module(diff=True).finish([]))

    assert result["changed"] is False
    assert result["plan"] == []
    assert result["diff"] == {"before": {}, "after": {}}


def test_finish_changed_can_be_forced(make_module, capsys):
    result = exit_result(capsys, lambda: make_module().finish([], changed=True))

    assert result["changed"] is True


# -- run -----------------------------------------------------------------------------


def test_run_turns_a_hub_error_into_fail_json(make_module, capsys):
    def body(module):
        raise JupyterHubError("No such group: g", status=404, method="GET", path="/groups/g")

    result = exit_result(capsys, lambda: make_module().run(body))

    assert result["failed"] is True
    assert result["msg"] == "GET /groups/g: 404 Not Found: No such group: g"
    assert result["status"] == 404


def test_run_turns_a_bug_into_a_message(make_module, capsys):
    def body(module):
        raise KeyError("servers")

    result = exit_result(capsys, lambda: make_module().run(body))

    assert result["failed"] is True
    assert result["msg"] == "unexpected error: KeyError: 'servers'"


# -- missing dependencies ----------------------------------------------------------------


def test_a_missing_dependency_fails_a_real_run(make_module, capsys):
    result = exit_result(capsys, lambda: make_module().missing_dependency("unknown group(s): g.", unknown=["g"]))

    assert result["failed"] is True
    assert result["msg"] == "unknown group(s): g. Nothing was changed."
    assert result["unknown"] == ["g"]


def test_a_missing_dependency_only_warns_in_check_mode(make_module):
    module = make_module(check_mode=True)
    with mock.patch.object(module, "warn") as warn:
        module.missing_dependency("unknown group(s): g.")
    warn.assert_called_once_with("unknown group(s): g. Check mode goes on as if an earlier task created it.")


class Outcome:
    def __init__(self, how, plan):
        self.how, self.count, self.changed = how, len(plan), how == "sent"


class Runner:
    def run(self, plan):
        return Outcome("sent", plan)

    def predict(self, plan):
        return Outcome("predicted", plan)


def test_apply_with_a_runner_hands_it_the_plan(make_module):
    module = make_module()
    outcome = module.apply(PLAN, runner=Runner())
    assert (outcome.how, outcome.count) == ("sent", 3)
    assert module.changes_made is True  # what the runner changed counts for finish


def test_apply_with_a_runner_only_predicts_in_check_mode(make_module):
    module = make_module(check_mode=True)
    outcome = module.apply(PLAN, runner=Runner())
    assert (outcome.how, outcome.count) == ("predicted", 3)
    assert module.changes_made is False


def test_user_name_options_are_checked_before_any_call(rsps, capsys):
    """No call at all (rsps would fail on one), in check mode too."""
    args = dict(api_url=API, api_token=TOKEN, _ansible_check_mode=True, members=["bob", "Ada"])
    with patch_module_args(args):
        module = JupyterHubModule(argument_spec=dict(members=dict(type="list", elements="str")), user_name_options=("members",))
        result = exit_result(capsys, lambda: module.run(lambda m: pytest.fail("the body ran")))
    assert result["msg"] == "members: user name 'Ada' has upper-case letters: JupyterHub stores names in lower case, so use 'ada'"


# -- failure: {method, path, status, message} on every failed task ----------------------------


def test_a_failed_call_has_the_whole_failure(make_module, rsps, capsys):
    rsps.post(API + "/users", status=403, json={"status": 403, "message": "Forbidden"})
    plan = [Call("POST", "/users", {"usernames": ["a"]})]

    result = exit_result(capsys, lambda: make_module().apply(plan))
    assert result["failure"] == {"method": "POST", "path": "/users", "status": 403, "message": "Forbidden"}
    assert result["status"] == 403
    assert result["msg"].startswith("POST /users: 403 Forbidden: Forbidden (the hub did not accept the credentials")


def test_a_failure_without_an_answer_has_null_status_and_message(make_module, rsps, capsys):
    rsps.get(API + "/info", body=requests.exceptions.ConnectionError("refused"))
    module = make_module(retries=0)

    result = exit_result(capsys, lambda: module.run(lambda m: m.client.get("/info")))
    assert result["failure"] == {"method": "GET", "path": "/info", "status": None, "message": None}


def test_a_failure_before_any_call_has_an_empty_failure(make_module, capsys):
    result = exit_result(capsys, lambda: make_module().fail_json(msg="wait_timeout cannot be negative"))
    assert result["failure"] == {"method": None, "path": None, "status": None, "message": None}
