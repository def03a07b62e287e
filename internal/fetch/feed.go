package fetch

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// Feed is a parsed RSS 2.0, RSS 1.0, Atom or JSON Feed document.
type Feed struct {
	Title string
	Kind  string // "rss", "atom" or "json"
	Items []Item
}

// Item is one entry of a feed, as the feed gives it.
type Item struct {
	Index     int // 1-based position in the feed, for messages
	Title     string
	Link      string
	Published time.Time // zero when the feed gives none (or one that does not parse)
	// Content is the item's full content when the feed carries it, else its
	// description (summary); HTML or plain text.
	Content string
	GUID    string
}

// Name is how messages name the item: its link, else its title, else its index.
func (it Item) Name() string {
	switch {
	case it.Link != "":
		return it.Link
	case it.Title != "":
		return fmt.Sprintf("item %d %q", it.Index, it.Title)
	}
	return fmt.Sprintf("item %d", it.Index)
}

// ErrNotFeed is returned by ParseFeed for data that is no feed.
var ErrNotFeed = errors.New("is not an RSS, Atom or JSON feed")

// IsFeed reports whether a response is a feed: by its media type when that
// says so, else by what the body starts with. HTML is never a feed.
func IsFeed(contentType string, body []byte) bool {
	switch contentType {
	case "application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml":
		return true
	case "text/html", "application/xhtml+xml":
		return false
	}
	head := body
	if len(head) > 4096 {
		head = head[:4096]
	}
	return gofeed.DetectFeedType(bytes.NewReader(head)) != gofeed.FeedTypeUnknown
}

// ParseFeed parses a feed. Items are kept in feed order; an item's problems
// (no link, no content) are for the caller to judge, as only it knows
// whether it needs the link or the content.
func ParseFeed(data []byte) (out *Feed, err error) {
	// gofeed panics on some malformed feeds (a JSON Feed whose item is
	// null); a hostile server must not bring uro down.
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, fmt.Errorf("parse feed: malformed feed (parser failed: %v)", p)
		}
	}()
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, ErrNotFeed
		}
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	out = &Feed{Title: strings.TrimSpace(f.Title), Kind: f.FeedType, Items: make([]Item, 0, len(f.Items))}
	for i, it := range f.Items {
		if it == nil {
			continue
		}
		item := Item{
			Index:   i + 1,
			Title:   strings.TrimSpace(it.Title),
			Link:    strings.TrimSpace(it.Link),
			Content: it.Content,
			GUID:    it.GUID,
		}
		if strings.TrimSpace(item.Content) == "" {
			item.Content = it.Description
		}
		switch {
		case it.PublishedParsed != nil:
			item.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil:
			item.Published = it.UpdatedParsed.UTC()
		}
		out.Items = append(out.Items, item)
	}
	return out, nil
}
