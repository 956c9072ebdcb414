DROP TABLE ciphers;
DROP TABLE folders;
