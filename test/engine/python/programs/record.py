#!/usr/bin/env python3
"""Records what CPython 3.11 prints for each program here (python3 -u: stdout and stderr in order).

Programs run from a temporary copy of this folder; its path is rewritten to /proj, the path the
tests run them under. A program is a NAME.py file or a NAME/ folder with a main.py; the expected
output goes to NAME.out.
"""
import os
import shutil
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(tempfile.mkdtemp(), 'proj')
shutil.copytree(here, root, ignore=shutil.ignore_patterns('*.out', 'record.py', '__pycache__'))
for name in sorted(os.listdir(here)):
    path = os.path.join(here, name)
    if name.endswith('.py') and name != 'record.py':
        script, out = os.path.join(root, name), os.path.join(here, name[:-3] + '.out')
    elif os.path.isdir(path) and os.path.exists(os.path.join(path, 'main.py')):
        script, out = os.path.join(root, name, 'main.py'), os.path.join(here, name + '.out')
    else:
        continue
    r = subprocess.run([sys.executable, '-u', '-B', script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=os.path.dirname(script))
    with open(out, 'w') as f:
        f.write(r.stdout.decode().replace(root, '/proj'))
    print(f'{name}: exit {r.returncode}')
