// The Alembic loader on small projects written here: the revision graph read from the files
// (order, branches, merge points, unmerged heads, malformed revision files), and the SQL the
// project's own Alembic renders offline (bookkeeping left out, per-engine dialects, errors of
// revisions that cannot render, an env.py that connects, hangs or reads the environment).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>

#include "harness/loaders/alembic_directory.h"
#include "harness/loaders/alembic_graph.h"
#include "harness/loaders/loader.h"
#include "tests/loaders/loader_testing.h"
#include "tests/loaders/temp_folder.h"

namespace crucible {
namespace {

using testing::error_of;
using testing::migration;
using testing::scripts;
using testing::TempFolder;
using testing::texts;
using testing::versions;

constexpr const char* kIni = "[alembic]\nscript_location = %(here)s/migrations\n";

// env.py as `alembic init` writes it: offline mode reads sqlalchemy.url.
constexpr const char* kEnv = R"(from alembic import context
config = context.config
def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=None,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
if context.is_offline_mode():
    run_migrations_offline()
else:
    raise RuntimeError("online mode")
)";

std::string revision(const std::string& id, const std::string& down, const std::string& upgrade,
                     const std::string& downgrade = "    pass\n", const std::string& extra = "") {
  return "from alembic import op\nimport sqlalchemy as sa\n" + extra + "revision = '" + id +
         "'\ndown_revision = " + down + "\nbranch_labels = None\n\ndef upgrade():\n" + upgrade +
         "\ndef downgrade():\n" + downgrade;
}

// An Alembic project: alembic.ini beside migrations/ (env.py + versions/).
struct Project : TempFolder {
  explicit Project(const std::string& env = kEnv) {
    std::filesystem::create_directories(*this / "migrations/versions");
    write("alembic.ini", kIni);
    write("migrations/env.py", env);
  }
  void add(const std::string& file, const std::string& text) const {
    write("migrations/versions/" + file, text);
  }
};

const std::vector<EngineKind> kSqlite = {EngineKind::sqlite};

AlembicOptions quick() {
  AlembicOptions options;
  options.step_timeout = std::chrono::seconds(20);
  return options;
}

std::string all_text(const Script& script) {
  std::string out;
  for (const Statement& s : script.statements) out += s.sql + ";\n";
  return out;
}

const char* kCreateUsers =
    "    op.create_table('users', sa.Column('id', sa.Integer, primary_key=True),\n"
    "                    sa.Column('email', sa.String(100)))\n";

// --- the revision graph, read without Python ------------------------------------------------

TEST(AlembicGraph, OrdersByDownRevisionNotFileName) {
  Project p;
  p.add("c_third.py", revision("ccc", "'bbb'", "    pass\n"));
  p.add("a_second.py", revision("bbb", "'aaa'", "    pass\n"));
  p.add("b_first.py", "revision: str = \"aaa\"\ndown_revision: Union[str, None] = None\n");
  loaders::AlembicGraph graph = loaders::read_alembic_graph(p.path());
  EXPECT_EQ(graph.bases, std::vector<std::string>{"aaa"});
  EXPECT_EQ(graph.heads, std::vector<std::string>{"ccc"});
  loaders::AlembicHistory history = loaders::plan_history(graph);
  ASSERT_EQ(history.linear.size(), 3u);
  EXPECT_EQ(history.linear[0]->id, "aaa");
  EXPECT_EQ(history.linear[2]->id, "ccc");
  EXPECT_EQ(history.linear[2]->name, "c_third");
  EXPECT_TRUE(history.left_out.empty());
}

// Branches that merge again are one step, `alembic upgrade r1:r3`: Alembic orders the branches'
// revisions, Crucible guesses nothing; they are reported as skips that name the merge point.
TEST(AlembicGraph, MergedBranchesRunAsOneStepEndingAtTheMerge) {
  Project p;
  p.add("1_base.py", revision("r1", "None", kCreateUsers, "    op.drop_table('users')\n"));
  p.add("2_left.py", revision("r2a", "'r1'", "    op.create_table('a', sa.Column('id', sa.Integer))\n",
                              "    op.drop_table('a')\n"));
  p.add("2_right.py", revision("r2b", "'r1'", "    op.create_table('b', sa.Column('id', sa.Integer))\n",
                               "    op.drop_table('b')\n"));
  p.add("3_merge.py", "revision = 'r3'\ndown_revision = (\n    'r2a',\n    'r2b',\n)\n"
                      "def upgrade():\n    pass\ndef downgrade():\n    pass\n");
  p.add("4_after.py", revision("r4", "'r3'", "    op.create_table('c', sa.Column('id', sa.Integer))\n",
                               "    op.drop_table('c')\n"));
  loaders::AlembicGraph graph = loaders::read_alembic_graph(p.path());
  loaders::AlembicHistory history = loaders::plan_history(graph);
  ASSERT_EQ(history.linear.size(), 3u);
  EXPECT_EQ(history.linear[1]->id, "r3");
  ASSERT_EQ(history.merged_through.at("r3").size(), 2u);
  EXPECT_TRUE(history.left_out.empty());

  MigrationSet set = load_alembic_directory(p.path(), kSqlite, quick());
  EXPECT_EQ(versions(set), (std::vector<std::string>{"r1", "r2a", "r2b", "r3", "r4"}));
  EXPECT_NE(migration(set, "r2a").unavailable.at(EngineKind::sqlite).find(
                "runs within merge point r3: the branches after r1 are verified together as "
                "`alembic upgrade r1:r3`"),
            std::string::npos);
  const EngineScripts& merge = scripts(migration(set, "r3"), EngineKind::sqlite);
  EXPECT_NE(all_text(merge.forward).find("CREATE TABLE a"), std::string::npos);
  EXPECT_NE(all_text(merge.forward).find("CREATE TABLE b"), std::string::npos);
  EXPECT_NE(all_text(*merge.reverse).find("DROP TABLE a"), std::string::npos);
  EXPECT_NE(all_text(*merge.reverse).find("DROP TABLE b"), std::string::npos);
  EXPECT_EQ(all_text(scripts(migration(set, "r4"), EngineKind::sqlite).forward),
            "CREATE TABLE c (\n    id INTEGER\n);\n");
}

// A second base merged later (seen in a real project): `alembic upgrade base:<merge>` is the
// first step, the history goes on after it.
TEST(AlembicGraph, BasesThatMergeRunAsOneStepFromBase) {
  Project p;
  p.add("1_one.py", revision("r1", "None", "    op.create_table('a', sa.Column('id', sa.Integer))\n",
                             "    op.drop_table('a')\n"));
  p.add("1_two.py", revision("s1", "None", "    op.create_table('b', sa.Column('id', sa.Integer))\n",
                             "    op.drop_table('b')\n"));
  p.add("2_merge.py", "revision = 'm2'\ndown_revision = ('r1', 's1')\n"
                      "def upgrade():\n    pass\ndef downgrade():\n    pass\n");
  p.add("3_after.py", revision("r3", "'m2'", "    pass\n"));
  loaders::AlembicGraph graph = loaders::read_alembic_graph(p.path());
  loaders::AlembicHistory history = loaders::plan_history(graph);
  ASSERT_EQ(history.linear.size(), 2u);
  EXPECT_EQ(history.linear[0]->id, "m2");
  EXPECT_EQ(history.merged_through.at("m2").size(), 2u);
  MigrationSet set = load_alembic_directory(p.path(), kSqlite, quick());
  EXPECT_EQ(versions(set), (std::vector<std::string>{"r1", "s1", "m2", "r3"}));
  EXPECT_NE(migration(set, "s1").unavailable.at(EngineKind::sqlite).find("`alembic upgrade base:m2`"),
            std::string::npos);
  const EngineScripts& merge = scripts(migration(set, "m2"), EngineKind::sqlite);
  EXPECT_NE(all_text(merge.forward).find("CREATE TABLE b"), std::string::npos);
  EXPECT_NE(all_text(*merge.reverse).find("DROP TABLE a"), std::string::npos);
}

// A branch that merges with only part of the rest, or never: the history stops at the branch
// point and every later revision says why.
TEST(AlembicGraph, BranchesThatDoNotCloseAreReportedNotGuessed) {
  Project p;
  p.add("1_base.py", revision("r1", "None", "    pass\n"));
  p.add("2_left.py", revision("r2a", "'r1'", "    pass\n"));
  p.add("2_right.py", revision("r2b", "'r1'", "    pass\n"));
  p.add("2_third.py", "revision = 'r2c'\ndown_revision = 'r1'\nbranch_labels = ('audit',)\n");
  p.add("3_merge.py", "revision = 'r3'\ndown_revision = ('r2a', 'r2b')\n");
  p.add("4_after.py", revision("r4", "'r3'", "    pass\n"));
  loaders::AlembicGraph graph = loaders::read_alembic_graph(p.path());
  loaders::AlembicHistory history = loaders::plan_history(graph);
  ASSERT_EQ(history.linear.size(), 1u);
  ASSERT_EQ(history.left_out.size(), 5u);
  EXPECT_EQ(history.left_out[0].revision->id, "r2a");
  EXPECT_NE(history.left_out[0].reason.find("on a branch after r1 (revised by r2a, r2b, r2c)"),
            std::string::npos) << history.left_out[0].reason;
  EXPECT_EQ(history.left_out[3].revision->id, "r3");
  EXPECT_NE(history.left_out[3].reason.find("a merge point of r2a, r2b"), std::string::npos);
  EXPECT_NE(history.left_out[4].reason.find("after the merge point r3"), std::string::npos)
      << history.left_out[4].reason;
  // Two heads: r2c's branch is labelled (deliberate, a skip), r4's is not (an error).
  for (const auto& left : history.left_out) {
    EXPECT_EQ(left.error, left.revision->id == "r4") << left.reason;
  }
}

// Two revisions off one parent, never merged: `alembic upgrade head` fails, so the gate does.
TEST(AlembicGraph, UnmergedHeadsAreErrors) {
  Project p;
  p.add("1_base.py", revision("r1", "None", "    pass\n"));
  p.add("2_mine.py", revision("r2a", "'r1'", "    pass\n"));
  p.add("2_theirs.py", revision("r2b", "'r1'", "    pass\n"));
  MigrationSet set = load_alembic_directory(p.path(), kSqlite, quick());
  const Migration& mine = migration(set, "r2a");
  ASSERT_TRUE(mine.findings.contains(EngineKind::sqlite));
  const ScriptDefect& defect = mine.findings.at(EngineKind::sqlite);
  EXPECT_NE(defect.message.find("one of 2 heads (r2a, r2b)"), std::string::npos) << defect.message;
  EXPECT_NE(defect.message.find("alembic merge heads"), std::string::npos);
  EXPECT_EQ(defect.where.str(), "migrations/versions/2_mine.py:3");
}

TEST(AlembicGraph, BranchLabelsMakeIndependentHeadsDeliberate) {
  Project p;
  p.add("1_base.py", revision("r1", "None", "    pass\n"));
  p.add("2_a.py", revision("r2a", "'r1'", "    pass\n"));
  p.add("2_b.py", "revision = 'r2b'\ndown_revision = 'r1'\nbranch_labels = ('audit',)\n");
  loaders::AlembicGraph graph = loaders::read_alembic_graph(p.path());
  loaders::AlembicHistory history = loaders::plan_history(graph);
  ASSERT_EQ(history.left_out.size(), 2u);
  EXPECT_TRUE(history.left_out[0].error);   // r2a: an unlabelled head among two
  EXPECT_FALSE(history.left_out[1].error);  // r2b: a labelled branch
}

TEST(AlembicGraph, MalformedRevisionFilesNameFileAndLine) {
  {
    Project p;
    p.add("1_a.py", revision("r1", "None", "    pass\n"));
    p.add("2_b.py", revision("r1", "None", "    pass\n"));
    std::string error = error_of([&] { loaders::read_alembic_graph(p.path()); });
    EXPECT_NE(error.find("migrations/versions/2_b.py:3: revision r1 is also declared in "
                         "migrations/versions/1_a.py:3"),
              std::string::npos) << error;
  }
  {
    Project p;
    p.add("1_a.py", "REV = 'x'\nrevision = REV\ndown_revision = None\n");
    std::string error = error_of([&] { loaders::read_alembic_graph(p.path()); });
    EXPECT_NE(error.find("migrations/versions/1_a.py:2: revision = REV is not None, a string"),
              std::string::npos) << error;
  }
  {
    Project p;
    p.add("1_a.py", "# helper module\n");
    std::string error = error_of([&] { loaders::read_alembic_graph(p.path()); });
    EXPECT_NE(error.find("migrations/versions/1_a.py: no `revision = '…'` line"), std::string::npos)
        << error;
  }
  {
    Project p;
    p.add("1_a.py", revision("r1", "'nowhere'", "    pass\n"));
    MigrationSet set = load_alembic_directory(p.path(), kSqlite, quick());
    EXPECT_NE(migration(set, "r1").findings.at(EngineKind::sqlite).message.find(
                  "down_revision nowhere names no revision"),
              std::string::npos);
  }
}

TEST(AlembicGraph, FoundFromTheScriptFolderOrTheIniFolder) {
  Project p;
  p.add("1_a.py", revision("r1", "None", "    pass\n"));
  EXPECT_EQ(loaders::find_alembic_project(p.path()).ini, std::filesystem::path(p / "alembic.ini").lexically_normal().string());
  loaders::AlembicProject from_script = loaders::find_alembic_project(p / "migrations");
  EXPECT_TRUE(from_script.ini.has_value());  // the ini above names this folder
  EXPECT_EQ(load_migrations(p.path(), kSqlite).format, "alembic");
  EXPECT_EQ(load_migrations(p / "migrations", kSqlite).format, "alembic");
  EXPECT_EQ(load_migrations(p / "migrations/versions", kSqlite).format, "alembic");
  TempFolder bare;
  bare.write("alembic.ini", "[alembic]\nsqlalchemy.url = x\n");
  EXPECT_NE(error_of([&] { load_migrations(bare.path(), kSqlite); })
                .find("alembic.ini: no script_location in its [alembic] section"),
            std::string::npos);
}

// --- rendering with the project's Alembic ---------------------------------------------------

TEST(AlembicRender, EachEngineGetsItsDialectWithoutAlembicBookkeeping) {
  Project p;
  p.add("1_users.py", revision("a1", "None", kCreateUsers, "    op.drop_table('users')\n"));
  p.add("2_index.py", revision("b2", "'a1'", "    op.create_index('users_email_idx', 'users', ['email'])\n",
                               "    op.drop_index('users_email_idx', table_name='users')\n"));
  MigrationSet set = load_alembic_directory(
      p.path(), {EngineKind::sqlite, EngineKind::postgres, EngineKind::mariadb}, quick());
  EXPECT_EQ(set.format, "alembic");
  EXPECT_EQ(versions(set), (std::vector<std::string>{"a1", "b2"}));
  const EngineScripts& pg = scripts(migration(set, "a1"), EngineKind::postgres);
  ASSERT_FALSE(pg.forward.defect) << pg.forward.defect->message;
  EXPECT_EQ(pg.forward.statements.size(), 1u) << all_text(pg.forward);
  EXPECT_NE(all_text(pg.forward).find("SERIAL"), std::string::npos) << all_text(pg.forward);
  EXPECT_TRUE(pg.forward.transactional);
  std::string maria = all_text(scripts(migration(set, "a1"), EngineKind::mariadb).forward);
  EXPECT_NE(maria.find("AUTO_INCREMENT"), std::string::npos) << maria;
  for (EngineKind engine : {EngineKind::sqlite, EngineKind::postgres, EngineKind::mariadb}) {
    for (const char* id : {"a1", "b2"}) {
      const EngineScripts& s = scripts(migration(set, id), engine);
      ASSERT_TRUE(s.reverse.has_value());
      std::string text = all_text(s.forward) + all_text(*s.reverse);
      EXPECT_EQ(text.find("alembic_version"), std::string::npos) << text;
      EXPECT_EQ(text.find("BEGIN"), std::string::npos) << text;
      EXPECT_EQ(text.find("COMMIT"), std::string::npos) << text;
      EXPECT_EQ(s.reverse->statements.size(), 1u) << all_text(*s.reverse);
    }
  }
  const Script& b2 = scripts(migration(set, "b2"), EngineKind::mariadb).forward;
  EXPECT_EQ(b2.file, "migrations/versions/2_index.py");  // as git names it for --changed-since
  EXPECT_EQ(b2.statements.at(0).where.file, "migrations/versions/2_index.py [upgrade --sql, mysql]");
  // Rendering imported the revisions, but left no bytecode in the project.
  EXPECT_FALSE(std::filesystem::exists(p / "migrations/versions/__pycache__"));
  EXPECT_FALSE(std::filesystem::exists(p / "migrations/__pycache__"));
}

TEST(AlembicRender, AutocommitBlockRunsOutsideATransaction) {
  Project p;
  p.add("1_users.py", revision("a1", "None", kCreateUsers, "    op.drop_table('users')\n"));
  p.add("2_conc.py", revision("b2", "'a1'",
                              "    with op.get_context().autocommit_block():\n"
                              "        op.create_index('users_email_idx', 'users', ['email'],"
                              " postgresql_concurrently=True)\n",
                              "    op.drop_index('users_email_idx', table_name='users')\n"));
  MigrationSet set = load_alembic_directory(p.path(), {EngineKind::postgres}, quick());
  const Script& forward = scripts(migration(set, "b2"), EngineKind::postgres).forward;
  EXPECT_FALSE(forward.transactional);
  EXPECT_NE(all_text(forward).find("CREATE INDEX CONCURRENTLY"), std::string::npos);
  EXPECT_EQ(all_text(forward).find("alembic_version"), std::string::npos) << all_text(forward);
  EXPECT_TRUE(scripts(migration(set, "b2"), EngineKind::postgres).reverse->transactional);
}

TEST(AlembicRender, MarkersArePythonComments) {
  Project p;
  p.add("1_users.py", revision("a1", "None", kCreateUsers, "    raise NotImplementedError()\n",
                               "# crucible:irreversible drops customer data on the way down\n"));
  MigrationSet set = load_alembic_directory(p.path(), kSqlite, quick());
  EXPECT_EQ(migration(set, "a1").irreversible, "drops customer data on the way down");
  p.add("1_users.py", revision("a1", "None", kCreateUsers, "    pass\n", "# crucible:typo x\n"));
  EXPECT_NE(error_of([&] { load_alembic_directory(p.path(), kSqlite, quick()); })
                .find("1_users.py:3: unknown marker crucible:typo"),
            std::string::npos);
}

// A revision whose upgrade reads the live database cannot render offline: an error of that
// revision with Alembic's (Python's) message and the revision's line, not a crash.
TEST(AlembicRender, RevisionsThatNeedALiveDatabaseAreErrors) {
  Project p;
  p.add("1_users.py", revision("a1", "None", kCreateUsers, "    op.drop_table('users')\n"));
  p.add("2_backfill.py",
        revision("b2", "'a1'",
                 "    rows = op.get_bind().execute(sa.text('SELECT id FROM users')).fetchall()\n",
                 "    raise NotImplementedError('no way back')\n"));
  p.add("3_more.py", revision("c3", "'b2'", "    op.add_column('users', sa.Column('n', sa.Integer))\n",
                              "    op.drop_column('users', 'n')\n"));
  MigrationSet set = load_alembic_directory(p.path(), kSqlite, quick());
  const EngineScripts& b2 = scripts(migration(set, "b2"), EngineKind::sqlite);
  ASSERT_TRUE(b2.forward.defect);
  EXPECT_NE(b2.forward.defect->message.find("alembic upgrade --sql: AttributeError"),
            std::string::npos) << b2.forward.defect->message;
  EXPECT_NE(b2.forward.defect->message.find("migrations/versions/2_backfill.py:8 in upgrade"),
            std::string::npos) << b2.forward.defect->message;
  EXPECT_EQ(b2.forward.defect->where.str(), "migrations/versions/2_backfill.py:3");
  ASSERT_TRUE(b2.reverse && b2.reverse->defect);
  EXPECT_NE(b2.reverse->defect->message.find("NotImplementedError: no way back"), std::string::npos)
      << b2.reverse->defect->message;
  // The next revision still renders: the runner decides what the failed forward blocks.
  EXPECT_FALSE(scripts(migration(set, "c3"), EngineKind::sqlite).forward.defect);
}

// Offline rendering must not reach a database, whatever env.py tries: a socket of its own (to the
// live PostgreSQL of the test machine) or an SQLAlchemy engine.
TEST(AlembicRender, AnEnvPyThatConnectsIsRefused) {
  const std::pair<const char*, const char*> cases[] = {
      {"import socket\nsocket.create_connection(('127.0.0.1', 5432), timeout=5)\n",
       "migrations/env.py:2 in <module>"},
      {"from alembic import context\nfrom sqlalchemy import create_engine\n"
       "with create_engine('sqlite://').connect() as connection:\n"
       "    context.configure(connection=connection)\n    context.run_migrations()\n",
       "migrations/env.py:3 in <module>"}};
  for (const auto& [env, where] : cases) {
    Project p(env);
    p.add("1_users.py", revision("a1", "None", kCreateUsers));
    MigrationSet set = load_alembic_directory(p.path(), kSqlite, quick());
    const Script& forward = scripts(migration(set, "a1"), EngineKind::sqlite).forward;
    ASSERT_TRUE(forward.defect);
    EXPECT_NE(forward.defect->message.find("refuses connections"), std::string::npos)
        << forward.defect->message;
    EXPECT_NE(forward.defect->message.find(where), std::string::npos) << forward.defect->message;
  }
}

TEST(AlembicRender, AnEnvPyThatIgnoresTheUrlIsAnErrorOnOtherDialects) {
  std::string env = kEnv;
  env.replace(env.find("config.get_main_option(\"sqlalchemy.url\")"), 40, "\"sqlite://\"");
  Project p(env);
  p.add("1_users.py", revision("a1", "None", kCreateUsers, "    op.drop_table('users')\n"));
  MigrationSet set =
      load_alembic_directory(p.path(), {EngineKind::sqlite, EngineKind::postgres}, quick());
  EXPECT_FALSE(scripts(migration(set, "a1"), EngineKind::sqlite).forward.defect);
  const Script& pg = scripts(migration(set, "a1"), EngineKind::postgres).forward;
  ASSERT_TRUE(pg.defect);
  EXPECT_NE(pg.defect->message.find("env.py rendered for SQLAlchemy dialect 'sqlite', not "
                                    "'postgresql'"),
            std::string::npos) << pg.defect->message;
}

// The project's Python sees PATH, LANG, DATABASE_URL (the dialect URL) and --define values,
// never Crucible's own environment.
TEST(AlembicRender, ThePythonSeesNoneOfCruciblesEnvironment) {
  setenv("CRUCIBLE_POSTGRES_URL", "postgresql://boss:hunter2secret@db.example/prod", 1);
  setenv("PGPASSWORD", "pgpass-secret-value", 1);
  std::string env = std::string("import os\nraise RuntimeError(repr(sorted(os.environ.items())))\n");
  Project p(env);
  p.add("1_users.py", revision("a1", "None", kCreateUsers));
  AlembicOptions options = quick();
  options.environment = {{"APP_SETTINGS", "testing"}};
  MigrationSet set = load_alembic_directory(p.path(), kSqlite, options);
  unsetenv("CRUCIBLE_POSTGRES_URL");
  unsetenv("PGPASSWORD");
  const std::string& message =
      scripts(migration(set, "a1"), EngineKind::sqlite).forward.defect->message;
  EXPECT_NE(message.find("('APP_SETTINGS', 'testing')"), std::string::npos) << message;
  EXPECT_NE(message.find("('DATABASE_URL', 'sqlite://')"), std::string::npos) << message;
  EXPECT_EQ(message.find("hunter2secret"), std::string::npos) << message;
  EXPECT_EQ(message.find("pgpass-secret-value"), std::string::npos) << message;
  EXPECT_EQ(message.find("CRUCIBLE"), std::string::npos) << message;
}

TEST(AlembicRender, AHangingEnvPyIsStopped) {
  Project p("import time\nwhile True:\n    time.sleep(0.1)\n");
  p.add("1_users.py", revision("a1", "None", kCreateUsers));
  AlembicOptions options;
  options.step_timeout = std::chrono::seconds(2);
  auto start = std::chrono::steady_clock::now();
  MigrationSet set = load_alembic_directory(p.path(), kSqlite, options);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(120));
  const Script& forward = scripts(migration(set, "a1"), EngineKind::sqlite).forward;
  ASSERT_TRUE(forward.defect);
  EXPECT_NE(forward.defect->message.find("did not finish rendering `upgrade base:a1 --sql` within 2 s"),
            std::string::npos) << forward.defect->message;
  // The downgrade step still got its own (bounded) try.
  EXPECT_TRUE(scripts(migration(set, "a1"), EngineKind::sqlite).reverse->defect);
}

// A hang the helper cannot interrupt (signals blocked in native code): the whole child is killed.
TEST(AlembicRender, AChildThatIgnoresItsAlarmIsKilled) {
  Project p("import signal, time\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n"
            "while True:\n    time.sleep(0.1)\n");
  p.add("1_users.py", revision("a1", "None", kCreateUsers));
  AlembicOptions options;
  options.step_timeout = std::chrono::seconds(1);
  MigrationSet set = load_alembic_directory(p.path(), kSqlite, options);
  const Script& forward = scripts(migration(set, "a1"), EngineKind::sqlite).forward;
  ASSERT_TRUE(forward.defect);
  EXPECT_NE(forward.defect->message.find("stopped answering for 11 s"), std::string::npos)
      << forward.defect->message;
}

TEST(AlembicRender, WithoutAlembicTheErrorSaysHowToInstallIt) {
  Project p;
  p.add("1_users.py", revision("a1", "None", kCreateUsers));
  // A Python that cannot see Debian's dist-packages (no site module).
  TempFolder bin;
  bin.write("python3", "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
  std::filesystem::permissions(bin / "python3", std::filesystem::perms::owner_all);
  AlembicOptions options = quick();
  options.python = bin / "python3";
  std::string error = error_of([&] { load_alembic_directory(p.path(), kSqlite, options); });
  EXPECT_NE(error.find("has no Alembic (No module named 'alembic')"), std::string::npos) << error;
  EXPECT_NE(error.find("apt install python3-alembic"), std::string::npos) << error;
  options.python = "/nonexistent/python3";
  error = error_of([&] { load_alembic_directory(p.path(), kSqlite, options); });
  EXPECT_NE(error.find("cannot run /nonexistent/python3"), std::string::npos) << error;
  EXPECT_NE(error.find("apt install python3-alembic"), std::string::npos) << error;
}

}  // namespace
}  // namespace crucible
