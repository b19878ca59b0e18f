# -*- coding: utf-8 -*-
# Copyright (c) jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Offline stand-in for the get-pip.py script that ansible-test downloads.

ansible-test bootstraps pip into every virtual environment it manages (the
sanity test environments under ~/.ansible/test/venv/) by running a get-pip.py
script that it downloads from a host which is not reachable everywhere.
Before downloading, it looks for a cached copy at
``~/.ansible/test/cache/get_pip_<pip version with dots as underscores>.py``
(``get_pip_24_2.py`` for ansible-core 2.18 and 2.19, ``get_pip_25_2.py`` for
2.20 and 2.21, ``get_pip_23_1_2.py`` for 2.17).  tests/utils/setup-ansible-test.sh
copies this file there under those names.

ansible-test runs the cached script with ``runpy`` (from its quiet_pip.py
helper, ``GET_PIP`` set to the script path) and these arguments::

    --disable-pip-version-check pip==24.2 --no-setuptools --no-wheel

The real get-pip.py installs the requested packages with a pip wheel
embedded in it.  This one uses the pip wheel bundled with Python's
``ensurepip`` instead, then hands the remaining arguments to
``python -m pip install``, which fetches the exact pip version from the
package index (PyPI or whatever pip is configured to use).  If that index
cannot be reached and only pip/setuptools/wheel were asked for, the pip from
ensurepip is kept and a warning is printed, so the script also works with no
network at all.

Standard library only; runs on every Python ansible-test may target.
"""

from __future__ import absolute_import, division, print_function

import os
import re
import subprocess
import sys

# Options understood by the real get-pip.py which are not "pip install" options.
GET_PIP_ONLY_OPTIONS = ('--no-setuptools', '--no-wheel')
INFRASTRUCTURE = ('pip', 'setuptools', 'wheel')


def log(message):
    """Print a message to stderr."""
    sys.stderr.write('get_pip (offline): %s\n' % message)
    sys.stderr.flush()


def clean_environment():
    """Return the environment for child processes, without ansible-test's GET_PIP."""
    env = dict(os.environ)
    env.pop('GET_PIP', None)
    return env


def run(args, capture=False):
    """Run a command with the current interpreter and return (returncode, output)."""
    cmd = [sys.executable] + list(args)
    if capture:
        proc = subprocess.Popen(cmd, env=clean_environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        output = proc.communicate()[0]
        return proc.returncode, output.decode('utf-8', 'replace')
    return subprocess.call(cmd, env=clean_environment()), ''


def is_installed(name):
    """Return True if the named distribution can be imported by the current interpreter."""
    code = 'import importlib.util, sys; sys.exit(0 if importlib.util.find_spec(%r) else 1)' % name
    if sys.version_info[0] < 3:
        code = 'import imp; imp.find_module(%r)' % name
    return run(['-c', code], capture=True)[0] == 0


def requirement_name(arg):
    """Return the normalised project name of a requirement argument, or None for an option."""
    if arg.startswith('-'):
        return None
    match = re.match(r'^\s*([A-Za-z0-9][A-Za-z0-9._-]*)', arg)
    if not match:
        return None
    return re.sub(r'[-_.]+', '-', match.group(1)).lower()


def main(argv):
    """Bootstrap pip with ensurepip, then install what was asked for with pip."""
    no_setuptools = '--no-setuptools' in argv
    no_wheel = '--no-wheel' in argv
    pip_args = [arg for arg in argv if arg not in GET_PIP_ONLY_OPTIONS]
    requested = [name for name in (requirement_name(arg) for arg in pip_args) if name]

    if not requested:
        # like get-pip.py with no arguments: make sure pip itself is installed
        pip_args.append('pip')
        requested.append('pip')

    had_setuptools = is_installed('setuptools')
    had_wheel = is_installed('wheel')

    if not is_installed('pip'):
        returncode, output = run(['-m', 'ensurepip', '--default-pip'], capture=True)
        if returncode != 0:
            sys.stderr.write(output)
            log('"%s -m ensurepip" failed (exit %d); this Python has no usable ensurepip' % (sys.executable, returncode))
            return returncode or 1

    returncode = run(['-m', 'pip', 'install'] + pip_args)[0]

    if returncode != 0:
        if all(name in INFRASTRUCTURE for name in requested) and is_installed('pip'):
            log('"pip install %s" failed (exit %d); keeping the pip bundled with ensurepip' % (' '.join(pip_args), returncode))
        else:
            return returncode

    # ensurepip on Python < 3.12 also installs setuptools; honour get-pip.py's --no-setuptools/--no-wheel
    remove = []
    if no_setuptools and not had_setuptools and 'setuptools' not in requested:
        remove.append('setuptools')
    if no_wheel and not had_wheel and 'wheel' not in requested:
        remove.append('wheel')
    remove = [name for name in remove if is_installed(name)]
    if remove:
        returncode, output = run(['-m', 'pip', 'uninstall', '--disable-pip-version-check', '-y'] + remove, capture=True)
        if returncode != 0:
            sys.stderr.write(output)
            return returncode

    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
