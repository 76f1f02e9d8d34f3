/**
 * Field.check() messages, with the exact texts real Django 5.2 prints (recorded in
 * test/parity-checks/01-field-checks and scenario 30).
 */
import { describe, expect, test } from 'vitest';
import { checkMessages } from './helpers.ts';

const models = (body: string) => `from django.db import models\nimport datetime\nfrom django.utils import timezone\n\n${body}\n`;

describe('field names and options', () => {
  test('fields.E001 / E002 / E003', () => {
    expect(
      checkMessages(
        models(`class Gadget(models.Model):
    name_ = models.CharField(max_length=50)
    sku__code = models.CharField(max_length=20)
    pk = models.IntegerField(default=0)`),
      ),
    ).toEqual([
      'shop.Gadget.name_: (fields.E001) Field names must not end with an underscore.',
      "shop.Gadget.pk: (fields.E003) 'pk' is a reserved word that cannot be used as a field name.",
      'shop.Gadget.sku__code: (fields.E002) Field names must not contain "__".',
    ]);
  });

  test('choices: fields.E004, E005, E009', () => {
    expect(
      checkMessages(
        models(`class Gadget(models.Model):
    status = models.CharField(max_length=10, choices="abc")
    size = models.CharField(max_length=5, choices=[("small", "Small"), ("medium", "Medium")])
    colour = models.CharField(max_length=10, choices=[1, 2, 3])
    grade = models.CharField(max_length=10, choices=[("a", "A", "extra")])
    ok = models.CharField(max_length=10, choices={"a": "A", "Group": [("b", "B")]})`),
      ),
    ).toEqual([
      "shop.Gadget.colour: (fields.E005) 'choices' must be a mapping of actual values to human readable names or an iterable containing (actual value, human readable name) tuples.",
      "shop.Gadget.grade: (fields.E005) 'choices' must be a mapping of actual values to human readable names or an iterable containing (actual value, human readable name) tuples.",
      "shop.Gadget.size: (fields.E009) 'max_length' is too small to fit the longest value in 'choices' (6 characters).",
      "shop.Gadget.status: (fields.E004) 'choices' must be a mapping (e.g. a dictionary) or an iterable (e.g. a list or tuple).",
    ]);
  });

  test('db_index, validators, null primary key', () => {
    expect(
      checkMessages(
        models(`class Gadget(models.Model):
    flagged = models.BooleanField(db_index="yes")
    note = models.TextField(validators=["not callable", 42])
    ident = models.CharField(max_length=10, primary_key=True, null=True)`),
      ),
    ).toEqual([
      "shop.Gadget.flagged: (fields.E006) 'db_index' must be None, True or False.",
      'shop.Gadget.ident: (fields.E007) Primary keys must not have null=True.\n\tHINT: Set null=False on the field, or remove primary_key=True argument.',
      "shop.Gadget.note: (fields.E008) All 'validators' must be callable.\n\tHINT: validators[0] ('not callable') isn't a function or instance of a validator class.",
      "shop.Gadget.note: (fields.E008) All 'validators' must be callable.\n\tHINT: validators[1] (42) isn't a function or instance of a validator class.",
    ]);
  });
});

describe('field types', () => {
  test('max_length: no fields.E120 on PostgreSQL, E121, W122', () => {
    expect(
      checkMessages(
        models(`class Gadget(models.Model):
    name = models.CharField()
    title = models.CharField(max_length=-5)
    subtitle = models.CharField(max_length="20")
    parts = models.PositiveIntegerField(max_length=3)`),
      ),
    ).toEqual([
      "shop.Gadget.parts: (fields.W122) 'max_length' is ignored when used with PositiveIntegerField.\n\tHINT: Remove 'max_length' from field",
      "shop.Gadget.subtitle: (fields.E121) 'max_length' must be a positive integer.",
      "shop.Gadget.title: (fields.E121) 'max_length' must be a positive integer.",
    ]);
  });

  test('DecimalField: fields.E130 to E134', () => {
    expect(
      checkMessages(
        models(`class Gadget(models.Model):
    price = models.DecimalField()
    weight = models.DecimalField(max_digits=-1, decimal_places="x")
    volume = models.DecimalField(max_digits=3, decimal_places=5)
    length = models.DecimalField(max_digits="7", decimal_places=2)`),
      ),
    ).toEqual([
      "shop.Gadget.price: (fields.E130) DecimalFields must define a 'decimal_places' attribute.",
      "shop.Gadget.price: (fields.E132) DecimalFields must define a 'max_digits' attribute.",
      "shop.Gadget.volume: (fields.E134) 'max_digits' must be greater or equal to 'decimal_places'.",
      "shop.Gadget.weight: (fields.E131) 'decimal_places' must be a non-negative integer.",
      "shop.Gadget.weight: (fields.E133) 'max_digits' must be a positive integer.",
    ]);
  });

  test('dates, files, JSON and the rest', () => {
    expect(
      checkMessages(
        models(`class Event(models.Model):
    code = models.AutoField()
    starts = models.DateTimeField(default=timezone.now())
    created = models.DateTimeField(auto_now=True, auto_now_add=True)
    ip = models.GenericIPAddressField(blank=True)
    path = models.FilePathField(allow_files=False)
    blob = models.BinaryField(default="abc")
    attachment = models.FileField(upload_to="/uploads/")
    picture = models.ImageField(upload_to="pics/")
    data = models.JSONField(default={})
    extra = models.JSONField(default=dict)
    ident = models.CharField(max_length=10, primary_key=True)`),
      ),
    ).toEqual([
      "shop.Event.attachment: (fields.E202) FileField's 'upload_to' argument must be a relative path, not an absolute path.\n\tHINT: Remove the leading slash.",
      "shop.Event.blob: (fields.E170) BinaryField's default cannot be a string. Use bytes content instead.",
      'shop.Event.code: (fields.E100) AutoFields must set primary_key=True.',
      'shop.Event.created: (fields.E160) The options auto_now, auto_now_add, and default are mutually exclusive. Only one of these options may be present.',
      "shop.Event.data: (fields.E010) JSONField default should be a callable instead of an instance so that it's not shared between all field instances.\n\tHINT: Use a callable instead, e.g., use `dict` instead of `{}`.",
      'shop.Event.ip: (fields.E150) GenericIPAddressFields cannot have blank=True if null=False, as blank values are stored as nulls.',
      "shop.Event.path: (fields.E140) FilePathFields must have either 'allow_files' or 'allow_folders' set to True.",
      'shop.Event.picture: (fields.E210) Cannot use ImageField because Pillow is not installed.\n\tHINT: Get Pillow at https://pypi.org/project/Pillow/ or run command "python -m pip install Pillow".',
      'shop.Event.starts: (fields.W161) Fixed default value provided.\n\tHINT: It seems you set a fixed date / time / datetime value as default for this field. This may not be what you want. If you want to have the current date as default, use `django.utils.timezone.now`',
    ]);
  });
});

describe('relations', () => {
  test('on_delete, to_field, related names, M2M options', () => {
    expect(
      checkMessages(
        models(`class Category(models.Model):
    name = models.CharField(max_length=50)
    slug = models.SlugField()


class Tag(models.Model):
    label = models.CharField(max_length=20)


class Item(models.Model):
    category = models.ForeignKey(Category, on_delete=models.SET_NULL)
    backup = models.ForeignKey(Category, on_delete=models.SET_DEFAULT, related_name="backups")
    by_slug = models.ForeignKey(Category, on_delete=models.CASCADE, to_field="slug", related_name="class")
    by_name = models.ForeignKey(Category, on_delete=models.CASCADE, to_field="missing", related_name="by_names_")
    other = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="items", related_query_name="it__em")
    tags = models.ManyToManyField(Tag, unique=True, validators=[lambda v: None], db_comment="tags", null=True)
    friends = models.ManyToManyField("self", related_name="friend_of")
    owner = models.ForeignKey(Tag, on_delete=models.CASCADE, unique=True, related_name="+")`),
      ),
    ).toEqual([
      'shop.Item.backup: (fields.E321) Field specifies on_delete=SET_DEFAULT, but has no default value.\n\tHINT: Set a default value, or change the on_delete rule.',
      "shop.Item.by_name: (fields.E308) Reverse query name 'by_names_' must not end with an underscore.\n\tHINT: Add or change a related_name or related_query_name argument for this field.",
      "shop.Item.by_name: (fields.E312) The to_field 'missing' doesn't exist on the related model 'shop.Category'.",
      "shop.Item.by_slug: (fields.E306) The name 'class' is invalid related_name for field Item.by_slug\n\tHINT: Related name must be a valid Python identifier or end with a '+'",
      "shop.Item.by_slug: (fields.E311) 'Category.slug' must be unique because it is referenced by a foreign key.\n\tHINT: Add unique=True to this field or add a UniqueConstraint (without condition) in the model Meta.constraints.",
      'shop.Item.category: (fields.E320) Field specifies on_delete=SET_NULL, but cannot be null.\n\tHINT: Set null=True argument on the field, or change the on_delete rule.',
      'shop.Item.friends: (fields.W345) related_name has no effect on ManyToManyField with a symmetrical relationship, e.g. to "self".',
      "shop.Item.other: (fields.E309) Reverse query name 'it__em' must not contain '__'.\n\tHINT: Add or change a related_name or related_query_name argument for this field.",
      'shop.Item.owner: (fields.W342) Setting unique=True on a ForeignKey has the same effect as using a OneToOneField.\n\tHINT: ForeignKey(unique=True) is usually better served by a OneToOneField.',
      'shop.Item.tags: (fields.E330) ManyToManyFields cannot be unique.',
      'shop.Item.tags: (fields.W340) null has no effect on ManyToManyField.',
      'shop.Item.tags: (fields.W341) ManyToManyField does not support validators.',
      'shop.Item.tags: (fields.W346) db_comment has no effect on ManyToManyField.',
    ]);
  });

  test('through models: fields.E331, E333, E335 to E338, models.E022', () => {
    const out = checkMessages(
      models(`class Person(models.Model):
    name = models.CharField(max_length=50)


class Group(models.Model):
    members = models.ManyToManyField(Person, through="Membership")
    leaders = models.ManyToManyField(Person, through="Leadership", related_name="led_groups")
    guests = models.ManyToManyField(Person, through="Visit", through_fields=("group", "visitor"), related_name="visited")
    odd = models.ManyToManyField(Person, through="Missing", related_name="odd_groups")
    partial = models.ManyToManyField(Person, through="Membership", through_fields=("group",), related_name="partial_groups")


class Membership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    inviter = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invites")


class Leadership(models.Model):
    note = models.CharField(max_length=10)


class Visit(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE)


class Friendship(models.Model):
    a = models.ForeignKey("Friend", on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey("Friend", on_delete=models.CASCADE, related_name="+")
    c = models.ForeignKey("Friend", on_delete=models.CASCADE, related_name="+")


class Friend(models.Model):
    friends = models.ManyToManyField("self", through=Friendship)`),
    );
    expect(out.map((m) => m.replace(/ at 0x[0-9a-f]+>/g, ' at 0x...>'))).toEqual([
      "<function ManyToManyField.contribute_to_class.<locals>.resolve_through_model at 0x...>: (models.E022) <function ManyToManyField.contribute_to_class.<locals>.resolve_through_model at 0x...> contains a lazy reference to shop.missing, but app 'shop' doesn't provide model 'missing'.",
      "shop.Friendship: (fields.E333) The model is used as an intermediate model by 'shop.Friend.friends', but it has more than two foreign keys to 'Friend', which is ambiguous. You must specify which two foreign keys Django should use via the through_fields keyword argument.\n\tHINT: Use through_fields to specify which two foreign keys Django should use.",
      "shop.Group.guests: (fields.E338) The intermediary model 'shop.Visit' has no field 'visitor'.\n\tHINT: Did you mean one of the following foreign keys to 'Person': person?",
      'shop.Group.members: (fields.E335) The model is used as an intermediate model by \'shop.Group.members\', but it has more than one foreign key to \'Person\', which is ambiguous. You must specify which foreign key Django should use via the through_fields keyword argument.\n\tHINT: If you want to create a recursive relationship, use ManyToManyField("self", through="Membership").',
      "shop.Group.odd: (fields.E331) Field specifies a many-to-many relation through model 'Missing', which has not been installed.",
      "shop.Group.partial: (fields.E337) Field specifies 'through_fields' but does not provide the names of the two link fields that should be used for the relation through model 'shop.Membership'.\n\tHINT: Make sure you specify 'through_fields' as through_fields=('field1', 'field2')",
      "shop.Leadership: (fields.E336) The model is used as an intermediate model by 'shop.Group.leaders', but it does not have a foreign key to 'Group' or 'Person'.",
    ]);
  });

  test('fields.E340: intermediary table clashes with a model table', () => {
    expect(
      checkMessages(
        models(`class Author(models.Model):
    books = models.ManyToManyField("Book", db_table="shop_book")


class Book(models.Model):
    title = models.CharField(max_length=50)`),
      ),
    ).toEqual(["shop.Author.books: (fields.E340) The field's intermediary table 'shop_book' clashes with the table name of 'shop.Book'."]);
  });

  test('fields.E304 between apps, fields.E300 and E307 for an app that is not installed', () => {
    const files = {
      'catalog/__init__.py': '',
      'catalog/models.py': models(`class Category(models.Model):
    name = models.CharField(max_length=100)


class Product(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE)`),
    };
    expect(
      checkMessages(
        models(`from catalog.models import Category


class Product(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE)
    maker = models.ForeignKey("ghost.Maker", on_delete=models.CASCADE)`),
        { apps: ['catalog', 'shop'], files },
      ),
    ).toEqual([
      "catalog.Product.category: (fields.E304) Reverse accessor 'Category.product_set' for 'catalog.Product.category' clashes with reverse accessor for 'shop.Product.category'.\n\tHINT: Add or change a related_name argument to the definition for 'catalog.Product.category' or 'shop.Product.category'.",
      "shop.Product.category: (fields.E304) Reverse accessor 'Category.product_set' for 'shop.Product.category' clashes with reverse accessor for 'catalog.Product.category'.\n\tHINT: Add or change a related_name argument to the definition for 'shop.Product.category' or 'catalog.Product.category'.",
      "shop.Product.maker: (fields.E300) Field defines a relation with model 'ghost.Maker', which is either not installed, or is abstract.",
      "shop.Product.maker: (fields.E307) The field shop.Product.maker was declared with a lazy reference to 'ghost.maker', but app 'ghost' isn't installed.",
    ]);
  });
});
