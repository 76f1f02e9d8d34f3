def deco(f):
    raise RuntimeError("bad decorator")

@deco
def g():
    pass
