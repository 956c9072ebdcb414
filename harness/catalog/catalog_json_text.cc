#include "harness/catalog/catalog_json_text.h"

#include <ostream>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace crucible::catalog {
namespace {

// nlohmann's dump(2) layout: two-space indent, "key": value, empty containers as {} and [].
// Objects are std::maps there, so every writer below lists its keys in byte order.
class TextWriter {
 public:
  // With a `stream`, the text goes there in chunks as it is written; without, it is kept.
  explicit TextWriter(std::ostream* stream = nullptr) : stream_(stream) {}

  std::string take() { return std::move(out_); }
  void flush() {
    if (stream_ && !out_.empty())
      stream_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
    out_.clear();
  }

  void open(char bracket) {
    out_ += bracket;
    empty_.push_back(true);
  }
  void close(char bracket) {
    bool empty = empty_.back();
    empty_.pop_back();
    if (!empty) {
      out_ += '\n';
      indent();
    }
    out_ += bracket;
  }
  void field(std::string_view key) {
    item();
    string(key);
    out_ += ": ";
  }
  void item() {
    // A chunk the size of a pipe's buffer: growing one string to a large schema's megabytes
    // cost more in reallocation and fresh pages than the rest of the writing.
    if (stream_ && out_.size() >= kChunk) flush();
    if (!empty_.back()) out_ += ',';
    empty_.back() = false;
    out_ += '\n';
    indent();
  }

  void string(std::string_view text) {
    bool plain = true;  // as it is between the quotes: almost every name, type and definition
    for (unsigned char c : text) {
      if (c >= 0x80) {  // UTF-8: nlohmann validates it, and throws on bad bytes as dump does
        out_ += nlohmann::json(std::string(text)).dump();
        return;
      }
      if (c < 0x20 || c == '"' || c == '\\') plain = false;
    }
    out_ += '"';
    if (plain)
      out_ += text;
    else
      for (char c : text) escape(c);
    out_ += '"';
  }
  void boolean(bool value) { out_ += value ? "true" : "false"; }
  void number(int64_t value) { fmt::format_to(std::back_inserter(out_), "{}", value); }
  void null() { out_ += "null"; }

 private:
  void indent() { out_.append(2 * empty_.size(), ' '); }

  void escape(char c) {
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          fmt::format_to(std::back_inserter(out_), "\\u{:04x}", static_cast<unsigned>(c));
        else
          out_ += c;
    }
  }

  static constexpr size_t kChunk = 64 * 1024;

  std::ostream* stream_;
  std::string out_;
  std::vector<bool> empty_;  // per open container: nothing written into it yet
};

// Declared up front so that the templates below find every overload.
void write(TextWriter& w, const std::string& text);
template <typename T> void write(TextWriter& w, const std::vector<T>& items);
void write(TextWriter& w, const Column& c);
void write(TextWriter& w, const Key& k);
void write(TextWriter& w, const ForeignKey& f);
void write(TextWriter& w, const Check& c);
void write(TextWriter& w, const Table& t);
void write(TextWriter& w, const Index& i);
void write(TextWriter& w, const View& v);
void write(TextWriter& w, const Sequence& s);
void write(TextWriter& w, const Trigger& t);
void write(TextWriter& w, const Routine& r);
void write(TextWriter& w, const UserType& u);
void write(TextWriter& w, const Schema& s);
void write(TextWriter& w, const Extension& e);

void write(TextWriter& w, const std::string& text) { w.string(text); }

template <typename T>
void write(TextWriter& w, const std::vector<T>& items) {
  w.open('[');
  for (const T& item : items) {
    w.item();
    write(w, item);
  }
  w.close(']');
}

// One object member: `w.field(key)` then its value.
template <typename T>
void member(TextWriter& w, std::string_view key, const T& value) {
  w.field(key);
  if constexpr (std::is_same_v<T, bool>)
    w.boolean(value);
  else if constexpr (std::is_same_v<T, int64_t>)
    w.number(value);
  else
    write(w, value);
}

void write(TextWriter& w, const Column& c) {
  w.open('{');
  member(w, "collation", c.collation);
  member(w, "comment", c.comment);
  w.field("default");
  c.default_value ? w.string(*c.default_value) : w.null();
  member(w, "generated", c.generated);
  member(w, "identity", c.identity);
  member(w, "name", c.name);
  member(w, "nullable", c.nullable);
  member(w, "type", c.type);
  w.close('}');
}

void write(TextWriter& w, const Key& k) {
  w.open('{');
  member(w, "columns", k.columns);
  member(w, "generated_name", k.generated_name);
  member(w, "name", k.name);
  w.close('}');
}

void write(TextWriter& w, const ForeignKey& f) {
  w.open('{');
  member(w, "columns", f.columns);
  member(w, "deferrable", f.deferrable);
  member(w, "generated_name", f.generated_name);
  member(w, "name", f.name);
  member(w, "on_delete", f.on_delete);
  member(w, "on_update", f.on_update);
  member(w, "ref_columns", f.ref_columns);
  member(w, "ref_table", f.ref_table);
  w.close('}');
}

void write(TextWriter& w, const Check& c) {
  w.open('{');
  member(w, "expression", c.expression);
  member(w, "generated_name", c.generated_name);
  member(w, "name", c.name);
  w.close('}');
}

void write(TextWriter& w, const Table& t) {
  w.open('{');
  member(w, "checks", t.checks);
  member(w, "columns", t.columns);
  member(w, "comment", t.comment);
  member(w, "foreign_keys", t.foreign_keys);
  member(w, "name", t.name);
  member(w, "options", t.options);
  w.field("primary_key");
  t.primary_key ? write(w, *t.primary_key) : w.null();
  member(w, "uniques", t.uniques);
  w.close('}');
}

void write(TextWriter& w, const Index& i) {
  w.open('{');
  member(w, "generated_name", i.generated_name);
  member(w, "keys", i.keys);
  member(w, "method", i.method);
  member(w, "name", i.name);
  member(w, "predicate", i.predicate);
  member(w, "table", i.table);
  member(w, "unique", i.unique);
  w.close('}');
}

void write(TextWriter& w, const View& v) {
  w.open('{');
  member(w, "definition", v.definition);
  member(w, "materialized", v.materialized);
  member(w, "name", v.name);
  w.close('}');
}

void write(TextWriter& w, const Sequence& s) {
  w.open('{');
  member(w, "cycle", s.cycle);
  member(w, "increment", s.increment);
  member(w, "max_value", s.max_value);
  member(w, "min_value", s.min_value);
  member(w, "name", s.name);
  member(w, "owned_by", s.owned_by);
  member(w, "start", s.start);
  member(w, "type", s.type);
  w.close('}');
}

// Trigger, Routine and UserType share their shape apart from the second member's name.
template <typename T>
void write_named_definition(TextWriter& w, const T& object, std::string_view key,
                            const std::string& value) {
  w.open('{');
  member(w, "definition", object.definition);
  if (key < "name") member(w, key, value);
  member(w, "name", object.name);
  if (key > "name") member(w, key, value);
  w.close('}');
}

void write(TextWriter& w, const Trigger& t) { write_named_definition(w, t, "table", t.table); }
void write(TextWriter& w, const Routine& r) { write_named_definition(w, r, "kind", r.kind); }
void write(TextWriter& w, const UserType& u) { write_named_definition(w, u, "kind", u.kind); }

template <typename T>
void write_name_only(TextWriter& w, const T& object) {
  w.open('{');
  member(w, "name", object.name);
  w.close('}');
}

void write(TextWriter& w, const Schema& s) { write_name_only(w, s); }
void write(TextWriter& w, const Extension& e) { write_name_only(w, e); }

void write_all(TextWriter& w, const Catalog& c) {
  w.open('{');
  member(w, "engine", c.engine);
  member(w, "extensions", c.extensions);
  member(w, "indexes", c.indexes);
  member(w, "routines", c.routines);
  member(w, "schemas", c.schemas);
  member(w, "sequences", c.sequences);
  member(w, "tables", c.tables);
  member(w, "triggers", c.triggers);
  member(w, "types", c.types);
  member(w, "views", c.views);
  w.close('}');
}

}  // namespace

std::string to_json_text(const Catalog& catalog) {
  TextWriter w;
  write_all(w, catalog);
  return w.take();
}

void write_json_text(const Catalog& catalog, std::ostream& out) {
  TextWriter w(&out);
  write_all(w, catalog);
  w.flush();
}

}  // namespace crucible::catalog
