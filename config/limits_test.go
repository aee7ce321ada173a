package config

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// unknownKeysDoc is n unknown keys, one a line: "k0 = 1", "k1 = 1", ...
func unknownKeysDoc(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%x=1\n", i)
	}
	return b.String()
}

// TestManyUnknownKeysAreRefusedQuickly: 100 000 unknown keys (a file just
// under the 1 MiB cap) are reported as the first 20 and a count, in time
// linear in the file. go-toml's strict mode took over 40 s for this; the
// bound below is far from that even under -race, so it fails only if the
// work is quadratic again.
func TestManyUnknownKeysAreRefusedQuickly(t *testing.T) {
	doc := unknownKeysDoc(100_000)
	if len(doc) > maxFileSize {
		t.Fatalf("setup: %d bytes, over the cap", len(doc))
	}
	path := writeConfig(t, doc)
	start := time.Now()
	_, _, err := Load(path, true, noEnv)
	took := time.Since(start)
	t.Logf("100 000 unknown keys (%d bytes) refused in %s", len(doc), took)
	if took > 5*time.Second {
		t.Errorf("took %s: parsing is not linear", took)
	}
	if err == nil {
		t.Fatal("accepted")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != maxListed+1 {
		t.Fatalf("%d lines of errors, want %d and a count", len(lines), maxListed)
	}
	if want := path + ":1:1: k0: unknown key"; lines[0] != want {
		t.Errorf("first error %q, want %q", lines[0], want)
	}
	if want := path + ":20:1: k13: unknown key"; lines[19] != want {
		t.Errorf("20th error %q, want %q", lines[19], want)
	}
	if want := path + ": and 99980 more problems, not listed"; lines[20] != want {
		t.Errorf("last line %q, want %q", lines[20], want)
	}
}

// TestProblemsAreCappedAtTwenty holds for a file go-toml decodes too: the
// unknown keys and the bad values together, sorted, the first 20 listed.
func TestProblemsAreCappedAtTwenty(t *testing.T) {
	doc := "page_size = 0\n" + unknownKeysDoc(30) + "[thresholds]\nhigh = 7\n"
	_, _, err := Load(writeConfig(t, doc), true, noEnv)
	lines := strings.Split(fmt.Sprint(err), "\n")
	if len(lines) != maxListed+1 || !strings.Contains(lines[0], "page_size: 0 is out of range") ||
		!strings.HasSuffix(lines[maxListed], ": and 12 more problems, not listed") {
		t.Errorf("errors:\n%s\nwant page_size first, 20 in all, and 12 more counted", err)
	}
	var first *Error
	if !errors.As(err, &first) || first.Key != "page_size" {
		t.Errorf("errors.As gives %+v, want the first problem", first)
	}
}

// TestManyKeysWithASyntaxError: past maxDecodedKeys the syntax error is
// still the one reported, at its line.
func TestManyKeysWithASyntaxError(t *testing.T) {
	doc := unknownKeysDoc(5000) + "broken = = 1\n"
	_, _, err := Load(writeConfig(t, doc), true, noEnv)
	var e *Error
	if !errors.As(err, &e) || e.Line != 5001 || e.Key != "broken" {
		t.Errorf("err = %v, want the syntax error at line 5001", err)
	}
}

func TestFilesOverOneMiBAreRefused(t *testing.T) {
	comment := "# " + strings.Repeat("x", 77) + "\n" // 80 bytes
	atCap := strings.Repeat(comment, maxFileSize/len(comment)) + "page_size = 20\n"
	atCap += strings.Repeat("#", maxFileSize-len(atCap))
	cfg, _, err := Load(writeConfig(t, atCap), true, noEnv)
	if err != nil || cfg.PageSize != 20 {
		t.Errorf("a file of exactly 1 MiB: page size %d, err %v", cfg.PageSize, err)
	}

	for _, size := range []int{maxFileSize + 1, 2 << 20} {
		path := writeConfig(t, strings.Repeat(comment, size/len(comment)+1)[:size])
		_, _, err := Load(path, true, noEnv)
		var e *Error
		if !errors.As(err, &e) || e.File != path || !strings.Contains(e.Msg, "larger than 1 MiB") {
			t.Errorf("%d bytes: err = %v, want a refusal saying it is over 1 MiB", size, err)
		}
	}
}

func TestAByteOrderMarkIsAccepted(t *testing.T) {
	cfg, _, err := Load(writeConfig(t, "\xef\xbb\xbfpage_size = 20\r\ntheme = \"mono\"\r\n"), true, noEnv)
	if err != nil || cfg.PageSize != 20 || cfg.Theme != ThemeMono {
		t.Errorf("page size %d, theme %q, err %v", cfg.PageSize, cfg.Theme, err)
	}
	// Positions count from after the mark, as an editor shows the line.
	_, _, err = Load(writeConfig(t, "\xef\xbb\xbfpage_size = 0\n"), true, noEnv)
	var e *Error
	if !errors.As(err, &e) || e.Line != 1 || e.Column != 1 || e.Key != "page_size" {
		t.Errorf("err = %v, want page_size at 1:1", err)
	}
}

func TestShortKeysAreRefused(t *testing.T) {
	const short = "a1Z"
	path := writeConfig(t, "page_size = 20\napi_key = \""+short+"\"\n")
	_, _, err := Load(path, true, noEnv)
	var e *Error
	if !errors.As(err, &e) || e.File != path || e.Line != 2 || e.Key != "api_key" ||
		!strings.Contains(e.Msg, "3 characters long") || !strings.Contains(e.Msg, "under 8") {
		t.Errorf("file key: err = %v, want api_key at line 2, 3 characters, under 8", err)
	}
	assertKeyNotQuoted(t, err, short)

	_, _, err = Load(writeConfig(t, ""), true, envWith("DATAEXTRACTOR_API_KEY", short))
	if !errors.As(err, &e) || !strings.Contains(err.Error(), "DATAEXTRACTOR_API_KEY") || !strings.Contains(e.Msg, "3 characters long") {
		t.Errorf("environment key: err = %v, want the variable named and the length", err)
	}
	assertKeyNotQuoted(t, err, short)

	// Eight is enough, and only the key in use is checked: the
	// environment's wins over a short one in the file.
	if _, _, err := Load(writeConfig(t, "api_key = \"12345678\"\n"), true, noEnv); err != nil {
		t.Errorf("an 8-character key: %v", err)
	}
	if _, _, err := Load(path, true, envWith("DATAEXTRACTOR_API_KEY", "a-long-enough-key")); err != nil {
		t.Errorf("a short file key under a good environment key: %v", err)
	}
}

func assertKeyNotQuoted(t *testing.T, err error, key string) {
	t.Helper()
	if msg := fmt.Sprint(err); strings.Contains(msg, `"`+key+`"`) || strings.Contains(msg, " "+key+" ") {
		t.Errorf("the message quotes the key: %s", msg)
	}
}

func BenchmarkParseUnknownKeys(b *testing.B) {
	doc := []byte(unknownKeysDoc(100_000))
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := parse("bench.toml", doc); err == nil {
			b.Fatal("accepted")
		}
	}
}
