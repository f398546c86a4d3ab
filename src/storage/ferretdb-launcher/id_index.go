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

func keepIDIndexes(ctx context.Context, dir string, logger *slog.Logger) {
	ticker := time.NewTicker(500 * time.Millisecond)
	defer ticker.Stop()
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		for _, file := range files {
			if err := ensureIDIndexes(ctx, file); err != nil && ctx.Err() == nil {
				logger.Debug("id index check failed", "file", file, "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// ensureIDIndexes indexes the tables that lack the index; it asks SQLite which ones, so a
// collection dropped and created again is indexed again.
func ensureIDIndexes(ctx context.Context, file string) error {
	if _, err := os.Stat(file); err != nil {
		return nil // dropped meanwhile
	}
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer db.Close()
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
