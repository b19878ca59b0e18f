# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The roster_from_csv filter: an LMS export (CSV text) into the onboard role's onboard_users."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: roster_from_csv
version_added: 1.1.0
short_description: Turn a CSV roster (a Canvas or Moodle export) into the onboard role's users
description:
  - Reads CSV text, such as a course roster exported from an LMS, and returns the list that the
    P(jupyterhub.hub.onboard#role) role takes as O(jupyterhub.hub.onboard#role:main/onboard_users), in the
    order of the file.
  - The first line is the header. Columns are found by their header name, ignoring case and the white space
    around it. Rows that are blank (an empty line, or only empty cells) are skipped. White space around a cell
    is dropped.
  - Each login is checked by the rule the modules check user names by (see M(jupyterhub.hub.jupyterhub_user)),
    after the O(email_local_part) and O(lowercase) mappings, and must not hold a control character (a line break
    inside a quoted cell). Nothing is half-read. Every bad line is collected and
    the filter fails once, naming each line by the number of the physical line of the file where its record starts
    (the header is line 1), and the reason. It never returns a partial list.
  - Handles a UTF-8 byte order mark (Excel writes one), CRLF line ends, quoted fields holding the delimiter, quotes
    or line breaks, and blank lines at the end.
  - Runs on the controller and needs nothing beyond ansible-core (not C(requests)).
positional: _input
options:
  _input:
    description:
      - The CSV text, as C(lookup('ansible.builtin.file', ...)) gives it (one string), or a list of lines, as
        C(lookup('ansible.builtin.lines', ..., wantlist=true)) or C(splitlines) gives them.
    type: raw
    required: true
  preset:
    description:
      - Defaults for the columns of a known export. An option given explicitly wins over its preset's value.
      - V(canvas) expects the gradebook export of Canvas (Grades, Export, Export Entire Gradebook), which a
        teacher can download. The login is O(name_column=SIS Login ID). The export lists students only, and has no
        group or admin column, so give the course group in O(groups). The rows that are not students are
        skipped, which are the C(Points Possible) row, the C(Manual Posting) row that Canvas adds when an
        assignment posts its grades manually (both have an empty C(ID)), and the course's Test Student (C(Student,
        Test), the student view's fake student, listed last).
      - V(moodle) expects the participants download of Moodle (Participants, select all, With selected users,
        Download table data as, Comma separated values), which a teacher can download. It has C(First name),
        C(Last name) and the site's identity fields, by default C(Email address). The login is
        O(name_column=Email address); set O(email_local_part=true) when the hub's logins are the part before the
        C(@), or O(name_column=Username) when the site shows user names (the C(showuseridentity) setting). A
        C(Groups) column (groups separated by commas) is read when the file has it, for example in an export of a
        report of the participants. A C(Roles) column is not read unless asked, since a hub admin controls every
        user's servers, for example O(admin_column=Roles) with O(admin_values=[Teacher, Manager]).
      - Without a preset, the login is in a column C(name), and the columns C(groups) and C(admin) are read when
        the file has them, so a file written by hand can mirror O(jupyterhub.hub.onboard#role:main/onboard_users).
      - A column that a preset or the defaults name as read when the file has it is simply left out when it is
        missing. A column given explicitly as an option must be in the file.
    type: str
    choices: [canvas, moodle]
  name_column:
    description:
      - The column holding each user's login.
      - Default C(name), or the preset's login column.
    type: str
  groups_column:
    description:
      - A column holding the groups each user joins, separated by O(groups_separator). An empty cell means no group.
      - Default C(groups) (when the file has it), or the preset's group column.
    type: str
  groups_separator:
    description:
      - What separates the groups inside one cell of O(groups_column). White space around each group is dropped,
        and empty pieces are ignored.
    type: str
    default: ","
  groups:
    description:
      - Groups every user of the file joins, for example the course's group, since a course export often has no
        group column. They come first in each user's C(groups), before those of O(groups_column).
    type: list
    elements: str
    default: []
  admin_column:
    description:
      - A column that says whether each user is a hub admin, by one of O(admin_values).
      - When the file has no admin column, the users get no C(admin) key, so the flag of an existing user is left
        as it is and new users are created as non-admins.
      - Default C(admin) (when the file has it). The presets read no admin column, so name one to use it.
    type: str
  admin_values:
    description:
      - The values of O(admin_column) that make a user an admin, compared without regard to case. A cell may hold
        several values separated by commas, as an LMS role column does (C(Teacher, Student)); one admin value is
        enough.
      - With the default, a yes/no column, the other accepted values are V(false), V(no), V(n), V(0) and an empty
        cell; anything else is a bad line, so that a typo does not silently withdraw a flag.
      - Given explicitly (role names such as V(Teacher)), any other value means not an admin.
      - Default V(true), V(yes), V(y), V(1), V(x).
    type: list
    elements: str
  email_local_part:
    description:
      - Map a login that is an e-mail address to its local part, the part before the last C(@)
        (C(alice@uni.edu) becomes C(alice)). A login without C(@) is kept as it is.
      - Two addresses with the same local part (C(alice@uni.edu) and C(alice@cs.uni.edu)) make a duplicate login,
        which fails naming both lines.
    type: bool
    default: false
  lowercase:
    description:
      - Lower-case each login, as JupyterHub stores user names.
      - Off by default, a login with upper-case letters fails naming its line, so that a file that holds
        C(Ada) and C(ada) for two people is noticed rather than merged. Turn it on when the logins of the export
        are known to differ only in case from the hub's (an e-mail column, LMS logins shown capitalised). Two logins
        that differ only in case then fail as a duplicate.
    type: bool
    default: false
  delimiter:
    description:
      - The one character between fields. Excel in many European locales writes V(;) instead of V(,).
    type: str
    default: ","
notes:
  - Group names are checked too. They must not hold control characters (a line break inside a quoted cell), and must
    be at most 255 characters, the longest name the hub stores. The hub keeps a group name's case.
  - At most 20 bad lines are listed in the failure, then how many more there are.
seealso:
  - name: Rosters from an LMS export
    description: The guide, from an export to the onboard role, with a sample of each export.
    link: https://github.com/jupyterhub/ansible-collection-hub/blob/main/docs/rosters.md
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
"""

EXAMPLES = r"""
- name: Onboard a Canvas course from its gradebook export
  ansible.builtin.include_role:
    name: jupyterhub.hub.onboard
  vars:
    onboard_users: "{{ lookup('ansible.builtin.file', 'physics-101.csv') | jupyterhub.hub.roster_from_csv(preset='canvas', groups=['physics-101']) }}"

- name: Onboard a Moodle course from its participants download, logins being the e-mail's local part
  ansible.builtin.include_role:
    name: jupyterhub.hub.onboard
  vars:
    onboard_users: >-
      {{ lookup('ansible.builtin.file', 'courseid_42_participants.csv')
         | jupyterhub.hub.roster_from_csv(preset='moodle', email_local_part=true, lowercase=true, groups=['chem-201']) }}

- name: A file of one's own, semicolon-delimited by Excel, with an admin column holding x for the teachers
  ansible.builtin.set_fact:
    onboard_users: >-
      {{ lookup('ansible.builtin.file', 'class.csv')
         | jupyterhub.hub.roster_from_csv(name_column='Login', admin_column='Teacher', groups_column='Tutorial',
                                          delimiter=';') }}
"""

RETURN = r"""
_value:
  description:
    - The users, in the order of the file, each with C(name) and C(groups) (a list, empty when the user joins no
      group), and C(admin) (a boolean) only when the file has an admin column.
  type: list
  elements: dict
  sample:
    - {name: ada, groups: [physics-101]}
    - {name: grace, groups: [physics-101, lab-a]}
"""

import csv
import io
import unicodedata

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.jupyterhub.hub.plugins.module_utils.names import user_name_problem

BOM = u"\ufeff"
MAX_REPORTED = 20
MAX_GROUP_NAME = 255  # the hub's orm.Group.name is Unicode(255)
TRUE_VALUES = ("true", "yes", "y", "1", "x")
FALSE_VALUES = ("false", "no", "n", "0", "")

# What each preset sets: columns that are read only when the file has them are listed in "optional".
PRESETS = {
    None: dict(name_column="name", groups_column="groups", admin_column="admin", optional=("groups_column", "admin_column")),
    "canvas": dict(name_column="SIS Login ID", groups_column=None, admin_column=None, optional=()),
    # a Roles column is not read for admin on its own: making every teacher a hub admin (and every
    # student a non-admin) must be asked for with admin_column
    "moodle": dict(name_column="Email address", groups_column="Groups", admin_column=None, optional=("groups_column",)),
}
CANVAS_TEST_STUDENT = ("student, test", ("student", "test"))


def _text_of(data):
    """The CSV as one text, from a string or a list of lines."""
    if isinstance(data, bytes):
        data = to_text(data, errors="surrogate_or_strict")
    if isinstance(data, str):
        return data
    if isinstance(data, (list, tuple)):
        if not all(isinstance(line, str) for line in data):
            raise AnsibleFilterError("roster_from_csv: the input is a list, but not a list of lines (strings)")
        return "\n".join(line.rstrip("\r\n") for line in data)
    raise AnsibleFilterError("roster_from_csv: the input must be CSV text or a list of lines, not %s" % type(data).__name__)


def _records(text, delimiter):
    """(line number where the record starts, cells) for each record of the CSV, blank ones included."""
    if text.startswith(BOM):
        text = text[len(BOM):]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise AnsibleFilterError("roster_from_csv: line %d: the CSV cannot be read: %s" % (start, exc))
        yield start, row
        start = reader.line_num + 1


def _find_column(header, wanted):
    """The index of the column named ``wanted`` (case and surrounding white space ignored), or None."""
    key = wanted.strip().casefold()
    for index, name in enumerate(header):
        if name.strip().casefold() == key:
            return index
    return None


def _control_problem(name):
    if any(unicodedata.category(char) == "Cc" for char in name):
        return "has a control character (a line break?) in it"
    return None


def _group_problem(group):
    if _control_problem(group):
        return _control_problem(group)
    if len(group) > MAX_GROUP_NAME:
        return "is longer than %d characters" % MAX_GROUP_NAME
    return None


def _split(cell, separator):
    return [part.strip() for part in cell.split(separator) if part.strip()]


def roster_from_csv(data, preset=None, name_column=None, groups_column=None, groups_separator=",", groups=None,
                    admin_column=None, admin_values=None, email_local_part=False, lowercase=False, delimiter=","):
    """The users of the CSV ``data``, as the onboard role's onboard_users; AnsibleFilterError naming every bad line."""
    if preset not in PRESETS:
        raise AnsibleFilterError("roster_from_csv: preset must be one of canvas, moodle, not %r" % (preset,))
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise AnsibleFilterError("roster_from_csv: delimiter must be one character, not %r" % (delimiter,))
    if not isinstance(groups_separator, str) or not groups_separator:
        raise AnsibleFilterError("roster_from_csv: groups_separator must be a non-empty string")
    defaults = PRESETS[preset]
    given = dict(name_column=name_column, groups_column=groups_column, admin_column=admin_column)
    columns = dict((option, value if value is not None else defaults.get(option)) for option, value in given.items())
    optional = set(option for option in defaults["optional"] if given[option] is None)
    yes_no = admin_values is None and defaults.get("admin_values") is None
    admin_words = set(value.strip().casefold() for value in (admin_values or defaults.get("admin_values") or TRUE_VALUES))

    extra_groups = []
    for group in groups or []:
        group = str(group).strip()
        problem = "is empty" if not group else _group_problem(group)
        if problem:
            raise AnsibleFilterError("roster_from_csv: groups: the group %r %s" % (group, problem))
        if group not in extra_groups:
            extra_groups.append(group)

    records = _records(_text_of(data), delimiter)
    header = next(records, (1, []))[1]
    if not any(cell.strip() for cell in header):
        raise AnsibleFilterError("roster_from_csv: the CSV has no header line (line 1 is empty)")
    index = {}
    for option, name in columns.items():
        if name is None:
            continue
        found = _find_column(header, name)
        if found is None and option not in optional:
            hint = ""
            if len(header) == 1 and delimiter != ";" and ";" in header[0]:
                hint = " It looks semicolon-delimited: give the filter delimiter=';'."
            raise AnsibleFilterError("roster_from_csv: the CSV has no column %r (%s=%r%s). Its columns are: %s.%s" % (
                name, option, name, ", from preset=%s" % preset if given[option] is None and preset else "",
                ", ".join(repr(cell.strip()) for cell in header), hint))
        if found is not None:
            index[option] = found
    canvas_id = _find_column(header, "ID") if preset == "canvas" else None
    if preset == "canvas" and canvas_id is None:
        raise AnsibleFilterError("roster_from_csv: the CSV has no column 'ID', which a Canvas gradebook export (preset=canvas) has. "
                                 "Its columns are: %s." % ", ".join(repr(cell.strip()) for cell in header))

    users, problems, first_line = [], [], {}
    for line, row in records:
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue

        def cell(option, cells=cells):
            position = index.get(option) if isinstance(option, str) else option
            return cells[position] if position is not None and position < len(cells) else ""

        if preset == "canvas":
            # the Points Possible and Manual Posting rows have no Canvas ID; the Test Student is the course's fake student
            names = (cells[0].casefold(), tuple(text.casefold() for text in cells[:2]))
            if not cell(canvas_id) or names[0] == CANVAS_TEST_STUDENT[0] or names[1] == CANVAS_TEST_STUDENT[1]:
                continue

        given_login = cell("name_column")
        if not given_login:
            problems.append("line %d: the login (column %r) is empty" % (line, columns["name_column"]))
            continue
        name = given_login
        if email_local_part and "@" in name:
            name = name.rsplit("@", 1)[0].strip()
            if not name:
                problems.append("line %d: the login %r has nothing before its '@'" % (line, given_login))
                continue
        if lowercase:
            name = name.lower()
        problem = user_name_problem(name) or _control_problem(name)
        if problem:
            if problem.startswith("has upper-case letters"):
                problem += ", or give the filter lowercase=true"
            problems.append("line %d: the login %r %s" % (line, name, problem))
            continue
        if name in first_line:
            earlier, earlier_login = first_line[name]
            mapped = "" if earlier_login == given_login else " (%r on line %d and %r on line %d)" % (
                earlier_login, earlier, given_login, line)
            problems.append("line %d: the login %r is already on line %d%s" % (line, name, earlier, mapped))
            continue
        first_line[name] = (line, given_login)

        user_groups = list(extra_groups)
        bad_groups = []
        for group in _split(cell("groups_column"), groups_separator) if "groups_column" in index else []:
            group_problem = _group_problem(group)
            if group_problem:
                bad_groups.append("line %d: the group %r %s" % (line, group, group_problem))
            elif group not in user_groups:
                user_groups.append(group)
        if bad_groups:
            problems.append(bad_groups[0])
            continue
        user = dict(name=name, groups=user_groups)

        if "admin_column" in index:
            values = [value.casefold() for value in _split(cell("admin_column"), ",")]
            user["admin"] = any(value in admin_words for value in values)
            unknown = [value for value in values if value not in admin_words and value not in FALSE_VALUES]
            if yes_no and unknown:
                problems.append("line %d: the admin column %r holds %r, neither an admin value (%s) nor a non-admin one (%s, or empty)"
                                % (line, columns["admin_column"], cell("admin_column"), ", ".join(TRUE_VALUES), ", ".join(FALSE_VALUES[:-1])))
                continue
        users.append(user)

    if problems:
        shown = problems[:MAX_REPORTED]
        more = len(problems) - len(shown)
        raise AnsibleFilterError("roster_from_csv: %d bad line%s, no user was read: %s%s" % (
            len(problems), "" if len(problems) == 1 else "s", "; ".join(shown), "; and %d more" % more if more else ""))
    return users


class FilterModule(object):
    """The collection's filters."""

    def filters(self):
        return {"roster_from_csv": roster_from_csv}
