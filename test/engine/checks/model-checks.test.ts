/**
 * Model.check(), check_all_models, check_lazy_references and the settings checks, with the texts
 * real Django 5.2 prints (recorded in test/parity-checks/02 to 05).
 */
import { describe, expect, test } from 'vitest';
import { checkMessages } from './helpers.ts';

const models = (body: string) => `from django.db import models\n\n${body}\n`;

describe('Model.check()', () => {
  test('model names and primary keys', () => {
    expect(
      checkMessages(
        models(`class Bar(models.Model):
    code = models.CharField(max_length=10, primary_key=True)
    other = models.CharField(max_length=10, primary_key=True)


class Dish_(models.Model):
    title = models.CharField(max_length=50)


class Menu__Item(models.Model):
    title = models.CharField(max_length=50)`),
      ),
    ).toEqual([
      "shop.Bar: (models.E026) The model cannot have more than one field with 'primary_key=True'.",
      "shop.Dish_: (models.E023) The model name 'Dish_' cannot start or end with an underscore as it collides with the query lookup syntax.",
      "shop.Menu__Item: (models.E024) The model name 'Menu__Item' cannot contain double underscores as it collides with the query lookup syntax.",
    ]);
  });

  test('id field, column clashes', () => {
    expect(
      checkMessages(
        models(`class Bar(models.Model):
    id = models.IntegerField()
    name = models.CharField(max_length=50)
    alias = models.CharField(max_length=50, db_column="name")`),
      ),
    ).toEqual(["shop.Bar: (models.E004) 'id' can only be used as a field name if the field also sets 'primary_key=True'."]);
    expect(
      checkMessages(
        models(`class Gadget(models.Model):
    name_x = models.CharField(max_length=50, db_column="code")
    code = models.CharField(max_length=10)`),
      ),
    ).toEqual(["shop.Gadget: (models.E007) Field 'code' has column name 'code' that is used by another field.\n\tHINT: Specify a 'db_column' for the field."]);
  });

  test('unique_together, indexes, ordering (inherited by a child model)', () => {
    const out = checkMessages(
      models(`class Tag(models.Model):
    name = models.CharField(max_length=20)


class Book(models.Model):
    title = models.CharField(max_length=50)
    tags = models.ManyToManyField(Tag)
    published = models.DateField(null=True)

    class Meta:
        unique_together = [("title", "missing"), ("title", "tags")]
        ordering = ["-published__year", "title__foo__bar", "tags", "pk", "-missing"]
        indexes = [models.Index(fields=["title", "nothere"], name="_bad_name")]


class Chapter(Book):
    number = models.IntegerField()

    class Meta:
        unique_together = ["title", "number"]`),
    );
    expect(out).toEqual([
      "shop.Book: (models.E012) 'indexes' refers to the nonexistent field 'nothere'.",
      "shop.Book: (models.E012) 'unique_together' refers to the nonexistent field 'missing'.",
      "shop.Book: (models.E013) 'unique_together' refers to a ManyToManyField 'tags', but ManyToManyFields are not permitted in 'unique_together'.",
      "shop.Book: (models.E015) 'ordering' refers to the nonexistent field, related field, or lookup 'missing'.",
      "shop.Book: (models.E015) 'ordering' refers to the nonexistent field, related field, or lookup 'tags'.",
      "shop.Book: (models.E015) 'ordering' refers to the nonexistent field, related field, or lookup 'title__foo__bar'.",
      "shop.Book: (models.E015) 'ordering' refers to the nonexistent field, related field, or lookup 'title__foo__bar'.",
      "shop.Book: (models.E033) The index name '_bad_name' cannot start with an underscore or a number.",
      "shop.Chapter: (models.E015) 'ordering' refers to the nonexistent field, related field, or lookup 'missing'.",
      "shop.Chapter: (models.E015) 'ordering' refers to the nonexistent field, related field, or lookup 'tags'.",
      "shop.Chapter: (models.E015) 'ordering' refers to the nonexistent field, related field, or lookup 'title__foo__bar'.",
      "shop.Chapter: (models.E015) 'ordering' refers to the nonexistent field, related field, or lookup 'title__foo__bar'.",
      "shop.Chapter: (models.E016) 'unique_together' refers to field 'title' which is not local to model 'Chapter'.\n\tHINT: This issue may be caused by multi-table inheritance.",
    ]);
  });

  test('tables, index and constraint names shared by models; constraints only with databases', () => {
    const src = models(`class Tag(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        db_table = "shared_table"
        indexes = [models.Index(fields=["name"], name="dup_idx")]


class Label(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        db_table = "shared_table"
        indexes = [models.Index(fields=["name"], name="dup_idx")]
        constraints = [models.CheckConstraint(condition=models.Q(size__gt=0), name="label_size_positive")]`);
    const expected = [
      "?: (models.E030) index name 'dup_idx' is not unique among models: shop.Label, shop.Tag.",
      "shared_table: (models.E028) db_table 'shared_table' is used by multiple models: shop.Tag, shop.Label.",
    ];
    expect(checkMessages(src)).toEqual(expected);
    expect(checkMessages(src, { databases: true })).toEqual([...expected, "shop.Label: (models.E012) 'constraints' refers to the nonexistent field 'size'."]);
  });

  test('multi-table inheritance clashes', () => {
    expect(
      checkMessages(
        models(`class Place(models.Model):
    name = models.CharField(max_length=50)


class Restaurant(Place):
    restaurant = models.IntegerField(default=0)


class Cafe(Place):
    pass


class Coffee(Restaurant, Cafe):
    pass`),
      ),
    ).toEqual([
      "shop.Coffee: (models.E005) The field 'place_ptr' from parent model 'shop.restaurant' clashes with the field 'place_ptr' from parent model 'shop.cafe'.",
      "shop.Restaurant.restaurant: (models.E006) The field 'restaurant' clashes with the field 'restaurant' from model 'shop.place'.",
    ]);
  });
});

describe('lazy references', () => {
  test('fields.E300 / E307 for missing models, abstract models and through tables', () => {
    expect(
      checkMessages(
        models(`class Base(models.Model):
    name = models.CharField(max_length=20)

    class Meta:
        abstract = True


class Product(models.Model):
    maker = models.ForeignKey("Maker", on_delete=models.CASCADE)
    base = models.ForeignKey(Base, on_delete=models.CASCADE)
    tags = models.ManyToManyField("Tag")`),
      ),
    ).toEqual([
      "shop.Product.base: (fields.E300) Field defines a relation with model 'Base', which is either not installed, or is abstract.",
      "shop.Product.base: (fields.E307) The field shop.Product.base was declared with a lazy reference to 'shop.base', but app 'shop' doesn't provide model 'base'.",
      "shop.Product.maker: (fields.E300) Field defines a relation with model 'Maker', which is either not installed, or is abstract.",
      "shop.Product.maker: (fields.E307) The field shop.Product.maker was declared with a lazy reference to 'shop.maker', but app 'shop' doesn't provide model 'maker'.",
      "shop.Product.tags: (fields.E300) Field defines a relation with model 'Tag', which is either not installed, or is abstract.",
      "shop.Product.tags: (fields.E307) The field shop.Product.tags was declared with a lazy reference to 'shop.tag', but app 'shop' doesn't provide model 'tag'.",
      "shop.Product_tags.tag: (fields.E307) The field shop.Product_tags.tag was declared with a lazy reference to 'shop.tag', but app 'shop' doesn't provide model 'tag'.",
    ]);
  });
});

describe('settings', () => {
  test('check --deploy warnings', () => {
    const out = checkMessages(models(''), {
      includeDeploymentChecks: true,
      settings: 'DEBUG = True\nSECRET_KEY = "django-insecure-x"\nALLOWED_HOSTS = []',
    });
    expect(out.map((m) => m.slice(0, m.indexOf(')') + 1))).toEqual([
      '?: (security.W001)',
      '?: (security.W002)',
      '?: (security.W003)',
      '?: (security.W009)',
      '?: (security.W018)',
      '?: (security.W020)',
    ]);
    expect(out).toContain('?: (security.W018) You should not have DEBUG set to True in deployment.');
  });

  test('LANGUAGE_CODE', () => {
    expect(checkMessages(models(''), { settings: 'LANGUAGE_CODE = "en us"' })).toEqual([
      "?: (translation.E001) You have provided an invalid value for the LANGUAGE_CODE setting: 'en us'.",
      '?: (translation.E004) You have provided a value for the LANGUAGE_CODE setting that is not in the LANGUAGES setting.',
    ]);
    expect(checkMessages(models(''), { settings: 'LANGUAGE_CODE = "fr-ca"' })).toEqual([]);
  });
});
