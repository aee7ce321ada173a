package fakeapi

import (
	"errors"
	"fmt"
	"time"
)

// APIKey is one key the server accepts. Name identifies it in rate limits
// and logs (e.g. "production-erp-sync"); Key is the secret itself and is
// never printed.
type APIKey struct {
	Name string
	Key  string
}

// Config sets up a Server. Start from DefaultConfig: New uses DatasetCount
// and Seed as given, and fills only the zero values that cannot mean
// anything else (limits, lifetimes, clock, epoch).
type Config struct {
	APIKeys []APIKey

	// DatasetCount is the corpus size (0 to 1 000 000; 500 by default).
	DatasetCount int
	// Seed fixes the corpus, the cursor secret, the request ids and the
	// fault sequence: the same seed and clock give byte-identical responses.
	Seed uint64
	// Epoch is the corpus's "now": datasets were created in the year before
	// it. Fixed by default so that the corpus does not change with the
	// wall clock.
	Epoch time.Time

	// Living sets how fast the account changes after the epoch: arrivals
	// and reviews per hour (living.go). Zero rates, the default, keep the
	// corpus still; `dxdash demo-api` brings it to life.
	Living Rates

	// ReadPerMinute limits list and get requests per key in any 60 s
	// (60 by default); ExtractionPerMinute is the extraction category's
	// limit (10 by default), reported for completeness: the upload and
	// extract endpoints are out of scope (api-reference Part 3).
	ReadPerMinute       int
	ExtractionPerMinute int

	// CursorLifetime is how long a next_cursor stays valid (24 h by default).
	CursorLifetime time.Duration

	// FaultRate is the share of authenticated, admitted requests that get a
	// fault (0.0 to 1.0). FaultKinds limits the kinds drawn; empty means
	// all of them.
	FaultRate  float64
	FaultKinds []FaultKind

	// Hostile serves the hostile corpus (hostile.go) instead of the
	// generated one: escape sequences, bidi overrides, control characters,
	// 10 000-character values, wide and combining text, nulls, 1 000
	// fields, numbers out of range; and X-Request-Id headers that carry
	// C1 controls and bidi overrides. DatasetCount is then ignored. It is
	// off the contract on purpose: for hardening tests and demos.
	Hostile bool

	// Now is the clock (time.Now by default). After waits on it for slow
	// responses (time.After by default); tests inject both, or run inside a
	// testing/synctest bubble with the defaults.
	Now   func() time.Time
	After func(time.Duration) <-chan time.Time
}

// Defaults.
const (
	DefaultDatasetCount        = 500
	DefaultSeed                = 1
	DefaultReadPerMinute       = 60
	DefaultExtractionPerMinute = 10
	DefaultCursorLifetime      = 24 * time.Hour
	DemoKeyName                = "demo"
	DemoKey                    = "demo-key"
	MaxDatasetCount            = 1_000_000
)

// DefaultEpoch is the corpus's reference date unless Config.Epoch says
// otherwise.
var DefaultEpoch = time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)

// DefaultConfig is the demo setup: one key named "demo" ("demo-key"), 500
// datasets from seed 1, the vendor's rate limits, no faults.
func DefaultConfig() Config {
	return Config{
		APIKeys:             []APIKey{{Name: DemoKeyName, Key: DemoKey}},
		DatasetCount:        DefaultDatasetCount,
		Seed:                DefaultSeed,
		Epoch:               DefaultEpoch,
		ReadPerMinute:       DefaultReadPerMinute,
		ExtractionPerMinute: DefaultExtractionPerMinute,
		CursorLifetime:      DefaultCursorLifetime,
		Now:                 time.Now,
		After:               time.After,
	}
}

// Validate reports every setting New would refuse. Messages name the
// setting, never a key's secret.
func (c Config) Validate() error {
	var errs []error
	if len(c.APIKeys) == 0 {
		errs = append(errs, errors.New("fakeapi: at least one API key is needed"))
	}
	names, secrets := map[string]bool{}, map[string]bool{}
	for i, k := range c.APIKeys {
		switch {
		case k.Name == "":
			errs = append(errs, fmt.Errorf("fakeapi: API key %d has no name", i+1))
		case names[k.Name]:
			errs = append(errs, fmt.Errorf("fakeapi: API key name %q is used twice", k.Name))
		}
		switch {
		case k.Key == "":
			errs = append(errs, fmt.Errorf("fakeapi: API key %q is empty", k.Name))
		case secrets[k.Key]:
			errs = append(errs, fmt.Errorf("fakeapi: API key %q repeats another key", k.Name))
		}
		names[k.Name], secrets[k.Key] = true, true
	}
	if c.DatasetCount < 0 || c.DatasetCount > MaxDatasetCount {
		errs = append(errs, fmt.Errorf("fakeapi: dataset count %d is outside 0–%d", c.DatasetCount, MaxDatasetCount))
	}
	if r := c.Living; r.ArrivalsPerHour < 0 || r.ArrivalsPerHour > MaxRatePerHour || r.ReviewsPerHour < 0 || r.ReviewsPerHour > MaxRatePerHour {
		errs = append(errs, fmt.Errorf("fakeapi: arrivals and reviews per hour must be from 0 to %d (got %d and %d)", MaxRatePerHour, r.ArrivalsPerHour, r.ReviewsPerHour))
	}
	if c.ReadPerMinute < 0 || c.ExtractionPerMinute < 0 {
		errs = append(errs, errors.New("fakeapi: per-minute limits cannot be negative"))
	}
	if c.CursorLifetime < 0 {
		errs = append(errs, errors.New("fakeapi: cursor lifetime cannot be negative"))
	}
	if !(c.FaultRate >= 0 && c.FaultRate <= 1) {
		errs = append(errs, fmt.Errorf("fakeapi: fault rate %v is outside 0.0–1.0", c.FaultRate))
	}
	for _, k := range c.FaultKinds {
		if k < FaultServerError || k > FaultDroppedConnection {
			errs = append(errs, fmt.Errorf("fakeapi: unknown fault kind %d", k))
		}
	}
	return errors.Join(errs...)
}

// withDefaults fills the zero values that have no other meaning.
func (c Config) withDefaults() Config {
	if c.Epoch.IsZero() {
		c.Epoch = DefaultEpoch
	}
	if c.ReadPerMinute == 0 {
		c.ReadPerMinute = DefaultReadPerMinute
	}
	if c.ExtractionPerMinute == 0 {
		c.ExtractionPerMinute = DefaultExtractionPerMinute
	}
	if c.CursorLifetime == 0 {
		c.CursorLifetime = DefaultCursorLifetime
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.After == nil {
		c.After = time.After
	}
	return c
}
