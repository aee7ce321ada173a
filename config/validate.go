package config

import (
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// validator collects every semantic problem in a decoded file, each pinned
// to its key's line.
type validator struct {
	file   string
	places map[string]keyPlace
	errs   []*Error
}

func (v *validator) fail(key, format string, args ...any) {
	p := v.places[key] // a default value that is wrong has no place: line 0
	v.errs = append(v.errs, &Error{File: v.file, Line: p.Line, Column: p.Column, Key: key, Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) inFile(key string) bool {
	_, ok := v.places[key]
	return ok
}

var envVarName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// validate checks the values of f. Messages quote numbers and keys but no
// strings from the file: one of them might be the API key in the wrong place.
func validate(file string, f fileConfig, places map[string]keyPlace) []*Error {
	v := &validator{file: file, places: places}

	if u, err := url.Parse(f.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.fail("base_url", "want an http:// or https:// URL such as https://api.dataextractor.io")
	}
	if !envVarName.MatchString(f.APIKeyEnv) {
		v.fail("api_key_env", "want the name of an environment variable, such as DATAEXTRACTOR_API_KEY")
	}
	if strings.IndexFunc(f.APIKey, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		v.fail("api_key", "holds spaces or control characters (the key is not shown)")
	}
	v.intInRange("page_size", f.PageSize, 1, 100)
	v.duration("timeout", f.Timeout, time.Millisecond)
	v.duration("poll_interval", f.PollInterval, time.Second)
	v.intInRange("detail_cache_size", f.DetailCacheSize, 1, 1_000_000)
	switch f.Theme {
	case ThemeAuto, ThemeDark, ThemeLight, ThemeMono:
	default:
		v.fail("theme", "want one of auto, dark, light, mono")
	}

	switch store := strings.TrimSpace(f.Store); {
	case store == "auto" || store == "off":
	case store == "":
		v.fail("store", `want "auto", "off" or the path of a file`)
	case strings.ContainsRune(store, 0) || strings.HasSuffix(store, "/") || strings.HasSuffix(store, string(filepath.Separator)):
		v.fail("store", `want "auto", "off" or the path of a file, not of a folder`)
	case !filepath.IsAbs(store) && !strings.HasPrefix(store, "~/"):
		v.fail("store", "want an absolute path (or one starting with ~/), so it does not depend on where dxdash starts")
	}

	v.intInRange("rate_limits.read_per_minute", f.RateLimits.ReadPerMinute, 1, 100_000)
	v.intInRange("rate_limits.extraction_per_minute", f.RateLimits.ExtractionPerMinute, 1, 100_000)

	t := f.Thresholds
	okLow := v.fraction("thresholds.low", t.Low)
	okMedium := v.fraction("thresholds.medium", t.Medium)
	okHigh := v.fraction("thresholds.high", t.High)
	if okLow && okMedium && t.Low > t.Medium {
		v.fail(v.blame("thresholds.medium", "thresholds.low"),
			"low (%g) is above medium (%g); want low <= medium <= high", t.Low, t.Medium)
	}
	if okMedium && okHigh && t.Medium > t.High {
		v.fail(v.blame("thresholds.high", "thresholds.medium"),
			"medium (%g) is above high (%g); want low <= medium <= high", t.Medium, t.High)
	}

	switch f.Filters.IsVerified {
	case VerifiedAny, VerifiedTrue, VerifiedFalse:
	default:
		v.fail("filters.is_verified", `want one of "any", "true", "false"`)
	}

	w := f.Webhooks
	if listen := strings.TrimSpace(w.Listen); listen != "" {
		if err := CheckListen(listen); err != nil {
			v.fail("webhooks.listen", "%v", err)
		}
	}
	if !strings.HasPrefix(w.Path, "/") || strings.ContainsAny(w.Path, "?# \t") || strings.IndexFunc(w.Path, unicode.IsControl) >= 0 {
		v.fail("webhooks.path", "want a URL path starting with /, such as /webhooks/dataextractor")
	}
	if !envVarName.MatchString(w.SecretEnv) {
		v.fail("webhooks.secret_env", "want the name of an environment variable, such as DATAEXTRACTOR_WEBHOOK_SECRET")
	}
	return v.errs
}

func (v *validator) intInRange(key string, n, lo, hi int) {
	if n < lo || n > hi {
		v.fail(key, "%d is out of range: want %d to %d", n, lo, hi)
	}
}

// fraction checks a threshold and reports whether it is usable for the
// ordering checks.
func (v *validator) fraction(key string, x float64) bool {
	if !(x >= 0 && x <= 1) { // written so that NaN fails too
		v.fail(key, "%g is out of range: want 0 to 1", x)
		return false
	}
	return true
}

func (v *validator) duration(key string, text durationText, least time.Duration) {
	d, err := time.ParseDuration(string(text))
	switch {
	case err != nil:
		v.fail(key, `want a duration such as "30s" or "1m30s" (units: ms, s, m, h)`)
	case d <= 0:
		v.fail(key, "%s: want a positive duration", d)
	case d < least:
		v.fail(key, "%s is too short: want at least %s", d, least)
	}
}

// blame picks which of two keys in a broken ordering to point at: the one
// the file sets, preferring the first, since a default cannot be the typo.
func (v *validator) blame(preferred, other string) string {
	if v.inFile(preferred) || !v.inFile(other) {
		return preferred
	}
	return other
}

// CheckListen checks a listen address: host:port, the host optional
// (loopback then), the port a number (0 picks a free one).
func CheckListen(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf(`want host:port, such as "127.0.0.1:8787" (":8787" binds loopback; "0.0.0.0:8787" every interface)`)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("the port must be a number from 0 to 65535")
	}
	if strings.ContainsAny(host, " /") {
		return fmt.Errorf("the host must be an IP address or a name, without spaces or slashes")
	}
	return nil
}
