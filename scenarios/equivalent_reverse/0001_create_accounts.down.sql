drop view active_accounts;
drop table accounts;
