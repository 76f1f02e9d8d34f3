def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise RuntimeError("bad input") from e

def load():
    try:
        {}["k"]
    except KeyError:
        parse("x")

load()
