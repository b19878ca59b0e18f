# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/api-coverage.md against the code: every endpoint row names modules that exist and send its method.

Each table row is ``| method | path | module | notes |``. The module column either
names modules (backticked ``jupyterhub_*`` names, options in parentheses) or is
"none", and then the notes give the reason.

A module "sends" a method when the method is a string literal (``"PATCH"``) in
the module or in a module_utils file it imports (directly or through another
one). client.py, the HTTP layer, names every method, so it counts for GET only:
the modules read through its get(), paginate() and get_named() helpers, but
their writes are Calls with the method spelled out.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

import pytest

# tests/unit/<this file>: the root of the repository, or of the staged collection in build/.
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOC = os.path.join(ROOT, "docs", "api-coverage.md")
MODULES = os.path.join(ROOT, "plugins", "modules")
MODULE_UTILS = os.path.join(ROOT, "plugins", "module_utils")

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
MODULE_NAME = re.compile(r"`(jupyterhub_\w+)`")
UTILS_IMPORT = re.compile(r"^from ansible_collections\.jupyterhub\.hub\.plugins\.module_utils\.(\w+) import", re.MULTILINE)
HTTP_LAYER = "client"


class Row:
    def __init__(self, line_number, line, cells):
        self.line_number = line_number
        self.line = line
        self.method, self.path, self.module, self.notes = cells

    @property
    def methods(self):
        return [method.strip() for method in self.method.split(",")]

    @property
    def modules(self):
        return MODULE_NAME.findall(self.module)

    def __str__(self):
        return "docs/api-coverage.md line %d: %s" % (self.line_number, self.line)


def split_row(line):
    """The cells of a Markdown table row, or None for a line that is not one. ``\\|`` is not split."""
    if not line.startswith("|"):
        return None
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def parse_rows(text):
    """Every endpoint row of the doc's tables: not the header rows, nor the |---| lines under them."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = split_row(line)
        if cells is None:
            continue
        if cells and cells[0] == "method" or all(re.match(r"^:?-+:?$", cell) for cell in cells):
            continue
        if len(cells) != 4:
            pytest.fail("docs/api-coverage.md line %d: %d cells, not 4 (method, path, module, notes): %s" % (number, len(cells), line))
        rows.append(Row(number, line, cells))
    return rows


def read(path):
    with open(path) as handle:
        return handle.read()


def module_path(name):
    return os.path.join(MODULES, name + ".py")


def sources_of(name):
    """{file name: text} of the module and of the module_utils files it imports, directly or through one another."""
    sources = {name + ".py": read(module_path(name))}
    todo = list(sources.values())
    while todo:
        for util in UTILS_IMPORT.findall(todo.pop()):
            key = "module_utils/%s.py" % util
            if key not in sources:
                sources[key] = read(os.path.join(MODULE_UTILS, util + ".py"))
                todo.append(sources[key])
    return sources


def sends(sources, method):
    """Whether ``method`` is a string literal in ``sources`` (client.py counting for GET only)."""
    literal = re.compile(r"""["']%s["']""" % method)
    for file_name, text in sources.items():
        if file_name == "module_utils/%s.py" % HTTP_LAYER and method != "GET":
            continue
        if literal.search(text):
            return True
    return False


ROWS = parse_rows(read(DOC))


def row_id(row):
    return "line%d-%s-%s" % (row.line_number, row.method.replace(", ", "+"), row.path.split(",")[0].strip("` "))


def test_the_doc_has_its_tables():
    # so that a change of the table format cannot make every other test pass on no rows
    assert len(ROWS) >= 50, "only %d endpoint rows found in docs/api-coverage.md" % len(ROWS)


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_row_has_a_method_and_a_path(row):
    assert row.method, "%s: no method" % row
    unknown = [method for method in row.methods if method not in METHODS]
    assert not unknown, "%s: %s is not an HTTP method of the API (%s)" % (row, ", ".join(unknown), ", ".join(METHODS))
    paths = re.findall(r"`([^`]*)`", row.path)
    assert paths, "%s: no path (a backticked /path)" % row
    assert all(path.startswith("/") for path in paths), "%s: a path must start with / (relative to the API root)" % row


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_row_names_modules_or_none(row):
    if row.module == "none":
        return
    assert row.modules, '%s: the module column names no `jupyterhub_*` module and is not "none"' % row
    missing = [name for name in row.modules if not os.path.isfile(module_path(name))]
    assert not missing, "%s: no such module: %s (plugins/modules/<name>.py)" % (row, ", ".join(missing))


@pytest.mark.parametrize("row", [row for row in ROWS if row.module == "none"], ids=row_id)
def test_row_without_module_gives_a_reason(row):
    assert len(row.notes.split()) >= 3, '%s: the module column is "none", so the notes must say why' % row


@pytest.mark.parametrize("row", [row for row in ROWS if row.modules], ids=row_id)
def test_named_modules_send_the_method(row):
    for name in row.modules:
        if not os.path.isfile(module_path(name)):
            continue  # reported by test_row_names_modules_or_none
        sources = sources_of(name)
        for method in row.methods:
            if not sends(sources, method):
                searched = sorted(file_name for file_name in sources if method == "GET" or file_name != "module_utils/%s.py" % HTTP_LAYER)
                pytest.fail('%s: %s does not send %s (no "%s" in %s)' % (row, name, method, method, ", ".join(searched)))
