CREATE INDEX accounts_email ON accounts (email);
