-- The shop's data: two categories, three products, two sales.
INSERT INTO catalog_category (name) VALUES ('Shoes'), ('Hats');
INSERT INTO catalog_product (name, category_id) VALUES ('Sneaker', 1), ('Boot', 1), ('Fedora', 2);
INSERT INTO sale_sale (created, product_id) VALUES ('2026-01-01 10:00:00+00', 1), ('2026-01-01 11:00:00+00', 3);
