// Two connections that read one database's catalog at the same time.
//
// Most of a MariaDB snapshot is the server opening every table of the schema once per
// information_schema query, one query after another on one connection. The server runs each
// connection on a thread of its own, so two connections that share the queries out read the
// same catalog in about half the time. The catalog is exactly read_catalog()'s: the same query
// texts, answered ahead of time, read by the same code; the few queries that depend on another
// one's answer (views, sequences) run afterwards on the first connection.
//
// information_schema is not transactional: two connections see one state only while nothing
// changes the database, as between verify's steps on its scratch database.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "harness/catalog/catalog.h"
#include "harness/common/dsn.h"
#include "harness/engines/mysql/mysql_connection.h"

namespace crucible::mysql {

// One thread that runs a task at a time, for the life of the object: a thread started per
// snapshot cost the client more CPU (its stack and malloc arena set up each time) than the
// second connection saved.
class SnapshotWorker {
 public:
  SnapshotWorker();
  ~SnapshotWorker();  // waits for the task in hand
  SnapshotWorker(const SnapshotWorker&) = delete;
  SnapshotWorker& operator=(const SnapshotWorker&) = delete;

  // Runs `task` on the thread; the caller learns the outcome through whatever `task` sets.
  void post(std::function<void()> task);

 private:
  void loop();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::function<void()> task_;
  bool stop_ = false;
  std::thread thread_;  // last: started once the members above exist
};

class SnapshotConnections {
 public:
  // Connects twice as `login` to database `schema`, each connection set up like the one that
  // runs the migrations (the DSN's session statements). Throws crucible::Error.
  static std::unique_ptr<SnapshotConnections> open(const Dsn& login, const std::string& schema);

  // The catalog of the database, as read_catalog(connection, schema) reads it.
  catalog::Catalog read();

 private:
  SnapshotConnections(std::unique_ptr<Connection> first, std::unique_ptr<Connection> second,
                      std::string schema);

  std::unique_ptr<Connection> first_;
  std::unique_ptr<Connection> second_;
  std::string schema_;
  SnapshotWorker worker_;  // destroyed first: its task uses second_
};

}  // namespace crucible::mysql
