-- The SQLite side of the customer benches (bench/import.sh, mem.sh and
-- run.sh): the columns of gen_customers' CSV, a unique index on the code
-- and indexes on name, INN, phone, e-mail, city and status, WAL.
PRAGMA journal_mode=WAL;
CREATE TABLE customers (code TEXT NOT NULL, name TEXT NOT NULL,
    kind TEXT NOT NULL, inn TEXT, kpp TEXT, phone TEXT,
    email TEXT, city TEXT, address TEXT, status TEXT, notes TEXT);
CREATE UNIQUE INDEX customers_code ON customers(code);
CREATE INDEX customers_name ON customers(name);
CREATE INDEX customers_inn ON customers(inn);
CREATE INDEX customers_phone ON customers(phone);
CREATE INDEX customers_email ON customers(email);
CREATE INDEX customers_city ON customers(city);
CREATE INDEX customers_status ON customers(status);
