"""
Hand-written state pairs for the autodetector's rarer paths, recorded with real Django like
generate.py (same spec format):

    PYTHONHASHSEED=0 PYTHONPATH=/tmp/oracle-root/usr/lib/python3/dist-packages \\
        python3 test/engine/autodetector/oracle/special.py > test/engine/autodetector/oracle/special-cases.json
"""
import json
import sys
import os

sys.path.insert(0, os.path.dirname(__file__))
from generate import run_case  # noqa: E402

PK = ["id", "BigAutoField", {"auto_created": True, "primary_key": True, "serialize": False, "verbose_name": "ID"}]


def M(app, name, fields, options=None, bases=None):
    m = {"app": app, "name": name, "fields": [PK] + fields if not any(f[2].get("primary_key") for f in fields) and not (options or {}).get("proxy") else fields, "options": options or {}}
    if bases:
        m["bases"] = bases
    return m


def char(n=20, **kw):
    return ["CharField", dict(max_length=n, **kw)]


def F(name, spec):
    return [name, spec[0], spec[1]]


def fk(to, **kw):
    return ["ForeignKey", dict(to=to, on_delete=kw.pop("on_delete", "CASCADE"), **kw)]


def leaves(*apps):
    return [[a, "0001_initial"] for a in apps]


CASES = []


def case(title, frm, to, apps=(), answers=None, trim=None):
    CASES.append({"title": title, "from": frm, "to": to, "leaves": leaves(*apps), "answers": answers or {}, **({"trim": trim} if trim else {})})


# proxy <-> concrete
case(
    "proxy becomes concrete, with an FK pointing at it",
    [M("shop", "Base", [F("name", char())]), M("shop", "Item", [], {"proxy": True}, ["shop.base"]), M("shop", "Order", [F("item", fk("shop.item"))])],
    [M("shop", "Base", [F("name", char())]), M("shop", "Item", [F("sku", char())]), M("shop", "Order", [F("item", fk("shop.item"))])],
    ["shop"],
)
case(
    "concrete becomes proxy",
    [M("shop", "Base", [F("name", char())]), M("shop", "Item", [F("sku", char())])],
    [M("shop", "Base", [F("name", char())]), M("shop", "Item", [], {"proxy": True}, ["shop.base"])],
    ["shop"],
)
# MTI child created with a field removed from its base
case(
    "MTI child takes over a base field",
    [M("zoo", "Animal", [F("name", char()), F("legs", ["IntegerField", {}])])],
    [
        M("zoo", "Animal", [F("name", char())]),
        M("zoo", "Dog", [F("animal_ptr", ["OneToOneField", {"to": "zoo.animal", "on_delete": "CASCADE", "auto_created": True, "parent_link": True, "primary_key": True, "serialize": False}]), F("legs", ["IntegerField", {}])], {}, ["zoo.animal"]),
    ],
    ["zoo"],
)
# order_with_respect_to
case(
    "order_with_respect_to on a new model and removal of the field it used",
    [M("a", "Parent", []), M("a", "Kid", [F("parent", fk("a.parent")), F("x", char())], {"order_with_respect_to": "parent"})],
    [M("a", "Parent", []), M("a", "Kid", [F("x", char())]), M("a", "Toy", [F("kid", fk("a.kid"))], {"order_with_respect_to": "kid"})],
    ["a"],
)
# through model deletion
case(
    "delete an M2M with an explicit through model",
    [
        M("m", "Person", []),
        M("m", "Group", [F("members", ["ManyToManyField", {"to": "m.person", "through": "m.Membership"}])]),
        M("m", "Membership", [F("person", fk("m.person")), F("group", fk("m.group"))]),
    ],
    [M("m", "Person", []), M("m", "Group", [])],
    ["m"],
)
# cross-app model rename
case(
    "model renamed while another app points at it",
    [M("a", "Old", [F("name", char())]), M("b", "Ref", [F("old", fk("a.old"))])],
    [M("a", "New", [F("name", char())]), M("b", "Ref", [F("old", fk("a.new"))])],
    ["a", "b"],
    {"rename_model": True},
)
case(
    "FK to a renamed model also changes null",
    [M("a", "Old", [F("name", char())]), M("a", "Ref", [F("old", fk("a.old"))])],
    [M("a", "New", [F("name", char())]), M("a", "Ref", [F("old", fk("a.new", null=True))])],
    ["a"],
    {"rename_model": True},
)
case(
    "to_field target renamed",
    [M("a", "T", [F("code", char(unique=True))]), M("a", "R", [F("t", fk("a.t", to_field="code"))])],
    [M("a", "T", [F("key", char(unique=True))]), M("a", "R", [F("t", fk("a.t", to_field="key"))])],
    ["a"],
    {"rename": True},
)
case(
    "M2M becomes FK",
    [M("a", "T", []), M("a", "R", [F("t", ["ManyToManyField", {"to": "a.t"}])])],
    [M("a", "T", []), M("a", "R", [F("t", fk("a.t", null=True))])],
    ["a"],
)
case(
    "three apps in a cycle",
    [],
    [M("a", "A", [F("b", fk("b.b"))]), M("b", "B", [F("c", fk("c.c"))]), M("c", "C", [F("a", fk("a.a"))])],
)
case(
    "new model in another app referenced by an existing model",
    [M("a", "A", [])],
    [M("a", "A", [F("b", fk("b.b", null=True))]), M("b", "B", [F("a", fk("a.a"))])],
    ["a"],
)
case(
    "delete a model referenced by two removed FKs",
    [M("s", "Target", []), M("s", "Alpha", [F("t", fk("s.target"))]), M("s", "Beta", [F("t", fk("s.target")), F("u", fk("s.target"))]), M("s", "Gamma", [F("t", fk("s.target"))])],
    [M("s", "Alpha", []), M("s", "Beta", []), M("s", "Gamma", [])],
    ["s"],
)
case(
    "unique_together with a renamed field",
    [M("u", "T", [F("a", char()), F("b", char())], {"unique_together": [["a", "b"]]})],
    [M("u", "T", [F("a", char()), F("c", char())], {"unique_together": [["a", "c"]]})],
    ["u"],
    {"rename": True},
)
case(
    "field removed together with the unique_together using it",
    [M("u", "T", [F("a", char()), F("b", char())], {"unique_together": [["a", "b"]]})],
    [M("u", "T", [F("a", char())])],
    ["u"],
)
case(
    "index_together (historical) turned into an index",
    [M("i", "T", [F("a", char()), F("b", char())], {"index_together": [["a", "b"]]})],
    [M("i", "T", [F("a", char()), F("b", char())], {"indexes": [{"fields": ["a", "b"], "name": "t_a_b_idx"}]})],
    ["i"],
)
case(
    "constraint message changed: AlterConstraint",
    [M("c", "T", [F("a", ["IntegerField", {}])], {"constraints": [{"kind": "check", "lookup": "a__gte", "value": 0, "name": "a_pos"}]})],
    [M("c", "T", [F("a", ["IntegerField", {}])], {"constraints": [{"kind": "check", "lookup": "a__gte", "value": 0, "name": "a_pos", "message": "nope"}]})],
    ["c"],
)
case(
    "constraint condition changed: remove + add",
    [M("c", "T", [F("a", ["IntegerField", {}])], {"constraints": [{"kind": "check", "lookup": "a__gte", "value": 0, "name": "a_pos"}]})],
    [M("c", "T", [F("a", ["IntegerField", {}])], {"constraints": [{"kind": "check", "lookup": "a__gte", "value": 1, "name": "a_pos"}]})],
    ["c"],
)
case(
    "new model with a table comment, db_table and verbose name",
    [],
    [M("t", "T", [F("a", char())], {"db_table_comment": "hello", "db_table": "tt", "verbose_name": "tee", "ordering": ["-a"]})],
)
case(
    "primary key field renamed and altered",
    [M("p", "T", [F("code", char(primary_key=True, serialize=False))]), M("p", "R", [F("t", fk("p.t"))])],
    [M("p", "T", [F("key", char(30, primary_key=True, serialize=False))]), M("p", "R", [F("t", fk("p.t"))])],
    ["p"],
    {"rename": False},
)
case(
    "unmanaged model becomes managed and changes options",
    [M("u", "Legacy", [F("a", char())], {"managed": False, "db_table": "legacy"})],
    [M("u", "Legacy", [F("a", char())], {"db_table": "legacy"})],
    ["u"],
)
case(
    "a self-referencing model and a swappable FK, trimmed to one app",
    [],
    [M("a", "Node", [F("parent", fk("a.node", null=True)), F("owner", fk("auth.user"))]), M("b", "Other", [F("node", fk("a.node"))])],
    trim=["a"],
)
case(
    "trim keeps the apps a trimmed app depends on",
    [],
    [M("a", "A", [F("b", fk("b.b"))]), M("b", "B", []), M("c", "C", [])],
    trim=["a"],
)

out = []
for c in CASES:
    title = c.pop("title")
    c["expected"] = run_case(c)
    c["title"] = title
    out.append(c)
json.dump(out, sys.stdout, indent=1)
