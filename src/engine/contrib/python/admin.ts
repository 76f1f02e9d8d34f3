/**
 * django.contrib.admin as Python sources: the LogEntry model, its migrations, and the part of the
 * admin site learners' admin.py files use (site.register, ModelAdmin, inlines, decorators).
 */
export const ADMIN_FILES: Record<string, string> = {
  'django/contrib/admin/__init__.py': `from django.contrib.admin.decorators import action, display, register
from django.contrib.admin.options import HORIZONTAL, VERTICAL, ModelAdmin, ShowFacets, StackedInline, TabularInline
from django.contrib.admin.sites import AdminSite, site
from django.contrib.admin.filters import (
    AllValuesFieldListFilter,
    BooleanFieldListFilter,
    ChoicesFieldListFilter,
    DateFieldListFilter,
    EmptyFieldListFilter,
    FieldListFilter,
    ListFilter,
    RelatedFieldListFilter,
    RelatedOnlyFieldListFilter,
    SimpleListFilter,
)


def autodiscover():
    from django.contrib import _lab

    _lab.autodiscover_modules("admin")
`,

  'django/contrib/admin/apps.py': `from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimpleAdminConfig(AppConfig):
    default_auto_field = "django.db.models.AutoField"
    default_site = "django.contrib.admin.sites.AdminSite"
    name = "django.contrib.admin"
    verbose_name = _("Administration")


class AdminConfig(SimpleAdminConfig):
    default = True
`,

  'django/contrib/admin/filters.py': `class ListFilter:
    title = None


class SimpleListFilter(ListFilter):
    parameter_name = None


class FieldListFilter(ListFilter):
    pass


class RelatedFieldListFilter(FieldListFilter):
    pass


class BooleanFieldListFilter(FieldListFilter):
    pass


class ChoicesFieldListFilter(FieldListFilter):
    pass


class DateFieldListFilter(FieldListFilter):
    pass


class AllValuesFieldListFilter(FieldListFilter):
    pass


class RelatedOnlyFieldListFilter(RelatedFieldListFilter):
    pass


class EmptyFieldListFilter(FieldListFilter):
    pass
`,

  'django/contrib/admin/options.py': `HORIZONTAL, VERTICAL = 1, 2


class ShowFacets:
    NEVER = "NEVER"
    ALLOW = "ALLOW"
    ALWAYS = "ALWAYS"


class BaseModelAdmin:
    autocomplete_fields = ()
    raw_id_fields = ()
    fields = None
    exclude = None
    fieldsets = None
    form = None
    filter_vertical = ()
    filter_horizontal = ()
    radio_fields = {}
    prepopulated_fields = {}
    formfield_overrides = {}
    readonly_fields = ()
    ordering = None
    sortable_by = None
    view_on_site = True
    show_full_result_count = True


class ModelAdmin(BaseModelAdmin):
    list_display = ("__str__",)
    list_display_links = ()
    list_filter = ()
    list_select_related = False
    list_per_page = 100
    list_max_show_all = 200
    list_editable = ()
    search_fields = ()
    search_help_text = None
    date_hierarchy = None
    save_as = False
    save_as_continue = True
    save_on_top = False
    preserve_filters = True
    show_facets = ShowFacets.ALLOW
    inlines = ()
    actions = ()
    actions_on_top = True
    actions_on_bottom = False
    actions_selection_counter = True

    def __init__(self, model, admin_site):
        self.model = model
        self.opts = model._meta if hasattr(model, "_meta") else None
        self.admin_site = admin_site

    def __str__(self):
        return "%s.%s" % (self.opts.app_label, self.__class__.__name__) if self.opts else self.__class__.__name__


class InlineModelAdmin(BaseModelAdmin):
    model = None
    fk_name = None
    extra = 3
    min_num = None
    max_num = None
    template = None
    verbose_name = None
    verbose_name_plural = None
    can_delete = True
    show_change_link = False
    classes = None


class StackedInline(InlineModelAdmin):
    template = "admin/edit_inline/stacked.html"


class TabularInline(InlineModelAdmin):
    template = "admin/edit_inline/tabular.html"
`,

  'django/contrib/admin/exceptions.py': `class AlreadyRegistered(Exception):
    """The model is already registered."""

    pass


class NotRegistered(Exception):
    """The model is not registered."""

    pass
`,

  'django/contrib/admin/sites.py': `from django.contrib.admin.exceptions import AlreadyRegistered, NotRegistered
from django.contrib.admin.options import ModelAdmin


class AdminSite:
    site_title = "Django site admin"
    site_header = "Django administration"
    index_title = "Site administration"
    site_url = "/"

    def __init__(self, name="admin"):
        self._registry = {}
        self.name = name

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or ModelAdmin
        if isinstance(model_or_iterable, type):
            model_or_iterable = [model_or_iterable]
        for model in model_or_iterable:
            if model._meta.abstract:
                raise TypeError("The model %s is abstract, so it cannot be registered with admin." % model.__name__)
            if self.is_registered(model):
                registered_admin = str(self._registry[model])
                msg = "The model %s is already registered " % model.__name__
                if registered_admin.endswith(".ModelAdmin"):
                    msg += "in app %r." % registered_admin.removesuffix(".ModelAdmin")
                else:
                    msg += "with %r." % registered_admin
                raise AlreadyRegistered(msg)
            self._registry[model] = admin_class(model, self)

    def unregister(self, model_or_iterable):
        if isinstance(model_or_iterable, type):
            model_or_iterable = [model_or_iterable]
        for model in model_or_iterable:
            if not self.is_registered(model):
                raise NotRegistered("The model %s is not registered" % model.__name__)
            del self._registry[model]

    def is_registered(self, model):
        return model in self._registry

    def get_urls(self):
        return []

    @property
    def urls(self):
        return self.get_urls(), "admin", self.name


site = AdminSite()
`,

  'django/contrib/admin/decorators.py': `def action(function=None, *, permissions=None, description=None):
    def decorator(func):
        if permissions is not None:
            func.allowed_permissions = permissions
        if description is not None:
            func.short_description = description
        return func

    if function is None:
        return decorator
    return decorator(function)


def display(function=None, *, boolean=None, ordering=None, description=None, empty_value=None):
    def decorator(func):
        if boolean is not None and empty_value is not None:
            raise ValueError("The boolean and empty_value arguments to the @display decorator are mutually exclusive.")
        if boolean is not None:
            func.boolean = boolean
        if ordering is not None:
            func.admin_order_field = ordering
        if description is not None:
            func.short_description = description
        if empty_value is not None:
            func.empty_value_display = empty_value
        return func

    if function is None:
        return decorator
    return decorator(function)


def register(*models, site=None):
    from django.contrib.admin.options import ModelAdmin
    from django.contrib.admin.sites import site as default_site

    def _model_admin_wrapper(admin_class):
        if not models:
            raise ValueError("At least one model must be passed to register.")
        admin_site = site or default_site
        if not issubclass(admin_class, ModelAdmin):
            raise ValueError("Wrapped class must subclass ModelAdmin.")
        admin_site.register(models, admin_class=admin_class)
        return admin_class

    return _model_admin_wrapper
`,

  'django/contrib/admin/models.py': `from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ADDITION = 1
CHANGE = 2
DELETION = 3

ACTION_FLAG_CHOICES = [
    (ADDITION, _("Addition")),
    (CHANGE, _("Change")),
    (DELETION, _("Deletion")),
]


class LogEntryManager(models.Manager):
    use_in_migrations = True


class LogEntry(models.Model):
    action_time = models.DateTimeField(_("action time"), default=timezone.now, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, verbose_name=_("user"))
    content_type = models.ForeignKey(ContentType, models.SET_NULL, verbose_name=_("content type"), blank=True, null=True)
    object_id = models.TextField(_("object id"), blank=True, null=True)
    object_repr = models.CharField(_("object repr"), max_length=200)
    action_flag = models.PositiveSmallIntegerField(_("action flag"), choices=ACTION_FLAG_CHOICES)
    change_message = models.TextField(_("change message"), blank=True)

    objects = LogEntryManager()

    class Meta:
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        db_table = "django_admin_log"
        ordering = ["-action_time"]

    def __repr__(self):
        return str(self.action_time)

    def __str__(self):
        if self.action_flag == ADDITION:
            return "Added “%(object)s”." % {"object": self.object_repr}
        elif self.action_flag == CHANGE:
            return "Changed “%(object)s”." % {"object": self.object_repr}
        elif self.action_flag == DELETION:
            return "Deleted “%(object)s”." % {"object": self.object_repr}
        return "LogEntry Object"

    def is_addition(self):
        return self.action_flag == ADDITION

    def is_change(self):
        return self.action_flag == CHANGE

    def is_deletion(self):
        return self.action_flag == DELETION
`,

  'django/contrib/admin/migrations/__init__.py': '',

  'django/contrib/admin/migrations/0001_initial.py': `import django.contrib.admin.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "__first__"),
    ]

    operations = [
        migrations.CreateModel(
            name="LogEntry",
            fields=[
                ("id", models.AutoField(verbose_name="ID", serialize=False, auto_created=True, primary_key=True)),
                ("action_time", models.DateTimeField(auto_now=True, verbose_name="action time")),
                ("object_id", models.TextField(null=True, verbose_name="object id", blank=True)),
                ("object_repr", models.CharField(max_length=200, verbose_name="object repr")),
                ("action_flag", models.PositiveSmallIntegerField(verbose_name="action flag")),
                ("change_message", models.TextField(verbose_name="change message", blank=True)),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=models.SET_NULL,
                        blank=True,
                        null=True,
                        to="contenttypes.ContentType",
                        verbose_name="content type",
                    ),
                ),
                ("user", models.ForeignKey(to=settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name="user")),
            ],
            options={
                "ordering": ["-action_time"],
                "db_table": "django_admin_log",
                "verbose_name": "log entry",
                "verbose_name_plural": "log entries",
            },
            bases=(models.Model,),
            managers=[("objects", django.contrib.admin.models.LogEntryManager())],
        ),
    ]
`,

  'django/contrib/admin/migrations/0002_logentry_remove_auto_add.py': `from django.db import migrations, models
from django.utils import timezone


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0001_initial"),
    ]

    # No database change: auto_now becomes a default that cannot be edited.
    operations = [
        migrations.AlterField(
            model_name="logentry",
            name="action_time",
            field=models.DateTimeField(verbose_name="action time", default=timezone.now, editable=False),
        ),
    ]
`,

  'django/contrib/admin/migrations/0003_logentry_add_action_flag_choices.py': `from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0002_logentry_remove_auto_add"),
    ]

    # No database change: action_flag gets its choices.
    operations = [
        migrations.AlterField(
            model_name="logentry",
            name="action_flag",
            field=models.PositiveSmallIntegerField(
                choices=[(1, "Addition"), (2, "Change"), (3, "Deletion")],
                verbose_name="action flag",
            ),
        ),
    ]
`,
};

/** django.contrib.sessions: the Session model and its migration. */
export const SESSIONS_FILES: Record<string, string> = {
  'django/contrib/sessions/__init__.py': '',

  'django/contrib/sessions/apps.py': `from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsConfig(AppConfig):
    name = "django.contrib.sessions"
    verbose_name = _("Sessions")
`,

  'django/contrib/sessions/base_session.py': `from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseSessionManager(models.Manager):
    pass


class AbstractBaseSession(models.Model):
    session_key = models.CharField(_("session key"), max_length=40, primary_key=True)
    session_data = models.TextField(_("session data"))
    expire_date = models.DateTimeField(_("expire date"), db_index=True)

    objects = BaseSessionManager()

    class Meta:
        abstract = True
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return self.session_key
`,

  'django/contrib/sessions/models.py': `from django.contrib.sessions.base_session import AbstractBaseSession, BaseSessionManager


class SessionManager(BaseSessionManager):
    use_in_migrations = True


class Session(AbstractBaseSession):
    objects = SessionManager()

    class Meta(AbstractBaseSession.Meta):
        db_table = "django_session"
`,

  'django/contrib/sessions/migrations/__init__.py': '',

  'django/contrib/sessions/migrations/0001_initial.py': `import django.contrib.sessions.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Session",
            fields=[
                (
                    "session_key",
                    models.CharField(max_length=40, serialize=False, verbose_name="session key", primary_key=True),
                ),
                ("session_data", models.TextField(verbose_name="session data")),
                ("expire_date", models.DateTimeField(verbose_name="expire date", db_index=True)),
            ],
            options={
                "abstract": False,
                "db_table": "django_session",
                "verbose_name": "session",
                "verbose_name_plural": "sessions",
            },
            managers=[("objects", django.contrib.sessions.models.SessionManager())],
        ),
    ]
`,
};

/** django.contrib.messages and django.contrib.staticfiles: no models, no migrations. */
export const MODELLESS_FILES: Record<string, string> = {
  'django/contrib/messages/__init__.py': `DEBUG = 10
INFO = 20
SUCCESS = 25
WARNING = 30
ERROR = 40
`,
  'django/contrib/messages/apps.py': `from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagesConfig(AppConfig):
    name = "django.contrib.messages"
    verbose_name = _("Messages")
`,
  'django/contrib/staticfiles/__init__.py': '',
  'django/contrib/staticfiles/apps.py': `from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaticFilesConfig(AppConfig):
    name = "django.contrib.staticfiles"
    verbose_name = _("Static Files")
    ignore_patterns = ["CVS", ".*", "*~"]
`,
  'django/contrib/__init__.py': '',
};
