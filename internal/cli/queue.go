package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/urodata/uro/internal/queue"
)

type queueOptions struct {
	dir, addr, queue string
	json             bool
}

var queueCommand = &command{
	name:    "queue",
	summary: "run a NATS server for development (serve) or show the work queue's state (status)",
	usage:   "queue serve --dir DIR [--addr HOST:PORT]\nqueue status --queue URL [--json]",
	help: `Queue serve runs an embedded NATS server with JetStream, storing its
streams in --dir, until SIGINT or SIGTERM: enough for development and tests.
In production, point --queue at an existing NATS cluster (JetStream enabled)
instead. It prints the URL to give to --queue.

Queue status shows the work queue: articles pending (published, not yet
taken), in flight (held by a worker or waiting for a retry), redelivered
(in flight after an earlier attempt), dead (parked after failing every
attempt) and the newest dead ones with their errors. With --json it prints
one JSON object.`,
	example: `  uro queue serve --dir ./nats
  uro queue serve --dir /var/lib/uro/nats --addr 0.0.0.0:4222
  uro queue status --queue nats://127.0.0.1:4222
  uro queue status --json | jq .pending`,
	flags: func(fs *flag.FlagSet) any {
		o := &queueOptions{}
		fs.StringVar(&o.dir, "dir", "", "serve: the `DIR` the server keeps its streams in. Example: --dir ./nats")
		fs.StringVar(&o.addr, "addr", "127.0.0.1:4222", "serve: the `HOST:PORT` to listen on (port 0 picks a free one). Example: --addr 0.0.0.0:4222")
		queueFlag(fs, &o.queue)
		fs.BoolVar(&o.json, "json", false, "status: print one JSON object instead of a table. Example: --json")
		return o
	},
	run: runQueue,
}

func runQueue(ctx context.Context, e env, opts any, args []string) error {
	o := opts.(*queueOptions)
	if len(args) != 1 {
		return usagef("give one of: serve, status")
	}
	switch args[0] {
	case "serve":
		return runQueueServe(ctx, e, o)
	case "status":
		return runQueueStatus(ctx, e, o)
	}
	return usagef("unknown queue command %q (serve, status)", args[0])
}

func runQueueServe(ctx context.Context, e env, o *queueOptions) error {
	if o.dir == "" {
		return usagef("no --dir: name the directory the server stores its streams in")
	}
	if _, _, err := net.SplitHostPort(o.addr); err != nil {
		return usagef("--addr %q is not HOST:PORT", o.addr)
	}
	if err := os.MkdirAll(o.dir, 0o700); err != nil {
		return fmt.Errorf("queue serve: create %s: %w", o.dir, err)
	}
	// queue.Serve logs through the default logger.
	slog.SetDefault(logger(e.stderr, false))
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := queue.Serve(ctx, o.dir, o.addr)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, srv.URL())
	<-ctx.Done()
	srv.Shutdown()
	return nil
}

// statusJSON is what status --json prints.
type statusJSON struct {
	Pending     uint64        `json:"pending"`
	InFlight    int           `json:"in_flight"`
	Redelivered int           `json:"redelivered"`
	Waiting     int           `json:"waiting_workers"`
	Dead        uint64        `json:"dead"`
	Failures    []failureJSON `json:"failures"`
}

type failureJSON struct {
	ID       string    `json:"id"`
	Title    string    `json:"title,omitempty"`
	URL      string    `json:"url,omitempty"`
	Path     string    `json:"path,omitempty"`
	Error    string    `json:"error"`
	Attempts int       `json:"attempts"`
	At       time.Time `json:"at"`
}

func runQueueStatus(ctx context.Context, e env, o *queueOptions) error {
	if o.queue == "" {
		return usagef("no queue: give --queue nats://HOST:PORT or set URO_QUEUE")
	}
	q, err := openQueue(ctx, o.queue, 0, logger(e.stderr, false))
	if err != nil {
		return err
	}
	defer q.Close()
	s, err := q.Status(ctx)
	if err != nil {
		return err
	}
	if o.json {
		out := statusJSON{Pending: s.Pending, InFlight: s.InFlight, Redelivered: s.Redelivered,
			Waiting: s.Waiting, Dead: s.Dead, Failures: []failureJSON{}}
		for _, f := range s.Failures {
			out.Failures = append(out.Failures, failureJSON{ID: f.ID, Title: f.Title, URL: f.URL,
				Path: f.Path, Error: f.Error, Attempts: f.Attempts, At: f.At})
		}
		enc := json.NewEncoder(e.stdout)
		return enc.Encode(out)
	}
	fmt.Fprintf(e.stdout, "pending      %d\nin flight    %d\nredelivered  %d\nworkers      %d waiting\ndead         %d\n",
		s.Pending, s.InFlight, s.Redelivered, s.Waiting, s.Dead)
	if len(s.Failures) > 0 {
		fmt.Fprintln(e.stdout, "\nNewest failures:")
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "WHEN\tATTEMPTS\tARTICLE\tERROR")
		for _, f := range s.Failures {
			name := f.URL
			if name == "" {
				name = f.Path
			}
			if name == "" {
				name = f.ID
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", f.At.Format(time.DateTime), f.Attempts, name, f.Error)
		}
		tw.Flush()
	}
	return nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
