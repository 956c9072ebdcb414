#include "tests/properties/catalog_generators.h"

#include <fmt/format.h>

namespace crucible::testing {
namespace {

using namespace catalog;

template <typename T>
rc::Gen<std::optional<T>> optional_of(rc::Gen<T> gen) {
  return rc::gen::map(rc::gen::tuple(rc::gen::arbitrary<bool>(), std::move(gen)),
                      [](std::tuple<bool, T> v) {
                        return std::get<0>(v) ? std::optional<T>(std::get<1>(v)) : std::nullopt;
                      });
}

// Valid UTF-8 (what engines return), with the characters that break naive escaping.
rc::Gen<std::string> text() {
  static const std::vector<std::string> pieces = {
      "a", "Z", "0", "_", " ", "'", "\"", "\\", "\n", "\t", std::string(1, '\0'), "{", "}",
      ",", ":", "é", "ß", "雪", "😀", "\u2028", "DROP TABLE x;", "--", "/*",
      "\x01", "\x1f", "\b", "\f", "\r", "\x7f"};
  return rc::gen::map(rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(pieces)),
                      [](const std::vector<std::string>& parts) {
                        std::string out;
                        for (const auto& p : parts) out += p;
                        return out;
                      });
}
rc::Gen<std::vector<std::string>> texts() {
  return rc::gen::container<std::vector<std::string>>(text());
}

rc::Gen<Column> column() {
  return rc::gen::build<Column>(
      rc::gen::set(&Column::name, text()), rc::gen::set(&Column::type, text()),
      rc::gen::set(&Column::nullable), rc::gen::set(&Column::default_value,
                                                     optional_of(text())),
      rc::gen::set(&Column::identity, text()), rc::gen::set(&Column::generated, text()),
      rc::gen::set(&Column::collation, text()), rc::gen::set(&Column::comment, text()));
}

rc::Gen<Key> key() {
  return rc::gen::build<Key>(rc::gen::set(&Key::name, text()), rc::gen::set(&Key::generated_name),
                             rc::gen::set(&Key::columns, texts()));
}

rc::Gen<Table> table() {
  return rc::gen::build<Table>(
      rc::gen::set(&Table::name, text()),
      rc::gen::set(&Table::columns, rc::gen::container<std::vector<Column>>(column())),
      rc::gen::set(&Table::primary_key, optional_of(key())),
      rc::gen::set(&Table::uniques, rc::gen::container<std::vector<Key>>(key())),
      rc::gen::set(&Table::foreign_keys,
                   rc::gen::container<std::vector<ForeignKey>>(rc::gen::build<ForeignKey>(
                       rc::gen::set(&ForeignKey::name, text()),
                       rc::gen::set(&ForeignKey::columns, texts()),
                       rc::gen::set(&ForeignKey::ref_table, text()),
                       rc::gen::set(&ForeignKey::ref_columns, texts()),
                       rc::gen::set(&ForeignKey::generated_name),
                       rc::gen::set(&ForeignKey::on_delete, text()),
                       rc::gen::set(&ForeignKey::on_update, text()),
                       rc::gen::set(&ForeignKey::deferrable, text())))),
      rc::gen::set(&Table::checks, rc::gen::container<std::vector<Check>>(rc::gen::build<Check>(
                                       rc::gen::set(&Check::name, text()),
                                       rc::gen::set(&Check::generated_name),
                                       rc::gen::set(&Check::expression, text())))),
      rc::gen::set(&Table::options, text()), rc::gen::set(&Table::comment, text()));
}

template <typename T>
void unique_names(std::vector<T>& items) {
  for (size_t i = 0; i < items.size(); ++i) items[i].name += fmt::format("#{}", i);
}

}  // namespace

rc::Gen<Catalog> arbitrary_catalog() {
  // Scaled down: lists nest four deep, and size 100 at every level makes catalogs of megabytes.
  return rc::gen::scale(0.1, rc::gen::map(
      rc::gen::build<Catalog>(
          rc::gen::set(&Catalog::engine, text()),
          rc::gen::set(&Catalog::tables, rc::gen::container<std::vector<Table>>(table())),
          rc::gen::set(&Catalog::indexes,
                       rc::gen::container<std::vector<Index>>(rc::gen::build<Index>(
                           rc::gen::set(&Index::name, text()), rc::gen::set(&Index::table, text()),
                           rc::gen::set(&Index::keys, texts()), rc::gen::set(&Index::unique),
                           rc::gen::set(&Index::predicate, text()),
                           rc::gen::set(&Index::generated_name),
                           rc::gen::set(&Index::method, text())))),
          rc::gen::set(&Catalog::views,
                       rc::gen::container<std::vector<View>>(rc::gen::build<View>(
                           rc::gen::set(&View::name, text()),
                           rc::gen::set(&View::definition, text()),
                           rc::gen::set(&View::materialized)))),
          rc::gen::set(&Catalog::sequences,
                       rc::gen::container<std::vector<Sequence>>(rc::gen::build<Sequence>(
                           rc::gen::set(&Sequence::name, text()),
                           rc::gen::set(&Sequence::start, rc::gen::arbitrary<int64_t>()),
                           rc::gen::set(&Sequence::max_value, rc::gen::arbitrary<int64_t>()),
                           rc::gen::set(&Sequence::min_value, rc::gen::arbitrary<int64_t>()),
                           rc::gen::set(&Sequence::increment, rc::gen::arbitrary<int64_t>()),
                           rc::gen::set(&Sequence::type, text()),
                           rc::gen::set(&Sequence::cycle),
                           rc::gen::set(&Sequence::owned_by, text())))),
          rc::gen::set(&Catalog::triggers,
                       rc::gen::container<std::vector<Trigger>>(rc::gen::build<Trigger>(
                           rc::gen::set(&Trigger::name, text()),
                           rc::gen::set(&Trigger::table, text()),
                           rc::gen::set(&Trigger::definition, text())))),
          rc::gen::set(&Catalog::routines,
                       rc::gen::container<std::vector<Routine>>(rc::gen::build<Routine>(
                           rc::gen::set(&Routine::name, text()),
                           rc::gen::set(&Routine::kind, text()),
                           rc::gen::set(&Routine::definition, text())))),
          rc::gen::set(&Catalog::types,
                       rc::gen::container<std::vector<UserType>>(rc::gen::build<UserType>(
                           rc::gen::set(&UserType::name, text()),
                           rc::gen::set(&UserType::kind, text()),
                           rc::gen::set(&UserType::definition, text())))),
          rc::gen::set(&Catalog::schemas, rc::gen::container<std::vector<Schema>>(
                                              rc::gen::build<Schema>(rc::gen::set(&Schema::name, text())))),
          rc::gen::set(&Catalog::extensions,
                       rc::gen::container<std::vector<Extension>>(
                           rc::gen::build<Extension>(rc::gen::set(&Extension::name, text()))))),
      [](Catalog c) {
        // Engines never return two objects of a kind with the same name.
        unique_names(c.tables);
        unique_names(c.indexes);
        unique_names(c.views);
        unique_names(c.sequences);
        unique_names(c.triggers);
        unique_names(c.routines);
        unique_names(c.types);
        unique_names(c.schemas);
        unique_names(c.extensions);
        for (Table& t : c.tables) {
          unique_names(t.columns);
          unique_names(t.uniques);
          unique_names(t.foreign_keys);
          unique_names(t.checks);
        }
        c.canonicalize();
        return c;
      }));
}

rc::Gen<SchemaModel> portable_schema() {
  // Names are generated from positions (t1, c2): identifier rules differ per engine, and what
  // is under test is the snapshot of structure, not quoting.
  return rc::gen::mapcat(rc::gen::inRange(1, 4), [](int tables) {
    return rc::gen::container<SchemaModel>(
        tables, rc::gen::mapcat(rc::gen::inRange(1, 6), [](int columns) {
          auto col = rc::gen::build<ColumnModel>(
              rc::gen::set(&ColumnModel::type,
                           rc::gen::oneOf(rc::gen::just(std::string("INT")),
                                          rc::gen::map(rc::gen::inRange(1, 200), [](int n) {
                                            return fmt::format("VARCHAR({})", n);
                                          }),
                                          rc::gen::just(std::string("DECIMAL(10,2)")))),
              rc::gen::set(&ColumnModel::not_null),
              rc::gen::set(&ColumnModel::default_value,
                           optional_of(rc::gen::inRange(-1000, 1000))));
          return rc::gen::map(
              rc::gen::tuple(rc::gen::container<std::vector<ColumnModel>>(columns, col),
                             rc::gen::container<std::vector<bool>>(columns, rc::gen::arbitrary<bool>()),
                             rc::gen::container<std::vector<bool>>(columns, rc::gen::arbitrary<bool>())),
              [](const auto& parts) {
                TableModel t;
                t.columns = std::get<0>(parts);
                t.columns.insert(t.columns.begin(), ColumnModel{"", "INT", true, std::nullopt});
                for (size_t c = 0; c < t.columns.size(); ++c) {
                  t.columns[c].name = fmt::format("c{}", c);
                  if (t.columns[c].type != "INT") t.columns[c].default_value.reset();
                }
                for (size_t c = 1; c < t.columns.size(); ++c) {
                  if (std::get<1>(parts)[c - 1]) t.uniques.push_back(c);
                  else if (std::get<2>(parts)[c - 1]) t.indexes.push_back(c);
                }
                return t;
              });
        }));
  });
}

std::string ddl_of(const SchemaModel& schema) {
  std::string sql;
  for (size_t i = 0; i < schema.size(); ++i) {
    const TableModel& t = schema[i];
    std::string name = fmt::format("t{}", i + 1);
    std::string body;
    for (const ColumnModel& c : t.columns) {
      body += fmt::format("{}{} {}{}{}", body.empty() ? "" : ", ", c.name, c.type,
                          c.default_value ? fmt::format(" DEFAULT {}", *c.default_value) : "",
                          c.not_null ? " NOT NULL" : "");
    }
    body += fmt::format(", CONSTRAINT {}_pkey PRIMARY KEY ({})", name, t.columns[t.primary_key].name);
    for (size_t u : t.uniques)
      body += fmt::format(", CONSTRAINT {0}_{1}_key UNIQUE ({1})", name, t.columns[u].name);
    sql += fmt::format("CREATE TABLE {} ({});\n", name, body);
    for (size_t x : t.indexes)
      sql += fmt::format("CREATE INDEX {0}_{1}_idx ON {0} ({1});\n", name, t.columns[x].name);
  }
  return sql;
}

}  // namespace crucible::testing
