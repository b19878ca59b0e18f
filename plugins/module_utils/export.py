# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A hub as a roster file: its users, groups and token metadata in the form the onboard role takes. Pure.

Nothing of Ansible, no I/O. The text is stable, so that two exports of an
unchanged hub are the same bytes and ``git diff`` of two exports reads as what
changed on the hub:
- every list is sorted by name, and each entry is on one line (a JSON flow
  mapping, which is YAML too);
- no timestamp goes in. A token's expiry is its lifetime (``expires_in``: from
  its creation to its expiry), not what is left of it;
- no secret goes in: a token is its owner, note and scopes, never its value.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.jupyterhub.hub.plugins.module_utils.times import parse_timestamp
from ansible_collections.jupyterhub.hub.plugins.module_utils.tokens import is_hub_made

# The variables of the onboard role, in the order the file lists them.
SECTIONS = ("onboard_users", "onboard_groups", "onboard_tokens")


def export_roster(users, groups, tokens_of=None):
    """{onboard_users, onboard_groups, onboard_tokens} for the hub's ``users`` and ``groups`` (models), and the tokens
    left out (no note, so nothing to name them by on another hub).

    ``groups`` members who are not among ``users`` (left out by a filter) are left out too, so that the roster
    names no one it does not create. ``tokens_of``: {owner: tokens}, or None for no tokens. The tokens the hub
    made itself (a server's, an OAuth client's) are never exported: the hub makes them again.
    """
    names = set(user["name"] for user in users)
    exported_users = [_user_entry(user) for user in sorted(users, key=lambda user: user["name"])]
    exported_groups = [_group_entry(group, names) for group in sorted(groups, key=lambda group: group["name"])]
    tokens, left_out = [], []
    for owner in sorted(tokens_of or {}):
        for token in sorted(tokens_of[owner], key=lambda token: (token.get("note") or "", token.get("id") or "")):
            if is_hub_made(token):
                continue
            if not (token.get("note") or "").strip():
                left_out.append(dict(user=owner, id=token.get("id"), reason="no note: nothing names it on another hub"))
                continue
            tokens.append(_token_entry(owner, token))
    roster = dict(onboard_users=exported_users, onboard_groups=exported_groups)
    if tokens_of is not None:
        roster["onboard_tokens"] = tokens
    return roster, left_out


def _user_entry(user):
    entry = {"name": user["name"]}
    if user.get("admin"):
        entry["admin"] = True
    return entry


def _group_entry(group, names):
    entry = {"name": group["name"], "members": sorted(member for member in group.get("users") or [] if member in names)}
    if group.get("properties"):
        entry["properties"] = _sorted(group["properties"])
    return entry


def _sorted(value):
    """``value`` with the keys of every mapping in it sorted, so that the text does not follow the hub's order."""
    if isinstance(value, dict):
        return dict((key, _sorted(value[key])) for key in sorted(value))
    if isinstance(value, list):
        return [_sorted(item) for item in value]
    return value


def _token_entry(owner, token):
    entry = {"user": owner, "note": token["note"]}
    if token.get("scopes") is not None:
        entry["scopes"] = sorted(token["scopes"])
    lifetime = token_lifetime(token)
    if lifetime is not None:
        entry["expires_in"] = lifetime
    return entry


def token_lifetime(token):
    """The seconds from a token's creation to its expiry (what ``expires_in`` made it), or None if it never expires."""
    if not token.get("expires_at") or not token.get("created"):
        return None
    seconds = (parse_timestamp(token["expires_at"]) - parse_timestamp(token["created"])).total_seconds()
    return max(int(round(seconds)), 1)


def render_roster(roster):
    """The roster as the text of a vars file the onboard role takes: a header (no date, no hub: an export of a copy
    of the hub is the same file), then each section, one entry a line."""
    lines = [
        "# A JupyterHub's users, groups%s, in the form of the jupyterhub.hub.onboard role's variables." % (
            " and token metadata" if "onboard_tokens" in roster else ""),
        "# Exported by jupyterhub.hub.jupyterhub_roster_info: sorted, no timestamps, no secrets. Apply it with",
        "# ansible-playbook ... -e @this-file (the role onboard), see docs/hub-as-code.md.",
    ]
    for section in SECTIONS:
        if section not in roster:
            continue
        entries = roster[section]
        if not entries:
            lines.append("%s: []" % section)
            continue
        lines.append("%s:" % section)
        lines.extend("  - %s" % json.dumps(entry, sort_keys=False, ensure_ascii=False, separators=(", ", ": ")) for entry in entries)
    return "\n".join(lines) + "\n"
