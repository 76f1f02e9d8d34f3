class Config:
    value = int("12")
    other = int("nope")
