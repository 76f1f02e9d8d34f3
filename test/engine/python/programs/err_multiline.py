def build(**kwargs):
    return kwargs["name"].upper()

config = build(
    title="x",
    other=1,
)
