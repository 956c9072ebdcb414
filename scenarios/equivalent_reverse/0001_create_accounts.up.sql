create table accounts (
  id integer not null primary key,
  email varchar(254) not null,
  status varchar(16) not null default 'active',
  balance integer not null default 0,
  constraint accounts_email_key unique (email),
  constraint accounts_balance_check check (balance >= 0)
);
create index accounts_status_idx on accounts (status, email);
create view active_accounts as select id, email from accounts where status = 'active';
