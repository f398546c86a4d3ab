// Command ferretdb-launcher runs FerretDB 1.24 with its SQLite backend for tugi's local
// database. It imports FerretDB's embeddable package: `go install` of FerretDB's own command
// panics on its missing generated version file, the embeddable package does not need it.
//
// It prints one line `ready <mongodb-uri>` on stdout once the listener accepts connections,
// and exits when its standard input closes (its parent died) or on SIGINT/SIGTERM, so a
// crashed Node process never leaves an orphan server behind.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0 picks a free one)")
	dataDir := flag.String("data", "", "directory for the SQLite files (required)")
	flag.Parse()

	if *dataDir == "" {
		fail("-data is required")
	}
	dir, err := filepath.Abs(*dataDir)
	if err != nil {
		fail(err.Error())
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fail(err.Error())
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	go func() {
		// Stdin reaches EOF when the parent process exits, however it exits.
		_, _ = io.Copy(io.Discard, os.Stdin)
		stop()
	}()

	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	db, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   logger,
		Handler:  "sqlite",
		// WAL with synchronous=NORMAL: committed writes survive a crash of any process (not a power
		// cut), and writers do not wait for an fsync each; the right trade for a local database.
		SQLiteURL: "file:" + dir + "/?_pragma=synchronous(normal)",
	})
	if err != nil {
		fail(err.Error())
	}

	done := make(chan struct{})
	go func() {
		_ = db.Run(ctx)
		close(done)
	}()

	// MongoDBURI waits until the listener is bound.
	uri := db.MongoDBURI()
	go keepIDIndexes(ctx, dir, logger)
	fmt.Printf("ready %s\n", uri)
	<-done
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "ferretdb-launcher:", msg)
	os.Exit(2)
}
