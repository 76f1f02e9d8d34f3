-- A bookshop's database, made by hand long before Django arrived.
CREATE TABLE publisher (
    id serial PRIMARY KEY,
    name varchar(100) NOT NULL UNIQUE
);

CREATE TABLE author (
    id serial PRIMARY KEY,
    "Full Name" varchar(120) NOT NULL
);

CREATE TABLE book (
    id serial PRIMARY KEY,
    title varchar(200) NOT NULL,
    publisher_id integer NOT NULL REFERENCES publisher (id),
    "class" varchar(10),
    price money,
    published date
);

CREATE TABLE book_author (
    id serial PRIMARY KEY,
    book_id integer NOT NULL REFERENCES book (id),
    author_id integer NOT NULL REFERENCES author (id),
    UNIQUE (book_id, author_id)
);

INSERT INTO publisher (name) VALUES ('Ace Books'), ('Parnassus Press');
INSERT INTO author ("Full Name") VALUES ('Ursula K. Le Guin'), ('Ruth Robbins');
INSERT INTO book (title, publisher_id, "class", price, published) VALUES
    ('The Left Hand of Darkness', 1, 'SF', 7.99, '1969-03-01'),
    ('A Wizard of Earthsea', 2, 'Fantasy', 6.50, '1968-11-01');
INSERT INTO book_author (book_id, author_id) VALUES (1, 1), (2, 1), (2, 2);
