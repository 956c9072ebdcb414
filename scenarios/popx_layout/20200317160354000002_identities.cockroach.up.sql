CREATE TABLE identities (id UUID PRIMARY KEY, nid UUID, traits JSONB, INVERTED INDEX (traits));
