DROP INDEX books_author_idx;
