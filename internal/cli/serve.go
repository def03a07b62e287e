package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/urodata/uro/internal/extract"
	"github.com/urodata/uro/internal/server"
)

type serveOptions struct {
	addr    string
	db      string
	token   string
	tiles   string
	maxBody int64
	logJSON bool
}

var serveCommand = &command{
	name:    "serve",
	summary: "serve the store over HTTP: a JSON API, the map and the article views",
	usage:   "serve [--addr HOST:PORT] [--db PATH] [--token T] [--tiles URL]",
	help: `Serve answers HTTP on --addr (127.0.0.1:8080, this machine only, by default)
over the same store as 'uro events' and 'uro ingest': the JSON API under
/api/v1/ (articles with text and offsets, events, figures, incidents,
entities, full-text search, stats, map points; its OpenAPI 3 document is
/api/v1/openapi.json), the web pages, /healthz and Prometheus metrics at
/metrics. Each request is logged to standard error.

Reading needs no token. The writes (POST /api/v1/extract and
POST /api/v1/articles) need "Authorization: Bearer T" with the token of
--token or $URO_TOKEN; without a token the server is read-only and refuses
them. Nothing is fetched from the internet unless --tiles names a tile
server for the map. SIGINT or SIGTERM stops the server gracefully: requests
in flight get 10 s to finish.`,
	example: `  uro serve
  uro serve --addr 0.0.0.0:8080 --db ./corpus.db --token "$(cat token.txt)"
  URO_TOKEN=s3cret uro serve --tiles 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
  curl -s 'http://127.0.0.1:8080/api/v1/events?country=KZ&since=2022-01-01&limit=10'`,
	flags: func(fs *flag.FlagSet) any {
		o := &serveOptions{}
		fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "the `HOST:PORT` to listen on; 0.0.0.0 answers other machines too. Example: --addr :9000")
		dbFlag(fs, &o.db)
		fs.StringVar(&o.token, "token", os.Getenv("URO_TOKEN"), "the bearer token `T` the writes need (default $URO_TOKEN); none makes the server read-only. Example: --token s3cret")
		fs.StringVar(&o.tiles, "tiles", "", "a tile server `URL` template for the map; without it the map shows the embedded world outline and goes nowhere online. Example: --tiles 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'")
		fs.Int64Var(&o.maxBody, "max-body", server.DefaultMaxBody, "largest request body `N` in bytes; larger ones get 413. Example: --max-body 1000000")
		fs.BoolVar(&o.logJSON, "log-json", false, "log as JSON lines instead of text. Example: --log-json")
		return o
	},
	run: runServe,
}

func runServe(ctx context.Context, e env, opts any, args []string) error {
	o := opts.(*serveOptions)
	if len(args) > 0 {
		return usagef("unexpected argument %q (serve takes only flags)", args[0])
	}
	if _, _, err := net.SplitHostPort(o.addr); err != nil {
		return usagef("--addr %q is not HOST:PORT", o.addr)
	}
	if o.maxBody <= 0 {
		return usagef("--max-body %d must be positive", o.maxBody)
	}
	var h slog.Handler = slog.NewTextHandler(e.stderr, nil)
	if o.logJSON {
		h = slog.NewJSONHandler(e.stderr, nil)
	}
	log := slog.New(h)
	x, err := extract.New()
	if err != nil {
		return fmt.Errorf("load language packs: %w", err)
	}
	st, err := openStore(ctx, o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	if o.token == "" {
		log.Warn("no --token or URO_TOKEN: the server is read-only")
	}
	srv := server.New(server.Config{Store: st, Extractor: x, Token: o.token, Tiles: o.tiles, Logger: log, MaxBody: o.maxBody})
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	return server.Run(ctx, o.addr, srv.Handler(), log)
}
