package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/urodata/uro/internal/article"
	"github.com/urodata/uro/internal/document"
)

// Job is one fetched article. Exactly one of Ack, Retry, Park or Release
// settles it; until then Heartbeat keeps it from going to another worker.
type Job struct {
	ID      string // document id of the article's text
	Article *article.Article
	Attempt int // 1 on first delivery
	// Reprocess is set for an article queued again by PublishReprocess:
	// its stored findings are to be replaced, not kept.
	Reprocess bool
	q         *Queue
	msg       jetstream.Msg
	seq       uint64 // stream sequence
}

// Fetch waits up to wait for at most max articles (less when the queue has
// fewer). A message that cannot be decoded, or that was delivered more than
// MaxAttempts times without an outcome (a worker died on it each time), is
// parked at once and not returned. When ctx ends, Fetch returns what it has.
func (q *Queue) Fetch(ctx context.Context, max int, wait time.Duration) ([]*Job, error) {
	if max <= 0 {
		max = 1
	}
	fctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	batch, err := q.cons.Fetch(max, jetstream.FetchContext(fctx))
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil
		}
		return nil, fmt.Errorf("fetch from %s: %w", WorkStream, err)
	}
	var jobs []*Job
	for m := range batch.Messages() {
		j, err := q.job(m)
		if err != nil {
			if perr := q.parkMsg(context.WithoutCancel(ctx), m, nil, err); perr != nil {
				q.log.Error("queue: cannot park message", "err", perr, "cause", err)
			}
			continue
		}
		jobs = append(jobs, j)
	}
	if err := batch.Error(); err != nil && !quietEnd(err) {
		return jobs, fmt.Errorf("fetch from %s: %w", WorkStream, err)
	}
	return jobs, nil
}

// quietEnd reports whether a fetch ended only because its wait was over.
func quietEnd(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) ||
		errors.Is(err, nats.ErrTimeout) || errors.Is(err, jetstream.ErrNoMessages)
}

func (q *Queue) job(m jetstream.Msg) (*Job, error) {
	md, err := m.Metadata()
	if err != nil {
		return nil, fmt.Errorf("message metadata: %w", err)
	}
	id, a, re, err := decodeAll(m.Data())
	if err != nil {
		return nil, err
	}
	if int(md.NumDelivered) > q.cfg.MaxAttempts {
		return nil, fmt.Errorf("no outcome after %d deliveries: a worker stopped or crashed while processing it", md.NumDelivered-1)
	}
	return &Job{ID: id, Article: a, Attempt: int(md.NumDelivered), Reprocess: re, q: q, msg: m, seq: md.Sequence.Stream}, nil
}

// Ack settles the job as done: the article leaves the queue. The server
// confirms the ack; if the confirmation is lost the article comes back and
// the store, which keeps each article once, makes the repeat harmless.
func (j *Job) Ack(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, j.q.cfg.Timeout)
	defer cancel()
	if err := j.msg.DoubleAck(ctx); err != nil {
		return fmt.Errorf("ack article %s: %w", j.ID, err)
	}
	return nil
}

// Heartbeat tells the server the job is still being worked on.
func (j *Job) Heartbeat() error {
	if err := j.msg.InProgress(); err != nil {
		return fmt.Errorf("heartbeat article %s: %w", j.ID, err)
	}
	return nil
}

// Release gives the job back for immediate redelivery (a worker stopping).
// It counts as an attempt.
func (j *Job) Release() error {
	if err := j.msg.Nak(); err != nil {
		return fmt.Errorf("release article %s: %w", j.ID, err)
	}
	return nil
}

// Last reports whether this is the job's last attempt.
func (j *Job) Last() bool { return j.Attempt >= j.q.cfg.MaxAttempts }

// Retry settles a failed attempt: the article comes back after the
// back-off for this attempt, or, on the last attempt, is parked in the
// dead-letter stream with cause. It reports whether the job was parked.
func (j *Job) Retry(ctx context.Context, cause error) (parked bool, err error) {
	if j.Last() {
		return true, j.Park(ctx, cause)
	}
	b := j.q.cfg.Backoff
	delay := b[min(j.Attempt-1, len(b)-1)]
	if err := j.msg.NakWithDelay(delay); err != nil {
		return false, fmt.Errorf("retry article %s: %w", j.ID, err)
	}
	return false, nil
}

// Park moves the job to the dead-letter stream with cause, now, whatever
// attempt it is on: for errors that retrying cannot fix.
func (j *Job) Park(ctx context.Context, cause error) error {
	return j.q.parkMsg(ctx, j.msg, j, cause)
}

// Failure is an article parked in the dead-letter stream.
type Failure struct {
	Seq      uint64 // sequence in the dead-letter stream
	ID       string // document id ("" when the message could not be read)
	Title    string
	URL      string
	Path     string
	Error    string
	Attempts int
	At       time.Time
}

// deadLetter is the body of a dead-letter message: the failure and the
// original work message, so the article can be queued again as it was.
type deadLetter struct {
	ID       string          `json:"id,omitempty"`
	Title    string          `json:"title,omitempty"`
	URL      string          `json:"url,omitempty"`
	Path     string          `json:"path,omitempty"`
	Error    string          `json:"error"`
	Attempts int             `json:"attempts"`
	At       time.Time       `json:"at"`
	WorkSeq  uint64          `json:"work_seq"`
	Article  json.RawMessage `json:"article,omitempty"` // the work message, when it is JSON
	Raw      []byte          `json:"raw,omitempty"`     // the work message otherwise
}

// parkMsg publishes m to the dead-letter stream with cause, then acks m.
// The dead letter's message id is the article's id and its work sequence,
// so parking the same message twice (the ack was lost) stores it once.
func (q *Queue) parkMsg(ctx context.Context, m jetstream.Msg, j *Job, cause error) error {
	dl := deadLetter{Error: cause.Error(), At: time.Now().UTC()}
	if md, err := m.Metadata(); err == nil {
		dl.Attempts = int(md.NumDelivered)
		dl.WorkSeq = md.Sequence.Stream
	}
	if j != nil {
		dl.ID, dl.Title, dl.URL, dl.Path = j.ID, j.Article.Title, j.Article.URL, j.Article.Path
	}
	if json.Valid(m.Data()) {
		dl.Article = m.Data()
	} else {
		dl.Raw = m.Data()
	}
	data, err := json.Marshal(&dl)
	if err != nil {
		return fmt.Errorf("park work message %d: %w", dl.WorkSeq, err)
	}
	out := nats.NewMsg(DeadSubject)
	out.Data = data
	key := dl.ID
	if key == "" {
		key = document.ID(string(m.Data()))
	}
	out.Header.Set(jetstream.MsgIDHeader, fmt.Sprintf("%s/%d", key, dl.WorkSeq))
	out.Header.Set("Uro-Error", firstLine(dl.Error))
	if _, err := q.publish(ctx, out); err != nil {
		return fmt.Errorf("park work message %d: %w", dl.WorkSeq, err)
	}
	actx, cancel := context.WithTimeout(ctx, q.cfg.Timeout)
	defer cancel()
	if err := m.DoubleAck(actx); err != nil {
		return fmt.Errorf("park work message %d: ack: %w", dl.WorkSeq, err)
	}
	q.log.Warn("queue: article parked in dead-letter stream", "id", dl.ID, "url", dl.URL,
		"path", dl.Path, "attempts", dl.Attempts, "err", dl.Error)
	return nil
}

func firstLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' || s[i] == '\r' {
			return s[:i]
		}
	}
	return s
}
