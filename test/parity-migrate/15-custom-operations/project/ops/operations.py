from django.db.migrations.operations.base import Operation


class CreateSchema(Operation):
    reversible = True

    def __init__(self, name):
        self.name = name

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        schema_editor.execute("CREATE SCHEMA %s" % schema_editor.quote_name(self.name))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        schema_editor.execute("DROP SCHEMA %s" % schema_editor.quote_name(self.name))

    def describe(self):
        return "Creates schema %s" % self.name

    @property
    def migration_name_fragment(self):
        return "create_schema_%s" % self.name


class FillBoxes(Operation):
    reduces_to_sql = False
    reversible = False

    def __init__(self, size, count=2):
        self.size = size
        self.count = count

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        Box = to_state.apps.get_model(app_label, "Box")
        for _ in range(self.count):
            Box.objects.create(size=self.size)
        print("filled", Box.objects.count())


class Forgetful(Operation):
    def __init__(self, *args, **kwargs):
        pass

    def state_forwards(self, app_label, state):
        pass
