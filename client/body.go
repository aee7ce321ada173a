package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// Caps on what the client reads from a response, so that a hostile or broken
// server cannot exhaust memory. A page of 100 full list items is well under
// a megabyte; a dataset with thousands of fields a few.
const (
	maxSuccessBody = 32 << 20
	maxErrorBody   = 64 << 10
	maxDetailRunes = 500
)

// errBodyTooLarge is a success body beyond the cap.
var errBodyTooLarge = errors.New("response body exceeds the size limit")

// readCapped reads all of r, up to limit bytes. It reports whether the body
// went on beyond the limit. sizeHint (a Content-Length, or -1) only
// pre-sizes the buffer.
func readCapped(r io.Reader, limit int64, sizeHint int64) (body []byte, truncated bool, err error) {
	var buf bytes.Buffer
	if sizeHint > 0 && sizeHint <= limit {
		buf.Grow(int(sizeHint) + bytes.MinRead)
	}
	_, err = buf.ReadFrom(io.LimitReader(r, limit+1))
	body = buf.Bytes()
	if int64(len(body)) > limit {
		return body[:limit], true, err
	}
	return body, false, err
}

// decodeJSONObject unmarshals body into v, insisting on a JSON object: a
// 2xx answering null, an array or an empty body is as malformed as a
// syntax error. The error quotes the start of the body, through the
// redactor: a hostile server may start its body with the key.
func (c *Client) decodeJSONObject(body []byte, v any) error {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if len(trimmed) == 0 {
		return errors.New("empty body")
	}
	if trimmed[0] != '{' {
		return fmt.Errorf("expected a JSON object, got %s", c.excerpt(trimmed, 20))
	}
	return json.Unmarshal(body, v)
}

// excerpt quotes the first n bytes of server text b, with the key and any
// piece of it hidden. It hides them before cutting, and looks far enough
// past the cut (a key written out in %XX takes 3 bytes a byte, %25XX 5) to
// see a piece that starts inside the excerpt whole: cutting first would
// leave a key cut short, which Redact could no longer recognise if the
// part left were short.
func (c *Client) excerpt(b []byte, n int) string {
	window := string(b[:min(len(b), n+5*len(c.apiKey))])
	s := c.redactor.Redact(window)
	if len(s) <= n && len(window) == len(b) {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q…", s[:min(len(s), n)])
}

// errorDetail pulls a human-readable reason out of an error body: the
// "detail" field when the body is the API's {"detail": ...}, else the body
// itself (a proxy's HTML page, say). It is raw server text: serverText
// makes it fit to show.
func errorDetail(body []byte) string {
	var parsed struct {
		Detail json.RawMessage `json:"detail"`
	}
	if json.Unmarshal(body, &parsed) == nil && len(parsed.Detail) > 0 && string(parsed.Detail) != "null" {
		var s string
		if json.Unmarshal(parsed.Detail, &s) == nil {
			return s
		}
		// Some frameworks send a list of validation problems; show it as JSON.
		var compact bytes.Buffer
		if json.Compact(&compact, parsed.Detail) == nil {
			return compact.String()
		}
	}
	return string(body)
}

// cleanText makes server-supplied text safe to print: control characters
// (escape sequences included) become spaces, runs of space collapse, bidi
// controls (which would reorder the text after them) go, and the result is
// cut to maxDetailRunes.
func cleanText(s string) string {
	var b strings.Builder
	runes, pendingSpace := 0, false
	for _, r := range s {
		if unicode.IsControl(r) || unicode.IsSpace(r) || r == unicode.ReplacementChar {
			pendingSpace = b.Len() > 0
			continue
		}
		if isBidiControl(r) {
			continue
		}
		if runes == maxDetailRunes {
			b.WriteString("…")
			break
		}
		if pendingSpace {
			b.WriteByte(' ')
			pendingSpace = false
		}
		b.WriteRune(r)
		runes++
	}
	return b.String()
}

// isBidiControl reports the marks, embeddings, overrides and isolates of
// the Unicode bidirectional algorithm.
func isBidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}
