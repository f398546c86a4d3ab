package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the driver FerretDB itself uses, registered once as "sqlite"
)

// FerretDB 1.24's SQLite backend filters by `_ferretdb_sjson->'$._id'` when it looks a document
// up by _id, but its _id index is on `_ferretdb_sjson->"_id"`. SQLite matches index expressions
// by their text, so every lookup, update and delete by _id scans the whole table: at 10 000
// documents a lookup takes ~50 ms instead of ~1 ms. keepIDIndexes adds, to every collection's
// table, an index on the expression the queries use. FerretDB never sees it (its own index list
// lives in its metadata), and dropping the collection drops it with the table.

const indexSuffix = "_tugi_id_path"

// watchedFile is one database file, with the schema version last seen: the check runs again
// only when the schema changes (a collection was created), which costs one header read.
type watchedFile struct {
	db            *sql.DB
	schemaVersion int64
}

func keepIDIndexes(ctx context.Context, dir string, logger *slog.Logger) {
	watched := map[string]*watchedFile{}
	defer func() {
		for _, w := range watched {
			w.db.Close()
		}
	}()
	ticker := time.NewTicker(500 * time.Millisecond)
	defer ticker.Stop()
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		present := map[string]bool{}
		for _, file := range files {
			present[file] = true
			if err := checkFile(ctx, file, watched); err != nil && ctx.Err() == nil {
				logger.Debug("id index check failed", "file", file, "err", err)
			}
		}
		for file, w := range watched {
			if !present[file] { // the database was dropped
				w.db.Close()
				delete(watched, file)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

func checkFile(ctx context.Context, file string, watched map[string]*watchedFile) error {
	w := watched[file]
	if w == nil {
		if _, err := os.Stat(file); err != nil {
			return nil // dropped meanwhile
		}
		db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(5000)")
		if err != nil {
			return err
		}
		db.SetMaxOpenConns(1)
		w = &watchedFile{db: db, schemaVersion: -1}
		watched[file] = w
	}
	var version int64
	if err := w.db.QueryRowContext(ctx, `PRAGMA schema_version`).Scan(&version); err != nil {
		return err
	}
	if version == w.schemaVersion {
		return nil
	}
	if err := ensureIDIndexes(ctx, w.db); err != nil {
		return err
	}
	// Our own CREATE INDEX bumped the version too; read it after, so it does not count as a change.
	return w.db.QueryRowContext(ctx, `PRAGMA schema_version`).Scan(&w.schemaVersion)
}

// ensureIDIndexes indexes the tables that lack the index; it asks SQLite which ones, so a
// collection dropped and created again is indexed again.
func ensureIDIndexes(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM _ferretdb_collections c
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.name = c.table_name || '`+indexSuffix+`')`)
	if err != nil {
		return err // a database FerretDB has not initialised yet
	}
	var tables []string
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, table)
	}
	rows.Close()
	for _, table := range tables {
		quoted := `"` + strings.ReplaceAll(table, `"`, `""`) + `"`
		index := `"` + strings.ReplaceAll(table+indexSuffix, `"`, `""`) + `"`
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON %s (_ferretdb_sjson->'$._id')`, index, quoted)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
