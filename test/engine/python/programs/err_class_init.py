class A:
    def __init__(self, x):
        self.x = int(x)
a = A("abc")
