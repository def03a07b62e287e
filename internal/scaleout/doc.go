// Package scaleout owns the end-to-end proof of uro's scale-out: real
// `uro worker` processes sharing a NATS JetStream work queue and one store
// (PostgreSQL when URO_TEST_POSTGRES is set, SQLite otherwise), a worker
// killed mid-run, and the result compared with a single-process run; and
// the benchmark of articles per second against the number of workers.
// Everything is in its tests; the synthetic corpus they use is built from
// the tables in testdata/.
package scaleout
