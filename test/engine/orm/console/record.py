#!/usr/bin/env python3
"""Records what CPython's interactive console (code.InteractiveConsole, as `manage.py shell`
uses it) prints for each case of cases.json: stdout (prompts and echoed values) and stderr
(tracebacks), into console.json. Object addresses are written as 0x..."""
import code
import contextlib
import io
import json
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
cases = json.load(open(os.path.join(here, 'cases.json')))
result = {}
for name, lines in cases.items():
    feed = iter(lines)

    def fake_input(prompt=''):
        sys.stdout.write(prompt)
        try:
            return next(feed)
        except StopIteration:
            raise EOFError

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        console = code.InteractiveConsole(locals={'__name__': '__console__'})
        console.raw_input = fake_input
        console.interact(banner='', exitmsg='')
    fix = lambda s: re.sub(r' at 0x[0-9a-f]+>', ' at 0x...>', s)
    result[name] = {'stdout': fix(out.getvalue()), 'stderr': fix(err.getvalue())}
json.dump(result, open(os.path.join(here, 'console.json'), 'w'), indent=1, ensure_ascii=False)
print('recorded', len(result), 'cases with', sys.version.split()[0])
