import os
x = os.path.joinn("a", "b")
