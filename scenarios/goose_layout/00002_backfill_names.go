package migrations

// A Go migration (goose.AddMigrationContext): Crucible cannot run it and skips it.
