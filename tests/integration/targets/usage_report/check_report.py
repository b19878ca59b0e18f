# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks for the usage_report target (runme.sh), each failing with what it found.

  check_report.py csv --config C --fixture F --csv FILE [--name-filter T | --group G] [--delimiter D] [--raw-names]
      the file: mode 0600, the header, one row per expected user (the fixture's and the hub's admin), sorted by name,
      every column as the fixture says, created and last_activity as the hub itself answers for the user now
  check_report.py calls --log SLICE --users N --page-limit L [--group-reads G]
      the hub's log of one report run: ceil(N / L) GETs of /users (one paginated listing), no GET of one user
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import csv
import io
import json
import os
import re
import stat
import sys
import urllib.parse
import urllib.request

import yaml

HEADER = ["name", "admin", "created", "last_activity", "groups", "servers", "running_servers", "server_count", "running_count"]
ADMIN_ROW = {"groups": [], "servers": "", "running_servers": "", "server_count": 0, "running_count": 0}


class CheckFailed(Exception):
    pass


def hub_user(config, name):
    """The hub's own model of the user, read by name (the truth the report's dates are checked against)."""
    url = "%s/users/%s?include_stopped_servers=true" % (config["jupyterhub_api_url"], urllib.parse.quote(name, safe=""))
    request = urllib.request.Request(url, headers={"Authorization": "token %s" % config["jupyterhub_api_token"]})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)


def escaped(name):
    return "'" + name if name[:1] in ("=", "+", "-", "@", "\t", "\r") else name


def check_csv(args):
    with open(args.config) as handle:
        config = yaml.safe_load(handle)
    with open(args.fixture) as handle:
        fixture = yaml.safe_load(handle)
    expected = dict((user["name"], user) for user in fixture["report_users"])
    expected[config["jupyterhub_admin_user"]] = dict(ADMIN_ROW, name=config["jupyterhub_admin_user"], admin=True)
    if args.name_filter:
        expected = dict((name, user) for name, user in expected.items() if args.name_filter.lower() in name.lower())
    if args.group:
        expected = dict((name, user) for name, user in expected.items() if args.group in user["groups"])
    if not expected:
        raise CheckFailed("the fixture has no user for this selection: the check would prove nothing")

    mode = stat.S_IMODE(os.stat(args.csv).st_mode)
    if mode != 0o600:
        raise CheckFailed("%s has mode %o, not 600" % (args.csv, mode))
    with open(args.csv, newline="", encoding="utf-8") as handle:
        text = handle.read()
    delimiter = args.delimiter
    if not text.startswith(delimiter.join(HEADER) + "\n"):
        raise CheckFailed("the file does not start with the header row %r: %r" % (delimiter.join(HEADER), text[:200]))
    if not text.endswith("\n"):
        raise CheckFailed("the file does not end with a line break")
    # quoted only where needed (RFC 4180), the way Python's csv module writes: the raw text of the fields that must be
    raw_names = [name for name in expected if any(c in name for c in (delimiter, '"', "\n"))]
    for name in raw_names:
        quoted = '"%s"' % (name if args.raw_names else escaped(name)).replace('"', '""')
        if quoted + delimiter not in text:
            raise CheckFailed("the name %r is not quoted as %s in the file" % (name, quoted))

    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    if rows[0] != HEADER:
        raise CheckFailed("header %r, not %r" % (rows[0], HEADER))
    rows = rows[1:]
    for row in rows:
        if len(row) != len(HEADER):
            raise CheckFailed("a row of %d fields, not %d: %r" % (len(row), len(HEADER), row))
    names = [row[0] for row in rows]
    want_names = [name if args.raw_names else escaped(name) for name in sorted(expected)]
    if names != want_names:
        raise CheckFailed("the rows are of %r, expected %r (sorted by name)" % (names, want_names))

    separator = "; "
    for row in rows:
        record = dict(zip(HEADER, row))
        name = next(name for name in expected if (name if args.raw_names else escaped(name)) == record["name"])
        want = expected[name]
        hub = hub_user(config, name)
        if (hub.get("auth_state") is not None) != (name == "ada"):
            raise CheckFailed("the hub's auth_state of %r is not as setup.yml made it: the secret check would prove nothing" % name)
        wanted = {
            "admin": "true" if want.get("admin") else "false",
            "created": hub["created"],
            "last_activity": hub["last_activity"] or "",
            "groups": separator.join(sorted(want["groups"])),
            "servers": want["servers"],
            "running_servers": want["running_servers"],
            "server_count": str(want["server_count"]),
            "running_count": str(want["running_count"]),
        }
        for column, value in wanted.items():
            if record[column] != value:
                raise CheckFailed("%r: column %s is %r, expected %r" % (name, column, record[column], value))
        if not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", record["created"]):
            raise CheckFailed("%r: created %r is not ISO 8601 UTC" % (name, record["created"]))
        if name == 'dan "the" man' and not record["last_activity"].startswith(fixture["report_dan_last_activity"][:19]):
            raise CheckFailed("dan's last_activity is %r, setup.yml set %s" % (record["last_activity"], fixture["report_dan_last_activity"]))
        if want["running_count"] != sum(1 for server in (hub.get("servers") or {}).values() if server.get("ready")):
            raise CheckFailed("the hub does not run the servers of %r that fixture.yml says: %s" % (name, hub.get("servers")))
        if (name in fixture["report_active_users"]) == (record["last_activity"] == ""):
            raise CheckFailed("%r: last_activity %r (empty only for the users never active)" % (name, record["last_activity"]))
    print("csv: %s, %d rows, every column as expected" % (args.csv, len(rows)))


def check_calls(args):
    with open(args.log, errors="replace") as handle:
        log = handle.read()
    pages = re.findall(r" GET /hub/api/users\?\S*", log)
    per_user = re.findall(r" GET /hub/api/users/\S*", log)
    group_reads = re.findall(r" GET /hub/api/groups\S*", log)
    want = -(-args.users // args.page_limit)
    if len(pages) != want:
        raise CheckFailed("%d GETs of /users, expected %d (%d users, %d a page): %s" % (len(pages), want, args.users, args.page_limit, pages))
    if per_user:
        raise CheckFailed("the report read users one by one: %s" % per_user[:5])
    if len(group_reads) != args.group_reads:
        raise CheckFailed("%d reads of groups, expected %d: %s" % (len(group_reads), args.group_reads, group_reads))
    offsets = sorted(int(re.search(r"offset=(\d+)", page).group(1)) for page in pages)
    if offsets != list(range(0, args.users, args.page_limit)):
        raise CheckFailed("the pages were read at offsets %s" % offsets)
    print("calls: %d users in %d GETs of /users (pages of %d), none of a single user" % (args.users, len(pages), args.page_limit))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("csv")
    one.add_argument("--config", required=True)
    one.add_argument("--fixture", required=True)
    one.add_argument("--csv", required=True)
    one.add_argument("--name-filter")
    one.add_argument("--group")
    one.add_argument("--delimiter", default=",")
    one.add_argument("--raw-names", action="store_true", help="the report ran with usage_report_escape_formulas=false")
    two = sub.add_parser("calls")
    two.add_argument("--log", required=True)
    two.add_argument("--users", type=int, required=True)
    two.add_argument("--page-limit", type=int, required=True)
    two.add_argument("--group-reads", type=int, default=0)
    args = parser.parse_args()
    try:
        (check_csv if args.command == "csv" else check_calls)(args)
    except CheckFailed as err:
        print("FAILED: %s" % err)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
