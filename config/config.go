package config

import (
	"fmt"
	"strings"
	"time"
)

// Config is everything dxdash can be configured with. Load fills it;
// Defaults gives the values used when the file is silent.
type Config struct {
	// BaseURL is the API root, without /api/v1.
	BaseURL string
	// APIKeyEnv names the environment variable that holds the key. When
	// set, it wins over APIKey from the file.
	APIKeyEnv string
	// APIKey is the bearer token. It is a Secret so that printing a Config
	// cannot leak it; string(cfg.APIKey) is the key itself.
	APIKey Secret
	// KeySource says where APIKey came from, for the "unauthorized" help
	// screen: "env DATAEXTRACTOR_API_KEY", the config file's path, or ""
	// when there is no key. It never contains the key.
	KeySource string
	// Path is the config file that was read, or "" when none was.
	Path string

	PageSize        int           // datasets per list request, 1–100
	Timeout         time.Duration // per HTTP request
	PollInterval    time.Duration // how often rows still processing are re-fetched
	DetailCacheSize int           // datasets kept in the detail cache
	Theme           Theme
	// Store is where the local copy of the account lives: "auto" (a file
	// per account under $XDG_CACHE_HOME/dxdash), a file path, or "off"
	// (memory only).
	Store string

	RateLimits RateLimits
	Thresholds Thresholds
	Filters    Filters
	Webhooks   Webhooks
}

// Webhooks configure the receiver of the API's webhook deliveries.
type Webhooks struct {
	// Listen is the address to receive on, host:port; "" means off. A
	// port alone (":8787") binds loopback: another interface must be named
	// ("0.0.0.0:8787", "[::]:8787"). ListenAddr gives the address to bind.
	Listen string
	// Path is where deliveries are POSTed.
	Path string
	// SecretEnv names the environment variable that holds the secret;
	// several comma-separated secrets allow a rotation.
	SecretEnv string
	// Secrets are read from SecretEnv by Load (never from the file), each
	// trimmed; nil when the variable is unset or empty.
	Secrets []Secret
}

// ListenAddr is the address to bind: Listen with loopback for a missing
// host; "" when off.
func (w Webhooks) ListenAddr() string {
	if strings.HasPrefix(w.Listen, ":") {
		return "127.0.0.1" + w.Listen
	}
	return w.Listen
}

// RateLimits are the per-minute budgets the client paces itself to, before
// the server has said otherwise.
type RateLimits struct {
	ReadPerMinute       int // list and get
	ExtractionPerMinute int // upload and extract
}

// Thresholds classify a field's confidence (0–1). Below Low is low
// confidence, below Medium is middling, and a field that does not match its
// ground truth despite a confidence of High or more is "confidently wrong".
// Low <= Medium <= High.
type Thresholds struct {
	Low    float64
	Medium float64
	High   float64
}

// Filters narrow the list view when it opens. Empty strings mean no filter.
type Filters struct {
	CustomerID  string
	DatasetType string
	IsVerified  Verified
}

// Theme picks the colour palette.
type Theme string

// The themes. ThemeAuto follows the terminal's background; ThemeMono uses no
// colour at all (NO_COLOR forces it too).
const (
	ThemeAuto  Theme = "auto"
	ThemeDark  Theme = "dark"
	ThemeLight Theme = "light"
	ThemeMono  Theme = "mono"
)

// Verified is the is_verified filter: any, only verified, or only unverified.
type Verified string

// The values of the is_verified filter.
const (
	VerifiedAny   Verified = "any"
	VerifiedTrue  Verified = "true"
	VerifiedFalse Verified = "false"
)

// Bool returns the filter as the API takes it: nil for any.
func (v Verified) Bool() *bool {
	if v != VerifiedTrue && v != VerifiedFalse {
		return nil
	}
	b := v == VerifiedTrue
	return &b
}

// Secret is a string that formats as "[redacted]" under every fmt verb, so a
// Config can be logged or printed with %+v without leaking the key.
type Secret string

// Format implements fmt.Formatter.
func (Secret) Format(f fmt.State, _ rune) {
	_, _ = f.Write([]byte("[redacted]"))
}

// Defaults returns the configuration used when no file says otherwise.
func Defaults() Config {
	return Config{
		BaseURL:         "https://api.dataextractor.io",
		APIKeyEnv:       "DATAEXTRACTOR_API_KEY",
		PageSize:        50,
		Timeout:         30 * time.Second,
		PollInterval:    3 * time.Second,
		DetailCacheSize: 256,
		Theme:           ThemeAuto,
		Store:           "auto",
		RateLimits: RateLimits{
			ReadPerMinute:       60,
			ExtractionPerMinute: 10,
		},
		Thresholds: Thresholds{Low: 0.5, Medium: 0.8, High: 0.9},
		Filters:    Filters{IsVerified: VerifiedAny},
		Webhooks:   Webhooks{Path: "/webhooks/dataextractor", SecretEnv: "DATAEXTRACTOR_WEBHOOK_SECRET"},
	}
}
