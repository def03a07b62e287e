package event

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// benchJobs reads the example and gold articles and builds their layers.
func benchJobs(b *testing.B) (jobs []benchJob, size int64) {
	var files []string
	for _, pat := range []string{"../../examples/*.txt", "../../testdata/gold/*/*.txt"} {
		fs, _ := filepath.Glob(pat)
		files = append(files, fs...)
	}
	if len(files) == 0 {
		b.Skip("no articles")
	}
	pub := time.Date(2024, 3, 14, 0, 0, 0, 0, time.UTC)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		lang := "en"
		if filepath.Base(filepath.Dir(f)) == "da" || filepath.Base(f)[:3] == "da-" {
			lang = "da"
		}
		p := loadLayers(b, lang)
		in := p.input(readArticle(b, f), pub)
		jobs = append(jobs, benchJob{p.det, in})
		size += int64(len(data))
	}
	return jobs, size
}

// benchJob is one article of the benchmarks with its language's detector.
type benchJob struct {
	d  *Detector
	in Input
}

// BenchmarkFind measures Find alone over the example and gold articles,
// with their layers built beforehand.
func BenchmarkFind(b *testing.B) {
	jobs, size := benchJobs(b)
	rules := map[*Detector]*Detector{}
	for _, j := range jobs {
		if rules[j.d] == nil {
			r := *j.d
			r.model = nil
			rules[j.d] = &r
		}
	}
	b.Run("rules+classifier", func(b *testing.B) {
		b.SetBytes(size)
		for i := 0; i < b.N; i++ {
			for _, j := range jobs {
				j.d.Find(j.in)
			}
		}
	})
	// As the pipeline calls it: one Events reused from article to article.
	b.Run("reused", func(b *testing.B) {
		b.SetBytes(size)
		var evs Events
		for i := 0; i < b.N; i++ {
			for _, j := range jobs {
				j.d.FindIn(&evs, j.in)
			}
		}
	})
	// Rules alone: what this package costs without the classifier's
	// fallback, which another package owns.
	b.Run("rules", func(b *testing.B) {
		b.SetBytes(size)
		for i := 0; i < b.N; i++ {
			for _, j := range jobs {
				rules[j.d].Find(j.in)
			}
		}
	})
}

// BenchmarkScan measures the table look-ups of every sentence alone: the
// combined index read token by token.
func BenchmarkScan(b *testing.B) {
	jobs, size := benchJobs(b)
	b.SetBytes(size)
	var trs, acts, cues []match
	for i := 0; i < b.N; i++ {
		for _, j := range jobs {
			for _, s := range j.in.Doc.Sentences {
				trs, acts, cues = j.d.scanInto(s.Tokens, trs, acts, cues)
			}
		}
	}
}
