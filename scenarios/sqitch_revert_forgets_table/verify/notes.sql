SELECT id, body FROM notes WHERE false;
