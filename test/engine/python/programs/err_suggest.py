def f():
    return pritn("x")
f()
