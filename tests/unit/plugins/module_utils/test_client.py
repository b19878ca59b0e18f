# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of the JupyterHub client, with the HTTP layer mocked by ``responses``.

Only the "connection refused" tests use the real network (a closed port on 127.0.0.1).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import http.server
import json
import socket
import threading
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses

from ansible_collections.jupyterhub.hub.plugins.module_utils import client as client_module
from ansible_collections.jupyterhub.hub.plugins.module_utils.client import PAGINATION_ACCEPT, parse_version, quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubCheckModeError, JupyterHubError
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, TOKEN

HTTPS_API = "https://hub.test/hub/api"


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 that nothing listens on."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def query(request):
    """The query parameters of a request, as {name: value}."""
    return {name: values[-1] for name, values in parse_qs(urlsplit(request.url).query).items()}


# -- authentication -----------------------------------------------------------


def test_token_sent_in_authorization_header(rsps, make_client):
    rsps.get(API + "/user", json={"name": "alice"})

    assert make_client().get("/user") == {"name": "alice"}
    assert rsps.calls[0].request.headers["Authorization"] == "token " + TOKEN


def test_version_lookup_sends_no_token(rsps, make_client):
    rsps.get(API + "/", json={"version": "6.1.1"})

    assert make_client().version == "6.1.1"
    assert "Authorization" not in rsps.calls[0].request.headers


def test_no_token_no_authorization_header(rsps, make_client):
    rsps.get(API + "/info", json={})

    make_client(api_token=None).get("/info")
    assert "Authorization" not in rsps.calls[0].request.headers


def test_default_headers_and_json_body(rsps, make_client):
    rsps.post(API + "/users", json=[], status=201)

    make_client().post("/users", {"usernames": ["a", "b"]})
    request = rsps.calls[0].request
    assert request.headers["Accept"] == "application/json"
    assert request.headers["User-Agent"] == "ansible-collection-jupyterhub.hub"
    assert json.loads(request.body) == {"usernames": ["a", "b"]}


# -- URLs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "api_url, expected",
    [
        ("http://h/hub/api", "http://h/hub/api/info"),
        ("http://h/hub/api/", "http://h/hub/api/info"),
        ("http://h/jh/hub/api", "http://h/jh/hub/api/info"),
        ("http://h/jh/hub/api//", "http://h/jh/hub/api/info"),
        ("https://h:8443/hub/api", "https://h:8443/hub/api/info"),
    ],
)
def test_url_building(rsps, make_client, api_url, expected):
    rsps.get(expected, json={})

    make_client(api_url=api_url).get("/info")
    assert rsps.calls[0].request.url == expected


@pytest.mark.parametrize(
    "segments, expected",
    [
        (("users", "alice"), "/users/alice"),
        (("users", "a b@c.d/e"), "/users/a%20b%40c.d%2Fe"),
        (("groups", "x+y?z#w%"), "/groups/x%2By%3Fz%23w%25"),
        (("users", "jos\u00e9", "tokens", 12), "/users/jos%C3%A9/tokens/12"),
        (("users", "alice", "servers", ""), "/users/alice/servers/"),
    ],
)
def test_quote_path(segments, expected):
    assert quote_path(*segments) == expected


def test_quoted_path_reaches_the_hub_unchanged(rsps, make_client):
    rsps.get(API + "/users/a%20b%40c.d%2Fe", json={"name": "a b@c.d/e"})

    make_client().get(quote_path("users", "a b@c.d/e"))
    assert rsps.calls[0].request.url == API + "/users/a%20b%40c.d%2Fe"


# -- version ------------------------------------------------------------------


def test_version_is_read_lazily_and_once(rsps, make_client):
    rsps.get(API + "/", json={"version": "5.0.0b1"})

    client = make_client()
    assert len(rsps.calls) == 0

    assert client.version == "5.0.0b1"
    assert client.version_info == (5, 0, 0)
    assert client.version == "5.0.0b1"
    assert len(rsps.calls) == 1


@pytest.mark.parametrize(
    "text, expected",
    [
        ("6.1.1", (6, 1, 1)),
        ("5.0.0b1", (5, 0, 0)),
        ("5.3.0.dev0", (5, 3, 0)),
        ("4.1.6", (4, 1, 6)),
        ("6.0.0rc2", (6, 0, 0)),
        ("6", (6, 0, 0)),
        ("10.20", (10, 20, 0)),
    ],
)
def test_parse_version(text, expected):
    assert parse_version(text) == expected


@pytest.mark.parametrize(
    "answer",
    [
        dict(body="<html><body>Jupyter Server</body></html>", content_type="text/html"),
        dict(json={"name": "not a hub"}),
        dict(json=["version"]),
        dict(body=""),
    ],
    ids=["html", "json-without-version", "json-list", "empty"],
)
def test_version_of_something_else_than_a_hub(rsps, make_client, answer):
    rsps.get(API + "/", status=200, **answer)

    with pytest.raises(JupyterHubError) as caught:
        make_client().version
    assert API in str(caught.value)
    assert "hub's API root" in str(caught.value)


# -- pagination -----------------------------------------------------------------


def users_pages(total, extra_check=None):
    """A callback that serves ``total`` users as the hub does with the pagination Accept header."""
    users = [{"name": "user%03d" % i} for i in range(total)]

    def answer(request):
        params = query(request)
        offset, limit = int(params["offset"]), int(params["limit"])
        following = offset + limit
        page = {
            "items": users[offset:following],
            "_pagination": {
                "offset": offset,
                "limit": limit,
                "total": total,
                "next": {"offset": following, "limit": limit, "url": "..."} if following < total else None,
            },
        }
        return 200, {"Content-Type": "application/json"}, json.dumps(page)

    return users, answer


def test_paginate_follows_next_to_the_end(rsps, make_client):
    users, answer = users_pages(450)
    rsps.add_callback(responses.GET, API + "/users", callback=answer)

    assert make_client().paginate("/users") == users
    assert [query(call.request)["offset"] for call in rsps.calls] == ["0", "200", "400"]
    assert {query(call.request)["limit"] for call in rsps.calls} == {"200"}
    assert {call.request.headers["Accept"] for call in rsps.calls} == {PAGINATION_ACCEPT}


def test_paginate_keeps_extra_params_on_every_page(rsps, make_client):
    users, answer = users_pages(450)
    rsps.add_callback(responses.GET, API + "/users", callback=answer)

    make_client().paginate("/users", params={"state": "active", "include_stopped_servers": "1"})
    assert len(rsps.calls) == 3
    for call in rsps.calls:
        assert query(call.request)["state"] == "active"
        assert query(call.request)["include_stopped_servers"] == "1"


def test_paginate_bare_list_of_an_older_hub(rsps, make_client):
    rsps.get(API + "/groups", json=[{"name": "a"}, {"name": "b"}])

    assert make_client().paginate("/groups") == [{"name": "a"}, {"name": "b"}]
    assert len(rsps.calls) == 1


def test_paginate_goes_past_empty_pages_to_the_end(rsps, make_client):
    # state=ready: the hub cuts a page of active users, then keeps the ready ones, so a page
    # of users still starting comes back empty with a next page.
    pages = [
        {"items": [{"name": "a"}], "_pagination": {"offset": 0, "total": 6, "next": {"offset": 2}}},
        {"items": [], "_pagination": {"offset": 2, "total": 6, "next": {"offset": 4}}},
        {"items": [{"name": "f"}], "_pagination": {"offset": 4, "total": 6, "next": None}},
    ]
    for page in pages:
        rsps.get(API + "/users", json=page)

    assert make_client().paginate("/users", params={"state": "ready"}) == [{"name": "a"}, {"name": "f"}]
    assert [query(call.request)["offset"] for call in rsps.calls] == ["0", "2", "4"]


@pytest.mark.parametrize("following", [{"offset": 0}, {"offset": 5}, {"offset": "x"}])
def test_paginate_stops_when_next_does_not_move_on(rsps, make_client, following):
    # A server that keeps answering the same "next" must not loop forever.
    rsps.get(API + "/users", json={"items": [{"name": "a"}], "_pagination": {"offset": 0, "next": following}})
    if following.get("offset") == 5:
        rsps.get(API + "/users", json={"items": [], "_pagination": {"offset": 5, "next": following}})

    with pytest.raises(JupyterHubError) as caught:
        make_client().paginate("/users")
    assert "next page does not move on" in str(caught.value)


def test_paginate_has_a_bound_on_pages(rsps, make_client, monkeypatch):
    monkeypatch.setattr(client_module, "MAX_PAGES", 3)
    _users, answer = users_pages(1000)
    rsps.add_callback(responses.GET, API + "/users", callback=answer)

    with pytest.raises(JupyterHubError) as caught:
        make_client().paginate("/users")
    assert "more than 3 pages" in str(caught.value)
    assert len(rsps.calls) == 3


def test_paginate_mapping_merges_dict_pages(rsps, make_client):
    """GET /proxy pages its routing table as dicts keyed by routespec."""
    routes = dict(("/user/u%03d/" % i, {"routespec": "/user/u%03d/" % i, "target": "http://127.0.0.1:%d" % (9000 + i)}) for i in range(250))
    specs = sorted(routes)

    def answer(request):
        offset = int(query(request)["offset"])
        limit = int(query(request)["limit"])
        page = dict((spec, routes[spec]) for spec in specs[offset:offset + limit])
        following = {"offset": offset + limit, "limit": limit} if offset + limit < len(specs) else None
        body = {"items": page, "_pagination": {"offset": offset, "limit": limit, "total": len(specs), "next": following}}
        return 200, {"Content-Type": "application/json"}, json.dumps(body)

    rsps.add_callback(responses.GET, API + "/proxy", callback=answer)

    assert make_client().paginate_mapping("/proxy") == routes
    assert [query(call.request)["offset"] for call in rsps.calls] == ["0", "200"]
    assert {call.request.headers["Accept"] for call in rsps.calls} == {PAGINATION_ACCEPT}


def test_paginate_mapping_timeout_for_every_page(rsps, make_client):
    rsps.get(API + "/proxy", json={"items": {"/": {}}, "_pagination": {"next": None}})

    make_client(timeout=5).paginate_mapping("/proxy", timeout=45)
    assert [call.request.req_kwargs["timeout"] for call in rsps.calls] == [45]


def test_paginate_mapping_bare_dict_of_an_older_hub(rsps, make_client):
    rsps.get(API + "/proxy", json={"/": {"routespec": "/", "target": "http://127.0.0.1:8081"}})

    assert make_client().paginate_mapping("/proxy") == {"/": {"routespec": "/", "target": "http://127.0.0.1:8081"}}
    assert len(rsps.calls) == 1


def test_paginate_mapping_goes_past_empty_pages(rsps, make_client):
    rsps.get(API + "/proxy", json={"items": {}, "_pagination": {"offset": 0, "next": {"offset": 200}}})
    rsps.get(API + "/proxy", json={"items": {"/": {}}, "_pagination": {"offset": 200, "next": None}})

    assert make_client().paginate_mapping("/proxy") == {"/": {}}
    assert len(rsps.calls) == 2


# -- secrets the hub returns ----------------------------------------------------


def test_auth_state_is_hidden_in_a_user_model(rsps, make_client):
    secret = {"access_token": "gho_upstream-oauth-secret"}
    rsps.get(API + "/users/alice", json={"name": "alice", "auth_state": secret, "servers": {}})

    user = make_client().get("/users/alice")
    assert user["auth_state"] == "********"
    assert "gho_upstream" not in json.dumps(user)


def test_auth_state_and_server_state_are_hidden_everywhere(rsps, make_client):
    users = [
        {"name": "a", "auth_state": {"token": "s1"}, "servers": {"": {"name": "", "state": {"pid": 1, "key": "s2"}}}},
        {"name": "b", "auth_state": None, "servers": {"gpu": {"name": "gpu", "state": None}}},
    ]
    rsps.get(API + "/users", json={"items": users, "_pagination": {"offset": 0, "next": None}})
    rsps.patch(API + "/users/a", json=dict(users[0], admin=True))

    client = make_client()
    listed = client.paginate("/users")
    patched = client.patch("/users/a", {"admin": True})
    assert listed[0]["auth_state"] == "********" and listed[0]["servers"][""]["state"] == "********"
    assert listed[1]["auth_state"] is None and listed[1]["servers"]["gpu"]["state"] is None  # null still says: none set
    assert patched["auth_state"] == "********"
    assert "s1" not in json.dumps([listed, patched]) and "s2" not in json.dumps([listed, patched])


# -- HTTP errors ------------------------------------------------------------------


def test_json_error_carries_the_hubs_message(rsps, make_client):
    message = "Action is not authorized with current scopes; requires any of [read:hub]"
    rsps.get(API + "/info", status=403, json={"status": 403, "message": message})

    with pytest.raises(JupyterHubError) as caught:
        make_client().get("/info")
    err = caught.value
    assert str(err) == "GET /info: 403 Forbidden: " + message
    assert (err.status, err.method, err.path, err.url, err.message) == (403, "GET", "/info", API + "/info", message)
    assert TOKEN not in str(err)


def test_a_web_page_is_a_wrong_api_url_whatever_its_status(rsps, make_client):
    body = "<html>\n  <head><title>404 Not Found</title></head>\n" + "<p>Jupyter</p>\n" * 100 + "</html>"
    rsps.get("http://hub.test/users", status=404, body=body, content_type="text/html")

    with pytest.raises(JupyterHubError) as caught:
        make_client(api_url="http://hub.test", retries=0).get("/users")
    text = str(caught.value)
    # the status is not put first: it says nothing about the call, only that api_url is wrong
    assert text.startswith("GET /users: api_url http://hub.test is not the JupyterHub API root (it answered 404 with ")
    assert "an HTML page titled '404 Not Found'" in text  # a page is named by its title, not dumped
    assert text.endswith("like https://hub.example.org/hub/api")
    assert caught.value.status is None  # not the hub's answer: no status a playbook could act on
    assert len(text) < 400


def test_a_gateway_error_page_says_the_hub_is_not_answering(rsps, make_client):
    body = "<html><head><title>503 Service Unavailable</title></head></html>"
    rsps.get(API + "/users", status=503, body=body, content_type="text/html")

    with pytest.raises(JupyterHubError) as caught:
        make_client(retries=0).get("/users")
    text = str(caught.value)
    assert text == "GET /users: 503 Service Unavailable: no answer from the hub behind %s: an HTML page titled '503 Service Unavailable'" % API


def test_error_body_that_is_not_html_is_cut(rsps, make_client):
    rsps.get(API + "/users", status=500, body="trace line\n" * 100, content_type="text/plain")

    with pytest.raises(JupyterHubError) as caught:
        make_client(retries=0).get("/users")
    text = str(caught.value)
    assert "trace line trace line" in text  # whitespace collapsed
    assert "...): set it to the hub's API root" in text  # cut to a readable length
    assert len(text) < 450


def test_json_that_is_not_the_hubs_is_a_wrong_api_url(rsps, make_client):
    rsps.get(API + "/users/alice", status=404, json={"detail": "Not Found"})

    with pytest.raises(JupyterHubError) as caught:
        make_client().get("/users/alice", missing_ok=True)
    assert "is not the JupyterHub API root (it answered 404 with JSON that is not the hub's" in str(caught.value)


def test_json_error_without_message_uses_the_reason(rsps, make_client):
    rsps.post(API + "/users", status=500, json={"status": 500})

    with pytest.raises(JupyterHubError) as caught:
        make_client().post("/users", {})
    assert str(caught.value) == "POST /users: 500 Internal Server Error: Internal Server Error"


def test_get_missing_ok_answers_none_for_404(rsps, make_client):
    rsps.get(API + "/users/ghost", status=404, json={"status": 404, "message": "No such user: ghost"})
    rsps.get(API + "/", json={"version": "6.1.1"})

    assert make_client().get("/users/ghost", missing_ok=True) is None


def test_a_404_is_believed_once_the_api_root_is_proved(rsps, make_client):
    rsps.get(API + "/", json={"version": "6.1.1"})
    rsps.get(API + "/users/ghost", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/users/casper", status=404, json={"status": 404, "message": "Not Found"})

    client = make_client()
    assert client.get("/users/ghost", missing_ok=True) is None
    assert client.get("/users/casper", missing_ok=True) is None
    assert [call.request.url for call in rsps.calls].count(API + "/") == 1


def test_a_hub_404_under_an_api_url_that_goes_too_deep_is_a_wrong_api_url(rsps, make_client):
    # The hub answers its JSON 404 for unknown API paths too: GET / proves the root.
    deep = API + "/users"
    rsps.get(deep + "/users/ghost", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(deep + "/", status=403, json={"status": 403, "message": "Forbidden"})

    with pytest.raises(JupyterHubError) as caught:
        make_client(api_url=deep).get("/users/ghost", missing_ok=True)
    assert str(caught.value) == (
        "GET /: api_url %s is not the JupyterHub API root (it answered 403): set it to the hub's API root, "
        "like https://hub.example.org/hub/api" % deep
    )


def test_get_404_raises_without_missing_ok(rsps, make_client):
    rsps.get(API + "/users/ghost", status=404, json={"status": 404, "message": "No such user: ghost"})
    rsps.get(API + "/", json={"version": "6.1.1"})

    with pytest.raises(JupyterHubError) as caught:
        make_client().get("/users/ghost")
    assert caught.value.status == 404
    assert str(caught.value) == "GET /users/ghost: 404 Not Found: No such user: ghost"


def test_missing_ok_does_not_hide_other_errors(rsps, make_client):
    rsps.get(API + "/users/ghost", status=403, json={"status": 403, "message": "no"})

    with pytest.raises(JupyterHubError) as caught:
        make_client().get("/users/ghost", missing_ok=True)
    assert caught.value.status == 403


@pytest.mark.parametrize(
    "method, status",
    [("DELETE", 204), ("POST", 201), ("POST", 200), ("PATCH", 200), ("GET", 200)],
)
def test_empty_answer_is_none(rsps, make_client, method, status):
    rsps.add(method, API + "/users/alice", status=status, body="")

    assert make_client().request(method, "/users/alice") is None


def test_success_with_a_body_that_is_not_json(rsps, make_client):
    rsps.get(API + "/info", status=200, body="<html>login page</html>", content_type="text/html")

    with pytest.raises(JupyterHubError) as caught:
        make_client().get("/info")
    text = str(caught.value)
    assert text == (
        "GET /info: api_url %s is not the JupyterHub API root (it answered 200 with an HTML page): "
        "set it to the hub's API root, like https://hub.example.org/hub/api" % API
    )


# -- no answer at all -------------------------------------------------------------


def test_connection_refused(closed_port, make_client, sleeps):
    api_url = "http://127.0.0.1:%d/hub/api" % closed_port

    with pytest.raises(JupyterHubError) as caught:
        make_client(api_url=api_url, retries=0).get("/info")
    text = str(caught.value)
    assert "cannot connect to JupyterHub at %s" % api_url in text
    assert text.endswith("Connection refused")
    assert "object at 0x" not in text and "Max retries" not in text  # the root cause, not urllib3's repr chain
    assert caught.value.status is None
    assert sleeps == []


@pytest.mark.parametrize("exception", [requests.exceptions.ConnectTimeout, requests.exceptions.ReadTimeout])
def test_timeout(rsps, make_client, exception):
    rsps.get(API + "/info", body=exception("read timed out"))

    with pytest.raises(JupyterHubError) as caught:
        make_client(timeout=7, retries=0).get("/info")
    assert str(caught.value) == "GET /info: no answer from %s within 7 seconds (timeout)" % API
    assert caught.value.status is None


def tls_failure(rsps, make_client, cause):
    """The error of GET /info on HTTPS_API when the TLS handshake fails with ``cause``."""
    rsps.get(HTTPS_API + "/info", body=requests.exceptions.SSLError(cause))
    with pytest.raises(JupyterHubError) as caught:
        make_client(api_url=HTTPS_API).get("/info")
    return caught.value


def test_tls_failure(rsps, make_client, sleeps):
    error = tls_failure(rsps, make_client, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate")

    text = str(error)
    assert "TLS verification failed for %s" % HTTPS_API in text
    assert "certificate verify failed" in text
    assert "ca_path" in text and "validate_certs" in text
    assert error.status is None
    assert len(rsps.calls) == 1 and sleeps == []  # a TLS failure is not passing: no retry


@pytest.fixture
def plain_http_port():
    """A port on 127.0.0.1 with a plain HTTP server behind it (as a hub without TLS)."""
    class Quiet(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_https_to_a_plain_http_hub_says_so(plain_http_port, make_client, sleeps):
    api_url = "https://127.0.0.1:%d/hub/api" % plain_http_port

    with pytest.raises(JupyterHubError) as caught:
        make_client(api_url=api_url, retries=0).get("/info")
    text = str(caught.value)
    assert text.startswith("GET /info: %s does not speak TLS (" % api_url)
    assert "api_url should start with http://" in text
    assert "ca_path" not in text and "validate_certs" not in text  # no advice that cannot help
    assert text.count("(") == text.count(")") and text.count("[") == text.count("]")
    assert sleeps == []


def test_tls_message_keeps_its_brackets_closed(rsps, make_client):
    text = str(tls_failure(rsps, make_client, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate (_ssl.c:1006)"))

    assert "_ssl.c" not in text
    assert text.count("(") == text.count(")") and text.count("[") == text.count("]")


@pytest.mark.parametrize("api_url", ["not a url", "hub.test/hub/api", "ftp://hub.test/hub/api", "http://"])
def test_invalid_url(make_client, sleeps, api_url):
    with pytest.raises(JupyterHubError) as caught:
        make_client(api_url=api_url).get("/info")
    assert "is not a valid http(s) URL" in str(caught.value)
    assert "api_url " + api_url.rstrip("/") in str(caught.value)
    assert sleeps == []


# -- retries -----------------------------------------------------------------------


@pytest.mark.parametrize("status", [502, 503, 504])
@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_gateway_errors_retried_for_idempotent_methods(rsps, make_client, sleeps, method, status):
    for attempt in range(1, 5):
        rsps.add(method, API + "/groups/g/properties", status=status, json={"status": status, "message": "attempt %d" % attempt})

    with pytest.raises(JupyterHubError) as caught:
        make_client(retries=3).request(method, "/groups/g/properties")
    assert len(rsps.calls) == 4
    assert sleeps == [0.5, 1, 2]
    assert caught.value.status == status
    assert caught.value.message == "attempt 4"  # the last error is the one raised


@pytest.mark.parametrize("status", [502, 503, 504])
@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_gateway_errors_not_retried_for_post_and_patch(rsps, make_client, sleeps, method, status):
    rsps.add(method, API + "/users/alice", status=status, json={"status": status, "message": "proxy"})

    with pytest.raises(JupyterHubError) as caught:
        make_client(retries=3).request(method, "/users/alice", body={})
    assert caught.value.status == status
    assert len(rsps.calls) == 1
    assert sleeps == []


def test_success_after_a_retry_returns_the_body(rsps, make_client, sleeps):
    rsps.get(API + "/users/alice", status=503, body="")
    rsps.get(API + "/users/alice", status=200, json={"name": "alice"})

    assert make_client().get("/users/alice") == {"name": "alice"}
    assert sleeps == [0.5]


def test_backoff_grows_and_is_capped(rsps, make_client, sleeps):
    rsps.get(API + "/info", status=503, body="")

    with pytest.raises(JupyterHubError):
        make_client(retries=6).get("/info")
    assert sleeps == [0.5, 1, 2, 4, 8, 10]


def test_no_retry_with_retries_zero(rsps, make_client, sleeps):
    rsps.get(API + "/info", status=503, body="")

    with pytest.raises(JupyterHubError):
        make_client(retries=0).get("/info")
    assert len(rsps.calls) == 1 and sleeps == []


def test_connection_refused_retried_for_get(closed_port, make_client, sleeps):
    with pytest.raises(JupyterHubError) as caught:
        make_client(api_url="http://127.0.0.1:%d/hub/api" % closed_port, retries=2).get("/info")
    assert "Connection refused" in str(caught.value)
    assert sleeps == [0.5, 1]


def test_connection_refused_not_retried_for_post(closed_port, make_client, sleeps):
    with pytest.raises(JupyterHubError) as caught:
        make_client(api_url="http://127.0.0.1:%d/hub/api" % closed_port, retries=2).post("/users", {"usernames": ["a"]})
    assert "Connection refused" in str(caught.value)
    assert sleeps == []


def test_connection_error_then_success(rsps, make_client, sleeps):
    rsps.get(API + "/info", body=requests.exceptions.ConnectionError("reset by peer"))
    rsps.get(API + "/info", json={"version": "6.1.1"})

    assert make_client().get("/info") == {"version": "6.1.1"}
    assert sleeps == [0.5]


def test_read_timeout_retried_for_get(rsps, make_client, sleeps):
    rsps.get(API + "/info", body=requests.exceptions.ReadTimeout("slow"))
    rsps.get(API + "/info", json={})

    assert make_client().get("/info") == {}
    assert sleeps == [0.5]


def test_429_with_retry_after_is_retried_even_for_post(rsps, make_client, sleeps):
    path = "/users/alice/server"
    rsps.post(API + path, status=429, headers={"Retry-After": "30"}, json={"status": 429, "message": "Too many users trying to log in right now"})
    rsps.post(API + path, status=201, json={"started": True})

    assert make_client().post(path, {}) == {"started": True}
    assert sleeps == [30]
    assert len(rsps.calls) == 2


@pytest.mark.parametrize("headers", [{}, {"Retry-After": "soon"}, {"Retry-After": "0"}], ids=["no-retry-after", "bad-retry-after", "zero"])
def test_429_without_usable_retry_after_uses_backoff(rsps, make_client, sleeps, headers):
    rsps.post(API + "/users/alice/server", status=429, headers=headers, json={"status": 429, "message": "Active user limit exceeded"})
    rsps.post(API + "/users/alice/server", status=429, headers=headers, json={"status": 429, "message": "Active user limit exceeded"})
    rsps.post(API + "/users/alice/server", status=202, body="")

    assert make_client().post("/users/alice/server") is None
    assert sleeps == [0.5, 1]


def test_429_retry_after_beyond_max_retry_wait_is_raised_at_once(rsps, make_client, sleeps):
    rsps.post(API + "/users/alice/server", status=429, headers={"Retry-After": "60"}, json={"status": 429, "message": "busy"})

    with pytest.raises(JupyterHubError) as caught:
        make_client(max_retry_wait=45).post("/users/alice/server")
    assert caught.value.status == 429
    assert str(caught.value) == "POST /users/alice/server: 429 Too Many Requests: busy"
    assert sleeps == []
    assert len(rsps.calls) == 1


def test_total_wait_is_bounded(rsps, make_client, sleeps):
    rsps.post(API + "/users/alice/server", status=429, headers={"Retry-After": "30"}, json={"status": 429, "message": "busy"})

    with pytest.raises(JupyterHubError) as caught:
        make_client(retries=10, max_retry_wait=100).post("/users/alice/server")
    assert caught.value.status == 429
    assert sleeps == [30, 30, 30]  # a fourth wait would bring the total to 120 > 100
    assert len(rsps.calls) == 4


def test_429_stops_after_retries(rsps, make_client, sleeps):
    rsps.post(API + "/users/alice/server", status=429, headers={"Retry-After": "30"}, json={"status": 429, "message": "busy"})

    with pytest.raises(JupyterHubError):
        make_client(retries=2).post("/users/alice/server")
    assert sleeps == [30, 30]
    assert len(rsps.calls) == 3


# -- check mode ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "post", "delete"])
def test_check_mode_refuses_writes_before_any_request(rsps, make_client, method):
    client = make_client(check_mode=True)

    with pytest.raises(JupyterHubCheckModeError) as caught:
        client.request(method, "/users/alice", body={"admin": True})
    assert isinstance(caught.value, JupyterHubError)
    assert (caught.value.method, caught.value.path) == (method.upper(), "/users/alice")
    assert len(rsps.calls) == 0


@pytest.mark.parametrize("helper", ["post", "put", "patch", "delete"])
def test_check_mode_refuses_write_helpers(rsps, make_client, helper):
    with pytest.raises(JupyterHubCheckModeError):
        getattr(make_client(check_mode=True), helper)("/groups/g", {})
    assert len(rsps.calls) == 0


def test_check_mode_still_reads(rsps, make_client):
    rsps.get(API + "/", json={"version": "6.1.1"})
    rsps.get(API + "/users/alice", json={"name": "alice"})
    rsps.get(API + "/groups", json={"items": [{"name": "g"}], "_pagination": {"next": None}})

    client = make_client(check_mode=True)
    assert client.version == "6.1.1"
    assert client.get("/users/alice") == {"name": "alice"}
    assert client.paginate("/groups") == [{"name": "g"}]


# -- TLS, timeout, session -------------------------------------------------------------


@pytest.mark.parametrize(
    "settings, verify",
    [
        ({}, True),
        ({"validate_certs": False}, False),
        ({"ca_path": "/etc/hub/ca.pem"}, "/etc/hub/ca.pem"),
        ({"ca_path": "/etc/hub/ca.pem", "validate_certs": False}, False),
    ],
)
def test_tls_settings(rsps, make_client, monkeypatch, settings, verify):
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    rsps.get(HTTPS_API + "/info", json={})

    client = make_client(api_url=HTTPS_API, **settings)
    assert client.session.verify == verify
    client.get("/info")
    assert rsps.calls[0].request.req_kwargs["verify"] == verify


@pytest.mark.parametrize(
    "settings, verify",
    [({"validate_certs": False}, False), ({"ca_path": "/etc/hub/ca.pem"}, "/etc/hub/ca.pem")],
)
def test_tls_settings_win_over_requests_ca_bundle(rsps, make_client, monkeypatch, settings, verify):
    # requests lets REQUESTS_CA_BUNDLE override session.verify (psf/requests#3829).
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    rsps.get(HTTPS_API + "/info", json={})

    make_client(api_url=HTTPS_API, **settings).get("/info")
    assert rsps.calls[0].request.req_kwargs["verify"] == verify


def test_timeout_on_every_request(rsps, make_client):
    rsps.get(API + "/", json={"version": "6.1.1"})
    rsps.get(API + "/users", status=503, body="")
    rsps.get(API + "/users", json={"items": [], "_pagination": {"next": None}})
    rsps.post(API + "/users/alice", status=201, json={})
    rsps.delete(API + "/users/alice", status=204)

    client = make_client(timeout=12.5)
    client.version
    client.paginate("/users")
    client.post("/users/alice")
    client.delete("/users/alice")
    assert len(rsps.calls) == 5
    assert [call.request.req_kwargs["timeout"] for call in rsps.calls] == [12.5] * 5


def test_one_session_for_every_call(rsps, make_client, monkeypatch):
    sessions = mock.Mock(wraps=requests.Session)
    monkeypatch.setattr(client_module.requests, "Session", sessions)
    rsps.get(API + "/", json={"version": "6.1.1"})
    rsps.get(API + "/users/alice", json={})
    rsps.post(API + "/users/bob", status=201, json={})

    client = make_client()
    with mock.patch.object(client.session, "request", wraps=client.session.request) as sent:
        client.version
        client.get("/users/alice")
        client.post("/users/bob")
    assert sessions.call_count == 1
    assert sent.call_count == 3


@pytest.mark.parametrize("answer", [{"status": 403, "message": "Forbidden"}, {"status": 403, "message": None}])
def test_a_bare_403_says_the_credentials_were_refused(rsps, make_client, answer):
    """The hub answers a wrong token (or password) with a bare 'Forbidden' (6.1.1: message null)."""
    rsps.get(API + "/user", status=403, json=answer)

    with pytest.raises(JupyterHubError) as caught:
        make_client().get("/user")
    assert str(caught.value).startswith("GET /user: 403 Forbidden: Forbidden (the hub did not accept the credentials")


def test_a_403_for_missing_scopes_keeps_the_hubs_message(rsps, make_client):
    message = "Action is not authorized with current scopes; requires any of [admin:users]"
    rsps.post(API + "/users", status=403, json={"status": 403, "message": message})

    with pytest.raises(JupyterHubError) as caught:
        make_client().post("/users", {"usernames": ["a"]})
    assert str(caught.value) == "POST /users: 403 Forbidden: " + message


# -- reading named objects -------------------------------------------------------------


def test_a_few_names_are_read_one_by_one(rsps, make_client):
    rsps.get(API + "/users/alice", json={"name": "alice"})
    rsps.get(API + "/users/b%20b", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json={"version": "6.1.1"})  # GET / proves api_url before a 404 is believed

    found = make_client().get_named("users", ["alice", "b b", "alice"])
    assert found == {"alice": {"name": "alice"}, "b b": None}
    assert len(rsps.calls) == 3  # duplicates read once, no list call


def test_many_names_are_read_by_listing_the_collection(rsps, make_client):
    names = ["u%02d" % i for i in range(client_module.NAMED_READ_LIMIT + 5)]
    hub = [{"name": name} for name in names[:-1]] + [{"name": "someone-else"}]
    rsps.get(API + "/users", json={"items": hub, "_pagination": {"offset": 0, "limit": 200, "total": len(hub), "next": None}})

    found = make_client().get_named("users", names)
    assert list(found) == names
    assert found[names[-1]] is None
    assert found[names[0]] == {"name": names[0]}
    assert len(rsps.calls) == 1


def test_names_on_a_big_hub_are_read_one_by_one_when_that_is_fewer_calls(rsps, make_client):
    # 30 names on a hub of 20,000 users: the first page says so, 30 GETs beat 99 more pages
    names = ["student-%02d" % i for i in range(30)]
    first = [{"name": "old-%03d" % i} for i in range(199)] + [{"name": names[0]}]
    rsps.get(API + "/users", json={"items": first, "_pagination": {"offset": 0, "limit": 200, "total": 20000, "next": {"offset": 200}}})
    for name in names[1:]:
        rsps.get(API + "/users/" + name, json={"name": name})

    found = make_client().get_named("users", names)
    assert list(found) == names and all(found.values())
    assert len(rsps.calls) == 30  # one page and 29 names


def test_many_names_on_a_hub_of_a_few_pages_are_read_by_listing(rsps, make_client):
    _users, answer = users_pages(450)
    rsps.add_callback(responses.GET, API + "/users", callback=answer)

    found = make_client().get_named("users", ["user%03d" % i for i in range(150, 450)] + ["ghost"])
    assert found["ghost"] is None and found["user449"] == {"name": "user449"}
    assert [query(call.request)["offset"] for call in rsps.calls] == ["0", "200", "400"]  # 2 pages beat 251 GETs


def test_names_missing_after_the_first_page_of_a_small_hub(rsps, make_client):
    _users, answer = users_pages(450)
    rsps.add_callback(responses.GET, API + "/users", callback=answer)
    rsps.get(API + "/users/ghost", status=404, json={"status": 404, "message": "Not Found"})
    rsps.get(API + "/", json={"version": "6.1.1"})

    found = make_client().get_named("users", ["user%03d" % i for i in range(100)] + ["ghost"])
    assert found["ghost"] is None and found["user099"] == {"name": "user099"}
    assert len(rsps.calls) == 3  # the first page, then one GET beats two more pages (and GET / for its 404)


def test_find_splits_found_and_missing_in_order(rsps, make_client):
    rsps.get(API + "/groups/b", json={"name": "b"})
    rsps.get(API + "/groups/x", status=404, json={"status": 404, "message": "No such group: x"})
    rsps.get(API + "/", json={"version": "6.1.1"})  # GET / proves api_url before a 404 is believed

    assert make_client().find("groups", ["b", "x"]) == ([{"name": "b"}], ["x"])


def test_three_names_read_the_first_page_first(rsps, make_client):
    # on a small hub one page answers for every name, however many
    page = {"items": [{"name": "a"}, {"name": "b"}, {"name": "other"}], "_pagination": {"offset": 0, "limit": 200, "total": 3, "next": None}}
    rsps.get(API + "/groups", json=page)

    assert make_client().find("groups", ["b", "x", "a"]) == ([{"name": "b"}, {"name": "a"}], ["x"])
    assert len(rsps.calls) == 1


def test_names_with_a_common_part_are_listed_with_the_hubs_name_filter(rsps, make_client):
    page = {"items": [{"name": "phys-ada"}, {"name": "phys-bob"}], "_pagination": {"offset": 0, "limit": 200, "total": 2, "next": None}}
    rsps.get(API + "/users", json=page)

    found = make_client().get_named("users", ["phys-ada", "phys-bob", "phys-cy"])
    assert found == {"phys-ada": {"name": "phys-ada"}, "phys-bob": {"name": "phys-bob"}, "phys-cy": None}
    assert query(rsps.calls[0].request)["name_filter"] == "phys-"


def test_reading_names_keeps_other_errors(rsps, make_client):
    rsps.get(API + "/users/alice", status=403, json={"status": 403, "message": "requires any of [read:users]"})

    with pytest.raises(JupyterHubError) as caught:
        make_client().get_named("users", ["alice"])
    assert caught.value.status == 403


def test_whoami_is_read_once(rsps, make_client):
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": "a12"})
    client = make_client()

    assert client.whoami()["name"] == "ansible"
    assert client.whoami()["token_id"] == "a12"
    assert len(rsps.calls) == 1


def test_services_are_listed_sorted_by_name(rsps, make_client):
    rsps.get(API + "/services", json={"b": {"name": "b"}, "a": {"name": "a"}})

    assert make_client().list_services() == [{"name": "a"}, {"name": "b"}]
