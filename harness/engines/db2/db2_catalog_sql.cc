// The SQL over DB2's catalog views (IBM Db2 11.5, "Road map to the catalog views"). Every query
// is for one schema and returns only the columns the normaliser reads. DEFAULT is a reserved word
// and is quoted.
#include "harness/engines/db2/db2_catalog.h"

namespace crucible::db2 {
namespace {

constexpr const char* kTables =
    "SELECT TABNAME, TYPE, REMARKS, TABLEORG, COMPRESSION, APPEND_MODE, VOLATILE, TEMPORALTYPE "
    "FROM SYSCAT.TABLES WHERE TABSCHEMA = ? AND TYPE IN ('T', 'V', 'S')";

constexpr const char* kColumns =
    "SELECT c.TABNAME, c.COLNAME, c.COLNO, c.TYPESCHEMA, c.TYPENAME, c.LENGTH, c.SCALE, "
    "c.TYPESTRINGUNITS, c.STRINGUNITSLENGTH, c.CODEPAGE, c.\"DEFAULT\" AS \"DEFAULT\", c.NULLS, "
    "c.IDENTITY, c.GENERATED, c.ROWCHANGETIMESTAMP, c.HIDDEN, c.TEXT, c.REMARKS "
    "FROM SYSCAT.COLUMNS c JOIN SYSCAT.TABLES t "
    "ON t.TABSCHEMA = c.TABSCHEMA AND t.TABNAME = c.TABNAME "
    "WHERE c.TABSCHEMA = ? AND t.TYPE = 'T' ORDER BY c.TABNAME, c.COLNO";

constexpr const char* kConstraints =
    "SELECT CONSTNAME, TABNAME, TYPE, ENFORCED FROM SYSCAT.TABCONST WHERE TABSCHEMA = ?";

// The schema's own keys, and the parent keys (possibly in another schema) its foreign keys use.
constexpr const char* kKeyColumns =
    "SELECT k.CONSTNAME, k.TABSCHEMA, k.TABNAME, k.COLNAME, k.COLSEQ FROM SYSCAT.KEYCOLUSE k "
    "WHERE k.TABSCHEMA = ? OR EXISTS (SELECT 1 FROM SYSCAT.REFERENCES r WHERE r.TABSCHEMA = ? "
    "AND r.REFTABSCHEMA = k.TABSCHEMA AND r.REFTABNAME = k.TABNAME AND r.REFKEYNAME = k.CONSTNAME) "
    "ORDER BY k.TABSCHEMA, k.TABNAME, k.CONSTNAME, k.COLSEQ";

constexpr const char* kReferences =
    "SELECT CONSTNAME, TABNAME, REFKEYNAME, REFTABSCHEMA, REFTABNAME, DELETERULE, UPDATERULE "
    "FROM SYSCAT.REFERENCES WHERE TABSCHEMA = ?";

constexpr const char* kChecks =
    "SELECT CONSTNAME, TABNAME, TYPE, TEXT FROM SYSCAT.CHECKS WHERE TABSCHEMA = ?";

constexpr const char* kIndexes =
    "SELECT INDSCHEMA, INDNAME, TABNAME, UNIQUERULE, INDEXTYPE FROM SYSCAT.INDEXES "
    "WHERE TABSCHEMA = ?";

constexpr const char* kIndexColumns =
    "SELECT u.INDSCHEMA, u.INDNAME, u.COLNAME, u.COLSEQ, u.COLORDER, u.TEXT "
    "FROM SYSCAT.INDEXCOLUSE u JOIN SYSCAT.INDEXES i "
    "ON i.INDSCHEMA = u.INDSCHEMA AND i.INDNAME = u.INDNAME "
    "WHERE i.TABSCHEMA = ? ORDER BY u.INDSCHEMA, u.INDNAME, u.COLSEQ";

constexpr const char* kConstraintIndexes =
    "SELECT CONSTNAME, TABNAME, BSCHEMA, BNAME FROM SYSCAT.CONSTDEP "
    "WHERE TABSCHEMA = ? AND BTYPE = 'I'";

constexpr const char* kViews =
    "SELECT v.VIEWNAME, v.TEXT, t.TYPE FROM SYSCAT.VIEWS v JOIN SYSCAT.TABLES t "
    "ON t.TABSCHEMA = v.VIEWSCHEMA AND t.TABNAME = v.VIEWNAME WHERE v.VIEWSCHEMA = ?";

constexpr const char* kSequences =
    "SELECT SEQNAME, START, INCREMENT, MINVALUE, MAXVALUE, CYCLE, PRECISION "
    "FROM SYSCAT.SEQUENCES WHERE SEQSCHEMA = ? AND SEQTYPE = 'S'";

constexpr const char* kTriggers =
    "SELECT TRIGNAME, TABSCHEMA, TABNAME, TEXT FROM SYSCAT.TRIGGERS WHERE TRIGSCHEMA = ?";

// User-defined routines only (ORIGIN 'Q' SQL-bodied, 'E' external, 'U' sourced), outside modules;
// PARMS is the input and output parameter types in order, which tell overloads apart.
constexpr const char* kRoutines =
    "SELECT r.ROUTINENAME, r.ROUTINETYPE, r.LANGUAGE, r.IMPLEMENTATION, r.TEXT, "
    "(SELECT LISTAGG(p.TYPENAME, ', ') WITHIN GROUP (ORDER BY p.ORDINAL) "
    "FROM SYSCAT.ROUTINEPARMS p WHERE p.ROUTINESCHEMA = r.ROUTINESCHEMA "
    "AND p.SPECIFICNAME = r.SPECIFICNAME AND p.ROWTYPE IN ('B', 'O', 'P')) AS PARMS "
    "FROM SYSCAT.ROUTINES r WHERE r.ROUTINESCHEMA = ? AND r.ORIGIN IN ('Q', 'E', 'U') "
    "AND r.ROUTINEMODULENAME IS NULL";

}  // namespace

Db2CatalogRows read_catalog_rows(CatalogSource& source, const std::string& schema) {
  Db2CatalogRows rows;
  rows.tables = source.query(kTables, {schema});
  rows.columns = source.query(kColumns, {schema});
  rows.constraints = source.query(kConstraints, {schema});
  rows.key_columns = source.query(kKeyColumns, {schema, schema});
  rows.references = source.query(kReferences, {schema});
  rows.checks = source.query(kChecks, {schema});
  rows.indexes = source.query(kIndexes, {schema});
  rows.index_columns = source.query(kIndexColumns, {schema});
  rows.constraint_indexes = source.query(kConstraintIndexes, {schema});
  rows.views = source.query(kViews, {schema});
  rows.sequences = source.query(kSequences, {schema});
  rows.triggers = source.query(kTriggers, {schema});
  rows.routines = source.query(kRoutines, {schema});
  return rows;
}

}  // namespace crucible::db2
