# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/token_runner.py: the entries of O(tokens), checked and converted before any call.

The apply functions of the runner are tested through jupyterhub_token's main() (tests/unit/plugins/modules).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.token_runner import check_entries


def test_present_entries_are_converted_and_unknown_keys_refused():
    checked, errors = check_entries([{"user": "alice", "note": "ci", "expires_in": "60", "scopes": "read:users"}], "present")
    assert errors == []
    assert checked == [dict(user="alice", note="ci", expires_in=60, scopes=["read:users"], roles=None, rotate_before=None, secret_file=None)]
    dummy, errors = check_entries([{"user": "alice", "note": "ci", "expire_in": 60}], "present")
    assert len(errors) == 1 and errors[0].startswith("tokens[0]: ") and "expire_in" in errors[0]


def test_present_entries_take_a_secret_file_and_absent_entries_ignore_it(monkeypatch):
    monkeypatch.setenv("SECRETS", "/etc/jupyterhub/secrets")
    checked, errors = check_entries([{"user": "alice", "note": "ci", "secret_file": "$SECRETS/ci.token"}], "present")
    assert errors == [] and checked[0]["secret_file"] == "/etc/jupyterhub/secrets/ci.token"  # a path, as type path expands it
    checked, errors = check_entries([{"user": "alice", "id": "a1", "secret_file": "/x"}], "absent")
    assert errors == [] and checked == [dict(user="alice", id="a1", note=None)]


@pytest.mark.parametrize("entry, message", [
    ({"note": "ci"}, "user"),
    ({"user": "alice", "note": "ci", "rotate_before": "7d"}, "rotate_before needs expires_in"),
    ({"user": "alice", "note": "ci", "rotate_before": "soon", "expires_in": 60}, "rotate_before: 'soon' is not a duration"),
    ({"user": "alice", "note": "ci", "scopes": ["a"], "roles": ["b"]}, "mutually exclusive"),
    ("alice", "is not a dict"),
])
def test_bad_present_entries_name_the_entry(entry, message):
    checked, errors = check_entries([{"user": "bob", "note": "ok"}, entry], "present")
    assert len(checked) == 1 and len(errors) == 1
    assert errors[0].startswith("tokens[1]") and message in errors[0]


def test_absent_entries_take_the_token_info_list_as_it_is():
    # as jupyterhub_token_info lists them, with every metadata key
    listed = [dict(id="a1", kind="api_token", user="alice", note="ci", scopes=["read:users!user=alice"], roles=[],
                   created="2026-11-01T12:00:00.000000Z", expires_at=None, last_activity="2026-08-23T12:00:00.000000Z",
                   oauth_client="JupyterHub", session_id=None),
              dict(id="b1", kind="api_token", user="bob", note="ci", scopes=[], created="2026-11-01T12:00:00.000000Z",
                   extra={"any": "thing"})]
    checked, errors = check_entries(listed, "absent")
    assert errors == []
    assert checked == [dict(user="alice", id="a1", note="ci"), dict(user="bob", id="b1", note="ci")]
    dummy, errors = check_entries([{"user": "alice", "created": "x"}], "absent")
    assert errors == ["tokens[0] (user alice) has neither an id nor a note: which token is to be revoked?"]
    dummy, errors = check_entries([{"id": "a1"}], "absent")
    assert "user" in errors[0]


def test_the_onboard_roles_token_entries_have_the_keys_of_the_modules():
    """roles/onboard passes onboard_tokens to jupyterhub_token's tokens as they are: the same keys, documented on both."""
    import os

    import yaml

    from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_token
    from ansible_collections.jupyterhub.hub.plugins.module_utils.token_runner import ABSENT_ENTRY_SPEC, PRESENT_ENTRY_SPEC

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
    with open(os.path.join(root, "roles", "onboard", "meta", "argument_specs.yml")) as handle:
        role = yaml.safe_load(handle)["argument_specs"]["main"]["options"]["onboard_tokens"]["options"]
    assert set(role) == set(PRESENT_ENTRY_SPEC)
    assert dict((key, spec.get("type")) for key, spec in role.items()) == dict((key, spec["type"]) for key, spec in PRESENT_ENTRY_SPEC.items())
    documented = yaml.safe_load(jupyterhub_token.DOCUMENTATION)["options"]["tokens"]["suboptions"]
    # every key of both states is a documented suboption of the type the check converts to
    for key, spec in list(PRESENT_ENTRY_SPEC.items()) + list(ABSENT_ENTRY_SPEC.items()):
        assert documented[key]["type"] == spec["type"], "the tokens option does not document the entry key %s as %s" % (key, spec["type"])
    assert set(documented) == set(PRESENT_ENTRY_SPEC) | set(ABSENT_ENTRY_SPEC)
