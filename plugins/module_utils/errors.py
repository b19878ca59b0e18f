# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every error of the collection, and the messages that say what went wrong in a user's words.

Nothing of Ansible: JupyterHubModule.run turns a JupyterHubError into a failure
with its message, its call and the hub's status and words (``failure``), and
``result``, what the error found out before any change. Every other error class
is a JupyterHubError, but SecretFileError, which the token runner turns into a
failure that says what became of the new token.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

try:
    from http.client import responses as HTTP_REASONS
except ImportError:  # pragma: no cover - Python 2 is not supported, but sanity imports us there
    HTTP_REASONS = {}

try:
    import requests
except ImportError:  # pragma: no cover - the modules fail with missing_required_lib first
    requests = None

API_ROOT_EXAMPLE = "https://hub.example.org/hub/api"
# A proxy's answers when the hub behind it does not answer.
GATEWAY_STATUSES = frozenset((502, 503, 504))


class JupyterHubError(Exception):
    """Any failure talking to the hub: an HTTP error status, or no usable answer at all.

    ``status`` is the HTTP status (None when there was no HTTP answer), ``message``
    what went wrong (the hub's message, sometimes explained), ``hub_message`` the
    hub's own words, ``method`` and ``path`` the call that failed. ``hint``: what
    the hub's message does not say, shown after it in brackets. ``result``: what
    the failed task returns besides the message (what an error found out before any change).
    """

    result = {}

    def __init__(self, message, status=None, method=None, path=None, url=None, hub_message=None, hint=None):
        super(JupyterHubError, self).__init__(message)
        self.message = message
        # the hub's own words, before any explanation was added to ``message``
        self.hub_message = hub_message if hub_message is not None else message
        self.status = status
        self.method = method
        self.path = path
        self.url = url
        self.hint = hint

    def __str__(self):
        call = "%s %s: " % (self.method, self.path) if self.method else ""
        if self.status is None:
            text = call + self.message
        else:
            reason = HTTP_REASONS.get(self.status, "")
            status = ("%s %s" % (self.status, reason)).strip()
            text = "%s%s: %s" % (call, status, self.message)
        return "%s (%s)" % (text, self.hint) if self.hint else text

    def with_hint(self, hint):
        """The same error (status, call, url), with ``hint`` after the hub's message."""
        return type(self)(self.message, status=self.status, method=self.method, path=self.path, url=self.url, hub_message=self.hub_message, hint=hint)

    def to_failure(self):
        """What a failed task returns as ``failure``: the call, and the hub's status and message (null without an answer)."""
        answered = self.status is not None
        return dict(method=self.method, path=self.path, status=self.status, message=self.hub_message if answered else None)


class JupyterHubCheckModeError(JupyterHubError):
    """A write was attempted in check mode: a bug in a module, refused as a safety net."""


class RosterError(JupyterHubError):
    """The roster itself is wrong (a duplicate, a typo): found before any change, in check mode too."""


class InvalidUserName(JupyterHubError):
    """A user name the hub would refuse or store under another name; raised before any call."""


class StorageAtRisk(JupyterHubError):
    """A deletion would take storage with it (or nobody can tell), and the task did not accept that. Before any change."""

    def __init__(self, message, removal):
        super(StorageAtRisk, self).__init__(message)
        self.result = dict(removal=removal)


class SignInError(JupyterHubError):
    """The sign-in failed: the message says what was asked for; ``failure`` is the call's."""

    def __init__(self, message, cause):
        super(SignInError, self).__init__(message, status=cause.status, method=cause.method, path=cause.path, url=cause.url)
        self.cause = cause

    def __str__(self):
        return self.message

    def to_failure(self):
        return self.cause.to_failure()


class SecretFileError(Exception):
    """A secret could not be written; the message names the file and the reason."""


# -- messages ------------------------------------------------------------------------


def http_error(api_url, response, method, path, url):
    """The error for an HTTP error status: the hub's own message, or why the answer is not the hub's."""
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not _is_hub_error(answer) and response.status_code in GATEWAY_STATUSES:
        # a proxy in front of the hub: the URL may be right, the hub is not answering
        return JupyterHubError(
            "no answer from the hub behind %s: %s" % (api_url, describe_body(response, answer)),
            status=response.status_code, method=method, path=path, url=url,
        )
    if not _is_hub_error(answer):
        # An HTML page, another service's JSON: not the hub's API, whatever the status.
        return not_the_api(api_url, method, path, "it answered %s with %s" % (response.status_code, describe_body(response, answer)))
    hub_message = answer.get("message") or response.reason or "no message"
    message = hub_message
    if response.status_code == 403 and message in ("Forbidden", response.reason):
        # The hub says no more than that when it does not accept the credentials at all.
        message = "%s (the hub did not accept the credentials: a missing, wrong, expired or revoked token, or a wrong password)" % message
    return JupyterHubError(message, status=response.status_code, method=method, path=path, url=url, hub_message=hub_message)


def not_the_api(api_url, method, path, what):
    """api_url is wrong: the answer is not the hub's, so it has no status a playbook could act on."""
    return JupyterHubError(
        "api_url %s is not the JupyterHub API root (%s): set it to the hub's API root, like %s"
        % (api_url, what, API_ROOT_EXAMPLE),
        method=method,
        path=path,
        url=api_url + path,
    )


def connection_error(api_url, exc, method, path, url, timeout):
    """The error for a call that got no HTTP answer: refused, unresolved, timed out, TLS."""
    if isinstance(exc, requests.exceptions.SSLError) and _is_plain_http(exc):
        text = (
            "%s does not speak TLS (%s): the hub serves plain HTTP there, so api_url should start with http://, "
            "or the hub needs TLS (ssl_cert and ssl_key, or a proxy in front of it)" % (api_url, _root_cause(exc))
        )
    elif isinstance(exc, requests.exceptions.SSLError):
        text = (
            "TLS verification failed for %s: %s. Set ca_path to the hub's CA bundle, "
            "or validate_certs: false for a test hub" % (api_url, _root_cause(exc))
        )
    elif isinstance(exc, requests.exceptions.Timeout):
        text = "no answer from %s within %g seconds (timeout)" % (api_url, timeout)
    elif isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema)):
        text = "api_url %s is not a valid http(s) URL: %s" % (api_url, exc)
    elif isinstance(exc, requests.exceptions.ConnectionError):
        text = "cannot connect to JupyterHub at %s: %s" % (api_url, _root_cause(exc))
    else:
        text = "request to %s failed: %s" % (api_url, exc)
    return JupyterHubError(text, method=method, path=path, url=url)


def _is_hub_error(answer):
    """Whether an error body is the hub's own: JSON ``{"status": N, "message": "..."}``."""
    return isinstance(answer, dict) and isinstance(answer.get("status"), int)


def describe_body(response, answer):
    if answer is not None:
        return "JSON that is not the hub's: %s" % _shorten(json.dumps(answer))
    text = (response.text or "").strip()
    return _shorten(text) if text else "an empty body"


def _is_plain_http(exc):
    """A TLS handshake that met a plain HTTP server (https:// in api_url for an http:// hub)."""
    text = str(exc).lower()
    return any(sign in text for sign in ("wrong version number", "record layer failure", "http request", "packet length too long"))


def _root_cause(exc):
    """The innermost reason of a requests/urllib3 error: 'Connection refused', not a repr chain."""
    reason = exc
    seen = set()
    while True:
        inner = getattr(reason, "reason", None) or (reason.args[0] if getattr(reason, "args", None) else None)
        if inner is None or id(inner) in seen or isinstance(inner, str):
            break
        seen.add(id(inner))
        reason = inner
    text = str(reason)
    # urllib3 prefixes the pool's repr: keep the human part after the last ': '.
    if "Errno" in text:
        text = text[text.index("[Errno"):]
    elif ">: " in text:
        text = text.rsplit(">: ", 1)[-1]
    text = re.sub(r"\s*\(_ssl\.c:\d+\)", "", text)  # OpenSSL's source line says nothing to a user
    text = text.strip()
    while text.startswith("(") and text.endswith(")") or text.startswith("'") and text.endswith("'"):
        text = text[1:-1].strip()
    return text


def _shorten(text, limit=200):
    """A body fit for a message: a web page by its title, anything else cut to ``limit``."""
    text = " ".join(str(text).split())
    if text[:15].lower().startswith(("<!doctype html", "<html")):
        title = re.search(r"<title>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
        return "an HTML page%s" % (" titled %r" % title.group(1).strip() if title else "")
    return text if len(text) <= limit else text[:limit] + "..."
