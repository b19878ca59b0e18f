# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A person at the hub's web pages, as a requests session does it: log in, sign up, authorise.

  browser.py --hub URL login USER [--open P]   log in through /hub/login, follow the hub to USER's server, open P there
  browser.py --hub URL login USER --no-server  only the login form's answer: logged in, or refused
  browser.py --hub URL signup USER             sign up through NativeAuthenticator's /hub/signup form
  browser.py --hub URL authorize ADMIN USER    log in as ADMIN, authorise USER on NativeAuthenticator's /hub/authorize

The password comes from the environment (BROWSER_PASSWORD: USER's, or ADMIN's for authorize), so that it is on no
command line. Each prints one line of JSON saying what happened (statuses, the pages it went through, a bit of the
last body) for the playbook to assert on. It exits 0 whatever the hub answered, 2 when it got no answer at all.

`login` follows the redirects as a browser does: the login form's 302 to /hub/spawn, the spawn,
/hub/spawn-pending/USER asked again until the hub sends the browser on (a browser's page waits on the progress
events instead), and the proxy's route to the single-user server's landing page. Then it opens P (a file of
USER's home, say) as a link on that page would, with a Referer: the server sends the browser through the hub's
OAuth (/hub/api/oauth2/authorize, then /user/USER/oauth_callback, which sets the server's own cookie) and serves
it. Last, /user/USER/api/status, which only jupyter_server answers (the hub has no such page), with the session's
cookies and without them: the server must answer the first and refuse the second.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import re
import sys
import time

from urllib.parse import urljoin, urlsplit

import requests

TIMEOUT = 30
SPAWN_WAIT = 180  # on 2 cores a server can take long to come up
XSRF = re.compile(r'name="_xsrf"\s+value="([^"]*)"')
LOGIN_ERROR = re.compile(r'<p class="login_error">\s*(.*?)\s*</p>', re.S)


class Browser:
    def __init__(self, hub):
        self.hub = hub.rstrip("/") + "/"
        self.session = requests.Session()
        self.pages = []  # (status, path) of every answer, in order

    def url(self, path):
        return urljoin(self.hub, path.lstrip("/"))

    def record(self, response):
        parts = urlsplit(response.url)
        self.pages.append("%s %s" % (response.status_code, parts.path))
        return response

    def get(self, url, **kwargs):
        return self.record(self.session.get(url, allow_redirects=False, timeout=TIMEOUT, **kwargs))

    def form(self, path, data):
        """GET the form's page, then POST data with its _xsrf (if the page has one); no redirect followed."""
        page = self.get(self.url(path))
        if page.status_code != 200:
            return page
        found = XSRF.search(page.text)
        if found:
            data = dict(data, _xsrf=found.group(1))
        return self.record(self.session.post(self.url(path), data=data, allow_redirects=False, timeout=TIMEOUT))

    def follow(self, response, steps=30):
        """Follow redirects; wait at /hub/spawn-pending/ until the hub sends the browser on."""
        deadline = time.monotonic() + SPAWN_WAIT
        for dummy in range(steps):
            if response.is_redirect:
                response = self.get(urljoin(response.url, response.headers["Location"]))
            elif "/spawn-pending/" in urlsplit(response.url).path and response.status_code == 200 and time.monotonic() < deadline:
                time.sleep(1)
                response = self.get(response.url)
            else:
                break
        return response

    def report(self, **facts):
        facts["pages"] = self.pages[-12:]
        facts["cookies"] = sorted(set(cookie.name for cookie in self.session.cookies))
        return facts


def cookie_names(browser):
    return set(cookie.name for cookie in browser.session.cookies)


def snippet(response):
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", response.text or "")).strip()
    return text[:300]


def login_error(response):
    found = LOGIN_ERROR.search(response.text or "")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", "", found.group(1))).strip() if found else None


def is_login_page(response):
    return urlsplit(response.url).path.endswith("/hub/login") and 'name="password"' in (response.text or "")


def log_in(browser, user, password):
    """POST the login form; returns the hub's answer to it (no redirect followed)."""
    return browser.form("hub/login", {"username": user, "password": password})


def login(args, password):
    browser = Browser(args.hub)
    answer = log_in(browser, args.user, password)
    logged_in = answer.is_redirect and "jupyterhub-hub-login" in cookie_names(browser)
    if not logged_in:
        return browser.report(
            outcome="refused" if is_login_page(answer) else "unexpected",
            login_status=answer.status_code, login_error=login_error(answer), url=answer.url, body=snippet(answer),
        )
    if args.no_server:
        return browser.report(outcome="logged in", login_status=answer.status_code, location=answer.headers["Location"])
    landed = browser.follow(answer)
    user_path = "/user/%s/" % args.user
    facts = dict(login_status=answer.status_code, landed_status=landed.status_code, landed_path=urlsplit(landed.url).path)
    # a file of the user's home, as a link on the landing page opens it: the server sends the browser through the
    # hub's OAuth first (its cookie is per server), then serves the file
    opened = browser.follow(browser.get(browser.url(user_path + args.open), headers={"Referer": landed.url}))
    facts.update(
        opened_status=opened.status_code, opened_path=urlsplit(opened.url).path, opened_body=(opened.text or "")[:200],
        oauth=any("/hub/api/oauth2/authorize" in page for page in browser.pages)
        and any(user_path + "oauth_callback" in page for page in browser.pages),
        server_cookie="jupyterhub-user-%s" % args.user in cookie_names(browser),
    )
    status = browser.get(browser.url(user_path + "api/status"))
    try:
        status_json = status.json()
    except ValueError:
        status_json = None
    # the same page without the session's cookies: the server must not answer it
    stranger = requests.get(status.url, allow_redirects=False, timeout=TIMEOUT)
    served = (
        status.status_code == 200 and isinstance(status_json, dict)
        and {"started", "last_activity", "kernels"} <= set(status_json) and "version" not in status_json
    )
    facts.update(
        status_status=status.status_code,
        status_keys=sorted(status_json) if isinstance(status_json, dict) else None,
        status_body=None if served else snippet(status),
        without_cookies_status=stranger.status_code,
    )
    return browser.report(outcome="server" if served else "logged in, no server", **facts)


def signup(args, password):
    browser = Browser(args.hub)
    answer = browser.form("hub/signup", {
        "username": args.user, "signup_password": password, "signup_password_confirmation": password,
    })
    found = re.search(r'<div class="alert ([^"]*)"[^>]*>(.*?)</div>', answer.text or "", re.S)
    message = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", found.group(2))).strip() if found else None
    return browser.report(status=answer.status_code, alert=found.group(1) if found else None, message=message,
                          body=None if found else snippet(answer))


def authorize(args, password):
    """Log in as the admin, find USER on /hub/authorize, follow its Authorize link, read the page again."""
    browser = Browser(args.hub)
    answer = log_in(browser, args.admin, password)
    if not answer.is_redirect:
        return browser.report(outcome="admin login refused", login_status=answer.status_code,
                              login_error=login_error(answer), body=snippet(answer))
    page = browser.get(browser.url("hub/authorize"))
    link = re.search(r'href="([^"]*/authorize/%s)"[^>]*>\s*Authorize\s*<' % re.escape(args.user), page.text or "")
    if page.status_code != 200 or not link:
        return browser.report(outcome="no Authorize link", status=page.status_code, body=snippet(page))
    toggled = browser.get(urljoin(page.url, link.group(1)))
    after = browser.get(browser.url("hub/authorize"))
    authorized = re.search(r'href="[^"]*/authorize/%s"[^>]*>\s*Unauthorize\s*<' % re.escape(args.user), after.text or "")
    return browser.report(outcome="authorized" if authorized else "still unauthorized",
                          toggle_status=toggled.status_code, body=None if authorized else snippet(after))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--hub", required=True, help="the hub's public URL, e.g. http://127.0.0.1:8000/")
    sub = parser.add_subparsers(dest="action")
    sub.required = True
    for name, func in (("login", login), ("signup", signup), ("authorize", authorize)):
        p = sub.add_parser(name)
        p.set_defaults(func=func)
        if name == "authorize":
            p.add_argument("admin")
        p.add_argument("user")
        if name == "login":
            p.add_argument("--open", default="api/status", help="a page of the user's server to open, e.g. files/x.txt")
            p.add_argument("--no-server", action="store_true", help="only log in: follow no redirect, start no server")
    args = parser.parse_args()
    password = os.environ.get("BROWSER_PASSWORD")
    if not password:
        parser.error("set BROWSER_PASSWORD")
    try:
        result = args.func(args, password)
    except requests.RequestException as err:
        print(json.dumps({"outcome": "error", "error": str(err)}))
        sys.exit(2)
    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
