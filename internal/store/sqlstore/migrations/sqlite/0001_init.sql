-- uro's corpus, schema 1. One row per article; everything extracted from
-- it in child tables keyed by (article, ord) so a document reads back in
-- its own order. Nullable columns are the document's null fields; a group
-- of columns (actor_*, loc_*, …) is one nullable object, present when its
-- first column is not null. Span texts of blocks, entities, quotes, credits,
-- times and numbers are NULL when they equal the slice of the article text
-- they point at (most do), which halves the size; events and figures keep
-- theirs, so listing them never reads article texts. Child tables are
-- WITHOUT ROWID: their key is (article, ord), one B-tree instead of two.

PRAGMA application_id = 1970433841; -- "uro1": tells a uro database from other SQLite files

CREATE TABLE articles (
    n             INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    schema        TEXT NOT NULL,
    url           TEXT,
    path          TEXT,
    site          TEXT,
    title         TEXT,
    language      TEXT NOT NULL,
    published     TEXT,
    primary_event TEXT,
    warnings      TEXT,             -- JSON list, NULL when none
    nils          INTEGER NOT NULL, -- bit set: document lists that were null rather than empty
    fetched       INTEGER NOT NULL, -- Unix nanoseconds, UTC
    feed          TEXT,
    events        INTEGER NOT NULL,
    text          TEXT NOT NULL     -- last: a listing reads the columns before it without touching the text
);
CREATE INDEX articles_fetched ON articles (fetched, n);
-- An empty URL names no page, so it dedupes nothing.
CREATE UNIQUE INDEX articles_url ON articles (url) WHERE url != '';

-- Full-text index over title and text; its content is the articles table.
CREATE VIRTUAL TABLE article_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'n',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE incidents (
    id         TEXT PRIMARY KEY,
    type       TEXT NOT NULL,
    acled_type TEXT,
    country    TEXT,
    start      TEXT NOT NULL, -- '' when unknown
    "end"      TEXT NOT NULL,
    events     INTEGER NOT NULL,
    articles   INTEGER NOT NULL,
    body       TEXT NOT NULL  -- the store.Incident as JSON (derived data: Check recomputes it)
);
CREATE INDEX incidents_start ON incidents (start, id);

CREATE TABLE events (
    article        INTEGER NOT NULL REFERENCES articles (n),
    ord            INTEGER NOT NULL,
    id             TEXT NOT NULL,
    key            TEXT NOT NULL UNIQUE, -- "<article id>/<event id>"
    incident       TEXT REFERENCES incidents (id) DEFERRABLE INITIALLY DEFERRED,
    day_start      TEXT NOT NULL, -- the days merging and filters use (the event's, else the article's); '' when unknown
    day_end        TEXT NOT NULL,
    type           TEXT NOT NULL,
    mode           TEXT,
    acled_type     TEXT,
    acled_sub      TEXT,
    context        TEXT NOT NULL, -- JSON list
    factuality     TEXT NOT NULL,
    actor_text     TEXT, actor_name TEXT, actor_kind TEXT, actor_country TEXT,
    recipient_text TEXT, recipient_name TEXT, recipient_kind TEXT, recipient_country TEXT,
    loc_text       TEXT, loc_name TEXT, loc_country TEXT, loc_admin1 TEXT, loc_lat REAL, loc_lon REAL,
    loc_precision  TEXT, loc_geonames INTEGER, loc_start INTEGER, loc_end INTEGER,
    date_text      TEXT, date_start TEXT, date_end TEXT, date_precision TEXT,
    attr_text      TEXT, attr_source TEXT, attr_kind TEXT,
    trigger_text   TEXT, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
    evidence_text  TEXT, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
    PRIMARY KEY (article, ord)
);
CREATE INDEX events_country_day ON events (loc_country, day_start, key);
CREATE INDEX events_day ON events (day_start, key);
CREATE INDEX events_incident ON events (incident);

CREATE TABLE figures (
    article        INTEGER NOT NULL REFERENCES articles (n),
    ord            INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    min            INTEGER NOT NULL,
    max            INTEGER,
    qualifier      TEXT NOT NULL,
    who_text       TEXT, who_kind TEXT,
    event          TEXT,
    attr_text      TEXT, attr_source TEXT, attr_kind TEXT,
    text           TEXT NOT NULL,
    evidence_text  TEXT, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
    PRIMARY KEY (article, ord)
) WITHOUT ROWID;
CREATE INDEX figures_event ON figures (article, event);

CREATE TABLE entities (
    article   INTEGER NOT NULL REFERENCES articles (n),
    ord       INTEGER NOT NULL,
    text      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    role      TEXT,
    country   TEXT,
    role_kind TEXT,
    org_kind  TEXT,
    spans_nil INTEGER NOT NULL,
    PRIMARY KEY (article, ord)
) WITHOUT ROWID;

CREATE TABLE entity_spans (
    article INTEGER NOT NULL,
    entity  INTEGER NOT NULL,
    ord     INTEGER NOT NULL,
    text    TEXT,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    PRIMARY KEY (article, entity, ord),
    FOREIGN KEY (article, entity) REFERENCES entities (article, ord)
) WITHOUT ROWID;

CREATE TABLE quotes (
    article     INTEGER NOT NULL REFERENCES articles (n),
    ord         INTEGER NOT NULL,
    speaker     TEXT,
    text        TEXT NOT NULL,
    span_text   TEXT, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    has_intro   INTEGER NOT NULL,
    intro_text  TEXT, intro_start INTEGER, intro_end INTEGER,
    PRIMARY KEY (article, ord)
) WITHOUT ROWID;

CREATE TABLE credits (
    article    INTEGER NOT NULL REFERENCES articles (n),
    ord        INTEGER NOT NULL,
    name       TEXT,
    agencies   TEXT NOT NULL, -- JSON list
    span_text  TEXT, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    PRIMARY KEY (article, ord)
) WITHOUT ROWID;

CREATE TABLE times (
    article    INTEGER NOT NULL REFERENCES articles (n),
    ord        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    start      TEXT,
    "end"      TEXT,
    precision  TEXT NOT NULL,
    span_text  TEXT, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    until      INTEGER NOT NULL,
    since      INTEGER NOT NULL,
    PRIMARY KEY (article, ord)
) WITHOUT ROWID;

CREATE TABLE numbers (
    article    INTEGER NOT NULL REFERENCES articles (n),
    ord        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    min        INTEGER NOT NULL,
    max        INTEGER,
    qualifier  TEXT NOT NULL,
    span_text  TEXT, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    PRIMARY KEY (article, ord)
) WITHOUT ROWID;

CREATE TABLE places (
    article    INTEGER NOT NULL REFERENCES articles (n),
    ord        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    name       TEXT NOT NULL,
    country    TEXT NOT NULL,
    admin1     TEXT,
    lat        REAL,
    lon        REAL,
    precision  TEXT NOT NULL,
    geonames   INTEGER,
    start      INTEGER,
    "end"      INTEGER,
    PRIMARY KEY (article, ord)
) WITHOUT ROWID;

CREATE TABLE blocks (
    article       INTEGER NOT NULL REFERENCES articles (n),
    ord           INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    sentences_nil INTEGER NOT NULL,
    PRIMARY KEY (article, ord)
) WITHOUT ROWID;

CREATE TABLE sentences (
    article INTEGER NOT NULL,
    block   INTEGER NOT NULL,
    ord     INTEGER NOT NULL,
    text    TEXT,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    PRIMARY KEY (article, block, ord),
    FOREIGN KEY (article, block) REFERENCES blocks (article, ord)
) WITHOUT ROWID;

CREATE TABLE feeds (
    url           TEXT PRIMARY KEY,
    etag          TEXT NOT NULL,
    last_modified TEXT NOT NULL,
    checked       INTEGER NOT NULL,
    status        INTEGER NOT NULL,
    error         TEXT NOT NULL
);
