package article

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

type jsonlResult struct {
	line int
	a    *Article
	err  error
}

func readAll(t *testing.T, in string, opt Options) []jsonlResult {
	t.Helper()
	var out []jsonlResult
	err := JSONL(context.Background(), strings.NewReader(in), opt, func(line int, a *Article, err error) error {
		if (a == nil) == (err == nil) {
			t.Fatalf("line %d: article %v and error %v", line, a, err)
		}
		out = append(out, jsonlResult{line, a, err})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestJSONLGood(t *testing.T) {
	in := `{"id":"a1","title":"Strejke lukker havnen i Aarhus","text":"Havnearbejderne nedlagde arbejdet mandag.\nDe kræver højere løn.\n\nLedelsen vil forhandle.","published":"2023-09-04","language":"DA","url":"https://example.dk/a1"}

{"id": 42, "text": "Flood warnings issued for Somerset\n\nThe Environment Agency issued 14 flood warnings on Tuesday.", "title": null, "published": null}
{"text":"Kun én linje","title":"   "}` + "\r\n"
	got := readAll(t, in, Options{})
	if len(got) != 3 {
		t.Fatalf("%d results, want 3", len(got))
	}
	a := got[0].a
	if got[0].line != 1 || a.ID != "a1" || a.Title != "Strejke lukker havnen i Aarhus" || a.Lang != "da" || a.URL != "https://example.dk/a1" ||
		!a.Published.Equal(time.Date(2023, 9, 4, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("line 1: %+v", a)
	}
	if want := "Strejke lukker havnen i Aarhus\n\nHavnearbejderne nedlagde arbejdet mandag. De kræver højere løn.\n\nLedelsen vil forhandle."; a.Text != want {
		t.Errorf("line 1 text %q, want %q", a.Text, want)
	}
	b := got[1].a
	if got[1].line != 3 || b.ID != "42" || b.Title != "Flood warnings issued for Somerset" || !b.Published.IsZero() ||
		b.Text != "Flood warnings issued for Somerset\n\nThe Environment Agency issued 14 flood warnings on Tuesday." {
		t.Errorf("line 3: %+v", b)
	}
	if c := got[2].a; got[2].line != 4 || c.Title != "Kun én linje" || c.Text != "Kun én linje" {
		t.Errorf("line 4: %+v", c)
	}
}

func TestJSONLBad(t *testing.T) {
	long := `{"text":"` + strings.Repeat("x", 300) + `"}`
	lines := []string{
		`{"text":"Overskrift\n\nTekst.","published":"6/1/2022"}`,
		`{"title":"Kun titel"}`,
		`{"text":"   \n  "}`,
		`{"text": "Overskrift", `,
		`[1,2,3]`,
		`{"text": 17}`,
		long,
		`{"text":"Overskrift\n\nTekst.","published":"2022-02-30"}`,
		`{"id":{"x":1},"text":"Overskrift"}`,
		`{"text":"Sidste linje er god"}`,
	}
	want := []string{
		`line 1: published "6/1/2022" is not YYYY-MM-DD`,
		`line 2: no "text"`,
		`line 3: "text" is empty`,
		`line 4: malformed JSON`,
		`line 5: malformed JSON`,
		`line 6: text must be a string, not a JSON number`,
		`line 7: line is longer than --max-bytes 200`,
		`line 8: published "2022-02-30" is not YYYY-MM-DD`,
		`line 9: id must be a string or a number`,
	}
	got := readAll(t, strings.Join(lines, "\n"), Options{MaxBytes: 200})
	if len(got) != len(lines) {
		t.Fatalf("%d results, want %d", len(got), len(lines))
	}
	for i, w := range want {
		r := got[i]
		if r.line != i+1 || r.err == nil || !strings.HasPrefix(r.err.Error(), w) {
			t.Errorf("result %d: line %d err %v, want %q", i, r.line, r.err, w)
		}
		var le *LineError
		if !errors.As(r.err, &le) || le.Line != i+1 {
			t.Errorf("result %d: %v is not a *LineError for line %d", i, r.err, i+1)
		}
	}
	if !errors.Is(got[6].err, ErrLineTooLong) {
		t.Errorf("long line error %v is not ErrLineTooLong", got[6].err)
	}
	if last := got[len(got)-1]; last.err != nil || last.a.Text != "Sidste linje er god" {
		t.Errorf("reading did not resume: %+v", last)
	}
}

func TestJSONLInvalidUTF8(t *testing.T) {
	got := readAll(t, "{\"text\":\"Str\xf8get\"}\n", Options{})
	if len(got) != 1 || got[0].err != nil || got[0].a.Text != "Str\ufffdget" || len(got[0].a.Warnings) != 1 {
		t.Fatalf("%+v", got)
	}
}

func TestJSONLStops(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	err := JSONL(context.Background(), strings.NewReader("{\"text\":\"a\"}\n{\"text\":\"b\"}\n"), Options{}, func(int, *Article, error) error {
		n++
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err %v after %d calls", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := JSONL(ctx, strings.NewReader("{\"text\":\"a\"}\n"), Options{}, func(int, *Article, error) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestJSONLStreams reads many long lines through a small MaxBytes: JSONL must
// stream them (memory bounded by one line), not slurp the input.
func TestJSONLStreams(t *testing.T) {
	const n = 2000
	r := &genReader{n: n, line: fmt.Sprintf(`{"text":"Overskrift\n\n%s"}`+"\n", strings.Repeat("ord ", 2000))}
	count := 0
	err := JSONL(context.Background(), r, Options{MaxBytes: 16 << 10}, func(line int, a *Article, err error) error {
		if err != nil {
			return err
		}
		count++
		return nil
	})
	if err != nil || count != n {
		t.Fatalf("err %v, %d articles", err, count)
	}
}

// genReader yields the same line n times without holding them all.
type genReader struct {
	n    int
	line string
	off  int
}

func (g *genReader) Read(p []byte) (int, error) {
	if g.n == 0 {
		return 0, io.EOF
	}
	k := copy(p, g.line[g.off:])
	g.off += k
	if g.off == len(g.line) {
		g.off = 0
		g.n--
	}
	return k, nil
}
