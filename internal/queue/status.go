package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"
)

// Status is the state of the queue, for `uro queue status`.
type Status struct {
	// Pending articles are published and not yet given to a worker.
	Pending uint64
	// InFlight articles are with a worker, or waiting for their retry.
	InFlight int
	// Redelivered articles are in flight after an earlier attempt.
	Redelivered int
	// Waiting is the number of workers' pulls waiting for work.
	Waiting int
	// Dead articles are parked in the dead-letter stream.
	Dead uint64
	// Failures are the newest parked articles (up to RecentFailures), newest first.
	Failures []Failure
}

// RecentFailures is how many parked articles Status lists.
const RecentFailures = 10

// Status reports the queue's counts and its newest failures.
func (q *Queue) Status(ctx context.Context) (Status, error) {
	recent := RecentFailures
	ctx, cancel := context.WithTimeout(ctx, 2*q.cfg.Timeout)
	defer cancel()
	var s Status
	ci, err := q.cons.Info(ctx)
	if err != nil {
		return s, fmt.Errorf("queue status: consumer %s: %w", Consumer, err)
	}
	s.Pending, s.InFlight, s.Redelivered, s.Waiting = ci.NumPending, ci.NumAckPending, ci.NumRedelivered, ci.NumWaiting
	si, err := q.dead.Info(ctx)
	if err != nil {
		return s, fmt.Errorf("queue status: stream %s: %w", DeadStream, err)
	}
	s.Dead = si.State.Msgs
	if recent > 0 && si.State.Msgs > 0 {
		s.Failures, err = q.failures(ctx, si.State.FirstSeq, si.State.LastSeq, recent)
		if err != nil {
			return s, err
		}
	}
	return s, nil
}

// failures reads up to n dead letters from last back to first.
func (q *Queue) failures(ctx context.Context, first, last uint64, n int) ([]Failure, error) {
	var out []Failure
	for seq := last; seq >= first && seq > 0 && len(out) < n; seq-- {
		raw, err := q.dead.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue // deleted by hand
		}
		if err != nil {
			return out, fmt.Errorf("queue status: dead letter %d: %w", seq, err)
		}
		var dl deadLetter
		if err := json.Unmarshal(raw.Data, &dl); err != nil {
			return out, fmt.Errorf("queue status: dead letter %d: %w", seq, err)
		}
		out = append(out, Failure{Seq: seq, ID: dl.ID, Title: dl.Title, URL: dl.URL, Path: dl.Path,
			Error: dl.Error, Attempts: dl.Attempts, At: dl.At})
	}
	return out, nil
}
