package article

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// HTML reads an article from a web page: main text, title, date, author and
// site name come from trafilatura, which works on the bytes given and never
// fetches anything. pageURL, when known, is kept as the article's URL.
func HTML(ctx context.Context, name string, data []byte, pageURL string) (*Article, error) {
	dn := displayName(name)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", dn, err)
	}
	if looksBinary(data) {
		return nil, &Error{Name: dn, Kind: ErrBinary}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{Name: dn, Kind: ErrEmpty}
	}
	src, warn := decodeHTML(data)
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("parse HTML %s: %w", dn, err)
	}
	a := &Article{Path: pathOf(name), URL: pageURL, LangHint: langAttr(doc), Warnings: warn}

	opts := trafilatura.Options{
		// Readability and DOM Distiller are compared when trafilatura's own
		// pass is unsure; it costs little on one article.
		EnableFallback:  true,
		ExcludeComments: true,
		// Fast date mode reads meta tags, <time> and JSON-LD without the slow
		// multilingual date parser.
		HtmlDateMode: trafilatura.Fast,
		Config:       extractConfig(),
	}
	if u, err := url.Parse(pageURL); err == nil && pageURL != "" {
		opts.OriginalURL = u
	}
	res, err := extract(doc, opts)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", dn, err)
	}
	if err != nil {
		return nil, &Error{Name: dn, Kind: ErrNoText, Err: err}
	}
	md := res.Metadata
	a.Site = oneLine(md.Sitename)
	a.Author = oneLine(md.Author)
	if a.URL == "" {
		a.URL = md.URL
	}
	if !md.Date.IsZero() {
		y, m, d := md.Date.Date()
		a.Published = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}

	blocks := contentBlocks(res.ContentNode)
	title := oneLine(md.Title)
	if title == "" && res.ContentNode != nil {
		// No title in the metadata: a leading <h1> of the content is one.
		if c := firstElement(res.ContentNode); c != nil && tagOf(c) == atom.H1 && len(blocks) > 0 {
			title = blocks[0]
		}
	}
	if title != "" && (len(blocks) == 0 || !strings.EqualFold(blocks[0], title)) {
		blocks = append([]string{title}, blocks...)
	}
	a.Title = title
	a.Text = Normalize(strings.Join(blocks, "\n\n"))
	if a.Text == "" || a.Text == title {
		return nil, &Error{Name: dn, Kind: ErrNoText}
	}
	return a, nil
}

// extract runs trafilatura, turning a panic inside it into an error so that
// one odd page cannot take down a batch.
func extract(doc *html.Node, opts trafilatura.Options) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("trafilatura panicked: %v", r)
		}
	}()
	return trafilatura.ExtractDocument(doc, opts)
}

// extractConfig is trafilatura's default except for the minimum extracted
// size: the default (250 characters) sends short news items to a crude
// whole-page fallback that drags in navigation.
func extractConfig() *trafilatura.Config {
	c := trafilatura.DefaultConfig()
	c.MinExtractedSize = 25
	return c
}

// decodeHTML returns the page as valid UTF-8. Valid UTF-8 is taken as is;
// otherwise a declared charset (BOM or <meta>) is used, and failing that the
// bad bytes are replaced with U+FFFD.
func decodeHTML(data []byte) (string, []string) {
	if utf8.Valid(data) {
		return string(data), nil
	}
	if enc, encName, certain := charset.DetermineEncoding(data, "text/html"); certain || declaresCharset(data) {
		if out, err := enc.NewDecoder().Bytes(data); err == nil && utf8.Valid(out) {
			return string(out), []string{"decoded from " + encName}
		}
	}
	return string(bytes.ToValidUTF8(data, []byte("\uFFFD"))), []string{warnUTF8}
}

// declaresCharset reports whether the page head names a charset, as
// DetermineEncoding only calls a BOM or Content-Type "certain".
func declaresCharset(data []byte) bool {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	return bytes.Contains(bytes.ToLower(head), []byte("charset"))
}

// langAttr returns the primary language subtag of <html lang> or xml:lang,
// lower-cased ("en-GB" gives "en").
func langAttr(doc *html.Node) string {
	var find func(*html.Node) string
	find = func(n *html.Node) string {
		if n.Type == html.ElementNode && tagOf(n) == atom.Html {
			for _, at := range n.Attr {
				if k := strings.ToLower(at.Key); k == "lang" || k == "xml:lang" {
					tag := strings.TrimSpace(at.Val)
					if i := strings.IndexAny(tag, "-_"); i >= 0 {
						tag = tag[:i]
					}
					return strings.ToLower(tag)
				}
			}
			return ""
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if l := find(c); l != "" {
				return l
			}
		}
		return ""
	}
	return find(doc)
}

// tagOf returns the element's atom; trafilatura builds nodes with only Data set.
func tagOf(n *html.Node) atom.Atom {
	if n.DataAtom != 0 || n.Type != html.ElementNode {
		return n.DataAtom
	}
	return atom.Lookup([]byte(strings.ToLower(n.Data)))
}

func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
		if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
			return nil
		}
	}
	return nil
}

// blockTags start a new block of text; everything else is inline.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Div: true, atom.Figcaption: true, atom.Figure: true, atom.Pre: true,
	atom.Table: true, atom.Tr: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Main: true, atom.Aside: true, atom.Address: true, atom.Hr: true,
	atom.Body: true, atom.Caption: true, atom.Details: true, atom.Summary: true,
}

// skipTags hold no article text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
}

// contentBlocks turns trafilatura's content tree into normalised blocks, one
// per block-level element (its ContentText runs paragraphs together).
func contentBlocks(root *html.Node) []string {
	if root == nil {
		return nil
	}
	var blocks []string
	var buf strings.Builder
	flush := func() {
		// Lines split by <br> are separate blocks: trafilatura folds the
		// "<br><br>" that some sites put between paragraphs into one <br>, so
		// a single one is all that is left of a paragraph break.
		for _, l := range strings.Split(buf.String(), "\n") {
			if p := oneLine(l); p != "" {
				blocks = append(blocks, p)
			}
		}
		buf.Reset()
	}
	var walk func(*html.Node, bool)
	walk = func(n *html.Node, pre bool) {
		switch n.Type {
		case html.TextNode:
			t := n.Data
			if pre {
				// Lines of preformatted text are blocks, as <br> lines are.
				t = strings.ReplaceAll(t, "\r", "")
			} else {
				t = strings.Map(func(r rune) rune {
					if r == '\n' || r == '\r' || r == '\t' || r == '\f' {
						return ' '
					}
					return r
				}, t)
			}
			buf.WriteString(t)
			return
		case html.ElementNode:
			if skipTags[tagOf(n)] {
				return
			}
			switch tagOf(n) {
			case atom.Br:
				buf.WriteByte('\n')
				return
			case atom.Td, atom.Th:
				buf.WriteByte(' ')
			}
		}
		block := n.Type == html.ElementNode && blockTags[tagOf(n)]
		if block {
			flush()
		}
		inPre := pre || tagOf(n) == atom.Pre
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inPre)
		}
		if block {
			flush()
		}
	}
	walk(root, false)
	flush()
	return blocks
}

// oneLine normalises s as a single block: every line break becomes a space.
func oneLine(s string) string {
	return strings.ReplaceAll(Normalize(s), "\n\n", " ")
}
