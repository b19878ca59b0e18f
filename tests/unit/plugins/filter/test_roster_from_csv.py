# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The roster_from_csv filter: each option, both presets on their samples, each error, and the CSV's quirks."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib
import os
import subprocess
import sys

import pytest

PLUGIN = "ansible_collections.jupyterhub.hub.plugins.filter.roster_from_csv"

# tests/unit/plugins/filter/<this file>: the root of the repository, or of the staged collection in build/.
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
SAMPLES = os.path.join(ROOT, "examples", "rosters")


@pytest.fixture(autouse=True, scope="module")
def controller_flag_restored():
    """The filter is controller code: importing it (ansible.errors) marks the process as the controller, after which
    AnsibleModule hands warnings to the controller's display instead of its result, which the module tests read.
    So it is imported only in these tests, never at collection, and the flag is put back after them."""
    try:
        from ansible.module_utils import _internal
    except ImportError:  # ansible-core before 2.19 has no such flag
        _internal = None
    before = getattr(_internal, "is_controller", None)
    yield
    if before is not None:
        _internal.is_controller = before


def plugin():
    return importlib.import_module(PLUGIN)


def roster_from_csv(*args, **kwargs):
    return plugin().roster_from_csv(*args, **kwargs)


def sample(name):
    with open(os.path.join(SAMPLES, name), encoding="utf-8", newline="") as handle:
        return handle.read()


def failure(*args, **kwargs):
    with pytest.raises(importlib.import_module("ansible.errors").AnsibleFilterError) as caught:
        roster_from_csv(*args, **kwargs)
    return str(caught.value)


# -- the samples, with their presets: what docs/rosters.md shows -----------------------------


def test_canvas_sample_with_its_preset():
    users = roster_from_csv(sample("canvas.csv"), preset="canvas", groups=["physics-101"])
    assert users == [
        {"name": "alovelace", "groups": ["physics-101"]},
        {"name": "ghopper", "groups": ["physics-101"]},
        {"name": "enoether", "groups": ["physics-101"]},
        {"name": "sramanujan", "groups": ["physics-101"]},
    ]


def test_canvas_sample_has_the_rows_the_preset_skips():
    text = sample("canvas.csv")
    assert "Manual Posting" in text and "    Points Possible" in text and '"Student, Test"' in text


def test_moodle_sample_with_its_preset():
    users = roster_from_csv(sample("moodle.csv"), preset="moodle", email_local_part=True, lowercase=True, groups=["chem-201"])
    assert users == [
        {"name": "mcurie", "groups": ["chem-201"]},
        {"name": "dhodgkin", "groups": ["chem-201"]},
        {"name": "rfranklin", "groups": ["chem-201"]},
        {"name": "lpauling", "groups": ["chem-201"]},
        {"name": "aball", "groups": ["chem-201"]},
    ]


def test_moodle_sample_without_lowercase_says_to_turn_it_on():
    message = failure(sample("moodle.csv"), preset="moodle", email_local_part=True)
    assert "line 5: the login 'LPauling' has upper-case letters" in message
    assert "lowercase=true" in message


# -- presets ----------------------------------------------------------------------------------


def test_canvas_first_and_last_name_columns_and_test_student():
    text = "LastName,FirstName,ID,SIS Login ID,Section\n    Points Possible,,,,\nLovelace,Ada,1,ada,A\nStudent,Test,9,abc123,A\n"
    assert roster_from_csv(text, preset="canvas") == [{"name": "ada", "groups": []}]


def test_canvas_without_an_id_column_is_not_a_gradebook_export():
    message = failure("SIS Login ID\nada\n", preset="canvas")
    assert "no column 'ID'" in message and "gradebook" in message


def test_canvas_row_with_an_id_but_no_login_is_a_bad_line():
    message = failure("Student,ID,SIS Login ID\n\"Lovelace, Ada\",1,\n", preset="canvas")
    assert "line 2: the login (column 'SIS Login ID') is empty" in message


def test_moodle_groups_when_the_file_has_them_and_roles_when_asked():
    text = ("First name,Last name,Email address,Roles,Groups\n"
            "Marie,Curie,mcurie@example.edu,Teacher,\n"
            "Ada,Lovelace,ada@example.edu,\"Non-editing teacher, Student\",\"Group A, Group B\"\n"
            "Emmy,Noether,emmy@example.edu,Student,No groups\n")
    assert roster_from_csv(text, preset="moodle", email_local_part=True)[0] == {"name": "mcurie", "groups": []}  # Roles not read unasked
    users = roster_from_csv(text, preset="moodle", email_local_part=True, admin_column="Roles", admin_values=["Teacher", "Manager"])
    assert users == [
        {"name": "mcurie", "groups": [], "admin": True},
        {"name": "ada", "groups": ["Group A", "Group B"], "admin": False},
        {"name": "emmy", "groups": ["No groups"], "admin": False},
    ]


def test_moodle_preset_without_roles_gives_no_admin_key():
    users = roster_from_csv("First name,Last name,Email address\nMarie,Curie,mcurie@example.edu\n", preset="moodle")
    assert users == [{"name": "mcurie@example.edu", "groups": []}]


def test_preset_option_given_explicitly_wins():
    text = "First name,Username,Email address\nMarie,mcurie,marie.curie@example.edu\n"
    assert roster_from_csv(text, preset="moodle", name_column="Username") == [{"name": "mcurie", "groups": []}]


def test_unknown_preset():
    assert "preset must be one of canvas, moodle" in failure("name\nada\n", preset="blackboard")


# -- options ----------------------------------------------------------------------------------


def test_defaults_read_name_groups_and_admin_columns():
    text = 'name,groups,admin\nada,"physics, lab-a",yes\ngrace,,\n'
    assert roster_from_csv(text) == [
        {"name": "ada", "groups": ["physics", "lab-a"], "admin": True},
        {"name": "grace", "groups": [], "admin": False},
    ]


def test_defaults_without_optional_columns():
    assert roster_from_csv("name\nada\n") == [{"name": "ada", "groups": []}]


def test_name_column_found_ignoring_case_and_spaces():
    assert roster_from_csv(" Login \nada\n", name_column="login") == [{"name": "ada", "groups": []}]


def test_groups_column_and_separator():
    text = "user,tutorial\nada,t1|t2||t1\n"
    assert roster_from_csv(text, name_column="user", groups_column="tutorial", groups_separator="|") == [
        {"name": "ada", "groups": ["t1", "t2"]}]


def test_extra_groups_come_first_without_duplicates():
    text = "name,groups\nada,lab-a,physics\n"
    assert roster_from_csv(text, groups=["physics", "physics"])[0]["groups"] == ["physics", "lab-a"]


def test_extra_group_that_is_empty_fails():
    assert "groups: the group '' is empty" in failure("name\nada\n", groups=[" "])


@pytest.mark.parametrize("value", ["true", "Yes", "Y", "1", "x", "X"])
def test_admin_values_by_default(value):
    assert roster_from_csv("name,admin\nada,%s\n" % value)[0]["admin"] is True


@pytest.mark.parametrize("value", ["false", "No", "n", "0", ""])
def test_non_admin_values_by_default(value):
    assert roster_from_csv("name,admin\nada,%s\n" % value)[0]["admin"] is False


def test_admin_typo_fails_with_the_default_values():
    message = failure("name,admin\nada,ture\n")
    assert "line 2: the admin column 'admin' holds 'ture'" in message


def test_admin_column_and_values_given():
    text = "name,role\nada,Instructor\ngrace,TA\nemmy,Learner\n"
    users = roster_from_csv(text, admin_column="role", admin_values=["instructor", "TA"])
    assert [user["admin"] for user in users] == [True, True, False]


def test_explicit_admin_column_must_exist():
    message = failure("name\nada\n", admin_column="Teacher")
    assert "the CSV has no column 'Teacher' (admin_column='Teacher')" in message


def test_email_local_part():
    text = "email\nalice@uni.edu\nbob\ncarol@a@b.edu\n"
    assert [user["name"] for user in roster_from_csv(text, name_column="email", email_local_part=True)] == ["alice", "bob", "carol@a"]


def test_email_kept_whole_by_default():
    assert roster_from_csv("name\nalice@uni.edu\n")[0]["name"] == "alice@uni.edu"


def test_email_with_nothing_before_the_at_fails():
    assert "line 2: the login '@uni.edu' has nothing before its '@'" in failure("name\n@uni.edu\n", email_local_part=True)


def test_lowercase():
    assert roster_from_csv("name\nAda\n", lowercase=True) == [{"name": "ada", "groups": []}]


def test_semicolon_delimiter():
    text = "name;groups;admin\nada;lab-a,physics;x\n"
    assert roster_from_csv(text, delimiter=";") == [{"name": "ada", "groups": ["lab-a", "physics"], "admin": True}]


def test_semicolon_file_read_with_commas_gives_a_hint():
    message = failure("Name;Gruppen\nada;lab\n")
    assert "delimiter=';'" in message and "'Name;Gruppen'" in message


def test_delimiter_must_be_one_character():
    assert "delimiter must be one character" in failure("name\nada\n", delimiter=";;")


# -- errors -----------------------------------------------------------------------------------


def test_missing_column_names_the_columns_of_the_file():
    message = failure("First name,Login\nAda,ada\n", name_column="username")
    assert message == ("roster_from_csv: the CSV has no column 'username' (name_column='username'). "
                       "Its columns are: 'First name', 'Login'.")


def test_missing_preset_column_says_so():
    assert "(name_column='SIS Login ID', from preset=canvas)" in failure("Student,ID\nx,1\n", preset="canvas")


def test_empty_login():
    assert failure("name,groups\n,lab\n") == "roster_from_csv: 1 bad line, no user was read: line 2: the login (column 'name') is empty"


def test_duplicate_login_names_both_lines():
    assert "line 4: the login 'ada' is already on line 2" in failure("name\nada\ngrace\nada\n")


def test_duplicate_made_by_the_email_mapping():
    message = failure("name\nalice@uni.edu\nalice@cs.uni.edu\n", email_local_part=True)
    assert "line 3: the login 'alice' is already on line 2 ('alice@uni.edu' on line 2 and 'alice@cs.uni.edu' on line 3)" in message


def test_duplicate_made_by_lowercasing():
    message = failure("name\nAda\nada\n", lowercase=True)
    assert "line 3: the login 'ada' is already on line 2 ('Ada' on line 2 and 'ada' on line 3)" in message


def test_upper_case_login_says_to_turn_lowercase_on():
    message = failure("name\nAda\n")
    assert message == ("roster_from_csv: 1 bad line, no user was read: line 2: the login 'Ada' has upper-case letters: "
                       "JupyterHub stores names in lower case, so use 'ada', or give the filter lowercase=true")


def test_login_with_a_line_break_fails():
    assert "line 2: the login 'a\\nb' has a control character" in failure('name\n"a\nb"\n')


def test_bad_group_name_fails():
    assert "line 2: the group 'a\\nb' has a control character" in failure('name,groups\nada,"a\nb"\n')
    assert "is longer than 255 characters" in failure("name,groups\nada,%s\n" % ("g" * 256))


def test_every_bad_line_at_once_and_no_partial_list():
    message = failure("name\nAda\n\ngrace\n\nada\ngrace\n")
    assert message.startswith("roster_from_csv: 2 bad lines, no user was read: ")
    assert "line 2: the login 'Ada'" in message and "line 7: the login 'grace' is already on line 4" in message


def test_many_bad_lines_are_cut_after_twenty():
    message = failure("name\n" + "\n".join("User%d" % number for number in range(25)) + "\n")
    assert message.count("upper-case") == 20
    assert "line 21: the login 'User19'" in message and "User20" not in message
    assert message.endswith("; and 5 more")


def test_empty_input_has_no_header():
    assert "no header line" in failure("")
    assert "no header line" in failure("\n\nname\nada\n")


def test_input_of_another_type():
    assert "must be CSV text or a list of lines, not dict" in failure({"name": "ada"})
    assert "not a list of lines" in failure(["name", 1])


def test_unreadable_csv_names_the_line():
    assert "line 3: the CSV cannot be read" in failure('name\nada\n"bad"x\n')


# -- the CSV's quirks -------------------------------------------------------------------------


def test_utf8_bom_and_crlf():
    assert roster_from_csv(u"\ufeffname,groups\r\nada,lab\r\ngrace,\r\n") == [
        {"name": "ada", "groups": ["lab"]}, {"name": "grace", "groups": []}]


def test_bytes_with_a_bom():
    assert roster_from_csv(u"\ufeffname\r\nada\r\n".encode("utf-8")) == [{"name": "ada", "groups": []}]


def test_quoted_fields_with_commas_quotes_and_line_breaks_keep_line_numbers():
    text = 'student,name\n"Lovelace, ""Ada""\nCountess",ada\n"Hopper, Grace",Grace\n'
    message = failure(text)
    assert "line 4: the login 'Grace'" in message
    assert roster_from_csv(text, lowercase=True)[0] == {"name": "ada", "groups": []}


def test_blank_lines_and_empty_rows_are_skipped():
    assert roster_from_csv("name,groups\n\nada,lab\n,\n\n\n") == [{"name": "ada", "groups": ["lab"]}]


def test_short_rows_have_empty_cells():
    assert roster_from_csv("groups,name,admin\nlab,ada\n") == [{"name": "ada", "groups": ["lab"], "admin": False}]


def test_list_of_lines_as_lookup_lines_gives():
    lines = ["name,groups", "ada,\"lab,", "physics\"", "", "Grace,"]
    message = failure(lines)
    assert "line 5: the login 'Grace'" in message
    assert roster_from_csv(lines[:4]) == [{"name": "ada", "groups": ["lab", "physics"]}]


def test_cells_are_stripped():
    assert roster_from_csv("name,groups\n  ada  , lab \n") == [{"name": "ada", "groups": ["lab"]}]


# -- the plugin -------------------------------------------------------------------------------


def test_filter_module_exposes_the_filter():
    assert plugin().FilterModule().filters() == {"roster_from_csv": plugin().roster_from_csv}


def test_imports_without_requests():
    """The filter runs on the controller, where requests may be missing."""
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'requests' or name.startswith('requests.'):\n"
        "            raise ImportError('no requests here')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from ansible_collections.jupyterhub.hub.plugins.filter.roster_from_csv import roster_from_csv\n"
        "assert 'requests' not in sys.modules\n"
        "print(roster_from_csv('name\\nada\\n'))\n"
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[{'name': 'ada', 'groups': []}]"
