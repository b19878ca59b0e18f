# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/names.py: the one user-name rule of every module, names given twice, and lists of names in a message."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import InvalidUserName
from ansible_collections.jupyterhub.hub.plugins.module_utils.names import check_user_names, duplicates, name_list, user_name_problem


@pytest.mark.parametrize("name", ["alice", "ada.lovelace@example.org", "b b", "student-01", "élodie"])
def test_names_the_hub_stores_as_given_pass(name):
    assert user_name_problem(name) is None


@pytest.mark.parametrize(
    "name, problem",
    [
        ("", "is empty"),
        ("   ", "is empty"),
        (" carol", "has white space before or after it: use 'carol'"),
        ("carol\t", "has white space before or after it: use 'carol'"),
        ("Ada", "has upper-case letters: JupyterHub stores names in lower case, so use 'ada'"),
        ("ÉLODIE", "has upper-case letters: JupyterHub stores names in lower case, so use 'élodie'"),
    ],
)
def test_names_the_hub_would_refuse_or_store_otherwise(name, problem):
    assert user_name_problem(name) == problem


def test_check_names_the_option_and_the_first_bad_name():
    with pytest.raises(InvalidUserName) as caught:
        check_user_names(["bob", " carol", "Ada"], "members")
    assert str(caught.value) == "members: user name ' carol' has white space before or after it: use 'carol'"
    assert caught.value.status is None and caught.value.method is None


def test_check_takes_one_name_or_none():
    check_user_names(None, "user")
    check_user_names("alice", "user")
    with pytest.raises(InvalidUserName):
        check_user_names("Alice", "user")


def test_name_list_cuts_long_lists():
    assert name_list(["a", "b"]) == "a, b"
    assert name_list(iter(["a", "b"])) == "a, b"
    assert name_list(["u%d" % i for i in range(10)]) == ", ".join("u%d" % i for i in range(10))  # ten: not cut
    assert name_list(["u%d" % i for i in range(12)], limit=3) == "u0, u1, u2 ... and 9 more"
    assert name_list([]) == ""


def test_duplicates_in_the_order_they_repeat():
    assert duplicates(["a", "b", "c"]) == []
    assert duplicates(["b", "a", "b", "a", "b", "c"]) == ["b", "a"]
    assert duplicates([]) == []
