DROP INDEX CONCURRENTLY identities_nid_idx;
