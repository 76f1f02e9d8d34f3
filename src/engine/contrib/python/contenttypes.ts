/**
 * django.contrib.contenttypes as Python sources the interpreter loads: the ContentType model and
 * its migration history (the same operations, names and dependencies as Django's).
 */
export const CONTENTTYPES_FILES: Record<string, string> = {
  'django/contrib/contenttypes/__init__.py': '',

  'django/contrib/contenttypes/apps.py': `from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentTypesConfig(AppConfig):
    default_auto_field = "django.db.models.AutoField"
    name = "django.contrib.contenttypes"
    verbose_name = _("Content Types")
`,

  'django/contrib/contenttypes/models.py': `from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentTypeManager(models.Manager):
    use_in_migrations = True

    def get_by_natural_key(self, app_label, model):
        return self.get(app_label=app_label, model=model)

    def get_for_model(self, model, for_concrete_model=True):
        opts = model._meta.concrete_model._meta if for_concrete_model else model._meta
        ct, created = self.get_or_create(app_label=opts.app_label, model=opts.model_name)
        return ct

    def get_for_models(self, *models, for_concrete_models=True):
        return {model: self.get_for_model(model, for_concrete_models) for model in models}

    def get_for_id(self, id):
        return self.get(pk=id)

    def clear_cache(self):
        pass


class ContentType(models.Model):
    app_label = models.CharField(max_length=100)
    model = models.CharField(_("python model class name"), max_length=100)
    objects = ContentTypeManager()

    class Meta:
        verbose_name = _("content type")
        verbose_name_plural = _("content types")
        db_table = "django_content_type"
        unique_together = [["app_label", "model"]]

    def __str__(self):
        return self.app_labeled_name

    @property
    def name(self):
        model = self.model_class()
        if not model:
            return self.model
        return str(model._meta.verbose_name)

    @property
    def app_labeled_name(self):
        model = self.model_class()
        if not model:
            return self.model
        from django.contrib._lab import app_verbose_name

        return "%s | %s" % (app_verbose_name(model._meta.app_label), model._meta.verbose_name)

    def model_class(self):
        from django.contrib._lab import get_model_or_none

        return get_model_or_none(self.app_label, self.model)

    def get_object_for_this_type(self, using=None, **kwargs):
        return self.model_class()._base_manager.get(**kwargs)

    def get_all_objects_for_this_type(self, **kwargs):
        return self.model_class()._base_manager.filter(**kwargs)

    def natural_key(self):
        return (self.app_label, self.model)
`,

  'django/contrib/contenttypes/fields.py': `class GenericForeignKey:
    """
    A virtual relation to any model through a content type and an object id: no column of its
    own, so never part of a migration.
    """

    auto_created = False
    concrete = False
    editable = False
    hidden = False
    is_relation = True
    many_to_many = False
    many_to_one = True
    one_to_many = False
    one_to_one = False
    related_model = None
    remote_field = None

    def __init__(self, ct_field="content_type", fk_field="object_id", for_concrete_model=True):
        self.ct_field = ct_field
        self.fk_field = fk_field
        self.for_concrete_model = for_concrete_model
        self.name = None
        self.model = None

    def __set_name__(self, owner, name):
        self.name = name
        self.model = owner


class GenericRelation:
    """The reverse side of a GenericForeignKey: no column, never part of a migration."""

    auto_created = False
    concrete = False
    is_relation = True
    many_to_many = False
    many_to_one = False
    one_to_many = True
    one_to_one = False

    def __init__(
        self,
        to,
        object_id_field="object_id",
        content_type_field="content_type",
        for_concrete_model=True,
        related_query_name=None,
        limit_choices_to=None,
        **kwargs,
    ):
        self.to = to
        self.object_id_field_name = object_id_field
        self.content_type_field_name = content_type_field
        self.for_concrete_model = for_concrete_model
        self.related_query_name = related_query_name
        self.name = None
        self.model = None

    def __set_name__(self, owner, name):
        self.name = name
        self.model = owner
`,

  'django/contrib/contenttypes/migrations/__init__.py': '',

  'django/contrib/contenttypes/migrations/0001_initial.py': `import django.contrib.contenttypes.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentType",
            fields=[
                ("id", models.AutoField(verbose_name="ID", serialize=False, auto_created=True, primary_key=True)),
                ("name", models.CharField(max_length=100)),
                ("app_label", models.CharField(max_length=100)),
                ("model", models.CharField(max_length=100, verbose_name="python model class name")),
            ],
            options={
                "ordering": ("name",),
                "db_table": "django_content_type",
                "verbose_name": "content type",
                "verbose_name_plural": "content types",
            },
            bases=(models.Model,),
            managers=[("objects", django.contrib.contenttypes.models.ContentTypeManager())],
        ),
        migrations.AlterUniqueTogether(name="contenttype", unique_together={("app_label", "model")}),
    ]
`,

  'django/contrib/contenttypes/migrations/0002_remove_content_type_name.py': `from django.contrib import _lab
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="contenttype",
            options={"verbose_name": "content type", "verbose_name_plural": "content types"},
        ),
        migrations.AlterField(model_name="contenttype", name="name", field=models.CharField(max_length=100, null=True)),
        _lab.add_legacy_content_type_names(),
        migrations.RemoveField(model_name="contenttype", name="name"),
    ]
`,
};
