# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP client for the JupyterHub REST API.

Knows HTTP and JupyterHub, nothing of Ansible: it is unit-tested on its own,
with the HTTP layer mocked, and used by every module through JupyterHubModule.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import time

try:
    from urllib.parse import quote
except ImportError:  # pragma: no cover
    from urllib import quote

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import (
    JupyterHubCheckModeError,
    JupyterHubError,
    connection_error,
    describe_body,
    http_error,
    not_the_api,
)
from ansible_collections.jupyterhub.hub.plugins.module_utils.redact import hide_secrets

try:
    import requests

    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised by the modules' missing_required_lib path
    requests = None
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

PAGINATION_ACCEPT = "application/jupyterhub-pagination+json"
PAGE_LIMIT = 200  # the hub's maximum page size
NAMED_READ_LIMIT = 2  # reading more named objects than this reads the first page of the listing first
PAGINATED_COLLECTIONS = ("users", "groups")  # /services answers a dict: its objects are read by name
RUNTIME_SERVICES_VERSION = (5, 0, 0)  # services added, removed and read by name correctly through the API
WRITE_METHODS = frozenset(("POST", "PUT", "PATCH", "DELETE"))
IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "OPTIONS", "PUT", "DELETE"))
RETRY_STATUSES = frozenset((502, 503, 504))
USER_AGENT = "ansible-collection-jupyterhub.hub"
# A bound on the pages of one listing, so that a server whose `next` never ends cannot loop forever.
MAX_PAGES = 100000


def quote_path(*segments):
    """Join path segments, URL-quoting each (user names may hold '@', '.', spaces, '/')."""
    return "/" + "/".join(quote(str(segment), safe="") for segment in segments)


def parse_version(text):
    """'6.1.1' -> (6, 1, 1); '5.0.0b1' -> (5, 0, 0). Unparsable parts count as 0."""
    parts = [int(re.match(r"\d*", piece).group() or 0) for piece in str(text).split(".")[:3]]
    return tuple(parts + [0] * (3 - len(parts)))


class JupyterHubClient:
    """One client per module run: one keep-alive session, one lazily read hub version."""

    def __init__(self, api_url, api_token=None, validate_certs=True, ca_path=None, timeout=30, retries=3, check_mode=False,
                 max_retry_wait=300, sleep=time.sleep):
        self.api_url = api_url.rstrip("/")
        self.api_token = api_token
        self.timeout = timeout
        self.retries = retries
        self.check_mode = check_mode
        self.max_retry_wait = max_retry_wait
        self._sleep = sleep
        self._version = None
        self._whoami = None
        self.session = requests.Session()
        # validate_certs: false wins over ca_path, as everywhere in Ansible (and as the docs say).
        self.session.verify = (ca_path or True) if validate_certs else False
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept"] = "application/json"

    def clone(self, **overrides):
        """A new client with the same settings (but ``overrides``) and its own session, for another thread.

        A requests.Session is not safe to share between threads.
        """
        settings = dict(
            api_url=self.api_url,
            api_token=self.api_token,
            timeout=self.timeout,
            retries=self.retries,
            check_mode=self.check_mode,
            max_retry_wait=self.max_retry_wait,
            sleep=self._sleep,
        )
        settings.update(overrides)
        other = type(self)(**settings)
        other.session.verify = self.session.verify
        other._version = self._version
        return other

    # -- version -------------------------------------------------------------

    @property
    def version(self):
        """The hub's version string, read once from ``GET /`` (which needs no token).

        Only the API root answers ``{"version": ...}`` there, so this also proves api_url.
        """
        if self._version is None:
            try:
                answer = self.request("GET", "/", authenticate=False)
            except JupyterHubError as err:
                if err.status is not None:
                    raise not_the_api(self.api_url, "GET", "/", "it answered %s" % err.status)
                raise
            if not isinstance(answer, dict) or "version" not in answer:
                raise not_the_api(self.api_url, "GET", "/", "it answered no version")
            self._version = answer["version"]
        return self._version

    @property
    def version_info(self):
        return parse_version(self.version)

    def require_version(self, minimum, feature):
        """Raise, before any change, if the hub is older than ``minimum`` (a tuple) that ``feature`` needs."""
        if self.version_info < tuple(minimum):
            raise JupyterHubError(
                "%s need%s JupyterHub %s or later; the hub at %s runs %s. Nothing was changed."
                % (feature, "" if feature.endswith("s") else "s", ".".join(str(part) for part in minimum[:2]), self.api_url, self.version)
            )

    def whoami(self):
        """The user or service the api_token belongs to, with its scopes (``GET /user``), read once."""
        if self._whoami is None:
            self._whoami = self.get("/user")
        return self._whoami

    # -- requests ------------------------------------------------------------

    def get(self, path, params=None, missing_ok=False):
        """GET one object; with ``missing_ok``, the hub's 404 answers None instead of raising."""
        try:
            return self.request("GET", path, params=params)
        except JupyterHubError as err:
            if missing_ok and err.status == 404:
                return None
            raise

    def post(self, path, body=None, **kwargs):
        return self.request("POST", path, body=body, **kwargs)

    def put(self, path, body=None, **kwargs):
        return self.request("PUT", path, body=body, **kwargs)

    def patch(self, path, body=None, **kwargs):
        return self.request("PATCH", path, body=body, **kwargs)

    def delete(self, path, body=None, **kwargs):
        return self.request("DELETE", path, body=body, **kwargs)

    def get_named(self, collection, names, params=None):
        """{name: object or None} for the named objects of a collection ("users", "groups", "services").

        Sized to the hub: one GET per name for a few names. For more, the first page
        of the listing tells how many objects the hub has (``_pagination.total``):
        the rest of the listing is read if that takes fewer calls than reading the
        names not yet found one by one, else those are read by name.
        """
        names = list(dict.fromkeys(names))
        if len(names) <= NAMED_READ_LIMIT or collection not in PAGINATED_COLLECTIONS:
            return self._get_each(collection, names, params)
        wanted = set(names)
        found = {}
        params = dict(params or {})
        common = _common_part(names)
        if collection == "users" and common:
            params["name_filter"] = common  # the hub lists only the names that hold it: a class's prefix, a domain
        pages = self._pages("/" + collection, params)
        for number, page in enumerate(pages):
            items = page.get("items", []) if isinstance(page, dict) else page
            found.update((item["name"], item) for item in items if item.get("name") in wanted)
            if number == 0 and isinstance(page, dict) and page.get("_pagination"):
                pagination = page["_pagination"]
                limit = max(pagination.get("limit") or PAGE_LIMIT, 1)
                pages_left = -(-max((pagination.get("total") or 0) - limit, 0) // limit)
                not_found = [name for name in names if name not in found]
                if len(not_found) < pages_left:
                    pages.close()
                    found.update((name, obj) for name, obj in self._get_each(collection, not_found, params).items() if obj)
                    break
        return dict((name, found.get(name)) for name in names)

    def _get_each(self, collection, names, params=None):
        return dict((name, self.get(quote_path(collection, name), params=params, missing_ok=True)) for name in names)

    def list_services(self):
        """Every service the token may list, sorted by name (the hub answers a dict keyed by name)."""
        return sorted((self.get("/services") or {}).values(), key=lambda service: service.get("name") or "")

    def find(self, collection, names, params=None):
        """(the objects found, in the order of ``names``; the names not found)."""
        found = self.get_named(collection, names, params=params)
        return [obj for obj in found.values() if obj is not None], [name for name, obj in found.items() if obj is None]

    def paginate(self, path, params=None):
        """Every item of a list endpoint, to the end (without pagination the hub silently cuts lists at 200)."""
        items = []
        for page in self._pages(path, params):
            if isinstance(page, list):  # a hub or endpoint that does not paginate
                return items + page
            items.extend(page.get("items") or [])
        return items

    def read_events(self, path, max_time=10, clock=time.monotonic):
        """The events (decoded JSON) of a server-sent event stream, such as a spawn's progress.

        Reads until the stream ends, an event says ``ready`` or ``failed``, or
        ``max_time`` seconds have passed (a pending spawn's stream stays open), so
        it never hangs. Raises JupyterHubError like ``request`` for an error status.
        """
        url = self.api_url + path
        headers = {"Accept": "text/event-stream"}
        if self.api_token:
            headers["Authorization"] = "token %s" % self.api_token
        deadline = clock() + max_time
        events = []
        try:
            response = self.session.get(url, headers=headers, stream=True, timeout=(self.timeout, max_time), verify=self.session.verify)
        except requests.exceptions.RequestException as exc:
            raise connection_error(self.api_url, exc, "GET", path, url, self.timeout)
        try:
            if response.status_code >= 400:
                raise http_error(self.api_url, response, "GET", path, url)
            for line in response.iter_lines(decode_unicode=True):
                if line and line.startswith("data:"):
                    try:
                        event = json.loads(line[len("data:"):])
                    except ValueError:
                        event = None
                    if isinstance(event, dict):
                        events.append(event)
                        if event.get("ready") or event.get("failed"):
                            break
                if clock() >= deadline:
                    break
        except requests.exceptions.RequestException:
            pass  # a stream cut or timed out: the events so far are the answer
        finally:
            response.close()
        return events

    def paginate_mapping(self, path, params=None, timeout=None):
        """Every entry of a list endpoint whose pages are dicts (``GET /proxy``: routes by routespec), merged."""
        merged = {}
        for page in self._pages(path, params, timeout=timeout):
            if "_pagination" not in page:  # a hub that does not paginate this endpoint
                merged.update(page)
            else:
                merged.update(page.get("items") or {})
        return merged

    def _pages(self, path, params=None, timeout=None):
        """Each answer of a paginated listing, following ``next`` to the end.

        A page may be empty and still have a next one: the hub filters some lists
        after it has cut the page (``state=ready`` users, shares that expired).
        An answer without ``_pagination`` is the whole list, and the last page.
        """
        params = dict(params or {})
        params.setdefault("limit", PAGE_LIMIT)
        offset = params.pop("offset", 0)
        for dummy in range(MAX_PAGES):
            answer = self.request("GET", path, params=dict(params, offset=offset), accept=PAGINATION_ACCEPT, timeout=timeout)
            yield answer
            following = (answer.get("_pagination") or {}).get("next") if isinstance(answer, dict) else None
            if not following:
                return
            next_offset = following.get("offset")
            if not isinstance(next_offset, int) or next_offset <= offset:
                raise JupyterHubError(
                    "the hub's next page does not move on (offset %s after %s), so the listing was stopped" % (next_offset, offset),
                    method="GET",
                    path=path,
                )
            offset = next_offset
        raise JupyterHubError("more than %d pages: the listing was stopped" % MAX_PAGES, method="GET", path=path)

    def request(self, method, path, body=None, params=None, authenticate=True, accept=None, timeout=None):
        """Send one call and return its decoded JSON answer (None for an empty body).

        ``timeout`` overrides the client's for this call (a bulk call may take longer).
        Raises JupyterHubError for an error status or when no answer could be had.
        """
        method = method.upper()
        if self.check_mode and method in WRITE_METHODS:
            raise JupyterHubCheckModeError(
                "refused in check mode (a module bug: writes must go through the plan)",
                method=method,
                path=path,
            )
        url = self.api_url + path
        headers = {}
        if accept:
            headers["Accept"] = accept
        if authenticate and self.api_token:
            headers["Authorization"] = "token %s" % self.api_token
        # verify per request too: requests lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override session.verify
        # (psf/requests#3829), which would silently undo validate_certs: false and ca_path.
        timeout = timeout or self.timeout
        kwargs = dict(headers=headers, params=params, timeout=timeout, verify=self.session.verify)
        if body is not None:
            kwargs["json"] = body

        attempt = 0
        waited = 0.0
        while True:
            attempt += 1
            try:
                response = self.session.request(method, url, **kwargs)
            except requests.exceptions.RequestException as exc:
                error = connection_error(self.api_url, exc, method, path, url, timeout)
                delay = self._backoff(attempt)
                if method in IDEMPOTENT_METHODS and self._may_retry(attempt, waited, delay) and _is_transient(exc):
                    waited += self._wait(delay)
                    continue
                raise error

            if response.status_code < 400:
                return hide_secrets(_decode(self.api_url, response, method, path))

            delay = None
            if response.status_code == 429:
                delay = _retry_after(response, self._backoff(attempt))
            elif response.status_code in RETRY_STATUSES and method in IDEMPOTENT_METHODS:
                delay = self._backoff(attempt)
            if delay is not None and self._may_retry(attempt, waited, delay):
                waited += self._wait(delay)
                continue
            error = http_error(self.api_url, response, method, path, url)
            if error.status == 404 and path != "/":
                # The hub answers the same JSON 404 for an unknown object and for an unknown API
                # path (an api_url that goes too deep): believe it once GET / proved the API root.
                self.version  # pylint: disable=pointless-statement
            raise error

    # -- helpers -------------------------------------------------------------

    def _may_retry(self, attempt, waited, delay):
        return attempt <= self.retries and waited + delay <= self.max_retry_wait

    def _wait(self, delay):
        self._sleep(delay)
        return delay

    @staticmethod
    def _backoff(attempt):
        return min(0.5 * (2 ** (attempt - 1)), 10.0)


def _decode(api_url, response, method, path):
    if response.status_code == 204 or not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        raise not_the_api(
            api_url, method, path, "it answered %s with %s" % (response.status_code, describe_body(response, None)))


def _common_part(names, shortest=3):
    """The longer of the names' common prefix and common suffix, if it has ``shortest`` characters or more."""
    prefix = os.path.commonprefix(names)
    suffix = os.path.commonprefix([name[::-1] for name in names])[::-1]
    common = max(prefix, suffix, key=len)
    return common if len(common) >= shortest else None


def _is_transient(exc):
    return isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout)) and not isinstance(
        exc, requests.exceptions.SSLError
    )


def _retry_after(response, default):
    """The delay the hub asks for, but never less than the backoff: a Retry-After of 0 must not make a busy loop."""
    value = response.headers.get("Retry-After")
    try:
        return max(float(value), default)
    except (TypeError, ValueError):
        return default
