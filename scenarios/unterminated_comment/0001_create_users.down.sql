DROP TABLE users;
/* A careless edit left this comment open: the old splitter dropped everything after it,
DROP TABLE users_archive;
