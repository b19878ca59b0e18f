# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The usage_report role's CSV template on user models the integration test's hub cannot make on demand (servers
starting and stopping, every character that makes a formula), read back with Python's csv module; and its variables
against its argument spec and docs/usage-report.md.

The template is rendered with Jinja as ansible.builtin.template renders it (trim_blocks), with the one filter of
Ansible it uses (bool). The usage_report integration target renders it through Ansible against real hubs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import csv
import io
import os
import re

import pytest
import yaml
from jinja2 import Environment, FileSystemLoader, meta

from ansible_collections.jupyterhub.hub.tests.unit.helpers import server_model, user_model

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROLE = os.path.join(ROOT, "roles", "usage_report")
TEMPLATE = "usage_report.csv.j2"
HEADER = ["name", "admin", "created", "last_activity", "groups", "servers", "running_servers", "server_count", "running_count"]


def _bool(value):
    return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes", "on", "y", "t")


def _environment():
    env = Environment(loader=FileSystemLoader(os.path.join(ROLE, "templates")), trim_blocks=True, keep_trailing_newline=True)
    env.filters["bool"] = _bool
    return env


def render(users, group="", delimiter=",", separator="; ", escape_formulas=True):
    return _environment().get_template(TEMPLATE).render(
        _usage_report_read={"users": users},
        _usage_report_group=group,
        usage_report_delimiter=delimiter,
        usage_report_list_separator=separator,
        usage_report_escape_formulas=escape_formulas,
    )


def rows(text, delimiter=","):
    return [dict(zip(HEADER, row)) for row in list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))[1:]]


def user(name, servers=None, created="2026-01-01T00:00:00.000000Z", last_activity=None, **fields):
    """A user as jupyterhub_user_info returns it, created on 2026-01-01 unless told."""
    return user_model(name, servers=servers or {}, created=created, last_activity=last_activity, auth_state=None, **fields)


def test_header_and_one_line_a_user_sorted_by_name():
    text = render([user("zoe"), user("ada", last_activity="2026-02-03T04:05:06Z", admin=True)])
    assert text == (
        ",".join(HEADER) + "\n"
        "ada,true,2026-01-01T00:00:00.000000Z,2026-02-03T04:05:06Z,,,,0,0\n"
        "zoe,false,2026-01-01T00:00:00.000000Z,,,,,0,0\n"
    )


def test_no_users_is_the_header_alone():
    assert render([]) == ",".join(HEADER) + "\n"


def test_server_states_and_the_default_server_only_while_active():
    users = [
        user("ada", {"": server_model("", "started"), "gpu": server_model("gpu")}),
        user("bob", {"": server_model("", "starting"), "big": server_model("big", "stopping")}),
        user("cy", {"": server_model("")}),  # every user's default server, stopped: not listed
        user("di", {"x": server_model("x", pending="check")}),
    ]
    got = dict((row["name"], row) for row in rows(render(users)))
    assert got["ada"]["servers"] == "(default):running; gpu:stopped"
    assert got["ada"]["running_servers"] == "(default)"
    assert (got["ada"]["server_count"], got["ada"]["running_count"]) == ("2", "1")
    assert got["bob"]["servers"] == "(default):starting; big:stopping"
    assert (got["bob"]["running_servers"], got["bob"]["server_count"], got["bob"]["running_count"]) == ("", "2", "0")
    assert (got["cy"]["servers"], got["cy"]["server_count"]) == ("", "0")
    assert got["di"]["servers"] == "x:check"


@pytest.mark.parametrize("name", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_name_a_spreadsheet_takes_for_a_formula_is_escaped(name):
    assert rows(render([user(name)]))[0]["name"] == "'" + name
    assert rows(render([user(name)], escape_formulas="false"))[0]["name"] == name


def test_groups_and_servers_that_start_like_a_formula_are_escaped_too():
    row = rows(render([user("ada", {"-x": server_model("-x", "started")}, groups=["=g", "h"])]))[0]
    assert (row["groups"], row["servers"], row["running_servers"]) == ("'=g; h", "'-x:running", "'-x")


@pytest.mark.parametrize("name, raw", [
    ("carol, jr", '"carol, jr"'),
    ('dan "the" man', '"dan ""the"" man"'),
    ("two\nlines", '"two\nlines"'),
    ("cr\rhere", '"cr\rhere"'),
    ("eve@example.org", "eve@example.org"),
    ("frank.o'neil", "frank.o'neil"),
])
def test_quoted_only_when_needed_as_the_csv_module_reads_it(name, raw):
    text = render([user(name)])
    assert text.split("\n", 1)[1].startswith(raw + ",")  # the raw text after the header
    assert rows(text)[0]["name"] == name


def test_another_delimiter_quotes_for_that_one():
    text = render([user("carol, jr", groups=["a;b"]), user("tab\tin")], delimiter=";")
    lines = text.split("\n")
    assert lines[0] == ";".join(HEADER)
    assert lines[1].startswith('carol, jr;false;') and ';"a;b";' in lines[1]
    assert [row["name"] for row in rows(text, ";")] == ["carol, jr", "tab\tin"]
    tabbed = render([user("tab\tin")], delimiter="\t")
    assert tabbed.split("\n")[1].startswith('"tab\tin"\t')
    assert rows(tabbed, "\t")[0]["name"] == "tab\tin"


def test_the_group_selects_its_members():
    users = [user("ada", groups=["physics"]), user("bob", groups=["chem"]), user("cy", groups=["chem", "physics"])]
    assert [row["name"] for row in rows(render(users, group="physics"))] == ["ada", "cy"]
    assert [row["name"] for row in rows(render(users))] == ["ada", "bob", "cy"]


def test_unset_dates_are_empty():
    row = rows(render([user("old", created=None, last_activity=None)]))[0]
    assert (row["created"], row["last_activity"]) == ("", "")


def test_no_secret_field_reaches_the_file():
    model = user("ada", {"": server_model("", "started")})
    model["auth_state"] = "upstream-secret"
    model["servers"][""]["state"] = "spawner-secret"
    model["servers"][""]["user_options"] = {"token": "option-secret"}
    text = render([model])
    assert "secret" not in text


def _spec():
    with open(os.path.join(ROLE, "meta", "argument_specs.yml")) as handle:
        return yaml.safe_load(handle)["argument_specs"]["main"]


def test_every_variable_the_role_reads_is_in_its_argument_spec_and_the_guide():
    options = set(_spec()["options"])
    env = _environment()
    with open(os.path.join(ROLE, "templates", TEMPLATE)) as handle:
        used = meta.find_undeclared_variables(env.parse(handle.read()))
    for part in ("tasks", "vars"):  # the connection is in vars/main.yml
        with open(os.path.join(ROLE, part, "main.yml")) as handle:
            used |= set(re.findall(r"\busage_report_[a-z_]+", handle.read()))
    public = set(name for name in used if name.startswith("usage_report_"))
    assert public - options == set()
    assert options - public == set(), "options the role never reads"
    with open(os.path.join(ROOT, "docs", "usage-report.md")) as handle:
        guide = handle.read()
    documented = set(re.findall(r"^\| `(usage_report_[a-z_]+)` \|", guide, re.M))
    assert documented == options
