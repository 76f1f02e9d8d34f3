-- The company's customer list lives in its own schema, shared with other programs.
CREATE SCHEMA legacy;
CREATE TABLE legacy.customers (
    id serial PRIMARY KEY,
    name varchar(80) NOT NULL,
    country char(2)
);
INSERT INTO legacy.customers (name, country) VALUES ('Acme', 'US'), ('Globex', 'DE');
