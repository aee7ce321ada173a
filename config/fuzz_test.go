package config

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode"
)

// fuzzSecret is put on the first line of every fuzzed file as api_key: no
// error about the rest of the file may quote it, whatever the rest is.
const fuzzSecret = "sk_fuzz_Q7TOPSECRETz9"

// FuzzParse feeds config.toml documents to the parser. Whatever the
// input: no panic; a file that parses yields a Config that keeps every
// promise validation makes; a file that does not yields *Errors that name
// the file and a line inside it; and no error quotes the API key. The seed
// corpus is testdata/fuzz/FuzzParse.
//
//	go test ./config -run '^$' -fuzz '^FuzzParse$' -fuzztime 30s -parallel 1
func FuzzParse(f *testing.F) {
	f.Add("page_size = 10\n")
	f.Fuzz(func(t *testing.T, doc string) {
		const file = "fuzz.toml"
		cfg, err := parse(file, []byte(doc))
		if err != nil {
			checkErrors(t, file, doc, err)
		} else {
			checkValid(t, cfg)
		}

		withKey := "api_key = \"" + fuzzSecret + "\"\n" + doc
		if _, err := parse(file, []byte(withKey)); err != nil {
			checkErrors(t, file, withKey, err)
			if msg := err.Error(); strings.Contains(msg, "TOPSECRET") || strings.Contains(msg, "sk_fuzz") {
				t.Fatalf("an error quotes the API key: %q\nfile:\n%s", msg, withKey)
			}
		}
	})
}

// checkErrors: every problem is a *Error about file, at a line of doc (or
// 0, for a default that is wrong), with a message.
func checkErrors(t *testing.T, file, doc string, err error) {
	t.Helper()
	var problems []error
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		problems = joined.Unwrap()
	} else {
		problems = []error{err}
	}
	lines := strings.Count(doc, "\n") + 1
	for _, p := range problems {
		var e *Error
		if !errors.As(p, &e) {
			t.Fatalf("a problem of type %T: %v", p, p)
		}
		if e.File != file || e.Line < 0 || e.Line > lines || e.Column < 0 || e.Msg == "" {
			t.Fatalf("error %+v: want file %s, a line from 0 to %d, a message", *e, file, lines)
		}
	}
}

// checkValid: a Config that parsed is one dxdash can run with.
func checkValid(t *testing.T, c Config) {
	t.Helper()
	u, err := url.Parse(c.BaseURL)
	th := c.Thresholds
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		t.Fatalf("base_url %q accepted", c.BaseURL)
	case !envVarName.MatchString(c.APIKeyEnv):
		t.Fatalf("api_key_env %q accepted", c.APIKeyEnv)
	case strings.IndexFunc(string(c.APIKey), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		t.Fatal("an api_key with spaces or controls accepted")
	case c.PageSize < 1 || c.PageSize > 100:
		t.Fatalf("page_size %d accepted", c.PageSize)
	case c.Timeout < time.Millisecond, c.PollInterval < time.Second:
		t.Fatalf("timeout %s, poll_interval %s accepted", c.Timeout, c.PollInterval)
	case c.DetailCacheSize < 1 || c.DetailCacheSize > 1_000_000:
		t.Fatalf("detail_cache_size %d accepted", c.DetailCacheSize)
	case c.Theme != ThemeAuto && c.Theme != ThemeDark && c.Theme != ThemeLight && c.Theme != ThemeMono:
		t.Fatalf("theme %q accepted", c.Theme)
	case c.RateLimits.ReadPerMinute < 1 || c.RateLimits.ExtractionPerMinute < 1:
		t.Fatalf("rate limits %+v accepted", c.RateLimits)
	case !(0 <= th.Low && th.Low <= th.Medium && th.Medium <= th.High && th.High <= 1):
		t.Fatalf("thresholds %+v accepted", th)
	case c.Filters.IsVerified != VerifiedAny && c.Filters.IsVerified != VerifiedTrue && c.Filters.IsVerified != VerifiedFalse:
		t.Fatalf("is_verified %q accepted", c.Filters.IsVerified)
	case c.Path != "" || c.KeySource != "":
		t.Fatalf("parse set Path %q or KeySource %q", c.Path, c.KeySource)
	}
}
