-- Five thousand orders: small for PostgreSQL, enough to make the point.
INSERT INTO orders_order (number, quantity, created)
SELECT 'A-' || lpad(n::text, 5, '0'), 1 + n % 7, '2025-01-01 00:00:00+00'::timestamptz + n * interval '1 hour'
FROM generate_series(1, 5000) AS n;

-- Where the table's data lives on disk now: a rewrite gives the table a new file.
CREATE SCHEMA lesson_notes;
CREATE TABLE lesson_notes.start AS
SELECT relfilenode FROM pg_class WHERE oid = 'orders_order'::regclass;
