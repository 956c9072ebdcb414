CREATE TABLE tags (
    id    INTEGER     NOT NULL PRIMARY KEY,
    label VARCHAR(40) NOT NULL
);
CREATE TABLE item_tags (
    item_id INTEGER NOT NULL,
    tag_id  INTEGER NOT NULL,
    CONSTRAINT item_tags_pkey PRIMARY KEY (item_id, tag_id),
    CONSTRAINT item_tags_item_fk FOREIGN KEY (item_id) REFERENCES items (id) ON DELETE CASCADE,
    CONSTRAINT item_tags_tag_fk FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
);
