// Package fetch owns reading pages and feeds over HTTP politely: a
// User-Agent that names uro, connect and total timeouts, a size limit that
// stops reading (never buffers past it), conditional GET with ETag and
// Last-Modified, a per-host request rate, capped redirects and nothing but
// http and https. It also turns RSS, Atom and JSON Feed documents into items.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Options configure a Client; zero fields take the defaults below.
type Options struct {
	// Version goes into the User-Agent: "uro/<Version> (+https://github.com/urodata/uro)".
	Version        string
	ConnectTimeout time.Duration // dialling and TLS handshake; default 10s
	Timeout        time.Duration // one request, body included; default 30s
	MaxBytes       int64         // largest body read; default 10 MB
	// Rate is requests per second to one host (default 1); Burst how many
	// may go at once (default 1). A negative Rate means no limit (tests).
	Rate         float64
	Burst        int
	MaxRedirects int // default 5
	// Transport replaces the default transport (tests); nil uses one built
	// from ConnectTimeout.
	Transport http.RoundTripper
}

// Defaults.
const (
	DefaultConnectTimeout = 10 * time.Second
	DefaultTimeout        = 30 * time.Second
	DefaultMaxBytes       = 10 << 20
	DefaultRate           = 1.0
	DefaultMaxRedirects   = 5
)

// Kinds of failure; test with errors.Is. Every failure of Get is an *Error
// wrapping one of these (or a network error).
var (
	ErrScheme    = errors.New("is not an http or https URL")
	ErrTooLarge  = errors.New("is over the size limit")
	ErrStatus    = errors.New("answered with an error status")
	ErrRedirects = errors.New("redirected too many times")
	ErrTimeout   = errors.New("timed out")
)

// Error is a failed GET: the URL, the kind of failure and its details.
type Error struct {
	URL    string
	Kind   error // one of the Err* above, or nil for a network error
	Status int   // ErrStatus: the HTTP status code
	Limit  int64 // ErrTooLarge: the limit in bytes; ErrRedirects: the cap
	After  time.Duration
	Err    error // the cause
}

func (e *Error) Error() string {
	switch e.Kind {
	case ErrScheme:
		return fmt.Sprintf("%s %v", e.URL, e.Kind)
	case ErrTooLarge:
		return fmt.Sprintf("GET %s: body is over the size limit of %d bytes", e.URL, e.Limit)
	case ErrStatus:
		return fmt.Sprintf("GET %s: server answered %d %s", e.URL, e.Status, http.StatusText(e.Status))
	case ErrRedirects:
		return fmt.Sprintf("GET %s: more than %d redirects", e.URL, e.Limit)
	case ErrTimeout:
		return fmt.Sprintf("GET %s: timed out after %v", e.URL, e.After)
	}
	return fmt.Sprintf("GET %s: %v", e.URL, e.Err)
}

// Unwrap lets errors.Is see the kind and the cause.
func (e *Error) Unwrap() []error {
	var out []error
	if e.Kind != nil {
		out = append(out, e.Kind)
	}
	if e.Err != nil {
		out = append(out, e.Err)
	}
	return out
}

// Validators are what a conditional GET sends back to the server.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is a body read in full (within the size limit).
type Response struct {
	URL         string // after redirects
	Status      int
	ContentType string // media type only, lower case, e.g. "text/html"
	Body        []byte
	// NotModified is true for a 304 answer to a conditional GET: Body is
	// empty and Validators are the ones sent.
	NotModified bool
	Validators  Validators
}

// Client fetches pages and feeds. It is safe for concurrent use.
type Client struct {
	opt  Options
	ua   string
	http *http.Client

	mu    sync.Mutex
	hosts map[string]*rate.Limiter
}

// New returns a client with opt's settings.
func New(opt Options) *Client {
	if opt.ConnectTimeout <= 0 {
		opt.ConnectTimeout = DefaultConnectTimeout
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Rate == 0 {
		opt.Rate = DefaultRate
	}
	if opt.Burst <= 0 {
		opt.Burst = 1
	}
	if opt.MaxRedirects <= 0 {
		opt.MaxRedirects = DefaultMaxRedirects
	}
	if opt.Version == "" {
		opt.Version = "dev"
	}
	c := &Client{opt: opt, hosts: map[string]*rate.Limiter{}}
	c.ua = UserAgent(opt.Version)
	tr := opt.Transport
	if tr == nil {
		d := &net.Dialer{Timeout: opt.ConnectTimeout, KeepAlive: 30 * time.Second}
		tr = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           d.DialContext,
			TLSHandshakeTimeout:   opt.ConnectTimeout,
			ResponseHeaderTimeout: opt.Timeout,
			MaxIdleConnsPerHost:   4,
			IdleConnTimeout:       90 * time.Second,
			ForceAttemptHTTP2:     true,
		}
	}
	c.http = &http.Client{Transport: tr, CheckRedirect: c.checkRedirect}
	return c
}

// UserAgent is the User-Agent uro sends.
func UserAgent(version string) string {
	return "uro/" + version + " (+https://github.com/urodata/uro)"
}

// MaxBytes is the client's size limit.
func (c *Client) MaxBytes() int64 { return c.opt.MaxBytes }

// checkRedirect caps redirects, refuses other schemes and waits for the
// new host's turn: a redirect is a request like any other.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.opt.MaxRedirects {
		return &Error{URL: via[0].URL.String(), Kind: ErrRedirects, Limit: int64(c.opt.MaxRedirects)}
	}
	if err := checkScheme(req.URL); err != nil {
		return err
	}
	req.Header.Set("User-Agent", c.ua)
	return c.wait(req.Context(), req.URL.Host)
}

func checkScheme(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return &Error{URL: u.String(), Kind: ErrScheme}
	}
	return nil
}

func (c *Client) limiter(host string) *rate.Limiter {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.hosts[host]
	if l == nil {
		r := rate.Limit(c.opt.Rate)
		if c.opt.Rate < 0 {
			r = rate.Inf
		}
		l = rate.NewLimiter(r, c.opt.Burst)
		c.hosts[host] = l
	}
	return l
}

func (c *Client) wait(ctx context.Context, host string) error {
	return c.limiter(strings.ToLower(host)).Wait(ctx)
}

// Get fetches rawURL, conditionally when v has a validator, and reads the
// body up to the size limit. A 304 answer is a Response with NotModified;
// any other status outside 2xx is an *Error with ErrStatus.
func (c *Client) Get(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, &Error{URL: rawURL, Err: err}
	}
	if err := checkScheme(u); err != nil {
		return nil, err
	}
	if err := c.wait(ctx, u.Host); err != nil {
		return nil, &Error{URL: rawURL, Err: err}
	}
	rctx, cancel := context.WithTimeout(ctx, c.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, &Error{URL: rawURL, Err: err}
	}
	req.Header.Set("User-Agent", c.ua)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.failure(ctx, rctx, rawURL, err)
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL.String(), Status: resp.StatusCode}
	if mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type")); err == nil {
		out.ContentType = strings.ToLower(mt)
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		out.Validators = v
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, &Error{URL: rawURL, Kind: ErrStatus, Status: resp.StatusCode}
	}
	max := c.opt.MaxBytes
	// A declared length over the limit is refused before reading a byte.
	if resp.ContentLength > max {
		return nil, &Error{URL: rawURL, Kind: ErrTooLarge, Limit: max}
	}
	// Read one byte past the limit to tell "exactly max" from "more";
	// closing the body then drops the connection without reading the rest.
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, c.failure(ctx, rctx, rawURL, err)
	}
	if int64(len(body)) > max {
		return nil, &Error{URL: rawURL, Kind: ErrTooLarge, Limit: max}
	}
	out.Body = body
	out.Validators = Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	return out, nil
}

// failure names a request error: the caller's cancellation stays itself, our
// own deadline becomes ErrTimeout.
func (c *Client) failure(parent, rctx context.Context, rawURL string, err error) error {
	var fe *Error
	if errors.As(err, &fe) {
		return fe // from checkRedirect
	}
	if parent.Err() == nil && (rctx.Err() != nil || isTimeout(err)) {
		return &Error{URL: rawURL, Kind: ErrTimeout, After: c.opt.Timeout, Err: err}
	}
	return &Error{URL: rawURL, Err: err}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
