# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/errors.py: the error classes, what a failed task returns of them, and the messages that explain an answer
(the hub's own, a page that is not the API, a proxy's, no answer at all). The answers are the responses library's."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import requests

from ansible_collections.jupyterhub.hub.plugins.module_utils import errors
from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import (
    InvalidUserName,
    JupyterHubCheckModeError,
    JupyterHubError,
    RosterError,
    SecretFileError,
    SignInError,
    StorageAtRisk,
    connection_error,
    describe_body,
    http_error,
    not_the_api,
)
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API


def answer(rsps, status, **body):
    """The requests Response of GET /x answered with ``status`` and ``body`` (json=..., body=..., content_type=...)."""
    rsps.get(API + "/x", status=status, **body)
    return requests.get(API + "/x")


def error_of(rsps, status, **body):
    return http_error(API, answer(rsps, status, **body), "GET", "/x", API + "/x")


# -- JupyterHubError ----------------------------------------------------------------------------


def test_an_error_names_its_call_status_and_hint():
    assert str(JupyterHubError("No such user: a", status=404, method="GET", path="/users/a")) == "GET /users/a: 404 Not Found: No such user: a"
    assert str(JupyterHubError("refused", method="GET", path="/info")) == "GET /info: refused"
    assert str(JupyterHubError("wait_timeout cannot be negative")) == "wait_timeout cannot be negative"
    assert str(JupyterHubError("odd", status=599)) == "599: odd"  # a status without a reason phrase
    assert str(JupyterHubError("Internal Server Error", status=500, method="POST", path="/shares/a/", hint="an unknown scope?")) == (
        "POST /shares/a/: 500 Internal Server Error: Internal Server Error (an unknown scope?)"
    )


def test_with_hint_keeps_the_class_the_call_and_the_hubs_words():
    err = RosterError("x is bad (explained)", status=400, method="POST", path="/users", url=API + "/users", hub_message="x is bad")
    hinted = err.with_hint("see the roster")
    assert isinstance(hinted, RosterError)
    assert (hinted.status, hinted.method, hinted.path, hinted.url, hinted.hub_message) == (400, "POST", "/users", API + "/users", "x is bad")
    assert str(hinted) == "POST /users: 400 Bad Request: x is bad (explained) (see the roster)"
    assert err.hint is None


def test_a_failure_has_the_hubs_own_words_only_when_it_answered():
    answered = JupyterHubError("Forbidden (the hub did not accept the credentials)", status=403, method="POST", path="/users",
                               hub_message="Forbidden")
    assert answered.to_failure() == {"method": "POST", "path": "/users", "status": 403, "message": "Forbidden"}
    unanswered = JupyterHubError("cannot connect", method="GET", path="/info")
    assert unanswered.to_failure() == {"method": "GET", "path": "/info", "status": None, "message": None}
    assert JupyterHubError("plain").hub_message == "plain"


def test_every_error_is_a_jupyterhub_error_but_a_secret_files():
    for cls in (JupyterHubCheckModeError, RosterError, InvalidUserName, StorageAtRisk, SignInError):
        assert issubclass(cls, JupyterHubError)
    assert not issubclass(SecretFileError, JupyterHubError)
    assert JupyterHubError("x").result == {}


def test_storage_at_risk_carries_the_removal_and_no_call():
    err = StorageAtRisk("the task would delete 1 user (a)", {"users": [{"name": "a"}]})
    assert err.result == {"removal": {"users": [{"name": "a"}]}}
    assert err.status is None and err.to_failure() == {"method": None, "path": None, "status": None, "message": None}


def test_a_sign_in_error_says_what_was_asked_and_fails_with_the_calls_failure():
    cause = JupyterHubError("Forbidden", status=403, method="POST", path="/users/alice/tokens", url=API + "/users/alice/tokens")
    err = SignInError("cannot sign in as alice: POST /users/alice/tokens: 403 Forbidden", cause)
    assert str(err) == "cannot sign in as alice: POST /users/alice/tokens: 403 Forbidden"
    assert (err.status, err.method, err.path, err.url, err.cause) == (403, "POST", "/users/alice/tokens", API + "/users/alice/tokens", cause)
    assert err.to_failure() == {"method": "POST", "path": "/users/alice/tokens", "status": 403, "message": "Forbidden"}


# -- an HTTP error status -----------------------------------------------------------------------


def test_the_hubs_json_error_is_its_message(rsps):
    err = error_of(rsps, 404, json={"status": 404, "message": "No such user: a"})
    assert (err.status, err.message, err.hub_message, err.method, err.path, err.url) == (404, "No such user: a", "No such user: a", "GET", "/x", API + "/x")


def test_a_bare_forbidden_says_the_credentials_were_not_accepted(rsps):
    err = error_of(rsps, 403, json={"status": 403, "message": "Forbidden"})
    assert err.message.startswith("Forbidden (the hub did not accept the credentials: a missing, wrong, expired or revoked token")
    assert err.hub_message == "Forbidden"


def test_a_json_error_without_a_message_is_the_reason(rsps):
    assert error_of(rsps, 400, json={"status": 400}).message == "Bad Request"


def test_a_web_page_is_not_the_api_whatever_its_status(rsps):
    err = error_of(rsps, 404, body="<!DOCTYPE html><html><head><title> Not here </title></head></html>", content_type="text/html")
    assert err.status is None  # not the hub's answer: nothing a playbook could act on
    assert str(err) == (
        "GET /x: api_url %s is not the JupyterHub API root (it answered 404 with an HTML page titled 'Not here'): set it to the "
        "hub's API root, like https://hub.example.org/hub/api" % API
    )


def test_a_proxys_gateway_error_says_the_hub_is_not_answering(rsps):
    err = error_of(rsps, 502, body="Bad Gateway", content_type="text/plain")
    assert str(err) == "GET /x: 502 Bad Gateway: no answer from the hub behind %s: Bad Gateway" % API
    assert err.status == 502


def test_a_gateway_status_with_the_hubs_own_json_is_the_hubs(rsps):
    assert error_of(rsps, 503, json={"status": 503, "message": "the hub is starting"}).message == "the hub is starting"


def test_json_that_is_not_the_hubs_is_shown_cut(rsps):
    err = error_of(rsps, 400, json={"error": "x" * 300})
    assert "it answered 400 with JSON that is not the hub's: {\"error\": \"xxx" in str(err)
    assert str(err).count("x") < 250 and "...)" in str(err)


def test_describe_body():
    class Answer:
        def __init__(self, text):
            self.text = text

    assert describe_body(Answer(""), None) == "an empty body"
    assert describe_body(Answer("  a\n  b  "), None) == "a b"
    assert describe_body(Answer("<html><body>no title</body></html>"), None) == "an HTML page"
    assert describe_body(Answer("ignored"), {"a": 1}) == 'JSON that is not the hub\'s: {"a": 1}'


# -- no answer at all ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "exc, text",
    [
        (requests.exceptions.SSLError("[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)"),
         "https://hub.test does not speak TLS ([SSL: WRONG_VERSION_NUMBER] wrong version number): the hub serves plain HTTP"),
        (requests.exceptions.SSLError("certificate verify failed"),
         "TLS verification failed for https://hub.test: certificate verify failed. Set ca_path to the hub's CA bundle"),
        (requests.exceptions.ReadTimeout("read timed out"), "no answer from https://hub.test within 7.5 seconds (timeout)"),
        (requests.exceptions.MissingSchema("No scheme supplied"), "api_url https://hub.test is not a valid http(s) URL: No scheme supplied"),
        (requests.exceptions.ConnectionError("[Errno 111] Connection refused"),
         "cannot connect to JupyterHub at https://hub.test: [Errno 111] Connection refused"),
        (requests.exceptions.TooManyRedirects("Exceeded 30 redirects."), "request to https://hub.test failed: Exceeded 30 redirects."),
    ],
    ids=["plain-http", "tls", "timeout", "invalid-url", "refused", "other"],
)
def test_each_way_of_getting_no_answer_says_what_to_do(exc, text):
    err = connection_error("https://hub.test", exc, "GET", "/info", "https://hub.test/info", 7.5)
    assert err.message.startswith(text)
    assert (err.status, err.method, err.path, err.url) == (None, "GET", "/info", "https://hub.test/info")


def test_not_the_api_has_no_status_and_the_url_of_the_call():
    err = not_the_api(API, "GET", "/", "it answered no version")
    assert err.status is None and err.url == API + "/"
    assert err.message == "api_url %s is not the JupyterHub API root (it answered no version): set it to the hub's API root, like %s" % (
        API, errors.API_ROOT_EXAMPLE)


def test_the_root_cause_is_the_innermost_reason_in_a_users_words():
    class Reason(Exception):
        def __init__(self, text, reason=None):
            super(Reason, self).__init__(text)
            self.reason = reason

    pool = "<urllib3.connection.HTTPConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused"
    nested = requests.exceptions.ConnectionError(Reason("Max retries exceeded", Reason(pool)))
    assert errors._root_cause(nested) == "[Errno 111] Connection refused"
    assert errors._root_cause(Reason("<pool object>: Name or service not known")) == "Name or service not known"
    assert errors._root_cause(Reason("('certificate verify failed (_ssl.c:1006)')")) == "certificate verify failed"
