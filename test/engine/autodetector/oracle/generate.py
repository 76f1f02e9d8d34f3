"""
Records Django 5.2's autodetector on random state pairs, for oracle.test.ts to replay.

    PYTHONHASHSEED=0 PYTHONPATH=/tmp/oracle-root/usr/lib/python3/dist-packages \
        python3 test/engine/autodetector/oracle/generate.py SEED COUNT > test/engine/autodetector/oracle/cases.json

(cases.json: 400 cases picked from seeds 5 and 6, 500 each — those with several migrations,
swappable dependencies or rarer operations first.)

Each case: a spec of two project states (models as JSON: fields with class and kwargs, options,
bases), the migration graph's existing leaves, the questioner's answers; and what Django
produced: per app (in dict order), each migration's name, initial flag, sorted dependencies and
operations in a canonical JSON form.
"""
import json
import random
import sys

import django
from django.conf import settings

settings.configure(
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
    DATABASES={},
    USE_TZ=True,
)
django.setup()

from django.db import models  # noqa: E402
from django.db.migrations import migration as migration_module  # noqa: E402
from django.db.migrations.autodetector import MigrationAutodetector  # noqa: E402
from django.db.migrations.graph import MigrationGraph  # noqa: E402
from django.db.migrations.migration import Migration  # noqa: E402
from django.db.migrations.questioner import MigrationQuestioner  # noqa: E402
from django.db.migrations.state import ModelState, ProjectState  # noqa: E402
from django.db.models import NOT_PROVIDED  # noqa: E402

migration_module.get_migration_name_timestamp = lambda: "20260102_0304"

ON_DELETE = {"CASCADE": models.CASCADE, "SET_NULL": models.SET_NULL, "PROTECT": models.PROTECT}


class Questioner(MigrationQuestioner):
    def __init__(self, answers):
        super().__init__(defaults={"ask_initial": True})
        self.answers = answers

    def ask_rename(self, model_name, old_name, new_name, field_instance):
        return self.answers.get("rename", False)

    def ask_rename_model(self, old_model_state, new_model_state):
        return self.answers.get("rename_model", False)

    def ask_not_null_addition(self, field_name, model_name):
        return 7

    def ask_not_null_alteration(self, field_name, model_name):
        return NOT_PROVIDED if self.answers.get("ignore_null") else 8

    def ask_auto_now_add_addition(self, field_name, model_name):
        return 9


# ---------------------------------------------------------------------------------------------
# Spec → Django states


def make_value(v):
    if isinstance(v, dict) and "tuple" in v:
        return tuple(make_value(x) for x in v["tuple"])
    if isinstance(v, list):
        return [make_value(x) for x in v]
    return v


def make_field(cls, kwargs):
    kw = {k: make_value(v) for k, v in kwargs.items()}
    if "on_delete" in kw:
        kw["on_delete"] = ON_DELETE[kw["on_delete"]]
    if "max_length" in kw or cls in ("CharField",):
        pass
    return getattr(models, cls)(**kw)


def make_state(spec):
    state = ProjectState()
    for m in spec:
        options = {}
        for k, v in m.get("options", {}).items():
            if k == "unique_together":
                options[k] = {tuple(t) for t in v}
            elif k == "indexes":
                options[k] = [models.Index(fields=i["fields"], name=i["name"]) for i in v]
            elif k == "index_together":
                options[k] = {tuple(t) for t in v}
            elif k == "constraints":
                options[k] = [
                    models.UniqueConstraint(fields=c["fields"], name=c["name"], **({"violation_error_message": c["message"]} if "message" in c else {}))
                    if c["kind"] == "unique"
                    else models.CheckConstraint(condition=models.Q(**{c["lookup"]: c["value"]}), name=c["name"], **({"violation_error_message": c["message"]} if "message" in c else {}))
                    for c in v
                ]
            else:
                options[k] = make_value(v)
        fields = [(name, make_field(cls, kw)) for name, cls, kw in m["fields"]]
        bases = tuple(m["bases"]) if m.get("bases") else None
        state.add_model(ModelState(m["app"], m["name"], fields, options, bases))
    return state


# ---------------------------------------------------------------------------------------------
# Canonical output


def canon(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, float):
        return {"float": repr(v)}
    if isinstance(v, list):
        return {"list": [canon(x) for x in v]}
    if isinstance(v, tuple):
        return {"tuple": [canon(x) for x in v]}
    if isinstance(v, (set, frozenset)):
        return {"set": sorted(json.dumps(canon(x), sort_keys=True) for x in v)}
    if isinstance(v, dict):
        return {"dict": [[k, canon(x)] for k, x in v.items()]}
    if isinstance(v, type):
        return {"class": v.__qualname__}
    if callable(v) and hasattr(v, "__qualname__"):
        return {"fn": v.__qualname__}
    if isinstance(v, models.Field):
        name, path, args, kwargs = v.deconstruct()
        return {"field": path, "args": [canon(x) for x in args], "kwargs": {k: canon(x) for k, x in kwargs.items()}}
    if hasattr(v, "deconstruct"):
        path, args, kwargs = v.deconstruct()
        return {"obj": path, "args": [canon(x) for x in args], "kwargs": {k: canon(x) for k, x in kwargs.items()}}
    return {"repr": repr(v)}


def canon_op(op):
    name, args, kwargs = op.deconstruct()
    return {"op": name, "args": [canon(x) for x in args], "kwargs": {k: canon(x) for k, x in kwargs.items()}, "describe": op.describe()}


def run_case(case):
    graph = MigrationGraph()
    for app, name in case["leaves"]:
        graph.add_node((app, name), Migration(name, app))
    ad = MigrationAutodetector(make_state(case["from"]), make_state(case["to"]), Questioner(case["answers"]))
    changes = ad.changes(graph, trim_to_apps=set(case["trim"]) if case.get("trim") else None)
    out = []
    for app, migrations in changes.items():
        out.append(
            [
                app,
                [
                    {
                        "name": m.name,
                        "initial": bool(m.initial),
                        "deps": sorted(
                            "settings." + d[1] if d[0] == "__setting__" else "%s.%s" % d for d in m.dependencies
                        ),
                        "ops": [canon_op(op) for op in m.operations],
                    }
                    for m in migrations
                ],
            ]
        )
    return out


# ---------------------------------------------------------------------------------------------
# Random states

APPS = ["shop", "blog", "crm"]
NAMES = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"]
FIELD_NAMES = ["title", "count", "flag", "body", "created", "price", "slug", "rank", "note", "code"]


def rand_scalar(rng):
    kind = rng.choice(["char", "int", "bool", "text", "dt", "dec", "char_null", "int_default", "dt_add"])
    if kind == "char":
        return ["CharField", {"max_length": rng.choice([20, 50, 100])}]
    if kind == "char_null":
        return ["CharField", {"max_length": 30, "null": True, "blank": True}]
    if kind == "int":
        return ["IntegerField", {}]
    if kind == "int_default":
        return ["IntegerField", {"default": rng.choice([0, 1])}]
    if kind == "bool":
        return ["BooleanField", {"default": rng.choice([True, False])}]
    if kind == "text":
        return ["TextField", {"blank": rng.choice([True, False])}]
    if kind == "dt":
        return ["DateTimeField", {"null": True}]
    if kind == "dt_add":
        return ["DateTimeField", {"auto_now_add": True}]
    return ["DecimalField", {"max_digits": 8, "decimal_places": 2}]


def new_model(rng, app, name, all_models):
    fields = [["id", "BigAutoField", {"auto_created": True, "primary_key": True, "serialize": False, "verbose_name": "ID"}]]
    for fname in rng.sample(FIELD_NAMES, rng.randint(1, 4)):
        cls, kw = rand_scalar(rng)
        fields.append([fname, cls, kw])
    m = {"app": app, "name": name, "fields": fields, "options": {}}
    return m


def label(m):
    return "%s.%s" % (m["app"], m["name"].lower())


def add_relation(rng, m, models_):
    targets = [t for t in models_ if not t.get("options", {}).get("proxy")]
    if not targets:
        return
    t = rng.choice(targets)
    kind = rng.choice(["fk", "fk", "fk_null", "m2m", "o2o", "user", "self"])
    names = {f[0] for f in m["fields"]}
    fname = rng.choice(["owner", "parent", "link", "ref", "items", "partner"])
    if fname in names:
        return
    if kind == "fk":
        m["fields"].append([fname, "ForeignKey", {"to": label(t), "on_delete": "CASCADE", "related_name": "+"}])
    elif kind == "fk_null":
        m["fields"].append([fname, "ForeignKey", {"to": label(t), "on_delete": "SET_NULL", "null": True, "related_name": "+"}])
    elif kind == "m2m":
        m["fields"].append([fname, "ManyToManyField", {"to": label(t), "blank": True, "related_name": "+"}])
    elif kind == "user":
        m["fields"].append([fname, "ForeignKey", {"to": "auth.user", "on_delete": "CASCADE", "related_name": "+"}])
    elif kind == "self":
        m["fields"].append([fname, "ForeignKey", {"to": label(m), "on_delete": "CASCADE", "null": True, "related_name": "+"}])
    else:
        m["fields"].append([fname, "OneToOneField", {"to": label(t), "on_delete": "CASCADE", "related_name": "+"}])


def scalar_names(m):
    return [f[0] for f in m["fields"] if f[1] not in ("ManyToManyField", "BigAutoField")]


def random_options(rng, m):
    opts = {}
    names = scalar_names(m)
    if rng.random() < 0.3:
        opts["ordering"] = [rng.choice(names)] if names else ["id"]
    if rng.random() < 0.3 and len(names) >= 2:
        opts["unique_together"] = [sorted(rng.sample(names, 2))]
    if rng.random() < 0.3 and names:
        f = rng.choice(names)
        opts["indexes"] = [{"fields": [f], "name": "%s_%s_idx" % (m["name"].lower()[:8], f)}]
    if rng.random() < 0.15 and names:
        f = rng.choice(names)
        opts["constraints"] = [{"kind": "unique", "fields": [f], "name": "%s_%s_uniq" % (m["name"].lower()[:8], f)}]
    if rng.random() < 0.15:
        opts["db_table"] = "tbl_%s" % m["name"].lower()
    if rng.random() < 0.15:
        opts["verbose_name"] = "the %s" % m["name"].lower()
    if rng.random() < 0.1:
        opts["db_table_comment"] = "comment %d" % rng.randint(1, 3)
    fks = [f[0] for f in m["fields"] if f[1] == "ForeignKey" and f[2].get("to") != "auth.user"]
    if rng.random() < 0.2 and fks:
        opts["order_with_respect_to"] = rng.choice(fks)
        opts.pop("ordering", None)
    if rng.random() < 0.08:
        opts["managed"] = False
    return opts


def random_state(rng):
    ms = []
    for app in rng.sample(APPS, rng.randint(1, 3)):
        for name in rng.sample(NAMES, rng.randint(1, 3)):
            if any(x["name"] == name for x in ms):
                continue
            ms.append(new_model(rng, app, name, ms))
    for m in ms:
        for _ in range(rng.randint(0, 2)):
            add_relation(rng, m, ms)
    for m in ms:
        m["options"] = random_options(rng, m)
    if rng.random() < 0.3 and ms:
        parent = rng.choice(ms)
        name = rng.choice([n for n in NAMES if all(x["name"] != n for x in ms)] or ["Omega"])
        ms.append({"app": parent["app"], "name": name + "Proxy", "fields": [], "options": {"proxy": True}, "bases": [label(parent)]})
    if rng.random() < 0.3 and ms:
        parent = rng.choice([x for x in ms if not x["options"].get("proxy")])
        name = rng.choice([n for n in NAMES if all(x["name"] != n for x in ms)] or ["Omega"])
        ms.append(
            {
                "app": parent["app"],
                "name": name,
                "fields": [
                    ["%s_ptr" % parent["name"].lower(), "OneToOneField", {"to": label(parent), "on_delete": "CASCADE", "auto_created": True, "parent_link": True, "primary_key": True, "serialize": False}],
                    ["extra", "CharField", {"max_length": 10}],
                ],
                "options": {},
                "bases": [label(parent)],
            }
        )
    return ms


def clean_options(m):
    names = {f[0] for f in m["fields"]}
    o = m["options"]
    if "ordering" in o and not all(x.lstrip("-") in names or x == "id" for x in o["ordering"]):
        del o["ordering"]
    if "unique_together" in o:
        o["unique_together"] = [t for t in o["unique_together"] if all(x in names for x in t)]
        if not o["unique_together"]:
            del o["unique_together"]
    if "indexes" in o:
        o["indexes"] = [i for i in o["indexes"] if all(x in names for x in i["fields"])]
    if "order_with_respect_to" in o and o["order_with_respect_to"] not in names:
        del o["order_with_respect_to"]
    if "constraints" in o:
        o["constraints"] = [c for c in o["constraints"] if c["kind"] != "unique" or all(x in names for x in c["fields"])]


def mutate(rng, ms):
    import copy

    ms = copy.deepcopy(ms)
    answers = {}
    for _ in range(rng.randint(1, 4)):
        action = rng.choice(
            ["add_model", "del_model", "add_field", "del_field", "alter_field", "rename_field", "rename_model", "options", "relation", "null", "retarget", "rename_index", "managed"]
        )
        concrete = [m for m in ms if not m["options"].get("proxy")]
        if action == "add_model" or not concrete:
            app = rng.choice(APPS)
            name = rng.choice([n for n in NAMES if all(x["name"] != n for x in ms)] or ["Omega"])
            if any(x["name"] == name for x in ms):
                continue
            m = new_model(rng, app, name, ms)
            if rng.random() < 0.6:
                add_relation(rng, m, ms)
            ms.append(m)
            m["options"] = random_options(rng, m)
        elif action == "del_model":
            victim = rng.choice(ms)
            lbl = label(victim)
            ms = [m for m in ms if m is not victim and lbl not in m.get("bases", [])]
            for m in ms:
                m["fields"] = [f for f in m["fields"] if f[2].get("to") != lbl]
        elif action == "add_field":
            m = rng.choice(concrete)
            fname = rng.choice(FIELD_NAMES)
            if fname not in {f[0] for f in m["fields"]}:
                cls, kw = rand_scalar(rng)
                m["fields"].append([fname, cls, kw])
        elif action == "del_field":
            m = rng.choice(concrete)
            cands = [f for f in m["fields"] if f[1] != "BigAutoField" and not f[2].get("parent_link")]
            if cands:
                m["fields"].remove(rng.choice(cands))
        elif action == "alter_field":
            m = rng.choice(concrete)
            cands = [f for f in m["fields"] if f[1] not in ("BigAutoField",) and not f[2].get("parent_link") and f[1] not in ("ForeignKey", "OneToOneField", "ManyToManyField")]
            if cands:
                f = rng.choice(cands)
                f[1], f[2] = rand_scalar(rng)
        elif action == "rename_field":
            m = rng.choice(concrete)
            cands = [f for f in m["fields"] if f[1] != "BigAutoField" and not f[2].get("parent_link")]
            if cands:
                f = rng.choice(cands)
                new = f[0] + "_new"
                for o in ("ordering",):
                    pass
                f[0] = new
                answers["rename"] = rng.random() < 0.7
        elif action == "rename_model":
            m = rng.choice(concrete)
            old = label(m)
            new_name = m["name"] + "New"
            if any(x["name"] == new_name for x in ms):
                continue
            m["name"] = new_name
            for x in ms:
                for f in x["fields"]:
                    if f[2].get("to") == old:
                        f[2]["to"] = label(m)
                if old in x.get("bases", []):
                    x["bases"] = [label(m) if b == old else b for b in x["bases"]]
            answers["rename_model"] = rng.random() < 0.8
        elif action == "options":
            m = rng.choice(concrete)
            m["options"] = random_options(rng, m)
        elif action == "relation":
            m = rng.choice(concrete)
            add_relation(rng, m, ms)
        elif action == "retarget":
            m = rng.choice(concrete)
            rels = [f for f in m["fields"] if f[1] in ("ForeignKey", "ManyToManyField") and f[2].get("to") != "auth.user"]
            targets = [t for t in ms if not t["options"].get("proxy")]
            if rels and targets:
                rng.choice(rels)[2]["to"] = label(rng.choice(targets))
        elif action == "rename_index":
            m = rng.choice(concrete)
            if m["options"].get("indexes"):
                m["options"]["indexes"][0]["name"] = m["options"]["indexes"][0]["name"][:20] + "_r"
        elif action == "managed":
            m = rng.choice(concrete)
            if m["options"].get("managed") is False:
                del m["options"]["managed"]
            else:
                m["options"]["managed"] = False
        elif action == "null":
            m = rng.choice(concrete)
            cands = [f for f in m["fields"] if f[2].get("null")]
            if cands:
                f = rng.choice(cands)
                f[2] = {k: v for k, v in f[2].items() if k not in ("null", "blank")}
                if f[1] == "ForeignKey":
                    f[2]["on_delete"] = "CASCADE"
                answers["ignore_null"] = rng.random() < 0.5
    for m in ms:
        clean_options(m)
    # Relations to models that no longer exist are dropped.
    labels = {label(m) for m in ms} | {"auth.user"}
    for m in ms:
        m["fields"] = [f for f in m["fields"] if "to" not in f[2] or f[2]["to"] in labels]
        if m.get("bases") and not all(b in labels for b in m["bases"]):
            m["bases"] = []
    ms = [m for m in ms if not (m["options"].get("proxy") and not m.get("bases"))]
    return ms, answers


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 150
    rng = random.Random(seed)
    cases = []
    attempts = 0
    while len(cases) < count and attempts < count * 10:
        attempts += 1
        before = random_state(rng)
        if rng.random() < 0.25:
            case = {"from": [], "to": before, "leaves": [], "answers": {}}
        else:
            after, answers = mutate(rng, before)
            leaves = sorted({(m["app"], "0001_initial") for m in before})
            case = {"from": before, "to": after, "leaves": [list(x) for x in leaves], "answers": answers}
        if rng.random() < 0.2:
            case["trim"] = [rng.choice(APPS)]
        try:
            case["expected"] = run_case(case)
        except Exception as e:  # invalid random states
            case["error"] = "%s: %s" % (type(e).__name__, e)
            continue
        cases.append(case)
    json.dump(cases, sys.stdout, indent=None)


if __name__ == "__main__":
    main()
