package article

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlain(t *testing.T) {
	tests := []struct {
		name, in, title, text string
		warn                  bool
	}{
		{"seed style", "Demonstranter stormer rådhus i Almaty\n\nDet dramatiske oprør fortsætter torsdag.\n\nMindst 12 betjente er dræbt.\n",
			"Demonstranter stormer rådhus i Almaty", "Demonstranter stormer rådhus i Almaty\n\nDet dramatiske oprør fortsætter torsdag.\n\nMindst 12 betjente er dræbt.", false},
		{"english wrapped", "Police arrest 40 after clashes in Leeds\n\nOfficers said the\nviolence began late on Friday.\n",
			"Police arrest 40 after clashes in Leeds", "Police arrest 40 after clashes in Leeds\n\nOfficers said the violence began late on Friday.", false},
		{"headline only", "  Bøjer sig  \n", "Bøjer sig", "Bøjer sig", false},
		{"windows file with bom", "\ufeffStrejke lukker havnen\r\n\r\nHavnearbejderne nedlagde arbejdet mandag.\r\n",
			"Strejke lukker havnen", "Strejke lukker havnen\n\nHavnearbejderne nedlagde arbejdet mandag.", false},
		{"latin-1 bytes", "Str\xf8get lukket\n\nPolitiet sp\xe6rrede gaden.", "Str\ufffdget lukket", "Str\ufffdget lukket\n\nPolitiet sp\ufffdrrede gaden.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Plain("x.txt", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title || a.Text != tt.text {
				t.Errorf("got title %q text %q, want %q %q", a.Title, a.Text, tt.title, tt.text)
			}
			if got := len(a.Warnings) > 0; got != tt.warn {
				t.Errorf("warnings %q, want some: %v", a.Warnings, tt.warn)
			}
			if a.Path != "x.txt" {
				t.Errorf("path %q", a.Path)
			}
		})
	}
}

func TestReadFileSeed(t *testing.T) {
	path := "../../../shared/examples/da-kasakhstan-2022-01-06.txt"
	if _, err := os.Stat(path); err != nil {
		t.Skip("seed article not present")
	}
	a, err := ReadFile(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Title, "Demonstranterne i Kasakhstans største by") || !strings.Contains(a.Text, "\n\nBøjer sig\n\n") {
		t.Errorf("title %q; text starts %q", a.Title, a.Text[:80])
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 200}, 100)...)
	noise := bytes.Repeat([]byte{0x01, 0x02, 0x03, 0x1b, 'a'}, 200)
	tests := []struct {
		name string
		path string
		opt  Options
		kind error
		msg  string
	}{
		{"missing", filepath.Join(dir, "nope.txt"), Options{}, ErrNotFound, "read " + filepath.Join(dir, "nope.txt") + ": no such file"},
		{"directory", dir, Options{}, ErrIsDir, dir + " is a directory"},
		{"binary png", write("a.png", png), Options{}, ErrBinary, "looks binary, not an article"},
		{"control noise", write("noise.txt", noise), Options{}, ErrBinary, "looks binary"},
		{"empty", write("empty.txt", nil), Options{}, ErrEmpty, "empty.txt is empty"},
		{"whitespace", write("ws.txt", []byte(" \n\t\r\n ")), Options{}, ErrEmpty, "ws.txt is empty"},
		{"only zero width", write("zw.txt", []byte("\u200b\u200b\n")), Options{}, ErrEmpty, "zw.txt is empty"},
		{"too large", write("big.txt", bytes.Repeat([]byte("ord "), 100)), Options{MaxBytes: 100}, ErrTooLarge, "big.txt is 400 bytes, over --max-bytes 100"},
		{"html empty body", write("blank.html", []byte("<html><body>  </body></html>")), Options{}, ErrNoText, "blank.html has no article text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ReadFile(context.Background(), tt.path, tt.opt)
			if err == nil {
				t.Fatalf("no error; article %+v", a)
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %v is not %v", err, tt.kind)
			}
			if !strings.Contains(err.Error(), tt.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q, want one line containing %q", err, tt.msg)
			}
		})
	}
	t.Run("missing is fs.ErrNotExist", func(t *testing.T) {
		_, err := ReadFile(context.Background(), filepath.Join(dir, "nope.txt"), Options{})
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%v is not fs.ErrNotExist", err)
		}
	})
}

func TestReadStream(t *testing.T) {
	ctx := context.Background()
	t.Run("too large stream", func(t *testing.T) {
		_, err := Read(ctx, "-", strings.NewReader(strings.Repeat("x", 101)), Options{MaxBytes: 100})
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "stdin is more than 100 bytes") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("exactly max", func(t *testing.T) {
		a, err := Read(ctx, "-", strings.NewReader(strings.Repeat("x", 100)), Options{MaxBytes: 100})
		if err != nil || a.Path != "" {
			t.Fatalf("err = %v, a = %+v", err, a)
		}
	})
	t.Run("empty stdin", func(t *testing.T) {
		_, err := Read(ctx, "-", strings.NewReader(""), Options{})
		if !errors.Is(err, ErrEmpty) || err.Error() != "stdin is empty" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("html sniffed", func(t *testing.T) {
		page := "\n  <!-- saved from url=(0014)about:internet -->\n<!DOCTYPE HTML><html lang=\"da\"><head><title>Storm lukker broer</title></head><body><article><h1>Storm lukker broer</h1><p>Stormen Malik lukkede lørdag både Storebæltsbroen og Øresundsbroen for al trafik.</p><p>Vejdirektoratet venter at åbne igen søndag morgen.</p></article></body></html>"
		a, err := Read(ctx, "-", strings.NewReader(page), Options{URL: "https://example.dk/storm"})
		if err != nil {
			t.Fatal(err)
		}
		want := "Storm lukker broer\n\nStormen Malik lukkede lørdag både Storebæltsbroen og Øresundsbroen for al trafik.\n\nVejdirektoratet venter at åbne igen søndag morgen."
		if a.Text != want || a.LangHint != "da" || a.URL != "https://example.dk/storm" {
			t.Errorf("got %+v", a)
		}
	})
	t.Run("plain keeps URL", func(t *testing.T) {
		a, err := Read(ctx, "a.txt", strings.NewReader("Overskrift\n\nTekst."), Options{URL: "https://example.dk/a"})
		if err != nil || a.URL != "https://example.dk/a" {
			t.Fatalf("err %v, a %+v", err, a)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		c, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := ReadFile(c, "testdata/da-brand.html", Options{}); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v", err)
		}
	})
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name, data string
		want       bool
	}{
		{"a.txt", "<!doctype html><p>x", true},
		{"a.txt", "  \n<HTML>", true},
		{"a.txt", "<head><title>x", true},
		{"a.txt", "<body>x", true},
		{"a.txt", "\ufeff<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", true},
		{"a.txt", "<?xml version=\"1.0\"?><rss>", false},
		{"a.htm", "Overskrift", true},
		{"A.HTML", "Overskrift", true},
		{"a.txt", "Overskrift om <html>-koder", false},
		{"a.txt", "<!-- unterminated", false},
		{"-", "Police say <body> was found", false},
	}
	for _, tt := range tests {
		if got := isHTML(tt.name, []byte(tt.data)); got != tt.want {
			t.Errorf("isHTML(%q, %q) = %v, want %v", tt.name, tt.data, got, tt.want)
		}
	}
}
