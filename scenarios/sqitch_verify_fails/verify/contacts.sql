-- Verify crm:contacts

BEGIN;

SELECT id, email, phone
  FROM contacts
 WHERE false;

ROLLBACK;
