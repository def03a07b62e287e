// Package queue owns uro's work queue on NATS JetStream: articles published
// for extraction (one message per article, deduplicated by content hash),
// the durable pull consumer that workers share, retries with back-off, the
// dead-letter stream where articles that keep failing are parked with their
// error, and an embedded NATS server for development and tests (Serve).
package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/urodata/uro/internal/article"
)

// Names of the streams, subjects and consumer uro uses.
const (
	WorkStream  = "URO_WORK"
	WorkSubject = "uro.work.article"
	DeadStream  = "URO_DEAD"
	DeadSubject = "uro.dead"
	Consumer    = "uro-worker"
)

// Config says where the queue is and how it retries.
type Config struct {
	// URL is the NATS server, e.g. "nats://127.0.0.1:4222" (a comma-separated
	// list for a cluster); "" means nats.DefaultURL.
	URL string
	// MaxAttempts is how many times an article is tried before it is parked
	// in the dead-letter stream; 0 means 5.
	MaxAttempts int
	// Backoff is the delay before attempt n+1 after attempt n failed; the
	// last value repeats. Nil means 2s, 10s, 1m, 5m.
	Backoff []time.Duration
	// AckWait is how long a delivered article may go without an ack or a
	// heartbeat before it is given to another worker; 0 means 30s.
	AckWait time.Duration
	// Duplicates is the window in which publishing the same text again is
	// a no-op; 0 means 24h.
	Duplicates time.Duration
	// Replicas of the streams on a cluster; 0 means 1.
	Replicas int
	// Timeout bounds each request to the server; 0 means 5s.
	Timeout time.Duration
	// MaxReconnectWait caps the back-off between reconnect attempts; 0 means 5s.
	MaxReconnectWait time.Duration
	// Logger receives disconnects, reconnects and retries; nil means slog.Default().
	Logger *slog.Logger
}

func (c Config) withDefaults() Config {
	if c.URL == "" {
		c.URL = nats.DefaultURL
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 5
	}
	if len(c.Backoff) == 0 {
		c.Backoff = []time.Duration{2 * time.Second, 10 * time.Second, time.Minute, 5 * time.Minute}
	}
	if c.AckWait <= 0 {
		c.AckWait = 30 * time.Second
	}
	if c.Duplicates <= 0 {
		c.Duplicates = 24 * time.Hour
	}
	if c.Replicas <= 0 {
		c.Replicas = 1
	}
	if c.Timeout <= 0 {
		c.Timeout = 5 * time.Second
	}
	if c.MaxReconnectWait <= 0 {
		c.MaxReconnectWait = 5 * time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// Queue is a connection to the work queue. It is safe for concurrent use.
type Queue struct {
	cfg  Config
	log  *slog.Logger
	nc   *nats.Conn
	js   jetstream.JetStream
	cons jetstream.Consumer
	dead jetstream.Stream
	work jetstream.Stream
}

// Open connects to the queue and creates its streams and consumer if they
// do not exist yet. An unreachable server is an error at once (with the URL
// and the cause); once connected, a server that goes away is reconnected to
// with back-off for as long as the Queue is open.
func Open(ctx context.Context, cfg Config) (*Queue, error) {
	cfg = cfg.withDefaults()
	q := &Queue{cfg: cfg, log: cfg.Logger}
	shown := redact(cfg.URL)
	maxWait := cfg.MaxReconnectWait
	nc, err := nats.Connect(cfg.URL,
		nats.Name("uro"),
		nats.Timeout(cfg.Timeout),
		nats.MaxReconnects(-1),
		nats.CustomReconnectDelay(func(attempts int) time.Duration {
			return backoff(attempts-1, 100*time.Millisecond, maxWait)
		}),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				q.log.Warn("queue: disconnected, reconnecting", "url", shown, "err", err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) {
			q.log.Info("queue: reconnected", "url", redact(c.ConnectedUrl()))
		}),
	)
	if err != nil {
		return nil, connectError(ctx, shown, cfg.URL, err)
	}
	q.nc = nc
	if q.js, err = jetstream.New(nc); err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue %s: %w", shown, err)
	}
	if err := q.setup(ctx); err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue %s: %w", shown, err)
	}
	return q, nil
}

// connectError explains a failed first connection: nats says only "no
// servers available", so dial the first server to name the cause.
func connectError(ctx context.Context, shown, raw string, err error) error {
	first, _, _ := strings.Cut(raw, ",")
	host := first
	if u, perr := url.Parse(strings.TrimSpace(first)); perr == nil && u.Host != "" {
		host = u.Host
		if u.Port() == "" {
			host = net.JoinHostPort(u.Hostname(), "4222")
		}
	}
	d := net.Dialer{Timeout: 2 * time.Second}
	c, derr := d.DialContext(ctx, "tcp", host)
	if derr == nil {
		c.Close()
		return fmt.Errorf("connect to queue %s: %w", shown, err)
	}
	return fmt.Errorf("connect to queue %s: %w (%v)", shown, err, derr)
}

// redact hides a password in a URL shown in errors and logs.
func redact(raw string) string {
	parts := strings.Split(raw, ",")
	for i, p := range parts {
		if u, err := url.Parse(strings.TrimSpace(p)); err == nil && u.User != nil {
			parts[i] = u.Redacted()
		}
	}
	return strings.Join(parts, ",")
}

func (q *Queue) setup(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 4*q.cfg.Timeout)
	defer cancel()
	var err error
	// Work-queue retention: an article leaves the stream when it is acked,
	// so the stream is exactly the work not yet done.
	q.work, err = q.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        WorkStream,
		Description: "uro: articles waiting for extraction",
		Subjects:    []string{WorkSubject},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  q.cfg.Duplicates,
		Replicas:    q.cfg.Replicas,
	})
	if errors.Is(err, nats.ErrNoResponders) || errors.Is(err, jetstream.ErrJetStreamNotEnabled) {
		// A plain NATS server answers nothing on the JetStream API.
		return fmt.Errorf("create stream %s: JetStream is not enabled on the server (run nats-server with -js): %w", WorkStream, err)
	}
	if err != nil {
		return fmt.Errorf("create stream %s: %w", WorkStream, err)
	}
	q.dead, err = q.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        DeadStream,
		Description: "uro: articles that failed every attempt, with their error",
		Subjects:    []string{DeadSubject},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  q.cfg.Duplicates,
		Replicas:    q.cfg.Replicas,
	})
	if err != nil {
		return fmt.Errorf("create stream %s: %w", DeadStream, err)
	}
	// MaxDeliver is unlimited on the server: the client counts attempts so
	// that the last failure, or a worker dying on the article every time,
	// ends in the dead-letter stream instead of the article being stranded
	// in the work stream (which MaxDeliver would do).
	q.cons, err = q.js.CreateOrUpdateConsumer(ctx, WorkStream, jetstream.ConsumerConfig{
		Durable:       Consumer,
		Description:   "uro workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       q.cfg.AckWait,
		MaxDeliver:    -1,
		FilterSubject: WorkSubject,
		MaxAckPending: 10000,
	})
	if err != nil {
		return fmt.Errorf("create consumer %s: %w", Consumer, err)
	}
	return nil
}

// Close closes the connection. Articles fetched and not acked go back to
// the queue after AckWait.
func (q *Queue) Close() error {
	q.nc.Close()
	return nil
}

// Closed reports whether Close was called (or the connection is gone for good).
func (q *Queue) Closed() bool { return q.nc.IsClosed() }

// AckWait is how long a fetched article may go without an ack or heartbeat.
func (q *Queue) AckWait() time.Duration { return q.cfg.AckWait }

// MaxAttempts is how many times an article is tried before it is parked.
func (q *Queue) MaxAttempts() int { return q.cfg.MaxAttempts }

// Publish queues an article for extraction. Its message id is the document
// id of its text, so publishing the same text again within the duplicate
// window is a no-op. A server that is away is retried with back-off until
// ctx ends.
func (q *Queue) Publish(ctx context.Context, a *article.Article) error {
	id, data, err := encode(a)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	m := nats.NewMsg(WorkSubject)
	m.Data = data
	m.Header.Set(jetstream.MsgIDHeader, id)
	if _, err := q.publish(ctx, m); err != nil {
		return fmt.Errorf("publish article %s: %w", id, err)
	}
	return nil
}

// PublishReprocess queues a stored article again so that a worker
// replaces its findings (after a language-pack upgrade). Its message id is
// the document id + "@" + generation: unlike a first publish it is not
// deduplicated against it, and queueing the same article for the same
// generation twice within the duplicate window is a no-op.
func (q *Queue) PublishReprocess(ctx context.Context, a *article.Article, generation string) error {
	if generation == "" {
		return errors.New("publish for reprocessing: no generation")
	}
	id, data, err := encodeAs(a, true)
	if err != nil {
		return fmt.Errorf("publish for reprocessing: %w", err)
	}
	m := nats.NewMsg(WorkSubject)
	m.Data = data
	m.Header.Set(jetstream.MsgIDHeader, id+"@"+generation)
	if _, err := q.publish(ctx, m); err != nil {
		return fmt.Errorf("publish article %s for reprocessing: %w", id, err)
	}
	return nil
}

// publish sends m until the stream acknowledges it. Retrying is safe
// because every message carries a message id.
func (q *Queue) publish(ctx context.Context, m *nats.Msg) (*jetstream.PubAck, error) {
	for attempt := 0; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, q.cfg.Timeout)
		ack, err := q.js.PublishMsg(actx, m)
		cancel()
		if err == nil {
			return ack, nil
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w (last error: %v)", ctx.Err(), err)
		}
		if !transient(err) {
			return nil, err
		}
		d := backoff(attempt, 100*time.Millisecond, q.cfg.MaxReconnectWait)
		q.log.Warn("queue: publish failed, retrying", "subject", m.Subject,
			"id", m.Header.Get(jetstream.MsgIDHeader), "attempt", attempt+1, "retry_in", d, "err", err)
		if err := sleep(ctx, d); err != nil {
			return nil, err
		}
	}
}

// transient reports whether err may go away by itself: the server is
// restarting, the connection is reconnecting, a request timed out.
func transient(err error) bool {
	if errors.Is(err, nats.ErrConnectionClosed) || errors.Is(err, jetstream.ErrConnectionClosed) {
		return false
	}
	return errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, nats.ErrTimeout) ||
		errors.Is(err, nats.ErrNoResponders) ||
		errors.Is(err, nats.ErrConnectionReconnecting) ||
		errors.Is(err, nats.ErrDisconnected) ||
		errors.Is(err, jetstream.ErrNoStreamResponse) ||
		errors.Is(err, jetstream.ErrJetStreamNotEnabled) // a restarting server answers before JetStream is up
}

// backoff is min(base*2^attempt, max), attempt counting from 0.
func backoff(attempt int, base, max time.Duration) time.Duration {
	d := base
	for i := 0; i < attempt && d < max; i++ {
		d *= 2
	}
	return min(d, max)
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
