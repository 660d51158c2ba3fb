-- The SQLite side of bench/home.sh: bench_stock's stock tables (its
-- sq_schema) with the further indexes kontor keeps on them (its sq_more:
-- "SQLite + kontor's indexes").
PRAGMA journal_mode=WAL;
CREATE TABLE warehouses (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL, allow_negative INTEGER NOT NULL DEFAULT 0);
CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL, kind TEXT NOT NULL, unit TEXT NOT NULL,
    vat TEXT NOT NULL, purchase_price INTEGER, sale_price INTEGER);
CREATE TABLE stock (product INTEGER NOT NULL, warehouse INTEGER NOT NULL,
    on_hand INTEGER NOT NULL, reserved INTEGER NOT NULL,
    on_order INTEGER NOT NULL, value INTEGER NOT NULL, moved INTEGER,
    PRIMARY KEY (product, warehouse)) WITHOUT ROWID;
CREATE TABLE counters (series TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE docs (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL, status TEXT NOT NULL, date INTEGER NOT NULL,
    warehouse INTEGER, to_warehouse INTEGER, notes TEXT, posted INTEGER,
    posted_by TEXT, created INTEGER, created_by TEXT);
CREATE TABLE lines (id INTEGER PRIMARY KEY, doc INTEGER NOT NULL,
    line INTEGER NOT NULL, product INTEGER NOT NULL, qty INTEGER NOT NULL,
    unit_cost INTEGER, type TEXT, warehouse INTEGER, to_warehouse INTEGER);
CREATE INDEX lines_doc ON lines (doc);
CREATE TABLE moves (id INTEGER PRIMARY KEY, date INTEGER NOT NULL,
    kind TEXT NOT NULL, product INTEGER NOT NULL, warehouse INTEGER NOT NULL,
    qty INTEGER NOT NULL, unit_cost INTEGER NOT NULL, value INTEGER NOT NULL,
    doc INTEGER NOT NULL, user TEXT);
CREATE INDEX moves_product ON moves (product);
CREATE INDEX moves_doc ON moves (doc);
CREATE INDEX products_name ON products (name);
CREATE INDEX stock_warehouse ON stock (warehouse);
CREATE INDEX docs_type ON docs (type);
CREATE INDEX docs_status ON docs (status);
CREATE INDEX docs_date ON docs (date);
CREATE INDEX docs_warehouse ON docs (warehouse);
CREATE INDEX docs_to_warehouse ON docs (to_warehouse);
CREATE INDEX lines_product ON lines (product);
CREATE INDEX moves_date ON moves (date);
CREATE INDEX moves_warehouse ON moves (warehouse);
