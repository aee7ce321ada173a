package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// noEnv is a getenv for a process with an empty environment.
func noEnv(string) string { return "" }

func envWith(name, value string) func(string) string {
	return func(k string) string {
		if k == name {
			return value
		}
		return ""
	}
}

// writeConfig writes doc to a private config.toml in a fresh directory.
func writeConfig(t *testing.T, doc string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadMissingFileGivesDefaults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "absent.toml")
	cfg, warnings, err := Load(path, false, noEnv)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings = %v, want none", warnings)
	}
	if want := Defaults(); !reflect.DeepEqual(cfg, want) {
		t.Errorf("config = %+v, want the defaults %+v", cfg, want)
	}
	if cfg.APIKey != "" || cfg.KeySource != "" {
		t.Errorf("no file and no env, yet key source %q", cfg.KeySource)
	}
}

func TestLoadMissingExplicitFileIsAnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "absent.toml")
	_, _, err := Load(path, true, noEnv)
	var cerr *Error
	if !errors.As(err, &cerr) {
		t.Fatalf("err = %v, want a *Error", err)
	}
	if want := path + ": config file not found"; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
}

func TestLoadDirectoryIsAnError(t *testing.T) {
	dir := t.TempDir()
	_, _, err := Load(dir, false, noEnv)
	if err == nil || !strings.HasPrefix(err.Error(), dir+": cannot read the config file") {
		t.Errorf("err = %v, want a read error naming %s", err, dir)
	}
}

// TestExampleFileIsTheDefaults keeps config.example.toml honest: it must
// load cleanly, hold exactly the defaults, and mention every key.
func TestExampleFileIsTheDefaults(t *testing.T) {
	const path = "../config.example.toml"
	cfg, warnings, err := Load(path, true, noEnv)
	if err != nil {
		t.Fatalf("the example does not load: %v", err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings = %v, want none", warnings)
	}
	want := Defaults()
	want.Path = path
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("example loads as\n%+v\nwant the defaults\n%+v", cfg, want)
	}

	doc, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	set := indexKeys(doc).places
	for key := range schema {
		if key == "api_key" {
			// No default, so it is shown commented out.
			if !strings.Contains(string(doc), "# api_key = ") {
				t.Errorf("the example does not show api_key")
			}
			continue
		}
		if _, ok := set[key]; !ok {
			t.Errorf("the example does not set %s", key)
		}
	}
}

func TestStoreSetting(t *testing.T) {
	for _, ok := range []string{"auto", "off", "/tmp/dx.db", "~/dx.db", " off "} {
		if _, _, err := Load(writeConfig(t, "store = \""+ok+"\"\n"), true, noEnv); err != nil {
			t.Errorf("store = %q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "relative.db", "/tmp/folder/", "of"} {
		path := writeConfig(t, "page_size = 50\nstore = \""+bad+"\"\n")
		_, _, err := Load(path, true, noEnv)
		var e *Error
		if !errors.As(err, &e) || e.Line != 2 || e.Key != "store" {
			t.Errorf("store = %q: %v, want an error at line 2", bad, err)
		}
	}
}

func TestLoadEveryKey(t *testing.T) {
	path := writeConfig(t, `
base_url = "http://127.0.0.1:8080"
api_key_env = "DX_KEY"
api_key = "file-key"
page_size = 100
timeout = "1m30s"
poll_interval = "10s"
detail_cache_size = 16
theme = "mono"
store = "/var/cache/dxdash/work.db"
rate_limits = { read_per_minute = 120, extraction_per_minute = 5 }

[thresholds]
low = 0
medium = 0.25
high = 1

[filters]
customer_id = "cus_acme"
dataset_type = "receipt"
is_verified = "false"

[webhooks]
listen = ":8787"
path = "/hooks/dx"
secret_env = "DX_HOOK_SECRET"
`)
	cfg, _, err := Load(path, true, noEnv)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := Config{
		BaseURL:         "http://127.0.0.1:8080",
		APIKeyEnv:       "DX_KEY",
		APIKey:          "file-key",
		KeySource:       path,
		Path:            path,
		PageSize:        100,
		Timeout:         90 * time.Second,
		PollInterval:    10 * time.Second,
		DetailCacheSize: 16,
		Theme:           ThemeMono,
		Store:           "/var/cache/dxdash/work.db",
		RateLimits:      RateLimits{ReadPerMinute: 120, ExtractionPerMinute: 5},
		Thresholds:      Thresholds{Low: 0, Medium: 0.25, High: 1},
		Filters:         Filters{CustomerID: "cus_acme", DatasetType: "receipt", IsVerified: VerifiedFalse},
		Webhooks:        Webhooks{Listen: ":8787", Path: "/hooks/dx", SecretEnv: "DX_HOOK_SECRET"},
	}
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("config =\n%+v\nwant\n%+v", cfg, want)
	}
	if string(cfg.APIKey) != "file-key" {
		t.Errorf("api key not read from the file")
	}
}

func TestLoadPartialFileKeepsOtherDefaults(t *testing.T) {
	path := writeConfig(t, "[thresholds]\nhigh = 0.95\n")
	cfg, _, err := Load(path, true, noEnv)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := Defaults()
	want.Path = path
	want.Thresholds.High = 0.95
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("config = %+v, want %+v", cfg, want)
	}
}

func TestLoadErrorsNameFileLineAndKey(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		line int
		key  string
		msg  string // a substring of the message
	}{
		{"syntax: missing value", "theme = \"dark\"\npage_size = \n", 2, "page_size", "unexpected character"},
		{"syntax: in a table", "[rate_limits]\n\nread_per_minute = = 3\n", 3, "rate_limits.read_per_minute", ""},
		{"syntax: unterminated string", "base_url = \"http://x\n", 1, "base_url", ""},
		{"duplicate key", "page_size = 10\npage_size = 20\n", 2, "page_size", "already defined"},
		{"type: string for integer", "page_size = \"fifty\"\n", 1, "page_size", "want an integer, got a string"},
		{"type: float for integer", "\n\npage_size = 1.5\n", 3, "page_size", "want an integer, got a float"},
		{"type: integer for duration", "timeout = 30\n", 1, "timeout", `want a duration string such as "30s"`},
		{"type: string for threshold", "[thresholds]\nlow = \"half\"\n", 2, "thresholds.low", "want a number, got a string"},
		{"type: value for table", "rate_limits = 5\n", 1, "rate_limits", "want a table, got an integer"},
		{"type: table for value", "[theme]\nx = 1\n", 1, "theme", "want a string, got a table"},
		{"type: bool for enum", "[filters]\nis_verified = true\n", 2, "filters.is_verified", "want a string, got a boolean"},
		{"range: page_size high", "page_size = 500\n", 1, "page_size", "500 is out of range: want 1 to 100"},
		{"range: page_size zero", "page_size = 0\n", 1, "page_size", "out of range"},
		{"range: rate limit", "[rate_limits]\nextraction_per_minute = 0\n", 2, "rate_limits.extraction_per_minute", "out of range"},
		{"range: cache", "detail_cache_size = -1\n", 1, "detail_cache_size", "out of range"},
		{"range: threshold", "[thresholds]\nmedium = 1.5\n", 2, "thresholds.medium", "1.5 is out of range: want 0 to 1"},
		{"range: threshold nan", "[thresholds]\nlow = nan\n", 2, "thresholds.low", "out of range"},
		{"order: low above medium", "[thresholds]\nlow = 0.85\n", 2, "thresholds.low", "low (0.85) is above medium (0.8)"},
		{"order: medium above high", "[thresholds]\nhigh = 0.6\nmedium = 0.7\n", 2, "thresholds.high", "medium (0.7) is above high (0.6)"},
		{"duration: no unit", "timeout = \"30\"\n", 1, "timeout", `want a duration such as "30s"`},
		{"duration: words", "poll_interval = \"3 seconds\"\n", 1, "poll_interval", "want a duration"},
		{"duration: negative", "timeout = \"-5s\"\n", 1, "timeout", "-5s: want a positive duration"},
		{"duration: zero", "timeout = \"0s\"\n", 1, "timeout", "positive"},
		{"duration: poll too fast", "poll_interval = \"100ms\"\n", 1, "poll_interval", "100ms is too short: want at least 1s"},
		{"enum: theme", "theme = \"blue\"\n", 1, "theme", "want one of auto, dark, light, mono"},
		{"enum: is_verified", "[filters]\nis_verified = \"yes\"\n", 2, "filters.is_verified", `want one of "any", "true", "false"`},
		{"url: scheme", "base_url = \"ftp://example.com\"\n", 1, "base_url", "want an http:// or https:// URL"},
		{"url: no host", "base_url = \"https://\"\n", 1, "base_url", "URL"},
		{"env name", "api_key_env = \"MY KEY\"\n", 1, "api_key_env", "environment variable"},
		{"inline table value", "rate_limits = { read_per_minute = 0 }\n", 1, "rate_limits.read_per_minute", "out of range"},
		{"dotted key", "thresholds.high = 2.0\n", 1, "thresholds.high", "out of range"},
		{"unknown key", "page_size = 10\npage_sise = 20\n", 2, "page_sise", "unknown key; did you mean page_size?"},
		{"unknown table", "[rate_limit]\nread_per_minute = 1\n", 1, "rate_limit", "unknown key; did you mean rate_limits?"},
		{"unknown key in wrong table", "read_per_minute = 1\n", 1, "read_per_minute", "did you mean rate_limits.read_per_minute?"},
		{"unknown key, nothing close", "\n[filters]\ncolour = \"red\"\n", 3, "filters.colour", "unknown key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.doc)
			_, _, err := Load(path, true, noEnv)
			var cerr *Error
			if !errors.As(err, &cerr) {
				t.Fatalf("err = %v, want a *Error", err)
			}
			if cerr.File != path || cerr.Line != tt.line || cerr.Key != tt.key || !strings.Contains(cerr.Msg, tt.msg) {
				t.Errorf("got %q\nwant file %s, line %d, key %q, message containing %q", err, path, tt.line, tt.key, tt.msg)
			}
			if cerr.Column < 1 {
				t.Errorf("got %q, want a column", err)
			}
			prefix := path + ":" + strconv.Itoa(tt.line) + ":"
			if !strings.HasPrefix(err.Error(), prefix) || !strings.Contains(err.Error(), ": "+tt.key+": ") {
				t.Errorf("err = %q, want it to start %q and name %q", err, prefix, tt.key)
			}
			if strings.Contains(err.Error(), "config.file") || strings.Contains(err.Error(), "toml: ") {
				t.Errorf("err = %q leaks go-toml or Go type names", err)
			}
		})
	}
}

func TestLoadReportsEveryProblemAtOnce(t *testing.T) {
	path := writeConfig(t, `page_size = 0
colour = "red"

[rate_limits]
read_per_minte = 5

[thresholds]
high = 7
`)
	_, _, err := Load(path, true, noEnv)
	if err == nil {
		t.Fatal("Load accepted a broken file")
	}
	want := []string{
		path + ":1:1: page_size: 0 is out of range: want 1 to 100",
		path + ":2:1: colour: unknown key",
		path + ":5:1: rate_limits.read_per_minte: unknown key; did you mean rate_limits.read_per_minute?",
		path + ":8:1: thresholds.high: 7 is out of range: want 0 to 1",
	}
	if got := strings.Split(err.Error(), "\n"); !reflect.DeepEqual(got, want) {
		t.Errorf("errors =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var first *Error
	if !errors.As(err, &first) || first.Line != 1 {
		t.Errorf("errors.As gives %v, want the first problem", first)
	}
}

func TestEnvironmentKeyWinsOverFile(t *testing.T) {
	path := writeConfig(t, "api_key = \"from-file\"\n")
	cfg, _, err := Load(path, true, envWith("DATAEXTRACTOR_API_KEY", "from-env\n"))
	if err != nil {
		t.Fatal(err)
	}
	if string(cfg.APIKey) != "from-env" || cfg.KeySource != "env DATAEXTRACTOR_API_KEY" {
		t.Errorf("key %q from %q, want from-env from env DATAEXTRACTOR_API_KEY", string(cfg.APIKey), cfg.KeySource)
	}
}

func TestKeyFromFileWhenEnvironmentIsEmpty(t *testing.T) {
	path := writeConfig(t, "api_key = \"from-file\"\n")
	cfg, _, err := Load(path, true, envWith("DATAEXTRACTOR_API_KEY", "  "))
	if err != nil {
		t.Fatal(err)
	}
	if string(cfg.APIKey) != "from-file" || cfg.KeySource != path {
		t.Errorf("key %q from %q, want from-file from %s", string(cfg.APIKey), cfg.KeySource, path)
	}
}

func TestAPIKeyEnvNamesTheVariable(t *testing.T) {
	path := writeConfig(t, "api_key_env = \"DX_KEY\"\n")
	getenv := func(k string) string {
		return map[string]string{"DX_KEY": "custom-key", "DATAEXTRACTOR_API_KEY": "standard-key"}[k]
	}
	cfg, _, err := Load(path, true, getenv)
	if err != nil {
		t.Fatal(err)
	}
	if string(cfg.APIKey) != "custom-key" || cfg.KeySource != "env DX_KEY" {
		t.Errorf("key %q from %q, want custom-key from env DX_KEY", string(cfg.APIKey), cfg.KeySource)
	}
}

func TestKeyFromEnvironmentWithoutFile(t *testing.T) {
	cfg, _, err := Load(filepath.Join(t.TempDir(), "absent.toml"), false, envWith("DATAEXTRACTOR_API_KEY", "env-key-1"))
	if err != nil {
		t.Fatal(err)
	}
	if string(cfg.APIKey) != "env-key-1" || cfg.KeySource != "env DATAEXTRACTOR_API_KEY" {
		t.Errorf("key %q from %q", string(cfg.APIKey), cfg.KeySource)
	}
}

func TestPermissionWarning(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		mode os.FileMode
		warn bool
	}{
		{"key, world readable", "api_key = \"file-key\"\n", 0o644, true},
		{"key, group readable", "api_key = \"file-key\"\n", 0o640, true},
		{"key, private", "api_key = \"file-key\"\n", 0o600, false},
		{"no key, world readable", "page_size = 20\n", 0o644, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.doc)
			if err := os.Chmod(path, tt.mode); err != nil {
				t.Fatal(err)
			}
			_, warnings, err := Load(path, true, noEnv)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.warn {
				if len(warnings) != 0 {
					t.Errorf("warnings = %v, want none", warnings)
				}
				return
			}
			if len(warnings) != 1 {
				t.Fatalf("warnings = %v, want one", warnings)
			}
			w := warnings[0].String()
			if warnings[0].File != path || !strings.HasPrefix(w, path+": ") || !strings.Contains(w, "chmod 600 "+path) {
				t.Errorf("warning %q should name %s and suggest chmod 600", w, path)
			}
		})
	}
}

// TestKeyNeverInErrorsOrWarnings puts the key where a careless message
// would echo it and checks that none does.
func TestKeyNeverInErrorsOrWarnings(t *testing.T) {
	const secret = "sk_live_TOPSECRET42"
	docs := []string{
		"api_key = \"" + secret + "\\q\"\n",                            // bad escape in the key's string
		"api_key = \"" + secret + "\n",                                 // unterminated
		"api_key = \"" + secret + "\" extra\n",                         // trailing junk
		"api_key = \"" + secret + " x\"\n",                             // a space inside the key
		"api_key = \"" + secret + "\"\napi_key = \"" + secret + "\"\n", // duplicate
		"api_kye = \"" + secret + "\"\n",                               // typo: unknown key
		"[filters]\napi_key = \"" + secret + "\"\n",                    // wrong table
		"timeout = \"" + secret + "\"\n",                               // key pasted into a duration
		"theme = \"" + secret + "\"\n",                                 // ... an enum
		"base_url = \"" + secret + "\"\n",                              // ... a URL
		"api_key_env = \"" + secret + "-\"\n",                          // ... the variable name
		"[filters]\nis_verified = \"" + secret + "\"\n",
		"api_key = '''" + secret + "\n", // unterminated multi-line literal
		"api_key = " + secret + "\n",    // unquoted
	}
	for _, doc := range docs {
		path := writeConfig(t, doc)
		_, _, err := Load(path, true, noEnv)
		if err == nil {
			t.Errorf("Load accepted %q", doc)
			continue
		}
		// Not even one character of it: go-toml would quote the bad 'q'.
		if strings.Contains(err.Error(), "TOPSECRET") || strings.Contains(err.Error(), "sk_live") ||
			strings.Contains(err.Error(), "'q'") {
			t.Errorf("error for %q leaks the key: %q", doc, err)
		}
	}

	path := writeConfig(t, "api_key = \""+secret+"\"\n")
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, warnings, err := Load(path, true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) == 0 {
		t.Fatal("want a permission warning")
	}
	for _, w := range warnings {
		if strings.Contains(w.String(), "TOPSECRET") {
			t.Errorf("warning leaks the key: %q", w)
		}
	}
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		if s := sprintf(format, cfg); strings.Contains(s, "TOPSECRET") || strings.Contains(s, "544f50534543524554") {
			t.Errorf("printing the config with %s leaks the key: %s", format, s)
		}
	}
}
