# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tokens of the revoke_stale_tokens target (runme.sh), made, used and read back with the hub's API itself, not
with the collection under test. Each token is named USER/NOTE; STATE (a JSON file) keeps their ids and secrets.

  hub_tokens.py make  --config C --state S USER/NOTE[=EXPIRES_IN] ...   create the users if needed, then the tokens
  hub_tokens.py use   --config C --state S USER/NOTE ...                one call with each token (its last use: now)
  hub_tokens.py check --config C --state S [--present USER/NOTE ...] [--absent USER/NOTE ...]
      each token is on the hub, or gone; fails naming every one that is not as it should be
  hub_tokens.py secrets --state S                                       the secrets, one a line (for runme.sh's grep)
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

import yaml


def call(config, method, path, body=None, token=None):
    """(status, the answer's JSON or None) of one call; the admin token of the config unless another is given."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(config["jupyterhub_api_url"] + path, data=data, method=method, headers={
        "Authorization": "token %s" % (token or config["jupyterhub_api_token"]),
        "Content-Type": "application/json",
    })
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            text = answer.read()
            return answer.status, json.loads(text) if text else None
    except urllib.error.HTTPError as err:
        return err.code, None


def tokens_path(user, token_id=""):
    return "/users/%s/tokens%s" % (urllib.parse.quote(user, safe=""), "/" + token_id if token_id else "")


def load_state(path):
    if not os.path.exists(path):
        return {}
    with open(path) as handle:
        return json.load(handle)


def make(config, state, specs):
    named = [spec.split("=", 1) for spec in specs]
    users = sorted(set(name.split("/", 1)[0] for name, *dummy in named))
    status, dummy = call(config, "POST", "/users", {"usernames": users})
    if status not in (201, 409):
        sys.exit("POST /users: %s" % status)
    for name, *expires in named:
        user, note = name.split("/", 1)
        body = {"note": note}
        if expires:
            body["expires_in"] = int(expires[0])
        status, token = call(config, "POST", tokens_path(user), body)
        if status != 201:
            sys.exit("POST %s: %s" % (tokens_path(user), status))
        state[name] = {"user": user, "id": token["id"], "token": token["token"]}
        print("made %s (%s)" % (name, token["id"]))


def use(config, state, names):
    for name in names:
        status, model = call(config, "GET", "/user", token=state[name]["token"])
        if status != 200:
            sys.exit("GET /user with %s: %s" % (name, status))
        print("used %s (as %s)" % (name, model["name"]))


def check(config, state, present, absent):
    wrong = []
    for name, expected in [(name, 200) for name in present] + [(name, 404) for name in absent]:
        status, dummy = call(config, "GET", tokens_path(state[name]["user"], state[name]["id"]))
        if status != expected:
            wrong.append("%s %s" % (name, "is gone" if status == 404 else "is still on the hub" if status == 200 else status))
    if wrong:
        sys.exit("FAILED: " + "; ".join(wrong))
    print("on the hub: %s; gone: %s" % (", ".join(present) or "-", ", ".join(absent) or "-"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["make", "use", "check", "secrets"])
    parser.add_argument("--config")
    parser.add_argument("--state", required=True)
    parser.add_argument("--present", nargs="*", default=[])
    parser.add_argument("--absent", nargs="*", default=[])
    parser.add_argument("names", nargs="*")
    args = parser.parse_intermixed_args()
    state = load_state(args.state)
    if args.command == "secrets":
        print("\n".join(token["token"] for token in state.values()))
        return
    with open(args.config) as handle:
        config = yaml.safe_load(handle)
    if args.command == "make":
        make(config, state, args.names)
        with open(args.state, "w") as handle:
            json.dump(state, handle)
    elif args.command == "use":
        use(config, state, args.names)
    else:
        check(config, state, args.present, args.absent)


if __name__ == "__main__":
    main()
