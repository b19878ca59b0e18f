# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_info: which optional reads the token's scopes allow."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.modules.jupyterhub_info import _may_list_services


@pytest.mark.parametrize(
    "scopes, expected",
    [
        (["list:services", "read:services"], True),
        (["list:services!service=ansible"], True),  # the hub then lists that service only
        (["read:services", "list:users"], False),
        ([], False),
        (None, False),
    ],
)
def test_services_are_listed_only_with_list_services(scopes, expected):
    assert _may_list_services(scopes) is expected
